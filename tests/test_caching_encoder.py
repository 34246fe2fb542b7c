"""Guide questions are encoded once per import batch, with vectors identical to the encoder's."""

from __future__ import annotations

import numpy as np

from coding.suggest.encoder import CachingEncoder, HashingEncoder


class CountingEncoder(HashingEncoder):
    def __init__(self):
        super().__init__()
        self.seen: list[str] = []

    def encode(self, texts):
        self.seen.extend(texts)
        return super().encode(texts)


def test_repeated_texts_are_encoded_once_and_give_the_same_vectors():
    inner = CountingEncoder()
    cached = CachingEncoder(inner)
    first = cached.encode(["How were you referred?", "Were you sanctioned?"])
    second = cached.encode(["Were you sanctioned?", "Who met you at the gate?", "Were you sanctioned?"])
    assert inner.seen == ["How were you referred?", "Were you sanctioned?", "Who met you at the gate?"]
    assert np.array_equal(second[0], first[1]) and np.array_equal(second[2], first[1])
    assert np.array_equal(
        second, HashingEncoder().encode(["Were you sanctioned?", "Who met you at the gate?", "Were you sanctioned?"])
    )
    assert cached.encode([]).shape == (0, inner.dim)


def test_the_cache_is_bounded():
    cached = CachingEncoder(CountingEncoder(), max_entries=3)
    cached.encode(["a one", "b two", "c three"])
    cached.encode(["d four"])
    assert len(cached._cache) == 1
