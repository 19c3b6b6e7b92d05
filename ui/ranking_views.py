"""The ranking page's weight editor: the secretariat edits the weights, which are stored per year."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analytics.compute.comparison import short_label
from analytics.compute.indicators import INDICATOR_BY_KEY
from analytics.compute.ranking import default_weights
from analytics.security import ADMIN
from ui import auth, data, state
from ui.frame import View
from ui.i18n import t
from ui.safe import plain


def weight_editor(view: View, chosen: pd.DataFrame) -> None:
    stored = data.ranking_weights(view.url, view.version, view.year)
    if stored.empty:
        st.caption(t("ranking.defaults"))
    else:
        when = pd.Timestamp(stored["updated_at"].max()).strftime("%d/%m/%Y %H:%M")
        who = auth.who(stored["updated_by"].iloc[:1], data.people(view.url, view.version), view.account)[0]
        st.caption(t("ranking.stored", when=when, who=plain(who)))
    frame = pd.DataFrame(
        {
            "key": chosen["indicator"],
            t("indicator"): [INDICATOR_BY_KEY[k].label(view.lang) for k in chosen["indicator"]],
            t("ranking.weight"): chosen["weight"],
            t("ranking.gate"): [("✔️ " + t("ranking.gate_yes")) if g else "" for g in chosen["gate"]],
        }
    )
    if view.account is None or view.account.role != ADMIN:  # the write checks too; this only spares a refusal
        st.dataframe(frame.drop(columns="key"), hide_index=True, width="stretch")
        st.caption(t("ranking.admin_edits"))
        return
    with st.form("weights"):
        edited = st.data_editor(
            frame,
            hide_index=True,
            disabled=["key", t("indicator"), t("ranking.gate")],
            column_config={
                "key": None,
                t("ranking.weight"): st.column_config.NumberColumn(min_value=0.0, max_value=10.0, step=0.5),
            },
            key=state.WEIGHT_EDITOR,
            width="stretch",
        )
        left, right = st.columns(2)
        save = left.form_submit_button(t("ranking.save"), type="primary")
        reset = right.form_submit_button(t("ranking.reset"))
    if save:
        values = dict(zip(edited["key"], edited[t("ranking.weight")].fillna(0.0).astype(float), strict=True))
        if auth.attempt(lambda: data.store().put_ranking_weights(view.year, values, view.account) or True):
            st.rerun()
    if reset:
        defaults = default_weights()
        chosen_defaults = dict(zip(defaults["indicator"], defaults["weight"], strict=True))
        if auth.attempt(lambda: data.store().put_ranking_weights(view.year, chosen_defaults, view.account) or True):
            st.rerun()
    st.caption(
        ", ".join(f"{short_label(k, view.lang)}" for k in chosen.loc[chosen["gate"], "indicator"])
        + " – "
        + t("ranking.gate_help")
    )
