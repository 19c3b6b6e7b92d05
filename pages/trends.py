"""Xu hướng: one indicator through the year (cumulative progress towards the annual target, or quarters alone),
and the same period across the stored years."""

import streamlit as st

from ui import state, trends_views
from ui.frame import bound_choice, footer, page_frame, pick_indicator, stop_without_data
from ui.i18n import t

view = page_frame("trends.title")
stop_without_data(view)
indicator = pick_indicator(view, view.indicators())
mode = bound_choice(
    st.segmented_control,
    t("trends.mode"),
    list(trends_views.MODES),
    state.TREND_VIEW,
    "luy_ke",
    format_func=lambda m: t(trends_views.MODES[m]),
    required=True,
)
trends_views.this_year(view, indicator, mode)
st.subheader(t("trends.years"))
trends_views.across_the_years(view, indicator)
footer(view)
