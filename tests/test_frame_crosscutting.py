"""The shipped cross-cutting frame, and guide sections/questions mapped onto it by visible rules."""

from __future__ import annotations

from pathlib import Path

import pytest

from coding.frames.crosscutting import crosscutting_frame
from coding.frames.load import load_frames
from coding.frames.mapping import map_to_crosscutting
from coding.model import Frame, Theme

GUIDES = Path(__file__).resolve().parents[1] / "topic_guides"


def test_crosscutting_frame_has_the_nine_themes():
    frame = crosscutting_frame()
    assert (frame.id, frame.kind, frame.name) == ("crosscutting", "crosscutting", "Cross-cutting themes")
    assert [t.id for t in frame.themes] == [
        "co_commissioning",
        "referrals",
        "sanctions",
        "supply_chains",
        "payment_incentives",
        "employer_engagement",
        "participant_needs",
        "delivery_support",
        "partnership_data",
    ]
    for theme in frame.themes:
        assert theme.description and len(theme.keywords) >= 5
        assert len(theme.extra["keyword_sources"]) == len(theme.keywords)


@pytest.fixture(scope="module")
def mapped():
    cc = crosscutting_frame()
    return {
        g: map_to_crosscutting(load_frames(GUIDES / f"{g}.md")[0], cc)
        for g in ("stakeholder", "resettlement_eba", "provider_strategic", "provider_operational")
    }


def test_sections_map_by_their_titles(mapped):
    maps = {t.id: t.maps_to for f in mapped.values() for t in f.themes}
    assert {
        k: maps[k]
        for k in (
            "stakeholder_c",
            "stakeholder_e",
            "resettlement_eba_b",
            "resettlement_eba_d",
            "provider_strategic_b",
            "provider_strategic_c",
            "provider_operational_c",
            "provider_operational_f",
            "provider_operational_h",
        )
    } == {
        "stakeholder_c": ["co_commissioning"],
        "stakeholder_e": ["co_commissioning"],
        "resettlement_eba_b": ["referrals"],
        "resettlement_eba_d": ["partnership_data"],
        "provider_strategic_b": ["supply_chains"],
        "provider_strategic_c": ["supply_chains", "payment_incentives"],
        "provider_operational_c": ["referrals"],
        "provider_operational_f": ["employer_engagement"],
        "provider_operational_h": ["sanctions"],
    }


def test_questions_map_by_keyword_overlap(mapped):
    operational = mapped["provider_operational"]
    assert [(q.id, q.maps_to) for q in operational.find("provider_operational_h").children] == [
        ("provider_operational_h_q1", ["sanctions"]),
        ("provider_operational_h_q2", ["sanctions"]),
        ("provider_operational_h_q3", ["sanctions"]),
        ("provider_operational_h_q4", ["sanctions"]),
    ]
    assert operational.find("provider_operational_c_q1").maps_to == ["referrals"]


def test_mapping_is_pure_and_many_to_many():
    cc = Frame(
        name="cc",
        kind="crosscutting",
        themes=[
            Theme(id="housing", label="Housing", keywords=["accommodation", "hostel place"]),
            Theme(id="work", label="Work", keywords=["job search"]),
        ],
    )
    guide = Frame(
        name="g",
        id="g",
        themes=[
            Theme(
                id="g_a",
                label="Leaving prison",
                kind="section",
                children=[
                    Theme(
                        id="g_a_q1",
                        label="Where will you live, and how will your job search start?",
                        kind="question",
                        probes=["Probe: accommodation arranged?"],
                    ),
                    Theme(id="g_a_q2", label="Who meets you at the gate?", kind="question"),
                ],
            )
        ],
    )
    result = map_to_crosscutting(guide, cc)
    assert [(t.id, t.maps_to) for t, _ in result.walk()] == [
        ("g_a", []),
        ("g_a_q1", ["housing", "work"]),
        ("g_a_q2", []),
    ]
    assert [t.maps_to for t, _ in guide.walk()] == [[], [], []]
