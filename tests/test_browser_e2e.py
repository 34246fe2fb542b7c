"""The workbench in a real browser: `streamlit run app.py` driven by Debian's Chromium.

A researcher's path through the demo project: open the project, name themselves,
open an interview, confirm a suggestion, add a theme, look at Coverage, download an
export. Each step is checked against the store (or the downloaded file) and
photographed into tests/artifacts/ (git-ignored) for a person to look at.

The demo project comes from ``projects/demo.sqlite`` when ``make demo`` has built it
(copied, never touched), else ``coding.service.demo.build_demo`` builds it in a temporary
folder (about a minute: it encodes the demo interviews with the real model).
"""

from __future__ import annotations

import csv
import sqlite3
from pathlib import Path

import pytest

from coding.store import codes as store_codes
from coding.store import projects as store_projects
from coding.store.db import open_store
from tests.live_app import CHROMIUM, launch_chromium, served_app

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "tests" / "artifacts"
DEMO = "Employment and Reoffending Pilot (demo)"
CODER = "Eve Tester"


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("browser") / "demo.sqlite"
    shipped = ROOT / "projects" / "demo.sqlite"
    if shipped.exists():
        # The backup API copies a consistent database even with a WAL file beside it.
        with sqlite3.connect(shipped) as source, sqlite3.connect(target) as copy:
            source.backup(copy)
        store = open_store(f"sqlite:///{target}")
        found = store_projects.find_project(store, DEMO)
        store.engine.dispose()
        if found is not None:
            return target
        target.unlink()
    from coding.service.demo import build_demo

    build_demo(f"sqlite:///{target}", log=lambda message: None)
    return target


@pytest.fixture(scope="module")
def server(demo_db):
    """`streamlit run app.py` on a free port; stopped by its PID whatever happens."""
    with served_app(f"sqlite:///{demo_db}", demo_db.parent / "streamlit.log", timeout=60) as base:
        yield base


@pytest.fixture(scope="module")
def browser():
    assert Path(CHROMIUM).exists(), (
        "Chromium is missing at /usr/bin/chromium: `make test` installs it "
        "(scripts/install_system_packages.sh), or run `apt-get install -y chromium`."
    )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = launch_chromium(playwright)
        yield chromium
        chromium.close()


def settle(page, seconds: float = 0.5) -> None:
    """Wait until Streamlit has finished the rerun a click caused."""
    page.wait_for_timeout(int(seconds * 1000))
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=30_000)
    page.wait_for_timeout(300)


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=False)


def my_codes(db: Path) -> list[tuple[str, str]]:
    store = open_store(f"sqlite:///{db}")
    try:
        project_id = store_projects.find_project(store, DEMO)
        return sorted((c.theme_id, c.status) for c in store_codes.project_codes(store, project_id) if c.coder == CODER)
    finally:
        store.engine.dispose()


def theme_paths(db: Path) -> dict[str, str]:
    from coding.ui.code_view import theme_index

    store = open_store(f"sqlite:///{db}")
    try:
        frames = store_projects.load_frames(store, store_projects.find_project(store, DEMO))
        return {tid: info.path_label for tid, info in theme_index(frames).items()}
    finally:
        store.engine.dispose()


def test_a_researcher_codes_reviews_and_exports_in_chromium(server, browser, demo_db, tmp_path):
    page = browser.new_page(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))

    # 1. The demo project is open on the Project page.
    page.goto(server)
    page.get_by_role("heading", name="Project").wait_for(timeout=60_000)
    page.get_by_text(DEMO).first.wait_for()
    settle(page)
    shot(page, "01-project")

    # 2. The researcher names themselves once, then opens the Code page and an interview.
    sidebar = page.get_by_test_id("stSidebar")
    sidebar.get_by_role("textbox").fill(CODER)
    sidebar.get_by_role("textbox").press("Enter")
    settle(page)
    sidebar.get_by_role("link", name="Code").click()
    page.get_by_role("heading", name="Code").wait_for()
    page.locator("[class*='st-key-seg_']").first.wait_for(timeout=30_000)
    settle(page)
    shot(page, "02-code")

    # 3. Confirm the first open suggestion: one click, stored at once with the coder's name. The
    #    click reruns the card and the progress counter above the cards (each a fragment of its
    #    own), not the page: the counter moves without anything else being redrawn.
    page.get_by_text("You have reviewed 0 of").wait_for()
    first_card = page.locator("[class*='st-key-seg_']").first
    chip = first_card.locator("[class*='st-key-ok_'] button").first
    chip.click()
    first_card.locator("[class*='st-key-rm_']").first.wait_for(timeout=30_000)
    page.get_by_text("You have reviewed 1 of").wait_for(timeout=10_000)
    settle(page)
    shot(page, "03-confirmed")
    confirmed = my_codes(demo_db)
    assert [status for _, status in confirmed] == ["confirmed"]
    assert page.get_by_text("You have reviewed 1 of").count() == 1

    # 4. Add a theme from the searchable picker.
    picker = first_card.locator("[class*='st-key-add_']")
    picker.click()
    page.keyboard.type("Housing")
    option = page.get_by_role("option").first
    chosen_label = option.inner_text().strip()
    option.click()
    settle(page, 1.0)
    shot(page, "04-added")
    after = my_codes(demo_db)
    assert len(after) == 2 and all(status == "confirmed" for _, status in after)
    added = next(theme for theme, _ in after if (theme, "confirmed") not in confirmed)
    assert theme_paths(demo_db)[added] == chosen_label
    assert page.get_by_text("You have reviewed 1 of").count() == 1  # the same segment: still one

    # 5. Coverage: the heatmap and the team tables render.
    sidebar.get_by_role("link", name="Coverage").click()
    page.get_by_role("heading", name="Evidence by theme and interview").wait_for()
    page.get_by_test_id("stVegaLiteChart").first.wait_for(timeout=30_000)
    settle(page, 1.0)
    shot(page, "05-coverage")

    # 6. Export: build the long CSV, see its preview, download it; the new codes are in it.
    sidebar.get_by_role("link", name="Export").click()
    page.get_by_role("heading", name="Export").wait_for()
    page.get_by_test_id("stButtonGroup").get_by_text("Long CSV").click()
    settle(page)
    page.get_by_role("button", name="Build export").click()
    download_button = page.get_by_test_id("stDownloadButton").get_by_role("button")
    download_button.wait_for(timeout=60_000)
    settle(page)
    shot(page, "06-export")
    with page.expect_download() as info:
        download_button.click()
    saved = tmp_path / info.value.suggested_filename
    info.value.save_as(saved)
    with saved.open(newline="", encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    coder_column = next(c for c in rows[0] if c.lower() == "coder")
    assert sorted(
        r[next(c for c in r if c.lower() in ("theme_id", "theme"))] for r in rows if r[coder_column] == CODER
    ) == sorted(theme for theme, _ in after)
    assert errors == []
    page.close()
