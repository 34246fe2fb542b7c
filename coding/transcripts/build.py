"""Raw turns -> the Transcript value: canonical text, Speakers, Turns with exact offsets.

The stored text is built here, never copied from the source: one paragraph per
turn, ``Label: words``, turns separated by a blank line; paragraphs inside a turn
are kept as single line breaks. Each Turn's ``start``/``end`` delimit the words
without the label, so ``text[turn.start:turn.end]`` is exactly what was said.
Consecutive turns of one speaker (after aliases are resolved: "JS" after "Jane
Smith") merge into one turn spanning both time ranges.
"""

from __future__ import annotations

import re

from coding.model import Speaker, Transcript, Turn
from coding.transcripts.lines import RawTurn
from coding.transcripts.speakers import infer_roles, resolve_speakers

UNLABELLED = "Respondent"


def _clean_words(paragraphs: list[str]) -> str:
    kept = [re.sub(r"[ \t\u00a0]+", " ", p).strip() for p in paragraphs]
    return "\n".join(p for p in kept if p)


def build_transcript(
    name: str,
    fmt: str,
    raw_turns: list[RawTurn],
    source_hash: str = "",
    attributes: dict[str, str] | None = None,
    warnings: list[str] | None = None,
    merge_with: str = "\n",
) -> Transcript:
    """Resolve speakers, merge same-speaker runs, lay out the text, infer roles.

    ``merge_with`` joins merged turns: a line break for typed paragraphs, a
    space for subtitle cues (fragments of one flow of speech).
    """
    raw_turns = [t for t in raw_turns if _clean_words(t.paragraphs)]
    speakers, mapping = resolve_speakers(t.label or UNLABELLED for t in raw_turns)
    by_key: dict[str, Speaker] = {s.key: s for s in speakers}

    merged: list[tuple[str, list[str], float | None, float | None]] = []
    for raw in raw_turns:
        key = mapping[raw.label or UNLABELLED]
        words = _clean_words(raw.paragraphs)
        # Unlabelled paragraphs stay separate turns; a labelled run of one speaker is one turn.
        if merged and merged[-1][0] == key and raw.label is not None:
            prev_key, parts, t0, t1 = merged[-1]
            parts.append(words)
            t0 = t0 if t0 is not None else raw.time_start
            t1 = raw.time_end  # unknown (None) when the last piece's end was never stamped
            merged[-1] = (prev_key, parts, t0, t1)
        else:
            merged.append((key, [words], raw.time_start, raw.time_end))

    pieces: list[str] = []
    turns: list[Turn] = []
    offset = 0
    for key, parts, t0, t1 in merged:
        prefix = f"{by_key[key].label}: "
        words = merge_with.join(parts)
        if pieces:
            pieces.append("\n\n")
            offset += 2
        pieces.append(prefix + words)
        start = offset + len(prefix)
        offset = start + len(words)
        turns.append(Turn(speaker=key, start=start, end=offset, time_start=t0, time_end=t1))

    transcript = Transcript(
        name=name,
        text="".join(pieces),
        format=fmt,
        speakers=[by_key[k] for k in dict.fromkeys(key for key, *_ in merged)],
        turns=turns,
        source_hash=source_hash,
        attributes=dict(attributes or {}),
        warnings=list(warnings or []),
    )
    return infer_roles(transcript)
