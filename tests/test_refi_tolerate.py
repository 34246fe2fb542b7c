"""Real tools' harmless deviations from the REFI-QDA schemas are read with a warning; others are refused."""

import doctest
import io
import zipfile
from pathlib import Path

import pytest

from coding.errors import InputError, InvalidTopicGuide
from coding.model import Frame, Theme
from coding.refi_qda import code_tree, tolerate
from coding.refi_qda.codebook import read_codebook
from coding.refi_qda.project_read import read_qdpx, read_qdpx_with_warnings
from coding.refi_qda.validate import validate_codebook

DATA = Path(__file__).parent / "data" / "refi"
HEAD = '<?xml version="1.0" encoding="utf-8"?>\n'
OPEN = '<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="Some tool 3.1">\n'
HOUSING = '<Code guid="7A1C9E44-3F2B-4D8E-A6C5-11D2E3F4A5B6" name="Housing" isCodable="true" color="#4F81BD"/>\n'
EXPECTED = Frame(
    name="tool codebook",
    kind="crosscutting",
    source="",
    themes=[Theme("housing", "Housing", extra={"color": "#4F81BD"})],
)


def codebook(tmp_path, text: str | bytes) -> Path:
    path = tmp_path / "tool_codebook.qdc"
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return path


def read(path):
    frame = read_codebook(path)
    warnings, frame.warnings = frame.warnings, []
    frame.source = ""
    return frame, warnings


@pytest.mark.parametrize(
    "text, warnings",
    [
        (
            HEAD + OPEN + "<Codes>\n" + HOUSING + "</Codes>\n<Sets/>\n</CodeBook>",
            ["line 6: an empty <Sets> (the schema wants at least one <Set>): ignored"],
        ),
        (
            HEAD + OPEN + "<Codes>\n" + HOUSING.replace(' isCodable="true"', "") + "</Codes>\n</CodeBook>",
            ["line 4: a <Code> without isCodable: read as codable"],
        ),
        (
            HEAD
            + OPEN
            + "<Codes>\n"
            + HOUSING.replace('isCodable="true"', 'isCodable="True"')
            + "</Codes>\n</CodeBook>",
            ["line 4: isCodable written as 'True': read as 'true'"],
        ),
        (
            HEAD + OPEN + "<Codes>\n" + HOUSING.replace("#4F81BD", "4F81BD") + "</Codes>\n</CodeBook>",
            ["line 4: a colour written as '4F81BD': read as '#4F81BD'"],
        ),
        (
            HEAD + OPEN + "<Codes>\n" + HOUSING.replace("#4F81BD", "#FF4F81BD") + "</Codes>\n</CodeBook>",
            [],
        ),  # libxml2 lets eight digits through the schema's pattern; the reader still takes them as ARGB
        (
            HEAD + OPEN + "<Codes>\n" + HOUSING.replace("#4F81BD", "rgb(79, 129, 189)") + "</Codes>\n</CodeBook>",
            ["line 4: a colour written as 'rgb(79, 129, 189)': read as '#4F81BD'"],
        ),
        (
            HEAD + OPEN + "<Codes>\n" + HOUSING.replace("#4F81BD", str(0x4F81BD)) + "</Codes>\n</CodeBook>",
            ["line 4: a colour written as '5210557': read as '#4F81BD'"],
        ),
        (
            HEAD
            + OPEN.replace(">", ' xmlns:mx="urn:vendor:maxqda" mx:version="24">', 1)
            + "<Codes>\n"
            + HOUSING.replace("/>", ' mx:order="3" weight="2"><mx:Layout x="1"/></Code>')
            + "</Codes>\n</CodeBook>",
            [
                "line 2: a vendor attribute 'version' on <CodeBook>: ignored",
                "line 4: a vendor attribute 'order' on <Code>: ignored",
                "line 4: a vendor attribute 'weight' on <Code>: ignored",
                "line 4: a vendor element <Layout> in namespace urn:vendor:maxqda: ignored",
            ],
        ),
        (
            "\ufeff" + HEAD + OPEN + "<Codes>\n" + HOUSING + "</Codes>\n<Sets/>\n</CodeBook>",
            [
                "the file starts with a byte-order mark: ignored",
                "line 6: an empty <Sets> (the schema wants at least one <Set>): ignored",
            ],
        ),
        (
            "\ufeff\n\n" + HEAD + OPEN + "<Codes>\n" + HOUSING + "</Codes>\n</CodeBook>",
            ["the file starts with a byte-order mark: ignored", "blank lines before the XML declaration: ignored"],
        ),
    ],
    ids=[
        "empty-sets",
        "no-isCodable",
        "True",
        "no-hash",
        "argb",
        "rgb()",
        "number",
        "vendor",
        "bom-and-sets",
        "bom-blank-lines",
    ],
)
def test_harmless_deviations_are_read_with_a_warning_naming_them(tmp_path, text, warnings):
    path = codebook(tmp_path, text)
    assert read(path) == (EXPECTED, warnings)
    if not warnings:
        return
    with pytest.raises(InvalidTopicGuide, match="not valid against the REFI-QDA schema|not well-formed"):
        validate_codebook(path)  # the strict check, for our own exports, still says no


def test_a_valid_file_reads_without_warnings(tmp_path):
    assert read(codebook(tmp_path, HEAD + OPEN + "<Codes>\n" + HOUSING + "</Codes>\n</CodeBook>")) == (EXPECTED, [])


def test_an_unreadable_colour_is_dropped(tmp_path):
    frame, warnings = read(
        codebook(
            tmp_path, HEAD + OPEN + "<Codes>\n" + HOUSING.replace("#4F81BD", "ocean blue") + "</Codes>\n</CodeBook>"
        )
    )
    assert (frame, warnings) == (
        Frame(name="tool codebook", kind="crosscutting", source="", themes=[Theme("housing", "Housing")]),
        ["line 4: an unreadable colour 'ocean blue': dropped"],
    )


@pytest.mark.parametrize(
    "body, message, line",
    [
        # a deviation that loses meaning: a code without a GUID
        (
            HOUSING.replace('guid="7A1C9E44-3F2B-4D8E-A6C5-11D2E3F4A5B6" ', ""),
            "The attribute 'guid' is required but missing.",
            4,
        ),
        # an element in the REFI namespace that the schema does not know (not a vendor's)
        (
            HOUSING.replace("/>", "><Colour>blue</Colour></Code>"),
            "Element '{urn:QDA-XML:codebook:1.0}Colour': This element is not expected.",
            4,
        ),
        # a GUID that is not one
        (
            HOUSING.replace("7A1C9E44-3F2B-4D8E-A6C5-11D2E3F4A5B6", "housing-1"),
            "The value 'housing-1' is not accepted by the pattern",
            4,
        ),
    ],
)
def test_other_schema_failures_are_refused_with_the_schemas_message_even_beside_harmless_ones(
    tmp_path, body, message, line
):
    path = codebook(tmp_path, HEAD + OPEN + "<Codes>\n" + body + "</Codes>\n<Sets/>\n</CodeBook>")
    with pytest.raises(InvalidTopicGuide) as error:
        read_codebook(path)
    assert (
        error.value.line,
        message in error.value.message,
        error.value.message.startswith("not valid against the REFI-QDA schema Codebook.xsd"),
    ) == (line, True, True)


def qdpx(tmp_path, qde: bytes, folder="sources") -> Path:
    path = tmp_path / "tool.qdpx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("project.qde", qde)
        archive.writestr(
            f"{folder}/5A5A0001-0000-4000-8000-000000000001.txt", (DATA / "maxqda_style_source.txt").read_bytes()
        )
    return path


def test_a_project_with_empty_containers_no_name_and_a_Sources_folder_reads_with_warnings(tmp_path):
    fixture = (DATA / "maxqda_style_project.qde").read_text(encoding="utf-8")
    original = read_qdpx(qdpx(tmp_path, fixture.encode("utf-8")))
    deviant = (
        fixture.replace(' name="Resettlement interviews (other tool)"', "", 1)
        .replace('typeOfVariable="Text"', 'typeOfVariable="text"')
        .replace("<Sources>", "<Links/>\n<Sources>", 1)
        .replace('creationDateTime="2024-06-04T14:00:00Z"', 'creationDateTime="2024-06-04 14:00:00Z"')
        .replace('name="Interview note"', 'name="Interview note" creationDateTime="last Tuesday"')
        .replace("</Project>", "<Sets></Sets><Graphs/></Project>")
        .replace(
            '<NoteRef targetGUID="0A0E0002-0000-4000-8000-000000000002"/>',  # a code on the whole document
            '<Coding guid="C0D10009-0000-4000-8000-000000000009"><CodeRef targetGUID="C0DE0003-0000-4000-8000-000000000003"/>'
            '</Coding><NoteRef targetGUID="0A0E0002-0000-4000-8000-000000000002"/>',
            1,
        )
    )
    snapshot, warnings = read_qdpx_with_warnings(qdpx(tmp_path, ("\ufeff" + deviant).encode("utf-8"), folder="Sources"))
    assert warnings == [
        "the file starts with a byte-order mark: ignored",
        "line 6: the <Project> has no name: named after the file",
        "line 22: typeOfVariable written as 'text': read as 'Text'",
        "line 50: a creationDateTime written as '2024-06-04 14:00:00Z': read as '2024-06-04T14:00:00+00:00'",
        "line 76: an unreadable creationDateTime 'last Tuesday': dropped",
        "line 43: an empty <Links> (the schema wants at least one <Link>): ignored",
        "line 87: an empty <Sets> (the schema wants at least one <Set>): ignored",
        "line 87: an empty <Graphs> (the schema wants at least one <Graph>): ignored",
        "1 source not imported, the workbench codes text: 'Leaflet photo' (picture)",
        "1 code on whole documents (not on a passage) not imported",
        "the archive's source folder is Sources/ (the standard writes sources/): read",
    ]
    assert snapshot.name == "tool"
    assert (snapshot.frames[0].themes, snapshot.cases, snapshot.codings, snapshot.memos) == (
        original.frames[0].themes,
        original.cases,
        original.codings,
        original.memos,
    )


def test_a_project_with_a_real_problem_is_refused(tmp_path):
    fixture = (DATA / "maxqda_style_project.qde").read_text(encoding="utf-8")
    broken = fixture.replace('startPosition="89" ', "", 1).replace("<Sources>", "<Links/>\n<Sources>", 1)
    with pytest.raises(InputError) as error:
        read_qdpx(qdpx(tmp_path, broken.encode("utf-8")))
    assert "The attribute 'startPosition' is required but missing." in error.value.message


def test_taguette_dotted_paths_nest_and_a_missing_parent_groups():
    themes = [
        Theme("interesting", "interesting"),
        Theme("services_housing", "services.housing"),
        Theme("services_work_training", "services.work.training"),
        Theme("services", "services"),
    ]
    assert code_tree.nest_dotted_paths(themes) == [
        Theme("interesting", "interesting"),
        Theme(
            "services",
            "services",
            children=[
                Theme("services_housing", "housing"),
                Theme(
                    "services_work",
                    "work",
                    extra={"is_codable": False},
                    children=[Theme("services_work_training", "training")],
                ),
            ],
        ),
    ]


@pytest.mark.parametrize("module", [tolerate, code_tree])
def test_docstring_examples(module):
    result = doctest.testmod(module)
    assert (result.failed, result.attempted > 0) == (0, True)


def test_schema_attribute_table_is_read_from_the_shipped_schemas():
    assert tolerate.allowed_attributes("Codebook.xsd")["Code"] == {"guid", "name", "isCodable", "color"}
    assert tolerate.allowed_attributes("Project.xsd")["Coding"] == {"guid", "creatingUser", "creationDateTime"}
    assert tolerate.allowed_attributes("Project.xsd")["PlainTextContent"] == set()


def test_file_objects_work_too():
    data = (HEAD + OPEN + "<Codes>\n" + HOUSING + "</Codes>\n<Sets/>\n</CodeBook>").encode("utf-8")
    frame = read_codebook(io.BytesIO(data))
    assert frame.warnings == ["line 6: an empty <Sets> (the schema wants at least one <Set>): ignored"]


def test_the_namespace_written_with_a_colon_is_read_and_the_draft_namespace_refused(tmp_path):
    nvivo_mac = (
        '<?xml version="1.0" encoding="UTF-8" standalone="no" ?><CodeBook origin="NVivo 12 For Mac" '
        'xmlns="urn:QDA-XML:codebook:1:0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        'xsi:schemaLocation="urn:QDA-XML:codebook:1:0 Codebook.xsd"><Codes>' + HOUSING + "</Codes></CodeBook>"
    )
    assert read(codebook(tmp_path, nvivo_mac)) == (
        EXPECTED,
        ["the namespace is written 'urn:QDA-XML:codebook:1:0': read as 'urn:QDA-XML:codebook:1.0'"],
    )
    draft = nvivo_mac.replace("codebook:1:0", "codebook:0:4")
    with pytest.raises(InvalidTopicGuide, match="<CodeBook> is in namespace 'urn:QDA-XML:codebook:0:4'"):
        read_codebook(codebook(tmp_path, draft))


def test_an_archive_made_by_zipping_a_folder_reads_with_a_warning(tmp_path):
    fixture = (DATA / "maxqda_style_project.qde").read_bytes()
    source = (DATA / "maxqda_style_source.txt").read_bytes()
    zipped = tmp_path / "zipped_folder.qdpx"
    with zipfile.ZipFile(zipped, "w") as archive:
        archive.writestr("Resettlement study/", b"")
        archive.writestr("Resettlement study/project.qde", fixture)
        archive.writestr("Resettlement study/sources/5A5A0001-0000-4000-8000-000000000001.txt", source)
    snapshot, warnings = read_qdpx_with_warnings(zipped)
    assert snapshot == read_qdpx(qdpx(tmp_path, fixture))
    assert warnings == [
        "the archive holds everything in a folder Resettlement study/ (made by zipping a folder): read",
        "1 source not imported, the workbench codes text: 'Leaflet photo' (picture)",
    ]
    stray = tmp_path / "stray.qdpx"
    with zipfile.ZipFile(stray, "w") as archive:
        archive.writestr("Study/project.qde", fixture)
        archive.writestr("notes.txt", b"not in the folder")
    with pytest.raises(InputError, match="no project.qde at its root"):
        read_qdpx(stray)
