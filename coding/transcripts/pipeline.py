"""One call from a file to everything the store needs: read, roles, segments, alignment, coverage.

    prepared = prepare("transcripts/prisoner_wave1.txt", frame, default_encoder())

All-or-nothing: it returns a complete PreparedTranscript or raises (a domain
error for bad input); nothing is written anywhere, so a failure leaves no
partial state. With a frame, speaker roles are re-inferred with the guide's
questions as a hint; without an encoder, alignment is lexical only; without a
frame, there are no alignments and no coverage. ``attributes`` (from ``--attr``
or a sidecar) override the header's suggestions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from coding.model import Alignment, Coverage, Frame, Segment, Transcript
from coding.transcripts.align import align_questions, guide_questions
from coding.transcripts.question_coverage import coverage
from coding.transcripts.read import read_transcript
from coding.transcripts.segment import segment_transcript
from coding.transcripts.speakers import infer_roles


@dataclass
class PreparedTranscript:
    transcript: Transcript
    segments: list[Segment]
    alignments: list[Alignment] = field(default_factory=list)
    coverage: Coverage | None = None


def prepare(
    path: str | Path,
    frame: Frame | None = None,
    encoder=None,
    attributes: dict[str, str] | None = None,
    max_words: int = 120,
    name: str | None = None,
) -> PreparedTranscript:
    return prepare_transcript(read_transcript(path, name=name), frame, encoder, attributes, max_words)


def prepare_transcript(
    transcript: Transcript,
    frame: Frame | None = None,
    encoder=None,
    attributes: dict[str, str] | None = None,
    max_words: int = 120,
) -> PreparedTranscript:
    """``prepare`` for a transcript already read (the caller looked at it first, e.g. to pick its guide)."""
    if attributes:
        transcript.attributes = {**transcript.attributes, **attributes}
    if frame is not None:
        hints = [text for q in guide_questions(frame) for text in (q.theme.label, *q.theme.probes)]
        transcript = infer_roles(transcript, hints)
    segments = segment_transcript(transcript, max_words=max_words)
    if frame is None:
        return PreparedTranscript(transcript, segments)
    alignments = align_questions(transcript, segments, frame, encoder)
    return PreparedTranscript(transcript, segments, alignments, coverage(transcript.name, alignments, segments, frame))


def resegment(
    transcript: Transcript, frame: Frame | None = None, encoder=None, max_words: int = 120
) -> tuple[list[Segment], Coverage | None]:
    """Segments and coverage again, for a transcript whose speakers' roles the researcher corrected
    (roles are kept as they are, not re-inferred)."""
    segments = segment_transcript(transcript, max_words=max_words)
    if frame is None:
        return segments, None
    alignments = align_questions(transcript, segments, frame, encoder)
    return segments, coverage(transcript.name, alignments, segments, frame)
