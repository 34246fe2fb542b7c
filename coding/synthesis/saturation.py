"""Saturation by respondent group: did the last interviews of a group add any theme?

For each respondent group (a case attribute such as respondent type), interviews are
taken in interview order; each adds the themes (and sub-themes) confirmed in it for the
first time in that group. The group is *saturated* after position k when the interviews
after k, at least ``window`` of them, added nothing; ``saturated_after`` is the first
such k (None when the last ``window`` interviews still added something, or the group has
too few interviews to tell).
"""

from __future__ import annotations

from dataclasses import dataclass, field

WINDOW = 2
NO_GROUP = "(no group)"


@dataclass(frozen=True)
class InterviewStep:
    position: int  # 1-based within the group
    case_id: int
    case_name: str
    new_themes: tuple[str, ...]
    cumulative: int


@dataclass
class GroupSaturation:
    group: str
    steps: list[InterviewStep] = field(default_factory=list)
    saturated_after: int | None = None

    @property
    def themes(self) -> int:
        return self.steps[-1].cumulative if self.steps else 0


@dataclass(frozen=True)
class OrderedCase:
    """A case in interview order: its id, name, group, and the key it is ordered by (a date)."""

    case_id: int
    name: str
    group: str
    order_key: str = ""


def saturation_point(new_counts: list[int], window: int = WINDOW) -> int | None:
    """The first position after which at least ``window`` interviews (to the end) added nothing.

    >>> saturation_point([5, 2, 1, 0, 0])
    3
    >>> saturation_point([5, 2, 0, 1])
    >>> saturation_point([4, 0, 0, 0], window=2)
    1
    """
    last_new = max((i + 1 for i, n in enumerate(new_counts) if n > 0), default=0)
    if last_new == 0 or len(new_counts) - last_new < window:
        return None
    return last_new


def saturation_by_group(
    cases: list[OrderedCase], themes_by_case: dict[int, set[str]], window: int = WINDOW
) -> list[GroupSaturation]:
    """One saturation curve per group, groups in name order, interviews in ``order_key`` then name order."""
    by_group: dict[str, list[OrderedCase]] = {}
    for case in cases:
        by_group.setdefault(case.group or NO_GROUP, []).append(case)
    out = []
    for group in sorted(by_group):
        seen: set[str] = set()
        steps = []
        ordered = sorted(by_group[group], key=lambda c: (c.order_key, c.name))
        for position, case in enumerate(ordered, start=1):
            new = sorted(themes_by_case.get(case.case_id, set()) - seen)
            seen.update(new)
            steps.append(InterviewStep(position, case.case_id, case.name, tuple(new), len(seen)))
        out.append(GroupSaturation(group, steps, saturation_point([len(s.new_themes) for s in steps], window)))
    return out
