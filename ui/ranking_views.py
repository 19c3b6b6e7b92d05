"""The ranking page's parts: the indicative ranking with its gates, and the weights, which the secretariat edits
and stores per year."""

from __future__ import annotations

from typing import TYPE_CHECKING

import streamlit as st

from analytics import formatting
from analytics.compute import tables
from analytics.compute.comparison import Comparison, short_label
from analytics.compute.indicators import of_courts
from analytics.compute.ranking import (
    MAX_WEIGHT,
    default_weights,
    gate_indicators,
    gate_table,
    stored_by,
    weight_values,
)
from analytics.security import ADMIN
from ui import auth, data, state, widgets
from ui.frame import View
from ui.i18n import t
from ui.safe import plain

if TYPE_CHECKING:
    import pandas as pd


def ranking(view: View, comparison: Comparison, chosen: pd.DataFrame) -> None:
    """The chosen courts ranked (a partial year on its projected year-end values), each gate passed or failed."""
    rows = comparison.ranking_rows()
    if rows is None:
        st.info(t("ranking.no_projection", period=view.period_label()), icon="ℹ️")
        return
    if not comparison.full_year:
        st.caption(t("ranking.projected"))
    table = of_courts(data.ranking(view.url, view.version, view.year, view.period), view.courts)
    gates = gate_indicators(chosen)
    widgets.show(tables.ranking_rows(table, gate_table(rows, chosen), gates, view.lang))


def weight_editor(view: View, chosen: pd.DataFrame) -> None:
    """The weights and gates of the year; the secretariat edits and stores them, or goes back to the defaults."""
    stamp = stored_by(data.ranking_weights(view.url, view.version, view.year))
    if stamp is None:
        st.caption(t("ranking.defaults"))
    else:
        who = widgets.names(view)([stamp[1]])[0]
        st.caption(t("ranking.stored", when=formatting.moment(stamp[0]), who=plain(who)))
    frame = tables.weights_editor(chosen, view.lang, "✔️ " + t("ranking.gate_yes"))
    columns = widgets.headers(frame.columns)
    # One look for the weights, read or edited, and the range the write accepts (README: 0 to 100). An editable cell
    # cannot take a pandas Styler's text, so both show the browser's number format; without a step, which would fix
    # the decimals ("3,0"), a whole weight reads "3" and a half "2,5" (in a Vietnamese browser).
    weight = st.column_config.NumberColumn(columns["weight"], format="localized", min_value=0.0, max_value=MAX_WEIGHT)
    if view.account is None or view.account.role != ADMIN:  # the write checks too; this only spares a refusal
        st.dataframe(
            frame, hide_index=True, width="stretch", column_config={**columns, "indicator": None, "weight": weight}
        )
        st.caption(t("ranking.admin_edits"))
        return
    with st.form("weights"):
        edited = st.data_editor(
            frame,
            hide_index=True,
            disabled=["indicator", "name", "gate"],
            column_config=columns | {"indicator": None, "weight": weight},
            key=state.WEIGHT_EDITOR,
            width="stretch",
        )
        left, right = st.columns(2)
        save = left.form_submit_button(t("ranking.save"), type="primary")
        reset = right.form_submit_button(t("ranking.reset"))
    if save or reset:
        values = weight_values(edited if save else default_weights())
        if auth.attempt(lambda: data.store().put_ranking_weights(view.year, values, view.account) or True):
            st.rerun()
    st.caption(", ".join(short_label(k, view.lang) for k in gate_indicators(chosen)) + " – " + t("ranking.gate_help"))
