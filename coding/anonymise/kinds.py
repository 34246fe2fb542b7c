"""The kinds of direct identifier the workbench looks for, and what each becomes in an export.

One home for the kinds: detection labels what it finds with these, placeholders are
made from them, the review page groups by them and the export gate reports them.
Counted kinds get a numbered or lettered placeholder ("[Person 2]", "[Prison A]"),
so a reader can tell two prisons apart without learning either; the rest become
one fixed placeholder ("[phone number]"), because telling two phone numbers apart
tells a reader nothing.

>>> placeholder(ESTABLISHMENT, 1), placeholder(PLACE, 2), placeholder(PHONE, 7)
('[Prison A]', '[Place 2]', '[phone number]')
"""

from __future__ import annotations

PERSON = "person"
ORGANISATION = "organisation"
PLACE = "place"
ESTABLISHMENT = "prison or establishment"
STREET = "street"
POSTCODE = "postcode"
PHONE = "phone number"
EMAIL = "e-mail address"
NI_NUMBER = "NI number"
DATE_OF_BIRTH = "date of birth"
CASE_NUMBER = "case or prison number"

# The order the review lists kinds in, and the order overlapping finds of equal length are settled in:
# a pattern (phone, postcode) is surer than a list, a list surer than the names model.
KINDS = (
    EMAIL,
    PHONE,
    NI_NUMBER,
    POSTCODE,
    DATE_OF_BIRTH,
    CASE_NUMBER,
    ESTABLISHMENT,
    STREET,
    PERSON,
    ORGANISATION,
    PLACE,
)
PATTERN_KINDS = frozenset({EMAIL, PHONE, NI_NUMBER, POSTCODE, DATE_OF_BIRTH, CASE_NUMBER})

_COUNTED = {
    PERSON: ("Person", "number"),
    ORGANISATION: ("Organisation", "letter"),
    PLACE: ("Place", "number"),
    ESTABLISHMENT: ("Prison", "letter"),
    STREET: ("Street", "number"),
}


def _letters(n: int) -> str:
    """1 -> A, 26 -> Z, 27 -> AA: spreadsheet-style letters."""
    out = ""
    while n > 0:
        n, rest = divmod(n - 1, 26)
        out = chr(ord("A") + rest) + out
    return out


def placeholder(kind: str, n: int) -> str:
    """The ``n``-th (from 1) distinct value of ``kind`` as it appears in an export."""
    if kind not in _COUNTED:
        return f"[{kind}]"
    word, style = _COUNTED[kind]
    return f"[{word} {_letters(n) if style == 'letter' else n}]"


def is_counted(kind: str) -> bool:
    return kind in _COUNTED
