"""REFI-QDA codebooks (.qdc): the coding frames both ways, valid against Codebook.xsd.

``write_codebook(frames, target)`` writes every frame as a top-level, not codable code
with its themes nested below (see ``codes`` for how ids and guide details round-trip
through the last line of each description). ``read_codebook(path)`` reads one back as
a Frame; a codebook from ATLAS.ti, NVivo, MAXQDA or QualCoder becomes one frame named
after the file, its codes as themes. A codebook holding several of our frames comes
back as one frame whose top-level themes are those frames.

Liberal in what it accepts: a file that fails the schema only through the known
harmless deviations of real tools (Taguette's empty ``<Sets/>``, colour spellings,
vendor attributes; see ``tolerate``) is read, each deviation named in the frame's
``warnings``. Taguette names its codes by tag path ("housing.temporary"); those come
back nested. Malformed XML, a wrong root or namespace, or any other schema failure
raise InvalidTopicGuide naming the file and line.
"""

from __future__ import annotations

from pathlib import Path
from typing import IO

from lxml import etree

from coding.errors import InvalidTopicGuide, WorkbenchError
from coding.model import Frame, Theme
from coding.refi_qda.code_tree import file_name, frame_codes, read_frames
from coding.refi_qda.validate import CODEBOOK_NS, MAX_CODEBOOK_BYTES, parse_tolerant, read_source

ORIGIN = "Qualitative coding workbench"


def write_codebook(frames: list[Frame], target: str | Path | IO[bytes]) -> None:
    """Write ``frames`` as one REFI-QDA codebook to a path or binary file."""
    if not any(frame.themes for frame in frames):
        raise WorkbenchError("There are no themes to export: a REFI-QDA codebook needs at least one code.")
    root = etree.Element(f"{{{CODEBOOK_NS}}}CodeBook", nsmap={None: CODEBOOK_NS})
    root.set("origin", ORIGIN)
    codes = etree.SubElement(root, f"{{{CODEBOOK_NS}}}Codes")
    codes.extend(frame_codes([f for f in frames if f.themes], CODEBOOK_NS))
    etree.ElementTree(root).write(
        str(target) if isinstance(target, Path) else target, xml_declaration=True, encoding="utf-8", pretty_print=True
    )


def _stem(name: str) -> str:
    stem = Path(name).stem.replace("_", " ").strip()
    return stem or "Imported codebook"


def read_codebook(path: str | Path | IO[bytes]) -> Frame:
    """The frame in a .qdc file (ours or another tool's)."""
    data, name = read_source(path, MAX_CODEBOOK_BYTES, InvalidTopicGuide)
    root, warnings = parse_tolerant(data, name, CODEBOOK_NS, "CodeBook", "Codebook.xsd", InvalidTopicGuide)
    taguette = (root.get("origin") or "").startswith("Taguette")
    frames, _ = read_frames(
        root.find(f"{{{CODEBOOK_NS}}}Codes"), CODEBOOK_NS, _stem(name), source=file_name(name), dotted_paths=taguette
    )
    frame = frames[0] if len(frames) == 1 else _one_frame(frames, name)
    frame.warnings = [*warnings, *frame.warnings]
    return frame


def _one_frame(frames: list[Frame], name: str) -> Frame:
    # Several frames in one file: one frame, a section per original frame.
    seen: set[str] = set()
    sections = []
    for frame in frames:
        ids = {t.id for t, _ in frame.walk()}
        section_id, n = frame.id, 2
        while section_id in seen or section_id in ids:
            section_id, n = f"{frame.id}_{n}", n + 1
        seen.add(section_id)
        sections.append(
            Theme(section_id, frame.name, kind="section", children=frame.themes, extra={"frame_kind": frame.kind})
        )
    return Frame(name=_stem(name), themes=sections, kind="crosscutting", source=file_name(name))
