"""A partial year read honestly: the same period a year before, a projected year-end with its range, what it
takes to reach the target by 30 September, and how well the projection did in the stored years (a backtest).

The projection of a seasonal value (a resolution rate at 6 months is about two thirds of the year's) is the
value now × the median, over the stored earlier years, of (year-end value ÷ same-period value). A court with 2
or more comparable earlier years uses its own ratios; otherwise the cluster's (a court that merged in 2025 has
no comparable earlier year). The range applies the smallest and the largest ratio. With no earlier year there
is no projection, and the pages say what is missing instead of a verdict.
"""

from __future__ import annotations

import datetime as dt
import math
import statistics
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analytics.compute.indicators import CLUSTER, INDICATOR_BY_KEY, PROGRESS
from analytics.compute.targets import TARGET_LAYER, margin, meets
from analytics.domain import CASE_TYPES, GROUPS, PERIOD_BY_KEY, court_by_key
from analytics.frames import ComparisonRows, Judged, columns
from analytics.text import Words

YEAR_END = "12"
OWN_YEARS = 2  # earlier years a court needs before its own ratios are used instead of the cluster's
PROJECTED_MET, AT_RISK = "projected_met", "at_risk"
PROJECTION_LABELS = {
    PROJECTED_MET: Words("Dự báo đạt", "Projected to meet"),
    AT_RISK: Words("Có nguy cơ không đạt", "At risk"),
}
OWN, CLUSTER_PATH = "court", "cluster"  # whose ratios a projection used
PROJECTION_COLUMNS = [c for c in columns(ComparisonRows) if c not in columns(Judged)]
EFFORT_COLUMNS = [
    "court",
    "group",
    "indicator",
    "comparator",
    "target",
    "accepted",
    "new",
    "resolved",
    "expected_accepted",
    "needed",
    "weeks",
    "per_week",
    "projection_source",
    "projection_years",
]


def comparable(court: str, year: int, other: int) -> bool:
    """A court's figures of two years cover the same area; the cluster row always counts as comparable."""
    return court == CLUSTER or court_by_key(court).comparable(year, other)


@dataclass(frozen=True)
class Ratios:
    """Year-end ÷ same-period ratios of earlier years, per (court, indicator) and for the cluster per indicator."""

    own: dict[tuple[str, str], dict[int, float]]

    @classmethod
    def of(cls, history: pd.DataFrame, period: str, before: int) -> Ratios:
        """From indicator rows (court, year, period, indicator, value) of the years before `before`."""
        earlier = history[history["year"] < before]

        def values(of: str) -> dict[tuple[str, int, str], float]:
            rows = earlier[earlier["period"] == of]
            at = zip(rows["court"].tolist(), rows["year"].tolist(), rows["indicator"].tolist(), strict=True)
            return dict(zip(at, rows["value"].astype("float64").tolist(), strict=True))

        same, end = values(period), values(YEAR_END)
        own: dict[tuple[str, str], dict[int, float]] = {}
        for (court, year, indicator), base in same.items():
            if not base > 0 or (court, year, indicator) not in end:
                continue
            value = end[(court, year, indicator)] / base
            if np.isfinite(value):
                own.setdefault((str(court), str(indicator)), {})[int(year)] = float(value)
        return cls(own)

    def chosen(self, court: str, indicator: str, year: int) -> tuple[list[float], str | None]:
        """The ratios a projection of this court uses, and whose they are (None: no earlier year at all)."""
        mine = [r for y, r in self.own.get((court, indicator), {}).items() if comparable(court, year, y)]
        if court == CLUSTER:
            return (mine, CLUSTER_PATH) if mine else ([], None)
        if len(mine) >= OWN_YEARS:
            return mine, OWN
        cluster = list(self.own.get((CLUSTER, indicator), {}).values())
        return (cluster, CLUSTER_PATH) if cluster else ([], None)


def _projected(value: float, ratios: list[float], indicator: str) -> tuple[float, float, float]:
    """The projection and its range; never past what the indicator can be (a resolution rate tops at 100 %)."""
    ceiling = INDICATOR_BY_KEY[indicator].ceiling if indicator in INDICATOR_BY_KEY else None
    found = (value * statistics.median(ratios), value * min(ratios), value * max(ratios))
    return tuple(min(v, ceiling) for v in found) if ceiling is not None else found


def with_projections(rows: pd.DataFrame, history: pd.DataFrame) -> pd.DataFrame:
    """The evaluated rows of one year and period with the same period a year before and, for a progress row, the
    projected year-end, its range and its verdict against the annual target.

    `history` holds indicator rows (court, year, period, indicator, value) of the other stored years.
    """
    if rows.empty:
        return rows.assign(**{c: pd.Series(dtype="float64") for c in PROJECTION_COLUMNS})
    year, period = int(rows["year"].iloc[0]), str(rows["period"].iloc[0])
    last = history[(history["year"] == year - 1) & (history["period"] == period)]
    last_values = dict(
        zip(zip(last["court"].tolist(), last["indicator"].tolist(), strict=True), last["value"], strict=True)
    )
    keys = list(zip(rows["court"].tolist(), rows["indicator"].tolist(), strict=True))
    same_area = [comparable(c, year, year - 1) for c, _ in keys]
    last_year = pd.Series([last_values.get(k, np.nan) for k in keys], index=rows.index, dtype="float64")
    last_year = last_year.where(same_area)
    value = rows["value"].astype("float64")
    columns: dict[str, list] = {c: [] for c in PROJECTION_COLUMNS[3:]}
    ratios = Ratios.of(history, period, year)
    for (court, indicator), now, basis, comparator, target in zip(
        keys, value, rows["basis"], rows["comparator"], rows["target"], strict=True
    ):
        chosen, source = ratios.chosen(court, indicator, year) if basis == PROGRESS else ([], None)
        if not chosen or pd.isna(now):
            for column in columns:
                columns[column].append(None if column in ("projection_source", "projected_status") else np.nan)
            continue
        projected, low, high = _projected(now, chosen, indicator)
        judged = not pd.isna(target)
        columns["projected"].append(projected)
        columns["projected_low"].append(low)
        columns["projected_high"].append(high)
        columns["projection_source"].append(source)
        columns["projection_years"].append(len(chosen))
        ok = judged and meets(projected, comparator, target)
        columns["projected_status"].append((PROJECTED_MET if ok else AT_RISK) if judged else None)
        columns["projected_margin"].append(margin(projected, comparator, target) if judged else np.nan)
    return rows.assign(
        last_year=last_year,
        vs_last_year=value - last_year,
        comparable=same_area,
        **{
            c: pd.Series(v, index=rows.index, dtype="object" if c.endswith(("source", "status")) else "float64")
            for c, v in columns.items()
        },
    )


def backtest(history: pd.DataFrame, period: str, indicators: tuple[str, ...] | None = None) -> pd.DataFrame:
    """How far the projection from `period` fell from the year-end actually stored, over every stored year that has
    an earlier year to project from: indicator, mean absolute error (in the indicator's unit), cases, years.

    Each year is projected with the ratios of the years before it only, as it would have been at the time.
    """
    columns = ["indicator", "error", "cases", "years"]
    if PERIOD_BY_KEY[period].full_year or history.empty:
        return pd.DataFrame(columns=columns)
    keys = indicators or tuple(k for k, spec in INDICATOR_BY_KEY.items() if spec.partial == PROGRESS)
    chosen = history[history["indicator"].isin(keys) & history["period"].isin([period, YEAR_END])]
    at = zip(*(chosen[c].tolist() for c in ("court", "year", "period", "indicator")), strict=True)
    values = dict(zip(at, chosen["value"].astype("float64").tolist(), strict=True))
    errors: dict[str, list[float]] = {}
    years: dict[str, set[int]] = {}
    for year in sorted(int(y) for y in chosen["year"].unique()):
        ratios = Ratios.of(chosen, period, year)
        now = chosen[(chosen["year"] == year) & (chosen["period"] == period)]
        for court, indicator, value in zip(now["court"].tolist(), now["indicator"].tolist(), now["value"], strict=True):
            actual = values.get((court, year, YEAR_END, indicator), np.nan)
            ratio_list, _ = ratios.chosen(str(court), str(indicator), year)
            if not ratio_list or pd.isna(value) or pd.isna(actual):
                continue
            projected, _, _ = _projected(float(value), ratio_list, str(indicator))
            errors.setdefault(str(indicator), []).append(abs(projected - float(actual)))
            years.setdefault(str(indicator), set()).add(year)
    rows = [(k, float(np.mean(v)), len(v), len(years[k])) for k, v in errors.items()]
    return pd.DataFrame(rows, columns=columns)


# --- what it takes --------------------------------------------------------------------------------------------

FLOW = ("accepted", "new", "resolved")


def _group_sums(figures: pd.DataFrame) -> pd.DataFrame:
    """accepted, new and resolved per court, year, period and case group, the cluster rows added."""
    group_of = {c.key: c.group for c in CASE_TYPES}
    chosen = figures[figures["measure"].isin(FLOW) & figures["scope"].isin(group_of)]
    if chosen.empty:
        return pd.DataFrame(columns=["court", "year", "period", "group", *FLOW])
    keys = ["court", "year", "period"]
    # Sums per key and measure, one column per measure (a sum of none is NaN): what pivot_table gives, without its
    # overhead (68 → 49 ms at national scale; the comparison computes this after every data change).
    by_group = chosen.assign(group=chosen["scope"].map(group_of)).groupby(["group", *keys, "measure"])["value"].sum()
    by_group = by_group.unstack("measure")
    every = chosen.groupby([*keys, "measure"])["value"].sum().unstack("measure")
    parts = [by_group.xs(g).reset_index().assign(group=g) for g in GROUPS if g != "all" and g in by_group.index]
    parts.append(every.reset_index().assign(group="all"))
    courts = pd.concat([part.reindex(columns=[*keys, *FLOW, "group"]) for part in parts], ignore_index=True)
    cluster = courts.groupby(["year", "period", "group"], as_index=False)[list(FLOW)].sum(min_count=1)
    return pd.concat([courts, cluster.assign(court=CLUSTER)], ignore_index=True)


def weeks_left(year: int, period: str) -> float:
    """Weeks from the period's end to 30 September, the end of the statistical year."""
    end = PERIOD_BY_KEY[period].end(year)
    return (dt.date(year, 9, 30) - end).days / 7


def effort(figures: pd.DataFrame, targets: pd.DataFrame, year: int, period: str) -> pd.DataFrame:
    """What it takes, per court (and the cluster) and case group with a resolution target, to reach it by 30/09.

    expected year-end accepted = accepted now + new now × (median earlier-year ratio of year-end new ÷ same-period
    new − 1); cases still to resolve = ⌈target × expected accepted⌉ − resolved now (0 when already enough), and per
    week over the weeks left. Without an earlier year the expected figures are missing (NaN).
    """
    if PERIOD_BY_KEY[period].full_year:
        return pd.DataFrame(columns=EFFORT_COLUMNS)
    sums = _group_sums(figures[figures["period"].isin([period, YEAR_END])])
    now = sums[(sums["year"] == year) & (sums["period"] == period)]
    if now.empty:
        return pd.DataFrame(columns=EFFORT_COLUMNS)
    goals = targets[(targets["year"] == year) & (targets["layer"] == TARGET_LAYER)]
    goal_of = {  # looked up per court and group: a dict, not a frame's .at (hundreds of rows at national scale)
        indicator: (str(comparator), float(value))
        for indicator, comparator, value in zip(goals["indicator"], goals["comparator"], goals["value"], strict=True)
    }
    history = sums.assign(indicator="new." + sums["group"], value=sums["new"])
    ratios = Ratios.of(history, period, year)
    weeks = weeks_left(year, period)
    rows = []
    for row in now.itertuples(index=False):
        indicator = f"resolution_rate.{row.group}"
        if indicator not in goal_of or pd.isna(row.accepted):
            continue
        comparator, target = goal_of[indicator]
        chosen, source = ratios.chosen(str(row.court), f"new.{row.group}", year)
        expected = needed = per_week = np.nan
        if chosen:
            expected = float(row.accepted) + float(row.new) * (statistics.median(chosen) - 1)
            needed = max(0, math.ceil(target * expected - 1e-9) - int(row.resolved))
            per_week = math.ceil(needed / weeks) if weeks > 0 else np.nan
        rows.append(
            (
                row.court,
                row.group,
                indicator,
                comparator,
                target,
                int(row.accepted),
                int(row.new),
                int(row.resolved),
                expected,
                needed,
                weeks,
                per_week,
                source,
                len(chosen),
            )
        )
    return pd.DataFrame(rows, columns=EFFORT_COLUMNS)
