"""From raw similarity to a confidence that means what it says.

A theme's raw score is a cosine-like number around 0.2-0.6. Confidence is a
softmax over the frame's themes at a temperature ``T``: monotone in the raw
score, in [0, 1], and summing to at most one over a segment's themes. ``T`` is
fitted by maximum likelihood on pseudo-labelled data derived from topic guides
(each guide question labelled with the cross-cutting theme its section maps to),
never on the evaluation quotes; ``fit_temperature`` is how the constant below was
found (see benchmarks/bench_suggest.py, which refits and prints it).
"""

from __future__ import annotations

import numpy as np

# Fitted on 791 guide pseudo-labels (tests/data/suggest/erp_sib_guides.yaml) with
# all-MiniLM-L6-v2 (torch and int8 ONNX agree); benchmarks/bench_suggest.py prints the refit.
# Guide questions are harder to place than answers, so this errs towards low confidence;
# the Suggester refits on the researcher's confirmations once it has a few (scorer.py).
DEFAULT_TEMPERATURE = 0.184


def softmax(scores: np.ndarray, temperature: float) -> np.ndarray:
    """Row-wise softmax of ``scores / temperature``; rows of any width, never NaN."""
    scores = np.asarray(scores, dtype=np.float64)
    if scores.size == 0:
        return scores.astype(np.float32)
    z = scores / max(float(temperature), 1e-6)
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return (e / e.sum(axis=1, keepdims=True)).astype(np.float32)


def fit_temperature(scores: np.ndarray, labels: np.ndarray, grid: np.ndarray | None = None) -> float:
    """The temperature minimising the negative log-likelihood of the true labels.

    ``scores``: (n, themes) raw scores; ``labels``: (n,) column index of the true theme.
    A 1-D grid search: the likelihood is unimodal in log T and this never fails.
    """
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
