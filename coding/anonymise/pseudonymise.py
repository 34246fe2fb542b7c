"""Pseudonymise what leaves the workbench: every direct identifier becomes a stable placeholder by kind.

Participants were promised anonymity, so exports pass through here by default.
The names come from ``coding.anonymise.names`` (speaker labels, identifying
attributes, spaCy's PERSON entities) together with the researcher's choices:
names they added are replaced too, words they marked "not a name" are left as
written. Each distinct name gets one pseudonym across the whole project
("[Person 3]"), and a first name alone maps to the same label as the full name
it belongs to - unless two full names share it ("Sarah" of Sarah Okafor and of
Sarah Jones), when it gets a label of its own rather than pinning words on the
wrong person.

The other kinds (prisons, places, streets, phone numbers...) get placeholders from
``coding.anonymise.placeholders``; where two finds overlap the longer wins ("HMP
Wandsworth" over the place "Wandsworth"). Case texts, memos, summaries and attribute
values all pass through the same plan; cases are renamed to opaque labels
(``coding.anonymise.case_labels``) and speakers to their roles' pseudonyms, so no
file name or speaker key leaves either.

``plan_names`` decides every replacement once; ``pseudonymise_snapshot`` applies
the plan and ``coding.anonymise.identifier_review`` lists it for the researcher, so the
review shows exactly what an export replaces. Offsets of coded passages are
remapped onto the pseudonymised text, so a REFI-QDA export still points at the
right words.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace

from coding.anonymise import kinds
from coding.anonymise.case_labels import LABEL_KEY, opaque_case_labels
from coding.anonymise.detect import Found
from coding.anonymise.names import (
    NOT_NAMES,
    ROLE_WORDS,
    DetectedNames,
    NameChoices,
    clean_name,
    detect_names,
    looks_like_a_name,
    name_key,
)
from coding.anonymise.placeholders import Placeholders, establishment_short_form
from coding.anonymise.privacy import is_identifying_key
from coding.anonymise.roles import speaker_pseudonym
from coding.anonymise.values import find_values, is_everyday, resolve
from coding.model import CodedSegment, ProjectSnapshot


@dataclass
class Replacement:
    start: int
    end: int
    label: str
    name: str = ""  # the name, or the part of a name, that matched here
    kind: str = kinds.PERSON


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
            shared = (
                None
                if key in self.ambiguous
                else next(
                    (
                        label
                        for known, label in self.labels.items()
                        if known not in self.ambiguous and (key in known.split() or known in key.split())
                    ),
                    None,
                )
            )
            self.labels[key] = shared or f"[Person {len({*self.labels.values()}) + 1}]"
        return self.labels[key]

    def spans(self, text: str, names: Iterable[str]) -> list[tuple[int, int, str]]:
        """(start, end, name) of every occurrence of the names, longest names first, not overlapping.

        Any case and any spacing: "dave brown" and "Dave\\nBrown" are Dave Brown. A name that
        is also an everyday word ("Will", "Hope") counts only capitalised. A one-word name
        is also found in its short forms ("Smithy", "Davo") and possessive ("Smith's").
        """
        skip = NOT_NAMES | self.not_names
        wanted = {clean_name(n) for n in names if clean_name(n) and name_key(n) not in skip}
        parts = set(wanted)
        for name in wanted:
            parts.update(
                p
                for p in name.split()
                if len(p) > 2 and p.lower() not in ROLE_WORDS and p.lower() not in self.not_names
            )
        spans: list[tuple[int, int, str]] = []
        # Longest first, so "Sarah Okafor" wins over "Sarah"; ties in a fixed order, so two runs agree.
        for name in sorted(parts, key=lambda p: (-len(p), p)):
            everyday = is_everyday(name)
            body = r"\s+".join(re.escape(w) for w in name.split())
            if " " not in name and len(name) > 3 and not everyday:
                body += r"(?:y|ie|o|sy)?"
            for match in re.finditer(rf"(?<![\w]){body}(?![\w])", text, flags=re.IGNORECASE):
                if any(start < match.end() and match.start() < end for start, end, _ in spans):
                    continue
                if everyday and not match.group(0)[0].isupper():
                    continue  # "will", "mark my words": a lower-case everyday word is not the name
                spans.append((match.start(), match.end(), name))
        return sorted(spans)

    def find(self, text: str, names: Iterable[str]) -> list[Replacement]:
        """Every occurrence of the names (whole words, any case), longest names first."""
        # Labels are handed out in reading order, so "[Person 1]" is the first name a reader meets.
        return [Replacement(start, end, self.label_for(name), name) for start, end, name in self.spans(text, names)]


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
    placeholders: Placeholders = field(default_factory=Placeholders)
    attributes: dict[int, dict[str, list[Replacement]]] = field(default_factory=dict)  # case id -> key -> found
    case_labels: dict[int, str] = field(default_factory=dict)  # case id -> opaque export label

    def all_replacements(self) -> Iterator[Replacement]:
        for found in [*self.cases.values(), *self.memos, *self.summaries.values()]:
            yield from found
        for by_key in self.attributes.values():
            for found in by_key.values():
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
    snapshot: ProjectSnapshot,
    detected: DetectedNames,
    choices: NameChoices = NameChoices(),
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
    speaker_names = [
        clean_name(s.label) for case in snapshot.cases for s in case.speakers if looks_like_a_name(s.label)
    ]
    pseudonymiser = Pseudonymiser(not_names=excluded, ambiguous=shared_name_parts([*names, *speaker_names]))
    others = other_values(detected, choices, excluded)
    placeholders = Placeholders()

    def found_in(text: str) -> list[Replacement]:
        candidates = [
            Found(start, end, kinds.PERSON, name, "name") for start, end, name in pseudonymiser.spans(text, names)
        ]
        candidates += find_values(text, others)
        out = []
        for f in resolve(candidates):
            label = (
                pseudonymiser.label_for(f.text) if f.kind == kinds.PERSON else placeholders.label_for(f.kind, f.text)
            )
            out.append(Replacement(f.start, f.end, label, f.text, f.kind))
        return out

    cases, speakers, attributes = {}, {}, {}
    # The order of these calls hands out the labels: texts case by case, then memos, then summaries.
    for case in snapshot.cases:
        cases[case.id] = found_in(case.text)
        speakers[case.id] = {
            s.key: pseudonymiser.label_for(clean_name(s.label))
            for s in case.speakers
            if looks_like_a_name(s.label) and name_key(s.label) not in excluded
        }
    memos = [found_in(m.text) for m in snapshot.memos]
    summaries = {k: found_in(v) for k, v in snapshot.summaries.items()}
    for case in snapshot.cases:
        attributes[case.id] = {k: found_in(str(v)) for k, v in case.attributes.items() if not is_identifying_key(k)}
    labels = opaque_case_labels(snapshot.cases)
    labels = {cid: apply(label, found_in(label))[0] for cid, label in labels.items()}
    return NamePlan(pseudonymiser, cases, speakers, memos, summaries, placeholders, attributes, labels)


def other_values(detected: DetectedNames, choices: NameChoices, excluded: frozenset[str]) -> list[tuple[str, str]]:
    """(kind, value) of every identifier that is not a person's name, less what was marked "not identifying".

    A listed establishment is also looked for by its short name ("HMP Wandsworth" → "Wandsworth").
    """
    out = []
    for kind, value in [*((k, v) for v, k, _ in detected.others), *choices.added_other]:
        if name_key(value) in excluded or name_key(value) in NOT_NAMES:
            continue
        out.append((kind, value))
        if kind == kinds.ESTABLISHMENT:
            short = establishment_short_form(value)
            if short and name_key(short) not in excluded:
                out.append((kind, short))
    return out


def listed_values(
    snapshot: ProjectSnapshot,
    detected: DetectedNames,
    choices: NameChoices = NameChoices(),
    extra_names: Iterable[str] = (),
) -> list[tuple[str, str]]:
    """(kind, value) of everything an export must not hold: what the gate looks for in the finished file.

    People's full names and the first names and surnames inside them, speaker names, and
    every other identifier found or added, less what was marked "not identifying".
    """
    extra = list(extra_names)
    excluded = frozenset(name_key(n) for n in choices.excluded) - {name_key(n) for n in extra}
    names = [n for n, _ in detected.found] + list(choices.added) + extra
    names += [s.label for case in snapshot.cases for s in case.speakers if looks_like_a_name(s.label)]
    out: list[tuple[str, str]] = []
    for name in {clean_name(n) for n in names}:
        if not name or name_key(name) in excluded or name_key(name) in NOT_NAMES:
            continue
        out.append((kinds.PERSON, name))
        out += [
            (kinds.PERSON, p)
            for p in name.split()
            if len(p) > 2
            and p.lower() not in ROLE_WORDS
            and name_key(p) not in excluded
            and name_key(p) not in NOT_NAMES
        ]
    return sorted(set(out) | set(other_values(detected, choices, excluded)))


def snapshot_notes(snapshot: ProjectSnapshot) -> list[str]:
    """The researcher's own texts in a project (memos, summaries): scanned like the interviews."""
    return [m.text for m in snapshot.memos] + list(snapshot.summaries.values())


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
        detected = detect_names(snapshot.cases, use_ner, notes=snapshot_notes(snapshot))
    plan = plan_names(snapshot, detected, choices, extra_names)
    new_cases, mappings, speaker_keys = [], {}, {}
    for case in snapshot.cases:
        text, mapping = apply(case.text, plan.cases[case.id])
        mappings[case.id] = (text, mapping)
        relabel = plan.speakers[case.id]
        # Speaker keys are made from labels (a first name): each becomes its role's pseudonym's key.
        keys = {s.key: "_".join(speaker_pseudonym(case, s.key).lower().split()) for s in case.speakers}
        speaker_keys[case.id] = keys
        # Aliases are other spellings of the speaker's name: none may leave with the case.
        speakers = [replace(s, key=keys[s.key], label=relabel.get(s.key, s.label), aliases=[]) for s in case.speakers]
        found = plan.attributes.get(case.id, {})
        attributes = {k: (apply(str(v), found[k])[0] if k in found else v) for k, v in case.attributes.items()}
        label = plan.case_labels.get(case.id, case.name)
        attributes[LABEL_KEY] = label
        new_cases.append(replace(case, name=label, text=text, speakers=speakers, attributes=attributes))

    def codings() -> Iterator[CodedSegment]:
        for coding in snapshot.codings:
            text, mapping = mappings.get(coding.case_id, (None, None))
            if mapping is None or text is None:  # both None together
                yield coding
                continue
            start, end = mapping(coding.start), mapping(coding.end)
            speaker = speaker_keys[coding.case_id].get(coding.speaker, coding.speaker)
            yield replace(coding, start=start, end=end, text=text[start:end], speaker=speaker)

    memos = [replace(m, text=apply(m.text, found)[0]) for m, found in zip(snapshot.memos, plan.memos)]
    summaries = {k: apply(v, plan.summaries[k])[0] for k, v in snapshot.summaries.items()}
    return replace(snapshot, cases=new_cases, codings=codings(), memos=memos, summaries=summaries)
