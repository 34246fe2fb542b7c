"""Projects and their coding frames in the store: every frame edit is a new version.

``save_frame`` writes the frame's current tree, its theme rows (the tree flattened,
keyed by the stable theme id) and one ``frame_versions`` row with the change's
summary, all in one transaction; a remap (merge, delete with move) rewrites the
theme keys of the codes in the same transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import cast

from sqlalchemy import delete, func, insert, select, update

from coding.errors import ConflictError, FrameEditError, NotFound
from coding.frames.yaml_io import frame_from_dict, frame_to_dict
from coding.model import MODEL_CODER, Frame, Theme
from coding.store import tables as t
from coding.store.db import Store, inserted_id


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
        return inserted_id(
            conn.execute(insert(t.projects).values(name=name, created_at=now(), settings=settings or {}))
        )


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
    """Remove a frame with its versions and theme rows, and so every code on its themes."""
    with store.begin() as conn:
        conn.execute(delete(t.frames).where(t.frames.c.project_id == project_id, t.frames.c.frame_key == frame_key))


def delete_project(store: Store, project_id: int) -> None:
    with store.begin() as conn:
        conn.execute(delete(t.projects).where(t.projects.c.id == project_id))


def _theme_rows(project_id: int, frame_id: int, frame: Frame) -> list[dict]:
    rows = []
    for theme, path in frame.walk():
        siblings = frame.themes if not path else cast(Theme, frame.find(path[-1])).children  # walk()'s own path
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

    Theme ids must be unique across the project's frames: a clash is refused, because
    codes point at theme ids. Themes keep their rows across versions; ``remap`` moves
    codes (merge, delete with move) in the same transaction; a theme that leaves the frame
    while a code, memo, summary or logged decision still names it is archived, not deleted.
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
            frame_id = inserted_id(
                conn.execute(
                    insert(t.frames).values(
                        project_id=project_id,
                        frame_key=frame.id,
                        name=frame.name,
                        kind=frame.kind,
                        version=version,
                        source=frame.source,
                        tree=tree,
                    )
                )
            )
        else:
            frame_id = existing.id
            version = existing.version + 1
            frame.version = version
            tree["version"] = version
            changed = conn.execute(
                update(t.frames)
                .where(t.frames.c.id == frame_id, t.frames.c.version == existing.version)
                .values(name=frame.name, kind=frame.kind, version=version, tree=tree)
            ).rowcount
            if changed != 1:
                raise ConflictError(
                    f"The frame {frame.name!r} changed while this edit was saved: reload and try again."
                )
        _save_theme_rows(conn, project_id, frame_id, frame)
        conn.execute(
            insert(t.frame_versions).values(
                frame_id=frame_id,
                version=version,
                tree=tree,
                change_kind=change_kind,
                summary=summary or f"Imported {frame.name}",
                author=author,
                created_at=now(),
            )
        )
        for old, new in (remap or {}).items():
            _move_codes(conn, project_id, old, new)
        _retire_removed_themes(conn, project_id, frame_id, set(ids))
    return frame_id


def _save_theme_rows(conn, project_id: int, frame_id: int, frame: Frame) -> None:
    """Update the frame's theme rows in place (their keys are what codes point at), add new ones."""
    stored = {
        r.theme_key: r.id
        for r in conn.execute(select(t.themes.c.theme_key, t.themes.c.id).where(t.themes.c.frame_id == frame_id))
    }
    for row in _theme_rows(project_id, frame_id, frame):
        if row["theme_key"] in stored:
            conn.execute(
                update(t.themes).where(t.themes.c.id == stored[row["theme_key"]]).values(archived=False, **row)
            )
        else:
            conn.execute(insert(t.themes).values(archived=False, **row))


def _references(conn, project_id: int, theme_key: str) -> bool:
    """Does anything a researcher made still name this theme?"""
    codes = t.code_applications
    checks = [
        select(codes.c.id).where(
            codes.c.project_id == project_id, codes.c.theme_key == theme_key, codes.c.coder != MODEL_CODER
        ),
        select(t.memos.c.id).where(t.memos.c.project_id == project_id, t.memos.c.theme_key == theme_key),
        select(t.summaries.c.id).where(t.summaries.c.project_id == project_id, t.summaries.c.theme_key == theme_key),
        select(t.decisions.c.id).where(t.decisions.c.project_id == project_id, t.decisions.c.theme_key == theme_key),
        select(t.detached_codes.c.id).where(
            t.detached_codes.c.project_id == project_id, t.detached_codes.c.theme_key == theme_key
        ),
    ]
    return any(conn.execute(query.limit(1)).first() is not None for query in checks)


def _retire_removed_themes(conn, project_id: int, frame_id: int, kept: set[str]) -> None:
    codes = t.code_applications
    rows = conn.execute(select(t.themes).where(t.themes.c.frame_id == frame_id, t.themes.c.archived.is_(False))).all()
    for row in rows:
        if row.theme_key in kept:
            continue
        conn.execute(
            delete(codes).where(
                codes.c.project_id == project_id, codes.c.theme_key == row.theme_key, codes.c.coder == MODEL_CODER
            )
        )
        if _references(conn, project_id, row.theme_key):
            conn.execute(update(t.themes).where(t.themes.c.id == row.id).values(archived=True))
        else:
            conn.execute(delete(t.themes).where(t.themes.c.id == row.id))


def _move_codes(conn, project_id: int, old: str, new: str) -> None:
    """Move every code on theme ``old`` to ``new``, keeping every coder's coding: where a coder
    already has a code on the same unit of ``new``, the stronger one stands (a confirmation
    over a rejection). The decision log is not rewritten: it records what was decided, on
    which theme, at the time."""
    from coding.decisions import CodeState, merge_states

    codes = t.code_applications
    on_new = {
        (r.segment_id, r.coder, r.span_key): r
        for r in conn.execute(select(codes).where(codes.c.project_id == project_id, codes.c.theme_key == new))
    }
    for row in conn.execute(select(codes).where(codes.c.project_id == project_id, codes.c.theme_key == old)).all():
        target = on_new.get((row.segment_id, row.coder, row.span_key))
        if target is None:
            conn.execute(update(codes).where(codes.c.id == row.id).values(theme_key=new))
            continue
        kept = CodeState(target.status, target.source, target.model, target.score, target.why or "")
        merged = merge_states(kept, CodeState(row.status, row.source, row.model, row.score, row.why or ""))
        if merged != kept:
            conn.execute(update(codes).where(codes.c.id == target.id).values(**merged.as_dict()))
        conn.execute(delete(codes).where(codes.c.id == row.id))
    for table in (t.memos, t.detached_codes):
        conn.execute(
            update(table).where(table.c.project_id == project_id, table.c.theme_key == old).values(theme_key=new)
        )
    # A case has one summary per theme: where both themes had one, the texts are joined.
    kept_summaries = {
        r.transcript_id: r
        for r in conn.execute(
            select(t.summaries).where(t.summaries.c.project_id == project_id, t.summaries.c.theme_key == new)
        )
    }
    for row in conn.execute(
        select(t.summaries).where(t.summaries.c.project_id == project_id, t.summaries.c.theme_key == old)
    ).all():
        if row.transcript_id in kept_summaries:
            target = kept_summaries[row.transcript_id]
            conn.execute(
                update(t.summaries).where(t.summaries.c.id == target.id).values(text=f"{target.text}\n\n{row.text}")
            )
            conn.execute(delete(t.summaries).where(t.summaries.c.id == row.id))
        else:
            conn.execute(update(t.summaries).where(t.summaries.c.id == row.id).values(theme_key=new))


@dataclass
class ArchivedTheme:
    frame_key: str
    theme_key: str
    label: str
    parent_key: str | None
    codes: int


def archived_themes(store: Store, project_id: int) -> list[ArchivedTheme]:
    """Themes taken out of their frames that still hold researchers' work (restorable)."""
    codes = t.code_applications
    with store.read() as conn:
        rows = conn.execute(
            select(t.themes, t.frames.c.frame_key)
            .join(t.frames, t.frames.c.id == t.themes.c.frame_id)
            .where(t.themes.c.project_id == project_id, t.themes.c.archived.is_(True))
            .order_by(t.themes.c.id)
        ).all()
        counts: dict[str, int] = dict(
            conn.execute(
                select(codes.c.theme_key, func.count())
                .where(codes.c.project_id == project_id, codes.c.coder != MODEL_CODER)
                .group_by(codes.c.theme_key)
            ).all()
        )
    return [ArchivedTheme(r.frame_key, r.theme_key, r.label, r.parent_key, counts.get(r.theme_key, 0)) for r in rows]


def archived_theme(store: Store, project_id: int, theme_key: str) -> Theme:
    with store.read() as conn:
        row = conn.execute(
            select(t.themes).where(
                t.themes.c.project_id == project_id, t.themes.c.theme_key == theme_key, t.themes.c.archived.is_(True)
            )
        ).first()
    if row is None:
        raise NotFound(f"No archived theme {theme_key!r} in this project.")
    return Theme(
        id=row.theme_key,
        label=row.label,
        description=row.description,
        keywords=list(row.keywords or []),
        key=row.key,
        kind=row.kind,
        probes=list(row.probes or []),
        routing=row.routing,
        maps_to=list(row.maps_to or []),
    )


def load_frames(store: Store, project_id: int) -> list[Frame]:
    """The project's frames, current versions, cross-cutting frames first."""
    with store.read() as conn:
        rows = conn.execute(select(t.frames).where(t.frames.c.project_id == project_id).order_by(t.frames.c.id)).all()
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
