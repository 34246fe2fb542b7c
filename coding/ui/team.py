"""The Team page: agreement for the method annex, disagreements to settle, assignments and the
blind double-coding sample, the project's history, and who is on the team.

Every write goes through ``coding.service.team``, which refuses what the signed-in
user's role does not allow; the page shows the refusal as it comes.
"""

from __future__ import annotations

import csv
import io
import tempfile
from pathlib import Path

import pandas as pd
import streamlit as st

from coding.errors import WorkbenchError
from coding.service import queries, team
from coding.team.agreement import OVERALL
from coding.team.history import KINDS, csv_rows
from coding.team.permissions import TeamRole, role_table
from coding.ui import signin, state, widgets
from coding.ui.code_view import escape_markdown


def _who(ctx: state.Context) -> dict:
    """Who acts, for the service: the signed-in account, else the coder name typed in this tab
    (on a local file a member's name carries the member's role; on a server everyone signs in)."""
    return {"by": signin.current_user() or ctx.coder}


def _agreement(ctx: state.Context) -> None:
    sample_only = st.toggle(
        "Only the double-coded sample",
        key="team_sample_only",
        help="Restrict the figures to the interviews of the reliability sample.",
    )
    report = team.agreement_report(ctx.store, ctx.project_id, sample_only=sample_only)
    if not report.pairs_table:
        st.info("No segment has been reviewed by two coders yet.")
        return
    labels = {t.id: t.label for f in queries.load_frames(ctx.store, ctx.project_id) for t, _ in f.walk()}
    overall = []
    for a, b in report.pairs():
        o = report.overall(a, b)
        assert o is not None  # every pair in pairs_table has its OVERALL row
        overall.append(
            {
                "Coders": f"{a} and {b}",
                "Statistic": "Cohen's kappa",
                "n": o.units,
                "Agreement": o.percent,
                "Value": o.kappa,
            }
        )
    for g in (g for g in report.alphas if g.theme == OVERALL):
        overall.append(
            {
                "Coders": ", ".join(g.coders),
                "Statistic": "Krippendorff's alpha",
                "n": g.units,
                "Agreement": None,
                "Value": g.alpha,
            }
        )
    st.dataframe(
        pd.DataFrame(overall),
        hide_index=True,
        key="team_agreement_overall",
        column_config={
            "Agreement": st.column_config.NumberColumn(format="percent"),
            "Value": st.column_config.NumberColumn(format="%.2f"),
            "n": st.column_config.NumberColumn(help="segment x theme units behind the figure"),
        },
    )
    st.caption(
        "Unit: the segment. Pairs are compared on the segments both reviewed; alpha counts a segment a "
        f"coder did not review as missing. The model applies a theme at a score of "
        f"{report.model_threshold:.0%} or more."
    )
    pairs = report.pairs()
    choice = st.selectbox("Per theme, for", pairs, format_func=lambda p: f"{p[0]} and {p[1]}", key="team_pair")
    rows = [
        {
            "Theme": labels.get(r.theme, r.theme),
            "n": r.units,
            "Both": r.both,
            f"Only {r.coder_a}": r.only_a,
            f"Only {r.coder_b}": r.only_b,
            "Agreement": r.percent,
            "Kappa": r.kappa,
        }
        for r in report.rows
        if (r.coder_a, r.coder_b) == choice
    ]
    st.dataframe(
        pd.DataFrame(rows),
        hide_index=True,
        key="team_agreement_themes",
        column_config={
            "Agreement": st.column_config.NumberColumn(format="percent"),
            "Kappa": st.column_config.NumberColumn(format="%.2f"),
        },
    )
    if st.button("Build the agreement report (.docx)", key="team_docx_build"):
        try:
            with tempfile.TemporaryDirectory() as folder:
                path = team.export_agreement_docx(
                    ctx.store, ctx.project_id, Path(folder) / "agreement.docx", sample_only=sample_only, **_who(ctx)
                )
                st.session_state["team_docx"] = path.read_bytes()
        except WorkbenchError as exc:
            widgets.show_error(exc, "Agreement report")
    if st.session_state.get("team_docx"):
        st.download_button(
            "Download the agreement report (.docx)",
            st.session_state["team_docx"],
            file_name=f"{ctx.project_name} agreement.docx",
            key="team_docx_download",
        )


def _disagreements(ctx: state.Context) -> None:
    found = team.project_disagreements(ctx.store, ctx.project_id)
    if not found:
        st.info("The coders agree on every segment they both reviewed.")
        return
    labels = {t.id: t.label for f in queries.load_frames(ctx.store, ctx.project_id) for t, _ in f.walk()}
    open_only = st.toggle("Only unsettled", value=True, key="team_unsettled")
    shown = [d for d in found if not (open_only and d.settled)]
    st.caption(f"{len(found)} disagreements, {sum(1 for d in found if d.settled)} settled.")
    for d in shown[:30]:
        segment = queries.get_segment(ctx.store, d.segment_id)
        with st.container(border=True):
            st.text(segment.text)
            left, right = st.columns(2)
            theme = escape_markdown(labels.get(d.theme_id, d.theme_id))
            left.markdown(f"**{escape_markdown(', '.join(d.applied_by))}** applied *{theme}*")
            right.markdown(f"**{escape_markdown(', '.join(d.not_applied_by))}** did not")
            if d.settled:
                st.caption(
                    f"Settled by {d.settled.settled_by}: {'applies' if d.settled.applied else 'does not apply'}"
                    + (f" ({d.settled.note})" if d.settled.note else "")
                )
            note = st.text_input(
                "Note",
                key=f"settle_note_{d.segment_id}_{d.theme_id}",
                label_visibility="collapsed",
                placeholder="Why (optional)",
            )
            a, b = st.columns(2)
            for column, applied, label in ((a, True, "Theme applies"), (b, False, "Does not apply")):
                if column.button(label, key=f"settle_{applied}_{d.segment_id}_{d.theme_id}"):
                    try:
                        team.settle(
                            ctx.store, ctx.project_id, d.segment_id, d.theme_id, applied, note=note, **_who(ctx)
                        )
                        st.rerun()
                    except WorkbenchError as exc:
                        widgets.show_error(exc, "Settle")


def _assignments(ctx: state.Context) -> None:
    infos = queries.list_transcripts(ctx.store, ctx.project_id)
    names = {i.id: i.name for i in infos}
    given = team.assignments(ctx.store, ctx.project_id)
    st.dataframe(
        pd.DataFrame(
            [
                {
                    "Interview": names.get(a.transcript_id, a.transcript_id),
                    "Coder": a.username,
                    "Kind": "double-coded (blind)" if a.kind == "reliability" else "coding",
                    "Finished": a.finished,
                }
                for a in given
            ],
            columns=["Interview", "Coder", "Kind", "Finished"],
        ),
        hide_index=True,
        key="team_assignments",
    )
    me = signin.current_user() or ctx.coder
    mine = [a for a in given if a.username == me and not a.finished]
    if mine:
        pick = st.selectbox(
            "I have finished", [a.transcript_id for a in mine], format_func=names.__getitem__, key="team_finish_pick"
        )
        if st.button("Mark finished", key="team_finish"):
            assert me is not None  # mine holds assignments whose username is me
            team.set_finished(ctx.store, ctx.project_id, pick, me)
            st.rerun()
    people = sorted(team.members(ctx.store, ctx.project_id)) or sorted({a.username for a in given})
    with st.expander("Assign an interview"):
        interview = st.selectbox("Interview", list(names), format_func=names.__getitem__, key="team_assign_interview")
        coder = (
            st.text_input("Coder", key="team_assign_coder")
            if not people
            else st.selectbox("Coder", people, key="team_assign_coder")
        )
        if st.button("Assign", key="team_assign"):
            try:
                team.assign(ctx.store, ctx.project_id, interview, coder, **_who(ctx))
                st.rerun()
            except WorkbenchError as exc:
                widgets.show_error(exc, "Assign")
    with st.expander("Draw the blind double-coding sample"):
        keys = sorted({k for i in infos for k in (i.attributes or {})})
        attribute = st.selectbox(
            "Stratify by", [""] + keys, format_func=lambda k: k or "(no attribute)", key="team_sample_attribute"
        )
        share = st.slider("Share of interviews", 0.05, 0.5, 0.15, 0.05, key="team_sample_share")
        coders = st.multiselect("Coders", people, default=people[:2], key="team_sample_coders")
        seed = st.number_input("Seed (reproducible draw)", 0, 10_000, 1, key="team_sample_seed")
        if st.button("Draw and assign", key="team_sample_draw"):
            try:
                drawn = team.draw_sample(
                    ctx.store,
                    ctx.project_id,
                    coders=coders,
                    attribute=attribute,
                    fraction=share,
                    seed=int(seed),
                    **_who(ctx),
                )
                st.success(
                    f"{len(drawn)} interviews drawn: "
                    + "; ".join(f"{names[d.transcript_id]} ({' and '.join(d.coders)})" for d in drawn)
                )
            except WorkbenchError as exc:
                widgets.show_error(exc, "Sample")


def _history(ctx: state.Context) -> None:
    entries = team.history(ctx.store, ctx.project_id)
    a, b, c = st.columns([2, 2, 2])
    actors = a.multiselect("Who", sorted({e.actor for e in entries}), key="team_history_actors")
    kinds = b.multiselect("What", sorted({k.split(".")[0] for k in KINDS}), key="team_history_kinds")
    text = c.text_input("Containing", key="team_history_text")
    segment = st.number_input("Segment id (0: every segment)", 0, value=0, key="team_history_segment")
    shown = team.history(ctx.store, ctx.project_id, segment_id=segment or None, actors=actors, kinds=kinds, text=text)
    rows = csv_rows(shown)
    st.dataframe(pd.DataFrame(rows[1:], columns=rows[0]), hide_index=True, key="team_history_table")
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    st.download_button(
        "Download as CSV",
        buffer.getvalue(),
        file_name=f"{ctx.project_name} history.csv",
        mime="text/csv",
        key="team_history_csv",
    )


def _members(ctx: state.Context) -> None:
    current = team.members(ctx.store, ctx.project_id)
    if not current:
        st.info("This is a single-user project: nothing is checked. Add a lead to make it a team project.")
    st.dataframe(
        pd.DataFrame([{"User": u, "Role": r} for u, r in sorted(current.items())], columns=["User", "Role"]),
        hide_index=True,
        key="team_members",
    )
    with st.expander("Add someone or change a role"):
        users = [u.username for u in team.list_users(ctx.store)]
        user = st.selectbox("Account", users, key="team_member_user")
        role = st.radio("Role", [r.value for r in TeamRole], horizontal=True, key="team_member_role")
        if st.button("Save role", key="team_member_save", disabled=not users):
            try:
                team.set_member(ctx.store, ctx.project_id, user, role, **_who(ctx))
                st.rerun()
            except WorkbenchError as exc:
                widgets.show_error(exc, "Role")
        st.caption("New accounts: python -m coding user add NAME (the password is asked, never shown).")
    st.dataframe(pd.DataFrame(role_table(), columns=["What", "Lead", "Coder"]), hide_index=True, key="team_role_table")
    if ctx.store.is_sqlite and not signin.current_user():
        st.caption("Sign in to act with your account's role on this file (optional on a local file).")
        signin.password_form("team_signin")


def render() -> None:
    ctx = state.require_project()
    st.title("Team")
    agreement_tab, disagreement_tab, assignment_tab, history_tab, member_tab = st.tabs(
        ["Agreement", "Disagreements", "Assignments", "History", "Members"]
    )
    with agreement_tab:
        _agreement(ctx)
    with disagreement_tab:
        _disagreements(ctx)
    with assignment_tab:
        _assignments(ctx)
    with history_tab:
        _history(ctx)
    with member_tab:
        _members(ctx)


if __name__ == "__main__":  # run as a page by st.navigation (not on import)
    render()
