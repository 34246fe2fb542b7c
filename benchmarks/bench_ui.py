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
  Coverage page on a project of that many 40-answer interviews, beside the bare page: the first
  run of a new session (caches cleared) and a rerun; then Coverage again once a fifth of the
  interviews are coded (a twentieth by two coders), also right after another coder's decision;
  then the Coverage page's reads beside the old page's (every code read and counted in Python).
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
from coding.service import queries  # noqa: E402
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
    for _ in range(args.runs):
        # The first open confirm chip shown. A click may rerun only its answer's card, after which
        # the tree holds that card alone; a whole run (not timed) shows the page again.
        if not any((b.key or "").startswith("ok_") for b in at.button):
            at.run()
        button = next(b for b in at.button if (b.key or "").startswith("ok_"))
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
    """Code (a page of 20) and Coverage on a project of ``interviews`` interviews of 40 answers, first
    with the model's suggestions only, then with a fifth of the interviews coded (a twentieth twice)."""
    from bench_clicks import build_project

    url = f"sqlite:///{folder / 'study.sqlite'}"
    build_project(url, interviews)
    rows = []
    for page, label in (("code", "Code page (20 shown)"), ("coverage", "Coverage page")):
        first, rerun = page_times(url, page, runs)
        rows.append((f"render {label}, {interviews} interviews, first run", first, "bare page (a title)", bare_ms))
        rows.append((f"render {label}, {interviews} interviews, rerun", rerun, "bare page (a title)", bare_ms))
    decisions = code_a_share(url, coded=max(1, interviews // 5), double=max(1, interviews // 20))
    coded = f"{interviews} interviews, {decisions} decisions"
    first, rerun = page_times(url, "coverage", runs)
    rows.append((f"render Coverage page, {coded}, first run", first, "bare page (a title)", bare_ms))
    rows.append((f"render Coverage page, {coded}, rerun", rerun, "bare page (a title)", bare_ms))
    rows.append(
        (f"render Coverage page, {coded}, rerun after a decision", after_decision(url, runs), "bare page", bare_ms)
    )
    rows.extend(coverage_reads(url, runs))
    return rows


def page_times(url: str, page: str, runs: int) -> tuple[float, float]:
    """Median ms of a page's first run in a new session with every cache cleared, and of a rerun."""
    import streamlit as st

    firsts, reruns = [], []
    for _ in range(runs):
        st.cache_data.clear()
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=300)
        at.session_state[state.DB_URL] = url
        at.session_state[state.CODER] = "bench"
        at.session_state[state.LEARN] = False
        at.run()
        at.switch_page(f"coding/ui/{page}.py")
        firsts += timed(at.run, 1)
        assert not at.exception, at.exception
        reruns += timed(at.run, 1)
    return median_ms(firsts), median_ms(reruns)


def code_a_share(url: str, coded: int, double: int) -> int:
    """Priya reviews the first ``coded`` interviews (confirms the top suggestion, rejects the second on
    every other answer, adds a theme on every seventh); Sam double-codes the first ``double``."""
    store = open_store(url)
    project_id = queries.list_projects(store)[0].id
    by_interview: dict[int, list] = {}
    for tid, segment in queries.project_segments(store, project_id):
        by_interview.setdefault(tid, []).append(segment)
    chosen = list(by_interview.values())[:coded]
    suggested = store_codes.codes_for_segments(store, [s.stored_id for segs in chosen for s in segs])
    count = 0
    for number, segments in enumerate(chosen):
        for i, segment in enumerate(segments):
            ranked = sorted(
                (c for c in suggested[segment.stored_id] if c.coder == store_codes.MODEL_CODER),
                key=lambda c: -(c.score or 0),
            )
            for coder in ["Priya"] + (["Sam"] if number < double else []):
                steps = [(ranked[0].theme_id if coder == "Priya" or i % 3 else ranked[-1].theme_id, "confirm")]
                steps += [(ranked[1].theme_id, "reject")] if len(ranked) > 1 and i % 2 else []
                steps += [("housing", "add")] if i % 7 == 0 else []
                for theme, action in steps if ranked else []:
                    store_codes.decide(store, project_id, segment.stored_id, theme, action, coder)
                    count += 1
    store.engine.dispose()
    return count


def after_decision(url: str, runs: int) -> float:
    """A rerun of the Coverage page after each of ``runs`` decisions made in another session."""
    store = open_store(url)
    project_id = queries.list_projects(store)[0].id
    last = list(queries.project_segments(store, project_id))[-runs:]
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=300)
    at.session_state[state.DB_URL] = url
    at.session_state[state.CODER] = "lead"
    at.session_state[state.LEARN] = False
    at.run()
    at.switch_page("coding/ui/coverage.py")
    at.run()
    samples = []
    for _, segment in last:
        store_codes.decide(store, project_id, segment.stored_id, "money", "confirm", "Sam")
        samples += timed(at.run, 1)
    store.engine.dispose()
    return median_ms(samples)


def coverage_reads(url: str, runs: int) -> list[tuple[str, float, str, float]]:
    """The page's reads beside the old page's: every code of the project, counted in Python."""
    from coding.team.agreement import agreement
    from coding.team.coverage_counts import coverage_counts

    store = open_store(url)
    project_id = queries.list_projects(store)[0].id
    themes = [t.id for f in queries.load_frames(store, project_id) for t, _ in f.walk()]

    def old_counts():
        codes = queries.project_codes(store, project_id)
        owner = {seg.stored_id: tid for tid, seg in queries.project_segments(store, project_id)}
        totals = {t.id: t.segments for t in queries.list_transcripts(store, project_id)}
        return coverage_counts(codes, owner, totals)

    assert queries.coverage_counts(store, project_id) == old_counts()
    rows = [
        (
            "coverage counts aggregated by the database",
            median_ms(timed(lambda: queries.coverage_counts(store, project_id), runs)),
            "every code read, counted in Python (old page)",
            median_ms(timed(old_counts, runs)),
        ),
        (
            "agreement on the reviewed segments' codes",
            median_ms(timed(lambda: agreement(queries.agreement_codes(store, project_id), themes), runs)),
            "agreement on every code read (old page's read)",
            median_ms(timed(lambda: agreement(queries.project_codes(store, project_id), themes), runs)),
        ),
        (
            "coding version (the agreement cache's key)",
            median_ms(timed(lambda: queries.coding_version(store, project_id), runs)),
            "agreement on the reviewed segments' codes",
            median_ms(timed(lambda: agreement(queries.agreement_codes(store, project_id), themes), runs)),
        ),
    ]
    store.engine.dispose()
    return rows


if __name__ == "__main__":
    main()
