"""Comments ("ghi chú") beside the figures: those of a year (and period), and how many each court has."""

from __future__ import annotations

import pandas as pd

from analytics.compute.indicators import of_courts


def comments_of(
    comments: pd.DataFrame, year: int, period: str | None = None, courts: list[str] | tuple[str, ...] = ()
) -> pd.DataFrame:
    """The comments of one year (and period, when given) of these courts (every court when none is given), newest
    first as stored."""
    if comments.empty:
        return comments
    chosen = comments[(comments["year"] == year) & ((comments["period"] == period) | (period is None))]
    return of_courts(chosen, courts)


def comment_counts(comments: pd.DataFrame, by: str = "court") -> dict[str, int]:
    """Court (or period, with `by="period"`: one court's returns of a year) → how many comments it has among these."""
    return {str(k): int(v) for k, v in comments.groupby(by).size().items()} if not comments.empty else {}
