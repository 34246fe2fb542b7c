"""prepare(): one call from a file to transcript, segments, alignments and coverage, or an error."""

from __future__ import annotations

import pytest

from coding.errors import InvalidTranscript
from coding.model import Frame, Theme
from coding.transcripts.pipeline import PreparedTranscript, prepare


def test_prepare_without_a_frame_gives_segments_only(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("I: How is the supply chain set up?\nR: Half in-house, half subcontracted.\n", "utf-8")
    prepared = prepare(path, attributes={"respondent_type": "Provider B strategic staff"})
    assert isinstance(prepared, PreparedTranscript)
    assert [(s.role, s.text, s.codable) for s in prepared.segments] == [
        ("interviewer", "How is the supply chain set up?", False),
        ("respondent", "Half in-house, half subcontracted.", True),
    ]
    assert (prepared.alignments, prepared.coverage) == ([], None)
    assert prepared.transcript.attributes == {"respondent_type": "Provider B strategic staff"}


def test_prepare_with_a_frame_aligns_lexically_without_an_encoder(tmp_path):
    frame = Frame(
        "G",
        id="g",
        themes=[
            Theme(
                "g_b",
                "B",
                kind="section",
                children=[
                    Theme("g_b_q1", "How is the supply chain set-up in this area?", kind="question", key=True),
                    Theme("g_b_q2", "On what basis are subcontractors paid?", kind="question", key=True),
                ],
            )
        ],
    )
    path = tmp_path / "a.txt"
    path.write_text("I: How is the supply chain set up here?\nR: Half in-house, half subcontracted.\n", "utf-8")
    prepared = prepare(path, frame)
    assert [s.question_id for s in prepared.segments if s.role == "respondent"] == ["g_b_q1"]
    assert (prepared.coverage.questions_asked, prepared.coverage.key_questions_missed) == (["g_b_q1"], ["g_b_q2"])


def test_prepare_raises_and_returns_nothing_for_bad_input(tmp_path):
    path = tmp_path / "empty.vtt"
    path.write_bytes(b"")
    with pytest.raises(InvalidTranscript, match="empty.vtt: the file is empty"):
        prepare(path)
