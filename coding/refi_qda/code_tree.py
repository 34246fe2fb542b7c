"""Frames as REFI-QDA ``<Code>`` trees and back; shared by the .qdc codebook and the .qdpx project.

Writing: each frame becomes a top-level, not codable ``<Code>`` named after the frame;
its themes are nested ``<Code>``s named by their labels. GUIDs are uuid5 of frame id
and theme id. What REFI has no attribute for (our theme id, kind, key, keywords,
probes, routing, maps_to, extra; the frame's id, kind, version, source, metadata)
travels in the last line of the ``<Description>`` (see ``trailer``). A theme's
``extra["color"]`` ("#RRGGBB") becomes the code's colour.

Reading: a top-level code whose description carries our frame line is one of our
frames. Codes from other tools become themes: id = slug of the name (accents folded,
made unique in the frame), description kept; such codes are gathered into one frame
named by the caller (the file name). On every code, ours or not, the name, ``color``
and ``isCodable`` attributes win over our line, so a rename, recolouring or regrouping
made in another tool survives the way back (tests/test_refi_reimport.py).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from lxml import etree

from coding.exports.safety import clean_text
from coding.model import Frame, Theme, is_valid_theme_id, slugify
from coding.refi_qda.ids import frame_guid, normalise, theme_guid
from coding.refi_qda.tolerate import rgb_colour
from coding.refi_qda.trailer import split_trailer, with_trailer

_RGB = re.compile(r"^#([A-Fa-f0-9]{6}|[A-Fa-f0-9]{3})$")


def _q(ns: str, tag: str) -> str:
    return f"{{{ns}}}{tag}"


def _theme_meta(theme: Theme) -> dict:
    meta: dict = {"id": theme.id}
    if theme.kind != "theme":
        meta["kind"] = theme.kind
    if theme.key:
        meta["key"] = True
    for name in ("keywords", "probes", "maps_to"):
        if getattr(theme, name):
            meta[name] = list(getattr(theme, name))
    if theme.routing:
        meta["routing"] = theme.routing
    if theme.extra:
        meta["extra"] = theme.extra
    return meta


def _frame_meta(frame: Frame) -> dict:
    meta: dict = {"frame": frame.id, "kind": frame.kind, "version": frame.version}
    if frame.source:
        meta["source"] = file_name(frame.source)
    if frame.metadata:
        meta["metadata"] = frame.metadata
    if frame.extra:
        meta["extra"] = frame.extra
    return meta


def file_name(source: str) -> str:
    """A source's file name without its folders (which often hold a user name), on any OS.

    >>> file_name("/home/ana.smith/topic_guides/crosscutting_themes.yaml"), file_name(r"C:\\Users\\ana\\guide.docx")
    ('crosscutting_themes.yaml', 'guide.docx')
    """
    return re.split(r"[\\/]", source.rstrip("\\/"))[-1]


def _code(ns: str, guid: str, name: str, codable: bool, description: str, color: str | None = None) -> etree._Element:
    element = etree.Element(_q(ns, "Code"), nsmap={None: ns})
    element.set("guid", guid)
    element.set("name", clean_text(name) or "(unnamed)")
    element.set("isCodable", "true" if codable else "false")
    if color and _RGB.match(str(color)):
        element.set("color", str(color))
    etree.SubElement(element, _q(ns, "Description")).text = clean_text(description)
    return element


def _theme_code(ns: str, frame: Frame, theme: Theme, note_refs: dict[str, list[str]]) -> etree._Element:
    guid = theme_guid(frame.id, theme.id)
    codable = theme.extra.get("is_codable", True) is not False
    element = _code(
        ns, guid, theme.label, codable, with_trailer(theme.description, _theme_meta(theme)), theme.extra.get("color")
    )
    for note in note_refs.get(guid, []):  # only projects have notes on codes
        etree.SubElement(element, _q(ns, "NoteRef")).set("targetGUID", note)
    for child in theme.children:
        element.append(_theme_code(ns, frame, child, note_refs))
    return element


def frame_codes(frames: list[Frame], ns: str, note_refs: dict[str, list[str]] | None = None) -> list[etree._Element]:
    """One top-level ``<Code>`` per frame, its themes nested below."""
    codes = []
    for frame in frames:
        wrapper = _code(ns, frame_guid(frame.id), frame.name or frame.id, False, with_trailer("", _frame_meta(frame)))
        for theme in frame.themes:
            wrapper.append(_theme_code(ns, frame, theme, note_refs or {}))
        codes.append(wrapper)
    return codes


@dataclass
class CodeIndex:
    """What a reader needs besides the frames: code GUID -> theme id, notes on codes."""

    theme_of: dict[str, str] = field(default_factory=dict)
    notes_on: dict[str, str] = field(default_factory=dict)  # note GUID -> theme id


def _unique(base: str, seen: set[str]) -> str:
    candidate, n = base, 2
    while candidate in seen:
        candidate, n = f"{base}_{n}", n + 1
    seen.add(candidate)
    return candidate


def _slug(name: str) -> str:
    """A theme id for another tool's code name; accents folded, so "Réinsertion" is "reinsertion"."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return slugify(folded)


def _read_theme(element: etree._Element, ns: str, seen: set[str], index: CodeIndex) -> Theme:
    name = element.get("name", "").strip()
    description, meta = split_trailer(element.findtext(_q(ns, "Description")) or "")
    meta = meta or {}
    wanted = str(meta.get("id", ""))
    theme_id = _unique(wanted if is_valid_theme_id(wanted) else _slug(name), seen)
    extra = dict(meta.get("extra") or {})
    # The attributes win over our line: another tool may have recoloured the code or made it
    # (not) codable since we wrote it, and its edit must not be lost on the way back.
    colour = rgb_colour(element.get("color") or "")
    if colour:
        extra["color"] = colour
    if element.get("isCodable") in ("false", "0"):
        extra["is_codable"] = False
    elif extra.get("is_codable") is False:
        del extra["is_codable"]
    index.theme_of[normalise(element.get("guid"))] = theme_id
    for ref in element.findall(_q(ns, "NoteRef")):
        index.notes_on.setdefault(normalise(ref.get("targetGUID")), theme_id)
    return Theme(
        id=theme_id,
        label=name or theme_id,
        description=description,
        keywords=list(meta.get("keywords") or []),
        key=bool(meta.get("key", False)),
        kind=str(meta.get("kind") or "theme"),
        probes=list(meta.get("probes") or []),
        routing=str(meta.get("routing") or ""),
        maps_to=list(meta.get("maps_to") or []),
        children=[_read_theme(child, ns, seen, index) for child in element.findall(_q(ns, "Code"))],
        extra=extra,
    )


def nest_dotted_paths(themes: list[Theme]) -> list[Theme]:
    """Taguette's tags as a tree: it names each code by the tag's path ("housing.temporary"),
    and its exports take a tag together with every tag whose path extends it. A parent that
    is not a tag itself becomes a not-codable grouping theme.

    >>> [(t.label, [c.label for c in t.children]) for t in nest_dotted_paths(
    ...     [Theme("housing_temporary", "housing.temporary"), Theme("interesting", "interesting")])]
    [('housing', ['temporary']), ('interesting', [])]
    """
    top: list[Theme] = []
    by_path: dict[str, Theme] = {}
    seen = {t.id for t in themes}

    def node(path: str) -> list[Theme]:
        if not path:
            return top
        if path not in by_path:
            parent, _, label = path.rpartition(".")
            group = Theme(_unique(_slug(path), seen), label, extra={"is_codable": False})
            by_path[path] = group
            node(parent).append(group)
        return by_path[path].children

    for theme in themes:
        path = ".".join(part.strip() for part in theme.label.split(".") if part.strip()) or theme.label
        parent, _, label = path.rpartition(".")
        if path in by_path:  # a grouping made for an earlier child: the tag itself takes its place
            group = by_path[path]
            theme.children = group.children + theme.children
            siblings = node(parent)
            siblings[siblings.index(group)] = theme
            seen.discard(group.id)
        else:
            node(parent).append(theme)
        theme.label = label or theme.label
        by_path[path] = theme
    return top


def read_frames(
    codes: etree._Element | None, ns: str, fallback_name: str, source: str = "", dotted_paths: bool = False
) -> tuple[list[Frame], CodeIndex]:
    """Frames from a ``<Codes>`` element: ours by their frame line, others' as one frame
    (Taguette's dotted tag paths nested when ``dotted_paths``)."""
    index = CodeIndex()
    frames: list[Frame] = []
    foreign: list[Theme] = []
    foreign_seen: set[str] = set()
    for element in codes.findall(_q(ns, "Code")) if codes is not None else []:
        _, meta = split_trailer(element.findtext(_q(ns, "Description")) or "")
        if meta and "frame" in meta:
            seen: set[str] = set()
            frame = Frame(
                name=element.get("name", ""),
                themes=[_read_theme(child, ns, seen, index) for child in element.findall(_q(ns, "Code"))],
                version=int(meta.get("version") or 1),
                id=str(meta["frame"]),
                kind=str(meta.get("kind") or "guide"),
                source=str(meta.get("source") or ""),
                metadata=dict(meta.get("metadata") or {}),
                extra=dict(meta.get("extra") or {}),
            )
            frames.append(frame)
        else:
            foreign.append(_read_theme(element, ns, foreign_seen, index))
    if foreign:
        if dotted_paths:
            foreign = nest_dotted_paths(foreign)
        frames.append(Frame(name=fallback_name, themes=foreign, kind="crosscutting", source=source))
    return frames, index
