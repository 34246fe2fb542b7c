"""The one place the workbench opens zip-based files (.docx, .odt, .qdc inside a zip, .qdpx).

    with SafeArchive.open("upload.qdpx", error=InputError) as archive:
        qde = archive.read("project.qde")

Everyone on a team shares one server process, so a small hostile upload must not be
able to expand into gigabytes. Before anything is decompressed the archive's central
directory is checked against ``ArchiveLimits``: how many members, the sum of their
declared uncompressed sizes, and each large member's compression ratio (a zip bomb
compresses a thousandfold; Word XML about tenfold). Python's zipfile never yields more
than a member's declared size (and checks its CRC), so the declared sizes are a real
bound. ``read`` decompresses a member once and hands back the same bytes on later
calls, while every call, first or repeated, counts the member's size against
``max_referenced``: a project file whose thousand sources all point at one 64 MB
member is refused instead of becoming 64 GB of text downstream.

``xml_parser()`` is the bounded XML parser for anything read out of an upload: no
entities, no network, no DTD, and libxml2's default limits (no ``huge_tree``).
Errors are the caller's own domain error class (InvalidTranscript, InputError, ...)
naming the file, so the UI and CLI show one readable message.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from coding.errors import InputError

MB = 1024 * 1024


@dataclass(frozen=True)
class ArchiveLimits:
    max_members: int = 10_000
    max_total: int = 512 * MB  # sum of declared uncompressed sizes
    max_member: int = 256 * MB
    max_ratio: float = 100.0  # uncompressed / compressed, for members over ratio_floor
    ratio_floor: int = 1 * MB  # small members compress as they like (tiny XML parts reach 200x)
    max_referenced: int = 512 * MB  # bytes handed out by read(), repeats included


# A transcript of 100 MB of text is the import limit; its Word XML is a few times that.
DOCUMENT_LIMITS = ArchiveLimits(max_members=2_000, max_total=400 * MB, max_member=300 * MB, max_referenced=400 * MB)
# A 300-interview study's sources are about 20 MB of text; a quarter of a gigabyte is generous.
PROJECT_LIMITS = ArchiveLimits(max_referenced=256 * MB)


def _size(value: int) -> str:
    return f"{value / MB:,.0f} MB" if value >= MB else f"{value / 1024:,.0f} KB"


class SafeArchive:
    """A zip archive checked against limits on open; members read through ``read``."""

    def __init__(self, archive: zipfile.ZipFile, name: str, limits: ArchiveLimits, error: type[InputError]):
        self._archive, self.name, self.limits, self._error = archive, name, limits, error
        self._cache: dict[str, bytes] = {}
        self.referenced = 0
        self._check()

    @classmethod
    def open(
        cls,
        source: str | Path | bytes | IO[bytes],
        error: type[InputError] = InputError,
        limits: ArchiveLimits = PROJECT_LIMITS,
        name: str | None = None,
        unreadable: str = "not a readable zip package",
    ) -> SafeArchive:
        """Open a path, bytes or binary file; ``error`` if it is not a zip (``unreadable``) or breaks a limit."""
        shown = name or (
            str(source) if isinstance(source, (str, Path)) else str(getattr(source, "name", "") or "uploaded file")
        )
        try:
            archive = zipfile.ZipFile(io.BytesIO(source) if isinstance(source, (bytes, bytearray)) else source)
        except (zipfile.BadZipFile, OSError, ValueError) as exc:
            raise error(unreadable, shown) from exc
        try:
            return cls(archive, shown, limits, error)
        except BaseException:
            archive.close()
            raise

    def _check(self) -> None:
        infos = self._archive.infolist()
        limits = self.limits
        if len(infos) > limits.max_members:
            raise self._error(f"the archive holds {len(infos):,} files; the limit is {limits.max_members:,}", self.name)
        total = 0
        for info in infos:
            if info.file_size > limits.ratio_floor and info.file_size > limits.max_ratio * max(1, info.compress_size):
                ratio = info.file_size / max(1, info.compress_size)
                raise self._error(
                    f"{info.filename} is compressed {ratio:,.0f} to 1 ({_size(info.compress_size)} expanding to "
                    f"{_size(info.file_size)}), which only a zip bomb does; the file was not opened",
                    self.name,
                )
            if info.file_size > limits.max_member:
                raise self._error(
                    f"{info.filename} would expand to {_size(info.file_size)}; the limit is {_size(limits.max_member)}",
                    self.name,
                )
            total += info.file_size
        if total > limits.max_total:
            raise self._error(
                f"the archive would expand to {_size(total)}; the limit is {_size(limits.max_total)}", self.name
            )
        self.total = total

    def names(self) -> list[str]:
        return self._archive.namelist()

    namelist = names  # the zipfile.ZipFile spelling, so readers written for it take a SafeArchive

    def getinfo(self, member: str) -> zipfile.ZipInfo:
        return self._archive.getinfo(member)

    def size_of(self, member: str) -> int:
        return self._archive.getinfo(member).file_size

    def read(self, member: str) -> bytes:
        """The member's bytes, decompressed once; each call counts against ``max_referenced``."""
        size = self.size_of(member)
        if self.referenced + size > self.limits.max_referenced:
            raise self._error(
                f"the archive's contents are referred to more than {_size(self.limits.max_referenced)} over in total "
                f"(at {member}); a file that points at the same content again and again is refused",
                self.name,
            )
        self.referenced += size
        if member not in self._cache:
            try:
                self._cache[member] = self._archive.read(member)
            except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError) as exc:
                raise self._error(f"{member} cannot be read from the archive ({exc})", self.name) from None
        return self._cache[member]

    def close(self) -> None:
        self._cache.clear()
        self._archive.close()

    def __enter__(self) -> SafeArchive:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def check_package(
    raw: bytes,
    name: str | Path | None,
    error: type[InputError],
    unreadable: str,
    limits: ArchiveLimits = DOCUMENT_LIMITS,
) -> None:
    """Refuse a .docx/.odt package that would expand past ``limits`` before a parser opens it.

    python-docx and odfpy decompress every part themselves; this looks at the central
    directory first, so they only ever see a package whose sizes are bounded.
    """
    SafeArchive.open(raw, error, limits, str(name) if name is not None else None, unreadable).close()


def xml_parser():
    """The parser for XML out of an upload: libxml2's default bounds (no huge_tree: text nodes
    up to 10 MB, nesting up to 256 deep), no entities, no DTD, no network."""
    from lxml import etree

    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
