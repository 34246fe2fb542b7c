"""The Code page, the main room: one interview, its respondent segments, and their themes.

Each segment is a card: speaker, time and the guide question it answers, the text
(shown as plain text), and chips for the model's suggestions with their confidence
and reason. One click confirms or rejects a chip, picking from the searchable list
adds a theme, Enter saves a memo. Every action goes to the store at once, stamped
with the session's coder, and only that card redraws (a fragment), with the progress
line above the cards (``code_progress``), so coding keeps pace with reading: a decision
never redraws the whole page. Long interviews are shown a page at a time.

Keyboard: on the focused card (marked), keys 1–5 confirm its open suggestions and
Shift+1–5 reject them; N jumps to the next unreviewed segment; U undoes your last
decision.
"""

from __future__ import annotations

import streamlit as st

from coding import service
from coding.errors import WorkbenchError
from coding.model import CodeApplication, Memo, Segment
from coding.service import queries
from coding.suggest.calibration import UNSURE_BELOW
from coding.ui import code_progress, code_view, question_picker, resources, state, widgets
from coding.ui.code_view import Chip, ThemeInfo
from coding.ui.detached import detached_panel
from coding.ui.jobs import QueueFull

ACTION_WORDS = {"confirm": "Confirmed", "reject": "Rejected", "add": "Added", "remove": "Removed"}
PAGE_SIZES = (10, 20, 50, 100)
MAX_SHORTCUTS = 5


# ----- actions (callbacks: they run before the rerun they cause) -----


def _label(themes: dict[str, ThemeInfo], theme_id: str) -> str:
    info = themes.get(theme_id)
    return info.label if info else theme_id


def _decide(
    url: str,
    project_id: int,
    segment_id: int,
    theme_id: str,
    action: str,
    label: str,
    span: tuple[int, int] | None = None,
) -> bool:
    coder = state.coder()
    if coder is None:
        widgets.leave_toast("Type your name under *Coding as* in the sidebar first.", icon=":material/person:")
        return False
    live = resources.live_registry().get(url, project_id) if st.session_state[state.LEARN] else None
    try:
        if live is not None:  # stores at once, then learns and re-scores this interview's open segments
            live.decide(segment_id, theme_id, action, coder, span)
        else:
            service.decide(resources.store(url), project_id, segment_id, theme_id, action, coder, span)
    except WorkbenchError as exc:
        widgets.leave_toast(str(exc), icon=":material/error:")
        return False
    st.session_state[state.DIRTY].append(segment_id)
    st.session_state[state.FOCUS] = segment_id
    widgets.leave_toast(f"{ACTION_WORDS[action]}: {code_view.escape_markdown(label)}", icon=":material/check:")
    return True


def _click(url: str, project_id: int, segment_id: int, theme_id: str, action: str, label: str) -> None:
    """A chip's button: decide, then redraw the card and the progress line (not the page)."""
    if _decide(url, project_id, segment_id, theme_id, action, label):
        code_progress.rerun_after_decision(segment_id)


def _add_from_picker(url: str, project_id: int, segment_id: int, key: str, themes: dict[str, ThemeInfo]) -> None:
    theme_id = st.session_state.get(key)
    decided = theme_id in themes and _decide(url, project_id, segment_id, theme_id, "add", _label(themes, theme_id))
    st.session_state[key] = None
    if decided:
        code_progress.rerun_after_decision(segment_id)


def _save_memo(url: str, project_id: int, segment: Segment, transcript_id: int, key: str) -> None:
    text = (st.session_state.get(key) or "").strip()
    coder = state.coder()
    if not text:
        return
    if coder is None:
        widgets.leave_toast("Type your name under *Coding as* in the sidebar first.", icon=":material/person:")
        return
    service.add_memo(
        resources.store(url), project_id, Memo(text, coder, segment_id=segment.id, transcript_id=transcript_id)
    )
    st.session_state[key] = ""
    st.session_state[state.DIRTY].append(segment.id)
    widgets.leave_toast("Memo saved", icon=":material/sticky_note_2:")


def _code_span(
    url: str, project_id: int, segment: Segment, words_key: str, theme_key: str, themes: dict[str, ThemeInfo]
) -> None:
    theme_id = st.session_state.get(theme_key)
    if theme_id not in themes:
        widgets.leave_toast("Pick the theme for these words.", icon=":material/error:")
        return
    try:
        span = code_view.find_span(segment, st.session_state.get(words_key) or "")
    except ValueError as exc:
        widgets.leave_toast(str(exc), icon=":material/error:")
        return
    if _decide(url, project_id, segment.stored_id, theme_id, "add", _label(themes, theme_id), span):
        st.session_state[words_key] = ""
        code_progress.rerun_after_decision(segment.stored_id)


def _undo(url: str, project_id: int, themes: dict[str, ThemeInfo]) -> None:
    coder = state.coder()
    if coder is None:
        return
    live = resources.live_registry().get(url, project_id) if st.session_state[state.LEARN] else None
    undone = live.undo(coder) if live is not None else service.undo(resources.store(url), project_id, coder)
    if undone is None:
        widgets.leave_notice("info", "Nothing of yours to undo in this project.")
    else:
        word = ACTION_WORDS.get(undone.action, undone.action).lower()
        widgets.leave_notice(
            "success", f"Undid: {word} *{code_view.escape_markdown(_label(themes, undone.theme_id))}*."
        )
        st.session_state[state.FOCUS] = undone.segment_id


def _move_page(start: int) -> None:
    st.session_state[state.PAGE_START] = max(0, start)
    st.session_state[state.FOCUS] = None


def _reset_page() -> None:
    st.session_state[state.PAGE_START] = 0
    st.session_state[state.FOCUS] = None


# ----- one segment -----


def _chip(url: str, project_id: int, segment: Segment, chip: Chip, themes: dict[str, ThemeInfo], shortcut: int | None):
    label = _label(themes, chip.theme_id)
    shown = code_view.escape_markdown(label)
    key = f"{segment.id}_{chip.theme_id}"
    why = f"\n\nWhy suggested: {code_view.escape_markdown(chip.why)}" if chip.why else ""
    args = (url, project_id, segment.id, chip.theme_id)
    if chip.mine == "confirmed":
        part = " (these words only)" if chip.span else ""
        st.button(
            shown + part,
            key=f"rm_{key}",
            icon=":material/check_circle:",
            type="primary",
            help=f"Confirmed by you{part}. Click to remove your code.{why}",
            on_click=_click,
            args=(*args, "remove", label),
        )
    elif chip.mine == "rejected":
        st.button(
            f"~~{shown}~~",
            key=f"rm_{key}",
            icon=":material/block:",
            type="tertiary",
            help=f"Rejected by you. Click to withdraw the rejection.{why}",
            on_click=_click,
            args=(*args, "remove", label),
        )
    else:
        score = code_view.percent(chip.score)
        with st.container(horizontal=True, gap=None, width="content", key=f"chip_{key}"):
            st.button(
                f"{shown} · {score}" if score else shown,
                key=f"ok_{key}",
                icon=":material/check:",
                help=f"Confirm{f' (key {shortcut})' if shortcut else ''}.{why}",
                on_click=_click,
                args=(*args, "confirm", label),
                shortcut=str(shortcut) if shortcut else None,
            )
            st.button(
                "Reject",
                key=f"no_{key}",
                icon=":material/close:",
                type="tertiary",
                help=f"Reject{f' (Shift+{shortcut})' if shortcut else ''}",
                on_click=_click,
                args=(*args, "reject", label),
                shortcut=f"Shift+{shortcut}" if shortcut else None,
            )


def _why(chips: list[Chip], themes: dict[str, ThemeInfo]) -> None:
    if any(c.why for c in chips):
        with st.popover(
            "Why?", icon=":material/lightbulb:", type="tertiary", help="Why the model suggested these themes"
        ):
            for chip in chips:
                if chip.why:
                    st.markdown(
                        f"**{code_view.escape_markdown(_label(themes, chip.theme_id))}** "
                        f"{code_view.percent(chip.score)} — {code_view.escape_markdown(chip.why)}"
                    )


def _segment_card(
    url: str,
    project_id: int,
    transcript_id: int,
    segment: Segment,
    number: int,
    codes: list[CodeApplication],
    memos: list[Memo],
    question: str,
    speaker: str,
    themes: dict[str, ThemeInfo],
    pickable: list[str],
) -> None:
    """One segment, run as a fragment keyed ``code_progress.card_key``. A click here reruns only
    this card (and the progress line), so it refetches its own codes then."""
    widgets.flush_toast()
    if segment.id in st.session_state[state.DIRTY]:
        store_ = resources.store(url)
        codes = queries.codes_seen_by(store_, project_id, [segment.stored_id], state.coder())[segment.stored_id]
        memos = queries.list_memos(store_, project_id, [segment.stored_id])
    coder = state.coder()
    focused = coder is not None and st.session_state[state.FOCUS_SHOWN] == segment.id
    chips = code_view.chips(codes, coder, st.session_state[state.MIN_SCORE])
    open_chips = [c for c in chips if c.mine is None and c.score is not None]
    numbers = {c.theme_id: i + 1 for i, c in enumerate(open_chips[:MAX_SHORTCUTS])} if focused else {}
    with st.container(border=True, key=f"seg_{segment.id}"):
        head = [f"#{number}", speaker]
        if segment.time_start is not None:
            head.append(code_view.clock(segment.time_start))
        if question:
            head.append(f"answering: {question}")
        reviewed = code_view.is_reviewed(codes, coder)
        # The progress line, rerun after this card, counts from here.
        st.session_state[state.REVIEWED_SHOWN][segment.id] = reviewed
        with st.container(horizontal=True, vertical_alignment="center"):
            if focused and numbers:
                keys = "key 1" if len(numbers) == 1 else f"keys 1–{len(numbers)}"
                st.badge(keys, icon=":material/keyboard:", color="blue")
            if reviewed:
                st.badge("reviewed", icon=":material/done_all:", color="green")
            elif code_view.top_score(codes) < UNSURE_BELOW:
                # No theme clears the calibrated bar: say so, rather than offer a confident-looking chip.
                st.badge(
                    "model unsure",
                    icon=":material/help:",
                    color="orange",
                    help=f"No suggestion reaches {UNSURE_BELOW:.0%} chance of being confirmed",
                )
            widgets.caption("  ·  ".join(head))
        st.text(segment.text, width="stretch")
        question_picker.question_control(url, project_id, segment, themes, pickable)  # issue 19
        with st.container(horizontal=True, gap="small", vertical_alignment="center"):
            if not chips:
                st.caption("No suggestion above the confidence filter.")
            for chip in chips:
                _chip(url, project_id, segment, chip, themes, numbers.get(chip.theme_id))
            _why(chips, themes)
        others = [
            f"{who} {'confirmed' if status == 'confirmed' else 'rejected'} {_label(themes, c.theme_id)}"
            for c in chips
            for who, status in c.others
        ]
        if others:
            widgets.caption("Other coders: " + "; ".join(others))
        for memo in memos:
            widgets.caption(f"Memo by {memo.author}: {memo.text}")
        with st.container(horizontal=True, gap="small", vertical_alignment="bottom"):
            pick_key = f"add_{segment.id}"
            # The options never change while the card lives: a widget whose options change under
            # it can hand back a label instead of an id.
            st.selectbox(
                "Add a theme",
                pickable,
                index=None,
                key=pick_key,
                label_visibility="collapsed",
                placeholder="Add a theme (type to search)…",
                format_func=lambda t: themes[t].path_label,
                on_change=_add_from_picker,
                args=(url, project_id, segment.id, pick_key, themes),
                width=340,
            )
            memo_key = f"memo_{segment.id}"
            st.text_input(
                "Memo",
                key=memo_key,
                label_visibility="collapsed",
                width=340,
                placeholder="Memo: type and press Enter",
                on_change=_save_memo,
                args=(url, project_id, segment, transcript_id, memo_key),
            )
            with st.popover("Code part", icon=":material/format_quote:", help="Code only some words of this answer"):
                words_key, span_theme_key = f"words_{segment.id}", f"spantheme_{segment.id}"
                st.text_input("Exact words from the text", key=words_key)
                st.selectbox(
                    "Theme",
                    pickable,
                    index=None,
                    key=span_theme_key,
                    format_func=lambda t: themes[t].path_label,
                    placeholder="Choose a theme",
                )
                st.button(
                    "Code these words",
                    key=f"span_{segment.id}",
                    on_click=_code_span,
                    args=(url, project_id, segment, words_key, span_theme_key, themes),
                )


# ----- the page -----


def _filters(themes: dict[str, ThemeInfo]) -> code_view.Filters:
    with st.container(horizontal=True, vertical_alignment="bottom", gap="medium"):
        st.toggle("Unreviewed only", key=state.UNREVIEWED, on_change=_reset_page)
        st.multiselect(
            "Themes",
            list(themes),
            key=state.THEMES,
            format_func=lambda t: themes[t].label,
            placeholder="Any theme",
            on_change=_reset_page,
            width=360,
        )
        st.slider(
            "Minimum confidence",
            0.0,
            1.0,
            key=state.MIN_SCORE,
            step=0.05,
            width=220,
            help="Hide suggestions below this chance of being confirmed (calibrated by cross-validation "
            "on coded interviews: of suggestions shown at 0.6, about 6 in 10 are confirmed)",
        )
        st.selectbox(
            "Order",
            list(code_view.ORDERS),
            key=state.ORDER,
            format_func=code_view.ORDERS.__getitem__,
            on_change=_reset_page,
            width=200,
            help="By the model's confidence in its best suggestion (among the chosen themes, if any)",
        )
        st.selectbox("Per page", PAGE_SIZES, key=state.PAGE_SIZE, on_change=_reset_page, width=100)
    ss = st.session_state
    return code_view.Filters(
        ss[state.UNREVIEWED], tuple(t for t in ss[state.THEMES] if t in themes), ss[state.MIN_SCORE], ss[state.ORDER]
    )


def _transcript_picker(ctx: state.Context):
    transcripts = queries.list_transcripts(ctx.store, ctx.project_id)
    if not transcripts:
        st.info("This project has no interviews yet. Import transcripts on the Project page.")
        st.page_link("coding/ui/project.py", label="Go to Project", icon=":material/folder_open:")
        st.stop()
    by_id = {t.id: t for t in transcripts}
    if st.session_state[state.TRANSCRIPT] not in by_id:
        state.set_transcript(transcripts[0].id)
    st.selectbox(
        "Interview",
        list(by_id),
        key=state.TRANSCRIPT,
        on_change=_reset_page,
        format_func=lambda i: f"{by_id[i].name} ({by_id[i].segments} segments)",
    )
    return by_id[st.session_state[state.TRANSCRIPT]]


def _pickable(themes: dict[str, ThemeInfo], guide_key: str | None) -> list[str]:
    """The themes the add picker offers: the cross-cutting themes and this interview's own guide
    (every frame when the interview has no guide). Other guides' questions are not what its
    answers respond to, and a few hundred options on every card would slow the page."""
    if guide_key is None or not any(info.frame_id == guide_key for info in themes.values()):
        return list(themes)
    return [tid for tid, info in themes.items() if info.frame_kind == "crosscutting" or info.frame_id == guide_key]


def _question_labels(themes: dict[str, ThemeInfo]) -> dict[str, str]:
    return {tid: info.label for tid, info in themes.items() if info.kind in ("question", "section")}


def _live_suggester(url: str, project_id: int):
    """The project's warm suggester, or None while it is prepared (or cannot be yet: full queue)."""
    try:
        return resources.live_suggester(url, project_id)
    except QueueFull:  # other people's imports fill the server's queue: coding goes on without learning
        st.info(
            "Suggestions cannot start learning from your decisions yet: the server's job queue is full "
            "(imports and other work are waiting). Your decisions are stored as you make them, and the "
            "suggestions will learn from them once there is room.",
            icon=":material/hourglass_empty:",
        )
        return None


def render() -> None:
    ctx = state.require_project()
    url = st.session_state[state.DB_URL]
    st.session_state[state.DIRTY] = []  # a full run fetches everything fresh
    st.title("Code")
    widgets.notice()
    widgets.flush_toast()
    info = _transcript_picker(ctx)
    if ctx.coder is None:
        st.warning(
            "Type your name under **Coding as** in the sidebar to confirm, reject or add themes. "
            "You can read the interview meanwhile.",
            icon=":material/person:",
        )
    live = _live_suggester(url, ctx.project_id) if st.session_state[state.LEARN] else None
    if live is not None:
        live.refresh_if_stale(info.id)
    widgets.job_panel(ctx.project_id, finished=False)
    segments = resources.segments(ctx.store, url, info.id)
    codes = queries.codes_seen_by(ctx.store, ctx.project_id, [s.stored_id for s in segments], ctx.coder)
    themes = resources.themes(url, ctx.project_id, resources.frames(ctx.store, ctx.project_id))
    filters = _filters(themes)
    visible = code_view.visible_segments(segments, codes, ctx.coder, filters)

    ss = st.session_state
    ss[state.REVIEWED_SHOWN] = {s.id: code_view.is_reviewed(codes.get(s.id, []), ctx.coder) for s in segments}
    ss[state.LISTED] = [s.id for s in visible]
    start = min(ss[state.PAGE_START], max(0, len(visible) - 1))
    size = ss[state.PAGE_SIZE]
    page = visible[start : start + size]
    focus = (
        ss[state.FOCUS]
        if ss[state.FOCUS] in {s.id for s in page}
        else next((s.id for s in page if not ss[state.REVIEWED_SHOWN][s.id]), page[0].id if page else None)
    )
    ss[state.FOCUS_SHOWN] = focus

    with st.container(horizontal=True, vertical_alignment="center", gap="medium"):
        code_progress.progress_line()
        st.button(
            "Undo my last decision",
            icon=":material/undo:",
            shortcut="U",
            on_click=_undo,
            args=(url, ctx.project_id, themes),
            disabled=ctx.coder is None,
        )
        st.toggle(
            "Learn as I code",
            key=state.LEARN,
            help="Each confirm and reject teaches the model, which re-scores the segments of this "
            "interview nobody has reviewed yet.",
        )
    if segments and live is None and service.suggestions_stale(ctx.store, ctx.project_id, info.id):
        widgets.caption(
            "Suggestions were computed before the latest decisions in this project"
            + (
                "; they will learn from them once the model is ready."
                if st.session_state[state.LEARN]
                else "; turn on *Learn as I code* or refresh them on the Project page."
            )
        )

    detached_panel(url, ctx.project_id, info.id, segments, themes)
    if not visible:
        st.success("No segment matches the filters." if segments else "This interview has no respondent segments.")
        return
    memos_by_segment: dict[int | None, list[Memo]] = {}
    for memo in queries.list_memos(ctx.store, ctx.project_id, [s.stored_id for s in page]):
        memos_by_segment.setdefault(memo.segment_id, []).append(memo)
    questions = _question_labels(themes)
    number = {s.id: i + 1 for i, s in enumerate(segments)}
    speakers = resources.speaker_labels(ctx.store, url, info.id)
    pickable = _pickable(themes, info.guide_key)
    for segment in page:
        st.fragment(_segment_card, key=code_progress.card_key(segment.stored_id))(
            url,
            ctx.project_id,
            info.id,
            segment,
            number[segment.id],
            codes.get(segment.id, []),
            memos_by_segment.get(segment.id, []),
            questions.get(segment.question_id or "", ""),
            speakers.get(segment.speaker, segment.speaker),
            themes,
            pickable,
        )

    with st.container(horizontal=True, vertical_alignment="center", gap="medium"):
        st.button(
            "Previous", icon=":material/chevron_left:", disabled=start == 0, on_click=_move_page, args=(start - size,)
        )
        st.caption(
            f"Segments {start + 1}–{start + len(page)} of {len(visible)} shown"
            + (f" ({len(segments)} in the interview)" if len(visible) != len(segments) else "")
        )
        st.button(
            "Next",
            icon=":material/chevron_right:",
            disabled=start + size >= len(visible),
            on_click=_move_page,
            args=(start + size,),
        )


if __name__ == "__main__":  # run as a page by st.navigation (not on import)
    render()
