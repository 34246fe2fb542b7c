"""Mapping across groups: for each theme, the share of each respondent group's cases that have it.

The Framework Method's interpretation step asks what is common and what is rare, and
whether prisoners say what providers say. A theme counts for a case when any researcher
confirmed it (or one of its sub-themes, rolled up by the caller) in that case.
"""

from __future__ import annotations

from dataclasses import dataclass

from coding.synthesis.saturation import NO_GROUP


@dataclass(frozen=True)
class GroupShare:
    theme_id: str
    group: str
    cases_with: int
    cases: int

    @property
    def share(self) -> float:
        return self.cases_with / self.cases if self.cases else 0.0

    def label(self) -> str:
        """'2 of 3 (67%)'.

        >>> GroupShare("t", "prisoner", 2, 3).label()
        '2 of 3 (67%)'
        """
        return f"{self.cases_with} of {self.cases} ({self.share:.0%})"


def compare_groups(
    case_groups: dict[int, str], themes_by_case: dict[int, set[str]], theme_ids: list[str]
) -> list[GroupShare]:
    """themes x groups, in ``theme_ids`` order then group name order (every pair, zeros included)."""
    members: dict[str, list[int]] = {}
    for case_id, group in case_groups.items():
        members.setdefault(group or NO_GROUP, []).append(case_id)
    return [
        GroupShare(
            theme_id,
            group,
            sum(1 for c in members[group] if theme_id in themes_by_case.get(c, set())),
            len(members[group]),
        )
        for theme_id in theme_ids
        for group in sorted(members)
    ]
