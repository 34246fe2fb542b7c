"""What the Coverage page shows a team lead, computed from plain values (no Streamlit).

The project-wide counts (heatmap cells, review progress, the model's tallies) are
defined in ``coding.team.coverage_counts`` and read aggregated from the store; this
module adds what the page derives from them and from one cell's codes: the thin
themes and the quotes of a heatmap cell.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from coding.model import MODEL_CODER, CodeApplication, Segment
from coding.team.coverage_counts import Cell
from coding.ui.code_view import ThemeInfo


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
