"""The Framework Method matrix, read back with openpyxl as a report writer would open it."""

from dataclasses import replace

import pytest
from openpyxl import load_workbook
from openpyxl.cell.rich_text import CellRichText, TextBlock

from coding.exports.matrix import write_matrix
from coding.exports.safety import EXCEL_CELL_LIMIT
from tests.snapshot_factory import PERSON_NAMES, coding_for, make_cases_and_codings, make_snapshot

SHEETS = [
    "Overview",
    "Referral, attachment and",
    "Partnership working",
    "Funding and incentives",
    "A. Your role",
    "B. Delivering support",
]
CASE_ROWS = ["stakeholder_01", "Case 2", "Case 3", "prisoner_01"]
ATTRS = ["Respondent type", "Provider", "Area", "Wave"]


@pytest.fixture(scope="module")
def workbook(tmp_path_factory):
    path = tmp_path_factory.mktemp("matrix") / "matrix.xlsx"
    write_matrix(make_snapshot(once=True), path)  # once=True: codings may be walked only once
    return load_workbook(path)


@pytest.fixture(scope="module")
def with_suggested(tmp_path_factory):
    path = tmp_path_factory.mktemp("matrix") / "matrix_suggested.xlsx"
    write_matrix(make_snapshot(once=True), path, include_suggested=True)
    return load_workbook(path, rich_text=True)


def rows(ws):
    return [list(r) for r in ws.iter_rows(min_row=3, values_only=True)]


def cell(ws, case, header):
    headers = [c.value for c in ws[2]]
    row = next(r for r in ws.iter_rows(min_row=3) if r[0].value == case)
    return row[headers.index(header)].value


def passage(case_id, turn, theme_id):
    _, codings = make_cases_and_codings()
    return coding_for(codings, case_id, turn, theme_id).text


def test_one_sheet_per_top_level_theme_of_each_frame_after_the_overview(workbook):
    assert workbook.sheetnames == SHEETS


def test_overview_counts_confirmed_segments_and_key_question_coverage(workbook):
    ws = workbook["Overview"]
    assert [c.value for c in ws[2]] == [
        "Case",
        *ATTRS,
        "Referral, attachment and handover",
        "Partnership working",
        "Funding and incentives",
        "A. Your role",
        "B. Delivering support",
        "Key questions covered",
        "Key questions missed",
    ]
    assert rows(ws) == [
        ["stakeholder_01", "stakeholder", None, None, "1", 1, 1, 1, 0, 0, None, None],
        ["Case 2", "operational staff", "Provider A", "pilot area", "1", 1, 2, 0, 1, 2, "2 of 2", None],
        [
            "Case 3",
            "operational staff",
            "Provider A",
            "pilot area",
            "1",
            1,
            2,
            1,
            1,
            0,
            "1 of 2",
            "How do you first make contact with a prison leaver?",
        ],
        # the prisoner's three warm-handover passages; the rejected funding code does not count
        ["prisoner_01", "prisoner", None, "pilot area", "1", 3, 0, 0, 0, 0, None, None],
    ]


def test_theme_sheet_has_a_row_per_case_and_a_column_per_sub_theme(workbook):
    ws = workbook["Referral, attachment and"]
    assert (
        ws["A1"].value
        == "Referral, attachment and handover: How prison leavers reach the provider and are handed over at release."
    )
    assert [c.value for c in ws[2]] == ["Case", *ATTRS, "Warm handover at the gate", "Referral volumes", "Summary"]
    assert [r[:5] for r in rows(ws)] == [
        ["stakeholder_01", "stakeholder", None, None, "1"],
        ["Case 2", "operational staff", "Provider A", "pilot area", "1"],
        ["Case 3", "operational staff", "Provider A", "pilot area", "1"],
        ["prisoner_01", "prisoner", None, "pilot area", "1"],
    ]


def test_cells_hold_the_exact_passages_with_their_references(workbook):
    referral = workbook["Referral, attachment and"]
    partnership = workbook["Partnership working"]
    assert (
        cell(partnership, "Case 3", "Information sharing")
        == f"{passage(3, 5, 'information_sharing')} [Case 3, Respondent, 00:00:46]"
    )
    assert (
        cell(partnership, "Case 2", "Co-location in prisons")
        == f"{passage(2, 8, 'co_location')} [Case 2, Respondent, 00:12:31]"
    )
    # a code on the top-level theme itself goes to "(whole theme)"; the second respondent of a pair
    assert (
        cell(partnership, "Case 3", "(whole theme)")
        == f"{passage(3, 6, 'partnership')} [Case 3, Respondent 2, 00:01:20]"
    )
    # a grandchild (low_volumes) rolls up into its child's column; no times: paragraph numbers
    assert (
        cell(referral, "stakeholder_01", "Referral volumes")
        == f"{passage(1, 4, 'low_volumes')} [stakeholder_01, Respondent, para 4]"
    )
    # several passages in transcript order, a blank line apart
    assert cell(referral, "prisoner_01", "Warm handover at the gate") == "\n\n".join(
        [
            f"{passage(4, 2, 'warm_handover')} [prisoner_01, Respondent, para 2]",
            f"{passage(4, 4, 'warm_handover')} [prisoner_01, Respondent, para 4]",
            f"{passage(4, 6, 'warm_handover')} [prisoner_01, Respondent, para 6]",
        ]
    )
    # a theme without children has one passage column
    assert [c.value for c in workbook["Funding and incentives"][2]][5:] == ["(whole theme)", "Summary"]
    # guide sections: one column per question
    assert (
        cell(workbook["A. Your role"], "Case 2", "Can you describe your role?")
        == f"{passage(2, 2, 'a1_role')} [Case 2, Respondent, 00:00:04]"
    )


def test_summaries_are_carried(workbook):
    assert [
        cell(workbook["Referral, attachment and"], "Case 2", "Summary"),
        cell(workbook["Partnership working"], "Case 3", "Summary"),
        cell(workbook["Funding and incentives"], "stakeholder_01", "Summary"),
        cell(workbook["Funding and incentives"], "Case 2", "Summary"),
    ] == [
        "Gate meetings work when notice is given; late release lists are the main barrier.",
        "Weekly shared release list with probation; relationships feel less contractual.",
        "Attachment fee seen as essential to fund specialist staff.",
        None,
    ]


def test_frozen_panes_wrap_filters_and_widths(workbook):
    for name in SHEETS:
        ws = workbook[name]
        last = ws.max_column
        assert ws.freeze_panes == "F3", name  # header rows and case + 4 attribute columns
        assert ws.auto_filter.ref == f"A2:{ws.cell(2, last).column_letter}6", name
        assert all(c.alignment.wrap_text for r in ws.iter_rows(min_row=2) for c in r), name
        assert ws["A2"].font.b and ws["A3"].font.b
    ws = workbook["Partnership working"]
    assert [ws.column_dimensions[col].width for col in "AFGHI"] == [18, 60, 60, 60, 45]


def test_suggested_codes_are_left_out_by_default(workbook):
    assert cell(workbook["Referral, attachment and"], "stakeholder_01", "Warm handover at the gate") is None
    text = "\n".join(str(c) for ws in workbook for r in ws.iter_rows(values_only=True) for c in r if c)
    assert "(suggested)" not in text


def test_suggested_codes_are_marked_when_asked_for(with_suggested):
    value = cell(with_suggested["Referral, attachment and"], "Case 2", "Warm handover at the gate")
    assert isinstance(value, CellRichText)
    confirmed = f"{passage(2, 4, 'warm_handover')} [Case 2, Respondent, 00:00:36]"
    suggested = f"(suggested) {passage(2, 6, 'warm_handover')} [Case 2, Respondent, 00:01:15]"
    assert [str(block) for block in value] == [confirmed, "\n\n", suggested]
    marked = value[2]
    assert isinstance(marked, TextBlock) and marked.font.i and marked.font.color.rgb == "FF7F7F7F"
    # counts stay confirmed-only
    assert [r[5] for r in rows(with_suggested["Overview"])] == [1, 1, 1, 3]


def test_no_person_name_reaches_the_workbook(with_suggested):
    text = "\n".join(str(c) for ws in with_suggested for r in ws.iter_rows(values_only=True) for c in r if c)
    assert [name for name in PERSON_NAMES if name in text] == []
    assert "Interviewer" not in [c.value for c in with_suggested["Overview"][2]]


def test_formula_like_text_stays_text_and_long_cells_are_cut(tmp_path):
    snapshot = make_snapshot()
    first = snapshot.codings[0]
    many = [
        replace(first, segment_id=1000 + n, start=n, end=n + 1, text="=SUM(A1:A9) " + "word " * 2000) for n in range(10)
    ]
    snapshot.codings = many
    write_matrix(snapshot, tmp_path / "m.xlsx")
    ws = load_workbook(tmp_path / "m.xlsx")["Referral, attachment and"]
    value = cell(ws, "stakeholder_01", "Referral volumes")
    target = next(c for r in ws.iter_rows(min_row=3) for c in r if c.value == value)
    assert (target.data_type, value.startswith("=SUM(A1:A9) word")) == ("s", True)
    assert len(value) <= EXCEL_CELL_LIMIT
    assert value.endswith("more passages do not fit in one cell; see the long-format export.")


def test_writes_to_a_file_object(tmp_path):
    import io

    buffer = io.BytesIO()
    write_matrix(make_snapshot(), buffer)
    buffer.seek(0)
    assert load_workbook(buffer).sheetnames == SHEETS


def test_uncoded_guide_sections_get_no_sheet_and_key_questions_count_per_guide(tmp_path):
    from coding.model import Frame, Theme

    prisoner_guide = Frame(
        name="Prisoner guide",
        kind="guide",
        themes=[
            Theme(
                "p_a",
                "A. Criminal justice experiences",
                kind="section",
                children=[
                    Theme("p_a_q1", "Can you tell me about your current sentence?", kind="question", key=True),
                    Theme("p_a_q2", "What accommodation do you have for release?", kind="question", key=True),
                ],
            )
        ],
    )
    snapshot = make_snapshot()
    snapshot = replace(snapshot, frames=[*snapshot.frames, prisoner_guide])
    path = tmp_path / "matrix.xlsx"
    write_matrix(snapshot, path)
    workbook = load_workbook(path)
    assert workbook.sheetnames == SHEETS  # nothing is coded under the prisoner guide's section
    overview = workbook["Overview"]
    # Case 2 and 3 followed the provider guide: counted against its two key questions, not four.
    assert [r[-2] for r in rows(overview)] == [None, "2 of 2", "1 of 2", None]


def test_rows_are_tall_enough_for_their_wrapped_passages(workbook):
    from coding.exports.matrix import LINE_HEIGHT, MAX_ROW_HEIGHT, row_height

    assert row_height(["Case 2", "", None], [18, 60, 60]) == LINE_HEIGHT + 4
    assert row_height(["Case 2", "x" * 138], [18, 60]) == 2 * LINE_HEIGHT + 4  # 69 characters a line
    assert row_height(["a\nb\nc"], [60]) == 3 * LINE_HEIGHT + 4
    assert row_height(["x" * 100_000], [60]) == MAX_ROW_HEIGHT
    ws = workbook["Referral, attachment and"]
    heights = [ws.row_dimensions[r].height for r in range(3, ws.max_row + 1)]
    assert all(h >= LINE_HEIGHT for h in heights) and max(heights) > 2 * LINE_HEIGHT


# ----- findings: charted summaries and drafts, groups, saturation (written when an encoder is given) -----


@pytest.fixture(scope="module")
def with_findings(tmp_path_factory):
    from coding.suggest.encoder import HashingEncoder

    path = tmp_path_factory.mktemp("matrix") / "matrix_findings.xlsx"
    write_matrix(make_snapshot(once=True), path, encoder=HashingEncoder())
    return load_workbook(path)


def test_findings_sheets_follow_the_overview(with_findings):
    assert with_findings.sheetnames == [SHEETS[0], "Framework matrix", "Groups", "Saturation", *SHEETS[1:]]


def test_framework_matrix_cells_hold_the_summary_or_a_marked_draft_with_passages_in_the_comment(with_findings):
    ws = with_findings["Framework matrix"]
    referral = "Referral, attachment and handover"
    assert [cell(ws, case, referral) for case in CASE_ROWS] == [
        "DRAFT (not reviewed): Honestly the referral numbers were far lower than anyone modelled. We expected a "
        "steady flow from the two prisons and it was a trickle for the first six months. [stakeholder_01, Respondent, para 4]",
        "Gate meetings work when notice is given; late release lists are the main barrier.",
        "DRAFT (not reviewed): If the referrals stay this low we cannot keep paying specialist mentors, the sums just "
        "do not add up. [Case 3, Respondent 2, 00:01:58]",
        "DRAFT (not reviewed): Someone from the provider came to see me on the wing. I did not really take it in at "
        "the time, I had other things on my mind. [prisoner_01, Respondent, para 2] There was a woman waiting at the "
        "gate with my paperwork. That helped, to be honest, otherwise I would have gone straight back to my old mates. "
        "[prisoner_01, Respondent, para 4]",
    ]
    headers = [c.value for c in ws[2]]
    row = next(r for r in ws.iter_rows(min_row=3) if r[0].value == "Case 2")
    summary_cell, draft_cell = row[headers.index(referral)], row[headers.index("A. Your role")]
    assert (summary_cell.font.i, draft_cell.font.i) == (False, True)  # a draft is grey italic, a summary is not
    prisoner = next(r for r in ws.iter_rows(min_row=3) if r[0].value == "prisoner_01")[headers.index(referral)]
    # every passage is in the comment, the one the draft left out ("Not really, no.") too
    assert prisoner.comment.text == "\n\n".join(
        f"{passage(4, turn, 'warm_handover')} [prisoner_01, Respondent, para {turn}]" for turn in (2, 4, 6)
    )


def test_theme_sheet_summary_column_falls_back_to_the_marked_draft(with_findings):
    ws = with_findings["Funding and incentives"]
    assert [cell(ws, case, "Summary") for case in CASE_ROWS] == [
        "Attachment fee seen as essential to fund specialist staff.",
        None,
        "DRAFT (not reviewed): And I run the specialist mentoring contract that we brought in because of the extra "
        "funding from the pilot. [Case 3, Respondent 2, 00:00:15]",
        None,
    ]


def test_groups_sheet_compares_themes_across_respondent_types(with_findings):
    ws = with_findings["Groups"]
    assert [list(r) for r in ws.iter_rows(min_row=2, values_only=True)] == [
        ["Theme", "operational staff (2 cases)", "prisoner (1 case)", "stakeholder (1 case)"],
        ["Referral, attachment and handover", "2 of 2 (100%)", "1 of 1 (100%)", "1 of 1 (100%)"],
        ["Partnership working", "2 of 2 (100%)", "0 of 1 (0%)", "1 of 1 (100%)"],
        ["Funding and incentives", "1 of 2 (50%)", "0 of 1 (0%)", "1 of 1 (100%)"],
        ["A. Your role", "2 of 2 (100%)", "0 of 1 (0%)", "0 of 1 (0%)"],
        ["B. Delivering support", "1 of 2 (50%)", "0 of 1 (0%)", "0 of 1 (0%)"],
    ]


def test_saturation_sheet_counts_new_themes_per_interview_by_group(with_findings):
    ws = with_findings["Saturation"]
    assert [(r[0], r[1], r[2], r[4], r[5], r[6]) for r in ws.iter_rows(min_row=3, values_only=True)] == [
        ("operational staff", 1, "Case 2", 6, 6, "too few interviews to tell (2)"),  # case labels, as on every sheet
        ("operational staff", 2, "Case 3", 3, 9, None),
        ("prisoner", 1, "prisoner_01", 1, 1, "too few interviews to tell (1)"),
        ("stakeholder", 1, "stakeholder_01", 3, 3, "too few interviews to tell (1)"),
    ]
    assert ws["D5"].value == "Referral, attachment and handover > Warm handover at the gate"


def test_no_findings_sheets_and_no_drafts_without_an_encoder(workbook):
    assert "Framework matrix" not in workbook.sheetnames
    assert cell(workbook["Funding and incentives"], "Case 3", "Summary") is None


def test_no_person_name_reaches_the_findings_sheets_or_their_comments(with_findings):
    sheets = [with_findings[name] for name in ("Framework matrix", "Groups", "Saturation")]
    text = "\n".join(
        f"{c.value or ''} {c.comment.text if c.comment else ''}" for ws in sheets for r in ws.iter_rows() for c in r
    )
    assert [name for name in PERSON_NAMES if name in text] == []
    assert [part for name in PERSON_NAMES for part in name.split() if part in text] == []
