"""Rank every theme of a project's frames for each segment, with a confidence and a reason.

The score of theme *t* for a segment *x* combines, in this order of weight:

1. **prototypes** - the mean of the three best cosines between *x* and the
   theme's written texts (label, description phrases, keywords, probes, guide
   wording, guide questions as statements; see ``prototypes.py``), averaged
   with the same for its example answers (``exemplars.py``), weighted
   ``1 - TALK_SHARE`` : ``TALK_SHARE``. A soft max: one lucky prototype does not
   win alone, and a theme with many prototypes is not favoured the way a plain
   max or a mean over a concatenation would be. Two channels, because in one
   pool the example answers (talk, nearer to talk) took every top-3 place;
2. **decisions** - a similarity-weighted kNN vote of the segments a researcher
   has decided near *x*: confirmations of *t* for, rejections of *t* against,
   relative to every decided segment nearby and shrunk towards the zero-shot
   score when there are few or distant ones (``decisions.py``). A rejection of *t*
   on *S* says "S is not t": it moves *t* only for segments close to *S* (and
   hides *t* on *S* itself through ``exclude``), never for unrelated ones;
3. **aligned question** - when the segment answers a guide question, that
   question, its section and the themes they ``maps_to`` get a fixed bonus;
4. **words** - a small bonus when the segment uses a word specific to the
   theme (``lexical.py``), mostly so the reason can quote it.

Leave-one-out over the dev quotes chose (1) over a max, a mean and a
concatenated text, and (2) over blending in the nearest confirmed example and
pushing down every segment closer to a rejected one than to a confirmed one,
which made learning from real decisions hurt (benchmarks/README.md). Confidence is
each theme's own probability that the researcher would confirm it, a Platt map of
the score, its margin over the best other theme, its rank and whether both channels
rank it first (``calibration.py``):
independent per theme, so it means the same with 9 themes or 300. Refitted on the
researcher's decisions it stays one map for all themes, so it never reorders them.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from coding.model import Frame, Suggestion
from coding.suggest.calibration import DECISION_PRIOR_WEIGHT, PlattMap, channels_agree, fit_platt
from coding.suggest.encoder import Encoder
from coding.suggest.exemplars import borrowed_exemplars
from coding.suggest.knn_vote import DecisionMemory
from coding.suggest.lexical import LexicalIndex, stems
from coding.suggest.long_text import embed_texts
from coding.suggest.prototypes import KIND_WORDS, Prototype, build_prototypes

TOP_PROTOTYPES = 3
# Example answers (talk) and a theme's written texts (label, description, keywords, guide wording)
# are scored as two channels, each a best-3 mean, then averaged: talk sits closer to talk, so in one
# pool the example answers took every top-3 place and the theme's own words were never heard.
TALK_KINDS = frozenset({"exemplar"})
TALK_SHARE = 0.7
# The aligned question's themes' bonus, and the weight of its turns scored as text (``contexts``;
# which answers read them: context.CONTEXT_TURNS). Chosen together by nested leave-one-interview-out
# CV over the demo and quote interviews, both encoders (benchmarks/cv_question_context.py, round 6).
QUESTION_BONUS = 0.12
CONTEXT_SHARE = 0.5
WORD_BONUS = 0.03
# Weight of the decisions' kNN vote (decisions.py, in [-1, 1]) in score units; a full vote is worth
# about the gap between a theme that fits and one that does not.
VOTE_WEIGHT = 0.3
# From this many confirmed and this many rejected decisions on, the confidence map is refitted on
# them (leave-one-out scores), which look like the segments being scored; guide pseudo-labels don't.
# Both kinds are needed: confirmations alone say nothing about how often a suggestion is wrong.
RECALIBRATE_FROM = 20
RECALIBRATE_REJECTED_FROM = 10
# The refit uses only decisions on themes among a segment's first SHOWN_RANKS (what a review page
# lists): confidence describes shown suggestions, not themes a researcher added from far down.
SHOWN_RANKS = 5


def _best_mean(block: np.ndarray) -> np.ndarray:
    """Mean of each row's TOP_PROTOTYPES best cosines (fewer when the block is smaller)."""
    top = min(TOP_PROTOTYPES, block.shape[1])
    return -np.partition(-block, top - 1, axis=1)[:, :top].mean(axis=1)


def _short(text: str, words: int = 10) -> str:
    parts = " ".join(text.split()).split(" ")
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")


class Suggester:
    """Scores every theme of ``frames`` for segments; learns from confirm/reject decisions.

    >>> s = Suggester([frame], HashingEncoder())          # doctest: +SKIP
    >>> s.suggest(["They stopped my money"])[0][0].theme   # doctest: +SKIP
    'sanctions'
    """

    def __init__(
        self,
        frames: list[Frame],
        encoder: Encoder,
        temperature: float | None = None,
        themes: Sequence[str] | None = None,
        extra_prototypes: dict[str, list[str]] | None = None,
        shipped_exemplars: bool = True,
        talk_share: float | None = TALK_SHARE,
    ):
        if not frames:
            raise ValueError("a Suggester needs at least one frame")
        self.frames = frames
        self.encoder = encoder
        # ``temperature`` divides the calibrated logit (1 = as fitted); fixing it also fixes the map.
        self.temperature = 1.0 if temperature is None else float(temperature)
        self._fixed_temperature = temperature is not None
        self.calibration = PlattMap()
        self._stale_calibration = False
        self.model_name = getattr(encoder, "name", "unknown")
        # None pools every prototype in one best-3 mean (the old scorer, kept for the benchmark).
        self.talk_share = talk_share
        protos = build_prototypes(frames)
        for theme_id, texts in (extra_prototypes or {}).items():
            protos.setdefault(theme_id, []).extend(Prototype(theme_id, t, "utterance") for t in texts)
        if shipped_exemplars:
            for theme_id, texts in borrowed_exemplars(frames).items():
                protos.setdefault(theme_id, []).extend(Prototype(theme_id, t, "exemplar") for t in texts)
        all_ids = list(protos)
        self.theme_ids = [t for t in (themes or all_ids) if t in protos]
        if not self.theme_ids:
            raise ValueError("none of the requested themes is in the frames")
        # Each theme's prototypes in two blocks: its written-down texts, then its example answers.
        self._protos = [
            [p for p in protos[t] if p.kind not in TALK_KINDS] + [p for p in protos[t] if p.kind in TALK_KINDS]
            for t in self.theme_ids
        ]
        flat = [p for ps in self._protos for p in ps]
        self._proto_matrix = encoder.encode([p.text for p in flat]) if flat else np.zeros((0, encoder.dim))
        self._proto_slices = []  # per theme: (its whole block, its written texts, its example answers)
        start = 0
        for ps in self._protos:
            talk = sum(p.kind in TALK_KINDS for p in ps)
            end = start + len(ps)
            self._proto_slices.append((slice(start, end), slice(start, end - talk), slice(end - talk, end)))
            start = end
        self._lexical = LexicalIndex.build({t: protos[t] for t in self.theme_ids})
        self._index = {t: i for i, t in enumerate(self.theme_ids)}
        self._question_targets = self._map_questions()
        self._labels = self._theme_labels()
        self._memory = DecisionMemory(len(self.theme_ids))

    # ----- what a theme is and where an answer points -----

    def _theme_labels(self) -> dict[str, str]:
        return {theme.id: theme.label for frame in self.frames for theme, _ in frame.walk()}

    def _map_questions(self) -> dict[str, list[str]]:
        """question or section id -> itself, its ancestors and every theme they map to."""
        targets: dict[str, list[str]] = {}
        for frame in self.frames:
            for theme, path in frame.walk():
                chain = [*path, theme.id]
                ids = list(chain)
                for node_id in chain:
                    node = frame.find(node_id)
                    ids.extend(node.maps_to if node else [])
                targets[theme.id] = [i for i in dict.fromkeys(ids) if i in self._index]
        return targets

    # ----- embeddings -----

    def embed(self, texts: list[str]) -> np.ndarray:
        """Segment embeddings (long texts chunked and averaged), for the store to keep."""
        return embed_texts(self.encoder, texts)

    # ----- learning from decisions -----

    def add_example(self, text_or_embedding: str | np.ndarray, theme_id: str, accepted: bool = True) -> None:
        """Record one researcher decision; unknown themes are ignored (the caller validates)."""
        self.add_examples([text_or_embedding], [theme_id], [accepted])

    def add_examples(
        self,
        texts_or_embeddings: Sequence[str | np.ndarray] | np.ndarray,
        theme_ids: Sequence[str],
        accepted: Sequence[bool] | bool = True,
    ) -> None:
        items = list(texts_or_embeddings)
        flags = [accepted] * len(items) if isinstance(accepted, bool) else list(accepted)
        if not (len(items) == len(theme_ids) == len(flags)):
            raise ValueError("add_examples needs one theme and one decision per example")
        to_embed = [i for i, x in enumerate(items) if isinstance(x, str)]
        if to_embed:
            vectors = self.embed([items[i] for i in to_embed])
            for row, i in enumerate(to_embed):
                items[i] = vectors[row]
        for i, (vec, theme, ok) in enumerate(zip(items, theme_ids, flags)):
            if theme not in self._index:
                continue
            original = texts_or_embeddings[i]
            self._memory.add(vec, self._index[theme], bool(ok), original if isinstance(original, str) else "")
        self._stale_calibration = True

    def _recalibrate(self) -> None:
        """Refit the confidence map on the decisions, each segment scored without itself."""
        self._stale_calibration = False
        pos_rows, pos_cols = self._memory.rows(1)
        neg_rows, neg_cols = self._memory.rows(-1)
        if self._fixed_temperature or len(pos_rows) < RECALIBRATE_FROM or len(neg_rows) < RECALIBRATE_REJECTED_FROM:
            self.calibration = PlattMap()
            return
        rows_all = np.concatenate([pos_rows, neg_rows])
        cols = np.concatenate([pos_cols, neg_cols])
        y = np.concatenate([np.ones(len(pos_rows)), np.zeros(len(neg_rows))])
        unique = np.unique(rows_all)
        vectors = np.vstack([self._memory.vectors[r] for r in unique])
        scores, parts = self.raw_scores(vectors, skip_self=True)
        where = {int(r): i for i, r in enumerate(unique)}
        rows = np.array([where[int(r)] for r in rows_all])
        rank = (scores[rows] > scores[rows, cols][:, None]).sum(axis=1)
        keep = rank < SHOWN_RANKS
        rows, cols, y = rows[keep], cols[keep], y[keep]
        positive = np.zeros_like(scores)
        positive[rows, cols] = y
        # One global map, no per-theme offsets: an offset learnt from decisions on a few segments
        # reorders the themes of every other segment (measured, LOO decisions: top-1 0.54 -> 0.49,
        # top-3 0.81 -> 0.78, ECE worse). a, b >= 0 and no offsets keep confidence in the order of the scores.
        self.calibration = fit_platt(
            scores,
            positive,
            prior=PlattMap(),
            prior_weight=DECISION_PRIOR_WEIGHT,
            rows=rows,
            cols=cols,
            agree=channels_agree(scores, parts["written"], parts["talk"]),
        )

    def confidence(self, scores: np.ndarray, agree: np.ndarray | None = None) -> np.ndarray:
        """(n, themes) raw scores -> independent confirmation probabilities in [0, 1]. ``agree``:
        (n,) rows whose two channels rank the first theme first (``channels_agree``)."""
        if self._stale_calibration:
            self._recalibrate()
        logits = self.calibration.logits(np.asarray(scores, dtype=np.float64), self.theme_ids, agree)
        return (1.0 / (1.0 + np.exp(-np.clip(logits / max(self.temperature, 1e-6), -30, 30)))).astype(np.float32)

    def example_counts(self) -> dict[str, tuple[int, int]]:
        return {t: self._memory.counts(j) for j, t in enumerate(self.theme_ids)}

    # ----- scoring -----

    def raw_scores(
        self,
        embeddings: np.ndarray,
        question_ids: Sequence[str | None] | None = None,
        skip_self: bool = False,
        with_vote: bool = True,
    ):
        """(scores, parts) before calibration; parts say what drove each score (for reasons)."""
        n, k = len(embeddings), len(self.theme_ids)
        sims = embeddings @ self._proto_matrix.T if len(self._proto_matrix) else np.zeros((n, 0))
        proto = np.zeros((n, k), dtype=np.float32)
        # Each channel's own score (a theme with one channel scores it in both): whether the theme's
        # written texts and its example answers rank the same theme first is evidence for confidence.
        channels = np.zeros((2, n, k), dtype=np.float32)
        best_proto = np.zeros((n, k), dtype=np.int64)
        for j, (whole, written, talk) in enumerate(self._proto_slices):
            if whole.stop == whole.start:
                continue
            if self.talk_share is None or written.stop == written.start or talk.stop == talk.start:
                proto[:, j] = _best_mean(sims[:, whole])  # one pool, or only one channel to score
                channels[:, :, j] = proto[:, j]
            else:
                channels[0, :, j], channels[1, :, j] = _best_mean(sims[:, written]), _best_mean(sims[:, talk])
                proto[:, j] = (1 - self.talk_share) * channels[0, :, j] + self.talk_share * channels[1, :, j]
            best_proto[:, j] = sims[:, whole].argmax(axis=1)
        scores = proto.copy()
        vote = self._memory.vote(embeddings if with_vote else embeddings[:0], skip_self=skip_self)
        if with_vote:
            scores += VOTE_WEIGHT * vote.vote
        asked = np.zeros((n, k), dtype=bool)
        for i, qid in enumerate(question_ids or []):
            for target in self._question_targets.get(qid or "", []):
                asked[i, self._index[target]] = True
        scores += QUESTION_BONUS * asked
        return scores, {
            "best_proto": best_proto,
            "asked": asked,
            "example_best": vote.nearest,
            "example_sim": vote.nearest_sim,
            "vote": vote.vote,
            "proto": proto,
            "written": channels[0],
            "talk": channels[1],
        }

    def scores(
        self,
        texts: list[str],
        embeddings: np.ndarray,
        question_ids: Sequence[str | None] | None = None,
        skip_self: bool = False,
    ):
        """(scores, parts, word hits): raw scores plus the word bonus, before calibration."""
        scores, parts = self.raw_scores(embeddings, question_ids, skip_self=skip_self)
        bonus, word_hits = self._word_bonus(texts)
        return scores + bonus, parts, word_hits

    def _word_bonus(self, texts: list[str]) -> tuple[np.ndarray, list[dict[int, list[str]]]]:
        """(the word bonus per segment and theme, the words behind it)."""
        bonus = np.zeros((len(texts), len(self.theme_ids)), dtype=np.float32)
        word_hits: list[dict[int, list[str]]] = []
        for i, text in enumerate(texts):
            ts = stems(text[:20000])
            hits = {}
            for j, theme in enumerate(self.theme_ids):
                strength, words = self._lexical.evidence(ts, theme)
                if words:
                    bonus[i, j] = WORD_BONUS * strength
                    hits[j] = words
            word_hits.append(hits)
        return bonus, word_hits

    def context_scores(self, contexts: Sequence[str | None], embeddings: np.ndarray | None = None) -> np.ndarray:
        """Theme scores of each context text from the theme's own texts and words only (no decisions,
        no question bonus); zero where there is no context. ``embeddings``: the contexts' stored
        vectors (one row per context), so nothing is encoded again."""
        have = [i for i, c in enumerate(contexts) if c and c.strip()]
        out = np.zeros((len(contexts), len(self.theme_ids)), dtype=np.float32)
        if have:
            texts = [c for c in contexts if c and c.strip()]  # the contexts at ``have``
            vectors = self.embed(texts) if embeddings is None else np.asarray(embeddings, dtype=np.float32)[have]
            _, parts = self.raw_scores(vectors, with_vote=False)
            bonus, _ = self._word_bonus(texts)
            out[have] = parts["proto"] + bonus
        return out

    def suggest(
        self,
        texts: list[str],
        question_ids: list[str | None] | None = None,
        top_k: int | None = None,
        embeddings: np.ndarray | None = None,
        exclude: list[set[str]] | None = None,
        leave_self_out: bool = False,
        context: np.ndarray | None = None,
    ) -> list[list[Suggestion]]:
        """Per segment, its themes best first with a calibrated score and a reason.

        Empty segments get no suggestions; themes in ``exclude[i]`` (rejected for
        segment i) are never suggested for it again. With ``leave_self_out`` a
        segment's own decisions (a decided vector identical to it) do not vote for
        it: the project's stored suggestions use this, so the model's suggestion on
        a reviewed segment stays its prediction from everything else and can be
        measured as a coder against the researcher who decided it.

        ``context[i]`` is the theme scores of the interviewer's turn(s) segment i answers (the
        question as it was asked; ``context_scores`` of their text, or of their stored vectors):
        added at ``CONTEXT_SHARE``, so an answer that does not name its topic ("Not really, no.")
        borrows it from the question.
        """
        if embeddings is None:
            embeddings = self.embed(texts)
        embeddings = np.asarray(embeddings, dtype=np.float32)
        if len(embeddings) != len(texts):
            raise ValueError(f"{len(texts)} texts but {len(embeddings)} embeddings")
        if question_ids is not None and len(question_ids) != len(texts):
            raise ValueError(f"{len(texts)} texts but {len(question_ids)} question ids")
        scores, parts, word_hits = self.scores(texts, embeddings, question_ids, skip_self=leave_self_out)
        if context is not None:
            scores = scores + CONTEXT_SHARE * context
        probs = self.confidence(scores, channels_agree(scores, parts["written"], parts["talk"]))
        out: list[list[Suggestion]] = []
        for i, text in enumerate(texts):
            if not text or not text.strip():
                out.append([])
                continue
            banned = exclude[i] if exclude and i < len(exclude) and exclude[i] else set()
            order = [j for j in np.lexsort((-scores[i], -probs[i])) if self.theme_ids[j] not in banned]
            if top_k is not None:
                order = order[: max(top_k, 0)]
            out.append(
                [
                    Suggestion(self.theme_ids[j], round(float(probs[i, j]), 4), self._why(i, j, parts, word_hits[i]))
                    for j in order
                ]
            )
        return out

    def _why(self, i: int, j: int, parts: dict, hits: dict[int, list[str]]) -> str:
        theme = self.theme_ids[j]
        reasons = []
        if parts["asked"][i, j]:
            reasons.append("answers a guide question under this theme")
        ex = parts["example_best"][i, j]
        # Name the example only when it is closer than the theme's own texts: then it drove the score.
        if ex >= 0 and parts["vote"][i, j] > 0 and parts["example_sim"][i, j] >= parts["proto"][i, j]:
            text = self._memory.confirmed(j)[ex][1]
            reasons.append(
                f"like a segment you confirmed: “{_short(text)}”" if text else "like a segment you confirmed"
            )
        proto = self._protos[j][parts["best_proto"][i, j]] if self._protos[j] else None
        if proto is not None:
            reasons.append(f"close to {KIND_WORDS.get(proto.kind, proto.kind)} “{_short(proto.text, 12)}”")
        if j in hits:
            reasons.append("uses " + ", ".join(f"“{w}”" for w in hits[j]))
        return "; ".join(reasons[:3]) or f"nearest to {self._labels.get(theme, theme)}"
