"""The compare page's parts: one indicator's bars across the courts, and the tabs beneath them (the detail table,
the case types side by side, the heat map of margins). A click on a bar or a cell names a court."""

from __future__ import annotations

from typing import TYPE_CHECKING

import streamlit as st

from analytics.compute import tables
from analytics.compute.comments import comment_counts
from analytics.compute.comparison import Comparison, case_types_of
from analytics.compute.indicators import INDICATOR_BY_KEY, PROGRESS
from analytics.outputs.charts import bar_chart, heat_map, small_charts, small_multiples
from ui import data, state, widgets
from ui.frame import View
from ui.i18n import TEXTS, t

if TYPE_CHECKING:
    import pandas as pd


def _clicked(event) -> str | None:
    return widgets.clicked_court([point.get("customdata") for point in event.selection.points])


def bars(view: View, comparison: Comparison, indicator: str, comments: pd.DataFrame) -> str | None:
    """The indicator across the courts, best first, with the target and the floor; the comments' count in the hover.
    Returns the court whose bar was clicked."""
    spec = INDICATOR_BY_KEY[indicator]
    title = t("compare.chart_title", indicator=spec.label(view.lang), period=view.period_label(), year=view.year)
    notes = tuple(sorted(comment_counts(comments).items()))
    figure = data.shared(
        _bars, view.url, view.version, view.year, view.period, view.courts, indicator, view.lang, title, notes
    )
    event = widgets.chart(figure, name="bars", key=widgets.fresh(state.BARS))
    st.caption(" ".join(filter(None, [t("compare.best_first"), spec.note(view.lang)])))
    if comparison.projected and spec.partial == PROGRESS:
        st.caption(t("compare.projection_note"))
    return _clicked(event)


def details(view: View, comparison: Comparison, indicators: tuple[str, ...], indicator: str) -> str | None:
    """The detail table, the case types side by side and the heat map of margins, in tabs. Only the open tab is made
    and sent: a click on another tab runs the page again (its parts are shared: 0,4–0,5 s to the heat map drawn, by
    the browser benchmark), where drawing the two hidden charts on every visit cost the browser most of the page's
    time. Returns the court whose cell of the heat map was clicked."""
    labels = [t(key) for key in _TABS]
    opened = st.session_state.get(state.COMPARE_TAB)
    for key, label in zip(_TABS, labels, strict=True):
        if opened in TEXTS[key] and opened != label:  # kept open across a change of language (the state is a label)
            st.session_state[state.COMPARE_TAB] = label
    tab_table, tab_types, tab_heat = st.tabs(labels, key=state.COMPARE_TAB, on_change="rerun")
    chosen = (view.url, view.version, view.year, view.period, view.courts)
    if tab_table.open:
        with tab_table:
            widgets.show(data.shared(_indicator_table, *chosen, indicator, view.lang))
    if tab_types.open:
        with tab_types:
            title = t("compare.case_types_title")
            figure = data.shared(_case_types, *chosen, case_types_of(view.group), view.lang, title)
            widgets.chart(figure, name="case_types")
    if tab_heat.open:
        with tab_heat:
            title = t("compare.heat_title" if comparison.full_year else "compare.heat_title_partial")
            figure = data.shared(_heat_map, *chosen, indicators, view.lang, title)
            event = widgets.chart(figure, name="heat", key=widgets.fresh(state.HEAT))
            st.caption(t("compare.heat_help"))
            return _clicked(event)
    return None


_TABS = ("compare.table", "compare.case_types", "compare.heat_map")


# What the page draws, made once per data version, filters and language for every reader (data.shared).


def _bars(url, version, year, period, courts, indicator, lang, title, notes) -> widgets.Drawn:
    rows = data.chosen(url, version, year, period, courts).indicator(indicator)
    return widgets.Drawn.of(bar_chart(rows, indicator, lang, title, dict(notes)))


def _indicator_table(url, version, year, period, courts, indicator, lang) -> tables.Grid:
    comparison = data.chosen(url, version, year, period, courts)
    return tables.indicator_rows(comparison.indicator(indicator), indicator, lang, partial=not comparison.full_year)


def _case_types(url, version, year, period, courts, types, lang, title) -> widgets.Drawn:
    """The grid of small charts for the files; on the screen each chart on its own, laid out by the page's width."""
    grid = small_multiples(data.chosen(url, version, year, period, courts).rows, types, lang, title)
    return widgets.Drawn.of(grid, small_charts(grid))


def _heat_map(url, version, year, period, courts, indicators, lang, title) -> widgets.Drawn:
    comparison = data.chosen(url, version, year, period, courts)
    return widgets.Drawn.of(heat_map(comparison.rows, indicators, comparison.courts(), lang, title))
