"""Assignments, the blind double-coding sample, and what a coder may see while it is blind.

The lead assigns each interview to a coder (kind ``code``) and draws a reliability
sample: a share of the interviews, stratified by a case attribute (say respondent
type), each given to two coders (kind ``reliability``). On a sample interview each
of its two coders sees neither the other's codes nor the other's confirmations of
suggestions until both have said they finished it; the model's suggestions stay
visible to both, as they would to a single coder.
"""

from __future__ import annotations

import math
import random
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from itertools import combinations

from coding.errors import WorkbenchError
from coding.model import CodeApplication
from coding.team.permissions import TeamRole

CODE = "code"
RELIABILITY = "reliability"
KINDS = (CODE, RELIABILITY)
MODEL_CODER = "model"


@dataclass(frozen=True)
class Assignment:
    transcript_id: int
    username: str
    kind: str = CODE
    finished_at: datetime | None = None
    assigned_by: str = ""
    assigned_at: datetime | None = None

    @property
    def finished(self) -> bool:
        return self.finished_at is not None


@dataclass(frozen=True)
class SampleDraw:
    """One interview of the reliability sample and the two coders who code it blind."""

    transcript_id: int
    stratum: str
    coders: tuple[str, str]


def draw_reliability_sample(
    strata: Mapping[int, str], coders: list[str], fraction: float = 0.15, seed: int = 0
) -> list[SampleDraw]:
    """A share of the interviews from every stratum, each with a pair of coders.

    ``strata`` maps each interview to its value of the stratifying attribute (""
    when it has none). From a stratum of n interviews, ceil(fraction x n) are drawn
    at random, so every stratum is represented at least once. Pairs of coders take
    turns so the double-coding load is shared evenly.

    >>> draw_reliability_sample({1: "prisoner", 2: "prisoner", 3: "staff"}, ["amira", "ben"], 0.2, seed=1)
    [SampleDraw(transcript_id=1, stratum='prisoner', coders=('amira', 'ben')), SampleDraw(transcript_id=3, stratum='staff', coders=('amira', 'ben'))]
    """
    if not 0 < fraction <= 1:
        raise WorkbenchError("The reliability sample is a share of the interviews between 0 and 1 (say 0.15).")
    people = sorted(set(coders))
    if len(people) < 2:
        raise WorkbenchError("Double-coding needs at least two coders on the project.")
    rng = random.Random(seed)
    by_stratum: dict[str, list[int]] = defaultdict(list)
    for transcript_id, value in sorted(strata.items()):
        by_stratum[value or ""].append(transcript_id)
    pairs = list(combinations(people, 2))
    rng.shuffle(pairs)
    drawn: list[SampleDraw] = []
    for stratum in sorted(by_stratum):
        members = by_stratum[stratum]
        chosen = sorted(rng.sample(members, math.ceil(fraction * len(members))))
        for transcript_id in chosen:
            drawn.append(SampleDraw(transcript_id, stratum, pairs[len(drawn) % len(pairs)]))
    return drawn


def blind_transcripts(assignments: Iterable[Assignment]) -> dict[int, set[str]]:
    """Sample interviews still blind (a coder of the pair has not finished) -> their coders."""
    pairs: dict[int, list[Assignment]] = defaultdict(list)
    for a in assignments:
        if a.kind == RELIABILITY:
            pairs[a.transcript_id].append(a)
    return {
        tid: {a.username for a in group}
        for tid, group in pairs.items()
        if len(group) >= 2 and not all(a.finished for a in group)
    }


def visible_codes(
    codes: Iterable[CodeApplication],
    viewer: str,
    assignments: Iterable[Assignment],
    transcript_of: Mapping[int, int],
) -> list[CodeApplication]:
    """The codes ``viewer`` may see: on a blind sample interview they code, only theirs and the model's.

    ``transcript_of`` maps each code's segment id to its interview. Everyone else
    (the lead, a coder not in the pair) sees every code.
    """
    blind = blind_transcripts(assignments)
    out = []
    for code in codes:
        pair = blind.get(transcript_of.get(code.segment_id, -1))
        if pair and viewer in pair and code.coder not in (viewer, MODEL_CODER):
            continue
        out.append(code)
    return out


def may_code_transcript(
    role: TeamRole | str | None, username: str, transcript_id: int, assignments: Iterable[Assignment]
) -> bool:
    """A lead may code any interview; a coder only the interviews assigned to them."""
    if role is None:
        return False
    if TeamRole(role) == TeamRole.LEAD:
        return True
    return any(a.transcript_id == transcript_id and a.username == username for a in assignments)
