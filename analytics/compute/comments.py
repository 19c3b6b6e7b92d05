"""Comments ("ghi chú") beside the figures: the ones of a year and period, and how many each court has."""

from __future__ import annotations

import pandas as pd


def comments_of_period(
    comments: pd.DataFrame, year: int, period: str, courts: list[str] | tuple[str, ...] = ()
) -> pd.DataFrame:
    """The comments of one year and period (of these courts when given), newest first as stored."""
    if comments.empty:
        return comments
    chosen = comments[(comments["year"] == year) & (comments["period"] == period)]
    return chosen[chosen["court"].isin(courts)] if courts else chosen


def comment_counts(comments: pd.DataFrame) -> dict[str, int]:
    """Court → how many comments it has among these."""
    return {str(k): int(v) for k, v in comments.groupby("court").size().items()} if not comments.empty else {}
