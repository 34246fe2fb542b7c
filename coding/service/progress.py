"""The progress callback long service operations take: ``progress(done, total, message)``."""

from __future__ import annotations

from collections.abc import Callable

Progress = Callable[[int, int, str], None]


def no_progress(done: int, total: int, message: str) -> None:
    """The default: report nothing."""
