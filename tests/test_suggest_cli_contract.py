"""The `coding suggest` contract through suggest_records + write_jsonl (no subprocess)."""

from __future__ import annotations

import io
import json
from pathlib import Path

from coding.suggest.calibration import UNSURE_BELOW
from coding.suggest.standalone import suggest_records, write_jsonl

FRAME = Path(__file__).parent / "data" / "suggest" / "mini_frame.yaml"


def test_jsonl_in_jsonl_out(tmp_path, hashing_encoder):
    quotes = tmp_path / "quotes.jsonl"
    quotes.write_text(
        json.dumps({"id": "q1", "text": "They found me a hostel bed", "seed": "ignored"})
        + "\n\n"
        + json.dumps({"id": "q2", "text": ""})
        + "\n",
        encoding="utf-8",
    )
    examples = tmp_path / "confirmed.jsonl"
    # A near paraphrase of q1: a decision moves only segments close to the one decided.
    examples.write_text(
        json.dumps({"text": "They found me a bed in a hostel", "theme": "housing"})
        + "\n"
        + json.dumps({"text": "They found me a bed in a hostel", "theme": "employers", "status": "rejected"})
        + "\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.jsonl"
    zero_shot = {
        s["theme"]: s["score"] for s in next(suggest_records(FRAME, quotes, encoder=hashing_encoder))["suggestions"]
    }
    count = write_jsonl(suggest_records(FRAME, quotes, top_k=2, examples_path=examples, encoder=hashing_encoder), out)
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert count == 2
    assert [sorted(r) for r in records] == [["end", "id", "speaker", "start", "suggestions", "text", "unsure"]] * 2
    first, second = records
    assert (first["id"], first["text"], first["speaker"], first["start"], first["end"]) == (
        "q1",
        "They found me a hostel bed",
        None,
        None,
        None,
    )
    assert [s["theme"] for s in first["suggestions"]][0] == "housing"
    assert first["suggestions"][0]["score"] > zero_shot["housing"]  # the examples file was learnt from
    assert len(first["suggestions"]) == 2
    assert all(sorted(s) == ["score", "theme", "why"] for s in first["suggestions"])
    assert second["suggestions"] == []
    # unsure: no theme reaches the calibrated bar (an empty answer has no theme at all)
    assert (first["unsure"], second["unsure"]) == (first["suggestions"][0]["score"] < UNSURE_BELOW, True)


def test_write_jsonl_to_a_file_object():
    buffer = io.StringIO()
    assert write_jsonl([{"id": 1, "text": "é"}], buffer) == 1
    assert buffer.getvalue() == '{"id": 1, "text": "é"}\n'
