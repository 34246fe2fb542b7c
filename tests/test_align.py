"""Alignment logic with a hand-built frame and no model: order prior, no-match, jumping back."""

from __future__ import annotations

import numpy as np

from coding.model import Frame, Theme
from coding.suggest.encoder import HashingEncoder
from coding.transcripts.align import align_questions, best_path
from coding.transcripts.read import read_transcript
from coding.transcripts.segment import segment_transcript


def _frame():
    def q(i, label, key=False, probes=()):
        return Theme(f"g_{i}", label, kind="question", key=key, probes=list(probes))

    return Frame(
        "Guide",
        id="g",
        themes=[
            Theme(
                "g_a",
                "A. Referral",
                kind="section",
                children=[
                    q(
                        "a_q1",
                        "Can you describe how offenders are referred and attached to the Work Programme?",
                        key=True,
                        probes=["Probe: Any warm handover at the prison gates"],
                    ),
                    q("a_q2", "What is the gap between referral and attachment of offenders?"),
                ],
            ),
            Theme(
                "g_h",
                "H. Sanctioning",
                kind="section",
                children=[
                    q("h_q1", "If an offender is not meeting participation requirements, what do you do?", key=True),
                    q("h_q2", "Do you believe that sanctioning is effective with offenders?"),
                ],
            ),
        ],
    )


def _fake_sentences(texts):
    return [[(0, len(t))] for t in texts]


TRANSCRIPT = """I: Thanks for your time. Shall we start?
R: Sure.
I: How are offenders referred and attached to you?
R: Through the Jobcentre, late.
I: Right.
R: And the phone numbers are often dead.
I: What do you do if someone is not meeting the participation requirements?
R: We phone, text and visit before any sanction.
I: Going back to referral, what is the gap between referral and attachment?
R: About a month for half of them.
"""


def test_alignment_with_no_match_follow_ups_and_a_jump_back(tmp_path):
    path = tmp_path / "t.txt"
    path.write_text(TRANSCRIPT, "utf-8")
    t = read_transcript(path)
    segments = segment_transcript(t, sentences=_fake_sentences)
    alignments = align_questions(t, segments, _frame(), encoder=HashingEncoder())
    assert [(a.turn_index, a.question_id, a.section_id) for a in alignments] == [
        (0, None, None),
        (2, "g_a_q1", "g_a"),
        (4, None, None),
        (6, "g_h_q1", "g_h"),
        (8, "g_a_q2", "g_a"),
    ]
    # Set in place on respondent answers; a no-match follow-up keeps the current question.
    assert [(s.turn_index, s.question_id) for s in segments if s.role == "respondent"] == [
        (1, None),
        (3, "g_a_q1"),
        (5, "g_a_q1"),
        (7, "g_h_q1"),
        (9, "g_a_q2"),
    ]
    assert all(s.question_id is None for s in segments if s.role == "interviewer")


def test_lexical_only_alignment_without_an_encoder(tmp_path):
    path = tmp_path / "t.txt"
    path.write_text(TRANSCRIPT, "utf-8")
    t = read_transcript(path)
    segments = segment_transcript(t, sentences=_fake_sentences)
    assert [a.question_id for a in align_questions(t, segments, _frame(), encoder=None)] == [
        None,
        "g_a_q1",
        None,
        "g_h_q1",
        "g_a_q2",
    ]


def test_order_prior_breaks_a_tie_in_favour_of_moving_on():
    # Turn 2 is equally like questions 0 and 1; having just asked 0, the guide order says 1.
    scores = np.array([[0.9, 0.1, 0.1], [0.6, 0.6, 0.1]], dtype=np.float32)
    assert best_path(scores, no_match=0.4) == [0, 1]
    assert best_path(np.array([[0.2, 0.1, 0.1]]), no_match=0.4) == [None]
    assert best_path(np.zeros((2, 0)), no_match=0.4) == [None, None]


STACKED = """I: Thanks for your time. Shall we start?
R: Sure.
I: How are offenders referred and attached to you? And what is the gap between referral and attachment?
R: Through the Jobcentre, and about a month for half of them.
I: Mm-hm.
R: And the phone numbers are often dead.
I: What do you do if someone is not meeting the participation requirements?
R: We phone, text and visit before any sanction.
"""


def test_a_stacked_turn_asks_both_questions_and_a_back_channel_passes_the_question_on(tmp_path):
    path = tmp_path / "t.txt"
    path.write_text(STACKED, "utf-8")
    t = read_transcript(path)
    segments = segment_transcript(t, sentences=_fake_sentences)
    alignments = align_questions(t, segments, _frame(), encoder=HashingEncoder())
    assert [(a.turn_index, a.kind, a.question_id, a.also_asks) for a in alignments] == [
        (0, "off_guide", None, []),
        (2, "question", "g_a_q1", ["g_a_q2"]),
        (4, "backchannel", None, []),
        (6, "question", "g_h_q1", []),
    ]
    answers = [s for s in segments if s.role == "respondent"]
    assert [(s.turn_index, s.question_id) for s in answers] == [(1, None), (3, "g_a_q1"), (5, "g_a_q1"), (7, "g_h_q1")]
    assert answers[0].question_confidence is None
    assert all(0 < s.question_confidence <= 1 for s in answers[1:])
    from coding.transcripts.question_coverage import coverage

    assert coverage("t", alignments, segments, _frame()).questions_asked == ["g_a_q1", "g_a_q2", "g_h_q1"]
