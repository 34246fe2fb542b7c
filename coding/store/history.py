"""The append-only history table: write an entry, read entries back.

There is deliberately no function here that updates or deletes a history row, and
the table's triggers (migration 0003) refuse it from anywhere else. Call ``append``
inside the service's transaction, so a change and its history entry are saved together.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import insert, select

from coding.store import tables as t
from coding.store.db import Store
from coding.store.projects import now
from coding.team.history import HistoryEntry


def append(store: Store, project_id: int, entry: HistoryEntry) -> int:
    """Add one entry (stamped now) and return its id. Joins the caller's open transaction."""
    with store.begin() as conn:
        return conn.execute(
            insert(t.history).values(
                project_id=project_id, at=now(), actor=entry.actor or "unknown", kind=entry.kind,
                transcript_id=entry.transcript_id, segment_id=entry.segment_id, theme_key=entry.theme_id,
                target=entry.target, before=entry.before, after=entry.after,
            )
        ).inserted_primary_key[0]


def entries(
    store: Store,
    project_id: int,
    segment_id: int | None = None,
    transcript_id: int | None = None,
    since: datetime | None = None,
    limit: int | None = None,
) -> list[HistoryEntry]:
    """The project's entries, newest first; for one segment or interview when given."""
    h = t.history
    query = select(h).where(h.c.project_id == project_id)
    if segment_id is not None:
        query = query.where(h.c.segment_id == segment_id)
    if transcript_id is not None:
        query = query.where(h.c.transcript_id == transcript_id)
    if since is not None:
        query = query.where(h.c.at >= since)
    query = query.order_by(h.c.id.desc())
    if limit:
        query = query.limit(limit)
    with store.read() as conn:
        return [
            HistoryEntry(
                actor=r.actor, kind=r.kind, target=r.target, transcript_id=r.transcript_id, segment_id=r.segment_id,
                theme_id=r.theme_key, before=r.before, after=r.after, at=r.at, id=r.id, project_id=r.project_id,
            )
            for r in conn.execute(query)
        ]
