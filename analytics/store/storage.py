"""Storage with SQLAlchemy Core: uploads and their bytes, versioned returns, figures, problems, targets.

Nothing is ever deleted: storing a court's period again adds a version, and the newest is the one
shown. Every write is one transaction that also bumps the data version the pages cache by.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import sqlalchemy as sa

from analytics.records import PROBLEM_COLUMNS, Problem, Return
from analytics.security import Account, InvalidInput, PermissionDenied, require_admin, require_court

DEFAULT_DB_PATH = Path(__file__).resolve().parents[2] / "data" / "cum2.sqlite"

metadata = sa.MetaData()

settings = sa.Table(
    "settings",
    metadata,
    sa.Column("key", sa.String(64), primary_key=True),
    sa.Column("value", sa.BigInteger, nullable=False),
)
uploads = sa.Table(
    "uploads",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("sha256", sa.String(64), nullable=False, unique=True),
    sa.Column("filename", sa.String(255), nullable=False),
    sa.Column("size", sa.Integer, nullable=False),
    sa.Column("content", sa.LargeBinary, nullable=False),
    sa.Column("uploaded_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("uploaded_by", sa.String(128), nullable=False),
)
returns = sa.Table(
    "returns",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("court", sa.String(32), nullable=False),
    sa.Column("year", sa.Integer, nullable=False),
    sa.Column("period", sa.String(4), nullable=False),
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("upload_id", sa.ForeignKey("uploads.id"), nullable=False),
    sa.Column("stored_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("stored_by", sa.String(128), nullable=False),
    sa.Column("prepared_by", sa.String(255), nullable=False, default=""),
    sa.Column("prepared_on", sa.Date, nullable=True),
    sa.Column("notes", sa.Text, nullable=False, default=""),
    sa.Column("synthetic", sa.Boolean, nullable=False, default=False),
    sa.UniqueConstraint("court", "year", "period", "version"),
)
figures = sa.Table(
    "figures",
    metadata,
    sa.Column("return_id", sa.ForeignKey("returns.id"), primary_key=True),
    sa.Column("scope", sa.String(32), primary_key=True),  # a case type, or "court" for court-level figures
    sa.Column("measure", sa.String(32), primary_key=True),
    sa.Column("value", sa.BigInteger, nullable=False),
)
problems = sa.Table(
    "problems",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("return_id", sa.ForeignKey("returns.id"), nullable=False),
    sa.Column("severity", sa.String(16), nullable=False),
    sa.Column("rule", sa.String(64), nullable=False),
    sa.Column("file", sa.String(255), nullable=False),
    sa.Column("sheet", sa.String(64), nullable=False),
    sa.Column("cell", sa.String(16), nullable=False),
    sa.Column("value", sa.String(255), nullable=False),
    sa.Column("message", sa.Text, nullable=False),
    sa.Column("message_en", sa.Text, nullable=False),
)
targets = sa.Table(
    "targets",
    metadata,
    sa.Column("year", sa.Integer, primary_key=True),
    sa.Column("indicator", sa.String(64), primary_key=True),
    sa.Column("layer", sa.String(32), primary_key=True),
    sa.Column("comparator", sa.String(2), nullable=False),
    sa.Column("value", sa.Float, nullable=False),
    sa.Column("source", sa.Text, nullable=False),
    sa.Column("confidence", sa.String(16), nullable=False),
)

comments = sa.Table(
    "comments",  # "ghi chú" beside a court's figures of a period; never edited or deleted, newest shown first
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("court", sa.String(32), nullable=False),
    sa.Column("year", sa.Integer, nullable=False),
    sa.Column("period", sa.String(4), nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("author", sa.String(128), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Index("ix_comments_court_year", "court", "year"),
)
ranking_weights = sa.Table(
    "ranking_weights",  # the secretariat's weights of the indicative emulation ranking, per year
    metadata,
    sa.Column("year", sa.Integer, primary_key=True),
    sa.Column("indicator", sa.String(64), primary_key=True),
    sa.Column("weight", sa.Float, nullable=False),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("updated_by", sa.String(128), nullable=False),
)

COMMENT_MAX_CHARS = 2000  # the comment box's own limit
COMMENT_COLUMNS = ["id", "court", "year", "period", "text", "author", "created_at"]
WEIGHT_COLUMNS = ["year", "indicator", "weight", "updated_at", "updated_by"]

users = sa.Table(
    "users",
    metadata,
    sa.Column("username", sa.String(64), primary_key=True),
    sa.Column("display_name", sa.String(255), nullable=False, default=""),
    sa.Column("email", sa.String(255), nullable=True, unique=True),
    sa.Column("password_hash", sa.String(255), nullable=True),  # None: single sign-on only
    sa.Column("role", sa.String(16), nullable=False),
    sa.Column("court", sa.String(32), nullable=True),
    sa.Column("active", sa.Boolean, nullable=False, default=True),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("failed_logins", sa.Integer, nullable=False, default=0),
    sa.Column("locked_until", sa.DateTime(timezone=True), nullable=True),
    # The command line's operators and the sample loader: accounts every write checks like any other, which
    # cannot log in (no password, no e-mail) and cannot be given a password or disabled.
    sa.Column("system", sa.Boolean, nullable=False, default=False),
    # Moves on when the password changes or the account is disabled: sessions holding an older one end.
    sa.Column("generation", sa.Integer, nullable=False, default=0),
)
login_failures = sa.Table(
    "login_failures",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("client", sa.String(128), nullable=False, index=True),
    sa.Column("username", sa.String(64), nullable=False),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
)
audit = sa.Table(
    "audit",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("actor", sa.String(64), nullable=False),
    sa.Column("action", sa.String(32), nullable=False),
    sa.Column("subject", sa.String(255), nullable=False),  # what was changed, e.g. "lai_chau 2023 12"
    sa.Column("before", sa.Text, nullable=True),  # JSON
    sa.Column("after", sa.Text, nullable=True),  # JSON
)

DATA_VERSION = "data_version"
WRITE_ATTEMPTS = 5  # concurrent imports of one court and period race for the next version number


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


@dataclass
class _Rows:
    """What storing a file writes besides each return's own row, written together at the end (executemany)."""

    upload_id: int | None = None
    figures: list[dict[str, object]] = field(default_factory=list)
    problems: list[dict[str, object]] = field(default_factory=list)
    audit: list[dict[str, object]] = field(default_factory=list)

    def write(self, conn: sa.Connection) -> None:
        for table, rows in ((figures, self.figures), (problems, self.problems), (audit, self.audit)):
            if rows:
                conn.execute(table.insert(), rows)


def database_url(url: str | None = None) -> str:
    """The URL given, else $DATABASE_URL, else the SQLite file under data/."""
    return url or os.environ.get("DATABASE_URL") or f"sqlite:///{DEFAULT_DB_PATH}"


@dataclass(frozen=True)
class Saved:
    """What storing one file did: "stored" (with its version) or "unchanged" (the bytes were there)."""

    status: str
    court: str
    year: int
    period: str
    version: int
    stored_at: dt.datetime
    filename: str


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


def sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


class Store:
    """The database behind the app and the command line."""

    def __init__(self, url: str | None = None) -> None:
        self.url = database_url(url)
        if self.url.startswith("sqlite:///") and not self.url.startswith("sqlite:///:memory:"):
            Path(self.url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
        if self.url in ("sqlite://", "sqlite:///:memory:"):
            # One connection shared by every thread, or each thread would see its own empty database.
            self.engine = sa.create_engine(
                self.url, poolclass=sa.pool.StaticPool, connect_args={"check_same_thread": False}
            )
        else:
            self.engine = sa.create_engine(self.url)
        if self.engine.dialect.name == "sqlite":
            sa.event.listen(self.engine, "connect", _sqlite_pragmas)
        migrate(self.engine)
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

    # --- settings ------------------------------------------------------------------------
    # The whole-number settings an administrator may change: key → (smallest, largest, name in the messages).
    SETTINGS = {"deadline_days": (1, 120, ("Hạn gửi báo cáo (số ngày sau khi kết thúc kỳ)", "Return deadline (days)"))}

    def setting(self, key: str, default: int) -> int:
        """A whole-number setting the secretariat chose (the return deadline in days…), or the default."""
        with self.engine.connect() as conn:
            found = conn.execute(sa.select(settings.c.value).where(settings.c.key == key)).scalar()
        return default if found is None else int(found)

    def put_setting(self, key: str, value: int, actor: Account, *, now: dt.datetime | None = None) -> None:
        """Sets a whole-number setting of `SETTINGS`; admins only; a value out of its range is InvalidInput; audited
        with its value before and after."""
        if key not in self.SETTINGS:
            raise InvalidInput(f"Không có thiết lập «{key}».", f"No setting '{key}'.")
        low, high, (name_vi, name_en) = self.SETTINGS[key]
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise InvalidInput(
                f"{name_vi}: «{value}» không hợp lệ, hãy nhập một số nguyên từ {low} đến {high}.",
                f"{name_en}: '{value}' is not valid; enter a whole number from {low} to {high}.",
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

    # --- returns -------------------------------------------------------------------------

    def find_upload(
        self, digest: str, *, court: str | None = None, year: int | None = None, period: str | None = None
    ) -> Saved | None:
        """The return stored from these exact bytes, if any (for a compiled workbook: the one of that court and period)."""
        with self.engine.connect() as conn:
            stored = self._stored_from(conn, digest)
        if court is None:
            return next(iter(stored.values()), None)
        return stored.get((court, year, period))

    def save_return(
        self,
        ret: Return,
        found: list[Problem],
        *,
        filename: str,
        content: bytes,
        actor: Account,
        now: dt.datetime | None = None,
    ) -> Saved:
        """Stores the return as the next version of its court and period, in one transaction.

        Only an account that may write the court's figures may store it (PermissionDenied otherwise).
        The same bytes stored before are not stored again: the earlier result comes back as "unchanged".
        """
        return self.save_returns([(ret, found)], filename=filename, content=content, actor=actor, now=now)[0]

    def save_returns(
        self,
        parts: list[tuple[Return, list[Problem]]],
        *,
        filename: str,
        content: bytes,
        actor: Account,
        now: dt.datetime | None = None,
    ) -> list[Saved]:
        """Stores every return of one file (seven for a compiled workbook) in one transaction: all or none.

        The account must be allowed to write every court of the file before anything is written.
        """
        digest = sha256(content)
        now = now or dt.datetime.now(dt.UTC)
        for attempt in range(WRITE_ATTEMPTS):
            try:
                results = []
                with self.writing(actor) as (conn, who):
                    for ret, _ in parts:  # every court of the file, before anything is written
                        require_court(who, ret.court)
                    # Looked up under the write lock, so two imports of the same bytes cannot both store them.
                    earlier = self._stored_from(conn, digest)
                    batch = _Rows()
                    for ret, found in parts:
                        saved = earlier.get((ret.court, ret.year, ret.period))
                        if saved is None:
                            version = self._insert_return(conn, batch, ret, found, digest, filename, content, who, now)
                            saved = Saved("stored", ret.court, ret.year, ret.period, version, now, filename)
                        results.append(saved)
                    if batch.figures or batch.audit:
                        batch.write(conn)
                        self.bump(conn)
                return results
            except sa.exc.IntegrityError:
                # Another import took this version number or stored these bytes meanwhile: look again.
                if attempt == WRITE_ATTEMPTS - 1:
                    raise
            except sa.exc.OperationalError as error:  # locked past busy_timeout, connection lost: rolled back
                raise StoreUnavailable(filename) from error
        raise AssertionError("unreachable")

    @staticmethod
    def _stored_from(conn: sa.Connection, digest: str) -> dict[tuple[str, int, str], Saved]:
        """The returns these bytes were stored as before, by court, year and period (first stored wins)."""
        query = (
            sa.select(returns, uploads.c.filename)
            .join(uploads, returns.c.upload_id == uploads.c.id)
            .where(uploads.c.sha256 == digest)
            .order_by(returns.c.id)
        )
        found: dict[tuple[str, int, str], Saved] = {}
        for row in conn.execute(query).mappings():
            key = (row["court"], row["year"], row["period"])
            found.setdefault(key, Saved("unchanged", *key, row["version"], row["stored_at"], row["filename"]))
        return found

    def _insert_return(
        self,
        conn: sa.Connection,
        batch: _Rows,
        ret: Return,
        found: list[Problem],
        digest: str,
        filename: str,
        content: bytes,
        actor: Account,
        now: dt.datetime,
    ) -> int:
        """Inserts the return's row (for its id) and adds its figures, problems and audit line to the batch."""
        # A compiled workbook stores several returns from one upload: the bytes are kept once.
        if batch.upload_id is None:
            batch.upload_id = conn.execute(sa.select(uploads.c.id).where(uploads.c.sha256 == digest)).scalar()
        if batch.upload_id is None:
            batch.upload_id = conn.execute(
                uploads.insert().values(
                    sha256=digest,
                    filename=filename,
                    size=len(content),
                    content=content,
                    uploaded_at=now,
                    uploaded_by=actor.username,
                )
            ).inserted_primary_key[0]
        latest = conn.execute(
            sa.select(sa.func.max(returns.c.version)).where(
                returns.c.court == ret.court, returns.c.year == ret.year, returns.c.period == ret.period
            )
        ).scalar()
        version = (latest or 0) + 1
        return_id = conn.execute(
            returns.insert().values(
                court=ret.court,
                year=ret.year,
                period=ret.period,
                version=version,
                upload_id=batch.upload_id,
                stored_at=now,
                stored_by=actor.username,
                prepared_by=ret.prepared_by,
                prepared_on=ret.prepared_on,
                notes=ret.notes,
                synthetic=ret.synthetic,
            )
        ).inserted_primary_key[0]
        batch.figures += [
            {"return_id": return_id, "scope": scope, "measure": measure, "value": value}
            for scope, measure, value in ret.figure_records()
        ]
        batch.problems += [{c: getattr(p, c) for c in PROBLEM_COLUMNS} | {"return_id": return_id} for p in found]
        batch.audit.append(
            audit_row(
                actor,
                "return.store",
                f"{ret.court} {ret.year} {ret.period}",
                {"version": latest} if latest else None,
                {"version": version, "file": filename, "sha256": digest, "figures": len(ret.figure_records())},
                now,
            )
        )
        return version

    def version_figures(self, court: str, year: int, period: str, version: int) -> pd.DataFrame:
        """The figures of one version (not only the newest): scope, measure, value."""
        query = (
            sa.select(figures.c.scope, figures.c.measure, figures.c.value)
            .join(returns, figures.c.return_id == returns.c.id)
            .where(
                returns.c.court == court,
                returns.c.year == year,
                returns.c.period == period,
                returns.c.version == version,
            )
        )
        with self.engine.connect() as conn:
            return pd.read_sql(query, conn).astype({"value": "int64"})

    def restore(
        self, court: str, year: int, period: str, version: int, actor: Account, now: dt.datetime | None = None
    ) -> Saved:
        """Makes an earlier version current again by copying it as a new version; nothing is deleted."""
        now = now or dt.datetime.now(dt.UTC)
        where = (returns.c.court == court, returns.c.year == year, returns.c.period == period)
        with self.writing(actor) as (conn, who):
            require_court(who, court)
            source = conn.execute(sa.select(returns).where(*where, returns.c.version == version)).mappings().first()
            if source is None:
                raise LookupError(f"no version {version} of {court} {year} {period}")
            latest = conn.execute(sa.select(sa.func.max(returns.c.version)).where(*where)).scalar()
            copy = {k: v for k, v in source.items() if k != "id"} | {
                "version": latest + 1,
                "stored_at": now,
                "stored_by": who.username,
                "notes": f"Khôi phục từ phiên bản {version}. {source['notes']}".strip(),
            }
            new_id = conn.execute(returns.insert().values(**copy)).inserted_primary_key[0]
            for table in (figures, problems):
                columns = [c for c in table.columns if c.name not in ("id", "return_id")]
                conn.execute(
                    table.insert().from_select(
                        ["return_id", *[c.name for c in columns]],
                        sa.select(sa.literal(new_id), *columns).where(table.c.return_id == source["id"]),
                    )
                )
            subject = f"{court} {year} {period}"
            record(
                conn,
                who,
                "return.restore",
                subject,
                {"version": latest},
                {"version": latest + 1, "from": version},
                now,
            )
            self.bump(conn)
        return Saved("restored", court, year, period, latest + 1, now, "")

    def next_version(self, court: str, year: int, period: str) -> int:
        """The version the next return of this court and period would get (shown before storing)."""
        query = sa.select(sa.func.max(returns.c.version)).where(
            returns.c.court == court, returns.c.year == year, returns.c.period == period
        )
        with self.engine.connect() as conn:
            return (conn.execute(query).scalar() or 0) + 1

    def _current_ids(self) -> sa.Subquery:
        newest = (
            sa.select(
                returns.c.court, returns.c.year, returns.c.period, sa.func.max(returns.c.version).label("version")
            )
            .group_by(returns.c.court, returns.c.year, returns.c.period)
            .subquery()
        )
        return (
            sa.select(returns.c.id)
            .join(
                newest,
                sa.and_(
                    returns.c.court == newest.c.court,
                    returns.c.year == newest.c.year,
                    returns.c.period == newest.c.period,
                    returns.c.version == newest.c.version,
                ),
            )
            .subquery()
        )

    def returns(self, *, current_only: bool = True, court: str | None = None, year: int | None = None) -> pd.DataFrame:
        """Stored returns (the newest version of each, unless all are asked for) with who stored them."""
        query = sa.select(
            returns.c.id,
            returns.c.court,
            returns.c.year,
            returns.c.period,
            returns.c.version,
            returns.c.stored_at,
            returns.c.stored_by,
            returns.c.prepared_by,
            returns.c.prepared_on,
            returns.c.notes,
            returns.c.synthetic,
            uploads.c.filename,
            uploads.c.sha256,
        ).join(uploads, returns.c.upload_id == uploads.c.id)
        if current_only:
            query = query.where(returns.c.id.in_(sa.select(self._current_ids())))
        if court is not None:
            query = query.where(returns.c.court == court)
        if year is not None:
            query = query.where(returns.c.year == year)
        query = query.order_by(returns.c.year, returns.c.period, returns.c.court, returns.c.version)
        with self.engine.connect() as conn:
            return pd.read_sql(query, conn)

    def figures(self, *, year: int | None = None, court: str | None = None) -> pd.DataFrame:
        """Figures of the current versions in long form: court, year, period, version, scope, measure, value."""
        query = (
            sa.select(
                returns.c.court,
                returns.c.year,
                returns.c.period,
                returns.c.version,
                figures.c.scope,
                figures.c.measure,
                figures.c.value,
            )
            .join(figures, figures.c.return_id == returns.c.id)
            .where(returns.c.id.in_(sa.select(self._current_ids())))
        )
        if year is not None:
            query = query.where(returns.c.year == year)
        if court is not None:
            query = query.where(returns.c.court == court)
        with self.engine.connect() as conn:
            frame = pd.read_sql(query, conn)
        return frame.astype({"year": "int64", "version": "int64", "value": "int64"})

    def problems(self, return_id: int) -> pd.DataFrame:
        query = sa.select(*[problems.c[c] for c in PROBLEM_COLUMNS]).where(problems.c.return_id == return_id)
        with self.engine.connect() as conn:
            return pd.read_sql(query.order_by(problems.c.id), conn)

    def upload_content(self, digest: str) -> bytes | None:
        with self.engine.connect() as conn:
            return conn.execute(sa.select(uploads.c.content).where(uploads.c.sha256 == digest)).scalar()

    def uploads(self) -> pd.DataFrame:
        """Upload history, newest first, with the return each file became."""
        query = (
            sa.select(
                uploads.c.uploaded_at,
                uploads.c.uploaded_by,
                uploads.c.filename,
                uploads.c.size,
                uploads.c.sha256,
                returns.c.court,
                returns.c.year,
                returns.c.period,
                returns.c.version,
            )
            .join(returns, returns.c.upload_id == uploads.c.id)
            .order_by(uploads.c.id.desc())
        )
        with self.engine.connect() as conn:
            return pd.read_sql(query, conn)

    # --- targets -------------------------------------------------------------------------

    def targets(self, year: int | None = None) -> pd.DataFrame:
        query = sa.select(targets)
        if year is not None:
            query = query.where(targets.c.year == year)
        with self.engine.connect() as conn:
            return pd.read_sql(query.order_by(targets.c.year, targets.c.indicator, targets.c.layer), conn)

    def put_targets(self, frame: pd.DataFrame, actor: Account, now: dt.datetime | None = None) -> int:
        """Inserts or replaces the given targets (by year, indicator, layer); admins only; audited.

        Every row is checked first (known indicator and layer, a comparator of the list, a finite value, a year of
        the cluster): one bad row is an InvalidInput naming it, and nothing is stored.
        """
        from analytics.compute.targets import (
            checked_targets,  # targets imports the indicators; storage stays below them
        )

        now = now or dt.datetime.now(dt.UTC)
        rows = checked_targets(frame).to_dict("records")
        with self.writing(actor) as (conn, who):
            require_admin(who)
            for row in rows:
                key = sa.and_(
                    targets.c.year == row["year"],
                    targets.c.indicator == row["indicator"],
                    targets.c.layer == row["layer"],
                )
                before = conn.execute(sa.select(targets).where(key)).mappings().first()
                conn.execute(targets.delete().where(key))
                conn.execute(targets.insert().values(**row))
                subject = f"{row['year']} {row['indicator']} {row['layer']}"
                record(conn, who, "targets", subject, dict(before) if before else None, row, now)
            self.bump(conn)
        return len(rows)

    def has_targets(self) -> bool:
        return bool(self.target_years())

    def target_years(self) -> set[int]:
        """The years the targets table holds any target of."""
        with self.engine.connect() as conn:
            return {int(y) for y in conn.execute(sa.select(targets.c.year).distinct()).scalars()}

    def years(self) -> list[int]:
        with self.engine.connect() as conn:
            return [
                int(y) for y in conn.execute(sa.select(returns.c.year).distinct().order_by(returns.c.year)).scalars()
            ]

    # --- comments ("ghi chú") -------------------------------------------------------------

    def add_comment(
        self, court: str, year: int, period: str, text: str, actor: Account, *, now: dt.datetime | None = None
    ) -> int:
        """Adds a note to a court's period (its own staff or an admin); returns its id. Never changed or deleted.

        The author stored is the account's user name (pages show its name, or its role to anonymous readers).
        """
        from analytics.domain import check_period, check_year

        check_year(year)
        check_period(period)
        text = text.strip()
        if not text:
            raise InvalidInput("Ghi chú trống – chưa lưu.", "The comment is empty: not stored.")
        if len(text) > COMMENT_MAX_CHARS:
            raise InvalidInput(
                f"Ghi chú dài quá {COMMENT_MAX_CHARS} ký tự – hãy rút gọn.",
                f"The comment is longer than {COMMENT_MAX_CHARS} characters.",
            )
        now = now or dt.datetime.now(dt.UTC)
        with self.writing(actor) as (conn, who):
            require_court(who, court)
            values = {
                "court": court,
                "year": year,
                "period": period,
                "text": text,
                "author": who.username,
                "created_at": now,
            }
            new_id = conn.execute(comments.insert().values(**values)).inserted_primary_key[0]
            record(conn, who, "comment", f"{court} {year} {period}", None, {"id": new_id, "text": text}, now)
            self.bump(conn)
        return int(new_id)

    def comments(self, *, court: str | None = None, year: int | None = None, period: str | None = None) -> pd.DataFrame:
        """Notes, newest first, optionally of one court, year and period."""
        query = sa.select(*[comments.c[c] for c in COMMENT_COLUMNS])
        for column, value in (("court", court), ("year", year), ("period", period)):
            if value is not None:
                query = query.where(comments.c[column] == value)
        with self.engine.connect() as conn:
            frame = pd.read_sql(query.order_by(comments.c.created_at.desc(), comments.c.id.desc()), conn)
        return frame if not frame.empty else pd.DataFrame(columns=COMMENT_COLUMNS)

    # --- ranking weights -----------------------------------------------------------------

    def ranking_weights(self, year: int) -> pd.DataFrame:
        """The stored weights of a year (empty when the secretariat has not set any)."""
        query = sa.select(*[ranking_weights.c[c] for c in WEIGHT_COLUMNS]).where(ranking_weights.c.year == year)
        with self.engine.connect() as conn:
            frame = pd.read_sql(query.order_by(ranking_weights.c.indicator), conn)
        return frame if not frame.empty else pd.DataFrame(columns=WEIGHT_COLUMNS)

    def put_ranking_weights(
        self, year: int, weights: dict[str, float], actor: Account, *, now: dt.datetime | None = None
    ) -> None:
        """Replaces the year's weights with these (indicator → a finite weight ≥ 0); admins only; audited."""
        from analytics.compute.ranking import checked_weights
        from analytics.domain import check_year

        check_year(year)
        chosen = checked_weights(weights)
        when = now or dt.datetime.now(dt.UTC)
        with self.writing(actor) as (conn, who):
            require_admin(who)
            rows = [
                {"year": year, "indicator": k, "weight": w, "updated_at": when, "updated_by": who.username}
                for k, w in chosen.items()
            ]
            before = conn.execute(
                sa.select(ranking_weights.c.indicator, ranking_weights.c.weight).where(ranking_weights.c.year == year)
            ).all()
            conn.execute(ranking_weights.delete().where(ranking_weights.c.year == year))
            if rows:
                conn.execute(ranking_weights.insert(), rows)
            record(conn, who, "weights", str(year), dict(before) or None, chosen, when)
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
    if revision == "head" and _revision(engine) == ScriptDirectory.from_config(config).get_current_head():
        return  # up to date: no write lock taken, so stores opening at once do not queue behind each other
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        elif engine.dialect.name == "postgresql":
            conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_MIGRATION_LOCK})")
        config.attributes["connection"] = conn
        tables = set(sa.inspect(conn).get_table_names())
        if "returns" in tables and "alembic_version" not in tables:
            command.stamp(config, "0001")
        command.upgrade(config, revision)
        conn.commit()


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
