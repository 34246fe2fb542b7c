"""Guides written as an outline: markdown, plain headings + numbered questions, and protocols.

One reader for three shapes that share the same bones:

* markdown (``# Guide``, ``## A. Section``, ``### B1. Sub-section``, ``1. Question?``,
  indented ``- Probe: ...`` bullets, ``**bold**`` key questions, ``> notes``) — the
  shape the workbench ships its guides in, and what the docx reader emits;
* a plain guide: short title lines as section headings, numbered or bulleted
  questions, ``Probe:``/``Prompt:`` lines;
* the interview-protocol house style (Peterborough SIB, seed 004): titled sections,
  numbered questions 1..84, italic sub-probes ``- *...*`` and routing tables
  ("Questions about …" / "Relevant to interviewees from …") that apply to the
  questions after them. When a document holds a protocol inside a report, only the
  part after the "Interview protocol" heading and before the next appendix is read.
"""

from __future__ import annotations

import re

from coding.frames import rules
from coding.frames.blocks import Block

MD_HEADING_RE = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
NUMBERED_RE = re.compile(r"^(?:[-*]\s+)?(\d{1,3})[.)]\s*(.*)$")
BULLET_RE = re.compile(r"^(\s*)(?:[-*+•●▪◦]|\uf0b7|\uf0a7)\s+(.*)$")
QUOTE_RE = re.compile(r"^(\s*)>\s?(.*)$")
ABOUT_RE = re.compile(r"^(?:questions about|about)\b\s*:?\s*(.*)$", re.IGNORECASE)
RELEVANT_RE = re.compile(r"^relevant to interviewees from\b\s*:?\s*(.*)$", re.IGNORECASE)
TAG_RE = re.compile(r"^([A-Z]\d{0,2}|\d{1,2})\.\s+(\S.*)$")
RULE_RE = re.compile(r"^[-=_\s\t|]{3,}$")
PROTOCOL_RE = re.compile(r"^\s*interview protocol\s*$", re.IGNORECASE)
APPENDIX_RE = re.compile(r"^\s*appendix\s+[a-z]\s*$", re.IGNORECASE)


def _strip_marks(text: str) -> str:
    """Drop markdown emphasis (the words stay)."""
    return rules.clean(re.sub(r"\*{1,3}|__", "", text))


def _is_bold(text: str) -> bool:
    text = text.strip()
    return len(text) > 4 and text.startswith("**") and text.endswith("**") and "**" not in text[2:-2]


def protocol_span(lines: list[str]) -> tuple[int, int, str] | None:
    """(first, end, title) of an interview protocol embedded in a longer document, else None."""
    for i, line in enumerate(lines):
        if PROTOCOL_RE.match(line):
            end = next((j for j in range(i + 1, len(lines)) if APPENDIX_RE.match(lines[j])), len(lines))
            preamble = " ".join(lines[:i])
            place = re.search(r"\bat HMP ([A-Z][a-z]+)", preamble)
            sib = re.search(r"social impact bond|\bSIB\b", preamble, re.IGNORECASE)
            if place and sib:
                title = f"{place.group(1)} SIB interview protocol"
            elif place:
                title = f"{place.group(1)} interview protocol"
            else:
                title = "Interview protocol"
            return i + 1, end, title
    return None


def read_outline(text: str) -> list[Block]:
    """Blocks of the guide(s) in an outline-style text (markdown, plain or protocol)."""
    return read_outline_lines(list(enumerate(text.splitlines(), start=1)))


def read_outline_lines(numbered: list[tuple[int, str]]) -> list[Block]:
    """The same, from (line number, line) pairs (the docx reader numbers paragraphs)."""
    lines = [line for _, line in numbered]
    markdown = any(MD_HEADING_RE.match(line) for line in lines)
    blocks: list[Block] = []
    span = None if markdown else protocol_span(lines)
    if span:
        first, end, title = span
        numbered = numbered[first:end]
        blocks.append(Block("guide", title, first))
    protocol = any(RELEVANT_RE.match(_strip_marks(line)) for _, line in numbered)
    if not markdown and not span:
        opening = next(((n, line.strip()) for n, line in numbered if line.strip()), None)
        # a plain guide's first line names it when it says it is a guide
        if (
            opening
            and _Reader._looks_like_heading(opening[1].rstrip(":"))
            and re.search(r"\b(guide|protocol|interview|topic)s?\b", opening[1], re.IGNORECASE)
        ):
            blocks.append(Block("guide", opening[1], opening[0]))
            numbered = [(n, line) for n, line in numbered if n != opening[0]]
    reader = _Reader(blocks, markdown, protocol)
    content = [(n, line.strip()) for n, line in numbered if line.strip()]
    # plain guides: a title line right above a question is a section heading, even after an admin part
    reader.before_question = {
        n for (n, _), (_, nxt) in zip(content, content[1:]) if NUMBERED_RE.match(nxt) or _strip_marks(nxt).endswith("?")
    }
    reader.run(numbered)
    return blocks


class _Reader:
    """Line by line state: which part we are in and what the last question was."""

    def __init__(self, blocks: list[Block], markdown: bool, protocol: bool):
        self.blocks = blocks
        self.markdown = markdown
        self.protocol = protocol
        self.in_admin = False
        self.in_section = False
        self.question_in_section = False
        self.bullet_questions = False
        self.about = ""
        self.routing = ""
        self.pending = ""
        self.before_question: set[int] = set()

    def emit(self, kind: str, text: str, line: int, **kw) -> None:
        self.blocks.append(Block(kind, text, line, **kw))

    def section(self, title: str, line: int, level: int) -> None:
        tag_match = TAG_RE.match(title)
        letter, heading = (tag_match.group(1), tag_match.group(2)) if tag_match else ("", title)
        heading, routing = rules.split_heading_routing(heading)
        self.emit("section", heading, line, level=level, letter=letter, routing=routing)
        self.in_section, self.in_admin, self.question_in_section = True, False, False
        self.about = self.routing = self.pending = ""

    def admin(self, key: str, line: int) -> None:
        self.emit("admin", "", line, admin=key)
        self.in_admin, self.in_section = True, False

    def question(self, text: str, line: int, number: str = "", key: bool = False) -> None:
        routing = rules.question_routing(text) or self.pending or self.routing
        extra = {"about": self.about} if self.about else {}
        self.emit("question", text, line, key=key, routing=routing, number=number if self.protocol else "", extra=extra)
        self.question_in_section, self.pending = True, ""

    def run(self, lines: list[tuple[int, str]]) -> None:
        for number, raw in lines:
            if not raw.strip() or RULE_RE.match(raw.strip()):
                continue
            self.line(number, raw.rstrip())

    def line(self, number: int, raw: str) -> None:  # noqa: C901 - one decision table, read top to bottom
        heading = MD_HEADING_RE.match(raw)
        if heading:
            level, title = len(heading.group(1)), _strip_marks(heading.group(2))
            key = rules.admin_key(title)
            if level == 1:
                self.emit("guide", title, number)
                self.in_admin = self.in_section = False
            elif key:
                self.admin(key, number)
            else:
                self.section(title, number, 1 if level == 2 else 2)
            return
        plain = _strip_marks(raw)
        if rules.PAGE_NUMBER_RE.match(plain):
            return
        about, relevant = ABOUT_RE.match(plain), RELEVANT_RE.match(plain)
        if self.in_section and (about or relevant):
            if about:
                self.about, self.routing = rules.clean(about.group(1)), ""
            elif relevant:  # about or relevant matched
                self.routing = rules.clean(relevant.group(1))
            return
        if not self.markdown and (admin_key := rules.admin_key(plain)):
            self.admin(admin_key, number)
            return
        if self.in_admin or not self.in_section:
            heading_here = not self.in_admin or number in self.before_question
            if not self.markdown and heading_here and self._looks_like_heading(plain):
                self.section(plain, number, 1)
            else:
                self.emit("text", re.sub(r"^[-*•]\s+", "", plain), number)
            return
        quote = QUOTE_RE.match(raw)
        if quote:
            text = _strip_marks(quote.group(2))
            kind = rules.instruction_kind(text)
            if quote.group(1) or kind == "qnote":
                self.emit("qnote", text, number)
            elif kind == "routing":
                self.pending = text
            else:
                self.emit("note", text, number)
            return
        numbered = NUMBERED_RE.match(raw.strip())
        if numbered:
            body = numbered.group(2)
            self.question(_strip_marks(body), number, numbered.group(1), key=_is_bold(body))
            self.bullet_questions = False
            return
        bullet = BULLET_RE.match(raw)
        if bullet:
            indent, body = bullet.group(1), bullet.group(2)
            italic = body.strip().startswith("*") and not _is_bold(body)
            text = _strip_marks(body)
            if rules.PROBE_RE.match(text) or indent or italic:
                self.emit("probe", text, number)
            elif not self.question_in_section or self.bullet_questions:
                self.question(text, number, key=_is_bold(body))
                self.bullet_questions = True
            else:
                self.emit("probe", text, number)
            return
        if _is_bold(raw) and plain.endswith("?"):
            self.question(plain, number, key=True)
            return
        self.plain(plain, number)

    def plain(self, text: str, number: int) -> None:
        kind = rules.instruction_kind(text)
        if rules.PROBE_RE.match(text):
            self.emit("probe", text, number)
        elif rules.NOTE_RE.match(text) or kind == "note":
            self.emit("note", text, number)
        elif kind == "qnote":
            self.emit("qnote", text, number)
        elif kind == "routing":
            self.pending = text
        elif text.endswith("?"):
            self.question(text, number)
        elif not self.markdown and self._looks_like_heading(text):
            self.section(text, number, 1)
        elif rules.is_lead_in(text) or text.endswith("."):
            self.emit("lead_in", text, number)
        else:
            self.emit("text", text, number)

    @staticmethod
    def _looks_like_heading(text: str) -> bool:
        return (
            3 <= len(text) <= 100
            and text[:1].isupper()
            and not re.search(r"[.?:;,]$", text)
            and not NUMBERED_RE.match(text)
            and len(text.split()) <= 12
        )
