"""Charting drafts: a cell's central sentences, redundancy removed, within the word budget, with references."""

from __future__ import annotations

import itertools

import pytest

from coding.synthesis.charting import (
    Draft,
    DraftSentence,
    Passage,
    chart_draft,
    first_sentences_draft,
    split_sentences,
)

CELL = [
    Passage("Housing is the big one for everyone we see. Yeah.", "[Case 1, para 3]", 3),
    Passage(
        "Housing is the big one for everyone we see here. Nobody sleeps well on a sofa at a friend's house.",
        "[Case 1, para 7]",
        7,
    ),
    Passage(
        "Housing and drugs are the big barriers for everyone we see. The benefit forms take ages to complete properly.",
        "[Case 1, para 9]",
        9,
    ),
]


@pytest.mark.parametrize(
    "text, sentences",
    [
        (
            "Housing is the big one. If you don't know where you're sleeping, a CV means nothing.",
            ["Housing is the big one.", "If you don't know where you're sleeping, a CV means nothing."],
        ),
        (
            "Honestly? The record. Soon as they see it, that's it.",
            ["Honestly?", "The record.", "Soon as they see it, that's it."],
        ),
        (
            "We had two weeks' induction.\nThen courses as we go, e.g. safeguarding.",
            ["We had two weeks' induction.", "Then courses as we go, e.g. safeguarding."],
        ),
        ('He said "go to the Jobcentre." So I went.', ['He said "go to the Jobcentre."', "So I went."]),
    ],
)
def test_split_sentences(text, sentences):
    assert split_sentences(text) == sentences


def test_draft_takes_central_sentences_once_each_in_transcript_order(hashing_encoder):
    # The near-copy at para 7 says again what para 3 said; the forms sentence does not fit the budget.
    assert chart_draft(CELL, hashing_encoder, max_words=30) == Draft(
        [
            DraftSentence("Housing is the big one for everyone we see.", "[Case 1, para 3]"),
            DraftSentence("Nobody sleeps well on a sofa at a friend's house.", "[Case 1, para 7]"),
            DraftSentence("Housing and drugs are the big barriers for everyone we see.", "[Case 1, para 9]"),
        ]
    )


def test_first_sentences_baseline_repeats_what_the_draft_drops():
    assert first_sentences_draft(CELL, max_words=30) == Draft(
        [
            DraftSentence("Housing is the big one for everyone we see.", "[Case 1, para 3]"),
            DraftSentence("Housing is the big one for everyone we see here.", "[Case 1, para 7]"),
            DraftSentence("Housing and drugs are the big barriers for everyone we see.", "[Case 1, para 9]"),
        ]
    )


def test_draft_text_puts_each_reference_after_its_sentence(hashing_encoder):
    assert (
        chart_draft(CELL[:1], hashing_encoder).text() == "Housing is the big one for everyone we see. [Case 1, para 3]"
    )


def test_a_cell_of_one_long_sentence_gets_it_cut_to_the_budget(hashing_encoder):
    long = Passage(" ".join(["word"] * 20) + " and then the housing office said no.", "[Case 2, 00:01:05]", 1)
    draft = chart_draft([long], hashing_encoder, max_words=10)
    assert draft == Draft([DraftSentence(" ".join(["word"] * 10) + " …", "[Case 2, 00:01:05]")])


def test_empty_and_filler_only_cells_have_no_draft(hashing_encoder):
    assert chart_draft([], hashing_encoder) == Draft()
    assert chart_draft([Passage("Yeah. Still there.", "[Case 1, para 2]", 2)], hashing_encoder) == Draft()


@pytest.mark.model
def test_real_model_draft_of_a_demo_cell_keeps_budget_references_and_no_near_repeats(encoder):
    passages = [
        Passage(
            "Release dates changing, no IT in the prison, not enough time with the short sentence people, and "
            "the handover. And housing, always housing. I can set up a claim, but if they've got no address the "
            "claim goes wrong anyway.",
            "[EBA, 00:14:02]",
            19,
        ),
        Passage(
            "It's meant to be the same, but the short stays are much harder. Someone doing a few weeks might be "
            "out before I even get their name. The longer ones I can see two or three times.",
            "[EBA, 00:07:40]",
            9,
        ),
        Passage(
            "For the short sentences, though, if someone's only doing six weeks in total, the twelve-week screen "
            "never happens, they're in and out before the system catches up.",
            "[EBA, 00:02:10]",
            2,
        ),
    ]
    draft = chart_draft(passages, encoder)
    assert 0 < draft.words <= 60
    assert [s.reference for s in draft.sentences] == sorted(
        (s.reference for s in draft.sentences), key=lambda r: {p.reference: p.order for p in passages}[r]
    )
    vectors = encoder.encode([s.text for s in draft.sentences])
    assert all(float(vectors[a] @ vectors[b]) < 0.8 for a, b in itertools.combinations(range(len(vectors)), 2))
    assert all(any(s.text in p.text for p in passages) for s in draft.sentences)
