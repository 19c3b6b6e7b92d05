"""The trends page's parts: which rows are shown, the annual target, the progress table."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analytics import formatting
from analytics.compute.comparison import STATUS_MARKS, court_label
from analytics.compute.indicators import CLUSTER, INDICATOR_BY_KEY
from analytics.compute.targets import TARGET_LAYER
from analytics.compute.trends import progress
from analytics.domain import PERIOD_BY_KEY
from ui.frame import View
from ui.i18n import t
from ui.leader_views import period_name

MODES = {"luy_ke": "trends.cumulative", "quy": "trends.quarters"}


def shown(rows: pd.DataFrame, view: View) -> pd.DataFrame:
    """The chosen courts (all when none is chosen) and the cluster."""
    if not view.courts:
        return rows
    return rows[rows["court"].isin((*view.courts, CLUSTER))]


def annual_target(targets: pd.DataFrame, year: int, indicator: str) -> float | None:
    row = targets[(targets["year"] == year) & (targets["indicator"] == indicator) & (targets["layer"] == TARGET_LAYER)]
    return None if row.empty else float(row["value"].iloc[-1])


def progress_table(rows: pd.DataFrame, indicator: str, annual: float | None, view: View, *, quarters: bool) -> None:
    """Court × period: the value with its status mark on its basis (✓ / ✗ for a full year and the states, ↗ / ↘ for
    counts against the pro-rata target, ⋯ for a seasonal rate in progress) and, for counts, the share of the year's
    target reached."""
    if rows.empty:
        st.caption(t("no_data", year=view.year, period="—"))
        return
    unit = INDICATOR_BY_KEY[indicator].unit
    share = progress(rows, annual) if INDICATOR_BY_KEY[indicator].accumulates and not quarters else None
    cells = []
    for i, row in enumerate(rows.itertuples(index=False)):
        text = STATUS_MARKS.get(row.status, "") + formatting.judged(row.value, unit, row.target, view.lang)
        if share is not None and not pd.isna(share.iloc[i]):
            text += " · " + t("trends.of_year", share=formatting.percent(share.iloc[i], lang=view.lang))
        cells.append(text.strip())
    frame = rows.assign(
        cell=cells,
        court=rows["court"].map(lambda c: court_label(c, view.lang)),
        period=[period_name(view.year, p, view.lang) for p in rows["period"]],
    )
    order = sorted(set(rows["period"]), key=lambda p: PERIOD_BY_KEY[p].months)
    columns = [period_name(view.year, p, view.lang) for p in order]
    courts = list(dict.fromkeys(frame["court"]))
    cluster = court_label(CLUSTER, view.lang)
    courts = [c for c in courts if c != cluster] + ([cluster] if cluster in courts else [])
    grid = frame.pivot(index="court", columns="period", values="cell").reindex(index=courts, columns=columns)
    st.dataframe(grid.rename_axis(index=None, columns=None), width="stretch")
