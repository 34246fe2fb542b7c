"""The question an answer responds to, as the interviewer put it: the context a suggestion reads.

An answer often does not name its topic ("Twice, yes."); the interviewer's turn before it does.
``Suggester.suggest(contexts=...)`` scores that turn's text against the themes and adds it at
``scorer.CONTEXT_SHARE``; an elliptical follow-up the aligner could not place ("What about out in
the community?") is itself such a turn, so the answer after it is read with its own words.
"""

from __future__ import annotations

from coding.model import Role, Transcript


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
