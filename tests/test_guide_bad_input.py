"""Files that are not topic guides get one clear message naming the file (and line where known)."""

from __future__ import annotations

import openpyxl
import pytest

from coding.errors import InvalidTopicGuide, UnsupportedFormat
from coding.frames.load import load_frames


def empty(path):
    path.write_bytes(b"")


def binary_junk(path):
    path.write_bytes(bytes(range(256)) * 40)


def spreadsheet(path):
    workbook = openpyxl.Workbook()
    workbook.active["A1"] = "Theme"
    workbook.save(str(path))


def huge(path):
    with open(path, "wb") as handle:
        handle.truncate(25 * 1024 * 1024)


def prose(path):
    path.write_text(
        "This report describes the evaluation.\n\nIt was written in 2014 and covers three areas of work.\n",
        encoding="utf-8",
    )


def bad_yaml(path):
    path.write_text("name: Frame\nthemes:\n  - id: a\n    label: [unclosed\n", encoding="utf-8")


CASES = [
    ("empty.txt", empty, InvalidTopicGuide, "empty.txt: the file is empty"),
    ("junk.txt", binary_junk, UnsupportedFormat, "junk.txt: this is a binary file, not a text topic guide"),
    ("junk.docx", binary_junk, UnsupportedFormat, "junk.docx: this is not a Word .docx file (it is not a zip package)"),
    (
        "budget.docx",
        spreadsheet,
        UnsupportedFormat,
        "budget.docx: this is a spreadsheet renamed .docx, not a Word document",
    ),
    ("huge.txt", huge, InvalidTopicGuide, "huge.txt: the file is 25 MB; a topic guide is at most 20 MB"),
    (
        "report.txt",
        prose,
        InvalidTopicGuide,
        "report.txt: no recognisable sections: expected headings such as 'A. BACKGROUND', '## Section' "
        "or a title line followed by numbered questions",
    ),
    ("junk.pdf", binary_junk, UnsupportedFormat, "junk.pdf: the PDF cannot be read (PdfStreamError)"),
    (
        "frame.yaml",
        bad_yaml,
        InvalidTopicGuide,
        "frame.yaml, line 5: not valid YAML (expected ',' or ']', but got '<stream end>')",
    ),
    (
        "guide.rtf",
        prose,
        UnsupportedFormat,
        "guide.rtf: cannot read .rtf as a topic guide; use one of .docx, .markdown, .md, .pdf, .qdc, .text, .txt, "
        ".yaml, .yml",
    ),
]


@pytest.mark.parametrize("name, make, error, message", CASES, ids=[c[0] for c in CASES])
def test_bad_input_gets_one_clear_message(tmp_path, name, make, error, message):
    path = tmp_path / name
    make(path)
    with pytest.raises(error) as raised:
        load_frames(path)
    assert str(raised.value) == message
    assert raised.value.path == str(path)


def test_missing_file(tmp_path):
    with pytest.raises(InvalidTopicGuide) as raised:
        load_frames(tmp_path / "nowhere.md")
    assert str(raised.value) == "nowhere.md: cannot open the file (No such file or directory)"
