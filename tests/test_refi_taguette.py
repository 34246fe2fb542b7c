"""Codebooks written by Taguette 1.5.2's own exporter import: on their own, into a project, from the CLI.

Taguette runs in its own venv (``.venv-taguette``, made by scripts/setup_taguette_venv.sh,
which ``make setup`` and ``make test`` call; the fixture calls it too, and it returns at once
when the venv is there). Its ``taguette.export.codebook_xml`` writes the file in a
subprocess; the workbench reads it here. What Taguette writes, and so what is asserted:
one flat ``<Code>`` per tag named by the tag's path, no descriptions (its QDC export
drops them), and an empty ``<Sets/>`` that the schema does not allow.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import etree

from coding import service
from coding.errors import InvalidTopicGuide
from coding.frames.load import load_frames
from coding.model import Frame, Theme
from coding.refi_qda.codebook import write_codebook
from coding.refi_qda.validate import validate_codebook
from coding.store import projects

ROOT = Path(__file__).resolve().parent.parent
TAGUETTE_PYTHON = ROOT / ".venv-taguette" / "bin" / "python"
MAKE = ROOT / "tests" / "data" / "refi" / "make_taguette_codebook.py"
SETS = "line 2: an empty <Sets> (the schema wants at least one <Set>): ignored"


@pytest.fixture(scope="module")
def taguette() -> Path:
    setup = subprocess.run(
        ["bash", str(ROOT / "scripts" / "setup_taguette_venv.sh")], capture_output=True, text=True, timeout=900
    )
    assert setup.returncode == 0, f"could not make .venv-taguette: {setup.stderr}"
    version = subprocess.run(
        [str(TAGUETTE_PYTHON), "-c", "import taguette; print(taguette.__version__)"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert version == "1.5.2"
    return TAGUETTE_PYTHON


def taguette_codebook(python: Path, folder: Path, name: str, tags: list[dict]) -> Path:
    """A .qdc written by Taguette's ``codebook_xml`` for ``tags`` ({path, description})."""
    path = folder / name
    subprocess.run([str(python), str(MAKE), str(path)], input=json.dumps(tags), text=True, check=True, timeout=120)
    return path


FLAT = [
    {"path": "interesting", "description": "Further review required"},  # Taguette's default tag
    {"path": "housing", "description": "Where people stay after release"},
    {"path": "Réinsertion professionnelle", "description": "Retour à l'emploi"},
    {"path": "Zugang zu Ämtern", "description": ""},
]
NESTED = [
    {"path": "barriers", "description": "Anything that stops a prison leaver"},
    {"path": "barriers.housing", "description": "No fixed address"},
    {"path": "barriers.housing.hostel", "description": ""},
    {"path": "barriers.record", "description": "Disclosure of convictions"},
    {"path": "services.jobcentre", "description": "Work coach"},  # its parent is not a tag
    {"path": "services.café", "description": ""},
]


def test_taguette_writes_what_the_schema_refuses(taguette, tmp_path):
    path = taguette_codebook(taguette, tmp_path, "taguette.qdc", FLAT)
    root = etree.parse(str(path)).getroot()
    assert (root.get("origin"), [c.get("name") for c in root.iter("{urn:QDA-XML:codebook:1.0}Code")]) == (
        "Taguette 1.5.2",
        ["interesting", "housing", "Réinsertion professionnelle", "Zugang zu Ämtern"],
    )
    assert root.find("{urn:QDA-XML:codebook:1.0}Description") is None
    with pytest.raises(InvalidTopicGuide, match="Element '{urn:QDA-XML:codebook:1.0}Sets': Missing child element"):
        validate_codebook(path)


def test_flat_codebook_with_non_ascii_names_imports(taguette, tmp_path):
    [frame] = load_frames(taguette_codebook(taguette, tmp_path, "taguette.qdc", FLAT))
    assert frame == Frame(
        name="taguette",
        kind="crosscutting",
        source="taguette.qdc",
        warnings=[SETS],
        themes=[
            Theme("interesting", "interesting"),
            Theme("housing", "housing"),
            Theme("reinsertion_professionnelle", "Réinsertion professionnelle"),
            Theme("zugang_zu_amtern", "Zugang zu Ämtern"),
        ],
    )


def test_nested_tag_paths_become_a_tree(taguette, tmp_path):
    [frame] = load_frames(taguette_codebook(taguette, tmp_path, "nested_tags.qdc", NESTED))
    assert (frame.themes, frame.warnings) == (
        [
            Theme(
                "barriers",
                "barriers",
                children=[
                    Theme("barriers_housing", "housing", children=[Theme("barriers_housing_hostel", "hostel")]),
                    Theme("barriers_record", "record"),
                ],
            ),
            Theme(
                "services",
                "services",
                extra={"is_codable": False},
                children=[
                    Theme("services_jobcentre", "jobcentre"),
                    Theme("services_cafe", "café"),
                ],
            ),
        ],
        [SETS],
    )


def test_imported_taguette_codebook_exports_valid_and_comes_back_the_same(taguette, tmp_path):
    [frame] = load_frames(taguette_codebook(taguette, tmp_path, "nested_tags.qdc", NESTED))
    write_codebook([frame], tmp_path / "ours.qdc")
    validate_codebook(tmp_path / "ours.qdc")  # strict in what we write
    [again] = load_frames(tmp_path / "ours.qdc")
    assert (again.themes, again.warnings) == (frame.themes, [])


def test_taguette_codebook_is_added_to_a_project(taguette, tmp_path, fresh_store):
    path = taguette_codebook(taguette, tmp_path, "taguette.qdc", NESTED)
    project_id = projects.create_project(fresh_store, "Resettlement")
    [imported] = service.import_guide(fresh_store, project_id, path, author="ana")
    assert imported.warnings == [SETS]
    [stored] = projects.load_frames(fresh_store, project_id)
    assert (stored.name, stored.themes) == ("taguette", imported.themes)


def test_cli_frame_prints_the_tree_and_the_warning(taguette, tmp_path):
    path = taguette_codebook(taguette, tmp_path, "taguette.qdc", NESTED)
    result = subprocess.run(
        [sys.executable, "-m", "coding", "frame", str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "HF_HUB_OFFLINE": "1"},
    )
    assert (result.returncode, result.stderr) == (0, f"  warning: {SETS}\n")
    assert result.stdout.splitlines() == [
        "taguette  [taguette, version 1]",
        "  barriers: barriers",
        "    barriers_housing: housing",
        "      barriers_housing_hostel: hostel",
        "    barriers_record: record",
        "  services: services",
        "    services_jobcentre: jobcentre",
        "    services_cafe: café",
    ]


def test_cli_adds_the_codebook_to_a_project(taguette, tmp_path):
    from coding.store.db import open_store

    path = taguette_codebook(taguette, tmp_path, "taguette.qdc", FLAT)
    db = f"sqlite:///{tmp_path / 'study.sqlite'}"
    store = open_store(db)
    project_id = projects.create_project(store, "Resettlement")
    result = subprocess.run(
        [sys.executable, "-m", "coding", "frame", str(path), "--add", "--db", db, "--project", "Resettlement"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "HF_HUB_OFFLINE": "1"},
    )
    assert (result.returncode, result.stderr) == (
        0,
        f"added 'taguette' to the project (id {project_id})\n  warning: {SETS}\n",
    )
    [stored] = projects.load_frames(store, project_id)
    assert [(t.id, t.label) for t in stored.themes] == [
        ("interesting", "interesting"),
        ("housing", "housing"),
        ("reinsertion_professionnelle", "Réinsertion professionnelle"),
        ("zugang_zu_amtern", "Zugang zu Ämtern"),
    ]
