"""Suggester logic with the hashing fake: ranking, exclude, top_k, reasons, question prior."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from coding.frames.yaml_io import read_frame_yaml
from coding.model import Frame, Theme
from coding.suggest.scorer import Suggester

DATA = Path(__file__).parent / "data" / "suggest"


@pytest.fixture
def suggester(hashing_encoder):
    return Suggester([read_frame_yaml(DATA / "mini_frame.yaml")], hashing_encoder, shipped_exemplars=False)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("They put a sanction on me and my benefit stopped after a missed appointment", "sanctions"),
        ("I was homeless for a month, then the hostel found me accommodation", "housing"),
        ("The employer made me a job offer even after my disclosure", "employers"),
    ],
)
def test_ranks_the_theme_whose_words_it_uses_first(suggester, text, expected):
    ranked = suggester.suggest([text])[0]
    assert [s.theme for s in ranked][0] == expected
    assert sorted(s.theme for s in ranked) == ["employers", "housing", "sanctions"]
    assert [s.score for s in ranked] == sorted((s.score for s in ranked), reverse=True)


def test_scores_are_independent_probabilities(suggester):
    # Multi-label: each theme's score is its own probability, so a row need not sum to 1.
    ranked = suggester.suggest(["homeless hostel", "employer job"])
    for row in ranked:
        assert all(0.0 <= s.score <= 1.0 for s in row)
    assert [row[0].theme for row in ranked] == ["housing", "employers"]
    assert all(row[0].score > row[-1].score for row in ranked)


def test_why_names_the_keyword_that_matched(suggester):
    top = suggester.suggest(["He spent two weeks in a hostel"])[0][0]
    assert top.theme == "housing"
    assert "hostel" in top.why


def test_exclude_drops_rejected_themes_for_that_segment_only(suggester):
    texts = ["the hostel was full", "the hostel was full"]
    ranked = suggester.suggest(texts, exclude=[{"housing"}, set()])
    assert "housing" not in [s.theme for s in ranked[0]]
    assert ranked[1][0].theme == "housing"


def test_top_k_limits_the_list(suggester):
    assert [len(r) for r in suggester.suggest(["hostel", "employer"], top_k=1)] == [1, 1]


def test_precomputed_embeddings_give_the_same_result(suggester):
    texts = ["the hostel was full", "my employer"]
    assert suggester.suggest(texts, embeddings=suggester.embed(texts)) == suggester.suggest(texts)


def test_aligned_question_is_evidence_for_its_section_and_mapped_theme(hashing_encoder):
    guide = Frame(
        name="Guide",
        themes=[
            Theme(
                id="sanctioning",
                label="SANCTIONING",
                kind="section",
                maps_to=["sanctions"],
                children=[
                    Theme(
                        id="q_requirements", label="What happens when participants miss requirements?", kind="question"
                    ),
                ],
            ),
        ],
    )
    crosscutting = read_frame_yaml(DATA / "mini_frame.yaml")
    s = Suggester([guide, crosscutting], hashing_encoder)
    text = "It went on for a while, nothing much to say really"
    plain = {x.theme: x.score for x in s.suggest([text])[0]}
    asked = s.suggest([text], question_ids=["q_requirements"])[0]
    scores = {x.theme: x.score for x in asked}
    assert scores["sanctions"] > plain["sanctions"]
    assert scores["sanctioning"] > plain["sanctioning"]
    # Confidence is per theme: evidence for sanctions never raises an unrelated theme.
    assert scores["housing"] <= plain["housing"]
    assert "guide question" in next(x.why for x in asked if x.theme == "sanctions")


def test_theme_filter_scores_only_those_themes(hashing_encoder):
    s = Suggester([read_frame_yaml(DATA / "mini_frame.yaml")], hashing_encoder, themes=["housing", "employers"])
    assert sorted(x.theme for x in s.suggest(["anything"])[0]) == ["employers", "housing"]


def test_embeddings_of_empty_text_are_zero(suggester):
    vectors = suggester.embed(["", "hostel"])
    assert np.linalg.norm(vectors, axis=1).round(3).tolist() == [0.0, 1.0]
