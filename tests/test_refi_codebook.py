"""REFI-QDA codebooks (.qdc): valid against the published schema, round trip, other tools' files."""

import io
import uuid
from dataclasses import replace
from pathlib import Path

import pytest
from lxml import etree

from coding.errors import InvalidTopicGuide, WorkbenchError
from coding.model import Frame, Theme
from coding.refi_qda.codebook import read_codebook, write_codebook
from coding.refi_qda.ids import NAMESPACE
from coding.refi_qda.validate import validate_codebook
from tests.paths import SHARED as SHARED_ROOT
from tests.snapshot_factory import make_frames

SHARED = SHARED_ROOT / "refi-qda"
DATA = Path(__file__).parent / "data" / "refi"
NS = {"c": "urn:QDA-XML:codebook:1.0"}


@pytest.fixture(scope="module")
def published_schema():
    return etree.XMLSchema(etree.parse(str(SHARED / "Codebook.xsd")))


def tree(element):
    """(name, isCodable, children) for every code, as nested tuples."""
    return [(c.get("name"), c.get("isCodable"), tree(c)) for c in element.findall("c:Code", NS)]


def test_written_codebook_is_valid_and_nested(tmp_path, published_schema):
    write_codebook(make_frames(), tmp_path / "frames.qdc")
    doc = etree.parse(str(tmp_path / "frames.qdc"))
    assert published_schema.validate(doc), published_schema.error_log
    assert doc.getroot().tag == "{urn:QDA-XML:codebook:1.0}CodeBook"
    assert tree(doc.getroot().find("c:Codes", NS)) == [
        (
            "Cross-cutting themes",
            "false",
            [
                (
                    "Referral, attachment and handover",
                    "true",
                    [
                        ("Warm handover at the gate", "true", []),
                        ("Referral volumes", "true", [("Lower than expected volumes", "true", [])]),
                    ],
                ),
                (
                    "Partnership working",
                    "true",
                    [("Information sharing", "true", []), ("Co-location in prisons", "true", [])],
                ),
                ("Funding and incentives", "true", []),
            ],
        ),
        (
            "Provider topic guide",
            "false",
            [
                (
                    "A. Your role",
                    "true",
                    [
                        ("Can you describe your role?", "true", []),
                        ("How long have you worked with prison leavers?", "true", []),
                    ],
                ),
                (
                    "B. Delivering support",
                    "true",
                    [
                        ("How do you first make contact with a prison leaver?", "true", []),
                        ("What gets in the way?", "true", []),
                    ],
                ),
            ],
        ),
    ]
    referrals = doc.find(".//c:Code[@name='Referral, attachment and handover']", NS)
    assert referrals.findtext("c:Description", namespaces=NS) == (
        "How prison leavers reach the provider and are handed over at release.\n\n"
        'workbench: {"id": "referrals", "keywords": ["warm handover", "referral"]}'
    )


def test_guids_are_uuid5_of_frame_and_theme_and_stable(tmp_path):
    first, again = io.BytesIO(), io.BytesIO()
    write_codebook(make_frames(), first)
    write_codebook(make_frames(), again)
    assert first.getvalue() == again.getvalue()
    doc = etree.fromstring(first.getvalue())
    warm = doc.find(".//c:Code[@name='Warm handover at the gate']", NS)
    assert warm.get("guid") == str(uuid.uuid5(NAMESPACE, "theme\x1fcrosscutting\x1fwarm_handover")).upper()
    guids = [c.get("guid") for c in doc.iter("{urn:QDA-XML:codebook:1.0}Code")]
    assert len(guids) == len(set(guids)) == 16  # 2 frames, 8 themes, 6 guide nodes


@pytest.mark.parametrize("which", [0, 1])
def test_round_trip_gives_the_same_frame(tmp_path, which):
    frame = make_frames()[which]  # cross-cutting themes; a guide with key questions, probes, routing, metadata
    write_codebook([frame], tmp_path / "one.qdc")
    assert read_codebook(tmp_path / "one.qdc") == frame


def test_round_trip_keeps_colours_and_extra_keys(tmp_path):
    frame = Frame(
        name="Themes with colours",
        kind="crosscutting",
        themes=[
            Theme("stigma", "Stigma", description="Line one.\nLine two.", extra={"color": "#C0504D", "owner": "ana"})
        ],
    )
    write_codebook([frame], tmp_path / "c.qdc")
    code = etree.parse(str(tmp_path / "c.qdc")).find(".//c:Code[@name='Stigma']", NS)
    assert code.get("color") == "#C0504D"
    assert read_codebook(tmp_path / "c.qdc") == frame


def test_several_frames_come_back_as_one_frame_with_a_section_each(tmp_path):
    write_codebook(make_frames(), tmp_path / "both_frames.qdc")
    frame = read_codebook(tmp_path / "both_frames.qdc")
    originals = make_frames()
    assert (frame.name, frame.kind, [(t.id, t.label, t.kind) for t in frame.themes]) == (
        "both frames",
        "crosscutting",
        [("crosscutting", "Cross-cutting themes", "section"), ("provider_guide", "Provider topic guide", "section")],
    )
    assert [t.children for t in frame.themes] == [f.themes for f in originals]


def test_another_tools_codebook_imports(published_schema):
    path = DATA / "atlas_style_codebook.qdc"
    assert published_schema.validate(etree.parse(str(path)))
    assert read_codebook(path) == Frame(
        name="atlas style codebook",
        kind="crosscutting",
        source="atlas_style_codebook.qdc",  # the file's name, never its folders
        warnings=[
            "1 set ('Practical barriers') not kept: the workbench has no code or document groups (their members are kept)"
        ],
        themes=[
            Theme(
                "barriers_to_employment",
                "Barriers to employment",
                description="Anything a prison leaver says stops them finding or keeping work.",
                extra={"color": "#c0504d", "is_codable": False},
                children=[
                    Theme(
                        "housing",
                        "Housing",
                        description="No fixed address on release; hostels; sofa surfing.",
                        extra={"color": "#4F81BD"},
                    ),
                    Theme("criminal_record_disclosure", "Criminal record disclosure", extra={"color": "#9BBB59"}),
                    Theme("housing_2", "Housing", description="A second code with the same name, as tools allow."),
                ],
            ),
            Theme("risk_safety_the_prison_gate", "Risk & safety: the prison gate", extra={"color": "#F79646"}),
        ],
    )


def test_imported_codebook_writes_back_valid_with_its_colours(tmp_path, published_schema):
    frame = read_codebook(DATA / "atlas_style_codebook.qdc")
    write_codebook([frame], tmp_path / "again.qdc")
    doc = etree.parse(str(tmp_path / "again.qdc"))
    assert published_schema.validate(doc)
    group = doc.find(".//c:Code[@name='Barriers to employment']", NS)
    assert (group.get("isCodable"), group.get("color")) == ("false", "#c0504d")
    assert read_codebook(tmp_path / "again.qdc") == replace(frame, warnings=[])


def test_the_published_sample_codebook_imports():
    frame = read_codebook(SHARED / "samples" / "codebook-valid.qdc")
    assert [(t.id, t.label, [c.label for c in t.children]) for t in frame.themes] == [("emotions", "Emotions", ["Joy"])]


@pytest.mark.parametrize(
    "content, message, line",
    [
        (
            b'<?xml version="1.0"?>\n<CodeBook xmlns="urn:QDA-XML:codebook:1.0">\n  <Codes>\n</CodeBook>',
            "not well-formed XML",
            4,
        ),
        (
            b'<?xml version="1.0"?>\n<Project xmlns="urn:QDA-XML:project:1.0" name="x"/>',
            "the root element is <Project>",
            2,
        ),
        (b'<CodeBook xmlns="urn:QDA-XML:codebook:0:4"><Codes/></CodeBook>', "namespace 'urn:QDA-XML:codebook:0:4'", 1),
        (
            b'<CodeBook xmlns="urn:QDA-XML:codebook:1.0">\n<Codes>\n<Code name="No guid" isCodable="true"/>\n</Codes>\n</CodeBook>',
            "not valid against the REFI-QDA schema Codebook.xsd: Element '{urn:QDA-XML:codebook:1.0}Code': The attribute 'guid' is required but missing.",
            3,
        ),
        (b"   \n", "the file is empty", None),
    ],
)
def test_bad_codebooks_get_a_clear_error_with_file_and_line(tmp_path, content, message, line):
    path = tmp_path / "broken.qdc"
    path.write_bytes(content)
    for read in (read_codebook, validate_codebook):
        with pytest.raises(InvalidTopicGuide) as error:
            read(path)
        assert (error.value.path, error.value.line, message in error.value.message) == (str(path), line, True)
        assert str(error.value).startswith("broken.qdc")


def test_the_published_invalid_sample_and_a_missing_file_are_refused():
    with pytest.raises(InvalidTopicGuide, match="The attribute 'guid' is required"):
        validate_codebook(SHARED / "samples" / "codebook-invalid-missing-guid.qdc")
    with pytest.raises(InvalidTopicGuide, match="cannot open the file"):
        read_codebook("/no/such/codebook.qdc")
    validate_codebook(SHARED / "samples" / "codebook-valid.qdc")


def test_entities_are_never_resolved(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET")
    path = tmp_path / "xxe.qdc"
    path.write_text(
        f'<?xml version="1.0"?><!DOCTYPE CodeBook [<!ENTITY x SYSTEM "file://{secret}">]>'
        '<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>'
        '<Code guid="2B0E6F52-8D0C-4A3E-9B1A-0C1D2E3F4A5B" name="a" isCodable="true"><Description>&x;</Description></Code>'
        "</Codes></CodeBook>"
    )
    with pytest.raises(InvalidTopicGuide, match="declares a DOCTYPE"):
        read_codebook(path)


def test_nothing_to_export_is_an_error():
    with pytest.raises(WorkbenchError, match="no themes"):
        write_codebook([Frame(name="Empty")], io.BytesIO())


def test_a_codebook_exported_by_atlas_ti_23_4_imports(published_schema, tmp_path):
    """A real ATLAS.ti Win 23.4.0 export (tests/data/refi/SOURCES.md): valid, read as is, written back valid."""
    path = DATA / "atlas_ti_23.4.0_requal.qdc"
    assert published_schema.validate(etree.parse(str(path)))
    frame = read_codebook(path)
    assert frame == Frame(
        name="atlas ti 23.4.0 requal",
        kind="crosscutting",
        source="atlas_ti_23.4.0_requal.qdc",
        themes=[Theme("code1", "code1", description="description", extra={"color": "#46AA00"})],
        warnings=[
            "1 set ('code group 1') not kept: the workbench has no code or document groups (their members are kept)"
        ],
    )
    write_codebook([frame], tmp_path / "again.qdc")
    validate_codebook(tmp_path / "again.qdc")
    assert read_codebook(tmp_path / "again.qdc").themes == frame.themes
