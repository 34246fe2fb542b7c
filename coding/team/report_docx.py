"""The one-page agreement report for a method annex, as a Word document.

Takes an ``AgreementReport`` and a path (never the store): what was measured and
how, the overall figures for every pair of coders and for the group, then one row
per theme with the n behind it.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from docx import Document
from docx.shared import Cm, Pt

from coding.team.agreement import MODEL, OVERALL, AgreementReport

METHOD = (
    "Unit: the interview segment (one respondent answer). A coder reviewed a segment when they made any "
    "decision on it; their value for a theme there is 1 if they applied the theme and 0 otherwise. Pairs are "
    "compared on the segments both reviewed: percent agreement and Cohen's kappa per theme, and overall pooled "
    "over every segment x theme of the themes listed. Krippendorff's alpha (nominal) takes all coders at once, "
    "a segment a coder did not review counting as missing; n is the number of pairable units. The model is one "
    "more coder: it applies a theme where its suggestion scores at least {threshold:.2f}. Themes nobody applied "
    "on the shared segments are not listed. Kappa or alpha is 'n/a' where chance agreement is total."
)


def _fmt(value: float | None, percent: bool = False) -> str:
    if value is None:
        return "n/a"
    return f"{value:.0%}" if percent else f"{value:.2f}"


def _table(document, header: list[str], rows: list[list[str]]) -> None:
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Light Grid Accent 1"
    for cell, text in zip(table.rows[0].cells, header):
        cell.text = text
    for row in rows:
        for cell, text in zip(table.add_row().cells, row):
            cell.text = text
    for row in table.rows:
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                for run in paragraph.runs:
                    run.font.size = Pt(8)


def write_agreement_docx(
    report: AgreementReport, path: Path, project: str, labels: dict[str, str], today: date | None = None
) -> Path:
    document = Document()
    section = document.sections[0]
    section.top_margin = section.bottom_margin = Cm(1.5)
    section.left_margin = section.right_margin = Cm(1.8)
    document.styles["Normal"].font.size = Pt(9)
    document.add_heading(f"Inter-coder agreement: {project}", level=1)
    document.add_paragraph(f"Computed by the interview coding workbench on {(today or date.today()).isoformat()}.")
    document.add_paragraph(METHOD.format(threshold=report.model_threshold))
    if not report.pairs_table:
        document.add_paragraph("No segment has been reviewed by two coders yet.")
        document.save(str(path))
        return path
    document.add_heading("Overall", level=2)
    rows = []
    for a, b in report.pairs():
        o = report.overall(a, b)
        assert o is not None  # every pair in pairs_table has its OVERALL row
        rows.append([f"{a} and {b}", "Cohen's kappa", str(o.units), _fmt(o.percent, True), _fmt(o.kappa)])
    for g in (g for g in report.alphas if g.theme == OVERALL):
        rows.append([", ".join(g.coders), "Krippendorff's alpha", str(g.units), "", _fmt(g.alpha)])
    _table(document, ["Coders", "Statistic", "n (segment x theme)", "Agreement", "Value"], rows)

    humans = [(a, b) for a, b in report.pairs() if b != MODEL]
    focus = humans[0] if humans else report.pairs()[0]
    group = next((g.coders for g in report.alphas if MODEL not in g.coders), None) or report.alphas[0].coders
    document.add_heading(f"Per theme ({focus[0]} and {focus[1]}; alpha for {', '.join(group)})", level=2)
    alphas = {g.theme: g for g in report.alphas if g.coders == group}
    rows = []
    for r in (r for r in report.rows if (r.coder_a, r.coder_b) == focus):
        alpha = alphas.get(r.theme)
        rows.append(
            [
                labels.get(r.theme, r.theme),
                str(r.units),
                f"{r.both}/{r.only_a}/{r.only_b}",
                _fmt(r.percent, True),
                _fmt(r.kappa),
                str(alpha.units) if alpha else "",
                _fmt(alpha.alpha) if alpha else "",
            ]
        )
    _table(document, ["Theme", "n", "both/only A/only B", "Agreement", "Kappa", "n (alpha)", "Alpha"], rows)
    document.save(str(path))
    return path
