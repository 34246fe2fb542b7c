"""The aligner evaluation set (tests/data/align_eval) agrees with the reader and the guides.

The gold labels index turns as the reader finds them; if the reader ever splits or
merges turns differently, every label after that point is silently wrong. These
checks catch that, and a gold question id or a "verbatim" turn that no longer
matches the shipped guide's wording.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from pathlib import Path

import pytest
import yaml

from coding.frames.load import load_frames
from coding.frames.yaml_io import frame_to_dict
from coding.transcripts.read import read_transcript

EVAL_DIR = Path(__file__).parent / "data" / "align_eval"
GUIDE_DIR = Path(__file__).parent.parent / "topic_guides"
INTERVIEWS = yaml.safe_load((EVAL_DIR / "interviews.yaml").read_text(encoding="utf-8"))["interviews"]
GOLD = [json.loads(line) for line in (EVAL_DIR / "gold.jsonl").read_text(encoding="utf-8").splitlines()]
KINDS = {
    "verbatim",
    "paraphrased",
    "acknowledged",
    "stacked",
    "refer_back",
    "follow_up",
    "backchannel",
    "off_guide",
    "repeat",
}


def _questions(guide_id: str) -> dict[str, str]:
    found: dict[str, str] = {}

    def walk(node: dict) -> None:
        for child in node.get("children") or node.get("themes") or []:
            if child.get("kind") == "question":
                found[child["id"]] = child["label"]
            walk(child)

    walk(frame_to_dict(load_frames(GUIDE_DIR / f"{guide_id}.md")[0]))
    return found


def _norm(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("entry", INTERVIEWS, ids=[e["file"] for e in INTERVIEWS])
def test_gold_turns_are_the_turns_the_reader_finds(entry):
    transcript = read_transcript(str(EVAL_DIR / entry["file"]))
    rows = [row for row in GOLD if row["interview"] == entry["file"]]
    said = [_norm(transcript.text[t.start : t.end]) for t in transcript.turns]

    assert len(transcript.turns) == entry["turns"]
    assert len(rows) == entry["interviewer_turns"]
    mismatched = [
        (row["turn"], row["speaker_text_start"])
        for row in rows
        if not said[row["turn"]].startswith(_norm(row["speaker_text_start"]))
    ]
    assert mismatched == []
    # Interviewer and respondent alternate, so gold turns never sit side by side.
    turns = [row["turn"] for row in rows]
    assert all(b - a >= 2 for a, b in zip(turns, turns[1:]))


@pytest.mark.parametrize("entry", INTERVIEWS, ids=[e["file"] for e in INTERVIEWS])
def test_gold_labels_name_the_guides_questions(entry):
    questions = _questions(entry["guide"])
    transcript = read_transcript(str(EVAL_DIR / entry["file"]))
    rows = [row for row in GOLD if row["interview"] == entry["file"]]
    asked = defaultdict(int)
    problems = []
    for row in rows:
        ids = [row["question_id"], *row.get("also", [])] if row["question_id"] else []
        if row["kind"] not in KINDS or row["guide"] != entry["guide"]:
            problems.append((row["turn"], "kind or guide"))
        if (row["question_id"] is None) != (row["kind"] in {"backchannel", "off_guide"}):
            problems.append((row["turn"], "question id"))
        if (row["kind"] == "stacked") != bool(row.get("also")):
            problems.append((row["turn"], "stacked"))
        for qid in ids:
            asked[qid] += 1
            if qid not in questions:
                problems.append((row["turn"], qid))
        if row["kind"] == "verbatim":
            turn = transcript.turns[row["turn"]]
            wording = re.sub(r"^\s*(\([^)]*\)|\[[^\]]*\])\s*", "", questions[row["question_id"]])
            if _norm(wording) not in _norm(transcript.text[turn.start : turn.end]):
                problems.append((row["turn"], "not verbatim"))

    assert problems == []
    assert sorted(asked) == sorted(entry["questions_asked"])
    assert [q for q in entry["key_questions"] if q not in asked] == entry["key_questions_skipped"]
