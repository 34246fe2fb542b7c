"""Assignments, the stratified reliability sample, and blind double-coding."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime

import pytest

from coding.errors import WorkbenchError
from coding.model import CodeApplication
from coding.service import team
from coding.store import codes as store_codes
from coding.store import transcripts as store_transcripts
from coding.team.assignments import (
    RELIABILITY,
    Assignment,
    blind_transcripts,
    draw_reliability_sample,
    may_code_transcript,
    visible_codes,
)
from tests.store_factory import interview, small_project

STRATA = {i: "prisoner" for i in range(1, 13)} | {i: "provider staff" for i in range(13, 19)} | {19: ""}


def test_the_sample_takes_a_share_of_every_stratum_and_pairs_coders_in_turn():
    drawn = draw_reliability_sample(STRATA, ["amira", "ben", "chloe"], fraction=0.15, seed=3)
    assert Counter(d.stratum for d in drawn) == {"prisoner": 2, "provider staff": 1, "": 1}  # ceil(15% of n)
    assert all(STRATA[d.transcript_id] == d.stratum for d in drawn)
    assert Counter(d.coders for d in drawn).most_common(1)[0][1] == 2  # 4 draws over 3 pairs
    assert draw_reliability_sample(STRATA, ["amira", "ben", "chloe"], 0.15, seed=3) == drawn  # reproducible
    assert draw_reliability_sample(STRATA, ["amira", "ben", "chloe"], 0.15, seed=4) != drawn


@pytest.mark.parametrize(("coders", "fraction", "message"), [(["amira"], 0.2, "two coders"), (["a", "b"], 0, "share")])
def test_a_sample_needs_two_coders_and_a_share(coders, fraction, message):
    with pytest.raises(WorkbenchError, match=message):
        draw_reliability_sample(STRATA, coders, fraction)


def code(segment, coder, status="confirmed", theme="sanctions"):
    return CodeApplication(segment, theme, status, coder, source="model" if coder == "model" else "human")


CODES = [code(1, "model", "suggested"), code(1, "amira"), code(1, "ben", "rejected"), code(2, "ben"), code(9, "ben")]
TRANSCRIPT_OF = {1: 10, 2: 10, 9: 20}
DONE = datetime(2026, 12, 1, tzinfo=UTC)


def test_a_coder_of_a_blind_sample_interview_sees_only_their_codes_and_the_models():
    pair = [Assignment(10, "amira", RELIABILITY), Assignment(10, "ben", RELIABILITY, finished_at=DONE)]
    assert blind_transcripts(pair) == {10: {"amira", "ben"}}
    assert visible_codes(CODES, "amira", pair, TRANSCRIPT_OF) == [CODES[0], CODES[1], CODES[4]]
    assert visible_codes(CODES, "ben", pair, TRANSCRIPT_OF) == [CODES[0], CODES[2], CODES[3], CODES[4]]
    assert visible_codes(CODES, "lena", pair, TRANSCRIPT_OF) == CODES  # the lead is not blind


def test_the_blinding_lifts_when_both_have_finished():
    pair = [
        Assignment(10, "amira", RELIABILITY, finished_at=DONE),
        Assignment(10, "ben", RELIABILITY, finished_at=DONE),
    ]
    assert blind_transcripts(pair) == {}
    assert visible_codes(CODES, "amira", pair, TRANSCRIPT_OF) == CODES


def test_an_ordinary_assignment_is_not_blind():
    assert visible_codes(CODES, "amira", [Assignment(10, "amira"), Assignment(10, "ben")], TRANSCRIPT_OF) == CODES


def test_who_may_code_an_interview():
    assigned = [Assignment(10, "amira")]
    assert may_code_transcript("coder", "amira", 10, assigned)
    assert not may_code_transcript("coder", "ben", 10, assigned)
    assert may_code_transcript("lead", "lena", 10, assigned)
    assert not may_code_transcript(None, "amira", 10, assigned)


def test_the_service_draws_assigns_and_blinds_a_sample(fresh_store):
    project_id, first, segments = small_project(fresh_store)
    for n, kind in enumerate(["provider staff", "provider staff", "prisoner"]):
        transcript, segs = interview(f"Interview {n + 2}", salt=str(n))
        transcript.attributes = {"respondent_type": kind}
        store_transcripts.save_transcript(fresh_store, project_id, transcript, segs)
    drawn = team.draw_sample(fresh_store, project_id, "lena", ["amira", "ben"], "respondent_type", 0.3, seed=1)
    assert [(d.stratum, d.coders) for d in drawn] == [
        ("prisoner", ("amira", "ben")),
        ("provider staff", ("amira", "ben")),
    ]
    sample = drawn[0].transcript_id
    assert {(a.transcript_id, a.username, a.kind) for a in team.assignments(fresh_store, project_id)} == {
        (d.transcript_id, c, RELIABILITY) for d in drawn for c in d.coders
    }
    on_sample = store_transcripts.load_segments(fresh_store, sample, codable_only=True)[0].id
    store_codes.decide(fresh_store, project_id, on_sample, "sanctions", "confirm", "amira")
    store_codes.decide(fresh_store, project_id, on_sample, "sanctions", "reject", "ben")
    mine = lambda viewer: {  # noqa: E731
        c.coder
        for c in team.codes_visible_to(
            fresh_store, project_id, viewer, store_codes.codes_for_segments(fresh_store, [on_sample])[on_sample]
        )
    }
    assert mine("ben") <= {"ben", "model"} and "ben" in mine("ben")
    team.set_finished(fresh_store, project_id, sample, "amira")
    assert "amira" not in mine("ben")
    team.set_finished(fresh_store, project_id, sample, "ben")
    assert {"amira", "ben"} <= mine("ben")
    assert [e.kind for e in team.history(fresh_store, project_id, kinds=["team"])][:3] == [
        "team.finish",
        "team.finish",
        "team.assign",
    ]


def test_the_code_page_reads_a_blind_sample_interview_without_the_other_coders_codes(fresh_store):
    from coding.service import queries

    project_id, _, _ = small_project(fresh_store)
    for n, kind in enumerate(["provider staff", "prisoner"]):
        transcript, segs = interview(f"Interview {n + 2}", salt=str(n))
        transcript.attributes = {"respondent_type": kind}
        store_transcripts.save_transcript(fresh_store, project_id, transcript, segs)
    sample = team.draw_sample(fresh_store, project_id, "lena", ["amira", "ben"], "respondent_type", 0.3, seed=1)
    answer = store_transcripts.load_segments(fresh_store, sample[0].transcript_id, codable_only=True)[0].id
    store_codes.decide(fresh_store, project_id, answer, "sanctions", "confirm", "amira")
    store_codes.decide(fresh_store, project_id, answer, "referrals", "reject", "ben")
    seen = lambda viewer: sorted(  # noqa: E731
        (c.theme_id, c.coder)
        for c in queries.codes_seen_by(fresh_store, project_id, [answer], viewer)[answer]
        if c.coder != "model"
    )
    assert seen("ben") == [("referrals", "ben")]
    assert seen("amira") == [("sanctions", "amira")]
    assert seen(None) == [("referrals", "ben"), ("sanctions", "amira")]


def test_the_model_does_not_learn_from_a_blind_interview_until_both_coders_have_finished(fresh_store):
    from coding.service.suggestions import on_blind_interview, teach_from_decisions

    class Recorder:
        def __init__(self):
            self.examples = []

        def add_example(self, vector, theme, accepted):
            self.examples.append((theme, accepted))

    project_id, _, _ = small_project(fresh_store)
    for n, kind in enumerate(["provider staff", "prisoner"]):
        transcript, segs = interview(f"Interview {n + 2}", salt=str(n))
        transcript.attributes = {"respondent_type": kind}
        store_transcripts.save_transcript(fresh_store, project_id, transcript, segs)
    sample = team.draw_sample(fresh_store, project_id, "lena", ["amira", "ben"], "respondent_type", 0.3, seed=1)
    answer = store_transcripts.load_segments(fresh_store, sample[0].transcript_id, codable_only=True)[0].id
    store_codes.decide(fresh_store, project_id, answer, "sanctions", "reject", "amira")
    embeddings = {answer: [1.0]}
    blind = Recorder()
    assert (teach_from_decisions(blind, fresh_store, project_id, embeddings), blind.examples) == ({}, [])
    assert on_blind_interview(fresh_store, project_id, answer) is True  # what live learning asks per click
    for coder in ("amira", "ben"):
        team.set_finished(fresh_store, project_id, sample[0].transcript_id, coder)
    assert on_blind_interview(fresh_store, project_id, answer) is False
    open_again = Recorder()
    rejected = teach_from_decisions(open_again, fresh_store, project_id, embeddings)
    assert (rejected, open_again.examples) == ({answer: {"sanctions"}}, [("sanctions", False)])
