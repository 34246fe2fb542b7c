"""The domain's values: coding frames, transcripts, segments and the codes on them.

Everything here is a plain dataclass with no I/O. Parsers produce these values,
the store persists them, the suggester and exporters consume them.

Offsets are always character offsets into ``Transcript.text`` (the text the
workbench stores for a transcript), so ``transcript.text[seg.start:seg.end]``
is exactly the segment's text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

THEME_KINDS = ("section", "question", "theme")


class Role(StrEnum):
    """Who a speaker is in an interview."""

    INTERVIEWER = "interviewer"
    RESPONDENT = "respondent"


class Status(StrEnum):
    """Where a theme on a segment stands: the model's suggestion, or a coder's decision."""

    SUGGESTED = "suggested"
    CONFIRMED = "confirmed"
    REJECTED = "rejected"


class Action(StrEnum):
    """What a coder does to a theme on a segment (``coding.decisions`` says what each one does)."""

    CONFIRM = "confirm"
    REJECT = "reject"
    ADD = "add"
    REMOVE = "remove"


class Source(StrEnum):
    HUMAN = "human"
    MODEL = "model"


# The model's suggestions are stored as the codes of this coder, beside the researchers' own,
# so the model can be scored as one more coder. No researcher may take this name.
MODEL_CODER = "model"

_ID_RE = re.compile(r"^[a-z0-9_]+$")


def slugify(text: str, max_len: int = 48) -> str:
    """A theme id made from a label: lower case, ``[a-z0-9_]``, never empty.

    >>> slugify("C. Rationale for joint commissioning")
    'c_rationale_for_joint_commissioning'
    """
    slug = re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")
    slug = slug[:max_len].rstrip("_")
    return slug or "theme"


def is_valid_theme_id(theme_id: str) -> bool:
    return bool(_ID_RE.match(theme_id))


@dataclass
class Theme:
    """A node of a coding frame: a guide section, a guide question, or a plain theme.

    ``key`` marks a must-cover question (bold in the guide). ``routing`` keeps the
    guide's note of who a part applies to ("For providers in Pilot Areas only").
    ``maps_to`` lists cross-cutting theme ids this node is evidence for.
    ``extra`` keeps keys of a frame file the workbench does not use.
    """

    id: str
    label: str
    description: str = ""
    keywords: list[str] = field(default_factory=list)
    key: bool = False
    kind: str = "theme"
    probes: list[str] = field(default_factory=list)
    routing: str = ""
    maps_to: list[str] = field(default_factory=list)
    children: list[Theme] = field(default_factory=list)
    extra: dict = field(default_factory=dict)

    def walk(self, path: tuple[str, ...] = ()) -> Iterator[tuple[Theme, tuple[str, ...]]]:
        """Yield this node and its descendants, each with the ids of its ancestors."""
        yield self, path
        for child in self.children:
            yield from child.walk(path + (self.id,))

    def text_for_matching(self) -> str:
        """Everything a matcher may read about this theme, in one string."""
        parts = [self.label, self.description, *self.keywords, *self.probes]
        return ". ".join(p.strip() for p in parts if p and p.strip())


@dataclass
class Frame:
    """A coding frame: one topic guide's tree, or a set of cross-cutting themes.

    ``metadata`` holds the guide's administrative parts (introduction, consent,
    close, interviewer notes) that are kept but never coded. ``warnings`` says
    what a parser skipped.
    """

    name: str
    themes: list[Theme] = field(default_factory=list)
    version: int = 1
    id: str = ""
    kind: str = "guide"  # guide | crosscutting
    source: str = ""
    metadata: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    extra: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.id:
            self.id = slugify(self.name)

    def walk(self) -> Iterator[tuple[Theme, tuple[str, ...]]]:
        for theme in self.themes:
            yield from theme.walk()

    def find(self, theme_id: str) -> Theme | None:
        for theme, _ in self.walk():
            if theme.id == theme_id:
                return theme
        return None

    def path_of(self, theme_id: str) -> tuple[str, ...] | None:
        for theme, path in self.walk():
            if theme.id == theme_id:
                return path + (theme.id,)
        return None

    def questions(self) -> list[Theme]:
        """The guide's questions in guide order."""
        return [t for t, _ in self.walk() if t.kind == "question"]


@dataclass
class Speaker:
    """A person in a transcript. ``key`` is the normalised label all spellings map to."""

    key: str
    label: str
    role: str = "respondent"
    aliases: list[str] = field(default_factory=list)


@dataclass
class Turn:
    """One uninterrupted stretch of talk by one speaker.

    ``start``/``end`` delimit the spoken words (without the speaker label) in
    ``Transcript.text``; times are seconds from the start of the recording.
    """

    speaker: str
    start: int
    end: int
    time_start: float | None = None
    time_end: float | None = None


@dataclass
class Transcript:
    """An imported interview: its stored text, speakers and turns."""

    name: str
    text: str
    format: str
    speakers: list[Speaker] = field(default_factory=list)
    turns: list[Turn] = field(default_factory=list)
    source_hash: str = ""
    attributes: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def turn_text(self, turn: Turn) -> str:
        return self.text[turn.start : turn.end]

    def speaker(self, key: str) -> Speaker | None:
        return next((s for s in self.speakers if s.key == key), None)

    def role_of(self, speaker_key: str) -> str:
        speaker = self.speaker(speaker_key)
        return speaker.role if speaker else "respondent"


@dataclass
class Segment:
    """A codable unit: a respondent's answer or a sentence window of a long one.

    ``question_id``/``section_id`` name the guide question (and its section) the
    answer responds to, found by alignment; ``None`` when nothing matched.
    """

    turn_index: int
    start: int
    end: int
    text: str
    speaker: str
    role: str = "respondent"
    time_start: float | None = None
    time_end: float | None = None
    question_id: str | None = None
    section_id: str | None = None
    codable: bool = True
    id: int | None = None
    question_confidence: float | None = None  # the aligner's; None once a researcher has set the question

    @property
    def stored_id(self) -> int:
        """``id`` of a segment read back from the store, which always has one."""
        assert self.id is not None, "a segment not yet stored has no id"
        return self.id


@dataclass
class Alignment:
    """Which guide question an interviewer turn asks (``question_id`` None: no match).

    ``kind``: "question" (asks ``question_id``), "follow_up" (asks no new guide
    question: its answers keep the question before), "backchannel" ("Mm-hm."), or
    "off_guide" (talk before the guide starts; its answers carry no question).
    ``confidence``: the aligner's probability that this reading of the turn is right.
    ``also_asks``: a second question stacked in the same turn.
    """

    turn_index: int
    question_id: str | None
    section_id: str | None
    score: float
    confidence: float = 1.0
    kind: str = "question"
    also_asks: list[str] = field(default_factory=list)


@dataclass
class Coverage:
    """What one interview covered of its guide: the team lead's first question."""

    transcript: str
    questions_asked: list[str] = field(default_factory=list)
    sections_asked: list[str] = field(default_factory=list)
    key_questions_missed: list[str] = field(default_factory=list)
    answer_words: dict[str, int] = field(default_factory=dict)


@dataclass
class Suggestion:
    """A theme proposed for a segment: confidence in [0, 1] and a reason in words."""

    theme: str
    score: float
    why: str


@dataclass
class CodeApplication:
    """A theme on a segment: suggested by the model, or confirmed/rejected by a coder.

    ``start``/``end`` are set when only a sub-span of the segment is coded
    (offsets into the transcript text, like the segment's own).
    """

    segment_id: int
    theme_id: str
    status: str
    coder: str
    source: str = "human"
    model: str | None = None
    score: float | None = None
    why: str = ""
    start: int | None = None
    end: int | None = None
    created_at: datetime | None = None
    id: int | None = None


@dataclass
class Memo:
    """A researcher's note on a segment, a theme, a case or the project."""

    text: str
    author: str
    segment_id: int | None = None
    theme_id: str | None = None
    transcript_id: int | None = None
    created_at: datetime | None = None
    id: int | None = None


# ----- what exporters read: a project as plain values -----


@dataclass
class Case:
    """A transcript as exports see it: a case with attributes and its text."""

    id: int
    name: str
    text: str
    attributes: dict[str, str] = field(default_factory=dict)
    format: str = ""
    speakers: list[Speaker] = field(default_factory=list)


@dataclass
class CodedSegment:
    """One code on one segment, with everything a row of an export needs."""

    case_id: int
    segment_id: int
    speaker: str
    role: str
    text: str
    start: int
    end: int
    theme_id: str
    status: str
    coder: str
    source: str
    score: float | None = None
    time_start: float | None = None
    time_end: float | None = None
    question_id: str | None = None
    section_id: str | None = None
    created_at: datetime | None = None
    paragraph: int | None = None  # 1-based turn number, for references without times


@dataclass
class ProjectSnapshot:
    """A whole project as values, for exporters. ``codings`` may be a lazy iterable."""

    name: str
    frames: list[Frame]
    cases: list[Case]
    codings: Iterable[CodedSegment]
    memos: list[Memo] = field(default_factory=list)
    summaries: dict[tuple[int, str], str] = field(default_factory=dict)  # (case_id, theme_id) -> text
    coverage: dict[int, Coverage] = field(default_factory=dict)  # case_id -> coverage
    coders: list[str] = field(default_factory=list)

    def theme_index(self) -> dict[str, tuple[Frame, Theme, tuple[str, ...]]]:
        """theme id -> (frame, theme, path of ids from the root)."""
        index: dict[str, tuple[Frame, Theme, tuple[str, ...]]] = {}
        for frame in self.frames:
            for theme, path in frame.walk():
                index.setdefault(theme.id, (frame, theme, path + (theme.id,)))
        return index
