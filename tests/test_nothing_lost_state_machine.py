"""Nothing lost: random sequences of every coding action against a simple model of what must hold.

Hypothesis drives confirm, reject, add, phrase codes, remove, undo, memos, merge, split,
move, delete and restore of themes, and speaker-role corrections (which re-segment the
interview) through the service, on SQLite and on PostgreSQL. After every step the store's
codes (every coder's, with their status and span), detached codes and memos must equal
the model's, and each action must succeed or be refused exactly when the model says so.
A failure shrinks to the shortest story that breaks the promise.
"""

from __future__ import annotations

import uuid

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from coding import service
from coding.errors import ConflictError, NotFound
from coding.model import MODEL_CODER, Memo
from coding.service import queries
from coding.store import projects as store_projects
from coding.store import tables as t
from coding.store import transcripts as store_transcripts
from tests.store_factory import interview, themes_frame

CODERS = ("priya", "tom")
ACTIONS = ("confirm", "reject", "add", "remove")
STRENGTH = {"confirmed": 2, "rejected": 1}
STATUS = {"confirm": "confirmed", "add": "confirmed", "reject": "rejected"}


def _stronger(a: str, b: str) -> str:
    return b if STRENGTH[b] > STRENGTH[a] else a


class NothingLost(RuleBasedStateMachine):
    """The model: ``units`` maps (segment start, segment end, theme, coder, span) -> status;
    each coder's ``stack`` of (unit, before, after) is what their undos walk back."""

    store = None  # set by the test, one store per database

    @initialize()
    def new_project(self):
        self.project_id = store_projects.create_project(self.store, f"p-{uuid.uuid4().hex[:10]}")
        store_projects.save_frame(self.store, self.project_id, themes_frame())
        transcript, segments = interview(salt=uuid.uuid4().hex)
        self.transcript_id = store_transcripts.save_transcript(self.store, self.project_id, transcript, segments)
        self.frame_key = themes_frame().id
        self.live = {"referrals", "sanctions", "employer_engagement", "disclosure"}
        self.archived: set[str] = set()
        self.units: dict[tuple, str] = {}
        self.detached: list[tuple[str, str, str]] = []
        self.stacks: dict[str, list[tuple]] = {c: [] for c in CODERS}
        self.memos: list[str | None] = []
        self.log_entries = 0
        self.logged_themes: set[str] = set()
        self.new_themes = 0
        self.interviewer_codable = False

    # ----- helpers -----

    def segments(self):
        return queries.load_segments(self.store, self.transcript_id, codable_only=True)

    def theme_pool(self):
        return sorted(self.live | self.archived | {"no_such_theme"})

    # ----- coding -----

    @rule(
        coder=st.sampled_from(CODERS),
        pick=st.integers(0, 5),
        theme_pick=st.integers(0, 20),
        action=st.sampled_from(ACTIONS),
        phrase=st.sampled_from([None, None, None, (0, 10), (5, 20)]),
    )
    def decide(self, coder, pick, theme_pick, action, phrase):
        segments = self.segments()
        segment = segments[pick % len(segments)]
        pool = self.theme_pool()
        theme = pool[theme_pick % len(pool)]
        span = None if phrase is None else (segment.start + phrase[0], segment.start + phrase[1])
        if span is not None and span[1] > segment.end:
            span = None
        unit = (segment.start, segment.end, theme, coder, span)
        if theme not in self.live and not (action == "remove" and theme in self.archived):
            with pytest.raises(NotFound):
                service.decide(self.store, self.project_id, segment.id, theme, action, coder, span)
            return
        service.decide(self.store, self.project_id, segment.id, theme, action, coder, span)
        before = self.units.get(unit)
        after = STATUS.get(action)
        if after is None:
            self.units.pop(unit, None)
        else:
            self.units[unit] = after
        self.stacks[coder].append((unit, before, after))
        self.log_entries += 1
        self.logged_themes.add(theme)

    @rule(coder=st.sampled_from(CODERS))
    def undo(self, coder):
        stack = self.stacks[coder]
        if not stack:
            assert service.undo(self.store, self.project_id, coder) is None
            return
        unit, before, after = stack[-1]
        if self.units.get(unit) != after:
            with pytest.raises(ConflictError):
                service.undo(self.store, self.project_id, coder)
            return
        undone = service.undo(self.store, self.project_id, coder)
        assert undone is not None and undone.theme_id == unit[2]
        stack.pop()
        if before is None:
            self.units.pop(unit, None)
        else:
            self.units[unit] = before
        self.log_entries += 1

    @rule(pick=st.integers(0, 5), theme_pick=st.integers(0, 20), on_theme=st.booleans())
    def memo(self, pick, theme_pick, on_theme):
        segment = self.segments()[pick % 2]
        theme = sorted(self.live)[theme_pick % len(self.live)] if on_theme and self.live else None
        service.add_memo(self.store, self.project_id, Memo("Check this with the team.", "priya", segment.id, theme))
        self.memos.append(theme)

    # ----- the frame -----

    def edit(self, operation, **kwargs):
        return service.edit_frame(self.store, self.project_id, self.frame_key, operation, "lead", **kwargs)

    def _merge_units(self, source: str, target: str) -> None:
        moved = {u: s for u, s in self.units.items() if u[2] == source}
        for unit, status in moved.items():
            del self.units[unit]
            into = (unit[0], unit[1], target, unit[3], unit[4])
            self.units[into] = _stronger(self.units[into], status) if into in self.units else status
        self.memos = [target if m == source else m for m in self.memos]
        self.detached = [(target if th == source else th, c, s) for th, c, s in self.detached]

    def _leave(self, theme: str) -> None:
        """A theme leaves the frame: archived when anything a researcher made names it, else deleted."""
        self.live.discard(theme)
        named = (
            self.logged_themes
            | {u[2] for u in self.units}
            | {d[0] for d in self.detached}
            | {m for m in self.memos if m}
        )
        if theme in named:
            self.archived.add(theme)

    @precondition(lambda self: len(self.live) >= 2)
    @rule(data=st.data())
    def merge(self, data):
        frame = queries.load_frame(self.store, self.project_id, self.frame_key)
        source = data.draw(st.sampled_from(sorted(self.live)))
        target = data.draw(st.sampled_from(sorted(self.live - {source})))
        subtree = {t.id for t, _ in frame.find(source).walk()}
        if target in subtree:
            return
        self.edit("merge", source_id=source, target_id=target)
        self._merge_units(source, target)
        self._leave(source)

    @precondition(lambda self: len(self.live) >= 2)
    @rule(
        data=st.data(),
        coder=st.sampled_from(CODERS),
        pick=st.integers(0, 5),
        actions=st.tuples(st.sampled_from(ACTIONS[:3]), st.sampled_from(ACTIONS[:3])),
    )
    def code_both_then_merge(self, data, coder, pick, actions):
        """The case merges get wrong: one coder holds codes on both themes of the same answer."""
        frame = queries.load_frame(self.store, self.project_id, self.frame_key)
        source = data.draw(st.sampled_from(sorted(self.live)))
        target = data.draw(st.sampled_from(sorted(self.live - {source})))
        if target in {t.id for t, _ in frame.find(source).walk()}:
            return
        segments = self.segments()
        for theme, action in zip((source, target), actions):
            self.decide(coder, pick % len(segments), sorted(self.theme_pool()).index(theme), action, None)
        self.edit("merge", source_id=source, target_id=target)
        self._merge_units(source, target)
        self._leave(source)

    @precondition(lambda self: len(self.live) >= 2)
    @rule(data=st.data())
    def delete(self, data):
        frame = queries.load_frame(self.store, self.project_id, self.frame_key)
        theme = data.draw(st.sampled_from(sorted(self.live)))
        subtree = {t.id for t, _ in frame.find(theme).walk()}
        if subtree >= self.live:
            return
        self.edit("delete", theme_id=theme)
        for gone in subtree:
            self._leave(gone)

    @precondition(lambda self: bool(self.archived))
    @rule(data=st.data())
    def restore(self, data):
        theme = data.draw(st.sampled_from(sorted(self.archived)))
        assert theme in {a.theme_key for a in queries.archived_themes(self.store, self.project_id)}
        service.restore_theme(self.store, self.project_id, theme, "lead")
        self.archived.discard(theme)
        self.live.add(theme)

    @precondition(lambda self: bool(self.live))
    @rule(data=st.data())
    def split(self, data):
        theme = data.draw(st.sampled_from(sorted(self.live)))
        self.new_themes += 1
        frame = self.edit("split", theme_id=theme, new_labels=[f"Part {self.new_themes}"])
        self.live |= {t.id for t, _ in frame.walk()} - self.live

    @precondition(lambda self: bool(self.live))
    @rule(data=st.data())
    def move_to_top(self, data):
        frame = queries.load_frame(self.store, self.project_id, self.frame_key)
        theme = data.draw(st.sampled_from(sorted(self.live)))
        if any(t.id == theme for t in frame.themes):
            return
        self.edit("move", theme_id=theme, new_parent_id=None)

    # ----- re-segmentation -----

    @rule()
    def correct_interviewer_role(self):
        """Flip the interviewer between interviewer and respondent: answers keep their bounds;
        codes on the interviewer's turns go detached when those turns stop being codable."""
        role = "interviewer" if self.interviewer_codable else "respondent"
        before = {s.start: s.end for s in self.segments()}
        service.correct_speaker_role(self.store, self.project_id, self.transcript_id, "interviewer", role)
        self.interviewer_codable = not self.interviewer_codable
        after = {(s.start, s.end) for s in self.segments()}
        text = queries.load_transcript(self.store, self.transcript_id).text
        for unit in [u for u in self.units if (u[0], u[1]) not in after]:
            assert before.get(unit[0]) == unit[1]
            span = unit[4] or (unit[0], unit[1])
            self.detached.append((unit[2], unit[3], self.units.pop(unit)))
            assert text[span[0] : span[1]]

    # ----- what must hold -----

    @invariant()
    def store_agrees_with_the_model(self):
        if not hasattr(self, "project_id"):
            return
        bounds = {s.id: (s.start, s.end) for s in queries.load_segments(self.store, self.transcript_id)}
        stored = {}
        for code in queries.project_codes(self.store, self.project_id):
            if code.coder == MODEL_CODER:
                continue
            span = (code.start, code.end) if code.start is not None else None
            stored[(*bounds[code.segment_id], code.theme_id, code.coder, span)] = str(code.status)
        assert stored == self.units
        with self.store.read() as conn:
            detached = conn.execute(
                t.detached_codes.select().where(t.detached_codes.c.project_id == self.project_id)
            ).all()
            log = conn.execute(t.decisions.select().where(t.decisions.c.project_id == self.project_id)).all()
        assert sorted((d.theme_key, d.coder, d.status) for d in detached) == sorted(self.detached)
        assert len(log) == self.log_entries
        memos = queries.list_memos(self.store, self.project_id)
        assert sorted(m.theme_id or "" for m in memos) == sorted(m or "" for m in self.memos)


@pytest.mark.parametrize("database", ["sqlite", "postgresql"])
@pytest.mark.slow
def test_no_decision_is_lost_or_changed_but_by_its_coder_or_a_merge(database, request, tmp_path):
    if database == "postgresql":
        from tests.conftest import DATABASES

        if "postgresql" not in DATABASES:
            pytest.skip("WORKBENCH_TEST_POSTGRES=0")
        from coding.store.db import open_store
        from tests.pg_server import create_database

        server = request.getfixturevalue("pg_server")
        store = open_store(create_database(server, f"sm_{uuid.uuid4().hex[:12]}"))
    else:
        from coding.store.db import open_store

        store = open_store(f"sqlite:///{tmp_path / 'sm.sqlite'}")
    machine = settings(
        max_examples=40 if database == "sqlite" else 15,
        stateful_step_count=40,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow],
    )(type(f"NothingLostOn{database}", (NothingLost,), {"store": store}))
    machine.TestCase().runTest()
    store.engine.dispose()
