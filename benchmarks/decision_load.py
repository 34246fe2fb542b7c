"""Many coders at once on one project: N processes x M decisions, one process merging themes meanwhile.

``run_load(url, ...)`` builds a project on the store at ``url``, starts the coder
processes (each its own coder name, on overlapping answers and themes, with undos),
and a lead process that merges themes while they code. It returns what each process
saw and checks the store afterwards: one log entry per action that succeeded, and every
coder's code on every unit equal to the replay of that coder's own log (units on themes
merged away are checked by the merge rule's own tests). Used by
``tests/test_decision_load.py`` and ``benchmarks/bench_decision_load.py``.
"""

from __future__ import annotations

import multiprocessing
import random
import time
import uuid
from dataclasses import dataclass, field

ACTIONS = ("confirm", "confirm", "reject", "add", "remove")


@dataclass
class WorkerResult:
    coder: str
    decided: int = 0
    undone: int = 0
    refused: int = 0  # clear refusals: a theme merged away, an undo of a changed code
    errors: list[str] = field(default_factory=list)
    confirm_latencies: list[float] = field(default_factory=list)


@dataclass
class LoadResult:
    workers: list[WorkerResult]
    seconds: float
    log_entries: int
    mismatches: list[str]

    @property
    def actions(self) -> int:
        """Coders' decisions and undos that went through (the lead's merges are frame edits, not logged here)."""
        return sum(w.decided + w.undone for w in self.workers if w.coder != "lead")

    @property
    def errors(self) -> list[str]:
        return [e for w in self.workers for e in w.errors]

    def percentile(self, q: float) -> float:
        values = sorted(v for w in self.workers for v in w.confirm_latencies)
        if not values:
            return 0.0
        return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def _coder(url, project_id, segment_ids, themes, coder, decisions, seed, queue) -> None:
    from coding import service
    from coding.errors import ConflictError, NotFound, WorkbenchError
    from coding.store.db import open_store

    store = open_store(url, migrate_schema=False)
    rng = random.Random(seed)
    result = WorkerResult(coder)
    for _ in range(decisions):
        try:
            if rng.random() < 0.1:
                if service.undo(store, project_id, coder) is not None:
                    result.undone += 1
                continue
            action = rng.choice(ACTIONS)
            started = time.perf_counter()
            service.decide(store, project_id, rng.choice(segment_ids), rng.choice(themes), action, coder)
            if action == "confirm":
                result.confirm_latencies.append(time.perf_counter() - started)
            result.decided += 1
        except (NotFound, ConflictError):
            result.refused += 1
        except WorkbenchError as exc:  # a clear message, but not one this load should ever need
            result.errors.append(f"{type(exc).__name__}: {exc}")
        except Exception as exc:  # noqa: BLE001  (the point is to see any unhandled error)
            result.errors.append(f"unhandled {type(exc).__name__}: {exc}")
    store.engine.dispose()
    queue.put(result)


def _lead(url, project_id, frame_key, merges, pause, queue) -> None:
    from coding import service
    from coding.store.db import open_store

    store = open_store(url, migrate_schema=False)
    result = WorkerResult("lead")
    for source, target in merges:
        time.sleep(pause)
        try:
            service.edit_frame(store, project_id, frame_key, "merge", "lead", source_id=source, target_id=target)
            result.decided += 1
        except Exception as exc:  # noqa: BLE001
            result.errors.append(f"unhandled {type(exc).__name__}: {exc}")
    store.engine.dispose()
    queue.put(result)


def _build_project(url: str):
    from coding.model import Frame, Theme
    from coding.store import projects as store_projects
    from coding.store import transcripts as store_transcripts
    from coding.store.db import open_store
    from tests.store_factory import interview

    store = open_store(url)
    project_id = store_projects.create_project(store, f"load-{uuid.uuid4().hex[:8]}")
    themes = [Theme(f"theme_{i}", f"Theme {i}") for i in range(8)]
    frame = Frame(name="Load themes", kind="crosscutting", themes=themes)
    store_projects.save_frame(store, project_id, frame)
    segment_ids = []
    for n in range(4):
        transcript, segments = interview(f"Interview {n}", salt=uuid.uuid4().hex)
        tid = store_transcripts.save_transcript(store, project_id, transcript, segments)
        segment_ids += [s.id for s in store_transcripts.load_segments(store, tid, codable_only=True)]
    store.engine.dispose()
    return project_id, frame.id, segment_ids, [t.id for t in themes]


def _check(url: str, project_id: int, merged_away: set[str]) -> tuple[int, list[str]]:
    """Replay each coder's own log and compare it with the codes the store holds."""
    from sqlalchemy import select

    from coding.model import MODEL_CODER
    from coding.store import tables as t
    from coding.store.db import open_store

    store = open_store(url, migrate_schema=False)
    with store.read() as conn:
        log = conn.execute(
            select(t.decisions).where(t.decisions.c.project_id == project_id).order_by(t.decisions.c.id)
        ).all()
        rows = conn.execute(
            select(t.code_applications).where(
                t.code_applications.c.project_id == project_id, t.code_applications.c.coder != MODEL_CODER
            )
        ).all()
    store.engine.dispose()
    replay: dict[tuple, str | None] = {}
    for entry in log:
        state = entry.after  # an undo entry's "after" is the state it restored
        replay[(entry.segment_id, entry.theme_key, entry.coder)] = (state or {}).get("status")
    stored = {(r.segment_id, r.theme_key, r.coder): str(r.status) for r in rows}
    mismatches = [
        f"{unit}: log says {status}, store holds {stored.get(unit)}"
        for unit, status in replay.items()
        if unit[1] not in merged_away and stored.get(unit) != status
    ]
    return len(log), mismatches


def run_load(url: str, processes: int = 8, decisions: int = 500, merges: int = 2, seed: int = 7) -> LoadResult:
    project_id, frame_key, segment_ids, themes = _build_project(url)
    plan = [(themes[-1 - i], themes[i]) for i in range(merges)]
    ctx = multiprocessing.get_context("spawn")
    queue = ctx.Queue()
    workers = [
        ctx.Process(target=_coder, args=(url, project_id, segment_ids, themes, f"coder{i}", decisions, seed + i, queue))
        for i in range(processes)
    ]
    workers.append(ctx.Process(target=_lead, args=(url, project_id, frame_key, plan, 1.0, queue)))
    started = time.perf_counter()
    for process in workers:
        process.start()
    results = [queue.get(timeout=900) for _ in workers]
    for process in workers:
        process.join()
    seconds = time.perf_counter() - started
    log_entries, mismatches = _check(url, project_id, {source for source, _ in plan})
    return LoadResult(results, seconds, log_entries, mismatches)
