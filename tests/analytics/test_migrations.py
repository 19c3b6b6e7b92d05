"""Schema changes are Alembic migrations: a new database is built by them, and they match the code's schema."""

from __future__ import annotations

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from analytics.storage import MIGRATIONS, Store, metadata


def test_the_migrations_build_exactly_the_schema_the_code_uses(store):
    with store.engine.connect() as conn:
        differences = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), metadata)

    assert differences == []


def test_a_new_database_is_at_the_newest_revision(store):
    with store.engine.connect() as conn:
        current = MigrationContext.configure(conn).get_current_revision()

    newest = max(path.stem.split("_")[0] for path in (MIGRATIONS / "versions").glob("[0-9]*.py"))
    assert current == newest


def test_a_database_made_before_migrations_existed_is_stamped_and_kept(database_url):
    engine = sa.create_engine(database_url)
    metadata.create_all(engine)  # as the first release created its tables
    with engine.begin() as conn:
        conn.execute(sa.text("INSERT INTO settings (key, value) VALUES ('data_version', 41)"))
    engine.dispose()

    store = Store(database_url)

    assert store.data_version() == 41
    with store.engine.connect() as conn:
        assert MigrationContext.configure(conn).get_current_revision() is not None
