"""Charting drafts: a case x theme cell's few most representative sentences, without a generative model.

The Framework Method's charting step summarises what one case said on one theme,
with references back to the talk. A draft is extractive: the cell's passages are cut
into sentences, each sentence is embedded, and sentences are taken in order of
centrality (cosine similarity to the cell's mean direction: what the case keeps
coming back to), skipping any sentence too similar to one already taken, until the
word budget is spent. The chosen sentences are shown in transcript order, each with
the reference of the passage it came from, so the researcher can check every claim.

The draft is a starting point the researcher accepts, edits or rewrites; it never
stands in for their summary without saying it is a draft.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np

from coding.suggest.encoder import Encoder

MAX_WORDS = 60
# A sentence this similar (cosine) to one already in the draft says the same thing again.
# Fixed by reading, not tuned on the benchmark's hand summaries.
REDUNDANT = 0.8
# Fewer words than this is talk filler ("Still there.", "Yeah."), never a finding.
MIN_SENTENCE_WORDS = 5

_SENTENCE_END = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"'”’)]))\s+(?=[\"'“‘(]?[A-Z0-9])")


@dataclass(frozen=True)
class Passage:
    """One coded passage of a cell: its words, where it is from, and its place in the interview."""

    text: str
    reference: str
    order: int = 0


@dataclass(frozen=True)
class DraftSentence:
    text: str
    reference: str


@dataclass
class Draft:
    """A charting draft: sentences in transcript order, each with its passage's reference."""

    sentences: list[DraftSentence] = field(default_factory=list)

    @property
    def words(self) -> int:
        return sum(len(s.text.split()) for s in self.sentences)

    def text(self) -> str:
        """The draft as one paragraph, each run of sentences from one passage followed by its reference.

        >>> Draft([DraftSentence("Housing is the big one.", "[Case 2, para 9]"),
        ...        DraftSentence("A CV means nothing without an address.", "[Case 2, para 9]"),
        ...        DraftSentence("Drugs come next.", "[Case 2, para 12]")]).text()
        'Housing is the big one. A CV means nothing without an address. [Case 2, para 9] Drugs come next. [Case 2, para 12]'
        """
        parts = []
        for n, sentence in enumerate(self.sentences):
            parts.append(sentence.text)
            following = self.sentences[n + 1] if n + 1 < len(self.sentences) else None
            if sentence.reference and (following is None or following.reference != sentence.reference):
                parts.append(sentence.reference)
        return " ".join(parts)


def split_sentences(text: str) -> list[str]:
    """A passage cut into sentences at end punctuation followed by a capital.

    >>> split_sentences("Housing is the big one. If you don't know where you're sleeping, a CV means nothing.")
    ['Housing is the big one.', "If you don't know where you're sleeping, a CV means nothing."]
    """
    out: list[str] = []
    for line in text.splitlines():
        out.extend(part.strip() for part in _SENTENCE_END.split(" ".join(line.split())) if part.strip())
    return out


def _candidates(passages: list[Passage]) -> list[tuple[int, int, str, str]]:
    """(passage order, position, sentence, reference) for every sentence long enough to say something."""
    out = []
    for passage in sorted(passages, key=lambda p: p.order):
        for position, sentence in enumerate(split_sentences(passage.text)):
            if len(sentence.split()) >= MIN_SENTENCE_WORDS:
                out.append((passage.order, position, sentence, passage.reference))
    return out


def _fits(budget_left: int, sentence: str) -> bool:
    return len(sentence.split()) <= budget_left


def chart_draft(
    passages: list[Passage], encoder: Encoder, max_words: int = MAX_WORDS, redundant: float = REDUNDANT
) -> Draft:
    """The draft summary of one cell: central sentences, redundancy removed, within ``max_words``.

    A sentence longer than the whole budget is never taken (a draft is a summary, not a
    quote dump); when every sentence is that long, the most central one is cut to the
    budget with an ellipsis, so a cell with evidence never gets an empty draft.
    """
    candidates = _candidates(passages)
    if not candidates:
        return Draft()
    vectors = np.asarray(encoder.encode([c[2] for c in candidates]), dtype=np.float32)
    centre = vectors.mean(axis=0)
    norm = float(np.linalg.norm(centre))
    centrality = vectors @ (centre / norm) if norm > 0 else np.zeros(len(candidates))
    chosen: list[int] = []
    budget = max_words
    for index in np.argsort(-centrality, kind="stable"):
        sentence = candidates[index][2]
        if not _fits(budget, sentence):
            continue
        if chosen and float(np.max(vectors[chosen] @ vectors[index])) >= redundant:
            continue
        chosen.append(int(index))
        budget -= len(sentence.split())
    if not chosen:
        best = int(np.argmax(centrality))
        order, position, sentence, reference = candidates[best]
        cut = " ".join(sentence.split()[:max_words]) + " …"
        return Draft([DraftSentence(cut, reference)])
    chosen.sort(key=lambda i: candidates[i][:2])
    return Draft([DraftSentence(candidates[i][2], candidates[i][3]) for i in chosen])


def first_sentences_draft(passages: list[Passage], max_words: int = MAX_WORDS) -> Draft:
    """The baseline a draft must beat: each passage's opening sentence, in order, within the budget."""
    firsts: list[tuple[int, int, str, str]] = []
    seen_orders = set()
    for candidate in _candidates(passages):
        if candidate[0] not in seen_orders:
            seen_orders.add(candidate[0])
            firsts.append(candidate)
    out, budget = [], max_words
    for _, _, sentence, reference in firsts:
        if _fits(budget, sentence):
            out.append(DraftSentence(sentence, reference))
            budget -= len(sentence.split())
    return Draft(out)
