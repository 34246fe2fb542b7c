"""A project read out of the store as plain values (``ProjectSnapshot``) for exporters.

Codings are yielded lazily from one streaming query, so a large project is never
held in memory twice. With ``include_suggested`` the model's suggestions on
segments that no researcher has decided come along, marked ``suggested``.
"""

from __future__ import annotations

from collections.abc import Iterator

from sqlalchemy import select

from coding.model import MODEL_CODER, Case, CodedSegment, Coverage, ProjectSnapshot, Speaker
from coding.store import tables as t
from coding.store.codes import list_memos
from coding.store.db import Store
from coding.store.projects import get_project, load_frames
from coding.store.summaries import list_summaries


def _cases(store: Store, project_id: int) -> tuple[list[Case], dict[int, Coverage]]:
    with store.read() as conn:
        rows = conn.execute(
            select(t.transcripts).where(t.transcripts.c.project_id == project_id).order_by(t.transcripts.c.name)
        ).all()
        speaker_rows = conn.execute(
            select(t.speakers)
            .join(t.transcripts, t.transcripts.c.id == t.speakers.c.transcript_id)
            .where(t.transcripts.c.project_id == project_id)
            .order_by(t.speakers.c.id)
        ).all()
    speakers: dict[int, list[Speaker]] = {}
    for s in speaker_rows:
        speakers.setdefault(s.transcript_id, []).append(Speaker(s.speaker_key, s.label, s.role, list(s.aliases or [])))
    cases = [Case(r.id, r.name, r.text, dict(r.attributes or {}), r.format, speakers.get(r.id, [])) for r in rows]
    coverage = {r.id: Coverage(**r.coverage) for r in rows if r.coverage}
    return cases, coverage


def iter_codings(
    store: Store, project_id: int, texts: dict[int, str], include_suggested: bool = False
) -> Iterator[CodedSegment]:
    """Confirmed codes (every coder), then, on request, suggestions on undecided segments.

    ``texts`` (transcript id -> stored text, which the snapshot's cases already hold) gives the
    words of codes on a sub-span of a segment.
    """
    codes, seg = t.code_applications, t.segments
    statuses = ("confirmed", "suggested") if include_suggested else ("confirmed",)
    query = (
        select(
            codes,
            seg.c.transcript_id,
            seg.c.turn_idx,
            seg.c.speaker_key,
            seg.c.role,
            seg.c.text,
            seg.c.start.label("seg_start"),
            seg.c.end.label("seg_end"),
            seg.c.time_start,
            seg.c.time_end,
            seg.c.question_key,
            seg.c.section_key,
        )
        .join(seg, seg.c.id == codes.c.segment_id)
        .where(codes.c.project_id == project_id, codes.c.status.in_(statuses))
        .order_by(seg.c.transcript_id, seg.c.start, codes.c.theme_key)
    )
    with store.read() as conn:
        decided: set[tuple[int, str]] = set()
        if include_suggested:
            decided = {
                (r.segment_id, r.theme_key)
                for r in conn.execute(
                    select(codes.c.segment_id, codes.c.theme_key).where(
                        codes.c.project_id == project_id, codes.c.coder != MODEL_CODER
                    )
                )
            }
        for r in conn.execute(query).yield_per(1000):
            if r.coder == MODEL_CODER and (r.segment_id, r.theme_key) in decided:
                continue
            start, end = (r.start, r.end) if r.start is not None else (r.seg_start, r.seg_end)
            yield CodedSegment(
                case_id=r.transcript_id,
                segment_id=r.segment_id,
                speaker=r.speaker_key,
                role=r.role,
                text=r.text if r.start is None else texts.get(r.transcript_id, "")[start:end],
                start=start,
                end=end,
                theme_id=r.theme_key,
                status=r.status,
                coder=r.coder,
                source=r.source,
                score=r.score,
                time_start=r.time_start,
                time_end=r.time_end,
                question_id=r.question_key,
                section_id=r.section_key,
                created_at=r.created_at,
                paragraph=r.turn_idx + 1,
            )


def project_snapshot(store: Store, project_id: int, include_suggested: bool = False) -> ProjectSnapshot:
    project = get_project(store, project_id)
    cases, coverage = _cases(store, project_id)
    with store.read() as conn:
        coders = sorted(
            set(
                conn.execute(
                    select(t.code_applications.c.coder).where(
                        t.code_applications.c.project_id == project_id, t.code_applications.c.coder != MODEL_CODER
                    )
                ).scalars()
            )
        )
    return ProjectSnapshot(
        name=project.name,
        frames=load_frames(store, project_id),
        cases=cases,
        codings=iter_codings(store, project_id, {c.id: c.text for c in cases}, include_suggested),
        memos=list_memos(store, project_id),
        summaries=list_summaries(store, project_id),
        coverage=coverage,
        coders=coders,
    )
