"""Hồ sơ tòa án: one court in full — its indicators against the targets and the cluster, its case table, its
returns with their versions and uploaders, and the notes ("ghi chú") beside the figures."""

import streamlit as st

from analytics.compute.comparison import case_types_of, court_label
from analytics.compute.profile import case_table, court_effort, court_indicators, radar_scores
from analytics.domain import cluster_courts
from analytics.outputs.charts import radar_chart
from ui import data, leader_views, state
from ui.frame import bound_choice, footer, page_frame, stop_without_data
from ui.i18n import t

view = page_frame("profile.title")
stop_without_data(view)
members = [c.key for c in cluster_courts(view.year)]
court = bound_choice(
    st.selectbox,
    t("court"),
    members,
    state.COURT,
    view.courts[0] if view.courts else members[0],
    format_func=lambda c: court_label(c, view.lang),
)
comparison = data.comparison(view.url, view.version, view.year, view.period)
stop_without_data(view, comparison)
name = court_label(court, view.lang)
st.header(f"{name} – {view.period_label()}, {view.year}")

table = court_indicators(comparison, court, view.indicators())
if table["value"].isna().all():
    st.info(t("profile.no_return", court=name), icon="ℹ️")
else:
    left, right = st.columns([5, 4])
    with left:
        leader_views.profile_indicators(table, view.lang)
    with right:
        scores = radar_scores(table)
        st.plotly_chart(radar_chart(scores, view.lang, t("profile.radar_title"), court), config={"displaylogo": False})
        st.caption(t("profile.radar_help"))

notes = data.comments(view.url, view.version)
mine = notes[(notes["court"] == court) & (notes["year"] == view.year)] if not notes.empty else notes
st.subheader(t("comments.title"))
leader_views.comment_list(mine[mine["period"] == view.period] if not mine.empty else mine, view)
leader_views.comment_form(court, view)

if not comparison.full_year:
    st.subheader(t("profile.effort"))
    leader_views.effort(court_effort(comparison, court), view.lang)

st.subheader(t("profile.cases"))
figures = data.figures(view.url, view.version, view.year)
leader_views.case_table(case_table(figures, court, view.year, view.period, case_types_of(view.group)), view.lang)

st.subheader(t("profile.returns"))
versions = data.all_versions(view.url, view.version)
leader_views.returns_table(versions[(versions["court"] == court) & (versions["year"] == view.year)], mine, view)
footer(view)
