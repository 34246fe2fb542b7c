"""Text that is safe to put in a spreadsheet, a Word file or XML.

Three hazards, one module:

* characters XML cannot hold (most C0 controls) make openpyxl, python-docx and lxml
  refuse the whole file, so they are dropped;
* a cell that starts with ``= + - @`` (or a tab / carriage return) is run as a formula
  by Excel or LibreOffice when a CSV is opened ("CSV injection"), so data exports
  prefix it with an apostrophe;
* Excel limits a cell to 32,767 characters and a sheet name to 31 characters
  without ``[]:*?/\\``.
"""

from __future__ import annotations

import re

# Everything XML 1.0 forbids: C0 controls except tab/newline/CR, surrogates, U+FFFE/U+FFFF.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
EXCEL_CELL_LIMIT = 32_767
SHEET_TITLE_LIMIT = 31
_SHEET_ILLEGAL = re.compile(r"[\[\]:*?/\\]")


def clean_text(text: str) -> str:
    """Drop the characters XML (and so xlsx/docx) cannot store.

    >>> clean_text("a\\x00b\\x0cc\\n")
    'abc\\n'
    """
    return _XML_ILLEGAL.sub("", text)


def guard_formula(value):
    """Prefix a string that a spreadsheet would run as a formula with an apostrophe.

    Non-strings (numbers, None) pass through: they cannot carry a formula.

    >>> [guard_formula(v) for v in ("=1+1", "-5 cases", "@SUM(A1)", "fine", 3)]
    ["'=1+1", "'-5 cases", "'@SUM(A1)", 'fine', 3]
    """
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def fit_cell(text: str, note: str = " … [cut: too long for one Excel cell]") -> str:
    """Cut text to Excel's cell limit, saying so at the end."""
    if len(text) <= EXCEL_CELL_LIMIT:
        return text
    return text[: EXCEL_CELL_LIMIT - len(note)] + note


def _cut(text: str, limit: int) -> str:
    """Cut at a word boundary when one is near, so tabs read "Referral, attachment and"."""
    if len(text) <= limit:
        return text
    cut = text[:limit]
    space = cut.rfind(" ")
    if text[limit] != " " and space >= limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;.-'")


def sheet_title(name: str, taken: set[str]) -> str:
    """A legal, unique (case-insensitively) worksheet name; adds it to ``taken``.

    >>> taken = {"overview"}
    >>> sheet_title("Referral: attachment / handover at the prison gate", taken)
    'Referral attachment handover at'
    >>> sheet_title("Overview", taken)
    'Overview (2)'
    """
    base = " ".join(_SHEET_ILLEGAL.sub(" ", clean_text(name)).split()).strip("'") or "Sheet"
    candidate = _cut(base, SHEET_TITLE_LIMIT)
    number = 2
    while candidate.lower() in taken:
        suffix = f" ({number})"
        candidate = _cut(base, SHEET_TITLE_LIMIT - len(suffix)) + suffix
        number += 1
    taken.add(candidate.lower())
    return candidate
