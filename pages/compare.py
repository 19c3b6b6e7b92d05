"""So sánh: one indicator across the courts against the target and the floor; case types side by side; the
heat map of margins to the targets; the comments of the period in the hover and under the chart. A click on a
court opens its profile."""

import streamlit as st

from analytics.compute.comments import comment_counts, comments_of_period
from analytics.compute.comparison import case_types_of
from analytics.compute.indicators import INDICATOR_BY_KEY, PROGRESS
from analytics.outputs.charts import bar_chart, heat_map, small_multiples
from ui import data, leader_views, views
from ui.frame import (
    footer,
    open_profile,
    page_frame,
    partial_year_note,
    pick_indicator,
    stop_without_data,
)
from ui.i18n import t

CHART_CONFIG = {"displaylogo": False}
view = page_frame("compare.title")
stop_without_data(view)
comparison = view.comparison()
stop_without_data(view, comparison)
indicators = view.indicators()

indicator = pick_indicator(view, indicators)
spec = INDICATOR_BY_KEY[indicator]
rows = comparison.indicator(indicator)
title = t("compare.chart_title", indicator=spec.label(view.lang), period=view.period_label(), year=view.year)
round_ = st.session_state.get(views.NAV_ROUND, 0)
comments = comments_of_period(data.comments(view.url, view.version), view.year, view.period, comparison.courts())


def clicked(event) -> str | None:
    return views.clicked_court([point.get("customdata") for point in event.selection.points])


bars = st.plotly_chart(
    bar_chart(rows, indicator, view.lang, title, comment_counts(comments)),
    config=CHART_CONFIG,
    on_select="rerun",
    selection_mode="points",
    key=f"bars_{round_}",
)
st.caption(" ".join(filter(None, [t("compare.best_first"), spec.note(view.lang)])))
if comparison.projected and spec.partial == PROGRESS:
    st.caption(t("compare.projection_note"))
partial_year_note(view)
leader_views.period_comments(comments, view, expanded=False)

tab_table, tab_types, tab_heat = st.tabs([t("compare.table"), t("compare.case_types"), t("compare.heat_map")])
with tab_table:
    views.indicator_table(rows, indicator, view.lang, partial=not comparison.full_year)
with tab_types:
    figure = small_multiples(comparison.rows, case_types_of(view.group), view.lang, t("compare.case_types_title"))
    st.plotly_chart(figure, config=CHART_CONFIG)
with tab_heat:
    heat = st.plotly_chart(
        heat_map(
            comparison.rows,
            indicators,
            comparison.courts(),
            view.lang,
            t("compare.heat_title" if comparison.full_year else "compare.heat_title_partial"),
        ),
        config=CHART_CONFIG,
        on_select="rerun",
        selection_mode="points",
        key=f"heat_{round_}",
    )
    st.caption(t("compare.heat_help"))
chosen = clicked(bars) or clicked(heat)
if chosen:
    open_profile(chosen, view)
footer(view)
