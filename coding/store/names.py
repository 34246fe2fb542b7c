"""The researcher's identifier choices for pseudonymisation, written the moment they change.

One row per value and project: ``add`` (an identifier the detector missed, to be
replaced, with its kind: a person, a prison, a phone number...) or ``exclude`` (a
word wrongly taken for an identifier, to be left as written), with who chose it. A new
choice for a name replaces the old one, so the two lists never share a name;
forgetting a choice deletes its row.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import delete, insert, select

from coding.anonymise.kinds import PERSON
from coding.anonymise.names import NameChoices, clean_name, name_key
from coding.errors import NotFound
from coding.store import tables as t
from coding.store.db import Store

CHOICES = ("add", "exclude")


def load_name_choices(store: Store, project_id: int) -> NameChoices:
    """The project's added and excluded names, each list in the order they were chosen."""
    table = t.name_choices
    with store.read() as conn:
        rows = conn.execute(
            select(table.c.name, table.c.choice, table.c.kind)
            .where(table.c.project_id == project_id)
            .order_by(table.c.id)
        ).all()
    return NameChoices(
        added=tuple(r.name for r in rows if r.choice == "add" and r.kind == PERSON),
        excluded=tuple(r.name for r in rows if r.choice == "exclude"),
        added_other=tuple((r.kind, r.name) for r in rows if r.choice == "add" and r.kind != PERSON),
    )


def name_choice_authors(store: Store, project_id: int) -> dict[str, tuple[str, str]]:
    """name key -> (author, choice) of every stored choice: who decided each row of the review."""
    table = t.name_choices
    with store.read() as conn:
        rows = conn.execute(
            select(table.c.name_key, table.c.author, table.c.choice).where(table.c.project_id == project_id)
        ).all()
    return {r.name_key: (r.author, r.choice) for r in rows}


def set_name_choice(store: Store, project_id: int, name: str, choice: str, author: str, kind: str = PERSON) -> None:
    """Record ``choice`` ("add" or "exclude") for ``name`` (of ``kind``), replacing any earlier choice for it."""
    if choice not in CHOICES:
        raise ValueError(f"choice must be one of {CHOICES}, not {choice!r}")
    table = t.name_choices
    with store.begin() as conn:
        if conn.execute(select(t.projects.c.id).where(t.projects.c.id == project_id)).first() is None:
            raise NotFound(f"No project with id {project_id}.")
        conn.execute(delete(table).where(table.c.project_id == project_id, table.c.name_key == name_key(name)))
        conn.execute(
            insert(table).values(
                project_id=project_id,
                name_key=name_key(name),
                name=clean_name(name),
                choice=choice,
                author=author,
                created_at=datetime.now(UTC),
                kind=kind,
            )
        )


def forget_name_choice(store: Store, project_id: int, name: str) -> bool:
    """Drop the choice for ``name`` (an added name is no longer added, an excluded one counts again).

    Returns whether there was one.
    """
    table = t.name_choices
    with store.begin() as conn:
        result = conn.execute(delete(table).where(table.c.project_id == project_id, table.c.name_key == name_key(name)))
    return result.rowcount > 0
