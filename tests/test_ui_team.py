"""The Team page through AppTest: agreement figures, settling a disagreement, the history, sign-in."""

from __future__ import annotations

import uuid

from coding.service import team
from coding.store import transcripts as store_transcripts
from coding.store.db import open_store
from coding.ui import signin, state
from tests.ui_fixtures import build_ui_project, open_page, ui_project, ui_template  # noqa: F401


def test_agreement_disagreements_and_history(ui_project):
    at = open_page(ui_project.url, "team")
    overall = at.dataframe[0].value  # the overall figures
    assert overall[["Coders", "Statistic", "n"]].values.tolist()[:1] == [["Priya and Sam", "Cohen's kappa", 4]]
    assert "Krippendorff's alpha" in overall["Statistic"].tolist()
    store = open_store(ui_project.url)
    second = store_transcripts.load_segments(store, ui_project.transcript_ids[1], codable_only=True)
    key = f"settle_True_{second[1].id}_employer_engagement"
    at.button(key=key).click().run()  # by Alex, typed in the sidebar of an unsigned tab
    assert not at.exception, at.exception
    (settled,) = team.settled_codes(store, ui_project.project_id)
    assert (settled.segment_id, settled.theme_id, settled.applied) == (second[1].id, "employer_engagement", True)
    table = at.dataframe[3].value  # the history tab
    rows = table[["actor", "kind", "target"]].values.tolist()
    # newest first: the settled code, then the six fixture decisions from the decisions log
    assert rows[0] == ["Alex", "code.settle", f"employer_engagement on segment {second[1].id}"]
    assert sorted(r[:2] for r in rows[1:]) == sorted(
        [["Priya", "code.confirm"]] * 3 + [["Priya", "code.reject"], ["Sam", "code.confirm"], ["Sam", "code.reject"]]
    )


def test_a_coder_signed_in_on_a_local_file_is_refused_a_leads_action(ui_project):
    store = open_store(ui_project.url)
    team.add_user(store, "lena", None)
    team.add_user(store, "sam", None)
    team.set_member(store, ui_project.project_id, "lena", "lead", by=None)
    team.set_member(store, ui_project.project_id, "sam", "coder", by="lena")
    at = open_page(ui_project.url, "team", **{signin.USER: "sam"})
    assert at.session_state[state.CODER] == "sam"
    second = store_transcripts.load_segments(store, ui_project.transcript_ids[1], codable_only=True)
    at.button(key=f"settle_False_{second[1].id}_employer_engagement").click().run()
    assert at.error[0].value == "Settle: sam is a coder on this project, and only a lead may settle a disagreement."
    assert team.settled_codes(store, ui_project.project_id) == []


def test_a_shared_store_asks_for_sign_in_first(pg_server):
    from tests.pg_server import create_database

    url = create_database(pg_server, f"t_{uuid.uuid4().hex[:12]}")
    project = build_ui_project(url)
    store = open_store(url)
    team.add_user(store, "lena", "lena's long password")
    at = open_page(project.url, "project", coder=None)
    assert [t.value for t in at.title] == ["Sign in"]
    at.text_input(key="signin_user").set_value("lena")
    at.text_input(key="signin_password").set_value("not her password")
    at.button[0].click().run()
    assert at.error[0].value == "That username and password do not match an account."
    at.text_input(key="signin_password").set_value("lena's long password")
    at.button[0].click().run()
    assert not at.exception, at.exception
    assert (at.session_state[signin.USER], at.session_state[state.CODER]) == ("lena", "lena")
    assert "Sign in" not in [t.value for t in at.title]
