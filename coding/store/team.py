"""Accounts, project members, assignments and settled codes in the store.

The store saves what it is given; who may do it is decided in
``coding.team.permissions`` and checked by ``coding.service.team`` before any call.
"""

from __future__ import annotations

from sqlalchemy import and_, delete, insert, select, update

from coding.store import tables as t
from coding.store.db import Store
from coding.store.projects import now
from coding.team.accounts import Account
from coding.team.adjudication import SettledCode
from coding.team.assignments import Assignment

# --- accounts ----------------------------------------------------------------------


def _account(row) -> Account:
    return Account(row.username, row.display_name or "", row.email, row.password_hash, row.active, row.created_at)


def add_user(store: Store, account: Account) -> None:
    with store.begin() as conn:
        conn.execute(
            insert(t.users).values(
                username=account.username,
                display_name=account.display_name,
                email=account.email,
                password_hash=account.password_hash,
                active=account.active,
                created_at=now(),
            )
        )


def set_password_hash(store: Store, username: str, password_hash: str) -> None:
    with store.begin() as conn:
        conn.execute(update(t.users).where(t.users.c.username == username).values(password_hash=password_hash))


def get_user(store: Store, username: str) -> Account | None:
    with store.read() as conn:
        row = conn.execute(select(t.users).where(t.users.c.username == username)).first()
    return _account(row) if row else None


def find_user_by_email(store: Store, email: str) -> Account | None:
    with store.read() as conn:
        row = conn.execute(select(t.users).where(t.users.c.email == email.strip().lower())).first()
    return _account(row) if row else None


def list_users(store: Store) -> list[Account]:
    with store.read() as conn:
        return [_account(r) for r in conn.execute(select(t.users).order_by(t.users.c.username))]


# --- members -----------------------------------------------------------------------


def members(store: Store, project_id: int) -> dict[str, str]:
    """username -> role for the project's members (empty for a single-user project)."""
    m = t.project_members
    with store.read() as conn:
        rows = conn.execute(select(m.c.username, m.c.role).where(m.c.project_id == project_id)).all()
    return {r.username: r.role for r in rows}


def set_member(store: Store, project_id: int, username: str, role: str, added_by: str) -> str | None:
    """Add the member or change their role; returns the role they had before (None if new)."""
    m = t.project_members
    with store.begin() as conn:
        where = and_(m.c.project_id == project_id, m.c.username == username)
        before = conn.execute(select(m.c.role).where(where)).scalar()
        if before is None:
            conn.execute(
                insert(m).values(project_id=project_id, username=username, role=role, added_by=added_by, added_at=now())
            )
        else:
            conn.execute(update(m).where(where).values(role=role))
    return before


def remove_member(store: Store, project_id: int, username: str) -> None:
    m = t.project_members
    with store.begin() as conn:
        conn.execute(delete(m).where(m.c.project_id == project_id, m.c.username == username))


# --- assignments ---------------------------------------------------------------------


def _assignment(row) -> Assignment:
    return Assignment(row.transcript_id, row.username, row.kind, row.finished_at, row.assigned_by, row.assigned_at)


def assign(store: Store, project_id: int, transcript_id: int, username: str, kind: str, assigned_by: str) -> None:
    """Assign the interview to the coder (a second call changes the kind and reopens it)."""
    a = t.assignments
    with store.begin() as conn:
        where = and_(a.c.transcript_id == transcript_id, a.c.username == username)
        if conn.execute(select(a.c.id).where(where)).first() is None:
            conn.execute(
                insert(a).values(
                    project_id=project_id,
                    transcript_id=transcript_id,
                    username=username,
                    kind=kind,
                    assigned_by=assigned_by,
                    assigned_at=now(),
                    finished_at=None,
                )
            )
        else:
            conn.execute(update(a).where(where).values(kind=kind, finished_at=None))


def unassign(store: Store, transcript_id: int, username: str) -> None:
    a = t.assignments
    with store.begin() as conn:
        conn.execute(delete(a).where(a.c.transcript_id == transcript_id, a.c.username == username))


def set_finished(store: Store, transcript_id: int, username: str, finished: bool) -> bool:
    """Mark the coder's assignment finished (or open again); False when there is no such assignment."""
    a = t.assignments
    with store.begin() as conn:
        result = conn.execute(
            update(a)
            .where(a.c.transcript_id == transcript_id, a.c.username == username)
            .values(finished_at=now() if finished else None)
        )
    return result.rowcount > 0


def list_assignments(store: Store, project_id: int) -> list[Assignment]:
    a = t.assignments
    with store.read() as conn:
        rows = conn.execute(select(a).where(a.c.project_id == project_id).order_by(a.c.transcript_id, a.c.username))
        return [_assignment(r) for r in rows]


# --- settled codes --------------------------------------------------------------------


def settle(store: Store, project_id: int, code: SettledCode) -> SettledCode | None:
    """Store the lead's settled code for a (segment, theme); returns the one it replaced."""
    s = t.settled_codes
    with store.begin() as conn:
        where = and_(s.c.segment_id == code.segment_id, s.c.theme_key == code.theme_id)
        before = conn.execute(select(s).where(where)).first()
        conn.execute(delete(s).where(where))
        conn.execute(
            insert(s).values(
                project_id=project_id,
                segment_id=code.segment_id,
                theme_key=code.theme_id,
                applied=code.applied,
                note=code.note,
                settled_by=code.settled_by,
                settled_at=now(),
            )
        )
    return _settled(before) if before else None


def _settled(row) -> SettledCode:
    return SettledCode(row.segment_id, row.theme_key, row.applied, row.settled_by, row.note or "", row.settled_at)


def list_settled(store: Store, project_id: int) -> list[SettledCode]:
    s = t.settled_codes
    with store.read() as conn:
        rows = conn.execute(select(s).where(s.c.project_id == project_id).order_by(s.c.segment_id, s.c.theme_key))
        return [_settled(r) for r in rows]


def transcripts_of_segments(store: Store, segment_ids: list[int]) -> dict[int, int]:
    """segment id -> its interview's id."""
    s = t.segments
    out: dict[int, int] = {}
    with store.read() as conn:
        for chunk in range(0, len(segment_ids), 500):
            rows = conn.execute(select(s.c.id, s.c.transcript_id).where(s.c.id.in_(segment_ids[chunk : chunk + 500])))
            out.update({r.id: r.transcript_id for r in rows})
    return out


def project_of_transcript(store: Store, transcript_id: int) -> int | None:
    with store.read() as conn:
        return conn.execute(select(t.transcripts.c.project_id).where(t.transcripts.c.id == transcript_id)).scalar()
