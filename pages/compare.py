"""So sánh: one indicator across the seven courts, sorted, against the target and the National Assembly floor."""

import streamlit as st

from analytics.charts import bar_chart
from analytics.comparison import SCORECARD
from analytics.indicators import INDICATOR_BY_KEY
from ui import state, views
from ui.frame import bound_choice, footer, page_frame, partial_year_note, stop_without_data
from ui.i18n import t

view = page_frame("compare.title")
stop_without_data(view)
comparison = view.comparison()
stop_without_data(view, comparison)

indicator = bound_choice(
    st.selectbox,
    t("compare.pick"),
    list(SCORECARD),
    state.INDICATOR,
    SCORECARD[0],
    format_func=lambda key: INDICATOR_BY_KEY[key].label(view.lang),
)
spec = INDICATOR_BY_KEY[indicator]
rows = comparison.indicator(indicator)
title = t("compare.chart_title", indicator=spec.label(view.lang), period=view.period_label(), year=view.year)
st.plotly_chart(bar_chart(rows, indicator, view.lang, title), config={"displaylogo": False})
st.caption(" ".join(filter(None, [t("compare.best_first"), spec.note_en if view.lang == "en" else spec.note_vi])))
partial_year_note(view)
st.subheader(t("compare.table"))
views.indicator_table(rows, indicator, view.lang)
footer(view)
