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

Two more tables for the chosen map: **leave-one-set-out** (each map fitted on two sets, scored
on the third: does calibration transfer to material whose accuracy differs?) and the **unsure
bar** (out-of-fold accuracy below and above each candidate bar, per set; the bar is chosen there).
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
from coding.suggest.calibration import PlattMap, calibration_features, channels_agree  # noqa: E402
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
        words = np.array([len(it.text.split()) for it in items])
        return scores, (parts["vote"], words, channels_agree(scores, parts["written"], parts["talk"]))


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


# ----- confidence maps: fit(X, y, w) -> predict(X) on calibration_features columns -----
# (0 s, 1 m, 2 top, 3 vote, 4 length, 5 agree: the first theme, both channels ranking it first)


def logistic(columns, C=10.0):
    def fit(X, y, w):
        model = LogisticRegression(C=C, max_iter=1000).fit(X[:, columns], y, sample_weight=w)
        return lambda Z: model.predict_proba(Z[:, columns])[:, 1]

    return fit


ROUND4_COEF = (4.99, 17.83, -2.54)  # the map shipped before this round (fitted on the demo answers alone)


def round4(X, y, w):
    a, b, c = ROUND4_COEF
    return lambda Z: 1 / (1 + np.exp(-(a * Z[:, 0] + b * Z[:, 1] + c)))


def fixed(m: PlattMap):
    """A map with fixed coefficients (fitted on every working fold, so in-sample here: not evidence)."""
    (a, b, c), top, agree = m.coef, m.top, m.agree

    def fit(X, y, w):
        return lambda Z: 1 / (1 + np.exp(-(a * Z[:, 0] + b * Z[:, 1] + c + top * Z[:, 2] + agree * Z[:, 5])))

    return fit


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


SET_COLUMN = 6  # appended by run(): which set a training row came from (never a feature)
C_GRID = (0.03, 0.1, 0.3, 1.0, 10.0)
chosen_c: list[float] = []


def nested_c(columns):
    """Platt on ``columns`` with C chosen inside the training rows by leave-one-set-out: the C whose
    fit on two of the training sets gives the lowest top-1 ECE on the third, averaged over the three."""

    def fit(X, y, w):
        sets_in = np.unique(X[:, SET_COLUMN])
        best, best_ece = C_GRID[0], np.inf
        for C in C_GRID:
            errors = []
            for held in sets_in:
                train, test = X[:, SET_COLUMN] != held, (X[:, SET_COLUMN] == held) & (X[:, 2] == 1)
                model = LogisticRegression(C=C, max_iter=1000).fit(
                    X[train][:, columns], y[train], sample_weight=w[train]
                )
                errors.append(ece(model.predict_proba(X[test][:, columns])[:, 1], y[test]))
            if np.mean(errors) < best_ece:
                best, best_ece = C, float(np.mean(errors))
        chosen_c.append(best)
        return logistic(columns, best)(X, y, w)

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
    "Platt (s, m, top, agree)": logistic([0, 1, 2, 5]),
    "Platt (s, m, top), C 0.3": logistic([0, 1, 2], 0.3),
    "Platt (s, m, top), C 0.1": logistic([0, 1, 2], 0.1),
    "Platt (s, m, top, agree), C 1": logistic([0, 1, 2, 5], 1.0),
    "Platt (s, m, top, agree), C 0.3": logistic([0, 1, 2, 5], 0.3),
    "Platt (s, m, top, agree), C 0.1": logistic([0, 1, 2, 5], 0.1),
    "Platt (s, m, top, agree), C 0.03": logistic([0, 1, 2, 5], 0.03),
    "Platt (s, m, top, agree, vote), C 0.1": logistic([0, 1, 2, 5, 3], 0.1),
    "Platt (s, m, top, agree), C chosen inside by leave-one-set-out": nested_c([0, 1, 2, 5]),
    "round-5 map: Platt (s, m, top) fitted on all working folds (in-sample here)": fixed(
        PlattMap((2.94, 10.01, -2.09), top=0.91, agree=0.0)
    ),
    "shipped now: Platt (s, m, top, agree), C 0.1, fitted on all working folds (in-sample here)": fixed(PlattMap()),
}
CHOSEN = "Platt (s, m, top, agree), C 0.1"
# Leave-one-set-out: the round-5 form beside the chosen one and its neighbours.
LOSO_MAPS = [
    "Platt (s, m, top)",
    "Platt (s, m, top, agree)",
    "Platt (s, m, top), C 0.1",
    "Platt (s, m, top, agree), C 0.3",
    "Platt (s, m, top, agree), C 0.1",
    "Platt (s, m, top, agree), C 0.03",
]
UNSURE_GRID = np.round(np.arange(0.50, 0.651, 0.01), 2)


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

    def training_rows(k, name=None, only=None):
        """Rows from every set (or the sets in ``only``); the scored set's fold k left out (other sets
        share no source with it)."""
        parts, source = [], []
        for other in only or sets:
            kk = k if other == name else -1
            if (other, kk) not in cache:
                cache[(other, kk)] = rows_for(other, kk)
            parts += cache[(other, kk)]
            source += [np.full(len(p[1]), list(sets).index(other)) for p in cache[(other, kk)]]
        # The last column names each row's set (SET_COLUMN), for maps that choose a constant inside.
        X = np.column_stack([np.vstack([p[0] for p in parts]), np.concatenate(source)])
        y = np.concatenate([p[1] for p in parts])
        w = np.concatenate([p[3] for p in parts])
        return X, y, w / w.mean()

    results = {}
    targets = evaluate or sets
    for name, items in targets.items():
        X = emb[name] if evaluate is None else encoder.encode([it.text for it in items])
        f = folds[name] if evaluate is None else np.zeros(len(items), dtype=int)
        # Leave-one-set-out: each map fitted on the other sets only, scored on this one (transfer).
        loso = {}
        if evaluate is None and len(sets) > 1:
            rows_other = training_rows(-1, only=[o for o in sets if o != name])
            loso = {m: MAPS[m](*rows_other) for m in LOSO_MAPS}
        for mode in MODES:
            res = {
                "top1": [],
                "top3": [],
                "anyof": [],
                "pick": [],
                "label": [],
                "conf": {m: [] for m in MAPS},
                "loso": {m: [] for m in loso},
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
                for m, predict in loso.items():
                    res["loso"][m] += list(predict(top_cells))
            results[(name, mode)] = res
    return results


def peers(sets, frame, themes, encoder, evaluate=None):
    """Cosine and TF-IDF, zero-shot and with the other folds' items as examples; top-1/top-3/kappa."""
    out = {}
    shares: dict[str, list[float]] = {}
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
                    options = {}
                    if ex and system is cosine:  # the examples' share of each theme's vector, chosen inside
                        options["example_share"] = cosine_share(cosine, pool, themes)
                        shares.setdefault(name, []).append(options["example_share"])
                    t1, t3, _, pick = ranking(system.scores([it.text for it in test], ex, **options), test, themes)
                    t1s.append(t1.mean())
                    t3s.append(t3.mean())
                    picks += pick
                    labels += [it.label for it in test]
                out[(name, label, mode)] = (t1s, t3s, cohen_kappa_score(labels, picks))
    print("cosine peer, examples' share chosen in the folds: " + "; ".join(f"{n} {v}" for n, v in shares.items()))
    return out


COSINE_SHARES = (0.25, 0.5, 0.75, 1.0)


def cosine_share(cosine, pool: list[Item], themes) -> float:
    """The cosine peer's examples' share with the best top-1 in a grouped CV on ``pool`` alone."""
    f = folds_of(pool)
    best, best_top1 = COSINE_SHARES[0], -1.0
    for share in COSINE_SHARES:
        right = []
        for k in sorted(set(f)):
            test = [pool[i] for i in np.flatnonzero(f == k)]
            ex = [(it.text, t) for i in np.flatnonzero(f != k) for t in pool[i].examples for it in [pool[i]]]
            right += list(ranking(cosine.scores([it.text for it in test], ex, example_share=share), test, themes)[0])
        if np.mean(right) > best_top1:
            best, best_top1 = share, float(np.mean(right))
    return best


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
    ece_table(results, names, "conf", list(MAPS))
    if chosen_c:
        counts = {c: chosen_c.count(c) for c in sorted(set(chosen_c))}
        print(f"\nC chosen inside the folds by leave-one-set-out (fits per C): {counts}")
    if any(results[(n, MODES[0])]["loso"] for n in names):
        print("\nLeave-one-set-out: each map fitted on the other two sets only, top-1 ECE on this one:\n")
        ece_table(results, names, "loso", LOSO_MAPS)
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
        unsure_bar(results, names, m)


def ece_table(results, names, key, maps):
    cols = [f"{n}, {m}" for n in names for m in MODES]
    print("| map | " + " | ".join(cols) + " | mean | worst | Brier (mean) |")
    print("|---|" + "---:|" * (len(cols) + 3))
    for m in maps:
        cells = [
            (np.array(results[(n, mode)][key][m]), np.array(results[(n, mode)]["anyof"]))
            for n in names
            for mode in MODES
        ]
        eces = [ece(c, ok) for c, ok in cells]
        briers = [np.mean((c - ok) ** 2) for c, ok in cells]
        print(
            f"| {m} | " + " | ".join(f"{e:.3f}" for e in eces) + f" | {np.mean(eces):.3f} | {max(eces):.3f} |"
            f" {np.mean(briers):.4f} |"
        )


def unsure_bar(results, names, m):
    """The "unsure" bar by CV: for each bar, the out-of-fold top-1 accuracy of the answers below it
    and above it per set (both modes); chosen = the highest bar at which the answers below it,
    every set's out-of-fold answers pooled, are right less than half the time."""
    print(f"\nThe unsure bar, {m}: top-1 right (gold or alt / either coder) below the bar (n) / above it\n")
    print("| bar | " + " | ".join(names) + " | all sets below the bar |")
    print("|---:|" + "---|" * len(names) + "---:|")
    chosen = None
    for bar in UNSURE_GRID:
        cells, below, n_below = [], 0.0, 0
        for n in names:
            c = np.concatenate([results[(n, mode)]["conf"][m] for mode in MODES])
            ok = np.concatenate([results[(n, mode)]["anyof"] for mode in MODES]).astype(float)
            lo = c < bar
            cells.append(
                f"{ok[lo].mean():.2f} ({lo.sum()}) / {ok[~lo].mean():.2f}" if lo.any() else f"- (0) / {ok.mean():.2f}"
            )
            below, n_below = below + ok[lo].sum(), n_below + int(lo.sum())
        pooled = below / n_below if n_below else float("nan")
        if n_below and pooled < 0.5:
            chosen = float(bar)
        print(f"| {bar:.2f} | " + " | ".join(cells) + f" | {pooled:.2f} |")
    print(f"\nChosen bar (highest with the answers below it right less than half the time): {chosen}")


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
    model = LogisticRegression(C=0.1, max_iter=1000).fit(X[:, [0, 1, 2, 5]], y, sample_weight=w / w.mean())
    a, b, top, agree = model.coef_[0]
    print(
        f"{CHOSEN}: DEFAULT_COEF = ({a:.2f}, {b:.2f}, {model.intercept_[0]:.2f}); DEFAULT_TOP = {top:.2f}; "
        f"DEFAULT_AGREE = {agree:.2f}  ({len(y)} rows)"
    )


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--lockbox", action="store_true", help="score the lockbox (once, after every choice)")
    ap.add_argument(
        "--fit-default",
        action="store_true",
        help="fit the shipped map, Platt (s, m, top, agree) C 0.1, on every working item and print it",
    )
    ap.add_argument("--frame", default=str(EVAL / "frame.yaml"))
    ap.add_argument(
        "--encoder", choices=("torch", "onnx"), help="all-MiniLM-L6-v2 on torch or int8 ONNX (default: the app's)"
    )
    args = ap.parse_args(argv)
    if args.encoder:
        os.environ["WORKBENCH_ENCODER"] = args.encoder
    from coding.suggest.encoder import default_encoder

    frame = read_frame_yaml(args.frame)
    themes = [t.id for t in frame.themes]
    encoder = CachingEncoder(default_encoder())
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
    report(results, peer, chosen=os.environ.get("CV_MAP", CHOSEN))


if __name__ == "__main__":
    main()
