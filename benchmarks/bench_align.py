"""Question alignment: which guide question each answer responds to, today's aligner against the new one.

    .venv/bin/python benchmarks/bench_align.py            (a few minutes; --no-cv skips the cross-validation)

Sets of interviews, each with its answer key; every interview is read and given
speaker roles as the import path does (``prepare``), then aligned by each aligner:

* **blind** (the main report): tests/data/align_eval/, interviews written from the
  shipped guides by someone who never saw the aligner, with interviewer turns said
  the way interviewers talk (fillers, acknowledgements, refer-backs, stacked
  questions, back-channels, varying labels), in every supported format; gold in
  ``gold.jsonl`` (interview, turn index, question_id, kind), ``interviews.yaml``
  (guide, style, format, questions skipped). Read when the folder exists.
* **near-twin**: the ten interviews of tests/data/align/ (key in
  tests/test_align_near_duplicates.py).
* **demo**: the seven demo interviews (key in scripts/make_demo_transcripts.py).

Measures, per aligner:

* answers right: respondent turns of eight words or more (as the issue measured)
  whose question is the key's (the question of the last interviewer turn before
  them that asked one; follow-ups pass it on). Two guide questions worded
  identically count as the same question.
* turns right, per kind of turn (the blind set's kinds; elsewhere "asks" and
  "follow-up"): a turn that asks is right when aligned to its question (or, for a
  stacked turn, any of its questions); a turn that asks none when aligned to none.
* key question missed: precision and recall of the key questions coverage reports
  missed, against the key questions the key never asks.
* unsure: how many answers the new aligner flags (confidence below UNSURE_BELOW),
  and how many of its wrong answers are among them.

"today" is what an import did before issue 19: speaker roles by
coding/transcripts/speakers.py and alignment by coding/transcripts/align.py, both at
BASELINE_COMMIT (read from git); "old aligner" is that aligner on the roles as read
now (an interviewer labelled by name in some turns and by role in others is now one
interviewer); "new" is the working tree. The new aligner's constants (no-match score,
the elliptical-ask margin) are chosen by leave-one-interview-out cross-validation
over every interview of every set: each interview is scored with the constants
that did best on all the others; mean ± standard deviation over interviews.
"""

from __future__ import annotations

import argparse
import importlib.util
import itertools
import json
import re
import statistics
import subprocess
import sys
import types
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from coding.frames.load import load_frames  # noqa: E402
from coding.model import Frame, Segment, Transcript  # noqa: E402
from coding.suggest.encoder import CachingEncoder, default_encoder  # noqa: E402
from coding.transcripts import align as new_align  # noqa: E402
from coding.transcripts.pipeline import prepare  # noqa: E402
from coding.transcripts.question_coverage import coverage  # noqa: E402
from tests.test_align_near_duplicates import DATA, EXPECTED, expected_ids  # noqa: E402

BASELINE_COMMIT = "c8bed55ddccea93396b133d1c19a95a91ec991b2"  # align.py before issue 19 (near-twin rule)
# speakers.py before issue 19's one-line rule (the same rules as at BASELINE_COMMIT, on today's model enums)
SPEAKERS_BASELINE_COMMIT = "d199ee1eeeeb03e90c47a15517eeef3550c051c5"
BLIND = ROOT / "tests" / "data" / "align_eval"
MIN_ANSWER_WORDS = 8
GRID = {
    "NO_MATCH_SCORE": [0.26, 0.30, 0.34, 0.38, 0.42],
    "ELLIPTICAL_NO_MATCH": [0.0, 0.1],
    "ANSWER_WEIGHT": [0.0, 0.15],
    "TEMPERATURE": [0.05],
}


def _old_module(
    path: str = "coding/transcripts/align.py", name: str = "align_baseline", commit: str = BASELINE_COMMIT
) -> types.ModuleType:
    source = subprocess.run(
        ["git", "show", f"{commit}:{path}"],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    module = types.ModuleType(name)
    sys.modules[module.__name__] = module  # dataclasses look their module up while the source runs
    exec(compile(source, f"{name}.py", "exec"), module.__dict__)
    return module


@dataclass
class Case:
    set: str
    name: str
    transcript: Transcript
    frame: Frame
    # per interviewer turn: the questions it asks (empty: none) and its kind
    asks: list[list[str]]
    kinds: list[str]
    style: str = ""
    # interviewer turns the reader gave to the respondent: turn index -> the questions they ask
    misread: dict[int, list[str]] = field(default_factory=dict)


def _norm(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


def _frame(guide: str) -> Frame:
    return load_frames(ROOT / "topic_guides" / f"{guide}.md")[0]


def _read(path: Path, frame: Frame) -> Transcript:
    return prepare(path, frame, None).transcript  # speaker roles as the import path infers them


def _today_roles(case: Case) -> Case:
    """The interview with speaker roles as today's import gave them (speakers.py at BASELINE_COMMIT)."""
    from coding.transcripts.read import read_transcript

    speakers = _OLD_SPEAKERS.setdefault(
        "module", _old_module("coding/transcripts/speakers.py", "speakers_baseline", SPEAKERS_BASELINE_COMMIT)
    )
    folder = {"blind": BLIND, "near-twin": DATA, "demo": ROOT / "transcripts"}[case.set]
    hints = [text for q in new_align.guide_questions(case.frame) for text in (q.theme.label, *q.theme.probes)]
    t = speakers.infer_roles(read_transcript(folder / case.name), hints)
    new_roles = {s.key: s.role for s in case.transcript.speakers}
    changed = {s.key for s in t.speakers if new_roles.get(s.key) != s.role}
    if not changed:
        return case
    # Turns the new rules give the interviewer and today's gave the respondent: their gold moves to misread.
    asking_now = _interviewer_turns(case.transcript)
    asking_then = set(_interviewer_turns(t))
    gold = dict(zip(asking_now, zip(case.asks, case.kinds, strict=True), strict=True))
    misread = dict(case.misread) | {i: ids for i, (ids, _) in gold.items() if i not in asking_then}
    kept = [(ids, kind) for i, (ids, kind) in gold.items() if i in asking_then]
    return Case(case.set, case.name, t, case.frame, [k[0] for k in kept], [k[1] for k in kept], case.style, misread)


_OLD_SPEAKERS: dict[str, types.ModuleType] = {}


def _interviewer_turns(t: Transcript) -> list[int]:
    return [i for i, turn in enumerate(t.turns) if t.role_of(turn.speaker) == "interviewer"]


def _near_twin_cases() -> list[Case]:
    out = []
    for name, (guide, _) in EXPECTED.items():
        frame = _frame(guide)
        key = expected_ids(name)
        out.append(
            Case(
                "near-twin",
                name,
                _read(DATA / name, frame),
                frame,
                [[k] if k else [] for k in key],
                ["asks" if k else "follow-up" for k in key],
            )
        )
    return out


def _demo_cases() -> list[Case]:
    script = ROOT / "scripts" / "make_demo_transcripts.py"
    spec = importlib.util.spec_from_file_location("make_demo_transcripts", script)
    demo = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = demo
    spec.loader.exec_module(demo)
    out = []
    for iv in demo.INTERVIEWS:
        frame = _frame(iv.guide)
        labels = [(q.theme.id, _norm(q.theme.label)) for q in new_align.guide_questions(frame)]
        key = [t[2] for t in iv.turns if t[0] == "I"]
        ids = [next(qid for qid, label in labels if label.startswith(_norm(k))) if k else None for k in key]
        out.append(
            Case(
                "demo",
                iv.file,
                _read(ROOT / "transcripts" / iv.file, frame),
                frame,
                [[k] if k else [] for k in ids],
                ["asks" if k else "follow-up" for k in ids],
            )
        )
    return out


def _blind_cases() -> list[Case]:
    """tests/data/align_eval/, when it exists: gold.jsonl rows by interview, interviews.yaml for guide and style."""
    if not (BLIND / "gold.jsonl").exists():
        return []
    import yaml

    meta = yaml.safe_load((BLIND / "interviews.yaml").read_text("utf-8"))
    entries = meta.get("interviews", meta) if isinstance(meta, dict) else meta
    if isinstance(entries, dict):
        entries = [{"file": k, **v} for k, v in entries.items()]
    gold: dict[str, list[dict]] = {}
    for line in (BLIND / "gold.jsonl").read_text("utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            gold.setdefault(row["interview"], []).append(row)
    out = []
    for entry in entries:
        name = entry.get("file") or entry.get("interview")
        frame = _frame(entry["guide"])
        t = _read(BLIND / name, frame)
        # Gold turn numbers are the writer's; find each gold turn among the turns as read by its opening words.
        starts = [_norm(t.turn_text(turn)) for turn in t.turns]
        turn_of: dict[int, dict] = {}
        for row in sorted(gold.get(name, []), key=lambda r: r["turn"]):
            opening = _norm(row["speaker_text_start"])
            index = next((i for i, text in enumerate(starts) if text.startswith(opening) and i not in turn_of), None)
            if index is None:
                print(f"  ! {name}: gold turn {row['turn']} ({row['speaker_text_start']!r}) not found", file=sys.stderr)
                continue
            turn_of[index] = row
        asking = _interviewer_turns(t)
        misread = [i for i in turn_of if i not in asking]
        if misread:
            print(f"  ! {name}: {len(misread)} interviewer turns read as the respondent's", file=sys.stderr)
        asks, kinds = [], []
        for i in asking:
            row = turn_of.get(i, {"question_id": None, "kind": "not in gold"})
            qid = row.get("question_id")
            ids = ([qid] if qid else []) + list(row.get("also", []))
            asks.append(ids)
            kinds.append(row.get("kind", ""))
        lost = [([r["question_id"]] if r.get("question_id") else []) for i, r in turn_of.items() if i in misread]
        out.append(
            Case(
                "blind",
                name,
                t,
                frame,
                asks,
                kinds,
                entry.get("style", ""),
                {i: ids for i, ids in zip(misread, lost, strict=True)},
            )
        )
    return out


# Turns that ask no new question: right when aligned to none, or to the question they follow up.
FOLLOW_KINDS = {"follow-up", "follow_up", "backchannel", "off_guide"}


@dataclass
class Result:
    answers_right: int = 0
    answers: int = 0
    kinds: dict[str, list[int]] = field(default_factory=dict)  # kind -> [right, total]
    missed_true: int = 0  # reported missed and not asked
    missed_reported: int = 0
    missed_gold: int = 0  # key questions not asked
    unsure: int = 0
    unsure_wrong: int = 0
    wrong: int = 0

    def add(self, other: Result) -> None:
        for name in (
            "answers_right",
            "answers",
            "missed_true",
            "missed_reported",
            "missed_gold",
            "unsure",
            "unsure_wrong",
            "wrong",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for kind, (right, total) in other.kinds.items():
            mine = self.kinds.setdefault(kind, [0, 0])
            mine[0] += right
            mine[1] += total

    @property
    def accuracy(self) -> float:
        return self.answers_right / self.answers if self.answers else float("nan")


def _answer_segments(t: Transcript) -> list[Segment]:
    return [
        Segment(i, turn.start, turn.end, t.turn_text(turn), turn.speaker, "respondent")
        for i, turn in enumerate(t.turns)
        if t.role_of(turn.speaker) == "respondent"
    ]


_SCORED: dict[tuple[str, str, bool], object] = {}


def score_case(case: Case, module, encoder) -> Result:
    questions = new_align.guide_questions(case.frame)
    label = {q.theme.id: _norm(q.theme.label) for q in questions}
    same = lambda a, b: a == b or (a in label and b in label and label[a] == label[b])  # noqa: E731
    segments = _answer_segments(case.transcript)
    if module is new_align:  # the model's scores once per interview; constants are applied at decision time
        key = (case.set, case.name, encoder is None)
        if key not in _SCORED:
            _SCORED[key] = new_align.score_interview(case.transcript, case.frame, encoder, with_answers=True)
        alignments = new_align.align_questions(case.transcript, segments, case.frame, encoder, _SCORED[key])
    else:
        alignments = module.align_questions(case.transcript, segments, case.frame, encoder)
    asking = _interviewer_turns(case.transcript)
    assert [a.turn_index for a in alignments] == asking, case.name
    result = Result()
    for a, want, kind in zip(alignments, case.asks, case.kinds, strict=True):
        if kind in FOLLOW_KINDS:
            right = a.question_id is None or any(same(a.question_id, w) for w in want)
        else:
            right = (a.question_id is None) if not want else any(same(a.question_id, w) for w in want)
        counts = result.kinds.setdefault(kind, [0, 0])
        counts[0] += right
        counts[1] += 1
    for _ in case.misread:
        result.kinds.setdefault("read as the respondent's", [0, 0])[1] += 1
    # The key's question for each answer: that of the last interviewer turn before it that asked one
    # (follow-ups name the question they follow up).
    gold_at = dict(zip(asking, case.asks, strict=True)) | case.misread
    gold_turns = sorted(gold_at)
    for segment in segments:
        prior = [i for i in gold_turns if i < segment.turn_index and gold_at[i]]
        want = gold_at[prior[-1]][:1] if prior else []
        if segment.turn_index in case.misread:
            continue  # an interviewer's question read as an answer is not an answer
        if len(segment.text.split()) < MIN_ANSWER_WORDS:
            continue
        # A stacked turn's answer answers both questions; either is right.
        want = gold_at[prior[-1]] if prior else []
        right = (segment.question_id is None) if not want else any(same(segment.question_id, w) for w in want)
        result.answers += 1
        result.answers_right += right
        confidence = getattr(segment, "question_confidence", None)
        unsure = confidence is not None and confidence < new_align.UNSURE_BELOW
        result.unsure += unsure
        result.wrong += not right
        result.unsure_wrong += unsure and not right
    asked_labels = {label[q] for want in list(case.asks) + list(case.misread.values()) for q in want if q in label}
    keys = {q.theme.id for q in questions if q.theme.key}
    gold_missed = {k for k in keys if label[k] not in asked_labels}
    reported = set(coverage(case.name, alignments, segments, case.frame).key_questions_missed)
    result.missed_gold = len(gold_missed)
    result.missed_reported = len(reported)
    result.missed_true = len(reported & gold_missed)
    return result


def _fraction(right: int, total: int) -> str:
    return f"{right}/{total} = {right / total:.2f}" if total else "-"


def _set_params(params: dict[str, float]) -> None:
    for name, value in params.items():
        setattr(new_align, name, value)


def cross_validate(cases: list[Case], encoder) -> tuple[dict[str, Result], list[tuple[Case, float, dict]]]:
    """Leave one interview out: each interview aligned with the grid point best on all the others."""
    grid = [dict(zip(GRID, values, strict=True)) for values in itertools.product(*GRID.values())]
    table = {}  # (grid index, case index) -> Result
    for g, params in enumerate(grid):
        _set_params(params)
        for c, case in enumerate(cases):
            table[g, c] = score_case(case, new_align, encoder)
    held_out: dict[str, Result] = {}
    per_case = []
    for c, case in enumerate(cases):

        def train_score(g: int, held: int = c) -> tuple[int, int]:
            right = sum(table[g, k].answers_right for k in range(len(cases)) if k != held)
            return right, -abs(g - len(grid) // 2)  # ties: the middle of the grid

        best = max(range(len(grid)), key=train_score)
        held_out.setdefault(case.set, Result()).add(table[best, c])
        per_case.append((case, table[best, c].accuracy, grid[best]))
    return held_out, per_case


def _mean_sd(values: list[float]) -> str:
    values = [v for v in values if v == v]
    if not values:
        return "-"
    sd = statistics.stdev(values) if len(values) > 1 else 0.0
    return f"{statistics.mean(values):.2f} ± {sd:.2f}"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--no-cv", action="store_true", help="skip the cross-validation of the constants")
    args = parser.parse_args()
    encoder = CachingEncoder(default_encoder())  # every aligner and grid point re-reads the same turns
    old = _old_module()
    defaults = {name: getattr(new_align, name) for name in GRID}
    sets = [("blind", _blind_cases()), ("near-twin", _near_twin_cases()), ("demo", _demo_cases())]
    sets = [(name, cases) for name, cases in sets if cases]
    everything = [case for _, cases in sets for case in cases]

    print("## Per interview (answers of 8+ words tied to the right question; old -> new, shipped constants)\n")
    print(
        "| set | interview | style | today (old roles, old aligner) | old aligner | new | new: unsure (wrong among them) |"
    )
    print("|---|---|---|---:|---:|---:|---:|")
    totals: dict[tuple[str, str], Result] = {}
    for case in everything:
        row = {}
        for name, module, read in (("today", old, _today_roles(case)), ("old", old, case), ("new", new_align, case)):
            result = score_case(read, module, encoder)
            totals.setdefault((case.set, name), Result()).add(result)
            if case.style:
                totals.setdefault((f"{case.set}: {case.style}", name), Result()).add(result)
            row[name] = result
        print(
            f"| {case.set} | {case.name} | {case.style} "
            f"| {_fraction(row['today'].answers_right, row['today'].answers)} "
            f"| {_fraction(row['old'].answers_right, row['old'].answers)} "
            f"| {_fraction(row['new'].answers_right, row['new'].answers)} | {row['new'].unsure} "
            f"({row['new'].unsure_wrong}) |"
        )

    print("\n## Per set\n")
    print(
        "| set | aligner | answers right | key missed: precision | key missed: recall | unsure answers "
        "| wrong answers flagged unsure |"
    )
    print("|---|---|---:|---:|---:|---:|---:|")
    for (set_name, name), r in totals.items():
        print(
            f"| {set_name} | {name} | {_fraction(r.answers_right, r.answers)} "
            f"| {_fraction(r.missed_true, r.missed_reported)} | {_fraction(r.missed_true, r.missed_gold)} "
            f"| {r.unsure if name == 'new' else '-'} | "
            f"{_fraction(r.unsure_wrong, r.wrong) if name == 'new' else '-'} |"
        )

    print("\n## Interviewer turns right, per kind of turn\n")
    print("| set | kind | today | old aligner | new |")
    print("|---|---|---:|---:|---:|")
    for set_name, _ in sets:
        kinds = sorted(set().union(*(totals[set_name, name].kinds for name in ("today", "old", "new"))))
        for kind in kinds:
            t, o, n = (totals[set_name, name].kinds.get(kind, [0, 0]) for name in ("today", "old", "new"))
            print(f"| {set_name} | {kind} | {_fraction(*t)} | {_fraction(*o)} | {_fraction(*n)} |")

    if args.no_cv:
        return
    print("\n## Constants by leave-one-interview-out cross-validation (all sets pooled)\n")
    print(f"grid: {GRID}; shipped: {defaults}\n")
    held_out, per_case = cross_validate(everything, encoder)
    _set_params(defaults)
    print("| set | held-out answers right | per-interview mean ± sd | constants chosen (most common) |")
    print("|---|---:|---:|---|")
    for set_name, r in held_out.items():
        accs = [acc for case, acc, _ in per_case if case.set == set_name]
        chosen = [tuple(p.values()) for case, _, p in per_case if case.set == set_name]
        common = max(set(chosen), key=chosen.count)
        print(
            f"| {set_name} | {_fraction(r.answers_right, r.answers)} | {_mean_sd(accs)} "
            f"| {dict(zip(GRID, common, strict=True))} |"
        )


if __name__ == "__main__":
    main()
