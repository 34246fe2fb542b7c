"""Shared fixtures: fresh stores on SQLite and on a real PostgreSQL, and the encoders.

Store tests take ``fresh_store`` and run twice: on a SQLite file and on a
throwaway PostgreSQL server (Debian's binaries; ``make test`` installs them).
Set ``WORKBENCH_TEST_POSTGRES=0`` to run the SQLite half only.
"""

from __future__ import annotations

import os
import uuid

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

DATABASES = ["sqlite"] + (["postgresql"] if os.environ.get("WORKBENCH_TEST_POSTGRES", "1") != "0" else [])


@pytest.fixture(scope="session")
def pg_server():
    from tests.pg_server import start_postgres

    server = start_postgres()
    yield server
    server.stop()


@pytest.fixture(params=DATABASES)
def fresh_store(request, tmp_path):
    """An empty, migrated store: SQLite file, then a new PostgreSQL database."""
    from coding.store.db import open_store

    if request.param == "sqlite":
        store = open_store(f"sqlite:///{tmp_path / 'project.sqlite'}")
    else:
        from tests.pg_server import create_database

        server = request.getfixturevalue("pg_server")
        store = open_store(create_database(server, f"t_{uuid.uuid4().hex[:12]}"))
    yield store
    store.engine.dispose()


@pytest.fixture(scope="session")
def encoder():
    """The real all-MiniLM-L6-v2, loaded once per test session."""
    from coding.suggest.encoder import default_encoder

    return default_encoder()


@pytest.fixture
def hashing_encoder():
    from coding.suggest.encoder import HashingEncoder

    return HashingEncoder()


def pytest_collection_modifyitems(items):
    """Markers follow the fixtures a test takes, so `make test-fast` can leave the heavy ones out."""
    for item in items:
        names = set(getattr(item, "fixturenames", ()))
        if "encoder" in names:
            item.add_marker(pytest.mark.model)
        callspec = getattr(item, "callspec", None)
        params = set(map(str, callspec.params.values())) if callspec else set()
        if "pg_server" in names or "postgresql" in params:
            item.add_marker(pytest.mark.postgres)
