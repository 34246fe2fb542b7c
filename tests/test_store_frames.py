"""Frames are versioned in the store; codes follow merges; theme ids stay unique per project."""

from __future__ import annotations

import pytest

from coding.errors import FrameEditError
from coding.model import Frame, Theme
from coding.store import codes, projects, summaries
from tests.store_factory import small_project, themes_frame


def test_each_save_is_a_new_version_with_its_summary(fresh_store):
    project_id = projects.create_project(fresh_store, "P")
    frame = themes_frame()
    projects.save_frame(fresh_store, project_id, frame)
    frame.themes[0].label = "Referral and handover"
    projects.save_frame(fresh_store, project_id, frame, "rename", "Renamed 'referrals'", "amira")
    history = projects.frame_history(fresh_store, project_id, frame.id)
    assert [(v.version, v.change_kind, v.summary, v.author) for v in history] == [
        (2, "rename", "Renamed 'referrals'", "amira"),
        (1, "import", "Imported Cross-cutting themes", "system"),
    ]
    loaded = projects.load_frame(fresh_store, project_id, frame.id)
    assert (loaded.version, loaded.themes[0].label) == (2, "Referral and handover")
    assert [t.id for t, _ in loaded.walk()] == ["referrals", "sanctions", "employer_engagement", "disclosure"]


def test_theme_ids_must_be_unique_across_a_projects_frames(fresh_store):
    project_id = projects.create_project(fresh_store, "P")
    projects.save_frame(fresh_store, project_id, themes_frame())
    clash = Frame(name="Guide", themes=[Theme("sanctions", "Sanctioning")])
    with pytest.raises(FrameEditError, match="sanctions"):
        projects.save_frame(fresh_store, project_id, clash)
    assert [f.id for f in projects.load_frames(fresh_store, project_id)] == ["cross_cutting_themes"]


def test_a_merge_remap_moves_codes_and_drops_duplicates(fresh_store):
    project_id, _, segments = small_project(fresh_store)
    codes.decide(fresh_store, project_id, segments[2].id, "disclosure", "add", "amira")
    codes.decide(fresh_store, project_id, segments[2].id, "employer_engagement", "confirm", "amira")
    codes.decide(fresh_store, project_id, segments[1].id, "disclosure", "add", "ben")
    frame = projects.load_frames(fresh_store, project_id)[0]
    frame.themes[2].children = []
    projects.save_frame(
        fresh_store, project_id, frame, "merge", "Merged", "amira", remap={"disclosure": "employer_engagement"}
    )
    confirmed = sorted(
        (c.segment_id, c.theme_id, c.coder) for c in codes.project_codes(fresh_store, project_id, ("confirmed",))
    )
    assert confirmed == [
        (segments[1].id, "employer_engagement", "ben"),
        (segments[2].id, "employer_engagement", "amira"),
    ]
    assert projects.used_theme_ids(fresh_store, project_id) == {"employer_engagement": 2}


def test_a_merge_joins_the_summaries_of_both_themes(fresh_store):
    project_id, transcript_id, _ = small_project(fresh_store)
    summaries.save_summary(
        fresh_store, project_id, transcript_id, "disclosure", "Told the employer up front.", "amira", "written"
    )
    summaries.save_summary(
        fresh_store, project_id, transcript_id, "employer_engagement", "Starts work Monday.", "amira", "written"
    )
    frame = projects.load_frames(fresh_store, project_id)[0]
    frame.themes[2].children = []
    projects.save_frame(
        fresh_store, project_id, frame, "merge", "Merged", "amira", remap={"disclosure": "employer_engagement"}
    )
    assert summaries.list_summaries(fresh_store, project_id) == {
        (transcript_id, "employer_engagement"): "Starts work Monday.\n\nTold the employer up front."
    }
