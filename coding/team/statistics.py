"""Reliability statistics on plain values: percent agreement, Cohen's kappa, Krippendorff's alpha.

Nothing here knows about segments, themes or the store: each function takes the
coders' values and returns a number, or None where the statistic is undefined
(no units, or chance agreement is total, so there is no variation to agree on).

Cohen's kappa compares two coders who both coded every unit. Krippendorff's alpha
(nominal) takes any number of coders and tolerates missing values: ``data`` has
one row per coder and one column per unit, ``None`` where a coder did not code the
unit; units with fewer than two values are not pairable and do not count.

>>> cohens_kappa([1, 1, 0, 0], [1, 0, 0, 0])
0.5
>>> round(krippendorff_alpha_nominal([[1, 1, 0, 0], [1, 0, 0, 0]]), 3)
0.533
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Sequence
from itertools import permutations


def percent_agreement(a: Sequence[Hashable], b: Sequence[Hashable]) -> float | None:
    """The share of units on which the two coders gave the same value."""
    _same_length(a, b)
    if not a:
        return None
    return sum(x == y for x, y in zip(a, b)) / len(a)


def cohens_kappa(a: Sequence[Hashable], b: Sequence[Hashable]) -> float | None:
    """Cohen's kappa for two coders' nominal values on the same units (None if undefined)."""
    _same_length(a, b)
    n = len(a)
    if n == 0:
        return None
    observed = sum(x == y for x, y in zip(a, b)) / n
    count_a, count_b = Counter(a), Counter(b)
    expected = sum(count_a[c] * count_b[c] for c in count_a) / (n * n)
    if expected >= 1.0:
        return None
    return (observed - expected) / (1 - expected)


def pairable_units(data: Sequence[Sequence[Hashable | None]]) -> int:
    """How many units (columns) carry at least two coders' values: the n behind an alpha."""
    return sum(1 for column in zip(*data) if sum(v is not None for v in column) >= 2) if data else 0


def krippendorff_alpha_nominal(data: Sequence[Sequence[Hashable | None]]) -> float | None:
    """Krippendorff's alpha for nominal data, coders x units, ``None`` for a missing value.

    Built from the coincidence matrix (Krippendorff 2011, "Computing Krippendorff's
    alpha-reliability"): each pairable unit with m values adds 1/(m-1) for every
    ordered pair of its values. alpha = 1 - (n-1) * D_o / sum over c != k of n_c * n_k.
    """
    if not data:
        return None
    width = len(data[0])
    if any(len(row) != width for row in data):
        raise ValueError("Every coder's row must have one value per unit (None where missing).")
    coincidences: Counter = Counter()
    for column in zip(*data):
        values = [v for v in column if v is not None]
        if len(values) < 2:
            continue
        weight = 1 / (len(values) - 1)
        for c, k in permutations(values, 2):
            coincidences[(c, k)] += weight  # type: ignore[assignment]  # a Counter of float weights
    totals: Counter = Counter()
    for (c, _k), count in coincidences.items():
        totals[c] += count
    n = sum(totals.values())
    if n <= 1:
        return None
    disagreement = sum(count for (c, k), count in coincidences.items() if c != k)
    expected = sum(totals[c] * totals[k] for c in totals for k in totals if c != k)
    if expected == 0:
        return None  # every pairable value is the same: no variation, alpha is undefined
    return 1 - (n - 1) * disagreement / expected


def _same_length(a: Sequence, b: Sequence) -> None:
    if len(a) != len(b):
        raise ValueError(f"Both coders must code the same units ({len(a)} values against {len(b)}).")
