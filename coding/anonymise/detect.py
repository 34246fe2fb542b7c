"""Finding direct identifiers in a text: Presidio over bounded chunks, each chunk's result cached by content.

spaCy's memory grows with the length of what it reads, so a text is cut into
chunks of at most ``CHUNK_CHARS`` characters at paragraph (else line, else
sentence, else word) breaks and each chunk is analysed alone; a 100,000-word
transcript costs the memory of one chunk. A chunk's finds are cached under the
digest of its text, so re-reading a project after one interview changed analyses
only that interview's changed chunks.

``Detector`` is the one-method interface (``find(text) -> list[Found]``);
``PresidioDetector`` is the real one, and takes any Presidio analyzer, so tests
run the patterns on a blank spaCy pipeline and the names model only where the
test is about it (``presidio_detector()`` builds the real one once).
"""

from __future__ import annotations

import hashlib
import re
import threading
from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Protocol

from spacy.lang.en.stop_words import STOP_WORDS as _STOP_WORDS

from coding.anonymise import kinds
from coding.anonymise.names import NOT_NAME_WORDS
from coding.anonymise.recognisers import SPACY_ENTITY_KINDS

CHUNK_CHARS = 20_000
CACHE_CHUNKS = 2_048
MODEL = "names model"
PATTERN = "pattern"

# Words the small model tags as people, places or organisations in this field that identify no one:
# national bodies, programme words and roles. A list entry or a pattern find is never dropped for these.
NOT_IDENTIFYING = {
    "jobcentre",
    "jobcentre plus",
    "jcp",
    "probation",
    "the probation service",
    "work programme",
    "provider a",
    "provider b",
    "provider c",
    "day one",
    "eba",
    "moj",
    "dwp",
    "noms",
    "hmpps",
    "nhs",
    "crc",
    "nps",
    "uk",
    "england",
    "wales",
    "scotland",
    "britain",
    "great britain",
    "the united kingdom",
    "ministry of justice",
    "department for work and pensions",
    "citizens advice",
    "through the gate",
    "universal credit",
    "covid",
    "interviewer",
    "respondent",
    "prison",
    "the prison",
    "home office",
    "council",
    "the council",
    "sib",
    "social impact bond",
    "payment by results",
    "pbr",
    "one service",
    "cv",
    "cvs",
    "nomis",
    "esa",
    "jsa",
    "pip",
    "mandation",
    "jobseeker",
    "jobseekers",
    "national insurance",
    "the job centre",
    "job centre",
    "jobseeker's allowance",
    "ofsted",
    "ofqual",
    "hmrc",
    "dbs",
    "cscs",
    "nvq",
}
# The names model's "never part of a person's name" words, and two that head typed notes.
_NOT_NAME_WORDS = NOT_NAME_WORDS | {"interviewer", "notes"}


@dataclass(frozen=True)
class Found:
    """One identifier in one text: where, what kind, the words as written, and what found it."""

    start: int
    end: int
    kind: str
    text: str
    source: str = PATTERN


class Detector(Protocol):
    def find(self, text: str) -> list[Found]: ...


def chunks(text: str, size: int = CHUNK_CHARS) -> Iterator[tuple[int, str]]:
    """(offset, piece) pieces of at most ``size`` characters, cut at the widest break near the end.

    >>> [(o, p) for o, p in chunks("one two.\\n\\nthree four five", size=12)]
    [(0, 'one two.\\n\\n'), (10, 'three four '), (21, 'five')]
    """
    start = 0
    while start < len(text):
        end = min(start + size, len(text))
        if end < len(text):
            window = text[start:end]
            for sep in ("\n\n", "\n", ". ", " "):
                cut = window.rfind(sep)
                if cut > size // 4:
                    end = start + cut + len(sep)
                    break
        yield start, text[start:end]
        start = end


def _not_a_name_word(word: str) -> bool:
    """A word the small model puts in a name's span that is no part of one: "Sometimes Kelly", "Realistically"."""
    word = word.lower().strip("'’")
    return word in _NOT_NAME_WORDS or word in _STOP_WORDS or (len(word) > 8 and word.endswith("ly"))


def _trim_model_span(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The name-like core of a model span: the small model's spans run on ("Ruth Okafor: Apart").

    >>> t = "Ruth Okafor: Apart from that"
    >>> t[slice(*_trim_model_span(t, 0, 18))]
    'Ruth Okafor'
    """
    piece = text[start:end]
    cut = re.search(r"[:\n;,!?]|\.(?:\s|$)|\s{2,}", piece)
    if cut:
        end = start + cut.start()
    words = [(m.start() + start, m.end() + start, m.group(0)) for m in re.finditer(r"\S+", text[start:end])]
    while words and _not_a_name_word(words[0][2]):
        words.pop(0)
    while words and _not_a_name_word(words[-1][2]):
        words.pop()
    if not words:
        return None
    core = text[words[0][0] : words[-1][1]]
    if len(core) < 3 or not re.search(r"[^\W\d_]{3}", core):
        return None
    return words[0][0], words[-1][1]


def _from_presidio(text: str, results) -> list[Found]:
    out = []
    for r in results:
        kind = SPACY_ENTITY_KINDS.get(r.entity_type, r.entity_type)
        if kind not in kinds.KINDS:
            continue
        start, end, source = r.start, r.end, PATTERN
        if kind in (kinds.PERSON, kinds.PLACE) and source == PATTERN and _not_a_name_word(text[start:end]):
            continue  # a heuristic pattern's capitalised word that is an everyday one ("Because said")
        if r.entity_type in SPACY_ENTITY_KINDS:
            source = MODEL
            trimmed = _trim_model_span(text, start, end)
            if trimmed is None:
                continue
            start, end = trimmed
            if text[start:end].lower() in NOT_IDENTIFYING or not text[start].isupper():
                continue
        out.append(Found(start, end, kind, text[start:end], source))
    return out


class PresidioDetector:
    """Presidio's analyzer over chunks of a text, each chunk's finds cached by the digest of its text."""

    def __init__(self, analyzer, chunk_chars: int = CHUNK_CHARS, cache_chunks: int = CACHE_CHUNKS):
        self.analyzer = analyzer
        self.chunk_chars = chunk_chars
        self.cache_chunks = cache_chunks
        self._cache: OrderedDict[str, list[Found]] = OrderedDict()
        self._lock = threading.Lock()
        self.analysed_chunks = 0  # how many chunks were not in the cache (for tests and benchmarks)

    def _chunk(self, piece: str) -> list[Found]:
        key = hashlib.sha256(piece.encode()).hexdigest()
        with self._lock:
            if key in self._cache:
                self._cache.move_to_end(key)
                return self._cache[key]
        found = _from_presidio(piece, self.analyzer.analyze(piece, language="en", score_threshold=0.3))
        with self._lock:
            self.analysed_chunks += 1
            self._cache[key] = found
            while len(self._cache) > self.cache_chunks:
                self._cache.popitem(last=False)
        return found

    def find(self, text: str) -> list[Found]:
        """Every identifier in ``text``, in reading order, offsets into ``text``."""
        out = []
        for offset, piece in chunks(text, self.chunk_chars):
            out += [Found(f.start + offset, f.end + offset, f.kind, f.text, f.source) for f in self._chunk(piece)]
        return sorted(out, key=lambda f: (f.start, -f.end))


_detector: PresidioDetector | None = None
_detector_lock = threading.Lock()


def presidio_detector() -> PresidioDetector:
    """The real detector: Presidio on the pinned spaCy pipeline, built once per process."""
    global _detector
    with _detector_lock:
        if _detector is None:
            from coding.anonymise.recognisers import build_analyzer, spacy_engine
            from coding.nlp import PIPELINE_PACKAGE

            _detector = PresidioDetector(build_analyzer(spacy_engine(PIPELINE_PACKAGE)))
        return _detector


def pattern_detector() -> PresidioDetector:
    """The patterns alone (no names model): fast, for tests and for the gate's second opinion."""
    from coding.anonymise.recognisers import blank_engine, build_analyzer

    return PresidioDetector(build_analyzer(blank_engine()))


_patterns: PresidioDetector | None = None


def shared_pattern_detector() -> PresidioDetector:
    """One pattern detector per process (its cache shared), for the export gate."""
    global _patterns
    with _detector_lock:
        if _patterns is None:
            _patterns = pattern_detector()
        return _patterns
