"""The labelled sets the suggester is judged on, each item with its source, and the lockbox.

Every item is (text, themes counted right, single label for kappa, source). The source is
what cross-validation groups by, so that no fold sees talk from the document it is scored on:
- dev quotes (shared/eval): the report and its chapter (``001:5``), 14 sources;
- blind answers (data/blind_answers.yaml): the theme and the voice it was written in
  (each theme's first 12 answers are strategic voices, the last 12 frontline; the file keeps
  no writer, and a writer wrote one voice of one theme in one sitting), 18 sources;
- demo answers (transcripts/demo_codes.jsonl): the interview, 7 sources; right = any theme
  either hand coder gave.

The lockbox (data/lockbox.json, written once by ``--make-lockbox`` with a fixed seed) holds a
random quarter of each set's sources. Nothing is chosen on it: cv_suggest.py scores it once,
after every choice is made, and the README reports it as it fell.
"""

from __future__ import annotations

import json
import os
import random
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
EVAL = Path(os.environ.get("CODING_EVAL_DIR") or ROOT.parent / "shared" / "eval")
BLIND = ROOT / "benchmarks" / "data" / "blind_answers.yaml"
DEMO_CODES = ROOT / "transcripts" / "demo_codes.jsonl"
LOCKBOX = ROOT / "benchmarks" / "data" / "lockbox.json"
LOCKBOX_SEED = 13
LOCKBOX_SHARE = 0.25


@dataclass(frozen=True)
class Item:
    text: str
    right: frozenset[str]  # themes a researcher would confirm (gold + alt, or either coder's)
    label: str  # the one label kappa compares with (gold, written-for theme, first coder's first)
    source: str  # what folds are grouped by
    examples: tuple[str, ...]  # themes this item teaches when it is given as a confirmed example


def load_sets(themes: list[str], quotes_path: Path | None = None) -> dict[str, list[Item]]:
    """set name -> items (in file order); items whose label is outside ``themes`` are dropped."""
    sets: dict[str, list[Item]] = {}
    quotes_path = quotes_path or EVAL / "dev_quotes.jsonl"
    quotes = [json.loads(line) for line in quotes_path.read_text(encoding="utf-8").splitlines() if line.strip()]
    sets["dev quotes"] = [
        Item(
            q["text"],
            frozenset({q["gold_theme"], *q.get("alt_themes", [])}),
            q["gold_theme"],
            f"{q['seed'][:3]}:{q['section'].split()[0]}",
            (q["gold_theme"],),
        )
        for q in quotes
        if q["gold_theme"] in themes
    ]
    blind = yaml.safe_load(BLIND.read_text(encoding="utf-8"))
    sets["blind answers"] = [
        Item(text, frozenset({theme}), theme, f"{theme}:{'strategic' if i < 12 else 'frontline'}", (theme,))
        for theme, texts in blind.items()
        if theme in themes
        for i, text in enumerate(texts)
    ]
    demo = []
    for line in DEMO_CODES.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        a, b = list(row.get("amira") or []), list(row.get("ben") or [])
        codes = [t for t in dict.fromkeys(a + b) if t in themes]
        if codes:
            demo.append(Item(row["text"], frozenset(codes), (a or b)[0], row["file"], tuple(codes)))
    sets["demo answers"] = demo
    return sets


def make_lockbox(sets: dict[str, list[Item]]) -> dict[str, list[str]]:
    rng = random.Random(LOCKBOX_SEED)
    box = {}
    for name, items in sets.items():
        sources = sorted({it.source for it in items})
        box[name] = sorted(rng.sample(sources, max(1, round(LOCKBOX_SHARE * len(sources)))))
    return box


def read_lockbox() -> dict[str, list[str]]:
    return json.loads(LOCKBOX.read_text(encoding="utf-8"))["sources"]


def split(sets: dict[str, list[Item]]) -> tuple[dict[str, list[Item]], dict[str, list[Item]]]:
    """(the sets to cross-validate on, the lockbox's items), by source."""
    box = read_lockbox()
    work = {n: [it for it in items if it.source not in set(box.get(n, []))] for n, items in sets.items()}
    held = {n: [it for it in items if it.source in set(box.get(n, []))] for n, items in sets.items()}
    return work, held


if __name__ == "__main__" and "--make-lockbox" in sys.argv:
    if LOCKBOX.exists():
        sys.exit(f"{LOCKBOX} exists: the lockbox is drawn once")
    themes_all = [t for t in yaml.safe_load((EVAL / "frame.yaml").read_text(encoding="utf-8"))["themes"]]
    ids = [t["id"] for t in themes_all]
    box = make_lockbox(load_sets(ids))
    LOCKBOX.write_text(
        json.dumps(
            {
                "seed": LOCKBOX_SEED,
                "share": LOCKBOX_SHARE,
                "sources": box,
                "note": "drawn once; scored once per round after every choice (cv_suggest.py --lockbox)",
            },
            indent=1,
        )
        + "\n",
        encoding="utf-8",
    )
    print(json.dumps(box, indent=1))
