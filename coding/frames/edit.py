"""A researcher's edits to a frame: pure functions, each giving a new version and its log line.

Every function takes a Frame and returns ``(new_frame, change)``: the new frame is a
copy with ``version + 1`` (the input is never touched), and ``FrameChange`` says in
one sentence what happened (for the change log) and, in ``remap``, which theme ids'
codes must move to another theme. Ids never change on rename, so codes keep
pointing at the right theme across versions.

    rename(frame, theme_id, label)
    describe(frame, theme_id, description=None, keywords=None, key=None)
    add(frame, parent_id, theme, position=None)
    delete(frame, theme_id, used_ids, move_codes_to=None)
    merge(frame, source_id, target_id)
    split(frame, theme_id, new_labels)
    move(frame, theme_id, new_parent_id, position=None)
    reorder(frame, parent_id, ordered_ids)
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

from coding.errors import FrameEditError, NotFound
from coding.model import Frame, Theme, is_valid_theme_id, slugify


@dataclass
class FrameChange:
    """One edit: its kind, a sentence for the change log, and code moves (old id -> new id)."""

    kind: str
    summary: str
    remap: dict[str, str] = field(default_factory=dict)
    theme_id: str = ""
    version: int = 0


def _next(frame: Frame) -> Frame:
    new = copy.deepcopy(frame)
    new.version = frame.version + 1
    return new


def _find(frame: Frame, theme_id: str) -> Theme:
    theme = frame.find(theme_id)
    if theme is None:
        raise NotFound(f"no theme {theme_id!r} in the frame {frame.name!r}")
    return theme


def _siblings(frame: Frame, parent_id: str | None) -> list[Theme]:
    return frame.themes if parent_id is None else _find(frame, parent_id).children


def _parent_list(frame: Frame, theme_id: str) -> list[Theme]:
    path = frame.path_of(theme_id)
    if path is None:
        raise NotFound(f"no theme {theme_id!r} in the frame {frame.name!r}")
    return _siblings(frame, path[-2] if len(path) > 1 else None)


def _detach(frame: Frame, theme_id: str) -> Theme:
    siblings = _parent_list(frame, theme_id)
    index = next(i for i, t in enumerate(siblings) if t.id == theme_id)
    return siblings.pop(index)


def _subtree_ids(theme: Theme) -> list[str]:
    return [t.id for t, _ in theme.walk()]


def _insert(siblings: list[Theme], theme: Theme, position: int | None) -> None:
    if position is None or position >= len(siblings):
        siblings.append(theme)
    else:
        siblings.insert(max(position, 0), theme)


def _change(kind: str, summary: str, frame: Frame, theme_id: str, remap: dict[str, str] | None = None):
    return frame, FrameChange(kind, summary, remap or {}, theme_id, frame.version)


def _where(frame: Frame, parent_id: str | None) -> str:
    return f'under "{_find(frame, parent_id).label}"' if parent_id else "at the top level"


def rename(frame: Frame, theme_id: str, label: str) -> tuple[Frame, FrameChange]:
    label = " ".join(label.split())
    if not label:
        raise FrameEditError("a theme needs a label")
    new = _next(frame)
    theme = _find(new, theme_id)
    old = theme.label
    if old == label:
        raise FrameEditError(f'"{old}" already has that label')
    theme.label = label
    return _change("rename", f'Renamed "{old}" to "{label}".', new, theme_id)


def describe(
    frame: Frame,
    theme_id: str,
    description: str | None = None,
    keywords: list[str] | None = None,
    key: bool | None = None,
) -> tuple[Frame, FrameChange]:
    new = _next(frame)
    theme = _find(new, theme_id)
    changed: list[str] = []
    if description is not None and " ".join(description.split()) != theme.description:
        theme.description = " ".join(description.split())
        changed.append("description")
    if keywords is not None:
        cleaned = [k.strip() for k in keywords if k and k.strip()]
        if cleaned != theme.keywords:
            theme.keywords = cleaned
            changed.append("keywords")
    if key is not None and key != theme.key:
        theme.key = key
        changed.append("marked key" if key else "no longer key")
    if not changed:
        raise FrameEditError(f'nothing to change on "{theme.label}"')
    return _change("describe", f'Updated "{theme.label}": {", ".join(changed)}.', new, theme_id)


def add(frame: Frame, parent_id: str | None, theme: Theme, position: int | None = None) -> tuple[Frame, FrameChange]:
    """Add ``theme`` (with any children) under ``parent_id`` (None: top level). An empty id is made from the label."""
    if not theme.label.strip():
        raise FrameEditError("a theme needs a label")
    new = _next(frame)
    siblings = _siblings(new, parent_id)
    theme = copy.deepcopy(theme)
    existing = {t.id for t, _ in new.walk()}
    if not theme.id:
        base = f"{parent_id or new.id}_{slugify(theme.label, 32)}"
        theme.id, n = base, 2
        while theme.id in existing:
            theme.id, n = f"{base}_{n}", n + 1
    for node in _subtree_ids(theme):
        if not is_valid_theme_id(node):
            raise FrameEditError(f"theme id {node!r} must match [a-z0-9_]+")
        if node in existing:
            raise FrameEditError(f"theme id {node!r} is already in the frame")
        existing.add(node)
    _insert(siblings, theme, position)
    return _change("add", f'Added "{theme.label}" {_where(new, parent_id)}.', new, theme.id)


def delete(
    frame: Frame, theme_id: str, used_ids: set[str], move_codes_to: str | None = None
) -> tuple[Frame, FrameChange]:
    """Delete a theme and its children. Their codes move to ``move_codes_to`` when given; otherwise a
    theme with codes (or memos, summaries) is archived with them by the store, hidden and restorable."""
    new = _next(frame)
    theme = _find(new, theme_id)
    subtree = _subtree_ids(theme)
    used = [i for i in subtree if i in used_ids]
    if move_codes_to is not None:
        if move_codes_to in subtree:
            raise FrameEditError(f'cannot move codes of "{theme.label}" to a theme that is being deleted')
        target = _find(new, move_codes_to)
    _detach(new, theme_id)
    if move_codes_to is None:
        archived = (
            f"; its codes are archived with it ({', '.join(used)}), restorable from the Frame page" if used else ""
        )
        return _change("delete", f'Deleted "{theme.label}"{archived}.', new, theme_id)
    remap = {i: move_codes_to for i in used}
    return _change("delete", f'Deleted "{theme.label}"; its codes move to "{target.label}".', new, theme_id, remap)


def merge(frame: Frame, source_id: str, target_id: str) -> tuple[Frame, FrameChange]:
    """Fold ``source`` into ``target``: its children move under the target and its codes move to it."""
    if source_id == target_id:
        raise FrameEditError("cannot merge a theme into itself")
    new = _next(frame)
    source, target = _find(new, source_id), _find(new, target_id)
    if target_id in _subtree_ids(source):
        raise FrameEditError(f'cannot merge "{source.label}" into one of its own children')
    _detach(new, source_id)
    target.children.extend(source.children)
    target.keywords += [k for k in source.keywords if k not in target.keywords]
    target.probes += [p for p in source.probes if p not in target.probes]
    target.maps_to += [m for m in source.maps_to if m not in target.maps_to]
    summary = f'Merged "{source.label}" into "{target.label}"; its codes move to "{target.label}".'
    return _change("merge", summary, new, target_id, {source_id: target_id})


def split(frame: Frame, theme_id: str, new_labels: list[str]) -> tuple[Frame, FrameChange]:
    """Add new sibling themes after ``theme_id`` for finer coding; existing codes stay on the original."""
    labels = [" ".join(label.split()) for label in new_labels if label and label.strip()]
    if not labels:
        raise FrameEditError("a split needs at least one new label")
    new = _next(frame)
    original = _find(new, theme_id)
    siblings = _parent_list(new, theme_id)
    index = next(i for i, t in enumerate(siblings) if t.id == theme_id)
    existing = {t.id for t, _ in new.walk()}
    created: list[Theme] = []
    for label in labels:
        base = f"{theme_id}_{slugify(label, 32)}"
        theme_id_new, n = base, 2
        while theme_id_new in existing:
            theme_id_new, n = f"{base}_{n}", n + 1
        existing.add(theme_id_new)
        created.append(Theme(id=theme_id_new, label=label, kind=original.kind))
    siblings[index + 1 : index + 1] = created
    names = ", ".join(f'"{t.label}"' for t in created)
    return _change(
        "split", f'Split "{original.label}": added {names}; its codes stay on "{original.label}".', new, theme_id
    )


def move(
    frame: Frame, theme_id: str, new_parent_id: str | None, position: int | None = None
) -> tuple[Frame, FrameChange]:
    new = _next(frame)
    theme = _find(new, theme_id)
    if new_parent_id is not None and new_parent_id in _subtree_ids(theme):
        raise FrameEditError(f'cannot move "{theme.label}" under itself or one of its children')
    _detach(new, theme_id)
    _insert(_siblings(new, new_parent_id), theme, position)
    return _change("move", f'Moved "{theme.label}" {_where(new, new_parent_id)}.', new, theme_id)


def reorder(frame: Frame, parent_id: str | None, ordered_ids: list[str]) -> tuple[Frame, FrameChange]:
    new = _next(frame)
    siblings = _siblings(new, parent_id)
    current = [t.id for t in siblings]
    if sorted(current) != sorted(ordered_ids) or len(set(ordered_ids)) != len(ordered_ids):
        raise FrameEditError(f"the new order must list exactly these themes: {', '.join(current)}")
    if current == list(ordered_ids):
        raise FrameEditError("the order is unchanged")
    by_id = {t.id: t for t in siblings}
    siblings[:] = [by_id[i] for i in ordered_ids]
    return _change("reorder", f"Reordered the themes {_where(new, parent_id)}.", new, parent_id or "")


def map_to(frame: Frame, theme_id: str, crosscutting_ids: list[str]) -> tuple[Frame, FrameChange]:
    """Say which cross-cutting themes a guide section or question is evidence for (many-to-many).

    The ids are not checked against a cross-cutting frame here (a frame does not know its
    project); the service checks them.
    """
    new = _next(frame)
    theme = _find(new, theme_id)
    wanted = list(dict.fromkeys(c.strip() for c in crosscutting_ids if c and c.strip()))
    if wanted == theme.maps_to:
        raise FrameEditError(f'"{theme.label}" already maps to exactly those themes')
    theme.maps_to = wanted
    listed = ", ".join(wanted) if wanted else "no cross-cutting theme"
    return _change("map", f'"{_short_label(theme.label)}" is now evidence for {listed}.', new, theme_id)


def _short_label(label: str, words: int = 10) -> str:
    parts = label.split()
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")
