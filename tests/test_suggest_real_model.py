"""The real all-MiniLM-L6-v2 on fictional interview answers, with the evaluation frame's themes.

The answers are our own fictional wording, not evaluation quotes.
"""

from __future__ import annotations

import numpy as np
import pytest

from coding.frames.yaml_io import read_frame_yaml
from tests.paths import SHARED

EVAL_FRAME = SHARED / "eval" / "frame.yaml"
pytestmark = pytest.mark.skipif(not EVAL_FRAME.exists(), reason="the shared evaluation frame is not on this machine")


@pytest.fixture(scope="module")
def suggester(encoder):
    from coding.suggest.scorer import Suggester

    return Suggester([read_frame_yaml(EVAL_FRAME)], encoder)


@pytest.mark.parametrize(
    "answer, expected",
    [
        (
            "I missed one appointment because the bus never came and they sanctioned me, "
            "four weeks with no money at all.",
            "sanctions",
        ),
        (
            "The lead provider passes the harder cases down to the smaller charities in its supply chain, "
            "but the subcontractors say the referrals dried up.",
            "supply_chains",
        ),
        pytest.param(
            "Half of the lads I see have nowhere to live when they come out, and a lot of them are "
            "still using, so a job is the last thing on their mind.",
            "participant_needs",
            # Known weakness: the word "job" pulls employer_engagement above the needs it is about.
            marks=pytest.mark.xfail(strict=True, reason="'job' outweighs housing and drug use"),
        ),
        (
            "Most of the people I see have nowhere to live when they come out and are still using drugs.",
            "participant_needs",
        ),
        (
            "We only get paid when someone stays in work for six months, so the outcome payment "
            "decides what we can afford to offer.",
            "payment_incentives",
        ),
    ],
)
def test_realistic_answers_rank_their_theme_first(suggester, answer, expected):
    ranked = suggester.suggest([answer])[0]
    assert ranked[0].theme == expected, [(s.theme, s.score) for s in ranked[:3]]
    assert ranked[0].why


def test_confirming_similar_answers_moves_a_theme_up(suggester, encoder):
    from coding.suggest.scorer import Suggester

    answer = "Honestly the best bit is that my adviser rings me every week and actually listens."
    fresh = Suggester(suggester.frames, encoder)
    before = {s.theme: s.score for s in fresh.suggest([answer])[0]}["delivery_support"]
    fresh.add_examples(
        [
            "My adviser calls me every Monday to check how I'm getting on.",
            "She sees me every week and always makes time for me.",
        ],
        ["delivery_support"] * 2,
        True,
    )
    after = fresh.suggest([answer])[0]
    assert {s.theme: s.score for s in after}["delivery_support"] > before
    assert after[0].theme == "delivery_support"


def test_onnx_int8_encoder_agrees_with_torch(encoder):
    from coding.suggest.onnx_encoder import OnnxEncoder

    texts = ["They stopped my money after I missed the appointment.", "The employer never asked about my record."]
    cosine = (OnnxEncoder().encode(texts) * encoder.encode(texts)).sum(axis=1)
    assert np.all(cosine > 0.97)
