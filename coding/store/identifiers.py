"""The export gate's records: overrides of single hits, and every export written or blocked.

An override lets one hit (an identifier of a kind, at one place in one kind of
export) through, with who and why; later exports of that kind honour it. The
export record says, for every export, whether it was pseudonymised and what the
gate found, so the researcher can show what left the workbench and under what choice.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import insert, select

from coding.errors import NotFound
from coding.store import tables as t
from coding.store.db import Store


@dataclass(frozen=True)
class ExportRecord:
    export_kind: str
    file_name: str
    pseudonymised: bool
    outcome: str  # "written" | "blocked"
    hits: int
    overridden: int
    author: str
    created_at: datetime


def _check_project(conn, project_id: int) -> None:
    if conn.execute(select(t.projects.c.id).where(t.projects.c.id == project_id)).first() is None:
        raise NotFound(f"No project with id {project_id}.")


def add_override(
    store: Store,
    project_id: int,
    export_kind: str,
    identifier_kind: str,
    value: str,
    location: str,
    reason: str,
    author: str,
) -> None:
    """Let one hit through from now on (recorded with who and why); a second override of it is a no-op."""
    table = t.gate_overrides
    with store.begin() as conn:
        _check_project(conn, project_id)
        exists = conn.execute(
            select(table.c.id).where(
                table.c.project_id == project_id,
                table.c.export_kind == export_kind,
                table.c.identifier_kind == identifier_kind,
                table.c.value == value[:200],
                table.c.location == location[:300],
            )
        ).first()
        if exists is None:
            conn.execute(
                insert(table).values(
                    project_id=project_id,
                    export_kind=export_kind,
                    identifier_kind=identifier_kind,
                    value=value[:200],
                    location=location[:300],
                    reason=reason,
                    author=author,
                    created_at=datetime.now(UTC),
                )
            )


def load_overrides(store: Store, project_id: int, export_kind: str) -> set[tuple[str, str, str]]:
    """(identifier kind, value, location) of every hit let through for this kind of export."""
    table = t.gate_overrides
    with store.read() as conn:
        rows = conn.execute(
            select(table.c.identifier_kind, table.c.value, table.c.location).where(
                table.c.project_id == project_id, table.c.export_kind == export_kind
            )
        ).all()
    return {(r.identifier_kind, r.value, r.location) for r in rows}


def record_export(
    store: Store,
    project_id: int,
    export_kind: str,
    file_name: str,
    pseudonymised: bool,
    outcome: str,
    hits: int,
    overridden: int,
    author: str,
) -> None:
    with store.begin() as conn:
        conn.execute(
            insert(t.export_records).values(
                project_id=project_id,
                export_kind=export_kind,
                file_name=file_name[:300],
                pseudonymised=pseudonymised,
                outcome=outcome,
                hits=hits,
                overridden=overridden,
                author=author,
                created_at=datetime.now(UTC),
            )
        )


def export_records(store: Store, project_id: int) -> list[ExportRecord]:
    """Every export of the project, oldest first."""
    table = t.export_records
    with store.read() as conn:
        rows = conn.execute(select(table).where(table.c.project_id == project_id).order_by(table.c.id)).all()
    return [
        ExportRecord(
            r.export_kind, r.file_name, r.pseudonymised, r.outcome, r.hits, r.overridden, r.author, r.created_at
        )
        for r in rows
    ]
