"""Case attributes: from ``--attr key=value`` arguments and from a sidecar CSV/XLSX.

The sidecar has one row per transcript, keyed by the column ``file`` (the
transcript's file name, matched without its folder)::

    file,respondent_type,area,wave,interview_date,interviewer
    provider_a_operational.docx,Provider A operational staff,Pilot area,1,2015-03-12,SJ

Column names are normalised (``"Respondent type"`` -> ``respondent_type``);
empty cells are left out. A missing ``file`` column, a repeated file name or an
unreadable file is an InputError naming the file and row.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from coding.errors import InputError, UnsupportedFormat
from coding.safe_archive import DOCUMENT_LIMITS, SafeArchive
from coding.transcripts.decode import decode_text


def _column(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", str(name or "").strip().lower()).strip("_")


def _cell(value) -> str:
    if value is None:
        return ""
    if hasattr(value, "date") and hasattr(value, "isoformat"):  # datetime from Excel
        value = value.date() if value.hour == value.minute == value.second == 0 else value
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _rows(path: Path) -> list[list]:
    suffix = path.suffix.lower()
    if suffix == ".csv":
        text = decode_text(path.read_bytes(), path)
        return list(csv.reader(io.StringIO(text)))
    if suffix in (".xlsx", ".xlsm"):
        # A workbook is a zip package: sizes and compression ratio checked before openpyxl opens it.
        SafeArchive.open(path, InputError, DOCUMENT_LIMITS, unreadable="not a readable Excel workbook (.xlsx)").close()
        try:
            from openpyxl import load_workbook

            sheet = load_workbook(path, read_only=True, data_only=True).worksheets[0]
            return [list(row) for row in sheet.iter_rows(values_only=True)]
        except Exception as exc:  # openpyxl raises zipfile/KeyError/InvalidFileException
            raise InputError("not a readable Excel workbook (.xlsx)", path) from exc
    raise UnsupportedFormat(f"{suffix or 'no extension'}: case attributes are read from .csv or .xlsx", path)


def read_case_attributes(path: str | Path) -> dict[str, dict[str, str]]:
    """file name -> {attribute: value} from a sidecar CSV/XLSX."""
    path = Path(path)
    if not path.is_file():
        raise InputError("file not found", path)
    rows = [r for r in _rows(path) if any(_cell(c) for c in r)]
    if not rows:
        raise InputError("the attributes file is empty", path)
    header = [_column(c) for c in rows[0]]
    if "file" not in header:
        raise InputError(f"no 'file' column (columns: {', '.join(h for h in header if h) or 'none'})", path, 1)
    file_col = header.index("file")
    out: dict[str, dict[str, str]] = {}
    for number, row in enumerate(rows[1:], start=2):
        cells = [_cell(c) for c in row] + [""] * (len(header) - len(row))
        key = Path(cells[file_col].replace("\\", "/")).name
        if not key:
            raise InputError("row has no file name", path, number)
        if key in out:
            raise InputError(f"{key!r} is listed twice", path, number)
        out[key] = {h: v for h, v in zip(header, cells, strict=False) if h and h != "file" and v}
    return out


def parse_attr_args(args: list[str] | None) -> dict[str, str]:
    """``["respondent_type=prisoner", "area=Pilot area"]`` -> dict."""
    out: dict[str, str] = {}
    for arg in args or []:
        key, sep, value = arg.partition("=")
        if not sep or not _column(key):
            raise InputError(f"--attr expects key=value, got {arg!r}")
        out[_column(key)] = value.strip()
    return out
