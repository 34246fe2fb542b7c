"""REFI-QDA projects (.qdpx): the whole project out to NVivo, ATLAS.ti or MAXQDA, and back.

A .qdpx is a ZIP with ``project.qde`` (namespace ``urn:QDA-XML:project:1.0``, valid
against Project.xsd) and ``sources/<GUID>.txt``, each case's stored text in UTF-8.
``project.qde`` holds, in schema order:

* ``Users``: the project's coders, everyone who coded, every memo author;
* ``CodeBook``: the frames (see ``codes``);
* ``Variables`` and ``Cases``: one Text variable per case attribute; one REFI case per
  case with its ``VariableValue``s and a ``SourceRef`` to its text. Attributes that
  name people (``is_identifying_key``) are left out unless asked for;
* ``Sources``: a ``TextSource`` per case (``plainTextPath="internal://<GUID>.txt"``),
  one ``PlainTextSelection`` per coded passage with a ``Coding`` per code on it
  (``CodeRef``, ``creatingUser``, ``creationDateTime``). Only confirmed codes unless
  ``include_suggested``;
* ``Notes``: memos, referenced where they belong (a passage's selection, a code, a
  source, or the project), and the researchers' matrix summaries as notes on the
  source, named "Summary: <theme>".

Offsets: ``startPosition``/``endPosition`` are character positions in the source's
plain text, 0-based, end exclusive, the way REFI-QDA tools count characters in the
text they show. The workbench writes Python ``str`` indices (Unicode code points) into
the exact text it stores, written verbatim (no newline conversion, no BOM), so a tool
counting code points lands on the same words. (A tool counting UTF-16 units would
drift after a character outside the Basic Multilingual Plane, such as an emoji.)

Our own values that REFI has no attribute for (case id, format and speakers; segment
id, speaker, role, times, paragraph; code source/score/status; memo ids and targets)
ride in the last line of a ``<Description>`` (see ``trailer``), so ``read_qdpx`` gives
back the same project. Nothing private rides along: speaker keys are written as the slug
of the label the export shows (``speaker_keys``), so a pseudonymised export carries no
key made from a name, and a frame's source is a file name, never a path. Codings are iterated once, grouped per case, and the XML is
streamed case by case into the archive.
"""

from __future__ import annotations

import zipfile
from collections import defaultdict
from datetime import datetime
from pathlib import Path
from typing import IO

from lxml import etree

from coding.anonymise.privacy import is_identifying_key
from coding.errors import WorkbenchError
from coding.exports.safety import clean_text
from coding.model import Case, CodedSegment, Memo, ProjectSnapshot, slugify
from coding.refi_qda.code_tree import frame_codes
from coding.refi_qda.ids import guid, theme_guid
from coding.refi_qda.project_read import read_qdpx  # noqa: F401  (the other direction, same import path)
from coding.refi_qda.trailer import with_trailer
from coding.refi_qda.validate import PROJECT_NS

ORIGIN = "Qualitative coding workbench"
_NS = PROJECT_NS


def _q(tag: str) -> str:
    return f"{{{_NS}}}{tag}"


def _el(tag: str, **attrib) -> etree._Element:
    element = etree.Element(_q(tag), nsmap={None: _NS})
    for key, value in attrib.items():
        if value is not None:
            element.set(key, str(value))
    return element


def _sub(parent: etree._Element, tag: str, **attrib) -> etree._Element:
    element = etree.SubElement(parent, _q(tag))
    for key, value in attrib.items():
        if value is not None:
            element.set(key, str(value))
    return element


def _when(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def source_guid(case: Case) -> str:
    return guid("source", case.id, case.name)


def memo_guid(memo: Memo, index: int) -> str:
    return guid("memo", memo.id if memo.id is not None else f"#{index}:{memo.text[:40]}")


def _excerpt(text: str, words: int = 8) -> str:
    parts = clean_text(text).split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


class _Plan:
    """Everything known after the one pass over codings, before any XML is written."""

    def __init__(self, snapshot: ProjectSnapshot, include_suggested: bool):
        self.snapshot = snapshot
        self.theme_frame = {tid: frame.id for tid, (frame, _, _) in snapshot.theme_index().items()}
        self.cases = {c.id: c for c in snapshot.cases}
        # case id -> (segment id, start, end) -> codings on that passage
        self.passages: dict[int, dict[tuple[int, int, int], list[CodedSegment]]] = defaultdict(dict)
        spans: dict[int, tuple[int, int, int, int]] = {}
        users: dict[str, None] = dict.fromkeys(snapshot.coders)
        for coding in snapshot.codings:
            if coding.case_id not in self.cases:
                continue
            spans.setdefault(coding.segment_id, (coding.case_id, coding.segment_id, coding.start, coding.end))
            wanted = coding.status == "confirmed" or (include_suggested and coding.status == "suggested")
            if not 0 <= coding.start <= coding.end <= len(self.cases[coding.case_id].text):
                raise WorkbenchError(
                    f"The coding of segment {coding.segment_id} in case {self.cases[coding.case_id].name!r} "
                    f"({coding.start}-{coding.end}) lies outside the case's text; REFI-QDA cannot point at it."
                )
            if wanted and coding.theme_id in self.theme_frame:
                self.passages[coding.case_id].setdefault((coding.segment_id, coding.start, coding.end), []).append(
                    coding
                )
                users.setdefault(coding.coder)
        users.update(dict.fromkeys(m.author for m in snapshot.memos))
        self.users = {name: guid("user", name) for name in users if name}
        self._place_notes(spans)

    def _place_notes(self, spans) -> None:
        self.note_on_passage: dict[tuple[int, tuple], list[str]] = defaultdict(list)
        self.note_on_code: dict[str, list[str]] = defaultdict(list)
        self.note_on_source: dict[int, list[str]] = defaultdict(list)
        self.note_on_project: list[str] = []
        for index, memo in enumerate(self.snapshot.memos):
            note = memo_guid(memo, index)
            if memo.segment_id is not None and memo.segment_id in spans:
                case_id, segment_id, start, end = spans[memo.segment_id]
                self.passages[case_id].setdefault((segment_id, start, end), [])  # a selection just for the note
                self.note_on_passage[(case_id, (segment_id, start, end))].append(note)
            elif memo.theme_id is not None and memo.theme_id in self.theme_frame:
                self.note_on_code[theme_guid(self.theme_frame[memo.theme_id], memo.theme_id)].append(note)
            elif memo.transcript_id is not None and memo.transcript_id in self.cases:
                self.note_on_source[memo.transcript_id].append(note)
            else:
                self.note_on_project.append(note)
        for case_id, theme_id in self.snapshot.summaries:
            if case_id in self.cases:
                self.note_on_source[case_id].append(guid("summary", case_id, theme_id))

    def user(self, name: str | None) -> str | None:
        return self.users.get(name) if name else None


def _users(plan: _Plan) -> etree._Element | None:
    if not plan.users:
        return None
    users = _el("Users")
    for name, user_guid in plan.users.items():
        _sub(users, "User", guid=user_guid, name=clean_text(name), id=clean_text(name))
    return users


def _variables_and_cases(snapshot: ProjectSnapshot, keep_identifying: bool) -> list[etree._Element]:
    keys = list(
        dict.fromkeys(k for c in snapshot.cases for k in c.attributes if keep_identifying or not is_identifying_key(k))
    )
    if not snapshot.cases:
        return []
    out = []
    if keys:
        variables = _el("Variables")
        for key in keys:
            _sub(variables, "Variable", guid=guid("variable", key), name=clean_text(key), typeOfVariable="Text")
        out.append(variables)
    cases = _el("Cases")
    for case in snapshot.cases:
        element = _sub(cases, "Case", guid=guid("case", case.id, case.name), name=clean_text(case.name))
        for key in keys:
            if key in case.attributes:
                value = _sub(element, "VariableValue")
                _sub(value, "VariableRef", targetGUID=guid("variable", key))
                _sub(value, "TextValue").text = clean_text(str(case.attributes[key]))
        _sub(element, "SourceRef", targetGUID=source_guid(case))
    out.append(cases)
    return out


def speaker_keys(case: Case) -> dict[str, str]:
    """The key written for each of the case's speakers: made from the label the export shows.

    A stored key is often made from the person's name ("margaret_thornbury"); once a
    pseudonymised export has relabelled her "[Person 2]", her key must not carry the name
    out. So keys leave as the slug of the label, made unique in the case.

    >>> speaker_keys(Case(1, "c", "", speakers=[Speaker("margaret_thornbury", "[Person 2]", "respondent"),
    ...                                          Speaker("priya", "Interviewer", "interviewer")]))
    {'margaret_thornbury': 'person_2', 'priya': 'interviewer'}
    """
    written: dict[str, str] = {}
    for speaker in case.speakers:
        base = slugify(speaker.label or "speaker")
        key, n = base, 2
        while key in written.values():
            key, n = f"{base}_{n}", n + 1
        written[speaker.key] = key
    return written


def _selection_meta(case: Case, codings: list[CodedSegment], segment_id: int, start: int, end: int) -> dict:
    meta: dict = {"segment": segment_id}
    if not codings:
        return meta
    first = codings[0]
    for name in ("speaker", "role", "time_start", "time_end", "question_id", "section_id", "paragraph"):
        value = getattr(first, name)
        if name == "speaker":
            value = speaker_keys(case).get(value, "")  # never a stored key that is not in the case's speakers
        if value is not None and value != "":
            meta[name] = value
    if first.text != case.text[start:end]:
        meta["text"] = first.text  # the stored passage differs from the slice: keep it exactly
    meta["codes"] = [
        {
            "theme": c.theme_id,
            "status": c.status,
            "source": c.source,
            **({"score": c.score} if c.score is not None else {}),
        }
        for c in codings
    ]
    return meta


def _text_source(plan: _Plan, case: Case) -> etree._Element:
    source = _el(
        "TextSource",
        guid=source_guid(case),
        name=clean_text(case.name),
        plainTextPath=f"internal://{source_guid(case)}.txt",
    )
    meta: dict = {"case": case.id}
    if case.format:
        meta["format"] = case.format
    if case.speakers:
        keys = speaker_keys(case)
        meta["speakers"] = [
            {"key": keys[s.key], "label": s.label, "role": s.role, "aliases": s.aliases} for s in case.speakers
        ]
    _sub(source, "Description").text = with_trailer("", meta)
    passages = plan.passages.get(case.id, {})
    for (segment_id, start, end), codings in sorted(
        passages.items(), key=lambda item: (item[0][1], item[0][2], item[0][0])
    ):
        first = codings[0] if codings else None
        selection = _sub(
            source,
            "PlainTextSelection",
            guid=guid("selection", case.id, segment_id, start, end),
            name=_excerpt(case.text[start:end]),
            startPosition=start,
            endPosition=end,
            creatingUser=plan.user(first.coder) if first else None,
            creationDateTime=_when(first.created_at) if first else None,
        )
        _sub(selection, "Description").text = clean_text(
            with_trailer("", _selection_meta(case, codings, segment_id, start, end))
        )
        for n, coding in enumerate(codings):
            element = _sub(
                selection,
                "Coding",
                guid=guid("coding", case.id, segment_id, start, end, coding.theme_id, coding.coder, n),
                creatingUser=plan.user(coding.coder),
                creationDateTime=_when(coding.created_at),
            )
            _sub(element, "CodeRef", targetGUID=theme_guid(plan.theme_frame[coding.theme_id], coding.theme_id))
        for note in plan.note_on_passage.get((case.id, (segment_id, start, end)), []):
            _sub(selection, "NoteRef", targetGUID=note)
    for note in plan.note_on_source.get(case.id, []):
        _sub(source, "NoteRef", targetGUID=note)
    return source


def _note(parent, plan: _Plan, note_guid: str, name: str, text: str, author: str | None, when, meta: dict) -> None:
    note = _sub(
        parent,
        "Note",
        guid=note_guid,
        name=clean_text(name),
        creatingUser=plan.user(author),
        creationDateTime=_when(when),
    )
    _sub(note, "Description").text = with_trailer("", meta)
    _sub(note, "PlainTextContent").text = clean_text(text)


def _notes(plan: _Plan) -> etree._Element | None:
    snapshot = plan.snapshot
    if not snapshot.memos and not snapshot.summaries:
        return None
    notes = _el("Notes")
    for index, memo in enumerate(snapshot.memos):
        meta = {
            k: v
            for k, v in (
                ("memo", memo.id),
                ("segment", memo.segment_id),
                ("theme", memo.theme_id),
                ("transcript", memo.transcript_id),
            )
            if v is not None
        }
        _note(
            notes, plan, memo_guid(memo, index), _excerpt(memo.text, 6), memo.text, memo.author, memo.created_at, meta
        )
    themes = snapshot.theme_index()
    for (case_id, theme_id), text in snapshot.summaries.items():
        if case_id in plan.cases:
            label = themes[theme_id][1].label if theme_id in themes else theme_id
            _note(
                notes,
                plan,
                guid("summary", case_id, theme_id),
                f"Summary: {label}",
                text,
                None,
                None,
                {"summary": [case_id, theme_id]},
            )
    return notes if len(notes) else None


def write_qdpx(
    snapshot: ProjectSnapshot,
    target: str | Path | IO[bytes],
    include_suggested: bool = False,
    keep_identifying_attributes: bool = False,
) -> None:
    """Write ``snapshot`` as a REFI-QDA project archive to a path or binary file."""
    plan = _Plan(snapshot, include_suggested)
    with zipfile.ZipFile(str(target) if isinstance(target, Path) else target, "w", zipfile.ZIP_DEFLATED) as archive:
        for case in snapshot.cases:
            archive.writestr(f"sources/{source_guid(case)}.txt", case.text.encode("utf-8"))
        with archive.open("project.qde", "w") as raw, etree.xmlfile(raw, encoding="utf-8") as xml:
            xml.write_declaration()
            with xml.element(
                _q("Project"), {"name": clean_text(snapshot.name) or "Project", "origin": ORIGIN}, nsmap={None: _NS}
            ):
                users = _users(plan)
                if users is not None:
                    xml.write(users)
                codes = frame_codes([f for f in snapshot.frames if f.themes], _NS, plan.note_on_code)
                if codes:
                    codebook = _el("CodeBook")
                    _sub(codebook, "Codes").extend(codes)
                    xml.write(codebook)
                for element in _variables_and_cases(snapshot, keep_identifying_attributes):
                    xml.write(element)
                if snapshot.cases:
                    with xml.element(_q("Sources")):
                        for case in snapshot.cases:  # one source at a time: memory stays one case deep
                            xml.write(_text_source(plan, case))
                notes = _notes(plan)
                if notes is not None:
                    xml.write(notes)
                for note in plan.note_on_project:
                    xml.write(_el("NoteRef", targetGUID=note))
