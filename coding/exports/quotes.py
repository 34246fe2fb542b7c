"""Quote tables for reports: respondents' coded words, grouped by theme, each with its attribution.

``select_quotes`` is the pure part (the UI previews it); ``write_quote_table`` lays the
selection out in Word, grouped by top-level theme (Heading 1) and sub-theme
(Heading 2), each group opening with a short header such as
"3 quotes from 2 interviews: 1 prisoner, 1 Provider A operational staff".

Selection rules, in order:

* only respondents' words (interviewer turns are never quoted); confirmed codes, plus
  suggested ones, marked, when ``include_suggested``; never rejected ones;
* ``themes``: keep codes on these themes or anywhere beneath them;
* ``respondent_types``: keep cases whose respondent type (or organisation + type,
  e.g. "Provider A operational staff") is listed, case-insensitively;
* ``min_words``/``max_words``: a quote's length in words (longer passages are left
  out rather than silently cut: a report should not misquote);
* a passage coded twice into one group appears once;
* order: confirmed before suggested, then case order and place in the transcript;
  with ``one_per_case_first`` each case's first quote comes before any case's second,
  so a capped group hears from as many interviews as it can; then ``max_per_theme``
  caps each group (each heading).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.shared import Cm, Pt, RGBColor

from coding.errors import WorkbenchError
from coding.exports.attribution import attribution, respondent_group, respondent_type
from coding.exports.placement import ThemeMap
from coding.exports.pseudonyms import case_label
from coding.exports.references import passage_reference
from coding.exports.safety import clean_text
from coding.model import ProjectSnapshot

LAYOUTS = ("table", "indented")
SUGGESTED_MARK = "(suggested)"
_GREY = RGBColor(0x7F, 0x7F, 0x7F)


@dataclass
class QuoteOptions:
    themes: list[str] | None = None
    respondent_types: list[str] | None = None
    min_words: int = 5
    max_words: int = 250
    max_per_theme: int | None = None
    one_per_case_first: bool = True
    include_suggested: bool = False
    layout: str = "table"  # "table" | "indented"

    def check(self) -> None:
        if self.layout not in LAYOUTS:
            raise WorkbenchError(f"Unknown quote layout {self.layout!r}; choose table or indented.")
        if self.min_words < 0 or self.max_words < self.min_words:
            raise WorkbenchError(f"Quote length must be 0 <= min ({self.min_words}) <= max ({self.max_words}) words.")
        if self.max_per_theme is not None and self.max_per_theme < 1:
            raise WorkbenchError("At most N quotes per theme needs N of 1 or more.")


@dataclass(frozen=True)
class Quote:
    theme_id: str  # the top-level theme: the Heading 1
    theme_label: str
    subtheme_id: str | None  # the child under it: the Heading 2 (None: coded on the theme itself)
    subtheme_label: str
    coded_theme_id: str
    case_id: int
    case_label: str
    text: str
    attribution: str
    reference: str
    respondent_group: str
    suggested: bool
    start: int

    @property
    def words(self) -> int:
        return len(self.text.split())


def _matches_type(attributes: dict[str, str], wanted: set[str]) -> bool:
    return respondent_type(attributes).lower() in wanted or respondent_group(attributes).lower() in wanted


def _order(candidates: list[Quote], case_rank: dict[int, int], one_per_case_first: bool) -> list[Quote]:
    """Confirmed before suggested; then by case and place in the transcript, or round-robin by case."""
    ordered = sorted(candidates, key=lambda q: (q.suggested, case_rank[q.case_id], q.start))
    if not one_per_case_first:
        return ordered
    seen: dict[int, int] = defaultdict(int)
    ranked = []
    for quote in ordered:
        ranked.append(((seen[quote.case_id], quote.suggested, case_rank[quote.case_id], quote.start), quote))
        seen[quote.case_id] += 1
    return [q for _, q in sorted(ranked, key=lambda r: r[0])]


def select_quotes(snapshot: ProjectSnapshot, options: QuoteOptions = QuoteOptions()) -> list[Quote]:
    """The quotes a table would print, in print order (theme, sub-theme, then selection order)."""
    options.check()
    themes = ThemeMap(snapshot.frames)
    cases = {c.id: c for c in snapshot.cases}
    case_rank = {c.id: n for n, c in enumerate(snapshot.cases)}
    wanted_themes = set(options.themes) if options.themes else None
    wanted_types = {t.strip().lower() for t in options.respondent_types} if options.respondent_types else None
    groups: dict[tuple[str, str | None], dict[tuple, Quote]] = defaultdict(dict)
    for coding in snapshot.codings:
        suggested = coding.status == "suggested"
        if not (coding.status == "confirmed" or (suggested and options.include_suggested)):
            continue
        case, place = cases.get(coding.case_id), themes.place(coding.theme_id)
        if case is None or place is None or coding.role != "respondent":
            continue
        if wanted_themes is not None and not themes.under(coding.theme_id, wanted_themes):
            continue
        if wanted_types is not None and not _matches_type(case.attributes, wanted_types):
            continue
        text = " ".join(clean_text(coding.text).split())
        if not options.min_words <= len(text.split()) <= options.max_words:
            continue
        key = (place.top.id, place.sub.id if place.sub else None)
        passage = (coding.segment_id, coding.start, coding.end)
        if passage in groups[key] and (suggested or not groups[key][passage].suggested):
            continue
        groups[key][passage] = Quote(
            theme_id=place.top.id,
            theme_label=place.top.label,
            subtheme_id=place.sub.id if place.sub else None,
            subtheme_label=place.sub.label if place.sub else "",
            coded_theme_id=coding.theme_id,
            case_id=case.id,
            case_label=case_label(case),
            text=text,
            attribution=clean_text(attribution(case.attributes)),
            reference=clean_text(passage_reference(case, coding)),
            respondent_group=respondent_group(case.attributes),
            suggested=suggested,
            start=coding.start,
        )
    selected: list[Quote] = []
    for _, top in themes.tops():
        for sub_id in [None, *[child.id for child in top.children]]:
            candidates = list(groups.get((top.id, sub_id), {}).values())
            ordered = _order(candidates, case_rank, options.one_per_case_first)
            selected.extend(ordered[: options.max_per_theme] if options.max_per_theme else ordered)
    return selected


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def group_header(quotes: list[Quote]) -> str:
    """ "12 quotes from 5 interviews: 2 stakeholder, 3 Provider A operational staff"."""
    cases_by_group: dict[str, set[int]] = {}
    for quote in quotes:
        cases_by_group.setdefault(quote.respondent_group, set()).add(quote.case_id)
    interviews = len({q.case_id for q in quotes})
    breakdown = ", ".join(f"{len(ids)} {group}" for group, ids in cases_by_group.items())
    return clean_text(f"{_plural(len(quotes), 'quote')} from {_plural(interviews, 'interview')}: {breakdown}")


def _filters_note(options: QuoteOptions) -> str:
    parts = ["Respondents' words from confirmed codes" + (" and, marked, suggested codes" if options.include_suggested else "")]
    parts.append(f"{options.min_words} to {options.max_words} words")
    if options.max_per_theme:
        parts.append(f"at most {options.max_per_theme} per theme" + (", one per interview first" if options.one_per_case_first else ""))
    if options.respondent_types:
        parts.append("respondent types: " + ", ".join(options.respondent_types))
    return clean_text("; ".join(parts) + ". References give the case, the speaker and the time or paragraph.")


def _grey(run, size: float | None = None) -> None:
    run.font.color.rgb = _GREY
    if size:
        run.font.size = Pt(size)


def _add_table(doc, quotes: list[Quote]) -> None:
    table = doc.add_table(rows=1, cols=3)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, heading in zip(table.rows[0].cells, ("Quote", "Attribution", "Reference")):
        cell.paragraphs[0].add_run(heading).bold = True
    for quote in quotes:
        row = table.add_row().cells
        paragraph = row[0].paragraphs[0]
        if quote.suggested:
            mark = paragraph.add_run(SUGGESTED_MARK + " ")
            mark.italic = True
            _grey(mark)
        run = paragraph.add_run(quote.text)
        if quote.suggested:
            run.italic = True
            _grey(run)
        row[1].paragraphs[0].add_run(quote.attribution)
        _grey(row[2].paragraphs[0].add_run(quote.reference), 8)
    # Word reads the cell widths, LibreOffice the table grid: set both, and stop autofit
    # from squeezing the quote column.
    table.autofit = False
    widths = (Cm(11), Cm(3.5), Cm(3))
    for column, width in zip(table.columns, widths):
        column.width = width
    for row in table.rows:
        for cell, width in zip(row.cells, widths):
            cell.width = width


def _add_indented(doc, quotes: list[Quote]) -> None:
    for quote in quotes:
        paragraph = doc.add_paragraph()
        paragraph.paragraph_format.left_indent = Cm(1)
        paragraph.paragraph_format.right_indent = Cm(1)
        if quote.suggested:
            mark = paragraph.add_run(SUGGESTED_MARK + " ")
            mark.italic = True
            _grey(mark)
        # Reports print quotes in single curly quotes, attribution after: ‘…’ (Provider A)
        run = paragraph.add_run(f"‘{quote.text}’")
        run.italic = quote.suggested
        if quote.suggested:
            _grey(run)
        paragraph.add_run(f" {quote.attribution}")
        _grey(paragraph.add_run(f" {quote.reference}"), 8)


def write_quote_table(snapshot: ProjectSnapshot, target: str | Path | IO[bytes], options: QuoteOptions = QuoteOptions()) -> None:
    """Write the selected quotes to a .docx at ``target`` (a path or a binary file)."""
    quotes = select_quotes(snapshot, options)
    doc = Document()
    doc.core_properties.title = f"{snapshot.name}: quotes"
    doc.add_heading(clean_text(f"Quotes: {snapshot.name}"), level=0)
    _grey(doc.add_paragraph().add_run(_filters_note(options)), 9)
    if not quotes:
        doc.add_paragraph("No quotes match these filters.")
    themes = ThemeMap(snapshot.frames)
    add = _add_table if options.layout == "table" else _add_indented
    for _, top in themes.tops():
        in_theme = [q for q in quotes if q.theme_id == top.id]
        if not in_theme:
            continue
        doc.add_heading(clean_text(top.label), level=1)
        for sub_id in [None, *[child.id for child in top.children]]:
            group = [q for q in in_theme if q.subtheme_id == sub_id]
            if not group:
                continue
            if top.children:
                doc.add_heading(clean_text(group[0].subtheme_label or f"{top.label} (whole theme)"), level=2)
            doc.add_paragraph().add_run(group_header(group)).italic = True
            add(doc, group)
    doc.save(str(target) if isinstance(target, Path) else target)
