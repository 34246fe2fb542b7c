"""Long work in background threads, so the page that started it stays usable: a bounded queue.

A ``Job`` receives ``progress(done, total, message)`` calls from the service
functions it runs; a page polls ``JobRunner.for_project`` and draws bars. Everyone
on a team shares one server process, so the runner keeps the machine usable for
all of them: at most ``max_running`` jobs run at once (the sentence model takes
one job at a time anyway), at most one per project (a second import into the
same project waits its turn, shown as queued), and at most ``max_queued`` wait;
one more is refused with a message rather than piling up threads.

A job can be cancelled: a queued one never starts; a running one stops at its
next ``progress`` call, which raises ``JobCancelled`` inside the work. The service
calls ``progress`` between files and between batches, never inside a store
transaction, so what a cancelled import leaves is whole files or nothing of a
file. No Streamlit here: jobs outlive the script run (and the tab) that started them.
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

QUEUED, RUNNING, DONE, FAILED, CANCELLED = "queued", "running", "done", "failed", "cancelled"


class JobCancelled(Exception):
    """Raised by ``Job.progress`` in the job's own thread once someone asked it to stop."""


class QueueFull(WorkbenchError):
    """Too many jobs are waiting already."""


@dataclass
class Job:
    id: int
    project_id: int
    title: str
    work: Callable[..., Any] | None = field(default=None, repr=False)  # (progress) or (progress, job)
    done: int = 0
    total: int = 0
    message: str = "Waiting for another job to finish"
    status: str = QUEUED
    error: str | None = None
    result: Any = None
    words: int = 0  # words processed so far, when the work reports them (imports do)
    queued: float = field(default_factory=time.monotonic)
    started: float | None = None
    ended: float | None = None
    _cancel: threading.Event = field(default_factory=threading.Event, repr=False)

    @property
    def finished(self) -> bool:
        return self.status in (DONE, FAILED, CANCELLED)

    @property
    def cancel_requested(self) -> bool:
        return self._cancel.is_set()

    def cancel(self) -> None:
        self._cancel.set()

    def progress(self, done: int, total: int, message: str) -> None:
        self.done, self.total = done, total
        if self._cancel.is_set():
            raise JobCancelled()
        self.message = message

    def add_words(self, words: int) -> None:
        """Count words the work has finished with (for words per second)."""
        self.words += words

    @property
    def fraction(self) -> float:
        return min(1.0, self.done / self.total) if self.total else 0.0

    @property
    def elapsed(self) -> float:
        if self.started is None:
            return 0.0
        return (self.ended or time.monotonic()) - self.started

    @property
    def words_per_second(self) -> float | None:
        return self.words / self.elapsed if self.words and self.elapsed > 0 else None

    @property
    def seconds_left(self) -> float | None:
        """Time left at the pace so far (None until a first piece is done)."""
        if self.finished or not self.done or not self.total:
            return None
        return self.elapsed * (self.total - self.done) / self.done

    def summary(self) -> str:
        """One line for a progress bar: what it is doing, counts, pace, time left."""
        if self.status == QUEUED:
            return f"{self.title}: queued behind another job"
        parts = [f"{self.title}: {self.message}"]
        if self.total > 1:
            parts.append(f"{self.done} of {self.total}")
        if self.words_per_second:
            parts.append(f"{self.words_per_second:,.0f} words/s")
        if self.seconds_left is not None:
            parts.append(f"about {_duration(self.seconds_left)} left")
        if self.cancel_requested and not self.finished:
            parts.append("stopping")
        return " · ".join(parts)


def _duration(seconds: float) -> str:
    if seconds < 90:
        return f"{max(1, round(seconds))} s"
    if seconds < 90 * 60:
        return f"{round(seconds / 60)} min"
    return f"{seconds / 3600:.1f} h"


class JobRunner:
    """Runs jobs in daemon threads: ``max_running`` at once, one per project, ``max_queued`` waiting."""

    def __init__(self, keep: int = 20, max_running: int = 2, max_queued: int = 10):
        self._jobs: list[Job] = []
        self._lock = threading.Lock()
        self._ids = itertools.count(1)
        self._keep, self.max_running, self.max_queued = keep, max_running, max_queued

    def start(self, project_id: int, title: str, work: Callable[[Callable[[int, int, str], None]], Any]) -> Job:
        """Queue ``work(progress)``; it runs as soon as a slot (and its project) is free.

        A domain error becomes the job's readable ``error``; anything else too, with the
        traceback kept for the server log only. ``work`` may take a second argument, the
        Job itself, to report words (``job.add_words``)."""
        with self._lock:
            if sum(1 for j in self._jobs if j.status == QUEUED) >= self.max_queued:
                raise QueueFull(f"{self.max_queued} jobs are already waiting; try again when some have finished.")
            job = Job(next(self._ids), project_id, title, work)
            self._jobs.append(job)
            finished = [j for j in self._jobs if j.finished]
            for old in finished[: max(0, len(self._jobs) - self._keep)]:
                self._jobs.remove(old)
        self._dispatch()
        return job

    def cancel(self, job_id: int) -> bool:
        """Ask a job to stop; a queued one is dropped at once. False if it had already finished."""
        with self._lock:
            job = next((j for j in self._jobs if j.id == job_id), None)
            if job is None or job.finished:
                return False
            job.cancel()
            if job.status == QUEUED:
                job.status, job.message, job.ended, job.work = (
                    CANCELLED,
                    "Cancelled before it started",
                    time.monotonic(),
                    None,
                )
            job.result = [("info", "Cancelled before it started: nothing was stored.")]
        return True

    def _dispatch(self) -> None:
        """Start every queued job that may run now (oldest first)."""
        with self._lock:
            running = [j for j in self._jobs if j.status == RUNNING]
            busy = {j.project_id for j in running}
            ready: list[Job] = []
            for job in self._jobs:
                if job.status != QUEUED or job.project_id in busy or len(running) + len(ready) >= self.max_running:
                    continue
                job.status, job.started, job.message = RUNNING, time.monotonic(), "Starting"
                busy.add(job.project_id)
                ready.append(job)
        for job in ready:
            threading.Thread(target=self._run, args=(job,), name=f"job-{job.id}", daemon=True).start()

    def _run(self, job: Job) -> None:
        try:
            work = job.work
            assert work is not None  # only a queued job is started, and a queued job keeps its work
            job.result = work(job.progress, job) if _takes_job(work) else work(job.progress)
            job.status = DONE
        except JobCancelled:
            job.status, job.message = CANCELLED, "Cancelled"
            job.result = [
                (
                    "info",
                    f"Cancelled at {job.done} of {job.total}. What was finished before that is kept "
                    "whole; nothing of the piece in progress was stored.",
                )
            ]
        except WorkbenchError as exc:
            job.status, job.error = FAILED, str(exc)
        except Exception as exc:  # a bug must not kill the server; the log gets the details
            traceback.print_exc()
            job.status = FAILED
            job.error = f"Something went wrong ({type(exc).__name__}: {exc}). Nothing more was written."
        finally:
            job.ended = time.monotonic()
            job.work = None
            self._dispatch()

    def for_project(self, project_id: int) -> list[Job]:
        with self._lock:
            return [j for j in self._jobs if j.project_id == project_id]

    def running(self, project_id: int) -> list[Job]:
        """Jobs of the project not finished yet (running or queued)."""
        return [j for j in self.for_project(project_id) if not j.finished]

    def queued(self) -> list[Job]:
        with self._lock:
            return [j for j in self._jobs if j.status == QUEUED]

    def wait(self, timeout: float = 60.0) -> bool:
        """Block until every job has finished (tests and scripts); False on timeout."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self._lock:
                if all(j.finished for j in self._jobs):
                    return True
            time.sleep(0.05)
        return False


def _takes_job(work: Callable) -> bool:
    import inspect

    try:
        return len(inspect.signature(work).parameters) >= 2
    except (TypeError, ValueError):
        return False
