"""Where coders differ, and the lead's settled codes: found and applied as pure functions.

A disagreement is a (segment, theme) that two or more researchers reviewed with
different outcomes: one confirmed the theme there, another did not. The lead
settles it (the theme applies, or not); both originals stay in the store as they
were, and ``apply_settlements`` gives exports the codes with each settled
(segment, theme) replaced by one code of coder ``SETTLED``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import datetime

from coding.model import CodeApplication

SETTLED = "settled"
MODEL_CODER = "model"


@dataclass(frozen=True)
class SettledCode:
    segment_id: int
    theme_id: str
    applied: bool
    settled_by: str
    note: str = ""
    settled_at: datetime | None = None


@dataclass(frozen=True)
class Disagreement:
    segment_id: int
    theme_id: str
    applied_by: tuple[str, ...]  # researchers who confirmed the theme here
    not_applied_by: tuple[str, ...]  # researchers who reviewed the segment without it
    settled: SettledCode | None = None


def disagreements(
    codes: Iterable[CodeApplication], settled: Iterable[SettledCode] = (), segments: set[int] | None = None
) -> list[Disagreement]:
    """Every (segment, theme) where researchers who reviewed the segment differ, in segment order."""
    reviewed: dict[int, set[str]] = defaultdict(set)
    applied: dict[tuple[int, str], set[str]] = defaultdict(set)
    for code in codes:
        if code.coder in (MODEL_CODER, SETTLED) or (segments is not None and code.segment_id not in segments):
            continue
        reviewed[code.segment_id].add(code.coder)
        if code.status == "confirmed":
            applied[(code.segment_id, code.theme_id)].add(code.coder)
    by_key = {(s.segment_id, s.theme_id): s for s in settled}
    out = []
    for (segment_id, theme_id), yes in sorted(applied.items()):
        no = reviewed[segment_id] - yes
        if no:
            out.append(
                Disagreement(
                    segment_id, theme_id, tuple(sorted(yes)), tuple(sorted(no)), by_key.get((segment_id, theme_id))
                )
            )
    return out


def apply_settlements(codes: Iterable[CodeApplication], settled: Iterable[SettledCode]) -> list[CodeApplication]:
    """The codes an export should use: researchers' codes on a settled (segment, theme) give way
    to one code of coder ``SETTLED`` (confirmed or rejected); the model's suggestion stays."""
    by_key = {(s.segment_id, s.theme_id): s for s in settled}
    out = []
    for code in codes:
        if (code.segment_id, code.theme_id) in by_key and code.coder != MODEL_CODER:
            continue
        out.append(code)
    for (segment_id, theme_id), s in sorted(by_key.items()):
        out.append(
            CodeApplication(
                segment_id,
                theme_id,
                "confirmed" if s.applied else "rejected",
                SETTLED,
                source="human",
                why=s.note or f"settled by {s.settled_by}",
                created_at=s.settled_at,
            )
        )
    return out


def settle_codings(codings: Iterable, settled: Iterable[SettledCode]) -> Iterator:
    """The export rows (``CodedSegment``) with settled codes applied, lazily, in the same order.

    On a settled (segment, theme) the coders' rows and the model's suggestion give way: if the
    theme applies, the first of them comes out once as coder ``SETTLED``; if not, none does.
    """
    by_key = {(s.segment_id, s.theme_id): s for s in settled}
    emitted: set[tuple[int, str]] = set()
    for row in codings:
        key = (row.segment_id, row.theme_id)
        s = by_key.get(key)
        if s is None:
            yield row
        elif s.applied and key not in emitted and row.status == "confirmed":
            emitted.add(key)
            yield replace(row, coder=SETTLED, status="confirmed", source="human", score=None)
