"""The demo project: shipped guides, fictional interviews, suggestions and two coders' work.

``make run`` and ``make test`` build it once (``--if-missing``) so every page and
export has something to show. The two coders are fictional and their decisions
are simulated from a fixed seed: coder "amira" reviews most interviews, coder
"ben" double-codes two of them so agreement has something to measure, and some
suggestions are left unreviewed for a newcomer to try.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

from coding import service
from coding.model import Memo
from coding.store import codes as store_codes
from coding.store import projects as store_projects
from coding.store import transcripts as store_transcripts
from coding.store.db import open_store

ROOT = Path(__file__).resolve().parent.parent
GUIDES = ROOT / "topic_guides"
TRANSCRIPTS = ROOT / "transcripts"
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


def _simulate_coders(store, project_id: int, log: Callable[[str], None]) -> int:
    """Decisions by the two fictional coders: confirm the suggestions a careful researcher
    would keep (score at least 0.5), reject the weaker ones shown, and disagree now and then."""
    rng = random.Random(20261123)
    transcripts = store_transcripts.list_transcripts(store, project_id)
    decisions = 0
    for position, info in enumerate(transcripts):
        coders = ["amira"] + (["ben"] if position < 2 else [])
        if position == len(transcripts) - 1:
            coders = []  # one interview left entirely unreviewed
        segments = store_transcripts.load_segments(store, info.id, codable_only=True)
        by_segment = store_codes.codes_for_segments(store, [s.id for s in segments])
        reviewed = segments[: max(1, int(len(segments) * 0.7))]
        for coder in coders:
            for segment in reviewed:
                suggestions = [c for c in by_segment[segment.id] if c.coder == store_codes.MODEL_CODER][:3]
                for rank, code in enumerate(suggestions):
                    score = code.score or 0.0
                    keep = score >= 0.4 or (rank == 0 and score >= 0.25)
                    if rng.random() < 0.12:  # a second coder reads the passage differently
                        keep = not keep
                    action = "confirm" if keep else "reject"
                    service.decide(store, project_id, segment.id, code.theme_id, action, coder)
                    decisions += 1
        if coders:
            store_codes.add_memo(
                store, project_id,
                Memo(f"First pass of {info.name} done; check the quotes on barriers with the team.", "amira",
                     transcript_id=info.id),
            )
    log(f"Simulated {decisions} decisions by the fictional coders {', '.join(CODERS)}")
    return decisions


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
        store, project_id, demo_transcripts(), encoder, sidecar=sidecar,
        progress=lambda done, total, message: log(f"[{done}/{total}] {message}"),
    )
    for name, reason in report.failed:
        log(f"not imported: {reason}")
    service.suggest_project(store, project_id, encoder)
    _simulate_coders(store, project_id, log)
    service.suggest_project(store, project_id, encoder)  # suggestions learn from the coders' decisions
    return f"Demo project built in {store.describe()}: {len(report.imported)} interviews"
