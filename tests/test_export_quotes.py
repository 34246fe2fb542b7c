"""Quote tables: which quotes are chosen, and the Word file read back with python-docx."""

from dataclasses import replace

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

from coding.errors import WorkbenchError
from coding.exports.quotes import QuoteOptions, group_header, select_quotes, write_quote_table
from tests.snapshot_factory import PERSON_NAMES, PROJECT_NAME, coding_for, make_cases_and_codings, make_snapshot

_, CODINGS = make_cases_and_codings()


def text_of(case_id, turn, theme_id):
    return coding_for(CODINGS, case_id, turn, theme_id).text


def refs(quotes):
    return [(q.subtheme_id or q.theme_id, q.reference) for q in quotes]


def test_default_selection_confirmed_respondent_quotes_in_print_order():
    quotes = select_quotes(make_snapshot(once=True))
    assert refs(quotes) == [
        ("warm_handover", "[Case 2, Respondent, 00:00:36]"),
        ("warm_handover", "[prisoner_01, Respondent, para 2]"),
        ("warm_handover", "[prisoner_01, Respondent, para 4]"),  # "Not really, no." is under 5 words
        ("referral_volumes", "[stakeholder_01, Respondent, para 4]"),
        ("referral_volumes", "[Case 3, Respondent 2, 00:01:58]"),
        ("partnership", "[Case 3, Respondent 2, 00:01:20]"),
        ("information_sharing", "[stakeholder_01, Respondent, para 6]"),
        ("information_sharing", "[Case 2, Respondent, 00:01:15]"),
        ("information_sharing", "[Case 3, Respondent, 00:00:46]"),
        ("co_location", "[Case 2, Respondent, 00:12:31]"),
        ("funding", "[stakeholder_01, Respondent, para 8]"),
        ("funding", "[Case 3, Respondent 2, 00:00:15]"),
        ("a1_role", "[Case 2, Respondent, 00:00:04]"),
        ("a1_role", "[Case 3, Respondent, 00:00:03]"),
        ("b1_first_contact", "[Case 2, Respondent, 00:00:36]"),
        ("b2_barriers", "[Case 2, Respondent, 00:01:15]"),
    ]
    first = quotes[0]
    assert (
        first.theme_id,
        first.theme_label,
        first.subtheme_label,
        first.case_label,
        first.attribution,
        first.text,
        first.suggested,
    ) == (
        "referrals",
        "Referral, attachment and handover",
        "Warm handover at the gate",
        "Case 2",
        "(Provider A, operational staff)",
        text_of(2, 4, "warm_handover"),
        False,
    )
    assert [q.attribution for q in quotes[1:4]] == ["(prisoner, pilot area)", "(prisoner, pilot area)", "(stakeholder)"]


@pytest.mark.parametrize(
    "options, expected",
    [
        (
            QuoteOptions(themes=["referral_volumes", "funding"]),
            [
                ("referral_volumes", "[stakeholder_01, Respondent, para 4]"),
                ("referral_volumes", "[Case 3, Respondent 2, 00:01:58]"),
                ("funding", "[stakeholder_01, Respondent, para 8]"),
                ("funding", "[Case 3, Respondent 2, 00:00:15]"),
            ],
        ),
        (
            QuoteOptions(respondent_types=["Prisoner"], min_words=1),
            [
                ("warm_handover", "[prisoner_01, Respondent, para 2]"),
                ("warm_handover", "[prisoner_01, Respondent, para 4]"),
                ("warm_handover", "[prisoner_01, Respondent, para 6]"),
            ],
        ),
        (
            QuoteOptions(themes=["referrals"], respondent_types=["stakeholder", "Provider A operational staff"]),
            [
                ("warm_handover", "[Case 2, Respondent, 00:00:36]"),
                ("referral_volumes", "[stakeholder_01, Respondent, para 4]"),
                ("referral_volumes", "[Case 3, Respondent 2, 00:01:58]"),
            ],
        ),
        (
            QuoteOptions(themes=["partnership", "a_role"], max_words=22),
            [  # 22 words is in, 23 out
                ("partnership", "[Case 3, Respondent 2, 00:01:20]"),
                ("information_sharing", "[Case 3, Respondent, 00:00:46]"),
                ("co_location", "[Case 2, Respondent, 00:12:31]"),
                ("a1_role", "[Case 3, Respondent, 00:00:03]"),
            ],
        ),
        (
            QuoteOptions(themes=["partnership"], max_per_theme=1),
            [
                ("partnership", "[Case 3, Respondent 2, 00:01:20]"),
                ("information_sharing", "[stakeholder_01, Respondent, para 6]"),
                ("co_location", "[Case 2, Respondent, 00:12:31]"),
            ],
        ),
        # suggested ones come after every confirmed one of the same round, marked
        (
            QuoteOptions(themes=["warm_handover", "funding"], include_suggested=True),
            [
                ("warm_handover", "[Case 2, Respondent, 00:00:36]"),
                ("warm_handover", "[prisoner_01, Respondent, para 2]"),
                ("warm_handover", "[stakeholder_01, Respondent, para 6]"),
                ("warm_handover", "[prisoner_01, Respondent, para 4]"),
                ("warm_handover", "[Case 2, Respondent, 00:01:15]"),
                ("funding", "[stakeholder_01, Respondent, para 8]"),
                ("funding", "[Case 3, Respondent 2, 00:00:15]"),
                ("funding", "[Case 3, Respondent 2, 00:01:58]"),
            ],
        ),
        (QuoteOptions(themes=["b_delivery"], respondent_types=["prisoner"]), []),
    ],
)
def test_filters(options, expected):
    assert refs(select_quotes(make_snapshot(), options)) == expected


def test_one_quote_per_case_first_spreads_a_capped_theme_across_interviews():
    snapshot = make_snapshot()
    snapshot.cases = [snapshot.cases[3], *snapshot.cases[:3]]  # the prisoner, with three quotes, first
    spread = QuoteOptions(themes=["warm_handover"], min_words=1, max_per_theme=2)
    assert [refs(select_quotes(snapshot, o)) for o in (spread, replace(spread, one_per_case_first=False))] == [
        [("warm_handover", "[prisoner_01, Respondent, para 2]"), ("warm_handover", "[Case 2, Respondent, 00:00:36]")],
        [
            ("warm_handover", "[prisoner_01, Respondent, para 2]"),
            ("warm_handover", "[prisoner_01, Respondent, para 4]"),
        ],
    ]


def test_suggested_flags_and_interviewer_turns_never_quoted():
    snapshot = make_snapshot()
    interviewer_turn = replace(
        coding_for(snapshot.codings, 1, 8, "funding"), speaker="priya_ramanathan", role="interviewer", segment_id=107
    )
    snapshot.codings = [*snapshot.codings, interviewer_turn]
    quotes = select_quotes(snapshot, QuoteOptions(themes=["funding"], include_suggested=True))
    assert [(q.reference, q.suggested) for q in quotes] == [
        ("[stakeholder_01, Respondent, para 8]", False),
        ("[Case 3, Respondent 2, 00:00:15]", False),
        ("[Case 3, Respondent 2, 00:01:58]", True),
    ]


def test_group_header_counts_quotes_interviews_and_respondent_types():
    quotes = select_quotes(make_snapshot())
    sharing = [q for q in quotes if q.subtheme_id == "information_sharing"]
    handover = [q for q in quotes if q.subtheme_id == "warm_handover"]
    location = [q for q in quotes if q.subtheme_id == "co_location"]
    assert [group_header(sharing), group_header(handover), group_header(location)] == [
        "3 quotes from 3 interviews: 1 stakeholder, 2 Provider A operational staff",
        "3 quotes from 2 interviews: 1 Provider A operational staff, 1 prisoner",
        "1 quote from 1 interview: 1 Provider A operational staff",
    ]


@pytest.mark.parametrize(
    "options",
    [QuoteOptions(layout="bullets"), QuoteOptions(min_words=10, max_words=5), QuoteOptions(max_per_theme=0)],
)
def test_bad_options_get_a_clear_error(options):
    with pytest.raises(WorkbenchError):
        select_quotes(make_snapshot(), options)


def body(doc):
    """The document in reading order: (style, text) for paragraphs, ("table", rows) for tables."""
    out = []
    for element in doc.element.body.iterchildren():
        if element.tag == qn("w:p"):
            paragraph = Paragraph(element, doc)
            out.append((paragraph.style.name, paragraph.text))
        elif element.tag == qn("w:tbl"):
            out.append(("table", [[c.text for c in row.cells] for row in Table(element, doc).rows]))
    return out


NOTE = "Respondents' words from confirmed codes; 5 to 250 words. References give the case, the speaker and the time or paragraph."


def test_table_layout(tmp_path):
    write_quote_table(make_snapshot(once=True), tmp_path / "q.docx", QuoteOptions(themes=["referrals"]))
    assert body(Document(tmp_path / "q.docx")) == [
        ("Title", f"Quotes: {PROJECT_NAME}"),
        ("Normal", NOTE),
        ("Heading 1", "Referral, attachment and handover"),
        ("Heading 2", "Warm handover at the gate"),
        ("Normal", "3 quotes from 2 interviews: 1 Provider A operational staff, 1 prisoner"),
        (
            "table",
            [
                ["Quote", "Attribution", "Reference"],
                [text_of(2, 4, "warm_handover"), "(Provider A, operational staff)", "[Case 2, Respondent, 00:00:36]"],
                [text_of(4, 2, "warm_handover"), "(prisoner, pilot area)", "[prisoner_01, Respondent, para 2]"],
                [text_of(4, 4, "warm_handover"), "(prisoner, pilot area)", "[prisoner_01, Respondent, para 4]"],
            ],
        ),
        ("Heading 2", "Referral volumes"),
        ("Normal", "2 quotes from 2 interviews: 1 stakeholder, 1 Provider A operational staff"),
        (
            "table",
            [
                ["Quote", "Attribution", "Reference"],
                [text_of(1, 4, "low_volumes"), "(stakeholder)", "[stakeholder_01, Respondent, para 4]"],
                [text_of(3, 8, "low_volumes"), "(Provider A, operational staff)", "[Case 3, Respondent 2, 00:01:58]"],
            ],
        ),
    ]


def test_indented_layout_prints_quotes_the_way_reports_do(tmp_path):
    write_quote_table(make_snapshot(), tmp_path / "q.docx", QuoteOptions(themes=["funding"], layout="indented"))
    doc = Document(tmp_path / "q.docx")
    assert body(doc)[2:] == [
        ("Heading 1", "Funding and incentives"),  # no children: no sub-heading
        ("Normal", "2 quotes from 2 interviews: 1 stakeholder, 1 Provider A operational staff"),
        ("Normal", f"‘{text_of(1, 8, 'funding')}’ (stakeholder) [stakeholder_01, Respondent, para 8]"),
        ("Normal", f"‘{text_of(3, 3, 'funding')}’ (Provider A, operational staff) [Case 3, Respondent 2, 00:00:15]"),
    ]
    quote = doc.paragraphs[-1]
    assert (round(quote.paragraph_format.left_indent.cm, 2), round(quote.paragraph_format.right_indent.cm, 2)) == (
        1.0,
        1.0,
    )


def test_suggested_quotes_are_marked_in_the_document(tmp_path):
    options = QuoteOptions(themes=["funding"], include_suggested=True)
    write_quote_table(make_snapshot(), tmp_path / "q.docx", options)
    table = Document(tmp_path / "q.docx").tables[0]
    last = table.rows[-1].cells[0].paragraphs[0]
    assert last.text == f"(suggested) {text_of(3, 8, 'funding')}"
    assert [(r.italic, str(r.font.color.rgb)) for r in last.runs] == [(True, "7F7F7F"), (True, "7F7F7F")]
    assert table.rows[1].cells[0].paragraphs[0].runs[0].italic is None


def test_no_person_name_reaches_the_document(tmp_path):
    write_quote_table(make_snapshot(), tmp_path / "q.docx", QuoteOptions(min_words=1, include_suggested=True))
    doc = Document(tmp_path / "q.docx")
    text = "\n".join([p.text for p in doc.paragraphs] + [c.text for t in doc.tables for r in t.rows for c in r.cells])
    assert [name for name in PERSON_NAMES if name in text] == []
    assert "Not really, no." in text  # min_words=1 really did let everything through


def test_empty_selection_says_so(tmp_path):
    write_quote_table(make_snapshot(), tmp_path / "q.docx", QuoteOptions(respondent_types=["magistrate"]))
    assert body(Document(tmp_path / "q.docx"))[2:] == [("Normal", "No quotes match these filters.")]
