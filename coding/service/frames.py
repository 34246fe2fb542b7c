"""Frames of a project: the cross-cutting themes, topic guides, and edits to either."""

from __future__ import annotations

from pathlib import Path

from coding.errors import InputError, WorkbenchError
from coding.model import Frame
from coding.service import team
from coding.store import projects as store_projects
from coding.store.db import Store
from coding.team.permissions import TeamAction


def add_crosscutting_frame(store: Store, project_id: int) -> Frame:
    """Add the shipped cross-cutting themes to a project (once)."""
    from coding.frames.crosscutting import crosscutting_frame

    frame = crosscutting_frame()
    if not any(f.id == frame.id for f in store_projects.load_frames(store, project_id)):
        store_projects.save_frame(store, project_id, frame, "import", f"Added cross-cutting themes {frame.name!r}")
    return frame


def import_guide(store: Store, project_id: int, path: str | Path, author: str = "system") -> list[Frame]:
    """Parse a topic guide or frame file and add its frame(s) to the project.

    Guide questions are mapped to the project's cross-cutting themes. All frames of
    the file are stored, or none (a clash or parse error leaves the project as it was).
    """
    from coding.frames.load import load_frames
    from coding.frames.mapping import map_to_crosscutting

    frames = load_frames(path)
    existing = store_projects.load_frames(store, project_id)
    crosscutting = next((f for f in existing if f.kind == "crosscutting"), None)
    taken = {f.id for f in existing}
    for frame in frames:
        if frame.id in taken:
            raise InputError(f"the project already has a frame {frame.name!r}", path)
    if crosscutting is not None:
        frames = [map_to_crosscutting(f, crosscutting) if f.kind == "guide" else f for f in frames]
    team.authorize(store, project_id, author, TeamAction.IMPORT)
    with store.transaction():
        for frame in frames:
            store_projects.save_frame(
                store, project_id, frame, "import", f"Imported {frame.name!r} from {Path(path).name}", author
            )
            team.record(
                store,
                project_id,
                author,
                "frame.import",
                f"{frame.name} from {Path(path).name}",
                after={"frame": frame.id, "version": frame.version},
            )
    return frames


def edit_frame(
    store: Store,
    project_id: int,
    frame_key: str,
    operation: str,
    author: str,
    based_on_version: int | None = None,
    **kwargs,
) -> Frame:
    """Apply one edit of ``coding.frames.edit`` and store it as a new version (codes follow remaps).

    ``based_on_version`` is the version the researcher was looking at: when the frame has
    moved on since (another researcher's edit), the edit is refused rather than
    silently overwriting theirs.
    """
    from coding.frames import edit

    function = getattr(edit, operation, None)
    if function is None or operation.startswith("_"):
        raise WorkbenchError(f"Unknown frame edit {operation!r}.")
    team.authorize(store, project_id, author, TeamAction.EDIT_FRAME)
    with store.transaction():
        frame = store_projects.load_frame(store, project_id, frame_key)
        if based_on_version is not None and frame.version != based_on_version:
            from coding.errors import ConflictError

            raise ConflictError(
                f"The frame {frame.name!r} changed since you opened it (version {based_on_version} -> "
                f"{frame.version}): reload the page and make your edit again."
            )
        if operation == "delete":
            kwargs.setdefault("used_ids", set(store_projects.used_theme_ids(store, project_id)))
        if operation == "map_to":
            known = {
                t.id
                for f in store_projects.load_frames(store, project_id)
                if f.kind == "crosscutting"
                for t, _ in f.walk()
            }
            unknown = [c for c in kwargs.get("crosscutting_ids", []) if c not in known]
            if unknown:
                raise WorkbenchError(f"Not a cross-cutting theme of this project: {', '.join(unknown)}.")
        new_frame, change = function(frame, **kwargs)
        store_projects.save_frame(
            store, project_id, new_frame, change.kind, change.summary, author, remap=dict(change.remap)
        )
        team.record(
            store,
            project_id,
            author,
            "frame.edit",
            f"{frame.name}: {change.summary}",
            theme_id=kwargs.get("theme_id"),
            before={"version": frame.version},
            after={"version": new_frame.version, "kind": change.kind, "remap": dict(change.remap)},
        )
    return new_frame


def restore_theme(store: Store, project_id: int, theme_id: str, author: str) -> Frame:
    """Bring an archived theme back into its frame (under its old parent if that is still
    there), with every code, memo and summary that stayed on it."""
    from coding.frames import edit

    with store.transaction():
        archived = {a.theme_key: a for a in store_projects.archived_themes(store, project_id)}
        if theme_id not in archived:
            from coding.errors import NotFound

            raise NotFound(f"No archived theme {theme_id!r} in this project.")
        frame = store_projects.load_frame(store, project_id, archived[theme_id].frame_key)
        parent = archived[theme_id].parent_key
        theme = store_projects.archived_theme(store, project_id, theme_id)
        new_frame, change = edit.add(frame, parent if parent and frame.find(parent) else None, theme)
        store_projects.save_frame(
            store, project_id, new_frame, "restore", f'Restored the archived theme "{theme.label}".', author
        )
    return new_frame
