"""A study-scale import: N generated interviews through the whole pipeline, beside the bare encoder.

    .venv/bin/python benchmarks/bench_study.py                 # 12 interviews x 2,500 words (make bench)
    .venv/bin/python benchmarks/bench_study.py --full          # 300 interviews x 10,000 words (3 M words)
    .venv/bin/python benchmarks/bench_study.py --interviews 40 --words 5000 --no-pages

The interviews are generated from a shipped guide (provider operational staff: the
interviewer asks its questions in order, skipping some) and the demo interviews'
respondent talk, re-mixed sentence by sentence so that answers differ from each
other, as a real study's do (a cache cannot hide their encoding). They are imported
into a fresh SQLite project the way ``python -m coding import --guide`` does
(``service.import_transcripts`` then ``service.suggest_project``), with both models
loaded before the clock starts.

Printed: the time in each stage (exclusive: encoding inside alignment counts as
encoding), words per second, wall and CPU seconds (this process, all threads: on a
shared machine CPU time is the steadier ratio), peak memory (this process's maximum resident set,
models included), and beside them the floor: the same encoder bare, on the same
distinct texts the pipeline encoded (one ``encode`` call, its own batching).
``--encoder`` picks the pipeline's encoder (default: the app's, int8 ONNX unless
``WORKBENCH_ENCODER=torch``). The other encoder is timed beside the floor on a
sample of those texts (``--compare-sample``; ``--no-compare`` skips it), after
the peak memory is read, so its model does not count in the peak.
Then, unless ``--no-pages``, the server-side render time of the Code page (one
interview, 20 answers) and the Coverage page on the imported study, beside a bare
page that writes a title (medians of a few ``AppTest`` runs).
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import random
import re
import resource
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

GUIDE = ROOT / "topic_guides" / "provider_operational.md"


# ----- the generated study -----


def _demo_interviews():
    spec = importlib.util.spec_from_file_location(
        "make_demo_transcripts", ROOT / "scripts" / "make_demo_transcripts.py"
    )
    demo = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = demo
    spec.loader.exec_module(demo)
    return demo.INTERVIEWS


def _respondent_sentences() -> list[str]:
    sentences = []
    for interview in _demo_interviews():
        for turn in interview.turns:
            if turn[0].startswith("R"):
                sentences.extend(
                    s for s in re.split(r"(?<=[.!?])\s+", turn[1].replace("\n", " ")) if len(s.split()) >= 4
                )
    return sentences


def write_study(folder: Path, interviews: int, words: int, seed: int = 15) -> list[Path]:
    """``interviews`` typed I:/R: .txt files of about ``words`` words each."""
    from coding.frames.load import load_frames

    questions = [q.label for q in load_frames(GUIDE)[0].questions()]
    pool = _respondent_sentences()
    rng = random.Random(seed)
    paths = []
    for number in range(1, interviews + 1):
        lines, count = [], 0
        while count < words:
            for question in questions:
                if rng.random() < 0.15:
                    continue  # an unasked question, as coverage expects
                lines.append(f"I: {question}")
                answer = " ".join(rng.sample(pool, rng.randint(2, 12)))
                lines.append(f"R: {answer}")
                count += len(question.split()) + len(answer.split())
                if count >= words:
                    break
        path = folder / f"study_interview_{number:03d}.txt"
        path.write_text("\n\n".join(lines) + "\n", "utf-8")
        paths.append(path)
    return paths


# ----- the profile -----


class Profile:
    """Exclusive time per stage: a stage called inside another is subtracted from the outer one."""

    def __init__(self):
        self.seconds: dict[str, float] = defaultdict(float)
        self._stack: list[list[float]] = []

    def wrap(self, stage: str, function):
        def timed(*args, **kwargs):
            self._stack.append([0.0])
            start = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                elapsed = time.perf_counter() - start
                children = self._stack.pop()[0]
                self.seconds[stage] += elapsed - children
                if self._stack:
                    self._stack[-1][0] += elapsed

        return timed

    def patch(self, module, attribute: str, stage: str) -> None:
        setattr(module, attribute, self.wrap(stage, getattr(module, attribute)))


class RecordingEncoder:
    """The real encoder, timed as the 'encoding' stage, remembering every text it was given."""

    def __init__(self, inner, profile: Profile):
        self.inner, self.name, self.dim = inner, inner.name, inner.dim
        self.texts: list[str] = []
        self._encode = profile.wrap("encoding", inner.encode)

    def encode(self, texts):
        self.texts.extend(texts)
        return self._encode(texts)


def instrument(profile: Profile) -> None:
    """Time each stage of the import where it is looked up at call time."""
    from coding.store import codes as store_codes
    from coding.store import transcripts as store_transcripts
    from coding.suggest import scorer
    from coding.transcripts import pipeline, read

    profile.patch(read, "read_transcript", "read (file -> turns)")
    profile.patch(pipeline, "infer_roles", "speakers (roles)")
    profile.patch(pipeline, "segment_transcript", "segmentation (spaCy)")
    profile.patch(pipeline, "align_questions", "alignment (excl. encoding)")
    profile.patch(pipeline, "coverage", "coverage")
    profile.patch(store_transcripts, "save_transcript", "store writes")
    profile.patch(store_transcripts, "store_embeddings", "store writes")
    profile.patch(store_codes, "put_suggestions", "store writes")
    profile.patch(store_transcripts, "mark_suggested", "store writes")
    profile.patch(store_transcripts, "load_embeddings", "store reads")
    profile.patch(store_transcripts, "project_segments", "store reads")
    profile.patch(scorer.Suggester, "suggest", "suggestion (excl. encoding)")
    profile.patch(scorer.Suggester, "__init__", "suggestion (excl. encoding)")


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def current_mb() -> float:
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1024 / 1024


def _timed(function, *args) -> float:
    start = time.perf_counter()
    function(*args)
    return time.perf_counter() - start


def _cpu_timed(function, *args) -> tuple[float, float]:
    """(wall seconds, this process's CPU seconds, every thread): on a shared machine the CPU time
    moves far less with other people's load than the wall time does."""
    wall, cpu = time.perf_counter(), time.process_time()
    function(*args)
    return time.perf_counter() - wall, time.process_time() - cpu


# ----- pages -----


def _median_ms(action, runs: int) -> float:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples) * 1000


def page_times(url: str, project_id: int, transcript_id: int, runs: int) -> list[tuple[str, float]]:
    from streamlit.testing.v1 import AppTest

    from coding.ui import state

    def bare_page() -> None:
        import streamlit as st

        st.title("Code")

    bare = AppTest.from_function(bare_page)
    bare.run()
    rows = [("bare page (a title)", _median_ms(bare.run, runs))]
    for page, label in (("code", "Code page, 20 answers of one interview"), ("coverage", "Coverage page, whole study")):
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=300)
        at.session_state[state.DB_URL] = url
        at.session_state[state.CODER] = "bench"
        at.session_state[state.LEARN] = False
        at.session_state[state.PROJECT] = project_id
        at.session_state[state.TRANSCRIPT] = transcript_id
        at.run()
        at.switch_page(f"coding/ui/{page}.py")
        first = time.perf_counter()
        at.run()
        first_ms = (time.perf_counter() - first) * 1000
        if at.exception:
            raise SystemExit(f"{page} page failed: {at.exception}")
        rows.append((f"{label}: first render", first_ms))
        rows.append((f"{label}: rerun (median)", _median_ms(at.run, runs)))
    return rows


def compare_encoders(floor_encoder, distinct: list[str], sample: int):
    """The other real encoder beside the floor's, both on the same random sample of the texts:
    (other's name, texts, floor encoder's seconds, other's seconds)."""
    from coding.suggest.encoder import SentenceTransformerEncoder
    from coding.suggest.onnx_encoder import ONNX_NAME, OnnxEncoder

    other = SentenceTransformerEncoder() if floor_encoder.name == ONNX_NAME else OnnxEncoder()
    other.encode(["warm up the model"])
    texts = random.Random(15).sample(distinct, min(sample, len(distinct)))
    return other.name, len(texts), _timed(floor_encoder.encode, texts), _timed(other.encode, texts)


# ----- main -----


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--interviews", type=int, default=12)
    parser.add_argument("--words", type=int, default=2500, help="words per interview")
    parser.add_argument("--full", action="store_true", help="300 interviews of 10,000 words (about 3 M words)")
    parser.add_argument("--no-pages", action="store_true", help="skip the page render times")
    parser.add_argument("--runs", type=int, default=3, help="page renders per median")
    parser.add_argument("--encoder", choices=("torch", "onnx"), help="the pipeline's encoder (default: the app's)")
    parser.add_argument("--no-compare", action="store_true", help="skip timing the other encoder beside the floor")
    parser.add_argument("--compare-sample", type=int, default=3000, help="distinct texts the other encoder is timed on")
    parser.add_argument(
        "--floor-runs", type=int, default=2, help="times the floor is measured (the ratio uses the mean)"
    )
    parser.add_argument("--keep", help="write the study database here (sqlite path) instead of a temporary folder")
    args = parser.parse_args()
    if args.full:
        args.interviews, args.words = 300, 10_000

    from coding import service
    from coding.nlp import sentence_pipeline
    from coding.store.db import open_store

    if args.encoder:
        os.environ["WORKBENCH_ENCODER"] = args.encoder
    from coding.suggest.encoder import default_encoder

    folder = Path(tempfile.mkdtemp(prefix="bench-study-"))
    paths = write_study(folder, args.interviews, args.words)
    words = sum(len(p.read_text("utf-8").split()) for p in paths)
    url = f"sqlite:///{args.keep or folder / 'study.sqlite'}"
    store = open_store(url)
    project_id = service.open_or_create_project(store, "Study benchmark")
    service.add_crosscutting_frame(store, project_id)
    guide = service.import_guide(store, project_id, GUIDE)[0]

    bare_encoder = default_encoder()
    bare_encoder.encode(["warm up the model"])
    sentence_pipeline()("Warm up the parser. Twice.")
    baseline_mb = current_mb()

    profile = Profile()
    encoder = RecordingEncoder(bare_encoder, profile)
    instrument(profile)
    load_before = os.getloadavg()[0]
    cpu_start = time.process_time()
    start = time.perf_counter()
    report = service.import_transcripts(store, project_id, paths, encoder, guide_key=guide.id)
    imported = time.perf_counter()
    service.suggest_project(store, project_id, encoder, [tid for _, tid in report.imported])
    total = time.perf_counter() - start
    total_cpu = time.process_time() - cpu_start
    load_after = os.getloadavg()[0]
    if report.failed:
        raise SystemExit(f"import failed: {report.failed[:3]}")
    peak = peak_mb()

    suggested = time.perf_counter()
    distinct = list(dict.fromkeys(encoder.texts))
    # The machine is shared: the floor is timed before and after the comparison, the ratio uses the mean.
    floors = [_cpu_timed(bare_encoder.encode, distinct)]
    compared = None if args.no_compare else compare_encoders(bare_encoder, distinct, args.compare_sample)
    floors += [_cpu_timed(bare_encoder.encode, distinct) for _ in range(args.floor_runs - 1)]
    floor = statistics.mean(wall for wall, _ in floors)
    floor_cpu = statistics.mean(cpu for _, cpu in floors)

    print(
        f"study: {len(paths)} interviews, {words:,} words; encoder {bare_encoder.name}; {len(encoder.texts):,} texts "
        f"sent to the encoder ({len(distinct):,} distinct); import {imported - start:.1f} s + suggest "
        f"{suggested - imported:.1f} s; load average {load_before:.1f} before, {load_after:.1f} after the pipeline, "
        f"{os.getloadavg()[0]:.1f} after the floor"
    )
    print(f"{'stage':<34}{'seconds':>9}{'share':>8}")
    for stage, seconds in sorted(profile.seconds.items(), key=lambda item: -item[1]):
        print(f"{stage:<34}{seconds:9.1f}{seconds / total:8.0%}")
    other = total - sum(profile.seconds.values())
    print(f"{'other (service glue)':<34}{other:9.1f}{other / total:8.0%}")
    print()
    print(f"{'':<44}{'seconds':>9}{'words/s':>9}{'ratio':>7}{'CPU s':>9}{'CPU ratio':>10}")
    print(
        f"{'pipeline (import + suggest)':<44}{total:9.1f}{words / total:9,.0f}{total / floor:7.2f}"
        f"{total_cpu:9.1f}{total_cpu / floor_cpu:10.2f}"
    )
    print(
        f"{'floor: bare encoder, same distinct texts':<44}{floor:9.1f}{words / floor:9,.0f}{1:7.2f}"
        f"{floor_cpu:9.1f}{1:10.2f}   (timed {len(floors)}x: {', '.join(f'{w:.1f} s' for w, _ in floors)})"
    )
    if compared is not None:
        name, n, own, other = compared
        print(
            f"{name + f', {n:,} of the texts':<44}{other:9.1f}{'':>9}{other / own:7.2f}"
            f"   (floor encoder on the same {n:,}: {own:.1f} s)"
        )
    print(
        f"memory: {baseline_mb:,.0f} MB resident with the encoder and spaCy loaded, peak {peak:,.0f} MB "
        f"(3 M words at this rate: {3_000_000 / (words / total) / 60:.1f} min)"
    )

    if not args.no_pages:
        print()
        transcript_id = report.imported[0][1]
        rows = page_times(url, project_id, transcript_id, args.runs)
        print(f"{'page (server side, AppTest)':<58}{'ms':>9}")
        for label, ms in rows:
            print(f"{label:<58}{ms:9.0f}")
    store.engine.dispose()


if __name__ == "__main__":
    main()
