"""What the researcher's confirm/reject decisions say about a new segment: a local kNN vote.

A decision is a statement about one segment: "S is T" (confirmed) or "S is not T"
(rejected) - not "anything like S is (not) T". So decisions act on a new segment
*x* only through its near neighbours among the decided segments, each weighted by
a kernel of the cosine that is zero below ``RADIUS``:

    K(s) = ((s - RADIUS) / (1 - RADIUS))² for s > RADIUS, else 0

For each theme *t*: ``vote_t = (Σ K over segments confirmed as t - Σ K over segments
rejected as t) / (PSEUDO_MASS + Σ K over every decided segment)``.

The denominator makes it a vote *relative to the neighbourhood*: one rejection
among many confirmations nearby barely moves *t*, and a rejection far from *x*
(K = 0) does not move it at all, so unrelated segments keep their ranking.
``PSEUDO_MASS`` is the zero-shot prior's weight in kernel units: with few or
distant neighbours the vote stays near 0 and the zero-shot score decides; the vote
grows towards the neighbourhood's verdict with the number and closeness of decided
segments (the usual kNN-with-a-prior, Parzen-window form). A segment decided
several times (one confirm, two rejects) counts once in the denominator.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

# Cosine below which a decided segment says nothing about x. all-MiniLM-L6-v2 cosines
# between unrelated interview answers sit around 0.2, between answers on the same topic 0.4-0.6.
RADIUS = 0.35
# Weight of the zero-shot prior, in kernel units: as much as one decided segment at cosine 0.8
# (K = 0.48). Leave-one-out (dev quotes, both encoders; fictional demo answers) chose it with
# VOTE_WEIGHT over 0.25 and 1.0 (benchmarks/README.md): lighter let a single neighbour at cosine
# 0.5, often of another theme in interview talk, outvote the zero-shot score; heavier learnt little.
PSEUDO_MASS = 0.5
# Leave-one-out: a decided segment does not vote on itself (cosine ~1).
SELF_COSINE = 0.9999


def kernel(cosines: np.ndarray, radius: float | None = None) -> np.ndarray:
    r = RADIUS if radius is None else radius
    # Squared: measured against a linear kernel, it keeps far neighbours (cosine 0.4-0.5, often another
    # theme in interview talk) from outvoting the zero-shot score (LOO decisions top-3 0.81 vs 0.76).
    return np.square(np.clip((cosines - r) / (1.0 - r), 0.0, None)).astype(np.float32)


@dataclass
class Vote:
    """Per (segment, theme): the signed kNN vote in [-1, 1] and the nearest confirmed example."""

    vote: np.ndarray  # (n, themes)
    mass: np.ndarray  # (n,) kernel mass of every decided segment near x
    nearest: np.ndarray  # (n, themes) index into the theme's confirmed texts, -1 when none
    nearest_sim: np.ndarray  # (n, themes) its cosine, -1 when none


@dataclass
class DecisionMemory:
    """Decided segments (each vector once) and, per theme, which were confirmed or rejected."""

    n_themes: int
    vectors: list[np.ndarray] = field(default_factory=list)
    _row_of: dict[bytes, int] = field(default_factory=dict)
    # (row, theme, +1 confirmed / -1 rejected, text) in the order they were made.
    decisions: list[tuple[int, int, int, str]] = field(default_factory=list)

    def add(self, vector: np.ndarray, theme: int, accepted: bool, text: str = "") -> None:
        vector = np.asarray(vector, dtype=np.float32).reshape(-1)
        key = vector.tobytes()
        row = self._row_of.get(key)
        if row is None:
            row = self._row_of[key] = len(self.vectors)
            self.vectors.append(vector)
        self.decisions.append((row, theme, 1 if accepted else -1, text))

    def counts(self, theme: int) -> tuple[int, int]:
        signs = [s for _, t, s, _ in self.decisions if t == theme]
        return signs.count(1), signs.count(-1)

    def confirmed(self, theme: int) -> list[tuple[int, str]]:
        """(row, text) of the theme's confirmed decisions, in order."""
        return [(r, text) for r, t, s, text in self.decisions if t == theme and s > 0]

    def rows(self, sign: int) -> tuple[np.ndarray, np.ndarray]:
        """(rows, themes) of every decision with this sign."""
        picked = [(r, t) for r, t, s, _ in self.decisions if s == sign]
        return (np.array([r for r, _ in picked], dtype=np.int64), np.array([t for _, t in picked], dtype=np.int64))

    def vote(self, embeddings: np.ndarray, skip_self: bool = False) -> Vote:
        n, k = len(embeddings), self.n_themes
        nearest = np.full((n, k), -1, dtype=np.int64)
        nearest_sim = np.full((n, k), -1.0, dtype=np.float32)
        if not self.vectors:
            return Vote(np.zeros((n, k), dtype=np.float32), np.zeros(n, dtype=np.float32), nearest, nearest_sim)
        sims = embeddings @ np.vstack(self.vectors).T  # (n, decided segments)
        if skip_self:
            sims = np.where(sims > SELF_COSINE, -1.0, sims)
        weights = kernel(sims)
        signed = np.zeros((len(self.vectors), k), dtype=np.float32)
        for sign in (1, -1):
            rows, themes = self.rows(sign)
            np.add.at(signed, (rows, themes), float(sign))
        vote = np.clip((weights @ signed) / (PSEUDO_MASS + weights.sum(axis=1, keepdims=True)), -1.0, 1.0)
        by_theme: dict[int, list[int]] = {}
        for r, t, s, _ in self.decisions:
            if s > 0:
                by_theme.setdefault(t, []).append(r)
        for j, theme_rows in by_theme.items():
            block = sims[:, theme_rows]
            best = block.max(axis=1)
            nearest[:, j] = np.where(best > -1.0, block.argmax(axis=1), -1)  # -1: only the segment itself
            nearest_sim[:, j] = best
        return Vote(vote.astype(np.float32), weights.sum(axis=1), nearest, nearest_sim)
