"""Read a transcript file of any supported format into a Transcript.

    read_transcript("interviews/Jane Smith – wave 1.docx")

Dispatches by suffix: .docx, .txt, .md, .vtt, .srt, .odt, .pdf; anything else is
UnsupportedFormat. Bad files are InvalidTranscript naming the file (and line
where there is one): missing, empty, over 100 MB, binary junk under a text
extension, a broken Word/ODF/PDF package. A file without speaker labels is not
an error: each paragraph becomes a respondent turn and the Transcript carries a
warning. ``source_hash`` is the SHA-256 of the raw bytes, for duplicate checks.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

from coding.errors import InvalidTranscript, UnsupportedFormat
from coding.model import Transcript
from coding.transcripts.build import build_transcript
from coding.transcripts.cues import parse_cues
from coding.transcripts.decode import decode_text
from coding.transcripts.documents import docx_lines, odt_lines, pdf_lines
from coding.transcripts.lines import ParsedLines, SourceLine, parse_lines

MAX_BYTES = 100 * 1024 * 1024
_HINTS = {
    "doc": "save it as .docx in Word first",
    "rtf": "save it as .docx or .txt first",
    "pages": "export it as .docx first",
    "wav": "transcribe the recording first",
    "mp3": "transcribe the recording first",
    "m4a": "transcribe the recording first",
}


def _text_lines(text: str) -> list[SourceLine]:
    return [SourceLine(number, line) for number, line in enumerate(text.split("\n"), start=1)]


def _typed(raw: bytes, path: Path) -> ParsedLines:
    return parse_lines(_text_lines(decode_text(raw, path)))


def _docx(raw: bytes, path: Path) -> ParsedLines:
    return parse_lines(docx_lines(raw, path), lines_are_paragraphs=True)


def _odt(raw: bytes, path: Path) -> ParsedLines:
    return parse_lines(odt_lines(raw, path), lines_are_paragraphs=True)


def _pdf(raw: bytes, path: Path) -> ParsedLines:
    return parse_lines(pdf_lines(raw, path))


def _vtt(raw: bytes, path: Path) -> ParsedLines:
    return parse_cues(decode_text(raw, path), "vtt", path)


def _srt(raw: bytes, path: Path) -> ParsedLines:
    return parse_cues(decode_text(raw, path), "srt", path)


READERS: dict[str, Callable[[bytes, Path], ParsedLines]] = {
    "docx": _docx,
    "txt": _typed,
    "md": _typed,
    "vtt": _vtt,
    "srt": _srt,
    "odt": _odt,
    "pdf": _pdf,
}
CUE_FORMATS = {"vtt", "srt"}


def supported_suffixes() -> list[str]:
    return [f".{fmt}" for fmt in READERS]


def read_transcript(path: str | Path, name: str | None = None) -> Transcript:
    """Import one transcript file; ``name`` defaults to the file name."""
    path = Path(path)
    fmt = path.suffix.lower().lstrip(".")
    if fmt not in READERS:
        hint = f" ({_HINTS[fmt]})" if fmt in _HINTS else ""
        shown = f".{fmt}" if fmt else "a file without an extension"
        raise UnsupportedFormat(
            f"{shown} is not a transcript format the workbench reads{hint}; use one of {', '.join(supported_suffixes())}",
            path,
        )
    if not path.is_file():
        raise InvalidTranscript("file not found", path)
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise InvalidTranscript(f"the file is too large ({size / 1024 / 1024:.0f} MB; the limit is 100 MB)", path)
    raw = path.read_bytes()
    if not raw.strip():
        raise InvalidTranscript("the file is empty", path)
    parsed = READERS[fmt](raw, path)
    if not parsed.turns:
        raise InvalidTranscript("the file is empty: no text found", path)
    return build_transcript(
        name=name or path.name,
        fmt=fmt,
        raw_turns=parsed.turns,
        source_hash=hashlib.sha256(raw).hexdigest(),
        attributes=parsed.attributes,
        warnings=parsed.warnings,
        merge_with=" " if fmt in CUE_FORMATS else "\n",
    )
