"""From codes to findings, measured on the demo project: charting drafts and themes nobody planned.

    .venv/bin/python benchmarks/bench_synthesis.py [--skip-clusters]

(a) Charting drafts against hand summaries. ``benchmarks/data/hand_summaries.yaml`` holds ten
    case x theme summaries written by hand from the passages the demo coder amira coded to each
    cell (transcripts/demo_codes.jsonl), before the drafts existed. For each cell the draft
    (``coding.synthesis.charting.chart_draft``, real all-MiniLM-L6-v2) and the baseline (each
    passage's first sentence, same 60-word budget) are built from the same passages. A draft
    sentence is *covered* by the hand summary when at least half its content words (stems,
    stop words dropped, coding.suggest.lexical) occur in the summary; as a second, independent
    reading, when its cosine similarity to some sentence of the hand summary is >= 0.6. Both
    bars were fixed before any draft was built. Also reported: the share of the hand summary's
    content words that the draft contains (how much of what the researcher wrote the draft holds).

(b) Themes nobody planned. Each theme with >= 4 coded answers is removed from the frame in turn;
    the unfitted pool is every answer amira coded with no remaining theme (answers coded only with
    the removed theme, plus answers she coded with nothing): the "confirmed other" of a frame without
    that theme. The pool is clustered (HDBSCAN and agglomerative, ``coding.synthesis.emergent``);
    the cluster holding most of the removed theme's answers is scored: purity (its share of them)
    and recall (the share of the removed theme's pooled answers it holds). Baselines from the same
    run: k-means with as many clusters as the method found, and a random grouping with the same
    cluster sizes (mean of 50 draws).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

import numpy as np
import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

from coding.suggest.encoder import CachingEncoder, default_encoder  # noqa: E402
from coding.suggest.lexical import stems  # noqa: E402
from coding.suggest.long_text import embed_texts  # noqa: E402
from coding.synthesis.charting import Passage, chart_draft, first_sentences_draft, split_sentences  # noqa: E402
from coding.synthesis.emergent import cluster_labels  # noqa: E402

HAND = ROOT / "benchmarks" / "data" / "hand_summaries.yaml"
# The demo coders' file; read here (not through coding.service.demo.demo_codes) because the
# answer number ``n`` gives the passages' order and reference, which demo_codes() drops.
CODES = ROOT / "transcripts" / "demo_codes.jsonl"
WORD_BAR = 0.5
COSINE_BAR = 0.6
CODER = "amira"


def coded_answers() -> list[dict]:
    return [json.loads(line) for line in CODES.read_text(encoding="utf-8").splitlines() if line.strip()]


def mean_sd(values: list[float]) -> str:
    if not values:
        return "n/a"
    sd = statistics.stdev(values) if len(values) > 1 else 0.0
    return f"{statistics.mean(values):.2f} ± {sd:.2f}"


def word_covered(sentence: str, summary_stems: set[str]) -> bool:
    own = set(stems(sentence))
    return bool(own) and len(own & summary_stems) / len(own) >= WORD_BAR


def drafts_against_hand(encoder) -> None:
    rows = coded_answers()
    hand = yaml.safe_load(HAND.read_text(encoding="utf-8"))["summaries"]
    systems = {"first sentences (baseline)": first_sentences_draft, "central, redundancy removed (ours)": None}
    scores: dict[str, dict[str, list[float]]] = {name: defaultdict(list) for name in systems}
    times: dict[str, list[float]] = defaultdict(list)
    for cell in hand:
        passages = [
            Passage(r["text"], f"[{r['file']}, para {r['n'] + 1}]", r["n"])
            for r in rows
            if r["file"] == cell["case"] and cell["theme"] in (r.get(CODER) or [])
        ]
        summary = cell["summary"]
        summary_stems = set(stems(summary))
        summary_vectors = encoder.encode(split_sentences(summary))
        for name in systems:
            started = time.perf_counter()
            draft = chart_draft(passages, encoder) if systems[name] is None else first_sentences_draft(passages)
            times[name].append(time.perf_counter() - started)
            sentences = [s.text for s in draft.sentences]
            if not sentences:
                continue
            vectors = encoder.encode(sentences)
            by_words = [word_covered(s, summary_stems) for s in sentences]
            by_cosine = (vectors @ summary_vectors.T).max(axis=1) >= COSINE_BAR
            draft_stems = set().union(*(set(stems(s)) for s in sentences))
            scores[name]["words"].append(float(np.mean(by_words)))
            scores[name]["cosine"].append(float(np.mean(by_cosine)))
            scores[name]["recall"].append(len(draft_stems & summary_stems) / max(len(summary_stems), 1))
            scores[name]["sentences"].append(len(sentences))
            scores[name]["draft words"].append(draft.words)
    print(f"(a) Charting drafts vs {len(hand)} hand summaries (mean ± sd over cells)\n")
    print(
        "| draft | sentences covered (≥ half words) | sentences covered (cosine ≥ 0.6) "
        "| hand summary's words in draft | sentences | words | ms per cell (median) |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name in systems:
        s = scores[name]
        print(
            f"| {name} | {mean_sd(s['words'])} | {mean_sd(s['cosine'])} | {mean_sd(s['recall'])} "
            f"| {statistics.mean(s['sentences']):.1f} | {statistics.mean(s['draft words']):.0f} "
            f"| {1000 * statistics.median(times[name]):.1f} |"
        )
    print()


def best_cluster(labels: np.ndarray, target: np.ndarray) -> tuple[float, float]:
    """(purity, recall) of the cluster holding most target rows (ties: the purer); (0, 0) if none."""
    best = (0, 0.0, 0.0)
    for label in set(labels) - {-1}:
        inside = labels == label
        hits = int((inside & target).sum())
        purity = hits / int(inside.sum())
        if (hits, purity) > best[:2]:
            best = (hits, purity, hits / max(int(target.sum()), 1))
    return best[1], best[2]


def clusters_recover_removed_theme(encoder) -> None:
    from sklearn.cluster import KMeans

    rows = coded_answers()
    vectors = embed_texts(encoder, [r["text"] for r in rows])
    counts = defaultdict(int)
    for r in rows:
        for theme in r.get(CODER) or []:
            counts[theme] += 1
    removable = sorted(t for t, n in counts.items() if n >= 4)
    results: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    rng = np.random.default_rng(0)
    print(f"(b) One theme removed at a time ({len(removable)} themes); purity and recall of the best cluster\n")
    print(
        "| removed theme | pool | its answers in pool | method | clusters | purity | recall "
        "| k-means purity | k-means recall | random purity | random recall |"
    )
    print("|---|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|")
    for theme in removable:
        pool = [i for i, r in enumerate(rows) if not (set(r.get(CODER) or []) - {theme})]
        target = np.array([theme in (rows[i].get(CODER) or []) for i in pool])
        x = vectors[pool]
        for method in ("hdbscan", "agglomerative"):
            labels = cluster_labels(x, method)
            found = sorted(set(labels) - {-1})
            purity, recall = best_cluster(labels, target)
            k = max(len(found), 1)
            km = KMeans(n_clusters=k, n_init=10, random_state=0).fit_predict(x)
            km_purity, km_recall = best_cluster(km, target)
            draws = []
            for _ in range(50):
                shuffled = labels.copy()
                rng.shuffle(shuffled)
                draws.append(best_cluster(shuffled, target))
            rnd_purity, rnd_recall = float(np.mean([d[0] for d in draws])), float(np.mean([d[1] for d in draws]))
            for key, value in (
                ("purity", purity),
                ("recall", recall),
                ("km purity", km_purity),
                ("km recall", km_recall),
                ("rnd purity", rnd_purity),
                ("rnd recall", rnd_recall),
            ):
                results[method][key].append(value)
            print(
                f"| {theme} | {len(pool)} | {int(target.sum())} | {method} | {len(found)} | {purity:.2f} "
                f"| {recall:.2f} | {km_purity:.2f} | {km_recall:.2f} | {rnd_purity:.2f} | {rnd_recall:.2f} |"
            )
    print("\nMean ± sd over the removed themes\n")
    print("| method | purity | recall | k-means purity | k-means recall | random purity | random recall |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for method, r in results.items():
        print(
            f"| {method} | {mean_sd(r['purity'])} | {mean_sd(r['recall'])} | {mean_sd(r['km purity'])} "
            f"| {mean_sd(r['km recall'])} | {mean_sd(r['rnd purity'])} | {mean_sd(r['rnd recall'])} |"
        )
    print()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-clusters", action="store_true")
    args = parser.parse_args()
    encoder = CachingEncoder(default_encoder())
    drafts_against_hand(encoder)
    if not args.skip_clusters:
        clusters_recover_removed_theme(encoder)
    return 0


if __name__ == "__main__":
    sys.exit(main())
