"""The Project page through AppTest: open and create projects, import guides and transcripts
(background jobs with progress), edit case attributes, and see problems in plain words."""

from __future__ import annotations

from coding.store import projects as store_projects
from coding.store import transcripts as store_transcripts
from coding.store.db import open_store
from coding.ui import resources, state
from coding.ui.code_view import escape_markdown
from tests.ui_fixtures import PROJECT, open_page, ui_project, ui_template  # noqa: F401

GUIDE_YAML = """\
name: Employer topic guide
id: employer_guide
themes:
  - id: e_recruit
    label: Recruiting people with convictions
    kind: section
    children:
      - id: e1_why
        label: Why did you take on someone leaving prison?
        kind: question
        key: true
"""


def test_the_only_project_opens_with_its_counts(ui_project):
    at = open_page(ui_project.url, "project")
    assert at.session_state[state.PROJECT] == ui_project.project_id
    assert [(m.label, m.value) for m in at.metric] == [
        ("Interviews", "3"),
        ("Segments to code", "21"),
        ("Themes", "16"),
        ("Decisions", "6"),
    ]
    assert at.dataframe[1].value["Interview"].tolist() == ["Leaver 01", "Leaver 02", "Leaver 03 (short)"]
    assert at.dataframe[1].value["Key questions missed"].tolist() == [0, 0, 2]


def test_create_a_project_and_switch_back(ui_project):
    at = open_page(ui_project.url, "project")
    at.text_input(key="new_project_name").input("Wave 2 interviews")
    next(b for b in at.button if b.label == "Create project").click().run()
    store = open_store(ui_project.url)
    created = store_projects.find_project(store, "Wave 2 interviews")
    assert at.session_state[state.PROJECT] == created
    assert [m.value for m in at.metric] == ["0", "0", "0", "0"]
    at.text_input(key="new_project_name").input("Wave 2 interviews")
    next(b for b in at.button if b.label == "Create project").click().run()
    assert at.error[0].value == "A project called 'Wave 2 interviews' already exists."
    at.selectbox(key="project_pick").set_value(ui_project.project_id).run()
    assert at.session_state[state.PROJECT] == ui_project.project_id


def test_import_a_frame_file_from_the_shipped_folder_and_report_a_bad_one(ui_project, tmp_path, monkeypatch):
    folder = tmp_path / "root"
    (folder / "topic_guides").mkdir(parents=True)
    (folder / "topic_guides" / "employer.yaml").write_text(GUIDE_YAML)
    (folder / "topic_guides" / "broken.yaml").write_text("name: [unclosed\n")
    monkeypatch.setattr(state, "ROOT", folder)
    at = open_page(ui_project.url, "project")
    picks = at.multiselect(key="guide_picks")
    picks.set_value([folder / "topic_guides" / "employer.yaml", folder / "topic_guides" / "broken.yaml"]).run()
    next(b for b in at.button if b.label == "Import guides").click().run()
    frames = store_projects.load_frames(open_store(ui_project.url), ui_project.project_id)
    assert [f.id for f in frames] == ["crosscutting", "leaver_guide", "employer_guide"]
    shown = at.success[0].value
    assert shown.startswith("Imported *Employer topic guide*.")
    assert "**broken.yaml** was not imported" in shown


def test_transcripts_import_in_the_background_with_progress(ui_project, tmp_path, monkeypatch):
    folder = tmp_path / "root"
    (folder / "transcripts").mkdir(parents=True)
    (folder / "transcripts" / "leaver_04.txt").write_text(
        "Interviewer: What happened on the day you were released?\n\n"
        "Respondent: My sister picked me up and I stayed on her sofa for a month.\n\n"
        "Interviewer: How has looking for work gone?\n\n"
        "Respondent: I have applied for three jobs at the depot but nobody has rung back yet.\n"
    )
    (folder / "transcripts" / "empty.txt").write_text("")
    monkeypatch.setattr(state, "ROOT", folder)
    from coding.suggest.encoder import HashingEncoder

    # The import job loads the sentence model through this one function: a fake keeps the test quick.
    monkeypatch.setattr(resources, "encoder", lambda: HashingEncoder())
    at = open_page(ui_project.url, "project")
    at.multiselect(key="transcript_picks").set_value(
        [folder / "transcripts" / "leaver_04.txt", folder / "transcripts" / "empty.txt"]
    ).run()
    at.selectbox(key="import_guide").set_value("leaver_guide").run()
    at.checkbox(key="import_suggest").uncheck().run()
    next(b for b in at.button if b.label == "Import transcripts").click().run()
    assert resources.jobs().wait(60)
    at.run()
    names = [t.name for t in store_transcripts.list_transcripts(open_store(ui_project.url), ui_project.project_id)]
    assert names == ["Leaver 01", "Leaver 02", "Leaver 03 (short)", "leaver_04"]
    assert at.success[0].value == escape_markdown("Imported 1 of 2 interviews: leaver_04")
    assert at.error[0].value.startswith(escape_markdown("empty.txt was not imported: "))
