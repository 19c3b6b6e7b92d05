"""The upload page's parts: template download, per-file report, the confirm step, the history."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analytics import formatting
from analytics.comparison import court_label
from analytics.domain import PERIOD_BY_KEY
from analytics.importing import Checked, preview, store_checked
from analytics.model import ERROR, WARNING
from analytics.storage import Store
from analytics.template import write_workbook
from ui import data, state, views
from ui.frame import View
from ui.i18n import lang, t

TEMPLATE_NAME = "mau_bao_cao_cum_II.xlsx"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@st.cache_data(show_spinner=False)
def _template() -> bytes:
    return write_workbook()


def template_download() -> None:
    st.download_button(t("upload.template"), _template(), file_name=TEMPLATE_NAME, mime=XLSX_MIME, icon="⬇️")


def _period(key: str) -> str:
    period = PERIOD_BY_KEY[key]
    return period.label_en if lang() == "en" else period.label_vi


def file_report(store: Store, item: Checked, view_lang: str) -> None:
    """One file: its verdict, what it will become, its problems and a preview of its figures."""
    errors = sum(p.severity == ERROR for p in item.problems)
    warnings = sum(p.severity == WARNING for p in item.problems)
    with st.container(border=True):
        st.markdown(f"**{item.filename}**")
        if not item.ok:
            st.error(t("upload.rejected", n=errors), icon="✖️")
        else:
            st.success(t("upload.ok_warnings", n=warnings) if warnings else t("upload.ok"), icon="✔️")
            ret = item.ret
            earlier = store.find_upload(item.sha256)
            if earlier is not None:
                when = pd.Timestamp(earlier.stored_at).strftime("%d/%m/%Y %H:%M")
                st.info(t("upload.already", when=when, version=earlier.version), icon="ℹ️")
            else:
                version = store.next_version(ret.court, ret.year, ret.period)
                st.markdown(
                    t(
                        "upload.will_store",
                        court=court_label(ret.court, view_lang),
                        year=ret.year,
                        period=_period(ret.period),
                        version=version,
                    )
                )
        if item.problems:
            st.markdown(f"*{t('upload.problems')}*")
            views.problems(item.table(), view_lang)
        if item.ret is not None:
            cases, court = preview(item.ret, view_lang)
            with st.expander(t("upload.preview")):
                st.dataframe(cases, width="stretch")
                st.markdown(f"*{t('upload.court_figures')}*")
                st.dataframe(court, hide_index=True)


def confirm(store: Store, checked: list[Checked]) -> None:
    valid = [item for item in checked if item.ok]
    if not valid:
        st.warning(t("upload.nothing_valid"))
        return
    if st.button(t("upload.confirm", n=len(valid)), type="primary"):
        user = st.session_state.get(state.USER) or t("upload.user_default")
        outcomes = [store_checked(store, item, user) for item in valid]
        note = (st.session_state.get(state.UPLOAD_COMMENT) or "").strip()
        if note:  # the uploader's comment goes beside each stored return's figures
            for o in outcomes:
                if o.status == "stored":
                    store.add_comment(o.saved.court, o.saved.year, o.saved.period, note, user)
        st.session_state[state.UPLOAD_RESULTS] = [
            (o.filename, o.status, o.saved.court, o.saved.year, o.saved.period, o.saved.version) for o in outcomes
        ]
        st.session_state[state.UPLOAD_ROUND] = st.session_state.get(state.UPLOAD_ROUND, 0) + 1  # empties the uploader
        st.rerun()


def last_results() -> None:
    """What the last confirmation stored, shown once after the rerun that cleared the uploader."""
    for filename, status, court, year, period, version in st.session_state.pop(state.UPLOAD_RESULTS, []):
        if status == "stored":
            text = t(
                "upload.stored",
                file=filename,
                court=court_label(court, lang()),
                year=year,
                period=_period(period),
                version=version,
            )
            st.success(text, icon="✔️")
        else:
            st.info(t("upload.unchanged", file=filename, version=version), icon="ℹ️")


def history(view: View) -> None:
    table = data.uploads(view.url, view.version)
    if table.empty:
        st.caption(t("upload.no_history"))
        return
    shown = pd.DataFrame(
        {
            t("col.when"): pd.to_datetime(table["uploaded_at"]).dt.strftime("%d/%m/%Y %H:%M"),
            t("col.who"): table["uploaded_by"],
            t("col.file"): table["filename"],
            t("court"): table["court"].map(lambda c: court_label(c, view.lang)),
            t("col.year"): table["year"].astype(str),
            t("col.period"): table["period"].map(_period),
            t("col.version"): table["version"],
            t("col.size"): table["size"].map(lambda b: f"{formatting.number(b / 1024, 0, view.lang)} kB"),
        }
    )
    st.dataframe(shown, hide_index=True, width="stretch")
