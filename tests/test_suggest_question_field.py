"""`suggest` on a transcript writes the guide question each answer was aligned to; on a JSONL, nothing."""

import json
from pathlib import Path

import pytest

from coding.suggest.encoder import HashingEncoder
from coding.suggest.standalone import suggest_records

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.model  # segments with the real spaCy pipeline
def test_each_transcript_record_carries_its_aligned_question(tmp_path):
    transcript = tmp_path / "t.txt"
    transcript.write_text(
        "Interviewer: Thanks for doing this. Shall we start?\n"
        "Respondent: Yes, fine.\n"
        "Interviewer: Right, so, how old are you?\n"
        "Respondent: I'm twenty-six, twenty-seven in March, and I've been in here four months now.\n"
        "Interviewer: Mm-hm.\n"
        "Respondent: That's the longest I've done so far.\n",
        "utf-8",
    )
    records = list(
        suggest_records(ROOT / "topic_guides" / "prisoner.md", transcript, top_k=1, encoder=HashingEncoder())
    )
    questions = [(r["text"][:20], r["question"] and (r["question"]["id"], r["question"]["text"])) for r in records]
    assert questions == [
        ("Yes, fine.", None),
        ("I'm twenty-six, twen", ("prisoner_a_q1", "How old are you?")),
        ("That's the longest I", ("prisoner_a_q1", "How old are you?")),
    ]
    assert all(0 < r["question"]["confidence"] <= 1 for r in records if r["question"])


def test_jsonl_records_have_no_question(tmp_path):
    (tmp_path / "in.jsonl").write_text(json.dumps({"id": 1, "text": "We phone them before any sanction."}) + "\n")
    records = list(
        suggest_records(ROOT / "topic_guides" / "prisoner.md", tmp_path / "in.jsonl", top_k=1, encoder=HashingEncoder())
    )
    assert "question" not in records[0]
