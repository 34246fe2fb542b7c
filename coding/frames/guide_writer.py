"""Write a guide frame back out as a readable guide: markdown or Word.

The shipped guides in ``topic_guides/`` are made this way from the parsed seed
text, so reading them back with ``load_frames`` gives the same tree (ids, labels,
probes, routing, notes, metadata) plus the key flags set on the frame.

Markdown shape::

    # Stakeholder topic guide
    ## Interviewer notes            (audience, interviewer_notes, introduction, consent)
    ## C. Rationale for joint commissioning [routing]
    We want to ask ...             (section description, a lead-in sentence)
    > Interviewer note: ...        (section notes; "> ASK ALL" routes the next question)
    Questions about: ...           (protocol routing tables)
    Relevant to interviewees from: ...
    1. **A key question?**
       - Probe: ...
       > IF NO GO TO Q26           (a note about the question)
    ## Close
"""

from __future__ import annotations

from pathlib import Path

from coding.frames import rules
from coding.model import Frame, Theme

_FRONT = (
    ("audience", "Audience"),
    ("interviewer_notes", "Interviewer notes"),
    ("introduction", "Introduction"),
    ("consent", "Confidentiality and consent"),
)


def _is_protocol(frame: Frame) -> bool:
    return any("number" in q.extra for q in frame.questions())


def _heading(theme: Theme) -> str:
    tag = theme.extra.get("letter", "")
    text = f"{tag}. {theme.label}" if tag and not tag.isdigit() else theme.label
    routings = {c.routing for c in theme.children if c.kind == "question"}
    lifted = len(routings) == 1 and theme.routing in routings
    return f"{text} [{theme.routing}]" if theme.routing and not lifted else text


def _items(frame: Frame):
    """(kind, payload) in reading order: the one walk both writers share."""
    protocol = _is_protocol(frame)
    for key, title in _FRONT:
        if frame.metadata.get(key):
            yield "admin", (title, frame.metadata[key].split("\n"))

    def section(theme: Theme, level: int):
        yield "section", (level, _heading(theme))
        if theme.description:
            yield "lead_in", theme.description
        for note in theme.extra.get("notes", []):
            yield "note", note
        about = routing = ""
        ordinal = 0
        for child in theme.children:
            if child.kind == "section":
                continue
            ordinal += 1
            if protocol:
                if child.extra.get("about", "") != about and child.extra.get("about"):
                    yield "table", f"Questions about: {child.extra['about']}"
                    routing = ""
                about = child.extra.get("about", "")
                if child.routing != routing and child.routing:
                    yield "table", f"Relevant to interviewees from: {child.routing}"
                routing = child.routing
            elif child.routing and not rules.question_routing(child.label):
                yield "note", child.routing  # "ASK ALL", "IF NOT COVERED": routes the next question
            number = child.extra.get("number", "") if protocol else str(ordinal)
            yield "question", (number, child)
            for probe in child.probes:
                yield "probe", probe
            for note in child.extra.get("notes", []):
                yield "qnote", note
        for child in theme.children:
            if child.kind == "section":
                yield from section(child, level + 1)

    for theme in frame.themes:
        yield from section(theme, 1)
    if frame.metadata.get("close"):
        yield "admin", ("Close", frame.metadata["close"].split("\n"))


def frame_to_markdown(frame: Frame) -> str:
    out = [f"# {frame.name}", ""]
    for kind, payload in _items(frame):
        if kind == "admin":
            title, lines = payload
            out += [f"## {title}", ""] + [x for line in lines for x in (line, "")]
        elif kind == "section":
            level, text = payload
            out += [f"{'#' * (level + 1)} {text}", ""]
        elif kind in ("lead_in", "table"):
            out += [payload, ""]
        elif kind == "note":
            out += [f"> {payload}", ""]
        elif kind == "question":
            number, q = payload
            label = f"**{q.label}**" if q.key else q.label
            out.append(f"{number}. {label}" if number else label)
        elif kind == "probe":
            out.append(f"   - {payload}")
        elif kind == "qnote":
            out.append(f"   > {payload}")
    # a blank line after each question block keeps the markdown readable
    text = "\n".join(out)
    return _space_questions(text) + "\n"


def _space_questions(text: str) -> str:
    lines = text.split("\n")
    spaced: list[str] = []
    for i, line in enumerate(lines):
        spaced.append(line)
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        if line and nxt and not nxt.startswith("   ") and (line.startswith("   ") or line[:1].isdigit()):
            spaced.append("")
    return "\n".join(spaced).rstrip("\n")


def write_guide_docx(frame: Frame, path: str | Path) -> None:
    """A Word guide: Title, Heading 1/2 sections, numbered questions (bold = key), indented probes."""
    import docx  # python-docx

    document = docx.Document()
    document.core_properties.title = frame.name
    document.add_heading(frame.name, 0)
    for kind, payload in _items(frame):
        if kind == "admin":
            title, lines = payload
            document.add_heading(title, 1)
            for line in lines:
                document.add_paragraph(line)
        elif kind == "section":
            level, text = payload
            document.add_heading(text, min(level, 2))
        elif kind in ("lead_in", "table"):
            document.add_paragraph(payload)
        elif kind == "note":
            document.add_paragraph(payload, style="Quote")
        elif kind == "question":
            number, q = payload
            if _is_protocol(frame):
                # protocol numbers are the guide's own (with gaps), so they are typed, not automatic
                paragraph = document.add_paragraph()
                if number:
                    paragraph.add_run(f"{number}. ").bold = q.key
            else:
                paragraph = document.add_paragraph(style="List Number")
            run = paragraph.add_run(q.label)
            run.bold = q.key
        elif kind == "probe":
            document.add_paragraph(payload, style="List Bullet 2")
        elif kind == "qnote":
            document.add_paragraph(payload, style="Intense Quote")
    document.save(str(path))
