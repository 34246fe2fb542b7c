"""The Coverage page's heatmap and groups chart are written as Vega-Lite, and each is exactly the spec
Altair built from the chart the page drew before (its data aside), so the page looks as it did."""

from __future__ import annotations

import altair as alt
import pandas as pd

from coding.ui.coverage import _heatmap_spec
from coding.ui.synthesis_views import _groups_spec


def _altair_spec(chart) -> dict:
    spec = chart.to_dict()
    for key in ("$schema", "config", "datasets", "data"):
        spec.pop(key, None)
    return spec


def test_the_heatmap_is_the_chart_altair_built():
    data = pd.DataFrame(
        [{"theme_id": "money", "Theme": "Money", "transcript_id": 1, "Interview": "Leaver 01", "Confirmed segments": 2}]
    )
    pick = alt.selection_point(name="cell", fields=["theme_id", "transcript_id"], on="click")
    base = alt.Chart(data).encode(
        x=alt.X(
            "Interview:N",
            sort=["Leaver 01", "Leaver 02"],
            axis=alt.Axis(labelAngle=-35, title=None, labelLimit=220, labelOverlap=False, orient="top"),
        ),
        y=alt.Y("Theme:N", sort=["Money", "Housing"], axis=alt.Axis(title=None, labelLimit=380, labelOverlap=False)),
    )
    rect = (
        base.mark_rect(stroke="white")
        .encode(
            color=alt.condition(
                "datum['Confirmed segments'] == 0",
                alt.value("#f1f1f1"),
                alt.Color(
                    "Confirmed segments:Q", scale=alt.Scale(scheme="greens"), legend=alt.Legend(title="Segments")
                ),
            ),
            opacity=alt.condition(pick, alt.value(1.0), alt.value(0.55)),
            tooltip=["Theme", "Interview", "Confirmed segments"],
        )
        .add_params(pick)
        .properties(name="cells")
    )
    text = base.mark_text(fontSize=11).encode(
        text=alt.condition("datum['Confirmed segments'] > 0", "Confirmed segments:Q", alt.value("")),
    )
    expected = _altair_spec((rect + text).properties(height=alt.Step(24)))
    assert _heatmap_spec(["Leaver 01", "Leaver 02"], ["Money", "Housing"]) == expected


def test_the_groups_chart_is_the_chart_altair_built():
    data = pd.DataFrame([{"Theme": "Money", "Group": "leaver (3)", "Share": 0.5, "Cases": "1 of 2"}])
    base = alt.Chart(data).encode(
        x=alt.X("Group:N", axis=alt.Axis(labelAngle=-25, title=None, orient="top", labelLimit=220, labelOverlap=False)),
        y=alt.Y("Theme:N", sort=["Money", "Housing"], axis=alt.Axis(title=None, labelLimit=320)),
    )
    rect = base.mark_rect(stroke="white").encode(
        color=alt.Color("Share:Q", scale=alt.Scale(scheme="blues", domain=[0, 1]), legend=alt.Legend(format="%")),
        tooltip=["Theme", "Group", "Cases", alt.Tooltip("Share:Q", format=".0%")],
    )
    text = base.mark_text(fontSize=11).encode(
        text="Cases:N", color=alt.condition("datum.Share > 0.6", alt.value("white"), alt.value("black"))
    )
    expected = _altair_spec((rect + text).properties(height=alt.Step(26)))
    assert _groups_spec(["Money", "Housing"]) == expected
