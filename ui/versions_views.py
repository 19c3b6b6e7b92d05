"""The versions page's parts: which return, its history, two versions side by side, restoring one."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import streamlit as st

from analytics.compute import tables
from analytics.compute.comparison import court_label, periods_held, years_held
from analytics.compute.versions import side_by_side, versions_of
from analytics.domain import PERIOD_BY_KEY, cluster_courts
from ui import auth, data, state, widgets
from ui.frame import View
from ui.i18n import t

if TYPE_CHECKING:
    import pandas as pd


@dataclass(frozen=True)
class Chosen:
    court: str
    year: int
    period: str
    versions: pd.DataFrame  # every stored version of the return, oldest first


def pick_return(view: View) -> Chosen | None:
    """Year, court (the user's own, for court staff) and period of the return whose versions are shown."""
    history = data.all_versions(view.url, view.version)
    if history.empty:
        st.info(t("no_data_at_all"), icon="ℹ️")
        return None
    left, middle, right = st.columns(3)
    year = left.selectbox(t("col.year"), years_held(history))
    courts = [c.key for c in cluster_courts(year)]
    own = view.account.court if view.account is not None and view.account.court in courts else courts[0]
    court = middle.selectbox(
        t("court"), courts, index=courts.index(own), format_func=lambda c: court_label(c, view.lang)
    )
    periods = periods_held(history, year, court)
    if not periods:
        st.info(t("versions.none"), icon="ℹ️")
        return None
    period = right.selectbox(
        t("col.period"), periods, index=len(periods) - 1, format_func=lambda p: PERIOD_BY_KEY[p].label(view.lang)
    )
    return Chosen(court, year, period, versions_of(history, court, year, period))


def history(view: View, chosen: Chosen) -> None:
    widgets.show(tables.version_list(chosen.versions, widgets.names(view)))


def compare_and_restore(view: View, chosen: Chosen) -> None:
    """Two versions side by side (the two newest at first) and, for one who may write the court, restoring the first
    of them as a new version; the page then runs again to show the versions as they now are, and says what it did."""
    restored = st.session_state.pop(state.VERSION_RESTORED, None)
    if restored is not None:
        st.success(t("versions.restored", n=restored[0], version=restored[1]), icon="✔️")
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
    widgets.show(
        tables.version_changes(table, view.lang, only_changed=only_changed),
        first=t("versions.version_n", n=first),
        second=t("versions.version_n", n=second),
    )
    if view.account is None or not view.account.may_write(chosen.court) or first == numbers[-1]:
        return
    if st.button(t("versions.restore", n=first), type="primary"):
        saved = auth.attempt(
            lambda: data.store().restore(chosen.court, chosen.year, chosen.period, first, view.account)
        )
        if saved is not None:
            st.session_state[state.VERSION_RESTORED] = (first, saved.version)
            st.rerun()
