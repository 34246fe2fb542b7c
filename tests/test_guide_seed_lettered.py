"""The five Employment and Reoffending Pilot topic guides (seed 000) read as a researcher sees them."""

from __future__ import annotations

from pathlib import Path

import pytest

from coding.frames.load import load_frames

SEED = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "000_e5dcb100339b64d6.txt"


@pytest.fixture(scope="module")
def frames():
    if not SEED.exists():
        pytest.skip("seed guide document not present")
    return {f.id: f for f in load_frames(SEED)}


def outline(frame):
    """(id, letter, label, routing, number of questions) per section, sub-sections included."""
    return [
        (t.id, t.extra["letter"], t.label, t.routing, sum(1 for c in t.children if c.kind == "question"))
        for t, _ in frame.walk()
        if t.kind == "section"
    ]


def test_one_document_gives_five_guides(frames):
    assert [(f.id, f.name, f.kind) for f in frames.values()] == [
        ("stakeholder", "Stakeholder topic guide", "guide"),
        ("resettlement_eba", "Resettlement services/EBA topic guide", "guide"),
        ("prisoner", "Prisoner topic guide", "guide"),
        ("provider_strategic", "Provider strategic staff topic guide", "guide"),
        ("provider_operational", "Provider operational staff topic guide", "guide"),
    ]
    assert all(f.warnings == [] for f in frames.values())


def test_stakeholder_sections(frames):
    assert outline(frames["stakeholder"]) == [
        ("stakeholder_a", "A", "Background", "", 5),
        ("stakeholder_b", "B", "Rationale for pilot", "", 5),
        ("stakeholder_c", "C", "Rationale for joint commissioning", "", 5),
        ("stakeholder_d", "D", "Pilot design", "", 17),
        ("stakeholder_e", "E", "Pilot procurement", "", 8),
        ("stakeholder_f", "F", "Pilot implementation", "", 8),
        ("stakeholder_g", "G", "Lessons for future commissioning", "", 4),
        ("stakeholder_h", "H", "Overall impact", "", 6),
    ]


def test_probes_and_prompts_stay_with_their_question(frames):
    section_c = frames["stakeholder"].find("stakeholder_c")
    assert [(q.id, q.label, q.probes) for q in section_c.children[:2]] == [
        (
            "stakeholder_c_q1",
            "What did you understand to be the key drivers behind the decision to commission the pilot jointly?",
            [
                "Prompt: joining up policy and funding; evidence from data sharing; evidence more likely to be "
                "effective; potential to make efficiencies in commissioning/ procurement; policy/ Ministerial "
                "priorities?",
                "Probe: relative importance of drivers",
            ],
        ),
        (
            # after a page break the PDF text lost the gap before this question
            "stakeholder_c_q2",
            "Which individuals/organisations were involved in this decision and what roles did they play?",
            [
                "Prompt: Policy/strategic role; commissioning; procurement; delivery; others.",
                "Probe: relative impacts of various individuals/organisations",
            ],
        ),
    ]


def test_answer_lists_are_probes(frames):
    question = frames["stakeholder"].find("stakeholder_a_q4")
    assert (question.label, question.probes) == (
        "Were you involved in:",
        ["Designing the pilot?", "The pilot procurement process?"],
    )
    status = frames["prisoner"].find("prisoner_a_q3")
    assert (status.label, status.probes) == (
        "What is your relationship status at the moment?",
        ["Married", "Cohabiting before custody", "Single, not in any relationship", "Other (give details)"],
    )


def test_resettlement_subsections_nest_under_their_section_with_routing(frames):
    assert outline(frames["resettlement_eba"]) == [
        ("resettlement_eba_a", "A", "Generic resettlement", "", 8),
        ("resettlement_eba_b", "B", "Day One Mandation processes", "", 9),
        ("resettlement_eba_b1", "B1", "Processes in pilot areas", "For providers in Pilot Areas only", 4),
        ("resettlement_eba_c", "C", "Effectiveness of processes", "", 10),
        (
            "resettlement_eba_c1",
            "C1",
            "Effectiveness of processes in pilot areas",
            "For providers in Pilot Areas only",
            9,
        ),
        ("resettlement_eba_d", "D", "Inter-agency working relationships", "", 3),
        ("resettlement_eba_e", "E", "Challenges", "", 4),
    ]
    section_b = frames["resettlement_eba"].find("resettlement_eba_b")
    assert [c.id for c in section_b.children if c.kind == "section"] == ["resettlement_eba_b1"]
    assert frames["resettlement_eba"].path_of("resettlement_eba_b1_q4") == (
        "resettlement_eba_b",
        "resettlement_eba_b1",
        "resettlement_eba_b1_q4",
    )


def test_question_routing_and_lead_ins(frames):
    guide = frames["resettlement_eba"]
    question = guide.find("resettlement_eba_c_q10")
    assert (question.routing, question.label) == (
        "For Job-Centre Plus staff",
        "[For Job-Centre Plus staff] Does the accommodation and facilities provided by the prison meet with "
        "all your requirements for delivering Day One Mandation?",
    )
    assert guide.find("resettlement_eba_c").description == (
        "We want to ask you about your views on how effectively these processes for operating Day One "
        "Mandation are working and to note where adaptations or changes may be required."
    )
    # the rating items of section C are its questions, each with the same probe
    assert [(q.label, q.probes) for q in guide.find("resettlement_eba_c").children[:2]] == [
        (
            "Alerts for prisoner release dates between prison and JCP",
            ["Probe: working well/change or improvement required"],
        ),
        (
            "Time period of advance notice (sufficient time to arrange meetings/benefit claims with EBAs)",
            ["Probe: working well/change or improvement required"],
        ),
    ]


def test_provider_operational_sections_and_instructions(frames):
    guide = frames["provider_operational"]
    assert [(s.id, s.label, len(s.children)) for s in guide.themes] == [
        ("provider_operational_a", "Introduction", 4),
        ("provider_operational_b", "Supply chain", 10),
        ("provider_operational_c", "Referral and attachment of offenders", 6),
        ("provider_operational_d", "Decision on provision for new participants", 9),
        ("provider_operational_e", "Out-of-Work support", 9),
        ("provider_operational_f", "Work with employers", 2),
        ("provider_operational_g", "In-Work support", 1),
        ("provider_operational_h", "Sanctioning", 4),
        ("provider_operational_i", "Feedback on delivery with offenders", 2),
        ("provider_operational_j", "Wrap-up section", 3),
    ]
    sanctioning = guide.find("provider_operational_h")
    assert [(q.label, q.routing, len(q.probes)) for q in sanctioning.children] == [
        ("If an offender in the programme is not meeting participation requirements, what do you do?", "", 8),
        ("Do you initiate the process which might result in referral to sanctions?", "IF NOT COVERED", 1),
        (
            "Do you believe that sanctioning and the threat of sanctioning within the Work Programme is effective "
            "with offenders?",
            "",
            2,
        ),
        (
            "What are the issues for you when an offender you refer for a possible sanction is not sanctioned by "
            "Jobcentre Plus (i.e. the offender gets a favourable decision)? Does this vary at all with other types "
            "of participants or between different types of offender?",
            "",
            0,
        ),
    ]
    assert guide.find("provider_operational_d_q2").extra == {"notes": ["IF NO GO TO Q26"]}
    assert guide.find("provider_operational_c").extra["notes"] == [
        "Interviewer note: These questions would best be targeted at managers within providers"
    ]


def test_administrative_parts_are_metadata_not_themes(frames):
    guide = frames["stakeholder"]
    assert sorted(guide.metadata) == ["close", "consent", "interviewer_notes", "introduction"]
    assert guide.metadata["interviewer_notes"].splitlines()[-1] == (
        "Questions in BOLD text are key and MUST be covered."
    )
    assert guide.metadata["close"] == (
        "Ask if they have anything to add.\nAsk if they have any questions.\nThank them for their time."
    )
    labels = {t.label.lower() for t, _ in guide.walk()}
    assert not labels & {"introduction", "confidentiality and consent", "close", "interviewer notes"}
    strategic = frames["provider_strategic"]
    assert strategic.metadata["audience"] == "HEAD OFFICES: primes or managers in end to ends"
    assert strategic.metadata["introduction"].splitlines()[0] == "Introduce self and the evaluation"
    # "A. INTRODUCTION" with questions is a real section, unlike the unlettered Introduction
    assert strategic.themes[0].id == "provider_strategic_a" and len(strategic.themes[0].children) == 6


def test_theme_ids_are_unique_across_all_guides(frames):
    ids = [t.id for f in frames.values() for t, _ in f.walk()]
    assert len(ids) == len(set(ids))
    assert sum(len(f.questions()) for f in frames.values()) == 244


def test_section_keywords_come_from_its_questions(frames):
    assert frames["stakeholder"].find("stakeholder_c").keywords == ["joint commissioning", "rationale for joint"]
    assert frames["provider_operational"].find("provider_operational_h").keywords == ["sanctioning"]
    assert frames["resettlement_eba"].find("resettlement_eba_b").keywords[0] == "day one mandation"
