"""The Code page's progress line ("You have reviewed N of M", *Next unreviewed*), a fragment of its own.

A decision on an answer card reruns that card and this line, never the whole page: at
300 interviews a whole-page run took over a second in the browser, a card a fraction of
that. So that neither needs the store to know what changed, the last full run leaves in
session state which segments the coder had reviewed and the order the filters list
them in, and each card's run updates its own segment's entry; the line (which runs after
the card, in the same rerun) counts from there at once.

The card holding the keyboard focus is redrawn with it: a decision moves the focus to
the card decided on, so the card that had it is rerun too (it drops its key badges).
"""

from __future__ import annotations

from typing import NoReturn

import streamlit as st
from streamlit.errors import StreamlitAPIException

from coding.ui import code_view, state, widgets

LINE_KEY = "code_progress"  # the fragment key of the progress line


def card_key(segment_id: int) -> str:
    """The fragment key of one answer card."""
    return f"code_card_{segment_id}"


def rerun_after_decision(segment_id: int) -> NoReturn:
    """From a card's callback, after a decision stored: rerun that card, the card that held
    the keyboard focus until now, and the progress line (in that order: the line counts
    what the card has just read)."""
    ss = st.session_state
    previous = ss[state.FOCUS_SHOWN]
    ss[state.FOCUS] = ss[state.FOCUS_SHOWN] = segment_id
    keys = [card_key(segment_id)]
    if previous is not None and previous != segment_id:
        keys.append(card_key(previous))
    try:
        st.rerun([*keys, LINE_KEY])
    except StreamlitAPIException:
        # A card not registered in this session's last run (a click that raced a whole-page
        # run still drawing the cards) cannot be named: draw the whole page instead.
        st.rerun()


def progress_line() -> None:
    """Draw the line as a fragment (call once per full run of the Code page)."""
    st.fragment(_line, key=LINE_KEY)()


def _line() -> None:
    ss = st.session_state
    coder = state.coder()
    reviewed = ss[state.REVIEWED_SHOWN]
    with st.container(horizontal=True, vertical_alignment="center", gap="medium", width="content"):
        if coder:
            done = sum(1 for seen in reviewed.values() if seen)
            st.progress(
                done / len(reviewed) if reviewed else 0.0,
                text=f"You have reviewed {done} of {len(reviewed)} segments",
                width=320,
            )
        st.button(
            "Next unreviewed",
            icon=":material/skip_next:",
            shortcut="N",
            on_click=_jump,
            disabled=coder is None,
        )


def _jump() -> None:
    """Open the page at the first unreviewed segment after the focused one (wrapping round)."""
    ss = st.session_state
    listed: list[int] = ss[state.LISTED]
    start = min(ss[state.PAGE_START], max(0, len(listed) - 1))
    after = listed.index(ss[state.FOCUS]) if ss[state.FOCUS] in listed else start - 1
    target = code_view.first_unreviewed(listed, ss[state.REVIEWED_SHOWN], after) if listed else None
    if target is None:
        widgets.leave_notice("success", "You have reviewed every segment shown.")
    else:
        ss[state.PAGE_START] = target
        ss[state.FOCUS] = listed[target]
    st.rerun()  # the cards shown change: the whole page
