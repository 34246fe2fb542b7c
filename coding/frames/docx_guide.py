"""Word topic guides (.docx): paragraphs to the outline reader's lines.

Researchers hold their guides in Word. The shapes we read: a Title (or Heading 1
when there are sub-levels) for the guide, Heading styles or short all-bold
paragraphs for sections, numbered or bulleted paragraphs for questions, indented /
second-level bullets and ``Probe:``/``Prompt:`` paragraphs for probes. A question
paragraph whose runs are all bold is a key question (the guides say "questions in
bold are key and MUST be covered"). Each paragraph becomes one markdown line, so
the .md and .docx forms of a guide go through the same rules.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from coding.errors import UnsupportedFormat
from coding.frames import rules
from coding.safe_archive import DOCUMENT_LIMITS, SafeArchive

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _all_bold(paragraph) -> bool:
    runs = [r for r in paragraph.runs if r.text.strip()]
    if not runs:
        return False
    style_bold = bool(paragraph.style is not None and paragraph.style.font.bold)
    return all(r.bold or (r.bold is None and (style_bold or (r.style is not None and r.style.font.bold))) for r in runs)


def _list_level(paragraph) -> int | None:
    """0 for a first-level list paragraph, 1+ for deeper, None when not in a list."""
    ppr = paragraph._p.pPr
    if ppr is not None and ppr.numPr is not None:
        ilvl = ppr.numPr.ilvl
        return int(ilvl.val) if ilvl is not None else 0
    name = (paragraph.style.name if paragraph.style is not None else "") or ""
    match = re.match(r"List (Number|Bullet|Paragraph)\s*(\d)?", name)
    if match:
        return int(match.group(2) or 1) - 1
    return None


def _indented(paragraph) -> bool:
    indent = paragraph.paragraph_format.left_indent
    return indent is not None and indent > 0


def docx_lines(path: str | Path) -> list[tuple[int, str]]:
    """(paragraph number, markdown line) for every non-empty paragraph of a .docx."""
    import docx  # python-docx; imported here so the text readers never need it

    path = Path(path)
    if not zipfile.is_zipfile(path):
        raise UnsupportedFormat("this is not a Word .docx file (it is not a zip package)", path)
    # Sizes, member count and compression ratio checked before python-docx decompresses anything.
    with SafeArchive.open(path, UnsupportedFormat, DOCUMENT_LIMITS) as package:
        if "word/document.xml" not in package.names():
            kind = "a spreadsheet" if any(n.startswith("xl/") for n in package.names()) else "another kind of file"
            raise UnsupportedFormat(f"this is {kind} renamed .docx, not a Word document", path)
    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises many kinds on a broken package
        raise UnsupportedFormat(f"the Word document cannot be opened ({type(exc).__name__})", path) from None

    styles = [(p.style.name if p.style is not None else "") or "" for p in document.paragraphs]
    h1 = sum(1 for s in styles if s == "Heading 1")
    deeper = any(re.match(r"Heading [2-9]", s) for s in styles)
    # the guide's own name: a Title, or a single Heading 1 above Heading 2 sections
    if "Title" in styles:
        shift = 1
    elif h1 == 1 and deeper:
        shift = 0
    else:
        shift = 1
    lines: list[tuple[int, str]] = []
    number = 0
    for index, paragraph in enumerate(document.paragraphs, start=1):
        text = rules.clean(paragraph.text)
        if not text:
            continue
        style = styles[index - 1]
        bold = _all_bold(paragraph)
        heading = re.match(r"Heading (\d)", style)
        level = _list_level(paragraph)
        shown = f"**{text}**" if bold else text
        if style == "Title":
            lines.append((index, f"# {text}"))
        elif heading:
            depth = min(int(heading.group(1)) + shift, 3)
            lines.append((index, "#" * depth + f" {text}"))
        elif style == "Quote":
            lines.append((index, f"> {text}"))
        elif style == "Intense Quote":  # an instruction about the question above it
            lines.append((index, f"   > {text}"))
        elif rules.PROBE_RE.match(text) or (level is not None and level >= 1):
            lines.append((index, f"   - {text}"))
        elif level == 0 and "Bullet" in style:
            lines.append((index, f"- {shown}"))
        elif level == 0:
            number += 1
            lines.append((index, f"{number}. {shown}"))
        elif _indented(paragraph):
            lines.append((index, f"   - {text}"))
        elif re.match(r"^\d{1,3}[.)]\s", text):
            typed = re.match(r"^(\d{1,3}[.)])\s+(.*)$", text)
            assert typed is not None  # clean() left one line, and the test above matched its start
            lines.append((index, f"{typed.group(1)} " + (f"**{typed.group(2)}**" if bold else typed.group(2))))
        elif bold and (rules.admin_key(text) or (not text.endswith("?") and len(text) <= 100)):
            lines.append((index, f"## {text}"))
        else:
            lines.append((index, shown))
    return lines
