"""The Export page: framework matrix, quote tables, long CSV/XLSX and REFI-QDA, with previews.

"Build" writes the file with ``coding.service.export_project`` (names pseudonymised
by default), the page previews it by reading the file back, and the download
button hands over exactly those bytes.

While identifiers are replaced, "Identifiers that will be replaced" (``coding.ui.identifiers``)
lists every identifier the export replaces, by kind; the researcher marks one "not
identifying", undoes that, or adds one the detector missed. Each choice is stored
at once for the whole project, and a file built before it is withdrawn. Every
finished file is read back by the gate; a withheld export lists its hits, each of
which can be overridden with a recorded reason. An export with real names needs a
second, explicit tick and is recorded.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import streamlit as st

from coding import service
from coding.errors import ExportBlocked, WorkbenchError
from coding.model import slugify
from coding.service import queries
from coding.ui import identifiers, resources, state, widgets
from coding.ui.code_view import escape_markdown
from coding.ui.previews import Preview, preview_file

KINDS = service.EXPORT_KINDS


def _quote_options(ctx: state.Context, themes, include_suggested: bool):
    from coding.service.exports import QuoteOptions

    infos = queries.list_transcripts(ctx.store, ctx.project_id)
    types = sorted({t.attributes.get("respondent_type", "") for t in infos} - {""})
    top = [tid for tid, info in themes.items() if info.kind != "question" and info.is_top_level]
    left, right = st.columns(2)
    chosen = left.multiselect(
        "Themes", top, format_func=lambda t: themes[t].label, placeholder="All themes", key="export_quote_themes"
    )
    kinds = right.multiselect("Respondent types", types, placeholder="All respondent types", key="export_quote_types")
    a, b, c, d = st.columns(4)
    min_words = a.number_input("Shortest quote (words)", 0, 500, 5, key="export_min_words")
    max_words = b.number_input("Longest quote (words)", 1, 2000, 250, key="export_max_words")
    per_theme = c.number_input("At most per theme (0 = all)", 0, 100, 0, key="export_per_theme")
    layout = d.selectbox("Layout", ["table", "indented"], key="export_layout")
    first = st.checkbox("One quote per interview first", value=True, key="export_one_per_case")
    return QuoteOptions(
        themes=chosen or None,
        respondent_types=kinds or None,
        min_words=int(min_words),
        max_words=int(max_words),
        max_per_theme=int(per_theme) or None,
        one_per_case_first=first,
        include_suggested=include_suggested,
        layout=layout,
    )


def _build(ctx: state.Context, kind: str, include_suggested: bool, options, pseudonymise: bool) -> None:
    folder = Path(tempfile.mkdtemp(prefix="workbench-export-"))
    target = folder / f"{slugify(ctx.project_name)}-{kind}"
    st.session_state[identifiers.BLOCKED] = None
    try:
        path = service.export_project(
            ctx.store,
            ctx.project_id,
            kind,
            target,
            include_suggested=include_suggested,
            quote_options=options,
            pseudonymise=pseudonymise,
            encoder=resources.encoder() if kind == "matrix" else None,
            author=ctx.coder or "researcher",
        )
        data = path.read_bytes()
        try:
            preview: Preview | str = preview_file(path)
        except Exception as exc:  # a preview must never hide the download
            preview = f"No preview for this file ({type(exc).__name__})."
    except ExportBlocked as blocked:  # the gate read the file back and found identifiers: it was not kept
        st.session_state[state.EXPORT] = None
        st.session_state[identifiers.BLOCKED] = list(blocked.hits)
        return
    except WorkbenchError as exc:
        widgets.show_error(exc, "The export could not be written")
        return
    finally:
        # The bytes and preview live in this tab's state only: no built file (pseudonymised or not) stays on disk.
        shutil.rmtree(folder, ignore_errors=True)
    st.session_state[state.EXPORT] = {"kind": kind, "name": path.name, "data": data, "preview": preview}


def _show(built: dict) -> None:
    st.download_button(
        f"Download {built['name']}",
        built["data"],
        file_name=built["name"],
        mime=KINDS[built["kind"]].mime,
        icon=":material/download:",
        type="primary",
        on_click="ignore",
        key="export_download",
    )
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
    kind = st.segmented_control(
        "What to export",
        list(KINDS),
        format_func=lambda k: KINDS[k].label,
        key="export_kind",
        default="matrix",
        required=True,
    )
    st.caption(KINDS[kind].description)
    include_suggested = False
    if KINDS[kind].carries_text:
        include_suggested = st.checkbox(
            "Include suggestions nobody has reviewed yet (marked as suggested)", key="export_include_suggested"
        )
    pseudonymise = True
    if KINDS[kind].carries_text:
        pseudonymise = st.checkbox(
            "Replace identifiers with placeholders",
            value=True,
            key="export_pseudonymise",
            help="Participants were promised anonymity; keep this on for anything shared.",
        )
        if pseudonymise:
            identifiers.review_panel(ctx)
        else:  # an export with real names is an explicit, recorded choice
            pseudonymise = not st.checkbox(
                "I need this export with real names and identifiers (internal use only; recorded with my name)",
                key="export_unpseudonymised_confirmed",
            )
            if pseudonymise:
                st.caption("Until you tick that, the export replaces identifiers as usual.")
    options = _quote_options(ctx, themes, include_suggested) if kind == "quotes" else None
    if kind == "quotes" and pseudonymise:
        identifiers.indirect_panel(ctx, include_suggested)
    if st.button("Build export", icon=":material/build:", key="export_build"):
        _build(ctx, kind, include_suggested, options, pseudonymise)
    identifiers.blocked_panel(ctx, kind)
    built = st.session_state.get(state.EXPORT)
    if built and built["kind"] == kind:
        _show(built)


if __name__ == "__main__":  # run as a page by st.navigation (not on import)
    render()
