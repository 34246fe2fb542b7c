"""Opening a project store: SQLite by default, PostgreSQL when a URL says so.

The same SQLAlchemy code serves both. Every store is brought to the newest
schema by Alembic on open, so a database made by an older workbench upgrades
itself and a new one is created from the first migration.
"""

from __future__ import annotations

import os
import random
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Connection, CursorResult, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, OperationalError

from coding.errors import StoreBusy, StoreError

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


# How long a writer waits for SQLite's write lock: each attempt waits up to BUSY_MS inside
# SQLite, then backs off and tries again, ATTEMPTS times, before the researcher is told.
BUSY_MS = 2000
ATTEMPTS = 6


def inserted_id(result: CursorResult) -> int:
    """The primary key of the row a single-row INSERT just added."""
    row = result.inserted_primary_key
    assert row is not None  # SQLAlchemy types it Optional; a single-row insert always has it
    return row[0]


def _is_busy(exc: DBAPIError) -> bool:
    """SQLite's "database is locked"/"busy", or PostgreSQL's serialization failure or deadlock."""
    text = str(exc.orig).lower()
    code = getattr(exc.orig, "sqlstate", None)
    return "locked" in text or "busy" in text or code in ("40001", "40P01")


@dataclass
class Store:
    """An open project store. Pass it to the functions of the store modules.

    ``begin()`` is one transaction. Inside ``begin()`` or ``transaction()``, every
    further ``begin()`` and ``read()`` on the same thread joins the open transaction, so
    a service operation of many store calls commits or rolls back as one.
    """

    engine: Engine
    url: str
    _local: threading.local = field(default_factory=threading.local, repr=False)

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    def describe(self) -> str:
        """Where the data lives, for the UI: the file path or the server (password hidden)."""
        url = make_url(self.url)
        if self.is_sqlite:
            return str(Path(url.database or ":memory:").resolve()) if url.database else "in memory"
        return url.render_as_string(hide_password=True)

    @property
    def in_transaction(self) -> bool:
        return getattr(self._local, "conn", None) is not None

    @contextmanager
    def begin(self) -> Iterator[Connection]:
        """One transaction: committed on success, rolled back on any error (all-or-nothing).

        On SQLite it takes the write lock at once (``BEGIN IMMEDIATE``), waiting and
        retrying with backoff while another writer holds it; ``StoreBusy`` when it never
        frees. A transaction already open on this thread is joined instead.
        """
        joined = getattr(self._local, "conn", None)
        if joined is not None:
            yield joined
            return
        with self._writers_queue():
            conn = self._connect_for_write()
            try:
                with conn.begin():
                    self._local.conn = conn
                    try:
                        yield conn
                    finally:
                        self._local.conn = None
            finally:
                conn.close()

    @contextmanager
    def _writers_queue(self) -> Iterator[None]:
        """Writers to one SQLite file wait their turn on a lock file beside it.

        SQLite's own busy handler polls with sleeps that grow to 100 ms, so under eight
        busy coders one unlucky writer can wait seconds; waiting on a file lock, checked
        every millisecond or two, keeps the wait close to the queue ahead of it.
        """
        database = make_url(self.url).database if self.is_sqlite else None
        if not database or database == ":memory:":
            yield
            return
        import fcntl

        with open(f"{database}-writers", "a+b") as lock:
            deadline = time.monotonic() + BUSY_MS * ATTEMPTS / 1000
            pause = 0.001
            while True:
                try:
                    fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() > deadline:
                        raise StoreBusy(
                            "The project store is busy: another researcher's change held it for too long, and your "
                            "change was not saved. Try again in a moment."
                        ) from None
                    time.sleep(pause)
                    pause = min(0.004, pause * 1.5)
            try:
                yield
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    transaction = begin

    def _connect_for_write(self) -> Connection:
        for attempt in range(ATTEMPTS):
            conn = self.engine.connect()
            if not self.is_sqlite:
                return conn
            try:
                dbapi = conn.connection.dbapi_connection
                assert dbapi is not None  # just checked out of the pool, so live
                cursor = dbapi.cursor()
                try:
                    cursor.execute("BEGIN IMMEDIATE")
                finally:
                    cursor.close()
                conn.info["began"] = True
                return conn
            except Exception as exc:  # the driver's own OperationalError: SQLAlchemy did not wrap it
                conn.close()
                if "locked" not in str(exc).lower() and "busy" not in str(exc).lower():
                    raise
                if attempt == ATTEMPTS - 1:
                    break
                time.sleep(min(2.0, 0.05 * 2**attempt) * (0.5 + random.random()))
        raise StoreBusy(
            "The project store is busy: another researcher's change held it for too long, and your change "
            "was not saved. Try again in a moment."
        )

    def retrying(self, operation, *args, **kwargs):
        """Run ``operation(*args, **kwargs)`` (one write transaction), again when the database
        reports a serialization failure or deadlock (PostgreSQL) or a lock (SQLite)."""
        for attempt in range(ATTEMPTS):
            try:
                return operation(*args, **kwargs)
            except DBAPIError as exc:
                if self.in_transaction or not _is_busy(exc) or attempt == ATTEMPTS - 1:
                    if _is_busy(exc):
                        raise StoreBusy(
                            "The project store is busy with other researchers' changes, and your change was not "
                            "saved. Try again in a moment."
                        ) from None
                    raise
                time.sleep(min(1.0, 0.02 * 2**attempt) * (0.5 + random.random()))
        raise AssertionError("unreachable")

    @contextmanager
    def read(self) -> Iterator[Connection]:
        joined = getattr(self._local, "conn", None)
        if joined is not None:
            yield joined
            return
        with self.engine.connect() as conn:
            yield conn


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    # The driver's own transaction handling is switched off so that ``Store.begin`` can say
    # BEGIN IMMEDIATE itself; SQLAlchemy's "begin" event below says BEGIN for every other one.
    dbapi_conn.isolation_level = None
    cursor = dbapi_conn.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    # WAL lets a second browser tab read while the first writes; the timeout makes
    # concurrent writers wait for each other instead of failing.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_MS}")
    cursor.close()


def _sqlite_begin(conn: Connection) -> None:
    if not conn.info.pop("began", False):
        conn.exec_driver_sql("BEGIN")


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
        kwargs["connect_args"] = {"check_same_thread": False, "timeout": BUSY_MS / 1000}
    else:
        kwargs["pool_pre_ping"] = True
    try:
        engine = create_engine(url, **kwargs)
    except Exception as exc:  # a missing driver, a malformed URL
        raise StoreError(f"Cannot open the store {parsed.render_as_string(hide_password=True)}: {exc}") from None
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
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
