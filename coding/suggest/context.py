"""The question an answer responds to, as the interviewer put it: the context a suggestion reads.

An answer often does not name its topic ("Twice, yes."); the interviewer's turn before it does.
``Suggester.context_scores`` scores that turn against the themes and ``Suggester.suggest(context=...)``
adds it at ``scorer.CONTEXT_SHARE``.

An elliptical follow-up ("And from the prisoners' point of view?") names no topic either. The
aligner matches it to no guide question, so the answers after it keep the question asked before
(``align.carry_questions``): they get that question's themes. ``question_turns`` says which turns
such an answer reads as its question: the follow-up just before it, and the turn that asked the
question it carries. ``context_matrix`` turns those turns' theme scores into one row per answer
(which answers read which turns: ``CONTEXT_TURNS``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from coding.model import Role, Segment, Transcript

# Which answers read which turns of their question (benchmarks/cv_question_context.py): "before" the
# interviewer's turn just before the answer; "asking" the turn that asked the question it carries;
# "both" the mean of the two where they differ; "follow-ups" both, but only for an answer no guide
# question was aligned to or whose question was carried over a follow-up. Grouped CV over the demo
# and quote interviews: reading the turns for every aligned answer helped the demo interviews and
# cost the quote interviews, so an answer asked a guide question directly reads only its themes.
CONTEXT_TURNS = "follow-ups"


@dataclass(frozen=True)
class QuestionTurns:
    """The interviewer turns (indexes into the transcript's turns) an answer's question was asked in.

    ``before``: the last interviewer turn before the answer; ``asking``: the turn that asked the
    guide question the answer carries (the same turn unless follow-ups came in between). None when
    there is no such turn (an answer before any interviewer turn). ``question``: the answer's guide
    question (None when none was aligned).
    """

    before: int | None
    asking: int | None
    question: str | None = None


def question_turns(segments: Sequence[Segment]) -> list[QuestionTurns]:
    """Per codable segment of one interview (``segments``: all of them, interviewer turns too, in
    text order), the turns its question was asked in.

    An answer whose guide question is the same as the answer before it's carries it over the
    interviewer turns in between (follow-ups the aligner matched to nothing, or the same question
    asked again), so its asking turn is that earlier answer's. An answer with no guide question reads
    only the turn before it.

    >>> seg = lambda turn, role="respondent", q=None: Segment(turn, 0, 0, "", "s", role, question_id=q,
    ...                                                      codable=role == "respondent")
    >>> for turns in question_turns([seg(0, "interviewer"), seg(1, q="q1"), seg(2, "interviewer"), seg(3, q="q1"),
    ...                              seg(4, "interviewer"), seg(5, q="q2"), seg(6, "interviewer"), seg(7)]):
    ...     print(turns)
    QuestionTurns(before=0, asking=0, question='q1')
    QuestionTurns(before=2, asking=0, question='q1')
    QuestionTurns(before=4, asking=4, question='q2')
    QuestionTurns(before=6, asking=6, question=None)
    """
    out: list[QuestionTurns] = []
    last_asked: int | None = None
    previous: tuple[str | None, int | None] = (None, None)  # the last answer's (question, asking turn)
    for seg in segments:
        if not seg.codable:
            if seg.role == Role.INTERVIEWER:
                last_asked = seg.turn_index
            continue
        carried = seg.question_id is not None and seg.question_id == previous[0]
        turns = QuestionTurns(last_asked, previous[1] if carried else last_asked, seg.question_id)
        previous = (seg.question_id, turns.asking)
        out.append(turns)
    return out


def context_matrix(
    turn_scores: dict[int, np.ndarray], turns: Sequence[QuestionTurns], width: int, mode: str = CONTEXT_TURNS
) -> np.ndarray:
    """One row of theme scores per answer from the scores of the turns ``mode`` reads (``turn_scores``:
    turn index -> that turn's theme scores); zeros where no turn was read.

    >>> scores = {0: np.array([1.0, 0.0]), 2: np.array([0.0, 0.5]), 4: np.array([0.25, 0.25])}
    >>> after_follow_up, asked, unaligned = QuestionTurns(2, 0, "q1"), QuestionTurns(4, 4, "q2"), QuestionTurns(4, 4)
    >>> context_matrix(scores, [after_follow_up, asked, unaligned, QuestionTurns(None, None)], 2).tolist()
    [[0.5, 0.25], [0.0, 0.0], [0.25, 0.25], [0.0, 0.0]]
    >>> context_matrix(scores, [after_follow_up, asked], 2, mode="before").tolist()
    [[0.0, 0.5], [0.25, 0.25]]
    """
    out = np.zeros((len(turns), width), dtype=np.float32)
    for i, t in enumerate(turns):
        rows = [turn_scores[k] for k in turns_read(t, mode) if k in turn_scores]
        if rows:
            out[i] = np.mean(rows, axis=0)
    return out


def turns_read(turns: QuestionTurns, mode: str = CONTEXT_TURNS) -> list[int]:
    """The interviewer turns ``mode`` reads for one answer (``context_matrix`` averages their scores)."""
    if mode == "follow-ups":
        picked = [turns.before, turns.asking] if turns.question is None or turns.before != turns.asking else []
    else:
        picked = {"before": [turns.before], "asking": [turns.asking], "both": [turns.before, turns.asking]}[mode]
    return [k for k in dict.fromkeys(picked) if k is not None]


def segments_to_encode(segments: Sequence[Segment], mode: str = CONTEXT_TURNS) -> list[Segment]:
    """Of one interview's segments (all of them, in text order), the ones whose vectors suggesting
    reads: every answer, and the interviewer turns its answers read as their question.

    >>> seg = lambda turn, role="respondent", q=None: Segment(turn, 0, 0, "", "s", role, question_id=q,
    ...                                                      codable=role == "respondent")
    >>> [s.turn_index for s in segments_to_encode([seg(0, "interviewer"), seg(1, q="q1"), seg(2, "interviewer"),
    ...                                            seg(3, q="q1"), seg(4, "interviewer"), seg(5, q="q2")])]
    [0, 1, 2, 3, 5]
    """
    read = {k for turns in question_turns(segments) for k in turns_read(turns, mode)}
    return [s for s in segments if s.codable or (s.role == Role.INTERVIEWER and s.turn_index in read)]


def asked_before(transcript: Transcript, turn_index: int) -> str | None:
    """The text of the last interviewer turn before turn ``turn_index`` (None when there is none).

    >>> from coding.model import Speaker, Turn
    >>> t = Transcript("x", "I: Any sanctions?R: Twice.", "txt", [Speaker("i", "I", "interviewer"), Speaker("r", "R")],
    ...                [Turn("i", 3, 17), Turn("r", 20, 26)])
    >>> asked_before(t, 1), asked_before(t, 0)
    ('Any sanctions?', None)
    """
    for index in range(min(turn_index, len(transcript.turns)) - 1, -1, -1):
        turn = transcript.turns[index]
        if transcript.role_of(turn.speaker) == Role.INTERVIEWER:
            text = transcript.turn_text(turn).strip()
            return text or None
    return None
