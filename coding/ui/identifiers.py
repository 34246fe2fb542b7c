"""The Export page's identifier review and gate panels (issue 12).

"Identifiers that will be replaced" lists every identifier an export replaces, by
kind (people, prisons, places, streets, phone numbers...), with where it was found,
how often, its placeholder and who decided about it; the researcher marks one "not
identifying", undoes that, adds one the detector missed (with its kind), or sets the
label a case is exported under. Every choice is stored at once through the service
for the whole project, and a file built before it is withdrawn.

When the gate withholds an export, ``blocked_panel`` lists each hit with where it is
in the file; the researcher can override one hit, with a reason, which is recorded.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from coding import service
from coding.anonymise import kinds
from coding.anonymise.names import RESEARCHER, DetectedNames, detect_names, detection_fingerprint, name_key
from coding.errors import WorkbenchError
from coding.model import Case
from coding.ui import state, widgets
from coding.ui.code_view import escape_markdown

NOT_IDENTIFYING = "export_names_not_a_name"  # the row picked to mark as "not identifying"
RESTORE = "export_names_restore"  # the "not identifying" row picked to replace again
ADD = "export_names_add"  # the text box for a missed identifier
ADD_KIND = "export_names_add_kind"
BLOCKED = "export_blocked"  # the hits of the last export the gate withheld
CASE = "export_case_label_case"
CASE_LABEL = "export_case_label"
COLUMNS = ["Kind", "Identifier", "Found by", "Occurrences", "Replaced by", "Decided by"]


# Presidio over every interview is the slow part; its result depends only on what the
# fingerprint digests, so a new interview, an edited attribute or a memo is a new entry.
@st.cache_data(show_spinner="Finding identifiers in every interview, memo and summary…", max_entries=8)
def _detected(fingerprint: str, _cases: list[Case], _notes: list[str]) -> DetectedNames:
    return detect_names(_cases, notes=_notes)


def _detect(cases: list[Case], notes: list[str]) -> DetectedNames:
    return _detected(detection_fingerprint(cases, notes), cases, list(notes))


def _row_id(row) -> str:
    return f"{row.kind}\t{row.name}"


def _label(row_id: str) -> str:
    kind, name = row_id.split("\t", 1)
    return f"{name} ({kind})"


def _changed(ctx: state.Context, change, done: str) -> None:
    """Store one choice (from a callback) and withdraw a file built under the old choices."""
    try:
        change()
    except WorkbenchError as exc:
        widgets.leave_notice("error", escape_markdown(f"The list was not changed: {exc}"))
        return
    st.session_state[state.EXPORT] = None
    widgets.leave_notice("success", escape_markdown(done))


def _not_identifying(ctx: state.Context, researcher_only: set[str]) -> None:
    picked = st.session_state.get(NOT_IDENTIFYING)
    st.session_state[NOT_IDENTIFYING] = None  # the row leaves this list
    if not picked:
        return
    kind, name = picked.split("\t", 1)
    author = ctx.coder or "researcher"
    if picked in researcher_only:  # only the researcher added it: taking it back is enough
        _changed(
            ctx,
            lambda: service.forget_name_choice(ctx.store, ctx.project_id, name),
            f"{name} is no longer on the list of added identifiers.",
        )
    else:
        _changed(
            ctx,
            lambda: service.exclude_identifier(ctx.store, ctx.project_id, name, kind, author),
            f"{name} is marked not identifying: exports leave it as written.",
        )


def _restore(ctx: state.Context) -> None:
    picked = st.session_state.get(RESTORE)
    st.session_state[RESTORE] = None
    if picked:
        name = picked.split("\t", 1)[1]
        _changed(ctx, lambda: service.forget_name_choice(ctx.store, ctx.project_id, name), f"{name} is replaced again.")


def _add(ctx: state.Context) -> None:
    value = (st.session_state.get(ADD) or "").strip()
    kind = st.session_state.get(ADD_KIND) or kinds.PERSON
    st.session_state[ADD] = ""  # ready for the next one
    if value:
        author = ctx.coder or "researcher"
        _changed(
            ctx,
            lambda: service.add_identifier(ctx.store, ctx.project_id, value, kind, author),
            f"{value} ({kind}) will be replaced in every export.",
        )


def _set_case_label(ctx: state.Context) -> None:
    transcript_id = st.session_state.get(CASE)
    label = st.session_state.get(CASE_LABEL, "")
    st.session_state[CASE_LABEL] = ""
    if transcript_id is not None:
        _changed(
            ctx,
            lambda: service.set_case_label(ctx.store, ctx.project_id, transcript_id, label),
            f"The case is exported as {label!r}." if label.strip() else "The case is exported under its opaque label.",
        )


def review_panel(ctx: state.Context) -> None:
    """The expander listing every identifier an export replaces, with the researcher's corrections."""
    with st.expander("Identifiers that will be replaced", icon=":material/badge:"):
        widgets.notice()
        try:
            rows = service.review_names(ctx.store, ctx.project_id, detect=_detect)
            authors = service.identifier_choice_authors(ctx.store, ctx.project_id)
        except WorkbenchError as exc:
            widgets.show_error(exc, "The identifiers could not be listed")
            return
        st.caption(
            "People, organisations, places, prisons, streets, postcodes, phone numbers, e-mail addresses, "
            "NI numbers, dates of birth and case numbers, found in the interviews, memos, summaries, "
            "attributes and file names. Counts cover every place they are replaced. Your changes are saved "
            "for the whole project at once and apply to every export, here and from the command line."
        )
        if rows:
            st.dataframe(
                pd.DataFrame(
                    [
                        [
                            r.kind,
                            r.name,
                            ", ".join(r.found_by) or "—",
                            r.occurrences,
                            "not replaced (not identifying)" if r.excluded else r.replaced_by or "—",
                            authors.get(name_key(r.name), ("—", ""))[0],
                        ]
                        for r in rows
                    ],
                    columns=COLUMNS,
                ),
                hide_index=True,
            )
        else:
            st.caption("No identifiers found in this project yet.")
        replaced = [r for r in rows if not r.excluded]
        researcher_only = {_row_id(r) for r in replaced if r.found_by == (RESEARCHER,)}
        left, right = st.columns([3, 1], vertical_alignment="bottom")
        left.selectbox(
            "Wrongly taken for an identifier",
            [_row_id(r) for r in replaced],
            index=None,
            format_func=_label,
            placeholder="Choose one",
            key=NOT_IDENTIFYING,
        )
        right.button(
            "Not identifying",
            key="export_names_exclude",
            on_click=_not_identifying,
            args=(ctx, researcher_only),
            disabled=not replaced,
            icon=":material/block:",
        )
        kept = [_row_id(r) for r in rows if r.excluded]
        if kept:
            left, right = st.columns([3, 1], vertical_alignment="bottom")
            left.selectbox(
                "Marked not identifying", kept, index=None, format_func=_label, placeholder="Choose one", key=RESTORE
            )
            right.button(
                "Replace it again", key="export_names_undo", on_click=_restore, args=(ctx,), icon=":material/undo:"
            )
        with st.form("export_names_add_form", border=False):
            left, middle, right = st.columns([2, 1, 1], vertical_alignment="bottom")
            left.text_input(
                "An identifier the detector missed",
                key=ADD,
                max_chars=200,
                placeholder="e.g. a first name mentioned once, a prison, a street",
            )
            middle.selectbox("Kind", kinds.KINDS, index=kinds.KINDS.index(kinds.PERSON), key=ADD_KIND)
            right.form_submit_button("Add", on_click=_add, args=(ctx,), icon=":material/person_add:")
        _case_labels(ctx)


def _case_labels(ctx: state.Context) -> None:
    """Cases are exported under opaque labels ("Prisoner 03"); the researcher may set one."""
    from coding.service import queries

    infos = queries.list_transcripts(ctx.store, ctx.project_id)
    if not infos:
        return
    with st.form("export_case_label_form", border=False):
        left, middle, right = st.columns([2, 2, 1], vertical_alignment="bottom")
        names = {i.id: i.attributes.get("case_label") or "(opaque label)" for i in infos}
        left.selectbox("Case", list(names), format_func=lambda tid: f"#{tid}: exported as {names[tid]}", key=CASE)
        middle.text_input("Export label (blank: opaque label from its attributes)", key=CASE_LABEL, max_chars=80)
        right.form_submit_button("Set label", on_click=_set_case_label, args=(ctx,), icon=":material/label:")


def _override(ctx: state.Context, kind: str, index: int) -> None:
    hits = st.session_state.get(BLOCKED) or []
    reason = st.session_state.get(f"export_override_reason_{index}", "")
    if index >= len(hits):
        return
    try:
        service.override_gate_hit(ctx.store, ctx.project_id, kind, hits[index], reason, ctx.coder or "researcher")
    except WorkbenchError as exc:
        widgets.leave_notice("error", escape_markdown(f"Not overridden: {exc}"))
        return
    st.session_state[BLOCKED] = [h for i, h in enumerate(hits) if i != index]
    widgets.leave_notice("success", "Overridden and recorded; build the export again.")


def blocked_panel(ctx: state.Context, kind: str) -> None:
    """The hits of the last withheld export: where each is, and a recorded override per hit."""
    hits = st.session_state.get(BLOCKED) or []
    if not hits:
        return
    st.error(
        f"The export was withheld: {len(hits)} identifier(s) are still in the file. Mark a value not "
        "identifying above, add what was missed, or override a single hit with a reason.",
        icon=":material/gpp_bad:",
    )
    st.dataframe(
        pd.DataFrame(
            [[h.kind, h.value, h.location, h.context] for h in hits],
            columns=["Kind", "Found", "Where in the file", "Around it"],
        ),
        hide_index=True,
    )
    for index, hit in enumerate(hits[:20]):
        with st.form(f"export_override_form_{index}", border=False):
            left, right = st.columns([3, 1], vertical_alignment="bottom")
            left.text_input(f"Why may {hit.value!r} stay at {hit.location}?", key=f"export_override_reason_{index}")
            right.form_submit_button("Override this hit", on_click=_override, args=(ctx, kind, index))


def indirect_panel(ctx: state.Context, include_suggested: bool) -> None:
    """Quotes carrying two or more indirect details, for the researcher to read before they go in a report."""
    with st.expander("Quotes that may identify someone indirectly", icon=":material/visibility:"):
        st.caption(
            "A quote naming nobody can still point at one person in a small site: an establishment, a role, "
            'an offence, a date or age, "the only...". These carry two or more such details. A flag, not a '
            "promise: read every quote you publish."
        )
        try:
            flags = service.indirect_identifier_flags(ctx.store, ctx.project_id, include_suggested, detect=_detect)
        except WorkbenchError as exc:
            widgets.show_error(exc, "The quotes could not be checked")
            return
        if not flags:
            st.caption("No quote carries two or more such details.")
            return
        st.dataframe(
            pd.DataFrame(
                [[f.case, f.theme, "; ".join(f"{c}: {w}" for c, w in f.details), f.text] for f in flags],
                columns=["Case", "Theme", "Details", "Quote"],
            ),
            hide_index=True,
        )
