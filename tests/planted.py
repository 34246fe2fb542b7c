"""A fictional prison-leaver interview with identifiers of every kind planted as people say them.

Shared by the export gate tests and ``benchmarks/bench_identifiers.py``'s end-to-end
count. Every person, prison, number and street here is invented (the phone number is
in Ofcom's drama range, the NI number has HMRC's example prefix "QQ").
"""

from __future__ import annotations

from coding.model import Memo, Segment, Speaker, Transcript, Turn

TURNS = [
    ("amy", "Thanks for talking to me. Where were you held before release?"),
    (
        "dave",
        "HMP Wandsworth, then they shipped me up to Wakefield. Mr Okonkwo on the wing sorted my ID. "
        "My NI's QQ 12 34 56 C if you need it.",
    ),
    ("amy", "And after the gate?"),
    (
        "dave",
        "I live off Elmfield Road now, LS6 2AB. Smithy from the hostel rang me on 07700 900461, and "
        "dave brown, that's me, signed on the Monday. Email me at dave.brown77@example.org.",
    ),
    ("amy", "Anything else?"),
    (
        "dave",
        "Smith's the only one who helped. I was born on 3rd March 1987, prison number A1234BC, "
        "and I'd go back to the Scrubs before I went back to that hostel.",
    ),
]
SPEAKERS = [Speaker("amy", "Amy", "interviewer"), Speaker("dave", "Dave Brown", "respondent")]
ATTRIBUTES = {
    "respondent_type": "prisoner",
    "prison": "HMP Wandsworth",
    "mobile": "07700 900461",
    "area": "Pilot area",
    "respondent": "Dave Brown",
    "interviewer": "Amy Hollis",
}
FILE_NAME = "dave_brown_final"
MEMO = Memo("Ring Okonkwo at Wandsworth about Dave's ID", "priya")
SUMMARY = "Okonkwo at HMP Wandsworth helped with ID; hostel via Smith."

# What must never appear in an export, as written in the interview (compared without case or spacing).
PLANTED = [
    "Wandsworth",
    "Wakefield",
    "Okonkwo",
    "QQ 12 34 56 C",
    "Elmfield Road",
    "LS6 2AB",
    "Smithy",
    "07700 900461",
    "dave brown",
    "dave.brown77@example.org",
    "3rd March 1987",
    "A1234BC",
    "Scrubs",
    "Smith",
    "Amy",
    "Hollis",
    FILE_NAME,
]


def interview() -> tuple[Transcript, list[Segment]]:
    """The interview in the stored text layout ("Label: words"), with turns and codable segments."""
    labels = {"amy": "Amy: ", "dave": "Dave Brown: "}
    text, turns, segments = "", [], []
    for key, words in TURNS:
        if text:
            text += "\n\n"
        start = len(text) + len(labels[key])
        text += labels[key] + words
        turns.append(Turn(key, start, len(text)))
        role = "interviewer" if key == "amy" else "respondent"
        segments.append(Segment(len(turns) - 1, start, len(text), words, key, role=role, codable=role == "respondent"))
    transcript = Transcript(FILE_NAME, text, "txt", list(SPEAKERS), turns, "hash-planted", dict(ATTRIBUTES))
    return transcript, segments


def squeeze(text: str) -> str:
    """Lower case without spaces, hyphens or underscores: how a leak is compared."""
    return "".join(c for c in text.lower() if c not in " \t\r\n-_")


def leaks(texts: list[str]) -> list[str]:
    """The planted values found in any of the texts."""
    blob = squeeze(" ".join(texts))
    return [p for p in PLANTED if squeeze(p) in blob]
