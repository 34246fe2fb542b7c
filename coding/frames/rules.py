"""What a guide paragraph is, by its words: the rules every guide reader shares.

Small predicates on one paragraph's text, so the lettered reader, the outline
(markdown) reader and the docx reader classify "Probe: ...", "IF NO GO TO Q26",
"[For EBAs/VCS] Did you ...?" and "Introduction" the same way.
"""

from __future__ import annotations

import re

# Administrative headings -> Frame.metadata keys (never codable themes).
_ADMIN = {
    "interviewer notes": "interviewer_notes",
    "interviewer note": "interviewer_notes",
    "interviewer instruction": "interviewer_notes",
    "interviewer instructions": "interviewer_notes",
    "notes for interviewers": "interviewer_notes",
    "introduction": "introduction",
    "confidentiality and consent": "consent",
    "consent": "consent",
    "confidentiality": "consent",
    "close": "close",
    "closing": "close",
    "thank you": "close",
    "audience": "audience",
    "respondents": "audience",
}

PROBE_RE = re.compile(r"^(probe|prompt)s?\b", re.IGNORECASE)
BARE_PROBE_RE = re.compile(r"^(probe|prompt)s?\s*:?\s*$", re.IGNORECASE)
NOTE_RE = re.compile(
    r"^(interviewer note|interviewer instruction|instructions? to interviewer|note to interviewer)s?\s*:",
    re.IGNORECASE,
)
LEADING_ROUTING_RE = re.compile(r"^\[((?:for|if|only|pilot)[^\]]*)\]\s*", re.IGNORECASE)
TRAILING_ROUTING_RE = re.compile(r"\s*\[([^\]]+)\]\s*$")
PAGE_NUMBER_RE = re.compile(r"^\d{1,3}$")
LEAD_IN_RE = re.compile(r"^(we |we'|in the first part|now thinking|please complete|i'm going to|i’m going to)", re.I)


def admin_key(text: str) -> str | None:
    """The metadata key of an administrative heading ("Confidentiality and Consent" -> consent)."""
    key = " ".join(text.strip().rstrip(":").lower().split())
    return _ADMIN.get(key)


def upper_ratio(text: str) -> float:
    letters = [c for c in text if c.isalpha()]
    return sum(c.isupper() for c in letters) / len(letters) if len(letters) >= 4 else 0.0


def instruction_kind(text: str) -> str | None:
    """Interviewer instructions written in capitals.

    ``qnote`` for a skip after a question ("IF NO GO TO Q26"), ``routing`` for
    one that says who the next question is for ("ASK ALL", "IF NOT COVERED"),
    ``note`` for any other ("NB. COLLECT ANY FIGURES ..."); None for ordinary text.
    """
    if upper_ratio(text) < 0.8:
        return None
    if "GO TO" in text.upper():
        return "qnote"
    if re.match(r"^(ASK|IF)\b", text.strip()) and not text.rstrip().endswith("?"):
        return "routing"
    return "note"


def question_routing(text: str) -> str:
    """Routing written before a question: ``[For EBAs/VCS] Did you ...?`` -> ``For EBAs/VCS``."""
    match = LEADING_ROUTING_RE.match(text.strip())
    return match.group(1).strip() if match else ""


def split_heading_routing(title: str) -> tuple[str, str]:
    """``PROCESSES IN PILOT AREAS [For providers in Pilot Areas only]`` -> (title, routing)."""
    match = TRAILING_ROUTING_RE.search(title)
    if not match:
        return title.strip(), ""
    return title[: match.start()].strip(), " ".join(match.group(1).split())


def is_lead_in(text: str) -> bool:
    """A sentence introducing the questions that follow, not a question itself."""
    return not text.rstrip().endswith("?") and bool(LEAD_IN_RE.match(text.strip()))


def clean(text: str) -> str:
    """Join a paragraph's broken lines and drop PDF spacing; keep the words as written."""
    return " ".join(text.replace("\u00a0", " ").split())
