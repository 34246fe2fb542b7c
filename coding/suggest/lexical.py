"""Word-level evidence: which of a theme's own words a segment uses.

Embeddings decide most of a ranking; the words a researcher can see decide the
"why". A crude stemmer is enough here ("sanctioned", "sanctions" and
"sanctioning" meet at "sanction"). Each stem is weighted by how specific it is
to one theme of the frame, so "offenders" (in every theme) counts for nothing
and "sanction" (in one) counts fully.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from coding.suggest.prototypes import Prototype
from coding.text import STOP_WORDS, stem

_WORD = re.compile(r"[a-zA-Z][a-zA-Z'’\-]{2,}")
STOPWORDS = STOP_WORDS


def stems(text: str) -> dict[str, str]:
    """stem -> the first surface word it came from (for quoting back in a reason)."""
    out: dict[str, str] = {}
    for word in _WORD.findall(text):
        if word.lower() in STOPWORDS:
            continue
        out.setdefault(stem(word), word.lower())
    return out


@dataclass
class LexicalIndex:
    """Per theme: its specific stems with weights in (0, 1]."""

    weights: dict[str, dict[str, float]]

    @classmethod
    def build(cls, prototypes: dict[str, list[Prototype]]) -> LexicalIndex:
        # Only the theme's own short texts: guide questions carry too many incidental words.
        own_kinds = {"label", "keyword", "description", "probe"}
        theme_stems = {
            t: set().union(*(stems(p.text) for p in ps if p.kind in own_kinds)) if ps else set()
            for t, ps in prototypes.items()
        }
        df: dict[str, int] = {}
        for s in theme_stems.values():
            for st in s:
                df[st] = df.get(st, 0) + 1
        n = max(len(theme_stems), 1)
        weights = {}
        for theme, s in theme_stems.items():
            # 1.0 for a stem of one theme, falling to 0 for a stem every theme shares.
            weights[theme] = {st: (math.log(n / df[st]) / math.log(n) if n > 1 else 1.0) for st in s}
            weights[theme] = {st: w for st, w in weights[theme].items() if w > 0.2}
        return cls(weights)

    def evidence(self, text_stems: dict[str, str], theme: str) -> tuple[float, list[str]]:
        """(strength in [0, 1], the segment's words that matched, most specific first)."""
        table = self.weights.get(theme, {})
        hits = sorted(((table[s], w) for s, w in text_stems.items() if s in table), reverse=True)
        if not hits:
            return 0.0, []
        # Diminishing returns: two specific words are stronger evidence than one, never > 1.
        strength = 1.0 - math.prod(1.0 - w for w, _ in hits[:3])
        return strength, [w for _, w in hits[:3]]
