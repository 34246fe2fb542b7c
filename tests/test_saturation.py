"""Saturation by respondent group: new themes per interview in interview order, and where it stops."""

from __future__ import annotations

import pytest

from coding.synthesis.saturation import (
    GroupSaturation,
    InterviewStep,
    OrderedCase,
    saturation_by_group,
    saturation_point,
)

CASES = [
    # Out of order on purpose: the interview date orders them, not the list.
    OrderedCase(3, "prisoner_03", "prisoner", "2015-04-20"),
    OrderedCase(1, "prisoner_01", "prisoner", "2015-04-02"),
    OrderedCase(2, "prisoner_02", "prisoner", "2015-04-09"),
    OrderedCase(4, "prisoner_04", "prisoner", "2015-05-01"),
    OrderedCase(5, "prisoner_05", "prisoner", "2015-05-12"),
    OrderedCase(6, "pa_ops_01", "Provider A operational staff", "2015-03-12"),
    OrderedCase(7, "pa_ops_02", "Provider A operational staff", "2015-06-18"),
    OrderedCase(8, "nat_01", "", "2015-02-10"),
]
THEMES = {
    1: {"referrals", "participant_needs"},
    2: {"participant_needs", "sanctions"},
    3: {"referrals", "employer_engagement"},
    4: {"participant_needs"},
    5: {"referrals"},
    6: {"delivery_support", "employer_engagement"},
    7: {"delivery_support", "supply_chains", "payment_incentives"},
    8: {"co_commissioning"},
}


def test_saturation_by_group():
    assert saturation_by_group(CASES, THEMES) == [
        GroupSaturation("(no group)", [InterviewStep(1, 8, "nat_01", ("co_commissioning",), 1)], None),
        GroupSaturation(
            "Provider A operational staff",
            [
                InterviewStep(1, 6, "pa_ops_01", ("delivery_support", "employer_engagement"), 2),
                InterviewStep(2, 7, "pa_ops_02", ("payment_incentives", "supply_chains"), 4),
            ],
            None,
        ),
        GroupSaturation(
            "prisoner",
            [
                InterviewStep(1, 1, "prisoner_01", ("participant_needs", "referrals"), 2),
                InterviewStep(2, 2, "prisoner_02", ("sanctions",), 3),
                InterviewStep(3, 3, "prisoner_03", ("employer_engagement",), 4),
                InterviewStep(4, 4, "prisoner_04", (), 4),
                InterviewStep(5, 5, "prisoner_05", (), 4),
            ],
            3,
        ),
    ]


def test_a_longer_window_asks_for_more_interviews_that_added_nothing():
    prisoners = [g for g in saturation_by_group(CASES, THEMES, window=3) if g.group == "prisoner"]
    assert [(g.saturated_after, g.themes) for g in prisoners] == [(None, 4)]


@pytest.mark.parametrize(
    "new, window, point",
    [
        ([5, 2, 1, 0, 0], 2, 3),
        ([5, 2, 0, 1], 2, None),  # the last interview still added a theme
        ([4, 0, 0, 0], 2, 1),
        ([0, 0, 0], 2, None),  # nothing confirmed yet: nothing to saturate
        ([], 2, None),
        ([3, 0], 1, 1),
    ],
)
def test_saturation_point(new, window, point):
    assert saturation_point(new, window) == point


def test_the_annex_table_leaves_interview_names_out_and_the_chart_renders_offline():
    from coding.exports.saturation import saturation_csv, saturation_png

    groups = [g for g in saturation_by_group(CASES, THEMES) if g.group == "prisoner"]
    assert saturation_csv(groups, {"referrals": "Referrals"}).splitlines() == [
        "Group,Interview order,Interview,New themes,New themes (count),Themes so far,Saturated after",
        "prisoner,1,,participant_needs; Referrals,2,2,interview 3 (the last 2 added nothing)",
        "prisoner,2,,sanctions,1,3,",
        "prisoner,3,,employer_engagement,1,4,",
        "prisoner,4,,,0,4,",
        "prisoner,5,,,0,4,",
    ]
    assert saturation_png(groups, scale=1.0)[:8] == b"\x89PNG\r\n\x1a\n"
