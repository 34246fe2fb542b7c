"""The name review: which names an export replaces, and the researcher's added and "not a name" names.

Detection runs the real spaCy pipeline on our own fictional interview. The small
model tags the town "Peterborough" as a person and misses "Ffion", named once: the
two mistakes the review exists to correct.
"""

from __future__ import annotations

import csv
import doctest
import os
import subprocess
import sys
from pathlib import Path

import pytest

from coding import service
from coding.anonymise import identifier_review as review_module
from coding.anonymise import names as names_module
from coding.anonymise.identifier_review import FoundName, review_names
from coding.anonymise.names import DetectedNames, NameChoices, detect_names
from coding.anonymise.pseudonymise import pseudonymise_snapshot
from coding.errors import WorkbenchError
from coding.model import Case, Memo, ProjectSnapshot, Segment, Speaker, Transcript, Turn
from coding.store import codes, projects, transcripts
from coding.store.db import open_store

ROOT = Path(__file__).resolve().parent.parent

TURNS = [
    ("interviewer", "What happened on the day you were released?"),
    (
        "marcus",
        "Sarah Okafor from probation met me at the gate and drove me to Peterborough. Sarah had booked "
        "the hostel already. My cousin Oisin rang the Jobcentre for me because I couldn't face it.",
    ),
    ("interviewer", "And the first weeks?"),
    (
        "marcus",
        "Peterborough was fine for a bit. The woman at the desk, Ffion, said I had to come back Monday. "
        "I saw Sarah every Tuesday after that.",
    ),
]
SPEAKERS = [Speaker("interviewer", "Interviewer", "interviewer"), Speaker("marcus", "Marcus Ellery", "respondent")]
ATTRIBUTES = {
    "respondent": "Marcus Ellery",
    "interviewer": "Hannah Pryce",
    "respondent_type": "prison leaver",
    "area": "Fenland",
}


def _interview() -> tuple[str, list[Turn]]:
    text, turns = "", []
    for key, words in TURNS:
        label = "Interviewer: " if key == "interviewer" else "Marcus Ellery: "
        if text:
            text += "\n\n"
        start = len(text) + len(label)
        text += label + words
        turns.append(Turn(key, start, len(text)))
    return text, turns


TEXT, _ = _interview()


def _snapshot() -> ProjectSnapshot:
    case = Case(1, "Leaver 07", TEXT, dict(ATTRIBUTES), "txt", list(SPEAKERS))
    return ProjectSnapshot("P", [], [case], [], memos=[Memo("Ffion said the desk closes at four", "Priya")])


@pytest.fixture(scope="module")
def detected() -> DetectedNames:
    return detect_names(_snapshot().cases)


def test_the_review_lists_every_name_with_its_source_count_and_pseudonym(detected):
    assert review_names(_snapshot(), detected) == [
        FoundName("Hannah Pryce", ("case attribute",), 0, ""),
        FoundName("Marcus Ellery", ("speaker label", "case attribute", "names model"), 2, "[Person 1]"),
        FoundName("Oisin", ("names model", "pattern"), 1, "[Person 4]"),
        FoundName("Peterborough", ("names model",), 2, "[Person 3]"),
        FoundName("Sarah", ("names model",), 2, "[Person 2]"),
        FoundName("Sarah Okafor", ("names model",), 1, "[Person 2]"),
        FoundName("Fenland", ("case attribute",), 1, "[Place 1]", kind="place"),  # the area, in the attribute
    ]


def test_an_added_name_is_replaced_and_a_name_marked_not_a_name_is_kept(detected):
    choices = NameChoices(added=("Ffion",), excluded=("peterborough",))
    assert review_names(_snapshot(), detected, choices) == [
        FoundName("Ffion", ("added by researcher",), 2, "[Person 4]"),
        FoundName("Hannah Pryce", ("case attribute",), 0, ""),
        FoundName("Marcus Ellery", ("speaker label", "case attribute", "names model"), 2, "[Person 1]"),
        FoundName("Oisin", ("names model", "pattern"), 1, "[Person 3]"),
        FoundName("Peterborough", ("names model",), 2, "", excluded=True),
        FoundName("Sarah", ("names model",), 2, "[Person 2]"),
        FoundName("Sarah Okafor", ("names model",), 1, "[Person 2]"),
        FoundName("Fenland", ("case attribute",), 1, "[Place 1]", kind="place"),  # the area, in the attribute
    ]
    result = pseudonymise_snapshot(_snapshot(), choices=choices, detected=detected)
    assert result.cases[0].text == (
        "Interviewer: What happened on the day you were released?\n\n"
        "[Person 1]: [Person 2] from probation met me at the gate and drove me to Peterborough. [Person 2] had "
        "booked the hostel already. My cousin [Person 3] rang the Jobcentre for me because I couldn't face it.\n\n"
        "Interviewer: And the first weeks?\n\n"
        "[Person 1]: Peterborough was fine for a bit. The woman at the desk, [Person 4], said I had to come back "
        "Monday. I saw [Person 2] every Tuesday after that."
    )
    assert [m.text for m in result.memos] == ["[Person 4] said the desk closes at four"]


def test_a_name_marked_not_a_name_is_not_replaced_inside_a_longer_name_either():
    case = Case(
        1,
        "Stakeholder 02",
        "Respondent: Will Hughes chairs it. Will we meet again? Will Hughes hopes so.",
        {},
        "txt",
        [Speaker("respondent", "Respondent", "respondent")],
    )
    snapshot = ProjectSnapshot("P", [], [case], [])
    choices = NameChoices(added=("Will Hughes",), excluded=("Will",))
    result = pseudonymise_snapshot(snapshot, use_ner=False, choices=choices)
    assert result.cases[0].text == "Respondent: [Person 1] chairs it. Will we meet again? [Person 1] hopes so."


def test_a_name_given_for_one_export_wins_over_not_a_name(detected):
    choices = NameChoices(excluded=("Peterborough",))
    result = pseudonymise_snapshot(_snapshot(), ["Peterborough"], choices=choices, detected=detected)
    assert "Peterborough" not in result.cases[0].text


def test_an_excluded_name_no_longer_found_stays_listed_so_it_can_be_undone():
    snapshot = _snapshot()
    rows = review_names(snapshot, DetectedNames(), NameChoices(excluded=("Wisbech",)))
    assert rows == [FoundName("Wisbech", (), 0, "", excluded=True)]


@pytest.mark.parametrize("module", [names_module, review_module])
def test_docstring_examples(module):
    result = doctest.testmod(module)
    assert (result.failed, result.attempted > 0) == (0, True)


# ----- through the service and the store (SQLite and PostgreSQL) -----


def _project(store) -> int:
    """The interview stored with a confirmed code on each of Marcus's answers."""
    project_id = projects.create_project(store, "Resettlement pilot")
    from tests.store_factory import themes_frame

    projects.save_frame(store, project_id, themes_frame())
    text, turns = _interview()
    segments = [
        Segment(
            i,
            turn.start,
            turn.end,
            text[turn.start : turn.end],
            turn.speaker,
            role="interviewer" if turn.speaker == "interviewer" else "respondent",
            codable=turn.speaker != "interviewer",
        )
        for i, turn in enumerate(turns)
    ]
    transcript = Transcript("Leaver 07", text, "txt", list(SPEAKERS), turns, "hash-leaver-07", dict(ATTRIBUTES))
    transcript_id = transcripts.save_transcript(store, project_id, transcript, segments)
    for segment in transcripts.load_segments(store, transcript_id, codable_only=True):
        codes.decide(store, project_id, segment.id, "referrals", "confirm", "Priya")
    return project_id


def _quoted(path: Path) -> list[str]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return [row["text"] for row in csv.DictReader(f)]


def test_choices_are_stored_at_once_and_the_export_honours_them(fresh_store, tmp_path):
    project_id = _project(fresh_store)
    assert service.add_name(fresh_store, project_id, "  Ffion, ", author="Priya") == "Ffion"
    service.exclude_name(fresh_store, project_id, "Peterborough", author="Priya")
    reopened = open_store(fresh_store.url)
    assert service.name_choices(reopened, project_id) == NameChoices(added=("Ffion",), excluded=("Peterborough",))
    rows = service.review_names(reopened, project_id)
    assert [(r.name, r.replaced_by, r.excluded) for r in rows if r.name in ("Ffion", "Peterborough")] == [
        ("Ffion", "[Person 4]", False),
        ("Peterborough", "", True),
    ]

    path = service.export_project(reopened, project_id, "csv", tmp_path / "codes")
    assert _quoted(path) == [
        "[Person 2] from probation met me at the gate and drove me to Peterborough. [Person 2] had booked the "
        "hostel already. My cousin [Person 3] rang the Jobcentre for me because I couldn't face it.",
        "Peterborough was fine for a bit. The woman at the desk, [Person 4], said I had to come back Monday. "
        "I saw [Person 2] every Tuesday after that.",
    ]
    reopened.engine.dispose()


def test_undoing_a_choice_puts_the_name_back_as_found(fresh_store, tmp_path):
    project_id = _project(fresh_store)
    service.exclude_name(fresh_store, project_id, "Peterborough")
    service.add_name(fresh_store, project_id, "Ffion")
    assert service.forget_name_choice(fresh_store, project_id, "peterborough") is True
    assert service.forget_name_choice(fresh_store, project_id, "Ffion") is True
    assert service.forget_name_choice(fresh_store, project_id, "Ffion") is False
    assert service.name_choices(fresh_store, project_id) == NameChoices()
    path = service.export_project(fresh_store, project_id, "csv", tmp_path / "codes")
    assert [("Peterborough" in q, "Ffion" in q) for q in _quoted(path)] == [(False, False), (False, True)]


@pytest.mark.parametrize("bad", ["", "   ", "12:30", "x" * 201])
def test_a_name_without_letters_or_too_long_is_refused(fresh_store, bad):
    project_id = projects.create_project(fresh_store, "P")
    with pytest.raises(WorkbenchError):
        service.add_name(fresh_store, project_id, bad)
    assert service.name_choices(fresh_store, project_id) == NameChoices()


@pytest.mark.slow
def test_the_cli_export_uses_the_stored_names(tmp_path):
    url = f"sqlite:///{tmp_path / 'cli.sqlite'}"
    store = open_store(url)
    project_id = _project(store)
    service.add_name(store, project_id, "Ffion")
    service.exclude_name(store, project_id, "Peterborough")
    store.engine.dispose()
    out = tmp_path / "codes.csv"
    result = subprocess.run(
        [sys.executable, "-m", "coding", "export", "csv", "--out", str(out), "--db", url, "--name", "Monday"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "HF_HUB_OFFLINE": "1"},
    )
    assert (result.returncode, result.stdout, result.stderr) == (
        0,
        f"wrote {out}\n",
        "identifiers: 1 added and 1 marked 'not identifying' in the project, 1 given with --name\n",
    )
    assert _quoted(out)[1] == (
        "Peterborough was fine for a bit. The woman at the desk, [Person 4], said I had to come back [Person 5]. "
        "I saw [Person 2] every Tuesday after that."
    )
