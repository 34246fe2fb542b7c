"""The rules of a coding decision, as pure functions: no SQL, no Streamlit.

A *unit* is one (segment, theme, coder, span): the whole segment when ``span`` is
None, else one phrase of it. Its state is a ``CodeState`` or None (no code). The
store loads the unit's state, asks these functions what the action makes of it,
and saves exactly what they return, with the log entry, in one transaction.

    >>> suggestion = CodeState(Status.SUGGESTED, Source.MODEL, "minilm", 0.62, "uses 'sanction'")
    >>> outcome = apply_action(Action.CONFIRM, "priya", None, suggestion)
    >>> outcome.after.status, outcome.after.score
    (<Status.CONFIRMED: 'confirmed'>, 0.62)
    >>> undo_action(outcome.entry, current=outcome.after)
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from coding.errors import ConflictError, WorkbenchError
from coding.model import MODEL_CODER, Action, Source, Status


@dataclass(frozen=True)
class CodeState:
    """What a unit holds besides its key. ``score``/``model``/``why`` carry the model's
    suggestion onto a coder's decision, so agreement with the model can be measured."""

    status: Status
    source: Source = Source.HUMAN
    model: str | None = None
    score: float | None = None
    why: str = ""

    def as_dict(self) -> dict:
        return dict(status=str(self.status), source=str(self.source), model=self.model, score=self.score, why=self.why)

    @classmethod
    def from_dict(cls, data: dict | None) -> CodeState | None:
        """The state a log entry recorded; None for "no code" (a phrase's marker carries no status)."""
        if data is None or "status" not in data:
            return None
        return cls(
            Status(data["status"]),
            Source(data.get("source") or Source.HUMAN),
            data.get("model"),
            data.get("score"),
            data.get("why") or "",
        )


@dataclass(frozen=True)
class LogEntry:
    """One line of the append-only decision log: the unit's state before and after."""

    action: Action
    before: CodeState | None
    after: CodeState | None
    model: str | None = None
    model_score: float | None = None


@dataclass(frozen=True)
class Outcome:
    after: CodeState | None
    entry: LogEntry


def check_coder(coder: str) -> str:
    """The coder's name as stamped on decisions; the model's own name is not a researcher's."""
    coder = (coder or "").strip()
    if not coder or coder == MODEL_CODER:
        raise WorkbenchError("Choose your coder name before coding (it is stamped on every decision).")
    return coder


def check_span(span: tuple[int, int] | None, segment_start: int, segment_end: int) -> tuple[int, int] | None:
    """A phrase must lie inside its segment and hold at least one character; the whole
    segment given as a span is the segment itself."""
    if span is None:
        return None
    start, end = span
    if not (segment_start <= start < end <= segment_end):
        raise WorkbenchError("The coded span must lie inside the segment.")
    if (start, end) == (segment_start, segment_end):
        return None
    return (start, end)


def span_key(span: tuple[int, int] | None) -> str:
    """How the store keys a unit's span: "" for the whole segment."""
    return "" if span is None else f"{span[0]}-{span[1]}"


def apply_action(action: Action, coder: str, before: CodeState | None, suggestion: CodeState | None) -> Outcome:
    """What ``action`` by ``coder`` makes of a unit that held ``before``.

    Confirm and add give a confirmed code, reject a rejected one, each carrying the
    model's suggestion for the theme on that segment (if any); remove leaves no code.
    """
    check_coder(coder)
    action = Action(action)
    model = suggestion.model if suggestion else None
    score = suggestion.score if suggestion else None
    if action == Action.REMOVE:
        after = None
    else:
        status = Status.REJECTED if action == Action.REJECT else Status.CONFIRMED
        after = CodeState(status, Source.HUMAN, model, score, suggestion.why if suggestion else "")
    return Outcome(after, LogEntry(action, before, after, model, score))


def undo_action(entry: LogEntry, current: CodeState | None) -> CodeState | None:
    """The state an undo of ``entry`` restores: exactly what was there before it.

    Refused when the unit no longer holds what the entry left (someone else changed it
    since, or a merge moved it): undoing then would destroy their change.
    """
    if current != entry.after:
        raise ConflictError(
            "Your last decision cannot be undone: that code was changed since "
            "(by another decision or a frame edit such as a merge). Nothing was changed."
        )
    return entry.before


_STRENGTH = {Status.CONFIRMED: 2, Status.REJECTED: 1, Status.SUGGESTED: 0}


def merge_states(kept: CodeState, absorbed: CodeState) -> CodeState:
    """One coder's two codes on one unit after their themes are merged: a confirmation
    wins over a rejection; with equal status the kept theme's code stands. The model's
    score stays the higher of the two, so the merged code still measures the model."""
    winner = absorbed if _STRENGTH[absorbed.status] > _STRENGTH[kept.status] else kept
    scores = [s for s in (kept.score, absorbed.score) if s is not None]
    return replace(winner, score=max(scores) if scores else None)
