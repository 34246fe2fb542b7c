"""Finding known values (the project's lists, and everything found anywhere in it) wherever they are written.

A value found once is looked for everywhere: the names model finds "Kelly" in one
sentence and misses her in the next, and a phone number typed "07700 900461" in
one interview is "07700900461" in another. The rules, each from a way a real
transcript writes an identifier:

- any case ("dave brown", "HMP LEEDS") and any run of spaces or a line break
  between words ("Dave\\nBrown": a name split across a line);
- a possessive is found by its name ("Smith's" → "Smith", then "'s" stays);
- a person's short form: "Smithy", "Davo", "Smithie" for a listed "Smith" or "Dave";
- a pattern value (phone, NI number, postcode) with its spaces and hyphens anywhere;
- an entry that is also an everyday word ("Will", "Hope", "Reading", "May") only
  where it is capitalised inside a sentence: "Hope said" is the person, "Hope you're
  well" at the start of a sentence and "I hope so" are not.

>>> [text[f.start:f.end] for text in ["dave\\nbrown rang. Reading is hard; I moved to Reading."]
...  for f in find_values(text, [("person", "Dave Brown"), ("place", "Reading")])]
['dave\\nbrown', 'Reading']
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from spacy.lang.en.stop_words import STOP_WORDS

from coding.anonymise import kinds
from coding.anonymise.detect import Found

LISTED = "project list"

# Everyday words that are also names or places in the UK. A list entry that is one of these is matched
# only capitalised inside a sentence. spaCy's stop words ("will", "may", "rose"?) are added at import.
EVERYDAY_WORDS = {
    "will",
    "hope",
    "reading",
    "mark",
    "grace",
    "rose",
    "bill",
    "frank",
    "faith",
    "joy",
    "dawn",
    "may",
    "june",
    "april",
    "august",
    "summer",
    "rich",
    "young",
    "white",
    "black",
    "brown",
    "green",
    "wood",
    "hill",
    "field",
    "bath",
    "deal",
    "street",
    "church",
    "house",
    "ward",
    "hall",
    "bishop",
    "king",
    "baker",
    "cook",
    "fisher",
    "hunter",
    "mason",
    "miller",
    "porter",
    "shepherd",
    "walker",
    "mercy",
    "patience",
    "sky",
    "storm",
    "jack",
    "chase",
    "sterling",
    "worth",
    "rock",
    "cliff",
    "dale",
    "glen",
    "lane",
    "summers",
    "penny",
    "ruby",
    "crystal",
    "amber",
    "holly",
    "ivy",
    "lily",
    "daisy",
    "heather",
    "iris",
    "victoria",
    "sunny",
    "march",
    "christian",
    "earnest",
    "gay",
    "guy",
    "pat",
    "sue",
    "don",
    "ray",
    "gene",
    "art",
    "max",
    "long",
    "wells",
    "bury",
    "sale",
    "hull",
    "derby",
    "ely",
    "wall",
    "stone",
    "moss",
    "nice",
    "grant",
    "case",
    "care",
    "price",
    "banks",
    "bell",
    "lamb",
    "fox",
    "rice",
    "page",
    "booth",
    "sharp",
    "lord",
    "cross",
}
EVERYDAY_WORDS |= {w.lower() for w in STOP_WORDS}  # spaCy's, from the pinned spaCy

_NICKNAME_ENDINGS = r"(?:y|ie|o|sy|zza|s)?"
# A capital preceded by these starts a sentence (or a speaker's turn), so it says nothing about a name.
_SENTENCE_START = re.compile(r"(?:^|[.!?:]\s*|\n\s*|[\"“‘(]\s*)$")


def is_everyday(value: str) -> bool:
    """A one-word entry that is also an everyday English word."""
    words = value.split()
    return len(words) == 1 and words[0].lower().strip("'’") in EVERYDAY_WORDS


def _pattern_for(kind: str, value: str) -> str:
    if kind in kinds.PATTERN_KINDS:
        chars = [re.escape(c) for c in value if c.isalnum() or c in "@+_"]
        # "03/05/1990", "03.05.1990" and "03-05-1990" are one date; "QQ 12 34 56 C" one NI number.
        return r"[\s/.-]*".join(chars)
    words = [re.escape(w) for w in value.split()]
    body = r"\s+".join(words)
    if kind == kinds.PERSON and len(words) == 1 and len(value) > 2:
        body += _NICKNAME_ENDINGS
    return body


def find_values(text: str, values: Iterable[tuple[str, str]], source: str = LISTED) -> list[Found]:
    """Every occurrence in ``text`` of each (kind, value), whole words only, in reading order.

    Overlaps are left for ``resolve`` to settle, so a caller sees every reading.
    """
    out: list[Found] = []
    by_rule: dict[tuple[str, bool], list[tuple[int, str]]] = {}
    seen: set[tuple[str, str]] = set()
    for kind, value in values:
        value = " ".join(str(value).split()).strip(" .,:;'\"’")
        if len(value) < 2 or (kind, value.lower()) in seen:
            continue
        seen.add((kind, value.lower()))
        by_rule.setdefault((kind, is_everyday(value)), []).append((len(value), _pattern_for(kind, value)))
    for (kind, everyday), patterns in by_rule.items():
        # One alternation per kind, longest first, so a 100,000-word text is read once per kind.
        patterns.sort(key=lambda p: -p[0])
        for start in range(0, len(patterns), 500):  # bounded pattern size for very long lists
            alternation = "|".join(p for _, p in patterns[start : start + 500])
            regex = re.compile(rf"(?<![\w@])(?:{alternation})(?![\w@])", 0 if everyday else re.IGNORECASE)
            for m in regex.finditer(text):
                if everyday and (
                    not m.group(0)[0].isupper() or _SENTENCE_START.search(text[max(0, m.start() - 3) : m.start()])
                ):
                    continue
                out.append(Found(m.start(), m.end(), kind, m.group(0), source))
    return sorted(out, key=lambda f: (f.start, -f.end))


_PRIORITY = {kind: i for i, kind in enumerate(kinds.KINDS)}


def resolve(found: Iterable[Found]) -> list[Found]:
    """Non-overlapping finds in reading order: the longest wins, then the surer kind (``kinds.KINDS`` order).

    >>> [(f.text, f.kind) for f in resolve([Found(0, 14, "prison or establishment", "HMP Wandsworth"),
    ...                                      Found(4, 14, "place", "Wandsworth"), Found(4, 14, "person", "Wandsworth")])]
    [('HMP Wandsworth', 'prison or establishment')]
    """
    chosen: list[Found] = []
    taken: list[tuple[int, int]] = []
    for f in sorted(found, key=lambda f: (-(f.end - f.start), _PRIORITY.get(f.kind, 99), f.start)):
        if any(f.start < end and start < f.end for start, end in taken):
            continue
        chosen.append(f)
        taken.append((f.start, f.end))
    return sorted(chosen, key=lambda f: f.start)
