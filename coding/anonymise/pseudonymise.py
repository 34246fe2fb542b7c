"""Pseudonymise what leaves the workbench: people's names in quoted text become stable labels.

Participants were promised anonymity, so exports pass through here by default.
The names come from ``coding.anonymise.names`` (speaker labels, identifying
attributes, spaCy's PERSON entities) together with the researcher's choices:
names they added are replaced too, words they marked "not a name" are left as
written. Each distinct name gets one pseudonym across the whole project
("[Person 3]"), and a first name alone maps to the same label as the full name
it belongs to - unless two full names share it ("Sarah" of Sarah Okafor and of
Sarah Jones), when it gets a label of its own rather than pinning words on the
wrong person.

``plan_names`` decides every replacement once; ``pseudonymise_snapshot`` applies
the plan and ``coding.anonymise.review`` lists it for the researcher, so the
review shows exactly what an export replaces. Offsets of coded passages are
remapped onto the pseudonymised text, so a REFI-QDA export still points at the
right words.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace

from coding.anonymise.names import (  # noqa: F401  (ner_names: re-exported for older callers)
    NOT_NAMES,
    ROLE_WORDS,
    DetectedNames,
    NameChoices,
    clean_name,
    detect_names,
    looks_like_a_name,
    name_key,
    ner_names,
)
from coding.model import CodedSegment, ProjectSnapshot


@dataclass
class Replacement:
    start: int
    end: int
    label: str
    name: str = ""  # the name, or the part of a name, that matched here


@dataclass
class Pseudonymiser:
    """Maps each distinct name to one label, stable across a project's cases.

    ``not_names`` holds the name keys the researcher marked "not a name": they are
    never looked for, neither whole nor as the first name or surname of another name.
    """

    labels: dict[str, str] = field(default_factory=dict)
    not_names: frozenset[str] = frozenset()
    # First names and surnames shared by two different full names ("Sarah" of Sarah Okafor and of
    # Sarah Jones): alone they could be either person, so they get a label of their own.
    ambiguous: frozenset[str] = frozenset()

    def label_for(self, name: str) -> str:
        key = name.lower()
        if key not in self.labels:
            # A first name or surname alone shares the label of a full name already seen.
            shared = None if key in self.ambiguous else next(
                (label for known, label in self.labels.items()
                 if known not in self.ambiguous and (key in known.split() or known in key.split())), None)
            self.labels[key] = shared or f"[Person {len({*self.labels.values()}) + 1}]"
        return self.labels[key]

    def find(self, text: str, names: Iterable[str]) -> list[Replacement]:
        """Every occurrence of the names (whole words, any case), longest names first."""
        skip = NOT_NAMES | self.not_names
        wanted = {clean_name(n) for n in names if clean_name(n) and name_key(n) not in skip}
        parts = set(wanted)
        for name in wanted:
            parts.update(
                p for p in name.split() if len(p) > 2 and p.lower() not in ROLE_WORDS and p.lower() not in self.not_names
            )
        spans: list[tuple[int, int, str]] = []
        # Longest first, so "Sarah Okafor" wins over "Sarah"; ties in a fixed order, so two runs agree.
        for name in sorted(parts, key=lambda p: (-len(p), p)):
            for match in re.finditer(rf"(?<![\w]){re.escape(name)}(?![\w])", text, flags=re.IGNORECASE):
                if any(start < match.end() and match.start() < end for start, end, _ in spans):
                    continue
                if not match.group(0)[0].isupper():
                    continue  # "will", "mark my words": a lower-case word is not the name
                spans.append((match.start(), match.end(), name))
        # Labels are handed out in reading order, so "[Person 1]" is the first name a reader meets.
        spans.sort()
        return [Replacement(start, end, self.label_for(name), name) for start, end, name in spans]


def apply(text: str, replacements: list[Replacement]) -> tuple[str, Callable[[int], int]]:
    """The text with replacements made, and a function mapping old offsets to new ones."""
    pieces, cursor, old_marks, shifts, shift = [], 0, [], [], 0
    for r in replacements:
        pieces.append(text[cursor : r.start])
        pieces.append(r.label)
        cursor = r.end
        shift += len(r.label) - (r.end - r.start)
        old_marks.append(r.end)
        shifts.append(shift)
    pieces.append(text[cursor:])
    starts = [r.start for r in replacements]

    def mapping(offset: int) -> int:
        i = bisect.bisect_right(old_marks, offset)
        inside = bisect.bisect_right(starts, offset) - 1
        if inside >= 0 and replacements[inside].start < offset < replacements[inside].end:
            # An offset inside a name moves to the end of its pseudonym.
            before = shifts[inside - 1] if inside > 0 else 0
            return replacements[inside].start + before + len(replacements[inside].label)
        return offset + (shifts[i - 1] if i > 0 else 0)

    return "".join(pieces), mapping


@dataclass
class NamePlan:
    """Every replacement one pseudonymisation pass makes, decided before any text changes."""

    pseudonymiser: Pseudonymiser
    cases: dict[int, list[Replacement]]  # case id -> replacements in its text
    speakers: dict[int, dict[str, str]]  # case id -> speaker key -> new label
    memos: list[list[Replacement]]  # in the snapshot's memo order
    summaries: dict[tuple[int, str], list[Replacement]]

    def all_replacements(self) -> Iterator[Replacement]:
        for found in [*self.cases.values(), *self.memos, *self.summaries.values()]:
            yield from found


def shared_name_parts(names: Iterable[str]) -> frozenset[str]:
    """Lower-cased words that belong to two or more different multi-word names."""
    owners: dict[str, set[str]] = {}
    for name in {clean_name(n).lower() for n in names}:
        words = name.split()
        if len(words) > 1:
            for word in words:
                owners.setdefault(word, set()).add(name)
    return frozenset(word for word, full in owners.items() if len(full) > 1)


def plan_names(
    snapshot: ProjectSnapshot, detected: DetectedNames, choices: NameChoices = NameChoices(),
    extra_names: Iterable[str] = (),
) -> NamePlan:
    """Decide what to replace: detected names and the researcher's added names, less their "not a name"s.

    ``extra_names`` (a one-off list, e.g. the CLI's ``--name``) are replaced even
    when marked "not a name": when in doubt, a name is hidden.
    """
    extra = list(extra_names)
    excluded = frozenset(name_key(n) for n in choices.excluded) - {name_key(n) for n in extra}
    # A name found anywhere in the project is looked for everywhere: the small model finds
    # "Kelly" in one sentence and misses her in the next.
    names = [n for n, _ in detected.found] + list(choices.added) + extra
    names = [n for n in names if name_key(n) and name_key(n) not in excluded]
    speaker_names = [clean_name(s.label) for case in snapshot.cases for s in case.speakers if looks_like_a_name(s.label)]
    pseudonymiser = Pseudonymiser(not_names=excluded, ambiguous=shared_name_parts([*names, *speaker_names]))
    cases, speakers = {}, {}
    # The order of these calls hands out the labels: texts case by case, then memos, then summaries.
    for case in snapshot.cases:
        cases[case.id] = pseudonymiser.find(case.text, names)
        speakers[case.id] = {
            s.key: pseudonymiser.label_for(clean_name(s.label))
            for s in case.speakers if looks_like_a_name(s.label) and name_key(s.label) not in excluded
        }
    memos = [pseudonymiser.find(m.text, names) for m in snapshot.memos]
    summaries = {k: pseudonymiser.find(v, names) for k, v in snapshot.summaries.items()}
    return NamePlan(pseudonymiser, cases, speakers, memos, summaries)


def pseudonymise_snapshot(
    snapshot: ProjectSnapshot,
    extra_names: Iterable[str] = (),
    use_ner: bool = True,
    choices: NameChoices = NameChoices(),
    detected: DetectedNames | None = None,
) -> ProjectSnapshot:
    """A copy of the snapshot with names replaced in case texts, speaker labels, coded passages and memos.

    ``detected`` saves running spaCy again when the caller already has the names
    of exactly these cases; otherwise they are detected here.
    """
    if detected is None:
        detected = detect_names(snapshot.cases, use_ner)
    plan = plan_names(snapshot, detected, choices, extra_names)
    new_cases, mappings = [], {}
    for case in snapshot.cases:
        text, mapping = apply(case.text, plan.cases[case.id])
        mappings[case.id] = (text, mapping)
        relabel = plan.speakers[case.id]
        # Aliases are other spellings of the speaker's name: none may leave with the case.
        speakers = [replace(s, label=relabel.get(s.key, s.label), aliases=[]) for s in case.speakers]
        new_cases.append(replace(case, text=text, speakers=speakers))

    def codings() -> Iterator[CodedSegment]:
        for coding in snapshot.codings:
            text, mapping = mappings.get(coding.case_id, (None, None))
            if mapping is None:
                yield coding
                continue
            start, end = mapping(coding.start), mapping(coding.end)
            yield replace(coding, start=start, end=end, text=text[start:end])

    memos = [replace(m, text=apply(m.text, found)[0]) for m, found in zip(snapshot.memos, plan.memos)]
    summaries = {k: apply(v, plan.summaries[k])[0] for k, v in snapshot.summaries.items()}
    return replace(snapshot, cases=new_cases, codings=codings(), memos=memos, summaries=summaries)
