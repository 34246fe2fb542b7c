"""Roles: the rule table, and the service refusing a coder what only a lead may do."""

from __future__ import annotations

import pytest

from coding.errors import PermissionDenied, WorkbenchError
from coding.service import team
from coding.team.permissions import TeamAction, TeamRole, may, refusal, role_table
from tests.store_factory import small_project


def test_the_rule_table():
    assert {a for a in TeamAction if may(TeamRole.CODER, a)} == {
        TeamAction.CODE,
        TeamAction.WRITE_MEMO,
        TeamAction.WRITE_SUMMARY,
        TeamAction.VIEW_HISTORY,
    }
    assert all(may(TeamRole.LEAD, a) for a in TeamAction)
    assert not any(may(None, a) for a in TeamAction)
    assert role_table()[4] == ("edit the coding frame", True, False)


def test_refusals_say_who_may():
    assert refusal("ben", "coder", TeamAction.EDIT_FRAME) == (
        "ben is a coder on this project, and only a lead may edit the coding frame."
    )
    assert refusal("zoe", None, "export") == (
        "zoe is not a member of this project, so cannot export the project. Ask the project's lead to add you."
    )


@pytest.fixture
def team_project(fresh_store):
    project_id, transcript_id, segments = small_project(fresh_store)
    for name in ("lena", "amira", "ben"):
        team.add_user(fresh_store, name, None)  # identity-provider accounts: no hashing to wait for
    team.set_member(fresh_store, project_id, "lena", "lead", by=team.CLI)
    team.set_member(fresh_store, project_id, "amira", "coder", by="lena")
    team.set_member(fresh_store, project_id, "ben", "coder", by="lena")
    team.assign(fresh_store, project_id, transcript_id, "amira", by="lena")
    return fresh_store, project_id, transcript_id


def test_a_single_user_project_checks_nothing(fresh_store):
    project_id, transcript_id, _ = small_project(fresh_store)
    assert not team.is_team_project(fresh_store, project_id)
    team.authorize(fresh_store, project_id, None, TeamAction.EDIT_FRAME)
    team.authorize_decision(fresh_store, project_id, "anyone", "someone else", transcript_id)


def test_a_coder_may_code_their_interview_with_their_own_name_only(team_project):
    store, project_id, transcript_id = team_project
    team.authorize_decision(store, project_id, "amira", "amira", transcript_id)
    with pytest.raises(PermissionDenied, match="only a lead may change another coder's decisions"):
        team.authorize_decision(store, project_id, "amira", "ben", transcript_id)
    with pytest.raises(PermissionDenied, match="ben is not assigned to this interview"):
        team.authorize_decision(store, project_id, "ben", "ben", transcript_id)
    team.authorize_decision(store, project_id, "lena", "ben", transcript_id)  # the lead may


@pytest.mark.parametrize(
    "action",
    [
        TeamAction.EDIT_FRAME,
        TeamAction.EXPORT,
        TeamAction.OVERRIDE_GATE,
        TeamAction.CHOOSE_NAMES,
        TeamAction.ASSIGN,
        TeamAction.MANAGE_TEAM,
        TeamAction.SETTLE,
    ],
)
def test_a_coder_is_refused_what_only_a_lead_may_do(team_project, action):
    store, project_id, _ = team_project
    with pytest.raises(PermissionDenied, match="amira is a coder on this project, and only a lead may"):
        team.authorize(store, project_id, "amira", action)
    team.authorize(store, project_id, "lena", action)


@pytest.mark.parametrize("user", [None, "zoe"])
def test_someone_not_signed_in_or_not_a_member_is_refused_on_a_server_not_on_a_local_file(team_project, user):
    store, project_id, transcript_id = team_project
    if store.is_sqlite:  # sign-in is optional on a SQLite file: a name that is no member's works as before
        team.authorize(store, project_id, user, TeamAction.EDIT_FRAME)
        team.authorize_decision(store, project_id, user, "ben", transcript_id)
    else:
        who = "Someone not signed in" if user is None else user
        with pytest.raises(PermissionDenied, match=f"{who} is not a member"):
            team.authorize(store, project_id, user, TeamAction.WRITE_MEMO)
        with pytest.raises(PermissionDenied, match=who):
            team.authorize_decision(store, project_id, user, "ben", transcript_id)


def test_team_changes_are_refused_to_coders_and_recorded(team_project):
    store, project_id, transcript_id = team_project
    with pytest.raises(PermissionDenied):
        team.set_member(store, project_id, "ben", "lead", by="amira")
    with pytest.raises(PermissionDenied):
        team.assign(store, project_id, transcript_id, "ben", by="amira")
    with pytest.raises(WorkbenchError, match="only one"):
        team.remove_member(store, project_id, "lena", by="lena")
    assert [(e.actor, e.kind, e.target, e.after) for e in team.history(store, project_id)] == [
        ("lena", "team.assign", "Prisoner interview 1 to amira", "code"),
        ("lena", "team.member", "ben", "coder"),
        ("lena", "team.member", "amira", "coder"),
        ("command line", "team.member", "lena", "lead"),
    ]


def test_the_first_member_is_a_lead(fresh_store):
    project_id, _, _ = small_project(fresh_store)
    team.add_user(fresh_store, "amira", None)
    with pytest.raises(WorkbenchError, match="first member of a project is its lead"):
        team.set_member(fresh_store, project_id, "amira", "coder", by=None)
