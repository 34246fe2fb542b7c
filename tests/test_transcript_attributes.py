"""Case attributes from --attr arguments and a sidecar CSV/XLSX keyed by file name."""

from __future__ import annotations

import openpyxl
import pytest

from coding.errors import InputError
from coding.transcripts.attributes import parse_attr_args, read_case_attributes


def test_demo_sidecar():
    attrs = read_case_attributes("transcripts/cases.csv")
    assert attrs["provider_a_operational_staff.txt"] == {
        "respondent_type": "Provider A operational staff",
        "area": "Pilot area",
        "wave": "1",
        "interview_date": "2015-03-12",
        "interviewer": "SJ",
    }
    assert len(attrs) == 7


def test_xlsx_with_spaced_headers_folders_and_blank_cells(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["File", "Respondent type", "Area", "Wave"])
    sheet.append(["interviews\\pris_01.docx", "prisoner", None, 2])
    sheet.append([None, None, None, None])
    book.save(tmp_path / "cases.xlsx")
    assert read_case_attributes(tmp_path / "cases.xlsx") == {
        "pris_01.docx": {"respondent_type": "prisoner", "wave": "2"}
    }


@pytest.mark.parametrize(
    "content, message",
    [
        ("name,area\na.txt,x\n", "cases.csv, line 1: no 'file' column (columns: name, area)"),
        ("file,area\na.txt,x\na.txt,y\n", "cases.csv, line 3: 'a.txt' is listed twice"),
        ("file,area\n,x\n", "cases.csv, line 2: row has no file name"),
        ("", "cases.csv: the attributes file is empty"),
    ],
)
def test_bad_sidecars(tmp_path, content, message):
    (tmp_path / "cases.csv").write_text(content, "utf-8")
    with pytest.raises(InputError) as caught:
        read_case_attributes(tmp_path / "cases.csv")
    assert str(caught.value) == message


def test_parse_attr_args():
    assert parse_attr_args(["respondent_type=prisoner", "Area=Pilot area", "note=a=b"]) == {
        "respondent_type": "prisoner",
        "area": "Pilot area",
        "note": "a=b",
    }
    with pytest.raises(InputError, match="--attr expects key=value, got 'prisoner'"):
        parse_attr_args(["prisoner"])
