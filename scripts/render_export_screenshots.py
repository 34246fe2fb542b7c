"""Render the demo project's exports to PNG for the README, as a report writer would see them.

Needs Debian's LibreOffice and poppler-utils (not needed by the workbench or its tests):

    apt-get install -y --no-install-recommends libreoffice-calc libreoffice-writer poppler-utils
    .venv/bin/python scripts/render_export_screenshots.py

Writes docs/screenshots/export-*.png from the exports of the demo project.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
sys.path.insert(0, str(ROOT))
DROPPED_COLUMNS = {"Wave", "Interview date", "Duration", "Interviewer", "Key questions missed"}


def run(*args: str) -> None:
    subprocess.run(args, check=True, capture_output=True, timeout=600)


def main() -> int:
    if not shutil.which("libreoffice") or not shutil.which("pdftoppm"):
        print("Install libreoffice-calc, libreoffice-writer and poppler-utils first.", file=sys.stderr)
        return 1
    from coding import service
    from coding.cli import DEMO_PROJECT
    from coding.store import projects
    from coding.store.db import open_store

    store = open_store(None)
    project_id = projects.find_project(store, DEMO_PROJECT)
    if project_id is None:
        print("Build the demo project first: make demo", file=sys.stderr)
        return 1
    OUT.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="render-"))
    matrix = service.export_project(store, project_id, "matrix", work / "matrix.xlsx")
    quotes = service.export_project(store, project_id, "quotes", work / "quotes.docx")
    # One picture per sheet: keep the overview and one theme sheet, landscape, fitted to a page width.
    for keep, name in (("Overview", "export-matrix-overview"), (None, "export-matrix-theme")):
        book = load_workbook(matrix)
        sheet = book["Overview"] if keep else book[book.sheetnames[2]]
        for other in list(book.worksheets):
            if other is not sheet:
                book.remove(other)
        # A page shows the case, its type and area, then the themes: drop the other attribute columns.
        headers = [c.value for c in sheet[2]]
        width_of = {h: sheet.column_dimensions[get_column_letter(i + 1)].width for i, h in enumerate(headers)}
        for index in sorted((i + 1 for i, h in enumerate(headers) if h in DROPPED_COLUMNS), reverse=True):
            sheet.delete_cols(index)
        for index, cell in enumerate(sheet[2], start=1):  # delete_cols leaves the widths behind
            sheet.column_dimensions[get_column_letter(index)].width = width_of[cell.value]
        sheet["A1"].value = sheet["A1"].value.split(":")[0]
        sheet.page_setup.orientation = "landscape"
        sheet.page_setup.fitToWidth = 1
        sheet.page_setup.fitToHeight = 0
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
        single = work / f"{name}.xlsx"
        book.save(single)
        run("libreoffice", "--headless", "--convert-to", "pdf", "--outdir", str(work), str(single))
        run(
            "pdftoppm",
            "-r",
            "80",
            "-png",
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            str(work / f"{name}.pdf"),
            str(OUT / name),
        )
    run("libreoffice", "--headless", "--convert-to", "pdf", "--outdir", str(work), str(quotes))
    run(
        "pdftoppm",
        "-r",
        "70",
        "-png",
        "-f",
        "1",
        "-l",
        "1",
        "-singlefile",
        str(work / "quotes.pdf"),
        str(OUT / "export-quotes"),
    )
    shutil.rmtree(work, ignore_errors=True)
    for png in sorted(OUT.glob("export-*.png")):
        print(png.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
