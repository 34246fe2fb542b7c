"""Load a topic guide or frame file into frames: the one entry point, by file suffix.

    .txt .md        text guides: the lettered house style (ERP guides), markdown or a
                    plain outline, and interview protocols (Peterborough SIB)
    .docx           Word guides (python-docx)
    .pdf            the PDF's text (pypdf), then the text readers
    .yaml .yml      a frame file (coding.frames.yaml_io)
    .qdc            a REFI-QDA codebook (coding.refi_qda.codebook)

One document with several guides gives several frames. Anything that is not a
guide raises InvalidTopicGuide / UnsupportedFormat naming the file; a guide read
only in part lists what was skipped in ``Frame.warnings``.
"""

from __future__ import annotations

from pathlib import Path

from coding.errors import InputError, InvalidTopicGuide, UnsupportedFormat
from coding.frames.blocks import build_frames
from coding.frames.docx_guide import docx_lines
from coding.frames.lettered import looks_lettered, read_lettered
from coding.frames.outline import read_outline, read_outline_lines
from coding.frames.yaml_io import check_file_size, read_frame_yaml
from coding.model import Frame

MAX_GUIDE_BYTES = 20 * 1024 * 1024
TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}
SUFFIXES = sorted(TEXT_SUFFIXES | {".docx", ".pdf", ".yaml", ".yml", ".qdc"})


def load_frames(path: str | Path) -> list[Frame]:
    """Every guide in the file at ``path`` as a Frame (kind "guide", or the file's own kind)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise UnsupportedFormat(
            f"cannot read {suffix or 'files without a suffix'} as a topic guide; use one of {', '.join(SUFFIXES)}", path
        )
    check_file_size(path, MAX_GUIDE_BYTES, "a topic guide")
    if suffix in (".yaml", ".yml"):
        return [read_frame_yaml(path)]
    if suffix == ".qdc":
        from coding.refi_qda.codebook import read_codebook  # lxml and the schemas, loaded only when needed

        return [read_codebook(path)]
    title = _title_from_name(path)
    if suffix == ".docx":
        frames = build_frames(read_outline_lines(docx_lines(path)), str(path), title)
    elif suffix == ".pdf":
        frames = parse_text_guide(_pdf_text(path), str(path), title)
    else:
        frames = parse_text_guide(_decode(path), str(path), title)
    if not frames:
        raise InvalidTopicGuide(
            "no recognisable sections: expected headings such as 'A. BACKGROUND', "
            "'## Section' or a title line followed by numbered questions",
            path,
        )
    return frames


def parse_text_guide(text: str, source: str = "", default_title: str = "Topic guide") -> list[Frame]:
    """Frames from a guide's text, choosing the reader by the text's house style."""
    if looks_lettered(text) and not any(line.startswith("#") for line in text.splitlines()):
        blocks = read_lettered(text)
    else:
        blocks = read_outline(text)
    return build_frames(blocks, source, default_title)


def _title_from_name(path: Path) -> str:
    words = path.stem.replace("_", " ").replace("-", " ").strip()
    return (words[:1].upper() + words[1:]) if words else "Topic guide"


def _decode(path: Path) -> str:
    raw = path.read_bytes()
    if b"\x00" in raw[:8192]:
        raise UnsupportedFormat("this is a binary file, not a text topic guide", path)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    controls = sum(1 for c in text[:20000] if (ord(c) < 32 and c not in "\t\r\n\f") or c == "\ufffd")
    if controls > max(5, len(text[:20000]) // 50):
        raise UnsupportedFormat("this file is not readable text (binary or an unknown encoding)", path)
    return text


def _pdf_text(path: Path) -> str:
    import pypdf  # only PDF guides need it

    try:
        reader = pypdf.PdfReader(str(path))
        return "\n".join(page.extract_text() or "" for page in reader.pages)
    except InputError:
        raise
    except Exception as exc:  # pypdf raises many kinds on a broken file
        raise UnsupportedFormat(f"the PDF cannot be read ({type(exc).__name__})", path) from None
