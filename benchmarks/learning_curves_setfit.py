"""SetFit on the learning curves: a fine-tuned MiniLM beside the kNN vote and the linear head.

    .venv/bin/pip install -r requirements-bench.txt -c requirements.lock   # once (make bench does it)
    nohup .venv/bin/python benchmarks/learning_curves_setfit.py > /tmp/setfit.log 2>&1 &
    .venv/bin/python benchmarks/learning_curves_setfit.py --sets "blind answers" --sizes 10 25

The same sets, grouped folds and draws as learning_curves.py (its ``curves`` and ``draws``, one
draw: repeat 0), so the SetFit column sits beside the kNN vote and the linear head of the same run.
**SetFit** (1.2.0): the packaged all-MiniLM-L6-v2 (loaded by path, offline) fine-tuned with
contrastive pairs (CosineSimilarityLoss, ``--iterations`` pairs per example and side, one epoch,
batch 16, CPU), then its logistic-regression head; a fresh body for every fit. Training examples are
the confirmed themes of the N reviewed answers, one row per theme as the linear head has them; the
rejections the kNN vote also learns from are skipped (SetFit has no use for "not this theme").
Confidence is the head's top probability. Each fold's line is printed as it finishes (with the fit's
seconds and the load average), then the table; the last line gives the process's peak memory.
Every fold is also appended to ``--record`` (JSON lines), so a run stopped part-way can still be
tabulated: ``--table RECORD`` prints the tables of whatever folds it holds.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import resource
import sys
import tempfile
import warnings
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

from learning_curves import SETS, curves, table  # noqa: E402
from suggest_sets import EVAL, load_sets, split  # noqa: E402

from coding.frames.yaml_io import read_frame_yaml  # noqa: E402
from coding.suggest.encoder import CachingEncoder, default_encoder, model_path  # noqa: E402

SIZES = (10, 25, 50, 100)
SYSTEMS = ["kNN vote", "linear head", "zero-shot + linear head", "SetFit"]


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux


def setfit_fit(themes, iterations, workdir):
    """fit(reviewed items, test texts) -> probabilities per theme, from a freshly fine-tuned MiniLM."""
    import datasets
    import transformers
    from setfit import SetFitModel, Trainer, TrainingArguments

    datasets.disable_progress_bars()
    transformers.logging.set_verbosity_error()
    logging.getLogger("setfit").setLevel(logging.ERROR)
    warnings.filterwarnings("ignore")

    def fit(reviewed, texts):
        rows = [(it.text, themes.index(t)) for it in reviewed for t in it.examples]
        if len({y for _, y in rows}) < 2:
            return None
        model = SetFitModel.from_pretrained(model_path(), device="cpu")
        args = TrainingArguments(
            output_dir=workdir,
            save_strategy="no",
            report_to="none",
            show_progress_bar=False,
            num_iterations=iterations,
            num_epochs=1,
            batch_size=16,
            seed=0,
        )
        train = datasets.Dataset.from_dict({"text": [t for t, _ in rows], "label": [y for _, y in rows]})
        Trainer(model=model, args=args, train_dataset=train).train()
        proba = np.asarray(model.predict_proba(texts, as_numpy=True, show_progress_bar=False))
        out = np.zeros((len(texts), len(themes)))
        out[:, model.model_head.classes_] = proba
        return out

    return fit


def print_record(path: Path) -> None:
    """The tables of a record (learning_curves.table's form), with the median fit seconds per size."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    for name in dict.fromkeys(r["set"] for r in rows):
        out = {}
        for r in (r for r in rows if r["set"] == name):
            for system, v in r["systems"].items():
                t1 = np.array(v["top1"], bool)
                t3 = np.array(v["top3"], bool)
                out.setdefault((system, r["n"]), []).append(
                    (t1.mean(), t3.mean(), np.array(v["conf"]), t1, v["seconds"])
                )
        sizes = sorted({n for _, n in out})
        folds = {n: len(out.get(("kNN vote", n), [])) for n in sizes}
        print(f"\n{name}; folds done per size {folds}; top-1 / top-3 (mean ± sd over folds) / top-1 ECE\n")
        print(table(out, sizes, SYSTEMS))
        print_seconds(out, sizes)
    loads = [r["load"] for r in rows]
    print(
        f"load average over the fits {min(loads):.1f}-{max(loads):.1f}; peak memory {max(r['peak_mb'] for r in rows):.0f} MB"
    )


def print_seconds(out, sizes):
    print("\nfit seconds per fold, median (SetFit / linear head incl. its inner CV for C):")
    for n in sizes:
        sf = [r[4] for r in out.get(("SetFit", n), [])]
        lh = [r[4] for r in out.get(("linear head", n), [])]
        if sf and lh:
            print(f"  N={n}: {np.median(sf):.1f} s / {np.median(lh):.2f} s (x{np.median(sf) / np.median(lh):.0f})")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sets", nargs="+", default=["demo answers"], choices=SETS)
    ap.add_argument("--sizes", nargs="+", type=int, default=list(SIZES))
    ap.add_argument("--iterations", type=int, default=5)
    ap.add_argument("--record", type=Path, help="append every fold's scores here (JSON lines)")
    ap.add_argument("--table", type=Path, help="print the tables of a record, without fitting anything")
    args = ap.parse_args(argv)
    if args.table:
        return print_record(args.table)

    frame = read_frame_yaml(EVAL / "frame.yaml")
    themes = [t.id for t in frame.themes]
    encoder = CachingEncoder(default_encoder())
    work, _ = split(load_sets(themes))
    print(f"SetFit {args.iterations} iterations, 1 epoch, batch 16, CPU; sizes {args.sizes}; one draw", flush=True)

    current = {}

    def log(fold, results):
        if args.record:
            row = {"set": current["set"], **fold, "load": os.getloadavg()[0], "peak_mb": peak_mb()}
            row["systems"] = {
                system: {"top1": t1.tolist(), "top3": t3.tolist(), "conf": np.asarray(conf).tolist(), "seconds": secs}
                for system, (t1, t3, conf, secs) in results.items()
            }
            with args.record.open("a", encoding="utf-8") as fh:
                fh.write(json.dumps(row) + "\n")
        cells = "; ".join(
            f"{system} {t1.mean():.2f}/{t3.mean():.2f} fit {secs:.2f} s"
            for system, (t1, t3, _, secs) in results.items()
        )
        print(
            f"  N={fold['n']} fold {fold['fold']} ({fold['reviewed']} reviewed, {fold['test']} scored): {cells}; "
            f"load {os.getloadavg()[0]:.1f}; peak {peak_mb():.0f} MB",
            flush=True,
        )

    with tempfile.TemporaryDirectory() as workdir:
        fit = setfit_fit(themes, args.iterations, workdir)
        for name in args.sets:
            items = work[name]
            current["set"] = name
            print(f"\n{name} ({len(items)} answers, {len(set(it.source for it in items))} sources)", flush=True)
            before = peak_mb()
            out = curves(items, frame, themes, encoder, 1, sizes=args.sizes, extra={"SetFit": fit}, log=log)
            print("\ntop-1 / top-3 (mean ± sd over folds) / top-1 ECE\n")
            print(table(out, args.sizes, SYSTEMS))
            print_seconds(out, args.sizes)
            print(f"peak memory: {peak_mb():.0f} MB (process; {before:.0f} MB before the set's first fit)", flush=True)


if __name__ == "__main__":
    main()
