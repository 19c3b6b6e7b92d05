"""Xuất dữ liệu: the comparison table as a formatted .xlsx and as CSV, for the conference and the vote."""

import streamlit as st

from ui import data, views
from ui.frame import footer, page_frame, stop_without_data
from ui.i18n import t

view = page_frame("export.title")
stop_without_data(view)
comparison = view.comparison()
stop_without_data(view, comparison)

st.markdown(t("export.intro"))
stem = f"so_sanh_cum_II_{view.year}_{view.period}"
xlsx, csv = data.export_files(view.url, view.version, view.year, view.period, view.lang)
left, right = st.columns(2)
left.download_button(
    t("export.xlsx"),
    xlsx,
    file_name=f"{stem}.xlsx",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    type="primary",
    icon="⬇️",
)
right.download_button(t("export.csv"), csv, file_name=f"{stem}.csv", mime="text/csv", icon="⬇️")
st.subheader(t("export.preview"))
views.scorecard(comparison, view)
footer(view)
