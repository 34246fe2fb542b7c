"""Learning from decisions with the real all-MiniLM-L6-v2 and the shipped cross-cutting themes.

A confirmation of T on S says "S is T"; a rejection says "S is not T", not "anything
like S is not T". So decisions move T for answers close to S and leave unrelated
answers exactly as they were. The answers are our own fictional wording.
"""

from __future__ import annotations

import pytest

from coding.frames.crosscutting import crosscutting_frame
from coding.suggest.knn_vote import RADIUS
from coding.suggest.scorer import RECALIBRATE_FROM, RECALIBRATE_REJECTED_FROM, Suggester

REJECTED = "They stopped my money for a month because I missed one appointment at the Jobcentre."
UNRELATED = [
    "The council and the probation trust pooled their budgets to buy the service together.",
    "Nobody shares the data, so we never know what happened to someone after they left the prison.",
    "The lead provider passed the harder cases down to small charities in its supply chain.",
    "Most of the employers we approached had never taken on anyone with a record.",
]


@pytest.fixture(scope="module")
def frame():
    return crosscutting_frame()


@pytest.fixture(scope="module")
def encoder():
    """The torch run of the model, which these ranks were written against (the int8 default, as it
    batched texts, ranked the trial-shift answer's theme fourth zero-shot and second after three
    confirmations; benchmarks/README.md, Study scale, compares the two over whole sets)."""
    from coding.suggest.encoder import torch_encoder

    return torch_encoder()


def _ranking(rows):
    return [[x.theme for x in row] for row in rows]


def test_rejecting_a_theme_on_one_answer_leaves_unrelated_answers_exactly_as_they_were(frame, encoder):
    s = Suggester([frame], encoder)
    assert (s.embed(UNRELATED) @ s.embed([REJECTED])[0] < RADIUS).all()  # the premise: they are unrelated
    before = s.suggest(UNRELATED)
    s.add_example(REJECTED, "sanctions", accepted=False)
    assert s.suggest(UNRELATED) == before


def test_rejecting_a_theme_lowers_it_for_a_near_paraphrase(frame, encoder):
    s = Suggester([frame], encoder)
    paraphrase = "I missed a single appointment at the Jobcentre and they stopped my money for a month."
    before = {x.theme: x.score for x in s.suggest([paraphrase])[0]}
    s.add_example(REJECTED, "sanctions", accepted=False)
    after = {x.theme: x.score for x in s.suggest([paraphrase])[0]}
    assert after["sanctions"] < before["sanctions"]


def test_the_rejection_that_triggers_a_refit_changes_confidence_not_the_ranking_of_unrelated_answers(frame, encoder):
    s = Suggester([frame], encoder)
    reasons = [
        "the bus never came",
        "my mum was in hospital",
        "I had a court date",
        "I was at a job interview",
        "nobody told me about it",
        "the letter went to my old address",
        "I was ill in bed",
        "my phone had been cut off",
        "I was in custody overnight",
        "I got the day wrong",
        "the office moved",
        "I was looking after my kids",
    ]
    sanctioned = [f"I missed the appointment because {r} and they sanctioned me." for r in reasons]
    supported = [
        f"My adviser {v} every week, which keeps me going."
        for v in [
            "rings me",
            "sees me",
            "texts me",
            "checks on me",
            "meets me for coffee",
            "calls round",
            "emails me",
            "goes through jobs with me",
            "helps with my forms",
            "asks about my family",
        ]
    ]
    assert len(sanctioned) + len(supported) >= RECALIBRATE_FROM
    s.add_examples(
        sanctioned + supported, ["sanctions"] * len(sanctioned) + ["delivery_support"] * len(supported), True
    )
    s.add_examples(
        sanctioned[: RECALIBRATE_REJECTED_FROM - 1], ["participant_needs"] * (RECALIBRATE_REJECTED_FROM - 1), False
    )
    assert (s.embed(UNRELATED) @ s.embed([REJECTED])[0] < RADIUS).all()
    before = s.suggest(UNRELATED)
    default_map = s.calibration
    s.add_example(REJECTED, "sanctions", accepted=False)
    after = s.suggest(UNRELATED)
    assert s.calibration != default_map  # the refit happened ...
    assert [[x.score for x in row] for row in after] != [[x.score for x in row] for row in before]
    assert _ranking(after) == _ranking(before)  # ... and reordered nothing


def test_confirming_t_on_answers_like_x_raises_t_for_a_new_answer_like_x(frame, encoder):
    new = "The warehouse manager said he would give our lads a trial shift if we vouched for them."
    likes = [
        "We persuaded the builders' merchant to take two of our men on a work trial.",
        "The hotel agreed to interview anyone we sent them, criminal record or not.",
        "A local factory offered trial shifts to people leaving prison as long as we stood behind them.",
        "The depot manager agreed to a trial week for anyone we recommended.",
    ]
    ranks, scores = [], []
    for n in (0, 3, 4):  # the vote grows with the number and closeness of confirmed answers
        s = Suggester([frame], encoder)
        if n:
            s.add_examples(likes[:n], ["employer_engagement"] * n, True)
        ranked = s.suggest([new])[0]
        ranks.append([x.theme for x in ranked].index("employer_engagement"))
        scores.append({x.theme: x.score for x in ranked}["employer_engagement"])
    assert ranks == [2, 0, 0]  # zero-shot ranks it third; three confirmations put it first ...
    assert scores[0] < scores[1] < scores[2]  # ... and a fourth makes the suggestion surer
    assert "you confirmed" in ranked[0].why


def test_left_out_a_decided_answer_is_scored_as_if_its_own_decision_were_not_there(frame, encoder):
    answer = "The warehouse manager said he would give our lads a trial shift if we vouched for them."
    s = Suggester([frame], encoder)
    zero_shot = s.suggest([answer])
    s.add_example(answer, "employer_engagement", accepted=True)
    learnt = s.suggest([answer])
    assert learnt[0][0].theme == "employer_engagement" and "you confirmed" in learnt[0][0].why
    assert s.suggest([answer], leave_self_out=True) == zero_shot  # what the project stores for the model
