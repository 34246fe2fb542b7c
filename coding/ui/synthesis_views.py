"""The Coverage page's findings sections (issue 17): a cell's charting draft and summary, saturation
by respondent group, themes across groups, and themes nobody planned.

Drafts and clusters are derived data, computed when the researcher asks for them (a
toggle: a draft needs the sentence model, clustering takes a moment) and cached by the
project's decision count and frame versions, so a new decision or frame edit recomputes
them. Every write (a summary, a new theme, a dismissal) goes through
``coding.service.synthesis``. Interview text is shown with ``st.text``, never as HTML.
"""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from coding import service
from coding.errors import WorkbenchError
from coding.service import queries
from coding.service.synthesis import saturation_chart, saturation_csv, saturation_png, saturation_verdict
from coding.suggest.encoder import MODEL_NAME
from coding.ui import resources, state, widgets
from coding.ui.code_view import escape_markdown

GROUP_KEY = "synthesis_group_key"
START_FROM = "synthesis_start_from"
SUMMARY_TEXT = "synthesis_summary_text"
DEFAULT_GROUP = "(respondent type)"


def _revision(store, project_id: int) -> tuple:
    """What derived data depends on: decisions made and the frames' versions."""
    frames = queries.load_frames(store, project_id)
    return (queries.decision_count(store, project_id), tuple((f.id, f.version) for f in frames))


@st.cache_data(show_spinner="Choosing the draft's sentences…", max_entries=64)
def _draft(_store, url: str, project_id: int, transcript_id: int, theme_id: str, revision: tuple):
    return service.synthesis.cell_draft(_store, project_id, transcript_id, theme_id, resources.encoder())


@st.cache_data(show_spinner="Clustering the segments no theme fits…", max_entries=8)
def _clusters(_store, url: str, project_id: int, revision: tuple):
    # Clusters read the stored embeddings of the project's model; no model is loaded for them.
    return service.synthesis.emergent_themes(_store, project_id, MODEL_NAME, include_set_aside=True)


def cell_summary(ctx: state.Context, theme_id: str | None, transcript_id: int | None) -> None:
    """Under the cell's quotes: the researcher's summary, or the draft to accept, edit or rewrite."""
    if theme_id is None or transcript_id is None:
        return
    url = st.session_state[state.DB_URL]
    st.markdown("**Framework summary of this cell**")
    current = service.synthesis.current_summaries(ctx.store, ctx.project_id).get((transcript_id, theme_id))
    cell = f"{transcript_id}:{theme_id}"
    if current is not None:
        with st.container(border=True):
            st.text(current.text, width="stretch")
            widgets.caption(f"Summary by {current.author}, {current.updated_at:%d %b %Y %H:%M}")
    draft_text = ""
    if st.toggle(
        "Draft a summary from the coded passages",
        key=f"synthesis_draft_{cell}",
        help="The few most representative sentences (no generative model), each with its reference",
    ):
        draft = _draft(ctx.store, url, ctx.project_id, transcript_id, theme_id, _revision(ctx.store, ctx.project_id))
        draft_text = draft.text()
        if draft_text:
            with st.container(border=True):
                st.caption(
                    f"DRAFT, not reviewed: {len(draft.sentences)} sentences ({draft.words} words) chosen "
                    "from the coded passages, each with its reference"
                )
                st.text(draft_text, width="stretch")
        else:
            st.caption("No confirmed passages here yet, so no draft.")
    if ctx.coder is None:
        st.caption("Choose your coder name (sidebar) to accept, edit or write a summary.")
        return
    choices = [
        c
        for c, ok in (
            ("the draft", bool(draft_text)),
            ("my current summary", current is not None),
            ("blank (rewrite)", True),
        )
        if ok
    ]
    # Keyed by what is on offer, so turning the draft on starts from it.
    start = (
        st.segmented_control("Start from", choices, key=f"{START_FROM}_{cell}_{len(choices)}", default=choices[0])
        or choices[0]
    )
    with st.form(f"summary_{cell}", border=False):
        initial = {"the draft": draft_text, "my current summary": current.text if current else ""}.get(start, "")
        text = st.text_area("Summary", value=initial, height=120, key=f"{SUMMARY_TEXT}_{cell}_{start}")
        saved = st.form_submit_button("Save summary", type="primary")
    if saved:
        if start == "the draft":
            action = "accepted" if text.strip() == draft_text.strip() else "edited"
        else:
            action = "edited" if start == "my current summary" else "written"
        try:
            service.synthesis.save_summary(
                ctx.store, ctx.project_id, transcript_id, theme_id, text, ctx.coder, action, draft=draft_text
            )
        except WorkbenchError as exc:
            widgets.show_error(exc, "The summary was not saved")
            return
        st.toast(f"Summary {action if text.strip() else 'cleared'}.", icon=":material/check:")
        st.rerun()
    history = service.synthesis.summary_history(ctx.store, transcript_id, theme_id)
    if history:
        with st.expander(f"History of this summary ({len(history)} versions)"):
            st.dataframe(
                pd.DataFrame(
                    [
                        {"When": v.created_at, "Who": v.author, "How": v.action, "Text": v.text}
                        for v in reversed(history)
                    ]
                ),
                hide_index=True,
            )


def _group_key(ctx: state.Context) -> str | None:
    keys = service.synthesis.group_keys(ctx.store, ctx.project_id)
    choice = st.selectbox(
        "Respondent group",
        [DEFAULT_GROUP, *keys],
        key=GROUP_KEY,
        help="The case attribute whose values are the groups compared below",
    )
    return None if choice in (None, DEFAULT_GROUP) else choice


def _saturation(ctx: state.Context, group_key: str | None) -> None:
    st.subheader("Saturation by respondent group")
    groups = service.synthesis.saturation(ctx.store, ctx.project_id, group_key)
    if not any(g.steps for g in groups):
        st.caption("No interviews yet.")
        return
    st.caption(
        "Per group, interviews in date order: themes and sub-themes confirmed so far (line) and new in each "
        "interview (bars). A dashed line marks the interview after which the last two added nothing."
    )
    st.vega_lite_chart(spec=_saturation_spec(groups), width="content")
    verdicts = {g.group: saturation_verdict(g) for g in groups}
    st.dataframe(
        pd.DataFrame(
            [
                {"Group": g.group, "Interviews": len(g.steps), "Themes": g.themes, "Saturated": verdicts[g.group]}
                for g in groups
            ]
        ),
        hide_index=True,
    )
    labels = {
        tid: info.path_label
        for tid, info in resources.themes(
            st.session_state[state.DB_URL], ctx.project_id, resources.frames(ctx.store, ctx.project_id)
        ).items()
    }
    with st.container(horizontal=True):
        st.download_button(
            "Saturation chart (PNG)",
            lambda: saturation_png(groups),
            "saturation.png",
            "image/png",
            on_click="ignore",
            icon=":material/download:",
        )
        st.download_button(
            "Saturation table (CSV)",
            saturation_csv(groups, labels),
            "saturation.csv",
            "text/csv",
            on_click="ignore",
            icon=":material/download:",
        )


def _groups(ctx: state.Context, group_key: str | None) -> None:
    st.subheader("Themes across respondent groups")
    shares, labels = service.synthesis.group_comparison(ctx.store, ctx.project_id, group_key)
    if not shares:
        st.caption("No confirmed codes yet.")
        return
    st.caption("Share of each group's cases in which a researcher confirmed the theme (counts in each cell).")
    data = pd.DataFrame(
        [
            {
                "Theme": labels[s.theme_id],
                "Group": f"{s.group} ({s.cases})",
                "Share": s.share,
                "Cases": f"{s.cases_with} of {s.cases}",
            }
            for s in shares
        ]
    )
    st.vega_lite_chart(data, _groups_spec(list(dict.fromkeys(data["Theme"]))), width="stretch")


def _groups_spec(themes: list[str]) -> dict:
    """Themes x groups as Vega-Lite (written out: Altair's schema checks took a third of a second)."""
    axis = {"labelAngle": -25, "title": None, "orient": "top", "labelLimit": 220, "labelOverlap": False}
    x = {"field": "Group", "type": "nominal", "axis": axis}
    y = {"field": "Theme", "type": "nominal", "sort": themes, "axis": {"title": None, "labelLimit": 320}}
    rect = {
        "mark": {"type": "rect", "stroke": "white"},
        "encoding": {
            "x": x,
            "y": y,
            "color": {
                "field": "Share",
                "type": "quantitative",
                "scale": {"scheme": "blues", "domain": [0, 1]},
                "legend": {"format": "%"},
            },
            "tooltip": [
                {"field": "Theme", "type": "nominal"},
                {"field": "Group", "type": "nominal"},
                {"field": "Cases", "type": "nominal"},
                {"field": "Share", "type": "quantitative", "format": ".0%"},
            ],
        },
    }
    text = {
        "mark": {"type": "text", "fontSize": 11},
        "encoding": {
            "x": x,
            "y": y,
            "text": {"field": "Cases", "type": "nominal"},
            "color": {"condition": {"test": "datum.Share > 0.6", "value": "white"}, "value": "black"},
        },
    }
    return {"layer": [rect, text], "height": {"step": 26}}


# Keyed by the groups' saturation, so a run whose groups and themes did not change reuses the spec.
@st.cache_data(show_spinner=False, max_entries=16)
def _saturation_spec(groups) -> dict:
    """The saturation chart as its Vega-Lite spec with the data inlined: building it through Altair's
    schema checks took a quarter of a second on every run of the page at 300 interviews."""
    with alt.data_transformers.enable("default", max_rows=None):
        return saturation_chart(groups).to_dict()


def _emergent(ctx: state.Context) -> None:
    st.subheader("Themes nobody planned")
    st.caption(
        "Segments no theme fits (no researcher confirmed a theme on them, and the model's best confidence is "
        "below 30% or a researcher rejected every suggestion), clustered on their stored embeddings (HDBSCAN). "
        "Turn a cluster into a new theme (a frame edit, versioned) or dismiss it."
    )
    if not st.toggle("Look for clusters of segments no theme fits", key="synthesis_clusters"):
        return
    url = st.session_state[state.DB_URL]
    set_aside = service.synthesis.set_aside_keys(ctx.store, ctx.project_id)
    clusters = [
        c
        for c in _clusters(ctx.store, url, ctx.project_id, _revision(ctx.store, ctx.project_id))
        if c.key not in set_aside
    ]
    if not clusters:
        st.caption(
            "No cluster of unfitted segments: the frame covers what people said (or there is too little "
            "left over to group)."
        )
        return
    for cluster in clusters:
        title = (
            f"{escape_markdown(cluster.label)} · {len(cluster.segment_ids)} segments from {cluster.cases} interviews"
        )
        with st.expander(title):
            widgets.caption("Distinctive words: " + ", ".join(cluster.words))
            for quote in cluster.quotes:
                with st.container(border=True):
                    st.text(quote.text, width="stretch")
                    widgets.caption(quote.reference)
            if ctx.coder is None:
                st.caption("Choose your coder name to turn this into a theme or dismiss it.")
                continue
            with st.form(f"adopt_{cluster.key}", border=False):
                label = st.text_input("New theme label", value=cluster.label.capitalize())
                description = st.text_input("Description (optional)")
                adopt = st.form_submit_button("Add as a new theme", type="primary")
            if adopt:
                try:
                    service.synthesis.adopt_cluster(ctx.store, ctx.project_id, cluster, label, ctx.coder, description)
                except WorkbenchError as exc:
                    widgets.show_error(exc, "The theme was not added")
                else:
                    resources.clear_frame_caches()
                    st.toast(f"Added the theme {label!r} to the cross-cutting frame.", icon=":material/check:")
                    st.rerun()
            if st.button("Dismiss", key=f"dismiss_{cluster.key}"):
                service.synthesis.dismiss_cluster(ctx.store, ctx.project_id, cluster, ctx.coder)
                st.rerun()


def findings(ctx: state.Context) -> None:
    """The page's findings sections: saturation, groups, emergent themes."""
    st.divider()
    st.header("From codes to findings")
    group_key = _group_key(ctx)
    _saturation(ctx, group_key)
    _groups(ctx, group_key)
    _emergent(ctx)
