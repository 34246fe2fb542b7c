"""Our .qdpx, edited in another tool and sent back, keeps the other tool's edits.

The edits are made on the XML the way MAXQDA, NVivo or ATLAS.ti make them: a code
renamed and recoloured, a coding removed, a passage coded by a new user (no workbench
line in its description), a note added on a code, and a tool that drops our description
line from one code. Reading the file back must show every one of those edits.
"""

import io
import zipfile

from lxml import etree

from coding.model import CodedSegment
from coding.refi_qda.ids import theme_guid
from coding.refi_qda.project import write_qdpx
from coding.refi_qda.project_read import read_qdpx
from tests.snapshot_factory import make_snapshot

NS = "urn:QDA-XML:project:1.0"
Q = {"p": NS}
NEW_USER = "0B5E0001-0000-4000-8000-000000000001"


def edited_archive() -> bytes:
    buffer = io.BytesIO()
    write_qdpx(make_snapshot(), buffer)
    with zipfile.ZipFile(buffer) as archive:
        files = {name: archive.read(name) for name in archive.namelist()}
    root = etree.fromstring(files["project.qde"])
    volumes = root.find(f".//p:Code[@guid='{theme_guid('crosscutting', 'referral_volumes')}']", Q)
    volumes.set("name", "Referral numbers")
    volumes.set("color", "#00AA00")
    funding = root.find(f".//p:Code[@guid='{theme_guid('crosscutting', 'funding')}']", Q)
    funding.find("p:Description", Q).text = "Fees and payments by results."  # the tool kept only the text
    users = root.find("p:Users", Q)
    etree.SubElement(users, f"{{{NS}}}User", guid=NEW_USER, name="Rosa (MAXQDA)")
    # remove ben's coding of 'funding' in the first interview
    for coding in root.iter(f"{{{NS}}}Coding"):
        if (
            coding.find("p:CodeRef", Q).get("targetGUID") == funding.get("guid")
            and coding.getparent().getparent().get("name") == "stakeholder_01"
        ):
            coding.getparent().remove(coding)
    # a new passage in the prisoner interview, coded by the new user
    prisoner = root.find("p:Sources/p:TextSource[@name='prisoner_01']", Q)
    text = files[prisoner.get("plainTextPath").replace("internal://", "sources/")].decode("utf-8")
    start = text.index("a woman waiting at the gate")
    selection = etree.Element(
        f"{{{NS}}}PlainTextSelection",
        guid="5E1E0099-0000-4000-8000-000000000099",
        name="met",
        startPosition=str(start),
        endPosition=str(start + len("a woman waiting at the gate")),
        creatingUser=NEW_USER,
    )
    coding = etree.SubElement(
        selection,
        f"{{{NS}}}Coding",
        guid="C0D10099-0000-4000-8000-000000000099",
        creatingUser=NEW_USER,
        creationDateTime="2025-02-01T10:00:00Z",
    )
    etree.SubElement(coding, f"{{{NS}}}CodeRef", targetGUID=theme_guid("crosscutting", "warm_handover"))
    first_after = next(s for s in prisoner.iterfind("p:PlainTextSelection", Q) if int(s.get("startPosition")) > start)
    first_after.addprevious(selection)
    # a note on a code, written in the other tool
    note_guid = "0A0E0099-0000-4000-8000-000000000099"
    partnership = root.find(f".//p:Code[@guid='{theme_guid('crosscutting', 'partnership')}']", Q)
    anchor = partnership.find("p:Code", Q)
    ref = etree.Element(f"{{{NS}}}NoteRef", targetGUID=note_guid)
    anchor.addprevious(ref) if anchor is not None else partnership.append(ref)
    note = etree.SubElement(
        root.find("p:Notes", Q), f"{{{NS}}}Note", guid=note_guid, name="Partnership", creatingUser=NEW_USER
    )
    etree.SubElement(note, f"{{{NS}}}PlainTextContent").text = "Split into formal and informal partnership?"
    files["project.qde"] = etree.tostring(root, xml_declaration=True, encoding="utf-8")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return out.getvalue()


def test_the_other_tools_edits_come_back():
    original = make_snapshot()
    back = read_qdpx(io.BytesIO(edited_archive()))
    themes = {t.id: t for f in back.frames for t, _ in f.walk()}
    assert (themes["referral_volumes"].label, themes["referral_volumes"].extra) == (
        "Referral numbers",
        {"color": "#00AA00"},
    )
    # Without our line the code's id comes from its name; its codings follow it.
    assert (themes["funding_and_incentives"].label, themes["funding_and_incentives"].description) == (
        "Funding and incentives",
        "Fees and payments by results.",
    )
    assert "funding" not in themes

    def key(c):
        return (c.case_id, c.segment_id, "funding" if c.theme_id == "funding_and_incentives" else c.theme_id, c.coder)

    before = {key(c) for c in original.codings if c.status == "confirmed"}
    after = {key(c) for c in back.codings}
    assert before - after == {(1, 108, "funding", "ben")}
    [new] = [c for c in back.codings if key(c) not in before]
    assert (new.case_id, new.text, new.theme_id, new.coder, new.status, new.source) == (
        4,
        "a woman waiting at the gate",
        "warm_handover",
        "Rosa (MAXQDA)",
        "confirmed",
        "human",
    )
    assert isinstance(new, CodedSegment) and new.segment_id not in {c.segment_id for c in original.codings}
    assert [(m.text, m.author, m.theme_id) for m in back.memos if m.author == "Rosa (MAXQDA)"] == [
        ("Split into formal and informal partnership?", "Rosa (MAXQDA)", "partnership")
    ]
    assert "Rosa (MAXQDA)" in back.coders
