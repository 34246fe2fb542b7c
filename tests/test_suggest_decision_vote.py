"""The decisions' kNN vote (coding/suggest/knn_vote.py) on hand-made unit vectors."""

from __future__ import annotations

import numpy as np
import pytest

from coding.suggest.knn_vote import PSEUDO_MASS, RADIUS, DecisionMemory, kernel


def _unit(cosine_to_x: float) -> np.ndarray:
    """A unit vector in the plane of x = e0 and e1 with the given cosine to x."""
    return np.array([cosine_to_x, np.sqrt(1 - cosine_to_x**2), 0.0], dtype=np.float32)


X = np.array([[1.0, 0.0, 0.0]], dtype=np.float32)


@pytest.mark.parametrize("cosine, expected", [(1.0, 1.0), (RADIUS, 0.0), (0.1, 0.0), (-0.5, 0.0)])
def test_kernel_is_one_at_identity_and_zero_at_or_below_the_radius(cosine, expected):
    assert float(kernel(np.array([cosine]))[0]) == pytest.approx(expected)


def test_a_decision_beyond_the_radius_does_not_vote():
    memory = DecisionMemory(n_themes=2)
    memory.add(_unit(RADIUS - 0.05), 0, accepted=False)
    memory.add(_unit(RADIUS - 0.05) * np.float32(-1), 1, accepted=True)
    assert memory.vote(X).vote.tolist() == [[0.0, 0.0]]


def test_one_rejection_among_confirmations_nearby_is_outvoted():
    memory = DecisionMemory(n_themes=2)
    near = [_unit(0.8), _unit(0.8) * np.array([1, -1, 1], dtype=np.float32), np.array([0.8, 0, 0.6], dtype=np.float32)]
    for vector in near:
        memory.add(vector, 0, accepted=True)
    memory.add(np.array([0.8, 0, -0.6], dtype=np.float32), 0, accepted=False)
    k = float(kernel(np.array([0.8]))[0])
    assert memory.vote(X).vote[0, 0] == pytest.approx((3 * k - k) / (PSEUDO_MASS + 4 * k), rel=1e-5)
    assert memory.vote(X).vote[0, 1] == 0.0


def test_a_segment_decided_twice_counts_once_in_the_neighbourhood():
    memory = DecisionMemory(n_themes=3)
    memory.add(_unit(0.9), 0, accepted=True)
    memory.add(_unit(0.9), 1, accepted=False)
    memory.add(_unit(0.9), 2, accepted=False)
    k = float(kernel(np.array([0.9]))[0])
    assert memory.vote(X).vote[0].tolist() == pytest.approx(
        [k / (PSEUDO_MASS + k), -k / (PSEUDO_MASS + k), -k / (PSEUDO_MASS + k)], rel=1e-5
    )
    assert (memory.counts(0), memory.counts(1)) == ((1, 0), (0, 1))


def test_leave_one_out_skips_the_segment_itself():
    memory = DecisionMemory(n_themes=1)
    memory.add(X[0], 0, accepted=True, text="itself")
    vote = memory.vote(X, skip_self=True)
    assert (vote.vote.tolist(), vote.nearest.tolist(), vote.nearest_sim.tolist()) == ([[0.0]], [[-1]], [[-1.0]])
    assert memory.vote(X).nearest.tolist() == [[0]]
