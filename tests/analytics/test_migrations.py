"""Schema changes are Alembic migrations: a new database is built by them, and they match the code's schema."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from analytics.security import SYSTEM
from analytics.store.database import MIGRATIONS, DatabaseUnusable, SchemaTooNew, migrate
from analytics.store.schema import metadata
from analytics.store.storage import Store


@pytest.fixture
def opened():
    """Opens a store on a database the test made first; disposed after the test (a PostgreSQL connection left open
    is a ResourceWarning when it is collected)."""
    stores = []

    def open_store(url: str) -> Store:
        stores.append(Store(url))
        return stores[-1]

    yield open_store
    for store in stores:
        store.dispose()


def test_the_migrations_build_exactly_the_schema_the_code_uses(store):
    with store.engine.connect() as conn:
        differences = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), metadata)

    assert differences == []


def test_a_new_database_is_at_the_newest_revision(store):
    with store.engine.connect() as conn:
        current = MigrationContext.configure(conn).get_current_revision()

    newest = max(path.stem.split("_")[0] for path in (MIGRATIONS / "versions").glob("[0-9]*.py"))
    assert current == newest


def test_a_database_made_before_migrations_existed_is_stamped_and_kept(database_url, opened):
    engine = sa.create_engine(database_url)
    first_release = ["settings", "uploads", "returns", "figures", "problems", "targets"]
    metadata.create_all(engine, tables=[metadata.tables[name] for name in first_release])  # as it created them
    with engine.begin() as conn:
        conn.execute(sa.text("ALTER TABLE returns DROP COLUMN restored_from"))  # added since (0004)
        conn.execute(sa.text("INSERT INTO settings (key, value) VALUES ('data_version', 41)"))
    engine.dispose()

    store = opened(database_url)

    assert store.data_version() == 41
    with store.engine.connect() as conn:
        assert MigrationContext.configure(conn).get_current_revision() is not None


def test_an_existing_database_upgrades_in_place_keeping_its_returns(database_url, opened):
    engine = sa.create_engine(database_url)
    migrate(engine, "0001")
    now = dt.datetime(2023, 10, 20, tzinfo=dt.UTC)
    with engine.begin() as conn:  # a return stored by the first release, as its tables held it
        conn.execute(sa.text("INSERT INTO settings (key, value) VALUES ('data_version', 1)"))
        conn.execute(
            sa.text(
                "INSERT INTO uploads (id, sha256, filename, size, content, uploaded_at, uploaded_by) "
                "VALUES (1, 'abc', 'lc.xlsx', 3, :content, :now, 'hệ thống')"
            ),
            {"content": b"abc", "now": now},
        )
        conn.execute(
            sa.text(
                "INSERT INTO returns (id, court, year, period, version, upload_id, stored_at, stored_by, prepared_by, "
                "notes, synthetic) VALUES (1, 'lai_chau', 2023, '12', 1, 1, :now, 'hệ thống', '', '', false)"
            ),
            {"now": now},
        )
    engine.dispose()

    store = opened(database_url)

    assert len(store.returns()) == 1
    store.add_comment("lai_chau", 2023, "12", "Sau khi nâng cấp", SYSTEM)  # its account was added by 0003
    assert store.comments(court="lai_chau")["text"].tolist() == ["Sau khi nâng cấp"]


def test_a_version_restored_before_the_restore_mark_existed_is_marked_from_the_audit_trail(database_url, opened):
    engine = sa.create_engine(database_url)
    migrate(engine, "0003")
    now = dt.datetime(2026, 12, 2, 10, 38, tzinfo=dt.UTC)
    with engine.begin() as conn:  # version 1 uploaded, then restored as version 3 by 0003's code
        conn.execute(
            sa.text(
                "INSERT INTO uploads (id, sha256, filename, size, content, uploaded_at, uploaded_by) "
                "VALUES (1, 'abc', 'sl.xlsx', 3, :content, :now, 'hệ thống')"
            ),
            {"content": b"abc", "now": now},
        )
        for version in (1, 2, 3):
            conn.execute(
                sa.text(
                    "INSERT INTO returns (court, year, period, version, upload_id, stored_at, stored_by, prepared_by, "
                    "notes, synthetic) VALUES ('son_la', 2025, '12', :version, 1, :now, 'hệ thống', '', '', false)"
                ),
                {"version": version, "now": now},
            )
        conn.execute(
            sa.text(
                "INSERT INTO audit (at, actor, action, subject, before, after) VALUES (:now, 'hệ thống', "
                "'return.restore', 'son_la 2025 12', '{\"version\": 2}', '{\"from\": 1, \"version\": 3}')"
            ),
            {"now": now},
        )
    engine.dispose()

    store = opened(database_url)

    marks = store.uploads().set_index("version")["restored_from"]
    assert marks.fillna(0).to_dict() == {3: 1, 2: 0, 1: 0}


def test_a_database_migrated_by_a_newer_release_is_refused_in_one_sentence_and_left_as_it_is(database_url, opened):
    store = opened(database_url)
    with store.engine.begin() as conn:  # what a later release's migration leaves behind
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '0099'")
    store.dispose()

    with pytest.raises(SchemaTooNew) as refused:
        Store(database_url)

    assert "phiên bản lược đồ «0099», mới hơn mã đang chạy ở đây" in refused.value.message
    assert "Hãy cập nhật mã" in refused.value.message
    engine = sa.create_engine(database_url)
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == "0099"
    engine.dispose()


def test_a_migration_that_fails_on_a_duplicate_is_raised_not_taken_for_a_concurrent_start(tmp_path, monkeypatch):
    from alembic import command

    def duplicate(config, revision):  # a data migration meeting rows it did not expect
        raise sa.exc.IntegrityError("INSERT …", {}, Exception("UNIQUE constraint failed: users.username"))

    monkeypatch.setattr(command, "upgrade", duplicate)

    with pytest.raises(sa.exc.IntegrityError):  # not a store opened on a schema its code does not have
        Store(f"sqlite:///{tmp_path / 'cum2.sqlite'}")


def emptied(url: str, *, but: tuple[str, ...] = ()) -> None:
    """The app's tables gone behind an open store, Alembic's too (a SQLite file replaced by an empty one while the
    server ran, a restore that left the database empty), except those named in `but`."""
    engine = sa.create_engine(url)
    metadata.drop_all(engine, tables=[table for name, table in metadata.tables.items() if name not in but])
    if "alembic_version" not in but:
        with engine.begin() as conn:
            conn.exec_driver_sql("DROP TABLE alembic_version")
    engine.dispose()


@pytest.mark.parametrize("doing", ["read", "write"])
def test_a_database_without_the_apps_tables_is_told_to_be_initialised_not_to_be_waited_for(doing, database_url, opened):
    store = opened(database_url)
    emptied(database_url)

    with pytest.raises(DatabaseUnusable) as told:  # a misconfiguration: the page says so, no «try again later»
        if doing == "read":
            store.data_version()
        else:
            store.put_setting("deadline_days", 20, SYSTEM)

    assert told.value.message.startswith("Cơ sở dữ liệu ") and "chưa có các bảng của ứng dụng" in told.value.message
    assert "Hãy chạy python -m analytics init" in told.value.message
    assert "run python -m analytics init" in told.value.message_en


def test_a_database_at_the_newest_revision_missing_one_table_is_not_told_to_run_init(database_url, opened):
    store = opened(database_url)
    emptied(database_url, but=("alembic_version", "users", "audit", "returns", "uploads", "figures", "problems"))

    with pytest.raises(sa.exc.DBAPIError):  # init would not mend it: its migrations are done
        store.data_version()
