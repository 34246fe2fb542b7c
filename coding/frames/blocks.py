"""From a guide's blocks to frames: the one builder every guide reader feeds.

Each reader (lettered text, outline/markdown text, docx) only decides what each
paragraph *is* — a guide title, an administrative heading, a section heading, a
question, a probe, a note — and emits ``Block`` values in document order.
``build_frames`` turns that stream into ``Frame`` values: ids, nice labels,
metadata, keywords and warnings are made in this one place, so the same guide
in .txt, .md and .docx gives the same frame.

Block kinds::

    guide     a guide's title: starts a new frame
    admin     an administrative heading; ``key`` is the metadata key
              (interviewer_notes, introduction, consent, close)
    section   a section heading; ``level`` 1 (A.) or 2 (B1.), ``letter`` its tag
    lead_in   a sentence that introduces a section's questions (-> description)
    note      an interviewer note (-> section ``extra["notes"]``, or metadata)
    question  a question; ``key``, ``routing``, ``number`` as read
    probe     a probe/prompt/answer option of the last question
    qnote     an interviewer instruction about the last question ("IF NO GO TO Q26")
    text      anything else: admin text inside admin parts, else skipped (warned)
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from coding.frames import rules
from coding.model import Frame, Theme, slugify
from coding.text import ASKING_WORDS, FUNCTION_WORDS

ADMIN_KEYS = ("interviewer_notes", "introduction", "consent", "close")


@dataclass
class Block:
    kind: str
    text: str
    line: int | None = None
    level: int = 1
    letter: str = ""
    key: bool = False
    routing: str = ""
    number: str = ""
    admin: str = ""
    extra: dict = field(default_factory=dict)


# ----- labels -----

_ID_STOP_WORDS = {"topic", "guide", "staff", "services", "interview", "protocol", "the", "for", "of", "and"}


def frame_id_for(title: str) -> str:
    """A short frame id from a guide title: ``Provider strategic staff topic guide`` -> ``provider_strategic``.

    Generic words (topic, guide, staff, services, interview, protocol) are dropped so
    the ids stay short; a title made only of them keeps its full slug.
    """
    words = [w for w in re.split(r"[^a-z0-9]+", title.lower()) if w]
    kept = [w for w in words if w not in _ID_STOP_WORDS]
    return slugify("_".join(kept or words))


def casing_index(texts: list[str]) -> dict[str, str]:
    """Most common written form of each word in body text, keyed by its lower case."""
    forms: dict[str, Counter] = {}
    for text in texts:
        # the first word of an item is capitalised anyway: it says nothing about the word
        for word in re.findall(r"[A-Za-z][A-Za-z'’\-]*", text)[1:]:
            forms.setdefault(word.lower(), Counter())[word] += 1
    return {low: counts.most_common(1)[0][0] for low, counts in forms.items()}


def nice_title(title: str, casing: dict[str, str]) -> str:
    """Sentence case for an all-capitals heading, keeping names the body writes in capitals.

    ``DAY ONE MANDATION PROCESSES`` -> ``Day One Mandation processes`` when the
    questions write "Day One Mandation". Headings already in mixed case are kept.
    """
    title = " ".join(title.split())
    letters = [c for c in title if c.isalpha()]
    if not letters or sum(c.isupper() for c in letters) / len(letters) < 0.8:
        return title

    def fix(match: re.Match) -> str:
        word = match.group(0)
        known = casing.get(word.lower())
        if known and known != known.lower():
            return known
        return word.lower()

    out = re.sub(r"[A-Za-z][A-Za-z'’]*", fix, title)
    return out[:1].upper() + out[1:]


# ----- keywords -----

_STOP = FUNCTION_WORDS | ASKING_WORDS  # fillers such as "right" or "well" can end a real heading


def _phrases(text: str) -> list[str]:
    """Candidate 2-3 word phrases of content words, in text order, never across punctuation."""
    text = rules.PROBE_RE.sub("", text.replace("’", "'"))
    out: list[str] = []
    for chunk in re.split(r"[,.;:?!()\[\]/–]|\s-\s", text):
        out.extend(_chunk_phrases(re.findall(r"[A-Za-z][A-Za-z'\-]*", chunk)))
    return out


def _chunk_phrases(words: list[str]) -> list[str]:
    out: list[str] = []
    for n in (3, 2):
        for i in range(len(words) - n + 1):
            gram = words[i : i + n]
            low = [w.lower() for w in gram]
            if low[0] in _STOP or low[-1] in _STOP or any(len(w) < 3 for w in (low[0], low[-1])):
                continue
            if sum(w in _STOP for w in low) > 1:
                continue
            out.append(" ".join(low))
    return out


def section_keywords(title: str, texts: list[str], limit: int = 5) -> list[str]:
    """A few salient phrases of a section: the phrases its title and questions repeat most.

    Deterministic and simple: count 2-3 word phrases that start and end with a
    content word across the section's question texts; a phrase in the title
    counts double; ties go to the longer phrase, then to the earlier one.
    """
    counts: Counter = Counter()
    first: dict[str, int] = {}
    order = 0
    for text in [title, *texts]:
        for phrase in _phrases(text):
            counts[phrase] += 1
            first.setdefault(phrase, order)
            order += 1
    title_low = " ".join(title.lower().split())

    def score(p: str) -> int:
        return counts[p] + (1 if p in title_low else 0)

    scored = sorted(counts, key=lambda p: (-score(p), -len(p.split()), first[p]))
    chosen: list[str] = []
    for phrase in scored:
        if score(phrase) < 2:
            break
        # "day one" is better said as "day one mandation" when the longer phrase is nearly as common
        longer = [
            p for p in scored if len(p.split()) == 3 and phrase in p and score(p) >= 2 and score(p) * 2 >= score(phrase)
        ]
        if len(phrase.split()) == 2 and longer:
            phrase = longer[0]
        if any(phrase in c or c in phrase for c in chosen):
            continue
        chosen.append(phrase)
        if len(chosen) == limit:
            break
    if len(chosen) < 2:
        plain = " ".join(re.findall(r"[a-z0-9'’\-]+", title_low))
        if plain and not any(plain in c or c in plain for c in chosen):
            chosen.append(plain)
    return chosen


# ----- the builder -----


@dataclass
class _Draft:
    title: str
    line: int | None
    extra: dict
    metadata: dict[str, list[str]] = field(default_factory=dict)
    sections: list[Theme] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    body: list[str] = field(default_factory=list)


def _at(block: Block) -> str:
    return f"line {block.line}" if block.line else "a paragraph"


def build_frames(blocks: list[Block], source: str = "", default_title: str = "Topic guide") -> list[Frame]:
    """Turn a reader's blocks into frames. Frames with no sections are dropped (with nothing else to say)."""
    drafts: list[_Draft] = []
    draft: _Draft | None = None
    admin: str | None = None
    section: Theme | None = None
    parent: Theme | None = None  # current level-1 section (for B1 under B)
    question: Theme | None = None

    def ensure_draft(block: Block) -> _Draft:
        nonlocal draft
        if draft is None:
            draft = _Draft(default_title, block.line, {})
            drafts.append(draft)
        return draft

    for block in blocks:
        text = " ".join(block.text.split())
        if block.kind == "guide":
            draft = _Draft(text, block.line, dict(block.extra))
            drafts.append(draft)
            admin, section, parent, question = None, None, None, None
            continue
        d = ensure_draft(block)
        if block.kind == "admin":
            admin, section, question = block.admin, None, None
            d.metadata.setdefault(admin, [])
            if text and block.extra.get("inline"):
                d.metadata[admin].append(text)
            continue
        if block.kind == "section":
            admin, question = None, None
            theme = Theme(
                id="", label=text, kind="section", routing=block.routing, extra={"letter": block.letter, **block.extra}
            )
            theme.extra["_line"] = block.line
            if block.level >= 2 and parent is not None:
                parent.children.append(theme)
            else:
                d.sections.append(theme)
                parent = theme
            section = theme
            continue
        if admin is not None and block.kind in ("text", "note", "lead_in", "probe", "question", "qnote"):
            d.metadata[admin].append(text)
            continue
        if block.kind == "question":
            if section is None:
                d.warnings.append(f"{_at(block)}: question before any section skipped: {text[:60]!r}")
                continue
            question = Theme(
                id="", label=text, kind="question", key=block.key, routing=block.routing, extra=dict(block.extra)
            )
            if block.number:
                question.extra["number"] = block.number
            section.children.append(question)
            d.body.append(text)
            continue
        if block.kind == "probe":
            if question is None:
                where = f"section {section.label!r}" if section else "the guide"
                d.warnings.append(f"{_at(block)}: probe with no question in {where} skipped: {text[:60]!r}")
                continue
            question.probes.append(text)
            d.body.append(text)
            continue
        if block.kind == "qnote" and question is not None:
            question.extra.setdefault("notes", []).append(text)
            continue
        if block.kind == "lead_in" and section is not None:
            section.description = f"{section.description} {text}".strip()
            d.body.append(text)
            continue
        if block.kind in ("note", "qnote") and section is not None:
            section.extra.setdefault("notes", []).append(text)
            continue
        if block.kind in ("note", "qnote", "lead_in") and section is None:
            d.metadata.setdefault("interviewer_notes", []).append(text)
            continue
        d.warnings.append(f"{_at(block)}: text outside any question skipped: {text[:60]!r}")

    frames: list[Frame] = []
    used: set[str] = set()
    for d in drafts:
        if d.sections:
            frames.append(_finish(d, source, used))
    return frames


def _finish(d: _Draft, source: str, used: set[str]) -> Frame:
    # two guides with the same title in one document still get distinct ids
    frame_id = _unique(d.extra.pop("id", None) or frame_id_for(d.title), used)
    casing = casing_index(d.body)
    seen: set[str] = set()

    def finish_section(theme: Theme, ordinal: int) -> None:
        tag = theme.extra.get("letter") or str(ordinal)
        theme.extra["letter"] = tag
        theme.id = _unique(f"{frame_id}_{slugify(tag)}", seen)
        theme.label = nice_title(theme.label, casing)
        line = theme.extra.pop("_line", None)
        q = 0
        texts: list[str] = []
        for child in theme.children:
            if child.kind == "question":
                q += 1
                child.id = _unique(f"{theme.id}_q{q}", seen)
                texts.extend([child.label, *child.probes])
        sub = 0
        for child in theme.children:
            if child.kind == "section":
                sub += 1
                finish_section(child, sub)
        theme.keywords = section_keywords(theme.label, texts)
        # a routing table that covers the whole section is the section's routing too
        routings = {c.routing for c in theme.children if c.kind == "question"}
        if not theme.routing and len(routings) == 1 and q:
            theme.routing = routings.pop()
        if q == 0 and not any(c.kind == "section" for c in theme.children):
            where = f"line {line}: " if line else ""
            d.warnings.append(f"{where}section {tag} {theme.label!r} has no questions")

    for i, theme in enumerate(d.sections, start=1):
        finish_section(theme, i)
    metadata = {k: "\n".join(v) for k, v in d.metadata.items() if v}
    return Frame(
        name=d.title,
        themes=d.sections,
        id=frame_id,
        kind="guide",
        source=source,
        metadata=metadata,
        warnings=d.warnings,
        extra=d.extra,
    )


def _unique(theme_id: str, seen: set[str]) -> str:
    candidate, n = theme_id, 2
    while candidate in seen:
        candidate = f"{theme_id}_{n}"
        n += 1
    seen.add(candidate)
    return candidate
