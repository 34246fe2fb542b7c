"""Exports: every kind written from a ``ProjectSnapshot``, pseudonymised by default."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from coding.errors import WorkbenchError
from coding.exports.kinds import EXPORT_KINDS, ExportOptions
from coding.exports.quotes import QuoteOptions  # noqa: F401  (the Export page's quote-table choices)
from coding.store.db import Store


def export_project(
    store: Store,
    project_id: int,
    kind: str,
    path: str | Path,
    include_suggested: bool = False,
    quote_options=None,
    pseudonymise: bool = True,
    extra_names: list[str] | None = None,
    author: str = "researcher",
    encoder=None,
) -> Path:
    """Write one export of the project to ``path`` (its suffix added when missing).

    People's names are pseudonymised by default (participants were promised
    anonymity), honouring the project's stored name choices (``add_name``,
    ``exclude_name``); ``extra_names`` are replaced as well, even if marked "not a
    name". The codebook (``qdc``) holds no interview text. With ``encoder``, the matrix
    gets charting drafts where no summary was written, and its findings sheets.
    """
    from coding.store.snapshot import project_snapshot

    export = EXPORT_KINDS.get(kind)
    if export is None:
        raise WorkbenchError(f"Unknown export {kind!r}; choose one of {', '.join(EXPORT_KINDS)}.")
    path = Path(path)
    if path.suffix.lower() != export.suffix:
        path = path.with_name(path.name + export.suffix)
    path.parent.mkdir(parents=True, exist_ok=True)
    from coding.service import team
    from coding.team.adjudication import settle_codings
    from coding.team.permissions import TeamAction

    team.authorize(store, project_id, author, TeamAction.EXPORT)
    if not pseudonymise:
        team.authorize(store, project_id, author, TeamAction.OVERRIDE_GATE)
    snapshot = project_snapshot(store, project_id, include_suggested=include_suggested)
    settled = team.settled_codes(store, project_id)
    if settled:  # issue 14: exports use the lead's settled codes where coders disagreed
        snapshot = replace(snapshot, codings=settle_codings(snapshot.codings, settled))
    # Issue 12: every identifier is replaced, and the finished file is read back by the gate
    # (``identifiers.gate_export``), which withholds it on any hit not overridden.
    from coding.service import identifiers

    listed: list = []
    if pseudonymise and export.carries_text:
        snapshot, listed = identifiers.pseudonymise_for_export(store, project_id, snapshot, extra_names or [])
    elif pseudonymise:
        listed = identifiers.gate_lists(store, project_id, snapshot)
    export.write(
        snapshot, path, ExportOptions(include_suggested=include_suggested, quote_options=quote_options, encoder=encoder)
    )
    identifiers.gate_export(store, project_id, kind, path, listed, pseudonymised=pseudonymise, author=author)
    team.record(
        store,
        project_id,
        author,
        "export",
        f"{kind}: {path.name}",
        after={"kind": kind, "file": path.name, "pseudonymised": pseudonymise, "include_suggested": include_suggested},
    )
    return path
