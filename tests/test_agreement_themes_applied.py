"""Agreement looks only at the themes a coder applied (as the Coverage page recomputes it after every
decision at study scale), and its report is exactly the one that asks every segment about every theme.

The oracle below is the straightforward computation agreement made before: for each pair, a theme
counts when either coder has a 1 on a shared segment; for each group, a theme counts when a coder has
a 1 on a pairable segment. Random projects: coders who review overlapping segments, the model's scores,
themes nobody applied in the list.
"""

from __future__ import annotations

import random
from itertools import combinations

import pytest

from coding.model import CodeApplication
from coding.team.agreement import MODEL, OVERALL, AgreementReport, GroupAlpha, _coding, _pair, agreement
from coding.team.statistics import krippendorff_alpha_nominal, pairable_units


def _oracle(codes: list[CodeApplication], themes: list[str]) -> AgreementReport:
    coding = _coding(codes, 0.5, None)
    humans = sorted(c for c in coding.reviewed if c != MODEL)
    report = AgreementReport(model_threshold=0.5)
    for a, b in list(combinations(humans, 2)) + [(h, MODEL) for h in humans]:
        shared = sorted(coding.reviewed[a] & coding.reviewed[b])
        used = [t for t in themes if any(coding.value(c, s, t) for s in shared for c in (a, b))]
        pooled_a: list = []
        pooled_b: list = []
        for theme in used:
            va = [coding.value(a, s, theme) for s in shared]
            vb = [coding.value(b, s, theme) for s in shared]
            pooled_a += va
            pooled_b += vb
            report.pairs_table.append(_pair(a, b, theme, va, vb))
        if used:
            report.pairs_table.append(_pair(a, b, OVERALL, pooled_a, pooled_b))
    groups = ([tuple(humans)] if len(humans) >= 2 else []) + ([(*humans, MODEL)] if humans else [])
    for group in groups:
        segments = sorted(set().union(*(coding.reviewed[c] for c in group)))
        pooled: list[list] = [[] for _ in group]
        rows = []
        for theme in themes:
            data = [[coding.value(c, s, theme) for s in segments] for c in group]
            pairable = [col for col in zip(*data) if sum(v is not None for v in col) >= 2]
            if not any(v for col in pairable for v in col):
                continue
            for row, values in zip(pooled, data):
                row += values
            rows.append(GroupAlpha(group, theme, pairable_units(data), krippendorff_alpha_nominal(data)))
        if rows:
            rows.append(GroupAlpha(group, OVERALL, pairable_units(pooled), krippendorff_alpha_nominal(pooled)))
        report.alphas += rows
    return report


def _project(seed: int) -> tuple[list[CodeApplication], list[str]]:
    rng = random.Random(seed)
    themes = [f"t{i}" for i in range(8)]
    codes = [
        CodeApplication(s, t, "suggested", MODEL, score=rng.random())
        for s in range(60)
        for t in rng.sample(themes[:6], 2)
    ]
    for coder in ("ana", "ben", "cy")[: rng.randint(1, 3)]:
        start = rng.randint(0, 30)
        for s in range(start, start + rng.randint(5, 30)):
            for t in rng.sample(themes[:6], rng.randint(1, 2)):
                codes.append(CodeApplication(s, t, rng.choice(["confirmed", "confirmed", "rejected"]), coder))
    return codes, themes + ["never_applied"]


@pytest.mark.parametrize("seed", range(12))
def test_agreement_equals_asking_every_segment_about_every_theme(seed):
    codes, themes = _project(seed)
    assert agreement(codes, themes) == _oracle(codes, themes)
