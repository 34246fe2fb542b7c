"""Long-format CSV and XLSX: one row per coded segment, read back with csv and openpyxl."""

import csv
import io
from dataclasses import replace
from datetime import datetime

import pytest
from openpyxl import load_workbook

from coding.exports.longformat import long_columns, long_rows, write_long_csv, write_long_xlsx
from tests.snapshot_factory import PERSON_NAMES, PROJECT_NAME, coding_for, make_snapshot

COLUMNS = [
    "project",
    "case",
    "segment_id",
    "attr_respondent_type",
    "attr_wave",
    "attr_provider",
    "attr_area",
    "speaker",
    "role",
    "text",
    "start",
    "end",
    "time_start",
    "time_end",
    "question_id",
    "question",
    "theme_id",
    "theme_path",
    "status",
    "coder",
    "source",
    "score",
    "created_at",
]


def test_columns_hold_attributes_but_never_names():
    assert long_columns(make_snapshot()) == COLUMNS  # no attr_interviewer, attr_respondent_name, attr_case_label


def test_one_row_per_coded_segment_with_everything_a_row_needs():
    snapshot = make_snapshot()
    source = coding_for(snapshot.codings, 3, 8, "low_volumes")
    snapshot.codings = iter(snapshot.codings)  # any iterable, walked once
    rows = list(long_rows(snapshot))
    assert len(rows) == 20  # 21 codings, one rejected
    row = next(r for r in rows if r["segment_id"] == 308 and r["theme_id"] == "low_volumes")
    assert row == {
        "project": PROJECT_NAME,
        "case": "Case 3",
        "segment_id": 308,
        "attr_respondent_type": "operational staff",
        "attr_wave": "1",
        "attr_provider": "Provider A",
        "attr_area": "pilot area",
        "speaker": "Respondent 2",
        "role": "respondent",
        "text": source.text,
        "start": source.start,
        "end": source.end,
        "time_start": 118.0,
        "time_end": 138.0,
        "question_id": None,
        "question": None,
        "theme_id": "low_volumes",
        "theme_path": "Referral, attachment and handover > Referral volumes > Lower than expected volumes",
        "status": "confirmed",
        "coder": "ana",
        "source": "human",
        "score": None,
        "created_at": datetime(2024, 5, 1, 10, 15),
    }
    assert sorted({r["status"] for r in rows}) == ["confirmed", "suggested"]
    assert {r["status"] for r in long_rows(make_snapshot(), include_suggested=False)} == {"confirmed"}


def read_csv(data: bytes):
    assert data.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to read UTF-8
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def test_csv_round_trips_through_the_csv_module(tmp_path):
    write_long_csv(make_snapshot(once=True), tmp_path / "long.csv")
    table = read_csv((tmp_path / "long.csv").read_bytes())
    assert table[0] == COLUMNS
    assert len(table) == 21
    stakeholder = next(r for r in table if r[2] == "104")
    assert stakeholder == [
        PROJECT_NAME,
        "stakeholder_01",
        "104",
        "stakeholder",
        "1",
        "",
        "",
        "Respondent",
        "respondent",
        "Honestly the referral numbers were far lower than anyone modelled. We expected a steady flow from the two prisons and it was a trickle for the first six months.",
        stakeholder[10],
        stakeholder[11],
        "",
        "",
        "",
        "",
        "low_volumes",
        "Referral, attachment and handover > Referral volumes > Lower than expected volumes",
        "confirmed",
        "ana",
        "human",
        "",
        "2024-05-01T10:00:00",
    ]
    suggested = next(r for r in table if r[2] == "106" and r[18] == "suggested")
    assert (suggested[19:22], suggested[16]) == (["suggester", "model", "0.62"], "warm_handover")
    text = "\n".join(",".join(r) for r in table)
    assert [name for name in PERSON_NAMES if name in text] == []


def hostile_snapshot():
    snapshot = make_snapshot()
    snapshot.cases[0].attributes["area"] = '=HYPERLINK("http://evil.example","click")'
    first = coding_for(snapshot.codings, 1, 4, "low_volumes")
    snapshot.codings = [
        replace(first, text="=1+2"),
        replace(first, text="+44 7700 900000", theme_id="funding"),
        replace(first, text="-- honestly, no", theme_id="partnership"),
        replace(first, text="@SUM(A1)", theme_id="co_location"),
    ]
    return snapshot


def test_csv_guards_against_formula_injection():
    buffer = io.BytesIO()
    write_long_csv(hostile_snapshot(), buffer)
    table = read_csv(buffer.getvalue())
    area, text = table[0].index("attr_area"), table[0].index("text")
    assert [(r[area], r[text]) for r in table[1:]] == [
        ('\'=HYPERLINK("http://evil.example","click")', "'=1+2"),
        ('\'=HYPERLINK("http://evil.example","click")', "'+44 7700 900000"),
        ('\'=HYPERLINK("http://evil.example","click")', "'-- honestly, no"),
        ('\'=HYPERLINK("http://evil.example","click")', "'@SUM(A1)"),
    ]


def test_csv_to_a_text_file_object_also_gets_a_bom():
    buffer = io.StringIO()
    write_long_csv(make_snapshot(), buffer, include_suggested=False)
    assert buffer.getvalue().startswith("\ufeffproject,case,segment_id,")
    assert len(buffer.getvalue().strip().splitlines()) == 1 + 17


@pytest.fixture(scope="module")
def sheet(tmp_path_factory):
    path = tmp_path_factory.mktemp("long") / "long.xlsx"
    write_long_xlsx(make_snapshot(once=True), path)
    return load_workbook(path)["Codings"]


def test_xlsx_has_a_frozen_filtered_header_and_typed_cells(sheet):
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == COLUMNS
    assert len(rows) == 21
    assert (sheet.freeze_panes, sheet.auto_filter.ref) == ("A2", "A1:W21")
    row = next(r for r in rows if r[2] == 308 and r[16] == "funding")
    assert (row[1], row[7], row[12], row[18], row[21], row[22]) == (
        "Case 3",
        "Respondent 2",
        118.0,
        "suggested",
        0.71,
        datetime(2024, 5, 1, 10, 16),
    )


def test_xlsx_guards_against_formula_injection(tmp_path):
    write_long_xlsx(hostile_snapshot(), tmp_path / "h.xlsx")
    ws = load_workbook(tmp_path / "h.xlsx")["Codings"]
    header = [c.value for c in ws[1]]
    area, text = header.index("attr_area") + 1, header.index("text") + 1
    cells = [(ws.cell(r, area), ws.cell(r, text)) for r in range(2, 6)]
    assert [(a.value, t.value, a.data_type, t.data_type) for a, t in cells] == [
        ('\'=HYPERLINK("http://evil.example","click")', "'=1+2", "s", "s"),
        ('\'=HYPERLINK("http://evil.example","click")', "'+44 7700 900000", "s", "s"),
        ('\'=HYPERLINK("http://evil.example","click")', "'-- honestly, no", "s", "s"),
        ('\'=HYPERLINK("http://evil.example","click")', "'@SUM(A1)", "s", "s"),
    ]
