"""The append-only history table: write an entry, read entries back.

There is deliberately no function here that updates or deletes a history row, and
the table's triggers (migration 0003) refuse it from anywhere else. Call ``append``
inside the service's transaction, so a change and its history entry are saved together.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import insert, select

from coding.store import tables as t
from coding.store.db import Store, inserted_id
from coding.store.projects import now
from coding.team.history import HistoryEntry


def append(store: Store, project_id: int, entry: HistoryEntry) -> int:
    """Add one entry (stamped now) and return its id. Joins the caller's open transaction."""
    with store.begin() as conn:
        return inserted_id(
            conn.execute(
                insert(t.history).values(
                    project_id=project_id,
                    at=now(),
                    actor=entry.actor or "unknown",
                    kind=entry.kind,
                    transcript_id=entry.transcript_id,
                    segment_id=entry.segment_id,
                    theme_key=entry.theme_id,
                    target=entry.target,
                    before=entry.before,
                    after=entry.after,
                )
            )
        )


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
                actor=r.actor,
                kind=r.kind,
                target=r.target,
                transcript_id=r.transcript_id,
                segment_id=r.segment_id,
                theme_id=r.theme_key,
                before=r.before,
                after=r.after,
                at=r.at,
                id=r.id,
                project_id=r.project_id,
            )
            for r in conn.execute(query)
        ]


# The workbench's other append-only logs, read as history entries, so the viewer shows every change
# from one place without a second copy of them: code decisions (with undo entries, and the model's
# score when a decision was on a suggestion), memos, and summary versions.


def decision_entries(store: Store, project_id: int, segment_id: int | None = None) -> list[HistoryEntry]:
    d = t.decisions
    query = (
        select(d, t.segments.c.transcript_id)
        .join(t.segments, t.segments.c.id == d.c.segment_id)
        .where(d.c.project_id == project_id)
    )
    if segment_id is not None:
        query = query.where(d.c.segment_id == segment_id)
    with store.read() as conn:
        rows = conn.execute(query.order_by(d.c.id.desc())).all()
    out = []
    for r in rows:
        after = dict(r.after) if isinstance(r.after, dict) else r.after
        if isinstance(after, dict) and r.model_score is not None:
            after = {**after, "suggested_by": r.model, "suggestion_score": r.model_score}
        out.append(
            HistoryEntry(
                actor=r.coder,
                kind=f"code.{r.action}",
                target=f"{r.theme_key} on segment {r.segment_id}",
                transcript_id=r.transcript_id,
                segment_id=r.segment_id,
                theme_id=r.theme_key,
                before=r.before,
                after=after,
                at=r.created_at,
                project_id=project_id,
            )
        )
    return out


def memo_entries(store: Store, project_id: int, segment_id: int | None = None) -> list[HistoryEntry]:
    m = t.memos
    query = select(m).where(m.c.project_id == project_id)
    if segment_id is not None:
        query = query.where(m.c.segment_id == segment_id)
    with store.read() as conn:
        rows = conn.execute(query.order_by(m.c.id.desc())).all()
    return [
        HistoryEntry(
            actor=r.author,
            kind="memo",
            target=r.text[:80],
            transcript_id=r.transcript_id,
            segment_id=r.segment_id,
            theme_id=r.theme_key,
            after={"text": r.text},
            at=r.created_at,
            project_id=project_id,
        )
        for r in rows
    ]


def summary_entries(store: Store, project_id: int) -> list[HistoryEntry]:
    v = t.summary_versions
    with store.read() as conn:
        rows = conn.execute(select(v).where(v.c.project_id == project_id).order_by(v.c.id)).all()
    out: list[HistoryEntry] = []
    previous: dict[tuple[int, str], dict[str, str]] = {}
    for r in rows:
        cell = (r.transcript_id, r.theme_key)
        out.append(
            HistoryEntry(
                actor=r.author,
                kind="summary",
                target=f"{r.theme_key} in interview {r.transcript_id} ({r.action})",
                transcript_id=r.transcript_id,
                theme_id=r.theme_key,
                before=previous.get(cell),
                after={"text": r.text},
                at=r.created_at,
                project_id=project_id,
            )
        )
        previous[cell] = {"text": r.text}
    return out[::-1]
