"""Xu hướng: one indicator through the year (cumulative progress towards the annual target, or quarters alone),
and the same period across the stored years."""

import streamlit as st

from analytics.compute.indicators import CLUSTER, INDICATOR_BY_KEY
from analytics.compute.trends import across_years, through_the_year
from analytics.outputs.charts import trend_chart, years_chart
from ui import data, state, trend_views
from ui.frame import bound_choice, footer, page_frame, pick_indicator, stop_without_data
from ui.i18n import t

view = page_frame("trends.title")
stop_without_data(view)
indicators = view.indicators()
indicator = pick_indicator(view, indicators)
mode = bound_choice(
    st.segmented_control,
    t("trends.mode"),
    list(trend_views.MODES),
    state.TREND_VIEW,
    "luy_ke",
    format_func=lambda m: t(trend_views.MODES[m]),
    required=True,
)
figures = data.figures(view.url, view.version)
targets = data.all_targets(view.url, view.version)
rows = trend_views.shown(through_the_year(figures, targets, view.year, indicator, quarters=mode == "quy"), view)
spec = INDICATOR_BY_KEY[indicator]
annual = trend_views.annual_target(targets, view.year, indicator)
title = t("trends.chart_title", indicator=spec.label(view.lang), year=view.year)
st.plotly_chart(trend_chart(rows, indicator, view.lang, title, annual), config={"displaylogo": False})
st.caption(t("trends.help_quarters") if mode == "quy" else t("trends.help_cumulative"))
trend_views.progress_table(rows, indicator, annual, view, quarters=mode == "quy")

st.subheader(t("trends.years"))
years = across_years(figures, targets, view.period, indicator)
if years.empty or years["year"].nunique() < 2:
    st.caption(t("trends.one_year"))
else:
    shown = trend_views.shown(years, view)
    st.plotly_chart(years_chart(shown[shown["court"] != CLUSTER], indicator, view.lang), config={"displaylogo": False})
footer(view)
