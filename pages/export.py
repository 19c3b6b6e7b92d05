"""Xuất dữ liệu: the comparison table as a formatted .xlsx and as CSV, for the conference and the vote."""

import streamlit as st

from ui import export_views, widgets
from ui.frame import footer, page_frame, stop_without_data
from ui.i18n import t

view = page_frame("export.title")
stop_without_data(view)
comparison = view.comparison()
stop_without_data(view, comparison)

st.markdown(t("export.intro"))
export_views.downloads(view)
st.subheader(t("export.preview"))
widgets.scorecard(view)
footer(view)
