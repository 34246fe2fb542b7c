"""The Project page: open or create a project, import topic guides and transcripts, edit case
attributes, (re)compute suggestions.

Guides import at once (parsing is quick). Transcripts, encoding and suggesting run as
background jobs (``coding/ui/jobs.py``) with a bar and counts, so the page stays usable
and a closed tab does not stop an import. Problems are said in plain words: the file
and what was wrong with it, never a traceback.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path

import pandas as pd
import streamlit as st

from coding import service
from coding.errors import WorkbenchError
from coding.service import queries
from coding.ui import resources, state, widgets
from coding.ui.code_view import attribute_updates, escape_markdown

GUIDE_TYPES = ["docx", "txt", "md", "pdf", "odt", "yaml", "yml", "json", "qdc"]
TRANSCRIPT_TYPES = ["docx", "txt", "md", "vtt", "srt", "odt", "pdf"]
ATTRIBUTE_TYPES = ["csv", "xlsx"]
AUTO_GUIDE = "__auto__"


def shipped_files(folder: str, suffixes: list[str]) -> list[Path]:
    """Files the workbench ships in ``topic_guides/`` or ``transcripts/`` (none when absent)."""
    root = state.ROOT / folder
    if not root.is_dir():
        return []
    return sorted(p for p in root.rglob("*") if p.is_file() and p.suffix.lower().lstrip(".") in suffixes)


UPLOAD_PREFIX = "workbench-upload-"
STALE_UPLOAD_SECONDS = 24 * 3600


def _unique_name(name: str, taken: set[str]) -> str:
    """``name``, or ``name (2)``, ``name (3)`` … before the extension when the batch has it already."""
    stem, suffix, n = Path(name).stem, Path(name).suffix, 2
    unique = name
    while unique.lower() in taken:
        unique, n = f"{stem} ({n}){suffix}", n + 1
    taken.add(unique.lower())
    return unique


def _save_uploads(uploads) -> tuple[list[Path], dict[str, str]]:
    """Uploaded files written to a private temporary folder, each in its own numbered folder so two
    uploads with one name never overwrite each other; ``names`` maps each path to a name unique in
    the batch (``notes.docx``, ``notes (2).docx``). ``_drop_uploads`` deletes them when done."""
    if not uploads:
        return [], {}
    folder = Path(tempfile.mkdtemp(prefix=UPLOAD_PREFIX))
    paths: list[Path] = []
    names: dict[str, str] = {}
    taken: set[str] = set()
    for number, upload in enumerate(uploads or [], start=1):
        name = _unique_name(Path(upload.name).name, taken)
        path = folder / f"{number:03d}" / name
        path.parent.mkdir()
        with open(path, "wb") as handle:
            handle.write(upload.getbuffer())  # no second copy of a large upload
        paths.append(path)
        names[str(path)] = name
    return paths, names


def _drop_uploads(paths: list[Path]) -> None:
    """Delete the temporary folders these uploads were saved in (shipped files are left alone)."""
    for folder in {p for path in paths for p in Path(path).parents if p.name.startswith(UPLOAD_PREFIX)}:
        shutil.rmtree(folder, ignore_errors=True)


def _sweep_stale_uploads() -> None:
    """Uploads left by a server that stopped mid-import: deleted once they are a day old."""
    cutoff = time.time() - STALE_UPLOAD_SECONDS
    for folder in Path(tempfile.gettempdir()).glob(f"{UPLOAD_PREFIX}*"):
        try:
            if folder.is_dir() and folder.stat().st_mtime < cutoff:
                shutil.rmtree(folder, ignore_errors=True)
        except OSError:
            pass


# ----- open / create -----


def _open_project(key: str) -> None:
    state.set_project(st.session_state[key])


def _create_project(url: str, key: str) -> None:
    name = (st.session_state.get(key) or "").strip()
    try:
        project_id = service.create_project(resources.store(url), name, crosscutting=False)
    except WorkbenchError as exc:
        widgets.leave_notice("error", str(exc))
        return
    state.set_project(project_id)
    st.session_state[key] = ""
    widgets.leave_notice("success", f"Created the project *{name}*.")


def _project_picker(store_, url: str) -> None:
    existing = queries.list_projects(store_)
    names = {p.id: p.name for p in existing}
    left, right = st.columns([3, 2], vertical_alignment="bottom")
    with left:
        if existing:
            current = st.session_state[state.PROJECT]
            st.session_state["project_pick"] = current if current in names else None
            st.selectbox(
                "Open a project",
                list(names),
                key="project_pick",
                format_func=names.__getitem__,
                placeholder="Choose a project",
                on_change=_open_project,
                args=("project_pick",),
            )
        else:
            st.info("The store has no project yet: create one.")
    with right:
        with st.form("create_project", border=False, enter_to_submit=True):
            st.text_input("New project name", key="new_project_name", placeholder="e.g. Resettlement pilot, wave 2")
            st.form_submit_button(
                "Create project", icon=":material/add:", on_click=_create_project, args=(url, "new_project_name")
            )


def _restore_panel(url: str) -> None:
    with st.expander("Open a project from NVivo, ATLAS.ti or MAXQDA (REFI-QDA .qdpx)"):
        upload = st.file_uploader("REFI-QDA project", type=["qdpx"], key="qdpx_upload")
        if upload is not None and st.button("Restore as a new project", icon=":material/unarchive:"):
            from coding.service.restore import restore_qdpx

            paths, names = _save_uploads([upload])
            try:
                with st.spinner("Restoring the project…"):
                    report = restore_qdpx(resources.store(url), paths[0], name=Path(names[str(paths[0])]).stem)
            except WorkbenchError as exc:
                st.error(f"The project was not restored: {exc}")
                return
            finally:
                _drop_uploads(paths)
            state.set_project(report.project_id)
            notes = import_notes(Path(names[str(paths[0])]).name, report.warnings)
            widgets.leave_notice(
                "warning" if notes else "success",
                f"Restored *{report.name}*: {report.cases} interviews, {report.codes} codes. "
                "Refresh suggestions on the Suggestions tab to have the model propose themes."
                + ("\n\nRead with these notes:\n\n" + "\n".join(notes) if notes else ""),
            )
            st.rerun()


def import_notes(file_name: str, warnings: list[str]) -> list[str]:
    """Markdown list lines for what an import read past (e.g. a REFI-QDA file's harmless deviations
    from the schema). Each warning is shown as code, so "<Sets>" reads as written, never as markup."""
    return [f"- **{escape_markdown(file_name)}**: `{warning.replace('`', chr(39))}`" for warning in warnings]


# ----- guides -----


def _import_guides(url: str, project_id: int, paths: list[Path], names: dict[str, str]) -> None:
    store_ = resources.store(url)
    done: list[str] = []
    problems: list[str] = []
    notes: list[str] = []
    for path in paths:
        shown = names.get(str(path), path.name)
        try:
            frames = service.import_guide(store_, project_id, path, author=state.coder() or "system")
            done.extend(f.name for f in frames)
            notes += import_notes(shown, [w for f in frames for w in f.warnings])
        except WorkbenchError as exc:
            problems.append(f"**{shown}** was not imported: {exc}")
    resources.clear_frame_caches()
    if done:
        widgets.leave_notice(
            "warning" if notes else "success",
            "Imported "
            + ", ".join(f"*{n}*" for n in done)
            + "."
            + ("\n\nRead with these notes:\n\n" + "\n".join(notes) if notes else "")
            + ("\n\n" + "\n\n".join(problems) if problems else ""),
        )
    elif problems:
        widgets.leave_notice("error", "\n\n".join(problems))


def _add_crosscutting(url: str, project_id: int) -> None:
    try:
        frame = service.add_crosscutting_frame(resources.store(url), project_id)
    except WorkbenchError as exc:
        widgets.leave_notice("error", str(exc))
        return
    resources.clear_frame_caches()
    widgets.leave_notice("success", f"Added *{frame.name}*.")


def _guides_tab(ctx: state.Context, url: str) -> None:
    frames = resources.frames(ctx.store, ctx.project_id)
    if frames:
        st.dataframe(
            pd.DataFrame(
                [
                    {
                        "Frame": f.name,
                        "Kind": "cross-cutting" if f.kind == "crosscutting" else "topic guide",
                        "Questions": len(f.questions()),
                        "Themes": sum(1 for _ in f.walk()),
                        "Version": f.version,
                        "Source": f.source,
                    }
                    for f in frames
                ]
            ),
            hide_index=True,
        )
    else:
        st.caption("No coding frame yet: import a topic guide or a frame file.")
    if not any(f.kind == "crosscutting" for f in frames):
        st.button(
            "Add the shipped cross-cutting themes",
            icon=":material/hub:",
            on_click=_add_crosscutting,
            args=(url, ctx.project_id),
        )
    uploads = st.file_uploader(
        "Upload topic guides or frame files", type=GUIDE_TYPES, accept_multiple_files=True, key="guide_uploads"
    )
    shipped = shipped_files("topic_guides", GUIDE_TYPES)
    picked = (
        st.multiselect(
            "…or pick shipped guides",
            shipped,
            format_func=lambda p: p.name,
            key="guide_picks",
            placeholder="Guides in topic_guides/",
        )
        if shipped
        else []
    )
    if st.button("Import guides", icon=":material/upload_file:", disabled=not (uploads or picked)):
        paths, names = _save_uploads(uploads)
        try:
            _import_guides(url, ctx.project_id, paths + list(picked), names)
        finally:
            _drop_uploads(paths)
        st.rerun()


# ----- transcripts (a background job) -----


def _import_job(
    url: str,
    project_id: int,
    paths: list[Path],
    names: dict[str, str],
    guide_key: str | None,
    sidecar_path: Path | None,
    suggest: bool,
):
    """The import as a queued job: each file stored whole or not at all, words counted for the bar,
    cancellable between files (``jobs.JobCancelled``), the uploaded copies deleted however it ends."""
    author = state.coder()  # read here, in the page's run: the job's thread has no session

    def work(progress, job):
        try:
            store_ = resources.store(url)
            sidecar = None
            if sidecar_path is not None:
                from coding.transcripts.attributes import read_case_attributes

                sidecar = read_case_attributes(sidecar_path)
            progress(0, len(paths), "Loading the sentence model")
            encoder = resources.encoder()
            report = service.import_transcripts(
                store_,
                project_id,
                paths,
                encoder,
                guide_key,
                None,
                sidecar,
                progress=progress,
                names=names,
                words=job.add_words,
                author=author,
            )
            messages = (
                [
                    (
                        "success",
                        f"Imported {len(report.imported)} of {len(paths)} interviews: "
                        + ", ".join(name for name, _ in report.imported),
                    )
                ]
                if report.imported
                else []
            )
            messages += [("error", f"{name} was not imported: {reason}") for name, reason in report.failed]
            messages += [("warning", f"{name}: {warning}") for name, warning in report.warnings]
            if suggest and report.imported:
                scored = service.suggest_project(
                    store_, project_id, encoder, [tid for _, tid in report.imported], progress=progress
                )
                messages.append(("info", f"Suggested themes for {scored} segments."))
            return messages
        finally:
            _drop_uploads([*paths, *([sidecar_path] if sidecar_path else [])])

    return work


def _suggest_job(url: str, project_id: int):
    def work(progress):
        progress(0, 1, "Loading the sentence model")
        scored = service.suggest_project(resources.store(url), project_id, resources.encoder(), None, progress)
        return [("success", f"Suggestions refreshed for {scored} segments, learning from every decision so far.")]

    return work


def _transcripts_tab(ctx: state.Context, url: str) -> None:
    uploads = st.file_uploader(
        "Upload transcripts", type=TRANSCRIPT_TYPES, accept_multiple_files=True, key="transcript_uploads"
    )
    shipped = shipped_files("transcripts", TRANSCRIPT_TYPES)
    picked = (
        st.multiselect(
            "…or pick shipped transcripts",
            shipped,
            format_func=lambda p: p.name,
            key="transcript_picks",
            placeholder="Files in transcripts/",
        )
        if shipped
        else []
    )
    guides = [f for f in resources.frames(ctx.store, ctx.project_id) if f.kind == "guide"]
    options = [AUTO_GUIDE] + [g.id for g in guides]
    labels = {AUTO_GUIDE: "Work it out from the interviewer's questions", **{g.id: g.name for g in guides}}
    left, right = st.columns(2)
    guide = left.selectbox(
        "Topic guide the interviews follow", options, format_func=labels.__getitem__, key="import_guide"
    )
    sidecar = right.file_uploader(
        "Case attributes (optional CSV/XLSX, a 'file' column and one per attribute)",
        type=ATTRIBUTE_TYPES,
        key="attribute_upload",
    )
    suggest = st.checkbox("Suggest themes after importing", value=True, key="import_suggest")
    if st.button("Import transcripts", icon=":material/upload_file:", type="primary", disabled=not (uploads or picked)):
        paths, names = _save_uploads(uploads)
        sidecar_paths, _ = _save_uploads([sidecar] if sidecar else [])
        paths += list(picked)
        try:
            resources.jobs().start(
                ctx.project_id,
                f"Importing {len(paths)} transcript{'s' if len(paths) != 1 else ''}",
                _import_job(
                    url,
                    ctx.project_id,
                    paths,
                    names,
                    None if guide == AUTO_GUIDE else guide,
                    sidecar_paths[0] if sidecar_paths else None,
                    suggest,
                ),
            )
        except WorkbenchError as exc:  # the queue is full: nothing was started
            _drop_uploads(paths + sidecar_paths)
            widgets.leave_notice("error", str(exc))
        st.rerun()


def _interviews_table(ctx: state.Context) -> None:
    infos = queries.list_transcripts(ctx.store, ctx.project_id)
    if not infos:
        st.caption("No interviews yet.")
        return
    st.dataframe(
        pd.DataFrame(
            [
                {
                    "Interview": t.name,
                    "File": t.source_file,
                    "Guide": t.guide_key or "—",
                    "Segments": t.segments,
                    "Key questions missed": len(t.coverage.get("key_questions_missed", [])),
                    "Import notes": "; ".join(t.warnings),
                }
                for t in infos
            ]
        ),
        hide_index=True,
    )


# ----- case attributes -----


def _save_attributes(url: str, ids: list[int], table: pd.DataFrame, key: str) -> None:
    edits = st.session_state[key].get("edited_rows", {})
    rows = [
        {c: ("" if pd.isna(v) else str(v)) for c, v in r.items() if c != "Interview"} for r in table.to_dict("records")
    ]
    store_ = resources.store(url)
    for transcript_id, attributes in attribute_updates(rows, ids, edits).items():
        service.update_attributes(store_, transcript_id, attributes, author=state.coder())
    if edits:
        st.toast("Case attributes saved", icon=":material/save:")


def _add_attribute(url: str, ids: list[int], key: str) -> None:
    name = (st.session_state.get(key) or "").strip()
    if not name:
        return
    store_ = resources.store(url)
    for tid in ids:
        info = queries.get_transcript_info(store_, tid)
        if name not in info.attributes:
            service.update_attributes(store_, tid, {**info.attributes, name: ""}, author=state.coder())
    st.session_state[key] = ""


def _attributes_tab(ctx: state.Context, url: str) -> None:
    infos = queries.list_transcripts(ctx.store, ctx.project_id)
    if not infos:
        st.caption("Case attributes appear here once interviews are imported.")
        return
    columns = list(dict.fromkeys(k for t in infos for k in t.attributes))
    table = pd.DataFrame(
        [{"Interview": t.name, **{c: t.attributes.get(c, "") for c in columns}} for t in infos]
    ).astype("string")
    ids = [t.id for t in infos]
    key = f"attributes_{ctx.project_id}"
    st.caption("Edit a cell and it is saved at once. Exports and quote attributions use these values.")
    st.data_editor(
        table,
        key=key,
        hide_index=True,
        disabled=["Interview"],
        num_rows="fixed",
        on_change=_save_attributes,
        args=(url, ids, table, key),
    )
    with st.form("add_attribute", border=False):
        st.text_input("Add an attribute column", key="new_attribute", placeholder="e.g. wave")
        st.form_submit_button("Add column", on_click=_add_attribute, args=(url, ids, "new_attribute"))


# ----- the page -----


def render() -> None:
    store_ = state.store()
    url = st.session_state[state.DB_URL]
    st.title("Project")
    widgets.notice()
    _project_picker(store_, url)
    _restore_panel(url)
    if st.session_state[state.PROJECT] is None:
        st.caption(f"Projects are kept in `{store_.describe()}`.")
        return
    _sweep_stale_uploads()
    ctx = state.require_project()
    infos = queries.list_transcripts(ctx.store, ctx.project_id)
    frames = resources.frames(ctx.store, ctx.project_id)
    with st.container(horizontal=True):
        st.metric("Interviews", len(infos), border=True)
        st.metric("Segments to code", sum(t.segments for t in infos), border=True)
        st.metric("Themes", sum(1 for f in frames for _ in f.walk()), border=True)
        st.metric("Decisions", queries.decision_count(ctx.store, ctx.project_id), border=True)
    st.caption(f"Stored in `{ctx.store.describe()}` — every decision is written there at once.")
    widgets.job_panel(ctx.project_id)
    guides, transcripts, attributes, suggestions = st.tabs(
        ["Topic guides", "Transcripts", "Case attributes", "Suggestions"]
    )
    with guides:
        _guides_tab(ctx, url)
    with transcripts:
        _interviews_table(ctx)
        _transcripts_tab(ctx, url)
    with attributes:
        _attributes_tab(ctx, url)
    with suggestions:
        st.caption(
            "The model learns from every confirm and reject. Refresh to apply what it has learned to "
            "every interview (this loads the sentence model the first time, about 10 seconds)."
        )
        if st.button(
            "Refresh suggestions for all interviews",
            icon=":material/auto_awesome:",
            disabled=not infos or bool(resources.jobs().running(ctx.project_id)),
        ):
            try:
                resources.jobs().start(ctx.project_id, "Refreshing suggestions", _suggest_job(url, ctx.project_id))
            except WorkbenchError as exc:  # the queue is full
                widgets.leave_notice("error", str(exc))
            st.rerun()


if __name__ == "__main__":  # run as a page by st.navigation (not on import)
    render()
