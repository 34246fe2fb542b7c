"""Opaque case labels for exports: "Prisoner 03", "Provider A operational staff 02", never a file name.

Transcripts are often named after the respondent ("dave_brown_final.docx"), so an
export never shows a case's file name. Each case is called by the kind of person it
is, from its attributes (organisation and respondent type, as reports attribute
quotes), numbered within that group in the project's case order. A label the
researcher set (the ``case_label`` attribute, "Export label" on the review page)
wins, once it is checked for identifiers like any other text.

>>> from coding.model import Case
>>> cases = [Case(1, "kyle_b", "", {"respondent_type": "prisoner"}), Case(2, "dave", "", {"respondent_type": "prisoner"}),
...          Case(3, "pa_ops", "", {"provider": "Provider A", "respondent_type": "staff"}), Case(4, "x", "", {})]
>>> opaque_case_labels(cases)
{1: 'Prisoner 01', 2: 'Prisoner 02', 3: 'Provider A staff 01', 4: 'Interviewee 01'}
"""

from __future__ import annotations

from coding.model import Case

LABEL_KEY = "case_label"


def _group(case: Case) -> str:
    from coding.exports.attribution import respondent_group

    group = respondent_group(case.attributes)
    return group[:1].upper() + group[1:]


def opaque_case_labels(cases: list[Case]) -> dict[int, str]:
    """case id -> export label: the researcher's ``case_label`` if set, else "<group> NN"."""
    counts: dict[str, int] = {}
    out = {}
    for case in cases:
        own = " ".join(str(case.attributes.get(LABEL_KEY, "") or "").split())
        if own:
            out[case.id] = own
            continue
        group = _group(case)
        counts[group] = counts.get(group, 0) + 1
        out[case.id] = f"{group} {counts[group]:02d}"
    return out
