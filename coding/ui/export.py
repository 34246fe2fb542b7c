"""The Export page: framework matrix, quote tables, long CSV/XLSX and REFI-QDA, with previews.

"Build" writes the file with ``coding.service.export_project`` (names pseudonymised
by default), the page previews it by reading the file back, and the download
button hands over exactly those bytes.

While names are pseudonymised, "Names that will be replaced" lists every name the
export replaces (``coding.service.review_names``); the researcher marks a word as
"not a name", undoes that, or adds a name the model missed. Each choice is stored
at once for the whole project, and a file built before it is withdrawn, because
it no longer matches what the researcher decided.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pandas as pd
import streamlit as st

from coding.service import queries
from coding import service
from coding.anonymise.names import RESEARCHER, DetectedNames, detect_names, detection_fingerprint
from coding.errors import WorkbenchError
from coding.model import Case, slugify
from coding.ui import resources, state, widgets
from coding.ui.derive import escape_markdown
from coding.ui.previews import preview_file

KINDS = service.EXPORT_KINDS


def _quote_options(ctx: state.Context, themes, include_suggested: bool):
    from coding.exports.quotes import QuoteOptions

    infos = queries.list_transcripts(ctx.store, ctx.project_id)
    types = sorted({t.attributes.get("respondent_type", "") for t in infos} - {""})
    top = [tid for tid, info in themes.items() if info.kind != "question" and " › " not in info.path_label]
    left, right = st.columns(2)
    chosen = left.multiselect("Themes", top, format_func=lambda t: themes[t].label, placeholder="All themes",
                              key="export_quote_themes")
    kinds = right.multiselect("Respondent types", types, placeholder="All respondent types", key="export_quote_types")
    a, b, c, d = st.columns(4)
    min_words = a.number_input("Shortest quote (words)", 0, 500, 5, key="export_min_words")
    max_words = b.number_input("Longest quote (words)", 1, 2000, 250, key="export_max_words")
    per_theme = c.number_input("At most per theme (0 = all)", 0, 100, 0, key="export_per_theme")
    layout = d.selectbox("Layout", ["table", "indented"], key="export_layout")
    first = st.checkbox("One quote per interview first", value=True, key="export_one_per_case")
    return QuoteOptions(themes=chosen or None, respondent_types=kinds or None, min_words=int(min_words),
                        max_words=int(max_words), max_per_theme=int(per_theme) or None, one_per_case_first=first,
                        include_suggested=include_suggested, layout=layout)


NAME_NOT_A_NAME = "export_names_not_a_name"  # the name picked to mark as "not a name"
NAME_RESTORE = "export_names_restore"  # the "not a name" picked to replace again
NAME_ADD = "export_names_add"  # the text box for a missed name


# spaCy over every interview is the slow part; its result depends only on what the
# fingerprint digests, so a new interview or an edited attribute is a new entry.
@st.cache_data(show_spinner="Finding people's names in every interview…", max_entries=8)
def _detected(fingerprint: str, _cases: list[Case]) -> DetectedNames:
    return detect_names(_cases)


def _detect(cases: list[Case]) -> DetectedNames:
    return _detected(detection_fingerprint(cases), cases)


def _name_changed(ctx: state.Context, change, name: str, done: str) -> None:
    """Store one name choice (from a callback) and withdraw a file built under the old choices."""
    if not name:
        return
    try:
        change(ctx.store, ctx.project_id, name)
    except WorkbenchError as exc:
        widgets.leave_notice("error", escape_markdown(f"The name list was not changed: {exc}"))
        return
    st.session_state[state.EXPORT] = None
    widgets.leave_notice("success", escape_markdown(done))


def _not_a_name(ctx: state.Context, researcher_only: set[str]) -> None:
    name = st.session_state.get(NAME_NOT_A_NAME)
    st.session_state[NAME_NOT_A_NAME] = None  # the name leaves this list
    author = ctx.coder or "researcher"
    if name in researcher_only:  # a name only the researcher added: taking it back is enough
        _name_changed(ctx, service.forget_name_choice, name, f"{name} is no longer on the list of added names.")
    else:
        _name_changed(ctx, lambda s, p, n: service.exclude_name(s, p, n, author), name,
                      f"{name} is marked not a name: exports leave it as written.")


def _restore(ctx: state.Context) -> None:
    name = st.session_state.get(NAME_RESTORE)
    st.session_state[NAME_RESTORE] = None
    _name_changed(ctx, service.forget_name_choice, name, f"{name} is replaced again.")


def _add(ctx: state.Context) -> None:
    name = st.session_state.get(NAME_ADD, "")
    st.session_state[NAME_ADD] = ""  # ready for the next name
    author = ctx.coder or "researcher"
    _name_changed(ctx, lambda s, p, n: service.add_name(s, p, n, author), name.strip(),
                  f"{name.strip()} will be replaced in every export.")


def _name_review(ctx: state.Context) -> None:
    """The expander listing the names an export replaces, with the researcher's corrections."""
    with st.expander("Names that will be replaced", icon=":material/badge:"):
        widgets.notice()
        try:
            rows = service.review_names(ctx.store, ctx.project_id, detect=_detect)
        except WorkbenchError as exc:
            widgets.show_error(exc, "The names could not be listed")
            return
        st.caption("Found in speaker labels, identifying case attributes and by the names model; counts cover "
                   "the interviews, memos and summaries. Your changes are saved for the whole project at once "
                   "and apply to every export, here and from the command line.")
        if rows:
            st.dataframe(
                pd.DataFrame(
                    [[r.name, ", ".join(r.found_by) or "—", r.occurrences,
                      "not replaced (not a name)" if r.excluded else r.replaced_by or "—"] for r in rows],
                    columns=["Name", "Found by", "Occurrences", "Replaced by"],
                ),
                hide_index=True,
            )
        else:
            st.caption("No names found in this project yet.")
        replaced = [r for r in rows if not r.excluded]
        researcher_only = {r.name for r in replaced if r.found_by == (RESEARCHER,)}
        left, right = st.columns([3, 1], vertical_alignment="bottom")
        left.selectbox("A word wrongly taken for a name", [r.name for r in replaced], index=None,
                       placeholder="Choose a name", key=NAME_NOT_A_NAME)
        right.button("Not a name", key="export_names_exclude", on_click=_not_a_name, args=(ctx, researcher_only),
                     disabled=not replaced, icon=":material/block:")
        kept = [r.name for r in rows if r.excluded]
        if kept:
            left, right = st.columns([3, 1], vertical_alignment="bottom")
            left.selectbox("Marked not a name", kept, index=None, placeholder="Choose a name", key=NAME_RESTORE)
            right.button("Replace it again", key="export_names_undo", on_click=_restore, args=(ctx,),
                         icon=":material/undo:")
        with st.form("export_names_add_form", border=False):
            left, right = st.columns([3, 1], vertical_alignment="bottom")
            left.text_input("A name the model missed", key=NAME_ADD, max_chars=200,
                            placeholder="e.g. a first name mentioned once")
            right.form_submit_button("Add name", on_click=_add, args=(ctx,), icon=":material/person_add:")


def _build(ctx: state.Context, kind: str, include_suggested: bool, options, pseudonymise: bool) -> None:
    folder = Path(tempfile.mkdtemp(prefix="workbench-export-"))
    target = folder / f"{slugify(ctx.project_name)}-{kind}"
    try:
        path = service.export_project(ctx.store, ctx.project_id, kind, target, include_suggested=include_suggested,
                                      quote_options=options, pseudonymise=pseudonymise,
                                      encoder=resources.encoder() if kind == "matrix" else None,
                                      author=ctx.coder or "researcher")
        data = path.read_bytes()
        try:
            preview = preview_file(path)
        except Exception as exc:  # a preview must never hide the download
            preview = f"No preview for this file ({type(exc).__name__})."
    except WorkbenchError as exc:
        widgets.show_error(exc, "The export could not be written")
        return
    finally:
        # The bytes and preview live in this tab's state only: no built file (pseudonymised or not) stays on disk.
        shutil.rmtree(folder, ignore_errors=True)
    st.session_state[state.EXPORT] = {"kind": kind, "name": path.name, "data": data, "preview": preview}


def _show(built: dict) -> None:
    st.download_button(f"Download {built['name']}", built["data"], file_name=built["name"],
                       mime=KINDS[built["kind"]].mime, icon=":material/download:",
                       type="primary", on_click="ignore", key="export_download")
    st.caption(f"{len(built['data']):,} bytes. Preview of what the file holds:")
    preview = built["preview"]
    if isinstance(preview, str):
        st.warning(preview)
        return
    if preview.tables:
        names = list(preview.tables)
        sheet = st.selectbox("Sheet", names, key="export_sheet") if len(names) > 1 else names[0]
        st.dataframe(preview.tables[sheet], hide_index=True)
    for style, text in preview.blocks:
        if style.startswith("Heading") or style == "Title":
            st.markdown(f"**{escape_markdown(text)}**")
        else:
            st.text(text, width="stretch")
    if preview.files:
        st.caption("Package contents: " + ", ".join(preview.files[:12]) + (" …" if len(preview.files) > 12 else ""))
    if preview.xml:
        st.code(preview.xml, language="xml")


def render() -> None:
    ctx = state.require_project()
    url = st.session_state[state.DB_URL]
    st.title("Export")
    themes = resources.themes(url, ctx.project_id, resources.frames(ctx.store, ctx.project_id))
    kind = st.segmented_control("What to export", list(KINDS), format_func=lambda k: KINDS[k].label, key="export_kind",
                                default="matrix", required=True)
    st.caption(KINDS[kind].description)
    include_suggested = False
    if KINDS[kind].carries_text:
        include_suggested = st.checkbox("Include suggestions nobody has reviewed yet (marked as suggested)",
                                        key="export_include_suggested")
    pseudonymise = True
    if KINDS[kind].carries_text:
        pseudonymise = st.checkbox("Replace people's names with pseudonyms", value=True, key="export_pseudonymise",
                                   help="Participants were promised anonymity; keep this on for anything shared.")
        if pseudonymise:
            _name_review(ctx)
    options = _quote_options(ctx, themes, include_suggested) if kind == "quotes" else None
    if st.button("Build export", icon=":material/build:", key="export_build"):
        _build(ctx, kind, include_suggested, options, pseudonymise)
    built = st.session_state.get(state.EXPORT)
    if built and built["kind"] == kind:
        _show(built)


if __name__ == "__main__":  # run as a page by st.navigation (not on import)
    render()
