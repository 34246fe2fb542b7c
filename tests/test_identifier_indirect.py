"""Indirect identifiers: quotes carrying two or more details that together could point at one person."""

from __future__ import annotations

import pytest

from coding import service
from coding.anonymise.indirect import DISTINCTIVE, ESTABLISHMENT, OFFENCE, ROLE, WHEN, IndirectFlag, flag_quotes
from coding.anonymise.names import detect_names
from coding.model import Segment, Transcript, Turn
from coding.store import codes, projects, transcripts


@pytest.mark.parametrize(
    "text, details",
    [
        (
            "I was the only woman on the resettlement team at [Prison A].",
            ((ESTABLISHMENT, "[Prison A]"), (ROLE, "on the resettlement team"), (DISTINCTIVE, "the only")),
        ),
        ("Four years for the robbery, came out in March.", ((OFFENCE, "robbery"), (WHEN, "Four years"))),
        ("My probation officer on B wing sorted it.", ((ESTABLISHMENT, "B wing"), (ROLE, "probation officer"))),
    ],
)
def test_a_quote_with_two_kinds_of_detail_is_flagged_with_them(text, details):
    assert flag_quotes([("Prisoner 03", "Housing", text)]) == [IndirectFlag("Prisoner 03", "Housing", text, details)]


@pytest.mark.parametrize(
    "text",
    [
        "It was fine, to be honest. They helped with the forms.",
        "The robbery was years ago and I don't talk about it.",  # one kind of detail only
        "",
    ],
)
def test_a_quote_with_fewer_kinds_is_not_flagged(text):
    assert flag_quotes([("Prisoner 03", "Housing", text)]) == []


def test_the_service_flags_coded_passages_after_identifiers_are_replaced(fresh_store):
    project_id = projects.create_project(fresh_store, "P")
    from tests.store_factory import themes_frame

    projects.save_frame(fresh_store, project_id, themes_frame())
    answers = [
        "I was at HMP Leeds on the kitchen team, the only one doing the NVQ in 2015.",
        "It was fine really, they were good to me.",
    ]
    text, turns, segments = "", [], []
    for i, answer in enumerate(answers):
        start = len(text) + 3 if not text else len(text) + 5
        text += ("R: " if not text else "\n\nR: ") + answer
        turns.append(Turn("r", start, len(text)))
        segments.append(Segment(i, start, len(text), answer, "r"))
    tid = transcripts.save_transcript(
        fresh_store,
        project_id,
        Transcript("kyle_b", text, "txt", [], turns, "h", {"respondent_type": "prisoner"}),
        segments,
    )
    for segment in transcripts.load_segments(fresh_store, tid, codable_only=True):
        codes.decide(fresh_store, project_id, segment.id, "referrals", "confirm", "priya")
    flags = service.indirect_identifier_flags(
        fresh_store, project_id, detect=lambda cases, notes: detect_names(cases, use_ner=False, notes=notes)
    )
    assert [(f.case, f.theme, f.text, f.categories) for f in flags] == [
        (
            "Prisoner 01",
            "Referral, attachment and handover",
            "I was at [Prison A] on the kitchen team, the only one doing the NVQ in 2015.",
            (ESTABLISHMENT, ROLE, WHEN, DISTINCTIVE),
        )
    ]
