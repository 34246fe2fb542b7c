"""Words, stems and stop words: the one home for how the workbench reads words.

Guide parsing, cross-cutting mapping, speaker roles, alignment, suggestions and
emergent themes all compare texts by their content words. They share these lists
and this stemmer, so a word that carries no topic is ignored everywhere alike.

    >>> sorted(content_words("Could you tell me about the sanctions, erm, you've had?"))
    ['sanction']
    >>> stem("referrals"), stem("sanctioning"), stem("employers")
    ('referral', 'sanction', 'employ')
"""

from __future__ import annotations

import re

# Words of grammar: they say nothing about what an answer is about.
FUNCTION_WORDS = frozenset(
    """a about above after again all also am an and any are as at be been before being below between both but by
    can could did do does doing during each either else etc e.g eg for from further had has have having how i i.e
    ie if in into is it its just may me might more most much my no nor not now of on once only or other our out over
    own per please same should so some such than that the their them then there these they this those through to
    too under until up very was we were what when where whether which while who whom why will with within would you
    your yours yes""".split()
)

# Talk's pronouns and contractions (guides rarely use them; answers always do).
SPOKEN_FUNCTION_WORDS = frozenset(
    "against because few he her here hers him his it's itself must off shall she us what's you've you're i'm i've "
    "down done".split()
)

# How interviewers and guides ask, rather than what they ask about.
ASKING_WORDS = frozenset(
    """think tell view views describe give explain feel say see know anything something way ways use used
    particular specific overall extent kind kinds type types often far well probe prompt probes please""".split()
)

# What talk is padded with.
FILLERS = frozenset("um erm er mm yeah okay ok right like really sort bit lot thing things little get got".split())

STOP_WORDS = FUNCTION_WORDS | SPOKEN_FUNCTION_WORDS | ASKING_WORDS | FILLERS

_WORD = re.compile(r"[a-z][a-z'’\-]*")
_SUFFIXES = (
    "ational",
    "ations",
    "ation",
    "ments",
    "ment",
    "ities",
    "ity",
    "ings",
    "ing",
    "ers",
    "er",
    "ies",
    "ied",
    "ed",
    "es",
    "ly",
    "s",
)


def words(text: str) -> list[str]:
    """The text's words, lower case, in order (apostrophes and hyphens kept inside a word)."""
    return [w.strip("'’-") for w in _WORD.findall(text.lower())]


def stem(word: str) -> str:
    """A light suffix-stripping stem: enough to match "referral"/"referrals", "sanction"/"sanctioned".
    A stem keeps at least four letters, so short words are left as they are."""
    word = word.lower().strip("'’-")
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


# Matching a guide's words to a theme's keywords needs a lighter hand: "employer" and
# "employment" are different topics there ("employer engagement" vs "employment support").
_GUIDE_SUFFIXES = ("ations", "ation", "ings", "ing", "ially", "ial", "ies", "es", "ed", "s", "e")


def guide_stem(word: str) -> str:
    """The stem used to match guide wording to keywords: plurals and -ing/-ation only.

    >>> guide_stem("employers"), guide_stem("employment"), guide_stem("referrals")
    ('employer', 'employment', 'referral')
    """
    word = word.lower().strip("'’-")
    for suffix in _GUIDE_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


# Only the commonest grammar words: "out", "up", "no" can be part of a keyword phrase there.
GUIDE_MATCH_STOP_WORDS = frozenset(
    "the a an of to and or in on for with by is are any how what do does you your they their them it at from as be "
    "e.g vs".split()
)


def guide_stems(text: str) -> list[str]:
    """A guide phrase's stems in order, leaving out the commonest grammar words (for keyword and title matching)."""
    return [guide_stem(w) for w in words(text) if w not in GUIDE_MATCH_STOP_WORDS]


def content_words(text: str, min_length: int = 3) -> set[str]:
    """The stems of the text's words that carry its topic."""
    return {stem(w) for w in words(text) if w not in STOP_WORDS and len(w) >= min_length}


def content_stems(text: str, min_length: int = 3) -> list[str]:
    """The same, in text order with repeats (for phrase matching)."""
    return [stem(w) for w in words(text) if w not in STOP_WORDS and len(w) >= min_length]


# What an interviewer's spoken question is compared to the guide by: a stop list that also drops
# the talk around a question ("right, okay, so, tell me a bit about…") and a lighter stemmer,
# which the aligner's constants were chosen with (benchmarks/bench_align.py).
SPOKEN_STOP_WORDS = frozenset(
    "a an the and or of to in on at for with by from as is are was were be been being it its this that these "
    "those you your yours we our us they them their i me my he she his her what which who whom how why when "
    "where do does did done can could would should will shall may might must have has had not no yes so if "
    "then than there here about any some more most other into over such just also very really well okay ok "
    "right yeah um erm er mm tell think kind sort bit lot thing things little much many way ways get got".split()
)


def light_stem(word: str) -> str:
    """Plural, -ing, -ed and -ly endings only."""
    for suffix in ("ing", "ed", "es", "s", "ly"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def spoken_stems(text: str) -> set[str]:
    """The content stems of a spoken question (words of three letters or more)."""
    return {
        light_stem(w) for w in re.findall(r"[a-z][a-z'’]+", text.lower()) if w not in SPOKEN_STOP_WORDS and len(w) > 2
    }
