"""How fast the Code page is: render time for a 300-segment interview and the cost of one confirm,
each printed beside a baseline (medians of several runs, milliseconds).

    .venv/bin/python benchmarks/bench_ui.py [--runs 7] [--no-model] [--interviews 300]

- render: one ``AppTest`` run of app.py on the Code page (the server-side work of a
  rerun: the script, the store reads, the element tree), beside a bare page that only
  writes a title. Shown for the default page of 20 segments, 50 and 100.
- confirm: ``service.decide`` (one transaction with the undo log), beside a single-row
  insert through the store (``add_memo``); then a confirm clicked on the page (the
  callback plus the rerun); then, unless ``--no-model``, a confirm through the
  ``LiveSuggester`` with the real model, which also learns and re-scores the open
  segments of the 300-segment interview.
- study scale (``--interviews``, 300 by default, 0 skips): the Code page (20 answers) and the
  Coverage page on a project of that many 40-answer interviews, beside the bare page.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

from streamlit.testing.v1 import AppTest  # noqa: E402

from coding import service  # noqa: E402
from coding.model import Memo  # noqa: E402
from coding.store import codes as store_codes  # noqa: E402
from coding.store import transcripts as store_transcripts  # noqa: E402
from coding.store.db import open_store  # noqa: E402
from coding.ui import state  # noqa: E402
from tests.ui_fixtures import build_ui_project, long_interview  # noqa: E402


def median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def timed(action, runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        out.append(time.perf_counter() - start)
    return out


def bare_page() -> None:
    import streamlit as st

    st.title("Code")


def code_page(url: str, transcript_id: int, page_size: int) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.session_state[state.DB_URL] = url
    at.session_state[state.CODER] = "bench"
    at.session_state[state.LEARN] = False
    at.session_state[state.TRANSCRIPT] = transcript_id
    at.session_state[state.PAGE_SIZE] = page_size
    at.run()
    at.switch_page("coding/ui/code.py")
    at.run()
    assert not at.exception, at.exception
    return at


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--no-model", action="store_true", help="skip the confirm through the real model")
    parser.add_argument(
        "--interviews",
        type=int,
        default=300,
        help="also time the Code and Coverage pages on a project this size (0 skips it)",
    )
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench-ui-"))
    url = f"sqlite:///{folder / 'bench.sqlite'}"
    project = build_ui_project(url, decisions=False)
    store = open_store(url)
    tid = long_interview(store, project.project_id, 300)
    segments = store_transcripts.load_segments(store, tid, codable_only=True)
    rows: list[tuple[str, float, str, float]] = []

    bare = AppTest.from_function(bare_page)
    bare.run()
    bare_ms = median_ms(timed(bare.run, args.runs))
    for size in (20, 50, 100):
        at = code_page(url, tid, size)
        assert len(at.text) == min(size, 300)
        rows.append(
            (
                f"render Code page, 300-segment interview, {size} shown",
                median_ms(timed(at.run, args.runs)),
                "bare page (a title)",
                bare_ms,
            )
        )

    memo_ms = median_ms(
        timed(lambda: store_codes.add_memo(store, project.project_id, Memo("note", "bench")), args.runs * 3)
    )
    confirms = iter(segments[100:])
    decide_ms = median_ms(
        timed(
            lambda: service.decide(store, project.project_id, next(confirms).id, "money", "confirm", "bench"),
            args.runs * 3,
        )
    )
    rows.append(("confirm (service.decide)", decide_ms, "one-row insert (add_memo)", memo_ms))

    at = code_page(url, tid, 20)
    clicks = []
    for segment in segments[: args.runs]:
        button = at.button(key=f"ok_{segment.id}_{_first_suggestion(store, segment.id)}")
        start = time.perf_counter()
        button.click().run()
        clicks.append(time.perf_counter() - start)
    rows.append(
        (
            "confirm clicked on the page (callback + rerun)",
            median_ms(clicks),
            "rerun with no click",
            median_ms(timed(at.run, args.runs)),
        )
    )

    if not args.no_model:
        from coding.service.live import LiveSuggester
        from coding.suggest.encoder import default_encoder

        start = time.perf_counter()
        live = LiveSuggester(store, project.project_id, default_encoder())
        warm_s = time.perf_counter() - start
        targets = iter(segments[200:])
        live_ms = median_ms(timed(lambda: live.decide(next(targets).id, "housing", "confirm", "bench"), args.runs))
        rows.append(
            (
                f"confirm with live learning (re-scores the interview; warm-up {warm_s:.1f} s once)",
                live_ms,
                "confirm (service.decide)",
                decide_ms,
            )
        )

    if args.interviews:
        rows.extend(study_pages(folder, args.interviews, args.runs, bare_ms))

    width = max(len(r[0]) for r in rows)
    bwidth = max(len(r[2]) for r in rows)
    print(f"{'measure':<{width}}  {'median ms':>9}   {'baseline':<{bwidth}}  {'median ms':>9}")
    for name, value, base, base_value in rows:
        print(f"{name:<{width}}  {value:9.1f}   {base:<{bwidth}}  {base_value:9.1f}")
    store.engine.dispose()


def study_pages(folder: Path, interviews: int, runs: int, bare_ms: float) -> list[tuple[str, float, str, float]]:
    """Code (a page of 20) and Coverage on a project of ``interviews`` interviews of 40 answers."""
    from bench_clicks import build_project

    url = f"sqlite:///{folder / 'study.sqlite'}"
    build_project(url, interviews)
    rows = []
    for page, label in (("code", "Code page (20 shown)"), ("coverage", "Coverage page")):
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=300)
        at.session_state[state.DB_URL] = url
        at.session_state[state.CODER] = "bench"
        at.session_state[state.LEARN] = False
        at.run()
        at.switch_page(f"coding/ui/{page}.py")
        at.run()
        assert not at.exception, at.exception
        rows.append(
            (f"render {label}, {interviews} interviews", median_ms(timed(at.run, runs)), "bare page (a title)", bare_ms)
        )
    return rows


def _first_suggestion(store, segment_id: int) -> str:
    codes = store_codes.codes_for_segments(store, [segment_id])[segment_id]
    return next(c.theme_id for c in codes if c.coder == store_codes.MODEL_CODER and (c.score or 0) >= 0.15)


if __name__ == "__main__":
    main()
