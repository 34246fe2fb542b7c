"""Does the suggester generalise beyond the 37 dev quotes? Zero-shot ranking on three sets, side by side.

    .venv/bin/python benchmarks/bench_suggest_generalise.py [--quotes Q.jsonl] [--frame F.yaml]

Sets (no set is learnt from; theme knowledge comes from the frame, the guides and the shipped
example answers):
- dev quotes: the 37 real quotes of shared/eval, right = the report's theme (gold);
- blind answers: benchmarks/data/blind_answers.yaml, 216 fictional answers written from the topic
  guides by two helpers who never saw the quotes, right = the theme each was written for;
- demo answers: the codable answers of our fictional demo interviews, hand-coded by two coders
  working independently (transcripts/demo_codes.jsonl), right = any theme either coder gave.
The two fictional sets share the shipped example answers' register (written by the same team), so
they flatter ideas that lean on those examples; the dev quotes are the real thing but small (one
quote is 0.027). An idea is kept when it is no worse on any set and better on the real quotes.

Systems: cosine to the theme's label and description (the naive baseline); ours without the shipped
example answers; ours with them pooled with the theme's texts in one best-3 mean (the round-3
scorer); ours with two channels at several shares of the example answers (the default is
scorer.TALK_SHARE).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

import numpy as np
import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

from bench_suggest import CosineSystem  # noqa: E402  (the same baseline as the dev-set benchmark)
from sklearn.metrics import cohen_kappa_score  # noqa: E402

from coding.frames.yaml_io import read_frame_yaml  # noqa: E402
from coding.service.demo import demo_codes  # noqa: E402
from coding.suggest.encoder import CachingEncoder  # noqa: E402
from coding.suggest.scorer import TALK_SHARE, Suggester  # noqa: E402

EVAL = Path(os.environ.get("CODING_EVAL_DIR") or ROOT.parent / "shared" / "eval")
BLIND = ROOT / "benchmarks" / "data" / "blind_answers.yaml"


def load_sets(quotes_path: Path, themes: list[str]) -> dict[str, tuple[list[str], list[set[str]], list[str]]]:
    """set name -> (texts, themes counted right, the single label for kappa: gold or first)."""
    sets = {}
    quotes = [json.loads(line) for line in open(quotes_path, encoding="utf-8") if line.strip()]
    quotes = [q for q in quotes if q["gold_theme"] in themes]
    sets["dev quotes"] = (
        [q["text"] for q in quotes],
        [{q["gold_theme"]} for q in quotes],
        [q["gold_theme"] for q in quotes],
    )
    blind = yaml.safe_load(BLIND.read_text(encoding="utf-8"))
    pairs = [(text, theme) for theme, texts in blind.items() if theme in themes for text in texts]
    sets["blind answers"] = ([t for t, _ in pairs], [{g} for _, g in pairs], [g for _, g in pairs])
    coded = [(text, c) for (_, text), c in demo_codes().items() if c["amira"] or c["ben"]]
    if coded:
        sets["demo answers"] = (
            [text for text, _ in coded],
            [set(c["amira"]) | set(c["ben"]) for _, c in coded],
            [(c["amira"] or c["ben"])[0] for _, c in coded],
        )
    return sets


def ours_scores(frame, themes, encoder, texts, **options) -> np.ndarray:
    s = Suggester([frame], encoder, themes=themes, **options)
    scores, _, _ = s.scores(texts, s.embed(texts))  # raw scores: the order the suggestions are shown in
    return scores


def measure(scores: np.ndarray, right: list[set[str]], single: list[str], themes: list[str]) -> dict[str, float]:
    order = np.argsort(-scores, axis=1)
    ranks = [min(list(o).index(themes.index(t)) for t in r) for o, r in zip(order, right)]
    top1 = [themes[o[0]] for o in order]
    return {
        "top1": float(np.mean([r == 0 for r in ranks])),
        "top3": float(np.mean([r < 3 for r in ranks])),
        "MRR": float(np.mean([1 / (r + 1) for r in ranks])),
        "kappa": float(cohen_kappa_score(single, top1)),
    }


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quotes", default=str(EVAL / "dev_quotes.jsonl"))
    ap.add_argument("--frame", default=str(EVAL / "frame.yaml"))
    args = ap.parse_args(argv)
    from coding.suggest.encoder import default_encoder

    frame = read_frame_yaml(args.frame)
    themes = [t.id for t in frame.themes]
    encoder = CachingEncoder(default_encoder())
    sets = load_sets(Path(args.quotes), themes)
    cosine = CosineSystem(frame, themes, encoder)
    systems = {
        "cosine to theme text (baseline)": cosine.scores,
        "ours, no example answers": lambda texts: ours_scores(frame, themes, encoder, texts, shipped_exemplars=False),
        "ours, one pool (round 3)": lambda texts: ours_scores(frame, themes, encoder, texts, talk_share=None),
    }
    for share in (0.3, 0.5, 0.7, 0.9):
        label = f"ours, two channels, share {share}" + (" (default)" if share == TALK_SHARE else "")
        systems[label] = lambda texts, share=share: ours_scores(frame, themes, encoder, texts, talk_share=share)
    print(
        "Zero-shot, ours (torch), raw scores; sets: "
        + ", ".join(f"{name} ({len(texts)})" for name, (texts, _, _) in sets.items())
    )
    print()
    cols = ["top1", "top3", "MRR", "kappa"]
    print("| system | " + " | ".join(f"{name}: {c}" for name in sets for c in cols) + " |")
    print("|---|" + "---:|" * (len(cols) * len(sets)))
    for label, score in systems.items():
        cells = []
        for texts, right, single in sets.values():
            m = measure(score(texts), right, single, themes)
            cells += [f"{m[c]:.3f}" for c in cols]
        print(f"| {label} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
