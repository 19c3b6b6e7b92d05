"""Comments ("ghi chú") beside a court's figures of a period: added by its own staff or an administrator, never
changed or deleted, newest first."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import sqlalchemy as sa

from analytics.domain import check_period, check_year
from analytics.security import Account, InvalidInput, require_court
from analytics.store.database import Database, fitted, record
from analytics.store.schema import COMMENT_COLUMNS, COMMENT_MAX_CHARS, comments


def checked_comment(year: int, period: str, text: str) -> str:
    """The comment's text, stripped, or InvalidInput: a known year and period, not empty, not too long."""
    check_year(year)
    check_period(period)
    text = fitted(comments.c.text, text).strip()  # no NUL, which PostgreSQL refuses
    if not text:
        raise InvalidInput("Ghi chú trống – chưa lưu.", "The comment is empty: not stored.")
    if len(text) > COMMENT_MAX_CHARS:
        raise InvalidInput(
            f"Ghi chú dài quá {COMMENT_MAX_CHARS} ký tự – hãy rút gọn.",
            f"The comment is longer than {COMMENT_MAX_CHARS} characters.",
        )
    return text


def insert_comment(
    conn: sa.Connection, who: Account, court: str, year: int, period: str, text: str, now: dt.datetime
) -> int:
    """Writes one comment and its audit line in the caller's transaction, by an account read in it."""
    require_court(who, court)
    values = {"court": court, "year": year, "period": period, "text": text, "author": who.username, "created_at": now}
    new_id = conn.execute(comments.insert().values(**values)).inserted_primary_key[0]
    record(conn, who, "comment", f"{court} {year} {period}", None, {"id": new_id, "text": text}, now)
    return int(new_id)


class Comments(Database):
    """Adding and reading comments."""

    def add_comment(
        self, court: str, year: int, period: str, text: str, actor: Account, *, now: dt.datetime | None = None
    ) -> int:
        """Adds a note to a court's period (its own staff or an admin); returns its id. Never changed or deleted.

        The author stored is the account's user name (pages show its name, or its role to anonymous readers).
        """
        text = checked_comment(year, period, text)
        now = now or dt.datetime.now(dt.UTC)
        with self.writing(actor) as (conn, who):
            new_id = insert_comment(conn, who, court, year, period, text, now)
            self.bump(conn)
        return new_id

    def comments(self, *, court: str | None = None, year: int | None = None, period: str | None = None) -> pd.DataFrame:
        """Notes, newest first, optionally of one court, year and period."""
        query = sa.select(*[comments.c[c] for c in COMMENT_COLUMNS])
        for column, value in (("court", court), ("year", year), ("period", period)):
            if value is not None:
                query = query.where(comments.c[column] == value)
        with self.engine.connect() as conn:
            frame = pd.read_sql(query.order_by(comments.c.created_at.desc(), comments.c.id.desc()), conn)
        return frame if not frame.empty else pd.DataFrame(columns=COMMENT_COLUMNS)
