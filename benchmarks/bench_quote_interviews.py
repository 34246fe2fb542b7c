"""The 37 dev quotes as answers in interviews, imported into a project that holds the shipped guides.

    .venv/bin/python benchmarks/bench_quote_interviews.py [--encoder onnx|torch]

A proxy of the held-out check that imports interviews built from held-out report quotes: a
project is created as `project create` does (the cross-cutting themes, whose ids are frame.yaml's,
and the six shipped guides mapped to them, as `guide add` does), each interview of
benchmarks/data/quote_interviews/ is imported with its guide (`import --guide`), and the model's
suggestions are computed as `import` computes them (service.suggest_project). Per answer: is the
best suggestion one of the quote's labelled themes (gold or alt), and is one of the best three?
Beside it, from the same project and run:
- answer alone: the same suggester, given neither the answer's guide question nor its turns;
- round 5's project path: the aligned question's themes (+0.08), and the turn before (at 0.3) only
  for answers no question was aligned to, with round 5's constants.
Mean ± sd over the six interviews, and pooled over the 37 answers, with the mean top-1 confidence.
These quotes were tuned on in earlier rounds (example answers, constants): the level is flattered;
read the difference between systems.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

from coding import service  # noqa: E402
from coding.model import MODEL_CODER, Role  # noqa: E402
from coding.service import queries  # noqa: E402
from coding.service.suggestions import build_suggester, embed_segments  # noqa: E402
from coding.suggest import scorer  # noqa: E402

INTERVIEWS = ROOT / "benchmarks" / "data" / "quote_interviews"
ROUND5_CONSTANTS = (0.08, 0.3)  # scorer.QUESTION_BONUS, scorer.CONTEXT_SHARE as round 5 shipped them
EVAL = Path(os.environ.get("CODING_EVAL_DIR") or ROOT.parent / "shared" / "eval")


def labels() -> dict[str, frozenset[str]]:
    """Quote text -> its gold and alt themes."""
    out = {}
    for line in (EVAL / "dev_quotes.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            q = json.loads(line)
            out[q["text"]] = frozenset({q["gold_theme"], *q.get("alt_themes", [])})
    return out


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--encoder", choices=("onnx", "torch"), help="default: the app's (WORKBENCH_ENCODER)")
    args = ap.parse_args(argv)
    if args.encoder:
        os.environ["WORKBENCH_ENCODER"] = args.encoder
    from coding.suggest.encoder import default_encoder

    encoder = default_encoder()
    right_of = labels()
    guide_of = json.loads((INTERVIEWS / "guides.json").read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        store = queries.open_store(f"sqlite:///{Path(tmp) / 'quotes.sqlite'}")
        guides = [p for p in sorted((ROOT / "topic_guides").glob("*.md")) if p.name != "README.md"]
        project_id = service.create_project(store, "Quote interviews", guides=guides)
        for stem, guide in guide_of.items():
            report = service.import_transcripts(
                store, project_id, [INTERVIEWS / f"{stem}.txt"], encoder, guide_key=guide
            )
            assert not report.failed, report.failed
        service.suggest_project(store, project_id, encoder)

        rows = [(tid, seg) for tid, seg in queries.project_segments(store, project_id) if seg.text in right_of]
        names = {t.id: t.name for t in queries.list_transcripts(store, project_id)}
        stored = queries.codes_for_segments(store, [seg.stored_id for _, seg in rows])
        shipped = [
            [
                c.theme_id
                for c in sorted(stored[seg.stored_id], key=lambda c: -(c.score or 0.0))
                if c.coder == MODEL_CODER
            ]
            for _, seg in rows
        ]
        shipped_conf = [
            max((c.score or 0.0) for c in stored[seg.stored_id] if c.coder == MODEL_CODER) for _, seg in rows
        ]
        embeddings = embed_segments(store, project_id, encoder)
        suggester = build_suggester(store, project_id, encoder)
        texts = [seg.text for _, seg in rows]
        matrix = np.stack([embeddings[seg.stored_id] for _, seg in rows])
        before = {}
        for tid in {tid for tid, _ in rows}:
            asked = [s for s in queries.load_segments(store, tid) if s.role == Role.INTERVIEWER]
            for seg in (s for t, s in rows if t == tid):
                last = [s.text for s in asked if s.turn_index < seg.turn_index][-1:]
                before[seg.stored_id] = last[0] if last else None
        alone = suggester.suggest(texts, embeddings=matrix)
        shipped_constants = scorer.QUESTION_BONUS, scorer.CONTEXT_SHARE
        scorer.QUESTION_BONUS, scorer.CONTEXT_SHARE = ROUND5_CONSTANTS
        try:
            round5 = suggester.suggest(
                texts,
                question_ids=[seg.question_id for _, seg in rows],
                embeddings=matrix,
                context=suggester.context_scores(
                    [before[seg.stored_id] if seg.question_id is None else None for _, seg in rows]
                ),
            )
        finally:
            scorer.QUESTION_BONUS, scorer.CONTEXT_SHARE = shipped_constants
    systems = {
        "answer alone (baseline)": ([[s.theme for s in r] for r in alone], [r[0].score for r in alone]),
        "round 5's project path (question themes +0.08; turn before at 0.3, only if unaligned)": (
            [[s.theme for s in r] for r in round5],
            [r[0].score for r in round5],
        ),
        "shipped (question themes +0.12; after a follow-up, its turns at 0.5, stored vectors)": (
            shipped,
            shipped_conf,
        ),
    }
    interviews = sorted({names[tid] for tid, _ in rows})
    where = np.array([interviews.index(names[tid]) for tid, _ in rows])
    rights = [right_of[seg.text] for _, seg in rows]
    print(
        f"{len(rows)} answers in {len(interviews)} interviews; encoder {encoder.name}; "
        f"{sum(seg.question_id is not None for _, seg in rows)} answers with a guide question"
    )
    print("\n| system | top-1 (mean ± sd over interviews) | top-1 pooled | top-3 (mean ± sd) | mean top-1 confidence |")
    print("|---|---:|---:|---:|---:|")
    for label, (ranked, conf) in systems.items():
        top1 = np.array([r[0] in right for r, right in zip(ranked, rights)])
        top3 = np.array([bool(set(r[:3]) & right) for r, right in zip(ranked, rights)])
        v1 = np.array([top1[where == k].mean() for k in range(len(interviews))])
        v3 = np.array([top3[where == k].mean() for k in range(len(interviews))])
        print(
            f"| {label} | {v1.mean():.3f} ± {v1.std():.3f} | {top1.mean():.3f} | {v3.mean():.3f} ± {v3.std():.3f} | "
            f"{np.mean(conf):.2f} |"
        )


if __name__ == "__main__":
    main()
