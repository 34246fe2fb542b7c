"""How reports attribute a quote: "(Provider A, operational staff)", "(prisoner, pilot area)".

UK evaluation reports attribute a quote to the kind of person who said it, never to
the person, and with as few details as tell the reader who is speaking (every extra
detail makes a respondent easier to recognise). The attribution is built from a
case's attributes:

1. the organisation (``provider``, ``organisation``, ``organization``, ``agency``, ``org``),
2. the respondent type (``respondent_type``, ``role``, ``type``, ``group``),
3. the area (``area``, ``site``, ``region``, ``location``, ``setting``), only when there
   is no organisation: an organisation already places staff, while prisoners and
   claimants are placed by their area.

Nothing else is added: no names, interviewer, dates, wave or other attributes. A case
can override the whole thing with an ``attribution`` attribute ("Jobcentre Plus, work
coach"). Keys are matched case-insensitively.

>>> attribution({"respondent_type": "operational staff", "provider": "Provider A", "area": "pilot area"})
'(Provider A, operational staff)'
>>> attribution({"respondent_type": "prisoner", "area": "pilot area", "name": "J. Bloggs"})
'(prisoner, pilot area)'
"""

from __future__ import annotations

# The privacy rule lives with the anonymiser; exporters ask it which attributes to drop.
from coding.anonymise.privacy import is_identifying_key  # noqa: F401  (re-exported for exporters)

ORGANISATION_KEYS = ("provider", "organisation", "organization", "agency", "org")
RESPONDENT_TYPE_KEYS = ("respondent_type", "role", "type", "group")
AREA_KEYS = ("area", "site", "region", "location", "setting")

DEFAULT_ATTRIBUTION = "(interviewee)"


def _first(attributes: dict[str, str], keys: tuple[str, ...]) -> tuple[str | None, str]:
    lowered = {k.lower(): k for k in attributes}
    for key in keys:
        original = lowered.get(key)
        if original is not None and str(attributes[original]).strip():
            return original, " ".join(str(attributes[original]).split())
    return None, ""


def attribution_parts(attributes: dict[str, str]) -> list[str]:
    """The attribution's parts in report order, without blanks or repeats."""
    _, organisation = _first(attributes, ORGANISATION_KEYS)
    _, kind = _first(attributes, RESPONDENT_TYPE_KEYS)
    area = "" if organisation else _first(attributes, AREA_KEYS)[1]
    parts: list[str] = []
    for part in (organisation, kind, area):
        if part and part.lower() not in {p.lower() for p in parts}:
            parts.append(part)
    return parts


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
