"""What an interviewer turn asks, read the way interviewers talk.

Interviewers rarely read the guide. A turn that asks a guide question often
starts by acknowledging the last answer ("That's really interesting, the bit about
the Jobcentre."), carries fillers ("Right, so, um,"), refers back to something said
earlier ("You mentioned housing. ..."), stacks two questions ("How were you
referred? And how long did it take?"), or is no question at all: a back-channel
("Mm-hm.", "Right.") or an elliptical probe that only makes sense after the
question before ("And why was that?", "What about employers?").

``read_turn`` sets the talk around the question aside and returns the texts worth
scoring against the guide:

>>> turn = read_turn("Right, okay. That's really helpful, thanks. So, um, how were you referred to the programme?")
>>> turn.asks
['how were you referred to the programme?']
>>> read_turn("Mm-hm.").backchannel
True
>>> read_turn("And why was that?").elliptical
True
>>> read_turn("How old are you? And do you have any children?").asks
['How old are you?', 'do you have any children?']

Pure functions of the text: no model, no guide.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# Discourse markers and fillers an interviewer puts before (or inside) a question. They carry
# nothing about which question is asked, but they move a short turn's embedding a long way.
_LEAD = re.compile(
    r"^(?:(?:mm+-?hm+|uh-?huh|hmm+|right|okay|ok|so|and|um+|erm+|er|uh+|ah|oh|well|yeah|yes|yep|great|lovely|"
    r"brilliant|fine|sure|cool|alright|all right|good|perfect|fab|super|mm+|i see|gotcha|thanks|thank you|"
    r"now|then|actually|just|moving on|next|fair enough|of course|absolutely|no problem|that's fine|"
    r"that(?:'s| is) (?:great|helpful|really helpful|really interesting|interesting|fine)|that makes sense|i understand|interesting|wow|god)"
    r"\b[\s,.;:!\u2026\u2013\u2014-]*)+",
    re.I,
)
_FILLERS = re.compile(r"\b(?:um+|erm+|er|uh+|you know|i mean|sort of|kind of|like,)\b[,]?\s*", re.I)
# A sentence asks when it ends in a question mark or opens the way a spoken request does.
_REQUEST = re.compile(
    r"^(?:can|could|would|will|do|does|did|is|are|was|were|have|has|had|should|how|what|why|when|where|which|"
    r"who|whose|to what extent|tell me|talk me|walk me|describe|explain|say a bit|give me|i'd like|i wanted to ask|"
    r"i want to ask|i'm interested|i was wondering|let's talk|thinking about)\b",
    re.I,
)
# "You mentioned the Jobcentre earlier -" / "Going back to what you said about housing," : the
# refer-back names the earlier talk, the rest of the sentence is the question.
_REFER_BACK = re.compile(
    r"^(?:(?:and )?(?:you|you've|you have) (?:mentioned|said|talked|spoke|touched|were saying|were talking|"
    r"brought up|raised)|(?:going|coming|just going) back to|earlier you|picking up on|on that point|"
    r"following on from|you know you said)\b",
    re.I,
)
_CLAUSE_BREAK = re.compile(
    r"\s+[\u2013\u2014-]+\s+|;\s+|,\s+(?=(?:and |so )?(?:can|could|would|do|does|did|is|are|was|were|have|has|how|"
    r"what|why|when|where|which|who|to what extent|tell me)\b)",
    re.I,
)
_SENTENCE = re.compile(r"(?<=[.?!\u2026])\s+")
_WORD = re.compile(r"[a-z][a-z'\u2019]+")
# Words that carry no topic: an ask made of these alone leans on the question before it.
_GENERIC = set(
    "a an the and or of to in on at for with by from as is are was were be been it its this that these those "
    "you your we our they them their i me my he she his her what which who how why when where do does did "
    "can could would should will may might have has had not no yes so if then there here about any some more "
    "other just also very really well okay ok right yeah um erm er mm tell think thought kind sort bit lot "
    "thing things way say said mean example such anything else else's happened happen happens like go went "
    "much many come came get got make made that's what's it's there's how's why's you've you'd i'd i'm let's "
    "did happen say say more more detail expand bit little again sorry pardon".split()
)
# An ask leaning on the one before: no topic word at all ("Why was that?"), or one, opened the way a
# probe opens ("What about employers?", "And in the community?") or pointing back ("Was that the
# Jobcentre?").
_PROBE_OPENING = re.compile(
    r"^(?:and|but|so|or)?\s*(?:what about|how about|and|but|or|why|how come|in what way|such as|anything else|"
    r"what else|what do you mean|how so|is that|was that|were they|did that|does that|did they|do they|"
    r"has that|have they|any)\b",
    re.I,
)
_POINTING = re.compile(r"\b(?:that|this|those|these|it|them|there|then)\b\W*$", re.I)


@dataclass
class SpokenTurn:
    """An interviewer turn with the talk around its question set aside.

    ``asks``: the sentences that ask (fillers stripped), in order; the turn's own
    words when nothing reads as a question. ``variants``: the texts to score
    against the guide (the asks, each ask with a refer-back clause cut off, the
    asks together). ``backchannel``: nothing but acknowledgement. ``elliptical``:
    the ask names too little to stand alone.
    """

    text: str
    asks: list[str] = field(default_factory=list)
    variants: list[str] = field(default_factory=list)
    backchannel: bool = False
    elliptical: bool = False


def strip_lead(sentence: str) -> str:
    """The sentence without the discourse markers it opens with ("Right, so, um, how ..." -> "how ...")."""
    stripped = _LEAD.sub("", sentence.strip(), count=1)
    return _FILLERS.sub("", stripped).strip()


def topic_words(text: str) -> list[str]:
    return [w for w in _WORD.findall(text.lower()) if w not in _GENERIC and len(w) > 2]


def _asks(sentence: str) -> bool:
    return "?" in sentence or bool(_REQUEST.match(sentence))


def _without_refer_back(sentence: str) -> str | None:
    """The question part of "You mentioned X - how did Y?"; None when there is no refer-back to cut."""
    if not _REFER_BACK.match(sentence):
        return None
    parts = _CLAUSE_BREAK.split(sentence)
    tail = parts[-1].strip() if len(parts) > 1 else ""
    return tail if len(tail.split()) >= 3 else None


def read_turn(text: str) -> SpokenTurn:
    """The asks of one interviewer turn, and what kind of talk it is."""
    sentences = [s.strip() for s in _SENTENCE.split(text.strip()) if s.strip()]
    cleaned = [strip_lead(s) for s in sentences]
    asked = [(s, c) for s, c in zip(sentences, cleaned, strict=True) if c and _asks(c)]
    asks = [c for _, c in asked]
    if not any(c for c in cleaned):
        return SpokenTurn(text, [], [], backchannel=True, elliptical=True)
    if not asks:
        # A statement that asks ("I'd be interested in the referrals.") or an acknowledgement.
        asks = [" ".join(c for c in cleaned if c)]
    variants = list(asks)
    for ask in asks:
        if (tail := _without_refer_back(ask)) is not None:
            variants.append(tail)
    if len(asks) > 1:
        variants.append(" ".join(asks))
    words = topic_words(" ".join(asks))
    backchannel = not words and not any("?" in a for a in asks)
    return SpokenTurn(
        text, asks, list(dict.fromkeys(variants)), backchannel, _elliptical(asked[-1][0] if asked else asks[-1], words)
    )


def _elliptical(last: str, words: list[str]) -> bool:
    if len(words) == 0:
        return True
    return len(words) == 1 and bool(_PROBE_OPENING.match(last) or _POINTING.search(last.rstrip("?.! ")))
