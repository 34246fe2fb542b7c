"""Interviewer turns read as spoken: the question set apart from acknowledgements, fillers and refer-backs."""

import doctest

import pytest

from coding.transcripts import spoken
from coding.transcripts.spoken import read_turn


@pytest.mark.parametrize(
    ("turn", "asks", "backchannel", "elliptical"),
    [
        (
            "Right, okay. That's really helpful, thanks. So, um, how were you referred to the programme?",
            ["how were you referred to the programme?"],
            False,
            False,
        ),
        (
            "OK, erm, so can you tell me a bit about your role?",
            ["can you tell me a bit about your role?"],
            False,
            False,
        ),
        ("Mm-hm.", [], True, True),
        ("Right.", [], True, True),
        ("Yeah, sure.", [], True, True),
        ("And why was that?", ["why was that?"], False, True),
        ("What about employers?", ["What about employers?"], False, True),
        ("Okay. And in the community?", ["in the community?"], False, True),
        ("How old are you?", ["How old are you?"], False, False),
        (
            "How old are you? And do you have any children?",
            ["How old are you?", "do you have any children?"],
            False,
            False,
        ),
        ("Tell me about your role.", ["Tell me about your role."], False, False),
    ],
)
def test_what_a_turn_asks(turn, asks, backchannel, elliptical):
    read = read_turn(turn)
    assert (read.asks, read.backchannel, read.elliptical) == (asks, backchannel, elliptical)


@pytest.mark.parametrize(
    ("turn", "variants"),
    [
        (
            "You mentioned the Jobcentre earlier - how did the referral actually work?",
            [
                "You mentioned the Jobcentre earlier - how did the referral actually work?",
                "how did the referral actually work?",
            ],
        ),
        (
            "Going back to what you said about housing, what accommodation have you got arranged for release?",
            [
                "Going back to what you said about housing, what accommodation have you got arranged for release?",
                "what accommodation have you got arranged for release?",
            ],
        ),
        (
            "How old are you? And do you have any children?",
            ["How old are you?", "do you have any children?", "How old are you? do you have any children?"],
        ),
    ],
)
def test_a_refer_back_or_a_stacked_question_is_also_scored_without_the_rest(turn, variants):
    assert read_turn(turn).variants == variants


def test_the_module_examples_run():
    assert doctest.testmod(spoken).failed == 0
