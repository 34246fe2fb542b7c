"""Our .qdpx -> restore -> .qdpx keeps everything, element by element; another tool's .qdpx restores.

The two ``project.qde`` files are compared in a canonical form: GUIDs are replaced by
what they point at (a user's name, a code's path, a source's name), the workbench's own
database ids in description lines (case, segment, memo ids, which a new store numbers
afresh) are dropped, and so are creation times (the store stamps a restored decision or
memo with the time of the restore). Everything else must be equal: every code, coding
and its coder, selection, memo, case, attribute, variable, speaker and summary.
"""

from __future__ import annotations

import json
import zipfile
from dataclasses import replace
from pathlib import Path

from lxml import etree

from coding.model import Memo
from coding.refi_qda.project import write_qdpx
from coding.refi_qda.trailer import PREFIX
from coding.service.restore import restore_qdpx
from coding.store import codes, projects, summaries, transcripts
from coding.store.snapshot import project_snapshot
from tests.store_factory import interview, small_project

DATA = Path(__file__).parent / "data" / "refi"
NS = "urn:QDA-XML:project:1.0"
DB_IDS = {"case", "segment", "memo", "transcript"}
TIMES = {"creationDateTime", "modifiedDateTime"}
REFERENCES = {"targetGUID", "creatingUser", "creatingUserGUID", "modifyingUser"}


def _names(root) -> dict[str, str]:
    """GUID -> a name that survives a restore."""
    names = {}
    for element in root.iter():
        if not isinstance(element.tag, str) or element.get("guid") is None:
            continue
        local = etree.QName(element).localname
        if local == "Code":
            path = [a.get("name") for a in element.iterancestors(f"{{{NS}}}Code")][::-1] + [element.get("name")]
            names[element.get("guid")] = "code:" + "/".join(path)
        elif local == "PlainTextSelection":
            names[element.get("guid")] = f"selection:{element.getparent().get('name')}:{element.get('startPosition')}"
        elif local == "Note":
            names[element.get("guid")] = "note:" + (element.findtext(f"{{{NS}}}PlainTextContent") or "")
        else:
            names[element.get("guid")] = f"{local}:{element.get('name')}"
    return names


def _description(text: str) -> str:
    head, _, last = text.rpartition("\n")
    if not (last if head or text.startswith(PREFIX) else text).startswith(PREFIX):
        return text
    line = last if last.startswith(PREFIX) else text
    meta = json.loads(line[len(PREFIX) :])
    meta = {k: v for k, v in meta.items() if k not in DB_IDS}
    if "summary" in meta:
        meta["summary"] = meta["summary"][1]  # (case id, theme): the theme; the case is the note's source
    return (text[: -len(line)] if line != text else "") + PREFIX + json.dumps(meta, sort_keys=True)


def canonical(element, names) -> tuple:
    attributes = []
    for key, value in sorted(element.attrib.items()):
        if key == "guid" or key in TIMES:
            continue
        if key == "plainTextPath":  # internal://<the source's GUID>.txt
            value = "internal://" + names.get(value[len("internal://") :].rsplit(".", 1)[0], value)
        attributes.append((key, names.get(value, value) if key in REFERENCES else value))
    text = (element.text or "").strip()
    if etree.QName(element).localname == "Description":
        text = _description(text)
    children = sorted((canonical(c, names) for c in element if isinstance(c.tag, str)), key=repr)
    return (etree.QName(element).localname, tuple(attributes), text, tuple(children))


def qde(path: Path):
    with zipfile.ZipFile(path) as archive:
        return etree.fromstring(archive.read("project.qde"))


def sources(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as archive:
        return sorted(archive.read(n).decode("utf-8") for n in archive.namelist() if n.startswith("sources/"))


def export(store, project_id, path: Path) -> Path:
    write_qdpx(project_snapshot(store, project_id), path, keep_identifying_attributes=True)
    return path


def busy_project(store) -> int:
    """Two interviews, two coders (one coding a phrase), memos on a passage, a theme, an interview
    and the project, and summaries."""
    project_id, transcript_id, segments = small_project(store, "Resettlement, wave 1")
    second, second_segments = interview("Prisoner interview 2", salt="2")
    second.text = second.text.replace("a warehouse", "a bakery!!")  # same length: offsets hold
    second_segments = [replace(s, text=s.text.replace("a warehouse", "a bakery!!")) for s in second_segments]
    second.attributes = {"respondent_type": "prisoner", "area": "Comparison area", "wave": "1"}
    second_id = transcripts.save_transcript(store, project_id, second, second_segments)
    stored_second = transcripts.load_segments(store, second_id, codable_only=True)
    codes.decide(store, project_id, segments[1].id, "sanctions", "confirm", "amira")
    codes.decide(store, project_id, segments[1].id, "sanctions", "confirm", "ben")
    words = "I told them about my record"
    start = segments[2].start + segments[2].text.index(words)
    codes.decide(store, project_id, segments[2].id, "disclosure", "add", "ben", span=(start, start + len(words)))
    codes.decide(store, project_id, segments[2].id, "employer_engagement", "add", "amira")
    codes.decide(store, project_id, segments[0].id, "referrals", "reject", "amira")
    codes.decide(store, project_id, stored_second[0].id, "referrals", "add", "amira")
    codes.add_memo(store, project_id, Memo("Hostel lost on remand", "amira", segment_id=segments[1].id))
    codes.add_memo(
        store, project_id, Memo("Sanctions come up in every prisoner interview.", "ben", theme_id="sanctions")
    )
    codes.add_memo(store, project_id, Memo("Interview cut short by a lockdown.", "amira", transcript_id=second_id))
    # as the Code page writes it: on an answer nobody coded, with its interview (the passage itself
    # cannot travel: a REFI selection needs offsets, and an uncoded answer has none in the snapshot)
    codes.add_memo(
        store,
        project_id,
        Memo("Nobody coded this; worth a look.", "ben", segment_id=stored_second[2].id, transcript_id=second_id),
    )
    codes.add_memo(store, project_id, Memo("Wave 2 should ask how the pilot ended.", "ben"))
    summaries.save_summary(
        store, project_id, transcript_id, "sanctions", "Sanctioned four weeks; hostel", "amira", "written"
    )
    summaries.save_summary(store, project_id, second_id, "referrals", "No one met him at the gate", "ben", "written")
    return project_id


def test_our_qdpx_restored_and_exported_again_is_the_same_element_by_element(fresh_store, tmp_path):
    project_id = busy_project(fresh_store)
    first = export(fresh_store, project_id, tmp_path / "first.qdpx")
    report = restore_qdpx(fresh_store, first)
    assert (report.name, report.cases, report.codes, report.skipped) == ("Resettlement, wave 1 (2)", 2, 5, [])
    second = export(fresh_store, report.project_id, tmp_path / "second.qdpx")

    a, b = qde(first), qde(second)
    a.set("name", "Resettlement, wave 1 (2)")  # the restored copy is a second project beside the first
    assert canonical(a, _names(a)) == canonical(b, _names(b))
    assert sources(first) == sources(second)
    codings = [
        (c.getparent().getparent().get("name"), _names(b)[c.get("creatingUser")]) for c in b.iter(f"{{{NS}}}Coding")
    ]
    assert sorted(codings) == [("Prisoner interview 1", "User:amira")] * 2 + [
        ("Prisoner interview 1", "User:ben")
    ] * 2 + [("Prisoner interview 2", "User:amira")]


def test_another_tools_qdpx_restores_with_its_users_as_coders_and_its_notes_as_memos(fresh_store, tmp_path):
    text = (DATA / "maxqda_style_source.txt").read_text(encoding="utf-8")
    chaos = text.index("Honestly it was chaos.")
    qde = (DATA / "maxqda_style_project.qde").read_text(encoding="utf-8")
    qde = qde.replace(
        '<NoteRef targetGUID="0A0E0002-0000-4000-8000-000000000002"/>',
        (  # a note on a passage nobody coded
            f'<PlainTextSelection guid="5E1E0009-0000-4000-8000-000000000009" startPosition="{chaos}" endPosition="{chaos + 22}">'
            '<NoteRef targetGUID="0A0E0009-0000-4000-8000-000000000009"/></PlainTextSelection>'
            '<NoteRef targetGUID="0A0E0002-0000-4000-8000-000000000002"/>'
        ),
        1,
    )
    qde = qde.replace(
        "</Notes>",
        '<Note guid="0A0E0009-0000-4000-8000-000000000009" name="Chaos">'
        "<PlainTextContent>The first week is the crux.</PlainTextContent></Note></Notes>",
    )
    archive = tmp_path / "other_tool.qdpx"
    with zipfile.ZipFile(archive, "w") as out:
        out.writestr("project.qde", qde)
        out.write(DATA / "maxqda_style_source.txt", "Sources/5A5A0001-0000-4000-8000-000000000001.txt")
    report = restore_qdpx(fresh_store, archive)
    assert (report.name, report.cases, report.codes, report.skipped) == (
        "Resettlement interviews (other tool)",
        2,
        4,
        [],
    )
    assert report.warnings == [
        "1 source not imported, the workbench codes text: 'Leaflet photo' (picture)",
        "the archive's source folder is Sources/ (the standard writes sources/): read",
    ]
    project_id = report.project_id
    names = {t.id: t.name for t in transcripts.list_transcripts(fresh_store, project_id)}
    texts = {tid: transcripts.load_transcript(fresh_store, tid).text for tid in names}
    segments = {s.id: (tid, s) for tid in names for s in transcripts.load_segments(fresh_store, tid)}
    coded = []
    for code in codes.project_codes(fresh_store, project_id, ("confirmed",)):
        tid, segment = segments[code.segment_id]
        start, end = (code.start, code.end) if code.start is not None else (segment.start, segment.end)
        coded.append((names[tid], texts[tid][start:end], code.theme_id, code.coder))
    assert sorted(coded) == [
        (
            "Interview P01",
            "I had nowhere to stay, so I was on my cousin’s sofa for five nights.",
            "housing",
            "Sam Coder",
        ),
        (
            "Interview P01",
            "I had nowhere to stay, so I was on my cousin’s sofa for five nights.",
            "sofa_surfing",
            "Rosa Analyst",
        ),
        (
            "Interview P01",
            "The adviser at the jobcentre was decent, she booked me on a forklift course straight away.",
            "employment_support",
            "Sam Coder",
        ),
        (
            "Phone note P02",
            "The probation officer rang the provider before I got out",
            "employment_support",
            "Rosa Analyst",
        ),
    ]
    memos = codes.list_memos(fresh_store, project_id)
    where = {m.text: (m.author, m.segment_id is not None, m.theme_id, names.get(m.transcript_id)) for m in memos}
    [chaos_memo] = [m for m in memos if m.text == "The first week is the crux."]
    assert "Honestly it was chaos." in segments[chaos_memo.segment_id][1].text
    assert where == {
        "The first week is the crux.": ("imported", True, None, "Interview P01"),
        "Family support stands in for housing services here.": ("Rosa Analyst", True, None, "Interview P01"),
        "Interview held in a probation office; short.": ("Sam Coder", False, None, "Interview P01"),
        "Compare with wave 2.": ("imported", False, None, None),
        "Split housing into temporary and settled?": ("imported", False, "housing", None),
    }
    [stored] = [t for t in transcripts.list_transcripts(fresh_store, project_id) if t.name == "Interview P01"]
    assert stored.attributes == {"Respondent type": "prison leaver", "Age": "27", "Pilot area": "true"}
    assert [f.name for f in projects.load_frames(fresh_store, project_id)] == ["Resettlement interviews (other tool)"]


def test_the_command_line_restores_and_names_the_deviations(tmp_path):
    import os
    import subprocess
    import sys

    archive = tmp_path / "other_tool.qdpx"
    with zipfile.ZipFile(archive, "w") as out:
        out.writestr(
            "project.qde",
            (DATA / "maxqda_style_project.qde").read_text(encoding="utf-8").replace("</Project>", "<Sets/></Project>"),
        )
        out.write(DATA / "maxqda_style_source.txt", "Sources/5A5A0001-0000-4000-8000-000000000001.txt")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "coding",
            "import",
            str(archive),
            "--db",
            f"sqlite:///{tmp_path / 'r.sqlite'}",
            "--no-suggest",
        ],
        cwd=Path(__file__).resolve().parent.parent,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "HF_HUB_OFFLINE": "1"},
    )
    assert (result.returncode, result.stdout) == (
        0,
        f"restored {archive} as project 'Resettlement interviews (other tool)': 2 interviews, 4 codes\n",
    )
    assert result.stderr.splitlines() == [
        "warning: other_tool.qdpx: line 86: an empty <Sets> (the schema wants at least one <Set>): ignored",
        "warning: other_tool.qdpx: 1 source not imported, the workbench codes text: 'Leaflet photo' (picture)",
        "warning: other_tool.qdpx: the archive's source folder is Sources/ (the standard writes sources/): read",
    ]
