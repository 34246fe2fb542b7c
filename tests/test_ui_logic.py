"""The UI's pure logic (coding/ui/code_view.py, coverage_tables.py, jobs.py): chips, review state, filters,
sub-spans, escaping, attribute edits, coverage tables, background jobs."""

from __future__ import annotations

import pytest

from coding.errors import InputError
from coding.model import CodeApplication, Segment
from coding.team import coverage_counts
from coding.ui import code_view, coverage_tables
from coding.ui.jobs import JobRunner
from tests.ui_fixtures import crosscutting, guide


def code(segment, theme, status, coder, score=None, model=None, start=None, end=None):
    return CodeApplication(
        segment,
        theme,
        status,
        coder,
        "model" if coder == "model" else "human",
        model,
        score,
        "why" if coder == "model" else "",
        start,
        end,
    )


SEGMENTS = [
    Segment(1, 100, 140, "Nobody met me at the gate on the day.", "Respondent", id=11),
    Segment(3, 200, 260, "They sanctioned me for a missed appointment.", "Respondent", id=12),
    Segment(5, 300, 340, "I start at the warehouse on Monday.", "Respondent", id=13),
]
CODES = {
    11: [
        code(11, "warm_handover", "suggested", "model", 0.84),
        code(11, "housing", "suggested", "model", 0.31),
        code(11, "warm_handover", "confirmed", "ana", 0.84, "m"),
        code(11, "housing", "rejected", "ben", 0.31, "m"),
    ],
    12: [code(12, "sanctions", "suggested", "model", 0.91)],
    13: [code(13, "employer_engagement", "suggested", "model", 0.52), code(13, "money", "confirmed", "ben")],
}


def test_chips_merge_suggestions_own_and_other_decisions():
    assert code_view.chips(CODES[11], "ana") == [
        code_view.Chip("warm_handover", 0.84, "why", "confirmed"),
        code_view.Chip("housing", 0.31, "why", None, None, [("ben", "rejected")]),
    ]
    # Below the minimum confidence a suggestion hides, but a coder's own decision never does.
    assert [c.theme_id for c in code_view.chips(CODES[11], "ana", 0.9)] == ["warm_handover"]
    assert code_view.chips(CODES[13], "ana") == [
        code_view.Chip("employer_engagement", 0.52, "why", None),
        code_view.Chip("money", None, "", None, None, [("ben", "confirmed")]),
    ]


@pytest.mark.parametrize(
    ("coder", "filters", "expected"),
    [
        ("ana", code_view.Filters(), [11, 12, 13]),
        ("ana", code_view.Filters(unreviewed_only=True), [12, 13]),
        ("ben", code_view.Filters(unreviewed_only=True), [12]),
        ("ana", code_view.Filters(themes=("sanctions", "money")), [12, 13]),
        ("ana", code_view.Filters(themes=("employer_engagement",), min_score=0.6), []),
        (None, code_view.Filters(unreviewed_only=True), [11, 12, 13]),
        # By the model's best confidence: 12 (0.91), 11 (0.84), 13 (0.52) ...
        ("ana", code_view.Filters(order="confident"), [12, 11, 13]),
        ("ana", code_view.Filters(order="doubtful"), [13, 11, 12]),
        # ... among the filtered themes only: 13's "money" is a coder's code, not a suggestion (0).
        ("ana", code_view.Filters(themes=("sanctions", "money"), order="doubtful"), [13, 12]),
    ],
)
def test_visible_segments(coder, filters, expected):
    assert [s.id for s in code_view.visible_segments(SEGMENTS, CODES, coder, filters)] == expected


def next_unreviewed(codes, coder, after):
    """As the Code page finds it: each segment's reviewed mark (``is_reviewed``), then the first unmarked."""
    reviewed = {s.stored_id: code_view.is_reviewed(codes.get(s.stored_id, []), coder) for s in SEGMENTS}
    return code_view.first_unreviewed([s.stored_id for s in SEGMENTS], reviewed, after)


def test_next_unreviewed_wraps_and_ends():
    assert next_unreviewed(CODES, "ana", 0) == 1
    assert next_unreviewed(CODES, "ana", 2) == 1  # wraps round
    assert next_unreviewed(CODES, "ben", 1) == 1  # only itself left
    everything = {sid: codes + [code(sid, "x", "rejected", "ana")] for sid, codes in CODES.items()}
    assert next_unreviewed(everything, "ana", 0) is None


@pytest.mark.parametrize(
    ("words", "expected"),
    [("the gate", (117, 125)), ("met  me\nat", (107, 116)), ("NOBODY met", (100, 110))],
)
def test_find_span_gives_transcript_offsets(words, expected):
    assert code_view.find_span(SEGMENTS[0], words) == expected


@pytest.mark.parametrize("words", ["", "   ", "at the station"])
def test_find_span_refuses_words_not_in_the_segment(words):
    with pytest.raises(ValueError):
        code_view.find_span(SEGMENTS[0], words)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<b>bold</b> *not* $5 :smile: [link](x)", "\\<b\\>bold\\</b\\> \\*not\\* \\$5 \\:smile\\: \\[link\\]\\(x\\)"),
        ("line one\nline two", "line one  \nline two"),
        ("# heading - item", "\\# heading \\- item"),
    ],
)
def test_escape_markdown(text, expected):
    assert code_view.escape_markdown(text) == expected


@pytest.mark.parametrize(("seconds", "expected"), [(None, ""), (0, "0:00"), (754.2, "12:34"), (3723, "1:02:03")])
def test_clock(seconds, expected):
    assert code_view.clock(seconds) == expected


def test_attribute_updates_merge_edits_into_whole_rows():
    rows = [{"area": "A", "wave": "1"}, {"area": "B", "wave": "1"}]
    assert code_view.attribute_updates(rows, [7, 8], {1: {"area": "C", "wave": None}}) == {8: {"area": "C", "wave": ""}}


def test_theme_index_labels_paths():
    index = code_view.theme_index([crosscutting(), guide()])
    assert index["disclosure"] == code_view.ThemeInfo(
        "disclosure",
        "Disclosure of convictions",
        "Employer engagement › Disclosure of convictions",
        "crosscutting",
        "Cross-cutting themes",
        "theme",
        False,
        "crosscutting",
        "employer_engagement",
        1,
    )
    assert (index["employer_engagement"].parent_id, index["employer_engagement"].is_top_level) == (None, True)
    assert index["b1_contact"].path_label == "B. The provider › How did you first hear from the provider?"
    assert index["b1_contact"].key is True


def test_coverage_tables():
    owner = {11: 1, 12: 1, 13: 2}
    codes = [c for cs in CODES.values() for c in cs] + [code(12, "sanctions", "confirmed", "ana", 0.91, "m")]
    cells = coverage_counts.heatmap_cells(codes, owner)
    assert cells == [
        coverage_counts.Cell("money", 2, 1, 1),
        coverage_counts.Cell("sanctions", 1, 1, 1),
        coverage_counts.Cell("warm_handover", 1, 1, 1),
    ]
    assert coverage_counts.review_progress(codes, owner, {1: 2, 2: 1}) == [
        coverage_counts.Progress(1, "ana", 2, 2),
        coverage_counts.Progress(1, "ben", 1, 2),
        coverage_counts.Progress(2, "ben", 1, 1),
    ]
    themes = code_view.theme_index([crosscutting()])
    assert [t.theme_id for t in coverage_tables.thin_themes(cells, themes)][:3] == [
        "disclosure",
        "employer_engagement",
        "housing",
    ]
    assert coverage_counts.model_tallies(codes) == [
        coverage_counts.ModelTally("housing", 0, 1, 0),
        coverage_counts.ModelTally("money", 0, 0, 1),
        coverage_counts.ModelTally("sanctions", 1, 0, 0),
        coverage_counts.ModelTally("warm_handover", 1, 0, 0),
    ]
    segments = {s.id: s for s in SEGMENTS}
    text = " " * 400
    assert coverage_tables.quotes(codes, segments, text, "sanctions", 1, owner) == [
        coverage_tables.Quote(12, SEGMENTS[1].text, "Respondent", ("ana",))
    ]


def test_jobs_report_progress_results_and_readable_errors():
    runner = JobRunner()

    def good(progress):
        progress(1, 2, "half way")
        return [("success", "done")]

    def bad(progress):
        raise InputError("no speakers found", "empty.txt", 1)

    first, second = runner.start(5, "good", good), runner.start(5, "bad", bad)
    assert runner.wait(10)
    assert (first.done, first.total, first.message, first.result, first.error) == (
        1,
        2,
        "half way",
        [("success", "done")],
        None,
    )
    assert second.error == "empty.txt, line 1: no speakers found"
    assert runner.for_project(5) == [first, second] and runner.running(5) == []
