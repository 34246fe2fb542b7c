"""REFI-QDA exchange files carry nothing private: no absolute paths, no speaker names once pseudonymised."""

import io
import re
import zipfile
from pathlib import Path

from coding.anonymise.pseudonymise import pseudonymise_snapshot
from coding.frames.load import load_frames
from coding.refi_qda.codebook import read_codebook, write_codebook
from coding.refi_qda.project import write_qdpx
from coding.refi_qda.project_read import read_qdpx
from tests.snapshot_factory import make_snapshot

ROOT = Path(__file__).resolve().parent.parent
PEOPLE = [
    "Priya",
    "Ramanathan",
    "Margaret",
    "Thornbury",
    "Declan",
    "Oyelaran",
    "Siobhan",
    "Kettleby",
    "Tomasz",
    "Wierzbicki",
    "Gary",
    "Pellington",
]


def archive_text(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return "\n".join(archive.read(name).decode("utf-8") for name in archive.namelist())


def test_a_codebook_of_frames_read_from_absolute_paths_names_files_only(tmp_path):
    frames = load_frames(ROOT / "topic_guides" / "crosscutting_themes.yaml")
    assert frames[0].source.startswith("/")  # the frame knows where it came from; the export must not say
    buffer = io.BytesIO()
    write_codebook(frames, buffer)
    text = buffer.getvalue().decode("utf-8")
    assert re.findall(r'"source": "([^"]*)"', text) == ["crosscutting_themes.yaml"]
    assert str(ROOT) not in text and "/work" not in text
    (tmp_path / "frames.qdc").write_bytes(buffer.getvalue())
    assert read_codebook(tmp_path / "frames.qdc").source == "crosscutting_themes.yaml"


def test_a_windows_path_is_cut_to_its_file_name_too():
    frame = load_frames(ROOT / "topic_guides" / "crosscutting_themes.yaml")[0]
    frame.source = r"C:\Users\ana.smith\OneDrive\Guides\crosscutting_themes.yaml"
    buffer = io.BytesIO()
    write_codebook([frame], buffer)
    assert "ana.smith" not in buffer.getvalue().decode("utf-8")


def test_a_pseudonymised_project_names_nobody():
    snapshot = pseudonymise_snapshot(make_snapshot(), use_ner=False)
    buffer = io.BytesIO()
    write_qdpx(snapshot, buffer)
    text = archive_text(buffer.getvalue())
    assert [name for name in PEOPLE if name.lower() in text.lower()] == []
    back = read_qdpx(io.BytesIO(buffer.getvalue()))
    assert [[(s.key, s.label) for s in case.speakers] for case in back.cases] == [
        [("person_1", "[Person 1]"), ("person_2", "[Person 2]")],
        [("person_1", "[Person 1]"), ("person_3", "[Person 3]")],
        [("person_1", "[Person 1]"), ("person_4", "[Person 4]"), ("person_5", "[Person 5]")],
        [("person_1", "[Person 1]"), ("person_6", "[Person 6]")],
    ]
    assert {c.speaker for c in back.codings} <= {"person_2", "person_3", "person_4", "person_5", "person_6"}


def test_without_pseudonymisation_the_names_are_there_as_asked():
    buffer = io.BytesIO()
    write_qdpx(make_snapshot(), buffer)
    assert all(name.lower() in archive_text(buffer.getvalue()).lower() for name in ("Margaret", "Thornbury"))
