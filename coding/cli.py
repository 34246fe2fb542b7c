"""``python -m coding``: the workbench from the command line (also used by scripts and benchmarks).

Every verb turns domain errors into one readable line on stderr, never a traceback.

Exit codes: 0 done; 1 refused (bad input, a name not found, a permission, a conflict);
2 the command line itself is wrong (argparse); 3 the store stayed busy with other
writers (nothing was saved: try again); 130 interrupted.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from coding.errors import StoreBusy, WorkbenchError
from coding.service import EXPORT_KINDS
from coding.service.demo import PROJECT as DEMO_PROJECT

EXIT_CODES = """exit codes: 0 done; 1 refused (bad input, not found, permission, conflict);
2 wrong command line; 3 store busy (nothing saved, try again); 130 interrupted"""


def _add_db(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", help="database URL or SQLite file (default: $DATABASE_URL or projects/demo.sqlite)")
    parser.add_argument("--project", help=f"project name (default: the only project, or {DEMO_PROJECT!r})")


def build_parser() -> argparse.ArgumentParser:
    from coding import cli_projects

    parser = argparse.ArgumentParser(
        prog="python -m coding",
        description="Qualitative interview analysis workbench: topic guides, transcripts, theme suggestion, exports.",
        epilog=cli_projects.__doc__.split("\n\n", 1)[1] + "\n" + EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    verbs = parser.add_subparsers(dest="verb", required=True, metavar="VERB")
    cli_projects.add_verbs(verbs, _add_db)

    p = verbs.add_parser("frame", help="parse a topic guide or frame file and print its frame(s)")
    p.add_argument("path", help="topic guide (.docx/.txt/.md/.pdf) or frame file (.yaml/.qdc)")
    p.add_argument("--json", action="store_true", help="print a JSON list of frames (the frame file shape)")
    p.add_argument("--add", action="store_true", help="also add the frame(s) to a project (with --db, --project)")
    _add_db(p)

    p = verbs.add_parser("import", help="import transcripts into a project")
    p.add_argument(
        "paths",
        nargs="+",
        help="transcript files (.docx/.txt/.md/.vtt/.srt/.odt/.pdf), or a REFI-QDA .qdpx to restore as a new project",
    )
    _add_db(p)
    p.add_argument("--guide", help="frame id of the topic guide the interviews follow (default: best match)")
    p.add_argument("--attr", action="append", default=[], metavar="KEY=VALUE", help="case attribute for every file")
    p.add_argument("--attributes", help="sidecar CSV/XLSX of case attributes keyed by file name (column 'file')")
    p.add_argument("--no-suggest", action="store_true", help="do not compute theme suggestions after import")

    p = verbs.add_parser("suggest", help="suggest themes for texts or a transcript (no store needed)")
    p.add_argument("--frame", required=True, help="frame file (.yaml/.qdc) or topic guide")
    p.add_argument("--input", required=True, help="JSONL of {id, text} or a transcript file")
    p.add_argument("--output", help="output JSONL (default: stdout)")
    p.add_argument("--top-k", type=int, default=None, help="suggestions per segment (default: all themes)")
    p.add_argument("--examples", help="JSONL of {text, theme[, status: rejected]}: the researcher's codes so far")

    p = verbs.add_parser("export", help="export the project")
    p.add_argument("kind", choices=list(EXPORT_KINDS))
    p.add_argument("--out", required=True, help="output file")
    _add_db(p)
    p.add_argument("--include-suggested", action="store_true", help="include unreviewed suggestions (marked)")
    p.add_argument("--no-pseudonymise", action="store_true", help="keep people's names (internal use only)")
    p.add_argument(
        "--name",
        action="append",
        default=[],
        help="a further name to pseudonymise in this export, on top of the names the project's researchers "
        "added or marked 'not a name' on the Export page (repeatable; replaced even if marked 'not a name')",
    )

    p = verbs.add_parser("agreement", help="inter-coder agreement per theme and overall (humans and the model)")
    _add_db(p)
    p.add_argument("--json", action="store_true", help="print kappa, alpha and the n behind each as JSON")
    p.add_argument("--sample", action="store_true", help="only the interviews of the double-coded sample")
    p.add_argument("--docx", help="also write the one-page agreement report for a method annex to this file")

    p = verbs.add_parser("user", help="workbench accounts and project roles for a shared store")
    p.add_argument(
        "action",
        choices=("add", "passwd", "list", "role"),
        help="add an account, change its password, list accounts, or give it a role on a project",
    )
    p.add_argument("username", nargs="?")
    p.add_argument("role", nargs="?", choices=("lead", "coder"), help="with `role`: lead or coder")
    _add_db(p)
    p.add_argument("--email", help="the address the team's identity provider signs this person in with")
    p.add_argument("--display-name", default="")
    p.add_argument("--no-password", action="store_true", help="signs in only through the identity provider")
    p.add_argument("--password-stdin", action="store_true", help="read the password from standard input")

    p = verbs.add_parser("demo", help="(re)build the demo project")
    p.add_argument("--db", help="database URL or SQLite file (default: projects/demo.sqlite)")
    p.add_argument("--if-missing", action="store_true", help="do nothing when the demo project is already there")
    return parser


def _store_and_project(args) -> tuple:
    from coding.service import queries

    store = queries.open_store(args.db)
    existing = queries.list_projects(store)
    where = f" --db {args.db}" if args.db else ""
    if not existing:
        raise WorkbenchError(
            f"The store {store.describe()} has no project yet. Create one with:\n"
            f'  python -m coding project create "My study"{where} --guide topic_guides/prisoner.md'
        )
    if args.project:
        project_id = queries.find_project(store, args.project)
        if project_id is None:
            names = ", ".join(repr(p.name) for p in existing)
            raise WorkbenchError(f"No project called {args.project!r} in {store.describe()} (projects: {names}).")
        return store, project_id
    if len(existing) == 1:
        return store, existing[0].id
    project_id = queries.find_project(store, DEMO_PROJECT)
    if project_id is None:
        names = ", ".join(repr(p.name) for p in existing)
        raise WorkbenchError(f"Say which project with --project (projects in {store.describe()}: {names}).")
    return store, project_id


def cmd_frame(args) -> int:
    from coding.frames.load import load_frames
    from coding.frames.yaml_io import frame_to_dict

    if args.add:  # e.g. a Taguette or NVivo codebook (.qdc) into the project, as the Project page does
        from coding import service

        store, project_id = _store_and_project(args)
        frames = service.import_guide(store, project_id, args.path, author="command line")
        print(f"added {', '.join(repr(f.name) for f in frames)} to the project (id {project_id})", file=sys.stderr)
    else:
        frames = load_frames(args.path)
    if args.json:
        print(json.dumps([frame_to_dict(f) for f in frames], indent=2, ensure_ascii=False))
        for warning in (w for f in frames for w in f.warnings):
            print(f"  warning: {warning}", file=sys.stderr)
        return 0
    for frame in frames:
        print(f"{frame.name}  [{frame.id}, version {frame.version}]")
        for theme, path in frame.walk():
            mark = " *KEY*" if theme.key else ""
            routing = f"  ({theme.routing})" if theme.routing else ""
            print(f"{'  ' * (len(path) + 1)}{theme.id}: {theme.label}{mark}{routing}")
            for probe in theme.probes:
                print(f"{'  ' * (len(path) + 2)}- {probe}")
        for warning in frame.warnings:
            print(f"  warning: {warning}", file=sys.stderr)
    return 0


def cmd_import(args) -> int:
    from coding import service
    from coding.suggest.encoder import default_encoder
    from coding.transcripts.attributes import parse_attr_args, read_case_attributes

    archives = [p for p in args.paths if p.lower().endswith(".qdpx")]
    if archives:
        return _restore(args, archives)
    store, project_id = _store_and_project(args)
    attributes = parse_attr_args(args.attr)
    sidecar = read_case_attributes(args.attributes) if args.attributes else None
    encoder = default_encoder()
    report = service.import_transcripts(
        store,
        project_id,
        args.paths,
        encoder,
        args.guide,
        attributes,
        sidecar,
        progress=lambda done, total, msg: print(f"[{done}/{total}] {msg}", file=sys.stderr),
        author="command line",
    )
    for name, transcript_id in report.imported:
        print(f"imported {name} (id {transcript_id})")
    for name, warning in report.warnings:
        print(f"warning: {name}: {warning}", file=sys.stderr)
    for _, reason in report.failed:
        print(f"not imported: {reason}", file=sys.stderr)
    if report.imported and not args.no_suggest:
        service.suggest_project(store, project_id, encoder, [tid for _, tid in report.imported])
    return 1 if report.failed else 0


def _restore(args, archives: list[str]) -> int:
    """``import project.qdpx``: each REFI-QDA project becomes a new project in the store."""
    from coding.service.queries import open_store
    from coding.service.restore import restore_qdpx
    from coding.suggest.encoder import default_encoder

    if len(archives) != len(args.paths):
        raise WorkbenchError("Import .qdpx projects on their own, not mixed with transcripts.")
    store = open_store(args.db)
    encoder = None if args.no_suggest else default_encoder()
    for path in archives:
        report = restore_qdpx(store, path, name=args.project, encoder=encoder)
        print(f"restored {path} as project {report.name!r}: {report.cases} interviews, {report.codes} codes")
        for reason in report.skipped:
            print(f"warning: skipped {reason}", file=sys.stderr)
        for warning in report.warnings:  # harmless deviations of the other tool's file, read past
            print(f"warning: {Path(path).name}: {warning}", file=sys.stderr)
    return 0


def cmd_suggest(args) -> int:
    from coding.suggest.standalone import suggest_records, write_jsonl

    records = suggest_records(args.frame, args.input, top_k=args.top_k, examples_path=args.examples)
    write_jsonl(records, args.output or sys.stdout)
    return 0


def cmd_export(args) -> int:
    from coding.service import export_project, name_choices

    store, project_id = _store_and_project(args)
    path = export_project(
        store,
        project_id,
        args.kind,
        Path(args.out),
        include_suggested=args.include_suggested,
        pseudonymise=not args.no_pseudonymise,
        extra_names=args.name,
        author="command line",
    )
    if not args.no_pseudonymise and args.kind != "qdc":
        # The stored choices apply silently otherwise; say so, so a script's log records them.
        choices = name_choices(store, project_id)
        print(
            f"identifiers: {len(choices.added)} added and {len(choices.excluded)} marked 'not identifying' in the project, "
            f"{len(args.name)} given with --name",
            file=sys.stderr,
        )
    print(f"wrote {path}")
    return 0


def cmd_agreement(args) -> int:
    from coding.service import team

    store, project_id = _store_and_project(args)
    report = team.agreement_report(store, project_id, sample_only=args.sample)
    if args.json:
        print(json.dumps(report.as_dict(), indent=2))
    else:
        print(report.as_text())
    if args.docx:
        print(
            f"wrote {team.export_agreement_docx(store, project_id, Path(args.docx), team.CLI, args.sample)}",
            file=sys.stderr,
        )
    return 0


def _password(args) -> str | None:
    import getpass

    if args.no_password:
        return None
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\n")
    first = getpass.getpass(f"Password for {args.username}: ")
    if getpass.getpass("Again: ") != first:
        raise WorkbenchError("The two passwords differ; nothing was saved.")
    return first


def cmd_user(args) -> int:
    from coding.service import team
    from coding.service.queries import open_store

    if args.action != "list" and not args.username:
        raise WorkbenchError(f"`user {args.action}` needs a username.")
    if args.action == "list":
        for account in team.list_users(open_store(args.db)):
            print(f"{account.username}\t{account.display_name}\t{account.email or ''}")
    elif args.action == "add":
        account = team.add_user(open_store(args.db), args.username, _password(args), args.display_name, args.email)
        print(f"added {account.username}")
    elif args.action == "passwd":
        team.set_password(open_store(args.db), args.username, _password(args) or "")
        print(f"changed the password of {args.username}")
    else:
        if not args.role:
            raise WorkbenchError("`user role NAME lead|coder` needs the role.")
        store, project_id = _store_and_project(args)
        team.set_member(store, project_id, args.username, args.role, by=team.CLI)
        print(f"{args.username} is a {args.role} on the project")
    return 0


def cmd_demo(args) -> int:
    from coding.service.demo import build_demo

    summary = build_demo(args.db, if_missing=args.if_missing, log=lambda m: print(m, file=sys.stderr))
    print(summary)
    return 0


def cmd_project(args) -> int:
    from coding.cli_projects import cmd_project as run

    return run(args)


def cmd_guide(args) -> int:
    from coding.cli_projects import cmd_guide as run

    return run(args, _store_and_project)


def cmd_status(args) -> int:
    from coding.cli_projects import cmd_status as run

    return run(args, _store_and_project)


COMMANDS = {
    "project": cmd_project,
    "guide": cmd_guide,
    "status": cmd_status,
    "frame": cmd_frame,
    "import": cmd_import,
    "suggest": cmd_suggest,
    "export": cmd_export,
    "agreement": cmd_agreement,
    "user": cmd_user,
    "demo": cmd_demo,
}


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return COMMANDS[args.verb](args)
    except StoreBusy as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 3
    except WorkbenchError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
