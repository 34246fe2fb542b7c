"""Coverage: questions and sections asked, key questions missed, answer words per question."""

from __future__ import annotations

from coding.model import Alignment, Frame, Segment, Theme
from coding.transcripts.question_coverage import coverage


def test_coverage_of_one_interview():
    frame = Frame(
        "Guide",
        id="g",
        themes=[
            Theme(
                "g_a",
                "A",
                kind="section",
                children=[
                    Theme("g_a_q1", "Q1", kind="question", key=True),
                    Theme("g_a_q2", "Q2", kind="question", key=True),
                ],
            ),
            Theme(
                "g_b",
                "B",
                kind="section",
                children=[Theme("g_b_q1", "Q3", kind="question"), Theme("g_b_q2", "Q4", kind="question", key=True)],
            ),
        ],
    )
    alignments = [
        Alignment(0, "g_b_q1", "g_b", 0.7),
        Alignment(2, None, None, 0.1),
        Alignment(4, "g_a_q1", "g_a", 0.6),
        Alignment(6, "g_b_q1", "g_b", 0.5),
    ]
    segments = [
        Segment(1, 0, 10, "one two three", "r", question_id="g_b_q1", section_id="g_b"),
        Segment(3, 11, 20, "four five", "r", question_id="g_b_q1", section_id="g_b"),
        Segment(4, 21, 30, "asked this", "i", role="interviewer", codable=False),
        Segment(5, 31, 40, "six", "r", question_id="g_a_q1", section_id="g_a"),
    ]
    assert coverage("t.docx", alignments, segments, frame).__dict__ == {
        "transcript": "t.docx",
        "questions_asked": ["g_b_q1", "g_a_q1"],
        "sections_asked": ["g_b", "g_a"],
        "key_questions_missed": ["g_a_q2", "g_b_q2"],
        "answer_words": {"g_b_q1": 5, "g_a_q1": 1},
    }
