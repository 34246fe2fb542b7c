"""Codes, decisions, memos and summaries in the store.

Every decision is written at once in its own transaction, together with a row of
the append-only ``decisions`` log that holds the state before and after, so undo
can restore exactly what was there (and appends an entry of its own). What an action
does is decided by ``coding.decisions``; this module saves it. The model's suggestions
are rows of coder ``MODEL_CODER``; researchers' decisions are rows of their own.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import cast

from sqlalchemy import and_, delete, insert, select, update

from coding.decisions import CodeState, LogEntry, apply_action, check_coder, check_span, span_key, undo_action
from coding.errors import NotFound, WorkbenchError
from coding.model import MODEL_CODER, Action, CodeApplication, Memo, Source, Status, Suggestion
from coding.store import tables as t
from coding.store.db import Store, inserted_id
from coding.store.projects import now


def _code(row) -> CodeApplication:
    return CodeApplication(
        segment_id=row.segment_id,
        theme_id=row.theme_key,
        status=row.status,
        coder=row.coder,
        source=row.source,
        model=row.model,
        score=row.score,
        why=row.why or "",
        start=row.start,
        end=row.end,
        created_at=row.created_at,
        id=row.id,
    )


def put_suggestions(store: Store, project_id: int, suggestions: dict[int, list[Suggestion]], model: str) -> None:
    """Replace the model's suggestions on the given segments (reviewed decisions are untouched)."""
    codes = t.code_applications
    stamp = now()
    with store.begin() as conn:
        ids = list(suggestions)
        for chunk in range(0, len(ids), 500):
            conn.execute(
                delete(codes).where(codes.c.coder == MODEL_CODER, codes.c.segment_id.in_(ids[chunk : chunk + 500]))
            )
        rows = [
            dict(
                project_id=project_id,
                segment_id=segment_id,
                theme_key=s.theme,
                coder=MODEL_CODER,
                status="suggested",
                source="model",
                model=model,
                score=float(s.score),
                why=s.why,
                created_at=stamp,
            )
            for segment_id, items in suggestions.items()
            for s in items
        ]
        if rows:
            conn.execute(insert(codes), rows)


def _unit_state(row) -> CodeState | None:
    if row is None:
        return None
    return CodeState(Status(row.status), Source(row.source), row.model, row.score, row.why or "")


def _locked_theme(conn, store: Store, project_id: int, theme_id: str):
    """The theme row, locked against a concurrent frame edit until this transaction ends."""
    query = select(t.themes).where(t.themes.c.project_id == project_id, t.themes.c.theme_key == theme_id)
    if not store.is_sqlite:  # SQLite's BEGIN IMMEDIATE already holds the whole store
        query = query.with_for_update(read=True)
    return conn.execute(query).first()


def decide(
    store: Store,
    project_id: int,
    segment_id: int,
    theme_id: str,
    action: Action | str,
    coder: str,
    span: tuple[int, int] | None = None,
) -> CodeApplication | None:
    """Record one researcher decision at once (``coding.decisions`` says what it does) and log it.

    Returns the coder's code on that unit after the decision (None after remove).
    """
    return store.retrying(_decide, store, project_id, segment_id, theme_id, Action(action), coder, span)


def _decide(store, project_id, segment_id, theme_id, action, coder, span):
    coder = check_coder(coder)
    codes = t.code_applications
    with store.begin() as conn:
        query = select(t.segments).where(t.segments.c.id == segment_id)
        if not store.is_sqlite:  # decisions on one segment take turns
            query = query.with_for_update()
        segment = conn.execute(query).first()
        if segment is None:
            raise NotFound(f"No segment with id {segment_id}.")
        theme = _locked_theme(conn, store, project_id, theme_id)
        if theme is None or (theme.archived and action != Action.REMOVE):
            raise NotFound(
                f"No theme {theme_id!r} in this project's frames"
                + (" any more (it was merged or deleted): reload the page." if theme is not None else ".")
            )
        span = check_span(span, segment.start, segment.end)
        key = span_key(span)
        mine = and_(
            codes.c.segment_id == segment_id,
            codes.c.theme_key == theme_id,
            codes.c.coder == coder,
            codes.c.span_key == key,
        )
        before_row = conn.execute(select(codes).where(mine)).first()
        suggestion_row = conn.execute(
            select(codes).where(
                codes.c.segment_id == segment_id, codes.c.theme_key == theme_id, codes.c.coder == MODEL_CODER
            )
        ).first()
        outcome = apply_action(action, coder, _unit_state(before_row), _unit_state(suggestion_row))
        _save_unit(conn, project_id, segment_id, theme_id, coder, span, before_row, outcome.after)
        _append_log(conn, project_id, segment_id, theme_id, coder, span, outcome.entry)
        row = conn.execute(select(codes).where(mine)).first()
    return _code(row) if row else None


def _save_unit(conn, project_id, segment_id, theme_id, coder, span, before_row, after: CodeState | None) -> None:
    codes = t.code_applications
    if after is None:
        if before_row is not None:
            conn.execute(delete(codes).where(codes.c.id == before_row.id))
        return
    values = dict(after.as_dict(), start=span[0] if span else None, end=span[1] if span else None)
    if before_row is None:
        conn.execute(
            insert(codes).values(
                project_id=project_id,
                segment_id=segment_id,
                theme_key=theme_id,
                coder=coder,
                span_key=span_key(span),
                created_at=now(),
                **values,
            )
        )
    else:
        conn.execute(update(codes).where(codes.c.id == before_row.id).values(created_at=now(), **values))


def _logged(state: CodeState | None, span) -> dict | None:
    """A state as the log keeps it. "No code" on a phrase still names the phrase (a dict without a
    status), so an undo of, say, removing nothing there looks at that phrase and not the whole answer."""
    if state is None:
        return None if span is None else {"start": span[0], "end": span[1]}
    return dict(state.as_dict(), start=span[0] if span else None, end=span[1] if span else None)


def _append_log(conn, project_id, segment_id, theme_id, coder, span, entry: LogEntry, undoes: int | None = None):
    conn.execute(
        insert(t.decisions).values(
            project_id=project_id,
            segment_id=segment_id,
            theme_key=theme_id,
            coder=coder,
            action="undo" if undoes else str(entry.action),
            before=_logged(entry.before, span),
            after=_logged(entry.after, span),
            model=entry.model,
            model_score=entry.model_score,
            created_at=now(),
            undone=False,
            undoes=undoes,
        )
    )


@dataclass
class UndoneDecision:
    segment_id: int
    theme_id: str
    action: str


def _entry_span(row) -> tuple[int, int] | None:
    state = row.after or row.before or {}
    return (state["start"], state["end"]) if state.get("start") is not None else None


def last_undoable(conn, project_id: int, coder: str):
    """The coder's most recent decision not yet undone (undo entries undo in stack order)."""
    log = t.decisions
    rows = conn.execute(
        select(log).where(log.c.project_id == project_id, log.c.coder == coder).order_by(log.c.id.desc())
    )
    undone: set[int] = set()
    for row in rows:
        if row.action == "undo":
            undone.add(row.undoes)
        elif not row.undone and row.id not in undone:
            return row
    return None


def undo_last(store: Store, project_id: int, coder: str) -> UndoneDecision | None:
    """Undo this coder's most recent decision not yet undone; None when there is nothing to undo.

    Raises ``ConflictError`` (and changes nothing) when the code is no longer what that
    decision left. The undo is itself appended to the log.
    """
    return store.retrying(_undo_last, store, project_id, coder)


def _undo_last(store, project_id, coder):
    codes = t.code_applications
    with store.begin() as conn:
        if not store.is_sqlite:  # one undo at a time per coder: lock their newest log row
            conn.execute(
                select(t.decisions.c.id)
                .where(t.decisions.c.project_id == project_id, t.decisions.c.coder == coder)
                .order_by(t.decisions.c.id.desc())
                .limit(1)
                .with_for_update()
            )
        last = last_undoable(conn, project_id, coder)
        if last is None:
            return None
        span = _entry_span(last)
        if not store.is_sqlite:
            conn.execute(select(t.segments.c.id).where(t.segments.c.id == last.segment_id).with_for_update())
        mine = and_(
            codes.c.segment_id == last.segment_id,
            codes.c.theme_key == last.theme_key,
            codes.c.coder == coder,
            codes.c.span_key == span_key(span),
        )
        current_row = conn.execute(select(codes).where(mine)).first()
        entry = LogEntry(Action(last.action), CodeState.from_dict(last.before), CodeState.from_dict(last.after))
        restored = undo_action(entry, _unit_state(current_row))
        _save_unit(conn, project_id, last.segment_id, last.theme_key, coder, span, current_row, restored)
        _append_log(
            conn,
            project_id,
            last.segment_id,
            last.theme_key,
            coder,
            span,
            LogEntry(Action(last.action), entry.after, restored),
            undoes=last.id,
        )
    return UndoneDecision(last.segment_id, last.theme_key, last.action)


def codes_for_segments(store: Store, segment_ids: list[int]) -> dict[int, list[CodeApplication]]:
    codes = t.code_applications
    out: dict[int, list[CodeApplication]] = {sid: [] for sid in segment_ids}
    with store.read() as conn:
        for chunk in range(0, len(segment_ids), 500):
            rows = conn.execute(
                select(codes)
                .where(codes.c.segment_id.in_(segment_ids[chunk : chunk + 500]))
                .order_by(codes.c.score.desc().nulls_last(), codes.c.id)
            ).all()
            for row in rows:
                out[row.segment_id].append(_code(row))
    return out


def project_codes(store: Store, project_id: int, statuses: tuple[str, ...] | None = None) -> list[CodeApplication]:
    codes = t.code_applications
    query = select(codes).where(codes.c.project_id == project_id)
    if statuses:
        query = query.where(codes.c.status.in_(statuses))
    with store.read() as conn:
        return [_code(r) for r in conn.execute(query.order_by(codes.c.segment_id, codes.c.id))]


@dataclass
class DecisionRecord:
    segment_id: int
    theme_id: str
    coder: str
    action: str
    model: str | None
    model_score: float | None
    created_at: datetime


def decision_log(store: Store, project_id: int, limit: int | None = None) -> list[DecisionRecord]:
    """The project's decisions that stand (neither undone nor undo entries), newest first."""
    log = t.decisions
    undone = select(log.c.undoes).where(log.c.project_id == project_id, log.c.undoes.is_not(None))
    query = (
        select(log)
        .where(log.c.project_id == project_id, log.c.undone.is_(False), log.c.action != "undo", log.c.id.not_in(undone))
        .order_by(log.c.id.desc())
    )
    if limit:
        query = query.limit(limit)
    with store.read() as conn:
        return [
            DecisionRecord(r.segment_id, r.theme_key, r.coder, r.action, r.model, r.model_score, r.created_at)
            for r in conn.execute(query)
        ]


def decision_count(store: Store, project_id: int) -> int:
    """How many decisions the project has (undone ones included: any change counts)."""
    from sqlalchemy import func

    with store.read() as conn:
        return conn.execute(
            select(func.count()).select_from(t.decisions).where(t.decisions.c.project_id == project_id)
        ).scalar_one()


def add_memo(store: Store, project_id: int, memo: Memo) -> int:
    if not memo.text.strip():
        raise WorkbenchError("A memo needs some text.")
    with store.begin() as conn:
        return inserted_id(
            conn.execute(
                insert(t.memos).values(
                    project_id=project_id,
                    segment_id=memo.segment_id,
                    transcript_id=memo.transcript_id,
                    theme_key=memo.theme_id,
                    text=memo.text.strip(),
                    author=memo.author,
                    created_at=now(),
                )
            )
        )


def list_memos(store: Store, project_id: int, segment_ids: list[int] | None = None) -> list[Memo]:
    query = select(t.memos).where(t.memos.c.project_id == project_id)
    if segment_ids is not None:
        query = query.where(t.memos.c.segment_id.in_(segment_ids))
    with store.read() as conn:
        return [
            Memo(r.text, r.author, r.segment_id, r.theme_key, r.transcript_id, r.created_at, r.id)
            for r in conn.execute(query.order_by(t.memos.c.id))
        ]


@dataclass
class DetachedCode:
    id: int
    transcript_id: int
    theme_id: str
    coder: str
    status: str
    text: str
    detached_at: datetime


def list_detached_codes(store: Store, project_id: int, transcript_id: int | None = None) -> list[DetachedCode]:
    """Codes whose words are in no codable segment any more, waiting to be re-attached."""
    table = t.detached_codes
    query = select(table).where(table.c.project_id == project_id)
    if transcript_id is not None:
        query = query.where(table.c.transcript_id == transcript_id)
    with store.read() as conn:
        return [
            DetachedCode(r.id, r.transcript_id, r.theme_key, r.coder, r.status, r.text, r.detached_at)
            for r in conn.execute(query.order_by(table.c.id))
        ]


def reattach_detached_code(store: Store, detached_id: int, segment_id: int) -> CodeApplication:
    """Put a detached code back on a segment of its interview, as its coder left it (the stronger
    code stands if that coder already has one there)."""
    from coding.decisions import merge_states

    codes = t.code_applications
    with store.begin() as conn:
        row = conn.execute(select(t.detached_codes).where(t.detached_codes.c.id == detached_id)).first()
        if row is None:
            raise NotFound(f"No detached code with id {detached_id}.")
        segment = conn.execute(select(t.segments).where(t.segments.c.id == segment_id)).first()
        if segment is None or segment.transcript_id != row.transcript_id or not segment.codable:
            raise WorkbenchError("A detached code goes back on an answer of the same interview.")
        unit = and_(
            codes.c.segment_id == segment_id,
            codes.c.theme_key == row.theme_key,
            codes.c.coder == row.coder,
            codes.c.span_key == "",
        )
        existing = conn.execute(select(codes).where(unit)).first()
        state = CodeState(Status(row.status), Source(row.source), row.model, row.score, row.why or "")
        if existing is None:
            conn.execute(
                insert(codes).values(
                    project_id=row.project_id,
                    segment_id=segment_id,
                    theme_key=row.theme_key,
                    coder=row.coder,
                    span_key="",
                    created_at=row.created_at,
                    **state.as_dict(),
                )
            )
        else:
            merged = merge_states(cast(CodeState, _unit_state(existing)), state)  # a row, so a state
            conn.execute(update(codes).where(codes.c.id == existing.id).values(**merged.as_dict()))
        conn.execute(delete(t.detached_codes).where(t.detached_codes.c.id == detached_id))
        return _code(conn.execute(select(codes).where(unit)).first())
