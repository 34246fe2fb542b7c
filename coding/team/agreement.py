"""Inter-coder agreement a method annex can cite: per theme and overall, with the n behind each figure.

The unit is the segment. A coder *reviewed* a segment when they made any decision
on it; on each reviewed segment, their value for a theme is 1 if they confirmed
(or added) the theme there and 0 otherwise. The model is one more coder: it
codes a theme where its suggestion scores at least ``model_threshold``, and it
has a value on every segment anyone reviewed (it scores them all).

For each pair of coders (researchers with each other, each with the model), on
the segments both reviewed: percent agreement and Cohen's kappa per theme, and
overall pooled over every (segment, theme) of the themes in the table. For all
researchers together, and for researchers with the model: Krippendorff's alpha
(nominal), where a coder who did not review a segment is a missing value.

A theme nobody applied on the shared segments has no row: its agreement would be
100% about nothing.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from itertools import combinations

from coding.model import CodeApplication
from coding.team.statistics import cohens_kappa, krippendorff_alpha_nominal, percent_agreement

MODEL = "model"
OVERALL = "(all themes)"


@dataclass(frozen=True)
class PairAgreement:
    """Two coders on one theme (or ``OVERALL``): the 2x2 table behind the figures."""

    coder_a: str
    coder_b: str
    theme: str
    units: int  # segments both reviewed; for OVERALL, segments x themes
    both: int
    only_a: int
    only_b: int
    neither: int
    percent: float | None
    kappa: float | None  # None where chance agreement is total


@dataclass(frozen=True)
class GroupAlpha:
    """Krippendorff's alpha (nominal) for a group of coders on one theme (or ``OVERALL``)."""

    coders: tuple[str, ...]
    theme: str
    units: int  # pairable units: segments (x themes for OVERALL) with at least two coders' values
    alpha: float | None


@dataclass
class AgreementReport:
    pairs_table: list[PairAgreement] = field(default_factory=list)
    alphas: list[GroupAlpha] = field(default_factory=list)
    model_threshold: float = 0.5

    @property
    def rows(self) -> list[PairAgreement]:
        """The per-theme pair rows (overall rows left out)."""
        return [r for r in self.pairs_table if r.theme != OVERALL]

    def pairs(self) -> list[tuple[str, str]]:
        return sorted({(r.coder_a, r.coder_b) for r in self.pairs_table})

    def overall(self, coder_a: str, coder_b: str) -> PairAgreement | None:
        return next(
            (r for r in self.pairs_table if (r.coder_a, r.coder_b) == (coder_a, coder_b) and r.theme == OVERALL),
            None,
        )

    def mean_kappa(self, coder_a: str, coder_b: str) -> float | None:
        """The unweighted mean of the pair's per-theme kappas (themes where kappa is defined)."""
        values = [r.kappa for r in self.rows if (r.coder_a, r.coder_b) == (coder_a, coder_b) and r.kappa is not None]
        return sum(values) / len(values) if values else None

    def as_dict(self) -> dict:
        return {
            "unit": "segment",
            "model_threshold": self.model_threshold,
            "pairs": [
                {
                    "coder_a": a,
                    "coder_b": b,
                    "mean_kappa": self.mean_kappa(a, b),
                    "overall": asdict(overall) if (overall := self.overall(a, b)) else None,
                }
                for a, b in self.pairs()
            ],
            "themes": [asdict(r) for r in self.rows],
            "alpha": [dict(asdict(a), coders=list(a.coders)) for a in self.alphas],
        }

    def as_text(self) -> str:
        if not self.pairs_table:
            return "No segment has been reviewed by two coders yet."
        lines = []
        for group in self.alphas:
            if group.theme == OVERALL:
                lines.append(
                    f"Krippendorff's alpha ({', '.join(group.coders)}): {_fmt(group.alpha)} on {group.units} units"
                )
        for a, b in self.pairs():
            overall = self.overall(a, b)
            assert overall is not None  # every pair in pairs_table has its OVERALL row
            lines.append(
                f"{a} vs {b}: kappa {_fmt(overall.kappa)}, agreement {_pct(overall.percent)} "
                f"on {overall.units} segment-themes (mean kappa per theme {_fmt(self.mean_kappa(a, b))})"
            )
            for r in (r for r in self.rows if (r.coder_a, r.coder_b) == (a, b)):
                lines.append(
                    f"  {r.theme:<32} kappa {_fmt(r.kappa):>5}  agree {_pct(r.percent):>4}  "
                    f"both {r.both}, only {a} {r.only_a}, only {b} {r.only_b} (n = {r.units})"
                )
        return "\n".join(lines)


def _fmt(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.2f}"


def _pct(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.0%}"


@dataclass
class _Coding:
    """Who reviewed which segments, and which (segment, theme) each coder applied."""

    reviewed: dict[str, set[int]]
    applied: dict[str, set[tuple[int, str]]]

    def value(self, coder: str, segment: int, theme: str) -> int | None:
        if segment not in self.reviewed[coder]:
            return None
        return int((segment, theme) in self.applied[coder])


def _coding(codes: Iterable[CodeApplication], model_threshold: float, units: set[int] | None) -> _Coding:
    reviewed: dict[str, set[int]] = defaultdict(set)
    applied: dict[str, set[tuple[int, str]]] = defaultdict(set)
    for code in codes:
        if units is not None and code.segment_id not in units:
            continue
        if code.coder == MODEL:
            if code.score is not None and code.score >= model_threshold:
                applied[MODEL].add((code.segment_id, code.theme_id))
            continue
        reviewed[code.coder].add(code.segment_id)
        if code.status == "confirmed":
            applied[code.coder].add((code.segment_id, code.theme_id))
    humans = sorted(reviewed)
    reviewed[MODEL] = set().union(*(reviewed[h] for h in humans)) if humans else set()
    return _Coding(reviewed, applied)


def agreement(
    codes: Iterable[CodeApplication],
    themes: list[str],
    model_threshold: float = 0.5,
    units: set[int] | None = None,
) -> AgreementReport:
    """Agreement per theme and overall for every pair of coders, and alpha for the groups.

    ``units`` restricts the figures to those segments (say, the double-coded sample).
    """
    coding = _coding(codes, model_threshold, units)
    humans = sorted(c for c in coding.reviewed if c != MODEL)
    report = AgreementReport(model_threshold=model_threshold)
    pairs = list(combinations(humans, 2)) + [(h, MODEL) for h in humans]
    for coder_a, coder_b in pairs:
        shared_set = coding.reviewed[coder_a] & coding.reviewed[coder_b]
        if not shared_set:
            continue
        shared = sorted(shared_set)
        # The themes either coder applied on a shared segment, in the table's order (any other
        # theme is 0 for both everywhere, so it has no row): found from the applied pairs, not by
        # asking every segment about every theme, which took seconds at study scale.
        applied = {t for c in (coder_a, coder_b) for s, t in coding.applied[c] if s in shared_set}
        used = [t for t in themes if t in applied]
        pooled_a: list[int] = []
        pooled_b: list[int] = []
        for theme in used:
            # both coders reviewed every shared segment, so each value is 0 or 1 here
            a = [int((s, theme) in coding.applied[coder_a]) for s in shared]
            b = [int((s, theme) in coding.applied[coder_b]) for s in shared]
            pooled_a += a
            pooled_b += b
            report.pairs_table.append(_pair(coder_a, coder_b, theme, a, b))
        if used:
            report.pairs_table.append(_pair(coder_a, coder_b, OVERALL, pooled_a, pooled_b))
    groups = [tuple(humans)] if len(humans) >= 2 else []
    groups += [tuple(humans) + (MODEL,)] if humans else []
    for group in groups:
        report.alphas += _alphas(coding, group, themes)
    return report


def _pair(coder_a: str, coder_b: str, theme: str, a: list[int], b: list[int]) -> PairAgreement:
    both = sum(x and y for x, y in zip(a, b))
    only_a = sum(x and not y for x, y in zip(a, b))
    only_b = sum(y and not x for x, y in zip(a, b))
    return PairAgreement(
        coder_a,
        coder_b,
        theme,
        len(a),
        both,
        only_a,
        only_b,
        len(a) - both - only_a - only_b,
        percent=percent_agreement(a, b),
        kappa=cohens_kappa(a, b),
    )


def _alphas(coding: _Coding, group: tuple[str, ...], themes: list[str]) -> list[GroupAlpha]:
    """Alpha per theme applied on a pairable segment, and overall on the (segment, theme) units of those themes."""
    segments = sorted(set().union(*(coding.reviewed[c] for c in group)))
    # Whether a coder has a value on a segment does not depend on the theme, so the pairable
    # segments (two or more values) are the same for every theme: counted once, not per theme.
    values_on = Counter(s for c in group for s in coding.reviewed[c])
    pairable = {s for s in segments if values_on[s] >= 2}
    # Only a theme some coder applied on a pairable segment they reviewed gets a row (as for pairs).
    applied = {t for c in group for s, t in coding.applied[c] if s in pairable and s in coding.reviewed[c]}
    out = []
    pooled: list[list[int | None]] = [[] for _ in group]
    for theme in (t for t in themes if t in applied):
        data = [_values(coding, c, theme, segments) for c in group]
        for row, values in zip(pooled, data):
            row += values
        out.append(GroupAlpha(group, theme, len(pairable), krippendorff_alpha_nominal(data)))
    if out:
        out.append(GroupAlpha(group, OVERALL, len(pairable) * len(out), krippendorff_alpha_nominal(pooled)))
    return out


def _values(coding: _Coding, coder: str, theme: str, segments: list[int]) -> list[int | None]:
    """``coding.value`` for each segment, with the coder's sets looked up once."""
    reviewed, applied = coding.reviewed[coder], coding.applied[coder]
    return [int((s, theme) in applied) if s in reviewed else None for s in segments]
