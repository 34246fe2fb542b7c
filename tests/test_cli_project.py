"""From an empty store to an exported quote table with the command line alone."""

from __future__ import annotations

import json

import pytest
from docx import Document

from coding.cli import main

ROOT = __import__("pathlib").Path(__file__).resolve().parent.parent


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_a_new_store_says_which_command_creates_a_project(tmp_path, capsys):
    db = str(tmp_path / "study.sqlite")
    code, out, err = run(capsys, "status", "--db", db)
    assert (code, out) == (1, "")
    assert err == (
        f"error: The store {db} has no project yet. Create one with:\n"
        f'  python -m coding project create "My study" --db {db} --guide topic_guides/prisoner.md\n'
    )


@pytest.mark.model
def test_create_add_a_guide_import_status_and_export_quotes(tmp_path, capsys):
    db = str(tmp_path / "study.sqlite")
    code, out, _ = run(capsys, "project", "create", "Resettlement study", "--db", db, "--json")
    assert (code, json.loads(out)) == (0, {"id": 1, "name": "Resettlement study", "frames": ["Cross-cutting themes"]})
    code, out, _ = run(capsys, "guide", "add", str(ROOT / "topic_guides" / "prisoner.md"), "--db", db)
    assert code == 0 and out.startswith("added 'Prisoner topic guide' [prisoner]:")
    code, out, _ = run(capsys, "project", "list", "--db", db)
    assert (code, out) == (0, "1\tResettlement study\n")
    code, out, _ = run(
        capsys, "import", str(ROOT / "transcripts" / "prisoner_short_sentence.txt"), "--db", db, "--no-suggest"
    )
    assert (code, out) == (0, "imported prisoner_short_sentence (id 1)\n")
    code, out, _ = run(capsys, "status", "--db", db, "--json")
    status = json.loads(out)
    assert (code, status["name"], status["frames"], [i["name"] for i in status["interviews"]], status["reviewed"]) == (
        0,
        "Resettlement study",
        ["Cross-cutting themes", "Prisoner topic guide"],
        ["prisoner_short_sentence"],
        0,
    )
    assert status["segments"] == status["interviews"][0]["segments"] > 10
    code, out, _ = run(capsys, "export", "quotes", "--out", str(tmp_path / "quotes"), "--db", db, "--include-suggested")
    assert (code, out) == (0, f"wrote {tmp_path / 'quotes.docx'}\n")
    text = "\n".join(p.text for p in Document(str(tmp_path / "quotes.docx")).paragraphs)
    assert "Prisoner" in text or "Respondent" in text
