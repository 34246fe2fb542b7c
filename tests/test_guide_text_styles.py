"""Plain and markdown guides (our own fictional examples): headings, numbered questions, probes, warnings."""

from __future__ import annotations

from pathlib import Path

from coding.frames.load import load_frames

DATA = Path(__file__).parent / "data" / "guides"


def tree(frame):
    return [(s.id, s.label, [(q.id, q.label, q.probes, q.key) for q in s.children]) for s in frame.themes]


def test_plain_guide_with_title_lines_and_numbered_questions():
    [frame] = load_frames(DATA / "allotment_guide.txt")
    assert (frame.id, frame.name, frame.warnings) == (
        "community_allotment_scheme_volunteer",
        "Community allotment scheme: volunteer interview guide",
        [],
    )
    assert tree(frame) == [
        (
            "community_allotment_scheme_volunteer_1",
            "Getting involved",
            [
                (
                    "community_allotment_scheme_volunteer_1_q1",
                    "How did you first hear about the allotment scheme?",
                    ["Probe: word of mouth, council newsletter, social media"],
                    False,
                ),
                (
                    "community_allotment_scheme_volunteer_1_q2",
                    "What made you decide to volunteer?",
                    ["Prompt: health, meeting people, growing food"],
                    False,
                ),
            ],
        ),
        (
            "community_allotment_scheme_volunteer_2",
            "Running the plots",
            [
                ("community_allotment_scheme_volunteer_2_q1", "How are plots allocated between volunteers?", [], False),
                (
                    "community_allotment_scheme_volunteer_2_q2",
                    "What would make the scheme easier to run?",
                    ["Probe: tools, water supply, parking"],
                    False,
                ),
            ],
        ),
    ]
    assert frame.metadata == {
        "introduction": "Thank the volunteer for their time and explain the interview lasts about 30 minutes.",
        "close": "Thank them and explain how the findings will be used.",
    }


def test_markdown_guide_that_parses_only_partly_says_what_it_skipped():
    [frame] = load_frames(DATA / "partial_guide.md")
    assert (frame.id, frame.name) == ("library_outreach", "Library outreach interview guide")
    assert tree(frame) == [
        (
            "library_outreach_a",
            "Reaching readers",
            [
                (
                    "library_outreach_a_q1",
                    "How do people find out about the mobile library?",
                    ["Probe: posters, schools, word of mouth"],
                    True,
                ),
                ("library_outreach_a_q2", "Which groups are hardest to reach?", [], False),
            ],
        ),
        ("library_outreach_b", "Partnerships", []),
        (
            "library_outreach_c",
            "Looking ahead",
            [
                ("library_outreach_c_q1", "What should change next year?", [], False),
            ],
        ),
    ]
    assert frame.metadata == {
        "introduction": "Explain the purpose of the study and ask for consent to record.\n"
        "Probe: this probe has no question yet",
    }
    assert frame.warnings == [
        "line 19: text outside any question skipped: 'Some loose remark that is neither a question nor a probe'",
        "line 15: section B 'Partnerships' has no questions",
    ]
