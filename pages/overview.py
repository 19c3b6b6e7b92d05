"""Tổng quan: the cluster's key figures with their changes, the scorecard of courts × indicators, the data status."""

import streamlit as st

from analytics.compute.comments import comment_counts, comments_of_period
from analytics.compute.comparison import court_label
from ui import data, leader_views, views
from ui.frame import footer, link_to_profile, open_profile, page_frame, partial_year_note, stop_without_data
from ui.i18n import t

view = page_frame("overview.title")
stop_without_data(view)
comparison = view.comparison()
stop_without_data(view, comparison)

whole = data.comparison(view.url, view.version, view.year, view.period)
st.subheader(f"{whole.cluster_label(view.lang)} – {view.period_label()}, {view.year}")
leader_views.kpi_cards(view, whole)
partial_year_note(view)
st.subheader(t("overview.scorecard"))
comments = comments_of_period(data.comments(view.url, view.version), view.year, view.period, comparison.courts())
chosen = views.scorecard(comparison, view, selectable=True, notes=comment_counts(comments))
if chosen:
    open_profile(chosen, view)
leader_views.period_comments(comments, view)
with st.container(horizontal=True):
    st.caption(t("overview.open_profile"))
    for court in comparison.courts():
        link_to_profile(court, view, court_label(court, view.lang))
st.subheader(t("overview.misses"))
views.misses(comparison, view.lang, view.indicators())
if not comparison.full_year:
    st.subheader(t("overview.at_risk"))
    views.at_risk(comparison, view.lang, view.indicators())
st.subheader(t("overview.status"))
leader_views.submission_strip(view)
footer(view)
