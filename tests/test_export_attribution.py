"""Attributions, pseudonyms and passage references: what a report prints about a quote."""

import pytest

from coding.exports.attribution import attribution, is_identifying_key, respondent_group
from coding.exports.pseudonyms import case_label, speaker_pseudonym
from coding.exports.references import format_time, passage_reference
from coding.model import Case, CodedSegment, Speaker


@pytest.mark.parametrize(
    "attributes, expected",
    [
        ({"respondent_type": "operational staff", "provider": "Provider A"}, "(Provider A, operational staff)"),
        ({"respondent_type": "prisoner", "area": "pilot area"}, "(prisoner, pilot area)"),
        ({"respondent_type": "stakeholder"}, "(stakeholder)"),
        # names, interviewer, ids, dates and wave never reach an attribution
        (
            {
                "name": "Jo Bloggs",
                "respondent_name": "Jo Bloggs",
                "interviewer": "A. Khan",
                "respondent_type": "prisoner",
                "wave": "2",
                "interview_date": "2013-03-01",
                "case_label": "Case 7",
                "area": "non-pilot area",
            },
            "(prisoner, non-pilot area)",
        ),
        # an organisation places staff: the area is left out; nothing else is ever added
        (
            {"respondent_type": "operational staff", "provider": "Provider A", "area": "pilot area", "gender": "f"},
            "(Provider A, operational staff)",
        ),
        ({"role": "senior manager", "organisation": "DWP", "sector": "public"}, "(DWP, senior manager)"),
        ({"area": "pilot area", "type": "Pilot Area"}, "(Pilot Area)"),
        ({"Provider": " Provider  B ", "Respondent_Type": "manager"}, "(Provider B, manager)"),
        ({"attribution": "Jobcentre Plus, work coach", "name": "X"}, "(Jobcentre Plus, work coach)"),
        ({}, "(interviewee)"),
        ({"respondent_name": "Jo Bloggs"}, "(interviewee)"),
    ],
)
def test_attribution(attributes, expected):
    assert attribution(attributes) == expected


@pytest.mark.parametrize(
    "key, identifying",
    [
        ("name", True),
        ("respondent_name", True),
        ("Interviewer", True),
        ("interviewer_name", True),
        ("email", True),
        ("surname", True),
        ("area", False),
        ("respondent_type", False),
        ("provider", False),
    ],
)
def test_identifying_keys(key, identifying):
    assert is_identifying_key(key) is identifying


def test_respondent_group_is_organisation_and_type():
    assert [
        respondent_group({"provider": "Provider A", "respondent_type": "operational staff", "area": "north"}),
        respondent_group({"respondent_type": "stakeholder", "area": "national"}),
        respondent_group({"area": "north"}),
    ] == ["Provider A operational staff", "stakeholder", "interviewee"]


PAIRED = Case(
    3,
    "pa_ops_02",
    "",
    {"case_label": "Case 3"},
    speakers=[
        Speaker("priya", "Priya Ramanathan", "interviewer"),
        Speaker("siobhan", "Siobhan Kettleby", "respondent"),
        Speaker("tomasz", "Tomasz Wierzbicki", "respondent"),
        Speaker("second_interviewer", "Ann Other", "interviewer"),
    ],
)


@pytest.mark.parametrize(
    "case, key, expected",
    [
        (PAIRED, "priya", "Interviewer"),
        (PAIRED, "siobhan", "Respondent"),
        (PAIRED, "tomasz", "Respondent 2"),
        (PAIRED, "second_interviewer", "Interviewer 2"),
        (PAIRED, "gary_pellington", "Other speaker"),  # unknown key: never echo it, it may be a name
        (Case(1, "x", ""), "anyone", "Respondent"),  # no speaker labels: one respondent's account
        (Case(1, "x", ""), "Interviewer", "Interviewer"),
    ],
)
def test_speaker_pseudonym(case, key, expected):
    assert speaker_pseudonym(case, key) == expected


def test_case_label_prefers_the_attribute():
    assert [
        case_label(PAIRED),
        case_label(Case(1, "stakeholder_01", "")),
        case_label(Case(2, "s2", "", {"case_label": " "})),
    ] == [
        "Case 3",
        "stakeholder_01",
        "s2",
    ]


def _coding(**kw):
    base = dict(
        case_id=3,
        segment_id=1,
        speaker="tomasz",
        role="respondent",
        text="",
        start=0,
        end=0,
        theme_id="t",
        status="confirmed",
        coder="ana",
        source="human",
    )
    return CodedSegment(**(base | kw))


@pytest.mark.parametrize(
    "coding, expected",
    [
        (_coding(time_start=751.9, paragraph=14), "[Case 3, Respondent 2, 00:12:31]"),
        (_coding(paragraph=14), "[Case 3, Respondent 2, para 14]"),
        (_coding(speaker="priya"), "[Case 3, Interviewer]"),
        (_coding(time_start=3725.0), "[Case 3, Respondent 2, 01:02:05]"),
    ],
)
def test_passage_reference(coding, expected):
    assert passage_reference(PAIRED, coding) == expected


def test_format_time():
    assert [format_time(0), format_time(59.99), format_time(36000)] == ["00:00:00", "00:00:59", "10:00:00"]
