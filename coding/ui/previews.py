"""Previews of written export files, read back with the library a reader would use (no Streamlit).

Reading the file itself (not the data it came from) means the preview shows what
the download holds.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd


@dataclass
class Preview:
    """What the Export page shows: tables (name -> first rows), text blocks, or XML."""

    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    blocks: list[tuple[str, str]] = field(default_factory=list)  # (style, text) of a Word document
    xml: str = ""
    files: list[str] = field(default_factory=list)  # members of a zip package


def preview_file(path: Path, rows: int = 15, blocks: int = 40, xml_lines: int = 60) -> Preview:
    data = path.read_bytes()
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return Preview(tables={path.name: pd.read_csv(io.BytesIO(data), nrows=rows, dtype=str, keep_default_na=False)})
    if suffix == ".xlsx":
        sheets = pd.read_excel(io.BytesIO(data), sheet_name=None, nrows=rows, dtype=str, engine="openpyxl")
        return Preview(tables={name: frame.fillna("") for name, frame in sheets.items()})
    if suffix == ".docx":
        return Preview(blocks=_docx_blocks(data, blocks))
    if suffix == ".qdpx":
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            names = package.namelist()
            project = next((n for n in names if n.endswith(".qde")), None)
            xml = package.read(project).decode("utf-8") if project else ""
        return Preview(xml=_head(xml, xml_lines), files=names)
    return Preview(xml=_head(data.decode("utf-8", errors="replace"), xml_lines))


def _head(text: str, lines: int) -> str:
    kept = text.splitlines()[:lines]
    more = len(text.splitlines()) - len(kept)
    return "\n".join(kept) + (f"\n… {more} more lines" if more > 0 else "")


def _docx_blocks(data: bytes, limit: int) -> list[tuple[str, str]]:
    """Headings, paragraphs and table rows of a Word file in document order."""
    from docx import Document
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = Document(io.BytesIO(data))
    out: list[tuple[str, str]] = []
    for item in document.iter_inner_content():
        if isinstance(item, Paragraph):
            if item.text.strip():
                out.append((item.style.name if item.style is not None else "Normal", item.text))
        elif isinstance(item, Table):
            for row in item.rows:
                cells = list(dict.fromkeys(c.text.strip() for c in row.cells if c.text.strip()))
                if cells:
                    out.append(("Table", "  |  ".join(cells)))
                if len(out) >= limit:
                    break
        if len(out) >= limit:
            break
    return out[:limit]
