"""The demo's team: a lead and two coders who can sign in, and a finished double-coded sample."""

from __future__ import annotations

import pytest
from argon2 import PasswordHasher

from coding.service import team
from coding.service.demo import DEMO_TEAM, _add_demo_team
from coding.store import transcripts as store_transcripts
from coding.team.assignments import CODE, RELIABILITY
from tests.store_factory import interview, small_project


@pytest.fixture(autouse=True)
def light_hasher(monkeypatch):
    monkeypatch.setattr("coding.team.accounts._hasher", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))


def test_the_demo_team_signs_in_and_has_its_sample(fresh_store):
    project_id, _, _ = small_project(fresh_store)
    for n in (2, 3, 4):
        store_transcripts.save_transcript(fresh_store, project_id, *interview(f"Interview {n}", salt=str(n)))
    # the demo's coders worked through the interviews in this order: the sample is its first two
    ids = [info.id for info in store_transcripts.list_transcripts(fresh_store, project_id)]
    _add_demo_team(fresh_store, project_id, log=lambda message: None)
    assert team.members(fresh_store, project_id) == {"lena": "lead", "amira": "coder", "ben": "coder"}
    assert all(team.sign_in(fresh_store, name, password) for name, _, password in DEMO_TEAM)
    assert sorted(
        (a.transcript_id, a.username, a.kind, a.finished) for a in team.assignments(fresh_store, project_id)
    ) == sorted(
        [
            (ids[0], "amira", RELIABILITY, True),
            (ids[0], "ben", RELIABILITY, True),
            (ids[1], "amira", RELIABILITY, True),
            (ids[1], "ben", RELIABILITY, True),
            (ids[2], "amira", CODE, False),
            (ids[3], "ben", CODE, False),
        ]
    )
    _add_demo_team(fresh_store, project_id, log=lambda message: None)  # a rebuild keeps the accounts
    assert len(team.list_users(fresh_store)) == 3
