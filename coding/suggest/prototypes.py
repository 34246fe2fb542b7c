"""What a theme is known by: short texts ("prototypes") drawn from the frame and the guide.

A theme is scored against each of its prototypes separately, never against one
concatenated string: a quote about missed appointments is close to the keyword
"sanctioning" or to the guide's question about "not meeting participation
requirements", but far from the average of everything said about sanctions.

Where prototypes come from (theme knowledge comes only from frames and guides):

- the theme's label, its description (whole, and its comma-separated phrases),
  keywords and probes;
- the guide wording a frame quotes in ``keyword_sources`` (``'...'`` quotes);
- for a guide section, the questions and probes under it;
- for a cross-cutting theme, every guide node that ``maps_to`` it - only with
  ``mapped=True``: measured, the guides' questions drown a theme's own words
  (top-1 0.49 -> 0.32 on the dev quotes with the six shipped guides loaded), so the
  Suggester uses the mapping as the aligned-question prior instead;
- hypothetical utterances: each guide question rewritten as the statement an
  answer would make ("How are offenders referred and attached?" becomes
  "offenders are referred and attached"), since answers share the question's
  content words but not its interrogative frame.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from coding.model import Frame, Theme

# Kinds, in the words the "why" uses.
KIND_WORDS = {
    "label": "the theme's name",
    "description": "the theme's description",
    "keyword": "keyword",
    "probe": "probe",
    "question": "guide question",
    "guide": "guide wording",
    "utterance": "guide question",
    "exemplar": "example answer",
}

_QUOTE_RE = re.compile(r"\('([^']{8,})'\)|\(‘([^’]{8,})’\)|'([^']{12,})'")
# Interrogative openings whose removal leaves the content an answer would state.
_LEADS = re.compile(
    r"^(?:probe|prompt)s?\s*(?:type of [a-z]+|for [a-z]+)?\s*[:\-–]\s*"
    r"|^(?:can|could|would) you (?:please )?(?:tell me|describe|explain|give me|talk me through|say)"
    r"(?: (?:about|an overview of|a general overview of|more about))?\s*"
    r"|^(?:do|did|does) you (?:think|believe|feel|see|find) (?:that )?"
    r"|^in your (?:view|opinion|experience),?\s*"
    r"|^to what extent (?:do you think |if at all,? |, if at all, )?"
    r"|^(?:what|which) (?:do you think |did you understand to be |do you see as )?(?:are|is|were|was) (?:the )?"
    r"|^how (?:far |well |effective |much )?(?:do|does|did|is|are|were|was|has|have) "
    r"|^(?:have|has|is|are|were|was) (?:there |you |they )?(?:any )?",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Prototype:
    """One short text a theme is known by; ``source`` says where it came from."""

    theme: str
    text: str
    kind: str
    source: str = ""  # e.g. the id of the guide question it came from


def as_statement(question: str) -> str:
    """A guide question rewritten as the statement an answer would make.

    >>> as_statement("Can you describe how offenders are referred and attached to the Work Programme?")
    'how offenders are referred and attached to the Work Programme'
    """
    text = question.strip().rstrip("?").strip()
    for _ in range(2):  # "Probe: Do you think that ..." has two leads
        stripped = _LEADS.sub("", text, count=1).strip(" ,:-–")
        if stripped == text:
            break
        text = stripped
    return text


def _phrases(description: str) -> list[str]:
    parts = re.split(r"[,;:()]|\band\b(?= [a-z]+ [a-z]+)", description)
    return [p.strip(" .") for p in parts if len(p.strip(" .").split()) >= 2]


def _guide_quotes(theme: Theme) -> list[str]:
    """Guide wording a frame cites in ``keyword_sources`` (quoted passages only)."""
    sources = theme.extra.get("keyword_sources") or []
    quotes: list[str] = []
    for source in sources if isinstance(sources, list) else [sources]:
        for match in _QUOTE_RE.finditer(str(source)):
            text = next(g for g in match.groups() if g)
            text = text.replace("...", " ").replace("…", " ")
            quotes.append(" ".join(text.split()))
    return quotes


def _own(theme: Theme) -> list[Prototype]:
    out = [Prototype(theme.id, theme.label, "question" if theme.kind == "question" else "label")]
    if theme.description:
        out.append(Prototype(theme.id, theme.description, "description"))
        out.extend(Prototype(theme.id, p, "description") for p in _phrases(theme.description))
    out.extend(Prototype(theme.id, k, "keyword") for k in theme.keywords)
    out.extend(Prototype(theme.id, p, "probe") for p in theme.probes)
    out.extend(Prototype(theme.id, q, "guide") for q in _guide_quotes(theme))
    out.extend(Prototype(theme.id, str(e), "exemplar") for e in theme.extra.get("exemplars") or [])
    return out


def _borrowed(node: Theme, target: str) -> list[Prototype]:
    """A guide node's texts as evidence for another theme (its section or a mapped theme)."""
    out: list[Prototype] = []
    if node.kind == "question":
        out.append(Prototype(target, node.label, "question", node.id))
    out.extend(Prototype(target, p, "probe", node.id) for p in node.probes)
    out.extend(Prototype(target, k, "keyword", node.id) for k in node.keywords)
    return out


def _with_utterances(protos: list[Prototype]) -> list[Prototype]:
    out = list(protos)
    for p in protos:
        if p.kind in ("question", "probe", "guide"):
            statement = as_statement(p.text)
            if statement and statement != p.text and len(statement.split()) >= 3:
                out.append(Prototype(p.theme, statement, "utterance", p.source or p.text))
    return out


def build_prototypes(frames: list[Frame], utterances: bool = True, mapped: bool = False) -> dict[str, list[Prototype]]:
    """theme id -> its prototypes (deduplicated, in a stable order), for every theme of the frames."""
    by_theme: dict[str, list[Prototype]] = {}
    for frame in frames:
        for theme, _ in frame.walk():
            by_theme.setdefault(theme.id, []).extend(_own(theme))
    for frame in frames:
        for theme, path in frame.walk():
            # A question's wording is evidence for every section above it.
            for ancestor in path:
                by_theme.setdefault(ancestor, []).extend(_borrowed(theme, ancestor))
            if not mapped:
                continue
            targets = [m for m in theme.maps_to if m in by_theme]
            for target in targets:
                by_theme[target].append(
                    Prototype(target, theme.label, "question" if theme.kind == "question" else "guide", theme.id)
                )
                by_theme[target].extend(_borrowed(theme, target))
            # A section's questions carry its mapping too.
            for ancestor_id in path:
                ancestor_theme = frame.find(ancestor_id)
                for target in ancestor_theme.maps_to if ancestor_theme else []:
                    if target in by_theme:
                        by_theme[target].extend(_borrowed(theme, target))
    result: dict[str, list[Prototype]] = {}
    for theme_id, protos in by_theme.items():
        if utterances:
            protos = _with_utterances(protos)
        seen: set[str] = set()
        unique = []
        for p in protos:
            key = p.text.lower()
            if key not in seen and p.text.strip():
                seen.add(key)
                unique.append(p)
        result[theme_id] = unique
    return result
