"""Tổng quan: the cluster's key figures and the scorecard of courts × indicators, coloured by status."""

import streamlit as st

from ui import views
from ui.frame import footer, page_frame, partial_year_note, stop_without_data
from ui.i18n import t

view = page_frame("overview.title")
stop_without_data(view)
comparison = view.comparison()
stop_without_data(view, comparison)

st.subheader(f"{t('overview.kpis')} – {view.period_label()}, {view.year}")
views.kpi_cards(comparison, view.lang)
partial_year_note(view)
st.subheader(t("overview.scorecard"))
views.scorecard(comparison, view.lang)
st.subheader(t("overview.misses"))
views.misses(comparison, view.lang)
footer(view)
