"""`python -m coding user ...` and `agreement --json/--docx` on a project store."""

from __future__ import annotations

import io
import json

import pytest
from docx import Document

from coding import cli
from coding.service import team
from coding.store import codes as store_codes
from coding.store.db import open_store
from tests.store_factory import small_project


@pytest.fixture
def project(tmp_path):
    url = f"sqlite:///{tmp_path / 'team.sqlite'}"
    store = open_store(url)
    project_id, transcript_id, segments = small_project(store, "Team project")
    for segment, ben in zip(segments, ["confirm", "reject", "confirm"]):
        theme = {0: "referrals", 1: "sanctions", 2: "employer_engagement"}[segments.index(segment)]
        store_codes.decide(store, project_id, segment.id, theme, "confirm", "amira")
        store_codes.decide(store, project_id, segment.id, theme, ben, "ben")
    return url, store, project_id


def run(capsys, monkeypatch, *argv, stdin=""):
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = cli.main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_user_add_role_and_list(project, capsys, monkeypatch):
    url, store, project_id = project
    monkeypatch.setattr("coding.team.accounts._hasher", __import__("argon2").PasswordHasher(1, 8, 1))
    assert run(
        capsys, monkeypatch, "user", "add", "Lena", "--db", url, "--password-stdin", stdin="lena's long password\n"
    )[:2] == (0, "added lena\n")
    assert (
        run(capsys, monkeypatch, "user", "add", "amira", "--db", url, "--no-password", "--email", "amira@example.org")[
            0
        ]
        == 0
    )
    assert team.sign_in(store, "lena", "lena's long password").username == "lena"
    code, _, err = run(capsys, monkeypatch, "user", "role", "amira", "coder", "--db", url)
    assert (code, err) == (1, "error: The first member of a project is its lead; add a lead before any coder.\n")
    assert run(capsys, monkeypatch, "user", "role", "lena", "lead", "--db", url)[1] == "lena is a lead on the project\n"
    assert run(capsys, monkeypatch, "user", "role", "amira", "coder", "--db", url)[0] == 0
    assert team.members(store, project_id) == {"lena": "lead", "amira": "coder"}
    assert run(capsys, monkeypatch, "user", "list", "--db", url)[1] == (
        "amira\tamira\tamira@example.org\nlena\tlena\t\n"
    )
    code, _, err = run(capsys, monkeypatch, "user", "add", "x", "--db", url, "--password-stdin", stdin="short\n")
    assert (code, err) == (
        1,
        "error: 'x' is not a username: use 2-40 lower-case letters, digits, '.', '_' or '-', starting with a letter.\n",
    )


def test_agreement_json_and_docx(project, capsys, monkeypatch, tmp_path):
    url, _, _ = project
    code, out, err = run(capsys, monkeypatch, "agreement", "--db", url, "--json", "--docx", str(tmp_path / "a.docx"))
    assert code == 0 and err.startswith("wrote ")
    data = json.loads(out)
    pair = next(p for p in data["pairs"] if (p["coder_a"], p["coder_b"]) == ("amira", "ben"))
    assert (pair["overall"]["units"], pair["overall"]["both"], pair["overall"]["only_a"]) == (9, 2, 1)
    assert [(a["coders"], a["theme"], a["units"]) for a in data["alpha"] if a["theme"] == "(all themes)"] == [
        (["amira", "ben"], "(all themes)", 9),
        (["amira", "ben", "model"], "(all themes)", 9),
    ]
    assert Document(tmp_path / "a.docx").tables[0].rows[1].cells[0].text == "amira and ben"
