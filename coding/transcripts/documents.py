"""Word, OpenDocument and PDF transcripts -> SourceLines for the line parser.

.docx (python-docx): paragraphs and tables in body order. A paragraph that opens
with bold text ending in a colon (or bold role word) carries that bold text as a
marked speaker label, the way transcription services format turns. Soft line
breaks split a paragraph into lines. A table row becomes one line: two cells
``Speaker | words`` read as ``Speaker: words``, three cells ``time | Speaker |
words`` as ``[time] Speaker: words``, anything else as cells joined by `` | ``.
.odt (odfpy) and .pdf (pypdf) are read as plain paragraphs/lines: cheap, no bold.
Word and OpenDocument packages pass ``coding.safe_archive.check_package`` first, so
a zip bomb is refused before python-docx or odfpy decompress anything.
"""

from __future__ import annotations

import io
import re

from coding.errors import InvalidTranscript
from coding.safe_archive import check_package
from coding.transcripts.lines import TS, SourceLine, plausible_label
from coding.transcripts.speakers import role_of_label

_TABLE_HEADINGS = {"speaker", "name", "text", "time", "timestamp", "transcript", "words", "who", "what was said"}


def _row_line(cells: list[str]) -> str:
    cells = [re.sub(r"\s+", " ", c).strip() for c in cells]
    cells = [c for i, c in enumerate(cells) if c and (i == 0 or c != cells[i - 1])]
    if not cells or all(c.lower() in _TABLE_HEADINGS for c in cells):
        return ""
    if len(cells) == 3 and re.fullmatch(rf"[\[(]?{TS}[\])]?", cells[0]):
        return f"[{cells[0].strip('[]()')}] {cells[1].rstrip(':')}: {cells[2]}"
    if len(cells) == 2 and len(cells[0]) <= 40 and ":" not in cells[0][:-1]:
        return f"{cells[0].rstrip(':')}: {cells[1]}"
    return " | ".join(cells)


def _bold_label(paragraph) -> tuple[str | None, str]:
    """(bold speaker label or None, the rest of the paragraph's text)."""
    bold_text = ""
    runs = list(paragraph.runs)
    index = 0
    for index, run in enumerate(runs):  # noqa: B007  (index is read after the loop)
        if not run.text.strip() and not bold_text:
            continue
        if run.bold or run.font.bold:
            bold_text += run.text
            continue
        break
    else:
        index = len(runs)
    label = bold_text.strip()
    rest = "".join(r.text for r in runs[index:])
    if not label:
        return None, paragraph.text
    has_colon = label.endswith(":") or rest.lstrip().startswith(":")
    name = label.rstrip(":").strip()
    # A bold first word of an answer is emphasis; a bold label ends in a colon or is a role word.
    if plausible_label(name) and (has_colon or role_of_label(name)):
        return name, rest.lstrip().removeprefix(":").strip()
    return None, paragraph.text


def docx_lines(raw: bytes, path=None) -> list[SourceLine]:
    check_package(raw, path, InvalidTranscript, "not a readable Word document (.docx)")
    try:
        import docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph

        document = docx.Document(io.BytesIO(raw))
    except Exception as exc:  # python-docx raises zipfile/KeyError/ValueError for a bad package
        raise InvalidTranscript("not a readable Word document (.docx)", path) from exc
    lines: list[SourceLine] = []
    number = 0
    for element in document.element.body.iterchildren():
        tag = element.tag.rsplit("}", 1)[-1]
        if tag == "p":
            number += 1
            paragraph = Paragraph(element, document)
            label, rest = _bold_label(paragraph)
            parts = rest.split("\n")
            lines.append(SourceLine(number, parts[0], label))
            lines.extend(SourceLine(number, part) for part in parts[1:])
        elif tag == "tbl":
            for row in Table(element, document).rows:
                number += 1
                text = _row_line([cell.text for cell in row.cells])
                if text:
                    lines.append(SourceLine(number, text))
    return lines


def odt_lines(raw: bytes, path=None) -> list[SourceLine]:
    check_package(raw, path, InvalidTranscript, "not a readable OpenDocument text (.odt)")
    try:
        from odf import teletype
        from odf.namespaces import TABLENS, TEXTNS
        from odf.opendocument import load

        document = load(io.BytesIO(raw))
    except Exception as exc:  # odfpy raises zipfile/KeyError/xml errors for a bad package
        raise InvalidTranscript("not a readable OpenDocument text (.odt)", path) from exc
    lines: list[SourceLine] = []

    def walk(node) -> None:
        for child in node.childNodes:
            qname = getattr(child, "qname", None)
            if qname in ((TEXTNS, "p"), (TEXTNS, "h")):
                for part in teletype.extractText(child).split("\n"):
                    lines.append(SourceLine(len(lines) + 1, part))
            elif qname == (TABLENS, "table-row"):
                cells = [
                    teletype.extractText(c)
                    for c in child.childNodes
                    if getattr(c, "qname", None) == (TABLENS, "table-cell")
                ]
                if text := _row_line(cells):
                    lines.append(SourceLine(len(lines) + 1, text))
            elif getattr(child, "childNodes", None):
                walk(child)

    walk(document.text)
    return lines


def pdf_lines(raw: bytes, path=None) -> list[SourceLine]:
    try:
        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(raw))
        pages = [page.extract_text() or "" for page in reader.pages]
    except Exception as exc:  # pypdf raises its own PdfReadError and assorted parse errors
        raise InvalidTranscript("not a readable PDF", path) from exc
    lines: list[SourceLine] = []
    for page in pages:
        for line in page.split("\n"):
            if re.fullmatch(r"\s*(page\s*)?\d+(\s*(of|/)\s*\d+)?\s*", line, re.I):
                continue  # page numbers
            lines.append(SourceLine(len(lines) + 1, line))
        lines.append(SourceLine(len(lines) + 1, ""))
    return lines
