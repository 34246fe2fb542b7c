"""Guides with near-duplicate questions: each interviewer turn aligns to the question it asks.

The interviews in tests/data/align/ are fictional, written for these tests: the
interviewer paraphrases the shipped guides' questions in guide order, asking both
questions of near-twin pairs (prisoner E1/E2, E10/E11; Peterborough Q18/Q29,
Q22/Q35, Q25/Q36, Q79/Q80; stakeholder D14-D17 and E5-E8, word for word; the EBA
guide's sections C and C1, word for word; strategic E4/E5), some close to the
guide's words and some (``*_own_words``) in the interviewer's own; two ask only
one twin of a pair (``*_one_twin``) and one asks the twins the other way round
(``peterborough_twins_out_of_order``). The answer key is written below, one
entry per interviewer turn ("-" for a follow-up that asks no guide question),
with the guide prefix left off the ids; Peterborough's questions are numbered
within their section (Q18 is ``3_q1``, Q29 ``3_q12``).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from coding.frames.load import load_frames
from coding.transcripts.align import guide_questions, near_twins, twin_aware_path
from coding.transcripts.pipeline import prepare

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data" / "align"

# file -> (guide, the question each interviewer turn asks, in turn order)
EXPECTED = {
    "prisoner_both_twins.txt": (
        "prisoner",
        """
        - a_q1 a_q5 a_q7 b_q1 b_q3 c_q1 c_q4 c_q5 d_q1 d_q4 d_q7 - e_q1 e_q2 e_q4 e_q5 e_q6 e_q9
        e_q10 e_q11 e_q12 e_q13 e_q14 f_q1 f_q2 f_q3 f_q4 f_q5 -""",
    ),
    "prisoner_one_twin.txt": (
        "prisoner",
        """
        - b_q1 b_q2 c_q5 d_q4 d_q7 e_q2 e_q3 e_q5 e_q9 e_q11 - e_q14 f_q2 f_q3 -""",
    ),
    "prisoner_twins_own_words.txt": (
        "prisoner",
        """
        - d_q1 d_q2 d_q4 e_q1 e_q2 e_q5 e_q6 e_q9 e_q10 e_q11 - e_q12 e_q14 f_q1 f_q2 f_q3 -""",
    ),
    "peterborough_service_lead.txt": (
        "peterborough_sib",
        """
        1_q1 3_q1 3_q2 3_q3 3_q4 3_q5 3_q7 3_q8 3_q9 3_q10 3_q11 3_q12 3_q13 3_q14 3_q17 3_q18 3_q19
        3_q20 4_q1 4_q2 4_q9 5_q1 10_q1 10_q2 10_q4 -""",
    ),
    "peterborough_twins_own_words.txt": (
        "peterborough_sib",
        """
        1_q1 3_q1 3_q3 3_q7 3_q8 3_q9 3_q11 3_q12 3_q14 3_q19 4_q2 4_q7 4_q9 5_q1 10_q4 -""",
    ),
    "peterborough_twins_out_of_order.txt": (
        "peterborough_sib",
        """
        1_q1 3_q12 3_q14 3_q15 3_q19 3_q1 3_q8 4_q9 - 10_q4 -""",
    ),
    "peterborough_manager_one_twin.txt": (
        "peterborough_sib",
        """
        1_q1 3_q12 3_q13 3_q15 3_q16 3_q17 3_q19 4_q7 4_q9 4_q11 10_q4 -""",
    ),
    "stakeholder_design_and_procurement.txt": (
        "stakeholder",
        """
        a_q1 c_q3 c_q4 c_q5 d_q9 d_q11 d_q12 d_q13 d_q14 d_q15 d_q16 d_q17 e_q1 e_q3 e_q4 e_q5 e_q6
        e_q7 e_q8 f_q1 f_q2 g_q1 g_q2 g_q3 h_q1 h_q2 h_q3 -""",
    ),
    "eba_pilot_area_adviser.txt": (
        "resettlement_eba",
        """
        a_q2 b_q1 b_q6 b1_q1 b1_q3 b1_q4 c_q1 c_q2 c_q5 c_q6 c_q9 c1_q1 c1_q2 c1_q6 c1_q9 d_q2 - e_q1 -""",
    ),
    "provider_strategic_in_work.txt": (
        "provider_strategic",
        """
        a_q1 b_q1 d_q2 d_q4 d_q5 e_q1 e_q3 e_q4 e_q5 e_q6 g_q4 -""",
    ),
}


@pytest.fixture(scope="module")
def encoder():
    """The torch run of the model: these turn-by-turn keys and known misses were written against its
    vectors (near-twin pairs are cut at a cosine of 0.75). The int8 default differs on four turns
    here (one of them a known miss it gets right) and scores E1/E2 0.74 (torch 0.75), not a twin; over
    whole sets it aligns as well (benchmarks/README.md, Study scale)."""
    from coding.suggest.encoder import torch_encoder

    return torch_encoder()


def expected_ids(name: str) -> list[str | None]:
    guide, key = EXPECTED[name]
    return [None if short == "-" else f"{guide}_{short}" for short in key.split()]


def _frame(guide: str):
    return load_frames(ROOT / "topic_guides" / f"{guide}.md")[0]


# Asks the aligner still gets wrong, none of them one near-twin taken for the other: (file, turn
# position) -> what it gives. Three paraphrases score under the no-match bar (NO_MATCH_SCORE 0.34;
# "And have you got any plans yet for work?", under the old bar of 0.42, is now found); four go to
# another question on the same topic (A7 "anywhere sorted to live
# for when you get out?" to A5, accommodation before prison; E2 benefits help to E4, when advice
# first came; the opening "what's your involvement been with the SIB here?" to Q2, involvement in
# the contract negotiations; Q51 relationships with agencies to Q53, duplication with agencies).
# (Eleven before issue 19's aligner.)
KNOWN_MISSES = {
    ("prisoner_both_twins.txt", 3): "prisoner_a_q5",
    ("prisoner_twins_own_words.txt", 5): "prisoner_e_q4",
    ("prisoner_twins_own_words.txt", 7): None,
    ("prisoner_twins_own_words.txt", 15): None,
    ("peterborough_twins_own_words.txt", 0): "peterborough_sib_2_q1",
    ("peterborough_twins_own_words.txt", 5): None,
    ("peterborough_twins_own_words.txt", 13): "peterborough_sib_5_q3",
}


@pytest.mark.parametrize("name", list(EXPECTED))
def test_each_interviewer_turn_aligns_to_the_question_it_asks(name, encoder):
    guide, _ = EXPECTED[name]
    prepared = prepare(DATA / name, _frame(guide), encoder)
    expected = [KNOWN_MISSES.get((name, i), want) for i, want in enumerate(expected_ids(name))]
    assert [a.question_id for a in prepared.alignments] == expected


def test_twins_asked_the_other_way_round_are_both_credited(encoder):
    # Q29 (your organisation's service) first, Q18 (the One Service as a whole) after Q36: the
    # scorer sends both asks to Q29, leaving the key question Q18 reported missed.
    prepared = prepare(DATA / "peterborough_twins_out_of_order.txt", _frame("peterborough_sib"), encoder)
    t = prepared.transcript
    whole_service = next(i for i, turn in enumerate(t.turns) if t.turn_text(turn).startswith("Casework is the centre"))
    assert {s.question_id for s in prepared.segments if s.turn_index == whole_service} == {"peterborough_sib_3_q1"}
    assert prepared.coverage.key_questions_missed == ["peterborough_sib_4_q2", "peterborough_sib_5_q1"]
    assert prepared.coverage.questions_asked[:6] == [
        "peterborough_sib_1_q1",
        "peterborough_sib_3_q12",
        "peterborough_sib_3_q14",
        "peterborough_sib_3_q15",
        "peterborough_sib_3_q19",
        "peterborough_sib_3_q1",
    ]


def test_near_twins_of_the_shipped_guides(encoder):
    def pairs(guide, enc):
        return [
            (a.removeprefix(f"{guide}_"), b.removeprefix(f"{guide}_"))
            for a, b in near_twins(guide_questions(_frame(guide)), enc)
        ]

    assert pairs("prisoner", encoder) == [("e_q1", "e_q2"), ("e_q7", "e_q10"), ("e_q10", "e_q11")]
    assert pairs("peterborough_sib", encoder) == [
        ("2_q9", "2_q13"),
        ("3_q1", "3_q12"),
        ("3_q1", "4_q2"),
        ("3_q1", "5_q3"),
        ("3_q5", "3_q18"),
        ("3_q8", "3_q19"),
        ("3_q10", "3_q21"),
        ("7_q1", "7_q2"),
        ("7_q3", "7_q4"),
        ("10_q1", "10_q2"),
    ]
    assert pairs("provider_strategic", encoder) == [("e_q4", "e_q5")]
    assert pairs("prisoner", None) == [("e_q10", "e_q11")]  # word overlap alone


# The twin rule on hand-made scores: guide questions 0..4, where 1 and 3 are near-twins.
TWINS = np.zeros((5, 5), dtype=bool)
TWINS[1, 3] = TWINS[3, 1] = True


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        # Asked in guide order; the second ask also scores 1 higher, and asking 1 again costs less than
        # skipping 2 (the plain best path is [0, 1, 2, 1, 4]); its words lean toward 3 the more.
        (
            [
                [0.9, 0.1, 0.1, 0.1, 0.1],
                [0.1, 0.8, 0.1, 0.7, 0.1],
                [0.1, 0.1, 0.8, 0.1, 0.1],
                [0.1, 0.75, 0.1, 0.7, 0.1],
                [0.1, 0.1, 0.1, 0.1, 0.8],
            ],
            [0, 1, 2, 3, 4],
        ),
        # The other way round: 3's ask comes early, 1's after 4, both scoring 3 higher ([0, 3, 4, 3]).
        (
            [
                [0.9, 0.1, 0.1, 0.1, 0.1],
                [0.1, 0.7, 0.1, 0.8, 0.1],
                [0.1, 0.1, 0.1, 0.1, 0.8],
                [0.1, 0.72, 0.1, 0.74, 0.1],
            ],
            [0, 3, 4, 1],
        ),
        # The first ask leans toward 3 a little more (0.06 below 1, against 0.1), within the wording tie:
        # the order prior says the ask between 2 and 4 was 3.
        (
            [
                [0.9, 0.1, 0.1, 0.1, 0.1],
                [0.1, 0.8, 0.1, 0.74, 0.1],
                [0.1, 0.1, 0.8, 0.1, 0.1],
                [0.1, 0.8, 0.1, 0.7, 0.1],
                [0.1, 0.1, 0.1, 0.1, 0.8],
            ],
            [0, 1, 2, 3, 4],
        ),
    ],
)
def test_a_question_asked_twice_gives_an_ask_to_its_unasked_twin(rows, expected):
    assert twin_aware_path(np.array(rows, dtype=np.float32), 0.4, TWINS) == expected


def test_a_repeat_stays_when_the_twin_does_not_fit_or_there_is_none():
    # Asked again in other words, the twin scoring far lower: giving it the ask costs the path more
    # than TWIN_REPAIR_COST.
    again = [
        [0.9, 0.1, 0.1, 0.1, 0.1],
        [0.1, 0.9, 0.1, 0.5, 0.1],
        [0.1, 0.85, 0.1, 0.5, 0.1],
        [0.1, 0.1, 0.8, 0.1, 0.1],
    ]
    assert twin_aware_path(np.array(again, dtype=np.float32), 0.4, TWINS) == [0, 1, 1, 2]
    # No twins: the first case above keeps its plain best path.
    close = [
        [0.9, 0.1, 0.1, 0.1, 0.1],
        [0.1, 0.8, 0.1, 0.7, 0.1],
        [0.1, 0.1, 0.8, 0.1, 0.1],
        [0.1, 0.75, 0.1, 0.7, 0.1],
        [0.1, 0.1, 0.1, 0.1, 0.8],
    ]
    assert twin_aware_path(np.array(close, dtype=np.float32), 0.4, np.zeros((5, 5), dtype=bool)) == [0, 1, 2, 1, 4]
