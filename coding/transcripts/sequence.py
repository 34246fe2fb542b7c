"""An interview as a path through its guide: the best path, near-twin repair, and how sure each step is.

Each interviewer turn either asks a guide question (moving the interview's
position in the guide to it) or asks none (a follow-up, a back-channel: the
position stays). A path scores the sum of its asks' similarities, each "no ask"
its turn's no-match score, plus an order prior on every move: moving on by one
to three questions is free, asking the same question again or skipping further
ahead costs a little, going back costs more but is allowed. ``best_path`` is the
Viterbi path of that model; ``posteriors`` reads the same scores as an HMM's
log-potentials (divided by a temperature) and gives, by forward-backward, the
probability of each turn's step summed over every path: the alignment's
confidence.

Pure numpy on a (turns x questions) score matrix and a per-turn no-match vector.
"""

from __future__ import annotations

import numpy as np

# Order prior (added to a path's score per move). Chosen with the no-match score by grouped
# cross-validation in benchmarks/bench_align.py; see benchmarks/README.md.
STAY_COST = 0.03  # the same question again (rephrased)
SKIP_COST = 0.015  # per question skipped beyond the third
SKIP_CAP = 10
BACK_COST = 0.05  # going back to an earlier question
FREE_STEPS = 3
# Near-twins (see align.py): moving one of two asks to the unasked twin may cost the path this.
TWIN_REPAIR_COST = 0.1
TWIN_WORDING_TIE = 0.08


def transition(n: int) -> np.ndarray:
    """(n+1 x n) prior for moving from position i (0 = before the guide) to question j."""
    prev = np.arange(-1, n)[:, None]
    step = np.arange(n)[None, :] - prev
    prior = np.zeros((n + 1, n), dtype=np.float64)
    prior[step == 0] = -STAY_COST
    ahead = step > FREE_STEPS
    prior[ahead] = -SKIP_COST * np.minimum(step[ahead] - FREE_STEPS, SKIP_CAP)
    prior[step < 0] = -BACK_COST
    return prior


def _no_match_vector(no_match, n_turns: int) -> np.ndarray:
    return np.broadcast_to(np.asarray(no_match, dtype=np.float64), (n_turns,))


def viterbi(scores: np.ndarray, no_match, forced: dict[int, int] | None = None) -> tuple[list[int | None], float]:
    """Best path and its total (scores + order prior); ``forced`` pins turn rows to question indexes.

    ``no_match`` is one score for every turn or one per turn.
    """
    n_turns, n_q = scores.shape
    if n_turns == 0 or n_q == 0:
        return [None] * n_turns, 0.0
    forced = forced or {}
    no_match = _no_match_vector(no_match, n_turns)
    prior = transition(n_q)
    dp = np.full(n_q + 1, -np.inf)
    dp[0] = 0.0
    back: list[tuple[np.ndarray, np.ndarray]] = []
    for t in range(n_turns):
        moved = dp[:, None] + prior  # (positions, questions)
        came_from = moved.argmax(axis=0)
        asked = moved.max(axis=0) + scores[t]
        stayed = dp + no_match[t]
        if t in forced:
            asked = np.where(np.arange(n_q) == forced[t], asked, -np.inf)
            stayed = np.full_like(stayed, -np.inf)
        new = stayed.copy()
        matched = np.zeros(n_q + 1, dtype=bool)
        better = asked > stayed[1:]
        new[1:][better] = asked[better]
        matched[1:] = better
        back.append((matched, came_from))
        dp = new
    position = int(dp.argmax())
    total = float(dp[position])
    path: list[int | None] = [None] * n_turns
    for t in range(n_turns - 1, -1, -1):
        matched, came_from = back[t]
        if matched[position]:
            path[t] = position - 1
            position = int(came_from[position - 1])
    return path, total


def best_path(scores: np.ndarray, no_match) -> list[int | None]:
    """Question index (or None) per turn maximising score + order prior."""
    return viterbi(scores, no_match)[0]


def _repeat_with_unasked_twin(path: list[int | None], twins: np.ndarray, settled: set[int]) -> int | None:
    """A question aligned at two or more turns while a near-twin of it is aligned at none."""
    counts = np.bincount(np.asarray([q for q in path if q is not None], dtype=np.int64), minlength=len(twins))
    for q in np.nonzero(counts >= 2)[0]:
        if int(q) not in settled and np.any(twins[q] & (counts == 0)):
            return int(q)
    return None


def twin_aware_path(scores: np.ndarray, no_match, twins: np.ndarray) -> list[int | None]:
    """``best_path``, then no question keeps two asks while a near-twin of it is unasked.

    An interview that asks a question twice while the guide's near-twin of it never
    comes up has almost always asked the twin once: the scorer sent both asks to the
    better worded or more generic twin, or, the pair asked the other way round, to
    the one nearer in the guide. Which ask was the twin is read off the words: the
    ask whose score leans most toward the twin (asks leaning within
    TWIN_WORDING_TIE of it, as twins worded alike all do, are told apart by the
    path total, i.e. the order prior). Whether it was is read off the order: the
    move, with the rest of the path re-decided around it, may cost the path at most
    TWIN_REPAIR_COST, so a twin in a part of the guide the interview never reached
    is not dragged in. The price: an interviewer who really does ask the same
    question again, in other words, may be read as asking its twin.
    """
    path, total = viterbi(scores, no_match)
    forced: dict[int, int] = {}
    settled: set[int] = set()
    while (q := _repeat_with_unasked_twin(path, twins, settled)) is not None:
        settled.add(q)
        unasked = [int(k) for k in np.nonzero(twins[q])[0] if k not in path]
        moves = [(row, k) for row, asked in enumerate(path) if asked == q for k in unasked]
        leans = [float(scores[row, k] - scores[row, q]) for row, k in moves]
        tries = [
            (*viterbi(scores, no_match, {**forced, row: k}), {**forced, row: k})
            for (row, k), lean in zip(moves, leans, strict=True)
            if lean >= max(leans) - TWIN_WORDING_TIE
        ]
        new_path, new_total, pins = max(tries, key=lambda tried: tried[1])
        if total - new_total <= TWIN_REPAIR_COST:
            path, total, forced = new_path, new_total, pins
    return path


def _logsumexp(a: np.ndarray, axis: int) -> np.ndarray:
    top = np.max(a, axis=axis, keepdims=True)
    top = np.where(np.isfinite(top), top, 0.0)
    return np.squeeze(top, axis=axis) + np.log(np.sum(np.exp(a - top), axis=axis))


def posteriors(scores: np.ndarray, no_match, temperature: float) -> np.ndarray:
    """(turns x questions+1) probability of each turn's step over all paths: column 0 "asks none",
    column j+1 "asks question j". Rows sum to 1.

    The path model of ``viterbi`` as an HMM over positions, every score divided by
    ``temperature`` (lower: surer). A turn whose best question is far ahead of the
    rest, in words and in guide order, gets a probability near 1; one torn between
    two questions, or between a question and no question, gets about a half.
    """
    n_turns, n_q = scores.shape
    out = np.zeros((n_turns, n_q + 1))
    if n_turns == 0:
        return out
    if n_q == 0:
        out[:, 0] = 1.0
        return out
    no_match = _no_match_vector(no_match, n_turns) / temperature
    emit = scores.astype(np.float64) / temperature
    prior = transition(n_q) / temperature
    alpha = np.full((n_turns + 1, n_q + 1), -np.inf)  # alpha[t]: before turn t, by position
    alpha[0, 0] = 0.0
    for t in range(n_turns):
        move = _logsumexp(alpha[t][:, None] + prior, axis=0) + emit[t]  # (n_q,)
        alpha[t + 1] = alpha[t] + no_match[t]
        alpha[t + 1, 1:] = np.logaddexp(alpha[t + 1, 1:], move)
    beta = np.zeros((n_turns + 1, n_q + 1))  # beta[t]: after turn t-1, every end position allowed
    for t in range(n_turns - 1, -1, -1):
        stay = beta[t + 1] + no_match[t]
        go = _logsumexp(prior + (emit[t] + beta[t + 1, 1:])[None, :], axis=1)
        beta[t] = np.logaddexp(stay, go)
    total = _logsumexp(alpha[n_turns], axis=0)
    for t in range(n_turns):
        out[t, 0] = np.exp(_logsumexp(alpha[t] + no_match[t] + beta[t + 1], axis=0) - total)
        move = _logsumexp(alpha[t][:, None] + prior, axis=0) + emit[t] + beta[t + 1, 1:]
        out[t, 1:] = np.exp(move - total)
    return out
