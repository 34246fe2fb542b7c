"""Link guide sections and questions to cross-cutting themes, by simple visible rules.

A guide node maps to a cross-cutting theme (many-to-many, ``Theme.maps_to``) when

* for a question: every content word of one of the theme's keywords occurs in the
  question or its probes ("referred and attached to the Work Programme");
* for a section: its title names the theme (``TITLE_RULES``: "SANCTIONING" ->
  sanctions, "SUPPLY CHAIN" -> supply_chains, ...), or at least two of its
  questions, and at least a third of them, map there.

Words are compared by a crude stem so "sanctioning"/"sanctions" meet. Deterministic,
no model: a researcher can read why each link is there and edit it.
"""

from __future__ import annotations

import copy

from coding.model import Frame, Theme
from coding.text import guide_stems

# Title words that name a cross-cutting theme (matched on stems, as whole phrases).
TITLE_RULES: dict[str, tuple[str, ...]] = {
    "co_commissioning": ("commissioning", "procurement", "pilot design", "contractual", "contract"),
    "referrals": ("referral", "attachment", "day one mandation", "handover", "through the gate"),
    "sanctions": ("sanctioning", "sanctions", "conditionality"),
    "supply_chains": ("supply chain", "subcontracting", "sub-contractors"),
    "payment_incentives": ("finances", "payment", "payment by results", "incentive", "costs and benefits"),
    "employer_engagement": ("employers", "in-work support", "employer engagement"),
    "participant_needs": ("barriers", "needs", "needs assessment"),
    "delivery_support": (
        "delivery model",
        "delivery in practice",
        "out-of-work support",
        "service delivery",
        "work with offenders",
        "provision",
    ),
    "partnership_data": ("inter-agency", "partnerships", "working relationships", "data sharing"),
}


def _stems(text: str) -> list[str]:
    return guide_stems(text)


def _has_phrase(haystack: list[str], phrase: str) -> bool:
    needle = _stems(phrase)
    n = len(needle)
    return n > 0 and any(haystack[i : i + n] == needle for i in range(len(haystack) - n + 1))


def _keyword_hit(words: set[str], keyword: str) -> bool:
    needed = set(_stems(keyword))
    return bool(needed) and needed <= words


def _title_ids(title: str, order: list[str]) -> list[str]:
    words = _stems(title)
    return [cid for cid in order if any(_has_phrase(words, p) for p in TITLE_RULES.get(cid, ()))]


def map_to_crosscutting(guide: Frame, crosscutting: Frame) -> Frame:
    """A copy of ``guide`` with ``maps_to`` set on its sections and questions (the input is untouched)."""
    result = copy.deepcopy(guide)
    order = [t.id for t in crosscutting.themes]
    keywords = {t.id: [k for k in t.keywords if k] for t in crosscutting.themes}

    def question_ids(q: Theme) -> list[str]:
        words = set(_stems(" ".join([q.label, *q.probes])))
        hits = {cid for cid in order if any(_keyword_hit(words, k) for k in keywords[cid])}
        return [cid for cid in order if cid in hits]

    def visit(section: Theme) -> None:
        counts: dict[str, int] = {}
        questions = sum(1 for c in section.children if c.kind == "question")
        for child in section.children:
            if child.kind == "section":
                visit(child)
                continue
            child.maps_to = question_ids(child)
            for cid in child.maps_to:
                counts[cid] = counts.get(cid, 0) + 1
        hits = set(_title_ids(section.label, order)) | {
            cid for cid, n in counts.items() if n >= 2 and 3 * n >= questions
        }
        section.maps_to = [cid for cid in order if cid in hits]

    for theme in result.themes:
        visit(theme)
    return result
