"""Finding the identifiers in a project, and the researcher's corrections to what was found.

People's names come from five places, because the small spaCy model alone misses
some and mislabels others:

- the interviews' own speaker labels ("Dean Walsh:"), minus role words such as "Interviewer";
- names held in a case's identifying attributes (``respondent: Graham Whitfield``);
- the detector (``coding.anonymise.detect``): spaCy's PERSON entities through Presidio,
  cleaned of the small model's run-on spans, and names after a title ("Mr Okonkwo");
- names the researcher added (``NameChoices.added``).

The other kinds (prisons, places, organisations, streets, postcodes, phone numbers,
e-mail addresses, NI numbers, dates of birth, case numbers) come from the detector and
from attribute values whose key says what they are (``prison: HMP Leeds``).

The researcher can also say a found word is not a name (``NameChoices.excluded``):
"Peterborough" or "Jobcentre" tagged PERSON by the model. ``detect_names`` is the
slow part (spaCy over every interview) and depends only on the cases, so a caller
may cache it under ``detection_fingerprint(cases)`` and apply choices afterwards.

>>> name_key("  Sarah   Okafor. ")
'sarah okafor'
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass

from coding.anonymise.privacy import is_identifying_key
from coding.model import Case

# Where a name was found; the order is the order a review lists them in.
SPEAKER = "speaker label"
ATTRIBUTE = "case attribute"
MODEL = "names model"
PATTERN = "pattern"
RESEARCHER = "added by researcher"
SOURCES = (SPEAKER, ATTRIBUTE, MODEL, PATTERN, RESEARCHER)

ROLE_WORDS = {
    "interviewer",
    "int",
    "i",
    "q",
    "a",
    "r",
    "respondent",
    "interviewee",
    "participant",
    "moderator",
    "facilitator",
    "speaker",
    "unknown",
    "researcher",
    "note",
    "notes",
}
# Words the small model often tags PERSON in this field that are not people.
NOT_NAMES = {"jobcentre", "probation", "work programme", "provider a", "provider b", "day one", "eba", "moj", "dwp"}
# Words that are never part of a person's name here, though the small model puts them in PERSON spans.
NOT_NAME_WORDS = {
    "jobcentre",
    "plus",
    "provider",
    "prime",
    "probation",
    "prison",
    "programme",
    "work",
    "cv",
    "cvs",
    "nomis",
    "moj",
    "dwp",
    "noms",
    "jcp",
    "eba",
    "sib",
    "hmp",
    "one",
    "service",
    "pilot",
    "day",
    "wing",
    "crc",
    "nps",
}
# Case attributes that name places and groups, never people, whatever the model says.
PLACE_KEYS = ("area", "region", "site")
MAX_NAME_LENGTH = 200


def clean_name(name: str) -> str:
    """A name as written, with curly apostrophes, doubled spaces, edge punctuation and a possessive removed."""
    name = " ".join(name.replace("’", "'").split()).strip(" .,:;'\"")
    return re.sub(r"'s$", "", name).strip(" .,:;'\"")


def name_key(name: str) -> str:
    """The form two spellings of one name share ("Sarah  Okafor." and "sarah okafor")."""
    return clean_name(name).lower()


def looks_like_a_name(name: str) -> bool:
    """At least three letters in a row and not a role word: initials and "R" are not names."""
    name = clean_name(name)
    return len(name) > 2 and name.lower() not in ROLE_WORDS and re.search(r"[^\W\d_]{3}", name) is not None


def speaker_names(case: Case) -> list[str]:
    """Speaker labels and aliases that are people's names rather than role words or initials."""
    return [
        clean_name(label)
        for speaker in case.speakers
        for label in [speaker.label, *speaker.aliases]
        if looks_like_a_name(label)
    ]


def attribute_names(case: Case) -> list[str]:
    """Names held in the case's identifying attributes (respondent, interviewer…), initials left out."""
    return [
        clean_name(value)
        for key, value in case.attributes.items()
        if is_identifying_key(key) and looks_like_a_name(str(value))
    ]


def _person_words(entity) -> str:
    """The name inside a PERSON span: its capitalised proper nouns, up to the first break.

    The small model's spans run on ("Ruth Okafor: Apart", "Sometimes Kelly",
    "Provider B. Which"): keep the run of proper-noun tokens that are not domain words.
    """
    words: list[str] = []
    for token in entity:
        text = token.text.strip()
        if token.is_punct or text in {":", ".", ","}:
            if words:
                break
            continue
        is_name = (
            token.pos_ == "PROPN"
            and text[:1].isupper()
            and text.isalpha()
            and text.lower() not in NOT_NAME_WORDS
            and not (text.isupper() and len(text) > 1)
        )
        if is_name:
            words.append(text)
        elif words:
            break
    return " ".join(words)


def ner_names(texts: list[str], not_names: Iterable[str] = ()) -> list[list[str]]:
    """PERSON entities per text, from the real spaCy pipeline, cleaned of the small model's run-ons.

    ``not_names`` are words known not to be people (e.g. the cases' area names).
    """
    from coding.nlp import chunked_docs, full_pipeline

    excluded = {n.lower() for n in not_names}
    out: list[list[str]] = [[] for _ in texts]
    for index, _, doc in chunked_docs(full_pipeline(), texts):  # bounded pieces of long case texts
        names = (_person_words(e) for e in doc.ents if e.label_ == "PERSON")
        out[index].extend(n for n in names if n and n.lower() not in excluded)
    return out


@dataclass(frozen=True)
class NameChoices:
    """The researcher's corrections: identifiers to replace that were missed, and words that identify no one.

    ``added`` holds people's names; ``added_other`` holds (kind, value) pairs of the
    other kinds ("prison or establishment", "HMP Leeds"). ``excluded`` holds values of
    any kind marked "not identifying". The store keeps one choice per value, so an
    added value is never also excluded.
    """

    added: tuple[str, ...] = ()
    excluded: tuple[str, ...] = ()
    added_other: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class DetectedNames:
    """Every identifier found in a project: people as (name, source) pairs in the order found,
    and the other kinds as (value, kind, source) triples."""

    found: tuple[tuple[str, str], ...] = ()
    others: tuple[tuple[str, str, str], ...] = ()


# Attribute values of these words are descriptions ("Pilot area", "National"), not places or organisations.
_GENERIC_PLACE_WORDS = {
    "area",
    "pilot",
    "non-pilot",
    "national",
    "region",
    "regional",
    "site",
    "north",
    "south",
    "east",
    "west",
    "urban",
    "rural",
    "wave",
    "non",
    "local",
    "community",
    "custody",
    "other",
}


def attribute_identifiers(case: Case) -> list[tuple[str, str]]:
    """(value, kind) of the case's attributes that hold identifiers other than people's names."""
    from coding.anonymise import kinds
    from coding.anonymise.privacy import key_kind

    out = []
    for key, value in case.attributes.items():
        kind, value = key_kind(key), " ".join(str(value or "").split())
        if kind is None or kind == kinds.PERSON or len(value) < 2:
            continue
        if kind in (kinds.PLACE, kinds.ORGANISATION):
            words = value.lower().split()
            if any(w in _GENERIC_PLACE_WORDS for w in words) or not value[:1].isupper():
                continue
        out.append((value, kind))
    return out


def file_name_text(name: str) -> str:
    """A file name as words, for the detector: "dave_brown-interview2" → "dave brown interview2"."""
    return " ".join(re.split(r"[_\-.]+", name)).strip()


def detect_names(cases: list[Case], use_ner: bool = True, notes: Iterable[str] = (), detector=None) -> DetectedNames:
    """Every identifier in the cases (and ``notes``: memos, summaries) by kind and source. Slow with ``use_ner``.

    People come from speaker labels, identifying attributes and the detector; the
    other kinds from attribute values (a ``prison`` attribute is an establishment) and
    the detector. ``use_ner`` False runs the patterns alone (no names model).
    Place attributes (area, region, site) are never taken for people.
    """
    from coding.anonymise import kinds
    from coding.anonymise.detect import presidio_detector, shared_pattern_detector

    found = [(n, SPEAKER) for case in cases for n in speaker_names(case)]
    found += [(n, ATTRIBUTE) for case in cases for n in attribute_names(case)]
    others = [(v, k, ATTRIBUTE) for case in cases for v, k in attribute_identifiers(case)]
    if detector is None:
        detector = presidio_detector() if use_ner else shared_pattern_detector()
    places = {str(v).lower() for case in cases for k, v in case.attributes.items() if k in PLACE_KEYS}
    texts = [c.text for c in cases] + [file_name_text(c.name) for c in cases] + [n for n in notes if n]
    for text in texts:
        for hit in detector.find(text):
            if hit.kind == kinds.PERSON:
                if hit.text.lower() not in places and hit.text.lower() not in NOT_NAMES and looks_like_a_name(hit.text):
                    found.append((clean_name(hit.text), MODEL if hit.source == "names model" else PATTERN))
            else:
                others.append((hit.text, hit.kind, MODEL if hit.source == "names model" else PATTERN))
    return DetectedNames(tuple(found), tuple(others))


def detection_fingerprint(cases: list[Case], notes: Iterable[str] = ()) -> str:
    """A digest of everything ``detect_names`` reads, to cache its result under.

    Texts, file names, speaker labels and aliases, attributes and notes: when any of
    them changes (a new interview, an attribute edited, a memo), the fingerprint changes.
    """
    digest = hashlib.sha256()
    for case in cases:
        speakers = [[s.label, *s.aliases] for s in case.speakers]
        digest.update(
            json.dumps([case.name, case.text, speakers, case.attributes], sort_keys=True, default=str).encode()
        )
    digest.update(json.dumps(list(notes)).encode())
    return digest.hexdigest()
