"""`suggest --frame F --input INTERVIEW` on whole interviews: answers placed with their question, old vs new.

    .venv/bin/python benchmarks/bench_suggest_transcripts.py [--lockbox]

For each demo interview (working ones; ``--lockbox``: the two lockbox interviews, once), every
codable answer the two hand coders coded, scored against shared/eval/frame.yaml (nine themes, no
guide questions) through the CLI's own code (run.suggest_records):
- old (baseline): the answer alone, as before this round (a themes-only frame aligns nothing);
- new: aligned to the shipped guide the interviewer followed, its mapped themes as the question
  bonus, and the interviewer's turn before the answer as context (standalone.py), with the shipped
  constants, beside the same with round 5's (bonus 0.08, share 0.3).
Right = a theme either coder gave. Top-1 and top-3 per interview, mean ± sd, and pooled.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

from suggest_sets import DEMO_CODES, EVAL, read_lockbox  # noqa: E402

ROUND5_CONSTANTS = (0.08, 0.3)  # scorer.QUESTION_BONUS, scorer.CONTEXT_SHARE as round 5 shipped them

from coding.frames.yaml_io import read_frame_yaml  # noqa: E402
from coding.suggest import scorer  # noqa: E402
from coding.suggest.encoder import CachingEncoder  # noqa: E402
from coding.suggest.scorer import Suggester  # noqa: E402
from coding.suggest.standalone import suggest_records  # noqa: E402


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--lockbox", action="store_true")
    args = ap.parse_args(argv)
    from coding.suggest.encoder import default_encoder

    encoder = CachingEncoder(default_encoder())
    frame_path = EVAL / "frame.yaml"
    frame = read_frame_yaml(frame_path)
    codes = {}
    for line in DEMO_CODES.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            codes[(row["file"], row["text"])] = set((row.get("amira") or []) + (row.get("ben") or []))
    box = set(read_lockbox()["demo answers"])
    old = Suggester([frame], encoder)
    per: dict[str, list[float]] = {"old": [], "round5": [], "new": []}
    top3: dict[str, list[float]] = {"old": [], "round5": [], "new": []}
    for path in sorted((ROOT / "transcripts").iterdir()):
        if path.suffix.lower() not in (".txt", ".vtt", ".srt", ".docx") or (path.stem in box) != args.lockbox:
            continue
        records = [r for r in suggest_records(frame_path, path, encoder=encoder) if codes.get((path.stem, r["text"]))]
        if not records:
            continue
        shipped = scorer.QUESTION_BONUS, scorer.CONTEXT_SHARE
        scorer.QUESTION_BONUS, scorer.CONTEXT_SHARE = ROUND5_CONSTANTS
        try:
            round5 = [
                r for r in suggest_records(frame_path, path, encoder=encoder) if codes.get((path.stem, r["text"]))
            ]
        finally:
            scorer.QUESTION_BONUS, scorer.CONTEXT_SHARE = shipped
        rights = [codes[(path.stem, r["text"])] for r in records]
        new_ranked = [[s["theme"] for s in r["suggestions"]] for r in records]
        round5_ranked = [[s["theme"] for s in r["suggestions"]] for r in round5]
        old_ranked = [[s.theme for s in ranked] for ranked in old.suggest([r["text"] for r in records])]
        for name, ranked in (("old", old_ranked), ("round5", round5_ranked), ("new", new_ranked)):
            per[name].append(np.mean([r[0] in right for r, right in zip(ranked, rights)]))
            top3[name].append(np.mean([bool(set(r[:3]) & right) for r, right in zip(ranked, rights)]))
        print(f"{path.stem}: {len(records)} answers; top-1 old {per['old'][-1]:.2f}, new {per['new'][-1]:.2f}")
    print("\n| system | top-1 (mean ± sd over interviews) | top-3 |")
    print("|---|---:|---:|")
    for name, label in (
        ("old", "answer alone (before)"),
        ("round5", "with its question (aligned guide + turn before), round 5's bonus 0.08 and share 0.3"),
        ("new", "with its question, as shipped (scorer.QUESTION_BONUS, CONTEXT_SHARE)"),
    ):
        v, w = np.array(per[name]), np.array(top3[name])
        print(f"| {label} | {v.mean():.3f} ± {v.std():.3f} | {w.mean():.3f} ± {w.std():.3f} |")


if __name__ == "__main__":
    main()
