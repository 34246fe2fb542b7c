"""The Peterborough SIB interview protocol (seed 004, Appendix A) read as a researcher sees it."""

from __future__ import annotations

from pathlib import Path

import pytest

from coding.frames.load import load_frames

SEED = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "004_a16d85203baf458e.txt"


@pytest.fixture(scope="module")
def guide():
    if not SEED.exists():
        pytest.skip("seed protocol document not present")
    frames = load_frames(SEED)
    assert len(frames) == 1
    return frames[0]


def test_only_the_protocol_appendix_is_the_guide(guide):
    assert (guide.id, guide.name, guide.warnings, guide.metadata) == (
        "peterborough_sib",
        "Peterborough SIB interview protocol",
        [],
        {},
    )
    labels = [t.label for t, _ in guide.walk()]
    assert not any("St Giles Trust" in label or "YMCA" in label for label in labels)  # Appendix B-D tables


def test_titled_sections_with_question_counts(guide):
    assert [(s.id, s.label, len(s.children), s.routing) for s in guide.themes] == [
        ("peterborough_sib_1", "Opening question", 1, ""),
        ("peterborough_sib_2", "Contractual process and structure", 16, ""),
        ("peterborough_sib_3", "Services and providers", 21, ""),
        ("peterborough_sib_4", "Work with offenders", 12, ""),
        (
            "peterborough_sib_5",
            "Local partnerships",
            4,
            "Social Finance, HMPP Director and staff, managers and staff in service providers",
        ),
        ("peterborough_sib_6", "Role of volunteers", 11, ""),
        (
            "peterborough_sib_7",
            "Costs and benefits",
            4,
            "Social Finance, HMPP Director and staff, managers and staff in service providers",
        ),
        (
            "peterborough_sib_8",
            "Methodology for determining outcomes measures and outcome payments",
            4,
            "Ministry of Justice, Social Finance, HMPP Director, managers in service providers",
        ),
        ("peterborough_sib_9", "Questions for investors", 6, ""),
        ("peterborough_sib_10", "Closing questions", 6, ""),
    ]
    numbers = [q.extra.get("number") for q in guide.questions()]
    assert numbers == [str(n) for n in range(1, 58)] + [None] + [str(n) for n in range(58, 85)]


def test_routing_tables_apply_to_the_questions_after_them(guide):
    contract = guide.find("peterborough_sib_2")
    assert [(q.extra["number"], q.routing, q.extra["about"]) for q in contract.children[3:6]] == [
        ("5", "Ministry of Justice and Social Finance", "Contract between Ministry of Justice and Social Finance"),
        ("6", "Social Finance", "Contract between Social Finance and service providers"),
        ("7", "Social Finance", "Contract between Social Finance and service providers"),
    ]
    assert {q.routing for q in guide.find("peterborough_sib_6").children} == {
        "Social Finance, HMPP Director and staff, managers and staff in service providers",
        "Volunteers",
    }


def test_italic_sub_probes_attach_to_their_question(guide):
    q3 = guide.find("peterborough_sib_2_q2")
    assert (q3.label, q3.probes) == (
        "What is your view on the number and nature of contract amendments which have been made or proposed?",
        [
            "What issues required amendment?",
            "How easy or difficult have these been to agree?",
            "Have there been any particular sticking points? If so, how were these overcome?",
            "Were any aspects of the contractual amendment process which have been easier than expected? "
            "If so, how and why?",
        ],
    )
    # "- 32.** Do you ..." in the converted text is question 32, not a probe, and not a key question
    q32 = next(q for q in guide.questions() if q.extra.get("number") == "32")
    assert (q32.id, q32.label, q32.key, len(q32.probes)) == (
        "peterborough_sib_3_q15",
        "Do you receive funding from the SIB/ SF?",
        False,
        3,
    )
