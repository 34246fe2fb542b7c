"""The Suggester's confidence: independent per theme, refitted from the researcher's decisions."""

from __future__ import annotations

from pathlib import Path

from coding.frames.yaml_io import read_frame_yaml
from coding.model import Frame, Theme
from coding.suggest.calibration import PlattMap
from coding.suggest.scorer import RECALIBRATE_FROM, RECALIBRATE_REJECTED_FROM, Suggester

DATA = Path(__file__).parent / "data" / "suggest"


def _unrelated(n: int) -> Frame:
    words = ["orchard", "harbour", "violin", "glacier", "pottery", "comet", "falcon", "tundra", "origami", "lagoon"]
    return Frame(
        name="other",
        themes=[Theme(id=f"u{i}", label=f"{words[i % 10]} {words[(i * 7 + 3) % 10]} {i}") for i in range(n)],
    )


def test_a_clear_match_keeps_its_confidence_among_290_more_themes(hashing_encoder):
    text = "They put a sanction on me and my benefit stopped after a missed appointment"
    mini = read_frame_yaml(DATA / "mini_frame.yaml")
    few = Suggester([mini], hashing_encoder).suggest([text])[0][0]
    many = Suggester([mini, _unrelated(290)], hashing_encoder).suggest([text], top_k=3)[0][0]
    assert (few.theme, many.theme) == ("sanctions", "sanctions")
    assert few.score > 0.5 and many.score > 0.5
    assert abs(few.score - many.score) < 0.05


def test_confidence_is_refitted_once_there_are_enough_confirmations_and_rejections(hashing_encoder):
    frame = Frame(name="f", themes=[Theme(id="a", label="apples orchard"), Theme(id="b", label="boats harbour")])
    s = Suggester([frame], hashing_encoder)
    half = RECALIBRATE_FROM // 2
    s.add_examples(
        [f"apples orchard picking {i}" for i in range(half)] + [f"boats harbour sailing {i}" for i in range(half)],
        ["a"] * half + ["b"] * half,
        True,
    )
    s.suggest(["apples"])
    assert s.calibration == PlattMap()  # confirmations alone do not say how often suggestions are wrong
    s.add_examples(
        [f"boats harbour sailing {i}" for i in range(RECALIBRATE_REJECTED_FROM - 1)],
        ["a"] * (RECALIBRATE_REJECTED_FROM - 1),
        False,
    )
    s.suggest(["apples"])
    assert s.calibration == PlattMap()  # not enough rejections yet: the default map stands
    s.add_example(f"boats harbour sailing {half - 1}", "a", accepted=False)
    s.suggest(["apples"])
    assert s.calibration.coef != PlattMap().coef
    assert s.calibration.offsets == {}  # one map for every theme: a refit never reorders themes


def test_a_refitted_map_changes_confidence_but_not_the_order_of_themes(hashing_encoder):
    frame = Frame(
        name="f",
        themes=[
            Theme(id="a", label="apples orchard"),
            Theme(id="b", label="boats harbour"),
            Theme(id="c", label="violin concert"),
        ],
    )
    s = Suggester([frame], hashing_encoder)
    # Segments sharing no word with the decided ones below: the decisions' vote cannot reach them.
    texts = ["apples orchard", "boats harbour violin", "violin concert hall", "harbour"]
    before = s.suggest(texts)
    s.add_examples([f"picking fruit {i}" for i in range(RECALIBRATE_FROM)], ["a"] * RECALIBRATE_FROM, True)
    s.add_examples(
        [f"sailing trip {i}" for i in range(RECALIBRATE_REJECTED_FROM)], ["c"] * RECALIBRATE_REJECTED_FROM, False
    )
    after = s.suggest(texts)
    assert s.calibration != PlattMap()
    assert [[x.theme for x in row] for row in after] == [[x.theme for x in row] for row in before]
    assert [[x.score for x in row] for row in after] != [[x.score for x in row] for row in before]


def test_a_fixed_temperature_fixes_the_map(hashing_encoder):
    frame = Frame(name="f", themes=[Theme(id="a", label="apples orchard"), Theme(id="b", label="boats harbour")])
    s = Suggester([frame], hashing_encoder, temperature=2.0)
    s.add_examples(
        [f"apples orchard {i}" for i in range(12)] + [f"boats {i}" for i in range(6)],
        ["a"] * 12 + ["a"] * 6,
        [True] * 12 + [False] * 6,
    )
    flat = s.suggest(["apples orchard"])[0][0].score
    sharp = Suggester([frame], hashing_encoder).suggest(["apples orchard"])[0][0].score
    assert s.calibration == PlattMap()
    assert 0.5 < flat < sharp  # a higher temperature pulls confidence towards one half
