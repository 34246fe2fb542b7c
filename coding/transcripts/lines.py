"""Lines of a typed transcript -> raw turns: speaker labels, timestamps, header metadata.

One parser serves .txt/.md, .docx, .odt and .pdf: each reader turns its source
into ``SourceLine``s (a .docx reader marks a bold label it saw) and this module
finds the turns. Styles it reads::

    Interviewer: So can you tell me ...        I: ...   R: ...   Q: ...   A: ...
    JANE SMITH: ...     Jane Smith (JS): ...   JS: ...
    [00:01:23] Jane Smith: ...   (00:01:23) Jane: ...   00:01:23 Jane Smith: ...
    00:01:23 Jane Smith          <- label alone on its line, words follow
    Jane Smith  0:03             <- the same, Otter style
    Jane Smith (00:01:23): ...

A "Name:" candidate counts as a speaker only if it is a role word, is marked
bold, occurs at least twice, is a full name (two or three capitalised words),
or is an alias of one that does; so "Honestly: no"
inside an answer stays words. ``Key: value`` lines with interview metadata before
the first turn become attribute suggestions; other text there becomes a warning.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from coding.transcripts.speakers import clean_label, label_key, resolve_speakers, role_of_label

TS = r"(?:\d{1,2}:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?"
_LEAD_TS = rf"(?:[\[(]\s*(?P<ts1>{TS})\s*[\])]\s*[-–:]?\s*|(?P<ts2>{TS})\s+(?:[-–]\s+)?)"
_NAME = r"(?P<label>[^\W\d_][\w'’.\-]*(?:[ \t]+[\w'’.\-]+){0,4}?(?:\s*\((?!\s*\d{1,2}:)[^()]{1,30}\))?)"
_AFTER_TS = rf"(?:\s*[\[(]\s*(?P<ts3>{TS})\s*[\])])?"
LABEL_LINE = re.compile(rf"^\s*{_LEAD_TS}?{_NAME}{_AFTER_TS}\s*:(?:\s+(?P<rest>.*\S)?)?\s*$")
TS_THEN_NAME = re.compile(rf"^\s*{_LEAD_TS}{_NAME}\s*$")
NAME_THEN_TS = re.compile(rf"^\s*{_NAME}\s*(?:[\[(]\s*(?P<ts3>{TS})\s*[\])]|\s(?P<ts4>{TS}))\s*$")
LEADING_TS = re.compile(rf"^\s*{_LEAD_TS}")
TS_ONLY = re.compile(rf"^\s*[\[(]?\s*(?P<ts>{TS})\s*[\])]?\s*$")
END_MARK = re.compile(
    r"^\W*(end of (the )?(interview|transcript|recording)|(interview|recording) (ends|ended))\W*$", re.I
)

_NOT_NAMES = set(
    "okay ok yes no so well right yeah yep um erm er uh and but thanks thank sure hmm mm mhm oh good great "
    "fine note nb ps example because also then now actually basically honestly obviously really like "
    "just probe prompt update answer question the this that what why how when where who".split()
)
METADATA_KEYS = {
    "date": "interview_date",
    "interview date": "interview_date",
    "date of interview": "interview_date",
    "time": "time",
    "duration": "duration",
    "length": "duration",
    "location": "location",
    "venue": "location",
    "interviewer": "interviewer",
    "interviewers": "interviewer",
    "interviewed by": "interviewer",
    "interviewee": "respondent",
    "respondent": "respondent",
    "participant": "respondent",
    "participants": "respondent",
    "respondent type": "respondent_type",
    "role": "respondent_type",
    "job title": "job_title",
    "organisation": "organisation",
    "organization": "organisation",
    "project": "project",
    "wave": "wave",
    "area": "area",
    "site": "area",
    "prison": "prison",
    "provider": "provider",
    "transcriber": "transcriber",
    "transcribed by": "transcriber",
    "file": "file",
    "audio file": "file",
    "recording": "file",
    "interview": "interview_id",
    "interview id": "interview_id",
    "interview no": "interview_id",
    "case": "case_id",
    "case id": "case_id",
    "present": "present",
    "attendees": "present",
    "speakers": "present",
}


@dataclass
class SourceLine:
    """A line (or paragraph) of the source; ``label`` is a speaker label the format marked."""

    number: int
    text: str
    label: str | None = None


@dataclass
class RawTurn:
    """A labelled stretch before speakers are resolved; ``label`` None means unlabelled."""

    label: str | None
    paragraphs: list[str]
    line: int
    time_start: float | None = None
    time_end: float | None = None


@dataclass
class ParsedLines:
    turns: list[RawTurn]
    attributes: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    labelled: bool = True


@dataclass
class LabelMatch:
    label: str
    rest: str
    time: float | None
    alone: bool


def parse_time(text: str | None) -> float | None:
    """``"01:23"`` -> 83.0, ``"1:02:03.5"`` -> 3723.5."""
    if not text:
        return None
    parts = text.replace(",", ".").split(":")
    seconds = 0.0
    for part in parts:
        seconds = seconds * 60 + float(part)
    return seconds


def plausible_label(label: str) -> bool:
    """Could this be a speaker label (a role word or a name-like phrase)?"""
    label = clean_label(label)
    if not label or len(label) > 40:
        return False
    if role_of_label(label):
        return True
    main = re.sub(r"\s*\([^()]*\)\s*$", "", label)
    words = main.split()
    if not words or len(words) > 4 or words[0].lower().strip(".") in _NOT_NAMES:
        return False
    if main.lower() in METADATA_KEYS:
        return False
    first = words[0]
    if not first[0].isupper():
        return False
    return all(
        w[0].isupper() or w[0].isdigit() or w.lower() in {"de", "van", "von", "der", "la", "le", "da"} for w in words
    )


def match_label(text: str) -> LabelMatch | None:
    """A speaker label at the start of a line, with its timestamp and the words after it."""
    match = LABEL_LINE.match(text)
    if match and plausible_label(match.group("label")):
        ts = match.group("ts1") or match.group("ts2") or match.group("ts3")
        rest = (match.group("rest") or "").strip()
        return LabelMatch(clean_label(match.group("label")), rest, parse_time(ts), alone=not rest)
    for pattern in (TS_THEN_NAME, NAME_THEN_TS):
        match = pattern.match(text)
        if match and plausible_label(match.group("label")):
            groups = match.groupdict()
            ts = groups.get("ts1") or groups.get("ts2") or groups.get("ts3") or groups.get("ts4")
            return LabelMatch(clean_label(match.group("label")), "", parse_time(ts), alone=True)
    return None


def accepted_labels(candidates: Counter[str], forced: set[str]) -> set[str]:
    """Label keys that really are speakers (see the module docstring).

    ``candidates`` counts raw label spellings; aliases of one person ("Sarah
    Jones", "SJ") count together, so a name written once in full and then as
    initials is accepted.
    """
    _, mapping = resolve_speakers(candidates)
    group_counts: Counter[str] = Counter()
    for raw, count in candidates.items():
        group_counts[mapping[raw]] += count
    return {
        label_key(raw)
        for raw in candidates
        if group_counts[mapping[raw]] >= 2 or role_of_label(raw) or label_key(raw) in forced or _full_name(raw)
    }


def _full_name(label: str) -> bool:
    """Two or three capitalised words before a colon at a line start: a name even if used once."""
    words = re.sub(r"\s*\([^()]*\)\s*$", "", clean_label(label)).split()
    return 2 <= len(words) <= 3 and all(w[0].isupper() for w in words)


def _metadata(text: str) -> tuple[str, str] | None:
    match = re.match(r"^\s*\**(?P<key>[A-Za-z][A-Za-z .()/]{0,30}?)\**\s*[:|]\s*\**(?P<value>.*?)\s*$", text)
    if not match:
        return None
    key = re.sub(r"\s+", " ", match.group("key").strip().lower())
    value = match.group("value").strip()
    if key not in METADATA_KEYS or not value or len(value.split()) > 12:
        return None
    if value.endswith(("?", ".", "!", "…")) and not re.search(r"\d\.$|\b[A-Z]\.$", value):
        return None
    return METADATA_KEYS[key], value


def parse_lines(lines: list[SourceLine], lines_are_paragraphs: bool = False) -> ParsedLines:
    """Find turns in lines; with no labels at all, each paragraph becomes an unlabelled turn."""
    matches = [match_label(ln.label + ": " + ln.text if ln.label else ln.text) for ln in lines]
    forced = {label_key(ln.label) for ln in lines if ln.label}
    candidates = Counter(m.label for m in matches if m)
    accepted = accepted_labels(candidates, forced)

    result = ParsedLines(turns=[])
    preamble: list[str] = []
    in_header = True
    pending_time: float | None = None
    current: RawTurn | None = None
    join_next = False
    for line, match in zip(lines, matches, strict=True):
        text = line.text.strip()
        if match and label_key(match.label) not in accepted:
            match = None
        if in_header:
            meta = _metadata(text)
            if meta:
                result.attributes.setdefault(meta[0], meta[1])
                continue
        if not text:
            join_next = False
            continue
        if END_MARK.match(text):
            result.warnings.append(f"Line {line.number}: skipped end marker {text!r}.")
            continue
        if match is None and (ts := TS_ONLY.match(text)):
            pending_time = parse_time(ts.group("ts"))
            continue
        if match is not None:
            in_header = False
            current = RawTurn(
                match.label,
                [match.rest] if match.rest else [],
                line.number,
                match.time if match.time is not None else pending_time,
            )
            result.turns.append(current)
            pending_time = None
            join_next = bool(match.rest) and not lines_are_paragraphs and not _ends_sentence(match.rest)
            continue
        words = LEADING_TS.sub("", text, count=1) if LEADING_TS.match(text) else text
        if current is None:
            preamble.append(f"{line.number}: {words}")
            continue
        if join_next and current.paragraphs:
            current.paragraphs[-1] += " " + words
        else:
            current.paragraphs.append(words)
        join_next = not lines_are_paragraphs and not _ends_sentence(words)

    if not result.turns:
        return _unlabelled(lines, lines_are_paragraphs, result)
    if preamble:
        shown = "; ".join(preamble[:3]) + (" …" if len(preamble) > 3 else "")
        result.warnings.append(f"Text before the first speaker label was not imported as talk (lines {shown}).")
    result.turns = [t for t in result.turns if any(p.strip() for p in t.paragraphs)]
    _fill_end_times(result.turns)
    return result


def _ends_sentence(text: str) -> bool:
    return text.rstrip().endswith((".", "?", "!", ":", '"', "”", "’", ")", "]", "…"))


def _unlabelled(lines: list[SourceLine], lines_are_paragraphs: bool, result: ParsedLines) -> ParsedLines:
    """No speaker labels: one respondent turn per paragraph, and a warning saying so."""
    result.labelled = False
    turns: list[RawTurn] = []
    paragraph: list[str] = []
    first_line = 0
    header_done = False
    for line in [*lines, SourceLine(-1, "")]:
        text = line.text.strip()
        if not header_done and text and (meta := _metadata(text)):
            result.attributes.setdefault(meta[0], meta[1])
            continue
        if text:
            header_done = True
            text = LEADING_TS.sub("", text, count=1)
        if text and not paragraph:
            first_line = line.number
        if text:
            paragraph.append(text)
        if paragraph and (not text or lines_are_paragraphs):
            turns.append(RawTurn(None, [" ".join(paragraph)], first_line))
            paragraph = []
    result.turns = turns
    result.warnings.append("No speaker labels found: each paragraph was imported as a respondent turn.")
    return result


def _fill_end_times(turns: list[RawTurn]) -> None:
    """A typed transcript only stamps starts; a turn ends where the next one starts."""
    for turn, following in zip(turns, turns[1:]):
        if turn.time_end is None and turn.time_start is not None and following.time_start is not None:
            turn.time_end = following.time_start
