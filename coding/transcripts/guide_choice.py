"""Which topic guide an interview followed, from what the interviewer asked."""

from __future__ import annotations

import numpy as np

from coding.model import Frame


def choose_guide(frames: list[Frame], interviewer_texts: list[str], encoder) -> Frame | None:
    """The guide whose questions the interviewer's turns resemble most (mean best cosine).

    With no interviewer talk to go on, a project's only guide is the answer; with
    several guides and nothing to compare, none is chosen.
    """
    frames = [f for f in frames if f.questions()]
    if not frames or not interviewer_texts:
        return frames[0] if len(frames) == 1 else None
    asked = encoder.encode(interviewer_texts[:200])
    best, best_score = None, -1.0
    for frame in frames:
        questions = encoder.encode([q.label for q in frame.questions()])
        score = float(np.mean(np.max(asked @ questions.T, axis=1)))
        if score > best_score:
            best, best_score = frame, score
    return best
