"""From files to a codable project: guides, transcripts (real spaCy and model), suggestions."""

from __future__ import annotations

from pathlib import Path

import pytest

from coding import service
from coding.store import codes, projects, transcripts

ROOT = Path(__file__).resolve().parent.parent
GUIDES = ROOT / "topic_guides"
DEMO = ROOT / "transcripts"


@pytest.fixture(scope="module")
def project(tmp_path_factory, encoder):
    from coding.store.db import open_store

    store = open_store(f"sqlite:///{tmp_path_factory.mktemp('svc') / 'p.sqlite'}")
    project_id = projects.create_project(store, "ERP")
    service.add_crosscutting_frame(store, project_id)
    for name in ("stakeholder.md", "provider_operational.md", "prisoner.md"):
        service.import_guide(store, project_id, GUIDES / name)
    report = service.import_transcripts(
        store,
        project_id,
        [DEMO / "stakeholder_joint_commissioning.docx", DEMO / "provider_a_operational_staff.txt"],
        encoder,
        attributes={"wave": "1"},
    )
    assert report.failed == []
    service.suggest_project(store, project_id, encoder)
    return store, project_id, report


def test_each_interview_is_matched_to_the_guide_it_follows(project):
    store, project_id, report = project
    guides = {t.name: t.guide_key for t in transcripts.list_transcripts(store, project_id)}
    assert guides == {
        "stakeholder_joint_commissioning": "stakeholder",
        "provider_a_operational_staff": "provider_operational",
    }


def test_stored_segments_slice_the_stored_text_exactly(project):
    store, project_id, _ = project
    for info in transcripts.list_transcripts(store, project_id):
        text = transcripts.load_transcript(store, info.id).text
        segments = transcripts.load_segments(store, info.id)
        assert segments and all(text[s.start : s.end] == s.text for s in segments)
        assert info.attributes["wave"] == "1"


def test_guide_questions_are_mapped_to_crosscutting_themes(project):
    store, project_id, _ = project
    frame = projects.load_frame(store, project_id, "provider_operational")
    sanctioning = next(t for t in frame.themes if t.label.lower().startswith("sanction"))
    assert "sanctions" in sanctioning.maps_to


def test_every_answer_gets_ranked_crosscutting_suggestions(project):
    store, project_id, _ = project
    crosscutting = {
        t.id for f in projects.load_frames(store, project_id) if f.kind == "crosscutting" for t, _ in f.walk()
    }
    for _, segment in transcripts.project_segments(store, project_id):
        suggested = [c for c in codes.codes_for_segments(store, [segment.id])[segment.id] if c.coder == "model"]
        assert 1 <= len(suggested) <= service.TOP_K
        assert {c.theme_id for c in suggested} <= crosscutting
        assert all(0.0 <= c.score <= 1.0 and c.why for c in suggested)
        assert [c.score for c in suggested] == sorted((c.score for c in suggested), reverse=True)


def test_bad_and_duplicate_files_are_reported_and_the_rest_imported(project, tmp_path, encoder):
    store, project_id, _ = project
    junk = tmp_path / "notes.txt"
    junk.write_bytes(b"\x00\x01\x02\xff" * 500)
    empty = tmp_path / "empty.vtt"
    empty.write_text("")
    before = len(transcripts.list_transcripts(store, project_id))
    report = service.import_transcripts(
        store, project_id, [junk, DEMO / "stakeholder_joint_commissioning.docx", empty], encoder
    )
    assert report.imported == []
    assert [name for name, _ in report.failed] == ["notes.txt", "stakeholder_joint_commissioning.docx", "empty.vtt"]
    assert "already imported" in report.failed[1][1]
    assert len(transcripts.list_transcripts(store, project_id)) == before


def test_learning_from_a_rejection_hides_that_theme_and_rescoring_the_rest(project, encoder):
    from coding.service.live import LiveSuggester

    store, project_id, _ = project
    info = transcripts.list_transcripts(store, project_id)[0]
    live = LiveSuggester(store, project_id, encoder)
    segments = transcripts.load_segments(store, info.id, codable_only=True)
    first = segments[0]
    top = next(c for c in codes.codes_for_segments(store, [first.id])[first.id] if c.coder == "model")
    live.decide(first.id, top.theme_id, "reject", "amira")
    # The reviewed segment keeps what the model had said (for agreement); the decision is Amira's.
    rows = codes.codes_for_segments(store, [first.id])[first.id]
    assert ("amira", "rejected") in {(c.coder, c.status) for c in rows if c.theme_id == top.theme_id}
    # Rebuilding from the store: the rejected theme is excluded for that segment from now on.
    live.rebuild()
    assert top.theme_id in live.rejected[first.id]
    assert service.suggestions_stale(store, project_id, info.id) is False


def test_an_undo_through_the_live_suggester_forgets_the_decision_exactly(project, encoder):
    from coding.service.live import LiveSuggester

    store, project_id, _ = project
    info = transcripts.list_transcripts(store, project_id)[1]
    live = LiveSuggester(store, project_id, encoder)
    segments = transcripts.load_segments(store, info.id, codable_only=True)
    target = segments[2]
    top = next(c for c in codes.codes_for_segments(store, [target.id])[target.id] if c.coder == "model")
    live.decide(target.id, top.theme_id, "reject", "ben")
    assert top.theme_id in live.rejected[target.id]

    live.undo("ben")

    def stored_suggestions():
        rows = codes.codes_for_segments(store, [s.id for s in segments])
        return {
            k: sorted((c.theme_id, round(c.score or 0, 6)) for c in v if c.coder == "model") for k, v in rows.items()
        }

    after_undo = stored_suggestions()
    assert top.theme_id not in live.rejected.get(target.id, set())
    # A suggester built from the store afresh says exactly what the one that learnt and unlearnt says.
    LiveSuggester(store, project_id, encoder).refresh_transcript(info.id)
    assert stored_suggestions() == after_undo
    assert top.theme_id in {theme for theme, _ in after_undo[target.id]}
