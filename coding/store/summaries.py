"""Framework summaries of case x theme cells, with their author and every earlier version.

``save_summary`` writes the cell's current text (table ``summaries``) and appends a row
to ``summary_versions`` in one transaction, saying how the researcher got there from the
draft on screen: accepted it as it was, edited it, wrote their own, or cleared the cell.
Versions are never updated or deleted through this module, so a cell's history reads
back exactly as it was written (deleting the project or interview removes them with it).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, delete, insert, select

from coding.errors import WorkbenchError
from coding.store import tables as t
from coding.store.db import Store
from coding.store.projects import now

SUMMARY_ACTIONS = ("accepted", "edited", "written", "cleared")


@dataclass(frozen=True)
class Summary:
    """The researcher's current summary of one cell."""

    transcript_id: int
    theme_id: str
    text: str
    author: str
    updated_at: datetime


@dataclass(frozen=True)
class SummaryVersion:
    """One saved version of a cell's summary, oldest first in a history."""

    text: str
    action: str
    draft: str
    author: str
    created_at: datetime


def save_summary(
    store: Store,
    project_id: int,
    transcript_id: int,
    theme_id: str,
    text: str,
    author: str,
    action: str,
    draft: str = "",
) -> None:
    """Set a cell's summary (action "cleared", or empty text, clears it) and record the version."""
    if action not in SUMMARY_ACTIONS:
        raise WorkbenchError(f"Unknown summary action {action!r}; use one of {', '.join(SUMMARY_ACTIONS)}.")
    author = author.strip()
    if not author:
        raise WorkbenchError("Choose your coder name before writing a summary (it is stamped on every version).")
    text = text.strip()
    if not text:
        action = "cleared"
    stamp = now()
    cell = and_(t.summaries.c.transcript_id == transcript_id, t.summaries.c.theme_key == theme_id)
    with store.begin() as conn:
        conn.execute(delete(t.summaries).where(cell))
        if action != "cleared":
            conn.execute(
                insert(t.summaries).values(
                    project_id=project_id,
                    transcript_id=transcript_id,
                    theme_key=theme_id,
                    text=text,
                    author=author,
                    updated_at=stamp,
                )
            )
        conn.execute(
            insert(t.summary_versions).values(
                project_id=project_id,
                transcript_id=transcript_id,
                theme_key=theme_id,
                text="" if action == "cleared" else text,
                action=action,
                draft=draft.strip(),
                author=author,
                created_at=stamp,
            )
        )


def current_summaries(store: Store, project_id: int) -> dict[tuple[int, str], Summary]:
    """(transcript id, theme id) -> the cell's current summary, for every summarised cell."""
    with store.read() as conn:
        rows = conn.execute(select(t.summaries).where(t.summaries.c.project_id == project_id)).all()
    return {
        (r.transcript_id, r.theme_key): Summary(r.transcript_id, r.theme_key, r.text, r.author, r.updated_at)
        for r in rows
    }


def summary_history(store: Store, transcript_id: int, theme_id: str) -> list[SummaryVersion]:
    """Every saved version of one cell's summary, oldest first."""
    versions = t.summary_versions
    query = (
        select(versions)
        .where(versions.c.transcript_id == transcript_id, versions.c.theme_key == theme_id)
        .order_by(versions.c.id)
    )
    with store.read() as conn:
        return [SummaryVersion(r.text, r.action, r.draft, r.author, r.created_at) for r in conn.execute(query)]


def list_summaries(store: Store, project_id: int) -> dict[tuple[int, str], str]:
    with store.read() as conn:
        rows = conn.execute(select(t.summaries).where(t.summaries.c.project_id == project_id)).all()
    return {(r.transcript_id, r.theme_key): r.text for r in rows}
