"""Reading every transcript format into turns: speakers, roles, exact words, times."""

from __future__ import annotations

import docx
import pytest

from coding.transcripts.read import read_transcript


def _turns(t):
    return [(turn.speaker, t.turn_text(turn)) for turn in t.turns]


def _write(tmp_path, name, text, encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_typed_ir_transcript_with_header_wrapping_and_continuation(tmp_path):
    path = _write(
        tmp_path,
        "ir.txt",
        (
            "Interview with Provider A adviser\n"
            "Date: 12/03/2015\n"
            "Interviewer: Sarah Jones\n"
            "\n"
            "I: So can you tell me how people get referred to\n"
            "you?\n"
            "\n"
            "R: Mostly through the Jobcentre. The EBA does the claim.\n"
            "\n"
            "It's patchy though: sometimes the referral lands after release.\n"
            "\n"
            "I: Right.\n"
            "R: Yeah.\n"
        ),
    )
    t = read_transcript(path)
    assert _turns(t) == [
        ("interviewer", "So can you tell me how people get referred to you?"),
        (
            "respondent",
            "Mostly through the Jobcentre. The EBA does the claim.\nIt's patchy though: sometimes the referral lands after release.",
        ),
        ("interviewer", "Right."),
        ("respondent", "Yeah."),
    ]
    assert t.text.split("\n\n")[0] == "Interviewer: So can you tell me how people get referred to you?"
    assert [(s.key, s.label, s.role) for s in t.speakers] == [
        ("interviewer", "Interviewer", "interviewer"),
        ("respondent", "Respondent", "respondent"),
    ]
    assert t.attributes == {"interview_date": "12/03/2015", "interviewer": "Sarah Jones"}
    assert t.warnings == [
        "Text before the first speaker label was not imported as talk (lines 1: Interview with Provider A adviser)."
    ]
    assert t.format == "txt" and t.name == "ir.txt" and len(t.source_hash) == 64


@pytest.mark.parametrize("labels", [("Q", "A"), ("Int", "Resp"), ("INTERVIEWER", "INTERVIEWEE")])
def test_role_word_styles(tmp_path, labels):
    q, a = labels
    t = read_transcript(_write(tmp_path, "x.md", f"{q}: How long have you been in post?\n{a}: About two years.\n"))
    assert [(turn.speaker, t.role_of(turn.speaker)) for turn in t.turns] == [
        ("interviewer", "interviewer"),
        ("respondent", "respondent"),
    ]


def test_bracket_timestamps_give_turn_times(tmp_path):
    t = read_transcript(
        _write(
            tmp_path,
            "ts.txt",
            (
                "[00:00:05] Anna: What accommodation have you got sorted for release?\n"
                "[00:00:11] Kyle: Nothing yet. Maybe my mate's sofa.\n"
                "[00:01:02] Anna: And work?\n"
                "[00:01:04] Kyle: Car wash, maybe.\n"
            ),
        )
    )
    assert [(tu.speaker, tu.time_start, tu.time_end) for tu in t.turns] == [
        ("anna", 5.0, 11.0),
        ("kyle", 11.0, 62.0),
        ("anna", 62.0, 64.0),
        ("kyle", 64.0, None),
    ]
    assert [s.role for s in t.speakers] == ["interviewer", "respondent"]


def test_timestamp_then_name_on_its_own_line_and_round_brackets(tmp_path):
    t = read_transcript(
        _write(
            tmp_path,
            "otter.txt",
            (
                "00:00:03 James Patel\n"
                "Could you describe your day-to-day work?\n\n"
                "Nicola Grant  0:09\n"
                "About twenty-five on my caseload.\n\n"
                "(00:00:40) James Patel: And through the gate?\n"
                "Nicola Grant (00:00:44): We meet people at the gate.\n"
            ),
        )
    )
    assert [(tu.speaker, t.turn_text(tu), tu.time_start) for tu in t.turns] == [
        ("james_patel", "Could you describe your day-to-day work?", 3.0),
        ("nicola_grant", "About twenty-five on my caseload.", 9.0),
        ("james_patel", "And through the gate?", 40.0),
        ("nicola_grant", "We meet people at the gate.", 44.0),
    ]


def test_colon_inside_an_answer_is_not_a_speaker(tmp_path):
    t = read_transcript(
        _write(
            tmp_path,
            "c.txt",
            ("I: How is it going?\nR: Honestly: it's a mess. Meeting at 10:30 every day.\nI: Why?\nR: Housing.\n"),
        )
    )
    assert _turns(t)[1] == ("respondent", "Honestly: it's a mess. Meeting at 10:30 every day.")


def _docx(path, paragraphs, table_rows=()):
    document = docx.Document()
    for para in paragraphs:
        p = document.add_paragraph()
        for text, bold in para:
            p.add_run(text).bold = bold
    if table_rows:
        table = document.add_table(rows=0, cols=len(table_rows[0]))
        for row in table_rows:
            cells = table.add_row().cells
            for cell, value in zip(cells, row):
                cell.text = value
    document.save(path)
    return path


def test_docx_bold_labels_metadata_and_continuing_paragraphs(tmp_path):
    path = _docx(
        tmp_path / "Jane O’Neill – wave 1 (final).docx",
        [
            [("FICTIONAL DEMO INTERVIEW", True)],
            [("Date: 10 February 2015", False)],
            [("Respondent: Jane O’Neill", False)],
            [("Interviewer:", True), (" What were the key drivers behind commissioning it jointly?", False)],
            [("Jane O’Neill:", True), (" Both departments paid for the same people.", False)],
            [("There was also a “ministerial push” – payment by results was in fashion.", False)],
            [("Interviewer", True), (": And the risks?", False)],
            [("JO:", True), (" Governance, mainly.", False)],
        ],
    )
    t = read_transcript(path)
    assert _turns(t) == [
        ("interviewer", "What were the key drivers behind commissioning it jointly?"),
        (
            "jane_o_neill",
            "Both departments paid for the same people.\nThere was also a “ministerial push” – payment by results was in fashion.",
        ),
        ("interviewer", "And the risks?"),
        ("jane_o_neill", "Governance, mainly."),
    ]
    assert [(s.key, s.label, s.role, s.aliases) for s in t.speakers] == [
        ("interviewer", "Interviewer", "interviewer", []),
        ("jane_o_neill", "Jane O’Neill", "respondent", ["JO"]),
    ]
    assert t.attributes == {"interview_date": "10 February 2015", "respondent": "Jane O’Neill"}
    assert t.name == "Jane O’Neill – wave 1 (final).docx"


def test_docx_transcript_in_a_table(tmp_path):
    path = _docx(
        tmp_path / "table.docx",
        [],
        table_rows=[
            ("Time", "Speaker", "Text"),
            ("00:00:04", "Interviewer", "How are offenders referred to you?"),
            ("00:00:09", "Respondent", "Through the Jobcentre, mostly."),
        ],
    )
    t = read_transcript(path)
    assert [(tu.speaker, t.turn_text(tu), tu.time_start) for tu in t.turns] == [
        ("interviewer", "How are offenders referred to you?", 4.0),
        ("respondent", "Through the Jobcentre, mostly.", 9.0),
    ]


TEAMS_VTT = """WEBVTT

NOTE exported from Microsoft Teams

5a1f-1/10-0
00:00:01.000 --> 00:00:04.500
<v Priya Shah>Can you walk me through the handover at the gate?</v>

5a1f-1/15-0
00:00:05.000 --> 00:00:09.000
<v Lorraine Baker>So the resettlement team send me the release dates,</v>

5a1f-1/22-0
00:00:09.000 --> 00:00:13.250
<v Lorraine Baker>four to six weeks ahead &amp; I book the appointments.</v>

5a1f-2/3-0
00:00:13.500 --> 00:00:15.000
<v Priya Shah>Right.</v>
"""


def test_teams_vtt_merges_consecutive_cues_of_one_speaker_with_time_span(tmp_path):
    t = read_transcript(_write(tmp_path, "teams.vtt", TEAMS_VTT))
    assert [(tu.speaker, t.turn_text(tu), tu.time_start, tu.time_end) for tu in t.turns] == [
        ("priya_shah", "Can you walk me through the handover at the gate?", 1.0, 4.5),
        (
            "lorraine_baker",
            "So the resettlement team send me the release dates, four to six weeks ahead & I book the appointments.",
            5.0,
            13.25,
        ),
        ("priya_shah", "Right.", 13.5, 15.0),
    ]
    assert [(s.key, s.role) for s in t.speakers] == [("priya_shah", "interviewer"), ("lorraine_baker", "respondent")]


def test_zoom_vtt_with_name_prefix_and_unlabelled_continuation(tmp_path):
    t = read_transcript(
        _write(
            tmp_path,
            "zoom.vtt",
            (
                "WEBVTT\n\n1\n00:00:00.500 --> 00:00:03.000\nTom Reid: How is the supply chain set up?\n\n"
                "2\n00:00:03.500 --> 00:00:06.000\nClaire Osei: We deliver half ourselves\n\n"
                "3\n00:00:06.000 --> 00:00:08.000\nand the rest through three tier ones.\n\n"
                "4\n00:00:08.500 --> 00:00:09.000\nTom Reid: Okay.\n"
            ),
        )
    )
    assert [(tu.speaker, t.turn_text(tu), tu.time_start, tu.time_end) for tu in t.turns] == [
        ("tom_reid", "How is the supply chain set up?", 0.5, 3.0),
        ("claire_osei", "We deliver half ourselves and the rest through three tier ones.", 3.5, 8.0),
        ("tom_reid", "Okay.", 8.5, 9.0),
    ]


def test_srt_with_formatting_tags(tmp_path):
    t = read_transcript(
        _write(
            tmp_path,
            "s.srt",
            (
                "1\n00:00:01,000 --> 00:00:03,000\n<i>Interviewer: Why were attachment fees in the pilot?</i>\n\n"
                "2\n00:00:03,200 --> 00:00:05,000\nRespondent: To get providers to the gate.\n\n"
                "3\n00:00:05,000 --> 00:00:07,400\nShort sentences are hard to engage.\n"
            ),
        )
    )
    assert [(tu.speaker, t.turn_text(tu), tu.time_start, tu.time_end) for tu in t.turns] == [
        ("interviewer", "Why were attachment fees in the pilot?", 1.0, 3.0),
        ("respondent", "To get providers to the gate. Short sentences are hard to engage.", 3.2, 7.4),
    ]


def test_odt(tmp_path):
    from odf.opendocument import OpenDocumentText
    from odf.text import P

    document = OpenDocumentText()
    for line in [
        "Interviewer: What support have you had in prison?",
        "Respondent: I saw the EBA once.",
        "He did my claim.",
        "Interviewer: Anything else?",
        "Respondent: Housing, mainly.",
    ]:
        document.text.addElement(P(text=line))
    document.save(str(tmp_path / "t.odt"))
    t = read_transcript(tmp_path / "t.odt")
    assert _turns(t) == [
        ("interviewer", "What support have you had in prison?"),
        ("respondent", "I saw the EBA once.\nHe did my claim."),
        ("interviewer", "Anything else?"),
        ("respondent", "Housing, mainly."),
    ]


def _pdf(lines: list[str]) -> bytes:
    """A minimal one-page PDF with Helvetica text lines (no PDF writer is installed)."""
    body = "BT /F1 11 Tf 50 780 Td 14 TL " + " ".join(f"({ln}) Tj T*" for ln in lines) + " ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(body)} >>\nstream\n{body}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = "%PDF-1.4\n"
    offsets = []
    for number, obj in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{obj}\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n" + "".join(f"{o:010d} 00000 n \n" for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"
    return out.encode("latin-1")


def test_pdf(tmp_path):
    path = tmp_path / "t.pdf"
    path.write_bytes(
        _pdf(
            [
                "I: How were the pilot areas selected?",
                "R: Partly on volumes, partly on which",
                "prisons could cope.",
                "I: Thanks.",
                "R: No problem.",
            ]
        )
    )
    t = read_transcript(path)
    assert _turns(t) == [
        ("interviewer", "How were the pilot areas selected?"),
        ("respondent", "Partly on volumes, partly on which prisons could cope."),
        ("interviewer", "Thanks."),
        ("respondent", "No problem."),
    ]


def test_turn_offsets_slice_back_in_every_demo_transcript():
    from coding.service.demo import demo_transcripts

    for path in demo_transcripts():
        t = read_transcript(path)
        assert len(t.turns) >= 15, path
        pieces = t.text.split("\n\n")
        assert len(pieces) == len(t.turns)
        for piece, turn in zip(pieces, t.turns):
            assert piece == f"{t.speaker(turn.speaker).label}: {t.turn_text(turn)}"
