"""Transcripts, speakers, turns and segments in the store.

An import is one transaction (``save_transcript``): the transcript, its speakers,
turns, segments and coverage are written together or not at all. Segment
embeddings are stored beside the segments with the model's name, so no page
ever re-encodes text.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime

import numpy as np
from sqlalchemy import delete, func, insert, select, update

from coding.errors import DuplicateImport, NotFound
from coding.model import MODEL_CODER, Alignment, Coverage, Segment, Speaker, Transcript, Turn
from coding.store import tables as t
from coding.store.db import Store, inserted_id
from coding.store.projects import now


@dataclass
class TranscriptInfo:
    id: int
    name: str
    source_file: str
    format: str
    guide_key: str | None
    attributes: dict
    warnings: list
    coverage: dict
    imported_at: datetime
    segments: int = 0


def find_by_hash(store: Store, project_id: int, source_hash: str) -> TranscriptInfo | None:
    with store.read() as conn:
        row = conn.execute(
            select(t.transcripts).where(
                t.transcripts.c.project_id == project_id, t.transcripts.c.source_hash == source_hash
            )
        ).first()
    return _info(row) if row else None


def _info(row, segments: int = 0) -> TranscriptInfo:
    return TranscriptInfo(
        row.id,
        row.name,
        row.source_file,
        row.format,
        row.guide_key,
        row.attributes or {},
        row.warnings or [],
        row.coverage or {},
        row.imported_at,
        segments,
    )


def _segment_rows(transcript_id: int, segments: list[Segment]) -> list[dict]:
    return [
        dict(
            transcript_id=transcript_id,
            turn_idx=s.turn_index,
            start=s.start,
            end=s.end,
            text=s.text,
            speaker_key=s.speaker,
            role=s.role,
            time_start=s.time_start,
            time_end=s.time_end,
            question_key=s.question_id,
            section_key=s.section_id,
            codable=s.codable,
        )
        for s in segments
    ]


def save_transcript(
    store: Store,
    project_id: int,
    transcript: Transcript,
    segments: list[Segment],
    alignments: list[Alignment] | None = None,
    coverage: Coverage | None = None,
    guide_key: str | None = None,
    source_file: str = "",
) -> int:
    """Write one imported transcript, all-or-nothing. Refuses a second copy of the same content."""
    duplicate = find_by_hash(store, project_id, transcript.source_hash)
    if duplicate is not None:
        raise DuplicateImport(f"already imported as {duplicate.name!r} (same content)", source_file or transcript.name)
    by_turn = {a.turn_index: a for a in alignments or []}
    with store.begin() as conn:
        transcript_id = inserted_id(
            conn.execute(
                insert(t.transcripts).values(
                    project_id=project_id,
                    name=_unique_name(conn, project_id, transcript.name),
                    source_file=source_file or transcript.name,
                    source_hash=transcript.source_hash,
                    format=transcript.format,
                    text=transcript.text,
                    guide_key=guide_key,
                    attributes=dict(transcript.attributes),
                    warnings=list(transcript.warnings),
                    coverage=asdict(coverage) if coverage else {},
                    imported_at=now(),
                )
            )
        )
        if transcript.speakers:
            conn.execute(
                insert(t.speakers),
                [
                    dict(transcript_id=transcript_id, speaker_key=s.key, label=s.label, role=s.role, aliases=s.aliases)
                    for s in transcript.speakers
                ],
            )
        if transcript.turns:
            conn.execute(
                insert(t.turns),
                [
                    dict(
                        transcript_id=transcript_id,
                        idx=i,
                        speaker_key=turn.speaker,
                        start=turn.start,
                        end=turn.end,
                        time_start=turn.time_start,
                        time_end=turn.time_end,
                        question_key=by_turn[i].question_id if i in by_turn else None,
                        alignment_score=by_turn[i].score if i in by_turn else None,
                    )
                    for i, turn in enumerate(transcript.turns)
                ],
            )
        if segments:
            conn.execute(insert(t.segments), _segment_rows(transcript_id, segments))
    return transcript_id


def _unique_name(conn, project_id: int, name: str) -> str:
    taken = set(conn.execute(select(t.transcripts.c.name).where(t.transcripts.c.project_id == project_id)).scalars())
    candidate, n = name, 2
    while candidate in taken:
        candidate, n = f"{name} ({n})", n + 1
    return candidate


def list_transcripts(store: Store, project_id: int) -> list[TranscriptInfo]:
    counts = (
        select(t.segments.c.transcript_id, func.count().label("n"))
        .where(t.segments.c.codable.is_(True))
        .group_by(t.segments.c.transcript_id)
        .subquery()
    )
    with store.read() as conn:
        rows = conn.execute(
            # Every column but the text: the Code page lists a 300-interview study on each run.
            select(*(c for c in t.transcripts.c if c.name != "text"), counts.c.n)
            .outerjoin(counts, counts.c.transcript_id == t.transcripts.c.id)
            .where(t.transcripts.c.project_id == project_id)
            .order_by(t.transcripts.c.name)
        ).all()
    return [_info(r, r.n or 0) for r in rows]


def get_transcript_info(store: Store, transcript_id: int) -> TranscriptInfo:
    with store.read() as conn:
        row = conn.execute(select(t.transcripts).where(t.transcripts.c.id == transcript_id)).first()
    if row is None:
        raise NotFound(f"No transcript with id {transcript_id}.")
    return _info(row)


def load_transcript(store: Store, transcript_id: int) -> Transcript:
    with store.read() as conn:
        row = conn.execute(select(t.transcripts).where(t.transcripts.c.id == transcript_id)).first()
        if row is None:
            raise NotFound(f"No transcript with id {transcript_id}.")
        speaker_rows = conn.execute(select(t.speakers).where(t.speakers.c.transcript_id == transcript_id)).all()
        turn_rows = conn.execute(
            select(t.turns).where(t.turns.c.transcript_id == transcript_id).order_by(t.turns.c.idx)
        ).all()
    return Transcript(
        name=row.name,
        text=row.text,
        format=row.format,
        speakers=[Speaker(s.speaker_key, s.label, s.role, list(s.aliases or [])) for s in speaker_rows],
        turns=[Turn(r.speaker_key, r.start, r.end, r.time_start, r.time_end) for r in turn_rows],
        source_hash=row.source_hash,
        attributes=row.attributes or {},
        warnings=row.warnings or [],
    )


def _segment(row) -> Segment:
    return Segment(
        turn_index=row.turn_idx,
        start=row.start,
        end=row.end,
        text=row.text,
        speaker=row.speaker_key,
        role=row.role,
        time_start=row.time_start,
        time_end=row.time_end,
        question_id=row.question_key,
        section_id=row.section_key,
        codable=row.codable,
        id=row.id,
    )


def load_segments(store: Store, transcript_id: int, codable_only: bool = False) -> list[Segment]:
    query = select(t.segments).where(t.segments.c.transcript_id == transcript_id)
    if codable_only:
        query = query.where(t.segments.c.codable.is_(True))
    with store.read() as conn:
        return [_segment(r) for r in conn.execute(query.order_by(t.segments.c.start))]


def get_segment(store: Store, segment_id: int) -> Segment:
    with store.read() as conn:
        row = conn.execute(select(t.segments).where(t.segments.c.id == segment_id)).first()
    if row is None:
        raise NotFound(f"No segment with id {segment_id}.")
    return _segment(row)


def project_segments(store: Store, project_id: int) -> list[tuple[int, Segment]]:
    """(transcript id, segment) for every codable segment of the project."""
    with store.read() as conn:
        rows = conn.execute(
            select(t.segments)
            .join(t.transcripts, t.transcripts.c.id == t.segments.c.transcript_id)
            .where(t.transcripts.c.project_id == project_id, t.segments.c.codable.is_(True))
            .order_by(t.segments.c.transcript_id, t.segments.c.start)
        ).all()
    return [(r.transcript_id, _segment(r)) for r in rows]


def transcript_of_segment(store: Store, segment_id: int) -> int:
    with store.read() as conn:
        transcript_id = conn.execute(select(t.segments.c.transcript_id).where(t.segments.c.id == segment_id)).scalar()
    if transcript_id is None:
        raise NotFound(f"No segment with id {segment_id}.")
    return transcript_id


def mark_suggested(store: Store, transcript_ids: set[int], revision: int) -> None:
    """Record the project's decision count at which these transcripts' suggestions were computed."""
    if not transcript_ids:
        return
    with store.begin() as conn:
        conn.execute(
            update(t.transcripts).where(t.transcripts.c.id.in_(transcript_ids)).values(suggestions_rev=revision)
        )


def suggestions_revision(store: Store, transcript_id: int) -> int:
    with store.read() as conn:
        rev = conn.execute(select(t.transcripts.c.suggestions_rev).where(t.transcripts.c.id == transcript_id)).scalar()
    return rev or 0


def store_embeddings(store: Store, vectors: dict[int, np.ndarray], model: str) -> None:
    with store.begin() as conn:
        for segment_id, vector in vectors.items():
            conn.execute(
                update(t.segments)
                .where(t.segments.c.id == segment_id)
                .values(embedding=np.asarray(vector, dtype=np.float32).tobytes(), embedding_model=model)
            )


def load_embeddings(store: Store, project_id: int, model: str) -> dict[int, np.ndarray]:
    """Segment id -> stored embedding made by ``model`` (segments embedded by another model are absent)."""
    with store.read() as conn:
        rows = conn.execute(
            select(t.segments.c.id, t.segments.c.embedding)
            .join(t.transcripts, t.transcripts.c.id == t.segments.c.transcript_id)
            .where(t.transcripts.c.project_id == project_id, t.segments.c.embedding_model == model)
        ).all()
    return {r.id: np.frombuffer(r.embedding, dtype=np.float32) for r in rows}


def update_attributes(store: Store, transcript_id: int, attributes: dict[str, str]) -> None:
    clean = {str(k).strip(): str(v).strip() for k, v in attributes.items() if str(k).strip()}
    with store.begin() as conn:
        conn.execute(update(t.transcripts).where(t.transcripts.c.id == transcript_id).values(attributes=clean))


def replace_segments(
    store: Store, transcript_id: int, transcript: Transcript, segments: list[Segment], coverage: Coverage | None
) -> dict[int, int]:
    """Re-segment after a role correction, keeping every code.

    Each code moves to the new codable segment(s) holding its words: the whole new segment
    where it lies inside the code's words, else the part of it they cover, as a phrase. Two
    codes meeting on one unit keep the stronger (a confirmation over a rejection). A code
    whose words are in no codable segment any more is kept as detached, never dropped.
    Memos and log entries follow the segment that overlaps their old one most. Returns old
    segment id -> new segment id (most overlap).
    """
    from coding.decisions import CodeState, merge_states, span_key

    codes = t.code_applications
    with store.begin() as conn:
        old = conn.execute(select(t.segments).where(t.segments.c.transcript_id == transcript_id)).all()
        project_id = conn.execute(
            select(t.transcripts.c.project_id).where(t.transcripts.c.id == transcript_id)
        ).scalar_one()
        conn.execute(update(t.speakers).where(t.speakers.c.transcript_id == transcript_id).values(role="respondent"))
        for speaker in transcript.speakers:
            conn.execute(
                update(t.speakers)
                .where(t.speakers.c.transcript_id == transcript_id, t.speakers.c.speaker_key == speaker.key)
                .values(role=speaker.role)
            )
        new_ids = [
            inserted_id(conn.execute(insert(t.segments).values(**row)))
            for row in _segment_rows(transcript_id, segments)
        ]
        placed = list(zip(segments, new_ids))
        mapping: dict[int, int] = {}
        for row in old:
            best, best_overlap = None, 0
            for seg, new_id in placed:
                overlap = min(row.end, seg.end) - max(row.start, seg.start)
                if overlap > best_overlap:
                    best, best_overlap = new_id, overlap
            if best is None and placed:  # no overlap at all: the nearest new segment
                best = min(placed, key=lambda p: abs(p[0].start - row.start))[1]
            if best is not None:
                mapping[row.id] = best
        old_ids = [r.id for r in old]
        old_codes = conn.execute(select(codes).where(codes.c.segment_id.in_(old_ids))).all() if old_ids else []
        old_bounds = {r.id: (r.start, r.end) for r in old}
        units: dict[tuple, dict] = {}  # (segment id, theme, coder, span key) -> row values
        stamp = now()
        for code in old_codes:
            start, end = (code.start, code.end) if code.start is not None else old_bounds[code.segment_id]
            state = CodeState(code.status, code.source, code.model, code.score, code.why or "")
            targets = [
                (seg, new_id) for seg, new_id in placed if seg.codable and min(end, seg.end) > max(start, seg.start)
            ]
            if code.coder == MODEL_CODER:  # the model's suggestion follows its words once; it is recomputed anyway
                targets = targets[:1]
            if not targets:
                if code.coder != MODEL_CODER:
                    conn.execute(
                        insert(t.detached_codes).values(
                            project_id=project_id,
                            transcript_id=transcript_id,
                            theme_key=code.theme_key,
                            coder=code.coder,
                            status=code.status,
                            source=code.source,
                            model=code.model,
                            score=code.score,
                            why=code.why or "",
                            text=transcript.text[start:end],
                            created_at=code.created_at,
                            detached_at=stamp,
                        )
                    )
                continue
            for seg, new_id in targets:
                span: tuple[int, int] | None = (max(start, seg.start), min(end, seg.end))
                span = None if span == (seg.start, seg.end) else span
                key = (new_id, code.theme_key, code.coder, span_key(span))
                if key in units:
                    state = merge_states(units[key]["state"], state)
                units[key] = dict(state=state, span=span, created_at=code.created_at)
        if old_codes:
            conn.execute(delete(codes).where(codes.c.segment_id.in_(old_ids)))
        for (new_id, theme_key, coder, key), unit in units.items():
            span = unit["span"]
            conn.execute(
                insert(codes).values(
                    project_id=project_id,
                    segment_id=new_id,
                    theme_key=theme_key,
                    coder=coder,
                    span_key=key,
                    start=span[0] if span else None,
                    end=span[1] if span else None,
                    created_at=unit["created_at"],
                    **unit["state"].as_dict(),
                )
            )
        for old_id in old_ids:
            for table in (t.memos, t.decisions):
                conn.execute(update(table).where(table.c.segment_id == old_id).values(segment_id=mapping.get(old_id)))
        if old_ids:
            conn.execute(delete(t.segments).where(t.segments.c.id.in_(old_ids)))
        if coverage is not None:
            conn.execute(
                update(t.transcripts).where(t.transcripts.c.id == transcript_id).values(coverage=asdict(coverage))
            )
    return mapping


def delete_transcript(store: Store, transcript_id: int) -> None:
    with store.begin() as conn:
        conn.execute(delete(t.transcripts).where(t.transcripts.c.id == transcript_id))


# ----- each answer's guide question: the aligner's confidence, a researcher's correction (issue 19) -----


@dataclass
class AnswerQuestion:
    """How one answer got its question: the aligner's ``confidence``, or ``set_by`` a researcher at ``set_at``."""

    segment_id: int
    confidence: float | None
    set_by: str | None = None
    set_at: datetime | None = None


def save_answer_confidences(store: Store, confidences: dict[int, float | None]) -> None:
    """The aligner's confidence per segment id (after an import or a re-alignment)."""
    if not confidences:
        return
    aq = t.answer_questions
    with store.begin() as conn:
        conn.execute(delete(aq).where(aq.c.segment_id.in_(list(confidences))))
        conn.execute(insert(aq), [dict(segment_id=sid, confidence=c) for sid, c in confidences.items()])


def answer_questions(store: Store, transcript_id: int) -> dict[int, AnswerQuestion]:
    """Segment id -> how its question was set, for the transcript's segments that have a record."""
    aq = t.answer_questions
    with store.read() as conn:
        rows = conn.execute(
            select(aq)
            .join(t.segments, t.segments.c.id == aq.c.segment_id)
            .where(t.segments.c.transcript_id == transcript_id)
        ).all()
    return {r.segment_id: AnswerQuestion(r.segment_id, r.confidence, r.set_by, r.set_at) for r in rows}


def set_answer_question(
    store: Store,
    segment_id: int,
    question_id: str | None,
    section_id: str | None,
    coder: str,
    coverage: Coverage | None = None,
) -> None:
    """A researcher's question for one answer, with who and when; the transcript's coverage with it.

    Codes on the answer are not touched.
    """
    aq = t.answer_questions
    with store.begin() as conn:
        transcript_id = conn.execute(select(t.segments.c.transcript_id).where(t.segments.c.id == segment_id)).scalar()
        if transcript_id is None:
            raise NotFound(f"No segment with id {segment_id}.")
        conn.execute(
            update(t.segments)
            .where(t.segments.c.id == segment_id)
            .values(question_key=question_id, section_key=section_id)
        )
        conn.execute(delete(aq).where(aq.c.segment_id == segment_id))
        conn.execute(insert(aq).values(segment_id=segment_id, confidence=None, set_by=coder, set_at=now()))
        if coverage is not None:
            conn.execute(
                update(t.transcripts).where(t.transcripts.c.id == transcript_id).values(coverage=asdict(coverage))
            )


def unsure_answer_count(store: Store, project_id: int, below: float) -> int:
    """Answers whose question the aligner gave with confidence below ``below`` and no researcher has set."""
    aq = t.answer_questions
    with store.read() as conn:
        return (
            conn.execute(
                select(func.count())
                .select_from(aq)
                .join(t.segments, t.segments.c.id == aq.c.segment_id)
                .join(t.transcripts, t.transcripts.c.id == t.segments.c.transcript_id)
                .where(t.transcripts.c.project_id == project_id, aq.c.confidence < below, aq.c.set_by.is_(None))
            ).scalar()
            or 0
        )


def answer_question(store: Store, segment_id: int) -> AnswerQuestion | None:
    """How one answer's question was set (None: no record, e.g. no guide or imported before issue 19)."""
    aq = t.answer_questions
    with store.read() as conn:
        row = conn.execute(select(aq).where(aq.c.segment_id == segment_id)).first()
    return AnswerQuestion(row.segment_id, row.confidence, row.set_by, row.set_at) if row else None


def embedding_models(store: Store, project_id: int) -> dict[str, int]:
    """Model name -> how many of the project's segments hold an embedding made by it."""
    with store.read() as conn:
        rows = conn.execute(
            select(t.segments.c.embedding_model, func.count())
            .join(t.transcripts, t.transcripts.c.id == t.segments.c.transcript_id)
            .where(t.transcripts.c.project_id == project_id, t.segments.c.embedding_model.is_not(None))
            .group_by(t.segments.c.embedding_model)
        ).all()
    return {name: count for name, count in rows}
