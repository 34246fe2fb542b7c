"""From raw similarity to a confidence that means what it says.

Coding is multi-label: a segment can carry several themes, and a project can have
9 themes or 300. So a theme's confidence is **its own** probability that the
researcher would confirm it on the segment, not a share of a softmax that sums to
one (a softmax over 300 themes gives every theme 0.01 whatever the evidence).

The map is logistic (Platt scaling) on features of each (segment, theme) pair:

- ``s``: the theme's raw score (cosine-like, about 0.1-0.7);
- ``m``: its margin over the best *other* theme, clipped to ``[-MARGIN_CLIP, MARGIN_CLIP]``
  (a theme that beats everything else is more likely right than one with the same score
  that trails another theme). Only the best competitor enters, so adding 290 themes
  that do not fit the segment leaves ``m`` - and the confidence - unchanged.

- ``agree``: 1 when the theme ranks first *and* both scoring channels (the theme's written
  texts, its example answers; ``scorer.py``) rank it first on their own. Right answers
  are more often ones both channels agree on, in every labelled set (benchmarks/README.md).

``p = sigmoid(a*s + b*m + c + top*[theme ranks first] + agree*[first, channels agree])``.
The top and agree terms only ever raise a row's first theme, so they never reorder themes.
The coefficients are chosen
and fitted by grouped cross-validation on every labelled set (``benchmarks/cv_suggest.py``,
which also prints the reliability tables). Once
the researcher has made enough decisions of both kinds, the Suggester refits
``a, b, c`` on them (maximum a posteriori, shrunk towards this map). With ``a, b >= 0``
the map is monotone in the score, so it changes how sure a suggestion reads, never
which theme comes first. ``fit_platt`` can also fit per-theme offsets; the Suggester
does not use them, because an offset learnt on a few decided segments reorders the
themes of every other segment.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import cast

import numpy as np

# Chosen and fitted by grouped cross-validation (benchmarks/cv_suggest.py; folds by source document or
# interview, the lockbox left out) on three labelled sets, each weighted equally: the 25 working dev
# quotes, 168 blind answers written from the guides and 113 hand-coded demo answers; zero-shot and with
# the other folds' items as confirmed examples; rows = each item's 5 best-ranked themes, right = a theme
# the researcher would confirm (gold or alt, or either coder's). Round 6 (benchmarks/README.md): Platt
# on (s, m, top, agree), strongly regularised (C 0.1), won on mean top-1 ECE over the six set x mode
# cells both within the sets and leave-one-set-out (fit on two sets, score the third: the test of
# transfer), on both encoders. s and m separate right from wrong only weakly and not the same way in
# every set, so a map that leans on them is confidently wrong on new material; regularised, the map
# leans on the top rank and channel agreement, which hold across sets. ``--fit-default`` prints the fit
# (these are the means of the torch and int8 ONNX fits, which agree to 0.1).
DEFAULT_COEF = (1.08, 1.19, -2.06)
# Added to the logit of each row's top-ranked theme: the margin alone under-rates the first suggestion.
DEFAULT_TOP = 1.77
# Added as well when both channels rank that first theme first on their own.
DEFAULT_AGREE = 0.62
# Below this top-1 confidence a segment is shown as "unsure" (no theme offered as a confident chip):
# chosen by grouped CV (cv_suggest.py, the unsure table) as the highest bar at which the answers below
# it, every set's out-of-fold answers pooled, are right less than half the time (0.55 torch, 0.56 ONNX).
UNSURE_BELOW = 0.55
MARGIN_CLIP = 0.3
# How many observations the prior map is worth: when refining it on the demo answers (benchmark), and
# when refitting it on a researcher's decisions (Suggester), where the default map is shrunk towards
# harder - at the 30 decisions a refit starts from, the default still outweighs them.
PRIOR_WEIGHT = 20.0
DECISION_PRIOR_WEIGHT = 50.0
# Per-theme offsets are shrunk towards 0 as if each had this many neutral decisions.
OFFSET_PRIOR_WEIGHT = 5.0


def features(scores: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(s, m) for every cell of an (n, themes) score matrix; any width, one theme included."""
    s = np.asarray(scores, dtype=np.float64)
    n, k = s.shape if s.ndim == 2 else (0, 0)
    if k == 0:
        return s, s.copy()
    if k == 1:
        # No competitor: the margin is neutral, the score alone decides.
        return s, np.zeros_like(s)
    order = np.argsort(-s, axis=1)
    best = s[np.arange(n), order[:, 0]][:, None]
    second = s[np.arange(n), order[:, 1]][:, None]
    other_best = np.where(s >= best, second, best)  # the best theme's competitor is the runner-up
    # Ties at the top: both themes see a zero margin.
    return s, np.clip(s - other_best, -MARGIN_CLIP, MARGIN_CLIP)


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))


def channels_agree(scores: np.ndarray, written: np.ndarray, talk: np.ndarray) -> np.ndarray:
    """(n,) True where a row's first theme is also first by the theme's written texts alone and by
    its example answers alone (``scorer.py``'s two channels)."""
    scores = np.asarray(scores)
    if scores.size == 0:
        return np.zeros(len(scores), dtype=bool)
    first = np.argmax(scores, axis=1)
    return (np.argmax(written, axis=1) == first) & (np.argmax(talk, axis=1) == first)


@dataclass
class PlattMap:
    """``p = sigmoid(a*s + b*m + c + top*[first in its row] + agree*[first, channels agree]
    + offsets[theme])``; monotone in ``s`` and ``m`` when a, b, top, agree >= 0, so it never
    reorders a row's themes (top and agree only raise the row's first theme)."""

    coef: tuple[float, float, float] = DEFAULT_COEF
    offsets: dict[str, float] = field(default_factory=dict)
    top: float = DEFAULT_TOP
    agree: float = DEFAULT_AGREE

    def logits(
        self, scores: np.ndarray, theme_ids: list[str] | None = None, agree: np.ndarray | None = None
    ) -> np.ndarray:
        """``agree``: (n,) from ``channels_agree``; None counts as no agreement on any row."""
        s, m = features(scores)
        a, b, c = self.coef
        z = a * s + b * m + c
        if z.ndim == 2 and z.size:
            first = np.arange(z.shape[1])[None, :] == np.argmax(s, axis=1)[:, None]
            lift = self.top + (self.agree * np.asarray(agree, dtype=np.float64)[:, None] if agree is not None else 0.0)
            z = z + lift * first
        if self.offsets and theme_ids is not None and z.size:
            z = z + np.array([self.offsets.get(t, 0.0) for t in theme_ids])[None, :]
        return z

    def probabilities(
        self, scores: np.ndarray, theme_ids: list[str] | None = None, agree: np.ndarray | None = None
    ) -> np.ndarray:
        """(n, themes) independent confirmation probabilities in [0, 1] (rows need not sum to 1)."""
        scores = np.asarray(scores, dtype=np.float64)
        if scores.size == 0:
            return scores.astype(np.float32)
        return _sigmoid(self.logits(scores, theme_ids, agree)).astype(np.float32)


def fit_logistic(
    X: np.ndarray,
    y: np.ndarray,
    prior_mean: np.ndarray,
    prior_precision: np.ndarray,
    weights: np.ndarray | None = None,
    iterations: int = 50,
) -> np.ndarray:
    """MAP logistic regression by Newton's method with a Gaussian prior (never fails to return)."""
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    w = np.ones(len(y)) if weights is None else np.asarray(weights, dtype=np.float64)
    prior_mean = np.asarray(prior_mean, dtype=np.float64)
    theta = prior_mean.copy()
    precision = np.diag(prior_precision)

    def objective(t):
        z = X @ t
        return float((w * (np.logaddexp(0, z) - y * z)).sum() + 0.5 * (t - prior_mean) @ precision @ (t - prior_mean))

    current = objective(theta)
    for _ in range(iterations):
        p = _sigmoid(X @ theta)
        grad = X.T @ (w * (p - y)) + precision @ (theta - prior_mean)
        hess = (X * (w * p * (1 - p))[:, None]).T @ X + precision
        step = np.linalg.solve(hess + 1e-6 * np.eye(len(theta)), grad)
        # Halve the step until the objective falls: plain Newton can overshoot on separable data.
        for _ in range(30):
            candidate = theta - step
            value = objective(candidate)
            if value <= current:
                break
            step = step / 2
        else:
            break
        theta, moved, current = candidate, np.abs(step).max(), value
        if moved < 1e-8:
            break
    return theta


def fit_platt(
    scores: np.ndarray,
    positive: np.ndarray,
    prior: PlattMap | None = None,
    prior_weight: float = 1e-3,
    rows: np.ndarray | None = None,
    cols: np.ndarray | None = None,
    theme_ids: list[str] | None = None,
    per_theme: bool = False,
    agree: np.ndarray | None = None,
) -> PlattMap:
    """Fit ``a, b, c`` (and per-theme offsets) so that ``p`` matches how often cells are positive.

    ``scores``: (n, themes) raw scores; ``positive``: the same shape, 1 where the theme is
    right for the row (several per row allowed). With ``rows``/``cols`` only those cells
    count (the researcher's decisions: confirmed = 1, rejected = 0, the rest unknown).
    ``prior_weight`` is how many observations the prior map is worth. ``agree``: (n,) rows
    whose channels agree (``channels_agree``); the top and agree lifts stay the prior's.
    """
    prior = prior or PlattMap()
    s, m = features(scores)
    positive = np.asarray(positive, dtype=np.float64)
    if rows is None:
        rows, cols = np.nonzero(np.ones_like(s, dtype=bool))
    top = (np.argmax(s, axis=1)[rows] == cols).astype(np.float64) if s.size else np.zeros(len(rows))
    feats = [s[rows, cols], m[rows, cols], np.ones(len(rows))]
    y = positive[rows, cols]
    mean = list(prior.coef)
    # The prior's precision scales with the feature's spread, so "worth k observations" holds.
    scale = [max(np.var(f), 1e-4) if i < 2 else 0.25 for i, f in enumerate(feats)]
    precision = [prior_weight * 0.25 * v if i < 2 else prior_weight * 0.25 for i, v in enumerate(scale)]
    # The top-rank and agreement lifts stay the prior's (held by a very strong prior): decisions refit a, b, c.
    feats.append(top)
    mean.append(prior.top)
    precision.append(1e8)
    agreeing = np.zeros(len(rows)) if agree is None else np.asarray(agree, dtype=np.float64)[rows]
    feats.append(top * agreeing)
    mean.append(prior.agree)
    precision.append(1e8)
    themes_in = []
    if per_theme and theme_ids is not None:
        cols = cast(np.ndarray, cols)  # given with rows, or set from them above
        themes_in = sorted(set(int(c) for c in cols))
        for j in themes_in:
            feats.append((cols == j).astype(np.float64))
            mean.append(prior.offsets.get(theme_ids[j], 0.0))
            precision.append(OFFSET_PRIOR_WEIGHT * 0.25)
    theta = fit_logistic(np.column_stack(feats), y, np.array(mean), np.array(precision))
    # Confidence must not fall as evidence rises: slopes are kept non-negative.
    a, b, c = max(theta[0], 0.0), max(theta[1], 0.0), float(theta[2])
    offsets = dict(prior.offsets)
    for i, j in enumerate(themes_in):  # filled only when theme_ids was given
        offsets[cast(list[str], theme_ids)[j]] = float(theta[5 + i])
    return PlattMap((float(a), float(b), c), offsets, prior.top, prior.agree)


def softmax(scores: np.ndarray, temperature: float) -> np.ndarray:
    """Row-wise softmax of ``scores / temperature`` (for single-label baselines in the benchmark)."""
    scores = np.asarray(scores, dtype=np.float64)
    if scores.size == 0:
        return scores.astype(np.float32)
    z = scores / max(float(temperature), 1e-6)
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return (e / e.sum(axis=1, keepdims=True)).astype(np.float32)


def fit_temperature(scores: np.ndarray, labels: np.ndarray, grid: np.ndarray | None = None) -> float:
    """The softmax temperature minimising the negative log-likelihood of the true labels (baselines)."""
    grid = grid if grid is not None else np.exp(np.linspace(np.log(0.005), np.log(1.0), 120))
    labels = np.asarray(labels)
    best, best_nll = float(grid[0]), np.inf
    for t in grid:
        p = softmax(scores, float(t))[np.arange(len(labels)), labels]
        nll = -np.log(np.clip(p, 1e-12, 1.0)).mean()
        if nll < best_nll:
            best, best_nll = float(t), nll
    return best


def expected_calibration_error(confidence: np.ndarray, correct: np.ndarray, bins: int = 10) -> float:
    """ECE: the gap between confidence and accuracy, averaged over equal-width bins by weight."""
    confidence = np.asarray(confidence, dtype=float)
    correct = np.asarray(correct, dtype=float)
    if confidence.size == 0:
        return 0.0
    edges = np.linspace(0.0, 1.0, bins + 1)
    idx = np.clip(np.digitize(confidence, edges[1:-1]), 0, bins - 1)
    ece = 0.0
    for b in range(bins):
        mask = idx == b
        if mask.any():
            ece += mask.mean() * abs(confidence[mask].mean() - correct[mask].mean())
    return float(ece)


def reliability_table(
    confidence: np.ndarray, correct: np.ndarray, bins: int = 5
) -> list[tuple[float, float, int, float]]:
    """Per equal-width bin: (bin centre, mean confidence, count, fraction correct); empty bins skipped."""
    confidence = np.asarray(confidence, dtype=float)
    correct = np.asarray(correct, dtype=float)
    edges = np.linspace(0.0, 1.0, bins + 1)
    idx = np.clip(np.digitize(confidence, edges[1:-1]), 0, bins - 1)
    out = []
    for b in range(bins):
        mask = idx == b
        if mask.any():
            out.append(
                (
                    float((edges[b] + edges[b + 1]) / 2),
                    float(confidence[mask].mean()),
                    int(mask.sum()),
                    float(correct[mask].mean()),
                )
            )
    return out


def calibration_features(
    scores: np.ndarray,
    vote: np.ndarray | None = None,
    words: np.ndarray | None = None,
    agree: np.ndarray | None = None,
) -> np.ndarray:
    """(n, themes, 6) per cell: score, margin over the best other theme, 1 for the top-ranked
    theme of its row, the decisions' vote (0 without decisions), log2 of the segment's words
    over 64 (short quotes are harder to place than whole answers), and 1 for the top-ranked
    theme when both channels rank it first (``channels_agree``; 0 when not given)."""
    s, m = features(scores)
    top = np.zeros_like(s)
    if s.size:
        top[np.arange(len(s)), np.argmax(s, axis=1)] = 1.0
    v = np.zeros_like(s) if vote is None else np.asarray(vote, dtype=np.float64)
    n_words = np.full(len(s), 64.0) if words is None else np.maximum(np.asarray(words, dtype=np.float64), 1.0)
    length = np.repeat(np.log2(n_words / 64.0)[:, None], s.shape[1] if s.ndim == 2 else 0, axis=1)
    agreeing = top * (0.0 if agree is None else np.asarray(agree, dtype=np.float64)[:, None])
    return np.stack([s, m, top, v, length, agreeing], axis=-1)
