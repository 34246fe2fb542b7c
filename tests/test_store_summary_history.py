"""Framework summaries keep their author and every version, with the draft each came from."""

from __future__ import annotations

import pytest

from coding.errors import WorkbenchError
from coding.store import projects
from coding.store.snapshot import project_snapshot
from coding.store.summaries import current_summaries, save_summary, summary_history
from tests.store_factory import small_project

DRAFT = "Jobcentre sent me a letter the week I got out. [Case 1, R, para 2]"


def _versions(store, transcript_id, theme_id):
    return [(v.text, v.action, v.draft, v.author) for v in summary_history(store, transcript_id, theme_id)]


def test_accept_edit_rewrite_and_clear_are_each_a_version(fresh_store):
    project_id, transcript_id, _ = small_project(fresh_store)
    save_summary(fresh_store, project_id, transcript_id, "referrals", DRAFT, "amira", "accepted", draft=DRAFT)
    save_summary(
        fresh_store,
        project_id,
        transcript_id,
        "referrals",
        "Referred by letter; nobody at the gate (2).",
        "ben",
        "edited",
        draft=DRAFT,
    )
    save_summary(
        fresh_store,
        project_id,
        transcript_id,
        "sanctions",
        "  Sanctioned four weeks while in a hostel. ",
        "amira",
        "written",
    )
    save_summary(fresh_store, project_id, transcript_id, "sanctions", "", "amira", "written")

    assert _versions(fresh_store, transcript_id, "referrals") == [
        (DRAFT, "accepted", DRAFT, "amira"),
        ("Referred by letter; nobody at the gate (2).", "edited", DRAFT, "ben"),
    ]
    assert _versions(fresh_store, transcript_id, "sanctions") == [
        ("Sanctioned four weeks while in a hostel.", "written", "", "amira"),
        ("", "cleared", "", "amira"),  # empty text clears the cell, and says so
    ]
    current = current_summaries(fresh_store, project_id)
    assert {key: (s.text, s.author) for key, s in current.items()} == {
        (transcript_id, "referrals"): ("Referred by letter; nobody at the gate (2).", "ben"),
    }
    # The exports read the same current text.
    assert project_snapshot(fresh_store, project_id).summaries == {
        (transcript_id, "referrals"): "Referred by letter; nobody at the gate (2)."
    }


@pytest.mark.parametrize(
    ("author", "action", "message"),
    [("", "written", "coder name"), ("amira", "approved", "Unknown summary action")],
)
def test_a_summary_needs_an_author_and_a_known_action(fresh_store, author, action, message):
    project_id, transcript_id, _ = small_project(fresh_store)
    with pytest.raises(WorkbenchError, match=message):
        save_summary(fresh_store, project_id, transcript_id, "referrals", "Text", author, action)
    assert summary_history(fresh_store, transcript_id, "referrals") == []


def test_deleting_the_project_removes_its_summaries_and_versions(fresh_store):
    project_id, transcript_id, _ = small_project(fresh_store)
    save_summary(fresh_store, project_id, transcript_id, "referrals", "Referred by letter.", "amira", "written")
    projects.delete_project(fresh_store, project_id)
    assert summary_history(fresh_store, transcript_id, "referrals") == []
