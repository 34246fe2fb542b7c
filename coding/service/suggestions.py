"""The model's suggestions for a project: encode, learn from every decision, score, store."""

from __future__ import annotations

import numpy as np

from coding.errors import WorkbenchError
from coding.model import MODEL_CODER, Segment, Status, Suggestion
from coding.service.progress import Progress, no_progress
from coding.store import codes as store_codes
from coding.store import projects as store_projects
from coding.store import transcripts as store_transcripts
from coding.store.db import Store

TOP_K = 5


def build_suggester(store: Store, project_id: int, encoder):
    from coding.frames.analytic import suggestable_themes
    from coding.suggest.scorer import Suggester

    frames = store_projects.load_frames(store, project_id)
    if not frames:
        raise WorkbenchError("The project has no coding frame yet: add a topic guide or the cross-cutting themes.")
    return Suggester(frames, encoder, themes=suggestable_themes(frames) or None)


def project_encoder(store: Store, project_id: int, encoder):
    """The encoder this project's embeddings were made with when it is not ``encoder`` (a torch
    project opened where int8 ONNX is the default keeps torch), else ``encoder``."""
    from coding.suggest.encoder import encoder_for_project

    return encoder_for_project(store_transcripts.embedding_models(store, project_id), encoder)


def embed_segments(store: Store, project_id: int, encoder, progress: Progress = no_progress) -> dict[int, np.ndarray]:
    """Embeddings of every codable segment, computing (and storing) only the missing ones."""
    stored = store_transcripts.load_embeddings(store, project_id, encoder.name)
    missing = [(tid, seg) for tid, seg in store_transcripts.project_segments(store, project_id) if seg.id not in stored]
    batch = 64
    for start in range(0, len(missing), batch):
        progress(
            start, len(missing), f"Encoding segments {start + 1}–{min(start + batch, len(missing))} of {len(missing)}"
        )
        chunk = missing[start : start + batch]
        vectors = encoder.encode([seg.text for _, seg in chunk])
        new = {seg.stored_id: vec for (_, seg), vec in zip(chunk, vectors)}
        store_transcripts.store_embeddings(store, new, encoder.name)
        stored.update(new)
    progress(len(missing), len(missing), "Segments encoded")
    return stored


def blind_segments(store: Store, project_id: int) -> set[int]:
    """Answers of blind double-coding interviews not yet finished by both coders: the model must not
    learn from decisions there, or one coder's choices would show in the other's suggestions."""
    from coding.store import team as store_team
    from coding.team.assignments import blind_transcripts

    blind = blind_transcripts(store_team.list_assignments(store, project_id))
    if not blind:
        return set()
    return {seg.stored_id for tid, seg in store_transcripts.project_segments(store, project_id) if tid in blind}


def on_blind_interview(store: Store, project_id: int, segment_id: int) -> bool:
    """Is this answer on a blind double-coding interview not yet finished by both coders?"""
    from coding.store import team as store_team
    from coding.team.assignments import blind_transcripts

    blind = blind_transcripts(store_team.list_assignments(store, project_id))
    return bool(blind) and store_transcripts.transcript_of_segment(store, segment_id) in blind


def teach_from_decisions(
    suggester, store: Store, project_id: int, embeddings: dict[int, np.ndarray]
) -> dict[int, set[str]]:
    """Feed every researcher decision to the suggester (except on still-blind interviews of the
    double-coding sample); return the themes rejected per segment."""
    rejected: dict[int, set[str]] = {}
    blind = blind_segments(store, project_id)
    for code in store_codes.project_codes(store, project_id, (Status.CONFIRMED, Status.REJECTED)):
        if code.coder == MODEL_CODER or code.segment_id not in embeddings or code.segment_id in blind:
            continue
        accepted = code.status == Status.CONFIRMED
        suggester.add_example(embeddings[code.segment_id], code.theme_id, accepted)
        if not accepted:
            rejected.setdefault(code.segment_id, set()).add(code.theme_id)
    return rejected


def unaligned_contexts(store: Store, segments: list[tuple[int, Segment]]) -> list[str | None]:
    """Per (transcript id, segment): the interviewer's turn before it when no guide question was
    aligned to it (an elliptical or off-guide follow-up), else None. Aligned answers already get
    their question's themes; scoring only the unaligned keeps re-scoring a project cheap."""
    from coding.suggest.context import asked_before

    wanted = {tid for tid, seg in segments if seg.question_id is None}
    transcripts = {tid: store_transcripts.load_transcript(store, tid) for tid in wanted}
    return [
        asked_before(transcripts[tid], seg.turn_index) if seg.question_id is None else None for tid, seg in segments
    ]


def suggest_project(
    store: Store,
    project_id: int,
    encoder,
    transcript_ids: list[int] | None = None,
    progress: Progress = no_progress,
) -> int:
    """(Re)compute the model's suggestions, learning from every decision so far. Returns segments scored."""
    encoder = project_encoder(store, project_id, encoder)
    embeddings = embed_segments(store, project_id, encoder, progress)
    suggester = build_suggester(store, project_id, encoder)
    rejected = teach_from_decisions(suggester, store, project_id, embeddings)
    rows = [
        (tid, seg)
        for tid, seg in store_transcripts.project_segments(store, project_id)
        if transcript_ids is None or tid in transcript_ids
    ]
    revision = store_codes.decision_count(store, project_id)
    batch = 256
    for start in range(0, len(rows), batch):
        progress(start, len(rows), f"Suggesting themes for segments {start + 1}–{min(start + batch, len(rows))}")
        chunk = rows[start : start + batch]
        matrix = np.stack([embeddings[seg.stored_id] for _, seg in chunk])
        ranked = suggester.suggest(
            [seg.text for _, seg in chunk],
            question_ids=[seg.question_id for _, seg in chunk],
            top_k=TOP_K,
            embeddings=matrix,
            exclude=[rejected.get(seg.stored_id, set()) for _, seg in chunk],
            leave_self_out=True,
            contexts=unaligned_contexts(store, chunk),
        )
        store_codes.put_suggestions(
            store, project_id, {seg.stored_id: sugg for (_, seg), sugg in zip(chunk, ranked)}, encoder.name
        )
    store_transcripts.mark_suggested(store, {tid for tid, _ in rows}, revision)
    progress(len(rows), len(rows), "Suggestions ready")
    return len(rows)


def suggestions_stale(store: Store, project_id: int, transcript_id: int) -> bool:
    """True when decisions were made since this transcript's suggestions were computed."""
    return store_transcripts.suggestions_revision(store, transcript_id) < store_codes.decision_count(store, project_id)


def suggestions_as_values(codes) -> list[Suggestion]:
    return [Suggestion(c.theme_id, c.score or 0.0, c.why) for c in codes if c.coder == MODEL_CODER]
