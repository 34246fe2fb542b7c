"""Parse and validate REFI-QDA XML against the schemas shipped in ``schemas/``.

``validate_codebook(path)`` checks a ``.qdc``; ``validate_project(path)`` checks a
``project.qde`` or the one inside a ``.qdpx``. Both raise a domain error naming the
file and the line of the first problem (InvalidTopicGuide for codebooks, InputError
for projects) and return None when the file is valid.

Those two are strict: they check our own exports. The readers use
``parse_tolerant``, which reads past the known harmless deviations of real tools
(``tolerate``) and returns a warning for each.

Parsing never resolves entities or touches the network, so a hostile file cannot
read local files or call out (XXE).
"""

from __future__ import annotations

import functools
import zipfile
from pathlib import Path
from typing import IO

from lxml import etree

from coding.errors import InputError, InvalidTopicGuide
from coding.refi_qda.tolerate import colon_spelling, repair, respell_namespace, strip_leading_junk, unkept_sets
from coding.safe_archive import SafeArchive

SCHEMA_DIR = Path(__file__).parent / "schemas"
CODEBOOK_NS = "urn:QDA-XML:codebook:1.0"
PROJECT_NS = "urn:QDA-XML:project:1.0"
MAX_CODEBOOK_BYTES = 20 * 1024 * 1024
MAX_QDE_BYTES = 128 * 1024 * 1024  # parsed whole by lxml (several times its size in memory)


@functools.cache
def schema(name: str) -> etree.XMLSchema:
    """The shipped schema ``Codebook.xsd`` or ``Project.xsd``, loaded once."""
    return etree.XMLSchema(etree.parse(str(SCHEMA_DIR / name)))


def _parser(huge: bool = False) -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=huge)


def display_name(source) -> str:
    """What messages call a path or file object."""
    if hasattr(source, "read"):
        return str(getattr(source, "name", "") or "uploaded file")
    return str(source)


def read_source(source: str | Path | IO[bytes], limit: int, error: type[InputError]) -> tuple[bytes, str]:
    """The bytes of a path or binary file, and a name for messages."""
    if hasattr(source, "read"):
        name = display_name(source)
        data = source.read(limit + 1)
    else:
        name = str(source)
        try:
            with open(source, "rb") as handle:
                data = handle.read(limit + 1)
        except OSError as exc:
            raise error(f"cannot open the file ({exc.strerror})", name) from None
    if len(data) > limit:
        raise error(f"the file is over {limit // (1024 * 1024)} MB", name)
    if not data.strip():
        raise error("the file is empty", name)
    return data, name


def _parse(
    data: bytes, name: str, namespace: str, root: str, error: type[InputError], tolerant: bool = False
) -> etree._ElementTree:
    """Parse ``data`` and check its root element and namespace (no schema yet)."""
    try:
        tree = etree.fromstring(data, _parser()).getroottree()  # no huge_tree: libxml2's bounds hold
    except etree.XMLSyntaxError as exc:
        raise error(f"not well-formed XML ({exc.msg})", name, exc.lineno) from None
    if tree.docinfo.internalDTD is not None or tree.docinfo.doctype:
        # REFI-QDA files never need a DOCTYPE; one with entities is an XXE attempt.
        raise error("the file declares a DOCTYPE, which REFI-QDA files do not use", name, 1)
    element = tree.getroot()
    qname = etree.QName(element)
    if qname.localname != root:
        raise error(
            f"the root element is <{qname.localname}>; a REFI-QDA file of this kind starts with <{root}>",
            name,
            element.sourceline,
        )
    if qname.namespace != namespace and not (tolerant and qname.namespace == colon_spelling(namespace)):
        raise error(
            f"<{root}> is in namespace {qname.namespace or '(none)'!r}; REFI-QDA 1.0 uses {namespace!r}",
            name,
            element.sourceline,
        )
    return tree


def _schema_error(tree: etree._ElementTree, name: str, schema_file: str, error: type[InputError]) -> InputError | None:
    checker = schema(schema_file)
    if checker.validate(tree):
        return None
    problems = checker.error_log.filter_from_errors()
    more = len(problems) - 1
    extra = f" (and {more} more problem{'s' if more != 1 else ''})" if more else ""
    return error(
        f"not valid against the REFI-QDA schema {schema_file}: {problems[0].message}{extra}", name, problems[0].line
    )


def parse_checked(
    data: bytes, name: str, namespace: str, root: str, schema_file: str, error: type[InputError]
) -> etree._Element:
    """Parse ``data``, check its root element and namespace, validate it strictly; return the root."""
    tree = _parse(data, name, namespace, root, error)
    problem = _schema_error(tree, name, schema_file, error)
    if problem is not None:
        raise problem
    return tree.getroot()


def parse_tolerant(
    data: bytes, name: str, namespace: str, root: str, schema_file: str, error: type[InputError]
) -> tuple[etree._Element, list[str]]:
    """Like ``parse_checked``, but a file that fails the schema only through the known harmless
    deviations of real tools (``tolerate``) is repaired and returned with one warning per kind.
    Anything else raises the schema's message, pointing at the first real problem."""
    data, warnings = strip_leading_junk(data)
    tree = _parse(data, name, namespace, root, error, tolerant=True)
    warnings += respell_namespace(tree.getroot(), namespace)
    if _schema_error(tree, name, schema_file, error) is not None:
        warnings += repair(tree.getroot(), namespace, schema_file, name)
        problem = _schema_error(tree, name, schema_file, error)
        if problem is not None:
            raise problem
    return tree.getroot(), warnings + unkept_sets(tree.getroot(), namespace)


def validate_codebook(path: str | Path | IO[bytes]) -> None:
    """Raise InvalidTopicGuide unless ``path`` is a schema-valid REFI-QDA codebook (.qdc)."""
    data, name = read_source(path, MAX_CODEBOOK_BYTES, InvalidTopicGuide)
    parse_checked(data, name, CODEBOOK_NS, "CodeBook", "Codebook.xsd", InvalidTopicGuide)


def qde_member(archive: zipfile.ZipFile | SafeArchive, name: str) -> tuple[str, str]:
    """The ``project.qde`` member of an open .qdpx (any case; else the one .qde at its root),
    and the folder the archive's files sit in: "" as the standard has it, or "Study/" for an
    archive made by zipping a folder (which other members must all be in, too)."""
    names = [m for m in archive.namelist() if not m.endswith("/")]
    members = {m.lower(): m for m in names}
    member = members.get("project.qde")
    if member is None:
        roots = [m for m in names if m.lower().endswith(".qde") and "/" not in m]
        if len(roots) == 1:
            member = roots[0]
    if member is None:
        nested = [m for m in names if m.lower().endswith("/project.qde") and m.count("/") == 1]
        folder = nested[0].split("/")[0] + "/" if len(nested) == 1 else ""
        if not folder or not all(m.startswith(folder) for m in names):
            raise InputError("the archive has no project.qde at its root (is it a REFI-QDA .qdpx?)", name)
        return nested[0], folder
    return member, ""


def qde_bytes(archive: zipfile.ZipFile | SafeArchive, name: str) -> bytes:
    """The bytes of the archive's ``project.qde`` (see ``qde_member``)."""
    member, _ = qde_member(archive, name)
    if archive.getinfo(member).file_size > MAX_QDE_BYTES:
        raise InputError(f"{member} is over {MAX_QDE_BYTES // (1024 * 1024)} MB", name)
    return archive.read(member)


def validate_project(path: str | Path | IO[bytes]) -> None:
    """Raise InputError unless ``path`` (a .qdpx, or a bare project.qde) is schema-valid."""
    name = display_name(path)
    if zipfile.is_zipfile(path):
        with SafeArchive.open(path, InputError, name=name) as archive:
            data = qde_bytes(archive, name)
    else:
        data, name = read_source(path, MAX_QDE_BYTES, InputError)
    parse_checked(data, name, PROJECT_NS, "Project", "Project.xsd", InputError)
