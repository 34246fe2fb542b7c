"""Indirect identifiers: quotes that carry two or more details which, together, could point at one person.

In a small site, "the only woman on the resettlement team at [Prison A]" or "I got
four years for the robbery in 2014, came out in March" identifies someone without a
name in it. The check is deliberately simple and honest: it looks for details of
five kinds (an establishment or unit, a role or job, an offence, a date, age or
length of time, a distinctive "only one") and flags a quote that carries two or
more kinds, for the researcher to read before it goes in a report. It is a flag,
not a promise: a quote without a flag can still identify someone.

>>> flag = indirect_details("I was the only woman on the resettlement team at [Prison A] in 2014.")
>>> [category for category, _ in flag]
['establishment or unit', 'role or job', 'date, age or time', 'distinctive']
>>> indirect_details("It was fine, to be honest.")
[]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

ESTABLISHMENT = "establishment or unit"
ROLE = "role or job"
OFFENCE = "offence"
WHEN = "date, age or time"
DISTINCTIVE = "distinctive"
CATEGORIES = (ESTABLISHMENT, ROLE, OFFENCE, WHEN, DISTINCTIVE)
THRESHOLD = 2  # kinds of detail in one quote

_WORDS = {
    ESTABLISHMENT: r"\[Prison [A-Z]+\]|\[Place \d+\]|\[Street \d+\]|\[Organisation [A-Z]+\]|\bHMP\b|\bYOI\b|"
    r"\b[A-H][- ]wing\b|\bhealthcare unit\b|\bsegregation\b|\bthe seg\b|\bCSU\b|\bcat(?:egory)? [A-D]\b|"
    r"\bopen prison\b|\bwomen's prison\b|\bapproved premises\b|\bhostel\b",
    ROLE: r"\b(?:governor|officer|adviser|advisor|caseworker|case worker|key ?worker|manager|chaplain|nurse|teacher|"
    r"mentor|team leader|supervisor|co-?ordinator|listener|peer worker|orderly|wing rep|resettlement worker|"
    r"probation officer|work coach|director|head of)s?\b|\bon the [\w -]{0,30}?team\b",
    OFFENCE: r"\b(?:burglary|robbery|theft|shoplifting|assault|GBH|ABH|murder|manslaughter|arson|fraud|possession|"
    r"supply|dealing|drink[- ]driving|sexual offen[cs]e|domestic violence|affray|stabbing|firearms?|"
    r"kidnap(?:ping)?|carjacking|joyriding)\b",
    WHEN: r"\b(?:19|20)\d{2}\b|\b(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December)\b|\[date of birth\]|\b(?:I'm|I am|I was|aged?)\s+(?:\d{1,2}|twenty|thirty|forty|fifty|sixty|"
    r"nineteen|eighteen|seventeen|sixteen)\b|\b\d{1,2}\s+(?:years?|months?)\b|\b(?:two|three|four|five|six|"
    r"seven|eight|nine|ten|twelve|eighteen)\s+(?:years?|months?)\b",
    DISTINCTIVE: r"\b(?:the only|only (?:woman|man|one|person)|first ever|the first (?:woman|man|person)|"
    r"everyone knows|you'd know)\b",
}
_PATTERNS = {category: re.compile(pattern, re.IGNORECASE) for category, pattern in _WORDS.items()}


@dataclass(frozen=True)
class IndirectFlag:
    """A quote with details of ``THRESHOLD`` or more kinds; ``details`` as (kind, words) in reading order."""

    case: str
    theme: str
    text: str
    details: tuple[tuple[str, str], ...]

    @property
    def categories(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(c for c, _ in self.details))


def indirect_details(text: str) -> list[tuple[str, str]]:
    """(kind, words) of the first detail of each kind in ``text``, in ``CATEGORIES`` order."""
    out = []
    for category in CATEGORIES:
        match = _PATTERNS[category].search(text)
        if match:
            out.append((category, match.group(0)))
    return out


def flag_quotes(quotes: list[tuple[str, str, str]], threshold: int = THRESHOLD) -> list[IndirectFlag]:
    """The quotes, given as (case label, theme, text), that carry details of ``threshold`` or more kinds."""
    flags = []
    for case, theme, text in quotes:
        details = indirect_details(text)
        if len(details) >= threshold:
            flags.append(IndirectFlag(case, theme, text, tuple(details)))
    return flags
