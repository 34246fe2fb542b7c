"""Import of a 10,000-word interview: read + segment + align, model loaded, vs a naive baseline.

    .venv/bin/python benchmarks/bench_import.py

The interview is the six fictional demo interviews' talk, repeated to 10,000
words, written as a typed I:/R: .txt and aligned to the provider operational
staff guide. "workbench" is ``prepare()`` as the import path runs it (spaCy
parser sentences, MiniLM embeddings + lexical overlap + order prior);
"baseline" is the same reader with spaCy's blank-pipeline sentencizer and
lexical-only alignment. Models are loaded (and warmed) before timing; the
median of a few runs is printed side by side.
"""

from __future__ import annotations

import importlib.util
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from coding.frames.load import load_frames  # noqa: E402
from coding.nlp import sentence_pipeline  # noqa: E402
from coding.suggest.encoder import default_encoder  # noqa: E402
from coding.transcripts.align import align_questions  # noqa: E402
from coding.transcripts.pipeline import prepare  # noqa: E402
from coding.transcripts.question_coverage import coverage  # noqa: E402
from coding.transcripts.read import read_transcript  # noqa: E402
from coding.transcripts.segment import segment_transcript  # noqa: E402

WORDS = 10_000
RUNS = 3


def _interview_text() -> str:
    spec = importlib.util.spec_from_file_location(
        "make_demo_transcripts", ROOT / "scripts" / "make_demo_transcripts.py"
    )
    demo = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = demo
    spec.loader.exec_module(demo)
    turns = [(t[0], t[1].replace("\n\n", " ")) for iv in demo.INTERVIEWS for t in iv.turns]
    lines, count = [], 0
    while count < WORDS:
        for who, text in turns:
            lines.append(f"{who}: {text}")
            count += len(text.split())
            if count >= WORDS:
                break
    return "\n\n".join(lines) + "\n"


def _blank_sentencizer():
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.max_length = 5_000_000
    return lambda texts: [[(s.start_char, s.end_char) for s in doc.sents] for doc in nlp.pipe(texts)]


def _time(fn) -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    frame = load_frames(ROOT / "topic_guides" / "provider_operational.md")[0]
    encoder = default_encoder()
    sentence_pipeline()
    sentences = _blank_sentencizer()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "long_interview.txt"
        path.write_text(_interview_text(), "utf-8")
        words = len(path.read_text("utf-8").split())

        def workbench():
            return prepare(path, frame, encoder)

        def baseline():
            t = read_transcript(path)
            segments = segment_transcript(t, sentences=sentences)
            alignments = align_questions(t, segments, frame, encoder=None)
            return coverage(t.name, alignments, segments, frame)

        workbench()  # warm-up: first calls pay for lazy imports
        baseline()
        prepared = workbench()
        ours, base = _time(workbench), _time(baseline)
    print(
        f"import of a {words:,}-word interview ({len(prepared.transcript.turns)} turns, "
        f"{len(prepared.segments)} segments, {len(prepared.alignments)} interviewer turns aligned); median of {RUNS} runs"
    )
    print(f"{'':<44}{'seconds':>10}{'words/s':>12}")
    print(f"{'workbench (spaCy parser + MiniLM + lexical)':<44}{ours:>10.2f}{words / ours:>12,.0f}")
    print(f"{'baseline (blank sentencizer + lexical only)':<44}{base:>10.2f}{words / base:>12,.0f}")


if __name__ == "__main__":
    main()
