"""What the Code page shows, computed from plain values (no Streamlit here, so it is unit-tested).

A segment's *chips* merge three kinds of rows of ``code_applications``: the model's
suggestions (coder ``model``), the current coder's own decisions, and other coders'
decisions (shown, never changed). A segment is *reviewed* by a coder once that coder
has made any decision on it; "next unreviewed" and the unreviewed filter use that.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from coding.model import MODEL_CODER, CodeApplication, Frame, Segment


@dataclass(frozen=True)
class ThemeInfo:
    """A theme as pickers and chips show it."""

    id: str
    label: str
    path_label: str  # "Section › Question" — ancestors' labels then the theme's own
    frame_id: str
    frame_name: str
    kind: str
    key: bool
    frame_kind: str = "guide"
    parent_id: str | None = None
    depth: int = 0  # 0 for a frame's top-level themes

    @property
    def is_top_level(self) -> bool:
        return self.depth == 0


def theme_index(frames: list[Frame]) -> dict[str, ThemeInfo]:
    """theme id -> ThemeInfo for every node of every frame, in frame order."""
    index: dict[str, ThemeInfo] = {}
    for frame in frames:
        labels: dict[str, str] = {}
        for theme, path in frame.walk():
            labels[theme.id] = theme.label
            path_label = " › ".join([*(labels[p] for p in path), theme.label])
            index.setdefault(
                theme.id,
                ThemeInfo(
                    theme.id,
                    theme.label,
                    path_label,
                    frame.id,
                    frame.name,
                    theme.kind,
                    theme.key,
                    frame.kind,
                    path[-1] if path else None,
                    len(path),
                ),
            )
    return index


@dataclass
class Chip:
    """One theme on one segment as the current coder sees it.

    ``mine`` is the coder's own status (None: undecided), ``score``/``why`` come from
    the model when it suggested the theme.
    """

    theme_id: str
    score: float | None = None
    why: str = ""
    mine: str | None = None
    span: tuple[int, int] | None = None
    others: list[tuple[str, str]] = field(default_factory=list)  # (coder, status)


def chips(codes: list[CodeApplication], coder: str | None, min_score: float = 0.0) -> list[Chip]:
    """The chips of one segment: model suggestions at or above ``min_score`` (strongest first),
    then themes a coder added. The coder's own decisions always show, whatever their score."""
    by_theme: dict[str, Chip] = {}
    for code in codes:
        chip = by_theme.setdefault(code.theme_id, Chip(code.theme_id))
        if code.coder == MODEL_CODER:
            chip.score, chip.why = code.score, code.why
        elif coder and code.coder == coder:
            chip.mine = code.status
            if code.start is not None and code.end is not None:
                chip.span = (code.start, code.end)
        else:
            chip.others.append((code.coder, code.status))
    shown = [
        c
        for c in by_theme.values()
        if c.mine is not None
        or (c.score is not None and c.score >= min_score)
        or any(s == "confirmed" for _, s in c.others)
    ]
    return sorted(shown, key=lambda c: (c.score is None, -(c.score or 0.0), c.theme_id))


def is_reviewed(codes: list[CodeApplication], coder: str | None) -> bool:
    """True once ``coder`` has confirmed, rejected or added anything on the segment."""
    return bool(coder) and any(c.coder == coder for c in codes)


def top_score(codes: list[CodeApplication]) -> float:
    return max((c.score or 0.0 for c in codes if c.coder == MODEL_CODER), default=0.0)


@dataclass
class Filters:
    unreviewed_only: bool = False
    themes: tuple[str, ...] = ()
    min_score: float = 0.0
    order: str = "interview"  # one of ORDERS


# How the Code page lists segments: as spoken, or by the model's confidence in its best suggestion
# (among the filtered themes when a theme filter is on) - sure ones first to confirm them quickly,
# or doubtful ones first to spend attention where the model needs it.
ORDERS = {
    "interview": "Interview order",
    "confident": "Most confident first",
    "doubtful": "Least confident first",
}


def best_score(seg_codes: list[CodeApplication], themes: tuple[str, ...] = ()) -> float:
    """The model's highest confidence on a segment (0 without a suggestion), among ``themes`` if given."""
    return max(
        (c.score or 0.0 for c in seg_codes if c.coder == MODEL_CODER and (not themes or c.theme_id in themes)),
        default=0.0,
    )


def visible_segments(
    segments: list[Segment], codes: dict[int, list[CodeApplication]], coder: str | None, filters: Filters
) -> list[Segment]:
    """The segments the filters let through, in transcript order or by confidence (``filters.order``).

    A theme filter keeps segments where the theme is suggested (at or above the
    minimum confidence) or decided by anyone.
    """
    out = []
    for segment in segments:
        seg_codes = codes.get(segment.stored_id, [])
        if filters.unreviewed_only and is_reviewed(seg_codes, coder):
            continue
        if filters.themes:
            wanted = set(filters.themes)
            hit = any(
                c.theme_id in wanted and (c.coder != MODEL_CODER or (c.score or 0.0) >= filters.min_score)
                for c in seg_codes
            )
            if not hit:
                continue
        out.append(segment)
    if filters.order in ("confident", "doubtful"):
        sign = -1.0 if filters.order == "confident" else 1.0
        out.sort(key=lambda s: sign * best_score(codes.get(s.stored_id, []), filters.themes))  # stable: ties keep order
    return out


def first_unreviewed(listed: list[int], reviewed: dict[int, bool], after: int) -> int | None:
    """Index in ``listed`` (segment ids in the order shown) of the first id after position
    ``after`` that ``reviewed`` does not mark reviewed, wrapping round; None when all are.

    >>> first_unreviewed([7, 8, 9], {7: True, 8: True, 9: False}, 2)
    2
    >>> first_unreviewed([7, 8, 9], {7: True, 8: True, 9: True}, 0) is None
    True
    """
    n = len(listed)
    for step in range(1, n + 1):
        i = (after + step) % n
        if not reviewed.get(listed[i], False):
            return i
    return None


def find_span(segment: Segment, words: str) -> tuple[int, int]:
    """Transcript offsets of ``words`` inside the segment (first occurrence, whitespace-tolerant).

    Raises ValueError with a readable message when the words are not in the segment.
    """
    words = words.strip()
    if not words:
        raise ValueError("Type or paste the exact words to code.")
    pattern = r"\s+".join(re.escape(w) for w in words.split())
    match = re.search(pattern, segment.text) or re.search(pattern, segment.text, re.IGNORECASE)
    if match is None:
        raise ValueError("Those words are not in this segment: copy them exactly from the text above.")
    return segment.start + match.start(), segment.start + match.end()


def attribute_updates(rows: list[dict[str, str]], ids: list[int], edited_rows: dict) -> dict[int, dict[str, str]]:
    """Transcript id -> its full new attributes, from ``st.data_editor``'s ``edited_rows``
    (row position -> {column: new value}); a cleared cell becomes an empty value."""
    updates = {}
    for position, changes in edited_rows.items():
        row = dict(rows[int(position)])
        row.update({column: "" if value is None else str(value) for column, value in changes.items()})
        updates[ids[int(position)]] = row
    return updates


def clock(seconds: float | None) -> str:
    """``754.2`` -> ``"12:34"``, ``3723`` -> ``"1:02:03"``; empty for no time."""
    if seconds is None:
        return ""
    total = int(seconds)
    h, rest = divmod(total, 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~<>$:=^])")


def escape_markdown(text: str) -> str:
    """User text made inert for ``st.markdown``/``st.caption``: every Markdown (and
    Streamlit directive) character is backslash-escaped and line breaks are kept."""
    return _MD_SPECIAL.sub(r"\\\1", text).replace("\n", "  \n")


def percent(score: float | None) -> str:
    return "" if score is None else f"{round(score * 100)}%"
