"""Raw bytes of a text transcript -> str, with the encodings Windows and meeting tools produce.

Explicit rules first, because they are predictable and keep punctuation intact:

1. a BOM decides (UTF-8, UTF-16 LE/BE);
2. UTF-16 without a BOM is recognised by its NUL bytes on alternate positions;
3. any other NUL byte means binary content under a text extension;
4. strict UTF-8, then strict cp1252 (curly quotes and dashes from Word);
5. charset-normalizer only as a last resort.

Line endings become ``\\n``. Text that still has many control characters is junk.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from coding.errors import InvalidTranscript

_ALLOWED_CONTROLS = {"\n", "\r", "\t", "\f", "\v"}


def _looks_utf16(raw: bytes) -> str | None:
    sample = raw[:4000]
    if len(sample) < 4:
        return None
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    half = len(sample) / 2
    if odd_nuls > 0.4 * half and even_nuls < 0.05 * half:
        return "utf-16-le"
    if even_nuls > 0.4 * half and odd_nuls < 0.05 * half:
        return "utf-16-be"
    return None


def decode_text(raw: bytes, path: str | Path | None = None) -> str:
    """Decode a text transcript's bytes; InvalidTranscript for binary junk."""
    if raw.startswith(codecs.BOM_UTF8):
        text = _strict(raw[len(codecs.BOM_UTF8) :], "utf-8", path)
    elif raw.startswith(codecs.BOM_UTF16_LE) or raw.startswith(codecs.BOM_UTF16_BE):
        text = _strict(raw, "utf-16", path)
    elif encoding := _looks_utf16(raw):
        text = _strict(raw, encoding, path)
    elif b"\x00" in raw:
        raise InvalidTranscript("this looks like a binary file, not a text transcript", path)
    else:
        text = _first_that_decodes(raw, path)
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    _reject_junk(text, path)
    return text


def _strict(raw: bytes, encoding: str, path) -> str:
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InvalidTranscript(
            f"the file is not valid {encoding} text ({exc.reason} at byte {exc.start})", path
        ) from exc


def _first_that_decodes(raw: bytes, path) -> str:
    for encoding in ("utf-8", "cp1252"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    from charset_normalizer import from_bytes

    best = from_bytes(raw).best()
    if best is None:
        raise InvalidTranscript("this looks like a binary file, not a text transcript", path)
    return str(best)


def _reject_junk(text: str, path) -> None:
    sample = text[:20000]
    if not sample:
        return
    bad = sum(1 for ch in sample if (ord(ch) < 32 and ch not in _ALLOWED_CONTROLS) or ch == "\ufffd")
    if bad > max(2, 0.01 * len(sample)):
        raise InvalidTranscript("this looks like a binary file, not a text transcript", path)
