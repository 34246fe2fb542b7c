"""Read a REFI-QDA project (.qdpx) into a ProjectSnapshot: ours round-trips, others' import.

What comes back:

* ``frames`` from the CodeBook (ours by their frame line; another tool's codes as one
  frame named after the project);
* ``cases``: one per ``TextSource`` with its text (from ``sources/`` or ``Sources/``,
  or inline ``PlainTextContent``) and the attributes of every REFI ``Case`` that
  refers to it (``VariableValue``s, plus any on the source itself);
* ``codings``: one CodedSegment per ``Coding`` of a ``PlainTextSelection``, status
  confirmed unless our description line says otherwise; coder = the coding's (or the
  selection's) user;
* ``memos`` from ``Notes``, attached where they are referenced; our summaries notes
  go back to ``summaries``; ``coders`` = the project's users.

For another tool's file, ids are numbered in document order and a passage's
``paragraph`` is its line number among non-empty lines. Picture, PDF, audio and
video sources are skipped (the workbench codes text). Problems raise InputError
naming the archive and, where it helps, the element.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import IO

from lxml import etree

from coding.errors import InputError
from coding.model import Case, CodedSegment, Memo, ProjectSnapshot, Speaker
from coding.refi_qda.code_tree import read_frames
from coding.refi_qda.ids import normalise
from coding.refi_qda.trailer import split_trailer
from coding.refi_qda.validate import PROJECT_NS, display_name, parse_tolerant, qde_bytes, qde_member
from coding.safe_archive import PROJECT_LIMITS, SafeArchive

MAX_SOURCE_BYTES = 64 * 1024 * 1024
_NS = PROJECT_NS


def _q(tag: str) -> str:
    return f"{{{_NS}}}{tag}"


def _when(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None


def _meta(element: etree._Element) -> dict:
    return split_trailer(element.findtext(_q("Description")) or "")[1] or {}


def _paragraph(text: str, offset: int) -> int:
    return sum(1 for line in text[:offset].split("\n")[:-1] if line.strip()) + 1


class _Reader:
    def __init__(self, archive: zipfile.ZipFile | SafeArchive, root: etree._Element, name: str):
        self.archive, self.root, self.name = archive, root, name
        self.members = {m.lower(): m for m in archive.namelist()}
        self.users = {
            normalise(u.get("guid")): u.get("name") or u.get("id") or ""
            for u in root.iterfind(f"{_q('Users')}/{_q('User')}")
        }
        self.warnings: list[str] = []
        self.folder = ""  # "Study/" when the archive was made by zipping a folder
        self.passages: dict[int, tuple[int, int, int]] = {}  # segment id -> (case id, start, end)

    def warn(self, warning: str) -> None:
        if warning not in self.warnings:
            self.warnings.append(warning)

    def user(self, *guids: str | None) -> str:
        for value in guids:
            if value and normalise(value) in self.users:
                return self.users[normalise(value)]
        return ""

    def internal_text(self, path: str, what: str) -> str:
        if not path.startswith("internal://"):
            raise InputError(
                f"{what} points outside the archive ({path}); only internal sources can be imported", self.name
            )
        member = self.members.get((self.folder + "sources/" + path[len("internal://") :]).lower())
        if member is None:
            raise InputError(f"{what} refers to {path}, which is not in the archive's sources/ folder", self.name)
        if self.archive.getinfo(member).file_size > MAX_SOURCE_BYTES:
            raise InputError(f"{member} is over {MAX_SOURCE_BYTES // (1024 * 1024)} MB", self.name)
        folder = member[len(self.folder) :].split("/", 1)[0]
        if folder != "sources":
            self.warn(f"the archive's source folder is {folder}/ (the standard writes sources/): read")
        try:
            data = self.archive.read(member)
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise InputError(f"{member} is not UTF-8 text", self.name) from None
        if data.startswith(b"\xef\xbb\xbf"):
            self.warn("a source text starts with a byte-order mark: ignored")
        return text

    def text_of(self, element: etree._Element, what: str) -> str:
        inline = element.find(_q("PlainTextContent"))
        if inline is not None:
            return inline.text or ""
        path = element.get("plainTextPath")
        return self.internal_text(path, what) if path else ""

    def attributes(self) -> dict[str, dict[str, str]]:
        """Source GUID -> attributes from every REFI case that refers to it."""
        names = {
            normalise(v.get("guid")): v.get("name", "")
            for v in self.root.iterfind(f"{_q('Variables')}/{_q('Variable')}")
        }
        by_source: dict[str, dict[str, str]] = {}
        for case in self.root.iterfind(f"{_q('Cases')}/{_q('Case')}"):
            values = self.values(case, names)
            for ref in case.iterfind(_q("SourceRef")):
                by_source.setdefault(normalise(ref.get("targetGUID")), {}).update(values)
        self.variable_names = names
        return by_source

    @staticmethod
    def values(element: etree._Element, names: dict[str, str]) -> dict[str, str]:
        values = {}
        for value in element.iterfind(_q("VariableValue")):
            ref = value.find(_q("VariableRef"))
            name = names.get(normalise(ref.get("targetGUID")) if ref is not None else "", "")
            data = next((child.text for child in value if etree.QName(child).localname != "VariableRef"), None)
            if name and data is not None:
                values[name] = data.strip()
        return values


def read_qdpx(path: str | Path | IO[bytes]) -> ProjectSnapshot:
    """The project in a .qdpx archive (ours or another tool's), from a path or binary file."""
    return read_qdpx_with_warnings(path)[0]


def read_qdpx_with_warnings(path: str | Path | IO[bytes]) -> tuple[ProjectSnapshot, list[str]]:
    """``read_qdpx`` and the known harmless deviations it read past, one warning per kind
    (``tolerate``: empty containers, colour spellings, vendor elements; ``Sources/``)."""
    read = read_project(path)
    return read.snapshot, read.warnings


@dataclass
class ReadProject:
    """A read .qdpx: the project, the deviations read past, and where every passage is.

    ``passages`` maps each selection's segment id (as in ``snapshot``) to its case and
    offsets, coded or not, so a restore can place a memo on a passage nobody coded.
    """

    snapshot: ProjectSnapshot
    warnings: list[str] = field(default_factory=list)
    passages: dict[int, tuple[int, int, int]] = field(default_factory=dict)


def read_project(path: str | Path | IO[bytes]) -> ReadProject:
    """The project in a .qdpx archive with its warnings and passages (see ``ReadProject``)."""
    name = display_name(path)
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise InputError(f"not a .qdpx archive ({exc})", name) from None
    with archive:
        safe = SafeArchive(archive, name, PROJECT_LIMITS, InputError)  # sizes, ratio, repeats: coding.safe_archive
        root, warnings = parse_tolerant(qde_bytes(safe, name), name, PROJECT_NS, "Project", "Project.xsd", InputError)
        reader = _Reader(safe, root, name)
        _, reader.folder = qde_member(safe, name)
        if reader.folder:
            reader.warn(f"the archive holds everything in a folder {reader.folder} (made by zipping a folder): read")
        snapshot = _read(reader)
        return ReadProject(snapshot, warnings + reader.warnings, reader.passages)


def _note_what_is_not_read(reader: _Reader) -> None:
    """Warnings for what a text workbench cannot take: other media, and codes on whole documents."""
    kinds = {"PictureSource": "picture", "PDFSource": "PDF", "AudioSource": "audio", "VideoSource": "video"}
    skipped = [
        (kinds[etree.QName(s).localname], s.get("name") or s.get("guid"))
        for s in reader.root.iterfind(f"{_q('Sources')}/*")
        if etree.QName(s).localname in kinds
    ]
    if skipped:
        shown = ", ".join(f"{name!r} ({kind})" for kind, name in skipped[:3])
        shown += f" and {len(skipped) - 3} more" if len(skipped) > 3 else ""
        reader.warn(
            f"{len(skipped)} source{'s' if len(skipped) != 1 else ''} not imported, the workbench codes text: {shown}"
        )
    whole = sum(1 for _ in reader.root.iterfind(f"{_q('Sources')}/{_q('TextSource')}/{_q('Coding')}"))
    if whole:
        reader.warn(f"{whole} code{'s' if whole != 1 else ''} on whole documents (not on a passage) not imported")


def _read(reader: _Reader) -> ProjectSnapshot:
    root = reader.root
    project_name = root.get("name", "") or Path(reader.name).stem
    frames, codes = read_frames(root.find(f"{_q('CodeBook')}/{_q('Codes')}"), _NS, project_name)
    attributes = reader.attributes()
    sources = list(root.iterfind(f"{_q('Sources')}/{_q('TextSource')}"))
    _note_what_is_not_read(reader)
    metas = [_meta(s) for s in sources]
    used_ids = {m["case"] for m in metas if isinstance(m.get("case"), int)}
    next_case = max(used_ids, default=0) + 1
    cases, codings = [], []
    placements: dict[str, dict] = {}
    selections = []
    for source, meta in zip(sources, metas):
        what = f"source {source.get('name') or source.get('guid')!r}"
        text = reader.text_of(source, what)
        case_id = meta.get("case") if isinstance(meta.get("case"), int) else None
        if case_id is None:
            case_id, next_case = next_case, next_case + 1
        attrs = dict(attributes.get(normalise(source.get("guid")), {}))
        attrs.update(reader.values(source, reader.variable_names))
        speakers = [
            Speaker(s["key"], s.get("label", s["key"]), s.get("role", "respondent"), list(s.get("aliases") or []))
            for s in meta.get("speakers", [])
        ]
        cases.append(
            Case(
                case_id, source.get("name") or f"source_{case_id}", text, attrs, str(meta.get("format") or ""), speakers
            )
        )
        for ref in source.iterfind(_q("NoteRef")):
            placements.setdefault(normalise(ref.get("targetGUID")), {"transcript_id": case_id})
        for selection in source.iterfind(_q("PlainTextSelection")):
            selections.append((case_id, text, selection, _meta(selection)))
    next_segment = max((m["segment"] for *_, m in selections if isinstance(m.get("segment"), int)), default=0) + 1
    for case_id, text, selection, meta in selections:
        start, end = int(selection.get("startPosition")), int(selection.get("endPosition"))
        if not 0 <= start <= end <= len(text):
            raise InputError(
                f"selection {selection.get('guid')} ({start}-{end}) lies outside its source's {len(text)} characters",
                reader.name,
                selection.sourceline,
            )
        segment_id = meta.get("segment") if isinstance(meta.get("segment"), int) else None
        if segment_id is None:
            segment_id, next_segment = next_segment, next_segment + 1
        reader.passages.setdefault(segment_id, (case_id, start, end))
        for ref in selection.iterfind(_q("NoteRef")):
            placements.setdefault(
                normalise(ref.get("targetGUID")), {"segment_id": segment_id, "transcript_id": case_id}
            )
        extra = meta.get("codes") or []
        for n, coding in enumerate(selection.iterfind(_q("Coding"))):
            ref = coding.find(_q("CodeRef"))
            theme_id = codes.theme_of.get(normalise(ref.get("targetGUID")))
            if theme_id is None:
                raise InputError(
                    f"coding {coding.get('guid')} refers to a code that is not in the codebook",
                    reader.name,
                    coding.sourceline,
                )
            ours = extra[n] if n < len(extra) and extra[n].get("theme") == theme_id else {}
            codings.append(
                CodedSegment(
                    case_id=case_id,
                    segment_id=segment_id,
                    speaker=str(meta.get("speaker", "")),
                    role=str(meta.get("role", "respondent")),
                    text=meta["text"] if "text" in meta else text[start:end],
                    start=start,
                    end=end,
                    theme_id=theme_id,
                    status=str(ours.get("status", "confirmed")),
                    coder=reader.user(coding.get("creatingUser"), selection.get("creatingUser")),
                    source=str(ours.get("source", "human")),
                    score=ours.get("score"),
                    time_start=meta.get("time_start"),
                    time_end=meta.get("time_end"),
                    question_id=meta.get("question_id"),
                    section_id=meta.get("section_id"),
                    created_at=_when(coding.get("creationDateTime") or selection.get("creationDateTime")),
                    paragraph=meta["paragraph"] if "paragraph" in meta else _paragraph(text, start),
                )
            )
    for ref in root.iterfind(_q("NoteRef")):
        placements.setdefault(normalise(ref.get("targetGUID")), {})
    memos, summaries = _notes(reader, codes.notes_on, placements)
    return ProjectSnapshot(
        name=project_name,
        frames=frames,
        cases=cases,
        codings=codings,
        memos=memos,
        summaries=summaries,
        coders=list(reader.users.values()),
    )


def _notes(reader: _Reader, on_codes: dict[str, str], placements: dict[str, dict]):
    memos, summaries = [], {}
    for note in reader.root.iterfind(f"{_q('Notes')}/{_q('Note')}"):
        meta = _meta(note)
        text = reader.text_of(note, f"note {note.get('name') or note.get('guid')!r}")
        if isinstance(meta.get("summary"), list) and len(meta["summary"]) == 2:
            summaries[(int(meta["summary"][0]), str(meta["summary"][1]))] = text
            continue
        key = normalise(note.get("guid"))
        if meta:
            where = {
                "segment_id": meta.get("segment"),
                "theme_id": meta.get("theme"),
                "transcript_id": meta.get("transcript"),
            }
        else:
            where = dict(placements.get(key, {}))
            if key in on_codes:
                where.setdefault("theme_id", on_codes[key])
        memos.append(
            Memo(
                text=text,
                author=reader.user(note.get("creatingUser")),
                segment_id=where.get("segment_id"),
                theme_id=where.get("theme_id"),
                transcript_id=where.get("transcript_id"),
                created_at=_when(note.get("creationDateTime")),
                id=meta.get("memo"),
            )
        )
    return memos, summaries
