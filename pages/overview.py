"""Tổng quan: the cluster's key figures with their changes, the scorecard of courts × indicators, the data status."""

import streamlit as st

from analytics.compute.comments import comment_counts, comments_of
from ui import data, overview_views, widgets
from ui.frame import footer, open_profile, page_frame, partial_year_note, stop_without_data
from ui.i18n import t

view = page_frame("overview.title")
stop_without_data(view)
comparison = view.comparison()
stop_without_data(view, comparison)

whole = data.comparison(view.url, view.version, view.year, view.period)
st.subheader(f"{whole.cluster_label(view.lang)} – {view.period_label()}, {view.year}")
overview_views.kpi_cards(view)
partial_year_note(view)
st.subheader(t("overview.scorecard"))
comments = comments_of(data.comments(view.url, view.version), view.year, view.period, comparison.courts())
chosen = widgets.scorecard(view, selectable=True, notes=comment_counts(comments))
if chosen:
    open_profile(chosen, view)
widgets.period_comments(comments, view)
overview_views.court_links(comparison, view)
st.subheader(t("overview.misses"))
overview_views.misses(comparison, view)
if not comparison.full_year:
    st.subheader(t("overview.at_risk"))
    overview_views.at_risk(comparison, view)
st.subheader(t("overview.status"))
overview_views.submission_strip(view)
footer(view)
