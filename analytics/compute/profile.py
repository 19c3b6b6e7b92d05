"""One court in full: its indicators against the targets and the cluster, its case table, its returns."""

from __future__ import annotations

import pandas as pd

from analytics.compute.comparison import Comparison
from analytics.compute.indicators import CLUSTER, INDICATOR_BY_KEY, PROGRESS
from analytics.domain import CASE_TYPE_KEYS
from analytics.text import Words

CASE_TABLE_MEASURES = ("carried_over", "new", "accepted", "resolved", "pending", "overdue")
TOTAL = "total"  # the row key of the case table's sum
TOTAL_LABEL = Words("Cộng", "Total")


def court_indicators(comparison: Comparison, court: str, indicators: tuple[str, ...]) -> pd.DataFrame:
    """The court's value, target, status and margin per indicator, beside the cluster's value and its rank."""
    rows = comparison.rows
    mine = rows[rows["court"] == court].set_index("indicator").reindex(list(indicators))
    cluster = rows[rows["court"] == CLUSTER].set_index("indicator")["value"].reindex(list(indicators))
    # Rank among the courts with a value, best first for each indicator's direction: all indicators in one pass.
    others = rows[rows["indicator"].isin(indicators) & (rows["court"] != CLUSTER)].dropna(subset=["value"])
    sign = others["indicator"].map(lambda k: 1.0 if INDICATOR_BY_KEY[k].direction == "lower" else -1.0)
    order = (others["value"].astype("float64") * sign).groupby(others["indicator"]).rank(method="min")
    sizes = others.groupby("indicator").size()
    own = others["court"] == court
    ranks = {
        key: (int(position), int(sizes[key]))
        for key, position in zip(others.loc[own, "indicator"], order[own], strict=True)
    }
    return mine.assign(
        cluster=cluster,
        rank=[ranks.get(k, (None, None))[0] for k in indicators],
        of=[ranks.get(k, (None, None))[1] for k in indicators],
    )[
        [
            "value",
            "numerator",
            "denominator",
            "target",
            "comparator",
            "floor",
            "status",
            "margin",
            "basis",
            "last_year",
            "projected",
            "projected_low",
            "projected_high",
            "projected_status",
            "cluster",
            "rank",
            "of",
        ]
    ]


def court_effort(comparison: Comparison, court: str) -> pd.DataFrame:
    """What it takes for the court to reach each case group's resolution target by 30 September (a partial year)."""
    effort = comparison.effort
    if effort.empty:
        return effort
    return effort[effort["court"] == court].reset_index(drop=True)


def case_table(
    figures: pd.DataFrame, court: str, year: int, period: str, case_types: tuple[str, ...] = CASE_TYPE_KEYS
) -> pd.DataFrame:
    """Case type × (carried over, new, accepted, resolved, pending, overdue) of one return, with a total row."""
    chosen = figures[
        (figures["court"] == court)
        & (figures["year"] == year)
        & (figures["period"] == period)
        & figures["scope"].isin(case_types)
        & figures["measure"].isin(CASE_TABLE_MEASURES)
    ]
    wide = chosen.pivot_table(index="scope", columns="measure", values="value", aggfunc="sum")
    wide = wide.reindex(index=[c for c in case_types if c in wide.index], columns=list(CASE_TABLE_MEASURES))
    if wide.empty:
        return wide
    total = wide.sum(min_count=1).rename(TOTAL).to_frame().T
    return pd.concat([wide, total]).astype("Int64")


def radar_scores(table: pd.DataFrame) -> pd.Series:
    """Each indicator with a target as a share of it (1 = exactly the target), for a radar or bullet chart.

    "Lower is better" indicators are turned so that more is better: target / value (capped at 1.5). A seasonal rate
    of a partial year is left out: its target is the annual one, kept for reference only, and a 3-month rate drawn as
    47 % of it would judge it against the annual target (DOMAIN.md §3); its verdict waits for 30 September.
    """
    shown = table.dropna(subset=["value", "target"])
    if "basis" in shown:
        shown = shown[shown["basis"] != PROGRESS]
    out = {}
    for key, row in shown.iterrows():
        if INDICATOR_BY_KEY[key].direction == "higher":
            share = row["value"] / row["target"] if row["target"] else float("nan")
        else:
            share = 1.5 if row["value"] == 0 else min(1.5, row["target"] / row["value"]) if row["target"] else 0.0
        out[key] = min(1.5, share)
    return pd.Series(out, dtype="float64")
