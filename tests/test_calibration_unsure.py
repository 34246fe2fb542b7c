"""The confidence map's top-rank offset, and the "unsure" state it feeds (calibration.py)."""

from __future__ import annotations

import numpy as np
import pytest

from coding.suggest.calibration import DEFAULT_TOP, UNSURE_BELOW, PlattMap, calibration_features, fit_platt

# Three segments, four themes: a clear winner, a near tie, and nothing that fits.
SCORES = np.array(
    [
        [0.62, 0.31, 0.28, 0.20],
        [0.33, 0.32, 0.22, 0.18],
        [0.19, 0.18, 0.17, 0.12],
    ]
)


def test_top_offset_raises_only_the_first_theme_and_keeps_the_order():
    with_top, without = PlattMap().probabilities(SCORES), PlattMap(top=0.0).probabilities(SCORES)
    first = np.argmax(SCORES, axis=1)
    lifted = with_top > without + 1e-6
    assert lifted.tolist() == [[j == f for j in range(4)] for f in first]
    assert (np.argsort(-with_top, axis=1) == np.argsort(-SCORES, axis=1)).all()


def test_unsure_when_no_theme_clears_the_bar():
    # The clear winner is sure; the near tie and the segment nothing fits are unsure. When both
    # channels rank the tie's first theme first, that agreement lifts it over the bar.
    top1 = PlattMap().probabilities(SCORES).max(axis=1)
    assert (top1 < UNSURE_BELOW).tolist() == [False, True, True]
    agreed = PlattMap().probabilities(SCORES, agree=np.array([True, True, False])).max(axis=1)
    assert (agreed < UNSURE_BELOW).tolist() == [False, False, True]


def test_calibration_features_per_cell():
    feats = calibration_features(SCORES[:1], np.array([[0.5, 0.0, 0.0, -0.5]]), np.array([64]), agree=np.array([True]))
    assert feats.shape == (1, 4, 6)
    assert feats[0, :, 2].tolist() == [1.0, 0.0, 0.0, 0.0]  # top rank
    assert feats[0, :, 3].tolist() == [0.5, 0.0, 0.0, -0.5]  # vote
    assert feats[0, :, 4].tolist() == [0.0] * 4  # log2(64 words / 64)
    assert feats[0, :, 5].tolist() == [1.0, 0.0, 0.0, 0.0]  # the first theme, channels agreeing
    assert feats[0, :, 1] == pytest.approx([0.3, -0.3, -0.3, -0.3])  # margin, clipped


def test_refit_from_decisions_keeps_the_top_offset():
    rng = np.random.default_rng(3)
    scores = rng.uniform(0.1, 0.7, size=(60, 5))
    rows = np.repeat(np.arange(60), 2)
    cols = np.tile([0, 1], 60)
    positive = np.zeros_like(scores)
    positive[rows[::2], 0] = rng.uniform(size=60) < scores[:, 0]
    fitted = fit_platt(scores, positive, prior=PlattMap(), prior_weight=20, rows=rows, cols=cols)
    assert fitted.top == DEFAULT_TOP
    assert fitted.coef != PlattMap().coef
