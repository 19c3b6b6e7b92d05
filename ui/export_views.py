"""The export page's parts: the comparison as a formatted .xlsx and as CSV, built once per data version."""

from __future__ import annotations

import streamlit as st

from ui import data
from ui.frame import View
from ui.i18n import t

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def downloads(view: View) -> None:
    """The two files of the chosen year and period, side by side."""
    stem = f"so_sanh_cum_II_{view.year}_{view.period}"
    xlsx, csv = data.export_files(view.url, view.version, view.year, view.period, view.lang)
    with st.container(horizontal=True):
        st.download_button(t("export.xlsx"), xlsx, file_name=f"{stem}.xlsx", mime=XLSX_MIME, type="primary", icon="⬇️")
        st.download_button(t("export.csv"), csv, file_name=f"{stem}.csv", mime="text/csv", icon="⬇️")
