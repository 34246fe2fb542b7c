"""Confidence: softmax at a temperature, its fitting, and the calibration error."""

from __future__ import annotations

import numpy as np
import pytest

from coding.suggest.calibration import expected_calibration_error, fit_temperature, softmax


def test_softmax_is_monotone_and_within_unit_interval():
    scores = np.array([[0.1, 0.5, 0.3, -0.2]])
    p = softmax(scores, 0.1)[0]
    assert list(np.argsort(p)) == list(np.argsort(scores[0]))
    assert ((p >= 0) & (p <= 1)).all() and p.sum() == pytest.approx(1.0)


@pytest.mark.parametrize("width", [1, 2, 300])
def test_softmax_handles_any_number_of_themes(width):
    p = softmax(np.linspace(0, 1, width)[None, :], 0.05)
    assert p.shape == (1, width) and np.isfinite(p).all()


def test_fit_temperature_recovers_the_generating_temperature():
    rng = np.random.default_rng(1)
    scores = rng.normal(size=(4000, 5))
    true_t = 0.5
    probs = softmax(scores, true_t)
    labels = np.array([rng.choice(5, p=row / row.sum()) for row in probs.astype(float)])
    assert fit_temperature(scores, labels) == pytest.approx(true_t, rel=0.15)


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


def test_temperature_is_refitted_from_confirmations(hashing_encoder):
    from coding.model import Frame, Theme
    from coding.suggest.scorer import Suggester

    frame = Frame(name="f", themes=[Theme(id="a", label="apples orchard"), Theme(id="b", label="boats harbour")])
    s = Suggester([frame], hashing_encoder)
    start = s.temperature
    s.add_examples([f"apples orchard picking {i}" for i in range(6)] + [f"boats harbour sailing {i}" for i in range(6)],
                   ["a"] * 6 + ["b"] * 6, True)
    s.suggest(["apples"])
    assert s.temperature != start  # clean, separable decisions: a sharper (lower) temperature
    assert s.temperature < start
