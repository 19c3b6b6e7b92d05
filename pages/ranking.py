"""Xếp hạng thi đua: the indicative ranking of DOMAIN.md §7 with its gate criteria; the weights are stored and
editable. The official result is the cluster's vote, and the page says so first."""

import streamlit as st

from analytics.compute.ranking import weights
from ui import data, ranking_views
from ui.frame import footer, page_frame, partial_year_note, stop_without_data
from ui.i18n import t

view = page_frame("ranking.title")
stop_without_data(view)
comparison = view.comparison()
stop_without_data(view, comparison)

st.warning(t("ranking.indicative"), icon="⚠️")
chosen = weights(data.ranking_weights(view.url, view.version, view.year))
st.subheader(f"{t('ranking.table')} – {view.period_label()}, {view.year}")
ranking_views.ranking(view, comparison, chosen)
partial_year_note(view)
st.caption(t("ranking.method"))
st.subheader(t("ranking.weights"))
ranking_views.weight_editor(view, chosen)
footer(view)
