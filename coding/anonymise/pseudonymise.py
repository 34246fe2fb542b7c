"""Pseudonymise what leaves the workbench: people's names in quoted text become stable labels.

Participants were promised anonymity, so exports pass through here by default.
Names are found three ways, because the small spaCy model alone misses some and
mislabels others: the interview's own speaker labels (minus role words such as
"Interviewer"), spaCy's PERSON entities, and names the researcher lists. Each
distinct name gets one pseudonym across the whole project ("[Person 3]"), and
a first name alone maps to the same label as the full name it belongs to.

Offsets of coded passages are remapped onto the pseudonymised text, so a
REFI-QDA export still points at the right words.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace

from coding.model import Case, CodedSegment, ProjectSnapshot

ROLE_WORDS = {
    "interviewer", "int", "i", "q", "a", "r", "respondent", "interviewee", "participant", "moderator",
    "facilitator", "speaker", "unknown", "researcher", "note", "notes",
}
# Words the small model often tags PERSON in this field that are not people.
NOT_NAMES = {"jobcentre", "probation", "work programme", "provider a", "provider b", "day one", "eba", "moj", "dwp"}
# Words that are never part of a person's name here, though the small model puts them in PERSON spans.
NOT_NAME_WORDS = {
    "jobcentre", "plus", "provider", "prime", "probation", "prison", "programme", "work", "cv", "cvs", "nomis",
    "moj", "dwp", "noms", "jcp", "eba", "sib", "hmp", "one", "service", "pilot", "day", "wing", "crc", "nps",
}


@dataclass
class Replacement:
    start: int
    end: int
    label: str


def _clean(name: str) -> str:
    return " ".join(name.replace("’", "'").split()).strip(" .,:;'\"")


def speaker_names(case: Case) -> list[str]:
    """Speaker labels and aliases that are people's names rather than role words or initials."""
    names = []
    for speaker in case.speakers:
        for label in [speaker.label, *speaker.aliases]:
            label = _clean(label)
            if len(label) > 2 and label.lower() not in ROLE_WORDS and re.search(r"[A-Za-z]{3}", label):
                names.append(label)
    return names


def _person_words(entity) -> str:
    """The name inside a PERSON span: its capitalised proper nouns, up to the first break.

    The small model's spans run on ("Ruth Okafor: Apart", "Sometimes Kelly",
    "Provider B. Which"): keep the run of proper-noun tokens that are not domain words.
    """
    words: list[str] = []
    for token in entity:
        text = token.text.strip()
        if token.is_punct or text in {":", ".", ","}:
            if words:
                break
            continue
        is_name = (
            token.pos_ == "PROPN" and text[:1].isupper() and text.isalpha()
            and text.lower() not in NOT_NAME_WORDS and not (text.isupper() and len(text) > 1)
        )
        if is_name:
            words.append(text)
        elif words:
            break
    return " ".join(words)


def ner_names(texts: list[str], not_names: Iterable[str] = ()) -> list[list[str]]:
    """PERSON entities per text, from the real spaCy pipeline, cleaned of the small model's run-ons.

    ``not_names`` are words known not to be people (e.g. the cases' area names).
    """
    from coding.nlp import full_pipeline

    excluded = {n.lower() for n in not_names}
    nlp = full_pipeline()
    out = []
    for doc in nlp.pipe(texts, batch_size=8):
        names = (_person_words(e) for e in doc.ents if e.label_ == "PERSON")
        out.append([n for n in names if n and n.lower() not in excluded])
    return out


def attribute_names(case: Case) -> list[str]:
    """Names held in the case's identifying attributes (respondent, interviewer…), initials left out."""
    from coding.exports.attribution import is_identifying_key

    return [
        _clean(value) for key, value in case.attributes.items()
        if is_identifying_key(key) and len(_clean(value)) > 2 and re.search(r"[A-Za-z]{3}", value)
    ]


@dataclass
class Pseudonymiser:
    """Maps each distinct name to one label, stable across a project's cases."""

    labels: dict[str, str] = field(default_factory=dict)

    def label_for(self, name: str) -> str:
        key = name.lower()
        if key not in self.labels:
            # A first name or surname alone shares the label of a full name already seen.
            for known, label in list(self.labels.items()):
                if key in known.split() or known in key.split():
                    self.labels[key] = label
                    break
            else:
                self.labels[key] = f"[Person {len({*self.labels.values()}) + 1}]"
        return self.labels[key]

    def find(self, text: str, names: Iterable[str]) -> list[Replacement]:
        """Every occurrence of the names (whole words, any case), longest names first."""
        wanted = {_clean(n) for n in names if _clean(n) and _clean(n).lower() not in NOT_NAMES}
        parts = set(wanted)
        for name in wanted:
            parts.update(p for p in name.split() if len(p) > 2 and p.lower() not in ROLE_WORDS)
        spans: list[tuple[int, int, str]] = []
        for name in sorted(parts, key=len, reverse=True):
            for match in re.finditer(rf"(?<![\w]){re.escape(name)}(?![\w])", text, flags=re.IGNORECASE):
                if any(start < match.end() and match.start() < end for start, end, _ in spans):
                    continue
                if not match.group(0)[0].isupper():
                    continue  # "will", "mark my words": a lower-case word is not the name
                spans.append((match.start(), match.end(), name))
        # Labels are handed out in reading order, so "[Person 1]" is the first name a reader meets.
        spans.sort()
        return [Replacement(start, end, self.label_for(name)) for start, end, name in spans]


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


def pseudonymise_snapshot(
    snapshot: ProjectSnapshot, extra_names: Iterable[str] = (), use_ner: bool = True
) -> ProjectSnapshot:
    """A copy of the snapshot with names replaced in case texts, coded passages and memos."""
    pseudonymiser = Pseudonymiser()
    # Places and groups the cases are described by are not people, whatever the model says.
    not_names = {v for case in snapshot.cases for k, v in case.attributes.items() if k in ("area", "region", "site")}
    found = ner_names([c.text for c in snapshot.cases], not_names) if use_ner else [[] for _ in snapshot.cases]
    extra = list(extra_names)
    # A name found anywhere in the project is looked for everywhere: the small model finds
    # "Kelly" in one sentence and misses her in the next.
    all_names = [n for case in snapshot.cases for n in speaker_names(case) + attribute_names(case)]
    all_names += [n for ns in found for n in ns] + extra
    new_cases, mappings = [], {}
    for case in snapshot.cases:
        replacements = pseudonymiser.find(case.text, all_names)
        text, mapping = apply(case.text, replacements)
        mappings[case.id] = (text, mapping)
        speakers = [
            replace(s, label=pseudonymiser.label_for(_clean(s.label)) if _clean(s.label) in speaker_names(case) else s.label,
                    aliases=[])
            for s in case.speakers
        ]
        new_cases.append(replace(case, text=text, speakers=speakers))

    def codings() -> Iterator[CodedSegment]:
        for coding in snapshot.codings:
            text, mapping = mappings.get(coding.case_id, (None, None))
            if mapping is None:
                yield coding
                continue
            start, end = mapping(coding.start), mapping(coding.end)
            yield replace(coding, start=start, end=end, text=text[start:end])

    memos = [replace(m, text=apply(m.text, pseudonymiser.find(m.text, all_names))[0]) for m in snapshot.memos]
    summaries = {k: apply(v, pseudonymiser.find(v, all_names))[0] for k, v in snapshot.summaries.items()}
    return replace(snapshot, cases=new_cases, codings=codings(), memos=memos, summaries=summaries)
