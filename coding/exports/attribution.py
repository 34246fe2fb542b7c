"""How reports attribute a quote: "(Provider A, operational staff)", "(prisoner, pilot area)".

UK evaluation reports attribute a quote to the kind of person who said it, never to
the person. The attribution is built from a case's attributes in a fixed order:

1. the organisation (``provider``, ``organisation``, ``organization``, ``agency``, ``org``)
2. the respondent type (``respondent_type``, ``role``, ``type``, ``group``)
3. the area (``area``, ``site``, ``region``, ``location``, ``setting``)
4. any other attribute, in the case's own order,

skipping identifying and administrative keys (names, interviewer, contact details,
dates, ids, wave, notes: see ``is_identifying_key`` and ``_ADMIN_WORDS``). A case can
override the whole thing with an ``attribution`` attribute.

>>> attribution({"respondent_type": "operational staff", "provider": "Provider A"})
'(Provider A, operational staff)'
>>> attribution({"respondent_type": "prisoner", "area": "pilot area", "name": "J. Bloggs"})
'(prisoner, pilot area)'
"""

from __future__ import annotations

import re

ORGANISATION_KEYS = ("provider", "organisation", "organization", "agency", "org")
RESPONDENT_TYPE_KEYS = ("respondent_type", "role", "type", "group")
AREA_KEYS = ("area", "site", "region", "location", "setting")
_ALL_KNOWN = set(ORGANISATION_KEYS + RESPONDENT_TYPE_KEYS + AREA_KEYS)

# Words in a key that mark an attribute holding a person's identity.
_IDENTIFYING_WORDS = ("name", "interviewer", "email", "phone", "address", "postcode", "dob", "birth")
# Keys that describe the fieldwork rather than the respondent: never part of an attribution.
_ADMIN_WORDS = ("date", "time", "id", "label", "wave", "file", "source", "note", "comment", "consent", "attribution")
DEFAULT_ATTRIBUTION = "(interviewee)"


def _words(key: str) -> list[str]:
    return [w for w in re.split(r"[^a-z0-9]+", key.lower()) if w]


def is_identifying_key(key: str) -> bool:
    """True for attributes that hold a person's name or contact details.

    Exports drop these everywhere (attribution, matrix columns, long format).

    >>> [is_identifying_key(k) for k in ("respondent_name", "Interviewer", "area")]
    [True, True, False]
    """
    words = _words(key)
    joined = "".join(words)
    return any(w in words or joined.endswith(w) for w in _IDENTIFYING_WORDS) or joined in {"name", "fullname"}


def _is_admin_key(key: str) -> bool:
    words = _words(key)
    return any(w in words for w in _ADMIN_WORDS)


def _first(attributes: dict[str, str], keys: tuple[str, ...]) -> tuple[str | None, str]:
    lowered = {k.lower(): k for k in attributes}
    for key in keys:
        original = lowered.get(key)
        if original is not None and str(attributes[original]).strip():
            return original, " ".join(str(attributes[original]).split())
    return None, ""


def attribution_parts(attributes: dict[str, str]) -> list[str]:
    """The attribution's parts in report order, without duplicates or blanks."""
    used: set[str] = set()
    parts: list[str] = []
    for keys in (ORGANISATION_KEYS, RESPONDENT_TYPE_KEYS, AREA_KEYS):
        key, value = _first(attributes, keys)
        if key is not None:
            used.add(key)
            parts.append(value)
    for key, value in attributes.items():
        if key in used or is_identifying_key(key) or _is_admin_key(key) or key.lower() in _ALL_KNOWN:
            continue
        value = " ".join(str(value).split())
        if value:
            parts.append(value)
    seen: set[str] = set()
    unique = []
    for part in parts:
        if part.lower() not in seen:
            seen.add(part.lower())
            unique.append(part)
    return unique



def attribution(attributes: dict[str, str]) -> str:
    """The report-style attribution of a case, in brackets; never a person's name.

    >>> attribution({"respondent_type": "stakeholder", "wave": "1", "interviewer": "A. Khan"})
    '(stakeholder)'
    >>> attribution({})
    '(interviewee)'
    """
    override = next((v for k, v in attributes.items() if k.lower() == "attribution" and str(v).strip()), None)
    if override is not None:
        text = " ".join(str(override).split()).strip("()")
        return f"({text})"
    parts = attribution_parts(attributes)
    return f"({', '.join(parts)})" if parts else DEFAULT_ATTRIBUTION


def respondent_group(attributes: dict[str, str]) -> str:
    """Who a case is, for counts in headers: organisation and respondent type.

    >>> respondent_group({"provider": "Provider A", "respondent_type": "operational staff", "area": "north"})
    'Provider A operational staff'
    """
    _, organisation = _first(attributes, ORGANISATION_KEYS)
    _, kind = _first(attributes, RESPONDENT_TYPE_KEYS)
    text = " ".join(p for p in (organisation, kind) if p)
    return text or DEFAULT_ATTRIBUTION.strip("()")


def respondent_type(attributes: dict[str, str]) -> str:
    """The respondent type alone ('' when the case has none), for filters."""
    return _first(attributes, RESPONDENT_TYPE_KEYS)[1]
