"""Learning curves: how suggestions improve with the researcher's decisions, before building any fine-tune.

    .venv/bin/python benchmarks/learning_curves.py [--repeats 3]

On the demo answers and the blind answers (working sets; the lockbox is left alone), grouped
cross-validation by source (suggest_sets.py): for each fold, N answers of the other folds are
"reviewed" (N = 0, 10, 25, 50, 100, 200, capped by what the other folds hold): their themes
confirmed, and the zero-shot top-3 themes that are not theirs rejected, as a review page does.
Then the fold is scored by:
- **kNN vote**: the shipped Suggester with those decisions (decisions.py);
- **linear head**: logistic regression on the MiniLM embeddings of the reviewed answers (one row
  per confirmed theme; C chosen by an inner grouped CV from 0.1, 1, 10), alone;
- **zero-shot + linear head**: the zero-shot score plus 0.3 x the head's probability (the vote's
  weight), the head fitted as above.
Top-1 and top-3 count a theme of the answer's (either coder's, or written-for); ECE is the top-1
confidence (the Suggester's calibrated one; the head's probability) against top-1 right. Mean over
folds and repeats (random draws of the reviewed answers), ± the spread over folds.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

from cv_suggest import ece, folds_of  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402
from sklearn.model_selection import GroupKFold  # noqa: E402
from suggest_sets import EVAL, load_sets, split  # noqa: E402

from coding.frames.yaml_io import read_frame_yaml  # noqa: E402
from coding.suggest.encoder import CachingEncoder  # noqa: E402
from coding.suggest.scorer import VOTE_WEIGHT, Suggester  # noqa: E402

SIZES = (0, 10, 25, 50, 100, 200)
SETS = ("demo answers", "blind answers")


def fit_head(X, items, themes, C):
    rows = [(i, themes.index(t)) for i, it in enumerate(items) for t in it.examples]
    y = np.array([j for _, j in rows])
    if len(set(y)) < 2:
        return None
    model = LogisticRegression(C=C, max_iter=2000).fit(X[[i for i, _ in rows]], y)

    def proba(Z):
        out = np.zeros((len(Z), len(themes)))
        out[:, model.classes_] = model.predict_proba(Z)
        return out

    return proba


def choose_C(X, items, themes):
    """Inner grouped CV over the reviewed answers: the C with the best top-1."""
    groups = [it.source for it in items]
    if len(set(groups)) < 3:
        return 1.0
    best, best_acc = 1.0, -1.0
    for C in (0.1, 1.0, 10.0):
        hits = []
        for tr, te in GroupKFold(n_splits=min(3, len(set(groups)))).split(X, groups=groups):
            head = fit_head(X[tr], [items[i] for i in tr], themes, C)
            if head is None:
                continue
            P = head(X[te])
            hits += [themes[np.argmax(p)] in items[i].right for p, i in zip(P, te)]
        if hits and np.mean(hits) > best_acc:
            best, best_acc = C, float(np.mean(hits))
    return best


def measure(scores, conf, items, themes):
    order = np.argsort(-scores, axis=1)
    top1 = np.array([themes[o[0]] in it.right for o, it in zip(order, items)])
    top3 = np.array([bool(it.right & {themes[j] for j in o[:3]}) for o, it in zip(order, items)])
    return top1, top3, conf


def draws(f, n, rep):
    """(fold, test rows, reviewed rows) per fold: the draws every system is scored on.

    Seeded by (repeat, size) and drawn fold after fold, so a script that runs only some systems
    or sizes (learning_curves_setfit.py) reviews the same answers as this one.
    """
    rng = np.random.default_rng(1000 * rep + n)
    for k in sorted(set(f)):
        test = np.flatnonzero(f == k)
        pool = np.flatnonzero(f != k)
        chosen = rng.choice(pool, size=min(n, len(pool)), replace=False) if n else np.array([], int)
        yield k, test, chosen


def curves(items, frame, themes, encoder, repeats, sizes=SIZES, extra=None, log=None):
    """(system, n) -> one (top-1, top-3, confidences, top-1 hits, fit seconds) per fold and repeat.

    ``extra`` maps a system's name to ``fit(reviewed items, test texts) -> probabilities`` (one
    column per theme, or None when it cannot fit), scored beside the built-in systems on the same
    draws; ``log(fold, results)`` is called after every fold with that fold's scores.
    """
    X = encoder.encode([it.text for it in items])
    f = folds_of(items)
    base = Suggester([frame], encoder, themes=themes)
    zero, _, _ = base.scores([it.text for it in items], X)
    out = {}
    for n in sizes:
        for rep in range(repeats if n else 1):
            for k, test, chosen in draws(f, n, rep):
                s = Suggester([frame], encoder, themes=themes)
                vecs, labs, oks = [], [], []
                for i in chosen:
                    for t in items[i].examples:
                        vecs.append(X[i])
                        labs.append(t)
                        oks.append(True)
                    for j in np.argsort(-zero[i])[:3]:
                        if themes[j] not in items[i].right:
                            vecs.append(X[i])
                            labs.append(themes[j])
                            oks.append(False)
                if vecs:
                    s.add_examples(vecs, labs, oks)
                texts = [items[i].text for i in test]
                test_items = [items[i] for i in test]
                res = s.suggest(texts, embeddings=X[test])
                knn = np.array([[{x.theme: x.score for x in r}.get(t, 0.0) for t in themes] for r in res])
                results = {"kNN vote": (*measure(knn, knn.max(axis=1), test_items, themes), 0.0)}
                if n:
                    chosen_items = [items[i] for i in chosen]
                    started = time.perf_counter()
                    head = fit_head(X[chosen], chosen_items, themes, choose_C(X[chosen], chosen_items, themes))
                    seconds = time.perf_counter() - started
                    if head is not None:
                        P = head(X[test])
                        results["linear head"] = (*measure(P, P.max(axis=1), test_items, themes), seconds)
                        blend, _, _ = base.scores(texts, X[test])
                        blend = blend + VOTE_WEIGHT * P
                        conf = s.confidence(blend).max(axis=1)
                        results["zero-shot + linear head"] = (*measure(blend, conf, test_items, themes), seconds)
                    for system, fit in (extra or {}).items():
                        started = time.perf_counter()
                        P = fit(chosen_items, texts)
                        seconds = time.perf_counter() - started
                        if P is not None:
                            results[system] = (*measure(P, P.max(axis=1), test_items, themes), seconds)
                for system, (t1, t3, conf, secs) in results.items():
                    out.setdefault((system, n), []).append((t1.mean(), t3.mean(), conf, t1, secs))
                if log:
                    log({"n": n, "repeat": rep, "fold": int(k), "reviewed": len(chosen), "test": len(test)}, results)
    return out


def table(out, sizes, systems):
    """The markdown rows: per size, top-1 / top-3 (mean ± sd over folds) / top-1 ECE per system."""
    lines = ["| decisions (answers reviewed) | " + " | ".join(systems) + " |", "|---:|" + "---|" * len(systems)]
    for n in sizes:
        cells = []
        for system in systems:
            runs = out.get((system, n))
            if not runs:
                cells.append("-")
                continue
            t1 = np.array([r[0] for r in runs])
            t3 = np.array([r[1] for r in runs])
            conf = np.concatenate([r[2] for r in runs])
            right = np.concatenate([r[3] for r in runs])
            cells.append(
                f"{t1.mean():.2f} ± {t1.std():.2f} / {t3.mean():.2f} ± {t3.std():.2f} / {ece(conf, right):.2f}"
            )
        lines.append(f"| {n} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeats", type=int, default=3)
    args = ap.parse_args(argv)
    from coding.suggest.encoder import default_encoder

    frame = read_frame_yaml(EVAL / "frame.yaml")
    themes = [t.id for t in frame.themes]
    encoder = CachingEncoder(default_encoder())
    work, _ = split(load_sets(themes))
    for name in SETS:
        items = work[name]
        print(
            f"\n{name} ({len(items)} answers, {len(set(it.source for it in items))} sources); "
            "top-1 / top-3 (mean ± sd over folds) / top-1 ECE\n"
        )
        out = curves(items, frame, themes, encoder, args.repeats)
        print(table(out, SIZES, ["kNN vote", "linear head", "zero-shot + linear head"]))


if __name__ == "__main__":
    main()
