"""Every coding decision is stored at once, per coder, and can be undone exactly."""

from __future__ import annotations

import pytest

from coding.errors import WorkbenchError
from coding.store import codes, summaries
from coding.store.db import open_store
from tests.store_factory import small_project


def _state(store, segment_id):
    """(theme, coder, status, source, score) of every code on a segment, sorted."""
    rows = codes.codes_for_segments(store, [segment_id])[segment_id]
    return sorted((c.theme_id, c.coder, c.status, c.source, c.score) for c in rows)


def test_confirm_carries_the_model_score_and_keeps_the_suggestion(fresh_store):
    project_id, _, segments = small_project(fresh_store)
    seg = segments[1]
    code = codes.decide(fresh_store, project_id, seg.id, "sanctions", "confirm", "amira")
    assert (code.status, code.source, code.model, code.score, code.why) == (
        "confirmed",
        "human",
        "all-MiniLM-L6-v2",
        pytest.approx(0.92),
        "keyword 'sanctioned'",
    )
    assert _state(fresh_store, seg.id) == [
        ("sanctions", "amira", "confirmed", "human", pytest.approx(0.92)),
        ("sanctions", "model", "suggested", "model", pytest.approx(0.92)),
    ]


def test_two_coders_do_not_overwrite_each_other(fresh_store):
    project_id, _, segments = small_project(fresh_store)
    seg = segments[0]
    codes.decide(fresh_store, project_id, seg.id, "referrals", "confirm", "amira")
    codes.decide(fresh_store, project_id, seg.id, "referrals", "reject", "ben")
    codes.decide(fresh_store, project_id, seg.id, "sanctions", "add", "ben")
    assert _state(fresh_store, seg.id) == [
        ("referrals", "amira", "confirmed", "human", pytest.approx(0.81)),
        ("referrals", "ben", "rejected", "human", pytest.approx(0.81)),
        ("referrals", "model", "suggested", "model", pytest.approx(0.81)),
        ("sanctions", "ben", "confirmed", "human", pytest.approx(0.12)),
        ("sanctions", "model", "suggested", "model", pytest.approx(0.12)),
    ]


def test_undo_walks_back_one_coders_decisions_in_order(fresh_store):
    project_id, _, segments = small_project(fresh_store)
    seg = segments[2]
    codes.decide(fresh_store, project_id, seg.id, "employer_engagement", "confirm", "amira")
    codes.decide(fresh_store, project_id, seg.id, "employer_engagement", "reject", "amira")
    codes.decide(fresh_store, project_id, seg.id, "disclosure", "add", "ben")
    first = codes.undo_last(fresh_store, project_id, "amira")
    assert (first.theme_id, first.action) == ("employer_engagement", "reject")
    assert ("employer_engagement", "amira", "confirmed", "human", pytest.approx(0.64)) in _state(fresh_store, seg.id)
    second = codes.undo_last(fresh_store, project_id, "amira")
    assert (second.theme_id, second.action) == ("employer_engagement", "confirm")
    assert codes.undo_last(fresh_store, project_id, "amira") is None
    # Ben's decision is untouched by Amira's undo.
    assert _state(fresh_store, seg.id) == [
        ("disclosure", "ben", "confirmed", "human", None),
        ("employer_engagement", "model", "suggested", "model", pytest.approx(0.64)),
    ]


def test_remove_and_its_undo(fresh_store):
    project_id, _, segments = small_project(fresh_store)
    seg = segments[1]
    codes.decide(fresh_store, project_id, seg.id, "sanctions", "confirm", "amira")
    assert codes.decide(fresh_store, project_id, seg.id, "sanctions", "remove", "amira") is None
    assert [c.coder for c in codes.codes_for_segments(fresh_store, [seg.id])[seg.id]] == ["model"]
    codes.undo_last(fresh_store, project_id, "amira")
    assert ("sanctions", "amira", "confirmed", "human", pytest.approx(0.92)) in _state(fresh_store, seg.id)


def test_decisions_are_in_the_database_the_moment_they_are_made(tmp_path):
    url = f"sqlite:///{tmp_path / 'p.sqlite'}"
    store = open_store(url)
    project_id, _, segments = small_project(store)
    codes.decide(store, project_id, segments[0].id, "referrals", "confirm", "amira")
    # A second process (another tab, or the app after a crash) opens the file afresh.
    other = open_store(url)
    log = codes.decision_log(other, project_id)
    assert [(d.segment_id, d.theme_id, d.coder, d.action) for d in log] == [
        (segments[0].id, "referrals", "amira", "confirm")
    ]


def test_sub_span_must_lie_inside_the_segment(fresh_store):
    project_id, transcript_id, segments = small_project(fresh_store)
    seg = segments[1]
    words = "sanctioned me for four weeks"
    start = seg.start + seg.text.index(words)
    code = codes.decide(
        fresh_store, project_id, seg.id, "sanctions", "confirm", "amira", span=(start, start + len(words))
    )
    assert (code.start, code.end) == (start, start + len(words))
    with pytest.raises(WorkbenchError, match="inside the segment"):
        codes.decide(fresh_store, project_id, seg.id, "sanctions", "confirm", "amira", span=(seg.start - 5, seg.end))


def test_a_coder_name_is_required(fresh_store):
    project_id, _, segments = small_project(fresh_store)
    for coder in ("", "  ", "model"):
        with pytest.raises(WorkbenchError, match="coder name"):
            codes.decide(fresh_store, project_id, segments[0].id, "referrals", "confirm", coder)


def test_memos_and_summaries(fresh_store):
    from coding.model import Memo

    project_id, transcript_id, segments = small_project(fresh_store)
    codes.add_memo(fresh_store, project_id, Memo("Check against probation records", "amira", segment_id=segments[0].id))
    summaries.save_summary(
        fresh_store, project_id, transcript_id, "sanctions", "Sanctioned once; lost hostel place", "amira", "written"
    )
    summaries.save_summary(fresh_store, project_id, transcript_id, "referrals", "  ", "amira", "written")
    assert [(m.text, m.author, m.segment_id) for m in codes.list_memos(fresh_store, project_id)] == [
        ("Check against probation records", "amira", segments[0].id)
    ]
    assert summaries.list_summaries(fresh_store, project_id) == {
        (transcript_id, "sanctions"): "Sanctioned once; lost hostel place"
    }
    with pytest.raises(WorkbenchError):
        codes.add_memo(fresh_store, project_id, Memo("   ", "amira"))


def test_a_theme_must_be_in_the_projects_frames(fresh_store):
    from coding.errors import NotFound

    project_id, _, segments = small_project(fresh_store)
    with pytest.raises(NotFound, match="No theme 'Conditionality and sanctions'"):
        codes.decide(fresh_store, project_id, segments[0].id, "Conditionality and sanctions", "add", "amira")
    assert codes.decision_log(fresh_store, project_id) == []
