"""Text made safe for spreadsheets, Word and XML: formulas, illegal characters, sheet names."""

import pytest

from coding.exports.safety import EXCEL_CELL_LIMIT, clean_text, fit_cell, guard_formula, sheet_title


@pytest.mark.parametrize(
    "value, expected",
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+44 7700 900123", "'+44 7700 900123"),
        ("-- well, yes", "'-- well, yes"),
        ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
        ("\t=1", "'\t=1"),
        ("fine = fine", "fine = fine"),
        ("", ""),
        (0.62, 0.62),
        (None, None),
    ],
)
def test_guard_formula(value, expected):
    assert guard_formula(value) == expected


def test_clean_text_drops_only_what_xml_cannot_hold():
    assert clean_text("a\x00b\x07c\x1fd\te\nf\r‘g’ – é") == "abcd\te\nf\r‘g’ – é"


def test_fit_cell_cuts_long_text_and_says_so():
    text = fit_cell("x" * (EXCEL_CELL_LIMIT + 10))
    assert (len(text), text.endswith("[cut: too long for one Excel cell]")) == (EXCEL_CELL_LIMIT, True)
    assert fit_cell("short") == "short"


def test_sheet_titles_are_legal_short_and_unique():
    taken = {"overview"}
    titles = [
        sheet_title(name, taken)
        for name in [
            "Overview",
            "Referral, attachment and handover",
            "Referral, attachment and handover",
            "C. Rationale: joint commissioning [MoJ/DWP]?",
            "'Quoted'",
            "***",
            "A very long section heading that goes on and on about delivery",
        ]
    ]
    assert titles == [
        "Overview (2)",
        "Referral, attachment and",
        "Referral, attachment and (2)",
        "C. Rationale joint",
        "Quoted",
        "Sheet",
        "A very long section heading",
    ]
    assert all(len(t) <= 31 for t in titles)
