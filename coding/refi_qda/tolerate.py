"""Known harmless deviations of real tools' REFI-QDA files, repaired with a warning each.

Liberal in what we accept: a file that fails the schema only because of something
below is read, and each deviation becomes one warning naming it (shown by the CLI and
the UI). Anything else still fails the schema and is refused with its message.

=========================================  ================================================
deviation (who writes it)                  what the reader does
=========================================  ================================================
an empty ``<Sets/>`` (Taguette 1.5.2 in    drops it (also empty Users, Variables, Cases,
every codebook), ``<Notes/>``, …           Sources, Notes, Links, Graphs, and a project's
                                           CodeBook whose Codes is empty)
a missing ``isCodable`` / ``typeOfVariable``  reads ``true`` / ``Text``
/ project ``name``                         (/ the file's name)
``isCodable="True"``, ``typeOfVariable=    reads them in the schema's spelling
"text"``
a colour as ``FF0000``, ``#FFFF0000``      reads ``#FF0000`` (eight hex digits are
(ARGB), ``rgb(255,0,0)`` or a number       .NET's ARGB); an unreadable one is dropped
vendor elements or attributes              drops them (``xsi:`` attributes are allowed
(another namespace, or attributes the      by the schema and kept)
schema does not know)
a creation or modification time written    reads it as ``2024-06-03T09:30:00``; an
``2024-06-03 09:30:00``                    unreadable one (optional) is dropped
a byte-order mark or blank lines before    reads from the first ``<``
``<?xml``
the namespace written ``urn:QDA-XML:      reads it as ``…:1.0`` (the same version; the
codebook:1:0`` (NVivo 12 for Mac)          draft ``…:0:4`` is still refused)
=========================================  ================================================

``Sources/`` instead of ``sources/`` inside a ``.qdpx``, and an archive made by zipping
a folder (``Study/project.qde``), are noted by the project reader, which opens them. A valid file can still earn a note: its sets (code and document
groups) are not kept, and ``unkept_sets`` says so.

>>> from lxml import etree
>>> root = etree.fromstring(b'<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes/><Sets/></CodeBook>')
>>> repair(root, "urn:QDA-XML:codebook:1.0", "Codebook.xsd", "x.qdc")
['line 1: an empty <Sets> (the schema wants at least one <Set>): ignored']
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from pathlib import Path

from lxml import etree

SCHEMA_DIR = Path(__file__).parent / "schemas"
XSD = "http://www.w3.org/2001/XMLSchema"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
BOM = b"\xef\xbb\xbf"

# Containers whose schema type wants at least one child; empty ones carry nothing.
_CONTAINERS = {
    "Users": "User",
    "Variables": "Variable",
    "Cases": "Case",
    "Sources": "a source",
    "Notes": "Note",
    "Links": "Link",
    "Sets": "Set",
    "Graphs": "Graph",
}
_VARIABLE_TYPES = ("Text", "Boolean", "Integer", "Float", "Date", "DateTime")
_HEX = re.compile(r"^#?([0-9A-Fa-f]{3}|[0-9A-Fa-f]{6}|[0-9A-Fa-f]{8})$")
_RGB_FUNCTION = re.compile(r"^rgba?\(\s*(\d{1,3})\s*,\s*(\d{1,3})\s*,\s*(\d{1,3})\s*(?:,\s*[\d.]+\s*)?\)$", re.I)
_VALID_RGB = re.compile(r"^#([A-Fa-f0-9]{6}|[A-Fa-f0-9]{3})$")
_XSD_DATETIME = re.compile(r"^-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$")
_TIMES = ("creationDateTime", "modifiedDateTime")


@functools.cache
def allowed_attributes(schema_file: str) -> dict[str, frozenset[str]]:
    """Element name -> the attributes its schema type declares, read from the shipped schema."""
    xsd = etree.parse(str(SCHEMA_DIR / schema_file))
    ns = {"x": XSD}
    types = {t.get("name"): t for t in xsd.iterfind(".//x:complexType", ns)}
    allowed: dict[str, set[str]] = {}
    for element in xsd.iterfind(".//x:element", ns):
        if not element.get("name"):
            continue
        declared = types.get(element.get("type") or "")
        names = {a.get("name") for a in declared.iterfind(".//x:attribute", ns)} if declared is not None else set()
        allowed.setdefault(element.get("name"), set()).update(names)  # a simple type: no attributes
    return {name: frozenset(attrs) for name, attrs in allowed.items()}


def strip_leading_junk(data: bytes) -> tuple[bytes, list[str]]:
    """Bytes from the first ``<``, when only a BOM and blank space come before it."""
    warnings = []
    body = data
    if body.startswith(BOM):
        body = body[len(BOM) :]
        warnings.append("the file starts with a byte-order mark: ignored")
    stripped = body.lstrip(b" \t\r\n")
    if stripped != body and stripped.startswith(b"<?xml"):
        warnings.append("blank lines before the XML declaration: ignored")
        body = stripped
    elif not warnings:
        body = data  # UTF-16 files carry their BOM for the parser; leave them alone
    return body, warnings


def unkept_sets(root: etree._Element, namespace: str) -> list[str]:
    """A note that the file's sets (ATLAS.ti code groups, NVivo sets) are not kept: the
    workbench has no such groups. Their member codes, sources and notes all are."""
    names = [s.get("name", "") for s in root.iterfind(f"{{{namespace}}}Sets/{{{namespace}}}Set")]
    if not names:
        return []
    shown = ", ".join(repr(n) for n in names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
    sets = f"{len(names)} set{'s' if len(names) != 1 else ''} ({shown})"
    return [f"{sets} not kept: the workbench has no code or document groups (their members are kept)"]


def colon_spelling(namespace: str) -> str:
    """``urn:QDA-XML:codebook:1.0`` as some tools spell it: ``urn:QDA-XML:codebook:1:0``."""
    head, _, version = namespace.rpartition(":")
    return f"{head}:{version.replace('.', ':')}"


def respell_namespace(root: etree._Element, namespace: str) -> list[str]:
    """Elements in the colon spelling of ``namespace`` moved into it; one warning if any were."""
    colon = colon_spelling(namespace)
    moved = 0
    for element in root.iter():
        if isinstance(element.tag, str) and etree.QName(element).namespace == colon:
            element.tag = f"{{{namespace}}}{etree.QName(element).localname}"
            moved += 1
    return [f"the namespace is written {colon!r}: read as {namespace!r}"] if moved else []


def rgb_colour(value: str) -> str | None:
    """``#RRGGBB`` for the colour spellings tools use, or None when unreadable."""
    value = value.strip()
    hexed = _HEX.match(value)
    if hexed:
        digits = hexed.group(1)
        return "#" + (digits[2:] if len(digits) == 8 else digits)  # 8 digits: .NET ARGB, alpha first
    function = _RGB_FUNCTION.match(value)
    if function and all(int(part) <= 255 for part in function.groups()):
        return "#" + "".join(f"{int(part):02X}" for part in function.groups())
    if value.isdigit() and int(value) <= 0xFFFFFFFF:
        return f"#{int(value) & 0xFFFFFF:06X}"
    return None


def _datetime(value: str) -> str | None:
    """An xs:dateTime for the spellings tools use ("2024-06-03 09:30:00"), or None."""
    from datetime import datetime

    try:
        return datetime.fromisoformat(value.strip().replace(" ", "T", 1)).isoformat()
    except ValueError:
        return None


class _Log:
    def __init__(self) -> None:
        self.first_line: dict[str, int | None] = {}
        self.count: Counter[str] = Counter()

    def add(self, what: str, element: etree._Element) -> None:
        self.count[what] += 1
        self.first_line.setdefault(what, element.sourceline)

    def lines(self) -> list[str]:
        out = []
        for what, n in self.count.items():
            line = self.first_line[what]
            where = f"line {line}: " if line is not None else ""
            times = f" ({n} times)" if n > 1 else ""
            out.append(f"{where}{what}{times}")
        return out


def repair(root: etree._Element, namespace: str, schema_file: str, file_name: str) -> list[str]:
    """Repair the known harmless deviations in place; return one warning per kind."""
    log = _Log()
    allowed = allowed_attributes(schema_file)
    for element in list(root.iter()):
        if not isinstance(element.tag, str):
            continue  # comments and processing instructions are allowed anywhere
        qname = etree.QName(element)
        if qname.namespace != namespace:
            if element.getparent() is not None:
                log.add(
                    f"a vendor element <{qname.localname}> in namespace {qname.namespace or '(none)'}: ignored", element
                )
                element.getparent().remove(element)
            continue
        known = allowed.get(qname.localname)
        for attribute in list(element.attrib):
            aname = etree.QName(attribute)
            if aname.namespace == XSI:
                continue
            if aname.namespace is not None or (known is not None and aname.localname not in known):
                log.add(f"a vendor attribute {aname.localname!r} on <{qname.localname}>: ignored", element)
                del element.attrib[attribute]
        _repair_values(element, qname.localname, log, file_name)
    _drop_empty(root, namespace, log)
    return log.lines()


def _repair_values(element: etree._Element, name: str, log: _Log, file_name: str) -> None:
    if name == "Code":
        codable = element.get("isCodable")
        if codable is None:
            element.set("isCodable", "true")
            log.add("a <Code> without isCodable: read as codable", element)
        elif codable not in ("true", "false", "1", "0") and codable.strip().lower() in ("true", "false"):
            element.set("isCodable", codable.strip().lower())
            log.add(f"isCodable written as {codable!r}: read as {codable.strip().lower()!r}", element)
    if name == "Variable":
        kind = element.get("typeOfVariable")
        spelled = next((t for t in _VARIABLE_TYPES if kind and t.lower() == kind.strip().lower()), None)
        if kind is None:
            element.set("typeOfVariable", "Text")
            log.add("a <Variable> without typeOfVariable: read as Text", element)
        elif spelled is None:
            element.set("typeOfVariable", "Text")
            log.add(f"typeOfVariable {kind!r} is not a REFI-QDA type: read as Text", element)
        elif spelled != kind:
            element.set("typeOfVariable", spelled)
            log.add(f"typeOfVariable written as {kind!r}: read as {spelled!r}", element)
    if name == "Project" and not element.get("name"):
        element.set("name", Path(file_name).stem or "Imported project")
        log.add("the <Project> has no name: named after the file", element)
    for attribute in _TIMES:
        value = element.get(attribute)
        if value is not None and not _XSD_DATETIME.match(value):
            fixed = _datetime(value)
            if fixed is None:
                del element.attrib[attribute]
                log.add(f"an unreadable {attribute} {value!r}: dropped", element)
            else:
                element.set(attribute, fixed)
                log.add(f"a {attribute} written as {value!r}: read as {fixed!r}", element)
    colour = element.get("color")
    if colour is not None and not _VALID_RGB.match(colour):
        fixed = rgb_colour(colour)
        if fixed is None:
            del element.attrib["color"]
            log.add(f"an unreadable colour {colour!r}: dropped", element)
        else:
            element.set("color", fixed)
            log.add(f"a colour written as {colour!r}: read as {fixed!r}", element)


def _drop_empty(root: etree._Element, namespace: str, log: _Log) -> None:
    def children(element):
        return [c for c in element if isinstance(c.tag, str)]

    for element in list(root):
        if not isinstance(element.tag, str):
            continue
        local = etree.QName(element).localname
        if local in _CONTAINERS and not children(element):
            log.add(f"an empty <{local}> (the schema wants at least one <{_CONTAINERS[local]}>): ignored", element)
            root.remove(element)
        elif local == "CodeBook" and etree.QName(root).localname == "Project":
            codes = element.find(f"{{{namespace}}}Codes")
            if codes is not None and not children(codes):
                log.add("an empty <CodeBook> (no <Code> in its <Codes>): ignored", element)
                root.remove(element)
