"""A .qdpx exported by the workbench restores the project: texts, cases, codes, memos, summaries."""

from __future__ import annotations

import zipfile

import pytest

from coding import service
from coding.errors import InputError
from coding.model import Memo
from coding.service.restore import restore_qdpx, transcript_from_text
from coding.store import codes, projects, summaries, transcripts
from coding.store.db import open_store
from tests.store_factory import small_project


def _confirmed(store, project_id):
    """(case name, coded text, theme, coder) of every confirmed code, sorted."""
    names = {t.id: t.name for t in transcripts.list_transcripts(store, project_id)}
    rows = []
    for tid, name in names.items():
        text = transcripts.load_transcript(store, tid).text
        segments = transcripts.load_segments(store, tid)
        by_id = {s.id: s for s in segments}
        for code in codes.project_codes(store, project_id, ("confirmed",)):
            if code.segment_id in by_id:
                seg = by_id[code.segment_id]
                start, end = (code.start, code.end) if code.start is not None else (seg.start, seg.end)
                rows.append((name, text[start:end], code.theme_id, code.coder))
    return sorted(rows)


def test_export_then_restore_gives_the_same_project(tmp_path):
    store = open_store(f"sqlite:///{tmp_path / 'a.sqlite'}")
    project_id, transcript_id, segments = small_project(store, "Original")
    codes.decide(store, project_id, segments[1].id, "sanctions", "confirm", "amira")
    words = "I told them about my record"
    start = segments[2].start + segments[2].text.index(words)
    codes.decide(store, project_id, segments[2].id, "disclosure", "add", "ben", span=(start, start + len(words)))
    codes.decide(store, project_id, segments[0].id, "referrals", "reject", "amira")
    codes.add_memo(store, project_id, Memo("Hostel lost on remand", "amira", segment_id=segments[1].id))
    summaries.save_summary(store, project_id, transcript_id, "sanctions", "Sanctioned four weeks", "amira", "written")
    archive = service.export_project(store, project_id, "qdpx", tmp_path / "original.qdpx", pseudonymise=False)

    target = open_store(f"sqlite:///{tmp_path / 'b.sqlite'}")
    report = restore_qdpx(target, archive)
    assert (report.name, report.cases, report.codes, report.skipped) == ("Original", 1, 2, [])
    assert (
        _confirmed(target, report.project_id)
        == _confirmed(store, project_id)
        == [
            ("Prisoner interview 1", "I told them about my record", "disclosure", "ben"),
            (
                "Prisoner interview 1",
                "They sanctioned me for four weeks. I was in a hostel with no money, so it made everything worse.",
                "sanctions",
                "amira",
            ),
        ]
    )
    [restored] = transcripts.list_transcripts(target, report.project_id)
    assert (
        transcripts.load_transcript(target, restored.id).text == transcripts.load_transcript(store, transcript_id).text
    )
    assert restored.attributes == {"respondent_type": "prisoner", "area": "Pilot area"}
    assert [(m.text, m.author) for m in codes.list_memos(target, report.project_id)] == [
        ("Hostel lost on remand", "amira")
    ]
    assert list(summaries.list_summaries(target, report.project_id).values()) == ["Sanctioned four weeks"]
    frame_ids = {t.id for f in projects.load_frames(target, report.project_id) for t, _ in f.walk()}
    assert {"referrals", "sanctions", "employer_engagement", "disclosure"} <= frame_ids
    # Restoring twice makes a second project rather than mixing into the first.
    assert restore_qdpx(target, archive).name == "Original (2)"


def test_plain_text_from_another_tool_becomes_respondent_turns():
    text = "Notes from the focus group.\n\nWe never knew who was coming out until the day.\n\nThe gate is chaos."
    transcript = transcript_from_text("Focus group", text, [])
    assert [transcript.turn_text(t) for t in transcript.turns] == [
        "Notes from the focus group.",
        "We never knew who was coming out until the day.",
        "The gate is chaos.",
    ]
    assert {s.role for s in transcript.speakers} == {"respondent"}


def test_a_broken_archive_is_refused_and_nothing_is_created(tmp_path):
    bad = tmp_path / "broken.qdpx"
    with zipfile.ZipFile(bad, "w") as archive:
        archive.writestr("project.qde", "<Project xmlns='urn:QDA-XML:project:1.0'><Nonsense/></Project>")
    store = open_store(f"sqlite:///{tmp_path / 'c.sqlite'}")
    with pytest.raises(InputError):
        restore_qdpx(store, bad)
    assert projects.list_projects(store) == []
