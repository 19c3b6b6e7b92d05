"""Renderers the pages share: KPI cards, the scorecard, problem and history tables."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analytics import formatting
from analytics.comparison import Comparison, court_label, scorecard_grid, short_label
from analytics.indicators import INDICATOR_BY_KEY
from analytics.model import ERROR, INFO, WARNING
from analytics.targets import MET, NO_TARGET, NOT_APPLICABLE, NOT_MET
from analytics.targets import STATUS_LABELS as STATUS_WORDS
from ui.i18n import t

KPIS = (
    "resolution_rate.all",
    "resolution_rate.criminal",
    "resolution_rate.civil_group",
    "resolution_rate.administrative",
    "subjective_overturn_rate",
    "overdue_cases",
    "online_hearings_per_unit",
    "publication_rate",
)
# Background and text colour per status; the cell text carries ✓ / ✗ as well (never colour alone).
STATUS_STYLE = {
    MET: "background-color: #E3F4E6; color: #0B5D1E",
    NOT_MET: "background-color: #FDE2E1; color: #8A1C1C; font-weight: 600",
    NO_TARGET: "",
    NOT_APPLICABLE: "color: #6B6B6B; font-style: italic",
}
SEVERITY_ICONS = {ERROR: "✖️", WARNING: "⚠️", INFO: "ℹ️"}


def kpi_cards(comparison: Comparison, lang: str) -> None:
    """The cluster's headline indicators, each with its margin to the TANDTC target."""
    cluster = comparison.cluster()
    columns = st.columns(4)
    for i, key in enumerate(k for k in KPIS if k in cluster.index):
        row = cluster.loc[key]
        unit = INDICATOR_BY_KEY[key].unit
        delta = None
        if not pd.isna(row["margin"]):
            target = formatting.target(row["comparator"], row["target"], unit, lang)
            amount = formatting.signed(row["margin"], unit, lang).replace("−", "-")  # Streamlit reads the ASCII sign
            delta = f"{amount} · {t('overview.target', target=target)}"
        columns[i % 4].metric(
            short_label(key, lang),
            formatting.value(row["value"], unit, lang),
            delta=delta,
            delta_arrow="off" if delta is None else "auto",
            border=True,
            help=INDICATOR_BY_KEY[key].label(lang),
        )


def scorecard(comparison: Comparison, lang: str) -> None:
    texts, statuses = scorecard_grid(comparison, lang)
    styled = texts.style.apply(lambda _: statuses.map(STATUS_STYLE.get), axis=None)
    st.dataframe(styled, width="stretch", height=(len(texts) + 1) * 35 + 3)
    st.caption(t("overview.scorecard_help"))


def misses(comparison: Comparison, lang: str) -> None:
    rows = comparison.misses()
    if rows.empty:
        st.success(t("overview.no_misses"))
        return
    lines = []
    for row in rows.itertuples(index=False):
        unit = INDICATOR_BY_KEY[row.indicator].unit
        lines.append(
            f"- **{court_label(row.court, lang)}** – {INDICATOR_BY_KEY[row.indicator].label(lang)}: "
            f"{formatting.value(row.value, unit, lang)} ({formatting.target(row.comparator, row.target, unit, lang)}, "
            f"{formatting.signed(row.margin, unit, lang)})"
        )
    st.markdown("\n".join(lines))


def problems(table: pd.DataFrame, lang: str) -> None:
    """A file's problem table: where, how serious, what to do."""
    if table.empty:
        return
    shown = pd.DataFrame(
        {
            t("col.severity"): table["severity"].map(lambda s: f"{SEVERITY_ICONS[s]} {t('severity.' + s)}"),
            t("col.sheet"): table["sheet"],
            t("col.cell"): table["cell"],
            t("col.message"): table["message_en" if lang == "en" else "message"],
        }
    )
    st.dataframe(shown, hide_index=True, width="stretch")


def indicator_table(rows: pd.DataFrame, indicator: str, lang: str) -> None:
    """One indicator's figures per court, formatted, in the order of the chart."""
    unit = INDICATOR_BY_KEY[indicator].unit
    shown = pd.DataFrame(
        {
            t("court"): rows["court"].map(lambda c: court_label(c, lang)),
            t("value"): rows["value"].map(lambda v: formatting.value(v, unit, lang)),
            t("numerator"): rows["numerator"].map(lambda v: formatting.number(v, 0, lang)),
            t("denominator"): rows["denominator"].map(lambda v: "" if pd.isna(v) else formatting.number(v, 0, lang)),
            t("target"): [
                "" if pd.isna(v) else formatting.target(c, v, unit, lang)
                for c, v in zip(rows["comparator"], rows["target"], strict=True)
            ],
            t("status"): rows["status"].map(lambda s: STATUS_WORDS[s][0 if lang == "vi" else 1]),
            t("margin"): rows["margin"].map(lambda m: "" if pd.isna(m) else formatting.signed(m, unit, lang)),
        }
    )
    st.dataframe(shown, hide_index=True, width="stretch")
