"""One interview's coverage of its guide: what a team lead asks first.

Which questions and sections the interviewer asked (in the order first asked),
which key (must-cover, bold in the guide) questions were never asked, and how
many words of answer each asked question got (respondent segments that carry
the question after alignment). A turn that stacks two questions asks both.

``corrected`` is the same record after a researcher gives an answer another
question: the question it leaves is no longer asked when no answer carries it
any more (the aligner misread the turn), and the question it gets is asked.
"""

from __future__ import annotations

from coding.model import Alignment, Coverage, Frame, Segment
from coding.transcripts.align import guide_questions


def coverage(transcript_name: str, alignments: list[Alignment], segments: list[Segment], frame: Frame) -> Coverage:
    asked = [q for a in alignments for q in ([a.question_id] if a.question_id else []) + getattr(a, "also_asks", [])]
    return _record(transcript_name, asked, segments, frame)


def corrected(
    previous: Coverage, segments: list[Segment], frame: Frame, left: str | None, given: str | None
) -> Coverage:
    """``previous`` after one answer moved from question ``left`` to ``given`` (``segments`` as they now are)."""
    carried = {s.question_id for s in segments if s.role == "respondent"}
    asked = [q for q in previous.questions_asked if q != left or q in carried]
    if given and given not in asked:
        asked.append(given)
    return _record(previous.transcript, asked, segments, frame)


def _record(transcript_name: str, asked_ids: list[str], segments: list[Segment], frame: Frame) -> Coverage:
    questions = guide_questions(frame)
    known = {q.theme.id for q in questions}
    asked = list(dict.fromkeys(q for q in asked_ids if q in known))
    section_of = {q.theme.id: q.section_id for q in questions}
    sections = list(dict.fromkeys(s for q in asked if (s := section_of[q])))
    missed = [q.theme.id for q in questions if q.theme.key and q.theme.id not in asked]
    words: dict[str, int] = {q: 0 for q in asked}
    for segment in segments:
        if segment.role == "respondent" and segment.question_id in words:
            words[segment.question_id] += len(segment.text.split())
    return Coverage(
        transcript=transcript_name,
        questions_asked=asked,
        sections_asked=sections,
        key_questions_missed=missed,
        answer_words=words,
    )
