"""The command line's project verbs: ``project create|list``, ``guide add``, ``status``.

With these, a study can go from an empty store to an exported quote table without the UI:

    python -m coding project create "Resettlement study" --db study.sqlite --guide topic_guides/prisoner.md
    python -m coding import interviews/*.docx --db study.sqlite
    python -m coding status --db study.sqlite
    python -m coding export quotes --out quotes.docx --db study.sqlite
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict

EXAMPLES = {
    "project": """examples:
  python -m coding project create "Resettlement study" --db study.sqlite --guide topic_guides/prisoner.md
  python -m coding project list --db study.sqlite --json""",
    "guide": """examples:
  python -m coding guide add topic_guides/provider_operational.docx --db study.sqlite
  python -m coding guide add taguette-codebook.qdc --db study.sqlite --project "Resettlement study\"""",
    "status": """examples:
  python -m coding status --db study.sqlite
  python -m coding status --db study.sqlite --project "Resettlement study" --json""",
}


def add_verbs(verbs, add_db) -> None:
    formatter = argparse.RawDescriptionHelpFormatter
    p = verbs.add_parser(
        "project",
        help="create a project ready to code, or list the store's projects",
        epilog=EXAMPLES["project"],
        formatter_class=formatter,
    )
    p.add_argument("action", choices=("create", "list"))
    p.add_argument("name", nargs="?", help="with `create`: the new project's name")
    p.add_argument(
        "--guide", action="append", default=[], metavar="FILE", help="a topic guide or frame file to add (repeatable)"
    )
    p.add_argument("--no-crosscutting", action="store_true", help="leave out the shipped cross-cutting themes")
    p.add_argument("--db", help="database URL or SQLite file (default: $DATABASE_URL or projects/demo.sqlite)")
    p.add_argument("--json", action="store_true", help="print the result as JSON")

    p = verbs.add_parser(
        "guide", help="add a topic guide or codebook to a project", epilog=EXAMPLES["guide"], formatter_class=formatter
    )
    p.add_argument("action", choices=("add",))
    p.add_argument("path", help="topic guide (.docx/.txt/.md/.pdf) or frame file (.yaml/.qdc)")
    add_db(p)

    p = verbs.add_parser(
        "status",
        help="interviews, review progress and key questions missed",
        epilog=EXAMPLES["status"],
        formatter_class=formatter,
    )
    add_db(p)
    p.add_argument("--json", action="store_true", help="print the status as JSON")


def cmd_project(args) -> int:
    from coding import service
    from coding.errors import WorkbenchError
    from coding.service import queries

    store = queries.open_store(args.db)
    if args.action == "list":
        projects = queries.list_projects(store)
        if args.json:
            print(json.dumps([{"id": p.id, "name": p.name, "created_at": p.created_at.isoformat()} for p in projects]))
        for project in projects if not args.json else []:
            print(f"{project.id}\t{project.name}")
        return 0
    if not (args.name or "").strip():
        raise WorkbenchError('`project create` needs a name, e.g. project create "Resettlement study".')
    project_id = service.create_project(
        store, args.name, args.guide, crosscutting=not args.no_crosscutting, author="command line"
    )
    frames = queries.load_frames(store, project_id)
    if args.json:
        print(json.dumps({"id": project_id, "name": args.name.strip(), "frames": [f.name for f in frames]}))
    else:
        print(
            f"created project {args.name.strip()!r} (id {project_id}) in {store.describe()} with "
            + (", ".join(repr(f.name) for f in frames) or "no frames yet")
        )
    return 0


def cmd_guide(args, store_and_project) -> int:
    from coding import service

    store, project_id = store_and_project(args)
    frames = service.import_guide(store, project_id, args.path, author="command line")
    for frame in frames:
        print(f"added {frame.name!r} [{frame.id}]: {len(frame.questions())} questions")
        for warning in frame.warnings:
            print(f"  warning: {warning}", file=sys.stderr)
    return 0


def cmd_status(args, store_and_project) -> int:
    from coding import service

    store, project_id = store_and_project(args)
    status = service.project_status(store, project_id)
    if args.json:
        print(json.dumps({**asdict(status), "segments": status.segments, "reviewed": status.reviewed}, indent=2))
        return 0
    print(
        f"{status.name}: {len(status.interviews)} interviews, {status.segments} answers, "
        f"{status.reviewed} reviewed ({status.reviewed / status.segments:.0%}), {status.decisions} decisions"
        if status.segments
        else f"{status.name}: no interviews yet"
    )
    print("frames: " + (", ".join(status.frames) or "none"))
    if status.coders:
        print("coders: " + ", ".join(status.coders))
    for interview in status.interviews:
        missed = (
            f"; key questions missed: {', '.join(interview.key_questions_missed)}"
            if interview.key_questions_missed
            else ""
        )
        print(f"  {interview.name}: {interview.reviewed}/{interview.segments} reviewed{missed}")
    return 0
