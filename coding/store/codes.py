"""Codes, decisions, memos and summaries in the store.

Every decision is written at once in its own transaction, together with a row of
the append-only ``decisions`` log that holds the state before and after, so undo
can restore exactly what was there. The model's suggestions are rows of coder
``MODEL_CODER``; researchers' decisions are rows of their own.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, delete, insert, select, update

from coding.errors import NotFound, WorkbenchError
from coding.model import CodeApplication, Memo, Suggestion
from coding.store import tables as t
from coding.store.db import Store
from coding.store.projects import now

MODEL_CODER = "model"
ACTIONS = ("confirm", "reject", "add", "remove")


def _code(row) -> CodeApplication:
    return CodeApplication(
        segment_id=row.segment_id, theme_id=row.theme_key, status=row.status, coder=row.coder, source=row.source,
        model=row.model, score=row.score, why=row.why or "", start=row.start, end=row.end,
        created_at=row.created_at, id=row.id,
    )


def _state(row) -> dict | None:
    """The part of a code row that undo restores (JSON-safe)."""
    if row is None:
        return None
    return dict(
        status=row.status, source=row.source, model=row.model, score=row.score, why=row.why,
        start=row.start, end=row.end,
    )


def put_suggestions(
    store: Store, project_id: int, suggestions: dict[int, list[Suggestion]], model: str
) -> None:
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
                project_id=project_id, segment_id=segment_id, theme_key=s.theme, coder=MODEL_CODER,
                status="suggested", source="model", model=model, score=float(s.score), why=s.why,
                created_at=stamp,
            )
            for segment_id, items in suggestions.items()
            for s in items
        ]
        if rows:
            conn.execute(insert(codes), rows)


def decide(
    store: Store,
    project_id: int,
    segment_id: int,
    theme_id: str,
    action: str,
    coder: str,
    span: tuple[int, int] | None = None,
) -> CodeApplication | None:
    """Record one researcher decision: confirm / reject / add a theme, or remove their code.

    Confirming carries the model's score and name onto the researcher's row, so
    agreement with the model can be measured later. Returns the coder's code row
    after the decision (None after remove).
    """
    if action not in ACTIONS:
        raise WorkbenchError(f"Unknown action {action!r}; use one of {', '.join(ACTIONS)}.")
    coder = coder.strip()
    if not coder or coder == MODEL_CODER:
        raise WorkbenchError("Choose your coder name before coding (it is stamped on every decision).")
    codes = t.code_applications
    with store.begin() as conn:
        segment = conn.execute(select(t.segments).where(t.segments.c.id == segment_id)).first()
        if segment is None:
            raise NotFound(f"No segment with id {segment_id}.")
        known = conn.execute(
            select(t.themes.c.id).where(t.themes.c.project_id == project_id, t.themes.c.theme_key == theme_id)
        ).first()
        if known is None and action != "remove":
            raise NotFound(f"No theme {theme_id!r} in this project's frames.")
        if span is not None and not (segment.start <= span[0] < span[1] <= segment.end):
            raise WorkbenchError("The coded span must lie inside the segment.")
        mine = and_(codes.c.segment_id == segment_id, codes.c.theme_key == theme_id, codes.c.coder == coder)
        before = conn.execute(select(codes).where(mine)).first()
        model_row = conn.execute(
            select(codes).where(
                codes.c.segment_id == segment_id, codes.c.theme_key == theme_id, codes.c.coder == MODEL_CODER
            )
        ).first()
        after: dict | None
        if action == "remove":
            conn.execute(delete(codes).where(mine))
            after = None
        else:
            after = dict(
                status="rejected" if action == "reject" else "confirmed",
                source="human",
                model=model_row.model if model_row else None,
                score=model_row.score if model_row else None,
                why=model_row.why if model_row else "",
                start=span[0] if span else None,
                end=span[1] if span else None,
            )
            if before is None:
                conn.execute(
                    insert(codes).values(
                        project_id=project_id, segment_id=segment_id, theme_key=theme_id, coder=coder,
                        created_at=now(), **after,
                    )
                )
            else:
                conn.execute(update(codes).where(mine).values(created_at=now(), **after))
        conn.execute(
            insert(t.decisions).values(
                project_id=project_id, segment_id=segment_id, theme_key=theme_id, coder=coder, action=action,
                before=_state(before), after=after, model=model_row.model if model_row else None,
                model_score=model_row.score if model_row else None, created_at=now(), undone=False,
            )
        )
        row = conn.execute(select(codes).where(mine)).first()
    return _code(row) if row else None


@dataclass
class UndoneDecision:
    segment_id: int
    theme_id: str
    action: str


def undo_last(store: Store, project_id: int, coder: str) -> UndoneDecision | None:
    """Undo this coder's most recent decision not yet undone; None when there is nothing to undo."""
    codes = t.code_applications
    with store.begin() as conn:
        last = conn.execute(
            select(t.decisions)
            .where(t.decisions.c.project_id == project_id, t.decisions.c.coder == coder, t.decisions.c.undone.is_(False))
            .order_by(t.decisions.c.id.desc())
            .limit(1)
        ).first()
        if last is None:
            return None
        mine = and_(codes.c.segment_id == last.segment_id, codes.c.theme_key == last.theme_key, codes.c.coder == coder)
        conn.execute(delete(codes).where(mine))
        if last.before is not None:
            conn.execute(
                insert(codes).values(
                    project_id=project_id, segment_id=last.segment_id, theme_key=last.theme_key, coder=coder,
                    created_at=now(), **last.before,
                )
            )
        conn.execute(update(t.decisions).where(t.decisions.c.id == last.id).values(undone=True))
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
    query = (
        select(t.decisions)
        .where(t.decisions.c.project_id == project_id, t.decisions.c.undone.is_(False))
        .order_by(t.decisions.c.id.desc())
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
        ).scalar()


def add_memo(store: Store, project_id: int, memo: Memo) -> int:
    if not memo.text.strip():
        raise WorkbenchError("A memo needs some text.")
    with store.begin() as conn:
        return conn.execute(
            insert(t.memos).values(
                project_id=project_id, segment_id=memo.segment_id, transcript_id=memo.transcript_id,
                theme_key=memo.theme_id, text=memo.text.strip(), author=memo.author, created_at=now(),
            )
        ).inserted_primary_key[0]


def list_memos(store: Store, project_id: int, segment_ids: list[int] | None = None) -> list[Memo]:
    query = select(t.memos).where(t.memos.c.project_id == project_id)
    if segment_ids is not None:
        query = query.where(t.memos.c.segment_id.in_(segment_ids))
    with store.read() as conn:
        return [
            Memo(r.text, r.author, r.segment_id, r.theme_key, r.transcript_id, r.created_at, r.id)
            for r in conn.execute(query.order_by(t.memos.c.id))
        ]


def set_summary(store: Store, project_id: int, transcript_id: int, theme_id: str, text: str, author: str) -> None:
    """The researcher's Framework summary for one case x theme cell (empty text clears it)."""
    with store.begin() as conn:
        where = and_(t.summaries.c.transcript_id == transcript_id, t.summaries.c.theme_key == theme_id)
        conn.execute(delete(t.summaries).where(where))
        if text.strip():
            conn.execute(
                insert(t.summaries).values(
                    project_id=project_id, transcript_id=transcript_id, theme_key=theme_id, text=text.strip(),
                    author=author, updated_at=now(),
                )
            )


def list_summaries(store: Store, project_id: int) -> dict[tuple[int, str], str]:
    with store.read() as conn:
        rows = conn.execute(select(t.summaries).where(t.summaries.c.project_id == project_id)).all()
    return {(r.transcript_id, r.theme_key): r.text for r in rows}
