"""The demo project: shipped guides, fictional interviews, suggestions and two coders' work.

``make run`` and ``make test`` build it once (``--if-missing``) so every page and
export has something to show. The two coders are fictional; their decisions come
from a hand coding of every demo answer by two coders working independently and
without the model's suggestions (``transcripts/demo_codes.jsonl``): coder "amira"
reviews most interviews, coder "ben" double-codes two of them so agreement has
something to measure, and some suggestions are left unreviewed for a newcomer to try.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from coding import service
from coding.model import MODEL_CODER, Memo
from coding.store import codes as store_codes
from coding.store import projects as store_projects
from coding.store import transcripts as store_transcripts
from coding.store.db import open_store

ROOT = Path(__file__).resolve().parents[2]  # the project folder (this module is coding/service/demo.py)
GUIDES = ROOT / "topic_guides"
TRANSCRIPTS = ROOT / "transcripts"
CODES = TRANSCRIPTS / "demo_codes.jsonl"
PROJECT = "Employment and Reoffending Pilot (demo)"
CODERS = ("amira", "ben")
TRANSCRIPT_SUFFIXES = {".docx", ".txt", ".md", ".vtt", ".srt", ".odt", ".pdf"}


def demo_guides() -> list[Path]:
    """One file per shipped guide: the Markdown copy (the .docx twins hold the same guides)."""
    if not GUIDES.exists():
        return []
    return sorted((p for p in GUIDES.glob("*.md") if p.name.lower() != "readme.md"), key=lambda p: p.name)


def demo_transcripts() -> list[Path]:
    return sorted(
        p for p in TRANSCRIPTS.iterdir() if p.suffix.lower() in TRANSCRIPT_SUFFIXES and p.name.lower() != "readme.md"
    )


def demo_codes() -> dict[tuple[str, str], dict[str, list[str]]]:
    """(interview name, answer text) -> each demo coder's themes for it, most central first."""
    if not CODES.exists():
        return {}
    out = {}
    for line in CODES.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            out[(row["file"], row["text"])] = {coder: list(row.get(coder) or []) for coder in CODERS}
    return out


def _apply_demo_codes(store, project_id: int, log: Callable[[str], None]) -> int:
    """The two coders' work, from their hand coding of every demo answer (transcripts/demo_codes.jsonl):
    on the answers they reviewed, each shown suggestion is confirmed when it is among the coder's own
    themes and rejected when it is not, and a theme of theirs the model did not show is added."""
    codes = demo_codes()
    transcripts = store_transcripts.list_transcripts(store, project_id)
    decisions = 0
    for position, info in enumerate(transcripts):
        coders = ["amira"] + (["ben"] if position < 2 else [])
        if position == len(transcripts) - 1:
            coders = []  # one interview left entirely unreviewed
        segments = store_transcripts.load_segments(store, info.id, codable_only=True)
        by_segment = store_codes.codes_for_segments(store, [s.stored_id for s in segments])
        reviewed = segments[: max(1, int(len(segments) * 0.7))]  # the rest is left for a newcomer to try
        for coder in coders:
            for segment in reviewed:
                mine = codes.get((info.name, segment.text), {}).get(coder)
                if mine is None:
                    continue  # an answer the coders never saw (the interview was edited): leave it
                shown = [c.theme_id for c in by_segment[segment.stored_id] if c.coder == MODEL_CODER][:3]
                for theme in shown:
                    service.decide(
                        store, project_id, segment.stored_id, theme, "confirm" if theme in mine else "reject", coder
                    )
                for theme in mine:
                    if theme not in shown:
                        service.decide(store, project_id, segment.stored_id, theme, "add", coder)
                decisions += len(shown) + len(set(mine) - set(shown))
        if coders:
            store_codes.add_memo(
                store,
                project_id,
                Memo(
                    f"First pass of {info.name} done; check the quotes on barriers with the team.",
                    "amira",
                    transcript_id=info.id,
                ),
            )
    log(f"Applied {decisions} decisions by the demo coders {', '.join(CODERS)}")
    return decisions


# The demo team (issue 14). These passwords are for the demo only and are printed in the README:
# never reuse them on a real project.
DEMO_TEAM = (
    ("lena", "lead", "lena-demo-pass"),
    ("amira", "coder", "amira-demo-pass"),
    ("ben", "coder", "ben-demo-pass"),
)


def _add_demo_team(store, project_id: int, log: Callable[[str], None]) -> None:
    """A lead and the two coders as accounts and members; the two interviews both coders coded are
    the finished blind double-coding sample, amira's other interviews and the unreviewed one assigned."""
    from coding.service import team

    known = {a.username for a in team.list_users(store)}
    for username, role, password in DEMO_TEAM:
        if username not in known:
            team.add_user(store, username, password, display_name=username.capitalize())
        team.set_member(store, project_id, username, role, by="lena" if role != "lead" else team.CLI)
    transcripts = store_transcripts.list_transcripts(store, project_id)
    for position, info in enumerate(transcripts):
        if position < 2:
            for coder in CODERS:
                team.assign(store, project_id, info.id, coder, by="lena", kind="reliability")
                team.set_finished(store, project_id, info.id, coder)
        else:
            team.assign(store, project_id, info.id, "ben" if position == len(transcripts) - 1 else "amira", by="lena")
    log("Demo team: lena (lead), amira and ben (coders); the first two interviews are the double-coded sample")


def build_demo(db_url: str | None = None, if_missing: bool = False, log: Callable[[str], None] = print) -> str:
    """Build (or rebuild) the demo project in the store at ``db_url``. Returns a one-line summary."""
    from coding.suggest.encoder import default_encoder

    store = open_store(db_url)
    existing = store_projects.find_project(store, PROJECT)
    if existing is not None and if_missing:
        n = len(store_transcripts.list_transcripts(store, existing))
        return f"Demo project ready in {store.describe()} ({n} interviews)"
    if existing is not None:
        store_projects.delete_project(store, existing)
    project_id = store_projects.create_project(store, PROJECT)
    log(f"Building the demo project in {store.describe()}")
    service.add_crosscutting_frame(store, project_id)
    for path in demo_guides():
        frames = service.import_guide(store, project_id, path)
        log(f"Loaded topic guide {path.name}: " + ", ".join(f.name for f in frames))
    encoder = default_encoder()
    sidecar_path = TRANSCRIPTS / "cases.csv"
    sidecar = None
    if sidecar_path.exists():
        from coding.transcripts.attributes import read_case_attributes

        sidecar = read_case_attributes(sidecar_path)
    report = service.import_transcripts(
        store,
        project_id,
        demo_transcripts(),
        encoder,
        sidecar=sidecar,
        progress=lambda done, total, message: log(f"[{done}/{total}] {message}"),
    )
    for _, reason in report.failed:
        log(f"not imported: {reason}")
    service.suggest_project(store, project_id, encoder)
    _apply_demo_codes(store, project_id, log)
    service.suggest_project(store, project_id, encoder)  # suggestions learn from the coders' decisions
    _add_demo_team(store, project_id, log)
    # The Peterborough Social Impact Bond is a published pilot at a named prison: its place names the
    # programme, not a participant. A researcher makes this call on the Export page; the demo makes it
    # for them (recorded, by the demo's lead) so every export of the demo passes the gate.
    service.exclude_identifier(store, project_id, "Peterborough", "place", author="lena")
    return f"Demo project built in {store.describe()}: {len(report.imported)} interviews"
