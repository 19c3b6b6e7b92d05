"""The trends page's parts: one indicator through the year (chart and court × period table), and the same period
across the stored years."""

from __future__ import annotations

from typing import TYPE_CHECKING

import streamlit as st

from analytics.compute import tables
from analytics.compute.indicators import INDICATOR_BY_KEY, of_courts
from analytics.compute.targets import annual_target
from analytics.compute.trends import across_years, through_the_year, years_shown
from analytics.outputs.charts import trend_chart, years_chart
from ui import widgets
from ui.frame import View
from ui.i18n import t

if TYPE_CHECKING:
    import pandas as pd

MODES = {"luy_ke": "trends.cumulative", "quy": "trends.quarters"}  # the URL's ?xem= → its name in the catalogue
QUARTERS = "quy"


def this_year(view: View, figures: pd.DataFrame, targets: pd.DataFrame, indicator: str, mode: str) -> None:
    """The chosen courts and the cluster at each period of the year: cumulative progress towards the annual target,
    or the quarters alone; then the same as a court × period table."""
    quarters = mode == QUARTERS
    rows = of_courts(through_the_year(figures, targets, view.year, indicator, quarters=quarters), view.courts)
    annual = annual_target(targets, view.year, indicator)
    title = t("trends.chart_title", indicator=INDICATOR_BY_KEY[indicator].label(view.lang), year=view.year)
    widgets.chart(trend_chart(rows, indicator, view.lang, title, annual), name="trend")
    st.caption(t("trends.help_quarters") if quarters else t("trends.help_cumulative"))
    if rows.empty:
        st.caption(t("no_data", year=view.year, period="—"))
        return
    of_year = lambda share: t("trends.of_year", share=share)  # noqa: E731
    widgets.show(
        tables.progress_grid(rows, indicator, annual, view.year, view.lang, quarters=quarters, of_year=of_year)
    )


def across_the_years(view: View, figures: pd.DataFrame, targets: pd.DataFrame, indicator: str) -> None:
    """The same period of every stored year, court by court (two years at least)."""
    years = across_years(figures, targets, view.period, indicator)
    if years_shown(years) < 2:
        st.caption(t("trends.one_year"))
        return
    widgets.chart(years_chart(of_courts(years, view.courts, cluster=False), indicator, view.lang), name="years")
