"""The name review: every name an export will replace, where it was found, how often, and its pseudonym.

The review is read off the same ``plan_names`` an export applies, so what the
researcher sees is what leaves the workbench. Names the researcher marked "not a
name" are listed too (``excluded``), with how often they appear, so the choice can
be checked and undone.

>>> from coding.model import Case, ProjectSnapshot, Speaker
>>> case = Case(1, "Leaver 04", "Interviewer: Who met you?\\n\\nDean Walsh: Nobody. Dean, I said, go home.",
...             speakers=[Speaker("i", "Interviewer", "interviewer"), Speaker("d", "Dean Walsh")])
>>> snapshot = ProjectSnapshot("P", [], [case], [])
>>> review_names(snapshot, detect_names(snapshot.cases, use_ner=False))
[FoundName(name='Dean Walsh', found_by=('speaker label',), occurrences=2, replaced_by='[Person 1]', excluded=False)]
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

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
from coding.anonymise.pseudonymise import plan_names
from coding.model import ProjectSnapshot


@dataclass(frozen=True)
class FoundName:
    """One name of the review.

    ``occurrences`` counts the places it is replaced in interview texts, memos and
    summaries, a first name or surname alone included (an excluded name: the places
    it appears, left as written). ``replaced_by`` is its pseudonym, "" when nothing
    is replaced.
    """

    name: str
    found_by: tuple[str, ...]
    occurrences: int
    replaced_by: str
    excluded: bool = False


def _owner(part: str, label: str, rows: list[str], labels: dict[str, str]) -> str:
    """The row a matched name belongs to: itself, else the full name it is part of that shares its label."""
    if part in rows:
        return part
    holders = [key for key in rows if part in key.split()]
    same_label = [key for key in holders if labels.get(key) == label]
    return (same_label or holders or [part])[0]


def _count_as_written(texts: list[str], name: str) -> int:
    """How often a name appears capitalised as a whole word (as ``Pseudonymiser.find`` would match it)."""
    pattern = re.compile(rf"(?<![\w]){re.escape(name)}(?![\w])", flags=re.IGNORECASE)
    return sum(1 for text in texts for m in pattern.finditer(text) if m.group(0)[0].isupper())


def review_names(
    snapshot: ProjectSnapshot, detected: DetectedNames, choices: NameChoices = NameChoices()
) -> list[FoundName]:
    """Every name found or added in the project, replaced or marked "not a name", sorted by name."""
    shown: dict[str, str] = {}
    sources: dict[str, set[str]] = {}
    for name, source in [*detected.found, *((n, RESEARCHER) for n in choices.added)]:
        key = name_key(name)
        if key and key not in NOT_NAMES:
            shown.setdefault(key, clean_name(name))
            sources.setdefault(key, set()).add(source)
    excluded = {name_key(n) for n in choices.excluded}
    for name in choices.excluded:
        # Kept in the list even when no longer found, so the choice can still be undone.
        shown.setdefault(name_key(name), clean_name(name))
        sources.setdefault(name_key(name), set())

    plan = plan_names(snapshot, detected, choices)
    labels = plan.pseudonymiser.labels
    kept = [key for key in shown if key not in excluded]
    counts: Counter[str] = Counter()
    row_labels: dict[str, Counter[str]] = {}
    for found in plan.all_replacements():
        owner = _owner(found.name.lower(), found.label, kept, labels)
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
    return sorted(rows, key=lambda r: (r.name.casefold(), r.name))
