"""Shared test set-up: databases the specs can write to, never the developer's own data/ file."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from analytics.store import bootstrap
from analytics.store.storage import Store
from tests.postgres import drop_database, fresh_database, postgres_server

ROOT = Path(__file__).resolve().parent.parent

# How `pytest -n` (make test) shares the specs out between its workers. Each spec is handed to the next free worker
# on its own, except these units, each run whole by one worker: what they set up once for all their specs costs
# seconds to tens of seconds (the journeys' server and Chromium; the reports' PDF and workbooks, the file-in-file-out
# import of the sample returns), and a unit split between workers pays for it on each.
WHOLE_UNITS = ("tests/e2e/", "tests/analytics/test_reports.py", "tests/analytics/test_file_in_file_out.py")
# Handed out first, longest first, so that no worker is still running one of them when the other has run out of work
# (the importer's properties run 1.000 examples each in CI: a minute apiece there).
FIRST = (
    "tests/e2e/",
    "tests/analytics/test_reports.py",
    "tests/test_offline.py",
    "tests/analytics/test_import_properties.py",
)

# The importer's property tests: 1,000 mutated workbooks per property in CI, fewer on a developer's machine.
settings.register_profile("ci", max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("dev", max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("ci" if os.environ.get("CI") == "true" else "dev")


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file with the sample returns of 2023–2025 and the shipped targets, built once per run."""
    path = tmp_path_factory.mktemp("sample") / "sample.sqlite"
    store = Store(f"sqlite:///{path}")
    outcomes = bootstrap.prepare(store, sample_dir=bootstrap.SAMPLE_DIR)
    assert [o.status for o in outcomes] == ["stored"] * len(list(bootstrap.SAMPLE_DIR.glob("*.xlsx")))
    store.dispose()
    return path


def private_copy(database: Path, folder: Path) -> str:
    """The URL of a copy of a SQLite database made once for many tests, in one test's folder: the test may write."""
    copy = folder / "db.sqlite"
    shutil.copy(database, copy)
    return f"sqlite:///{copy}"


@pytest.fixture
def sample_url(sample_db: Path, tmp_path: Path) -> str:
    """A private copy of the sample database for one test, so that a test may write to it."""
    return private_copy(sample_db, tmp_path)


@pytest.fixture
def empty_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'empty.sqlite'}"


@pytest.fixture(scope="session")
def postgres():
    """The URL of a PostgreSQL server for this run (started on first use)."""
    with postgres_server() as url:
        yield url


@pytest.fixture(scope="session")
def migrated_sqlite(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file the migrations built, as a new store leaves it, made once per run: a test's store is a copy."""
    path = tmp_path_factory.mktemp("migrated") / "migrated.sqlite"
    Store(f"sqlite:///{path}").dispose()  # the last connection closed: the write-ahead log is in the file
    return path


@pytest.fixture
def migrated_url(migrated_sqlite: Path, tmp_path: Path) -> str:
    """A SQLite database of its own for the test, the migrations' tables and nothing more (as a new store leaves it:
    `init` adds the targets and the demo administrator): what every command of the command line but `init` needs."""
    return private_copy(migrated_sqlite, tmp_path)


@pytest.fixture(scope="session")
def migrated_postgres(postgres: str) -> Iterator[str]:
    """The URL of a PostgreSQL database the migrations built, as a new store leaves it, made once per run; nothing
    stays connected to it, so that a test's store can be a copy of it."""
    url = fresh_database(postgres)
    Store(url).dispose()
    yield url
    drop_database(url)


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A database of its own for the test on each backend the product supports: a SQLite file, and real PostgreSQL.
    Empty; or, for a test that opens the `store` fixture on it, already migrated (a copy of a database the
    migrations built once per run: migrating takes a quarter of a second, copying a few milliseconds)."""
    migrated = "store" in request.fixturenames
    if request.param == "sqlite":
        path = tmp_path / "store.sqlite"
        if migrated:
            shutil.copy(request.getfixturevalue("migrated_sqlite"), path)
        yield f"sqlite:///{path}"
        return
    template = request.getfixturevalue("migrated_postgres") if migrated else None
    url = fresh_database(request.getfixturevalue("postgres"), template)
    yield url
    drop_database(url)


@pytest.fixture
def store(database_url: str):
    """A new store on each backend; disposed after the test."""
    created = Store(database_url)
    yield created
    created.dispose()


# --- how the specs are shared out ------------------------------------------------------------------------------------


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The specs of FIRST before all others, in FIRST's order; the rest as collected."""
    items.sort(key=lambda item: next((i for i, p in enumerate(FIRST) if item.nodeid.startswith(p)), len(FIRST)))


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log):
    """Under `pytest -n` without another --dist: each spec on its own to the next free worker, the WHOLE_UNITS each to
    one worker, in the order collected. (xdist's --dist loadgroup would group by marks, but under pytest 9 its groups
    never reach the scheduler: it rewrites a node id attribute pytest no longer reads.)"""
    if config.getvalue("dist") != "load":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class WholeUnits(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return next((unit for unit in WHOLE_UNITS if nodeid.startswith(unit)), nodeid)

    config.option.loadscopereorder = False  # the collected order (FIRST first), not the units' sizes
    return WholeUnits(config, log)
