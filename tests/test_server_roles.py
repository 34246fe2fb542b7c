"""docs/server_roles.sql on a real PostgreSQL: the app's role works and cannot rewrite the history."""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import DBAPIError

from coding.service import team
from coding.store import projects
from coding.store.db import open_store

SQL = Path(__file__).resolve().parent.parent / "docs" / "server_roles.sql"

pytestmark = pytest.mark.skipif(os.environ.get("WORKBENCH_TEST_POSTGRES", "1") == "0", reason="PostgreSQL off")


def _statements(part: str, names: dict[str, str]) -> list[str]:
    text_ = SQL.read_text().split("-- as workbench_owner, in the workbench database")[0 if part == "superuser" else 1]
    for old, new in names.items():
        text_ = text_.replace(old, new)
    lines = [line for line in text_.splitlines() if line.strip() and not line.startswith("--")]
    if part != "superuser":
        lines = lines[1:]  # the rest of the marker line
    return [s.strip() for s in "\n".join(lines).split(";") if s.strip()]


def test_the_documented_roles(pg_server):
    tag = uuid.uuid4().hex[:8]
    names = {
        "workbench_owner": f"owner_{tag}",
        "workbench_app": f"app_{tag}",
        "DATABASE workbench": f"DATABASE wb_{tag}",
        "change-me-owner": "o",
        "change-me-app": "a",
    }
    admin = create_engine(pg_server.url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        for statement in _statements("superuser", names):
            conn.execute(text(statement))
    admin.dispose()
    base = pg_server.url.rsplit("/", 1)[0]
    owner = open_store(base.replace("workbench@", f"owner_{tag}:o@") + f"/wb_{tag}")
    with owner.engine.begin() as conn:
        for statement in _statements("owner", names):
            conn.execute(text(statement))
    owner.engine.dispose()
    app = open_store(base.replace("workbench@", f"app_{tag}:a@") + f"/wb_{tag}")
    project_id = projects.create_project(app, "Shared evaluation")
    team.add_user(app, "lena", None)
    team.set_member(app, project_id, "lena", "lead", by=team.CLI)
    assert [(e.actor, e.kind) for e in team.history(app, project_id)] == [("command line", "team.member")]
    for statement in ("UPDATE history SET actor = 'someone'", "DELETE FROM history", "TRUNCATE history"):
        with pytest.raises(DBAPIError, match="permission denied for table history"):
            with app.engine.begin() as conn:
                conn.execute(text(statement))
    app.engine.dispose()
