"""Inter-coder agreement per theme: researchers with each other, and the model as a coder.

For a pair of coders, the units are the segments both have reviewed (made any
decision on). For each theme, each coder's judgement on a unit is binary: did
they confirm the theme there. Cohen's kappa and percent agreement follow. The
model "codes" a theme where its stored suggestion scores at least
``model_threshold`` — so its agreement with researchers is measured on the
same footing, on the segments each researcher reviewed.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass, field
from itertools import combinations

from coding.model import CodeApplication

MODEL = "model"


@dataclass
class ThemeAgreement:
    coder_a: str
    coder_b: str
    theme: str
    units: int
    both: int
    only_a: int
    only_b: int
    percent: float
    kappa: float | None  # None where chance agreement is total (both never or always code it)


@dataclass
class AgreementReport:
    rows: list[ThemeAgreement] = field(default_factory=list)

    def pairs(self) -> list[tuple[str, str]]:
        return sorted({(r.coder_a, r.coder_b) for r in self.rows})

    def mean_kappa(self, coder_a: str, coder_b: str) -> float | None:
        values = [r.kappa for r in self.rows if (r.coder_a, r.coder_b) == (coder_a, coder_b) and r.kappa is not None]
        return sum(values) / len(values) if values else None

    def as_dict(self) -> dict:
        return {
            "pairs": [
                {"coder_a": a, "coder_b": b, "mean_kappa": self.mean_kappa(a, b)} for a, b in self.pairs()
            ],
            "themes": [asdict(r) for r in self.rows],
        }

    def as_text(self) -> str:
        if not self.rows:
            return "No segment has been reviewed by two coders yet."
        lines = []
        for a, b in self.pairs():
            mean = self.mean_kappa(a, b)
            lines.append(f"{a} vs {b}: mean kappa {'n/a' if mean is None else f'{mean:.2f}'}")
            for r in (r for r in self.rows if (r.coder_a, r.coder_b) == (a, b)):
                kappa = "  n/a" if r.kappa is None else f"{r.kappa:5.2f}"
                lines.append(
                    f"  {r.theme:<32} kappa {kappa}  agree {r.percent:4.0%}  "
                    f"both {r.both}, only {a} {r.only_a}, only {b} {r.only_b} (of {r.units})"
                )
        return "\n".join(lines)


def cohens_kappa(both: int, only_a: int, only_b: int, neither: int) -> float | None:
    n = both + only_a + only_b + neither
    if n == 0:
        return None
    observed = (both + neither) / n
    p_a, p_b = (both + only_a) / n, (both + only_b) / n
    expected = p_a * p_b + (1 - p_a) * (1 - p_b)
    if expected >= 1.0:
        return None
    return (observed - expected) / (1 - expected)


def agreement(codes: list[CodeApplication], themes: list[str], model_threshold: float = 0.5) -> AgreementReport:
    """Agreement per theme for every pair of researchers, and each researcher against the model."""
    reviewed: dict[str, set[int]] = defaultdict(set)
    applied: dict[str, set[tuple[int, str]]] = defaultdict(set)
    model_applied: set[tuple[int, str]] = set()
    for code in codes:
        if code.coder == MODEL:
            if code.score is not None and code.score >= model_threshold:
                model_applied.add((code.segment_id, code.theme_id))
            continue
        reviewed[code.coder].add(code.segment_id)
        if code.status == "confirmed":
            applied[code.coder].add((code.segment_id, code.theme_id))
    report = AgreementReport()
    humans = sorted(reviewed)
    pairs = [(a, b, reviewed[a] & reviewed[b], applied[b]) for a, b in combinations(humans, 2)]
    pairs += [(a, MODEL, reviewed[a], model_applied) for a in humans]
    for coder_a, coder_b, units, applied_b in pairs:
        if not units:
            continue
        for theme in themes:
            a = {s for s, t in applied[coder_a] if t == theme and s in units}
            b = {s for s, t in applied_b if t == theme and s in units}
            if not a and not b:
                continue
            both, only_a, only_b = len(a & b), len(a - b), len(b - a)
            neither = len(units) - both - only_a - only_b
            report.rows.append(
                ThemeAgreement(
                    coder_a, coder_b, theme, len(units), both, only_a, only_b,
                    percent=(both + neither) / len(units), kappa=cohens_kappa(both, only_a, only_b, neither),
                )
            )
    return report


def agreement_report(store, project_id: int, model_threshold: float = 0.5) -> AgreementReport:
    """The project's agreement, read from the store."""
    from coding.store.codes import project_codes
    from coding.store.projects import load_frames

    themes = [theme.id for frame in load_frames(store, project_id) for theme, _ in frame.walk()]
    return agreement(project_codes(store, project_id), themes, model_threshold)
