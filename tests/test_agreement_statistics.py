"""Percent agreement, Cohen's kappa and Krippendorff's alpha against references and a published example."""

from __future__ import annotations

import random

import krippendorff
import numpy as np
import pytest
from sklearn.metrics import cohen_kappa_score

from coding.team.statistics import cohens_kappa, krippendorff_alpha_nominal, pairable_units, percent_agreement

# Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C: four observers,
# twelve units, nominal values 1-5 with missing values; the paper gives alpha = 0.743.
KRIPPENDORFF_2011 = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3],
    [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None],
]


def test_krippendorffs_own_worked_example():
    assert round(krippendorff_alpha_nominal(KRIPPENDORFF_2011), 3) == 0.743
    assert pairable_units(KRIPPENDORFF_2011) == 11  # unit 12 has a single value


def test_the_textbook_two_by_two_kappa():
    # 20 both, 5 only a, 10 only b, 15 neither: observed 0.70, chance 0.50, kappa 0.40
    a = [1] * 20 + [1] * 5 + [0] * 10 + [0] * 15
    b = [1] * 20 + [0] * 5 + [1] * 10 + [0] * 15
    assert (percent_agreement(a, b), cohens_kappa(a, b)) == (pytest.approx(0.7), pytest.approx(0.4))


def _random_pair(rng: random.Random, categories: int, n: int) -> tuple[list[int], list[int]]:
    a = [rng.randrange(categories) for _ in range(n)]
    b = [x if rng.random() < 0.6 else rng.randrange(categories) for x in a]
    return a, b


@pytest.mark.parametrize("seed", range(12))
def test_kappa_matches_scikit_learn(seed):
    rng = random.Random(seed)
    a, b = _random_pair(rng, categories=2 + seed % 3, n=rng.randrange(5, 80))
    assert cohens_kappa(a, b) == pytest.approx(cohen_kappa_score(a, b))


@pytest.mark.parametrize("seed", range(12))
def test_alpha_matches_the_krippendorff_package_with_missing_values(seed):
    rng = random.Random(seed)
    coders, units = 2 + seed % 3, rng.randrange(8, 60)
    truth = [rng.randrange(2 + seed % 2) for _ in range(units)]
    data = [
        [None if rng.random() < 0.25 else (t if rng.random() < 0.75 else rng.randrange(3)) for t in truth]
        for _ in range(coders)
    ]
    reference = krippendorff.alpha(
        reliability_data=np.array([[np.nan if v is None else v for v in row] for row in data], dtype=float),
        level_of_measurement="nominal",
    )
    assert krippendorff_alpha_nominal(data) == pytest.approx(reference)


def test_undefined_figures_are_none_not_a_number():
    assert cohens_kappa([1, 1, 1], [1, 1, 1]) is None  # chance agreement is total
    assert krippendorff_alpha_nominal([[1, 1, None], [1, 1, 1]]) is None  # no variation
    assert krippendorff_alpha_nominal([[1, None], [None, 0]]) is None  # nothing pairable
    assert percent_agreement([], []) is None and cohens_kappa([], []) is None


def test_coders_must_code_the_same_units():
    with pytest.raises(ValueError, match="same units"):
        cohens_kappa([1, 0], [1])
