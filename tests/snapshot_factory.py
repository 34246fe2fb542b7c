"""A small, realistic project as values, for export tests (and anyone else's).

Fictional fieldwork from an imaginary resettlement pilot: a national stakeholder, two
Provider A operational staff interviews (one of them paired) and a prisoner. Speakers
carry made-up full names so tests can prove exports never print them; the text is our
own writing.

``make_snapshot()`` returns a fresh ProjectSnapshot; ``make_snapshot(once=True)``
hands out ``codings`` as an iterable that refuses a second pass, to prove an exporter
streams them. ``coding_for(snapshot_codings, case_id, turn, theme_id)`` finds one.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import datetime, timedelta

from coding.model import Case, CodedSegment, Coverage, Frame, Memo, ProjectSnapshot, Speaker, Theme

PROJECT_NAME = "Resettlement pilot process evaluation (fictional)"
# Every real-looking name in the data: none may appear in a report export.
PERSON_NAMES = (
    "Priya Ramanathan",
    "Margaret Thornbury",
    "Declan Oyelaran",
    "Siobhan Kettleby",
    "Tomasz Wierzbicki",
    "Gary Pellington",
)
T0 = datetime(2024, 5, 1, 10, 0, 0)


def make_frames() -> list[Frame]:
    crosscutting = Frame(
        name="Cross-cutting themes",
        id="crosscutting",
        kind="crosscutting",
        themes=[
            Theme(
                "referrals",
                "Referral, attachment and handover",
                description="How prison leavers reach the provider and are handed over at release.",
                keywords=["warm handover", "referral"],
                children=[
                    Theme("warm_handover", "Warm handover at the gate", keywords=["meet at the gate"]),
                    Theme(
                        "referral_volumes",
                        "Referral volumes",
                        children=[Theme("low_volumes", "Lower than expected volumes")],
                    ),
                ],
            ),
            Theme(
                "partnership",
                "Partnership working",
                description="Working across prisons, probation, Jobcentre Plus and providers.",
                children=[
                    Theme("information_sharing", "Information sharing", keywords=["release dates"]),
                    Theme("co_location", "Co-location in prisons"),
                ],
            ),
            Theme("funding", "Funding and incentives", description="Attachment fees and outcome payments."),
        ],
    )
    guide = Frame(
        name="Provider topic guide",
        id="provider_guide",
        kind="guide",
        source="provider_guide.docx",
        metadata={"introduction": "Thank the participant and explain confidentiality."},
        themes=[
            Theme(
                "a_role",
                "A. Your role",
                kind="section",
                children=[
                    Theme("a1_role", "Can you describe your role?", kind="question", key=True),
                    Theme("a2_tenure", "How long have you worked with prison leavers?", kind="question"),
                ],
            ),
            Theme(
                "b_delivery",
                "B. Delivering support",
                kind="section",
                routing="For providers in pilot areas only",
                children=[
                    Theme(
                        "b1_first_contact",
                        "How do you first make contact with a prison leaver?",
                        kind="question",
                        key=True,
                        probes=["At the gate?", "Before release?"],
                        maps_to=["warm_handover"],
                    ),
                    Theme("b2_barriers", "What gets in the way?", kind="question"),
                ],
            ),
        ],
    )
    return [crosscutting, guide]


# (case id, name, attributes, format, speakers, turns: (speaker key, words, seconds or None))
_PRIYA = Speaker("priya_ramanathan", "Priya Ramanathan", "interviewer")
_CASES = [
    (
        1,
        "stakeholder_01",
        {"respondent_type": "stakeholder", "wave": "1", "interviewer": "Priya Ramanathan"},
        "docx",
        [_PRIYA, Speaker("margaret_thornbury", "Margaret Thornbury", "respondent")],
        [
            ("priya_ramanathan", "Thanks for making time today. Could you start with your part in the pilot?", None),
            (
                "margaret_thornbury",
                "I sat on the programme board from the start, so I saw the design decisions being made and the arguments about payment by results.",
                None,
            ),
            ("priya_ramanathan", "How well has the referral process worked?", None),
            (
                "margaret_thornbury",
                "Honestly the referral numbers were far lower than anyone modelled. We expected a steady flow from the two prisons and it was a trickle for the first six months.",
                None,
            ),
            ("priya_ramanathan", "Why do you think that was?", None),
            (
                "margaret_thornbury",
                "Part of it was information sharing. The prisons could not send release dates across quickly enough, so the providers only heard about people after they had already walked out of the gate.",
                None,
            ),
            ("priya_ramanathan", "And the funding model?", None),
            (
                "margaret_thornbury",
                "The attachment fee mattered more than the outcome payment. Without money up front nobody could afford to put specialist staff in place.",
                None,
            ),
        ],
    ),
    (
        2,
        "providerA_ops_01",
        {
            "case_label": "Case 2",
            "provider": "Provider A",
            "respondent_type": "operational staff",
            "area": "pilot area",
            "wave": "1",
        },
        "vtt",
        [_PRIYA, Speaker("declan_oyelaran", "Declan Oyelaran", "respondent")],
        [
            ("priya_ramanathan", "Can you describe your role?", 0.0),
            (
                "declan_oyelaran",
                "I am a resettlement caseworker, so I pick people up in the last few weeks before release and stay with them for the first three months outside.",
                4.5,
            ),
            ("priya_ramanathan", "How do you first make contact with a prison leaver?", 31.0),
            (
                "declan_oyelaran",
                "We try to meet everyone at the gate. When it works, the person walks out and I am standing there with a bus pass and an appointment at the jobcentre that same afternoon.",
                36.2,
            ),
            ("priya_ramanathan", "What gets in the way?", 70.0),
            (
                "declan_oyelaran",
                "Late notice. Sometimes we get the release list the evening before, and then there is no chance of a meeting at the gate.",
                75.8,
            ),
            ("priya_ramanathan", "And working with the prison staff?", 745.0),
            (
                "declan_oyelaran",
                "Having a desk inside the prison changed everything. The officers know my face now and they will walk someone over to me.",
                751.0,
            ),
        ],
    ),
    (
        3,
        "providerA_ops_02",
        {
            "case_label": "Case 3",
            "provider": "Provider A",
            "respondent_type": "operational staff",
            "area": "pilot area",
            "wave": "1",
        },
        "vtt",
        [
            _PRIYA,
            Speaker("siobhan_kettleby", "Siobhan Kettleby", "respondent"),
            Speaker("tomasz_wierzbicki", "Tomasz Wierzbicki", "respondent"),
        ],
        [
            ("priya_ramanathan", "Could you both tell me what your teams do?", 0.0),
            (
                "siobhan_kettleby",
                "I manage the employment advisers who work with pilot customers across both prisons.",
                3.0,
            ),
            (
                "tomasz_wierzbicki",
                "And I run the specialist mentoring contract that we brought in because of the extra funding from the pilot.",
                15.0,
            ),
            ("priya_ramanathan", "Has the pilot changed how you work with other organisations?", 40.0),
            (
                "siobhan_kettleby",
                "We share a weekly list of everyone due out with the probation team now, which we never did before the pilot started.",
                46.0,
            ),
            (
                "tomasz_wierzbicki",
                "It feels more like a partnership now, less like a contract. People pick up the phone to each other.",
                80.0,
            ),
            ("priya_ramanathan", "Any worries about the future?", 110.0),
            (
                "tomasz_wierzbicki",
                "If the referrals stay this low we cannot keep paying specialist mentors, the sums just do not add up.",
                118.0,
            ),
        ],
    ),
    (
        4,
        "prisoner_01",
        {
            "respondent_type": "prisoner",
            "area": "pilot area",
            "wave": "1",
            "respondent_name": "Gary Pellington",
            "interviewer": "Priya Ramanathan",
        },
        "txt",
        [_PRIYA, Speaker("gary_pellington", "Gary Pellington", "respondent")],
        [
            ("priya_ramanathan", "Did anyone talk to you about work before you were released?", None),
            (
                "gary_pellington",
                "Someone from the provider came to see me on the wing. I did not really take it in at the time, I had other things on my mind.",
                None,
            ),
            ("priya_ramanathan", "What happened on the day you got out?", None),
            (
                "gary_pellington",
                "There was a woman waiting at the gate with my paperwork. That helped, to be honest, otherwise I would have gone straight back to my old mates.",
                None,
            ),
            ("priya_ramanathan", "Anything else you want to say about it?", None),
            ("gary_pellington", "Not really, no.", None),
        ],
    ),
]

# (case id, turn number (1-based), theme id, status, coder, source, score)
_CODINGS = [
    (1, 4, "low_volumes", "confirmed", "ana", "human", None),
    (1, 6, "information_sharing", "confirmed", "ana", "human", None),
    (1, 6, "warm_handover", "suggested", "suggester", "model", 0.62),
    (1, 8, "funding", "confirmed", "ben", "human", None),
    (2, 2, "a1_role", "confirmed", "ana", "human", None),
    (2, 4, "warm_handover", "confirmed", "ana", "model", 0.81),
    (2, 4, "b1_first_contact", "confirmed", "ana", "human", None),
    (2, 6, "information_sharing", "confirmed", "ben", "human", None),
    (2, 6, "b2_barriers", "confirmed", "ben", "human", None),
    (2, 6, "warm_handover", "suggested", "suggester", "model", 0.55),
    (2, 8, "co_location", "confirmed", "ana", "human", None),
    (3, 2, "a1_role", "confirmed", "ben", "human", None),
    (3, 3, "funding", "confirmed", "ana", "human", None),
    (3, 5, "information_sharing", "confirmed", "ben", "human", None),
    (3, 6, "partnership", "confirmed", "ana", "human", None),
    (3, 8, "low_volumes", "confirmed", "ana", "human", None),
    (3, 8, "funding", "suggested", "suggester", "model", 0.71),
    (4, 2, "warm_handover", "confirmed", "ben", "human", None),
    (4, 4, "warm_handover", "confirmed", "ana", "human", None),
    (4, 4, "funding", "rejected", "ana", "model", 0.40),
    (4, 6, "warm_handover", "confirmed", "ana", "human", None),
]


def _build_case(
    case_id, name, attributes, fmt, speakers, turns
) -> tuple[Case, list[tuple[int, int, str, float | None]]]:
    labels = {s.key: s.label for s in speakers}
    text, spans = "", []
    for key, words, seconds in turns:
        text += f"{labels[key]}: "
        spans.append((len(text), len(text) + len(words), key, seconds))
        text += words + "\n\n"
    return Case(case_id, name, text, dict(attributes), fmt, list(speakers)), spans


class OnceOnly:
    """An iterable that can be walked once, like rows streamed from a database."""

    def __init__(self, items: Iterable):
        self._items = list(items)
        self.passes = 0

    def __iter__(self) -> Iterator:
        self.passes += 1
        if self.passes > 1:
            raise AssertionError("codings were iterated more than once")
        return iter(self._items)


def make_cases_and_codings() -> tuple[list[Case], list[CodedSegment]]:
    cases, spans_of = [], {}
    for spec in _CASES:
        case, spans = _build_case(*spec)
        cases.append(case)
        spans_of[case.id] = (case, spans)
    codings = []
    for n, (case_id, turn, theme_id, status, coder, source, score) in enumerate(_CODINGS):
        case, spans = spans_of[case_id]
        start, end, speaker, seconds = spans[turn - 1]
        codings.append(
            CodedSegment(
                case_id=case_id,
                segment_id=case_id * 100 + turn,
                speaker=speaker,
                role=case.speakers[[s.key for s in case.speakers].index(speaker)].role,
                text=case.text[start:end],
                start=start,
                end=end,
                theme_id=theme_id,
                status=status,
                coder=coder,
                source=source,
                score=score,
                time_start=seconds,
                time_end=seconds + 20.0 if seconds is not None else None,
                created_at=T0 + timedelta(minutes=n),
                paragraph=turn,
            )
        )
    return cases, codings


def make_snapshot(once: bool = False) -> ProjectSnapshot:
    cases, codings = make_cases_and_codings()
    return ProjectSnapshot(
        name=PROJECT_NAME,
        frames=make_frames(),
        cases=cases,
        codings=OnceOnly(codings) if once else codings,
        memos=[
            Memo(
                "Low volumes come up in every provider interview; check against the MI.",
                "ana",
                theme_id="referral_volumes",
                created_at=T0 + timedelta(hours=1),
                id=1,
            ),
            Memo(
                "A clear example of a warm handover working.",
                "ben",
                segment_id=404,
                transcript_id=4,
                created_at=T0 + timedelta(hours=2),
                id=2,
            ),
            Memo(
                "Paired interview: the two respondents sometimes disagree.",
                "ana",
                transcript_id=3,
                created_at=T0 + timedelta(hours=3),
                id=3,
            ),
            Memo("Wave 2 should ask how the pilot ended.", "ana", created_at=T0 + timedelta(hours=4), id=4),
        ],
        summaries={
            (2, "referrals"): "Gate meetings work when notice is given; late release lists are the main barrier.",
            (3, "partnership"): "Weekly shared release list with probation; relationships feel less contractual.",
            (1, "funding"): "Attachment fee seen as essential to fund specialist staff.",
        },
        coverage={
            2: Coverage(
                "providerA_ops_01",
                questions_asked=["a1_role", "b1_first_contact", "b2_barriers"],
                sections_asked=["a_role", "b_delivery"],
            ),
            3: Coverage(
                "providerA_ops_02",
                questions_asked=["a1_role"],
                sections_asked=["a_role"],
                key_questions_missed=["b1_first_contact"],
            ),
        },
        coders=["ana", "ben", "suggester"],
    )


def coding_for(codings: Iterable[CodedSegment], case_id: int, turn: int, theme_id: str) -> CodedSegment:
    return next(c for c in codings if c.case_id == case_id and c.paragraph == turn and c.theme_id == theme_id)
