"""Transcripts into a project: import (each file all-or-nothing), and the researcher's corrections."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from coding.errors import NotFound, WorkbenchError
from coding.model import Frame, Role, Segment
from coding.service.progress import Progress, no_progress
from coding.store import projects as store_projects
from coding.store import transcripts as store_transcripts
from coding.store.db import Store

ENCODE_BATCH = 1024  # segments per encoder call at import: bounded memory, little padding once sorted


@dataclass
class ImportReport:
    imported: list[tuple[str, int]] = field(default_factory=list)  # (name, transcript id)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (file, readable reason)
    warnings: list[tuple[str, str]] = field(default_factory=list)  # (name, warning)


def guide_frames(store: Store, project_id: int) -> list[Frame]:
    return [f for f in store_projects.load_frames(store, project_id) if f.kind == "guide"]


def import_transcripts(
    store: Store,
    project_id: int,
    paths: Iterable[str | Path],
    encoder=None,
    guide_key: str | None = None,
    attributes: dict[str, str] | None = None,
    sidecar: dict[str, dict[str, str]] | None = None,
    progress: Progress = no_progress,
    names: dict[str, str] | None = None,
    author: str | None = None,
    words: Callable[[int], None] | None = None,
) -> ImportReport:
    """Import transcript files, each all-or-nothing; a bad file is reported, the others go on.

    ``sidecar`` maps file names to case attributes (from a CSV/XLSX); ``attributes``
    apply to every file and win over the sidecar. ``names`` maps a path to the
    name to store it under (uploads arrive with temporary file names). ``words`` is
    called with each stored transcript's word count (the UI's words per second).

    With an encoder, the codable segments' embeddings are computed here, across
    transcripts in batches of ``ENCODE_BATCH`` (each distinct text once, shortest
    first so batches pad little), and stored; suggesting then finds them ready.
    ``progress`` is called between files and batches only, never inside a write,
    so a caller that stops the import there leaves whole files.
    """
    from coding.service import team
    from coding.suggest.context import segments_to_encode
    from coding.suggest.encoder import CachingEncoder
    from coding.team.permissions import TeamAction
    from coding.transcripts.guide_choice import choose_guide
    from coding.transcripts.pipeline import prepare_transcript
    from coding.transcripts.read import read_transcript

    team.authorize(store, project_id, author, TeamAction.IMPORT)

    files = [Path(p) for p in paths]
    report = ImportReport()
    if encoder is not None:
        from coding.service.suggestions import project_encoder

        encoder = CachingEncoder(project_encoder(store, project_id, encoder))
    guides = guide_frames(store, project_id)
    pending: list[Segment] = []  # stored segments (answers, turns they read) not encoded yet
    for done, path in enumerate(files):
        display = (names or {}).get(str(path), path.name)
        progress(done, len(files), f"Importing {display}")
        try:
            case_attributes = dict((sidecar or {}).get(display, {}))
            case_attributes.update(attributes or {})
            frame = None
            raw = read_transcript(path)
            if guide_key:
                frame = next((g for g in guides if g.id == guide_key), None)
                if frame is None:
                    raise NotFound(f"No topic guide {guide_key!r} in this project.")
            elif guides and encoder is not None:
                asked = [raw.turn_text(turn) for turn in raw.turns if raw.role_of(turn.speaker) == Role.INTERVIEWER]
                frame = choose_guide(guides, asked, encoder)
            prepared = prepare_transcript(raw, frame, encoder, attributes=case_attributes)
            prepared.transcript.name = Path(display).stem
            transcript_id = store_transcripts.save_transcript(
                store,
                project_id,
                prepared.transcript,
                prepared.segments,
                prepared.alignments,
                prepared.coverage,
                guide_key=frame.id if frame else None,
                source_file=display,
            )
            report.imported.append((prepared.transcript.name, transcript_id))
            store_alignment_confidences(store, transcript_id, prepared.segments)
            if words is not None:
                words(len(prepared.transcript.text.split()))
            if encoder is not None:  # answers, and the interviewer turns they read as their question
                pending.extend(segments_to_encode(store_transcripts.load_segments(store, transcript_id)))
            team.record(
                store,
                project_id,
                author,
                "import",
                prepared.transcript.name,
                transcript_id=transcript_id,
                after={"file": display, "attributes": case_attributes},
            )
            report.warnings.extend((prepared.transcript.name, w) for w in prepared.transcript.warnings)
        except WorkbenchError as exc:
            report.failed.append((display, str(exc)))
        if len(pending) >= ENCODE_BATCH or (pending and done == len(files) - 1):
            progress(done + 1, len(files), f"Encoding {len(pending):,} answers")
            store_segment_embeddings(store, encoder.inner, pending)
            pending = []
    progress(len(files), len(files), "Import finished")
    return report


def store_segment_embeddings(store: Store, encoder, segments: list[Segment]) -> None:
    """Encode the segments' distinct texts in one call, shortest first, and store a vector per segment."""
    texts = sorted({s.text for s in segments}, key=len)
    vectors = dict(zip(texts, encoder.encode(texts))) if texts else {}
    store_transcripts.store_embeddings(store, {s.stored_id: vectors[s.text] for s in segments}, encoder.name)


def correct_speaker_role(
    store: Store, project_id: int, transcript_id: int, speaker_key: str, role: str, encoder=None
) -> dict[int, int]:
    """The researcher says who is who: re-segment and re-align, keeping every code.

    Each code moves to the new segment(s) that hold its text; a code whose text is in
    no codable segment any more is kept as detached, for the researcher to re-attach.
    All in one transaction. Returns old segment id -> new segment id.
    """
    from coding.service.suggestions import suggest_project
    from coding.transcripts.pipeline import resegment
    from coding.transcripts.speakers import set_role

    try:
        role = Role(role)
    except ValueError:
        raise WorkbenchError(f"A speaker is an interviewer or a respondent, not {role!r}.") from None
    with store.transaction():
        info = store_transcripts.get_transcript_info(store, transcript_id)
        transcript = set_role(store_transcripts.load_transcript(store, transcript_id), speaker_key, role)
        frame = store_projects.load_frame(store, project_id, info.guide_key) if info.guide_key else None
        # A researcher's own choice of an answer's question outlives the re-segmentation too.
        old = {s.id: s for s in store_transcripts.load_segments(store, transcript_id)}
        chosen = [
            (old[sid], record.set_by)
            for sid, record in store_transcripts.answer_questions(store, transcript_id).items()
            if record.set_by and sid in old
        ]
        segments, interview_coverage = resegment(transcript, frame, encoder)
        mapping = store_transcripts.replace_segments(store, transcript_id, transcript, segments, interview_coverage)
        store_alignment_confidences(store, transcript_id, segments)
        answers = store_transcripts.load_segments(store, transcript_id, codable_only=True)
        for segment, author in chosen:
            overlap = {a.stored_id: min(a.end, segment.end) - max(a.start, segment.start) for a in answers}
            target = max(overlap, key=overlap.__getitem__, default=None)
            if target is not None and overlap[target] > 0:
                set_answer_question(store, project_id, target, segment.question_id, author)
    if encoder is not None:
        suggest_project(store, project_id, encoder, transcript_ids=[transcript_id])
    return mapping


def update_attributes(store: Store, transcript_id: int, attributes: dict[str, str], author: str | None = None) -> None:
    """Replace a case's attributes (respondent type, area, wave …), with a history entry."""
    from coding.service import team
    from coding.store.team import project_of_transcript
    from coding.team.permissions import TeamAction

    info = store_transcripts.get_transcript_info(store, transcript_id)
    project_id = project_of_transcript(store, transcript_id)
    assert project_id is not None  # get_transcript_info found the transcript
    team.authorize(store, project_id, author, TeamAction.EDIT_ATTRIBUTES)
    with store.transaction():
        store_transcripts.update_attributes(store, transcript_id, attributes)
        team.record(
            store,
            project_id,
            author,
            "attributes",
            info.name,
            transcript_id=transcript_id,
            before=dict(info.attributes or {}),
            after=dict(attributes),
        )


# ----- each answer's guide question (issue 19) -----


def store_alignment_confidences(store: Store, transcript_id: int, segments: list[Segment]) -> None:
    """Keep the aligner's confidence in each respondent answer's question beside the stored segments."""
    by_span = {(s.start, s.end): s.question_confidence for s in segments if s.role == Role.RESPONDENT}
    stored = store_transcripts.load_segments(store, transcript_id)
    store_transcripts.save_answer_confidences(
        store, {s.stored_id: by_span[s.start, s.end] for s in stored if (s.start, s.end) in by_span and s.question_id}
    )


def set_answer_question(store: Store, project_id: int, segment_id: int, question_id: str | None, coder: str) -> None:
    """A researcher ties an answer to another guide question (or to none), in one step.

    Stored with who and when; the interview's coverage (questions asked, key
    questions missed) is recomputed at once; the answer's codes are untouched.
    """
    from coding.service import team
    from coding.team.permissions import TeamAction
    from coding.transcripts.align import guide_questions
    from coding.transcripts.question_coverage import corrected

    team.authorize(store, project_id, coder, TeamAction.CODE)
    with store.transaction():
        segment = store_transcripts.get_segment(store, segment_id)
        transcript_id = store_transcripts.transcript_of_segment(store, segment_id)
        info = store_transcripts.get_transcript_info(store, transcript_id)
        frame = store_projects.load_frame(store, project_id, info.guide_key) if info.guide_key else None
        questions = {q.theme.id: q for q in guide_questions(frame)} if frame else {}
        if question_id is not None and question_id not in questions:
            raise NotFound(f"No question {question_id!r} in this interview's topic guide.")
        section_id = questions[question_id].section_id if question_id else None
        segments = store_transcripts.load_segments(store, transcript_id)
        for s in segments:
            if s.id == segment_id:
                s.question_id, s.section_id = question_id, section_id
        new_coverage = None
        if frame is not None and info.coverage:
            from coding.model import Coverage

            new_coverage = corrected(Coverage(**info.coverage), segments, frame, segment.question_id, question_id)
        store_transcripts.set_answer_question(store, segment_id, question_id, section_id, coder, new_coverage)
        team.record(
            store,
            project_id,
            coder,
            "set_question",
            question_id or "",
            transcript_id=transcript_id,
            segment_id=segment_id,
            before={"question_id": segment.question_id},
            after={"question_id": question_id},
        )


def answer_question(store: Store, segment_id: int):
    """How one answer's guide question was set: the aligner's confidence, or who set it and when."""
    return store_transcripts.answer_question(store, segment_id)


def unsure_answers(store: Store, project_id: int) -> int:
    """How many answers' questions the aligner was unsure of (below UNSURE_BELOW) and nobody has checked."""
    from coding.transcripts.align import UNSURE_BELOW

    return store_transcripts.unsure_answer_count(store, project_id, UNSURE_BELOW)
