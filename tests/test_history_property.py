"""The history as a property: whatever the team does, in any order, every change is there once,
in order, and no statement can take one back."""

from __future__ import annotations

import uuid

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from coding.errors import WorkbenchError
from coding.service import team
from coding.store import history as store_history
from tests.store_factory import small_project

THEMES = ["referrals", "sanctions", "employer_engagement"]

operations = st.lists(
    st.one_of(
        st.tuples(
            st.just("settle"),
            st.integers(0, 2),
            st.sampled_from(THEMES),
            st.booleans(),
            st.sampled_from(["lena", "amira"]),
        ),
        st.tuples(st.just("assign"), st.sampled_from(["amira", "ben", "zoe"]), st.sampled_from(["lena", "amira"])),
        st.tuples(st.just("finish"), st.sampled_from(["amira", "ben"])),
        st.tuples(
            st.just("tamper"),
            st.sampled_from(
                [
                    "UPDATE history SET actor = 'x'",
                    "UPDATE history SET after = NULL",
                    "DELETE FROM history",
                ]
            ),
        ),
    ),
    max_size=8,
)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=operations)
def test_every_change_is_recorded_once_in_order_and_none_taken_back(fresh_store, steps):
    project_id, transcript_id, segments = small_project(fresh_store, name=f"P{uuid.uuid4().hex}")
    for name in ("lena", "amira", "ben"):
        if name not in {a.username for a in team.list_users(fresh_store)}:
            team.add_user(fresh_store, name, None)
    team.set_member(fresh_store, project_id, "lena", "lead", by=team.CLI)
    team.set_member(fresh_store, project_id, "amira", "coder", by="lena")
    team.set_member(fresh_store, project_id, "ben", "coder", by="lena")
    expected = [("command line", "team.member"), ("lena", "team.member"), ("lena", "team.member")]
    for step in steps:
        kind = step[0]
        try:
            if kind == "settle":
                _, index, theme, applied, by = step
                team.settle(fresh_store, project_id, segments[index].id, theme, applied, by=by)
                expected.append((by, "code.settle"))
            elif kind == "assign":
                _, coder, by = step
                team.assign(fresh_store, project_id, transcript_id, coder, by=by)
                expected.append((by, "team.assign"))
            elif kind == "finish":
                team.set_finished(fresh_store, project_id, transcript_id, step[1])
                expected.append((step[1], "team.finish"))
            else:
                with pytest.raises(DBAPIError, match="append-only"):
                    with fresh_store.begin() as conn:
                        conn.execute(text(step[1]))
        except WorkbenchError:
            pass  # refused (a coder settling, an unknown member, no assignment): nothing may be recorded
        recorded = [(e.actor, e.kind) for e in store_history.entries(fresh_store, project_id)][::-1]
        assert recorded == expected
