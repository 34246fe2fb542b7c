"""The re-identification gate: every export is read back, and a file with an identifier left in it is withheld.

The planted interview (``tests/planted.py``) carries a prison, a town, a titled name,
an NI number, a street, a postcode, a nickname, a phone number, a lower-case name, an
e-mail address, a date of birth, a prison number and a prison's nickname; its file is
named after the respondent and its interviewer speaks under her first name. Every
export kind is written through the service and read back *independently of the
gate's own matcher* (a plain substring search of everything in the file).
"""

from __future__ import annotations

import zipfile

import pytest

from coding import service
from coding.anonymise.gate import GateHit, export_pieces, scan_export
from coding.errors import ExportBlocked
from coding.model import Frame, Memo, Theme
from coding.store import codes, projects, transcripts
from tests import planted


def _project(store, frame: Frame | None = None) -> int:
    project_id = projects.create_project(store, "Resettlement pilot")
    from tests.store_factory import themes_frame

    projects.save_frame(store, project_id, frame or themes_frame())
    transcript, segments = planted.interview()
    transcript_id = transcripts.save_transcript(store, project_id, transcript, segments)
    for segment in transcripts.load_segments(store, transcript_id, codable_only=True):
        codes.decide(store, project_id, segment.id, "referrals", "confirm", "priya")
    service.add_memo(store, project_id, Memo(planted.MEMO.text, "priya", transcript_id=transcript_id))
    service.synthesis.save_summary(store, project_id, transcript_id, "referrals", planted.SUMMARY, "priya", "written")
    return project_id


def _everything_in(path) -> list[str]:
    """What a reader could see in the file: its read-back pieces and, for an archive, every member's raw text."""
    texts = [text for _, text in export_pieces(path)]
    if zipfile.is_zipfile(path) and path.suffix in (".qdpx",):
        with zipfile.ZipFile(path) as archive:
            texts += [archive.read(m).decode("utf-8", "replace") for m in archive.namelist()]
            texts += archive.namelist()
    return texts


@pytest.mark.model
@pytest.mark.parametrize("kind", ["matrix", "quotes", "csv", "xlsx", "qdpx", "qdc"])
def test_no_planted_identifier_survives_any_export(fresh_store, tmp_path, kind):
    project_id = _project(fresh_store)
    path = service.export_project(fresh_store, project_id, kind, tmp_path / "out")
    assert planted.leaks(_everything_in(path)) == []
    [record] = service.export_records(fresh_store, project_id)
    assert (record.export_kind, record.pseudonymised, record.outcome) == (kind, True, "written")


def _frame_naming_the_prison() -> Frame:
    return Frame(
        name="Resettlement",
        kind="crosscutting",
        themes=[Theme("referrals", "Referrals at HMP Wandsworth", keywords=["handover"])],
    )


def test_a_codebook_naming_a_listed_prison_is_withheld_and_says_where(fresh_store, tmp_path):
    project_id = _project(fresh_store, _frame_naming_the_prison())
    with pytest.raises(ExportBlocked) as blocked:
        service.export_project(fresh_store, project_id, "qdc", tmp_path / "book")
    assert not (tmp_path / "book.qdc").exists()
    hits = blocked.value.hits
    assert {(h.kind, h.value) for h in hits} == {("prison or establishment", "HMP Wandsworth")}
    assert all("<Code Referrals at HMP Wandsworth>" in h.location for h in hits)
    assert "HMP Wandsworth" in str(blocked.value)
    [record] = service.export_records(fresh_store, project_id)
    assert (record.outcome, record.hits, record.overridden) == ("blocked", len(hits), 0)


def test_an_overridden_hit_passes_and_both_exports_are_recorded(fresh_store, tmp_path):
    project_id = _project(fresh_store, _frame_naming_the_prison())
    with pytest.raises(ExportBlocked) as blocked:
        service.export_project(fresh_store, project_id, "qdc", tmp_path / "book")
    with pytest.raises(Exception):
        service.override_gate_hit(fresh_store, project_id, "qdc", blocked.value.hits[0], "  ", "priya")
    for hit in blocked.value.hits:
        service.override_gate_hit(
            fresh_store, project_id, "qdc", hit, "The pilot's prison is named in the published report", "priya"
        )
    path = service.export_project(fresh_store, project_id, "qdc", tmp_path / "book", author="priya")
    assert path.exists()
    records = service.export_records(fresh_store, project_id)
    assert [(r.outcome, r.overridden, r.author) for r in records] == [
        ("blocked", 0, "researcher"),
        ("written", len(blocked.value.hits), "priya"),
    ]


def test_an_export_without_pseudonymisation_is_recorded_as_such(fresh_store, tmp_path):
    project_id = _project(fresh_store)
    path = service.export_project(fresh_store, project_id, "csv", tmp_path / "raw", pseudonymise=False, author="priya")
    assert "Okonkwo" in path.read_text(encoding="utf-8-sig")
    [record] = service.export_records(fresh_store, project_id)
    assert (record.pseudonymised, record.outcome, record.author) == (False, "written", "priya")


def test_the_gate_names_the_sheet_row_and_column_of_a_hit(tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Prisoners"
    sheet.append(["case", "text"])
    sheet.append(["Prisoner 01", "I was in [Prison A]."])
    sheet.append(["Prisoner 02", "Ring Dave on 07700900461 or dave brown's mum"])
    book.save(tmp_path / "m.xlsx")
    hits = scan_export(tmp_path / "m.xlsx", [("person", "Dave Brown"), ("person", "Dave")])
    assert hits == [
        GateHit("person", "Dave", "sheet 'Prisoners', row 3, column B", "Ring Dave on 07700900461 or dave brown'"),
        GateHit(
            "phone number",
            "07700900461",
            "sheet 'Prisoners', row 3, column B",
            "Ring Dave on 07700900461 or dave brown's mum",
        ),
        GateHit(
            "person", "dave brown", "sheet 'Prisoners', row 3, column B", "Ring Dave on 07700900461 or dave brown's mum"
        ),
    ]


@pytest.mark.model
def test_cases_are_exported_under_opaque_labels_unless_the_researcher_sets_one(fresh_store, tmp_path):
    import csv

    project_id = _project(fresh_store)
    path = service.export_project(fresh_store, project_id, "csv", tmp_path / "a")
    with path.open(encoding="utf-8-sig", newline="") as f:
        assert {row["case"] for row in csv.DictReader(f)} == {"Prisoner 01"}  # never "dave_brown_final"
    [info] = transcripts.list_transcripts(fresh_store, project_id)
    assert service.set_case_label(fresh_store, project_id, info.id, "  Leaver   A ") == "Leaver A"
    path = service.export_project(fresh_store, project_id, "csv", tmp_path / "b")
    with path.open(encoding="utf-8-sig", newline="") as f:
        assert {row["case"] for row in csv.DictReader(f)} == {"Leaver A"}
