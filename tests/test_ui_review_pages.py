"""The Frame, Coverage and Export pages through AppTest, each checked against the store or the file."""

from __future__ import annotations

import io

import openpyxl

from coding.store import projects as store_projects
from coding.store.db import open_store
from coding.ui import state
from coding.ui.code_view import escape_markdown
from tests.ui_fixtures import open_page, ui_project, ui_template  # noqa: F401


def test_frame_tree_marks_key_questions_and_an_edit_makes_a_version(ui_project):
    at = open_page(ui_project.url, "frame")
    at.selectbox(key="frame_pick").set_value("leaver_guide").run()
    tree = at.markdown[0].value.splitlines()
    assert tree[:3] == [
        "- **A\\. Release**",
        "    - :orange-badge[key] What happened on the day you were released?",
        "    - How did you manage for money in the first weeks?",
    ]
    assert tree[3] == "- **B\\. The provider** — *Pilot areas only*"
    at.selectbox(key="frame_theme_pick").set_value("a2_money").run()
    label = next(t for t in at.text_input if t.label == "Label")
    label.set_value("How did you manage for money after release?")
    next(b for b in at.button if b.label == "Save").click().run()
    frame = store_projects.load_frame(open_store(ui_project.url), ui_project.project_id, "leaver_guide")
    assert (frame.version, frame.find("a2_money").label) == (2, "How did you manage for money after release?")
    history = at.dataframe[-1].value
    assert history[["Version", "Change", "By"]].values.tolist() == [[2, "rename", "Alex"], [1, "import", "system"]]


def test_a_guide_question_is_mapped_to_crosscutting_themes(ui_project):
    at = open_page(ui_project.url, "frame")
    at.selectbox(key="frame_pick").set_value("leaver_guide").run()
    at.selectbox(key="frame_theme_pick").set_value("a2_money").run()
    mapping = next(m for m in at.multiselect if m.label == "This part of the guide is evidence for")
    mapping.set_value(["sanctions", "employer_engagement"])
    next(b for b in at.button if b.label == "Save mapping").click().run()
    frame = store_projects.load_frame(open_store(ui_project.url), ui_project.project_id, "leaver_guide")
    assert (frame.version, frame.find("a2_money").maps_to) == (2, ["sanctions", "employer_engagement"])
    assert at.success[0].value.startswith("Version 2")


def test_frame_merge_moves_the_codes(ui_project):
    at = open_page(ui_project.url, "frame")
    at.selectbox(key="frame_theme_pick").set_value("disclosure").run()
    merge_target = next(s for s in at.selectbox if s.label == "Merge this theme into")
    merge_target.set_value("employer_engagement")
    next(b for b in at.button if b.label == "Merge").click().run()
    store = open_store(ui_project.url)
    used = store_projects.used_theme_ids(store, ui_project.project_id)
    # Priya had one code on the target already; her and Sam's disclosure codes moved onto it.
    assert "disclosure" not in used and used["employer_engagement"] == 3
    assert at.success[0].value.startswith("Version 2")


def test_coverage_shows_the_cells_quotes_missed_questions_and_progress(ui_project):
    at = open_page(ui_project.url, "coverage")
    assert [(m.label, m.value) for m in at.metric] == [
        ("Interviews", "3"),
        ("Confirmed codes", "4"),
        ("Coders", "2"),
        ("Key questions missed", "2"),
    ]
    at.selectbox(key=state.COVERAGE_THEME).set_value("disclosure").run()
    at.selectbox(key=state.COVERAGE_INTERVIEW).set_value(ui_project.transcript_ids[1]).run()
    assert [t.value for t in at.text] == [
        "I told them about my record up front. The manager said as long as I turn up it's fine."
    ]
    assert escape_markdown("Respondent · confirmed by Priya, Sam") in [c.value for c in at.main.caption]
    missed, progress = at.dataframe[0].value, at.dataframe[1].value
    assert missed.values.tolist() == [
        ["Leaver 01", 6, "none"],
        ["Leaver 02", 6, "none"],
        ["Leaver 03 (short)", 3, "How did you first hear from the provider?; How has looking for work gone?"],
    ]
    assert progress.values.tolist() == [["Leaver 02", "Priya", 0.375, "3 of 8"], ["Leaver 02", "Sam", 0.25, "2 of 8"]]


def test_export_builds_previews_and_offers_the_file(ui_project):
    at = open_page(ui_project.url, "export")
    at.segmented_control(key="export_kind").set_value("xlsx").run()
    at.button(key="export_build").click().run()
    assert not at.error
    built = at.session_state[state.EXPORT]
    sheet = openpyxl.load_workbook(io.BytesIO(built["data"])).active
    header = [c.value for c in sheet[1]]
    preview = at.dataframe[0].value
    assert list(preview.columns) == header
    assert len(preview) == sheet.max_row - 1 == 4  # four confirmed codes
    assert built["name"] == "employment_and_reoffending_pilot_test-xlsx.xlsx"
    at.segmented_control(key="export_kind").set_value("qdc").run()
    at.button(key="export_build").click().run()
    assert at.code[0].value.startswith("<?xml")
    assert "Disclosure of convictions" in at.code[0].value
