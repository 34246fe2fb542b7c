"""Turns -> Segments: the units researchers code, each pointing back to its exact text.

Each respondent turn is a segment. A turn longer than ``max_words`` is split into
windows of whole sentences (spaCy's parser-based boundaries from
``coding.nlp.sentence_pipeline()``, read in bounded pieces), each window as long as fits in
``max_words`` and the windows of a turn about equally long; a single sentence
longer than ``max_words`` stays whole rather than being cut mid-sentence.
Interviewer turns come back too, as context (``codable=False``), unless
``include_interviewer`` makes them codable.

Offsets slice back exactly: ``transcript.text[s.start:s.end] == s.text``. Times
come from the turn; inside a split turn they are estimated in proportion to the
character offset, since sources stamp turns (or cues), not sentences.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable

from coding.model import Segment, Transcript, Turn

SentenceSplitter = Callable[[list[str]], list[list[tuple[int, int]]]]


def spacy_sentences(texts: list[str]) -> list[list[tuple[int, int]]]:
    """Character spans of sentences in each text, by the real spaCy pipeline."""
    from coding.nlp import chunked_docs, sentence_pipeline

    spans: list[list[tuple[int, int]]] = [[] for _ in texts]
    for index, offset, doc in chunked_docs(sentence_pipeline(), texts):
        spans[index].extend((offset + s.start_char, offset + s.end_char) for s in doc.sents)
    return spans


def _word_count(text: str) -> int:
    return len(text.split())


def _windows(text: str, spans: Iterable[tuple[int, int]], max_words: int) -> list[tuple[int, int]]:
    """Group sentence spans into windows of about equal length, each <= max_words where possible."""
    sentences = [(a, b, _word_count(text[a:b])) for a, b in spans if text[a:b].strip()]
    total = sum(n for *_, n in sentences)
    target = total / max(1, math.ceil(total / max_words))
    windows: list[tuple[int, int]] = []
    start: int | None = None
    end = 0  # set together with start, and read only while start is set
    words = 0
    for a, b, n in sentences:
        if start is not None and (words + n > max_words or words >= target):
            windows.append((start, end))
            start, words = None, 0
        if start is None:
            start = a
        end, words = b, words + n
    if start is not None:
        windows.append((start, end))
    return windows


def _trimmed(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def _time_at(turn: Turn, offset: int) -> float | None:
    if turn.time_start is None or turn.time_end is None:
        return turn.time_start if offset == turn.start else None
    length = max(1, turn.end - turn.start)
    return turn.time_start + (turn.time_end - turn.time_start) * (offset - turn.start) / length


def segment_transcript(
    transcript: Transcript,
    max_words: int = 120,
    include_interviewer: bool = False,
    sentences: SentenceSplitter | None = None,
) -> list[Segment]:
    """Segments in text order; ``sentences`` replaces spaCy (tests of logic, benchmarks)."""
    if max_words < 1:
        raise ValueError("max_words must be at least 1")
    split = sentences or spacy_sentences
    long_turns = [i for i, turn in enumerate(transcript.turns) if _word_count(transcript.turn_text(turn)) > max_words]
    spans_by_turn = dict(
        zip(long_turns, split([transcript.turn_text(transcript.turns[i]) for i in long_turns]), strict=True)
    )

    segments: list[Segment] = []
    for index, turn in enumerate(transcript.turns):
        role = transcript.role_of(turn.speaker)
        text = transcript.turn_text(turn)
        pieces = _windows(text, spans_by_turn[index], max_words) if index in spans_by_turn else [(0, len(text))]
        whole = len(pieces) == 1
        for a, b in pieces:
            a, b = _trimmed(text, a, b)
            if a == b:
                continue
            start, end = turn.start + a, turn.start + b
            segments.append(
                Segment(
                    turn_index=index,
                    start=start,
                    end=end,
                    text=transcript.text[start:end],
                    speaker=turn.speaker,
                    role=role,
                    time_start=turn.time_start if whole else _time_at(turn, start),
                    time_end=turn.time_end if whole else _time_at(turn, end),
                    codable=role == "respondent" or include_interviewer,
                )
            )
    return segments
