"""Turning segments of any length into one embedding each.

The encoder reads at most 256 word pieces (about 180 words); the rest of a long
answer would be silently dropped. A long segment is cut into windows of
``WINDOW_WORDS`` words and its embedding is the normalised mean of theirs; a
50,000-word segment is sampled to ``MAX_WINDOWS`` evenly spaced windows so one
pasted document cannot stall a batch.
"""

from __future__ import annotations

import numpy as np

from coding.suggest.encoder import Encoder

WINDOW_WORDS = 150
MAX_WINDOWS = 32


def windows(text: str) -> list[str]:
    words = text.split()
    if len(words) <= WINDOW_WORDS:
        return [" ".join(words)]
    chunks = [" ".join(words[i : i + WINDOW_WORDS]) for i in range(0, len(words), WINDOW_WORDS)]
    if len(chunks) > MAX_WINDOWS:
        picks = np.linspace(0, len(chunks) - 1, MAX_WINDOWS).round().astype(int)
        chunks = [chunks[p] for p in picks]
    return chunks


def embed_texts(encoder: Encoder, texts: list[str]) -> np.ndarray:
    """(n, dim) L2-normalised rows; an empty text gets a zero row (it matches nothing)."""
    out = np.zeros((len(texts), encoder.dim), dtype=np.float32)
    flat: list[str] = []
    owner: list[int] = []
    for i, text in enumerate(texts):
        if not text or not text.strip():
            continue
        for chunk in windows(text):
            flat.append(chunk)
            owner.append(i)
    if not flat:
        return out
    vectors = np.asarray(encoder.encode(flat), dtype=np.float32)
    np.add.at(out, np.asarray(owner), vectors)
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return out / norms
