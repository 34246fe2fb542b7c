"""The Coverage page's findings sections through AppTest: a cell's summary with its history,
saturation by respondent group, themes across groups (each checked against the store)."""

from __future__ import annotations

import pytest

from coding.store.db import open_store
from coding.store.summaries import summary_history
from coding.ui import state
from tests.ui_fixtures import open_page, ui_project, ui_template  # noqa: F401


def _pick(at, theme_id, transcript_id):
    at.selectbox(key=state.COVERAGE_THEME).set_value(theme_id).run()
    at.selectbox(key=state.COVERAGE_INTERVIEW).set_value(transcript_id).run()


def test_a_researcher_writes_a_cell_summary_and_its_history_shows(ui_project):
    at = open_page(ui_project.url, "coverage")
    transcript_id = ui_project.transcript_ids[1]
    _pick(at, "disclosure", transcript_id)
    cell = f"{transcript_id}:disclosure"
    assert at.segmented_control(key=f"synthesis_start_from_{cell}_1").options == ["blank (rewrite)"]
    at.text_area(key=f"synthesis_summary_text_{cell}_blank (rewrite)").set_value(
        "Told the employer about his record up front; accepted if he turns up."
    )
    next(b for b in at.button if b.label == "Save summary").click().run()
    assert not at.exception
    versions = summary_history(open_store(ui_project.url), transcript_id, "disclosure")
    assert [(v.text, v.action, v.author) for v in versions] == [
        ("Told the employer about his record up front; accepted if he turns up.", "written", "Alex")
    ]
    assert "Told the employer about his record up front; accepted if he turns up." in [t.value for t in at.text]
    history = next(d.value for d in at.dataframe if "Who" in d.value.columns)
    assert history[["Who", "How", "Text"]].values.tolist() == [
        ["Alex", "written", "Told the employer about his record up front; accepted if he turns up."]
    ]


def test_without_a_coder_name_the_cell_offers_no_save(ui_project):
    at = open_page(ui_project.url, "coverage", coder=None)
    _pick(at, "disclosure", ui_project.transcript_ids[1])
    assert not [b for b in at.button if b.label == "Save summary"]
    assert "Choose your coder name (sidebar) to accept, edit or write a summary." in [c.value for c in at.main.caption]


def test_saturation_and_groups_sections_read_the_confirmed_codes(ui_project):
    at = open_page(ui_project.url, "coverage")
    headers = [h.value for h in at.subheader]
    assert headers[-3:] == [
        "Saturation by respondent group",
        "Themes across respondent groups",
        "Themes nobody planned",
    ]
    summary = next(
        d.value for d in at.dataframe if list(d.value.columns) == ["Group", "Interviews", "Themes", "Saturated"]
    )
    # Only interview 2 has confirmed codes (Priya's and Sam's); the three are all prison leavers.
    assert summary.values.tolist() == [
        ["prison leaver", 3, 3, "not yet (the last interviews still added themes)"]
    ]  # disclosure, employer engagement, sanctions


@pytest.mark.model
def test_the_draft_is_accepted_as_it_is(ui_project):
    at = open_page(ui_project.url, "coverage")
    transcript_id = ui_project.transcript_ids[1]
    _pick(at, "disclosure", transcript_id)
    cell = f"{transcript_id}:disclosure"
    at.toggle(key=f"synthesis_draft_{cell}").set_value(True).run()
    draft = at.text_area(key=f"synthesis_summary_text_{cell}_the draft").value
    assert draft.startswith("I told them about my record up front.")
    next(b for b in at.button if b.label == "Save summary").click().run()
    versions = summary_history(open_store(ui_project.url), transcript_id, "disclosure")
    assert [(v.text, v.action, v.draft) for v in versions] == [(draft, "accepted", draft)]
