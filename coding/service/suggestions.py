"""The model's suggestions for a project: encode, learn from every decision, score, store."""

from __future__ import annotations

import numpy as np

from coding.errors import WorkbenchError
from coding.model import MODEL_CODER, Role, Segment, Status, Suggestion
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
    """Embeddings of every codable segment, computing (and storing) only the missing ones.

    An interview whose answers are encoded here (imported without an encoder, or re-segmented after
    a role correction) has the interviewer turns its answers read as their question encoded with
    them, as an import does (``context.segments_to_encode``), so those answers read their question
    from stored vectors (``question_context``). Interviews whose answers were encoded before turns
    were are left as they are: they read the turn before as they always did.
    """
    from coding.suggest.context import segments_to_encode

    stored = store_transcripts.load_embeddings(store, project_id, encoder.name)
    answers = [(tid, seg) for tid, seg in store_transcripts.project_segments(store, project_id) if seg.id not in stored]
    turns = [
        (tid, seg)
        for tid in sorted({tid for tid, _ in answers})
        for seg in segments_to_encode(store_transcripts.load_segments(store, tid))
        if not seg.codable and seg.id not in stored
    ]
    missing = answers + turns
    batch = 64
    for start in range(0, len(missing), batch):
        chunk = missing[start : start + batch]
        progress(start, len(missing), f"Encoding segments {start + 1}–{start + len(chunk)} of {len(missing)}")
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


def question_context(
    store: Store, suggester, segments: list[tuple[int, Segment]], embeddings: dict[int, np.ndarray]
) -> np.ndarray:
    """Per (transcript id, answer): the theme scores of the interviewer turns it reads as its
    question (``context.CONTEXT_TURNS``: an answer no guide question was aligned to reads the turn
    before it; one whose question was carried over a follow-up the aligner matched to nothing reads
    that follow-up and the turn that asked the question), from the turns' stored vectors.

    Where those vectors are missing (an interview imported before turns were encoded, or an answer
    whose question a researcher changed), an answer with no guide question reads the turn before it,
    encoded now, as it always did; an answer with one reads its question's themes only.
    """
    from coding.suggest.context import QuestionTurns, context_matrix, question_turns, turns_read

    out = np.zeros((len(segments), len(suggester.theme_ids)), dtype=np.float32)
    rows_of: dict[int, list[int]] = {}
    for row, (tid, _) in enumerate(segments):
        rows_of.setdefault(tid, []).append(row)
    for tid, rows in rows_of.items():
        every = store_transcripts.load_segments(store, tid)
        turns_of = dict(zip([s.stored_id for s in every if s.codable], question_turns(every)))
        asked: dict[int, list[Segment]] = {}
        for seg in every:
            if seg.role == Role.INTERVIEWER:
                asked.setdefault(seg.turn_index, []).append(seg)
        text = {turn: " ".join(s.text for s in parts) for turn, parts in asked.items()}
        stored = {k for k, parts in asked.items() if all(s.stored_id in embeddings for s in parts)}
        wanted: list[QuestionTurns] = []
        for row in rows:
            turns = turns_of[segments[row][1].stored_id]
            if not set(turns_read(turns)) <= stored:
                turns = (
                    QuestionTurns(turns.before, turns.before) if turns.question is None else QuestionTurns(None, None)
                )
            wanted.append(turns)
        read = sorted({k for turns in wanted for k in turns_read(turns)})
        from_store = [k for k in read if k in stored]
        scores: dict[int, np.ndarray] = {}
        if from_store:
            vectors = [np.mean([embeddings[s.stored_id] for s in asked[k]], axis=0) for k in from_store]
            matrix = np.stack([v / (np.linalg.norm(v) or 1.0) for v in vectors])
            scores.update(zip(from_store, suggester.context_scores([text[k] for k in from_store], matrix)))
        encode_now = [k for k in read if k not in stored]
        if encode_now:
            scores.update(zip(encode_now, suggester.context_scores([text[k] for k in encode_now])))
        out[rows] = context_matrix(scores, wanted, out.shape[1])
    return out


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
            context=question_context(store, suggester, chunk, embeddings),
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
