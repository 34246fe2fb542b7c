"""The Framework Method thematic matrix as an Excel workbook.

Sheets:

* **Overview**: one row per case (case, its attributes), one column per top-level
  theme counting the case's confirmed coded segments under it, then key-question
  coverage ("1 of 2", and which key questions were missed) when the project has it.
* **one sheet per top-level theme** of every frame (cross-cutting themes, guide
  sections): a title row, a header row, then one row per case with its attributes
  first, one column per sub-theme (child theme or guide question; codes on deeper
  themes roll up into their child; codes on the theme itself go to "(whole theme)"),
  and a "Summary" column with the researcher's summary for that case and theme, or, given
  an encoder, the charting draft marked "DRAFT (not reviewed)" in grey italic.

With an encoder (``write_matrix(..., encoder=...)``) three findings sheets follow the
Overview: **Framework matrix** (a row per case, a column per charted theme, each cell the
researcher's summary or the marked draft, its passages with references in the cell's
comment), **Groups** (themes x respondent groups: share of each group's cases with the
theme, with counts) and **Saturation** (per group, in interview order: each interview's new
themes and sub-themes, the running total, and the point after which the last interviews
added nothing). The groups and saturation sheets need no model and are written whenever
``findings`` is true (the default when an encoder is given).

Each cell holds the case's passages for that sub-theme in transcript order, each
followed by its reference, e.g. "… we never did before. [Case 3, Respondent, 00:00:46]".
Only confirmed codes by default; with ``include_suggested`` suggested codes are added
in italic grey, prefixed "(suggested)". Rejected codes never appear.

Codings are read in one pass and only what the cells need is kept; the workbook is
written in openpyxl's write-only mode, so rows stream to disk.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from coding.exports.attribution import (
    AREA_KEYS,
    ORGANISATION_KEYS,
    RESPONDENT_TYPE_KEYS,
    is_identifying_key,
    respondent_type,
)
from coding.exports.findings import SATURATION_HEADERS, charted_text, groups_table, saturation_table
from coding.exports.placement import WHOLE_THEME, ThemeMap
from coding.exports.pseudonyms import case_label
from coding.exports.references import passage_reference
from coding.exports.safety import EXCEL_CELL_LIMIT, clean_text, sheet_title
from coding.model import Case, Frame, ProjectSnapshot, Theme
from coding.suggest.encoder import CachingEncoder, Encoder
from coding.synthesis.cells import ordered_cases
from coding.synthesis.charting import Draft, Passage, chart_draft
from coding.synthesis.groups import compare_groups
from coding.synthesis.saturation import saturation_by_group

SUGGESTED_MARK = "(suggested)"
SUGGESTED_COLOR = "FF7F7F7F"
_HEADER_FONT = Font(name="Calibri", size=10, bold=True, color="FFFFFFFF")
_HEADER_FILL = PatternFill("solid", fgColor="FF1F4E78")
_TITLE_FONT = Font(name="Calibri", size=12, bold=True, color="FF1F4E78")
_BODY_FONT = Font(name="Calibri", size=10)
_CASE_FONT = Font(name="Calibri", size=10, bold=True)
_WRAP_TOP = Alignment(wrap_text=True, vertical="top")
_EDGE = Side(style="thin", color="FFBFBFBF")
_BORDER = Border(left=_EDGE, right=_EDGE, top=_EDGE, bottom=_EDGE)
_SUGGESTED_FONT = InlineFont(i=True, color=SUGGESTED_COLOR)
_DRAFT_FONT = Font(name="Calibri", size=10, italic=True, color=SUGGESTED_COLOR)
_COMMENT_LIMIT = 30_000  # Excel's comment limit is 32,767 characters
_ROOM_FOR_NOTE = 200
PASSAGE_WIDTH = 60
SUMMARY_WIDTH = 45


@dataclass
class _Passage:
    start: int
    text: str
    suggested: bool


def matrix_attribute_keys(cases: list[Case]) -> list[str]:
    """Attribute columns shared by every sheet, without names.

    Respondent type, organisation and area first (the columns researchers group rows
    by), then every other key in first-seen order (wave, …).
    """
    keys: list[str] = []
    for case in cases:
        for key in case.attributes:
            if key not in keys and key not in ("case_label", "attribution") and not is_identifying_key(key):
                keys.append(key)
    priority = [k.lower() for k in (*RESPONDENT_TYPE_KEYS, *ORGANISATION_KEYS, *AREA_KEYS)]
    return sorted(keys, key=lambda k: priority.index(k.lower()) if k.lower() in priority else len(priority))


def _heading(key: str) -> str:
    return key.replace("_", " ").strip().capitalize()


@dataclass
class _Charted:
    """What the findings sheets need, gathered in the same single pass over the codings."""

    passages: dict[tuple[int, str], dict[tuple, Passage]]  # (case, top) -> confirmed passages
    themes: dict[int, set[str]]  # case -> every theme and sub-theme confirmed in it


def _collect(snapshot: ProjectSnapshot, themes: ThemeMap, include_suggested: bool):
    """One pass over the codings: passages per (case, top theme, column), counts per (case, top),
    and the confirmed passages and themes the findings sheets chart."""
    cases = {c.id: c for c in snapshot.cases}
    cells: dict[tuple[int, str, str], dict[tuple, _Passage]] = defaultdict(dict)
    counted: dict[tuple[int, str], set[int]] = defaultdict(set)
    charted = _Charted(defaultdict(dict), defaultdict(set))
    for coding in snapshot.codings:
        wanted = coding.status == "confirmed" or (include_suggested and coding.status == "suggested")
        place = themes.place(coding.theme_id)
        case = cases.get(coding.case_id)
        if not wanted or place is None or case is None:
            continue
        if coding.status == "confirmed":
            counted[(case.id, place.top.id)].add(coding.segment_id)
            charted.themes[case.id].add(coding.theme_id)
            charted.passages[(case.id, place.top.id)].setdefault(
                (coding.start, coding.end),
                Passage(" ".join(coding.text.split()), passage_reference(case, coding), coding.start),
            )
        column = place.sub.id if place.sub is not None else WHOLE_THEME
        key = (coding.segment_id, coding.start, coding.end)
        bucket = cells[(case.id, place.top.id, column)]
        suggested = coding.status != "confirmed"
        if key in bucket and (suggested or not bucket[key].suggested):
            continue  # the same passage under two themes of one column: keep it once, confirmed first
        text = " ".join(coding.text.split())
        bucket[key] = _Passage(coding.start, clean_text(f"{text} {passage_reference(case, coding)}"), suggested)
    return cells, counted, charted


def _cell_value(passages: list[_Passage]):
    """The passages of one cell, cut to Excel's limit; rich text only when some are suggested."""
    passages = sorted(passages, key=lambda p: p.start)
    parts: list[tuple[str, bool]] = []
    used = 0
    for n, passage in enumerate(passages):
        text = f"{SUGGESTED_MARK} {passage.text}" if passage.suggested else passage.text
        if used + len(text) + 2 > EXCEL_CELL_LIMIT - _ROOM_FOR_NOTE:
            parts.append((f"… {len(passages) - n} more passages do not fit in one cell; see the long-format export.", False))
            break
        parts.append((text, passage.suggested))
        used += len(text) + 2
    if not any(suggested for _, suggested in parts):
        return "\n\n".join(text for text, _ in parts)
    blocks: list = []
    for text, suggested in parts:
        if blocks:
            blocks.append("\n\n")
        blocks.append(TextBlock(_SUGGESTED_FONT, text) if suggested else text)
    return CellRichText(blocks)


LINE_HEIGHT = 13.0  # points per line of 10-point text
MAX_ROW_HEIGHT = 409.0  # Excel's limit


def row_height(values: list, widths: list[float]) -> float:
    """Points needed to show every cell's wrapped text (a character is about one width unit)."""
    lines = 1
    for value, width in zip(values, widths):
        if value is None or value == "":
            continue
        per_line = max(1, int(width * 1.15))
        count = sum(max(1, -(-len(part) // per_line)) for part in str(value).split("\n"))
        lines = max(lines, count)
    return min(MAX_ROW_HEIGHT, LINE_HEIGHT * lines + 4)


class _SheetWriter:
    """One consistent style for every sheet of the matrix."""

    def __init__(self, workbook: Workbook, title: str, heading: str, headers: list[str], widths: list[float], frozen_cols: int):
        self.ws = workbook.create_sheet(title)
        self.width = len(headers)
        self.widths = list(widths)
        for index, width in enumerate(widths, start=1):
            self.ws.column_dimensions[get_column_letter(index)].width = width
        # Header rows and the case/attribute columns stay in view while scrolling.
        self.ws.freeze_panes = f"{get_column_letter(frozen_cols + 1)}3"
        self.rows = 2
        self.ws.append([self._cell(heading, _TITLE_FONT, wrap=False)])
        self.ws.append([self._cell(h, _HEADER_FONT, fill=_HEADER_FILL, border=True) for h in headers])

    def _cell(self, value, font, fill=None, border=False, wrap=True):
        cell = WriteOnlyCell(self.ws, value=clean_text(value) if isinstance(value, str) else value)
        if isinstance(value, str):
            cell.data_type = "s"  # text that starts with "=" stays text, never a formula
        cell.font = font
        if wrap:
            cell.alignment = _WRAP_TOP
        if fill is not None:
            cell.fill = fill
        if border:
            cell.border = _BORDER
        return cell

    def row(self, values: list, bold_first: bool = True, drafts: set[int] | frozenset[int] = frozenset(),
            comments: dict[int, str] | None = None) -> None:
        """One row; columns in ``drafts`` are set in grey italic; ``comments`` put a note on a column's cell."""
        cells = [
            self._cell(v, _DRAFT_FONT if i in drafts else _CASE_FONT if i == 0 and bold_first else _BODY_FONT, border=True)
            for i, v in enumerate(values)
        ]
        for index, note in (comments or {}).items():
            cells[index].comment = Comment(clean_text(note[:_COMMENT_LIMIT]), "workbench", width=480, height=360)
        # Neither Excel nor LibreOffice grows a row to its wrapped text when the file is written
        # by a library, so the passages would sit behind one line: set the height from the text.
        self.ws.row_dimensions[self.rows + 1].height = row_height(values, self.widths)
        self.ws.append(cells)
        self.rows += 1

    def finish(self) -> None:
        self.ws.auto_filter.ref = f"A2:{get_column_letter(self.width)}{max(self.rows, 2)}"


def _attribute_widths(cases: list[Case], keys: list[str]) -> list[float]:
    widths: list[float] = []
    for key in keys:
        longest = max([len(_heading(key))] + [len(str(c.attributes.get(key, ""))) for c in cases])
        widths.append(min(max(longest + 2, 10), 24))
    return widths


def _key_questions(frames: list[Frame]) -> dict[str, str]:
    return {t.id: t.label for f in frames for t, _ in f.walk() if t.key and t.kind == "question"}


def _case_key_questions(coverage, frames: list[Frame]) -> dict[str, str]:
    """The key questions of the guide this interview followed (the frame its asked or missed questions
    belong to): a stakeholder is not counted against the prisoner guide's key questions."""
    seen = set(coverage.questions_asked) | set(coverage.key_questions_missed)
    for frame in frames:
        if any(frame.find(q) is not None for q in seen):
            return _key_questions([frame])
    return {}


def _charted_tops(themes: ThemeMap, cells, counted) -> list[tuple[Frame, Theme]]:
    """Cross-cutting themes always; a guide's sections only where something is coded under them,
    so a project with six guides does not chart dozens of empty sheets."""
    used = {top_id for _, top_id in counted} | {top_id for _, top_id, _ in cells}
    return [(frame, top) for frame, top in themes.tops() if frame.kind != "guide" or top.id in used]


def _write_overview(wb: Workbook, snapshot: ProjectSnapshot, tops, attr_keys: list[str], counted) -> None:
    key_questions = _key_questions(snapshot.frames)
    with_coverage = bool(snapshot.coverage) and bool(key_questions)
    headers = ["Case", *[_heading(k) for k in attr_keys], *[top.label for _, top in tops]]
    widths = [18, *_attribute_widths(snapshot.cases, attr_keys), *[14] * len(tops)]
    if with_coverage:
        headers += ["Key questions covered", "Key questions missed"]
        widths += [14, 40]
    sheet = _SheetWriter(
        wb, "Overview", f"{snapshot.name}: confirmed coded segments per case and theme", headers, widths, 1 + len(attr_keys)
    )
    for case in snapshot.cases:
        values: list[object] = [case_label(case), *[case.attributes.get(k, "") for k in attr_keys]]
        values += [len(counted.get((case.id, top.id), ())) for _, top in tops]
        if with_coverage:
            coverage = snapshot.coverage.get(case.id)
            if coverage is None:
                values += ["", ""]  # not assessed: blank, not zero
            else:
                own = _case_key_questions(coverage, snapshot.frames) or key_questions
                missed = [q for q in dict.fromkeys(coverage.key_questions_missed) if q in own]
                values += [f"{len(own) - len(missed)} of {len(own)}", "; ".join(own[q] for q in missed)]
        sheet.row(values)
    sheet.finish()


def _columns(top: Theme, cells, case_ids) -> list[tuple[str, str]]:
    """(column key, header) for a theme sheet: its children, plus "(whole theme)" when needed."""
    columns = [(child.id, child.label) for child in top.children]
    direct = any((cid, top.id, WHOLE_THEME) in cells for cid in case_ids)
    if not columns or direct:
        columns.insert(0, (WHOLE_THEME, WHOLE_THEME))
    return columns


def _write_theme_sheet(wb, snapshot, top: Theme, title: str, attr_keys, cells, drafts) -> None:
    case_ids = [c.id for c in snapshot.cases]
    columns = _columns(top, cells, case_ids)
    headers = ["Case", *[_heading(k) for k in attr_keys], *[label for _, label in columns], "Summary"]
    widths = [18, *_attribute_widths(snapshot.cases, attr_keys), *[PASSAGE_WIDTH] * len(columns), SUMMARY_WIDTH]
    heading = top.label + (f": {top.description}" if top.description else "")
    sheet = _SheetWriter(wb, title, heading, headers, widths, 1 + len(attr_keys))
    for case in snapshot.cases:
        values = [case_label(case), *[case.attributes.get(k, "") for k in attr_keys]]
        for key, _ in columns:
            passages = cells.get((case.id, top.id, key))
            values.append(_cell_value(list(passages.values())) if passages else "")
        text, is_draft = charted_text(snapshot.summaries.get((case.id, top.id)), drafts.get((case.id, top.id)))
        values.append(text)
        sheet.row(values, drafts={len(values) - 1} if is_draft else set())
    sheet.finish()


def _passages_note(passages: list[Passage]) -> str:
    return "\n\n".join(f"{p.text} {p.reference}" for p in sorted(passages, key=lambda p: p.order))


def _write_charted_sheet(wb, snapshot, tops, attr_keys, charted: _Charted, drafts) -> None:
    """The Framework matrix proper: a summary (or a marked draft) per case x theme, passages in comments."""
    headers = ["Case", *[_heading(k) for k in attr_keys], *[top.label for _, top in tops]]
    widths = [18, *_attribute_widths(snapshot.cases, attr_keys), *[SUMMARY_WIDTH] * len(tops)]
    sheet = _SheetWriter(
        wb, "Framework matrix",
        "Summary per case and theme (the researcher's, or a DRAFT chosen from the passages); passages in each "
        "cell's comment", headers, widths, 1 + len(attr_keys),
    )
    first = 1 + len(attr_keys)
    for case in snapshot.cases:
        values = [case_label(case), *[case.attributes.get(k, "") for k in attr_keys]]
        marked, notes = set(), {}
        for n, (_, top) in enumerate(tops):
            text, is_draft = charted_text(snapshot.summaries.get((case.id, top.id)), drafts.get((case.id, top.id)))
            values.append(text)
            if is_draft:
                marked.add(first + n)
            passages = charted.passages.get((case.id, top.id))
            if passages:
                notes[first + n] = _passages_note(list(passages.values()))
        sheet.row(values, drafts=marked, comments=notes)
    sheet.finish()


def _theme_labels(themes: ThemeMap, ids) -> dict[str, str]:
    return {t: place.theme_path for t in ids if (place := themes.place(t)) is not None}


def _write_groups_sheet(wb, snapshot, tops, charted: _Charted, themes: ThemeMap) -> None:
    tops_by_case = {
        case_id: {place.top.id for t in ids if (place := themes.place(t))} for case_id, ids in charted.themes.items()
    }
    groups = {case.id: respondent_type(case.attributes) for case in snapshot.cases}
    shares = compare_groups(groups, tops_by_case, [top.id for _, top in tops])
    headers, rows = groups_table(shares, {top.id: top.label for _, top in tops})
    sheet = _SheetWriter(wb, "Groups", "Themes across respondent groups: cases with the theme (confirmed codes)",
                         headers, [40, *[18] * (len(headers) - 1)], 1)
    for row in rows:
        sheet.row(row)
    sheet.finish()


def _write_saturation_sheet(wb, snapshot, charted: _Charted, themes: ThemeMap) -> None:
    groups = saturation_by_group(ordered_cases(snapshot.cases, respondent_type, case_label), charted.themes)
    labels = _theme_labels(themes, {t for ids in charted.themes.values() for t in ids})
    sheet = _SheetWriter(wb, "Saturation", "New themes and sub-themes per interview, by respondent group "
                         "(interview date order)", SATURATION_HEADERS, [24, 10, 28, 60, 12, 12, 34], 3)
    for row in saturation_table(groups, labels):
        sheet.row(row)
    sheet.finish()


def matrix_drafts(charted: _Charted, summaries: dict, encoder: Encoder) -> dict[tuple[int, str], Draft]:
    """A charting draft for every cell with confirmed passages and no researcher's summary."""
    encoder = CachingEncoder(encoder)  # a passage under two themes is encoded once, not once per cell
    return {
        key: chart_draft(list(passages.values()), encoder)
        for key, passages in charted.passages.items()
        if not (summaries.get(key) or "").strip()
    }


def write_matrix(
    snapshot: ProjectSnapshot, target: str | Path | IO[bytes], include_suggested: bool = False,
    encoder: Encoder | None = None, findings: bool | None = None,
) -> None:
    """Write the thematic matrix of ``snapshot`` to ``target`` (a path or a binary file).

    ``encoder`` makes charting drafts for the cells without a summary; ``findings`` (default:
    whether an encoder is given) adds the Framework matrix, Groups and Saturation sheets.
    """
    themes = ThemeMap(snapshot.frames)
    cells, counted, charted = _collect(snapshot, themes, include_suggested)
    drafts = matrix_drafts(charted, snapshot.summaries, encoder) if encoder is not None else {}
    findings = encoder is not None if findings is None else findings
    attr_keys = matrix_attribute_keys(snapshot.cases)
    wb = Workbook(write_only=True)
    wb.properties.title = f"{snapshot.name}: framework matrix"
    tops = _charted_tops(themes, cells, counted)
    _write_overview(wb, snapshot, tops, attr_keys, counted)
    taken = {"overview"}
    if findings:
        _write_charted_sheet(wb, snapshot, tops, attr_keys, charted, drafts)
        _write_groups_sheet(wb, snapshot, tops, charted, themes)
        _write_saturation_sheet(wb, snapshot, charted, themes)
        taken |= {"framework matrix", "groups", "saturation"}
    for _, top in tops:
        _write_theme_sheet(wb, snapshot, top, sheet_title(top.label, taken), attr_keys, cells, drafts)
    wb.save(target if not isinstance(target, Path) else str(target))
