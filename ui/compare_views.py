"""The compare page's parts: one indicator's bars across the courts, and the tabs beneath them (the detail table,
the case types side by side, the heat map of margins). A click on a bar or a cell names a court."""

from __future__ import annotations

from typing import TYPE_CHECKING

import streamlit as st

from analytics.compute.comments import comment_counts
from analytics.compute.comparison import Comparison, case_types_of
from analytics.compute.indicators import INDICATOR_BY_KEY, PROGRESS
from analytics.outputs.charts import bar_chart, heat_map, small_multiples
from ui import state, widgets
from ui.frame import View
from ui.i18n import t

if TYPE_CHECKING:
    import pandas as pd


def _clicked(event) -> str | None:
    return widgets.clicked_court([point.get("customdata") for point in event.selection.points])


def bars(view: View, comparison: Comparison, indicator: str, comments: pd.DataFrame) -> str | None:
    """The indicator across the courts, best first, with the target and the floor; the comments' count in the hover.
    Returns the court whose bar was clicked."""
    spec = INDICATOR_BY_KEY[indicator]
    title = t("compare.chart_title", indicator=spec.label(view.lang), period=view.period_label(), year=view.year)
    figure = bar_chart(comparison.indicator(indicator), indicator, view.lang, title, comment_counts(comments))
    event = widgets.chart(figure, name="bars", key=widgets.fresh(state.BARS))
    st.caption(" ".join(filter(None, [t("compare.best_first"), spec.note(view.lang)])))
    if comparison.projected and spec.partial == PROGRESS:
        st.caption(t("compare.projection_note"))
    return _clicked(event)


def details(view: View, comparison: Comparison, indicators: tuple[str, ...], indicator: str) -> str | None:
    """The detail table, the case types side by side and the heat map of margins, in tabs. Returns the court whose
    cell of the heat map was clicked."""
    tab_table, tab_types, tab_heat = st.tabs([t("compare.table"), t("compare.case_types"), t("compare.heat_map")])
    with tab_table:
        widgets.indicator_table(comparison.indicator(indicator), indicator, view.lang, partial=not comparison.full_year)
    with tab_types:
        types = case_types_of(view.group)
        widgets.chart(
            small_multiples(comparison.rows, types, view.lang, t("compare.case_types_title")), name="case_types"
        )
    with tab_heat:
        title = t("compare.heat_title" if comparison.full_year else "compare.heat_title_partial")
        figure = heat_map(comparison.rows, indicators, comparison.courts(), view.lang, title)
        event = widgets.chart(figure, name="heat", key=widgets.fresh(state.HEAT))
        st.caption(t("compare.heat_help"))
    return _clicked(event)
