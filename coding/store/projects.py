"""Projects and their coding frames in the store: every frame edit is a new version.

``save_frame`` writes the frame's current tree, its theme rows (the tree flattened,
keyed by the stable theme id) and one ``frame_versions`` row with the change's
summary, all in one transaction; a remap (merge, delete with move) rewrites the
theme keys of the codes in the same transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import delete, func, insert, select, update

from coding.errors import FrameEditError, NotFound
from coding.frames.yaml_io import frame_from_dict, frame_to_dict
from coding.model import Frame
from coding.store import tables as t
from coding.store.db import Store


def now() -> datetime:
    return datetime.now(UTC)


@dataclass
class ProjectInfo:
    id: int
    name: str
    created_at: datetime
    settings: dict


@dataclass
class FrameVersion:
    frame_key: str
    version: int
    change_kind: str
    summary: str
    author: str
    created_at: datetime


def create_project(store: Store, name: str, settings: dict | None = None) -> int:
    name = name.strip()
    if not name:
        raise FrameEditError("A project needs a name.")
    with store.begin() as conn:
        if conn.execute(select(t.projects.c.id).where(t.projects.c.name == name)).first():
            raise FrameEditError(f"A project called {name!r} already exists.")
        return conn.execute(
            insert(t.projects).values(name=name, created_at=now(), settings=settings or {})
        ).inserted_primary_key[0]


def list_projects(store: Store) -> list[ProjectInfo]:
    with store.read() as conn:
        rows = conn.execute(select(t.projects).order_by(t.projects.c.name)).all()
    return [ProjectInfo(r.id, r.name, r.created_at, r.settings or {}) for r in rows]


def find_project(store: Store, name: str) -> int | None:
    with store.read() as conn:
        return conn.execute(select(t.projects.c.id).where(t.projects.c.name == name)).scalar()


def get_project(store: Store, project_id: int) -> ProjectInfo:
    with store.read() as conn:
        row = conn.execute(select(t.projects).where(t.projects.c.id == project_id)).first()
    if row is None:
        raise NotFound(f"No project with id {project_id}.")
    return ProjectInfo(row.id, row.name, row.created_at, row.settings or {})


def delete_frame(store: Store, project_id: int, frame_key: str) -> None:
    """Remove a frame with its versions and theme rows (used to undo a half-done guide import)."""
    with store.begin() as conn:
        conn.execute(delete(t.frames).where(t.frames.c.project_id == project_id, t.frames.c.frame_key == frame_key))


def delete_project(store: Store, project_id: int) -> None:
    with store.begin() as conn:
        conn.execute(delete(t.projects).where(t.projects.c.id == project_id))


def _theme_rows(project_id: int, frame_id: int, frame: Frame) -> list[dict]:
    rows = []
    for theme, path in frame.walk():
        siblings = frame.themes if not path else frame.find(path[-1]).children
        rows.append(
            dict(
                project_id=project_id,
                frame_id=frame_id,
                theme_key=theme.id,
                parent_key=path[-1] if path else None,
                position=next(i for i, s in enumerate(siblings) if s.id == theme.id),
                kind=theme.kind,
                label=theme.label,
                description=theme.description,
                keywords=list(theme.keywords),
                key=theme.key,
                probes=list(theme.probes),
                routing=theme.routing,
                maps_to=list(theme.maps_to),
            )
        )
    return rows


def save_frame(
    store: Store,
    project_id: int,
    frame: Frame,
    change_kind: str = "import",
    summary: str = "",
    author: str = "system",
    remap: dict[str, str] | None = None,
) -> int:
    """Store ``frame`` as the newest version of its frame (created if new). Returns the frame row id.

    Theme ids must be unique across the project's frames: a clash is refused,
    because codes point at theme ids.
    """
    tree = frame_to_dict(frame)
    with store.begin() as conn:
        existing = conn.execute(
            select(t.frames).where(t.frames.c.project_id == project_id, t.frames.c.frame_key == frame.id)
        ).first()
        ids = [theme.id for theme, _ in frame.walk()]
        clash_query = select(t.themes.c.theme_key).where(
            t.themes.c.project_id == project_id, t.themes.c.theme_key.in_(ids)
        )
        if existing is not None:
            clash_query = clash_query.where(t.themes.c.frame_id != existing.id)
        clashes = conn.execute(clash_query).scalars().all()
        if clashes:
            raise FrameEditError(
                f"Frame {frame.name!r} uses theme ids already used by another frame of this project: "
                + ", ".join(sorted(clashes)[:5])
            )
        if existing is None:
            version = frame.version
            frame_id = conn.execute(
                insert(t.frames).values(
                    project_id=project_id, frame_key=frame.id, name=frame.name, kind=frame.kind,
                    version=version, source=frame.source, tree=tree,
                )
            ).inserted_primary_key[0]
        else:
            frame_id = existing.id
            version = existing.version + 1
            frame.version = version
            tree["version"] = version
            conn.execute(
                update(t.frames)
                .where(t.frames.c.id == frame_id)
                .values(name=frame.name, kind=frame.kind, version=version, tree=tree)
            )
            conn.execute(delete(t.themes).where(t.themes.c.frame_id == frame_id))
        conn.execute(insert(t.themes), _theme_rows(project_id, frame_id, frame))
        conn.execute(
            insert(t.frame_versions).values(
                frame_id=frame_id, version=version, tree=tree, change_kind=change_kind,
                summary=summary or f"Imported {frame.name}", author=author, created_at=now(),
            )
        )
        for old, new in (remap or {}).items():
            _move_codes(conn, project_id, old, new)
    return frame_id


def _move_codes(conn, project_id: int, old: str, new: str) -> None:
    """Move every code on theme ``old`` to ``new``; where a coder already has ``new`` on
    that segment, the duplicate on ``old`` is dropped rather than violating uniqueness."""
    codes = t.code_applications
    target_pairs = {
        (r.segment_id, r.coder)
        for r in conn.execute(
            select(codes.c.segment_id, codes.c.coder).where(codes.c.project_id == project_id, codes.c.theme_key == new)
        )
    }
    for row in conn.execute(
        select(codes.c.id, codes.c.segment_id, codes.c.coder).where(
            codes.c.project_id == project_id, codes.c.theme_key == old
        )
    ).all():
        if (row.segment_id, row.coder) in target_pairs:
            conn.execute(delete(codes).where(codes.c.id == row.id))
        else:
            conn.execute(update(codes).where(codes.c.id == row.id).values(theme_key=new))
    for table in (t.memos, t.decisions):
        conn.execute(
            update(table).where(table.c.project_id == project_id, table.c.theme_key == old).values(theme_key=new)
        )
    # A case has one summary per theme: where both themes had one, the texts are joined.
    kept = {
        r.transcript_id: r
        for r in conn.execute(select(t.summaries).where(t.summaries.c.project_id == project_id, t.summaries.c.theme_key == new))
    }
    for row in conn.execute(
        select(t.summaries).where(t.summaries.c.project_id == project_id, t.summaries.c.theme_key == old)
    ).all():
        if row.transcript_id in kept:
            target = kept[row.transcript_id]
            conn.execute(
                update(t.summaries).where(t.summaries.c.id == target.id).values(text=f"{target.text}\n\n{row.text}")
            )
            conn.execute(delete(t.summaries).where(t.summaries.c.id == row.id))
        else:
            conn.execute(update(t.summaries).where(t.summaries.c.id == row.id).values(theme_key=new))


def load_frames(store: Store, project_id: int) -> list[Frame]:
    """The project's frames, current versions, cross-cutting frames first."""
    with store.read() as conn:
        rows = conn.execute(
            select(t.frames).where(t.frames.c.project_id == project_id).order_by(t.frames.c.id)
        ).all()
    frames = []
    for row in rows:
        frame = frame_from_dict(row.tree, row.source)
        frame.id, frame.version, frame.kind = row.frame_key, row.version, row.kind
        frames.append(frame)
    frames.sort(key=lambda f: 0 if f.kind == "crosscutting" else 1)
    return frames


def load_frame(store: Store, project_id: int, frame_key: str) -> Frame:
    for frame in load_frames(store, project_id):
        if frame.id == frame_key:
            return frame
    raise NotFound(f"No frame {frame_key!r} in this project.")


def frame_history(store: Store, project_id: int, frame_key: str) -> list[FrameVersion]:
    with store.read() as conn:
        rows = conn.execute(
            select(t.frame_versions, t.frames.c.frame_key)
            .join(t.frames, t.frames.c.id == t.frame_versions.c.frame_id)
            .where(t.frames.c.project_id == project_id, t.frames.c.frame_key == frame_key)
            .order_by(t.frame_versions.c.version.desc())
        ).all()
    return [FrameVersion(r.frame_key, r.version, r.change_kind, r.summary, r.author, r.created_at) for r in rows]


def used_theme_ids(store: Store, project_id: int) -> dict[str, int]:
    """Theme id -> number of confirmed codes on it (what makes a theme 'used')."""
    codes = t.code_applications
    with store.read() as conn:
        rows = conn.execute(
            select(codes.c.theme_key, func.count())
            .where(codes.c.project_id == project_id, codes.c.status == "confirmed")
            .group_by(codes.c.theme_key)
        ).all()
    return {key: n for key, n in rows}
