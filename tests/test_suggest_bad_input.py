"""Bad input gives a clear error or a sensible result, never a crash."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from coding.errors import InvalidExamples, UnsupportedFormat
from coding.frames.yaml_io import read_frame_yaml
from coding.model import Frame, Theme
from coding.suggest.long_text import MAX_WINDOWS, windows
from coding.suggest.scorer import Suggester
from coding.suggest.standalone import read_examples, suggest_records

DATA = Path(__file__).parent / "data" / "suggest"
FRAME = DATA / "mini_frame.yaml"


@pytest.fixture
def suggester(hashing_encoder):
    return Suggester([read_frame_yaml(FRAME)], hashing_encoder)


@pytest.mark.parametrize(
    "text, n_suggestions",
    [
        ("", 0),
        ("   \n ", 0),
        ("Il a perdu son allocation après un rendez-vous manqué", 3),
        ("Его пособие остановили", 3),
        ("hostel " * 50_000, 3),
    ],
)
def test_odd_texts(suggester, text, n_suggestions):
    ranked = suggester.suggest([text])[0]
    assert len(ranked) == n_suggestions
    assert all(0.0 <= s.score <= 1.0 and s.why for s in ranked)


def test_a_50000_word_segment_is_cut_into_a_bounded_number_of_windows():
    assert len(windows("word " * 50_000)) == MAX_WINDOWS


@pytest.mark.parametrize("n_themes", [1, 300])
def test_frames_with_one_or_three_hundred_themes(hashing_encoder, n_themes):
    frame = Frame(name="f", themes=[Theme(id=f"t{i}", label=f"topic {i} word{i}") for i in range(n_themes)])
    ranked = Suggester([frame], hashing_encoder).suggest(["a word7 segment"], top_k=5)[0]
    assert len(ranked) == min(5, n_themes)
    assert all(0.0 <= s.score <= 1.0 for s in ranked)


def _write(path: Path, rows: list) -> Path:
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in rows), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "rows, message",
    [
        (
            [{"text": "a hostel", "theme": "housing"}, {"text": "x", "theme": "pets"}],
            "examples.jsonl, line 2: theme 'pets' is not in the frame",
        ),
        (["{not json"], "examples.jsonl, line 1: not a JSON line"),
        ([{"text": "a hostel"}], 'examples.jsonl, line 1: each line needs a "text" and a "theme"'),
        ([{"text": "a", "theme": "housing", "status": "maybe"}], "examples.jsonl, line 1: status 'maybe'"),
    ],
)
def test_bad_examples_files_name_file_and_line(tmp_path, rows, message):
    path = _write(tmp_path / "examples.jsonl", rows)
    with pytest.raises(InvalidExamples) as err:
        read_examples(path, {"housing", "sanctions"})
    assert str(err.value).startswith(message)


def test_rejected_status_is_read(tmp_path):
    path = _write(
        tmp_path / "ex.jsonl",
        [{"text": "a hostel", "theme": "housing", "status": "rejected"}, {"text": "a job", "theme": "housing"}],
    )
    assert read_examples(path, {"housing"}) == [("a hostel", "housing", False), ("a job", "housing", True)]


def test_bad_input_line_names_file_and_line(tmp_path, hashing_encoder):
    path = _write(tmp_path / "quotes.jsonl", [{"id": 1, "text": "ok"}, "[1, 2]"])
    with pytest.raises(UnsupportedFormat, match=r"quotes.jsonl, line 2"):
        list(suggest_records(FRAME, path, encoder=hashing_encoder))
