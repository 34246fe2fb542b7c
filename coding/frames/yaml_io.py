"""Frame files (YAML) and the JSON shape of frames, both ways.

The format every test, the CLI and the benchmarks share::

    name: Cross-cutting themes
    version: 1
    themes:
      - id: referrals            # [a-z0-9_]+, unique in the frame
        label: Referral, attachment and handover
        description: ...
        keywords: [warm handover, Day One Mandation]
        key: false
        children: [ ...same shape... ]

Guide frames add ``kind`` (section/question/theme), ``probes``, ``routing`` and
``maps_to`` on nodes. Keys the workbench does not use are kept in ``extra`` and
written back, so a frame file survives a round trip.
"""

from __future__ import annotations

from pathlib import Path
from typing import IO, Any

import yaml

from coding.errors import InvalidTopicGuide
from coding.model import Frame, Theme, is_valid_theme_id

_THEME_KEYS = {"id", "label", "description", "keywords", "key", "kind", "probes", "routing", "maps_to", "children"}
_FRAME_KEYS = {"name", "version", "themes", "id", "kind", "metadata"}
MAX_FRAME_BYTES = 20 * 1024 * 1024


def theme_to_dict(theme: Theme) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": theme.id,
        "label": theme.label,
        "description": theme.description,
        "keywords": list(theme.keywords),
        "key": theme.key,
        "kind": theme.kind,
    }
    if theme.probes or theme.kind == "question":
        data["probes"] = list(theme.probes)
    if theme.routing:
        data["routing"] = theme.routing
    if theme.maps_to:
        data["maps_to"] = list(theme.maps_to)
    data["children"] = [theme_to_dict(c) for c in theme.children]
    data.update({k: v for k, v in theme.extra.items() if k not in data})
    return data


def frame_to_dict(frame: Frame) -> dict[str, Any]:
    data: dict[str, Any] = {"name": frame.name, "version": frame.version, "id": frame.id, "kind": frame.kind}
    if frame.metadata:
        data["metadata"] = dict(frame.metadata)
    data["themes"] = [theme_to_dict(t) for t in frame.themes]
    data.update({k: v for k, v in frame.extra.items() if k not in data})
    return data


def _as_str_list(value: Any, what: str, source: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if not isinstance(value, list):
        raise InvalidTopicGuide(f"{what} must be a list of strings", source)
    return [str(v) for v in value if v is not None and str(v).strip()]


def theme_from_dict(data: Any, source: str = "", seen: set[str] | None = None) -> Theme:
    seen = seen if seen is not None else set()
    if not isinstance(data, dict):
        raise InvalidTopicGuide("each theme must be a mapping with at least 'id' and 'label'", source)
    theme_id = str(data.get("id", "")).strip()
    if not is_valid_theme_id(theme_id):
        raise InvalidTopicGuide(f"theme id {theme_id!r} must match [a-z0-9_]+", source)
    if theme_id in seen:
        raise InvalidTopicGuide(f"theme id {theme_id!r} is used twice", source)
    seen.add(theme_id)
    children = data.get("children") or []
    if not isinstance(children, list):
        raise InvalidTopicGuide(f"children of {theme_id!r} must be a list", source)
    return Theme(
        id=theme_id,
        label=str(data.get("label") or theme_id),
        description=" ".join(str(data.get("description") or "").split()),
        keywords=_as_str_list(data.get("keywords"), f"keywords of {theme_id!r}", source),
        key=bool(data.get("key", False)),
        kind=str(data.get("kind") or "theme"),
        probes=_as_str_list(data.get("probes"), f"probes of {theme_id!r}", source),
        routing=str(data.get("routing") or ""),
        maps_to=_as_str_list(data.get("maps_to"), f"maps_to of {theme_id!r}", source),
        children=[theme_from_dict(c, source, seen) for c in children],
        extra={k: v for k, v in data.items() if k not in _THEME_KEYS},
    )


def frame_from_dict(data: Any, source: str = "") -> Frame:
    if not isinstance(data, dict) or "themes" not in data:
        raise InvalidTopicGuide("a frame file needs a 'themes' list (and a 'name')", source)
    themes = data.get("themes") or []
    if not isinstance(themes, list) or not themes:
        raise InvalidTopicGuide("the frame has no themes", source)
    seen: set[str] = set()
    try:
        version = int(data.get("version") or 1)
    except (TypeError, ValueError):
        raise InvalidTopicGuide(f"version {data.get('version')!r} is not a number", source) from None
    return Frame(
        name=str(data.get("name") or Path(source).stem or "Frame"),
        themes=[theme_from_dict(t, source, seen) for t in themes],
        version=version,
        id=str(data.get("id") or ""),
        kind=str(data.get("kind") or "guide"),
        source=source,
        metadata={str(k): str(v) for k, v in (data.get("metadata") or {}).items()},
        extra={k: v for k, v in data.items() if k not in _FRAME_KEYS},
    )


def check_file_size(path: Path, max_bytes: int, what: str) -> int:
    """The file's size, or InvalidTopicGuide when it cannot be opened, is empty or is too large."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise InvalidTopicGuide(f"cannot open the file ({exc.strerror})", path) from None
    if size == 0:
        raise InvalidTopicGuide("the file is empty", path)
    if size > max_bytes:
        raise InvalidTopicGuide(
            f"the file is {size / 1_048_576:.0f} MB; {what} is at most {max_bytes // 1_048_576} MB", path
        )
    return size


def read_frame_yaml(path: str | Path) -> Frame:
    """Read a frame file. Raises InvalidTopicGuide naming the file (and line for YAML errors)."""
    path = Path(path)
    check_file_size(path, MAX_FRAME_BYTES, "a frame file")
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InvalidTopicGuide("the file is not UTF-8 text (is it really a YAML frame?)", path) from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        raise InvalidTopicGuide(f"not valid YAML ({getattr(exc, 'problem', exc)})", path, line) from None
    return frame_from_dict(data, str(path))


def write_frame_yaml(frame: Frame, target: str | Path | IO[str]) -> None:
    text = yaml.safe_dump(frame_to_dict(frame), sort_keys=False, allow_unicode=True, width=100)
    if hasattr(target, "write"):
        target.write(text)
    else:
        Path(target).write_text(text, encoding="utf-8")
