"""Xếp hạng thi đua: the indicative ranking of DOMAIN.md §7 with its gate criteria; the weights are stored and
editable. The official result is the cluster's vote, and the page says so first."""

import streamlit as st

from analytics.compute.ranking import gate_table, weights
from ui import data, leader_views, ranking_views
from ui.frame import footer, page_frame, partial_year_note, stop_without_data
from ui.i18n import t

view = page_frame("ranking.title")
stop_without_data(view)
comparison = view.comparison()
stop_without_data(view, comparison)

st.warning(t("ranking.indicative"), icon="⚠️")
chosen = weights(data.ranking_weights(view.url, view.version, view.year))
st.subheader(f"{t('ranking.table')} – {view.period_label()}, {view.year}")
rows = comparison.ranking_rows()
if rows is None:
    st.info(t("ranking.no_projection", period=view.period_label()), icon="ℹ️")
else:
    if not comparison.full_year:
        st.caption(t("ranking.projected"))
    table = data.ranking(view.url, view.version, view.year, view.period)
    if view.courts:
        table = table[table["court"].isin(view.courts)]
    gate_keys = list(chosen.loc[chosen["gate"], "indicator"])
    leader_views.ranking_table(view, table, gate_table(rows, chosen), gate_keys)
partial_year_note(view)
st.caption(t("ranking.method"))
st.subheader(t("ranking.weights"))
ranking_views.weight_editor(view, chosen)
footer(view)
