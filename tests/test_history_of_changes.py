"""Frame edits, guide imports, case attributes and transcript imports are checked and recorded."""

from __future__ import annotations

from pathlib import Path

import pytest

from coding import service
from coding.errors import PermissionDenied
from coding.service import team
from coding.store import projects as store_projects
from tests.store_factory import small_project

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def team_project(fresh_store):
    project_id, transcript_id, _ = small_project(fresh_store)
    for name in ("lena", "amira"):
        team.add_user(fresh_store, name, None)
    team.set_member(fresh_store, project_id, "lena", "lead", by=team.CLI)
    team.set_member(fresh_store, project_id, "amira", "coder", by="lena")
    return fresh_store, project_id, transcript_id


def test_a_frame_edit_is_refused_to_a_coder_and_recorded_for_the_lead(team_project):
    store, project_id, _ = team_project
    frame_key = store_projects.load_frames(store, project_id)[0].id
    with pytest.raises(PermissionDenied, match="amira is a coder on this project, and only a lead may edit the coding"):
        service.edit_frame(store, project_id, frame_key, "rename", "amira", theme_id="sanctions", label="Sanctions")
    service.edit_frame(store, project_id, frame_key, "rename", "lena", theme_id="sanctions", label="Sanctions")
    (entry,) = team.history(store, project_id, kinds=["frame"])
    assert (entry.actor, entry.kind, entry.theme_id, entry.before, entry.after) == (
        "lena",
        "frame.edit",
        "sanctions",
        {"version": 1},
        {"version": 2, "kind": "rename", "remap": {}},
    )
    assert entry.target.startswith("Cross-cutting themes: ")


def test_case_attributes_keep_their_before_and_after(team_project):
    store, project_id, transcript_id = team_project
    with pytest.raises(PermissionDenied, match="only a lead may edit case attributes"):
        service.update_attributes(store, transcript_id, {"respondent_type": "staff"}, author="amira")
    service.update_attributes(store, transcript_id, {"respondent_type": "provider staff"}, author="lena")
    (entry,) = team.history(store, project_id, kinds=["attributes"])
    assert (entry.actor, entry.target, entry.before, entry.after) == (
        "lena",
        "Prisoner interview 1",
        {"respondent_type": "prisoner", "area": "Pilot area"},
        {"respondent_type": "provider staff"},
    )


def test_a_guide_import_is_a_leads_and_recorded(team_project):
    store, project_id, _ = team_project
    with pytest.raises(PermissionDenied, match="only a lead may import"):
        service.import_guide(store, project_id, ROOT / "topic_guides" / "prisoner.md", author="amira")
    frames = service.import_guide(store, project_id, ROOT / "topic_guides" / "prisoner.md", author="lena")
    assert [(e.actor, e.kind, e.target) for e in team.history(store, project_id, kinds=["frame.import"])] == [
        ("lena", "frame.import", f"{frames[0].name} from prisoner.md")
    ]


@pytest.mark.model
def test_an_imported_transcript_is_recorded(team_project):
    store, project_id, _ = team_project
    report = service.import_transcripts(
        store,
        project_id,
        [ROOT / "transcripts" / "prisoner_short_sentence.txt"],
        attributes={"wave": "1"},
        author="lena",
    )
    ((name, transcript_id),) = report.imported
    (entry,) = team.history(store, project_id, kinds=["import"])
    assert (entry.actor, entry.target, entry.transcript_id, entry.after["file"]) == (
        "lena",
        name,
        transcript_id,
        "prisoner_short_sentence.txt",
    )


def test_name_choices_are_a_leads_and_recorded(team_project):
    store, project_id, _ = team_project
    with pytest.raises(PermissionDenied, match="only a lead may decide which words are names"):
        service.exclude_name(store, project_id, "Kelly", author="amira")
    assert not service.name_choices(store, project_id).excluded  # the refusal saved nothing
    service.exclude_name(store, project_id, "Kelly", author="lena")
    service.add_name(store, project_id, "Dean", author="lena")
    assert [(e.actor, e.kind, e.target) for e in team.history(store, project_id, kinds=["names"])] == [
        ("lena", "names.add", "Dean"),
        ("lena", "names.exclude", "Kelly"),
    ]
