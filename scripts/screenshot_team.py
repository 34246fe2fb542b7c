"""Screenshot the Team page's agreement report of a demo store in Chromium (for the README).

    .venv/bin/python scripts/screenshot_team.py projects/demo.sqlite docs/screenshots/ui-team-agreement.png

Starts `streamlit run app.py` on a free port against the given store (SQLite, so no sign-in),
opens Review -> Team, and saves the Agreement tab. The server is stopped by its own PID.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.live_app import launch_chromium, served_app  # noqa: E402


def main(db: str, out: str) -> None:
    from playwright.sync_api import sync_playwright

    log = Path(tempfile.mkdtemp(prefix="team-shot-")) / "streamlit.log"
    with served_app(f"sqlite:///{Path(db).resolve()}", log, timeout=60) as base, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(f"{base}/team")
        page.get_by_text("Per theme, for").wait_for(timeout=60_000)
        page.wait_for_timeout(1500)
        page.screenshot(path=out, full_page=False)
        browser.close()
    print(f"wrote {out}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
