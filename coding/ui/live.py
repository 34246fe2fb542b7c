"""One warm ``LiveSuggester`` per (store, project), shared by every tab (no Streamlit here).

Warming loads the sentence model and the project's embeddings, which takes seconds,
so it runs as a background job; until it is warm, decisions go straight to the store
and the Code page says the suggestions have not yet learned from them. When the job
queue is full the warm-up is not started (``QueueFull``) and is asked for again on the
page's next run; decisions are stored meanwhile all the same.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from coding.ui.jobs import JobRunner, QueueFull


class LiveRegistry:
    def __init__(self) -> None:
        self._items: dict[tuple[str, int], object] = {}
        self._warming: set[tuple[str, int]] = set()
        self._lock = threading.Lock()

    def get(self, url: str, project_id: int):
        with self._lock:
            return self._items.get((url, project_id))

    def put(self, url: str, project_id: int, live) -> None:
        with self._lock:
            self._items[(url, project_id)] = live
            self._warming.discard((url, project_id))

    def forget(self, url: str, project_id: int) -> None:
        """Drop a suggester whose frame changed (its themes are out of date)."""
        with self._lock:
            self._items.pop((url, project_id), None)

    def warm(self, url: str, project_id: int, runner: JobRunner, build: Callable[[], object]) -> bool:
        """Start building the suggester in the background once; True when a job was started.

        Raises ``QueueFull`` when the runner has no room; the next call tries again."""
        with self._lock:
            if (url, project_id) in self._items or (url, project_id) in self._warming:
                return False
            self._warming.add((url, project_id))

        def work(progress):
            progress(0, 1, "Loading the sentence model so suggestions learn from your decisions")
            try:
                self.put(url, project_id, build())
            finally:
                with self._lock:
                    self._warming.discard((url, project_id))
            progress(1, 1, "Ready: suggestions now learn from each decision")
            return [("success", "Suggestions now learn from each decision you make.")]

        try:
            runner.start(project_id, "Preparing live suggestions", work)
        except QueueFull:
            with self._lock:  # not warming after all: a later page run asks again
                self._warming.discard((url, project_id))
            raise
        return True
