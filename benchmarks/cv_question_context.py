"""The guide question as context: which use of it holds up, by grouped (leave-one-interview-out) CV.

    .venv/bin/python benchmarks/cv_question_context.py [--lockbox]

Two sets of answers that sit in interviews, each imported as a project does (the shipped guides
mapped to the cross-cutting themes, the project's nine themes suggested, answers segmented and
aligned):
- demo answers: the demo interviews, guide chosen from the interviewer's turns, right = a theme
  either hand coder gave (transcripts/demo_codes.jsonl);
- quote interviews: benchmarks/data/quote_interviews/, each imported with its guide, right = the
  quote's gold or alt themes.
The lockbox (data/lockbox.json: two demo interviews, and the quotes of three report chapters) is
left out of the working rows and scored once with ``--lockbox``.

Ways of using the question, zero-shot:
- bonus b: the aligned (or carried) question's mapped themes get +b (scorer.QUESTION_BONUS);
- context λ, turns: + λ x the theme scores of the interviewer's turns of the answer's question
  (context.question_turns), read as
  "unaligned": the turn before, for answers no question was aligned to (round 5's project path);
  "before": the turn before, for every answer; "asking": the turn that asked the carried question;
  "both": the mean of the two (they differ after an elliptical follow-up); "follow-ups": both, but
  only for answers with no question or whose question was carried over a follow-up.
Constants are chosen inside the folds: for each held-out interview, the setting with the best mean
over the two sets' top-1 on the other interviews (each set weighted equally).
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

from coding.suggest.context import context_matrix, question_turns  # noqa: E402
from coding.suggest.encoder import CachingEncoder  # noqa: E402

QUOTE_INTERVIEWS = ROOT / "benchmarks" / "data" / "quote_interviews"
BONUSES = (0.0, 0.04, 0.08, 0.12, 0.16, 0.24)
LAMBDAS = (0.0, 0.1, 0.2, 0.3, 0.5, 0.7)
MODES = ("unaligned", "follow-ups", "before", "asking", "both")
SETS = ("demo answers", "quote interviews")


def project_frames():
    """The cross-cutting themes and the shipped guides mapped to them, as a project holds them."""
    from coding.frames.crosscutting import crosscutting_frame
    from coding.frames.load import load_frames
    from coding.frames.mapping import map_to_crosscutting

    cross = crosscutting_frame()
    guides = []
    for path in sorted((ROOT / "topic_guides").glob("*.md")):
        if path.name != "README.md":
            guides += [map_to_crosscutting(f, cross) if f.kind == "guide" else f for f in load_frames(path)]
    return cross, guides


def interview_rows(set_name, path, frame, rights, encoder):
    """(set, interview, text, question id, QuestionTurns, right themes or None) per codable answer, and
    interview turn index -> interviewer text."""
    from coding.transcripts.pipeline import prepare_transcript
    from coding.transcripts.read import read_transcript

    prepared = prepare_transcript(read_transcript(path), frame, encoder)
    transcript = prepared.transcript
    answers = [s for s in prepared.segments if s.codable]
    asked = {
        i: transcript.turn_text(turn).strip()
        for i, turn in enumerate(transcript.turns)
        if transcript.role_of(turn.speaker) == "interviewer"
    }
    rows = [
        (set_name, path.stem, seg.text, seg.question_id, turns, rights(seg.text))
        for seg, turns in zip(answers, question_turns(prepared.segments), strict=True)
    ]
    return rows, asked


def load_rows(encoder, themes, guides):
    from coding.transcripts.guide_choice import choose_guide
    from coding.transcripts.read import read_transcript

    codes = {}
    for line in DEMO_CODES.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            right = [t for t in dict.fromkeys((row.get("amira") or []) + (row.get("ben") or [])) if t in themes]
            codes[(row["file"], row["text"])] = frozenset(right) or None
    quotes = {}
    for line in (EVAL / "dev_quotes.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            q = json.loads(line)
            quotes[q["text"]] = (
                frozenset({q["gold_theme"], *q.get("alt_themes", [])}),
                f"{q['seed'][:3]}:{q['section'].split()[0]}",
            )
    rows, asked = [], {}
    for path in sorted((ROOT / "transcripts").iterdir()):
        if path.suffix.lower() not in (".txt", ".vtt", ".srt", ".docx") or path.stem.lower() == "readme":
            continue
        raw = read_transcript(path)
        said = [raw.turn_text(t) for t in raw.turns if raw.role_of(t.speaker) == "interviewer"]
        frame = choose_guide([g for g in guides if g.kind == "guide"], said, encoder)
        r, a = interview_rows(
            "demo answers", path, frame, lambda text, stem=path.stem: codes.get((stem, text)), encoder
        )
        rows += r
        asked[path.stem] = a
    guide_of = json.loads((QUOTE_INTERVIEWS / "guides.json").read_text(encoding="utf-8"))
    for stem, guide_id in guide_of.items():
        frame = next(g for g in guides if g.id == guide_id)
        r, a = interview_rows(
            "quote interviews",
            QUOTE_INTERVIEWS / f"{stem}.txt",
            frame,
            lambda text: quotes.get(text, (None,))[0],
            encoder,
        )
        rows += r
        asked[stem] = a
    return rows, asked, quotes


def encoder_grid(kind, lockbox):
    """Per setting (bonus, context turns, λ): (top-1 hits, top-3 hits) over the rows, scored with
    encoder ``kind`` (alignment included), and the rows."""
    from coding.frames.analytic import suggestable_themes
    from coding.suggest.encoder import torch_encoder
    from coding.suggest.onnx_encoder import fast_encoder
    from coding.suggest.scorer import Suggester

    encoder = CachingEncoder(torch_encoder() if kind == "torch" else fast_encoder())
    cross, guides = project_frames()
    frames = [cross, *guides]
    themes = suggestable_themes(frames)
    all_rows, asked, quotes = load_rows(encoder, themes, guides)
    box = read_lockbox()

    def in_box(row):
        if row[0] == "demo answers":
            return row[1] in set(box["demo answers"])
        return quotes[row[2]][1] in set(box["dev quotes"])

    work = [r for r in all_rows if r[5] and in_box(r) == lockbox]
    s = Suggester(frames, encoder, themes=themes)
    texts = [r[2] for r in work]
    base, parts, _ = s.scores(texts, s.embed(texts), [r[3] for r in work])
    asked_themes = parts["asked"].astype(np.float32)
    base = base - s_bonus() * asked_themes  # scores without the shipped bonus; bonuses are added back below
    turn_scores = {}
    for stem, turns in asked.items():
        keys = sorted(turns)
        turn_scores[stem] = dict(zip(keys, s.context_scores([turns[k] for k in keys])))
    ctx = {}
    for mode in MODES:
        rows_ctx = np.zeros_like(base)
        for i, r in enumerate(work):
            turns, use = r[4], mode
            if mode == "unaligned":
                if r[3] is not None:
                    continue
                use = "before"
            elif mode == "follow-ups":
                if r[3] is not None and turns.before == turns.asking:
                    continue
                use = "both"
            rows_ctx[i] = context_matrix(turn_scores[r[1]], [turns], base.shape[1], mode=use)[0]
        ctx[mode] = rows_ctx
    rights = [r[5] for r in work]

    def hits(key, k):
        bonus, mode, lam = key
        order = np.argsort(-(base + bonus * asked_themes + lam * ctx[mode]), axis=1)[:, :k]
        return np.array([bool({themes[j] for j in row} & right) for row, right in zip(order, rights)])

    return {key: (hits(key, 1), hits(key, 3)) for key in GRID}, work


GRID = [(b, m, lam) for b in BONUSES for m in MODES for lam in LAMBDAS if lam or m == "unaligned"]
ENCODERS = ("onnx", "torch")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--lockbox", action="store_true", help="score the lockbox once, constants from the working rows")
    args = ap.parse_args(argv)
    results = {}
    for kind in ENCODERS:
        results[kind], work = encoder_grid(kind, args.lockbox)
    print(
        "answers: "
        + "; ".join(
            f"{name}: {sum(r[0] == name for r in work)} {'in the lockbox' if args.lockbox else 'working'}"
            for name in SETS
        )
        + f"; encoders: {', '.join(ENCODERS)} (each aligns and scores with its own vectors)"
    )
    interviews = sorted({(r[0], r[1]) for r in work})
    where = np.array([interviews.index((r[0], r[1])) for r in work])
    set_of = np.array([r[0] for r in work])

    def criterion(key, mask):
        """Mean top-1 (then top-3) over encoders and sets, pooled over the answers in ``mask``."""
        return tuple(
            np.mean(
                [
                    results[kind][key][k][mask & (set_of == name)].mean()
                    for kind in ENCODERS
                    for name in SETS
                    if (mask & (set_of == name)).any()
                ]
            )
            for k in (0, 1)
        )

    everywhere = np.ones(len(work), dtype=bool)
    best_all = max(GRID, key=lambda key: (*criterion(key, everywhere), -key[0], -key[2]))
    if args.lockbox:
        chosen = tuple(json.loads(os.environ.get("QC_CHOSEN", '[0.12, "follow-ups", 0.5]')))
        for kind in ENCODERS:
            for name in SETS:
                m = set_of == name
                cells = [
                    f"{label} {results[kind][key][0][m].mean():.3f} / {results[kind][key][1][m].mean():.3f}"
                    for label, key in (
                        ("answer alone", (0.0, "unaligned", 0.0)),
                        ("round 5", (0.08, "unaligned", 0.3)),
                        (f"chosen {chosen}", chosen),
                    )
                ]
                print(f"lockbox, {kind}, {name} (top-1 / top-3): " + "; ".join(cells))
        return

    def line(label, per_kind, picks=""):
        cells = []
        for kind in ENCODERS:
            h1, h3 = per_kind[kind]
            for name in SETS:
                v1 = np.array([h1[where == k].mean() for k, (sn, _) in enumerate(interviews) if sn == name])
                v3 = np.array([h3[where == k].mean() for k, (sn, _) in enumerate(interviews) if sn == name])
                cells.append(f"{v1.mean():.3f} ± {v1.std():.3f} ({h1[set_of == name].mean():.3f}) / {v3.mean():.3f}")
        print(f"| {label} | {' | '.join(cells)} |{picks}")

    header = " | ".join(f"{kind}, {name}" for kind in ENCODERS for name in SETS)
    note = "top-1 mean ± sd over interviews (pooled over answers) / top-3"
    print(f"\nFixed settings; cells: {note}\n\n| setting | {header} |")
    print("|---|" + "---:|" * len(ENCODERS) * len(SETS))
    for key in [
        (0.0, "unaligned", 0.0),
        (0.08, "unaligned", 0.0),
        (0.08, "unaligned", 0.3),
        (0.08, "before", 0.3),
        (0.08, "both", 0.3),
        (0.08, "both", 0.5),
        (0.12, "both", 0.7),
        (0.04, "both", 0.2),
        (0.12, "unaligned", 0.0),
        (0.12, "follow-ups", 0.3),
        (0.12, "follow-ups", 0.5),
        (0.12, "both", 0.3),
    ]:
        line(f"bonus {key[0]}, context {key[1]}, λ {key[2]}", {kind: results[kind][key] for kind in ENCODERS})
    families = {
        "bonus only": [k for k in GRID if k[2] == 0.0],
        "bonus + unaligned answers read the turn before (round 5's project path)": [
            k for k in GRID if k[1] == "unaligned"
        ],
        "bonus + every answer reads the turn before": [k for k in GRID if k[1] == "before" or k[2] == 0.0],
        "bonus + the asking turn": [k for k in GRID if k[1] == "asking" or k[2] == 0.0],
        "bonus + both turns": [k for k in GRID if k[1] == "both" or k[2] == 0.0],
        "bonus + unaligned answers and answers after a follow-up read their turns": [
            k for k in GRID if k[1] == "follow-ups" or k[2] == 0.0
        ],
        "bonus + any context": GRID,
    }
    print(
        f"\nNested (constants chosen on the other interviews, both sets and both encoders); cells: {note}"
        f"\n\n| family | {header} | chosen per fold (bonus/turns/λ) |"
    )
    print("|---|" + "---:|" * len(ENCODERS) * len(SETS) + "---|")
    for family, keys in families.items():
        out = {kind: (np.zeros(len(work), dtype=bool), np.zeros(len(work), dtype=bool)) for kind in ENCODERS}
        picks = []
        for k in range(len(interviews)):
            others = where != k
            best = max(keys, key=lambda key: (*criterion(key, others), -key[0], -key[2]))
            picks.append(best)
            for kind in ENCODERS:
                out[kind][0][where == k] = results[kind][best][0][where == k]
                out[kind][1][where == k] = results[kind][best][1][where == k]
        summary = ", ".join(f"{p[0]}/{p[1]}/{p[2]} ×{picks.count(p)}" for p in dict.fromkeys(picks))
        on_all = max(keys, key=lambda key: (*criterion(key, everywhere), -key[0], -key[2]))
        line(family, out, f" {summary}; on all: {on_all[0]}/{on_all[1]}/{on_all[2]} |")
    print(
        f"\nBest of any family on all working interviews: bonus {best_all[0]}, context {best_all[1]}, λ {best_all[2]}"
    )


def s_bonus() -> float:
    from coding.suggest import scorer

    return scorer.QUESTION_BONUS


if __name__ == "__main__":
    main()
