"""Presidio recognisers for the identifiers UK interviews carry, and the analyzer built from them.

Presidio (``presidio-analyzer``) runs the pinned spaCy pipeline for people, places
and organisations and its own phone recogniser (Google's ``phonenumbers``, GB
numbers). What it lacks for this field is added here as pattern recognisers:
prisons and young offender institutions ("HMP Leeds", "HMYOI Feltham", "the
Scrubs"), streets ("Elmfield Road"), a person named by a title ("Mr Okonkwo"), NI
numbers (Presidio's own pattern refuses the "QQ" prefix HMRC uses in examples),
postcodes, e-mail addresses (Presidio's e-mail recogniser looks domains up with
``tldextract``, which fetches a list over the network), dates of birth and prison
or case numbers. Every recogniser reports one of ``coding.anonymise.kinds``.

Nothing here loads a model; ``build_analyzer`` takes the NLP engine, so tests can
hand it a blank spaCy pipeline and check the patterns without the names model.
"""

from __future__ import annotations

import regex

from coding.anonymise import kinds

# spaCy's labels, as Presidio passes them on, and the kinds they are.
SPACY_ENTITY_KINDS = {"PERSON": kinds.PERSON, "LOCATION": kinds.PLACE, "ORGANIZATION": kinds.ORGANISATION}
SPACY_LABELS = {"PERSON": "PERSON", "GPE": "LOCATION", "LOC": "LOCATION", "FAC": "LOCATION", "ORG": "ORGANIZATION"}

_CAP = r"[A-Z][a-z'’]+(?:-[A-Z][a-z'’]+)?"
# A capitalised word that starts a sentence or a common phrase, never a place's or prison's name.
_NOT_A_NAME = (
    r"(?!(?:The|A|An|For|In|At|To|From|Of|And|But|So|My|His|Her|Their|Our|Your|That|This|Every|Each|Any|No|"
    r"Some|Open|Local|Closed|Category|Cat|Main|Big|Old|New|Women's|Men's|Adult|Private|Public|Another|"
    r"Which|What|When|Where|Then|There|It|He|She|We|They|I|You|Monday|Tuesday|Wednesday|Thursday|Friday|"
    r"Saturday|Sunday|January|February|March|April|June|July|August|September|October|November|"
    r"December|Christmas|Easter|Court|Probation|Jobcentre|Prison|Provider|Work|Day|Universal)\b)"
)
_MONTH = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
_DATE = rf"(?:\d{{1,2}}(?:st|nd|rd|th)?(?:\s+of)?\s+{_MONTH}(?:\s*,?\s*(?:19|20)\d{{2}})?|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+(?:19|20)\d{{2}}|\d{{1,2}}[/.-]\d{{1,2}}[/.-](?:19|20)?\d{{2}}|(?:19|20)\d{{2}})"
_STREET_WORDS = (
    "Road|Rd|Street|St|Lane|Ln|Avenue|Ave|Close|Drive|Dr|Way|Crescent|Terrace|Gardens|Grove|Place|Court|Hill|Row|"
    "Walk|Square|Parade|Mews|Rise|View|Green|Park Road|Estate"
)
# Prisons known by a nickname in speech; the project's own list adds the rest.
PRISON_NICKNAMES = ("the Scrubs", "Wormwood Scrubs", "the Ville", "Strangeways", "the Moor", "the Mount", "the Joy")

# (kind, name, pattern, flags). Patterns are Presidio's ``regex`` dialect: variable-width look-behind is allowed,
# so a title or "born" can anchor a find without being part of it.
PATTERNS: tuple[tuple[str, str, str, int], ...] = (
    (kinds.EMAIL, "e-mail", r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b", regex.IGNORECASE),
    # phonenumbers calls Ofcom's drama numbers (07700 900xxx) invalid; a reader still dials them: any 0 or +44
    # followed by 9-10 more digits is a number.
    (kinds.PHONE, "UK number shape", r"(?<![\d/])(?:\+44\s?(?:\(0\)\s?)?|\b0)(?:\d[ -]?){8,9}\d(?![\d/])", 0),
    (
        kinds.NI_NUMBER,
        "NI number",
        r"\b(?!BG|GB|NK|KN|NT|TN|ZZ)[A-Z]{2}[ -]?\d{2}[ -]?\d{2}[ -]?\d{2}[ -]?[A-D]\b",
        regex.IGNORECASE,
    ),
    (kinds.POSTCODE, "postcode", r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b", regex.IGNORECASE),
    (
        kinds.DATE_OF_BIRTH,
        "date after 'born' or 'DOB'",
        rf"(?<=\b(?:born|birthday|dob|d\.o\.b\.?|date of birth)\b[^.\n]{{0,30}}?){_DATE}",
        regex.IGNORECASE,
    ),
    (kinds.CASE_NUMBER, "prison number", r"\b[A-Z]\d{4}[A-Z]{2}\b", 0),
    (kinds.CASE_NUMBER, "PNC number", r"\b\d{2}/\d{1,7}[A-Z]\b", 0),
    (
        kinds.CASE_NUMBER,
        "numbered reference",
        r"(?<=\b(?:case|crn|pnc|nomis|prison|reference|ref|claim|customer)\s*(?:number|no\.?|num|ref)?\s*(?:is|was|:)?\s*)"
        r"[A-Z]{0,3}\d[\d/-]{4,}[A-Z]?\b",
        regex.IGNORECASE,
    ),
    (
        kinds.ESTABLISHMENT,
        "HMP / YOI",
        rf"\b(?:HMP\s*(?:(?:&|and)\s*YOI)?|HMYOI|YOI|HMPYOI|HM\s+Prison|HM\s+Young\s+Offender\s+Institution)\s+{_CAP}(?:\s+{_CAP})?",
        0,
    ),
    (
        kinds.ESTABLISHMENT,
        "HMP / YOI, lower case",
        r"\b(?:hmp|hmyoi|yoi)\s+[a-z]{3,}(?:\s+(?!and\b|in\b|for\b|was\b|is\b|the\b|then\b|to\b)[a-z]{3,})?",
        0,
    ),
    (
        kinds.ESTABLISHMENT,
        "named prison",
        rf"\b{_NOT_A_NAME}{_CAP}(?:\s+{_CAP})?\s+(?i:prison|young\s+offender\s+institution|yoi)\b",
        0,
    ),
    (
        kinds.ESTABLISHMENT,
        "prison nickname",
        r"\b(?:" + "|".join(regex.escape(n) for n in PRISON_NICKNAMES) + r")\b",
        regex.IGNORECASE,
    ),
    (
        kinds.STREET,
        "street",
        rf"\b(?:\d{{1,4}}[a-z]?\s+)?{_NOT_A_NAME}(?:{_CAP}\s+){{1,2}}(?:{_STREET_WORDS})\b(?![’'-])",
        0,
    ),
    # Where people say they live or were sent: "up in Wakefield", "moved to Grimsby", "I'm from Barnsley".
    (
        kinds.PLACE,
        "place after 'up in', 'from'...",
        rf"(?<=\b(?:up in|down in|over in|out in|back in|up to|down to|over to|moved to|move to|living in|live in|lived in|"
        rf"born in|grew up in|I'm from|I am from|comes from|came from|come from|originally from)\s){_NOT_A_NAME}{_CAP}"
        rf"(?:\s+{_NOT_A_NAME}{_CAP})?",
        0,
    ),
    # Someone named as the subject of a reported word: "Bethany said", "Nathan rang".
    (
        kinds.PERSON,
        "name before 'said', 'rang'...",
        rf"\b{_NOT_A_NAME}{_CAP}(?=\s+(?:said|says|told|rang|phoned|texted|reckons|reckoned|asked|"
        rf"helped|sorted|came round|picked me up)\b)",
        regex.MULTILINE,
    ),
    (
        kinds.PERSON,
        "name after a title",
        rf"(?<=\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Sir|Dame|Sister|Father|Governor|Officer|Nurse)\.?\s{{1,3}}){_CAP}(?:\s+{_CAP})?",
        0,
    ),
)


def pattern_recognisers():
    """One Presidio ``PatternRecognizer`` per pattern above, each reporting its kind."""
    from presidio_analyzer import Pattern, PatternRecognizer

    out = []
    for kind, name, pattern, flags in PATTERNS:
        out.append(
            PatternRecognizer(
                supported_entity=kind,
                name=f"{kind}: {name}",
                patterns=[Pattern(name, pattern, 0.85)],
                global_regex_flags=flags | regex.MULTILINE,
            )
        )
    return out


def phone_recogniser():
    """Presidio's phone recogniser restricted to GB numbers ("07700 900461", "+44 20 7946 0958")."""
    from presidio_analyzer.predefined_recognizers import PhoneRecognizer

    class UkPhoneRecogniser(PhoneRecognizer):
        def get_supported_entities(self):
            return [kinds.PHONE]

        def analyze(self, text, entities, nlp_artifacts=None):
            found = super().analyze(text, ["PHONE_NUMBER"], nlp_artifacts)
            for result in found:
                result.entity_type = kinds.PHONE
            return found

    return UkPhoneRecogniser(supported_regions=("GB",), leniency=1)


def nlp_configuration(model_name: str) -> dict:
    """Presidio's NLP configuration for the pinned spaCy pipeline, named as an installed package."""
    return {
        "nlp_engine_name": "spacy",
        "models": [{"lang_code": "en", "model_name": model_name}],
        "ner_model_configuration": {
            "model_to_presidio_entity_mapping": SPACY_LABELS,
            "low_score_entity_names": [],
            "labels_to_ignore": [
                "CARDINAL",
                "ORDINAL",
                "QUANTITY",
                "MONEY",
                "PERCENT",
                "TIME",
                "DATE",
                "NORP",
                "LANGUAGE",
                "LAW",
                "EVENT",
                "WORK_OF_ART",
                "PRODUCT",
            ],
        },
    }


def build_analyzer(nlp_engine):
    """A Presidio ``AnalyzerEngine`` on ``nlp_engine`` with the spaCy, phone and UK pattern recognisers only."""
    from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
    from presidio_analyzer.predefined_recognizers import SpacyRecognizer

    registry = RecognizerRegistry(supported_languages=["en"])
    registry.add_recognizer(SpacyRecognizer(supported_entities=list(SPACY_ENTITY_KINDS)))
    registry.add_recognizer(phone_recogniser())
    for recogniser in pattern_recognisers():
        registry.add_recognizer(recogniser)
    return AnalyzerEngine(registry=registry, nlp_engine=nlp_engine, supported_languages=["en"])


def spacy_engine(model_name: str):
    """Presidio's spaCy engine, loading ``model_name`` (an installed package: Presidio downloads nothing then)."""
    from presidio_analyzer.nlp_engine import NlpEngineProvider

    return NlpEngineProvider(nlp_configuration=nlp_configuration(model_name)).create_engine()


def blank_engine():
    """A spaCy engine without a names model (tokens only): for testing the patterns fast."""
    import spacy
    from presidio_analyzer.nlp_engine import NerModelConfiguration, SpacyNlpEngine

    engine = SpacyNlpEngine(
        models=[{"lang_code": "en", "model_name": "blank"}],
        ner_model_configuration=NerModelConfiguration(model_to_presidio_entity_mapping=SPACY_LABELS),
    )
    engine.nlp = {"en": spacy.blank("en")}
    return engine
