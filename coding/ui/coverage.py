"""The Coverage page, for the team lead: where the evidence is, what the interviews missed,
how far each coder has got, which themes are thin, and how far to trust the model.

Clicking a heatmap cell (or choosing a theme and an interview below it) shows that
cell's confirmed quotes.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from coding.service import queries
from coding.team.agreement import OVERALL
from coding.team.coverage_counts import Cell
from coding.ui import (
    coverage_data,
    coverage_tables,
    question_picker,  # issue 19: unsure alignments
    resources,
    state,
    synthesis_views,  # issue 17: charting drafts, saturation, groups, emergent themes
    widgets,
)
from coding.ui.code_view import ThemeInfo, escape_markdown

CELL_THEME, CELL_INTERVIEW = state.COVERAGE_THEME, state.COVERAGE_INTERVIEW


def _pick_cell() -> None:
    """Chart click -> the two pickers below it (they drive the quotes)."""
    event = st.session_state.get("heatmap")
    points = (event or {}).get("selection", {}).get("cell", []) if event else []
    if points:
        st.session_state[CELL_THEME] = points[0].get("theme_id")
        st.session_state[CELL_INTERVIEW] = points[0].get("transcript_id")


def _heatmap(cells: list[Cell], rows: list[str], infos, themes: dict[str, ThemeInfo]) -> None:
    counts = {(c.theme_id, c.transcript_id): c.segments for c in cells}
    data = pd.DataFrame(
        [
            {
                "theme_id": tid,
                "Theme": themes[tid].path_label,
                "transcript_id": t.id,
                "Interview": t.name,
                "Confirmed segments": counts.get((tid, t.id), 0),
            }
            for tid in rows
            for t in infos
        ]
    )
    st.vega_lite_chart(
        data,
        _heatmap_spec([t.name for t in infos], [themes[r].path_label for r in rows]),
        key="heatmap",
        on_select=_pick_cell,
        selection_mode="cell",
        width="stretch",
    )


def _heatmap_spec(interviews: list[str], theme_labels: list[str]) -> dict:
    """The heatmap as Vega-Lite: what Altair built from the same chart, written out, because
    Altair's schema checks took half a second a run at 300 interviews."""
    axis = {"labelLimit": 220, "labelOverlap": False, "title": None}
    x = {
        "field": "Interview",
        "type": "nominal",
        "sort": interviews,
        "axis": {**axis, "labelAngle": -35, "orient": "top"},
    }
    y = {"field": "Theme", "type": "nominal", "sort": theme_labels, "axis": {**axis, "labelLimit": 380}}
    segments = {"field": "Confirmed segments", "type": "quantitative"}
    rect = {
        "name": "cells",
        "mark": {"type": "rect", "stroke": "white"},
        "encoding": {
            "x": x,
            "y": y,
            "color": {
                **segments,
                "condition": {"test": "datum['Confirmed segments'] == 0", "value": "#f1f1f1"},
                "scale": {"scheme": "greens"},
                "legend": {"title": "Segments"},
            },
            "opacity": {"condition": {"param": "cell", "value": 1.0}, "value": 0.55},
            "tooltip": [{"field": "Theme", "type": "nominal"}, {"field": "Interview", "type": "nominal"}, segments],
        },
    }
    text = {
        "mark": {"type": "text", "fontSize": 11},
        "encoding": {
            "x": x,
            "y": y,
            "text": {"condition": {"test": "datum['Confirmed segments'] > 0", **segments}, "value": ""},
        },
    }
    # A fixed step per row keeps every theme's label readable however many themes there are.
    return {
        "layer": [rect, text],
        "height": {"step": 24},
        "params": [
            {
                "name": "cell",
                "select": {"type": "point", "fields": ["theme_id", "transcript_id"], "on": "click"},
                "views": ["cells"],
            }
        ],
    }


def _quotes(ctx: state.Context, url: str, infos, themes: dict[str, ThemeInfo], rows: list[str]) -> None:
    by_id = {t.id: t for t in infos}
    left, right = st.columns(2)
    if st.session_state[CELL_THEME] not in rows:
        st.session_state[CELL_THEME] = None
    if st.session_state[CELL_INTERVIEW] not in by_id:
        st.session_state[CELL_INTERVIEW] = None
    theme_id = left.selectbox(
        "Theme",
        rows,
        key=CELL_THEME,
        format_func=lambda t: themes[t].path_label,
        placeholder="Click a cell, or choose a theme",
    )
    transcript_id = right.selectbox(
        "Interview",
        list(by_id),
        key=CELL_INTERVIEW,
        format_func=lambda i: by_id[i].name,
        placeholder="…and an interview",
    )
    if theme_id is None or transcript_id is None:
        return
    segments = {s.stored_id: s for s in resources.segments(ctx.store, url, transcript_id)}
    found = coverage_tables.quotes(
        queries.cell_codes(ctx.store, ctx.project_id, theme_id, transcript_id),
        segments,
        resources.transcript_text(ctx.store, url, transcript_id),
        theme_id,
        transcript_id,
        {segment_id: transcript_id for segment_id in segments},
    )
    if not found:
        st.caption(f"No confirmed code for {escape_markdown(themes[theme_id].label)} in {by_id[transcript_id].name}.")
    for quote in found:
        with st.container(border=True):
            st.text(quote.text, width="stretch")
            widgets.caption(f"{quote.speaker} · confirmed by {', '.join(quote.coders)}")


def render() -> None:
    ctx = state.require_project()
    url = st.session_state[state.DB_URL]
    st.title("Coverage")
    infos = queries.list_transcripts(ctx.store, ctx.project_id)
    if not infos:
        st.info("No interviews yet: import transcripts on the Project page.")
        return
    themes = resources.themes(url, ctx.project_id, resources.frames(ctx.store, ctx.project_id))
    counts = queries.coverage_counts(ctx.store, ctx.project_id)
    cells, progress = counts.cells, counts.progress
    coders = sorted({p.coder for p in progress})

    with st.container(horizontal=True):
        st.metric("Interviews", len(infos), border=True)
        st.metric("Confirmed codes", counts.confirmed_codes, border=True)
        st.metric("Coders", len(coders), border=True)
        st.metric(
            "Key questions missed",
            sum(len(t.coverage.get("key_questions_missed", [])) for t in infos),
            border=True,
            help="Must-cover guide questions no interviewer asked, over all interviews",
        )
    question_picker.unsure_caption(ctx.store, ctx.project_id)  # issue 19: alignments to check

    st.subheader("Evidence by theme and interview")
    used = {c.theme_id for c in cells}
    rows = [tid for tid, info in themes.items() if info.kind == "theme" or tid in used]
    st.caption("Confirmed segments per theme (any coder). Click a cell to read its quotes.")
    _heatmap(cells, rows, infos, themes)
    _quotes(ctx, url, infos, themes, rows)
    synthesis_views.cell_summary(ctx, st.session_state[CELL_THEME], st.session_state[CELL_INTERVIEW])

    missed, reviewed = st.columns(2)
    with missed:
        st.subheader("Key questions missed")
        st.dataframe(
            pd.DataFrame(
                [
                    {
                        "Interview": t.name,
                        "Asked": len(t.coverage.get("questions_asked", [])),
                        "Key questions missed": "; ".join(
                            themes[q].label if q in themes else q for q in t.coverage.get("key_questions_missed", [])
                        )
                        or "none",
                    }
                    for t in infos
                ]
            ),
            hide_index=True,
        )
    with reviewed:
        st.subheader("Review progress")
        by_id = {t.id: t.name for t in infos}
        table = pd.DataFrame(
            [
                {
                    "Interview": by_id[p.transcript_id],
                    "Coder": p.coder,
                    "Reviewed": p.share,
                    "Segments": f"{p.reviewed} of {p.total}",
                }
                for p in progress
            ],
            columns=["Interview", "Coder", "Reviewed", "Segments"],
        )
        st.dataframe(
            table,
            hide_index=True,
            column_config={
                "Reviewed": st.column_config.ProgressColumn("Reviewed", format="percent", min_value=0.0, max_value=1.0)
            },
        )

    thin, model = st.columns(2)
    with thin:
        st.subheader("Thin evidence")
        st.caption("Themes with fewer than 3 confirmed segments, or evidence from fewer than 2 interviews.")
        st.dataframe(
            pd.DataFrame(
                [
                    {"Theme": themes[t.theme_id].path_label, "Segments": t.segments, "Interviews": t.interviews}
                    for t in coverage_tables.thin_themes(cells, themes)
                ],
                columns=["Theme", "Segments", "Interviews"],
            ),
            hide_index=True,
        )
    with model:
        st.subheader("The model against the researchers")
        tallies = counts.tallies
        st.caption(
            "Of the suggestions researchers decided on: how many they confirmed; and themes they "
            "added that the model had not suggested."
        )
        st.dataframe(
            pd.DataFrame(
                [
                    {
                        "Theme": themes[t.theme_id].label if t.theme_id in themes else t.theme_id,
                        "Confirmed": t.confirmed,
                        "Rejected": t.rejected,
                        "Added (missed)": t.added,
                        "Precision": t.precision,
                    }
                    for t in tallies
                ],
                columns=["Theme", "Confirmed", "Rejected", "Added (missed)", "Precision"],
            ),
            hide_index=True,
            column_config={"Precision": st.column_config.NumberColumn(format="percent")},
        )
        report = coverage_data.project_agreement(ctx.store, url, ctx.project_id, list(themes))
        pairs: list[dict] = []
        for a, b in report.pairs():
            overall = report.overall(a, b)
            assert overall is not None  # every pair in pairs_table has its OVERALL row
            pairs.append(
                {
                    "Coders": f"{a} and {b}",
                    "n": overall.units,
                    "Agreement": overall.percent,
                    "Kappa": overall.kappa,
                    "Mean kappa per theme": report.mean_kappa(a, b),
                }
            )
        pairs += [
            {
                "Coders": ", ".join(g.coders),
                "n": g.units,
                "Agreement": None,
                "Kappa": None,
                "Krippendorff's alpha": g.alpha,
            }
            for g in report.alphas
            if g.theme == OVERALL
        ]
        if pairs:
            st.dataframe(
                pd.DataFrame(pairs),
                hide_index=True,
                column_config={
                    "Agreement": st.column_config.NumberColumn(format="percent"),
                    **{
                        c: st.column_config.NumberColumn(format="%.2f")
                        for c in ("Kappa", "Mean kappa per theme", "Krippendorff's alpha")
                    },
                },
            )
            st.caption(
                "Overall on the segments both reviewed, pooled over segment x theme (n); alpha takes every "
                "coder, an unreviewed segment counting as missing; the model counts a suggestion of 50% or "
                "more as coding the theme. Per theme, the sample and the .docx report: the Team page."
            )

    synthesis_views.findings(ctx)


if __name__ == "__main__":  # run as a page by st.navigation (not on import)
    render()
