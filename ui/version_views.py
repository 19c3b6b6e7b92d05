"""The versions page's parts: which return, its history, two versions side by side, restoring one."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from analytics.compute.comparison import court_label
from analytics.compute.versions import side_by_side
from analytics.domain import PERIOD_BY_KEY, cluster_courts
from ui import auth, data
from ui.frame import View
from ui.i18n import t


@dataclass(frozen=True)
class Chosen:
    court: str
    year: int
    period: str
    versions: pd.DataFrame


def pick_return(view: View) -> Chosen | None:
    history = data.store().returns(current_only=False)
    if history.empty:
        st.info(t("no_data_at_all"), icon="ℹ️")
        return None
    years = sorted({int(y) for y in history["year"]}, reverse=True)
    left, middle, right = st.columns(3)
    year = left.selectbox(t("col.year"), years)
    courts = [c.key for c in cluster_courts(year)]
    own = view.account.court if view.account is not None and view.account.court in courts else courts[0]
    court = middle.selectbox(
        t("court"), courts, index=courts.index(own), format_func=lambda c: court_label(c, view.lang)
    )
    held = history[(history["year"] == year) & (history["court"] == court)]
    periods = [p for p in PERIOD_BY_KEY if p in set(held["period"])]
    if not periods:
        st.info(t("versions.none"), icon="ℹ️")
        return None
    label = lambda p: PERIOD_BY_KEY[p].label_vi if view.lang == "vi" else PERIOD_BY_KEY[p].label_en  # noqa: E731
    period = right.selectbox(t("col.period"), periods, index=len(periods) - 1, format_func=label)
    return Chosen(court, year, period, held[held["period"] == period].sort_values("version"))


def history(view: View, chosen: Chosen) -> None:
    shown = pd.DataFrame(
        {
            t("col.version"): chosen.versions["version"],
            t("col.when"): pd.to_datetime(chosen.versions["stored_at"]).dt.strftime("%d/%m/%Y %H:%M"),
            t("col.who"): auth.who(chosen.versions["stored_by"], data.people(view.url, view.version), view.account),
            t("col.file"): chosen.versions["filename"],
            t("versions.notes"): chosen.versions["notes"],
        }
    )
    st.dataframe(shown, hide_index=True, width="stretch")


def compare_and_restore(view: View, chosen: Chosen) -> None:
    numbers = list(chosen.versions["version"])
    if len(numbers) < 2:
        st.caption(t("versions.only_one"))
        return
    left, right = st.columns(2)
    first = left.selectbox(t("versions.first"), numbers, index=len(numbers) - 2)
    second = right.selectbox(t("versions.second"), numbers, index=len(numbers) - 1)
    store = data.store()
    table = side_by_side(
        store.version_figures(chosen.court, chosen.year, chosen.period, first),
        store.version_figures(chosen.court, chosen.year, chosen.period, second),
        view.lang,
    )
    only_changed = st.toggle(t("versions.only_changed"), value=True)
    rows = table[table["changed"]] if only_changed else table
    shown = pd.DataFrame(
        {
            t("col.case_type"): rows["scope_label"],
            t("versions.measure"): rows["measure_label"],
            t("versions.version_n", n=first): rows["first"],
            t("versions.version_n", n=second): rows["second"],
            t("versions.difference"): rows["difference"],
        }
    )
    st.dataframe(shown, hide_index=True, width="stretch")
    if view.account is None or not view.account.may_write(chosen.court) or first == numbers[-1]:
        return
    if st.button(t("versions.restore", n=first), type="primary"):
        saved = auth.attempt(
            lambda: data.store().restore(chosen.court, chosen.year, chosen.period, first, view.account)
        )
        if saved is not None:
            st.success(t("versions.restored", n=first, version=saved.version), icon="✔️")
