"""The Coverage page's reads at study scale: counts aggregated by the database, one cell's
codes, the codes agreement needs, and a cheap version of a project's coding.

A 300-interview project holds tens of thousands of code rows; turning each into a
Python object on every run of the page took most of a second. The counts here are
the ones ``coding.team.coverage_counts`` defines over plain values, grouped in SQL.
"""

from __future__ import annotations

from sqlalchemy import and_, case, distinct, func, or_, select

from coding.model import MODEL_CODER, CodeApplication
from coding.store import tables as t
from coding.store.codes import _code
from coding.store.db import Store
from coding.team.coverage_counts import Cell, CoverageCounts, ModelTally, Progress

_codes, _segments = t.code_applications, t.segments


def coverage_counts(store: Store, project_id: int) -> CoverageCounts:
    """The heatmap cells, review progress, the model's tallies and the count of confirmed codes."""
    researchers = and_(_codes.c.project_id == project_id, _codes.c.coder != MODEL_CODER)
    codable = _codes.join(_segments, and_(_segments.c.id == _codes.c.segment_id, _segments.c.codable.is_(True)))
    confirmed = _codes.c.status == "confirmed"
    cells = (
        select(
            _codes.c.theme_key,
            _segments.c.transcript_id,
            func.count(distinct(_codes.c.segment_id)),
            func.count(distinct(_codes.c.coder)),
        )
        .select_from(codable)
        .where(researchers, confirmed)
        .group_by(_codes.c.theme_key, _segments.c.transcript_id)
    )
    reviewed = (
        select(_segments.c.transcript_id, _codes.c.coder, func.count(distinct(_codes.c.segment_id)))
        .select_from(codable)
        .where(researchers)
        .group_by(_segments.c.transcript_id, _codes.c.coder)
    )
    totals = (
        select(_segments.c.transcript_id, func.count())
        .join(t.transcripts, t.transcripts.c.id == _segments.c.transcript_id)
        .where(t.transcripts.c.project_id == project_id, _segments.c.codable.is_(True))
        .group_by(_segments.c.transcript_id)
    )
    model = _codes.alias("model_codes")
    suggested = or_(
        _codes.c.model.is_not(None),
        select(model.c.id)
        .where(
            model.c.segment_id == _codes.c.segment_id,
            model.c.theme_key == _codes.c.theme_key,
            model.c.coder == MODEL_CODER,
        )
        .exists(),
    )

    def tally(condition):
        return func.sum(case((condition, 1), else_=0))

    tallies = (
        select(
            _codes.c.theme_key,
            tally(and_(suggested, confirmed)),
            tally(and_(suggested, ~confirmed)),
            tally(and_(~suggested, confirmed)),
            tally(confirmed),
        )
        .where(researchers)
        .group_by(_codes.c.theme_key)
    )
    with store.read() as conn:
        cell_rows = conn.execute(cells).all()
        reviewed_rows = conn.execute(reviewed).all()
        total_of = {tid: n for tid, n in conn.execute(totals)}
        tally_rows = conn.execute(tallies).all()
    tally_list = [ModelTally(theme, int(a), int(b), int(c)) for theme, a, b, c, _ in tally_rows if a or b or c]
    return CoverageCounts(
        cells=[Cell(theme, tid, segments, coders) for theme, tid, segments, coders in sorted(cell_rows)],
        progress=[Progress(tid, coder, n, total_of.get(tid, 0)) for tid, coder, n in sorted(reviewed_rows)],
        tallies=sorted(tally_list, key=lambda x: x.theme_id),
        confirmed_codes=sum(int(row[4]) for row in tally_rows),
    )


def cell_codes(store: Store, project_id: int, theme_id: str, transcript_id: int) -> list[CodeApplication]:
    """Researchers' confirmed codes of one theme on the codable segments of one interview."""
    query = (
        select(_codes)
        .join(_segments, _segments.c.id == _codes.c.segment_id)
        .where(
            _codes.c.project_id == project_id,
            _codes.c.theme_key == theme_id,
            _codes.c.coder != MODEL_CODER,
            _codes.c.status == "confirmed",
            _segments.c.transcript_id == transcript_id,
            _segments.c.codable.is_(True),
        )
        .order_by(_codes.c.segment_id, _codes.c.id)
    )
    with store.read() as conn:
        return [_code(r) for r in conn.execute(query)]


def agreement_codes(store: Store, project_id: int) -> list[CodeApplication]:
    """What agreement reads: every researcher's code, and the model's codes on the segments some
    researcher reviewed (the model is compared only there), with the fields agreement uses."""
    reviewed = select(_codes.c.segment_id).where(_codes.c.project_id == project_id, _codes.c.coder != MODEL_CODER)
    query = (
        select(_codes.c.segment_id, _codes.c.theme_key, _codes.c.status, _codes.c.coder, _codes.c.score)
        .where(
            _codes.c.project_id == project_id,
            or_(_codes.c.coder != MODEL_CODER, _codes.c.segment_id.in_(reviewed)),
        )
        .order_by(_codes.c.segment_id, _codes.c.id)
    )
    with store.read() as conn:
        return [
            CodeApplication(segment_id, theme, status, coder, score=score)
            for segment_id, theme, status, coder, score in conn.execute(query)
        ]


def coding_version(store: Store, project_id: int) -> tuple:
    """A value that changes whenever the project's codes, decisions or frames change: a cache key.

    Every write to the codes leaves a trace here. A decision or an undo appends to the
    log. The model's suggestions are replaced by deleting rows and inserting new ones
    stamped now (the newest ``created_at``), or only deleting them (the count). A
    detached code put back inserts a row or changes a status (the sum of confirmed ids).
    A re-segmented interview moves codes to new segments. A merge rewrites theme keys
    and is a new frame version. Two aggregates over indexed rows, no row read into Python.
    """
    decisions = select(func.max(t.decisions.c.id)).where(t.decisions.c.project_id == project_id)
    frames = t.frames.c.project_id == project_id
    query = select(
        func.count(_codes.c.id),
        func.max(_codes.c.id),
        func.sum(_codes.c.id),
        func.sum(_codes.c.segment_id),
        func.sum(case((_codes.c.status == "confirmed", _codes.c.id), else_=0)),
        func.max(_codes.c.created_at),
        decisions.scalar_subquery(),
        select(func.count(t.frames.c.id)).where(frames).scalar_subquery(),
        select(func.sum(t.frames.c.version)).where(frames).scalar_subquery(),
    ).where(_codes.c.project_id == project_id)
    with store.read() as conn:
        return tuple(conn.execute(query).one())
