"""Eight coders at once, and a lead merging themes meanwhile: no decision lost or doubled, no unhandled error.

Speed is measured by ``benchmarks/bench_decision_load.py``, never asserted here.
"""

from __future__ import annotations

import uuid

import pytest

from benchmarks.decision_load import run_load
from tests.conftest import DATABASES


@pytest.mark.parametrize("database", DATABASES)
@pytest.mark.slow
def test_eight_processes_coding_one_project_lose_and_double_nothing(database, request, tmp_path):
    if database == "sqlite":
        url = f"sqlite:///{tmp_path / 'load.sqlite'}"
    else:
        from tests.pg_server import create_database

        url = create_database(request.getfixturevalue("pg_server"), f"load_{uuid.uuid4().hex[:10]}")
    result = run_load(url, processes=8, decisions=500)
    assert result.errors == []
    assert result.mismatches == []
    lead = next(w for w in result.workers if w.coder == "lead")
    assert lead.decided == 2  # both merges went through while the coders worked
    # One log entry per action that succeeded, and every coder got most of theirs through.
    assert result.log_entries == result.actions
    assert all(w.decided + w.undone + w.refused >= 400 for w in result.workers if w.coder != "lead")
