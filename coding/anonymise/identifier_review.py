"""The identifier review: everything an export will replace, by kind, where it was found, how often, and its placeholder.

The review is read off the same ``plan_names`` an export applies, so what the
researcher sees is what leaves the workbench. Values the researcher marked "not
identifying" are listed too (``excluded``), with how often they appear, so the
choice can be checked and undone.

>>> from coding.model import Case, ProjectSnapshot, Speaker
>>> case = Case(1, "Leaver 04", "Interviewer: Who met you?\\n\\nDean Walsh: Nobody. Dean, I said, go home.",
...             speakers=[Speaker("i", "Interviewer", "interviewer"), Speaker("d", "Dean Walsh")])
>>> snapshot = ProjectSnapshot("P", [], [case], [])
>>> review_names(snapshot, detect_names(snapshot.cases, use_ner=False))
[FoundName(name='Dean Walsh', found_by=('speaker label',), occurrences=2, replaced_by='[Person 1]', excluded=False, kind='person')]
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from coding.anonymise import kinds
from coding.anonymise.names import (
    NOT_NAMES,
    RESEARCHER,
    SOURCES,
    DetectedNames,
    NameChoices,
    clean_name,
    detect_names,  # noqa: F401  (used by the docstring example)
    name_key,
)
from coding.anonymise.placeholders import value_key
from coding.anonymise.pseudonymise import plan_names
from coding.model import ProjectSnapshot


@dataclass(frozen=True)
class FoundName:
    """One identifier of the review.

    ``occurrences`` counts the places it is replaced in interview texts, memos,
    summaries and attribute values, a first name or surname alone included (an
    excluded value: the places it appears, left as written). ``replaced_by`` is its
    placeholder, "" when nothing is replaced. ``kind`` is one of ``coding.anonymise.kinds``.
    """

    name: str
    found_by: tuple[str, ...]
    occurrences: int
    replaced_by: str
    excluded: bool = False
    kind: str = kinds.PERSON


def _owner(part: str, label: str, rows: list[str], labels: dict[str, str]) -> str:
    """The row a matched name belongs to: itself, else the full name it is part of that shares its label."""
    if part in rows:
        return part
    holders = [key for key in rows if part in key.split()]
    same_label = [key for key in holders if labels.get(key) == label]
    return (same_label or holders or [part])[0]


def _count_as_written(texts: list[str], name: str) -> int:
    """How often a value appears as a whole word, any case (as the export would have matched it)."""
    body = r"\s+".join(re.escape(w) for w in name.split())
    pattern = re.compile(rf"(?<![\w]){body}(?![\w])", flags=re.IGNORECASE)
    return sum(1 for text in texts for _ in pattern.finditer(text))


def _kind_order(kind: str) -> int:
    return kinds.KINDS.index(kind) if kind in kinds.KINDS else len(kinds.KINDS)


def review_names(
    snapshot: ProjectSnapshot, detected: DetectedNames, choices: NameChoices = NameChoices()
) -> list[FoundName]:
    """Every identifier found or added in the project, replaced or marked "not identifying".

    People first, sorted by name; then the other kinds in ``kinds.KINDS`` order, each sorted by value.
    """
    shown: dict[str, str] = {}
    sources: dict[str, set[str]] = {}
    for name, source in [*detected.found, *((n, RESEARCHER) for n in choices.added)]:
        key = name_key(name)
        if key and key not in NOT_NAMES:
            shown.setdefault(key, clean_name(name))
            sources.setdefault(key, set()).add(source)
    other_shown: dict[tuple[str, str], str] = {}
    other_sources: dict[tuple[str, str], set[str]] = {}
    for value, kind, source in [*detected.others, *((v, k, RESEARCHER) for k, v in choices.added_other)]:
        other_key = (kind, value_key(kind, value))
        if name_key(value) in NOT_NAMES:
            continue
        other_shown.setdefault(other_key, " ".join(value.split()))
        other_sources.setdefault(other_key, set()).add(source)
    excluded = {name_key(n) for n in choices.excluded}
    other_excluded_keys = {name_key(v) for v in other_shown.values()}
    for name in choices.excluded:
        if name_key(name) in other_excluded_keys:
            continue
        # Kept in the list even when no longer found, so the choice can still be undone.
        shown.setdefault(name_key(name), clean_name(name))
        sources.setdefault(name_key(name), set())

    plan = plan_names(snapshot, detected, choices)
    labels = plan.pseudonymiser.labels
    kept = [key for key in shown if key not in excluded]
    counts: Counter = Counter()
    row_labels: dict = {}
    for found in plan.all_replacements():
        if found.kind == kinds.PERSON:
            owner: str | tuple[str, str] = _owner(found.name.lower(), found.label, kept, labels)
        else:
            owner = next(
                (
                    k
                    for k, lab in plan.placeholders.labels.items()
                    if lab == found.label and k[0] == found.kind and k in other_shown
                ),
                (found.kind, value_key(found.kind, found.name)),
            )
        counts[owner] += 1
        row_labels.setdefault(owner, Counter())[found.label] += 1
    texts = [c.text for c in snapshot.cases] + [m.text for m in snapshot.memos] + list(snapshot.summaries.values())

    rows = []
    for key, name in shown.items():
        found_by = tuple(s for s in SOURCES if s in sources[key])
        if key in excluded:
            rows.append(FoundName(name, found_by, _count_as_written(texts, name), "", excluded=True))
        else:
            label = row_labels[key].most_common(1)[0][0] if key in row_labels else labels.get(key, "")
            rows.append(FoundName(name, found_by, counts[key], label))
    others = []
    for other_key, value in other_shown.items():
        found_by = tuple(s for s in SOURCES if s in other_sources[other_key])
        if name_key(value) in excluded:
            others.append(FoundName(value, found_by, _count_as_written(texts, value), "", True, other_key[0]))
        else:
            label = (
                row_labels[other_key].most_common(1)[0][0]
                if other_key in row_labels
                else plan.placeholders.labels.get(other_key, "")
            )
            others.append(FoundName(value, found_by, counts[other_key], label, False, other_key[0]))
    return sorted(rows, key=lambda r: (r.name.casefold(), r.name)) + sorted(
        others, key=lambda r: (_kind_order(r.kind), r.name.casefold(), r.name)
    )
