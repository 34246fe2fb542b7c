"""The rules of a decision, as pure functions (coding/decisions.py): no store needed."""

from __future__ import annotations

import pytest

from coding.decisions import CodeState, LogEntry, apply_action, check_span, merge_states, span_key, undo_action
from coding.errors import ConflictError, WorkbenchError
from coding.model import MODEL_CODER, Action, Source, Status

SUGGESTION = CodeState(Status.SUGGESTED, Source.MODEL, "all-MiniLM-L6-v2", 0.71, "close to 'sanctions'")
CONFIRMED = CodeState(Status.CONFIRMED, Source.HUMAN, "all-MiniLM-L6-v2", 0.71, "close to 'sanctions'")
REJECTED = CodeState(Status.REJECTED, Source.HUMAN, "all-MiniLM-L6-v2", 0.71, "close to 'sanctions'")


@pytest.mark.parametrize(
    ("action", "before", "after"),
    [
        (Action.CONFIRM, None, CONFIRMED),
        (Action.ADD, None, CONFIRMED),
        (Action.REJECT, CONFIRMED, REJECTED),
        (Action.REMOVE, REJECTED, None),
    ],
)
def test_an_action_gives_its_status_and_carries_the_models_suggestion(action, before, after):
    outcome = apply_action(action, "priya", before, SUGGESTION)
    assert outcome == type(outcome)(after, LogEntry(action, before, after, "all-MiniLM-L6-v2", 0.71))


def test_an_added_theme_the_model_never_suggested_carries_no_score():
    assert apply_action(Action.ADD, "priya", None, None).after == CodeState(Status.CONFIRMED)


@pytest.mark.parametrize("coder", ["", "   ", MODEL_CODER])
def test_a_decision_needs_a_researchers_name(coder):
    with pytest.raises(WorkbenchError, match="coder name"):
        apply_action(Action.CONFIRM, coder, None, None)


def test_undo_restores_what_was_there_before():
    entry = apply_action(Action.REJECT, "priya", CONFIRMED, SUGGESTION).entry
    assert undo_action(entry, current=REJECTED) == CONFIRMED


def test_undo_is_refused_when_someone_changed_the_code_since():
    entry = apply_action(Action.CONFIRM, "priya", None, SUGGESTION).entry
    with pytest.raises(ConflictError, match="changed since"):
        undo_action(entry, current=None)


@pytest.mark.parametrize(
    ("kept", "absorbed", "merged"),
    [
        (REJECTED, CONFIRMED, CONFIRMED),
        (CONFIRMED, REJECTED, CONFIRMED),
        (REJECTED, REJECTED, REJECTED),
        (
            CodeState(Status.CONFIRMED, score=0.2),
            CodeState(Status.CONFIRMED, score=0.9),
            CodeState(Status.CONFIRMED, score=0.9),
        ),
    ],
)
def test_a_merge_keeps_a_confirmation_over_a_rejection(kept, absorbed, merged):
    assert merge_states(kept, absorbed) == merged


@pytest.mark.parametrize(
    ("span", "expected"),
    [(None, None), ((10, 20), (10, 20)), ((0, 100), None)],
)
def test_a_span_inside_its_segment(span, expected):
    assert check_span(span, 0, 100) == expected
    assert span_key(expected) == ("" if expected is None else "10-20")


@pytest.mark.parametrize("span", [(-1, 5), (50, 50), (90, 101)])
def test_a_span_outside_its_segment_is_refused(span):
    with pytest.raises(WorkbenchError, match="inside the segment"):
        check_span(span, 0, 100)
