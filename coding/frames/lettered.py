"""Guides in the lettered house style, as text extracted from a PDF.

The Employment and Reoffending Pilot guides (seed 000): numbered guide titles
("3. Prisoner topic guide"), administrative parts (Interviewer notes,
Introduction, Confidentiality and Consent, Close), lettered sections in
capitals ("C. RATIONALE FOR JOINT COMMISSIONING", sub-sections "B1. ..." with
routing in brackets), questions followed by Probe:/Prompt: lines and answer lists.

The PDF text keeps two layout signals this reader relies on:

* a line holding only spaces separates question groups (an empty paragraph in
  the original); inside a group the first item is the question, the rest are
  its probes and answer options;
* a line starting with a space is a new paragraph (a bullet or a page join),
  so a question there ending in "?" starts a new question even without a group
  break. Other broken lines are joined: inside blank-line separated paragraphs
  always, in single-spaced groups when the line obviously continues a sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from coding.frames import rules
from coding.frames.blocks import Block

GUIDE_TITLE_RE = re.compile(r"^\s*\d{1,2}\.\s+(.{3,80}?topic guide)\s*$", re.IGNORECASE)
SECTION_RE = re.compile(r"^\s*([A-Z])(\d{0,2})\.\s+(\S.*)$")
BULLET_RE = re.compile(r"^\s*[•●▪◦‣∙·\uf0b7\uf0a7\uf0d8\u2022]\s*")
_QUESTION_START = re.compile(
    r"^(what|how|why|when|where|who|whom|which|can|could|do|does|did|is|are|was|were|have|has|had|would|will|"
    r"should|if|to|in|overall|of|for|any|please|i'm|i’m|we|\[)\b",
    re.IGNORECASE,
)


@dataclass
class _Para:
    text: str
    line: int
    indented: bool
    group_start: bool


def is_lettered_heading(line: str) -> bool:
    match = SECTION_RE.match(line)
    if not match:
        return False
    title, _ = rules.split_heading_routing(match.group(3))
    return rules.upper_ratio(title) >= 0.8


def looks_lettered(text: str) -> bool:
    """True when a text has at least two capitalised lettered section headings."""
    return sum(1 for line in text.splitlines() if is_lettered_heading(line)) >= 2


def _paragraphs(lines: list[str]) -> list[_Para]:
    """Split lines into paragraphs, joining broken lines (see the module docstring)."""
    # groups: runs of lines between whitespace-only lines
    groups: list[list[tuple[int, str]]] = [[]]
    for number, raw in enumerate(lines, start=1):
        raw = BULLET_RE.sub(" ", raw) if BULLET_RE.match(raw) else raw
        if raw and not raw.strip():
            groups.append([])
        else:
            groups[-1].append((number, raw))
    paras: list[_Para] = []
    for group in groups:
        double = any(not raw for _, raw in group[1:-1]) and sum(1 for _, raw in group if raw) > 1
        start = True
        current: _Para | None = None
        prev_raw = ""
        for number, raw in group:
            if not raw:
                current = None
                continue
            stripped = raw.strip()
            new = (
                current is None
                or raw[:1].isspace()
                or rules.PROBE_RE.match(stripped) is not None
                or is_lettered_heading(raw)
            )
            if current is not None and not new and not double:  # not new: current is set
                new = not _continues(current.text, prev_raw, stripped)
            if new or current is None:
                current = _Para(stripped, number, raw[:1].isspace(), start)
                paras.append(current)
                start = False
            else:
                current.text += " " + stripped
            prev_raw = raw.rstrip()
        # a heading closes a paragraph: a following line is never its continuation
    return paras


def _continues(so_far: str, prev_line: str, line: str) -> bool:
    """In a single-spaced group, does ``line`` continue the sentence of the previous one?"""
    if line[:1].islower() or line[:1] in "(–&":
        return True
    if rules.upper_ratio(prev_line) >= 0.8 and rules.upper_ratio(line) >= 0.8:
        return True  # an instruction in capitals broken over two lines
    if re.search(r"[?:.!]\s*$", prev_line):
        return False
    return len(prev_line) >= 60 and "?" not in so_far and bool(_QUESTION_START.match(so_far))


def read_lettered(text: str) -> list[Block]:
    """Blocks of every guide in a lettered-style text, in document order."""
    blocks: list[Block] = []
    in_section = False
    in_admin = False
    seen_intro = False
    have_question = False
    probe_header = False
    after_labelled_probe = False  # the last item was "Probe: ..." (not a list intro ending in ":")
    pending_routing = ""
    after_title = False
    for para in _paragraphs(text.splitlines()):
        body = rules.clean(para.text)
        if not body or rules.PAGE_NUMBER_RE.match(body):
            continue
        title = GUIDE_TITLE_RE.match(body)
        if title:
            blocks.append(Block("guide", title.group(1), para.line))
            in_section, in_admin, seen_intro, after_title = False, False, False, True
            continue
        if after_title and body.startswith("(") and body.endswith(")"):
            blocks.append(Block("admin", body.strip("()"), para.line, admin="audience", extra={"inline": True}))
            in_admin = False
            continue
        after_title = False
        key = rules.admin_key(body)
        if key:
            blocks.append(Block("admin", "", para.line, admin=key))
            in_section, in_admin = False, True
            seen_intro = seen_intro or key == "introduction"
            continue
        if is_lettered_heading(body):
            match = SECTION_RE.match(body)
            assert match is not None  # is_lettered_heading matched it
            heading, routing = rules.split_heading_routing(match.group(3))
            blocks.append(
                Block(
                    "section",
                    heading,
                    para.line,
                    level=2 if match.group(2) else 1,
                    letter=match.group(1) + match.group(2),
                    routing=routing,
                )
            )
            in_section, in_admin, have_question, probe_header, pending_routing = True, False, False, False, ""
            continue
        if not in_section:
            if not in_admin and not blocks:
                continue  # the document's own title page, before any guide
            if not seen_intro and body.startswith("Introduce"):
                blocks.append(Block("admin", "", para.line, admin="introduction"))
                seen_intro = in_admin = True
            blocks.append(Block("text", body, para.line))
            continue
        if para.group_start:
            have_question, probe_header, after_labelled_probe = False, False, False
        labelled = bool(rules.PROBE_RE.match(body))
        instruction = rules.instruction_kind(body)
        if rules.NOTE_RE.match(body) or instruction == "note":
            blocks.append(Block("note", body, para.line))
        elif instruction == "qnote":
            blocks.append(Block("qnote", body, para.line))
        elif instruction == "routing":
            pending_routing = body
        elif rules.BARE_PROBE_RE.match(body):
            probe_header = True
        elif not have_question and rules.is_lead_in(body):
            blocks.append(Block("lead_in", body, para.line))
        elif (
            not have_question
            or (para.indented and body.endswith("?") and body[:1].isupper())
            # after "Probe: ..." an unlabelled item is the next question whose group break was lost
            or (after_labelled_probe and not labelled and not probe_header and body[:1].isupper())
            or (rules.question_routing(body) and body.endswith("?") and not probe_header)
        ):
            routing = rules.question_routing(body) or pending_routing
            blocks.append(Block("question", body, para.line, routing=routing))
            have_question, probe_header, pending_routing = True, False, ""
        else:
            blocks.append(Block("probe", body, para.line))
        after_labelled_probe = labelled and not body.endswith(":")
    return blocks
