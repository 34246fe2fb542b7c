"""Live learning's warm-up when the server's job queue is full: the Code page says so and coding goes on."""

from __future__ import annotations

import threading

import pytest

from coding.store import codes as store_codes
from coding.store import transcripts as store_transcripts
from coding.store.db import open_store
from coding.ui import resources, state
from coding.ui.jobs import JobRunner, QueueFull
from coding.ui.live import LiveRegistry
from tests.ui_fixtures import open_page, ui_project, ui_template  # noqa: F401

QUEUE_FULL = (
    "Suggestions cannot start learning from your decisions yet: the server's job queue is full "
    "(imports and other work are waiting). Your decisions are stored as you make them, and the "
    "suggestions will learn from them once there is room."
)


def fill(runner: JobRunner, release: threading.Event) -> None:
    """Every running slot and every waiting place taken by jobs of other projects."""
    for slot in range(runner.max_running):
        runner.start(-1 - slot, "another import", lambda progress: release.wait(30))
    for _ in range(runner.max_queued):
        runner.start(-1, "another import", lambda progress: release.wait(30))


@pytest.fixture
def full_queue():
    runner, release = resources.jobs(), threading.Event()
    assert runner.wait(30)  # nothing left over from another test
    fill(runner, release)
    yield runner
    release.set()
    assert runner.wait(30)


def test_the_code_page_says_the_queue_is_full_and_keeps_each_decision(ui_project, full_queue):
    store = open_store(ui_project.url)
    first = store_transcripts.load_segments(store, ui_project.transcript_ids[0], codable_only=True)
    at = open_page(ui_project.url, "code", **{state.LEARN: True})
    assert [i.value for i in at.info] == [QUEUE_FULL]
    at.button(key=f"ok_{first[0].id}_warm_handover").click().run()
    assert not at.exception
    mine = [(c.theme_id, c.status) for c in store_codes.codes_for_segments(store, [first[0].id])[first[0].id]]
    assert ("warm_handover", "confirmed") in mine and mine.count(("warm_handover", "confirmed")) == 1
    at.run()  # the whole page again: still no error, the decision shown as made
    assert not at.exception
    assert [i.value for i in at.info] == [QUEUE_FULL]
    assert at.button(key=f"rm_{first[0].id}_warm_handover").label == "Meeting at the gate"
    store.engine.dispose()


def test_a_warm_up_refused_by_a_full_queue_is_asked_for_again():
    runner, release = JobRunner(max_running=1, max_queued=1), threading.Event()
    fill(runner, release)
    registry = LiveRegistry()
    built = object()
    with pytest.raises(QueueFull):
        registry.warm("sqlite://", 1, runner, lambda: built)
    release.set()
    assert runner.wait(30)
    assert registry.warm("sqlite://", 1, runner, lambda: built) is True  # not left "warming" for ever
    assert runner.wait(30)
    assert registry.get("sqlite://", 1) is built
