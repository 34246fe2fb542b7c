"""Theme suggestion on the dev quotes: three systems side by side, zero-shot and with examples.

    .venv/bin/python benchmarks/bench_suggest.py [--quotes Q.jsonl] [--frame F.yaml] [--speed N]

Systems: a TF-IDF keyword matcher (what keyword auto-coding does), plain cosine
between the quote and the theme's text (label + description), and ours
(coding.suggest.scorer.Suggester) on the int8 ONNX and the torch encoder.
"with examples" is leave-one-out: each quote is scored with every other quote
given as a confirmed example of its gold theme (the baselines add examples to
the theme text / centroid, the usual few-shot upgrade).

Confidence for the baselines is a temperature softmax with T fitted on guide
pseudo-labels (tests/data/suggest/erp_sib_guides.yaml: each guide question
labelled with the theme its section maps to), never on the quotes; ours is the
Suggester's own per-theme probability (coding/suggest/calibration.py), whose
default map this script refits and prints (guide questions, then the fictional
demo answers). ECE is top-1 confidence against top-1 == gold; "ECE any" counts a
top-1 theme in gold or alt_themes as right (what a researcher would confirm);
"ECE top3" is over every shown suggestion (top 3), right = in gold or alt_themes.
"+ guides": the six shipped topic guides loaded too, mapped to the themes (a real project).
"LOO decisions": as if the researcher had reviewed every other quote's three zero-shot
suggestions, confirming the gold theme and rejecting those neither gold nor alt.
Learning is measured a second time on our fictional demo answers (transcripts/), hand-coded by two
coders working independently (transcripts/demo_codes.jsonl; 150 coded answers, less noisy than 37 quotes).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

from sklearn.feature_extraction.text import TfidfVectorizer  # noqa: E402
from sklearn.metrics import cohen_kappa_score, f1_score  # noqa: E402

from coding.frames.yaml_io import read_frame_yaml  # noqa: E402
from coding.suggest.calibration import (  # noqa: E402
    PlattMap,
    channels_agree,
    expected_calibration_error,
    fit_platt,
    fit_temperature,
    reliability_table,
    softmax,
)
from coding.suggest.encoder import CachingEncoder  # noqa: E402
from coding.suggest.scorer import Suggester  # noqa: E402

EVAL = Path(os.environ.get("CODING_EVAL_DIR") or Path(__file__).resolve().parent.parent.parent / "shared" / "eval")
GUIDES = ROOT / "tests" / "data" / "suggest" / "erp_sib_guides.yaml"


def pseudo_labels(themes: list[str]) -> tuple[list[str], np.ndarray]:
    """Guide questions (and probes) labelled by the cross-cutting theme their section maps to."""
    guide = read_frame_yaml(GUIDES)
    texts, labels = [], []
    for section in guide.themes:
        target = next((m for m in section.maps_to if m in themes), None)
        if target is None:
            continue
        for q in section.children:
            for text in [q.label, *q.probes]:
                if len(text.split()) >= 4:
                    texts.append(text)
                    labels.append(themes.index(target))
    return texts, np.array(labels)


class TfidfSystem:
    name = "TF-IDF keywords"

    def __init__(self, frame, themes):
        self.docs = {t.id: t.text_for_matching() for t in frame.themes if t.id in themes}
        self.themes = themes

    def scores(self, texts, examples=None):
        docs = [self.docs[t] + " " + " ".join(x for x, g in (examples or []) if g == t) for t in self.themes]
        vec = TfidfVectorizer(sublinear_tf=True, ngram_range=(1, 2), stop_words="english").fit(docs + list(texts))
        return (vec.transform(texts) @ vec.transform(docs).T).toarray()


def _unit(v: np.ndarray) -> np.ndarray:
    return v / max(float(np.linalg.norm(v)), 1e-12)


class CosineSystem:
    """Cosine to the theme's label and description; with examples, to a per-theme mix of that text
    and the *mean* of the theme's example vectors (``example_share`` of the mix), so a theme's pull
    does not grow with how many examples it has (a sum let the theme with most examples win)."""

    name = "cosine to theme text"

    def __init__(self, frame, themes, encoder, example_share: float = 0.5):
        self.encoder = encoder
        self.themes = themes
        self.example_share = example_share
        by_id = {t.id: t for t in frame.themes}
        self.T = encoder.encode([f"{by_id[t].label}. {by_id[t].description}" for t in themes])

    def scores(self, texts, examples=None, X=None, example_share: float | None = None):
        X = self.encoder.encode(list(texts)) if X is None else X
        share = self.example_share if example_share is None else example_share
        T = self.T.copy()
        if examples:
            E = self.encoder.encode([x for x, _ in examples])
            for j, t in enumerate(self.themes):
                rows = [i for i, (_, g) in enumerate(examples) if g == t]
                if rows:
                    T[j] = _unit((1 - share) * _unit(T[j]) + share * _unit(E[rows].mean(0)))
        return X @ T.T


class OurSystem:
    def __init__(self, frame, themes, encoder, label, extra_frames=(), exemplars=True):
        self.name = label
        self.exemplars = exemplars
        self.s = Suggester([frame, *extra_frames], encoder, themes=themes, shipped_exemplars=exemplars)
        self.themes = themes

    def scores(self, texts, examples=None, X=None, rejected=None):
        s = self.s
        if examples or rejected:
            s = Suggester(s.frames, s.encoder, themes=self.themes, shipped_exemplars=self.exemplars)
            if examples:
                s.add_examples([x for x, _ in examples], [g for _, g in examples], True)
            if rejected:
                s.add_examples([x for x, _ in rejected], [g for _, g in rejected], False)
        res = s.suggest(list(texts), embeddings=X)
        return np.array([[{x.theme: x.score for x in r}.get(t, 0.0) for t in self.themes] for r in res])


def shown(P, order, alts, gold_names, themes):
    """Every top-3 suggestion's confidence, and whether a researcher would confirm it (gold or alt)."""
    conf = np.concatenate([P[i, o[:3]] for i, o in enumerate(order)])
    ok = np.concatenate([[themes[j] in a | {g} for j in o[:3]] for o, a, g in zip(order, alts, gold_names)])
    return conf, ok


def guide_frames(crosscutting):
    """The six shipped topic guides, mapped to the themes as a project import does."""
    from coding.frames.load import load_frames
    from coding.frames.mapping import map_to_crosscutting

    out = []
    for path in sorted((ROOT / "topic_guides").glob("*.md")):
        if path.name != "README.md":
            out += [map_to_crosscutting(f, crosscutting) if f.kind == "guide" else f for f in load_frames(path)]
    return out


def map_form(m: PlattMap) -> str:
    """A confidence map as calibration.py writes it."""
    return f"DEFAULT_COEF {tuple(round(x, 2) for x in m.coef)}, DEFAULT_TOP {m.top}, DEFAULT_AGREE {m.agree}"


def refit_default_map(encoder):
    """The round-4 way to a default map, kept as a comparison: a, b, c refitted on guide questions,
    then on the hand-coded demo answers (prior 20), in the shipped map's form (the top and agree
    lifts held at calibration.py's). The shipped map itself comes from ``cv_suggest.py --fit-default``."""
    from coding.frames.crosscutting import crosscutting_frame
    from coding.suggest.prototypes import as_statement

    cc = crosscutting_frame()
    s = Suggester([cc], encoder)
    guide = read_frame_yaml(GUIDES)
    texts, labels = [], []
    for section in guide.themes:
        targets = [m for m in section.maps_to if m in s.theme_ids]
        for q in section.children if targets else []:
            for text in [q.label, *q.probes]:
                statement = as_statement(text)
                if len(statement.split()) >= 4:
                    texts.append(statement)
                    labels.append(targets)
    E = s.embed(texts)
    keep = (E @ s._proto_matrix.T).max(axis=1) < 0.9  # near-copies of a prototype teach nothing
    texts, labels, E = [t for t, k in zip(texts, keep) if k], [lab for lab, k in zip(labels, keep) if k], E[keep]

    def fit_rows(texts, labels, E):
        S, parts, _ = s.scores(texts, E)
        Y = np.zeros_like(S)
        for i, lab in enumerate(labels):
            Y[i, [s.theme_ids.index(t) for t in lab]] = 1
        return S, Y, channels_agree(S, parts["written"], parts["talk"])

    S, Y, agree = fit_rows(texts, labels, E)
    first = fit_platt(S, Y, agree=agree)
    # Step 2: the demo answers as two coders hand-coded them (transcripts/demo_codes.jsonl), each
    # coder's row an observation; only the cells a review page lists (SHOWN_RANKS best) count, since
    # confidence is about shown suggestions. Uncoded answers stay in: what is shown there is rejected.
    from coding.service.demo import CODERS, demo_codes
    from coding.suggest.scorer import SHOWN_RANKS

    coded = demo_codes()
    answers = [text for _, text in coded]
    S, parts, _ = s.scores(answers, s.embed(answers))
    agree = np.tile(channels_agree(S, parts["written"], parts["talk"]), len(CODERS))
    S = np.vstack([S] * len(CODERS))
    Y = np.zeros_like(S)
    for c, coder in enumerate(CODERS):
        for i, themes in enumerate(codes[coder] for codes in coded.values()):
            Y[c * len(answers) + i, [s.theme_ids.index(t) for t in themes]] = 1
    rows = np.repeat(np.arange(len(S)), SHOWN_RANKS)
    cols = np.argsort(-S, axis=1)[:, :SHOWN_RANKS].ravel()
    second = fit_platt(S, Y, prior=first, prior_weight=20, rows=rows, cols=cols, agree=agree)
    answer_labels = [sorted(set(codes["amira"]) | set(codes["ben"])) for codes in coded.values()]
    keep = [i for i, labels in enumerate(answer_labels) if labels]
    return first, second, len(texts), ([answers[i] for i in keep], [answer_labels[i] for i in keep])


def run_demo_learning(encoder, answers, labels):
    """Leave-one-out learning on the hand-coded demo answers: (mode, top-1, top-3), right = a theme either coder gave."""
    from coding.frames.crosscutting import crosscutting_frame

    cc = crosscutting_frame()
    encoder = CachingEncoder(encoder)  # one Suggester per left-out answer: encode the prototypes once
    base = Suggester([cc], encoder)
    themes = base.theme_ids
    X = base.embed(answers)

    def matrix(rows):
        return np.array([[{x.theme: x.score for x in r}[t] for t in themes] for r in rows])

    P0 = matrix(base.suggest(answers, embeddings=X))
    out = []
    for mode in ("zero-shot", "LOO examples", "LOO decisions"):
        P = P0.copy()
        for i in range(len(answers)) if mode != "zero-shot" else []:
            s = Suggester([cc], encoder)
            others = [j for j in range(len(answers)) if j != i]
            s.add_examples(
                X[others].repeat([len(labels[j]) for j in others], axis=0), [t for j in others for t in labels[j]], True
            )
            if mode == "LOO decisions":
                rejected = [
                    (j, themes[t]) for j in others for t in np.argsort(-P0[j])[:3] if themes[t] not in labels[j]
                ]
                s.add_examples(X[[j for j, _ in rejected]], [t for _, t in rejected], False)
            P[i] = matrix(s.suggest([answers[i]], embeddings=X[i : i + 1]))[0]
        order = np.argsort(-P, axis=1)
        out.append(
            (
                mode,
                np.mean([themes[o[0]] in lab for o, lab in zip(order, labels)]),
                np.mean([any(themes[j] in lab for j in o[:3]) for o, lab in zip(order, labels)]),
            )
        )
    return out


def metrics(P, gold_idx, alts, themes, seconds, n):
    order = np.argsort(-P, axis=1)
    top1 = order[:, 0]
    gold_names = [themes[g] for g in gold_idx]
    pred_names = [themes[p] for p in top1]
    conf = P[np.arange(len(P)), top1]
    return {
        "top1": np.mean(top1 == gold_idx),
        "top3": np.mean([g in o[:3] for g, o in zip(gold_idx, order)]),
        "kappa": cohen_kappa_score(gold_names, pred_names),
        "macroF1": f1_score(gold_names, pred_names, average="macro", labels=sorted(set(gold_names)), zero_division=0),
        "ECE": expected_calibration_error(conf, top1 == gold_idx),
        "ECE any": expected_calibration_error(conf, [themes[p] in a | {g} for p, a, g in zip(top1, alts, gold_names)]),
        "ECE top3": expected_calibration_error(*shown(P, order, alts, gold_names, themes)),
        "mean conf": conf.mean(),
        "seg/s": n / seconds if seconds else float("nan"),
    }


def run_quality(frame, quotes, encoders):
    themes = [t.id for t in frame.themes]
    texts = [q["text"] for q in quotes]
    gold_idx = np.array([themes.index(q["gold_theme"]) if q["gold_theme"] in themes else -1 for q in quotes])
    keep = gold_idx >= 0  # "other" quotes cannot be right for any theme; they are left out of the scores
    texts = [t for t, k in zip(texts, keep) if k]
    gold_idx = gold_idx[keep]
    alts = [set(q.get("alt_themes") or []) for q, k in zip(quotes, keep) if k]
    gold_names = [themes[g] for g in gold_idx]
    ptexts, plabels = pseudo_labels(themes)
    rows, reliability = [], {}
    cached = {key: CachingEncoder(enc) for key, enc in encoders.items()}
    systems = [TfidfSystem(frame, themes), CosineSystem(frame, themes, cached["torch"])]
    systems += [OurSystem(frame, themes, enc, f"ours ({key})") for key, enc in cached.items()]
    systems.append(OurSystem(frame, themes, cached["torch"], "ours (torch) + guides", guide_frames(frame)))
    # The same scorer without the shipped example answers: what the blind-written exemplars add.
    systems.append(OurSystem(frame, themes, cached["torch"], "ours (torch) no exemplars", exemplars=False))
    temps = {}
    for system in systems:
        ours = isinstance(system, OurSystem)
        if not ours:
            temps[system.name] = fit_temperature(system.scores(ptexts), plabels)
        t0 = time.perf_counter()
        S = system.scores(texts)
        dt = time.perf_counter() - t0
        P0 = S if ours else softmax(S, temps[system.name])
        rows.append((system.name, "zero-shot", metrics(P0, gold_idx, alts, themes, dt, len(texts))))
        modes = [("LOO examples", False)] + ([("LOO decisions", True)] if ours else [])
        for mode, with_rejections in modes:
            P = np.zeros((len(texts), len(themes)))
            t0 = time.perf_counter()
            for i in range(len(texts)):
                others = [j for j in range(len(texts)) if j != i]
                examples = [(texts[j], gold_names[j]) for j in others]
                # The researcher reviewed each other quote's three zero-shot suggestions: confirmed the
                # gold theme (above) and rejected those neither gold nor alt.
                rejected = (
                    [
                        (texts[j], themes[t])
                        for j in others
                        for t in np.argsort(-P0[j])[:3]
                        if themes[t] not in alts[j] | {gold_names[j]}
                    ]
                    if with_rejections
                    else None
                )
                S = (
                    system.scores([texts[i]], examples, rejected=rejected)
                    if ours
                    else system.scores([texts[i]], examples)
                )
                P[i] = S[0] if ours else softmax(S, temps[system.name])[0]
            dt = time.perf_counter() - t0
            rows.append((system.name, mode, metrics(P, gold_idx, alts, themes, dt, len(texts))))
            if system.name == "ours (torch)":
                reliability[mode] = P
        if system.name == "ours (torch)":
            reliability["zero-shot"] = P0
    tables = {}
    for mode, P in reliability.items():
        order = np.argsort(-P, axis=1)
        tables[mode] = reliability_table(*shown(P, order, alts, gold_names, themes), bins=5)
    return rows, temps, len(ptexts), tables


def run_speed(frame, quotes, encoders, n):
    themes = [t.id for t in frame.themes]
    base = [q["text"] for q in quotes]
    # Sentence-length segments: the quotes cut into sentences, cycled to n (distinct by a counter).
    sentences = [s.strip() for t in base for s in t.replace("?", ".").split(".") if len(s.split()) >= 6]
    texts = [f"{sentences[i % len(sentences)]} ({i})" for i in range(n)]
    out = []
    for key, enc in encoders.items():
        enc.encode(texts[:64])  # warm-up
        t0 = time.perf_counter()
        enc.encode(texts)
        t_enc = time.perf_counter() - t0
        s = Suggester([frame], enc, themes=themes)
        t0 = time.perf_counter()
        s.suggest(texts, top_k=5)
        t_all = time.perf_counter() - t0
        out.append((key, t_enc, t_all))
    return out, np.mean([len(t.split()) for t in texts])


def run_learning_update(frame, encoder, n=18_000, runs=5):
    """Medians of (learn one decision + re-score n stored embeddings) and of re-scoring alone."""
    import statistics

    themes = [t.id for t in frame.themes]
    rng = np.random.default_rng(0)
    stored = rng.normal(size=(n, encoder.dim)).astype(np.float32)
    stored /= np.linalg.norm(stored, axis=1, keepdims=True)
    texts = ["segment"] * n
    s = Suggester([frame], encoder, themes=themes)
    s.add_examples(stored[:500], [themes[i % len(themes)] for i in range(500)], True)
    learn, rescore = [], []
    for i in range(runs):
        t0 = time.perf_counter()
        s.suggest(texts, embeddings=stored, top_k=5)
        rescore.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        s.add_example(stored[500 + i], themes[i % len(themes)], accepted=True)
        s.suggest(texts, embeddings=stored, top_k=5)
        learn.append(time.perf_counter() - t0)
    return statistics.median(learn), statistics.median(rescore)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quotes", default=str(EVAL / "dev_quotes.jsonl"))
    ap.add_argument("--frame", default=str(EVAL / "frame.yaml"))
    ap.add_argument("--speed", type=int, default=2000, help="segments for the speed test (0 to skip)")
    args = ap.parse_args(argv)
    from coding.suggest.encoder import SentenceTransformerEncoder
    from coding.suggest.onnx_encoder import OnnxEncoder

    frame = read_frame_yaml(args.frame)
    quotes = [json.loads(line) for line in open(args.quotes, encoding="utf-8") if line.strip()]
    encoders = {"onnx int8": OnnxEncoder(), "torch": SentenceTransformerEncoder()}
    first, second, n_questions, (answers, answer_labels) = refit_default_map(encoders["torch"])
    print(
        f"Confidence map, the round-4 way (a, b, c refitted; top {PlattMap().top}, agree {PlattMap().agree} held): "
        f"{n_questions} guide questions -> {tuple(round(x, 2) for x in first.coef)}; + 170 hand-coded demo "
        f"answers x 2 coders -> {tuple(round(x, 2) for x in second.coef)}. Shipped (cv_suggest.py --fit-default): "
        f"{map_form(PlattMap())}"
    )
    rows, temps, n_pseudo, tables = run_quality(frame, quotes, encoders)
    cols = ["top1", "top3", "kappa", "macroF1", "ECE", "ECE any", "ECE top3", "mean conf", "seg/s"]
    print(
        f"Dev set: {len(quotes)} quotes, {len(frame.themes)} themes; baselines' temperature fitted on {n_pseudo} guide pseudo-labels"
    )
    print()
    print("| system | mode | " + " | ".join(cols) + " |")
    print("|---|---|" + "---:|" * len(cols))
    for name, mode, m in rows:
        print(
            f"| {name} | {mode} | " + " | ".join(f"{m[c]:.0f}" if c == "seg/s" else f"{m[c]:.3f}" for c in cols) + " |"
        )
    print()
    print("Baselines' fitted temperatures: " + ", ".join(f"{k} {v:.3f}" for k, v in temps.items()))
    print()
    print("Reliability of ours (torch), every shown (top-3) suggestion; confirmed = gold or alt theme")
    print()
    print("| mode | " + " | ".join(f"shown at {c:.1f}" for c in (0.1, 0.3, 0.5, 0.7, 0.9)) + " |")
    print("|---|" + "---:|" * 5)
    for mode, table in tables.items():
        cells = {round(c, 1): f"{f:.2f} of {n} (mean {m:.2f})" for c, m, n, f in table}
        print(f"| {mode} | " + " | ".join(cells.get(c, "-") for c in (0.1, 0.3, 0.5, 0.7, 0.9)) + " |")
    print()
    print(
        f"Learning on the {len(answers)} hand-coded fictional demo answers, ours (torch), leave-one-out; right = a "
        "theme either coder gave"
    )
    print()
    print("| mode | top1 | top3 |")
    print("|---|---:|---:|")
    for mode, top1, top3 in run_demo_learning(encoders["torch"], answers, answer_labels):
        print(f"| {mode} | {top1:.3f} | {top3:.3f} |")
    if args.speed:
        speed, words = run_speed(frame, quotes, encoders, args.speed)
        print()
        print(f"Speed: {args.speed} sentence-length segments (mean {words:.0f} words), 2 CPU cores")
        print()
        print("| encoder | encode only (s) | suggest incl. encode (s) | ratio | segments/s |")
        print("|---|---:|---:|---:|---:|")
        for key, t_enc, t_all in speed:
            print(f"| {key} | {t_enc:.2f} | {t_all:.2f} | {t_all / t_enc:.2f} | {args.speed / t_all:.0f} |")
    if args.speed:
        learn, rescore = run_learning_update(frame, encoders["torch"])
        print()
        print("Learning from one decision in a project of 300 interviews (18,000 stored segment embeddings,")
        print("500 decisions so far), median of 5: add the example and re-score every stored segment")
        print()
        print("| step | median (s) |")
        print("|---|---:|")
        print(f"| re-score only (baseline) | {rescore:.3f} |")
        print(f"| learn one decision + re-score | {learn:.3f} |")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print()
    print(f"Peak memory (both encoders loaded): {peak:.0f} MB")


if __name__ == "__main__":
    main()
