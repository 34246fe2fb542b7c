"""The Suggester's confidence: independent per theme, refitted from the researcher's decisions."""

from __future__ import annotations

from pathlib import Path

from coding.frames.yaml_io import read_frame_yaml
from coding.model import Frame, Theme
from coding.suggest.calibration import PlattMap
from coding.suggest.scorer import Suggester

DATA = Path(__file__).parent / "data" / "suggest"


def _unrelated(n: int) -> Frame:
    words = ["orchard", "harbour", "violin", "glacier", "pottery", "comet", "falcon", "tundra", "origami", "lagoon"]
    return Frame(name="other", themes=[Theme(id=f"u{i}", label=f"{words[i % 10]} {words[(i * 7 + 3) % 10]} {i}")
                                       for i in range(n)])


def test_a_clear_match_keeps_its_confidence_among_290_more_themes(hashing_encoder):
    text = "They put a sanction on me and my benefit stopped after a missed appointment"
    mini = read_frame_yaml(DATA / "mini_frame.yaml")
    few = Suggester([mini], hashing_encoder).suggest([text])[0][0]
    many = Suggester([mini, _unrelated(290)], hashing_encoder).suggest([text], top_k=3)[0][0]
    assert (few.theme, many.theme) == ("sanctions", "sanctions")
    assert few.score > 0.5 and many.score > 0.5
    assert abs(few.score - many.score) < 0.05


def test_confidence_is_refitted_once_there_are_confirmations_and_rejections(hashing_encoder):
    frame = Frame(name="f", themes=[Theme(id="a", label="apples orchard"), Theme(id="b", label="boats harbour")])
    s = Suggester([frame], hashing_encoder)
    s.add_examples([f"apples orchard picking {i}" for i in range(6)] + [f"boats harbour sailing {i}" for i in range(6)],
                   ["a"] * 6 + ["b"] * 6, True)
    s.suggest(["apples"])
    assert s.calibration == PlattMap()  # confirmations alone do not say how often suggestions are wrong
    s.add_examples([f"boats harbour sailing {i}" for i in range(6)], ["a"] * 6, False)
    s.suggest(["apples"])
    assert s.calibration != PlattMap()
    assert set(s.calibration.offsets) == {"a", "b"}


def test_a_fixed_temperature_fixes_the_map(hashing_encoder):
    frame = Frame(name="f", themes=[Theme(id="a", label="apples orchard"), Theme(id="b", label="boats harbour")])
    s = Suggester([frame], hashing_encoder, temperature=2.0)
    s.add_examples([f"apples orchard {i}" for i in range(12)] + [f"boats {i}" for i in range(6)],
                   ["a"] * 12 + ["a"] * 6, [True] * 12 + [False] * 6)
    flat = s.suggest(["apples orchard"])[0][0].score
    sharp = Suggester([frame], hashing_encoder).suggest(["apples orchard"])[0][0].score
    assert s.calibration == PlattMap()
    assert 0.5 < flat < sharp  # a higher temperature pulls confidence towards one half
