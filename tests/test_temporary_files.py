"""Temporary files: uploads saved under names unique in their batch and deleted when done; a built
export kept in the tab's state only, never left on disk."""

from __future__ import annotations

import io
import tempfile

from coding.ui import state
from coding.ui.project import _drop_uploads, _save_uploads
from tests.ui_fixtures import open_page, ui_project, ui_template  # noqa: F401  (fixtures)


class Upload(io.BytesIO):
    """What st.file_uploader hands back: a BytesIO with the browser's file name."""

    def __init__(self, name: str, data: bytes):
        super().__init__(data)
        self.name = name


def test_two_uploads_with_one_name_keep_both_files_under_unique_names():
    paths, names = _save_uploads(
        [
            Upload("notes.docx", b"first"),
            Upload("Notes.docx", b"second"),
            Upload("notes.docx", b"third"),
            Upload("other.txt", b"fourth"),
        ]
    )
    try:
        assert [names[str(p)] for p in paths] == ["notes.docx", "Notes (2).docx", "notes (3).docx", "other.txt"]
        assert [p.read_bytes() for p in paths] == [b"first", b"second", b"third", b"fourth"]
        assert [p.name for p in paths] == ["notes.docx", "Notes (2).docx", "notes (3).docx", "other.txt"]
    finally:
        _drop_uploads(paths)
    assert not any(p.exists() for p in paths)
    assert not paths[0].parent.parent.exists()


def test_dropping_uploads_leaves_files_outside_the_upload_folders_alone(tmp_path):
    shipped = tmp_path / "transcripts" / "interview.txt"
    shipped.parent.mkdir()
    shipped.write_text("I: hello\n\nR: hi\n", "utf-8")
    paths, _ = _save_uploads([Upload("a.txt", b"x")])
    _drop_uploads([*paths, shipped])
    assert shipped.exists() and not paths[0].exists()
    assert _save_uploads([]) == ([], {})  # no upload, no folder left behind


def test_a_built_export_leaves_no_file_on_disk(ui_project, tmp_path, monkeypatch):
    temporary = tmp_path / "temporary"
    temporary.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temporary))
    at = open_page(ui_project.url, "export")
    at.segmented_control(key="export_kind").set_value("xlsx").run()
    at.button(key="export_build").click().run()
    assert not at.error
    built = at.session_state[state.EXPORT]
    assert built["data"][:2] == b"PK" and len(at.dataframe[0].value) == 4  # the file and its preview, in memory
    assert [p.name for p in temporary.iterdir() if p.name.startswith("workbench-export-")] == []
