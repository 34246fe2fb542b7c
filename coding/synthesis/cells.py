"""A project's confirmed codes gathered the way the synthesis steps read them.

``cell_passages`` gives each case x theme cell its coded passages with references (the
input of a charting draft); ``ordered_cases`` puts cases in interview order for saturation
(which themes each case has confirmed, the store reads: ``store/case_themes.py``).
``theme_of`` says which cell a coded theme belongs to: the top-level theme for the matrix's
Summary column, the theme itself for a cell of the Coverage page, or None to leave it out.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from coding.exports.references import passage_reference
from coding.model import Case, CodedSegment
from coding.synthesis.charting import Passage
from coding.synthesis.saturation import OrderedCase

DATE_KEYS = ("interview_date", "date")


def cell_passages(
    codings: Iterable[CodedSegment], cases: list[Case], theme_of: Callable[[str], str | None]
) -> dict[tuple[int, str], list[Passage]]:
    """(case id, theme id) -> the cell's confirmed passages in transcript order, each passage once."""
    by_id = {case.id: case for case in cases}
    cells: dict[tuple[int, str], dict[tuple[int, int], Passage]] = {}
    for coding in codings:
        theme = theme_of(coding.theme_id)
        case = by_id.get(coding.case_id)
        if coding.status != "confirmed" or theme is None or case is None:
            continue
        cell = cells.setdefault((case.id, theme), {})
        span = (coding.start, coding.end)
        if span not in cell:  # two coders, or two sub-themes, on one passage: chart it once
            cell[span] = Passage(" ".join(coding.text.split()), passage_reference(case, coding), coding.start)
    return {key: sorted(cell.values(), key=lambda p: p.order) for key, cell in cells.items()}


def ordered_cases(
    cases: list[Case], group_of: Callable[[dict[str, str]], str], name_of: Callable[[Case], str] = lambda c: c.name
) -> list[OrderedCase]:
    """Cases with their group, ordered by interview date when they have one (then by name).

    ``name_of`` names a case: its file name on a page, its export label (``case_label``) in a file that
    leaves the team, since a file name may carry a person's name.
    """
    out = []
    for case in cases:
        date = next((str(case.attributes[k]) for k in DATE_KEYS if case.attributes.get(k)), "")
        out.append(OrderedCase(case.id, name_of(case), group_of(case.attributes), date))
    return out
