"""The re-identification gate: read a finished export back and find every identifier still in it.

An export is checked as the file it is, not as the values it was written from: a
docx is read paragraph by paragraph and cell by cell, an xlsx sheet by sheet and
cell by cell, a CSV row by row, and a REFI-QDA archive (.qdpx) member by member
(the project XML's text and attributes, each source's text). Every piece is
searched for every value on the project's lists and every identifier found in the
project (``find_values``), and for the patterns (phone, NI number, e-mail,
postcode: ``pattern_detector``) that need no list. A hit names where it is: "sheet
Prisoner, row 4, column C", "paragraph 12", "CSV row 7, column text", "archive
member sources/….txt, line 3".

>>> import csv, tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "codes.csv"
>>> _ = path.write_text("case,text\\nPrisoner 01,Ring me on 07700 900461\\nPrisoner 02,[Prison A] was fine\\n")
>>> [(h.kind, h.value, h.location) for h in scan_export(path, [("prison or establishment", "HMP Leeds")])]
[('phone number', '07700 900461', 'CSV row 2, column text')]
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from coding.anonymise import kinds
from coding.anonymise.values import find_values, resolve

# Attributes of REFI-QDA elements that hold ids, paths and times, never words.
_MACHINE_ATTRIBUTES = re.compile(r"(?i)(guid|path|datetime|color|position|type|origin|xmlns|schemalocation)$")
EXCERPT = 30


@dataclass(frozen=True)
class GateHit:
    """One identifier found in a finished export: its kind, the words, where, and the words around it."""

    kind: str
    value: str
    location: str
    context: str = ""


def _docx_pieces(path: Path) -> Iterator[tuple[str, str]]:
    from docx import Document

    doc = Document(str(path))
    yield "document title", doc.core_properties.title or ""
    for i, para in enumerate(doc.paragraphs, start=1):
        yield f"paragraph {i}", para.text
    for t, table in enumerate(doc.tables, start=1):
        for r, row in enumerate(table.rows, start=1):
            for c, cell in enumerate(row.cells, start=1):
                yield f"table {t}, row {r}, cell {c}", cell.text
    for s, section in enumerate(doc.sections, start=1):
        for part, name in ((section.header, "header"), (section.footer, "footer")):
            for para in part.paragraphs:
                yield f"section {s} {name}", para.text


def _xlsx_pieces(path: Path) -> Iterator[tuple[str, str]]:
    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter

    book = load_workbook(str(path), read_only=True, data_only=True)
    try:
        yield "workbook title", book.properties.title or ""
        for sheet in book.worksheets:
            yield f"sheet name {sheet.title!r}", sheet.title
            for r, row in enumerate(sheet.iter_rows(values_only=True), start=1):
                for c, value in enumerate(row, start=1):
                    if value is not None:
                        yield f"sheet {sheet.title!r}, row {r}, column {get_column_letter(c)}", str(value)
    finally:
        book.close()


def _csv_pieces(data: str, where: str = "CSV") -> Iterator[tuple[str, str]]:
    reader = csv.reader(io.StringIO(data))
    header: list[str] = []
    for r, row in enumerate(reader, start=1):
        if r == 1:
            header = row
        for c, value in enumerate(row):
            column = header[c] if c < len(header) else str(c + 1)
            yield f"{where} row {r}, column {column}", value


def _xml_pieces(data: bytes, where: str) -> Iterator[tuple[str, str]]:
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
    root = etree.fromstring(data, parser)
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        tag = etree.QName(element).localname
        label = element.get("name") or ""
        place = f"{where}, <{tag}{' ' + label[:40] if label else ''}>"
        for key, value in element.attrib.items():
            if not _MACHINE_ATTRIBUTES.search(etree.QName(key).localname):
                yield f"{place} attribute {etree.QName(key).localname}", value
        if element.text and element.text.strip():
            yield place, element.text
        if element.tail and element.tail.strip():
            yield place, element.tail


def _archive_pieces(path: Path) -> Iterator[tuple[str, str]]:
    with zipfile.ZipFile(path) as archive:
        for member in archive.namelist():
            yield f"archive member name {member!r}", member
            data = archive.read(member)
            where = f"archive member {member}"
            if member.lower().endswith((".qde", ".xml", ".qdc")):
                yield from _xml_pieces(data, where)
            elif member.lower().endswith((".txt", ".json", ".csv", ".md")):
                for n, line in enumerate(data.decode("utf-8", errors="replace").splitlines(), start=1):
                    yield f"{where}, line {n}", line


def export_pieces(path: str | Path) -> Iterator[tuple[str, str]]:
    """(location, text) of everything a reader of the file could see, by the file's suffix."""
    path = Path(path)
    suffix = path.suffix.lower()
    yield "file name", path.stem
    if suffix == ".docx":
        yield from _docx_pieces(path)
    elif suffix == ".xlsx":
        yield from _xlsx_pieces(path)
    elif suffix == ".csv":
        yield from _csv_pieces(path.read_text(encoding="utf-8-sig"))
    elif suffix in (".qdpx", ".zip"):
        yield from _archive_pieces(path)
    elif suffix in (".qdc", ".qde", ".xml"):
        yield from _xml_pieces(path.read_bytes(), path.name)
    else:
        for n, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), start=1):
            yield f"line {n}", line


_PATTERN_KINDS_IN_EXPORTS = (kinds.PHONE, kinds.EMAIL, kinds.NI_NUMBER, kinds.POSTCODE)


def scan_pieces(pieces: Iterable[tuple[str, str]], listed: Iterable[tuple[str, str]], detector=None) -> list[GateHit]:
    """Every listed value and pattern identifier in the pieces, one hit per place."""
    if detector is None:
        from coding.anonymise.detect import shared_pattern_detector

        detector = shared_pattern_detector()
    listed = list(listed)
    hits: list[GateHit] = []
    for location, text in pieces:
        if not text or not text.strip():
            continue
        found = find_values(text, listed)
        found += [f for f in detector.find(text) if f.kind in _PATTERN_KINDS_IN_EXPORTS]
        for f in resolve(found):
            context = text[max(0, f.start - EXCERPT) : f.end + EXCERPT].replace("\n", " ")
            hits.append(GateHit(f.kind, f.text, location, context))
    return hits


def scan_export(path: str | Path, listed: Iterable[tuple[str, str]], detector=None) -> list[GateHit]:
    """Every identifier left in a finished export: values on the project's lists, and pattern identifiers."""
    return scan_pieces(export_pieces(path), listed, detector)


def describe(hits: list[GateHit], limit: int = 10) -> str:
    """The message a blocked export shows: what was found and where, the first ``limit`` hits."""
    lines = [f"- {h.kind} {h.value!r} at {h.location} (…{h.context}…)" for h in hits[:limit]]
    more = f"\n…and {len(hits) - limit} more." if len(hits) > limit else ""
    return f"The export still holds {len(hits)} identifier(s):\n" + "\n".join(lines) + more
