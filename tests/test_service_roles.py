"""A researcher corrects a speaker's role: segments are rebuilt and confirmed codes survive."""

from __future__ import annotations

from pathlib import Path

from coding import service
from coding.store import codes, projects, transcripts
from coding.store.db import open_store

ROOT = Path(__file__).resolve().parent.parent

INTERVIEW = """Interviewer: Can you tell me about your current sentence?

Kyle Benton: Twenty weeks, for theft. I'm out in about three weeks and I've got nowhere to live yet.

Interviewer: And who else is here with you today?

Dawn Benton: I'm his mum. I came because he asked me to. Can I ask, will the Jobcentre know he's been inside?

Kyle Benton: They will, yeah. They sanctioned me last time for missing an appointment, the week after I got out.
"""


def test_correcting_a_role_keeps_codes_and_resegments(tmp_path, encoder):
    source = tmp_path / "paired_interview.txt"
    source.write_text(INTERVIEW, encoding="utf-8")
    store = open_store(f"sqlite:///{tmp_path / 'p.sqlite'}")
    project_id = projects.create_project(store, "P")
    service.add_crosscutting_frame(store, project_id)
    service.import_guide(store, project_id, ROOT / "topic_guides" / "prisoner.md")
    report = service.import_transcripts(store, project_id, [source], encoder)
    [(_, transcript_id)] = report.imported
    transcript = transcripts.load_transcript(store, transcript_id)
    # Dawn asks a question, so the workbench may take her for an interviewer; the researcher knows better.
    kyle = next(s for s in transcripts.load_segments(store, transcript_id, codable_only=True) if "sanctioned" in s.text)
    codes.decide(store, project_id, kyle.id, "sanctions", "add", "amira")

    service.correct_speaker_role(store, project_id, transcript_id, "dawn_benton", "interviewer", encoder)
    after = transcripts.load_segments(store, transcript_id, codable_only=True)
    assert {s.speaker for s in after} == {"kyle_benton"}
    confirmed = [
        (s.text, c.theme_id) for s in after for c in codes.codes_for_segments(store, [s.id])[s.id] if c.coder == "amira"
    ]
    assert confirmed == [(kyle.text, "sanctions")]
    assert transcripts.load_transcript(store, transcript_id).speaker("dawn_benton").role == "interviewer"

    service.correct_speaker_role(store, project_id, transcript_id, "dawn_benton", "respondent", encoder)
    speakers = {s.speaker for s in transcripts.load_segments(store, transcript_id, codable_only=True)}
    assert speakers == {"kyle_benton", "dawn_benton"}
    assert transcript.text == transcripts.load_transcript(store, transcript_id).text
