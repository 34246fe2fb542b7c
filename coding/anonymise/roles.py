"""What exports call speakers and cases: role pseudonyms, never the names in a transcript.

A speaker becomes "Interviewer" or "Respondent"; in a paired (or group) interview the
second and later respondents are "Respondent 2", "Respondent 3", … in the order the
case lists its speakers (likewise "Interviewer 2" for a second interviewer). A case is
called by its ``case_label`` attribute when it has one, otherwise by its name (the
transcript's file stem), so a team that names files after people sets ``case_label``.

>>> from coding.model import Case, Speaker
>>> case = Case(1, "int_07", "", speakers=[Speaker("amy", "Amy", "interviewer"),
...     Speaker("raj", "Raj", "respondent"), Speaker("lee", "Lee", "respondent")])
>>> [speaker_pseudonym(case, k) for k in ("amy", "raj", "lee")]
['Interviewer', 'Respondent', 'Respondent 2']
"""

from __future__ import annotations

from coding.model import Case

UNKNOWN_SPEAKER = "Other speaker"


def _numbered(base: str, index: int) -> str:
    return base if index == 0 else f"{base} {index + 1}"


def speaker_pseudonym(case: Case, speaker_key: str) -> str:
    """The pseudonym of ``speaker_key`` in ``case``: its role, numbered from the second on.

    A transcript without speakers is one respondent's account, so every key is
    "Respondent"; a key the case does not list is "Interviewer" if it is literally
    the interviewer role, else "Other speaker" (never the key itself: it may be a name).
    """
    counts = {"interviewer": 0, "respondent": 0}
    for speaker in case.speakers:
        role = "interviewer" if speaker.role == "interviewer" else "respondent"
        if speaker.key == speaker_key:
            return _numbered(role.capitalize(), counts[role])
        counts[role] += 1
    if (speaker_key or "").strip().lower() == "interviewer":
        return "Interviewer"
    if not case.speakers:
        return "Respondent"
    return UNKNOWN_SPEAKER


def case_label(case: Case) -> str:
    """The name exports give a case: ``case_label`` if set, else the case (file) name."""
    label = str(case.attributes.get("case_label", "") or "").strip()
    return label or case.name
