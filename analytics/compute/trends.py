"""Through the year: cumulative periods as progress towards the annual target, quarters alone by differencing,
and the same period across years (DOMAIN.md §3).

Cumulative returns count from 1 October, so a quarter alone is the difference of two consecutive returns
for the flows (new, resolved, …); its carried-over cases are the pending cases at the end of the previous
return, and stocks (pending, overdue, judges, units) are read at the quarter's end.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from analytics.compute.indicators import INDICATOR_BY_KEY, compute
from analytics.compute.targets import evaluate
from analytics.domain import CUMULATIVE_PERIODS, PERIOD_BY_KEY

# Read at the end of a period, never differenced.
STOCK_MEASURES = frozenset({"pending", "overdue", "suspended", "judges", "units", "carried_over", "accepted"})
QUARTER_OF = {"3": "Q1", "6": "Q2", "9": "Q3", "12": "Q4"}
TREND_COLUMNS = ["court", "year", "period", "months", "value", "target", "comparator", "status", "margin", "basis"]


def _cumulative(figures: pd.DataFrame) -> pd.DataFrame:
    return figures[figures["period"].isin(CUMULATIVE_PERIODS)]


def _rows(kept: Iterable[bool]) -> np.ndarray:
    """A row mask: a list of no booleans would pick no *columns* (a year with no return yet of a period after its
    first lost its columns, and its year turned to floats that no period's dates accept)."""
    return np.fromiter(kept, dtype=bool)


def quarter_figures(figures: pd.DataFrame) -> pd.DataFrame:
    """Quarter-only figures (periods Q1…Q4) derived from consecutive cumulative returns of each court.

    A quarter needs the cumulative return at its end and, from Q2 on, the one before it. A quarter-only
    return the court stored itself wins over the derived one. A flow whose cumulative figure shrank (a corrected
    return, which validation warns of) gives a negative quarter: kept, so that a group's quarter is still the
    difference of its cumulative totals; the indicator of that figure alone is not applicable (`through_the_year`).
    """
    keys = ["court", "year", "scope", "measure"]
    cumulative = _cumulative(figures)
    if cumulative.empty:
        return figures.iloc[0:0][["court", "year", "period", "scope", "measure", "value"]]
    wide = cumulative.pivot_table(index=keys, columns="period", values="value", aggfunc="last")
    wide = wide.reindex(columns=list(CUMULATIVE_PERIODS))
    pending = (
        wide.xs("pending", level="measure", drop_level=False) if "pending" in wide.index.unique("measure") else None
    )
    held = {p: set(zip(part["court"], part["year"], strict=True)) for p, part in cumulative.groupby("period")} | {}
    held = {p: held.get(p, set()) for p in CUMULATIVE_PERIODS}
    parts = []
    previous = None
    for period in CUMULATIVE_PERIODS:
        end = wide[period]
        measures = end.index.get_level_values("measure")
        flows = end if previous is None else end - wide[previous]
        value = end.where(measures.isin(STOCK_MEASURES), flows)
        frame = value.rename("value").reset_index().dropna(subset=["value"])
        if previous is not None:
            # Carried over into the quarter = pending at the end of the previous return; accepted follows.
            frame = frame[~frame["measure"].isin(["carried_over", "accepted"])]
            if pending is not None:
                before = pending[previous].rename("value").reset_index().dropna(subset=["value"])
                carried = before.assign(measure="carried_over")
                new = frame[frame["measure"] == "new"].set_index(["court", "year", "scope"])["value"]
                accepted = carried.set_index(["court", "year", "scope"])["value"].add(new).dropna()
                accepted = accepted.rename("value").reset_index().assign(measure="accepted")
                frame = pd.concat([frame, carried, accepted], ignore_index=True)
        if previous is not None:  # only courts that sent both returns: a quarter is never half derived
            both = held[period] & held[previous]
            frame = frame[_rows(k in both for k in zip(frame["court"], frame["year"], strict=True))]
        parts.append(frame.assign(period=QUARTER_OF[period]))
        previous = period
    derived = pd.concat(parts, ignore_index=True)
    derived = derived.astype({"value": "int64"})
    own = figures[~figures["period"].isin(CUMULATIVE_PERIODS)]
    if not own.empty:
        held = set(zip(own["court"], own["year"], own["period"], strict=True))
        mask = _rows(k not in held for k in zip(derived["court"], derived["year"], derived["period"], strict=True))
        derived = pd.concat([derived[mask], own[derived.columns.intersection(own.columns)]], ignore_index=True)
    return derived[["court", "year", "period", "scope", "measure", "value"]]


def _with_months(rows: pd.DataFrame) -> pd.DataFrame:
    return rows.assign(months=rows["period"].map(lambda p: PERIOD_BY_KEY[p].months))


def through_the_year(
    figures: pd.DataFrame, targets: pd.DataFrame, year: int, indicator: str, *, quarters: bool = False
) -> pd.DataFrame:
    """One indicator of each court (and the cluster) at each period of the year, judged against the target.

    Cumulative periods are judged as the page says: a rate against the annual target (progress), an
    accumulating count against the target pro rata. With `quarters`, the quarters alone by differencing.
    """
    chosen = figures[figures["year"] == year]
    chosen = quarter_figures(chosen) if quarters else _cumulative(chosen)
    spec = INDICATOR_BY_KEY[indicator]
    if chosen.empty:
        return pd.DataFrame(columns=TREND_COLUMNS)
    computed = compute(chosen, (spec,))
    # A quarter made of a shrunk cumulative figure (a correction) is no rate or count of that quarter: not applicable.
    corrected = (computed["numerator"] < 0) | (computed["denominator"] < 0)
    rows = evaluate(computed.assign(value=computed["value"].mask(corrected)), targets)
    return _with_months(rows).sort_values(["court", "months"]).reset_index(drop=True)[TREND_COLUMNS]


def progress(rows: pd.DataFrame, annual_target: float | None) -> pd.Series:
    """How far each value has come towards the annual target (a fraction; 1 = the year's target reached)."""
    if annual_target is None or pd.isna(annual_target) or annual_target == 0:
        return pd.Series(float("nan"), index=rows.index)
    return rows["value"] / annual_target


def years_shown(rows: pd.DataFrame) -> int:
    """How many statistical years these rows cover (the year-over-year chart needs two)."""
    return int(rows["year"].nunique()) if not rows.empty else 0


def across_years(figures: pd.DataFrame, targets: pd.DataFrame, period: str, indicator: str) -> pd.DataFrame:
    """One indicator at the same period of every stored year (year over year)."""
    chosen = figures[figures["period"] == period]
    if chosen.empty:
        return pd.DataFrame(columns=TREND_COLUMNS)
    rows = evaluate(compute(chosen, (INDICATOR_BY_KEY[indicator],)), targets)
    return _with_months(rows).sort_values(["court", "year"]).reset_index(drop=True)[TREND_COLUMNS]
