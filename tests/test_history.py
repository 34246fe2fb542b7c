"""The history is append-only: entries are written and read back, never changed or deleted."""

from __future__ import annotations

import pytest
from sqlalchemy import delete, text, update
from sqlalchemy.exc import DBAPIError

from coding.service import team
from coding.store import history as store_history
from coding.store import tables as t
from coding.team.history import HistoryEntry, csv_rows, select_entries
from tests.store_factory import small_project


def test_entries_are_read_back_newest_first_per_project_and_per_segment(fresh_store):
    project_id, transcript_id, segments = small_project(fresh_store)
    team.record(
        fresh_store,
        project_id,
        "amira",
        "code.confirm",
        "sanctions on segment",
        transcript_id=transcript_id,
        segment_id=segments[1].id,
        theme_id="sanctions",
        before={"status": "suggested"},
        after={"status": "confirmed"},
    )
    team.record(
        fresh_store,
        project_id,
        "ben",
        "summary",
        "summary of sanctions",
        transcript_id=transcript_id,
        theme_id="sanctions",
        before=None,
        after={"text": "Four weeks"},
    )
    team.record(fresh_store, project_id + 1, "ben", "memo", "another project")
    everything = team.history(fresh_store, project_id)
    assert [(e.actor, e.kind, e.segment_id, e.before, e.after) for e in everything] == [
        ("ben", "summary", None, None, {"text": "Four weeks"}),
        ("amira", "code.confirm", segments[1].id, {"status": "suggested"}, {"status": "confirmed"}),
    ]
    assert [e.actor for e in team.history(fresh_store, project_id, segment_id=segments[1].id)] == ["amira"]
    assert [e.kind for e in team.history(fresh_store, project_id, kinds=["code"])] == ["code.confirm"]
    assert all(e.at is not None for e in everything)


@pytest.mark.parametrize(
    "statement",
    [
        lambda: update(t.history).values(actor="someone else"),
        lambda: delete(t.history),
        lambda: text("UPDATE history SET after = NULL"),
    ],
)
def test_no_statement_can_change_or_delete_a_history_row(fresh_store, statement):
    project_id, _, _ = small_project(fresh_store)
    team.record(fresh_store, project_id, "amira", "memo", "first memo")
    with pytest.raises(DBAPIError, match="append-only"):
        with fresh_store.begin() as conn:
            conn.execute(statement())
    assert [e.actor for e in store_history.entries(fresh_store, project_id)] == ["amira"]


def test_history_outlives_a_deleted_project(fresh_store):
    from coding.store import projects

    project_id, _, _ = small_project(fresh_store)
    team.record(fresh_store, project_id, "lead", "export", "matrix.xlsx")
    projects.delete_project(fresh_store, project_id)
    assert [e.target for e in store_history.entries(fresh_store, project_id)] == ["matrix.xlsx"]


def test_filters_and_csv_rows():
    entries = [
        HistoryEntry(
            "amira",
            "code.confirm",
            "sanctions on segment 4",
            segment_id=4,
            theme_id="sanctions",
            before=None,
            after={"status": "confirmed"},
            id=2,
        ),
        HistoryEntry("ben", "names.exclude", "Kelly", before=None, after="exclude", id=1),
    ]
    assert select_entries(entries, actors=["ben"]) == [entries[1]]
    assert select_entries(entries, kinds=["names"]) == [entries[1]]
    assert select_entries(entries, text="SANCTIONS") == [entries[0]]
    assert select_entries(entries) == entries
    assert csv_rows(entries)[1:] == [
        [
            "2",
            "",
            "amira",
            "code.confirm",
            "sanctions on segment 4",
            "",
            "4",
            "sanctions",
            "",
            '{"status": "confirmed"}',
        ],
        ["1", "", "ben", "names.exclude", "Kelly", "", "", "", "", '"exclude"'],
    ]


def test_the_csv_export_has_a_header_and_every_entry(fresh_store, tmp_path):
    project_id, _, _ = small_project(fresh_store)
    team.record(fresh_store, project_id, "amira", "memo", "memo on sanctions", after={"text": "Ask about hostels"})
    path = team.export_history_csv(team.history(fresh_store, project_id), tmp_path / "history.csv")
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0] == "id,at,actor,kind,target,transcript_id,segment_id,theme,before,after"
    assert lines[1].split(",")[2:5] == ["amira", "memo", "memo on sanctions"]


def test_a_segments_story_who_coded_it_when_and_whether_it_was_a_suggestion(fresh_store):
    from coding.model import Memo
    from coding.store import codes as store_codes

    project_id, transcript_id, segments = small_project(fresh_store)
    sid = segments[1].id  # the model suggested sanctions here at 0.92
    store_codes.decide(fresh_store, project_id, sid, "sanctions", "confirm", "amira")
    store_codes.decide(fresh_store, project_id, sid, "referrals", "add", "ben")
    store_codes.add_memo(fresh_store, project_id, Memo("Sanctioned while in a hostel", "ben", segment_id=sid))
    story = team.history(fresh_store, project_id, segment_id=sid)
    assert [(e.actor, e.kind, e.theme_id) for e in story] == [
        ("ben", "memo", None),
        ("ben", "code.add", "referrals"),
        ("amira", "code.confirm", "sanctions"),
    ]
    confirm = story[-1]
    assert (confirm.before, confirm.after["status"], confirm.after["suggestion_score"]) == (None, "confirmed", 0.92)
    assert "suggestion_score" not in story[1].after  # ben's theme was not a suggestion
    assert team.history(fresh_store, project_id, segment_id=segments[0].id) == []
