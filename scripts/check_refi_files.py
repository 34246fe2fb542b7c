"""Check REFI-QDA files from other tools against the workbench, locally, without keeping them.

    .venv/bin/python scripts/check_refi_files.py EXPORT.qdpx CODEBOOK.qdc project.qde ... [--json]

Exports from NVivo, ATLAS.ti, MAXQDA or QualCoder often cannot be kept in the repository
(their licences are unclear, or they hold a study's data), so this script checks them
where they are. For each file it reports:

* ``schema``: valid or invalid against the shipped Codebook.xsd / Project.xsd (strict);
* ``read``: whether the workbench imports it (liberal: the known harmless deviations of
  real tools are read with a warning each), and the warnings, or why it was refused;
* what came in: codes (and how deep), and for projects sources, coded passages, coders,
  memos, summaries, cases with attributes;
* ``round trip``: the workbench writes what it read back out (strict: the schema must
  pass), reads that again and compares the counts.

A bare ``project.qde`` is checked inside a temporary archive, with the ``sources/`` folder
beside it when there is one. Exit status 0 when every file was read and written back
valid, 1 otherwise.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
import tempfile
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from coding.errors import WorkbenchError  # noqa: E402
from coding.model import Frame, ProjectSnapshot  # noqa: E402
from coding.refi_qda.codebook import read_codebook, write_codebook  # noqa: E402
from coding.refi_qda.project import write_qdpx  # noqa: E402
from coding.refi_qda.project_read import read_qdpx, read_qdpx_with_warnings  # noqa: E402
from coding.refi_qda.validate import validate_codebook, validate_project  # noqa: E402


def _depth(frame: Frame) -> int:
    return max((len(path) + 1 for _, path in frame.walk()), default=0)


def codebook_counts(frame: Frame) -> dict:
    return {"codes": sum(1 for _ in frame.walk()), "depth": _depth(frame)}


def project_counts(snapshot: ProjectSnapshot) -> dict:
    codings = list(snapshot.codings)
    return {
        "codes": sum(1 for f in snapshot.frames for _ in f.walk()),
        "depth": max((_depth(f) for f in snapshot.frames), default=0),
        "text sources": len(snapshot.cases),
        "cases with attributes": sum(1 for c in snapshot.cases if c.attributes),
        "codings": len(codings),
        "coders": sorted({c.coder for c in codings if c.coder}),
        "memos": len(snapshot.memos),
        "summaries": len(snapshot.summaries),
    }


def _strict(check, path: Path) -> str:
    try:
        check(path)
        return "valid"
    except WorkbenchError as exc:
        return f"invalid: {exc}"


def _as_archive(qde: Path, folder: Path) -> Path:
    """A bare project.qde (and a sources/ folder beside it) as a .qdpx."""
    target = folder / (qde.stem + ".qdpx")
    with zipfile.ZipFile(target, "w") as archive:
        archive.write(qde, "project.qde")
        sources = next((qde.parent / name for name in ("sources", "Sources") if (qde.parent / name).is_dir()), None)
        for member in sorted(sources.iterdir()) if sources else []:
            if member.is_file():
                archive.write(member, f"{sources.name}/{member.name}")
    return target


def check_codebook(path: Path) -> dict:
    report: dict = {"file": path.name, "kind": "codebook", "schema": _strict(validate_codebook, path)}
    try:
        frame = read_codebook(path)
    except WorkbenchError as exc:
        return report | {"read": f"refused: {exc}"}
    report |= {"read": "read", "warnings": list(frame.warnings), "origin": _origin(path), **codebook_counts(frame)}
    buffer = io.BytesIO()
    write_codebook([frame], buffer)
    buffer.seek(0)
    written = _strict(validate_codebook, buffer)
    buffer.seek(0)
    again = read_codebook(buffer)
    same = codebook_counts(again) == codebook_counts(frame) and again.themes == frame.themes
    return report | {"round trip": f"written {written}; read back {'the same' if same else 'DIFFERENT'}"}


def check_project(path: Path, scratch: Path) -> dict:
    archive = path if zipfile.is_zipfile(path) else _as_archive(path, scratch)
    report: dict = {"file": path.name, "kind": "project", "schema": _strict(validate_project, archive)}
    try:
        snapshot, warnings = read_qdpx_with_warnings(archive)
    except WorkbenchError as exc:
        return report | {"read": f"refused: {exc}"}
    counts = project_counts(snapshot)
    report |= {"read": "read", "warnings": warnings, **counts}
    buffer = io.BytesIO()
    write_qdpx(snapshot, buffer, keep_identifying_attributes=True)
    buffer.seek(0)
    written = _strict(validate_project, buffer)
    buffer.seek(0)
    again = project_counts(read_qdpx(buffer))
    same = again == counts
    return report | {
        "round trip": f"written {written}; read back {'with the same counts' if same else f'DIFFERENT: {again}'}"
    }


def _origin(path: Path) -> str:
    from lxml import etree

    try:
        return (
            etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True)).getroot().get("origin", "")
        )
    except etree.XMLSyntaxError:
        return ""


def check(path: Path, scratch: Path) -> dict:
    if path.suffix.lower() == ".qdc":
        return check_codebook(path)
    return check_project(path, scratch)


def ok(report: dict) -> bool:
    return (
        report.get("read") == "read"
        and report.get("round trip", "").startswith("written valid; read back")
        and "DIFFERENT" not in report.get("round trip", "")
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="+", type=Path, help=".qdc, .qdpx or project.qde files")
    parser.add_argument("--json", action="store_true", help="one JSON object per file")
    args = parser.parse_args(argv)
    reports = []
    with tempfile.TemporaryDirectory() as scratch:
        for path in args.paths:
            reports.append(check(path, Path(scratch)))
    for report in reports:
        if args.json:
            print(json.dumps(report, ensure_ascii=False))
            continue
        print(f"{report['file']} ({report['kind']})")
        for key, value in report.items():
            if key in ("file", "kind"):
                continue
            if key == "warnings":
                for warning in value or ["none"]:
                    print(f"  warning: {warning}")
            else:
                print(f"  {key}: {value}")
    return 0 if all(ok(r) for r in reports) else 1


if __name__ == "__main__":
    sys.exit(main())
