"""Shared test set-up: databases the specs can write to, never the developer's own data/ file."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from analytics.store import bootstrap
from analytics.store.storage import Store
from tests.postgres import fresh_database, postgres_server

ROOT = Path(__file__).resolve().parent.parent

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


@pytest.fixture
def sample_url(sample_db: Path, tmp_path: Path) -> str:
    """A private copy of the sample database for one test, so that a test may write to it."""
    copy = tmp_path / "db.sqlite"
    shutil.copy(sample_db, copy)
    return f"sqlite:///{copy}"


@pytest.fixture
def empty_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'empty.sqlite'}"


@pytest.fixture(scope="session")
def postgres():
    """The URL of a PostgreSQL server for this run (started on first use)."""
    with postgres_server() as url:
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty database on each backend the product supports: a SQLite file, and real PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.sqlite'}"
    return fresh_database(request.getfixturevalue("postgres"))


@pytest.fixture
def store(database_url: str):
    """A new store on each backend; disposed after the test."""
    created = Store(database_url)
    yield created
    created.dispose()
