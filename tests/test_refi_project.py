"""REFI-QDA projects (.qdpx): archive layout, schema validity, content, round trip, other tools' files."""

import io
import zipfile
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from lxml import etree

from coding.errors import InputError, WorkbenchError
from coding.model import Case, CodedSegment, Frame, Memo, ProjectSnapshot, Speaker, Theme
from coding.refi_qda.ids import theme_guid
from coding.refi_qda.project import read_qdpx, write_qdpx
from coding.refi_qda.validate import validate_project
from tests.paths import SHARED as SHARED_ROOT
from tests.snapshot_factory import PROJECT_NAME, make_snapshot

SHARED = SHARED_ROOT / "refi-qda"
DATA = Path(__file__).parent / "data" / "refi"
NS = {"p": "urn:QDA-XML:project:1.0"}
IDENTIFYING = ("interviewer", "respondent_name")


@pytest.fixture(scope="module")
def published_schema():
    return etree.XMLSchema(etree.parse(str(SHARED / "Project.xsd")))


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    path = tmp_path_factory.mktemp("qdpx") / "project.qdpx"
    write_qdpx(make_snapshot(once=True), path)  # once=True: codings may be walked only once
    return path


def qde(path):
    with zipfile.ZipFile(path) as archive:
        return etree.fromstring(archive.read("project.qde"))


def confirmed(snapshot):
    return [c for c in snapshot.codings if c.status == "confirmed"]


def by_key(codings):
    return sorted(codings, key=lambda c: (c.case_id, c.segment_id, c.theme_id, c.coder, c.status))


def without_identifying(snapshot):
    return [
        replace(c, attributes={k: v for k, v in c.attributes.items() if k not in IDENTIFYING}) for c in snapshot.cases
    ]


def test_archive_holds_project_qde_and_one_text_per_case(exported):
    snapshot = make_snapshot()
    root = qde(exported)
    with zipfile.ZipFile(exported) as archive:
        names = archive.namelist()
        paths = [s.get("plainTextPath") for s in root.iterfind("p:Sources/p:TextSource", NS)]
        assert names == [p.replace("internal://", "sources/") for p in paths] + ["project.qde"]
        assert [archive.read(n).decode("utf-8") for n in names[:-1]] == [c.text for c in snapshot.cases]
    assert all(p.startswith("internal://") and p.endswith(".txt") for p in paths)


def test_project_qde_is_valid_against_the_published_schema(exported, published_schema):
    with zipfile.ZipFile(exported) as archive:
        doc = etree.parse(io.BytesIO(archive.read("project.qde")))
    assert published_schema.validate(doc), published_schema.error_log
    validate_project(exported)


def test_users_variables_and_cases(exported):
    root = qde(exported)
    assert [u.get("name") for u in root.iterfind("p:Users/p:User", NS)] == ["ana", "ben", "suggester"]
    variables = {v.get("guid"): v.get("name") for v in root.iterfind("p:Variables/p:Variable", NS)}
    assert list(variables.values()) == ["respondent_type", "wave", "case_label", "provider", "area"]  # no names
    cases = [
        (
            case.get("name"),
            {
                variables[v.find("p:VariableRef", NS).get("targetGUID")]: v.findtext("p:TextValue", namespaces=NS)
                for v in case.iterfind("p:VariableValue", NS)
            },
        )
        for case in root.iterfind("p:Cases/p:Case", NS)
    ]
    assert cases == [
        ("stakeholder_01", {"respondent_type": "stakeholder", "wave": "1"}),
        (
            "providerA_ops_01",
            {
                "case_label": "Case 2",
                "provider": "Provider A",
                "respondent_type": "operational staff",
                "area": "pilot area",
                "wave": "1",
            },
        ),
        (
            "providerA_ops_02",
            {
                "case_label": "Case 3",
                "provider": "Provider A",
                "respondent_type": "operational staff",
                "area": "pilot area",
                "wave": "1",
            },
        ),
        ("prisoner_01", {"respondent_type": "prisoner", "area": "pilot area", "wave": "1"}),
    ]
    sources = [s.get("guid") for s in root.iterfind("p:Sources/p:TextSource", NS)]
    assert [c.find("p:SourceRef", NS).get("targetGUID") for c in root.iterfind("p:Cases/p:Case", NS)] == sources


def test_selections_point_at_the_coded_words_with_their_codes_and_coders(exported):
    snapshot = make_snapshot()
    root = qde(exported)
    users = {u.get("guid"): u.get("name") for u in root.iterfind("p:Users/p:User", NS)}
    themes = {theme_guid(f.id, t.id): t.id for f in snapshot.frames for t, _ in f.walk()}
    found = []
    for source, case in zip(root.iterfind("p:Sources/p:TextSource", NS), snapshot.cases):
        for selection in source.iterfind("p:PlainTextSelection", NS):
            start, end = int(selection.get("startPosition")), int(selection.get("endPosition"))
            for coding in selection.iterfind("p:Coding", NS):
                found.append(
                    (
                        case.id,
                        case.text[start:end],
                        themes[coding.find("p:CodeRef", NS).get("targetGUID")],
                        users[coding.get("creatingUser")],
                        coding.get("creationDateTime"),
                    )
                )
    expected = [(c.case_id, c.text, c.theme_id, c.coder, c.created_at.isoformat()) for c in confirmed(snapshot)]
    assert sorted(found) == sorted(expected)  # every confirmed code, and no suggested or rejected one
    assert len(found) == 17


def test_memos_and_summaries_are_notes_referenced_where_they_belong(exported):
    root = qde(exported)
    notes = {
        n.get("guid"): n.findtext("p:PlainTextContent", namespaces=NS) for n in root.iterfind("p:Notes/p:Note", NS)
    }

    def refs(element):
        return [notes[r.get("targetGUID")] for r in element.iterfind("p:NoteRef", NS)]

    volumes = root.find(".//p:Code[@name='Referral volumes']", NS)
    sources = list(root.iterfind("p:Sources/p:TextSource", NS))
    prisoner_selection = next(
        s for s in sources[3].iterfind("p:PlainTextSelection", NS) if s.find("p:NoteRef", NS) is not None
    )
    assert (
        refs(volumes),
        refs(prisoner_selection),
        refs(sources[2]),
        refs(sources[1]),
        refs(root),
    ) == (
        ["Low volumes come up in every provider interview; check against the MI."],
        ["A clear example of a warm handover working."],
        [
            "Paired interview: the two respondents sometimes disagree.",
            "Weekly shared release list with probation; relationships feel less contractual.",
        ],
        ["Gate meetings work when notice is given; late release lists are the main barrier."],
        ["Wave 2 should ask how the pilot ended."],
    )
    summary = root.find("p:Notes/p:Note[@name='Summary: Referral, attachment and handover']", NS)
    assert summary is not None


def test_round_trip_gives_the_same_project(tmp_path):
    write_qdpx(make_snapshot(once=True), tmp_path / "p.qdpx", keep_identifying_attributes=True)
    back = read_qdpx(tmp_path / "p.qdpx")
    original = make_snapshot()
    assert back == replace(original, codings=back.codings, coverage={})  # name, frames, cases, memos, summaries, coders
    assert by_key(back.codings) == by_key(confirmed(original))


def test_round_trip_by_default_drops_attributes_that_name_people(exported):
    back = read_qdpx(exported)
    original = make_snapshot()
    assert back.cases == without_identifying(original)
    assert by_key(back.codings) == by_key(confirmed(original))


def test_suggested_codes_travel_only_when_asked_for(tmp_path):
    write_qdpx(make_snapshot(), tmp_path / "s.qdpx", include_suggested=True)
    validate_project(tmp_path / "s.qdpx")
    back = read_qdpx(tmp_path / "s.qdpx")
    original = make_snapshot()
    wanted = [c for c in original.codings if c.status != "rejected"]
    assert by_key(back.codings) == by_key(wanted)
    assert sorted((c.theme_id, c.score) for c in back.codings if c.status == "suggested") == [
        ("funding", 0.71),
        ("warm_handover", 0.55),
        ("warm_handover", 0.62),
    ]


def test_offsets_are_code_points_in_the_stored_text(tmp_path):
    text = "Interviewer: Café?\n\nRespondent: It’s grim — ‘no bed’ 😞 then the gate: “we’ll sort it”.\n"
    start = text.index("“we’ll")
    coding = CodedSegment(
        1,
        7,
        "respondent",
        "respondent",
        text[start:-2],
        start,
        len(text) - 2,
        "gate",
        "confirmed",
        "ana",
        "human",
        paragraph=2,
        created_at=datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC),
    )
    case = Case(1, "u", text, speakers=[Speaker("respondent", "Respondent", "respondent")])
    snapshot = ProjectSnapshot("Unicode", [Frame("F", [Theme("gate", "Gate")])], [case], [coding], coders=["ana"])
    write_qdpx(snapshot, tmp_path / "u.qdpx")
    selection = qde(tmp_path / "u.qdpx").find(".//p:PlainTextSelection", NS)
    assert (int(selection.get("startPosition")), int(selection.get("endPosition"))) == (start, len(text) - 2)
    assert read_qdpx(tmp_path / "u.qdpx") == snapshot


def test_writes_to_a_binary_file_object():
    buffer = io.BytesIO()
    write_qdpx(make_snapshot(), buffer)
    buffer.seek(0)
    assert read_qdpx(buffer).name == PROJECT_NAME


def foreign_archive(tmp_path, folder="Sources"):
    path = tmp_path / "other_tool.qdpx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.write(DATA / "maxqda_style_project.qde", "project.qde")
        archive.write(DATA / "maxqda_style_source.txt", f"{folder}/5A5A0001-0000-4000-8000-000000000001.txt")
    return path


@pytest.mark.parametrize("folder", ["Sources", "sources"])
def test_another_tools_project_imports(tmp_path, folder, published_schema):
    assert published_schema.validate(etree.parse(str(DATA / "maxqda_style_project.qde")))
    back = read_qdpx(foreign_archive(tmp_path, folder))
    text = (DATA / "maxqda_style_source.txt").read_text(encoding="utf-8")
    inline = "Respondent: The probation officer rang the provider before I got out, that made the difference."
    utc = UTC
    sofa = "I had nowhere to stay, so I was on my cousin’s sofa for five nights."
    forklift = "The adviser at the jobcentre was decent, she booked me on a forklift course straight away."

    def coded(case_id, segment, start, theme, coder, when, paragraph, words):
        return CodedSegment(
            case_id,
            segment,
            "",
            "respondent",
            words,
            start,
            start + len(words),
            theme,
            "confirmed",
            coder,
            "human",
            created_at=when,
            paragraph=paragraph,
        )

    assert back == ProjectSnapshot(
        name="Resettlement interviews (other tool)",
        frames=[
            Frame(
                name="Resettlement interviews (other tool)",
                kind="crosscutting",
                themes=[
                    Theme(
                        "housing",
                        "Housing",
                        description="Where people stay after release.",
                        extra={"color": "#4F81BD"},
                        children=[Theme("sofa_surfing", "Sofa surfing")],
                    ),
                    Theme("employment_support", "Employment support", extra={"color": "#9BBB59"}),
                ],
            )
        ],
        cases=[
            Case(1, "Interview P01", text, {"Respondent type": "prison leaver", "Age": "27", "Pilot area": "true"}),
            Case(2, "Phone note P02", inline, {}),  # the picture source is skipped
        ],
        codings=[
            coded(1, 1, 89, "sofa_surfing", "Rosa Analyst", datetime(2024, 6, 3, 9, 30, tzinfo=utc), 2, sofa),
            coded(1, 1, 89, "housing", "Sam Coder", datetime(2024, 6, 4, 14, 0, tzinfo=utc), 2, sofa),
            coded(1, 2, 210, "employment_support", "Sam Coder", datetime(2024, 6, 4, 14, 5, tzinfo=utc), 4, forklift),
            coded(
                2,
                3,
                12,
                "employment_support",
                "Rosa Analyst",
                None,
                1,
                "The probation officer rang the provider before I got out",
            ),
        ],
        memos=[
            Memo(
                "Family support stands in for housing services here.",
                "Rosa Analyst",
                segment_id=1,
                transcript_id=1,
                created_at=datetime(2024, 6, 3, 9, 31, tzinfo=utc),
            ),
            Memo("Interview held in a probation office; short.", "Sam Coder", transcript_id=1),
            Memo("Compare with wave 2.", ""),
            Memo("Split housing into temporary and settled?", "", theme_id="housing"),
        ],
        coders=["Rosa Analyst", "Sam Coder"],
    )


def test_an_imported_project_exports_again_valid(tmp_path, published_schema):
    back = read_qdpx(foreign_archive(tmp_path))
    write_qdpx(back, tmp_path / "again.qdpx")
    with zipfile.ZipFile(tmp_path / "again.qdpx") as archive:
        assert published_schema.validate(etree.parse(io.BytesIO(archive.read("project.qde"))))
    again = read_qdpx(tmp_path / "again.qdpx")
    assert (again.cases, by_key(again.codings), again.memos) == (back.cases, by_key(back.codings), back.memos)


def make_zip(tmp_path, files):
    path = tmp_path / f"bad_{len(list(tmp_path.glob('bad_*')))}.qdpx"
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return path


def test_bad_archives_get_clear_errors(tmp_path):
    (tmp_path / "notzip.qdpx").write_text("hello")
    fixture = (DATA / "maxqda_style_project.qde").read_text(encoding="utf-8")
    cases = [
        (tmp_path / "notzip.qdpx", "not a .qdpx archive"),
        (make_zip(tmp_path, {"readme.txt": "x"}), "no project.qde"),
        (
            make_zip(
                tmp_path,
                {"project.qde": (SHARED / "samples" / "project-invalid-coding-without-coderef.qde").read_bytes()},
            ),
            "Project.xsd",
        ),
        (make_zip(tmp_path, {"project.qde": fixture}), "not in the archive's sources/ folder"),
        (
            make_zip(
                tmp_path,
                {
                    "project.qde": fixture.replace(
                        'startPosition="12" endPosition="68"', 'startPosition="12" endPosition="680"'
                    ),
                    "sources/5A5A0001-0000-4000-8000-000000000001.txt": "x" * 400,
                },
            ),
            "lies outside its source's 95 characters",
        ),
        (
            make_zip(
                tmp_path,
                {
                    "project.qde": fixture.replace(
                        "internal://5A5A0001-0000-4000-8000-000000000001.txt", "relative://interviews/p01.txt"
                    )
                },
            ),
            "points outside the archive",
        ),
    ]
    for path, message in cases:
        with pytest.raises(InputError) as error:
            read_qdpx(path)
        assert message in str(error.value) and str(error.value).startswith(Path(path).name), str(error.value)


def test_validate_project_reports_the_line_of_the_first_problem():
    with pytest.raises(InputError) as error:
        validate_project(SHARED / "samples" / "project-invalid-coding-without-coderef.qde")
    assert (error.value.line is not None, "CodeRef" in error.value.message) == (True, True)
    validate_project(SHARED / "samples" / "project-valid.qde")


def test_offsets_outside_the_text_are_refused_on_export():
    snapshot = make_snapshot()
    snapshot.codings = [replace(snapshot.codings[0], end=10_000)]
    with pytest.raises(WorkbenchError, match="lies outside the case's text"):
        write_qdpx(snapshot, io.BytesIO())


def test_errors_on_file_objects_name_them_readably():
    with pytest.raises(InputError) as error:
        read_qdpx(io.BytesIO(b"not a zip"))
    assert str(error.value).startswith("uploaded file: not a .qdpx archive")
