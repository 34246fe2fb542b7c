"""Which themes of a project's frames the model proposes for an answer."""

from __future__ import annotations

from coding.model import Frame


def suggestable_themes(frames: list[Frame]) -> list[str]:
    """The analytic themes: every cross-cutting theme and any plain theme a researcher added
    to a guide. Guide sections and questions are not suggested: alignment already records
    which question each answer responds to."""
    ids = []
    for frame in frames:
        for theme, _ in frame.walk():
            if frame.kind == "crosscutting" or theme.kind == "theme":
                ids.append(theme.id)
    return ids
