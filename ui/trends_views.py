"""The trends page's parts: one indicator through the year (chart and court × period table), and the same period
across the stored years."""

from __future__ import annotations

import streamlit as st

from analytics.compute import tables
from analytics.compute.indicators import INDICATOR_BY_KEY, of_courts
from analytics.compute.targets import annual_target
from analytics.compute.trends import across_years, through_the_year, years_shown
from analytics.outputs.charts import trend_chart, years_chart
from ui import data, widgets
from ui.frame import View
from ui.i18n import t

MODES = {"luy_ke": "trends.cumulative", "quy": "trends.quarters"}  # the URL's ?xem= → its name in the catalogue
QUARTERS = "quy"


def this_year(view: View, indicator: str, mode: str) -> None:
    """The chosen courts and the cluster at each period of the year: cumulative progress towards the annual target,
    or the quarters alone; then the same as a court × period table."""
    quarters = mode == QUARTERS
    title = t("trends.chart_title", indicator=INDICATOR_BY_KEY[indicator].label(view.lang), year=view.year)
    of_year = t("trends.of_year", share="{share}")
    chart, grid = data.shared(
        _this_year, view.url, view.version, view.year, view.courts, indicator, quarters, view.lang, title, of_year
    )
    widgets.chart(chart, name="trend")
    st.caption(t("trends.help_quarters") if quarters else t("trends.help_cumulative"))
    if grid is None:
        st.caption(t("no_data", year=view.year, period="—"))
        return
    widgets.show(grid)


def across_the_years(view: View, indicator: str) -> None:
    """The same period of every stored year, court by court (two years at least): the chart, then the same as a
    court × year table, which a screen reader reads (the chart's bars and their labels are a picture to it)."""
    drawn = data.shared(_across_the_years, view.url, view.version, view.period, view.courts, indicator, view.lang)
    if drawn is None:
        st.caption(t("trends.one_year"))
        return
    chart, grid = drawn
    widgets.chart(chart, name="years")
    widgets.show(grid)


# What the page draws, made once per data version, filters and language for every reader (data.shared).


def _this_year(url, version, year, courts, indicator, quarters, lang, title, of_year):
    figures, targets = data.figures(url, version), data.all_targets(url, version)
    rows = of_courts(through_the_year(figures, targets, year, indicator, quarters=quarters), courts)
    annual = annual_target(targets, year, indicator)
    chart = widgets.Drawn.of(trend_chart(rows, indicator, lang, title, annual, quarters=quarters))
    if rows.empty:
        return chart, None
    written = lambda share: of_year.format(share=share)  # noqa: E731
    return chart, tables.progress_grid(rows, indicator, annual, lang, quarters=quarters, of_year=written)


def _across_the_years(url, version, period, courts, indicator, lang) -> tuple[widgets.Drawn, tables.Grid] | None:
    years = across_years(data.figures(url, version), data.all_targets(url, version), period, indicator)
    if years_shown(years) < 2:
        return None
    rows = of_courts(years, courts, cluster=False)
    return widgets.Drawn.of(years_chart(rows, indicator, lang)), tables.progress_grid(rows, indicator, None, lang)
