"""The project's history as values: one entry per change, and the filters and rows a viewer needs.

Entries are written by the service layer (with the store's ``history`` table refusing
any later change) and read back here for the per-segment and per-project views.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

# Every kind of change the history records; a viewer filters by these.
KINDS = (
    "code.confirm",
    "code.reject",
    "code.add",
    "code.remove",
    "code.undo",
    "code.settle",
    "memo",
    "summary",
    "attributes",
    "frame.edit",
    "frame.import",
    "names.add",
    "names.exclude",
    "names.forget",
    "identifiers",
    "import",
    "export",
    "override",
    "team.member",
    "team.user",
    "team.assign",
    "team.finish",
)


@dataclass(frozen=True)
class HistoryEntry:
    """Who did what, when, to what, with the state before and after (JSON values)."""

    actor: str
    kind: str
    target: str = ""
    transcript_id: int | None = None
    segment_id: int | None = None
    theme_id: str | None = None
    before: object = None
    after: object = None
    at: datetime | None = None
    id: int | None = None
    project_id: int | None = None


def select_entries(
    entries: Iterable[HistoryEntry],
    actors: Iterable[str] = (),
    kinds: Iterable[str] = (),
    text: str = "",
) -> list[HistoryEntry]:
    """The entries by any of ``actors``, of any of ``kinds`` (prefixes: "code" is every code.*),
    whose target contains ``text``; an empty filter keeps everything."""
    actors, kinds, text = set(actors), tuple(kinds), text.strip().lower()
    return [
        e
        for e in entries
        if (not actors or e.actor in actors)
        and (not kinds or any(e.kind == k or e.kind.startswith(k + ".") for k in kinds))
        and (not text or text in e.target.lower())
    ]


CSV_COLUMNS = ["id", "at", "actor", "kind", "target", "transcript_id", "segment_id", "theme", "before", "after"]


def csv_rows(entries: Iterable[HistoryEntry]) -> list[list[str]]:
    """The rows of the history's CSV export (JSON for before and after), header first."""
    import json

    rows = [CSV_COLUMNS]
    for e in entries:
        rows.append(
            [
                str(e.id or ""),
                e.at.isoformat() if e.at else "",
                e.actor,
                e.kind,
                e.target,
                "" if e.transcript_id is None else str(e.transcript_id),
                "" if e.segment_id is None else str(e.segment_id),
                e.theme_id or "",
                "" if e.before is None else json.dumps(e.before, ensure_ascii=False, sort_keys=True),
                "" if e.after is None else json.dumps(e.after, ensure_ascii=False, sort_keys=True),
            ]
        )
    return rows
