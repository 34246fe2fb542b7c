"""What the Coverage page shows a team lead, computed from plain values (no Streamlit).

Inputs are the project's codes (every coder and the model), which transcript each
codable segment belongs to, and the theme index. Outputs are lists of small rows
that the page turns into a heatmap and tables.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from coding.model import MODEL_CODER, CodeApplication, Segment
from coding.ui.code_view import ThemeInfo


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
class Quote:
    segment_id: int
    text: str
    speaker: str
    coders: tuple[str, ...]


def quotes(
    codes: list[CodeApplication],
    segments: dict[int, Segment],
    transcript_text: str,
    theme_id: str,
    transcript_id: int,
    transcript_of: dict[int, int],
) -> list[Quote]:
    """The confirmed passages of one heatmap cell, in transcript order (a sub-span shows only its words)."""
    found: dict[int, tuple[str, set[str]]] = {}
    for code in codes:
        if (
            code.coder == MODEL_CODER
            or code.status != "confirmed"
            or code.theme_id != theme_id
            or transcript_of.get(code.segment_id) != transcript_id
        ):
            continue
        segment = segments[code.segment_id]
        text = transcript_text[code.start : code.end] if code.start is not None else segment.text
        entry = found.setdefault(code.segment_id, (text, set()))
        entry[1].add(code.coder)
    ordered = sorted(found, key=lambda sid: segments[sid].start)
    return [Quote(sid, found[sid][0], segments[sid].speaker, tuple(sorted(found[sid][1]))) for sid in ordered]


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
class ThinTheme:
    theme_id: str
    segments: int
    interviews: int


def thin_themes(
    cells: list[Cell], themes: dict[str, ThemeInfo], min_segments: int = 3, min_interviews: int = 2
) -> list[ThinTheme]:
    """Codable themes (not guide sections or questions) with fewer than ``min_segments`` confirmed
    segments or evidence from fewer than ``min_interviews`` interviews, weakest first."""
    seg_count: dict[str, int] = defaultdict(int)
    interviews: dict[str, int] = defaultdict(int)
    for cell in cells:
        seg_count[cell.theme_id] += cell.segments
        interviews[cell.theme_id] += 1
    thin = [
        ThinTheme(tid, seg_count[tid], interviews[tid])
        for tid, info in themes.items()
        if info.kind == "theme" and (seg_count[tid] < min_segments or interviews[tid] < min_interviews)
    ]
    return sorted(thin, key=lambda t: (t.segments, t.interviews, t.theme_id))


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
