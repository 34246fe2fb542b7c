"""A throwaway PostgreSQL server for the store suite's second run.

Started once per test session on a free loopback port, from Debian's binaries
(``make test`` installs the package when missing). As root it runs as the
``postgres`` system user, because initdb refuses to run as root.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass


@dataclass
class PgServer:
    url: str
    data_dir: str
    bin_dir: str
    user: str | None

    def stop(self) -> None:
        _run(self, [f"{self.bin_dir}/pg_ctl", "-D", self.data_dir, "-m", "immediate", "stop"], check=False)
        shutil.rmtree(self.data_dir, ignore_errors=True)


def _bin_dir() -> str | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return os.path.dirname(found[-1]) if found else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _run(server_or_user, cmd: list[str], check: bool = True) -> subprocess.CompletedProcess:
    user = server_or_user.user if isinstance(server_or_user, PgServer) else server_or_user
    if user:
        cmd = ["runuser", "-u", user, "--", *cmd]
    return subprocess.run(cmd, check=check, capture_output=True, text=True, timeout=120)


def start_postgres() -> PgServer:
    """Start a server and return it; raises RuntimeError saying what is missing."""
    bin_dir = _bin_dir()
    if bin_dir is None:
        raise RuntimeError("PostgreSQL is not installed: run `make test` (it installs Debian's postgresql package).")
    user = "postgres" if os.geteuid() == 0 else None
    data_dir = tempfile.mkdtemp(prefix="workbench-pg-")
    if user:
        shutil.chown(data_dir, user=user, group=user)
    port = _free_port()
    _run(user, [f"{bin_dir}/initdb", "-A", "trust", "--no-sync", "-U", "workbench", "-D", data_dir])
    options = f"-k {data_dir} -h 127.0.0.1 -p {port} -F"
    server = PgServer(f"postgresql+psycopg://workbench@127.0.0.1:{port}/postgres", data_dir, bin_dir, user)
    result = _run(
        user, [f"{bin_dir}/pg_ctl", "-D", data_dir, "-o", options, "-l", f"{data_dir}/log", "-w", "start"], check=False
    )
    if result.returncode != 0:
        server.stop()
        raise RuntimeError(f"PostgreSQL did not start: {result.stdout}{result.stderr}")
    return server


def create_database(server: PgServer, name: str) -> str:
    """A fresh empty database on the server; returns its URL."""
    import psycopg

    base = server.url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return server.url.rsplit("/", 1)[0] + f"/{name}"
