"""Long work in background threads, so the page that started it stays usable.

A ``Job`` receives ``progress(done, total, message)`` calls from the service
functions it runs; a page polls ``JobRunner.for_project`` and draws bars. No
Streamlit here: jobs outlive the script run (and the tab) that started them, and
everything they write goes to the store, all-or-nothing per file.
"""

from __future__ import annotations

import itertools
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from coding.errors import WorkbenchError


@dataclass
class Job:
    id: int
    project_id: int
    title: str
    done: int = 0
    total: int = 0
    message: str = "Waiting to start"
    finished: bool = False
    error: str | None = None
    result: Any = None
    started: float = field(default_factory=time.monotonic)
    ended: float | None = None

    def progress(self, done: int, total: int, message: str) -> None:
        self.done, self.total, self.message = done, total, message

    @property
    def fraction(self) -> float:
        return min(1.0, self.done / self.total) if self.total else 0.0


class JobRunner:
    """Starts jobs in daemon threads and keeps the last few per project."""

    def __init__(self, keep: int = 20):
        self._jobs: list[Job] = []
        self._lock = threading.Lock()
        self._ids = itertools.count(1)
        self._keep = keep

    def start(self, project_id: int, title: str, work: Callable[[Callable[[int, int, str], None]], Any]) -> Job:
        """Run ``work(progress)`` in a thread. A domain error becomes the job's readable ``error``;
        anything else too, with the traceback kept for the server log only."""
        job = Job(next(self._ids), project_id, title)
        with self._lock:
            self._jobs.append(job)
            del self._jobs[: -self._keep]

        def run() -> None:
            try:
                job.result = work(job.progress)
            except WorkbenchError as exc:
                job.error = str(exc)
            except Exception as exc:  # a bug must not kill the server; the log gets the details
                traceback.print_exc()
                job.error = f"Something went wrong ({type(exc).__name__}: {exc}). Nothing more was written."
            finally:
                job.ended = time.monotonic()
                job.finished = True

        threading.Thread(target=run, name=f"job-{job.id}", daemon=True).start()
        return job

    def for_project(self, project_id: int) -> list[Job]:
        with self._lock:
            return [j for j in self._jobs if j.project_id == project_id]

    def running(self, project_id: int) -> list[Job]:
        return [j for j in self.for_project(project_id) if not j.finished]

    def wait(self, timeout: float = 60.0) -> bool:
        """Block until every job has finished (tests and scripts); False on timeout."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self._lock:
                if all(j.finished for j in self._jobs):
                    return True
            time.sleep(0.05)
        return False
