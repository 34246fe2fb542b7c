"""`python -m coding`: each verb end to end in a subprocess, as scripts and benchmarks call it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.paths import SHARED

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str, check_rc: int | None = 0) -> subprocess.CompletedProcess:
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "coding", *args], cwd=ROOT, capture_output=True, text=True, timeout=600, env=env
    )
    if check_rc is not None:
        assert result.returncode == check_rc, result.stderr
    return result


@pytest.mark.slow
def test_every_verb_has_help():
    for verb in ("frame", "import", "suggest", "export", "agreement", "demo"):
        assert "usage: python -m coding " + verb in run(verb, "--help").stdout


def test_frame_json_prints_the_guide_tree():
    frames = json.loads(run("frame", "topic_guides/provider_operational.md", "--json").stdout)
    assert [f["id"] for f in frames] == ["provider_operational"]
    sections = frames[0]["themes"]
    sanctioning = next(s for s in sections if s["label"].lower() == "sanctioning")
    assert sanctioning["kind"] == "section"
    assert all(q["kind"] == "question" and "probes" in q and "key" in q for q in sanctioning["children"])


def test_bad_input_is_one_line_and_a_nonzero_exit(tmp_path):
    junk = tmp_path / "guide.docx"
    junk.write_bytes(b"PK\x03\x04 not really a zip")
    result = run("frame", str(junk), check_rc=1)
    assert result.stderr.startswith("error: guide.docx") and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.model
def test_suggest_jsonl_contract(tmp_path):
    quotes = tmp_path / "quotes.jsonl"
    quotes.write_text(
        json.dumps({"id": "a", "text": "They sanctioned me for four weeks because I missed one appointment.", "x": 1})
        + "\n"
        + json.dumps({"id": "b", "text": "The subcontractors in our supply chain get paid per job outcome."})
        + "\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.jsonl"
    run(
        "suggest",
        "--frame",
        str(SHARED / "eval" / "frame.yaml"),
        "--input",
        str(quotes),
        "--output",
        str(out),
        "--top-k",
        "3",
    )
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["id"] for r in rows] == ["a", "b"]
    assert all(set(r) >= {"id", "text", "speaker", "start", "end", "suggestions"} for r in rows)
    assert [len(r["suggestions"]) for r in rows] == [3, 3]
    assert rows[0]["suggestions"][0]["theme"] == "sanctions"
    assert rows[1]["suggestions"][0]["theme"] == "supply_chains"
    for r in rows:
        scores = [s["score"] for s in r["suggestions"]]
        assert scores == sorted(scores, reverse=True) and all(0 <= s <= 1 for s in scores)
        assert all(s["why"] for s in r["suggestions"])


@pytest.mark.model
def test_suggest_on_a_transcript_gives_respondent_segments_with_offsets():
    result = run(
        "suggest",
        "--frame",
        "topic_guides/crosscutting_themes.yaml",
        "--input",
        "transcripts/prisoner_short_sentence.txt",
        "--top-k",
        "2",
    )
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    source_text = None
    assert rows and all(r["speaker"] and r["speaker"] != "interviewer" for r in rows)
    assert all(isinstance(r["start"], int) and r["end"] > r["start"] for r in rows)
    assert all(len(r["suggestions"]) == 2 for r in rows)
    del source_text


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return f"sqlite:///{tmp_path_factory.mktemp('cli') / 'cli.sqlite'}"


@pytest.mark.model
def test_import_then_export_then_agreement(db, tmp_path):
    from coding import service
    from coding.store import projects
    from coding.store.db import open_store

    store = open_store(db)
    project_id = projects.create_project(store, "CLI project")
    service.add_crosscutting_frame(store, project_id)
    service.import_guide(store, project_id, ROOT / "topic_guides" / "prisoner.md")
    result = run(
        "import",
        "transcripts/prisoner_short_sentence.txt",
        "--db",
        db,
        "--attr",
        "respondent_type=prisoner",
        "--attr",
        "area=Pilot area",
    )
    assert "imported prisoner_short_sentence" in result.stdout
    again = run("import", "transcripts/prisoner_short_sentence.txt", "--db", db, check_rc=1)
    assert "already imported" in again.stderr
    out = tmp_path / "codes.csv"
    assert run("export", "csv", "--out", str(out), "--db", db, "--include-suggested").stdout.startswith("wrote")
    assert out.read_text(encoding="utf-8-sig").splitlines()[0].startswith("project,")
    assert run("agreement", "--db", db).stdout.strip() == "No segment has been reviewed by two coders yet."


def test_a_missing_project_is_named(tmp_path):
    db = f"sqlite:///{tmp_path / 'named.sqlite'}"
    run("project", "create", "Resettlement study", "--db", db, "--no-crosscutting")
    result = run("export", "matrix", "--out", "/tmp/x.xlsx", "--db", db, "--project", "Nope", check_rc=1)
    assert result.stderr.strip() == (
        f"error: No project called 'Nope' in {tmp_path / 'named.sqlite'} (projects: 'Resettlement study')."
    )
