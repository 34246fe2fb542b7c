"""The Frame page: the coding frame as a tree (key questions marked), a theme's details and
edits (rename, describe, add, merge, split, move, delete), the cross-cutting mapping, and
the version history.

Every edit is one call to ``coding.service.edit_frame``: a new frame version with a
sentence in the history, and codes moved along when themes merge or are deleted.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from coding import service
from coding.errors import WorkbenchError
from coding.model import Frame, Theme
from coding.service import queries
from coding.ui import resources, state, widgets
from coding.ui.code_view import escape_markdown

FRAME_PICK, THEME_PICK = "frame_pick", "frame_theme_pick"
TOP = "__top__"


def _tree_markdown(frame: Frame) -> str:
    """The frame as a nested Markdown list (labels escaped): sections bold, key questions starred."""
    lines = []
    for theme, path in frame.walk():
        label = escape_markdown(theme.label)
        if theme.kind == "section":
            label = f"**{label}**"
        if theme.key:
            label = f":orange-badge[key] {label}"
        if theme.routing:
            label += f" — *{escape_markdown(theme.routing)}*"
        lines.append(f"{'    ' * len(path)}- {label}")
    return "\n".join(lines)


def _edit(url: str, project_id: int, frame_key: str, version: int, operation: str, **kwargs) -> bool:
    """One edit, refused if the frame moved on since this page showed ``version`` (another researcher's edit)."""
    author = state.coder()
    if not author:
        widgets.leave_notice(
            "warning",
            "Type your name under **Coding as** in the sidebar first: every frame version records who made it.",
        )
        return False
    try:
        service.edit_frame(
            resources.store(url),
            project_id,
            frame_key,
            operation,
            author,
            based_on_version=version,
            **kwargs,
        )
    except WorkbenchError as exc:
        widgets.leave_notice("error", f"The frame was not changed: {exc}")
        return False
    resources.clear_frame_caches()
    resources.live_registry().forget(url, project_id)  # its themes are those of the old version
    history = queries.frame_history(resources.store(url), project_id, frame_key)
    widgets.leave_notice("success", f"Version {history[0].version}: {escape_markdown(history[0].summary)}")
    return True


def _details(theme: Theme, labels: dict[str, str]) -> None:
    st.markdown(f"#### {escape_markdown(theme.label)}")
    facts = [f"id `{theme.id}`", theme.kind]  # ids are [a-z0-9_]: safe inside a code span
    if theme.key:
        facts.append("key question (must cover)")
    st.caption(" · ".join(facts))
    if theme.description:
        st.text(theme.description, width="stretch")
    if theme.keywords:
        widgets.caption("Keywords: " + ", ".join(theme.keywords))
    if theme.probes:
        st.markdown("Probes:\n" + "\n".join(f"- {escape_markdown(p)}" for p in theme.probes))
    if theme.routing:
        widgets.caption(f"Routing: {theme.routing}")
    if theme.maps_to:
        widgets.caption("Evidence for: " + ", ".join(labels.get(t, t) for t in theme.maps_to))


def _edit_forms(
    url: str, ctx: state.Context, frame: Frame, theme: Theme, everything: dict[str, str], crosscutting: dict[str, str]
) -> None:
    ids = [t.id for t, _ in frame.walk()]
    label_of = {t.id: t.label for t, _ in frame.walk()}
    args = (url, ctx.project_id, frame.id, frame.version)
    names = ["Rename and describe", "Add", "Merge", "Split", "Move", "Delete"]
    if frame.kind == "guide" and crosscutting:
        names.append("Cross-cutting")
    tabs = st.tabs(names)
    rename, add, merge, split, move, delete = tabs[:6]
    if len(tabs) > 6:
        with tabs[6], st.form(f"map_{theme.id}"):
            chosen = st.multiselect(
                "This part of the guide is evidence for",
                list(crosscutting),
                default=[c for c in theme.maps_to if c in crosscutting],
                format_func=crosscutting.__getitem__,
            )
            st.caption("Answers to it count towards these cross-cutting themes when themes are suggested.")
            if st.form_submit_button("Save mapping"):
                _edit(*args, "map_to", theme_id=theme.id, crosscutting_ids=chosen)
                st.rerun()
    with rename, st.form(f"describe_{theme.id}"):
        label = st.text_input("Label", theme.label)
        description = st.text_area("Description", theme.description, height=80)
        keywords = st.text_input("Keywords (comma separated)", ", ".join(theme.keywords))
        key = st.checkbox("Key question (must cover)", theme.key)
        if st.form_submit_button("Save"):
            changed = False
            if " ".join(label.split()) != theme.label:
                changed |= _edit(*args, "rename", theme_id=theme.id, label=label)
            new_keywords = [k.strip() for k in keywords.split(",") if k.strip()]
            if (" ".join(description.split()), new_keywords, key) != (theme.description, theme.keywords, theme.key):
                changed |= _edit(
                    *args, "describe", theme_id=theme.id, description=description, keywords=new_keywords, key=key
                )
            if not changed:
                widgets.leave_notice("info", "Nothing to change.")
            st.rerun()
    with add, st.form(f"add_{theme.id}"):
        new_label = st.text_input("New theme's label")
        under = st.radio("Where", ["Under this theme", "Beside it"], horizontal=True)
        if st.form_submit_button("Add theme"):
            path = frame.path_of(theme.id) or ()
            parent = theme.id if under == "Under this theme" else (path[-2] if len(path) > 1 else None)
            _edit(*args, "add", parent_id=parent, theme=Theme("", new_label))
            st.rerun()
    with merge, st.form(f"merge_{theme.id}"):
        target = st.selectbox(
            "Merge this theme into", [i for i in ids if i != theme.id], format_func=label_of.__getitem__
        )
        st.caption("Its codes and children move to the target; the history keeps the old version.")
        if st.form_submit_button("Merge"):
            _edit(*args, "merge", source_id=theme.id, target_id=target)
            st.rerun()
    with split, st.form(f"split_{theme.id}"):
        labels = st.text_area("New sibling themes, one per line", height=80)
        st.caption("Existing codes stay on this theme; recode them into the new ones on the Code page.")
        if st.form_submit_button("Split"):
            _edit(*args, "split", theme_id=theme.id, new_labels=labels.splitlines())
            st.rerun()
    with move, st.form(f"move_{theme.id}"):
        below = {t.id for t, _ in theme.walk()}
        parent = st.selectbox(
            "Move under",
            [TOP] + [i for i in ids if i not in below],
            format_func=lambda i: "(top level)" if i == TOP else label_of[i],
        )
        if st.form_submit_button("Move"):
            _edit(*args, "move", theme_id=theme.id, new_parent_id=None if parent == TOP else parent)
            st.rerun()
    with delete, st.form(f"delete_{theme.id}"):
        used = queries.used_theme_ids(ctx.store, ctx.project_id)
        count = sum(used.get(t.id, 0) for t, _ in theme.walk())
        st.caption(f"{count} confirmed code(s) on this theme and its children.")
        keep = st.selectbox(
            "Move its codes to",
            [None] + [i for i in everything if i not in {t.id for t, _ in theme.walk()}],
            format_func=lambda i: "(nowhere: archive it with its codes)" if i is None else everything[i],
        )
        st.caption("A theme with codes, memos or summaries is archived, never lost: restore it below.")
        if st.form_submit_button("Delete theme", type="primary"):
            _edit(*args, "delete", theme_id=theme.id, move_codes_to=keep)
            st.rerun()


def _restore(url: str, project_id: int, theme_id: str) -> None:
    author = state.coder()
    if not author:
        widgets.leave_notice(
            "warning",
            "Type your name under **Coding as** in the sidebar first: every frame version records who made it.",
        )
        return
    try:
        frame = service.restore_theme(resources.store(url), project_id, theme_id, author)
    except WorkbenchError as exc:
        widgets.leave_notice("error", f"The theme was not restored: {exc}")
        return
    resources.clear_frame_caches()
    resources.live_registry().forget(url, project_id)
    widgets.leave_notice("success", f"Restored into *{escape_markdown(frame.name)}* with its codes.")


def _archived(url: str, ctx: state.Context) -> None:
    """Themes deleted or merged away that still hold codes, memos or summaries: shown, restorable."""
    archived = queries.archived_themes(ctx.store, ctx.project_id)
    if not archived:
        return
    st.subheader("Archived themes")
    st.caption(
        "Deleted or merged themes that still hold researchers' work. Nothing on them is lost; "
        "restore one to code with it again."
    )
    names = {f.id: f.name for f in queries.load_frames(ctx.store, ctx.project_id)}
    for theme in archived:
        left, right = st.columns([4, 1], vertical_alignment="center")
        left.text(f"{theme.label}  ({theme.codes} code(s); was in {names.get(theme.frame_key, theme.frame_key)})")
        right.button(
            "Restore",
            key=f"restore_{theme.theme_key}",
            on_click=_restore,
            args=(url, ctx.project_id, theme.theme_key),
            icon=":material/unarchive:",
        )


def render() -> None:
    ctx = state.require_project()
    url = st.session_state[state.DB_URL]
    st.title("Frame")
    widgets.notice()
    frames = resources.frames(ctx.store, ctx.project_id)
    if not frames:
        st.info("No coding frame yet: import a topic guide on the Project page.")
        return
    by_id = {f.id: f for f in frames}
    if st.session_state.get(FRAME_PICK) not in by_id:
        st.session_state[FRAME_PICK] = frames[0].id
    frame = by_id[
        st.selectbox(
            "Frame", list(by_id), key=FRAME_PICK, format_func=lambda f: f"{by_id[f].name} (version {by_id[f].version})"
        )
    ]
    everything = {tid: info.path_label for tid, info in resources.themes(url, ctx.project_id, frames).items()}
    labels = {tid: info.label for tid, info in resources.themes(url, ctx.project_id, frames).items()}
    tree, detail = st.columns([1, 1], gap="large")
    with tree:
        st.markdown(_tree_markdown(frame))
        for warning in frame.warnings:
            widgets.caption(f"Import note: {warning}")
    with detail:
        ids = [t.id for t, _ in frame.walk()]
        if st.session_state.get(THEME_PICK) not in ids:
            st.session_state[THEME_PICK] = ids[0]
        theme_id = st.selectbox("Theme", ids, key=THEME_PICK, format_func=everything.__getitem__)
        theme = frame.find(theme_id)
        assert theme is not None  # theme_id is one of frame.walk()'s ids
        _details(theme, labels)
        crosscutting = {t.id: t.label for f in frames if f.kind == "crosscutting" for t, _ in f.walk()}
        _edit_forms(url, ctx, frame, theme, everything, crosscutting)

    mapping = [
        {"Guide question": q.label, "Evidence for (cross-cutting)": ", ".join(labels.get(t, t) for t in q.maps_to)}
        for f in frames
        if f.kind == "guide"
        for q in f.questions()
        if q.maps_to
    ]
    if mapping:
        st.subheader("Cross-cutting mapping")
        st.dataframe(pd.DataFrame(mapping), hide_index=True)
    _archived(url, ctx)
    st.subheader("Version history")
    history = queries.frame_history(ctx.store, ctx.project_id, frame.id)
    st.dataframe(
        pd.DataFrame(
            [
                {
                    "Version": h.version,
                    "Change": h.change_kind,
                    "Summary": h.summary,
                    "By": h.author,
                    "When": h.created_at,
                }
                for h in history
            ]
        ),
        hide_index=True,
    )


if __name__ == "__main__":  # run as a page by st.navigation (not on import)
    render()
