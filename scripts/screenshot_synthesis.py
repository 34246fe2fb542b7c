"""Screenshots of the Coverage page's findings sections for the README (issue 17), in headless Chromium.

    .venv/bin/python scripts/screenshot_synthesis.py [--db projects/demo.sqlite] [--out docs/screenshots]

Copies the demo store (never touches it), runs `streamlit run app.py` on a free port, and
photographs: a cell's draft summary, saturation by respondent group, themes across groups,
and the clusters of segments no theme fits. The server is stopped by its own PID.
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.live_app import launch_chromium, served_app  # noqa: E402


def settle(page, seconds: float = 0.8) -> None:
    page.wait_for_timeout(int(seconds * 1000))
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=120_000)
    page.wait_for_timeout(400)


def to_top(locator) -> None:
    """Scroll so the element sits at the top of the window."""
    locator.evaluate("e => e.scrollIntoView({block: 'start'})")


def choose(page, key: str, text: str) -> None:
    page.locator(f".st-key-{key}").click()
    page.keyboard.type(text)
    page.get_by_role("option").first.click()
    settle(page)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default=str(ROOT / "projects" / "demo.sqlite"))
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="synthesis-shots-"))
    db = work / "demo.sqlite"
    with sqlite3.connect(args.db) as source, sqlite3.connect(db) as copy:
        source.backup(copy)
    with served_app(f"sqlite:///{db}", work / "streamlit.log") as url:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as playwright:
            browser = launch_chromium(playwright)
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.goto(url)
            page.get_by_role("heading", name="Project").wait_for(timeout=120_000)
            settle(page)
            sidebar = page.get_by_test_id("stSidebar")
            sidebar.get_by_role("textbox").fill("amira")
            sidebar.get_by_role("textbox").press("Enter")
            settle(page)
            sidebar.get_by_role("link", name="Coverage").click()
            page.get_by_role("heading", name="Evidence by theme and interview").wait_for(timeout=60_000)
            settle(page, 1.5)
            choose(page, "coverage_theme", "Employer engagement")
            choose(page, "coverage_interview", "provider_a_paired")
            page.get_by_text("Draft a summary from the coded passages").click()
            page.get_by_text("DRAFT, not reviewed").wait_for(timeout=180_000)
            settle(page, 1.5)
            to_top(page.get_by_text("Framework summary of this cell"))
            page.mouse.wheel(0, -250)
            settle(page)
            page.screenshot(path=str(out / "ui-synthesis-draft.png"))
            page.get_by_role("heading", name="Saturation by respondent group").scroll_into_view_if_needed()
            settle(page, 1.5)
            to_top(page.get_by_role("heading", name="From codes to findings"))
            settle(page)
            page.screenshot(path=str(out / "ui-synthesis-saturation.png"))
            to_top(page.get_by_role("heading", name="Themes across respondent groups"))
            settle(page, 1.0)
            page.screenshot(path=str(out / "ui-synthesis-groups.png"))
            page.get_by_text("Look for clusters of segments no theme fits").click()
            settle(page, 2.0)
            page.locator("[data-testid='stExpander']").last.wait_for(timeout=120_000)
            page.locator("[data-testid='stExpander'] summary").first.click()
            settle(page, 1.0)
            to_top(page.get_by_role("heading", name="Themes nobody planned"))
            settle(page)
            page.screenshot(path=str(out / "ui-synthesis-emergent.png"))
            browser.close()
    shutil.rmtree(work, ignore_errors=True)
    print(f"screenshots in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
