"""Which case attributes hold identifiers, and of what kind: the privacy rule for attribute keys.

Exports drop identifying attributes everywhere (attribution, matrix columns, long
format, REFI-QDA variables) and the detector treats their values as the project's
own lists of names, establishments, places and numbers. The rule reads the words
of a key, so ``respondent_name``, ``Interviewer``, ``prison``, ``nino`` and
``mobile`` all count; ``respondent_type`` and ``wave`` do not.

Areas, regions and sites are *not* dropped from exports (a report says "pilot
area"), but their values are still places: ``key_kind`` says so, so a real town
written in an area attribute is replaced in the text and by the export label.

>>> [is_identifying_key(k) for k in ("respondent_name", "Interviewer", "area", "Respondent", "respondent_type")]
[True, True, False, True, False]
>>> [is_identifying_key(k) for k in ("prison", "nino", "mobile", "Date of birth", "wave")]
[True, True, True, True, False]
>>> [key_kind(k) for k in ("prison", "staff_name", "area", "nino", "wave")]
['prison or establishment', 'person', 'place', 'NI number', None]
"""

from __future__ import annotations

import re

from coding.anonymise import kinds

# Words in a key that mark an attribute holding a person's identity or contact details.
_IDENTIFYING_WORDS = (
    "name",
    "interviewer",
    "email",
    "phone",
    "mobile",
    "telephone",
    "tel",
    "address",
    "postcode",
    "dob",
    "birth",
    "nino",
    "ni",
    "insurance",
    "prison",
    "establishment",
    "hmp",
    "yoi",
    "employer",
    "street",
    "town",
    "village",
    "nomis",
    "prn",
    "crn",
    "pnc",
)
# Keys that are just the person ("respondent: Graham Whitfield", as transcript headers write it).
_PERSON_KEYS = {
    "name",
    "fullname",
    "respondent",
    "interviewee",
    "participant",
    "person",
    "speaker",
    "staffmember",
    "staff",
    "adviser",
    "advisor",
    "caseworker",
    "keyworker",
    "mentor",
    "officer",
}
_KEY_KINDS = (  # first match wins
    (("email",), kinds.EMAIL),
    (("phone", "mobile", "telephone", "tel"), kinds.PHONE),
    (("nino", "ni", "insurance"), kinds.NI_NUMBER),
    (("postcode",), kinds.POSTCODE),
    (("dob", "birth"), kinds.DATE_OF_BIRTH),
    (("nomis", "prn", "crn", "pnc"), kinds.CASE_NUMBER),
    (("prison", "establishment", "hmp", "yoi"), kinds.ESTABLISHMENT),
    (("street", "address"), kinds.STREET),
    (("employer", "organisation", "organization", "company", "agency"), kinds.ORGANISATION),
    (("town", "village", "city", "area", "region", "site", "location"), kinds.PLACE),
)


def _words(key: str) -> list[str]:
    return [w for w in re.split(r"[^a-z0-9]+", key.lower()) if w]


def is_identifying_key(key: str) -> bool:
    """True for attributes that hold a person's name, contact details or another direct identifier."""
    words = _words(key)
    joined = "".join(words)
    if joined in _PERSON_KEYS:
        return True
    return any(w in words or (len(w) > 3 and joined.endswith(w)) for w in _IDENTIFYING_WORDS)


def key_kind(key: str) -> str | None:
    """The kind of identifier an attribute's value is, or None for a plain attribute.

    Person keys (``respondent``, ``interviewer``, ``*_name``) are people; otherwise the
    key's words decide.
    """
    words = _words(key)
    joined = "".join(words)
    for markers, kind in _KEY_KINDS:
        if any(m in words or (len(m) > 3 and joined.endswith(m)) for m in markers):
            return kind
    if joined in _PERSON_KEYS or "interviewer" in words or "name" in words or joined.endswith("name"):
        return kinds.PERSON
    return None
