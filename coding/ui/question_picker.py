"""The guide question an answer responds to, on the Code page, and how many are unsure on the Coverage page.

An answer whose question the aligner was unsure of (confidence below
``UNSURE_BELOW``) is flagged on its card with the question picker open: choosing
the right question is one step. Every other answer keeps the picker behind a
small "Change question" popover. A change goes through
``service.set_answer_question`` (who and when are stored, the interview's
coverage is recomputed at once, the answer's codes stay).
"""

from __future__ import annotations

import streamlit as st

from coding import service
from coding.errors import WorkbenchError
from coding.model import Segment
from coding.transcripts.align import UNSURE_BELOW
from coding.ui import code_view, resources, state, widgets
from coding.ui.code_view import ThemeInfo

_CHANGED = "question_picker_changed"  # a question was changed: the whole page redraws (header, counts)


def question_control(
    url: str, project_id: int, segment: Segment, themes: dict[str, ThemeInfo], pickable: list[str]
) -> None:
    """The answer's question, flagged when unsure, changeable in one step."""
    if st.session_state.pop(_CHANGED, False):
        st.rerun(scope="app")
    if segment.role != "respondent":
        return
    options: list[str | None] = [None] + [
        tid for tid in pickable if themes[tid].kind == "question" and themes[tid].frame_kind != "crosscutting"
    ]
    if len(options) == 1:
        return
    record = service.answer_question(resources.store(url), segment.stored_id)
    current = segment.question_id if segment.question_id in options else None
    unsure = (
        record is not None
        and record.set_by is None
        and record.confidence is not None
        and record.confidence < UNSURE_BELOW
    )
    key = f"question_{segment.id}"
    st.session_state[key] = current  # the stored question, whatever this session picked before

    def picker() -> None:
        st.selectbox(
            "Guide question this answer responds to",
            options,
            key=key,
            format_func=lambda tid: "(no guide question)" if tid is None else themes[tid].path_label,
            on_change=_change,
            args=(url, project_id, segment.id, key),
            disabled=state.coder() is None,
            help=None if state.coder() else "Choose your coder name first.",
        )

    if unsure:
        st.caption(
            f":orange[:material/help: The guide question is unsure "
            f"({code_view.percent(record.confidence)}): is this the right one?]"
        )
        picker()
        return
    with st.container(horizontal=True, vertical_alignment="center"):
        if record is not None and record.set_by:
            st.caption(
                f"Question set by {code_view.escape_markdown(record.set_by)}"
                + (f", {record.set_at:%d %b %Y %H:%M}" if record.set_at else "")
            )
        with st.popover("Change question", icon=":material/edit:"):
            picker()


def _change(url: str, project_id: int, segment_id: int, key: str) -> None:
    coder = state.coder()
    if coder is None:
        return
    try:
        service.set_answer_question(resources.store(url), project_id, segment_id, st.session_state[key], coder)
    except WorkbenchError as exc:
        widgets.leave_toast(str(exc), ":material/error:")
        return
    st.session_state[_CHANGED] = True


def unsure_caption(store, project_id: int) -> None:
    """The Coverage page's line: how many answers' questions are unsure, and where to check them."""
    unsure = service.unsure_answers(store, project_id)
    if unsure:
        st.caption(
            f"{unsure} answers are tied to their guide question with low confidence (below "
            f"{code_view.percent(UNSURE_BELOW)}); coverage counts them as aligned. Check them on the "
            "Code page, where each is flagged."
        )
    else:
        st.caption("Every answer's guide question was aligned with confidence or checked by a researcher.")
