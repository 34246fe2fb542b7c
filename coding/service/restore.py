"""Restore a project from a REFI-QDA ``.qdpx`` (ours, or NVivo / ATLAS.ti / MAXQDA's).

The archive's text is kept exactly, so every coded selection's offsets stay
valid. Turns are found from the ``Label: words`` paragraphs our exports write
(or, in another tool's plain text, one respondent turn per paragraph); answers
are segmented as on import; each coded selection lands on the segment it
overlaps most, as a sub-span when it covers only part of it. All or nothing:
a failure removes the half-built project.

What a round trip keeps (ours -> restore -> ours, compared element by element in
tests/test_refi_round_trip.py): every code, each coding with its coder (a confirmed
model suggestion with the model's score), every memo where it was (a passage, a code,
an interview, the project), cases with their attributes, speakers and format, and the
summaries. Creation times become the time of the restore (the store stamps them). Another
tool's users become the coders of their codings and its notes the memos. The deviations
the reader read past, and any passage cut to fit an answer, are in ``RestoreReport.warnings``.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from coding.model import Memo, ProjectSnapshot, Segment, Speaker, Suggestion, Transcript, Turn
from coding.service.suggestions import suggest_project
from coding.store import codes as store_codes
from coding.store import projects as store_projects
from coding.store import summaries as store_summaries
from coding.store import transcripts as store_transcripts
from coding.store.db import Store

_PARAGRAPH = re.compile(r"[^\n]+(?:\n(?!\n)[^\n]*)*")
_LABEL = re.compile(r"^([^:\n]{1,60}):[ \t]+")


@dataclass
class RestoreReport:
    project_id: int
    name: str
    cases: int = 0
    codes: int = 0
    skipped: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def transcript_from_text(name: str, text: str, speakers: list[Speaker]) -> Transcript:
    """Turns over ``text`` unchanged: labelled paragraphs by their speaker, others as respondent talk."""
    by_label = {s.label.lower(): s for s in speakers} | {s.key.lower(): s for s in speakers}
    known = list(speakers)
    turns: list[Turn] = []
    for match in _PARAGRAPH.finditer(text):
        paragraph = match.group(0)
        if not paragraph.strip():
            continue
        label = _LABEL.match(paragraph)
        speaker = by_label.get(label.group(1).strip().lower()) if label else None
        if speaker is None and label and not speakers:
            key = label.group(1).strip().lower()
            role = "interviewer" if key in {"interviewer", "i", "int", "q"} else "respondent"
            speaker = by_label[key] = Speaker(key, label.group(1).strip(), role)
            known.append(speaker)
        if speaker is None:
            speaker = by_label.setdefault("respondent", Speaker("respondent", "Respondent", "respondent"))
            if speaker not in known:
                known.append(speaker)
            start = match.start()
        else:
            assert label is not None  # a speaker is only found or made from a label
            start = match.start() + label.end()
        turns.append(Turn(speaker.key, start, match.end()))
    return Transcript(
        name=name,
        text=text,
        format="qdpx",
        speakers=known,
        turns=turns,
        source_hash=hashlib.sha256(text.encode("utf-8")).hexdigest(),
    )


def _best_segment(segments: list[Segment], start: int, end: int) -> Segment | None:
    best, best_overlap = None, 0
    for segment in segments:
        overlap = min(end, segment.end) - max(start, segment.start)
        if overlap > best_overlap:
            best, best_overlap = segment, overlap
    return best


RESTORED_MODEL = "restored from .qdpx"


def restore_project(
    store: Store,
    snapshot: ProjectSnapshot,
    name: str | None = None,
    encoder=None,
    passages: dict[int, tuple[int, int, int]] | None = None,
    warnings: list[str] | None = None,
) -> RestoreReport:
    """Create a new project from a read ``.qdpx`` snapshot. Returns what was restored.

    ``passages`` (segment id -> case id, start, end; from ``read_project``) places memos
    on passages that carry no code; ``warnings`` are passed on to the report.
    """
    from coding.transcripts.segment import segment_transcript

    base = (name or snapshot.name or "Imported project").strip()
    project_name, n = base, 2
    while store_projects.find_project(store, project_name) is not None:
        project_name, n = f"{base} ({n})", n + 1
    passages = passages or {}
    # One transaction: any failure (a bad value in another tool's file included) leaves the store as it was.
    with store.transaction():
        project_id = store_projects.create_project(store, project_name)
        report = RestoreReport(project_id, project_name, warnings=list(warnings or []))
        for frame in snapshot.frames:
            store_projects.save_frame(store, project_id, frame, "import", f"Restored {frame.name!r} from a .qdpx")
        new_segment: dict[int | None, int] = {}  # looked up with memos' optional ids too
        transcript_of_case: dict[int | None, int] = {}
        stored_segments: dict[int, list[Segment]] = {}
        hashes: set[str] = set()
        for case in snapshot.cases:
            transcript = transcript_from_text(case.name, case.text, case.speakers)
            transcript.attributes = dict(case.attributes)
            transcript.format = case.format or "qdpx"
            if transcript.source_hash in hashes:  # two sources with the same words are still two cases
                transcript.source_hash = hashlib.sha256(f"{case.name}\x1f{case.text}".encode()).hexdigest()
            hashes.add(transcript.source_hash)
            segments = segment_transcript(transcript)
            transcript_id = store_transcripts.save_transcript(
                store, project_id, transcript, segments, source_file=f"{case.name} (.qdpx)"
            )
            transcript_of_case[case.id] = transcript_id
            stored_segments[case.id] = store_transcripts.load_segments(store, transcript_id)
            report.cases += 1
        placed = []
        case_names = {case.id: case.name for case in snapshot.cases}
        for coding in snapshot.codings:
            if coding.status != "confirmed" or coding.case_id not in stored_segments:
                continue
            target = _best_segment(stored_segments[coding.case_id], coding.start, coding.end)
            if target is None:
                report.skipped.append(f"an empty selection in case {coding.case_id}")
                continue
            span = None
            start, end = max(coding.start, target.start), min(coding.end, target.end)
            if (start, end) != (coding.start, coding.end):
                report.warnings.append(
                    f"a passage coded {coding.theme_id!r} in {case_names[coding.case_id]!r} ({coding.start}-{coding.end}) "
                    f"runs past one answer: kept on the answer it overlaps most ({start}-{end})"
                )
            if (start, end) != (target.start, target.end):
                span = (start, end)
            placed.append((coding, target, span))
            new_segment[coding.segment_id] = target.stored_id
        # A confirmed suggestion keeps the model's score: the suggestion goes in first, then the confirm.
        suggested: dict[int, dict[str, Suggestion]] = {}
        for coding, target, span in placed:
            if coding.score is not None and span is None:
                suggested.setdefault(target.stored_id, {})[coding.theme_id] = Suggestion(
                    coding.theme_id, coding.score, "restored"
                )
        if suggested:
            store_codes.put_suggestions(
                store, project_id, {k: list(v.values()) for k, v in suggested.items()}, RESTORED_MODEL
            )
        for coding, target, span in placed:
            action = (
                "confirm"
                if target.id in suggested and coding.theme_id in suggested[target.id] and span is None
                else "add"
            )
            store_codes.decide(
                store, project_id, target.stored_id, coding.theme_id, action, coding.coder or "imported", span
            )
            report.codes += 1
        for segment_id, (case_id, start, end) in passages.items():
            if segment_id not in new_segment and case_id in stored_segments:
                target = _best_segment(stored_segments[case_id], start, end)
                if target is not None:
                    new_segment[segment_id] = target.stored_id
        for memo in snapshot.memos:
            store_codes.add_memo(
                store,
                project_id,
                Memo(
                    memo.text,
                    memo.author or "imported",
                    new_segment.get(memo.segment_id),
                    memo.theme_id,
                    transcript_of_case.get(memo.transcript_id),
                ),
            )
        for (case_id, theme_id), text in snapshot.summaries.items():
            if case_id in transcript_of_case:
                store_summaries.save_summary(
                    store, project_id, transcript_of_case[case_id], theme_id, text, "imported", "written"
                )
    if encoder is not None and snapshot.cases:
        suggest_project(store, project_id, encoder)
    return report


def restore_qdpx(store: Store, path: str | Path, name: str | None = None, encoder=None) -> RestoreReport:
    """Restore the .qdpx at ``path`` as a new project (see ``restore_project``)."""
    from coding.refi_qda.project_read import read_project

    read = read_project(path)
    return restore_project(store, read.snapshot, name, encoder, read.passages, read.warnings)
