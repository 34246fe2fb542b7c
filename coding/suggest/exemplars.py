"""Example answers a theme is known by, shipped with the cross-cutting themes.

``topic_guides/crosscutting_themes.yaml`` carries, for each cross-cutting theme,
fictional utterances written by the workbench team from the topic guides'
questions, in the voices those guides interview (prisoners, advisers, managers,
Jobcentre and prison staff, commissioners). They were written without sight of
the evaluation quotes or the reports they come from. Answers are talk, not
questions: these give each theme prototypes in the register of what it scores.

A frame whose own themes carry ``exemplars`` uses those. A frame that reuses a
cross-cutting theme id (the same theme, e.g. a project's copy of the frame
without the examples) borrows the shipped ones for it.
"""

from __future__ import annotations

from functools import lru_cache

from coding.model import Frame


@lru_cache(maxsize=1)
def shipped_exemplars() -> dict[str, tuple[str, ...]]:
    """theme id -> the shipped example answers (empty when the file is missing or unreadable)."""
    from coding.errors import WorkbenchError
    from coding.frames.crosscutting import crosscutting_frame

    try:
        frame = crosscutting_frame()
    except (WorkbenchError, OSError):
        return {}
    return {
        theme.id: tuple(str(e) for e in theme.extra.get("exemplars") or [])
        for theme, _ in frame.walk()
        if theme.extra.get("exemplars")
    }


def borrowed_exemplars(frames: list[Frame]) -> dict[str, list[str]]:
    """Shipped example answers for the frames' themes that have the id of a cross-cutting
    theme but no examples of their own."""
    library = shipped_exemplars()
    out: dict[str, list[str]] = {}
    for frame in frames:
        for theme, _ in frame.walk():
            if theme.id in library and not theme.extra.get("exemplars"):
                out[theme.id] = list(library[theme.id])
    return out
