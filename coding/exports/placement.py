"""Where a coded theme lands in an export: its top-level theme and the sub-theme under it.

The matrix has a sheet per top-level theme and a column per child; the quote table a
heading per top-level theme and a sub-heading per child. A code on a grandchild rolls
up into its child's column; a code on the top-level theme itself goes in the
"(whole theme)" column. Theme ids are looked up the way ``ProjectSnapshot.theme_index``
does: the first frame that has the id wins.
"""

from __future__ import annotations

from dataclasses import dataclass

from coding.model import Frame, Theme

WHOLE_THEME = "(whole theme)"


@dataclass(frozen=True)
class Placement:
    frame: Frame
    top: Theme
    sub: Theme | None  # None: coded on the top-level theme itself
    path_ids: tuple[str, ...]
    path_labels: tuple[str, ...]

    @property
    def theme_path(self) -> str:
        return " > ".join(self.path_labels)


class ThemeMap:
    """Theme id -> placement, for all frames of a project."""

    def __init__(self, frames: list[Frame]):
        self.frames = frames
        self._places: dict[str, Placement] = {}
        for frame in frames:
            for top in frame.themes:
                self._add(frame, top, None, top, (), ())

    def _add(self, frame: Frame, top: Theme, sub: Theme | None, node: Theme, ids: tuple, labels: tuple) -> None:
        ids, labels = ids + (node.id,), labels + (node.label,)
        self._places.setdefault(node.id, Placement(frame, top, sub, ids, labels))
        for child in node.children:
            self._add(frame, top, sub if sub is not None else child, child, ids, labels)

    def place(self, theme_id: str) -> Placement | None:
        return self._places.get(theme_id)

    def tops(self) -> list[tuple[Frame, Theme]]:
        """Every top-level theme of every frame, in frame order."""
        return [(frame, top) for frame in self.frames for top in frame.themes]

    def under(self, theme_id: str, wanted: set[str]) -> bool:
        """True when the theme or one of its ancestors is in ``wanted``."""
        place = self._places.get(theme_id)
        return place is not None and any(i in wanted for i in place.path_ids)
