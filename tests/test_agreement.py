"""Agreement per theme and overall between researchers, and with the model as one more coder."""

from __future__ import annotations

import pytest

from coding.model import CodeApplication
from coding.team.agreement import MODEL, OVERALL, GroupAlpha, PairAgreement, agreement
from coding.team.statistics import krippendorff_alpha_nominal


def code(segment, theme, coder, status="confirmed", score=None):
    return CodeApplication(segment, theme, status, coder, source="model" if coder == MODEL else "human", score=score)


TWO_CODERS = [
    code(1, "sanctions", "amira"),
    code(1, "sanctions", "ben"),
    code(2, "referrals", "amira"),
    code(2, "sanctions", "ben"),
    code(3, "referrals", "amira", "rejected"),
    code(3, "referrals", "ben", "rejected"),
    code(4, "sanctions", "amira"),  # only Amira reviewed segment 4: not a unit for the pair
]


def test_pairs_are_compared_on_the_segments_both_reviewed_per_theme_and_overall():
    report = agreement(TWO_CODERS, ["sanctions", "referrals", "supply_chains"])
    humans = [r for r in report.pairs_table if r.coder_b != MODEL]
    assert humans == [
        PairAgreement(
            "amira", "ben", "sanctions", 3, 1, 0, 1, 1, percent=pytest.approx(2 / 3), kappa=pytest.approx(0.4)
        ),
        PairAgreement(
            "amira", "ben", "referrals", 3, 0, 1, 0, 2, percent=pytest.approx(2 / 3), kappa=pytest.approx(0.0)
        ),
        # pooled over the 3 segments x 2 themes used: a = 1,0,0 | 0,1,0 and b = 1,1,0 | 0,0,0
        PairAgreement("amira", "ben", OVERALL, 6, 1, 1, 1, 3, percent=pytest.approx(4 / 6), kappa=pytest.approx(0.25)),
    ]
    assert report.mean_kappa("amira", "ben") == pytest.approx(0.2)


def test_alpha_takes_every_coder_and_counts_an_unreviewed_segment_as_missing():
    codes = TWO_CODERS + [code(4, "referrals", "chloe"), code(2, "referrals", "chloe")]
    report = agreement(codes, ["sanctions", "referrals"])
    humans = next(a for a in report.alphas if a.coders == ("amira", "ben", "chloe") and a.theme == "sanctions")
    # segments 1-4; chloe reviewed 2 and 4, ben 1-3, amira 1-4
    expected = krippendorff_alpha_nominal([[1, 0, 0, 1], [1, 1, 0, None], [None, 0, None, 0]])
    assert humans == GroupAlpha(("amira", "ben", "chloe"), "sanctions", 4, pytest.approx(expected))
    assert [(a.coders, a.theme) for a in report.alphas] == [
        (("amira", "ben", "chloe"), "sanctions"),
        (("amira", "ben", "chloe"), "referrals"),
        (("amira", "ben", "chloe"), OVERALL),
        (("amira", "ben", "chloe", MODEL), "sanctions"),
        (("amira", "ben", "chloe", MODEL), "referrals"),
        (("amira", "ben", "chloe", MODEL), OVERALL),
    ]


def test_the_model_is_a_coder_above_its_threshold_on_every_reviewed_segment():
    codes = [
        code(1, "sanctions", MODEL, "suggested", 0.9),
        code(1, "sanctions", "amira"),
        code(2, "sanctions", MODEL, "suggested", 0.3),
        code(2, "referrals", "amira"),
        code(3, "referrals", MODEL, "suggested", 0.7),
        code(3, "referrals", "amira", "rejected"),
        code(9, "referrals", MODEL, "suggested", 0.99),  # nobody reviewed segment 9
    ]
    report = agreement(codes, ["sanctions", "referrals"], model_threshold=0.5)
    rows = {(r.coder_b, r.theme): (r.units, r.both, r.only_a, r.only_b) for r in report.pairs_table}
    assert rows == {
        (MODEL, "sanctions"): (3, 1, 0, 0),
        (MODEL, "referrals"): (3, 0, 1, 1),
        (MODEL, OVERALL): (6, 1, 1, 1),
    }
    assert report.mean_kappa("amira", MODEL) == pytest.approx((1.0 + -0.5) / 2)


def test_units_restrict_the_figures_to_a_sample():
    report = agreement(TWO_CODERS, ["sanctions", "referrals"], units={1, 3})
    assert report.overall("amira", "ben") == PairAgreement(
        "amira", "ben", OVERALL, 2, 1, 0, 0, 1, percent=1.0, kappa=1.0
    )


def test_report_as_text_and_json():
    report = agreement(TWO_CODERS, ["sanctions", "referrals"])
    text = report.as_text().splitlines()
    assert text[0] == "Krippendorff's alpha (amira, ben): 0.31 on 6 units"  # 1 - 11 * 4 / (2 * 4 * 8)
    assert "amira vs ben: kappa 0.25, agreement 67% on 6 segment-themes (mean kappa per theme 0.20)" in text
    data = report.as_dict()
    assert data["pairs"][0]["overall"]["units"] == 6 and data["alpha"][0]["coders"] == ["amira", "ben"]
    assert agreement([], ["sanctions"]).as_text() == "No segment has been reviewed by two coders yet."


def test_a_theme_applied_only_where_one_coder_reviewed_has_no_alpha_row_as_it_has_no_pair_row():
    codes = TWO_CODERS + [code(4, "supply_chains", "amira")]  # segment 4: amira alone
    report = agreement(codes, ["sanctions", "referrals", "supply_chains"])
    humans = [a for a in report.alphas if a.coders == ("amira", "ben")]
    assert [(a.theme, a.units) for a in humans] == [("sanctions", 3), ("referrals", 3), (OVERALL, 6)]
    assert report.overall("amira", "ben").units == humans[-1].units
