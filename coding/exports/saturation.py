"""The saturation chart and table for a report's method annex: the same chart the Coverage page draws.

One small panel per respondent group: themes and sub-themes confirmed so far (line) and
new in each interview (bars), in interview order; a dashed rule marks the interview after
which the last ones added nothing. ``saturation_png`` renders it offline (vl-convert, no
browser, no network); ``saturation_csv`` writes the table beside it.
"""

from __future__ import annotations

import csv
import io

import altair as alt
import pandas as pd

from coding.exports.findings import SATURATION_HEADERS, saturation_table
from coding.synthesis.saturation import GroupSaturation


def saturation_frame(groups: list[GroupSaturation]) -> pd.DataFrame:
    rows = [
        {"Group": g.group, "Interview order": s.position, "Interview": s.case_name,
         "New themes": len(s.new_themes), "Themes so far": s.cumulative,
         "Saturated after": g.saturated_after}
        for g in groups for s in g.steps
    ]
    return pd.DataFrame(rows, columns=["Group", "Interview order", "Interview", "New themes", "Themes so far",
                                       "Saturated after"])


def saturation_chart(groups: list[GroupSaturation], columns: int = 3) -> alt.FacetChart:
    """Cumulative and new themes per interview, a panel per group (Altair; Streamlit draws it natively)."""
    data = saturation_frame(groups)
    base = alt.Chart().encode(x=alt.X("Interview order:O", title="Interview (in date order)", axis=alt.Axis(labelAngle=0)))
    bars = base.mark_bar(color="#a6cee3", opacity=0.8).encode(
        y=alt.Y("New themes:Q", title="Themes"),
        tooltip=["Interview", "New themes", "Themes so far"],
    )
    line = base.mark_line(point=True, color="#1f4e78").encode(
        y="Themes so far:Q", tooltip=["Interview", "New themes", "Themes so far"],
    )
    rule = alt.Chart().mark_rule(strokeDash=[4, 3], color="#b22222").encode(x="Saturated after:O").transform_filter(
        "isValid(datum['Saturated after']) && datum['Interview order'] == datum['Saturated after']"
    )
    return alt.layer(bars, line, rule, data=data).properties(width=220, height=150).facet(
        facet=alt.Facet("Group:N", title=None), columns=columns
    ).resolve_scale(x="independent")


def saturation_png(groups: list[GroupSaturation], scale: float = 2.0) -> bytes:
    """The chart as PNG bytes, rendered offline."""
    buffer = io.BytesIO()
    saturation_chart(groups).save(buffer, format="png", scale_factor=scale)
    return buffer.getvalue()


def saturation_csv(groups: list[GroupSaturation], labels: dict[str, str], names: bool = False) -> str:
    """The saturation table (the matrix workbook's Saturation sheet) as CSV text.

    Interview names are left out unless ``names``: this file goes straight from the page into a
    report's annex, without the export's pseudonymisation, and a file name may name a person.
    """
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(SATURATION_HEADERS)
    for row in saturation_table(groups, labels):
        writer.writerow(row if names else [*row[:2], "", *row[3:]])
    return out.getvalue()
