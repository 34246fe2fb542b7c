"""Grouped, nested cross-validation of the suggester on every labelled set, peers beside, and the lockbox.

    .venv/bin/python benchmarks/cv_suggest.py            # cross-validation on the working sets
    .venv/bin/python benchmarks/cv_suggest.py --lockbox  # the lockbox, once, after every choice

Sets and sources: ``suggest_sets.py``. Folds: GroupKFold(5) by source within each set (the demo
answers have five working interviews, so leave one interview out). Two modes, as the held-out
check runs the CLI: **zero-shot**, and **with examples** (the items of the other folds of the same
set given as confirmed examples, as ``--examples`` gives the 37 dev quotes).

Confidence maps (every one fitted inside the folds, never on the fold it is scored on): the
shipped map; Platt on (score, margin) refitted; Platt with a top-rank indicator; Platt with the
decisions' vote as well; temperature on the shipped logit; isotonic on the refitted Platt. Each is
fitted on rows from every set (each set weighted equally) and both modes, the with-examples rows
scored with examples from folds other than both the row's and the scored fold's (nested). ECE is
score.py's: the top-1 confidence against "top-1 is gold or alt", five bins, pooled over the
out-of-fold items of a set; top-1/top-3 are means ± spread (sd) over folds; kappa pooled.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

from bench_suggest import CosineSystem, TfidfSystem  # noqa: E402
from sklearn.isotonic import IsotonicRegression  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402
from sklearn.metrics import cohen_kappa_score  # noqa: E402
from sklearn.model_selection import GroupKFold  # noqa: E402
from suggest_sets import EVAL, Item, load_sets, split  # noqa: E402

from coding.frames.yaml_io import read_frame_yaml  # noqa: E402
from coding.suggest.calibration import PlattMap, calibration_features  # noqa: E402
from coding.suggest.encoder import CachingEncoder  # noqa: E402
from coding.suggest.scorer import Suggester  # noqa: E402

FOLDS = 5
SHOWN = 5  # calibration rows: the cells a review page lists
MODES = ("zero-shot", "with examples")


def folds_of(items: list[Item]) -> np.ndarray:
    fold = np.zeros(len(items), dtype=int)
    groups = [it.source for it in items]
    n = min(FOLDS, len(set(groups)))
    for k, (_, test) in enumerate(GroupKFold(n_splits=n).split(np.zeros(len(items)), groups=groups)):
        fold[test] = k
    return fold


class Scorer:
    """Our raw scores for some items of a set, given others of it as confirmed examples."""

    def __init__(self, frame, themes, encoder, **options):
        self.frame, self.themes, self.encoder, self.options = frame, themes, encoder, options
        self.base = Suggester([frame], encoder, themes=themes, **options)

    def __call__(self, items: list[Item], X: np.ndarray, examples: list[Item], EX: np.ndarray):
        s = self.base
        if examples:
            s = Suggester([self.frame], self.encoder, themes=self.themes, **self.options)
            rows = [(i, t) for i, it in enumerate(examples) for t in it.examples]
            s.add_examples([EX[i] for i, _ in rows], [t for _, t in rows], True)
        scores, parts, _ = s.scores([it.text for it in items], X)
        return scores, (parts["vote"], np.array([len(it.text.split()) for it in items]))


def cell_rows(scores, vote, items, themes):
    """Per item, its SHOWN best cells: features (calibration_features) and whether the cell is right."""
    feats = calibration_features(scores, *vote)
    order = np.argsort(-scores, axis=1)[:, :SHOWN]
    X, y, top = [], [], []
    for i, o in enumerate(order):
        for rank, j in enumerate(o):
            X.append(feats[i, j])
            y.append(themes[j] in items[i].right)
            top.append(rank == 0)
    return np.array(X), np.array(y, dtype=float), np.array(top)


# ----- confidence maps: fit(X, y, w) -> predict(X) on calibration_features columns (s, m, top, vote) -----


def logistic(columns):
    def fit(X, y, w):
        model = LogisticRegression(C=10.0, max_iter=1000).fit(X[:, columns], y, sample_weight=w)
        return lambda Z: model.predict_proba(Z[:, columns])[:, 1]

    return fit


ROUND4_COEF = (4.99, 17.83, -2.54)  # the map shipped before this round (fitted on the demo answers alone)


def round4(X, y, w):
    a, b, c = ROUND4_COEF
    return lambda Z: 1 / (1 + np.exp(-(a * Z[:, 0] + b * Z[:, 1] + c)))


def shipped(X, y, w):
    """The map now shipped: fitted on every working fold, so in-sample here (not evidence)."""
    m = PlattMap()
    (a, b, c), top = m.coef, m.top
    return lambda Z: 1 / (1 + np.exp(-(a * Z[:, 0] + b * Z[:, 1] + c + top * Z[:, 2])))


def temperature(X, y, w):
    a, b, c = ROUND4_COEF
    z = a * X[:, 0] + b * X[:, 1] + c
    model = LogisticRegression(C=10.0).fit(z[:, None], y, sample_weight=w)
    return lambda Z: model.predict_proba((a * Z[:, 0] + b * Z[:, 1] + c)[:, None])[:, 1]


def isotonic(X, y, w):
    base = logistic([0, 1, 2])(X, y, w)
    iso = IsotonicRegression(out_of_bounds="clip", y_min=0.0, y_max=1.0).fit(base(X), y, sample_weight=w)
    return lambda Z: iso.predict(base(Z))


def top_only(columns, C=10.0):
    def fit(X, y, w):
        sel = X[:, 2] == 1
        model = LogisticRegression(C=C, max_iter=1000).fit(X[sel][:, columns], y[sel], sample_weight=w[sel])
        return lambda Z: model.predict_proba(Z[:, columns])[:, 1]

    return fit


MAPS = {
    "round-4 map (s, m), as shipped before": round4,
    "temperature on the round-4 logit": temperature,
    "Platt (s, m)": logistic([0, 1]),
    "Platt (s, m, top)": logistic([0, 1, 2]),
    "Platt (s, m, top, vote)": logistic([0, 1, 2, 3]),
    "isotonic on Platt (s, m, top)": isotonic,
    "Platt (s, m, top, length)": logistic([0, 1, 2, 4]),
    "top-1 rows only: Platt (s, m)": top_only([0, 1]),
    "top-1 rows only: Platt (s, m, vote)": top_only([0, 1, 3]),
    "top-1 rows only: Platt (m)": top_only([1]),
    "top-1 rows only: Platt (s, m), C 0.1": top_only([0, 1], 0.1),
    "top-1 rows only: Platt (s, m), C 0.03": top_only([0, 1], 0.03),
    "top-1 rows only: Platt (s, m), C 0.01": top_only([0, 1], 0.01),
    "top-1 rows only: Platt (s, m, vote), C 0.1": top_only([0, 1, 3], 0.1),
    "top-1 rows only: Platt (s, m, vote), C 0.03": top_only([0, 1, 3], 0.03),
    "top-1 rows only: Platt (s, m, vote), C 0.3": top_only([0, 1, 3], 0.3),
    "Platt (s, m, top, vote, length)": logistic([0, 1, 2, 3, 4]),
    "shipped now: Platt (s, m, top) fitted on all working folds (in-sample here)": shipped,
}


def ece(conf, ok, bins=5):
    conf, ok = np.asarray(conf, float), np.asarray(ok, float)
    idx = np.minimum((conf * bins).astype(int), bins - 1)
    return float(
        sum(
            (idx == b).mean() * abs(conf[idx == b].mean() - ok[idx == b].mean())
            for b in range(bins)
            if (idx == b).any()
        )
    )


def reliability(conf, ok, bins=5):
    conf, ok = np.asarray(conf, float), np.asarray(ok, float)
    idx = np.minimum((conf * bins).astype(int), bins - 1)
    cells = []
    for b in range(bins):
        sel = idx == b
        cells.append(f"{ok[sel].mean():.2f} of {sel.sum()} (mean {conf[sel].mean():.2f})" if sel.any() else "-")
    return cells


def ranking(scores, items, themes):
    order = np.argsort(-scores, axis=1)
    top1 = np.array([themes[o[0]] == it.label for o, it in zip(order, items)])
    top3 = np.array([it.label in {themes[j] for j in o[:3]} for o, it in zip(order, items)])
    anyof = np.array([themes[o[0]] in it.right for o, it in zip(order, items)])
    return top1, top3, anyof, [themes[o[0]] for o in order]


def run(sets: dict[str, list[Item]], frame, themes, encoder, evaluate: dict[str, list[Item]] | None = None):
    """Out-of-fold results for every set and mode. With ``evaluate`` (the lockbox), maps and
    examples come from all of ``sets`` and are scored on ``evaluate`` once (one 'fold')."""
    ours = Scorer(frame, themes, encoder)
    emb = {n: encoder.encode([it.text for it in items]) for n, items in sets.items()}
    folds = {n: folds_of(items) for n, items in sets.items()}

    # rows[(mode, set, k)] = calibration rows for scoring fold k (nested for examples).
    def rows_for(name, k):
        items, X, f = sets[name], emb[name], folds[name]
        out = []
        train = [j for j in sorted(set(f)) if j != k]
        for mode in MODES:
            for j in train:
                test = np.flatnonzero(f == j)
                ex = np.flatnonzero((f != j) & (f != k)) if mode == "with examples" else np.array([], int)
                sc, vote = ours([items[i] for i in test], X[test], [items[i] for i in ex], X[ex])
                r = cell_rows(sc, vote, [items[i] for i in test], themes)
                out.append((*r, np.full(len(r[1]), 1.0 / len(items))))
        return out

    cache = {}

    def training_rows(k, name=None):
        """Rows from every set; the scored set's fold k left out (other sets share no source with it)."""
        parts = []
        for other in sets:
            kk = k if other == name else -1
            if (other, kk) not in cache:
                cache[(other, kk)] = rows_for(other, kk)
            parts += cache[(other, kk)]
        X = np.vstack([p[0] for p in parts])
        y = np.concatenate([p[1] for p in parts])
        w = np.concatenate([p[3] for p in parts])
        return X, y, w / w.mean()

    results = {}
    targets = evaluate or sets
    for name, items in targets.items():
        X = emb[name] if evaluate is None else encoder.encode([it.text for it in items])
        f = folds[name] if evaluate is None else np.zeros(len(items), dtype=int)
        for mode in MODES:
            res = {
                "top1": [],
                "top3": [],
                "anyof": [],
                "pick": [],
                "label": [],
                "conf": {m: [] for m in MAPS},
                "fold_top1": [],
                "fold_top3": [],
            }
            for k in sorted(set(f)):
                test = np.flatnonzero(f == k)
                if evaluate is None:
                    ex = np.flatnonzero(f != k) if mode == "with examples" else np.array([], int)
                    ex_items, EX = [items[i] for i in ex], X[ex]
                    Xtr, ytr, wtr = training_rows(k, name)
                else:
                    ex_items = sets[name] if mode == "with examples" else []
                    EX = emb[name] if ex_items else X[:0]
                    Xtr, ytr, wtr = training_rows(-1)
                sc, vote = ours([items[i] for i in test], X[test], ex_items, EX)
                t1, t3, anyof, pick = ranking(sc, [items[i] for i in test], themes)
                res["fold_top1"].append(t1.mean())
                res["fold_top3"].append(t3.mean())
                res["top1"] += list(t1)
                res["top3"] += list(t3)
                res["anyof"] += list(anyof)
                res["pick"] += pick
                res["label"] += [items[i].label for i in test]
                feats = calibration_features(sc, *vote)
                top_cells = feats[np.arange(len(test)), np.argmax(sc, axis=1)]
                for m, fit in MAPS.items():
                    res["conf"][m] += list(fit(Xtr, ytr, wtr)(top_cells))
            results[(name, mode)] = res
    return results


def peers(sets, frame, themes, encoder, evaluate=None):
    """Cosine and TF-IDF, zero-shot and with the other folds' items as examples; top-1/top-3/kappa."""
    out = {}
    cosine, tfidf = CosineSystem(frame, themes, encoder), TfidfSystem(frame, themes)
    for name, items in (evaluate or sets).items():
        f = folds_of(items) if evaluate is None else np.zeros(len(items), dtype=int)
        for label, system in (("cosine to theme text", cosine), ("TF-IDF keywords", tfidf)):
            for mode in MODES:
                t1s, t3s, picks, labels = [], [], [], []
                for k in sorted(set(f)):
                    test = [items[i] for i in np.flatnonzero(f == k)]
                    pool = [items[i] for i in np.flatnonzero(f != k)] if evaluate is None else sets[name]
                    ex = [(it.text, t) for it in pool for t in it.examples] if mode == "with examples" else None
                    t1, t3, _, pick = ranking(system.scores([it.text for it in test], ex), test, themes)
                    t1s.append(t1.mean())
                    t3s.append(t3.mean())
                    picks += pick
                    labels += [it.label for it in test]
                out[(name, label, mode)] = (t1s, t3s, cohen_kappa_score(labels, picks))
    return out


def pm(values):
    values = np.asarray(values, float)
    return f"{values.mean():.2f} ± {values.std():.2f}" if len(values) > 1 else f"{values.mean():.2f}"


def report(results, peer, chosen: str | None = None):
    names = sorted({n for n, _ in results}, key=["dev quotes", "blind answers", "demo answers"].index)
    print("\n| set | system | mode | top-1 | top-3 | κ |")
    print("|---|---|---|---:|---:|---:|")
    for name in names:
        for mode in MODES:
            for label in ("cosine to theme text", "TF-IDF keywords"):
                t1, t3, k = peer[(name, label, mode)]
                print(f"| {name} | {label} (peer) | {mode} | {pm(t1)} | {pm(t3)} | {k:.2f} |")
            r = results[(name, mode)]
            print(
                f"| {name} | **ours** | {mode} | {pm(r['fold_top1'])} | {pm(r['fold_top3'])} | "
                f"{cohen_kappa_score(r['label'], r['pick']):.2f} |"
            )
    print("\nTop-1 ECE (5 bins, right = gold or alt / either coder), out-of-fold, per confidence map:\n")
    cols = [f"{n}, {m}" for n in names for m in MODES]
    print("| map | " + " | ".join(cols) + " | mean | worst | Brier (mean) |")
    print("|---|" + "---:|" * (len(cols) + 3))
    for m in MAPS:
        eces = [ece(results[(n, mode)]["conf"][m], results[(n, mode)]["anyof"]) for n in names for mode in MODES]
        briers = [
            np.mean((np.array(results[(n, mode)]["conf"][m]) - np.array(results[(n, mode)]["anyof"])) ** 2)
            for n in names
            for mode in MODES
        ]
        print(
            f"| {m} | " + " | ".join(f"{e:.3f}" for e in eces) + f" | {np.mean(eces):.3f} | {max(eces):.3f} |"
            f" {np.mean(briers):.4f} |"
        )
    for m in [chosen] if chosen else []:
        print(f"\nReliability of the top-1 confidence, {m} (fraction right of n, mean confidence):\n")
        print("| set | mode | 0-0.2 | 0.2-0.4 | 0.4-0.6 | 0.6-0.8 | 0.8-1 | any-of accuracy |")
        print("|---|---|---|---|---|---|---|---:|")
        for n in names:
            for mode in MODES:
                r = results[(n, mode)]
                print(
                    f"| {n} | {mode} | "
                    + " | ".join(reliability(r["conf"][m], r["anyof"]))
                    + f" | {np.mean(r['anyof']):.2f} |"
                )


def fit_default(sets, frame, themes, encoder):
    """The shipped confidence map: the chosen form, fitted on the rows of every working set (never the
    lockbox), zero-shot and with the other folds' items as examples, each set weighted equally."""
    ours = Scorer(frame, themes, encoder)
    parts = []
    for items in sets.values():
        X, f = encoder.encode([it.text for it in items]), folds_of(items)
        for mode in MODES:
            for j in sorted(set(f)):
                test = np.flatnonzero(f == j)
                ex = np.flatnonzero(f != j) if mode == "with examples" else np.array([], int)
                sc, vote = ours([items[i] for i in test], X[test], [items[i] for i in ex], X[ex])
                Xr, y, _ = cell_rows(sc, vote, [items[i] for i in test], themes)
                parts.append((Xr, y, np.full(len(y), 1.0 / len(items))))
    X = np.vstack([p[0] for p in parts])
    y = np.concatenate([p[1] for p in parts])
    w = np.concatenate([p[2] for p in parts])
    model = LogisticRegression(C=10.0, max_iter=1000).fit(X[:, [0, 1, 2]], y, sample_weight=w / w.mean())
    a, b, top = model.coef_[0]
    print(f"DEFAULT_COEF = ({a:.2f}, {b:.2f}, {model.intercept_[0]:.2f}); DEFAULT_TOP = {top:.2f}  ({len(y)} rows)")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--lockbox", action="store_true", help="score the lockbox (once, after every choice)")
    ap.add_argument(
        "--fit-default",
        action="store_true",
        help="fit the shipped map, Platt (s, m, top), on every working item and print it",
    )
    ap.add_argument("--frame", default=str(EVAL / "frame.yaml"))
    ap.add_argument(
        "--encoder", choices=("torch", "onnx"), help="all-MiniLM-L6-v2 on torch or int8 ONNX (default: the app's)"
    )
    args = ap.parse_args(argv)
    if args.encoder:
        os.environ["WORKBENCH_ENCODER"] = args.encoder
    from coding.suggest.standalone import chosen_encoder

    frame = read_frame_yaml(args.frame)
    themes = [t.id for t in frame.themes]
    encoder = CachingEncoder(chosen_encoder())
    print(f"encoder: {encoder.name}")
    work, held = split(load_sets(themes))
    print("sets (cross-validated / lockbox): " + ", ".join(f"{n} {len(work[n])} / {len(held[n])}" for n in work))
    if args.fit_default:
        fit_default(work, frame, themes, encoder)
        return
    if args.lockbox:
        results = run(work, frame, themes, encoder, evaluate=held)
        peer = peers(work, frame, themes, encoder, evaluate=held)
    else:
        results = run(work, frame, themes, encoder)
        peer = peers(work, frame, themes, encoder)
    report(results, peer, chosen=os.environ.get("CV_MAP", "Platt (s, m, top)"))


if __name__ == "__main__":
    main()
