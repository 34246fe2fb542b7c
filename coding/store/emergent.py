"""Emergent-theme clusters a researcher has set aside (dismissed, or already turned into a theme)."""

from __future__ import annotations

from sqlalchemy import insert, select

from coding.store import tables as t
from coding.store.db import Store
from coding.store.projects import now


def set_aside(store: Store, project_id: int, cluster_key: str, label: str, author: str) -> None:
    """Remember the cluster so it is not offered again (a second call for the same key is a no-op)."""
    with store.begin() as conn:
        seen = conn.execute(
            select(t.dismissed_clusters.c.id).where(
                t.dismissed_clusters.c.project_id == project_id, t.dismissed_clusters.c.cluster_key == cluster_key
            )
        ).first()
        if seen is None:
            conn.execute(
                insert(t.dismissed_clusters).values(
                    project_id=project_id, cluster_key=cluster_key, label=label, author=author, created_at=now()
                )
            )


def set_aside_keys(store: Store, project_id: int) -> set[str]:
    with store.read() as conn:
        return set(
            conn.execute(
                select(t.dismissed_clusters.c.cluster_key).where(t.dismissed_clusters.c.project_id == project_id)
            ).scalars()
        )
