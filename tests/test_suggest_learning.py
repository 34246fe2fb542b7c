"""Learning from confirm/reject decisions: scores move, rejections stick, and it is cheap."""

from __future__ import annotations

from pathlib import Path

from coding.frames.yaml_io import read_frame_yaml
from coding.suggest.scorer import Suggester

DATA = Path(__file__).parent / "data" / "suggest"
TEXT = "We talked about the rota and the van drivers"


def _score(s, theme, text=TEXT):
    return {x.theme: x.score for x in s.suggest([text])[0]}[theme]


def test_confirmed_example_raises_its_theme_for_similar_segments(hashing_encoder):
    s = Suggester([read_frame_yaml(DATA / "mini_frame.yaml")], hashing_encoder, shipped_exemplars=False)
    before = _score(s, "employers")
    s.add_example("the rota for the van drivers at the depot", "employers", accepted=True)
    after = s.suggest([TEXT])[0]
    assert {x.theme: x.score for x in after}["employers"] > before
    assert after[0].theme == "employers"
    assert "you confirmed" in after[0].why


def test_rejected_example_lowers_its_theme(hashing_encoder):
    s = Suggester([read_frame_yaml(DATA / "mini_frame.yaml")], hashing_encoder, shipped_exemplars=False)
    text = "the hostel rota and the van drivers"
    before = _score(s, "housing", text)
    s.add_example("the hostel rota and the van drivers at night", "housing", accepted=False)
    assert _score(s, "housing", text) < before


def test_unknown_theme_in_add_example_is_ignored(hashing_encoder):
    s = Suggester([read_frame_yaml(DATA / "mini_frame.yaml")], hashing_encoder, shipped_exemplars=False)
    s.add_examples(["x y z words"], ["no_such_theme"], [True])
    assert s.example_counts() == {"sanctions": (0, 0), "housing": (0, 0), "employers": (0, 0)}
