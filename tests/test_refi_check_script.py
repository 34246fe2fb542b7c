"""scripts/check_refi_files.py reports, per file, the schema verdict, what was read, warnings and the round trip."""

import json
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "refi"


def run(*paths):
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "check_refi_files.py"), "--json", *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    return result.returncode, [json.loads(line) for line in result.stdout.splitlines()]


def test_reports_each_file(tmp_path):
    qdpx = tmp_path / "other_tool.qdpx"
    with zipfile.ZipFile(qdpx, "w") as archive:
        archive.write(DATA / "maxqda_style_project.qde", "project.qde")
        archive.write(DATA / "maxqda_style_source.txt", "Sources/5A5A0001-0000-4000-8000-000000000001.txt")
    taguette_like = tmp_path / "tags.qdc"
    taguette_like.write_text(
        (DATA / "atlas_style_codebook.qdc")
        .read_text(encoding="utf-8")
        .replace("<Sets>", "<Sets/><!--")
        .replace("</Sets>", "-->"),
        encoding="utf-8",
    )
    code, reports = run(DATA / "atlas_style_codebook.qdc", qdpx, taguette_like)
    assert code == 0
    assert reports[0] == {
        "file": "atlas_style_codebook.qdc",
        "kind": "codebook",
        "schema": "valid",
        "read": "read",
        "warnings": [
            "1 set ('Practical barriers') not kept: the workbench has no code or document groups (their members are kept)"
        ],
        "origin": "ATLAS.ti 23.4.0 (fictional fixture)",
        "codes": 5,
        "depth": 2,
        "round trip": "written valid; read back the same",
    }
    assert reports[1] == {
        "file": "other_tool.qdpx",
        "kind": "project",
        "schema": "valid",
        "read": "read",
        "warnings": [
            "1 source not imported, the workbench codes text: 'Leaflet photo' (picture)",
            "the archive's source folder is Sources/ (the standard writes sources/): read",
        ],
        "codes": 3,
        "depth": 2,
        "text sources": 2,
        "cases with attributes": 1,
        "codings": 4,
        "coders": ["Rosa Analyst", "Sam Coder"],
        "memos": 4,
        "summaries": 0,
        "round trip": "written valid; read back with the same counts",
    }
    assert (
        reports[2]["schema"].startswith(
            "invalid: tags.qdc, line 19: not valid against the REFI-QDA schema Codebook.xsd"
        ),
        reports[2]["warnings"],
        reports[2]["round trip"],
    ) == (
        True,
        ["line 19: an empty <Sets> (the schema wants at least one <Set>): ignored"],
        "written valid; read back the same",
    )


def test_a_refused_file_fails_the_run(tmp_path):
    bad = tmp_path / "bad.qdc"
    bad.write_text(
        '<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes><Code name="x" isCodable="true"/></Codes></CodeBook>'
    )
    code, [report] = run(bad)
    assert (code, report["read"].startswith("refused: bad.qdc, line 1: not valid against the REFI-QDA schema")) == (
        1,
        True,
    )
