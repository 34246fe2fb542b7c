"""One placeholder per real value, by kind, across a whole project: "[Prison A]", "[Place 2]", "[phone number]".

The same real value gets the same placeholder wherever it appears (every
interview, memo, summary and attribute), so a reader can follow "[Prison A]"
through a report without learning which prison it is. Spellings of one value
share a key: "HMP Wandsworth", "Wandsworth prison" and "hmp wandsworth" are one
prison; "07700 900461" and "07700900461" are one phone number. The mapping
(``Placeholders.labels``) is what would undo the pseudonymisation, so it is kept
in memory or in the store, apart from the text, and never written to an export.

>>> p = Placeholders()
>>> [p.label_for("prison or establishment", v) for v in ("HMP Wandsworth", "Wandsworth Prison", "HMP Leeds")]
['[Prison A]', '[Prison A]', '[Prison B]']
>>> p.label_for("phone number", "07700 900461")
'[phone number]'
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from coding.anonymise import kinds

_ESTABLISHMENT_WORDS = re.compile(
    r"^(?:the\s+)?(?:hmp\s*(?:(?:&|and)\s*yoi)?|hmyoi|hmpyoi|yoi|hm\s+prison|hm\s+young\s+offender\s+institution)\s+"
    r"|\s+(?:prison|yoi|young\s+offender\s+institution)$",
    re.IGNORECASE,
)


def value_key(kind: str, value: str) -> str:
    """The form every spelling of one value shares.

    >>> value_key("phone number", "07700-900 461"), value_key("place", "  Up  North "), value_key("person", "Smith's")
    ('07700900461', 'up north', 'smith')
    """
    if kind in kinds.PATTERN_KINDS:
        return "".join(c for c in value.lower() if c.isalnum() or c in "@+_")
    text = " ".join(value.replace("’", "'").split()).strip(" .,:;'\"").lower()
    text = re.sub(r"'s$", "", text)
    if kind == kinds.ESTABLISHMENT:
        text = _ESTABLISHMENT_WORDS.sub("", text).strip() or text
    return text


def establishment_short_form(value: str) -> str | None:
    """The name people use alone for a listed establishment: "HMP Wandsworth" → "Wandsworth" (None if none).

    >>> establishment_short_form("HMP & YOI Doncaster"), establishment_short_form("the Scrubs")
    ('Doncaster', None)
    """
    short = _ESTABLISHMENT_WORDS.sub("", " ".join(value.split())).strip()
    return short if short and short.lower() != value.strip().lower() and not value.lower().startswith("the ") else None


@dataclass
class Placeholders:
    """Hands out placeholders in the order values are first met (reading order, when asked in it)."""

    labels: dict[tuple[str, str], str] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)

    def label_for(self, kind: str, value: str) -> str:
        key = (kind, value_key(kind, value))
        if key not in self.labels:
            self.counts[kind] = self.counts.get(kind, 0) + 1
            self.labels[key] = kinds.placeholder(kind, self.counts[kind])
        return self.labels[key]
