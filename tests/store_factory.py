"""Small realistic projects built straight through the store, for store and service tests."""

from __future__ import annotations

from coding.model import Frame, Segment, Speaker, Suggestion, Theme, Transcript, Turn
from coding.store import codes, projects, transcripts
from coding.store.db import Store

ANSWERS = [
    (
        "How were you referred to the programme?",
        "Jobcentre sent me a letter the week I got out. Nobody met me at the gate, I just turned up.",
    ),
    (
        "And what happened when you missed an appointment?",
        "They sanctioned me for four weeks. I was in a hostel with no money, so it made everything worse.",
    ),
    (
        "Has the provider helped you look for work?",
        "My adviser rang a warehouse for me and I told them about my record. I start on Monday.",
    ),
]


def themes_frame() -> Frame:
    return Frame(
        name="Cross-cutting themes",
        kind="crosscutting",
        themes=[
            Theme("referrals", "Referral, attachment and handover", keywords=["warm handover", "meeting at the gates"]),
            Theme("sanctions", "Conditionality and sanctions", keywords=["sanctioning"]),
            Theme(
                "employer_engagement",
                "Employer engagement",
                keywords=["work with employers"],
                children=[Theme("disclosure", "Disclosure of convictions")],
            ),
        ],
    )


def interview(name: str = "Prisoner interview 1", salt: str = "") -> tuple[Transcript, list[Segment]]:
    """A three-question interview in the workbench's stored text layout, with exact offsets."""
    text, turns, segments = "", [], []
    for question, answer in ANSWERS:
        for speaker, words in (("interviewer", question), ("r", answer)):
            label = "Interviewer: " if speaker == "interviewer" else "R: "
            if text:
                text += "\n\n"
            start = len(text) + len(label)
            text += label + words
            turns.append(Turn(speaker, start, len(text)))
            segments.append(
                Segment(
                    len(turns) - 1,
                    start,
                    len(text),
                    words,
                    speaker,
                    role="interviewer" if speaker == "interviewer" else "respondent",
                    codable=speaker != "interviewer",
                )
            )
    transcript = Transcript(
        name=name,
        text=text,
        format="txt",
        speakers=[Speaker("interviewer", "Interviewer", "interviewer"), Speaker("r", "R", "respondent")],
        turns=turns,
        source_hash=f"hash-{name}-{salt}",
        attributes={"respondent_type": "prisoner", "area": "Pilot area"},
    )
    return transcript, segments


def small_project(store: Store, name: str = "Demo") -> tuple[int, int, list[Segment]]:
    """A project with the themes frame, one interview and model suggestions on its answers."""
    project_id = projects.create_project(store, name)
    projects.save_frame(store, project_id, themes_frame())
    transcript, segments = interview()
    transcript_id = transcripts.save_transcript(store, project_id, transcript, segments)
    stored = transcripts.load_segments(store, transcript_id, codable_only=True)
    suggested = {
        stored[0].id: [Suggestion("referrals", 0.81, "mentions 'the gate'"), Suggestion("sanctions", 0.12, "weak")],
        stored[1].id: [Suggestion("sanctions", 0.92, "keyword 'sanctioned'")],
        stored[2].id: [Suggestion("employer_engagement", 0.64, "keyword 'record'")],
    }
    codes.put_suggestions(store, project_id, suggested, "all-MiniLM-L6-v2")
    return project_id, transcript_id, stored
