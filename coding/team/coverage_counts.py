"""What the Coverage page counts, defined on plain values: evidence per theme and interview,
each researcher's review progress, and how researchers treated the model's suggestions.

These functions are the definition. At study scale the page reads the same counts
aggregated by the database (``coding/store/coverage_counts.py``), and
``tests/test_coverage_counts.py`` holds the two equal on a multi-coder project.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from coding.model import MODEL_CODER, CodeApplication


@dataclass(frozen=True)
class Cell:
    """Confirmed evidence for one theme in one interview."""

    theme_id: str
    transcript_id: int
    segments: int  # distinct segments confirmed by any researcher
    coders: int


def heatmap_cells(codes: list[CodeApplication], transcript_of: dict[int, int]) -> list[Cell]:
    """One cell per (theme, interview) with at least one confirmed code."""
    segments: dict[tuple[str, int], set[int]] = defaultdict(set)
    coders: dict[tuple[str, int], set[str]] = defaultdict(set)
    for code in codes:
        if code.coder == MODEL_CODER or code.status != "confirmed" or code.segment_id not in transcript_of:
            continue
        key = (code.theme_id, transcript_of[code.segment_id])
        segments[key].add(code.segment_id)
        coders[key].add(code.coder)
    return [Cell(t, tid, len(segments[(t, tid)]), len(coders[(t, tid)])) for t, tid in sorted(segments)]


@dataclass(frozen=True)
class Progress:
    transcript_id: int
    coder: str
    reviewed: int
    total: int

    @property
    def share(self) -> float:
        return self.reviewed / self.total if self.total else 0.0


def review_progress(
    codes: list[CodeApplication], transcript_of: dict[int, int], totals: dict[int, int]
) -> list[Progress]:
    """Per interview and researcher: segments with any decision by that researcher, of the codable total."""
    reviewed: dict[tuple[int, str], set[int]] = defaultdict(set)
    for code in codes:
        if code.coder != MODEL_CODER and code.segment_id in transcript_of:
            reviewed[(transcript_of[code.segment_id], code.coder)].add(code.segment_id)
    return [Progress(tid, coder, len(seen), totals.get(tid, 0)) for (tid, coder), seen in sorted(reviewed.items())]


@dataclass(frozen=True)
class ModelTally:
    """How researchers' decisions treated the model's suggestions for one theme."""

    theme_id: str
    confirmed: int  # suggested, and a researcher confirmed it
    rejected: int  # suggested, and a researcher rejected it
    added: int  # not suggested, a researcher added it (the model missed it)

    @property
    def precision(self) -> float | None:
        decided = self.confirmed + self.rejected
        return self.confirmed / decided if decided else None


def model_tallies(codes: list[CodeApplication]) -> list[ModelTally]:
    """Per theme, researchers' current decisions on the model's suggestions; themes with any, by name."""
    suggested = {(c.segment_id, c.theme_id) for c in codes if c.coder == MODEL_CODER}
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for code in codes:
        if code.coder == MODEL_CODER:
            continue
        was_suggested = (code.segment_id, code.theme_id) in suggested or code.model is not None
        if was_suggested:
            counts[code.theme_id][0 if code.status == "confirmed" else 1] += 1
        elif code.status == "confirmed":
            counts[code.theme_id][2] += 1
    return [ModelTally(tid, *counts[tid]) for tid in sorted(counts)]


@dataclass(frozen=True)
class CoverageCounts:
    """Everything the Coverage page counts over the whole project, read in one go."""

    cells: list[Cell]
    progress: list[Progress]
    tallies: list[ModelTally]
    confirmed_codes: int  # researchers' confirmed codes (rows: two coders on one segment count twice)


def coverage_counts(
    codes: list[CodeApplication], transcript_of: dict[int, int], totals: dict[int, int]
) -> CoverageCounts:
    """The page's counts from every code of the project and each codable segment's interview."""
    return CoverageCounts(
        heatmap_cells(codes, transcript_of),
        review_progress(codes, transcript_of, totals),
        model_tallies(codes),
        sum(1 for c in codes if c.coder != MODEL_CODER and c.status == "confirmed"),
    )
