"""Coding at the speed of thought: 50 confirm clicks on the Code page in headless Chromium.

    .venv/bin/python benchmarks/bench_clicks.py                    # 300 interviews, live learning off
    .venv/bin/python benchmarks/bench_clicks.py --interviews 3 --clicks 20 --learn

A project of ``--interviews`` interviews (40 answers each, with model suggestions
and embeddings stored the way an import leaves them; built without the model, since
the Code page only reads them) is served by ``streamlit run app.py``; Debian's Chromium, driven by
Playwright, names a coder, opens the Code page and clicks the first open "confirm"
chip ``--clicks`` times. Each click is timed from the click until the page has
settled: the chip has become a confirmed one and Streamlit's running indicator is
gone. Printed: the distribution (median, 95th percentile, min, max), beside a
baseline from the same run: the same wait after a click on a button that does
nothing but rerun (the sidebar's "Code" link re-opened: a whole-page run).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.live_app import launch_chromium, served_app  # noqa: E402

CODER = "Bench Coder"
SETTLED = "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')"


def build_project(url: str, interviews: int) -> None:
    from coding.service import queries
    from coding.store import transcripts as store_transcripts
    from coding.store.db import open_store
    from coding.suggest.encoder import MODEL_NAME, HashingEncoder
    from tests.ui_fixtures import build_ui_project, long_interview

    project = build_ui_project(url, decisions=False)
    store = open_store(url)
    for number in range(len(project.transcript_ids) + 1, interviews + 1):
        long_interview(store, project.project_id, 40, name=f"Interview {number:03d}")
    # An import stores every answer's embedding; stand-ins of the model's size do here, so the
    # page's live-learning warm-up loads the model without encoding the whole study first.
    segments = [seg for _, seg in queries.project_segments(store, project.project_id)]
    vectors = HashingEncoder(dim=384).encode([seg.text for seg in segments])
    store_transcripts.store_embeddings(store, {seg.id: vec for seg, vec in zip(segments, vectors)}, MODEL_NAME)
    store.engine.dispose()


def settle(page, started: float, ready_js: str) -> float:
    page.wait_for_function(ready_js, timeout=60_000, polling=20)
    page.wait_for_function(SETTLED, timeout=60_000, polling=20)
    return time.perf_counter() - started


def describe(samples: list[float]) -> str:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return (
        f"median {statistics.median(ordered):.2f} s · p95 {p95:.2f} s · min {ordered[0]:.2f} s · "
        f"max {ordered[-1]:.2f} s · n={len(ordered)}"
    )


def stage(text: str) -> None:
    print(f"  … {text}", file=sys.stderr, flush=True)


def run(base: str, clicks: int, learn: bool, shots: Path) -> tuple[list[float], list[float]]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        try:
            return _clicks(page, base, clicks, learn)
        except Exception:
            page.screenshot(path=str(shots / "failed.png"))
            stage(f"failed; screenshot in {shots / 'failed.png'}")
            raise
        finally:
            browser.close()


def _clicks(page, base: str, clicks: int, learn: bool) -> tuple[list[float], list[float]]:
    if True:
        stage("opening the app")
        page.goto(base)
        page.get_by_role("heading", name="Project").wait_for(timeout=120_000)
        sidebar = page.get_by_test_id("stSidebar")
        sidebar.get_by_role("textbox").first.fill(CODER)
        sidebar.get_by_role("textbox").first.press("Enter")
        page.wait_for_function(SETTLED, timeout=60_000)
        stage("opening the Code page")
        sidebar.get_by_role("link", name="Code").click()
        page.locator("[class*='st-key-ok_']").first.wait_for(timeout=120_000)
        page.wait_for_function(SETTLED, timeout=60_000)
        if not learn:
            stage("turning live learning off")
            page.get_by_text("Learn as I code").first.click()
            page.wait_for_timeout(500)
            page.wait_for_function(SETTLED, timeout=60_000)
        # The page's first visit starts loading the model for live learning in the background: let it finish.
        stage("waiting for the live-learning warm-up job to end")
        page.wait_for_function(
            "() => !document.body.innerText.includes('Preparing live suggestions')", timeout=600_000, polling=500
        )
        page.wait_for_timeout(1000)
        page.wait_for_function(SETTLED, timeout=60_000)

        stage("timing whole-page reruns, then clicks")
        reruns = []
        for _ in range(5):
            started = time.perf_counter()
            sidebar.get_by_role("link", name="Code").click()
            page.wait_for_timeout(50)  # let the rerun begin before waiting for it to end
            reruns.append(settle(page, started, "() => document.querySelector(\"[class*='st-key-ok_']\") !== null"))

        times = []
        for _ in range(clicks):
            if page.locator("[class*='st-key-ok_']").count() == 0:  # every chip on this page decided: next page
                stage("next page")
                page.get_by_role("button", name="Next", exact=True).click()
                page.locator("[class*='st-key-ok_']").first.wait_for(timeout=60_000)
                page.wait_for_function(SETTLED, timeout=60_000)
            chip = page.locator("[class*='st-key-ok_']").first
            key = next(c for c in chip.get_attribute("class").split() if c.startswith("st-key-ok_"))
            confirmed = key.replace("st-key-ok_", "st-key-rm_")
            started = time.perf_counter()
            chip.locator("button").first.click()
            times.append(settle(page, started, f"() => document.querySelector('.{confirmed}') !== null"))
            stage(f"click {len(times)}: {times[-1]:.2f} s")
    return times, reruns


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--interviews", type=int, default=300)
    parser.add_argument("--clicks", type=int, default=50)
    parser.add_argument("--learn", action="store_true", help="leave live learning on (loads the sentence model)")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench-clicks-"))
    url = f"sqlite:///{folder / 'clicks.sqlite'}"
    started = time.perf_counter()
    build_project(url, args.interviews)
    print(
        f"project: {args.interviews} interviews x 40 answers, built in {time.perf_counter() - started:.0f} s; "
        f"live learning {'on' if args.learn else 'off'}"
    )
    with served_app(url, folder / "streamlit.log") as base:
        times, reruns = run(base, args.clicks, args.learn, folder)
    print(f"{'confirm click until settled':<40}{describe(times)}")
    print(f"{'baseline: whole-page rerun (nav click)':<40}{describe(reruns)}")
    print("each click (s): " + " ".join(f"{t:.2f}" for t in times))


if __name__ == "__main__":
    main()
