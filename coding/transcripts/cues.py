"""Subtitle-style transcripts (.vtt from Teams/Zoom, .srt) -> raw turns with time spans.

Teams writes ``<v Jane Smith>words</v>`` voice tags (several per cue at times);
Zoom writes ``Jane Smith: words`` in the cue text; .srt files from other tools do
either, or ``[Jane Smith] words``. A cue with no speaker continues the previous
speaker's talk (tools split a long answer over many cues). The builder then
merges consecutive cues of one speaker into one turn spanning their times.
Without any speaker in the file, cues are grouped into paragraphs at pauses of
two seconds or more and imported as respondent turns with a warning.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from dataclasses import dataclass

from coding.errors import InvalidTranscript
from coding.transcripts.lines import ParsedLines, RawTurn, accepted_labels, match_label, parse_time, plausible_label
from coding.transcripts.speakers import clean_label, label_key

_TIME = r"(?:\d+:)?\d{1,2}:\d{2}[.,]\d{1,3}"
TIMING = re.compile(rf"^\s*(?P<a>{_TIME})\s*-->\s*(?P<b>{_TIME})")
VOICE = re.compile(r"<v(?:\.[^\s>]*)?\s+(?P<name>[^>]+)>(?P<text>.*?)(?:</v>|(?=<v[\s.])|$)", re.S)
TAG = re.compile(r"</?[a-zA-Z][^>]*>|<\d[\d:.]*>")
BRACKET_LABEL = re.compile(r"^\s*\[(?P<label>[^\]]{1,40})\]\s*(?P<rest>.+)$", re.S)
PAUSE_SECONDS = 2.0


@dataclass
class Cue:
    line: int
    start: float
    end: float
    label: str | None
    text: str


def _blocks(text: str) -> list[tuple[int, list[str]]]:
    blocks: list[tuple[int, list[str]]] = []
    current: list[str] = []
    first = 0
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            if not current:
                first = number
            current.append(line.rstrip())
        elif current:
            blocks.append((first, current))
            current = []
    if current:
        blocks.append((first, current))
    return blocks


def _plain(text: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(TAG.sub("", text))).strip()


def read_cues(text: str, fmt: str, path=None) -> list[Cue]:
    """Every cue of a .vtt or .srt file, speaker taken from a voice tag where there is one."""
    cues: list[Cue] = []
    blocks = _blocks(text)
    if fmt == "vtt":
        if not blocks or not blocks[0][1][0].lstrip("\ufeff").startswith("WEBVTT"):
            raise InvalidTranscript("not a WebVTT file: it must start with 'WEBVTT'", path, 1)
        blocks = blocks[1:]
    for first, lines in blocks:
        if lines[0].startswith(("NOTE", "STYLE", "REGION")):
            continue
        timing_at = next((i for i, ln in enumerate(lines[:3]) if "-->" in ln), None)
        if timing_at is None:
            continue
        timing = TIMING.match(lines[timing_at])
        if not timing:
            raise InvalidTranscript(f"cue timing not understood: {lines[timing_at].strip()!r}", path, first + timing_at)
        start, end = parse_time(timing.group("a")), parse_time(timing.group("b"))
        assert start is not None and end is not None  # TIMING matched both times
        payload = "\n".join(lines[timing_at + 1 :])
        voices = [(v.group("name"), _plain(v.group("text"))) for v in VOICE.finditer(payload)]
        if voices:
            for name, words in voices:
                if words:
                    cues.append(Cue(first, start, end, clean_label(name), words))
        elif words := _plain(payload):
            cues.append(Cue(first, start, end, None, words))
    if not cues:
        raise InvalidTranscript(f"no subtitle cues found in this .{fmt} file", path)
    return cues


def _label_in_text(cue: Cue) -> tuple[str, str] | None:
    match = match_label(cue.text)
    if match and match.rest:
        return match.label, match.rest
    bracket = BRACKET_LABEL.match(cue.text)
    if bracket and plausible_label(bracket.group("label")):
        return clean_label(bracket.group("label")), bracket.group("rest").strip()
    return None


def parse_cues(text: str, fmt: str, path=None) -> ParsedLines:
    cues = read_cues(text, fmt, path)
    in_text = {id(c): _label_in_text(c) for c in cues if c.label is None}
    candidates = Counter(found[0] for found in in_text.values() if found)
    accepted = accepted_labels(candidates, set())
    for cue in cues:
        found = in_text.get(id(cue))
        if found and label_key(found[0]) in accepted:
            cue.label, cue.text = found

    result = ParsedLines(turns=[])
    if not any(c.label for c in cues):
        result.labelled = False
        result.warnings.append("No speaker labels found: each paragraph was imported as a respondent turn.")
        for cue in cues:
            last = result.turns[-1] if result.turns else None
            if last and cue.start - (last.time_end or 0.0) < PAUSE_SECONDS:
                last.paragraphs[-1] += " " + cue.text
                last.time_end = cue.end
            else:
                result.turns.append(RawTurn(None, [cue.text], cue.line, cue.start, cue.end))
        return result

    speaker: str | None = None
    for cue in cues:
        speaker = cue.label or speaker
        if speaker is None:
            # Like a typed transcript's title lines: kept out of the talk, and said so.
            result.warnings.append(
                f"Line {cue.line}: text before the first speaker was not imported as talk: {cue.text[:60]!r}."
            )
            continue
        result.turns.append(RawTurn(speaker, [cue.text], cue.line, cue.start, cue.end))
    return result
