"""Opening a project store: SQLite by default, PostgreSQL when a URL says so.

The same SQLAlchemy code serves both. Every store is brought to the newest
schema by Alembic on open, so a database made by an older workbench upgrades
itself and a new one is created from the first migration.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, OperationalError

from coding.errors import StoreError

MIGRATIONS = Path(__file__).with_name("migrations")
DEFAULT_URL = "sqlite:///projects/demo.sqlite"

_migrate_lock = threading.Lock()


def default_url() -> str:
    """``DATABASE_URL`` if set, else the demo project's SQLite file."""
    return os.environ.get("DATABASE_URL") or DEFAULT_URL


def normalise_url(url: str) -> str:
    """Accept a bare file path as a SQLite store, and plain postgres URLs for psycopg 3."""
    if "://" not in url:
        return f"sqlite:///{url}"
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://") :]
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://") :]
    return url


@dataclass
class Store:
    """An open project store. Pass it to the functions of the store modules."""

    engine: Engine
    url: str

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    def describe(self) -> str:
        """Where the data lives, for the UI: the file path or the server (password hidden)."""
        url = make_url(self.url)
        if self.is_sqlite:
            return str(Path(url.database or ":memory:").resolve()) if url.database else "in memory"
        return url.render_as_string(hide_password=True)

    @contextmanager
    def begin(self) -> Iterator[Connection]:
        """One transaction: committed on success, rolled back on any error (all-or-nothing)."""
        with self.engine.begin() as conn:
            yield conn

    @contextmanager
    def read(self) -> Iterator[Connection]:
        with self.engine.connect() as conn:
            yield conn


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    cursor = dbapi_conn.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    # WAL lets a second browser tab read while the first writes; the timeout makes
    # concurrent writers wait for each other instead of failing.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


def open_store(url: str | None = None, migrate_schema: bool = True) -> Store:
    """Open (and create or upgrade) the store at ``url``. Raises StoreError with the reason."""
    url = normalise_url(url or default_url())
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise StoreError(f"Not a database URL: {url!r}. Use a SQLite file path or postgresql://user@host/db.") from None
    kwargs: dict = {}
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        kwargs["connect_args"] = {"check_same_thread": False, "timeout": 10}
    else:
        kwargs["pool_pre_ping"] = True
    try:
        engine = create_engine(url, **kwargs)
    except Exception as exc:  # a missing driver, a malformed URL
        raise StoreError(f"Cannot open the store {parsed.render_as_string(hide_password=True)}: {exc}") from None
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    store = Store(engine=engine, url=url)
    if migrate_schema:
        migrate(store)
    return store


def migrate(store: Store) -> None:
    """Bring the schema to the newest Alembic revision."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    try:
        with _migrate_lock, store.engine.begin() as conn:
            config.attributes["connection"] = conn
            command.upgrade(config, "head")
    except OperationalError as exc:
        raise StoreError(f"Cannot open the store {store.describe()}: {exc.orig}") from None
