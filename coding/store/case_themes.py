"""Lean reads for saturation and the groups comparison: each case's attributes, and which
themes researchers confirmed in it, without the transcripts' text or the coded passages.

``project_snapshot`` carries every transcript's text and every coded passage, which an
export needs; the Coverage page's findings sections need only these two, on every run.
"""

from __future__ import annotations

from sqlalchemy import select

from coding.model import Case
from coding.store import tables as t
from coding.store.db import Store


def cases_without_text(store: Store, project_id: int) -> list[Case]:
    """The project's cases as the snapshot lists them (by name), with attributes but no text or speakers."""
    transcripts = t.transcripts
    query = (
        select(transcripts.c.id, transcripts.c.name, transcripts.c.attributes, transcripts.c.format)
        .where(transcripts.c.project_id == project_id)
        .order_by(transcripts.c.name)
    )
    with store.read() as conn:
        return [Case(r.id, r.name, "", dict(r.attributes or {}), r.format) for r in conn.execute(query)]


def confirmed_themes_by_case(store: Store, project_id: int) -> dict[int, set[str]]:
    """Case id -> the theme ids any researcher confirmed in it (every confirmed code, as the snapshot's)."""
    codes, segments = t.code_applications, t.segments
    query = (
        select(segments.c.transcript_id, codes.c.theme_key)
        .join(segments, segments.c.id == codes.c.segment_id)
        .where(codes.c.project_id == project_id, codes.c.status == "confirmed")
        .distinct()
    )
    out: dict[int, set[str]] = {}
    with store.read() as conn:
        for case_id, theme_id in conn.execute(query):
            out.setdefault(case_id, set()).add(theme_id)
    return out
