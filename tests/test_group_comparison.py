"""Themes x respondent groups: the share of each group's cases with each theme, zeros included."""

from __future__ import annotations

from coding.synthesis.groups import GroupShare, compare_groups


def test_compare_groups():
    groups = {1: "prisoner", 2: "prisoner", 3: "prisoner", 6: "Provider A operational staff", 7: "", 9: "prisoner"}
    themes = {
        1: {"referrals", "sanctions"},
        2: {"referrals"},
        3: set(),
        6: {"referrals", "employer_engagement"},
        7: {"co_commissioning"},
    }
    assert compare_groups(groups, themes, ["referrals", "sanctions", "employer_engagement"]) == [
        GroupShare("referrals", "(no group)", 0, 1),
        GroupShare("referrals", "Provider A operational staff", 1, 1),
        GroupShare("referrals", "prisoner", 2, 4),
        GroupShare("sanctions", "(no group)", 0, 1),
        GroupShare("sanctions", "Provider A operational staff", 0, 1),
        GroupShare("sanctions", "prisoner", 1, 4),
        GroupShare("employer_engagement", "(no group)", 0, 1),
        GroupShare("employer_engagement", "Provider A operational staff", 1, 1),
        GroupShare("employer_engagement", "prisoner", 0, 4),
    ]
    assert [s.label() for s in compare_groups(groups, themes, ["referrals"])] == [
        "0 of 1 (0%)",
        "1 of 1 (100%)",
        "2 of 4 (50%)",
    ]
