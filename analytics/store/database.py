"""The database itself: its URL, the engine, migrations applied on opening, the write transaction that reads the
account again, the audit trail's lines, the data version the pages cache by, and the administrator's settings."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import logging
import os
import shlex
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np
import pandas as pd
import sqlalchemy as sa

from analytics.domain import SETTINGS
from analytics.security import Account, InvalidInput, PermissionDenied, require_admin
from analytics.store.schema import DATA_VERSION, audit, settings, users
from analytics.text import Said, os_reason

DEFAULT_DB_PATH = Path(__file__).resolve().parents[2] / "data" / "cum2.sqlite"


def current_account(conn: sa.Connection, claim: Account) -> Account:
    """The account of this user name as the database holds it now, or PermissionDenied (unknown, disabled, or a
    session of an older generation). Called by `Store.writing` inside the write's transaction."""
    row = conn.execute(sa.select(users).where(users.c.username == claim.username)).mappings().first()
    if row is None:
        raise PermissionDenied.unknown(claim.username)
    if not row["active"]:
        raise PermissionDenied.disabled(claim.username)
    if claim.generation is not None and claim.generation != row["generation"]:
        raise PermissionDenied.session_ended(claim.username)
    return account_of(row)


def account_of(row: sa.RowMapping) -> Account:
    return Account(row["username"], row["role"], row["court"], row["display_name"], row["generation"])


def record(
    conn: sa.Connection, actor: Account, action: str, subject: str, before: object, after: object, now: dt.datetime
) -> None:
    """One line of the audit trail, in the same transaction as the write it describes."""
    conn.execute(audit.insert().values(audit_row(actor, action, subject, before, after, now)))


def audit_row(
    actor: Account, action: str, subject: str, before: object, after: object, now: dt.datetime
) -> dict[str, object]:
    dump = lambda value: None if value is None else json.dumps(value, ensure_ascii=False, default=str, sort_keys=True)  # noqa: E731
    return {
        "at": now,
        "actor": actor.username,
        "action": action,
        "subject": subject,
        "before": dump(before),
        "after": dump(after),
    }


ELLIPSIS = "…"  # the end of a text cut to its column


def fitted(column: sa.Column, text: str) -> str:
    """Text from a file or a person as its column holds it: without NUL characters and cut to the column's length,
    ending in «…». PostgreSQL refuses both (a NUL in any text, a longer text in a VARCHAR) where SQLite keeps them,
    so a file named at length, a long sheet name, a cell's long text quoted in a warning or a NUL in a comment made
    the write fail on PostgreSQL only. The file's own bytes are kept whole beside the return."""
    text = str(text).replace("\x00", "")
    length = getattr(column.type, "length", None)
    return text if length is None or len(text) <= length else text[: length - len(ELLIPSIS)] + ELLIPSIS


def typed_frame(conn: sa.Connection, query: sa.Select, types: dict[str, str]) -> pd.DataFrame:
    """The query's rows as a frame whose columns are all "int64" (no NULL) or "str", as `types` says: built column
    by column from the fetched rows, which is 2–3 times faster than `pd.read_sql` and a cast. The figures are read
    this way: once per upload for the courts concerned, and after each data change those stored since."""
    # The driver's own rows (tuples): SQLAlchemy converts nothing in integer and text columns, and wrapping each
    # of a national database's 60.000 figures in its Row cost more than reading them.
    with conn.execute(query) as result:
        names, rows = list(result.keys()), result.cursor.fetchall()
    table = np.array(rows, dtype=object).reshape(len(rows), len(names))  # one step: zip(*rows) is slow
    return pd.DataFrame(
        {
            name: table[:, j].astype("int64") if types[name] == "int64" else pd.array(table[:, j], dtype="str")
            for j, name in enumerate(names)
        }
    )


def database_url(url: str | None = None) -> str:
    """The URL given, else $DATABASE_URL, else the SQLite file under data/."""
    return url or os.environ.get("DATABASE_URL") or f"sqlite:///{DEFAULT_DB_PATH}"


def masked(url: str) -> str:
    """The database URL with its password as ***, also one given as a query parameter (libpq's `?password=…`,
    `?sslpassword=…`): what may be printed or logged."""
    try:
        parsed = sa.engine.make_url(url)
    except sa.exc.ArgumentError:
        return "(URL không đọc được)"
    hidden = parsed.update_query_dict({key: "***" for key in parsed.query if "password" in key.lower()})
    return hidden.render_as_string(hide_password=True).replace("%2A%2A%2A", "***")


def _secrets(url: str) -> list[str]:
    """The passwords a URL holds, in its user part or its query."""
    try:
        parsed = sa.engine.make_url(url)
    except sa.exc.ArgumentError:
        return []
    in_query = [v for k, value in parsed.query.items() if "password" in k.lower() for v in _values(value)]
    return [str(secret) for secret in (parsed.password, *in_query) if secret]


def _values(value: str | tuple[str, ...]) -> tuple[str, ...]:
    return value if isinstance(value, tuple) else (value,)


def failure_reason(error: BaseException, url: str) -> str:
    """Why the database failed, in its driver's own words («Connection refused», «password authentication failed
    for user …», «unable to open database file»), its first line only and without the URL's password: what tells the
    operator which of the URL, the server, the account or the disk to look at. Not the SQL statement nor its
    parameters, which SQLAlchemy's own text adds (they may hold a user's data). A URL no server could serve says
    so in its own sentence."""
    if isinstance(error, DatabaseUnusable):
        return error.message
    cause: BaseException | None = error
    while cause is not None and getattr(cause, "orig", None) is None:  # StoreUnavailable: the driver's error behind
        cause = cause.__cause__
    # The first line: PostgreSQL's next ones quote the statement (LINE 2: CREATE TABLE …) or give a hint.
    reason = " ".join(next(iter(str(error if cause is None else cause.orig).strip().splitlines()), "").split())
    for secret in _secrets(url):
        reason = reason.replace(secret, "***")
    return reason


class DatabaseUnusable(Said):
    """The URL names no database this app can open, whatever the server does: not a URL, a kind of database or a
    driver the app does not have (only PostgreSQL through psycopg, and SQLite), or a SQLite file whose folder cannot
    be made. `message` is Vietnamese, `message_en` English; neither holds the URL's password."""

    def __init__(self, url: str, reason: str, reason_en: str) -> None:
        super().__init__(
            f"Không mở được cơ sở dữ liệu {masked(url)}: {reason}. Hãy sửa DATABASE_URL (hoặc --db), ví dụ "
            "postgresql+psycopg://người_dùng:mật_khẩu@máy_chủ/cum2 hoặc sqlite:////var/lib/cum2/cum2.sqlite.",
            f"The database cannot be opened: {reason_en}.",
        )


class SchemaTooNew(DatabaseUnusable):
    """The database was migrated by a newer release than the code opening it (an update rolled back, or an instance
    not yet updated beside one that was): nothing is read or written until the code is updated."""

    def __init__(self, url: str, found: str, head: str) -> None:
        Said.__init__(  # its own sentence: not DatabaseUnusable's about the URL
            self,
            f"Cơ sở dữ liệu {masked(url)} đã được nâng cấp lên phiên bản lược đồ «{found}», mới hơn mã đang chạy ở "
            f"đây (mới nhất «{head}»). Hãy cập nhật mã của máy này lên cùng phiên bản với máy đã nâng cấp cơ sở dữ "
            "liệu, rồi chạy lại. Không có gì bị ghi.",
            f"The database's schema ({found}) is newer than this code's ({head}): update the code.",
        )


class SchemaMissing(DatabaseUnusable):
    """The database answers but holds none of the app's tables, Alembic's version table included: a SQLite file
    replaced or emptied while the server ran (opening a store migrates, so a new file has them), or a database
    emptied by a restore. No wait mends it, `python -m analytics init` does (`schema_missing` tells it)."""

    def __init__(self, url: str) -> None:
        Said.__init__(  # its own sentence: not DatabaseUnusable's about the URL
            self,
            f"Cơ sở dữ liệu {masked(url)} chưa có các bảng của ứng dụng (chưa được khởi tạo, hoặc tệp đã bị thay, bị "
            "xóa trong lúc máy chủ chạy). Hãy chạy python -m analytics init với cùng DATABASE_URL (hoặc --db), rồi "
            "mở lại trang; nếu cơ sở dữ liệu này phải có số liệu, hãy kiểm tra đường dẫn hoặc khôi phục bản sao lưu. "
            "Không có gì bị ghi.",
            "The database has none of the app's tables (never initialised, or replaced while the server ran): run "
            "python -m analytics init with the same DATABASE_URL (or --db).",
        )


class NotCreated(SchemaMissing):
    """A command that works on an existing database (every one of the command line's but `init`) was given a URL where
    there is none: no SQLite file at the path, or a database without the app's tables. A typo in the path, or a wrong
    database name on a server where the account may create tables, made a new, empty database before: `indicators`
    printed an empty table, `import` stored the returns where the app never reads them. Nothing is made instead."""

    def __init__(self, url: str, *, no_file: bool) -> None:
        what, what_en = (
            ("không có tệp ở đường dẫn này", "no such file")
            if no_file
            else ("có cơ sở dữ liệu nhưng chưa có bảng nào của ứng dụng", "a database without the app's tables")
        )
        init = f"python -m analytics init --db {shlex.quote(masked(url))}"
        Said.__init__(  # its own sentence: a command refused before anything was written, not a server's lost tables
            self,
            f"Chưa có cơ sở dữ liệu của ứng dụng tại {masked(url)} ({what}): lệnh này chỉ làm việc trên cơ sở dữ "
            f"liệu đã có. Hãy chạy {init} để tạo cơ sở dữ liệu mới, hoặc kiểm tra lại đường dẫn (--db hoặc "
            "DATABASE_URL). Không có gì bị ghi.",
            f"No database of the app at {masked(url)} ({what_en}): run {init} to create a new one, or check the path "
            "(--db or DATABASE_URL). Nothing was written.",
        )


INSUFFICIENT_PRIVILEGE = "42501"  # PostgreSQL's SQLSTATE for «permission denied»
UNDEFINED_TABLE = "42P01"  # PostgreSQL's SQLSTATE for «relation … does not exist»


def schema_missing(url: str, context: sa.engine.ExceptionContext) -> SchemaMissing | None:
    """SchemaMissing for a statement that failed on a table that is not there (SQLite's generic SQL error, none of
    its codes for a file it cannot open, read or write, for a full disk or a busy database; PostgreSQL's
    undefined_table) in a database without Alembic's version table; None for any other failure, which stays as it
    is: a table missing from a migrated database is no matter for `init`. The engine's `handle_error` hook."""
    error = context.original_exception
    no_table = getattr(error, "sqlite_errorcode", None) == sqlite3.SQLITE_ERROR
    # (no engine: a pool's pre-ping, made before there is a connection to ask)
    if context.engine is None or not (no_table or getattr(error, "sqlstate", None) == UNDEFINED_TABLE):
        return None
    version_table = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
    try:
        if no_table and context.connection is not None:  # SQLite: the same connection; another would wait for its lock
            found = context.connection.connection.dbapi_connection.execute(version_table).fetchone()
            return None if found else SchemaMissing(url)
        with context.engine.connect() as conn:  # PostgreSQL: another connection, the failed transaction is aborted
            return None if sa.inspect(conn).has_table("alembic_version") else SchemaMissing(url)
    except (sqlite3.Error, sa.exc.SQLAlchemyError):  # not to be told: the statement's own error stays
        return None


class NotAllowed(DatabaseUnusable):
    """The account of the URL may not create the app's tables: since PostgreSQL 15 only the database's owner may create
    in its schema `public`, so a database made by `postgres` for the app's account refuses the first migration."""

    def __init__(self, url: str, reason: str) -> None:
        user = _user(url)
        Said.__init__(  # its own sentence: not DatabaseUnusable's about the URL
            self,
            f"Tài khoản «{user}» không có quyền tạo bảng trong cơ sở dữ liệu {masked(url)} ({reason}). Hãy cho tài "
            f"khoản đó làm chủ cơ sở dữ liệu (ALTER DATABASE … OWNER TO {user}, hoặc CREATE DATABASE … OWNER {user}) "
            "rồi chạy lại. Không có gì bị ghi.",
            f"The account '{user}' may not create the app's tables: make it the database's owner.",
        )


def _user(url: str) -> str:
    try:
        return sa.engine.make_url(url).username or "?"
    except sa.exc.ArgumentError:
        return "?"


def sqlite_file(url: str) -> Path | None:
    """The file of a SQLite URL; None for SQLite in memory, another kind of database, or no URL at all."""
    try:
        parsed = sa.engine.make_url(url)
    except sa.exc.ArgumentError:
        return None
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database)


def _engine(url: str) -> sa.Engine:
    """The engine for `url`, or DatabaseUnusable for a URL no server could make work."""
    try:
        if (file := sqlite_file(url)) is not None:
            file.parent.mkdir(parents=True, exist_ok=True)
        if url in ("sqlite://", "sqlite:///:memory:"):
            # One connection shared by every thread, or each thread would see its own empty database.
            return sa.create_engine(url, poolclass=sa.pool.StaticPool, connect_args={"check_same_thread": False})
        if sa.engine.make_url(url).get_backend_name() == "sqlite":
            return sa.create_engine(url)
        # A connection of the pool is tried before it is handed out: after a restart of the PostgreSQL server the
        # pool still holds connections to the old one, and the first reader would get the error instead of a page.
        return sa.create_engine(url, pool_pre_ping=True)
    except sa.exc.NoSuchModuleError as error:  # postgres://…: a kind of database SQLAlchemy has no name for
        kind = error.args[0].rsplit(":", 1)[-1]
        raise DatabaseUnusable(url, f"không có loại cơ sở dữ liệu «{kind}»", f"no kind of database '{kind}'") from None
    except sa.exc.ArgumentError:  # not a URL at all; its text may hold a password, so it is not quoted
        raise DatabaseUnusable(url, "không phải một URL cơ sở dữ liệu", "not a database URL") from None
    except ImportError as error:  # mysql://…: a kind SQLAlchemy knows whose driver is not installed
        raise DatabaseUnusable(
            url,
            f"thiếu thư viện {error.name} (chỉ dùng được PostgreSQL và SQLite)",
            f"no library {error.name} (PostgreSQL and SQLite only)",
        ) from None
    except OSError as error:  # the SQLite file's folder on a read-only or full disk, or not allowed
        why = os_reason(error)
        raise DatabaseUnusable(
            url,
            f"không tạo được thư mục {error.filename} ({why.vi})",
            f"the folder {error.filename} cannot be made ({why.en})",
        ) from None


class StoreUnavailable(Exception):
    """The database could not take a write (busy past the wait, or unreachable); nothing was written.
    `message` is Vietnamese, `message_en` English."""

    def __init__(self, filename: str) -> None:
        self.message = (
            f"Chưa lưu được «{filename}»: cơ sở dữ liệu đang bận hoặc không kết nối được. Không có số liệu nào bị "
            "ghi dở. Hãy thử lại sau ít phút; nếu vẫn không được, báo cho Văn phòng Cụm."
        )
        self.message_en = f"'{filename}' was not stored: the database is busy or unreachable. Nothing was written."
        super().__init__(self.message_en)


REASON = "Lý do / reason: "  # before the driver's own words (failure_reason)


def failed_sentence(url: str, doing: str = "") -> str:
    """The sentence a database that failed (`DATABASE_FAILURES`, not a misconfiguration) is told in, the same in the
    server's log and on the command line: which database (its password masked), where to look, and what is done
    about it (`doing`, Vietnamese). The driver's reason follows it, after REASON."""
    where = (
        "tệp không mở hoặc không ghi được: thư mục chỉ đọc — SQLite ghi các tệp -wal và -shm bên cạnh —, ổ đĩa đầy "
        "hoặc sai đường dẫn"
        if url.startswith("sqlite:")
        else "máy chủ không trả lời, sai địa chỉ, tài khoản hoặc đang bận"
    )
    return f"Không dùng được cơ sở dữ liệu {masked(url)} ({where}){doing}."


def log_failure(logger: logging.Logger, error: BaseException, doing: str, url: str | None = None) -> None:
    """One line in the server's log for a database that failed (`DATABASE_FAILURES`), no traceback: its URL with the
    password masked, what the server does about it (`doing`, Vietnamese) and the driver's reason, which tells a
    server that does not answer from a full disk or a file the service may not open. A misconfiguration (a `Said`:
    a database this code cannot use, DatabaseUnusable; a court registry that cannot be read) is no failure to
    connect: its own sentence, in both languages, says what to mend."""
    if isinstance(error, Said):
        logger.error("%s", error.both())
        return
    url = database_url(url)
    logger.error("%s %s%s", failed_sentence(url, doing), REASON, failure_reason(error, url))


# What a database that is down or misconfigured raises, wherever it is read or written: stopped, refused, wrong
# credentials, a read-only folder, a full disk, busy past the wait, a URL no server could serve, or the app's tables
# gone (SchemaMissing). The command line and the app's page boundary turn these into one sentence instead of a
# traceback.
DATABASE_FAILURES = (sa.exc.OperationalError, sa.exc.InterfaceError, StoreUnavailable, DatabaseUnusable)


def sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


class Database:
    """An open database: the engine and its transactions, shared by every part of the store."""

    def __init__(self, url: str | None = None, *, create: bool = True) -> None:
        """Opens the database at `url` (else $DATABASE_URL, else data/cum2.sqlite) and migrates it to the code's
        schema. `create=False`: only a database that exists, with the app's tables (an older one is migrated, as the
        server's start does), else NotCreated, and nothing is made, not even the SQLite file's folder."""
        self.url = database_url(url)
        file = sqlite_file(self.url)
        # Before the engine: it makes the SQLite file's folder, and its first connection the file.
        if not create and file is not None and not file.exists():
            raise NotCreated(self.url, no_file=True)
        self.engine = _engine(self.url)
        if not create:
            try:
                with self.engine.connect() as conn:
                    created = _schema(conn) is not None
            finally:
                self.engine.dispose()  # that connection had no pragmas: the pool starts again with the listener's
            if not created:
                raise NotCreated(self.url, no_file=False)
        if self.engine.dialect.name == "sqlite":
            sa.event.listen(self.engine, "connect", _sqlite_pragmas)
        try:
            migrate(self.engine)
            self._start_data_version()
        except sa.exc.ProgrammingError as error:
            if getattr(error.orig, "sqlstate", None) != INSUFFICIENT_PRIVILEGE:
                raise
            raise NotAllowed(self.url, failure_reason(error, self.url)) from None
        # From here on, a read or write that finds the app's tables gone says so (SchemaMissing), not «unavailable».
        sa.event.listen(self.engine, "handle_error", functools.partial(schema_missing, self.url), retval=True)

    def _start_data_version(self) -> None:
        """The data-version row every write bumps, made once. Only its insert may meet another process's: a
        migration's own IntegrityError is raised, not taken for a concurrent start (the schema would be left behind
        the code's)."""
        try:
            with self._transaction() as conn:
                if conn.execute(sa.select(settings.c.value).where(settings.c.key == DATA_VERSION)).first() is None:
                    conn.execute(settings.insert().values(key=DATA_VERSION, value=0))
        except sa.exc.IntegrityError:
            pass  # another process created the same database at the same moment

    @contextmanager
    def _transaction(self) -> Iterator[sa.Connection]:
        """One write transaction, writers one at a time: SQLite takes its write lock at the start (BEGIN
        IMMEDIATE, waiting up to busy_timeout); elsewhere the data-version row every write bumps is
        locked first. So two imports never race for the same version number."""
        with self.engine.connect() as conn:
            if self.engine.dialect.name == "sqlite":
                conn.exec_driver_sql("BEGIN IMMEDIATE")
            else:
                conn.execute(sa.select(settings.c.value).where(settings.c.key == DATA_VERSION).with_for_update())
            yield conn
            conn.commit()

    @contextmanager
    def snapshot(self) -> Iterator[sa.Connection]:
        """Reads that see one state of the database, whatever is committed meanwhile: a read transaction (SQLite in
        WAL mode keeps the state of its first read; PostgreSQL's REPEATABLE READ, read only, that of its first
        statement; the connection goes back to the pool at its usual level)."""
        with self.engine.connect() as conn:
            if self.engine.dialect.name == "sqlite":
                conn.exec_driver_sql("BEGIN")
            else:
                conn.execution_options(isolation_level="REPEATABLE READ", postgresql_readonly=True)
            try:
                yield conn
            finally:
                conn.rollback()

    @contextmanager
    def writing(self, actor: Account) -> Iterator[tuple[sa.Connection, Account]]:
        """The transaction of a write by `actor`, with the account as the database holds it now.

        The account is read again by its user name under the write lock: it must exist and be enabled, and a
        claim from a session must still be of the account's current generation (PermissionDenied otherwise,
        nothing written). The role, court and name the write judges and records by are the ones read here,
        never the ones the claim carries, so an `Account("nobody", "admin")` built in code writes nothing.
        """
        with self._transaction() as conn:
            yield conn, current_account(conn, actor)

    @contextmanager
    def login_transaction(self) -> Iterator[sa.Connection]:
        """The log-in's own bookkeeping (failure counts, lockouts), made before there is an account to check.
        Nothing else uses it: every write by someone goes through `writing`."""
        with self._transaction() as conn:
            yield conn

    def dispose(self) -> None:
        self.engine.dispose()

    @staticmethod
    def bump(conn: sa.Connection) -> None:
        """Marks a write: the pages' caches key on the data version."""
        conn.execute(settings.update().where(settings.c.key == DATA_VERSION).values(value=settings.c.value + 1))

    def account(self, username: str) -> sa.RowMapping | None:
        """The users row of this name (the app side checks its session against it on every run: one look-up)."""
        with self.engine.connect() as conn:
            return conn.execute(sa.select(users).where(users.c.username == username)).mappings().first()

    def data_version(self) -> int:
        with self.engine.connect() as conn:
            return int(conn.execute(sa.select(settings.c.value).where(settings.c.key == DATA_VERSION)).scalar_one())

    # --- settings: the whole numbers an administrator may change (domain.SETTINGS) ------------------------------

    def setting(self, key: str) -> int:
        """A setting of `domain.SETTINGS` (the return deadline in days…): the secretariat's choice, or its default."""
        with self.engine.connect() as conn:
            found = conn.execute(sa.select(settings.c.value).where(settings.c.key == key)).scalar()
        return SETTINGS[key].default if found is None else int(found)

    def put_setting(self, key: str, value: int, actor: Account, *, now: dt.datetime | None = None) -> None:
        """Sets a setting of `domain.SETTINGS`; admins only; a value out of its range is InvalidInput; audited with
        its value before and after."""
        if key not in SETTINGS:
            raise InvalidInput(f"Không có thiết lập «{key}».", f"No setting '{key}'.")
        setting = SETTINGS[key]
        low, high = setting.low, setting.high
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise InvalidInput(
                f"{setting.label_vi}: «{value}» không hợp lệ, hãy nhập một số nguyên từ {low} đến {high}.",
                f"{setting.label_en}: '{value}' is not valid; enter a whole number from {low} to {high}.",
            )
        when = now or dt.datetime.now(dt.UTC)
        with self.writing(actor) as (conn, who):
            require_admin(who)
            before = conn.execute(sa.select(settings.c.value).where(settings.c.key == key)).scalar()
            if before is None:
                conn.execute(settings.insert().values(key=key, value=int(value)))
            else:
                conn.execute(settings.update().where(settings.c.key == key).values(value=int(value)))
            record(conn, who, "setting", key, before, int(value), when)
            self.bump(conn)


MIGRATIONS = Path(__file__).resolve().parent / "migrations"

_MIGRATION_LOCK = 2_0230_0001  # a PostgreSQL advisory lock key: one migrating process at a time


def migrate(engine: sa.Engine, revision: str = "head") -> None:
    """Brings the schema to `revision` with Alembic, in one transaction, one process at a time.

    A database made before migrations existed (tables, no alembic_version) is stamped as the
    initial revision first, so it upgrades in place.
    """
    from alembic import command  # imported here: only a store's creation needs it
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    scripts = ScriptDirectory.from_config(config)
    found, head = _revision(engine), scripts.get_current_head()
    if revision == "head" and found == head:
        return  # up to date: no write lock taken, so stores opening at once do not queue behind each other
    if found is not None and found not in {script.revision for script in scripts.walk_revisions()}:
        raise SchemaTooNew(engine.url.render_as_string(hide_password=False), found, head)
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        elif engine.dialect.name == "postgresql":
            conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_MIGRATION_LOCK})")
        config.attributes["connection"] = conn
        if _schema(conn) == BEFORE_MIGRATIONS:
            command.stamp(config, "0001")
        command.upgrade(config, revision)
        conn.commit()


MIGRATED, BEFORE_MIGRATIONS = "migrated", "before migrations"


def _schema(conn: sa.Connection) -> str | None:
    """The app's tables in the database: MIGRATED (Alembic's version table), BEFORE_MIGRATIONS (the returns of a
    database made before migrations existed, which `migrate` stamps and upgrades in place), or None. Another
    application's tables are not the app's, even one named `users` or `settings`."""
    inspector = sa.inspect(conn)
    if inspector.has_table("alembic_version"):
        return MIGRATED
    return BEFORE_MIGRATIONS if inspector.has_table("returns") else None


def _revision(engine: sa.Engine) -> str | None:
    """The schema revision the database is at; None for a new (or pre-migration) database."""
    with engine.connect() as conn:
        if not sa.inspect(conn).has_table("alembic_version"):
            return None
        return conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    # WAL lets the pages read while an import writes; busy_timeout waits for a writer instead of failing.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=30000")  # 20 imports at once on a busy 2-core machine need seconds
    cursor.close()
