"""Channel agreement as evidence for confidence: when a theme's written texts and its example answers
each rank the first theme first on their own, that theme's confidence is lifted (calibration.py)."""

from __future__ import annotations

import numpy as np
import pytest

from coding.frames.yaml_io import read_frame_yaml
from coding.suggest.calibration import DEFAULT_AGREE, PlattMap, channels_agree, fit_platt

# Three answers, four themes: final scores, and each channel's own scores.
SCORES = np.array(
    [
        [0.52, 0.41, 0.30, 0.22],  # both channels put theme 0 first
        [0.47, 0.45, 0.31, 0.20],  # written texts say 0, example answers say 1
        [0.36, 0.40, 0.33, 0.21],  # both channels say 1, but words and votes put 1 first anyway
    ]
)
WRITTEN = np.array([[0.50, 0.38, 0.31, 0.20], [0.49, 0.40, 0.30, 0.21], [0.30, 0.42, 0.35, 0.20]])
TALK = np.array([[0.53, 0.42, 0.29, 0.23], [0.46, 0.48, 0.31, 0.19], [0.38, 0.39, 0.32, 0.21]])


def test_channels_agree_only_when_both_rank_the_first_theme_first():
    assert channels_agree(SCORES, WRITTEN, TALK).tolist() == [True, False, True]
    assert channels_agree(np.zeros((0, 4)), np.zeros((0, 4)), np.zeros((0, 4))).tolist() == []


def test_agreement_lifts_only_the_first_theme_and_never_reorders():
    agree = channels_agree(SCORES, WRITTEN, TALK)
    lifted, plain = PlattMap().probabilities(SCORES, agree=agree), PlattMap().probabilities(SCORES)
    first = np.argmax(SCORES, axis=1)
    raised = lifted > plain + 1e-6
    assert raised.tolist() == [[a and j == f for j in range(4)] for f, a in zip(first, agree)]
    assert (np.argsort(-lifted, axis=1, kind="stable") == np.argsort(-SCORES, axis=1, kind="stable")).all()
    # The lift is the fitted coefficient on the logit, exactly.
    logit = np.log(lifted[0, 0] / (1 - lifted[0, 0])) - np.log(plain[0, 0] / (1 - plain[0, 0]))
    assert logit == pytest.approx(DEFAULT_AGREE, abs=1e-4)


def test_a_refit_from_decisions_keeps_the_agreement_lift():
    rng = np.random.default_rng(5)
    scores = rng.uniform(0.1, 0.7, size=(80, 5))
    agree = rng.uniform(size=80) < 0.4
    rows, cols = np.repeat(np.arange(80), 2), np.tile([0, 1], 80)
    positive = np.zeros_like(scores)
    positive[np.arange(80), 0] = rng.uniform(size=80) < 0.6
    fitted = fit_platt(scores, positive, prior=PlattMap(), prior_weight=20, rows=rows, cols=cols, agree=agree)
    assert (fitted.top, fitted.agree) == (PlattMap().top, PlattMap().agree)
    assert fitted.coef != PlattMap().coef


def test_the_suggester_shows_the_map_with_its_channels_agreement(hashing_encoder):
    from pathlib import Path

    from coding.suggest.scorer import Suggester

    frame = read_frame_yaml(Path(__file__).parent / "data" / "suggest" / "mini_frame.yaml")
    texts = [
        "They put a sanction on me and my benefit stopped after a missed appointment",
        "My work coach helped me write a CV and find a course",
    ]
    s = Suggester([frame], hashing_encoder)
    shown = s.suggest(texts)
    scores, parts, _ = s.scores(texts, s.embed(texts))
    agree = channels_agree(scores, parts["written"], parts["talk"])
    expected = PlattMap().probabilities(scores, agree=agree)
    assert [[x.score for x in row] for row in shown] == [
        [round(float(p), 4) for p in sorted(expected[i], reverse=True)] for i in range(len(texts))
    ]
