"""Who may do what on a shared project: two roles, one table, one pure function.

A *lead* sets up and runs the project (frame, assignments, exports, the
confidentiality gate, the team); a *coder* codes the interviews assigned to them
and writes memos and summaries there. The service layer asks ``may`` before every
write and refuses with ``refusal`` when the answer is no; the pages only hide what
the service would refuse anyway.

>>> may(TeamRole.CODER, TeamAction.EDIT_FRAME)
False
>>> may(TeamRole.LEAD, TeamAction.EDIT_FRAME)
True
"""

from __future__ import annotations

from enum import StrEnum


class TeamRole(StrEnum):
    LEAD = "lead"
    CODER = "coder"


class TeamAction(StrEnum):
    CODE = "code"  # decide on themes (confirm, reject, add, remove, undo) with one's own name
    WRITE_MEMO = "write_memo"
    WRITE_SUMMARY = "write_summary"
    CHANGE_OTHERS_CODES = "change_others_codes"
    EDIT_FRAME = "edit_frame"
    IMPORT = "import"  # transcripts and topic guides
    EDIT_ATTRIBUTES = "edit_attributes"
    ASSIGN = "assign"
    SETTLE = "settle"  # adjudicate a disagreement
    CHOOSE_NAMES = "choose_names"  # mark "not a name", add a missed name
    EXPORT = "export"
    OVERRIDE_GATE = "override_gate"  # export despite the confidentiality check
    MANAGE_TEAM = "manage_team"
    VIEW_HISTORY = "view_history"


# What each role may do, and a phrase for the refusal ("A coder cannot <phrase>.").
PHRASES: dict[TeamAction, str] = {
    TeamAction.CODE: "code interviews",
    TeamAction.WRITE_MEMO: "write memos",
    TeamAction.WRITE_SUMMARY: "write summaries",
    TeamAction.CHANGE_OTHERS_CODES: "change another coder's decisions",
    TeamAction.EDIT_FRAME: "edit the coding frame",
    TeamAction.IMPORT: "import transcripts or topic guides",
    TeamAction.EDIT_ATTRIBUTES: "edit case attributes",
    TeamAction.ASSIGN: "assign interviews or draw the reliability sample",
    TeamAction.SETTLE: "settle a disagreement",
    TeamAction.CHOOSE_NAMES: "decide which words are names to pseudonymise",
    TeamAction.EXPORT: "export the project",
    TeamAction.OVERRIDE_GATE: "override the confidentiality check",
    TeamAction.MANAGE_TEAM: "manage the team's accounts and roles",
    TeamAction.VIEW_HISTORY: "view the project's history",
}

CODER_MAY = frozenset({TeamAction.CODE, TeamAction.WRITE_MEMO, TeamAction.WRITE_SUMMARY, TeamAction.VIEW_HISTORY})
ALLOWED: dict[TeamRole, frozenset[TeamAction]] = {
    TeamRole.LEAD: frozenset(TeamAction),
    TeamRole.CODER: CODER_MAY,
}


def may(role: TeamRole | str | None, action: TeamAction | str) -> bool:
    """Whether a member with ``role`` may do ``action``; someone with no role may do nothing."""
    if role is None:
        return False
    return TeamAction(action) in ALLOWED[TeamRole(role)]


def refusal(user: str, role: TeamRole | str | None, action: TeamAction | str) -> str:
    """The message a refused user reads."""
    what = PHRASES[TeamAction(action)]
    if role is None:
        return f"{user} is not a member of this project, so cannot {what}. Ask the project's lead to add you."
    return f"{user} is a {TeamRole(role)} on this project, and only a lead may {what}."


def role_table() -> list[tuple[str, bool, bool]]:
    """(what, lead may, coder may) for every action: the README's and the Team page's table."""
    return [(PHRASES[a], may(TeamRole.LEAD, a), may(TeamRole.CODER, a)) for a in TeamAction]
