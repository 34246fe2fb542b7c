"""The Code page's list of codes whose words left every answer (after a role correction), to re-attach."""

from __future__ import annotations

from typing import cast

import streamlit as st

from coding import service
from coding.errors import WorkbenchError
from coding.model import Segment
from coding.service import queries
from coding.ui import resources, widgets
from coding.ui.code_view import ThemeInfo


def _reattach(url: str, detached_id: int, key: str) -> None:
    segment_id = cast(int, st.session_state.get(key))  # the selectbox of this code's answers, never empty
    try:
        service.reattach_detached_code(resources.store(url), detached_id, segment_id)
    except WorkbenchError as exc:
        widgets.leave_notice("error", f"The code was not re-attached: {exc}")
        return
    widgets.leave_notice("success", "Re-attached.")


def detached_panel(
    url: str, project_id: int, transcript_id: int, segments: list[Segment], themes: dict[str, ThemeInfo]
) -> None:
    """Nothing is shown when every code of this interview sits on an answer."""
    waiting = queries.list_detached_codes(resources.store(url), project_id, transcript_id)
    if not waiting or not segments:
        return
    with st.expander(f"Codes waiting to be re-attached ({len(waiting)})", icon=":material/link_off:"):
        st.caption(
            "A speaker's role was corrected and these codes' words are no longer in any answer. "
            "Nothing was dropped: choose the answer each belongs to."
        )
        number = {s.id: i + 1 for i, s in enumerate(segments)}
        for code in waiting:
            label = themes[code.theme_id].label if code.theme_id in themes else code.theme_id
            st.text(f"{label} — {code.status} by {code.coder}: “{code.text[:160]}”")
            key = f"reattach_{code.id}"
            left, right = st.columns([4, 1], vertical_alignment="bottom")
            left.selectbox(
                "Answer",
                [s.id for s in segments],
                key=key,
                format_func=lambda sid: f"{number[sid]}. {next(s.text for s in segments if s.id == sid)[:80]}",
            )
            right.button("Re-attach", key=f"{key}_go", on_click=_reattach, args=(url, code.id, key))
