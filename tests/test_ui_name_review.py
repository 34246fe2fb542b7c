"""The Export page's identifier review through AppTest: the table by kind, "not identifying", its undo, an added one.

The project is the UI test project plus one interview of our own in which the real
spaCy model tags the town "Peterborough" as a person and misses "Ffion".
"""

from __future__ import annotations

import io
import zipfile

from coding import service
from coding.anonymise.names import NameChoices
from coding.store import transcripts
from coding.store.db import open_store
from coding.ui import state
from tests.ui_fixtures import interview, open_page, ui_project, ui_template  # noqa: F401

ANSWERS = [
    ("a1_day", "Sarah Okafor from probation met me at the gate and drove me to Peterborough.", []),
    ("b2_adviser", "The woman at the desk, Ffion, said I had to come back Monday. Sarah rang her for me.", []),
]


def _with_names(ui_project) -> None:
    store = open_store(ui_project.url)
    transcript, segments, cover = interview(
        "Leaver 04", ANSWERS, {"respondent_type": "prison leaver", "area": "Pilot area A"}
    )
    transcripts.save_transcript(
        store,
        ui_project.project_id,
        transcript,
        segments,
        coverage=cover,
        guide_key="leaver_guide",
        source_file="Leaver 04.txt",
    )
    store.engine.dispose()


def _table(at) -> list[list]:
    return at.expander[0].dataframe[0].value.values.tolist()


def test_the_names_table_shows_every_name_its_source_count_and_pseudonym(ui_project):
    _with_names(ui_project)
    at = open_page(ui_project.url, "export")
    assert [e.label for e in at.expander] == ["Identifiers that will be replaced"]
    assert list(at.expander[0].dataframe[0].value.columns) == [
        "Kind",
        "Identifier",
        "Found by",
        "Occurrences",
        "Replaced by",
        "Decided by",
    ]
    assert _table(at) == [
        ["person", "Peterborough", "names model", 1, "[Person 2]", "—"],
        ["person", "Sarah", "names model, pattern", 1, "[Person 1]", "—"],
        ["person", "Sarah Okafor", "names model", 1, "[Person 1]", "—"],
    ]


def test_not_a_name_its_undo_and_an_added_name_are_stored_at_once(ui_project):
    _with_names(ui_project)
    at = open_page(ui_project.url, "export", coder="Priya")
    at.selectbox(key="export_names_not_a_name").set_value("person\tPeterborough")
    at.button(key="export_names_exclude").click().run()
    assert not at.exception, at.exception
    at.text_input(key="export_names_add").input("Ffion")
    next(b for b in at.button if b.label == "Add").click().run()
    assert not at.exception, at.exception
    assert _table(at) == [
        ["person", "Ffion", "added by researcher", 1, "[Person 2]", "Priya"],
        ["person", "Peterborough", "names model", 1, "not replaced (not identifying)", "Priya"],
        ["person", "Sarah", "names model, pattern", 1, "[Person 1]", "—"],
        ["person", "Sarah Okafor", "names model", 1, "[Person 1]", "—"],
    ]
    assert at.text_input(key="export_names_add").value == ""
    store = open_store(ui_project.url)
    assert service.name_choices(store, ui_project.project_id) == NameChoices(
        added=("Ffion",), excluded=("Peterborough",)
    )

    at.segmented_control(key="export_kind").set_value("qdpx").run()
    at.button(key="export_build").click().run()
    with zipfile.ZipFile(io.BytesIO(at.session_state[state.EXPORT]["data"])) as archive:
        texts = [archive.read(n).decode("utf-8") for n in archive.namelist() if n.endswith(".txt")]
    [source] = [t for t in texts if "drove me to" in t]
    assert source.splitlines() == [
        "Interviewer: What happened on the day you were released?",
        "",
        "Respondent: [Person 1] from probation met me at the gate and drove me to Peterborough.",
        "",
        "Interviewer: What has your adviser done with you?",
        "",
        "Respondent: The woman at the desk, [Person 2], said I had to come back Monday. [Person 1] rang her for me.",
    ]

    at.selectbox(key="export_names_restore").set_value("person\tPeterborough")
    at.button(key="export_names_undo").click().run()
    assert not at.exception, at.exception
    assert at.session_state[state.EXPORT] is None  # the file built under the old list is withdrawn
    assert service.name_choices(store, ui_project.project_id) == NameChoices(added=("Ffion",))
    assert _table(at) == [
        ["person", "Ffion", "added by researcher", 1, "[Person 3]", "Priya"],
        ["person", "Peterborough", "names model", 1, "[Person 2]", "—"],
        ["person", "Sarah", "names model, pattern", 1, "[Person 1]", "—"],
        ["person", "Sarah Okafor", "names model", 1, "[Person 1]", "—"],
    ]
    store.engine.dispose()


def test_a_name_only_the_researcher_added_is_taken_back_not_excluded(ui_project):
    _with_names(ui_project)
    store = open_store(ui_project.url)
    service.add_name(store, ui_project.project_id, "Ffion")
    at = open_page(ui_project.url, "export")
    at.selectbox(key="export_names_not_a_name").set_value("person\tFfion")
    at.button(key="export_names_exclude").click().run()
    assert service.name_choices(store, ui_project.project_id) == NameChoices()
    assert [row[1] for row in _table(at)] == ["Peterborough", "Sarah", "Sarah Okafor"]
    store.engine.dispose()


def test_the_review_is_hidden_when_names_are_kept(ui_project):
    at = open_page(ui_project.url, "export")
    at.checkbox(key="export_pseudonymise").uncheck().run()
    assert [e.label for e in at.expander] == []


def test_a_withheld_export_lists_its_hits_and_one_override_is_recorded(ui_project):
    store = open_store(ui_project.url)
    # A researcher lists "Warehouse" as an employer's name: the codebook's keywords still hold it.
    service.add_identifier(store, ui_project.project_id, "warehouse", "organisation", author="Priya")
    at = open_page(ui_project.url, "export", coder="Priya")
    at.segmented_control(key="export_kind").set_value("qdc").run()
    at.button(key="export_build").click().run()
    assert not at.exception, at.exception
    assert at.session_state[state.EXPORT] is None
    [hits] = [d.value for d in at.dataframe if "Where in the file" in d.value.columns]
    assert hits[["Kind", "Found"]].values.tolist() == [["organisation", "warehouse"]]
    at.text_input(key="export_override_reason_0").input("A generic word in our own codebook")
    next(b for b in at.button if b.label == "Override this hit").click().run()
    at.button(key="export_build").click().run()
    assert at.session_state[state.EXPORT]["name"].endswith(".qdc")
    records = service.export_records(store, ui_project.project_id)
    assert [(r.outcome, r.hits, r.overridden, r.author) for r in records] == [
        ("blocked", 1, 0, "Priya"),
        ("written", 1, 1, "Priya"),
    ]
    store.engine.dispose()


def test_the_quote_table_shows_quotes_that_may_identify_someone_indirectly(ui_project):
    store = open_store(ui_project.url)
    transcript, segments, cover = interview(
        "Leaver 05",
        [("a1_day", "I was the only woman on the kitchen team at HMP Leeds in 2015, everyone knew me.", [])],
        {"respondent_type": "prison leaver"},
    )
    tid = transcripts.save_transcript(
        store,
        ui_project.project_id,
        transcript,
        segments,
        coverage=cover,
        guide_key="leaver_guide",
        source_file="Leaver 05.txt",
    )
    for segment in transcripts.load_segments(store, tid, codable_only=True):
        service.decide(store, ui_project.project_id, segment.id, "housing", "confirm", "Priya")
    at = open_page(ui_project.url, "export")
    at.segmented_control(key="export_kind").set_value("quotes").run()
    assert not at.exception, at.exception
    panel = next(e for e in at.expander if e.label == "Quotes that may identify someone indirectly")
    [table] = [d.value for d in panel.dataframe]
    assert table[["Quote"]].values.tolist() == [
        ["I was the only woman on the kitchen team at [Prison A] in 2015, everyone knew me."]
    ]
    store.engine.dispose()
