"""Direct identifiers found by the UK recognisers (patterns only: no names model needed), and bad input."""

from __future__ import annotations

import pytest

from coding.anonymise import kinds as K
from coding.anonymise.detect import CHUNK_CHARS, Found, chunks, pattern_detector
from coding.anonymise.values import find_values, resolve


@pytest.fixture(scope="module")
def detector():
    return pattern_detector()


@pytest.mark.parametrize(
    "text, expected",
    [
        ("ring me on 07700 900461 or 0113 496 0123", [(K.PHONE, "07700 900461"), (K.PHONE, "0113 496 0123")]),
        ("or the mobile, +44 7700 900123.", [(K.PHONE, "+44 7700 900123")]),
        ("my NI's QQ123456C, I think", [(K.NI_NUMBER, "QQ123456C")]),
        ("National Insurance QQ 12 34 56 C", [(K.NI_NUMBER, "QQ 12 34 56 C")]),
        ("it's LS6 2AB if you need it", [(K.POSTCODE, "LS6 2AB")]),
        ("email dave.b@example.org today", [(K.EMAIL, "dave.b@example.org")]),
        ("I was born on 3rd March 1987", [(K.DATE_OF_BIRTH, "3rd March 1987")]),
        ("my date of birth is 03/05/1990.", [(K.DATE_OF_BIRTH, "03/05/1990")]),
        ("prison number A1234BC", [(K.CASE_NUMBER, "A1234BC")]),
        ("case number 2019/44512.", [(K.CASE_NUMBER, "2019/44512")]),
        (
            "I was at HMP Wandsworth then HMYOI Feltham",
            [(K.ESTABLISHMENT, "HMP Wandsworth"), (K.ESTABLISHMENT, "HMYOI Feltham")],
        ),
        (
            "hmp leeds was rough, Leeds prison worse",
            [(K.ESTABLISHMENT, "hmp leeds"), (K.ESTABLISHMENT, "Leeds prison")],
        ),
        ("back in the Scrubs", [(K.ESTABLISHMENT, "the Scrubs")]),
        ("I live off Elmfield Road now", [(K.STREET, "Elmfield Road")]),
        ("Mr Okonkwo sorted it", [(K.PERSON, "Okonkwo")]),
        ("then they moved me up in Wakefield.", [(K.PLACE, "Wakefield")]),
        ("Bethany said it'd be fine.", [(K.PERSON, "Bethany")]),
    ],
)
def test_each_kind_is_found_as_people_say_it(detector, text, expected):
    assert [(f.kind, f.text) for f in detector.find(text)] == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "I went to the prison. The prison was fine, and the job centre rang on Monday.",
        "Twenty-six. Twenty-seven in August. I'll do half, so I'm out in about three weeks.",
        "In 2015 we had 1234 referrals; 12 34 56 of them came from probation.",
        "He said it was fine. They said no. Because said so.",
    ],
)
def test_text_without_identifiers_gives_nothing(detector, text):
    assert detector.find(text) == []


def test_a_100000_word_transcript_is_read_in_bounded_chunks_with_nothing_skipped(detector):
    paragraph = "Respondent: Yeah, it was fine, the hostel was alright to be fair and the staff were good.\n\n"
    words_per_paragraph = len(paragraph.split())
    body = paragraph * (100_000 // words_per_paragraph)
    text = "Ring me on 07700 900461.\n\n" + body + "My NI's QQ123456C.\n\n" + body + "Email me at k@example.org."
    pieces = list(chunks(text))
    assert max(len(p) for _, p in pieces) <= CHUNK_CHARS
    assert "".join(p for _, p in pieces) == text
    found = detector.find(text)
    assert [(f.kind, text[f.start : f.end]) for f in found] == [
        (K.PHONE, "07700 900461"),
        (K.NI_NUMBER, "QQ123456C"),
        (K.EMAIL, "k@example.org"),
    ]


def test_chunks_are_cached_by_content_so_one_changed_paragraph_is_read_again_alone():
    detector = pattern_detector()
    paragraphs = [f"Respondent: answer {i} about the hostel and the staff there.\n\n" * 40 for i in range(5)]
    detector.find("".join(paragraphs))
    first = detector.analysed_chunks
    detector.find("".join(paragraphs))
    assert detector.analysed_chunks == first  # nothing new to read
    paragraphs[2] = paragraphs[2].replace("hostel", "HMP Leeds", 1)
    found = detector.find("".join(paragraphs))
    assert detector.analysed_chunks - first <= 2
    assert [f.text for f in found] == ["HMP Leeds"]


@pytest.mark.parametrize(
    "text, values, expected",
    [
        # A list entry that is an everyday word counts only capitalised inside a sentence (a sentence's first
        # word says nothing either way; people's names are also replaced there, by the pseudonymiser).
        ("I asked Will. He will come. Will you?", [(K.PERSON, "Will")], ["Will"]),
        ("I hope so. Hope rang me; Hope is fine.", [(K.PERSON, "Hope")], ["Hope"]),
        ("Reading is hard. I moved to Reading, reading books.", [(K.PLACE, "Reading")], ["Reading"]),
        # A name split across a line break, in lower case, and as a possessive and a nickname.
        ("dave\nbrown rang; Dave Brown's mum too", [(K.PERSON, "Dave Brown")], ["dave\nbrown", "Dave Brown"]),
        ("Smith's lot and Smithy and smith", [(K.PERSON, "Smith")], ["Smith", "Smithy", "smith"]),
        ("ring 07700900461 or 07700-900-461", [(K.PHONE, "07700 900461")], ["07700900461", "07700-900-461"]),
    ],
)
def test_listed_values_are_found_however_written(text, values, expected):
    assert [f.text for f in resolve(find_values(text, values))] == expected


def test_overlapping_finds_keep_the_longest_then_the_surer_kind():
    found = [
        Found(8, 22, K.ESTABLISHMENT, "HMP Wandsworth"),
        Found(12, 22, K.PLACE, "Wandsworth"),
        Found(12, 22, K.PERSON, "Wandsworth"),
        Found(30, 42, K.PHONE, "07700 900461"),
        Found(30, 35, K.PERSON, "07700"),
    ]
    assert resolve(found) == [Found(8, 22, K.ESTABLISHMENT, "HMP Wandsworth"), Found(30, 42, K.PHONE, "07700 900461")]
