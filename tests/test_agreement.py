"""Cohen's kappa per theme between researchers, and with the model as a coder."""

from __future__ import annotations

import pytest

from coding.model import CodeApplication
from coding.team.agreement import agreement, cohens_kappa


def code(segment, theme, coder, status="confirmed", score=None):
    return CodeApplication(segment, theme, status, coder, source="model" if coder == "model" else "human", score=score)


@pytest.mark.parametrize(
    ("both", "only_a", "only_b", "neither", "expected"),
    [
        (20, 5, 10, 15, 0.4),  # the textbook 2x2: po 0.7, pe 0.5
        (10, 0, 0, 10, 1.0),
        (0, 10, 10, 0, -1.0),
        (10, 0, 0, 0, None),  # both always code it: chance agreement is total
        (0, 0, 0, 0, None),
    ],
)
def test_cohens_kappa(both, only_a, only_b, neither, expected):
    result = cohens_kappa(both, only_a, only_b, neither)
    assert result == (pytest.approx(expected) if expected is not None else None)


def test_pairs_are_compared_on_the_segments_both_reviewed():
    codes = [
        code(1, "sanctions", "amira"), code(1, "sanctions", "ben"),
        code(2, "referrals", "amira"), code(2, "sanctions", "ben"),
        code(3, "referrals", "amira", "rejected"), code(3, "referrals", "ben", "rejected"),
        code(4, "sanctions", "amira"),  # only Amira reviewed segment 4: not a unit for the pair
    ]
    report = agreement(codes, ["sanctions", "referrals", "supply_chains"])
    rows = {
        (r.coder_a, r.coder_b, r.theme): (r.units, r.both, r.only_a, r.only_b)
        for r in report.rows
        if r.coder_b != "model"
    }
    assert rows == {("amira", "ben", "sanctions"): (3, 1, 0, 1), ("amira", "ben", "referrals"): (3, 0, 1, 0)}
    sanctions = next(r for r in report.rows if r.theme == "sanctions")
    assert sanctions.percent == pytest.approx(2 / 3)
    assert sanctions.kappa == pytest.approx(0.4)


def test_the_model_is_a_coder_above_its_threshold():
    codes = [
        code(1, "sanctions", "model", "suggested", 0.9), code(1, "sanctions", "amira"),
        code(2, "sanctions", "model", "suggested", 0.3), code(2, "referrals", "amira"),
        code(3, "referrals", "model", "suggested", 0.7), code(3, "referrals", "amira", "rejected"),
        code(9, "referrals", "model", "suggested", 0.99),  # nobody reviewed segment 9
    ]
    report = agreement(codes, ["sanctions", "referrals"], model_threshold=0.5)
    rows = {(r.coder_b, r.theme): (r.units, r.both, r.only_a, r.only_b) for r in report.rows}
    assert rows == {("model", "sanctions"): (3, 1, 0, 0), ("model", "referrals"): (3, 0, 1, 1)}
    assert report.mean_kappa("amira", "model") == pytest.approx((1.0 + -0.5) / 2)


def test_report_text_when_nothing_is_shared():
    assert agreement([code(1, "sanctions", "amira")], ["sanctions"]).as_text().startswith("amira vs model")
    assert agreement([], ["sanctions"]).as_text() == "No segment has been reviewed by two coders yet."
