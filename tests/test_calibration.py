"""Confidence: a per-theme Platt map of score and margin, its fitting, and the calibration error."""

from __future__ import annotations

import numpy as np
import pytest

from coding.suggest.calibration import (
    MARGIN_CLIP,
    PlattMap,
    expected_calibration_error,
    features,
    fit_platt,
    reliability_table,
    softmax,
)


def test_margin_is_against_the_best_other_theme():
    s, m = features(np.array([[0.6, 0.4, 0.1], [0.3, 0.3, 0.2]]))
    assert np.allclose(m, [[0.2, -0.2, -0.3], [0.0, 0.0, -0.1]])
    assert np.allclose(s, [[0.6, 0.4, 0.1], [0.3, 0.3, 0.2]])


def test_margin_is_clipped_and_one_theme_has_a_neutral_margin():
    _, m = features(np.array([[0.9, -0.5]]))
    assert np.allclose(m, [[MARGIN_CLIP, -MARGIN_CLIP]])
    _, m1 = features(np.array([[0.7], [0.1]]))
    assert np.allclose(m1, 0.0)


def test_confidence_is_in_the_unit_interval_and_monotone():
    grid = np.linspace(-1, 1, 41)
    p = PlattMap().probabilities(np.column_stack([grid, np.full_like(grid, 0.3)]))
    assert ((p >= 0) & (p <= 1)).all()
    assert np.all(np.diff(p[:, 0]) > 0)  # more similar, more confident


def test_unrelated_themes_do_not_dilute_a_clear_match():
    # One theme clearly matches; adding 290 themes that do not fit leaves its confidence alone.
    rng = np.random.default_rng(0)
    few = np.array([[0.62, 0.30, 0.25, 0.22, 0.20, 0.18, 0.15, 0.12, 0.10, 0.05]])
    many = np.hstack([few, rng.uniform(0.0, 0.3, size=(1, 290))])
    p_few, p_many = PlattMap().probabilities(few)[0, 0], PlattMap().probabilities(many)[0, 0]
    assert p_few > 0.5
    assert p_many == pytest.approx(p_few, abs=1e-6)
    # ... unlike a softmax, which spreads one unit of probability over every theme.
    assert softmax(many, 0.184)[0, 0] < softmax(few, 0.184)[0, 0] - 0.05


def test_fit_recovers_a_generating_map():
    rng = np.random.default_rng(1)
    scores = rng.uniform(0.0, 0.7, size=(3000, 6))
    truth = PlattMap((6.0, 8.0, -3.5))
    positive = (rng.uniform(size=scores.shape) < truth.probabilities(scores)).astype(float)
    fitted = fit_platt(scores, positive)
    assert fitted.coef == pytest.approx(truth.coef, rel=0.2, abs=0.4)


def test_refit_on_decisions_moves_towards_them_and_learns_a_theme_offset():
    # Decisions on theme 0 are all rejected despite high scores: that theme's offset goes down.
    rng = np.random.default_rng(2)
    scores = rng.uniform(0.2, 0.6, size=(200, 3))
    rows = np.arange(200)
    cols = rows % 3
    positive = np.zeros_like(scores)
    positive[rows, cols] = (cols != 0).astype(float)
    fitted = fit_platt(
        scores,
        positive,
        prior=PlattMap(),
        prior_weight=20,
        rows=rows,
        cols=cols,
        theme_ids=["a", "b", "c"],
        per_theme=True,
    )
    assert fitted.offsets["a"] < fitted.offsets["b"] - 1.0
    assert fitted.coef[0] >= 0 and fitted.coef[1] >= 0


@pytest.mark.parametrize(
    "confidence, correct, expected",
    [
        ([0.8] * 10, [1] * 8 + [0] * 2, 0.0),
        ([0.9] * 4, [0] * 4, 0.9),
        ([], [], 0.0),
    ],
)
def test_expected_calibration_error(confidence, correct, expected):
    assert expected_calibration_error(np.array(confidence), np.array(correct)) == pytest.approx(expected, abs=1e-9)


def test_reliability_table_bins_confidence():
    table = reliability_table(np.array([0.15, 0.25, 0.85, 0.9]), np.array([0, 1, 1, 1]))
    assert table == [
        (pytest.approx(0.1), pytest.approx(0.15), 1, 0.0),
        (pytest.approx(0.3), pytest.approx(0.25), 1, 1.0),
        (pytest.approx(0.9), pytest.approx(0.875), 2, 1.0),
    ]
