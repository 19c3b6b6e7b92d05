"""Returns as stored: uploads and their bytes, versioned returns, their figures and problems; nothing is deleted.

Storing a court's period again adds a version, and the newest is the one shown. A file is stored in one
transaction (all the returns of a compiled workbook, or none) that also bumps the data version."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import sqlalchemy as sa

from analytics.records import PROBLEM_COLUMNS, Problem, Return
from analytics.security import Account, require_court
from analytics.store.comments import checked_comment, insert_comment
from analytics.store.database import Database, StoreUnavailable, audit_row, fitted, record, sha256, typed_frame
from analytics.store.schema import audit, figures, problems, returns, uploads

WRITE_ATTEMPTS = 5  # concurrent imports of one court and period race for the next version number


FIGURE_COLUMNS = ("return_id", "scope", "measure", "value")
PROBLEM_ROW_COLUMNS = ("return_id", *PROBLEM_COLUMNS)


@dataclass
class _Rows:
    """What storing a file writes besides each return's own row, written together at the end."""

    figures: list[tuple[object, ...]] = field(default_factory=list)  # FIGURE_COLUMNS
    problems: list[tuple[object, ...]] = field(default_factory=list)  # PROBLEM_ROW_COLUMNS
    audit: list[dict[str, object]] = field(default_factory=list)

    def write(self, conn: sa.Connection) -> None:
        _bulk_insert(conn, figures, FIGURE_COLUMNS, self.figures)
        _bulk_insert(conn, problems, PROBLEM_ROW_COLUMNS, self.problems)
        if self.audit:
            conn.execute(audit.insert(), self.audit)


def _problem_text(problem: Problem, column: str) -> object:
    """A problem's field as its column holds it (a file or sheet name, a cell's text quoted: see `fitted`)."""
    value = getattr(problem, column)
    return fitted(problems.c[column], value) if isinstance(value, str) else value


def _bulk_insert(
    conn: sa.Connection, table: sa.Table, columns: tuple[str, ...], rows: list[tuple[object, ...]]
) -> None:
    """Plain rows (text and integers: nothing for SQLAlchemy to convert) written in the caller's transaction by the
    driver at once: COPY on PostgreSQL, one executemany on SQLite. A national workbook writes 77.000 figures, and
    SQLAlchemy's handling of each row's parameters took longer than the database took to write them."""
    if not rows:
        return
    if conn.dialect.name == "postgresql":
        quote = conn.dialect.identifier_preparer
        names = ", ".join(quote.quote(c) for c in columns)
        with (
            conn.connection.dbapi_connection.cursor() as cursor,
            cursor.copy(f"COPY {quote.format_table(table)} ({names}) FROM STDIN") as copy,
        ):
            for row in rows:
                copy.write_row(row)
        return
    statement = table.insert().compile(dialect=conn.dialect, column_keys=list(columns))
    if statement.positional:  # the statement names the columns in the table's order
        order = [columns.index(name) for name in statement.positiontup]
        if order != list(range(len(columns))):
            rows = [tuple(row[i] for i in order) for row in rows]
        conn.exec_driver_sql(str(statement), rows)
    else:
        conn.exec_driver_sql(str(statement), [dict(zip(columns, row, strict=True)) for row in rows])


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


class Returns(Database):
    """Storing, restoring and reading returns."""

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
        """Stores one return as the next version of its court and period (see `save_upload`)."""
        return self.save_upload([(filename, content, [(ret, found)])], actor=actor, now=now)[0][0]

    def save_upload(
        self,
        files: list[tuple[str, bytes, list[tuple[Return, list[Problem]]]]],
        *,
        actor: Account,
        note: str = "",
        now: dt.datetime | None = None,
    ) -> list[list[Saved]]:
        """Stores every return of every file of one upload (seven for a compiled workbook), and the uploader's note
        beside each return stored, in one transaction: all or none.

        The account, read again in the transaction, must be allowed to write every court before anything is
        written (PermissionDenied). Bytes that the current version of a return was stored from are not stored
        again: that return comes back "unchanged". Bytes of an earlier version sent again make a new current version
        (the file kept once): what the user sends is what the pages show.
        A database that cannot take the write (locked past the wait, unreachable) is StoreUnavailable.
        """
        now = now or dt.datetime.now(dt.UTC)
        names = ", ".join(filename for filename, _, _ in files)
        for attempt in range(WRITE_ATTEMPTS):
            try:
                with self.writing(actor) as (conn, who):
                    for _, _, parts in files:  # every court of the upload, before anything is written
                        for ret, _ in parts:
                            require_court(who, ret.court)
                    results = [
                        self._store_file(conn, who, filename, content, parts, now) for filename, content, parts in files
                    ]
                    stored = [s for saved in results for s in saved if s.status == "stored"]
                    for saved in stored if note.strip() else ():
                        text = checked_comment(saved.year, saved.period, note)
                        insert_comment(conn, who, saved.court, saved.year, saved.period, text, now)
                    if stored:
                        self.bump(conn)
                return results
            except sa.exc.IntegrityError:
                # Another import took this version number or stored these bytes meanwhile: look again.
                if attempt == WRITE_ATTEMPTS - 1:
                    raise
            except sa.exc.OperationalError as error:  # locked past busy_timeout, connection lost: rolled back
                raise StoreUnavailable(names) from error
        raise AssertionError("unreachable")

    def _store_file(
        self,
        conn: sa.Connection,
        who: Account,
        filename: str,
        content: bytes,
        parts: list[tuple[Return, list[Problem]]],
        now: dt.datetime,
    ) -> list[Saved]:
        """The returns of one file written in the caller's transaction; those whose current version these bytes are
        come back unchanged."""
        digest = sha256(content)
        # Looked up under the write lock, so two imports of the same bytes cannot both store them.
        earlier = self._stored_from(conn, digest)
        latest = self._latest_versions(conn, set(earlier)) if earlier else {}
        earlier = {key: saved for key, saved in earlier.items() if latest.get(key) == saved.version}
        batch = _Rows()
        fresh = [(ret, found) for ret, found in parts if (ret.court, ret.year, ret.period) not in earlier]
        versions = self._insert_returns(conn, batch, fresh, digest, filename, content, who, now) if fresh else []
        stored = iter(versions)
        results = []
        for ret, _ in parts:
            saved = earlier.get((ret.court, ret.year, ret.period))
            if saved is None:
                saved = Saved("stored", ret.court, ret.year, ret.period, next(stored), now, filename)
            results.append(saved)
        batch.write(conn)
        return results

    @staticmethod
    def _stored_from(conn: sa.Connection, digest: str) -> dict[tuple[str, int, str], Saved]:
        """The newest version each return of these bytes was stored as (or restored to), by court, year and period."""
        query = (
            sa.select(returns, uploads.c.filename)
            .join(uploads, returns.c.upload_id == uploads.c.id)
            .where(uploads.c.sha256 == digest)
            .order_by(returns.c.id)
        )
        found: dict[tuple[str, int, str], Saved] = {}
        for row in conn.execute(query).mappings():
            key = (row["court"], row["year"], row["period"])
            found[key] = Saved("unchanged", *key, row["version"], row["stored_at"], row["filename"])
        return found

    def _insert_returns(
        self,
        conn: sa.Connection,
        batch: _Rows,
        parts: list[tuple[Return, list[Problem]]],
        digest: str,
        filename: str,
        content: bytes,
        actor: Account,
        now: dt.datetime,
    ) -> list[int]:
        """Inserts the returns' rows in one statement (their ids back, in order), adds their figures, problems and
        audit lines to the batch, and gives each return's version. A national workbook stores 700 returns: one
        round trip per return for its version and one for its row cost seconds."""
        # A compiled workbook stores several returns from one upload: the bytes are kept once.
        upload_id = conn.execute(sa.select(uploads.c.id).where(uploads.c.sha256 == digest)).scalar()
        if upload_id is None:
            upload_id = conn.execute(
                uploads.insert().values(
                    sha256=digest,
                    filename=fitted(uploads.c.filename, filename),
                    size=len(content),
                    content=content,
                    uploaded_at=now,
                    uploaded_by=actor.username,
                )
            ).inserted_primary_key[0]
        latest = self._latest_versions(conn, {(ret.court, ret.year, ret.period) for ret, _ in parts})
        rows, previous = [], []
        for ret, _ in parts:
            key = (ret.court, ret.year, ret.period)
            previous.append(latest.get(key))
            latest[key] = (latest.get(key) or 0) + 1  # the same court and period twice in a file: the next one
            rows.append(
                {
                    "court": ret.court,
                    "year": ret.year,
                    "period": ret.period,
                    "version": latest[key],
                    "upload_id": upload_id,
                    "stored_at": now,
                    "stored_by": actor.username,
                    "prepared_by": fitted(returns.c.prepared_by, ret.prepared_by),
                    "prepared_on": ret.prepared_on,
                    "notes": fitted(returns.c.notes, ret.notes),
                    "synthetic": ret.synthetic,
                }
            )
        inserted = conn.execute(returns.insert().returning(returns.c.id, sort_by_parameter_order=True), rows)
        ids = [row[0] for row in inserted]
        for (ret, found), return_id, row, before in zip(parts, ids, rows, previous, strict=True):
            records = ret.figure_records()
            batch.figures += [(return_id, scope, measure, value) for scope, measure, value in records]
            batch.problems += [(return_id, *(_problem_text(p, c) for c in PROBLEM_COLUMNS)) for p in found]
            batch.audit.append(
                audit_row(
                    actor,
                    "return.store",
                    f"{ret.court} {ret.year} {ret.period}",
                    {"version": before} if before else None,
                    {"version": row["version"], "file": filename, "sha256": digest, "figures": len(records)},
                    now,
                )
            )
        return [row["version"] for row in rows]

    @staticmethod
    def _latest_versions(conn: sa.Connection, keys: set[tuple[str, int, str]]) -> dict[tuple[str, int, str], int]:
        """The newest stored version of each (court, year, period), in one query."""
        courts = sorted({court for court, _, _ in keys})
        query = (
            sa.select(returns.c.court, returns.c.year, returns.c.period, sa.func.max(returns.c.version))
            .where(returns.c.court.in_(courts), returns.c.year.in_(sorted({y for _, y, _ in keys})))
            .group_by(returns.c.court, returns.c.year, returns.c.period)
        )
        found = {(court, year, period): version for court, year, period, version in conn.execute(query)}
        return {key: version for key, version in found.items() if key in keys}

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
            return typed_frame(conn, query, _FIGURE_ROW_TYPES)

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
                "restored_from": version,
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

    def returns(
        self, *, current_only: bool = True, court: str | Sequence[str] | None = None, year: int | None = None
    ) -> pd.DataFrame:
        """Stored returns (the newest version of each, unless all are asked for) with who stored them; of a court or
        of several."""
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
        query = _of(_of(query, returns.c.court, court), returns.c.year, year)
        query = query.order_by(returns.c.year, returns.c.period, returns.c.court, returns.c.version)
        with self.engine.connect() as conn:
            return pd.read_sql(query, conn)

    def figures(
        self, *, year: int | Sequence[int] | None = None, court: str | Sequence[str] | None = None
    ) -> pd.DataFrame:
        """Figures of the current versions in long form: court, year, period, version, scope, measure, value; of a
        year or several, of a court or several; in the order of the returns' ids, then scope and measure."""
        with self.snapshot() as conn:
            return self._figures(conn, _of(_of(self._current(), returns.c.year, year), returns.c.court, court)).figures

    def figures_since(self, held: HeldFigures | None = None) -> HeldFigures:
        """The figures of every current version, as `figures()` gives them, reading from the database only those of
        returns stored since `held` was read. A stored return's figures never change (a new version, a restored one,
        is a new return, and nothing is deleted), so what was read stays true: a return no longer current is
        dropped, a new one read. The pages' first reader after an upload reads a few returns' figures instead of the
        60.480 of a national database. Everything is read again when the returns held are not the ones the database
        holds under their ids (a database restored from a backup, or replaced, under the same URL)."""
        with self.snapshot() as conn:
            return self._figures(conn, self._current(), held)

    def _current(self) -> sa.Select:
        sha256 = sa.select(uploads.c.sha256).where(uploads.c.id == returns.c.upload_id).scalar_subquery()
        return sa.select(*[returns.c[c] for c in _RETURN_COLUMNS], sha256.label("sha256")).where(
            returns.c.id.in_(sa.select(self._current_ids()))
        )

    @staticmethod
    def _figures(conn: sa.Connection, current: sa.Select, held: HeldFigures | None = None) -> HeldFigures:
        """The figures of the returns `current` selects, reading those `held` has not: two queries in one snapshot,
        the returns and then their figures (by id: a return's court, year, period and version are not fetched again
        for each of its 80 figures)."""
        now = typed_frame(conn, current.order_by(returns.c.id), _RETURN_TYPES)
        known = held is not None and held.agrees_with(now)
        new_ids = now["id"][~now["id"].isin(held.returns["id"])] if known else now["id"]
        if not known or len(new_ids) > NEW_RETURNS_READ_BY_ID:  # nothing held, or a national workbook stored
            kept, wanted = None, figures.c.return_id.in_(current.with_only_columns(returns.c.id))
        else:
            kept = held.frame[held.frame["return_id"].isin(now["id"])]
            if not len(new_ids):
                return held if len(kept) == len(held.frame) else HeldFigures(now, kept.reset_index(drop=True))
            wanted = figures.c.return_id.in_(new_ids.tolist())
        added = typed_frame(conn, _READ_FIGURES.where(wanted), _FIGURE_ROW_TYPES)
        where = pd.Index(now["id"]).get_indexer(added["return_id"])
        if (where < 0).any():  # cannot happen within one snapshot: never label a figure with another return
            raise RuntimeError("figures read of a return that is not current")
        added = pd.DataFrame(
            {"return_id": added["return_id"]}
            | {column: now[column].array.take(where) for column in ("court", "year", "period", "version")}
            | {column: added[column] for column in ("scope", "measure", "value")}
        )
        if kept is None:
            return HeldFigures(now, added)
        # The order a single read gives (by return, then scope and measure), whatever reads came before.
        frame = pd.concat([kept, added], ignore_index=True)
        return HeldFigures(now, frame.take(frame["return_id"].to_numpy().argsort(kind="stable")).reset_index(drop=True))

    def problems(self, return_id: int) -> pd.DataFrame:
        query = sa.select(*[problems.c[c] for c in PROBLEM_COLUMNS]).where(problems.c.return_id == return_id)
        with self.engine.connect() as conn:
            return pd.read_sql(query.order_by(problems.c.id), conn)

    def upload_content(self, digest: str) -> bytes | None:
        with self.engine.connect() as conn:
            return conn.execute(sa.select(uploads.c.content).where(uploads.c.sha256 == digest)).scalar()

    def uploads(self) -> pd.DataFrame:
        """Upload history, newest first: every version stored, with the file it came from. Who and when are the
        version's own: a restore keeps the upload of the version it copies (its bytes), but was made by the restoring
        account at its own time, and says which version it restores (`restored_from`, else None)."""
        query = (
            sa.select(
                returns.c.stored_at,
                returns.c.stored_by,
                uploads.c.filename,
                uploads.c.size,
                uploads.c.sha256,
                returns.c.court,
                returns.c.year,
                returns.c.period,
                returns.c.version,
                returns.c.restored_from,
            )
            .join(uploads, returns.c.upload_id == uploads.c.id)
            .order_by(returns.c.id.desc())
        )
        with self.engine.connect() as conn:
            return pd.read_sql(query, conn).astype({"restored_from": "Int64"})

    def years(self) -> list[int]:
        with self.engine.connect() as conn:
            return [
                int(y) for y in conn.execute(sa.select(returns.c.year).distinct().order_by(returns.c.year)).scalars()
            ]


# The current returns as `Returns._figures` reads them: what identifies each, its file's sha256 too.
_RETURN_COLUMNS = ("id", "court", "year", "period", "version", "upload_id")
_RETURN_TYPES = dict(
    id="int64", court="str", year="int64", period="str", version="int64", upload_id="int64", sha256="str"
)
# The figures' rows as read (`typed_frame`): by return, or a version's own (its last three).
_FIGURE_ROW_TYPES = dict(return_id="int64", scope="str", measure="str", value="int64")
_READ_FIGURES = sa.select(*[figures.c[c] for c in FIGURE_COLUMNS]).order_by(  # in the order of the primary key
    figures.c.return_id, figures.c.scope, figures.c.measure
)
NEW_RETURNS_READ_BY_ID = 500  # more new returns than this (a national workbook stored): all are read again


@dataclass(frozen=True)
class HeldFigures:
    """The figures of every current version as read once (`Returns.figures_since`), with the id of the return each
    belongs to (ordered by it), and the current returns then (`_RETURN_COLUMNS`)."""

    returns: pd.DataFrame
    frame: pd.DataFrame

    @property
    def figures(self) -> pd.DataFrame:
        """As `Returns.figures()` gives them: court, year, period, version, scope, measure, value."""
        return self.frame.drop(columns="return_id")

    def of_year(self, year: int | None = None) -> pd.DataFrame:
        """The figures of a year (None: of every year), as `Returns.figures(year=…)` gives them."""
        every = self.figures
        return every if year is None else every[every["year"] == year].reset_index(drop=True)

    def agrees_with(self, now: pd.DataFrame) -> bool:
        """Whether the returns held that are still current are the same returns in `now` (the current returns read
        again): the same court, year, period, version and file under the same id."""
        before, after = self.returns["id"].isin(now["id"]).to_numpy(), now["id"].isin(self.returns["id"]).to_numpy()
        return all(  # both ordered by id
            np.array_equal(self.returns[column].to_numpy()[before], now[column].to_numpy()[after])
            for column in self.returns.columns
        )


def _of(query: sa.Select, column: sa.Column, wanted: object) -> sa.Select:
    """The query kept to rows whose column is the value wanted, or one of the values wanted (None: every row)."""
    if wanted is None:
        return query
    if isinstance(wanted, str | int):
        return query.where(column == wanted)
    return query.where(column.in_(list(wanted)))
