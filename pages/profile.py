"""Hồ sơ tòa án: one court in full — its indicators against the targets and the cluster, its case table, its
returns with their versions and uploaders, and the notes ("ghi chú") beside the figures."""

import streamlit as st

from analytics.compute.comparison import court_label
from ui import data, profile_views
from ui.frame import footer, page_frame, stop_without_data
from ui.i18n import t

view = page_frame("profile.title")
stop_without_data(view)
court = profile_views.pick_court(view)
comparison = data.comparison(view.url, view.version, view.year, view.period)
stop_without_data(view, comparison)
st.header(f"{court_label(court, view.lang)} – {view.period_label()}, {view.year}")
profile_views.indicators(view, comparison, court)
st.subheader(t("comments.title"))
profile_views.comments(view, court)
if not comparison.full_year:
    profile_views.effort(view, comparison, court)
st.subheader(t("profile.cases"))
profile_views.cases(view, court)
st.subheader(t("profile.returns"))
profile_views.returns(view, court)
footer(view)
