"""A researcher's decisions, memos and summaries: each stored the moment it is made.

What an action does to a code is decided by the pure rules of ``coding.decisions``;
the store saves the result and its log entry in one transaction.
"""

from __future__ import annotations

from coding.model import Action, CodeApplication, Memo
from coding.service import team
from coding.store import codes as store_codes
from coding.store import transcripts as store_transcripts
from coding.store.db import Store
from coding.team.permissions import TeamAction

UndoneDecision = store_codes.UndoneDecision


def decide(
    store: Store,
    project_id: int,
    segment_id: int,
    theme_id: str,
    action: Action | str,
    coder: str,
    span: tuple[int, int] | None = None,
    user: str | None = None,
) -> CodeApplication | None:
    """Confirm, reject or add a theme on a segment (or a phrase of it), or remove the coder's code.

    Returns the coder's code after the decision (None after remove). ``user`` is who is
    signed in (default: the coder); on a team project a coder decides only under their
    own name and on interviews assigned to them (``PermissionDenied`` otherwise). Raises
    ``StoreBusy`` when the store stayed locked by other writers: nothing was saved.
    """
    if team.is_team_project(store, project_id):
        transcript_id = store_transcripts.transcript_of_segment(store, segment_id)
        team.authorize_decision(store, project_id, user or coder, coder, transcript_id)
    return store_codes.decide(store, project_id, segment_id, theme_id, Action(action), coder, span)


def undo(store: Store, project_id: int, coder: str, user: str | None = None) -> UndoneDecision | None:
    """Undo exactly this coder's own last action; refused (``ConflictError``) when someone changed it since."""
    if (user or coder) != coder:
        team.authorize(store, project_id, user, TeamAction.CHANGE_OTHERS_CODES)
    team.authorize(store, project_id, user or coder, TeamAction.CODE)
    return store_codes.undo_last(store, project_id, coder)


def add_memo(store: Store, project_id: int, memo: Memo) -> int:
    team.authorize(store, project_id, memo.author, TeamAction.WRITE_MEMO)
    return store_codes.add_memo(store, project_id, memo)


def reattach_detached_code(store: Store, detached_id: int, segment_id: int) -> CodeApplication:
    """Put a code whose words left every answer (after a role correction) back on an answer."""
    return store_codes.reattach_detached_code(store, detached_id, segment_id)
