"""Restore a project from a REFI-QDA ``.qdpx`` (ours, or NVivo / ATLAS.ti / MAXQDA's).

The archive's text is kept exactly, so every coded selection's offsets stay
valid. Turns are found from the ``Label: words`` paragraphs our exports write
(or, in another tool's plain text, one respondent turn per paragraph); answers
are segmented as on import; each coded selection lands on the segment it
overlaps most, as a sub-span when it covers only part of it. All or nothing:
a failure removes the half-built project.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from coding.service.suggestions import suggest_project
from coding.errors import WorkbenchError
from coding.model import Memo, ProjectSnapshot, Segment, Speaker, Transcript, Turn
from coding.store import codes as store_codes
from coding.store import projects as store_projects
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
            start = match.start() + label.end()
        turns.append(Turn(speaker.key, start, match.end()))
    return Transcript(
        name=name, text=text, format="qdpx", speakers=known, turns=turns,
        source_hash=hashlib.sha256(text.encode("utf-8")).hexdigest(),
    )


def _best_segment(segments: list[Segment], start: int, end: int) -> Segment | None:
    best, best_overlap = None, 0
    for segment in segments:
        overlap = min(end, segment.end) - max(start, segment.start)
        if overlap > best_overlap:
            best, best_overlap = segment, overlap
    return best


def restore_project(store: Store, snapshot: ProjectSnapshot, name: str | None = None, encoder=None) -> RestoreReport:
    """Create a new project from a read ``.qdpx`` snapshot. Returns what was restored."""
    from coding.transcripts.segment import segment_transcript

    base = (name or snapshot.name or "Imported project").strip()
    project_name, n = base, 2
    while store_projects.find_project(store, project_name) is not None:
        project_name, n = f"{base} ({n})", n + 1
    project_id = store_projects.create_project(store, project_name)
    report = RestoreReport(project_id, project_name)
    try:
        for frame in snapshot.frames:
            store_projects.save_frame(store, project_id, frame, "import", f"Restored {frame.name!r} from a .qdpx")
        new_segment: dict[int, int] = {}
        transcript_of_case: dict[int, int] = {}
        stored_segments: dict[int, list[Segment]] = {}
        for case in snapshot.cases:
            transcript = transcript_from_text(case.name, case.text, case.speakers)
            transcript.attributes = dict(case.attributes)
            segments = segment_transcript(transcript)
            transcript_id = store_transcripts.save_transcript(
                store, project_id, transcript, segments, source_file=f"{case.name} (.qdpx)"
            )
            transcript_of_case[case.id] = transcript_id
            stored_segments[case.id] = store_transcripts.load_segments(store, transcript_id)
            report.cases += 1
        for coding in snapshot.codings:
            if coding.status != "confirmed" or coding.case_id not in stored_segments:
                continue
            target = _best_segment(stored_segments[coding.case_id], coding.start, coding.end)
            if target is None:
                report.skipped.append(f"an empty selection in case {coding.case_id}")
                continue
            span = None
            start, end = max(coding.start, target.start), min(coding.end, target.end)
            if (start, end) != (target.start, target.end):
                span = (start, end)
            store_codes.decide(store, project_id, target.id, coding.theme_id, "add", coding.coder or "imported", span)
            new_segment[coding.segment_id] = target.id
            report.codes += 1
        for memo in snapshot.memos:
            store_codes.add_memo(
                store, project_id,
                Memo(memo.text, memo.author or "imported", new_segment.get(memo.segment_id), memo.theme_id,
                     transcript_of_case.get(memo.transcript_id)),
            )
        for (case_id, theme_id), text in snapshot.summaries.items():
            if case_id in transcript_of_case:
                store_codes.set_summary(store, project_id, transcript_of_case[case_id], theme_id, text, "imported")
        if encoder is not None and snapshot.cases:
            suggest_project(store, project_id, encoder)
    except (WorkbenchError, ValueError):
        store_projects.delete_project(store, project_id)
        raise
    return report


def restore_qdpx(store: Store, path: str | Path, name: str | None = None, encoder=None) -> RestoreReport:
    from coding.refi_qda.project_read import read_qdpx

    return restore_project(store, read_qdpx(path), name, encoder)
