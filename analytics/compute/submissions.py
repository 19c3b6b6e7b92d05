"""Which court has sent which return, when and by whom: expected returns against the stored ones.

A return is expected from every member court for every cumulative period of a year whose deadline has
passed. The deadline is an ASSUMPTION: no public rule for the cluster's deadline was found, so a return is
taken to be due 15 days after its period ends unless the secretariat sets another number of days (an
administrator's setting, audited: `domain.RETURN_DEADLINE`, `Store.put_setting`)."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from analytics import formatting
from analytics.domain import CUMULATIVE_PERIODS, PERIOD_BY_KEY, RETURN_DEADLINE, cluster_courts
from analytics.text import Words

SYSTEM_USER = "hệ thống"  # bootstrap's user: the sample returns it loads carry their own date instead

ON_TIME, LATE, MISSING, WAITING = "on_time", "late", "missing", "waiting"
SUBMISSION_LABELS = {
    ON_TIME: Words("✔️ Đúng hạn", "✔️ On time"),
    LATE: Words("⚠️ Muộn", "⚠️ Late"),
    MISSING: Words("✖️ Chưa nộp", "✖️ Missing"),
    WAITING: Words("Chưa đến hạn, chưa nộp", "Not due yet, not sent"),
}
SUBMISSION_COLUMNS = [
    "court",
    "year",
    "period",
    "deadline",
    "status",
    "submitted_on",
    "submitted_by",
    "versions",
    "last_stored_at",
]


def deadline(year: int, period: str, days: int = RETURN_DEADLINE.default) -> dt.date:
    return PERIOD_BY_KEY[period].end(year) + dt.timedelta(days=days)


def _submitted_on(first: dict) -> dt.date:
    """The day the first version arrived; for the sample loaded by the system, the date written on the return."""
    if first["stored_by"] == SYSTEM_USER and not pd.isna(first["prepared_on"]):
        return pd.Timestamp(first["prepared_on"]).date()
    return formatting.local(first["stored_at"]).date()  # the day on the courts' clock: 01:00 there is 18:00 UTC


def submissions(
    all_versions: pd.DataFrame, year: int, today: dt.date, days: int = RETURN_DEADLINE.default
) -> pd.DataFrame:
    """One row per member court and cumulative period of the year: on time, late, missing or not due yet.

    `all_versions` is the store's returns with every version (`Store.returns(current_only=False)`).
    """
    rows = []
    stored = all_versions[all_versions["year"] == year].sort_values("version")
    # Each court and period's versions as plain records, oldest first: a national cluster has hundreds of them, and
    # a pandas group and row per return cost a quarter of a second after each data change.
    grouped: dict[tuple[str, str], list[dict]] = {}
    for record in stored[["court", "period", "version", "stored_by", "prepared_on", "stored_at"]].to_dict("records"):
        grouped.setdefault((record["court"], record["period"]), []).append(record)
    for court in cluster_courts(year):
        for period in CUMULATIVE_PERIODS:
            due = deadline(year, period, days)
            versions = grouped.get((court.key, period))
            if versions is None:
                status = MISSING if today > due else WAITING
                rows.append((court.key, year, period, due, status, None, "", 0, None))
                continue
            first = versions[0]
            submitted = _submitted_on(first)
            status = ON_TIME if submitted <= due else LATE
            rows.append(
                (
                    court.key,
                    year,
                    period,
                    due,
                    status,
                    submitted,
                    str(first["stored_by"]),
                    len(versions),
                    pd.Timestamp(versions[-1]["stored_at"]),
                )
            )
    return pd.DataFrame(rows, columns=SUBMISSION_COLUMNS)


def overdue_returns(table: pd.DataFrame) -> pd.DataFrame:
    """The missing and late returns, the ones the strip highlights."""
    return table[table["status"].isin([MISSING, LATE])]
