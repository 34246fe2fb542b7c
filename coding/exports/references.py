"""Where a passage comes from, the way a researcher checks it: "[Case 3, Respondent, 00:12:31]".

The reference names the case (its label), the speaker's pseudonym and the time the
passage starts in the recording, or its paragraph (turn) number when the transcript
has no times.
"""

from __future__ import annotations

from coding.exports.pseudonyms import case_label, speaker_pseudonym
from coding.model import Case, CodedSegment


def format_time(seconds: float) -> str:
    """Seconds from the start of a recording as HH:MM:SS.

    >>> format_time(751.4)
    '00:12:31'
    """
    total = int(seconds)
    return f"{total // 3600:02d}:{total % 3600 // 60:02d}:{total % 60:02d}"


def passage_reference(case: Case, coding: CodedSegment) -> str:
    """The bracketed reference printed after a passage.

    >>> from coding.model import Case, CodedSegment
    >>> case = Case(3, "pa_ops_02", "", {"case_label": "Case 3"})
    >>> seg = CodedSegment(3, 9, "x", "respondent", "", 0, 0, "t", "confirmed", "ana", "human",
    ...                    time_start=751.0, paragraph=14)
    >>> passage_reference(case, seg)
    '[Case 3, Respondent, 00:12:31]'
    """
    parts = [case_label(case), speaker_pseudonym(case, coding.speaker)]
    if coding.time_start is not None:
        parts.append(format_time(coding.time_start))
    elif coding.paragraph is not None:
        parts.append(f"para {coding.paragraph}")
    return "[" + ", ".join(parts) + "]"
