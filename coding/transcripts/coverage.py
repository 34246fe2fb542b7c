"""One interview's coverage of its guide: what a team lead asks first.

Which questions and sections the interviewer asked (in the order first asked),
which key (must-cover, bold in the guide) questions were never asked, and how
many words of answer each asked question got (respondent segments that carry
the question after alignment).
"""

from __future__ import annotations

from coding.model import Alignment, Coverage, Frame, Segment
from coding.transcripts.align import guide_questions


def coverage(transcript_name: str, alignments: list[Alignment], segments: list[Segment], frame: Frame) -> Coverage:
    questions = guide_questions(frame)
    known = {q.theme.id for q in questions}
    asked = list(dict.fromkeys(a.question_id for a in alignments if a.question_id in known))
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
