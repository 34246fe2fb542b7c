"""Question alignment: interviewer turns aligned to the right guide question, old aligner vs new.

    .venv/bin/python benchmarks/bench_align.py      (about 20 s)

Sets, each with its answer key; every interview is read and given speaker roles
as the import path does (``prepare``), then aligned by each aligner:

* the ten interviews of tests/data/align/, written around the guides' near-twin
  questions (key in tests/test_align_near_duplicates.py);
* the same interviews again, once per near-twin pair they ask (pairs worded
  word for word apart), with one twin's ask left out (and the answers after it),
  and with the two asks swapped, answers moving with them;
* the seven demo interviews (key in scripts/make_demo_transcripts.py: the first
  words of the label asked; either copy of a question the guide repeats word for
  word counts, as tests/test_align_demo.py scores it).

A turn is right when its question (or no question, for a follow-up) is the key's.
"Asks of near-twins": the turns whose key question has a near-twin in its guide
(a variant: the turns of its pair only). "Key credited, not asked": key questions
coverage reports as asked that no turn asked; "key asked, reported missed": the
reverse. "old" is coding/transcripts/align.py at BASELINE_COMMIT, read from git;
"new" is the working tree. MiniLM and lexical-only (no encoder) runs.
"""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
import types
from dataclasses import dataclass, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from coding.frames.load import load_frames  # noqa: E402
from coding.model import Frame, Transcript  # noqa: E402
from coding.suggest.encoder import CachingEncoder, default_encoder  # noqa: E402
from coding.transcripts import align as new_align  # noqa: E402
from coding.transcripts.coverage import coverage  # noqa: E402
from coding.transcripts.pipeline import prepare  # noqa: E402
from tests.test_align_near_duplicates import DATA, EXPECTED, expected_ids  # noqa: E402

BASELINE_COMMIT = "d04baaf17250733c9f6b1117bf6efcc04d441091"  # align.py before near-twin handling


def _old_align() -> types.ModuleType:
    source = subprocess.run(
        ["git", "show", f"{BASELINE_COMMIT}:coding/transcripts/align.py"],
        cwd=ROOT, check=True, capture_output=True, text=True,
    ).stdout
    module = types.ModuleType("align_baseline")
    sys.modules[module.__name__] = module  # dataclasses look their module up while the source runs
    exec(compile(source, "align_baseline.py", "exec"), module.__dict__)
    return module


@dataclass
class Case:
    name: str
    transcript: Transcript
    frame: Frame
    key: list[str | None]  # per interviewer turn: a question id, or (demo) the first words of its label
    by_prefix: bool = False
    pair: tuple[str, str] | None = None  # the near-twins a variant leaves one of out, or swaps


def _demo_cases() -> list[Case]:
    script = ROOT / "scripts" / "make_demo_transcripts.py"
    spec = importlib.util.spec_from_file_location("make_demo_transcripts", script)
    demo = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = demo
    spec.loader.exec_module(demo)
    return [
        Case(iv.file, *_read(ROOT / "transcripts" / iv.file, iv.guide), [t[2] for t in iv.turns if t[0] == "I"], True)
        for iv in demo.INTERVIEWS
    ]


def _near_twin_cases() -> list[Case]:
    return [Case(name, *_read(DATA / name, guide), expected_ids(name)) for name, (guide, _) in EXPECTED.items()]


def _read(path: Path, guide: str) -> tuple[Transcript, Frame]:
    frame = load_frames(ROOT / "topic_guides" / f"{guide}.md")[0]
    return prepare(path, frame, None).transcript, frame  # speaker roles as the import path infers them


def _variants(cases: list[Case], encoder) -> list[Case]:
    """Each near-twin interview again with one twin of a pair left out, and with the pair swapped.

    A turn moves with the answers that follow it. Pairs worded identically are left
    out: which copy a lone ask is depends only on where it falls.
    """
    out = []
    for case in cases:
        questions = new_align.guide_questions(case.frame)
        labels = {q.theme.id: _norm(q.theme.label) for q in questions}
        t = case.transcript
        starts = [i for i, turn in enumerate(t.turns) if t.role_of(turn.speaker) == "interviewer"]
        blocks = [t.turns[a:b] for a, b in zip(starts, starts[1:] + [len(t.turns)], strict=True)]
        head = t.turns[: starts[0]]
        for a, b in new_align.near_twins(questions, encoder):
            if a not in case.key or b not in case.key or labels[a] == labels[b]:
                continue
            i, j = case.key.index(a), case.key.index(b)
            every = range(len(blocks))
            orders = {
                f"without {a}": [k for k in every if k != i],
                f"without {b}": [k for k in every if k != j],
                f"{a}/{b} swapped": [j if k == i else i if k == j else k for k in every],
            }
            for label, order in orders.items():
                turns = head + [turn for k in order for turn in blocks[k]]
                key = [case.key[k] for k in order]
                out.append(Case(f"{case.name}: {label}", replace(t, turns=turns), case.frame, key, pair=(a, b)))
    return out


def _norm(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


def _right(got: str | None, want: str | None, labels: dict[str, str], by_prefix: bool) -> bool:
    if not by_prefix:
        return got == want
    if want is None or got is None:
        return want is None and got is None
    return labels.get(got, "").startswith(_norm(want))


def _score(cases: list[Case], module, encoder, twinned: set[str]) -> tuple[int, int, int, int, int, int]:
    """(turns right, turns, twin asks right, twin asks, key questions wrongly credited, wrongly missed)."""
    right = total = twin_right = twin_total = credited = missed = 0
    for case in cases:
        questions = new_align.guide_questions(case.frame)
        labels = {q.theme.id: _norm(q.theme.label) for q in questions}
        alignments = module.align_questions(case.transcript, [], case.frame, encoder)
        got = [a.question_id for a in alignments]
        assert len(got) == len(case.key), case.name
        hits = [_right(g, w, labels, case.by_prefix) for g, w in zip(got, case.key, strict=True)]
        right += sum(hits)
        total += len(hits)
        focus = set(case.pair) if case.pair else twinned  # a variant: the asks of its pair only
        twin_right += sum(hit for hit, w in zip(hits, case.key, strict=True) if w in focus)
        twin_total += sum(w in focus for w in case.key)
        cov = coverage(case.name, alignments, [], case.frame)
        asked = {q.theme.id for q in questions
                 if any(_right(q.theme.id, w, labels, case.by_prefix) for w in case.key if w)}
        keys = {q.theme.id for q in questions if q.theme.key}
        # A key question repeated word for word is asked if either copy is.
        asked_labels = {labels[a] for a in asked}
        credited += len({k for k in keys & set(cov.questions_asked) - asked if labels[k] not in asked_labels})
        missed += len(keys & set(cov.key_questions_missed) & asked)
    return right, total, twin_right, twin_total, credited, missed


def _fraction(right: int, total: int) -> str:
    return f"{right}/{total} ({right / total:.1%})" if total else "-"


def main() -> None:
    encoder = CachingEncoder(default_encoder())  # the variants repeat their interviews' turns
    old = _old_align()
    near_twin = _near_twin_cases()
    twinned = {q for case in near_twin
               for pair in new_align.near_twins(new_align.guide_questions(case.frame), encoder) for q in pair}
    variants = _variants(near_twin, encoder)
    sets = [("near-twin interviews", near_twin),
            ("the same, one twin left out", [v for v in variants if "without" in v.name]),
            ("the same, the pair swapped", [v for v in variants if "swapped" in v.name]),
            ("demo interviews", _demo_cases())]
    print("| set | aligner | encoder | turns right | asks of near-twins right | key credited, not asked "
          "| key asked, reported missed |")
    print("|---|---|---|---:|---:|---:|---:|")
    for set_name, cases in sets:
        for enc_name, enc in (("MiniLM", encoder), ("none (lexical)", None)):
            for name, module in (("old", old), ("new", new_align)):
                right, total, twin_right, twin_total, credited, missed = _score(cases, module, enc, twinned)
                print(f"| {set_name} ({len(cases)}) | {name} | {enc_name} | {_fraction(right, total)} | "
                      f"{_fraction(twin_right, twin_total)} | {credited} | {missed} |")


if __name__ == "__main__":
    main()
