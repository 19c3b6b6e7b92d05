"""A throw-away PostgreSQL server for the storage specs: started from Debian's binaries, Unix socket only.

Where PostgreSQL is not installed the PostgreSQL variants skip with the reason, except in CI
(CI=true), where a missing server is a failure: `.ci/run` installs it.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import sqlalchemy as sa

USER = "cum2"
# Set to use a server of your own instead, e.g. postgresql+psycopg://user:pass@localhost/postgres
EXTERNAL_URL = "TEST_POSTGRES_URL"


def _binary(name: str) -> str | None:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return found[-1] if found else shutil.which(name)


def _free_port() -> int:
    # The server listens on a Unix socket only; the port just names the socket file.
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _run(args: list[str], as_postgres: bool) -> None:
    command = ["runuser", "-u", "postgres", "--", *args] if as_postgres else args
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")


@contextmanager
def postgres_server() -> Iterator[str]:
    """Starts a private cluster in a temporary folder; yields the URL of its maintenance database."""
    if os.environ.get(EXTERNAL_URL):
        yield os.environ[EXTERNAL_URL]
        return
    initdb, pg_ctl = _binary("initdb"), _binary("pg_ctl")
    if initdb is None or pg_ctl is None:
        message = "PostgreSQL is not installed (apt-get install postgresql); .ci/run installs it"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    as_postgres = os.geteuid() == 0  # initdb refuses to run as root
    # Not under pytest's tmp_path: its parent is private to root, and the server runs as postgres.
    workdir = Path(tempfile.mkdtemp(prefix="cum2-pg-"))
    data, sockets = workdir / "pgdata", workdir / "pgsock"
    sockets.mkdir()
    if as_postgres:
        shutil.chown(workdir, "postgres")
        shutil.chown(sockets, "postgres")
    port = _free_port()
    _run([initdb, "-D", str(data), "-U", USER, "-A", "trust", "-E", "UTF8", "--no-sync"], as_postgres)
    options = f"-p {port} -k {sockets} -c listen_addresses='' -c fsync=off -c max_connections=60"
    _run([pg_ctl, "-D", str(data), "-o", options, "-l", str(workdir / "pg.log"), "-w", "start"], as_postgres)
    try:
        yield f"postgresql+psycopg://{USER}@/postgres?host={sockets}&port={port}"
    finally:
        _run([pg_ctl, "-D", str(data), "-m", "immediate", "-w", "stop"], as_postgres)
        shutil.rmtree(workdir, ignore_errors=True)


def database_on(server_url: str, name: str) -> str:
    """The URL of database `name` on the server of `server_url`: the private server's socket URL, or a URL of your
    own in TEST_POSTGRES_URL (with or without a password, a port or a query)."""
    return sa.make_url(server_url).set(database=name).render_as_string(hide_password=False)


def fresh_database(server_url: str, template: str | None = None) -> str:
    """A new database on the server, its URL: empty, or a copy of the database at `template` (a URL of this server
    that nothing is connected to: PostgreSQL copies its files, much faster than migrating a new one)."""
    name = f"t_{uuid.uuid4().hex[:12]}"
    copying = "" if template is None else f' TEMPLATE "{database_name(template)}"'
    _maintenance(server_url, f'CREATE DATABASE "{name}"{copying}')
    return database_on(server_url, name)


def drop_database(url: str) -> None:
    """Drops the database at `url` (closing what is still connected to it), so that a run's hundreds of test
    databases do not pile up on the server's disk."""
    server = sa.make_url(url).set(database="postgres")
    _maintenance(server, f'DROP DATABASE IF EXISTS "{database_name(url)}" WITH (FORCE)')


def database_name(url: str) -> str:
    return sa.make_url(url).database


def _maintenance(server_url: str | sa.URL, statement: str) -> None:
    engine = sa.create_engine(server_url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            conn.exec_driver_sql(statement)
    finally:
        engine.dispose()
