"""The background job queue (coding/ui/jobs.py): one job per project at a time, a bounded queue,
cancelling queued and running jobs, and the bar's line (counts, words per second, time left)."""

from __future__ import annotations

import threading

import pytest

from coding.ui.jobs import CANCELLED, DONE, QUEUED, RUNNING, JobRunner, QueueFull
from tests.ui_fixtures import ui_project, ui_template  # noqa: F401  (fixtures)


def _gated(gate: threading.Event, log: list[str], name: str):
    def work(progress):
        log.append(f"{name} started")
        gate.wait(10)
        progress(1, 1, "finished")
        log.append(f"{name} ended")
        return name

    return work


def test_a_second_job_of_the_same_project_waits_for_the_first_while_another_project_runs():
    runner = JobRunner(max_running=2)
    gate, log = threading.Event(), []
    first = runner.start(1, "import A", _gated(gate, log, "A"))
    second = runner.start(1, "import B", _gated(gate, log, "B"))
    other = runner.start(2, "import C", _gated(gate, log, "C"))
    assert (first.status, second.status, other.status) == (RUNNING, QUEUED, RUNNING)
    assert second.summary() == "import B: queued behind another job"
    gate.set()
    assert runner.wait(10)
    assert [j.result for j in (first, second, other)] == ["A", "B", "C"]
    assert log.index("A ended") < log.index("B started")
    assert all(j.status == DONE for j in (first, second, other))


def test_the_queue_is_bounded():
    runner = JobRunner(max_running=1, max_queued=2)
    gate = threading.Event()
    jobs = [runner.start(project, "import", _gated(gate, [], str(project))) for project in (1, 2, 3)]
    with pytest.raises(QueueFull, match="2 jobs are already waiting"):
        runner.start(4, "import", _gated(gate, [], "4"))
    assert [j.status for j in jobs] == [RUNNING, QUEUED, QUEUED]
    gate.set()
    assert runner.wait(10)


def test_cancelling_a_queued_job_means_it_never_runs():
    runner = JobRunner(max_running=1)
    gate, log = threading.Event(), []
    runner.start(1, "import A", _gated(gate, log, "A"))
    waiting = runner.start(1, "import B", _gated(gate, log, "B"))
    assert runner.cancel(waiting.id)
    gate.set()
    assert runner.wait(10)
    assert (waiting.status, waiting.result, log) == (
        CANCELLED,
        [("info", "Cancelled before it started: nothing was stored.")],
        ["A started", "A ended"],
    )
    assert not runner.cancel(waiting.id)  # already finished


def test_cancelling_a_running_job_stops_it_at_its_next_progress_call():
    runner = JobRunner()
    reached, resume, stored = threading.Event(), threading.Event(), []

    def import_files(progress, job):
        for number in range(1, 6):
            progress(number - 1, 5, f"Importing file {number}")
            stored.append(number)  # a whole file, between two progress calls
            job.add_words(1000)
            if number == 2:
                reached.set()
                resume.wait(10)
        return "all imported"

    job = runner.start(1, "Importing 5 transcripts", import_files)
    assert reached.wait(10)
    runner.cancel(job.id)
    assert job.summary().endswith("stopping")
    resume.set()
    assert runner.wait(10)
    assert (job.status, job.error, stored, job.words) == (CANCELLED, None, [1, 2], 2000)
    assert job.result == [
        (
            "info",
            "Cancelled at 2 of 5. What was finished before that is kept whole; "
            "nothing of the piece in progress was stored.",
        )
    ]


def test_the_bar_line_gives_counts_pace_and_time_left():
    runner = JobRunner()
    reached, resume = threading.Event(), threading.Event()

    def work(progress, job):
        progress(2, 8, "Importing interview 3")
        job.add_words(20_000)
        job.started -= 10.0  # as if the first two interviews took ten seconds
        reached.set()
        resume.wait(10)

    job = runner.start(1, "Importing 8 transcripts", work)
    assert reached.wait(10)
    line = job.summary()
    resume.set()
    assert runner.wait(10)
    assert line.startswith("Importing 8 transcripts: Importing interview 3 · 2 of 8 · ")
    words_per_second = float(line.split(" · ")[2].removesuffix(" words/s").replace(",", ""))
    assert 1_900 <= words_per_second <= 2_000
    assert line.split(" · ")[3] in ("about 30 s left", "about 31 s left")


def test_the_project_page_shows_a_running_import_with_its_line_and_a_cancel_button(ui_project):
    from coding.ui import resources
    from tests.ui_fixtures import open_page

    started, release = threading.Event(), threading.Event()

    def work(progress, job):
        progress(1, 4, "Importing interview 2")
        job.add_words(5_000)
        started.set()
        release.wait(30)
        progress(2, 4, "Importing interview 3")

    job = resources.jobs().start(ui_project.project_id, "Importing 4 transcripts", work)
    try:
        assert started.wait(10)
        at = open_page(ui_project.url, "project", project_id=ui_project.project_id)
        bar = next(p for p in at.get("progress") if "Importing 4 transcripts" in p.proto.text)
        assert bar.proto.text.startswith("Importing 4 transcripts: Importing interview 2 · 1 of 4 · ")
        assert "words/s" in bar.proto.text and "left" in bar.proto.text
        at.button(key=f"cancel_job_{job.id}").click().run()
        assert job.cancel_requested
    finally:
        release.set()
    assert resources.jobs().wait(10)
    assert job.status == CANCELLED and job.done == 2
