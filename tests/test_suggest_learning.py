"""Learning from confirm/reject decisions: scores move, rejections stick, and it is cheap."""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np

from coding.frames.yaml_io import read_frame_yaml
from coding.suggest.scorer import Suggester

DATA = Path(__file__).parent / "data" / "suggest"
TEXT = "We talked about the rota and the van drivers"


def _score(s, theme, text=TEXT):
    return {x.theme: x.score for x in s.suggest([text])[0]}[theme]


def test_confirmed_example_raises_its_theme_for_similar_segments(hashing_encoder):
    s = Suggester([read_frame_yaml(DATA / "mini_frame.yaml")], hashing_encoder)
    before = _score(s, "employers")
    s.add_example("the rota for the van drivers at the depot", "employers", accepted=True)
    after = s.suggest([TEXT])[0]
    assert {x.theme: x.score for x in after}["employers"] > before
    assert after[0].theme == "employers"
    assert "you confirmed" in after[0].why


def test_rejected_example_lowers_its_theme(hashing_encoder):
    s = Suggester([read_frame_yaml(DATA / "mini_frame.yaml")], hashing_encoder)
    text = "the hostel rota and the van drivers"
    before = _score(s, "housing", text)
    s.add_example("the hostel rota and the van drivers at night", "housing", accepted=False)
    assert _score(s, "housing", text) < before


def test_unknown_theme_in_add_example_is_ignored(hashing_encoder):
    s = Suggester([read_frame_yaml(DATA / "mini_frame.yaml")], hashing_encoder)
    s.add_examples(["x y z words"], ["no_such_theme"], [True])
    assert s.example_counts() == {"sanctions": (0, 0), "housing": (0, 0), "employers": (0, 0)}


def test_update_for_a_large_project_is_well_under_a_second(hashing_encoder):
    # 300 interviews x 60 segments, embeddings already stored; 500 decisions so far.
    rng = np.random.default_rng(0)
    dim = hashing_encoder.dim
    stored = rng.normal(size=(18_000, dim)).astype(np.float32)
    stored /= np.linalg.norm(stored, axis=1, keepdims=True)
    texts = ["segment"] * len(stored)
    s = Suggester([read_frame_yaml(DATA / "mini_frame.yaml")], hashing_encoder)
    s.add_examples(stored[:500], ["housing", "employers"] * 250, True)
    t0 = time.perf_counter()
    s.add_example(stored[500], "sanctions", accepted=True)
    s.suggest(texts, embeddings=stored, top_k=5)
    assert time.perf_counter() - t0 < 1.0
