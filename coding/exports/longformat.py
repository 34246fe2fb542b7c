"""Long format: one row per coded segment, for pandas and R users (CSV and XLSX).

Columns, in order::

    project, case, segment_id, attr_<key>..., speaker, role, text, start, end,
    time_start, time_end, question_id, question, theme_id, theme_path, status, coder, source, score,
    created_at

``case`` is the case label, ``speaker`` the pseudonym ("Respondent 2"), ``attr_*`` one
column per case attribute (names and other identifying attributes left out),
``theme_path`` the labels from the frame's root joined with " > ", ``question_id`` and
``question`` the guide question the segment answers (its id and the guide's wording; empty when
the answer ties to no question), as aligned or as a researcher set it. Suggested codes
are included by default (``status`` tells them apart); rejected codes never are.
Times are seconds from the start of the recording; ``created_at`` is ISO 8601.

The CSV is UTF-8 with a byte-order mark so Excel opens it with the right characters;
in both files a text cell that starts with ``= + - @`` gets a leading apostrophe so no
spreadsheet runs it as a formula. Rows are streamed: codings are read once and never
held in memory.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path
from typing import IO

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from coding.errors import WorkbenchError
from coding.exports.attribution import is_identifying_key
from coding.exports.placement import ThemeMap
from coding.exports.pseudonyms import case_label, speaker_pseudonym
from coding.exports.safety import clean_text, fit_cell, guard_formula
from coding.model import ProjectSnapshot

HEAD_COLUMNS = ["project", "case", "segment_id"]
TAIL_COLUMNS = [
    "speaker", "role", "text", "start", "end", "time_start", "time_end", "question_id", "question",
    "theme_id", "theme_path", "status", "coder", "source", "score", "created_at",
]
EXCEL_MAX_ROWS = 1_048_576
_WIDTHS = {"question": 40, "project": 24, "case": 16, "text": 80, "theme_path": 40, "created_at": 20, "theme_id": 20, "speaker": 14}


def attribute_columns(snapshot: ProjectSnapshot) -> dict[str, str]:
    """Attribute key -> its column name (``attr_`` + a lower-case slug), names left out."""
    columns: dict[str, str] = {}
    for case in snapshot.cases:
        for key in case.attributes:
            if key in columns or key == "case_label" or is_identifying_key(key):
                continue
            base = "attr_" + (re.sub(r"[^a-z0-9]+", "_", key.lower()).strip("_") or "value")
            name, n = base, 2
            while name in columns.values():
                name, n = f"{base}_{n}", n + 1
            columns[key] = name
    return columns


def long_columns(snapshot: ProjectSnapshot) -> list[str]:
    return [*HEAD_COLUMNS, *attribute_columns(snapshot).values(), *TAIL_COLUMNS]


def long_rows(snapshot: ProjectSnapshot, include_suggested: bool = True) -> Iterator[dict]:
    """One dict per coded segment, keys as ``long_columns``; values keep their types."""
    themes = ThemeMap(snapshot.frames)
    cases = {c.id: c for c in snapshot.cases}
    attr_columns = attribute_columns(snapshot)
    wording = {theme.id: theme.label for frame in snapshot.frames for theme, _ in frame.walk()}
    for coding in snapshot.codings:
        if not (coding.status == "confirmed" or (include_suggested and coding.status == "suggested")):
            continue
        case = cases.get(coding.case_id)
        if case is None:
            continue
        place = themes.place(coding.theme_id)
        row = {"project": snapshot.name, "case": case_label(case), "segment_id": coding.segment_id}
        for key, column in attr_columns.items():
            row[column] = case.attributes.get(key)
        row.update(
            speaker=speaker_pseudonym(case, coding.speaker),
            role=coding.role,
            text=coding.text,
            start=coding.start,
            end=coding.end,
            time_start=coding.time_start,
            time_end=coding.time_end,
            question_id=coding.question_id,
            question=wording.get(coding.question_id) if coding.question_id else None,
            theme_id=coding.theme_id,
            theme_path=place.theme_path if place else coding.theme_id,
            status=coding.status,
            coder=coding.coder,
            source=coding.source,
            score=coding.score,
            created_at=coding.created_at,
        )
        yield row


def _csv_value(value):
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, str):
        return guard_formula(value)
    return value


def write_long_csv(snapshot: ProjectSnapshot, target: str | Path | IO, include_suggested: bool = True) -> None:
    """Write the long format as CSV (UTF-8 with BOM) to a path, a binary or a text file."""
    columns = long_columns(snapshot)
    if isinstance(target, (str, Path)):
        with open(target, "w", encoding="utf-8-sig", newline="") as handle:
            _write_csv(handle, snapshot, columns, include_suggested)
    elif isinstance(target, io.TextIOBase):
        target.write("\ufeff")
        _write_csv(target, snapshot, columns, include_suggested)
    else:
        wrapper = io.TextIOWrapper(target, encoding="utf-8-sig", newline="", write_through=True)
        try:
            _write_csv(wrapper, snapshot, columns, include_suggested)
            wrapper.flush()
        finally:
            wrapper.detach()  # the caller owns the binary file: do not close it


def _write_csv(handle, snapshot, columns, include_suggested) -> None:
    writer = csv.writer(handle)
    writer.writerow(columns)
    for row in long_rows(snapshot, include_suggested):
        writer.writerow([_csv_value(row[c]) for c in columns])


def _xlsx_value(value):
    if isinstance(value, str):
        return guard_formula(fit_cell(clean_text(value)))
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.astimezone(timezone.utc).replace(tzinfo=None)  # Excel has no time zones: UTC
    return value


def write_long_xlsx(snapshot: ProjectSnapshot, target: str | Path | IO[bytes], include_suggested: bool = True) -> None:
    """Write the long format as one sheet ("Codings") with a frozen, filtered header."""
    columns = long_columns(snapshot)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Codings")
    for index, column in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(index)].width = _WIDTHS.get(column, 14)
    ws.freeze_panes = "A2"
    bold = Font(bold=True)
    header = []
    for column in columns:
        cell = WriteOnlyCell(ws, value=column)
        cell.font = bold
        header.append(cell)
    ws.append(header)
    count = 1
    for row in long_rows(snapshot, include_suggested):
        count += 1
        if count > EXCEL_MAX_ROWS:
            raise WorkbenchError(f"More than {EXCEL_MAX_ROWS - 1:,} codings do not fit in one Excel sheet; export CSV instead.")
        # Plain values stream fastest; guard_formula leaves no text starting with "=",
        # so openpyxl stores every string as text, and dates get its date format.
        ws.append([_xlsx_value(row[column]) for column in columns])
    ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{count}"
    wb.save(str(target) if isinstance(target, Path) else target)
