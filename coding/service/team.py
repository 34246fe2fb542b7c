"""The team's door to the store: accounts, roles, assignments, adjudication, history, agreement.

Permission checks live here, not on the pages: ``authorize`` refuses with
``PermissionDenied`` and a message saying who may. A project with no members is a
single-user project and nothing is checked, exactly as before teams existed.
``by`` is the signed-in user (None when nobody is signed in); ``by=CLI`` is the command
line, i.e. someone holding the database URL (the server's owner), who may do anything.
``name`` is the coder name typed in an unsigned tab of a local file: it only labels
the history entry, it grants nothing.

Who is checked is the name a change is made under (the coder name, the author). On
PostgreSQL the app makes everyone sign in and that name is the signed-in account, so
every role binds. On a SQLite file signing in is optional: a member's name carries the
member's role, and a name that is no member's (or none) works as before -- the file's
owner can open it directly anyway, so on a local file roles are guard rails, and the
file itself is the boundary.
"""

from __future__ import annotations

import csv
from pathlib import Path

from coding.errors import NotFound, PermissionDenied, WorkbenchError
from coding.model import CodeApplication
from coding.store import codes as store_codes
from coding.store import coverage_counts as store_coverage
from coding.store import history as store_history
from coding.store import projects as store_projects
from coding.store import team as store_team
from coding.store import transcripts as store_transcripts
from coding.store.db import Store
from coding.team import accounts
from coding.team.adjudication import Disagreement, SettledCode, apply_settlements, disagreements
from coding.team.agreement import AgreementReport, agreement
from coding.team.assignments import (
    CODE,
    KINDS,
    RELIABILITY,
    Assignment,
    SampleDraw,
    draw_reliability_sample,
    may_code_transcript,
    visible_codes,
)
from coding.team.history import HistoryEntry, csv_rows, select_entries
from coding.team.permissions import TeamAction, TeamRole, may, refusal

CLI = "command line"


def _actor(by: str | None, name: str | None) -> str:
    return by or (name or "").strip() or "unknown"


# --- who may -----------------------------------------------------------------------


def members(store: Store, project_id: int) -> dict[str, str]:
    return store_team.members(store, project_id)


def is_team_project(store: Store, project_id: int) -> bool:
    return bool(store_team.members(store, project_id))


def role_of(store: Store, project_id: int, username: str | None) -> TeamRole | None:
    role = store_team.members(store, project_id).get(username or "")
    return TeamRole(role) if role else None


def _unchecked(store: Store, team: dict[str, str], user: str | None) -> bool:
    """No check: a single-user project, the command line, or a non-member's name on a local file."""
    return not team or user == CLI or (store.is_sqlite and (user or "") not in team)


def authorize(store: Store, project_id: int, user: str | None, action: TeamAction) -> None:
    """Return quietly when ``user`` may do ``action`` on the project, else raise PermissionDenied."""
    team = store_team.members(store, project_id)
    if _unchecked(store, team, user):
        return
    role = team.get(user or "")
    if not may(role, action):
        raise PermissionDenied(refusal(user or "Someone not signed in", role, action))


def authorize_decision(store: Store, project_id: int, user: str | None, coder: str, transcript_id: int) -> None:
    """May ``user`` record or undo a decision stamped ``coder`` on this interview?

    A coder decides only with their own name, and only on interviews assigned to them;
    a lead may code anything, and change another coder's decisions.
    """
    team = store_team.members(store, project_id)
    if _unchecked(store, team, user):
        return
    authorize(store, project_id, user, TeamAction.CODE)
    if coder != user:
        authorize(store, project_id, user, TeamAction.CHANGE_OTHERS_CODES)
    role = team.get(user or "")
    if not may_code_transcript(role, user or "", transcript_id, store_team.list_assignments(store, project_id)):
        raise PermissionDenied(f"{user} is not assigned to this interview; ask the project's lead to assign it.")


def record(
    store: Store,
    project_id: int,
    actor: str | None,
    kind: str,
    target: str = "",
    *,
    transcript_id: int | None = None,
    segment_id: int | None = None,
    theme_id: str | None = None,
    before=None,
    after=None,
) -> int:
    """Append one history entry (inside the caller's transaction when one is open)."""
    return store_history.append(
        store,
        project_id,
        HistoryEntry(actor or "unknown", kind, target, transcript_id, segment_id, theme_id, before, after),
    )


# --- accounts and members ------------------------------------------------------------


def add_user(
    store: Store,
    username: str,
    password: str | None,
    display_name: str = "",
    email: str | None = None,
    by: str | None = None,
) -> accounts.Account:
    """Create a workbench account (argon2id hash; no password for identity-provider sign-in)."""
    username = accounts.check_username(username)
    if store_team.get_user(store, username) is not None:
        raise WorkbenchError(f"There is already an account {username!r}.")
    account = accounts.Account(
        username,
        display_name.strip() or username,
        email.strip().lower() if email else None,
        accounts.hash_password(password) if password else None,
    )
    store_team.add_user(store, account)
    return account


def set_password(store: Store, username: str, password: str) -> None:
    if store_team.get_user(store, username) is None:
        raise NotFound(f"No account {username!r}.")
    store_team.set_password_hash(store, username, accounts.hash_password(password))


def sign_in(store: Store, username: str, password: str) -> accounts.Account | None:
    """The account when the password is right; None otherwise (never says which part was wrong)."""
    account = store_team.get_user(store, username.strip().lower())
    return account if accounts.verify_password(account, password) else None


def account_for_email(store: Store, email: str) -> accounts.Account | None:
    """The account an identity provider's signed-in email belongs to (st.login)."""
    return store_team.find_user_by_email(store, email)


def list_users(store: Store) -> list[accounts.Account]:
    return store_team.list_users(store)


def set_member(
    store: Store, project_id: int, username: str, role: str, by: str | None, name: str | None = None
) -> None:
    """Add someone to the project as lead or coder (or change their role). The first member must be a lead."""
    role = TeamRole(role)
    team = store_team.members(store, project_id)
    if team:
        authorize(store, project_id, by, TeamAction.MANAGE_TEAM)
    elif role != TeamRole.LEAD:
        raise WorkbenchError("The first member of a project is its lead; add a lead before any coder.")
    if store_team.get_user(store, username) is None:
        raise NotFound(f"No account {username!r}; create it first (python -m coding user add {username}).")
    if team.get(username) == TeamRole.LEAD and role != TeamRole.LEAD and list(team.values()).count("lead") == 1:
        raise WorkbenchError("A project needs a lead: make someone else lead before changing this one's role.")
    with store.transaction():
        before = store_team.set_member(store, project_id, username, role, _actor(by, name))
        record(store, project_id, _actor(by, name), "team.member", username, before=before, after=str(role))


def remove_member(store: Store, project_id: int, username: str, by: str | None, name: str | None = None) -> None:
    authorize(store, project_id, by, TeamAction.MANAGE_TEAM)
    team = store_team.members(store, project_id)
    if team.get(username) == TeamRole.LEAD and list(team.values()).count("lead") == 1:
        raise WorkbenchError("A project needs a lead: this is its only one.")
    with store.transaction():
        store_team.remove_member(store, project_id, username)
        record(store, project_id, _actor(by, name), "team.member", username, before=team.get(username), after=None)


# --- assignments --------------------------------------------------------------------


def assignments(store: Store, project_id: int) -> list[Assignment]:
    return store_team.list_assignments(store, project_id)


def assign(
    store: Store,
    project_id: int,
    transcript_id: int,
    username: str,
    by: str | None,
    kind: str = CODE,
    name: str | None = None,
) -> None:
    authorize(store, project_id, by, TeamAction.ASSIGN)
    if kind not in KINDS:
        raise WorkbenchError(f"Unknown assignment kind {kind!r}; use one of {', '.join(KINDS)}.")
    if is_team_project(store, project_id) and username not in members(store, project_id):
        raise WorkbenchError(f"{username} is not a member of this project.")
    info = store_transcripts.get_transcript_info(store, transcript_id)
    with store.transaction():
        store_team.assign(store, project_id, transcript_id, username, kind, _actor(by, name))
        record(
            store,
            project_id,
            _actor(by, name),
            "team.assign",
            f"{info.name} to {username}",
            transcript_id=transcript_id,
            after=kind,
        )


def unassign(
    store: Store, project_id: int, transcript_id: int, username: str, by: str | None, name: str | None = None
) -> None:
    authorize(store, project_id, by, TeamAction.ASSIGN)
    with store.transaction():
        store_team.unassign(store, transcript_id, username)
        record(
            store,
            project_id,
            _actor(by, name),
            "team.assign",
            f"interview {transcript_id} from {username}",
            transcript_id=transcript_id,
            after=None,
        )


def draw_sample(
    store: Store,
    project_id: int,
    by: str | None,
    coders: list[str],
    attribute: str = "",
    fraction: float = 0.15,
    seed: int = 0,
    name: str | None = None,
) -> list[SampleDraw]:
    """Draw the blind double-coding sample, stratified by a case attribute, and assign it."""
    authorize(store, project_id, by, TeamAction.ASSIGN)
    infos = store_transcripts.list_transcripts(store, project_id)
    strata = {i.id: str((i.attributes or {}).get(attribute, "")) if attribute else "" for i in infos}
    drawn = draw_reliability_sample(strata, coders, fraction, seed)
    with store.transaction():
        for d in drawn:
            for coder in d.coders:
                store_team.assign(store, project_id, d.transcript_id, coder, RELIABILITY, _actor(by, name))
        record(
            store,
            project_id,
            _actor(by, name),
            "team.assign",
            f"reliability sample by {attribute or 'no attribute'}",
            after=[{"transcript_id": d.transcript_id, "stratum": d.stratum, "coders": list(d.coders)} for d in drawn],
        )
    return drawn


def set_finished(store: Store, project_id: int, transcript_id: int, username: str, finished: bool = True) -> None:
    """A coder says they finished an assigned interview (which lifts the blinding once both have)."""
    with store.transaction():
        if not store_team.set_finished(store, transcript_id, username, finished):
            raise NotFound(f"{username} has no assignment on interview {transcript_id}.")
        record(
            store,
            project_id,
            username,
            "team.finish",
            f"interview {transcript_id}",
            transcript_id=transcript_id,
            after=finished,
        )


def codes_visible_to(store: Store, project_id: int, viewer: str, codes: list[CodeApplication]) -> list[CodeApplication]:
    """``visible_codes`` with the interview of each code looked up."""
    transcript_of = store_team.transcripts_of_segments(store, sorted({c.segment_id for c in codes}))
    return visible_codes(codes, viewer, store_team.list_assignments(store, project_id), transcript_of)


# --- disagreements and settled codes ----------------------------------------------------


def project_disagreements(store: Store, project_id: int) -> list[Disagreement]:
    return disagreements(store_codes.project_codes(store, project_id), store_team.list_settled(store, project_id))


def settle(
    store: Store,
    project_id: int,
    segment_id: int,
    theme_id: str,
    applied: bool,
    by: str | None,
    note: str = "",
    name: str | None = None,
) -> None:
    """The lead settles a disagreement; the coders' own codes are kept as they were."""
    authorize(store, project_id, by, TeamAction.SETTLE)
    with store.transaction():
        before = store_team.settle(
            store, project_id, SettledCode(segment_id, theme_id, applied, _actor(by, name), note)
        )
        record(
            store,
            project_id,
            _actor(by, name),
            "code.settle",
            f"{theme_id} on segment {segment_id}",
            segment_id=segment_id,
            theme_id=theme_id,
            before=None if before is None else {"applied": before.applied, "note": before.note},
            after={"applied": applied, "note": note},
        )


def settled_codes(store: Store, project_id: int) -> list[SettledCode]:
    return store_team.list_settled(store, project_id)


def codes_for_export(store: Store, project_id: int, codes: list[CodeApplication]) -> list[CodeApplication]:
    """The codes exports use: settled codes in place of the disagreeing originals."""
    settled = store_team.list_settled(store, project_id)
    return apply_settlements(codes, settled) if settled else codes


# --- history ----------------------------------------------------------------------------


def history(
    store: Store,
    project_id: int,
    segment_id: int | None = None,
    transcript_id: int | None = None,
    actors: list[str] | None = None,
    kinds: list[str] | None = None,
    text: str = "",
) -> list[HistoryEntry]:
    """Every change, newest first: the history table, with the decisions log, memos and summary versions
    read in beside it (each is append-only already, so the history holds no second copy of them)."""
    entries = store_history.entries(store, project_id, segment_id=segment_id, transcript_id=transcript_id)
    entries += store_history.decision_entries(store, project_id, segment_id)
    entries += store_history.memo_entries(store, project_id, segment_id)
    if segment_id is None:
        entries += store_history.summary_entries(store, project_id)
    if transcript_id is not None:
        entries = [e for e in entries if e.transcript_id == transcript_id]
    entries.sort(key=lambda e: e.at.timestamp() if e.at else 0.0, reverse=True)
    return select_entries(entries, actors or (), kinds or (), text)


def export_history_csv(entries: list[HistoryEntry], path: str | Path) -> Path:
    path = Path(path)
    with path.open("w", newline="", encoding="utf-8-sig") as handle:
        csv.writer(handle).writerows(csv_rows(entries))
    return path


# --- agreement --------------------------------------------------------------------------


def agreement_report(
    store: Store, project_id: int, model_threshold: float = 0.5, sample_only: bool = False
) -> AgreementReport:
    """The project's agreement; on the double-coded sample's segments only when ``sample_only``."""
    themes = [theme.id for frame in store_projects.load_frames(store, project_id) for theme, _ in frame.walk()]
    units = None
    if sample_only:
        sample = {a.transcript_id for a in store_team.list_assignments(store, project_id) if a.kind == RELIABILITY}
        units = {s.stored_id for tid in sample for s in store_transcripts.load_segments(store, tid)}
    # The researchers' codes and the model's on reviewed segments: the rest never enters a figure.
    return agreement(store_coverage.agreement_codes(store, project_id), themes, model_threshold, units)


def export_agreement_docx(
    store: Store,
    project_id: int,
    path: str | Path,
    by: str | None = None,
    sample_only: bool = False,
    name: str | None = None,
) -> Path:
    """The one-page agreement report for a method annex (.docx)."""
    from coding.team.report_docx import write_agreement_docx

    report = agreement_report(store, project_id, sample_only=sample_only)
    labels = {t.id: t.label for f in store_projects.load_frames(store, project_id) for t, _ in f.walk()}
    project = store_projects.get_project(store, project_id).name
    path = write_agreement_docx(report, Path(path), project, labels)
    record(store, project_id, _actor(by, name), "export", f"agreement report {path.name}")
    return path
