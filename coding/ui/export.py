"""The Export page: framework matrix, quote tables, long CSV/XLSX and REFI-QDA, with previews.

"Build" writes the file with ``coding.service.export_project`` (names pseudonymised
by default), the page previews it by reading the file back, and the download
button hands over exactly those bytes.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import streamlit as st

from coding import service
from coding.errors import WorkbenchError
from coding.model import slugify
from coding.store import transcripts as store_transcripts
from coding.ui import resources, state, widgets
from coding.ui.derive import escape_markdown
from coding.ui.previews import preview_file

KINDS = {
    "matrix": ("Framework matrix", "Excel: one sheet per theme, a row per interview, an overview sheet."),
    "quotes": ("Quote table", "Word: quotes grouped by theme with attributions, ready for a report."),
    "csv": ("Long CSV", "One row per coded segment, for pandas and R."),
    "xlsx": ("Long XLSX", "The long table as an Excel sheet."),
    "qdpx": ("REFI-QDA project", ".qdpx for NVivo, ATLAS.ti and MAXQDA: sources, codes, codings, memos."),
    "qdc": ("REFI-QDA codebook", ".qdc: the coding frames only, no interview text."),
}
MIME = {
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".csv": "text/csv",
    ".qdpx": "application/zip",
    ".qdc": "application/xml",
}


def _quote_options(ctx: state.Context, themes, include_suggested: bool):
    from coding.exports.quotes import QuoteOptions

    infos = store_transcripts.list_transcripts(ctx.store, ctx.project_id)
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


def _build(ctx: state.Context, kind: str, include_suggested: bool, options, pseudonymise: bool) -> None:
    folder = Path(tempfile.mkdtemp(prefix="workbench-export-"))
    target = folder / f"{slugify(ctx.project_name)}-{kind}"
    try:
        path = service.export_project(ctx.store, ctx.project_id, kind, target, include_suggested=include_suggested,
                                      quote_options=options, pseudonymise=pseudonymise)
    except (WorkbenchError, ImportError) as exc:
        widgets.show_error(exc, "The export could not be written")
        return
    st.session_state[state.EXPORT] = {"kind": kind, "name": path.name, "path": str(path), "data": path.read_bytes()}


def _show(built: dict) -> None:
    path = Path(built["path"])
    st.download_button(f"Download {built['name']}", built["data"], file_name=built["name"],
                       mime=MIME.get(path.suffix.lower(), "application/octet-stream"), icon=":material/download:",
                       type="primary", on_click="ignore", key="export_download")
    st.caption(f"{len(built['data']):,} bytes. Preview of what the file holds:")
    try:
        preview = preview_file(path)
    except Exception as exc:  # a preview must never hide the download
        st.warning(f"No preview for this file ({type(exc).__name__}).")
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
    kind = st.segmented_control("What to export", list(KINDS), format_func=lambda k: KINDS[k][0], key="export_kind",
                                default="matrix", required=True)
    st.caption(KINDS[kind][1])
    include_suggested = False
    if kind in ("matrix", "quotes", "csv", "xlsx", "qdpx"):
        include_suggested = st.checkbox("Include suggestions nobody has reviewed yet (marked as suggested)",
                                        key="export_include_suggested")
    pseudonymise = True
    if kind != "qdc":
        pseudonymise = st.checkbox("Replace people's names with pseudonyms", value=True, key="export_pseudonymise",
                                   help="Participants were promised anonymity; keep this on for anything shared.")
    options = _quote_options(ctx, themes, include_suggested) if kind == "quotes" else None
    if st.button("Build export", icon=":material/build:", key="export_build"):
        _build(ctx, kind, include_suggested, options, pseudonymise)
    built = st.session_state.get(state.EXPORT)
    if built and built["kind"] == kind:
        _show(built)


if __name__ == "__main__":  # run as a page by st.navigation (not on import)
    render()
