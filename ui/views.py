"""Renderers the pages share: KPI cards, the scorecard, problem and history tables."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st
from pandas.io.formats.style import Styler

from analytics import formatting
from analytics.compute.comparison import (
    SCORECARD,
    STATUS_MARKS,
    Comparison,
    court_label,
    scorecard_grid,
    scorecard_text,
    short_label,
)
from analytics.compute.indicators import CLUSTER, INDICATOR_BY_KEY
from analytics.compute.projection import PROJECTION_LABELS
from analytics.compute.targets import BEHIND_PACE, IN_PROGRESS, MET, NO_TARGET, NOT_APPLICABLE, NOT_MET, ON_PACE
from analytics.compute.targets import STATUS_LABELS as STATUS_WORDS
from analytics.records import ERROR, INFO, WARNING
from ui import data
from ui.i18n import t

NAV_ROUND = "nav_round"  # bumped on every click that opens a profile: the clicked widget starts afresh

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
    ON_PACE: "background-color: #E6F0FA; color: #0B3D6E",
    BEHIND_PACE: "background-color: #FFF1D6; color: #7A4B00; font-weight: 600",
    IN_PROGRESS: "",
    NO_TARGET: "",
    NOT_APPLICABLE: "color: #6B6B6B; font-style: italic",
}
SEVERITY_ICONS = {ERROR: "✖️", WARNING: "⚠️", INFO: "ℹ️"}


def scorecard_table(
    comparison: Comparison,
    indicators: tuple[str, ...],
    lang: str,
    ranks: dict[str, int] | None = None,
    notes: dict[str, int] | None = None,
) -> Styler:
    """The scorecard as handed to st.dataframe: numbers underneath, so a click on a column header sorts by value,
    shown as "✓ 98,6 %" on the colour of the status; before them the indicative rank, the count of targets met
    ("7/9") and the court's comments of the period ("📝 2")."""
    values, statuses = scorecard_grid(comparison, lang, indicators)
    keys = comparison.courts() + [CLUSTER]
    met = comparison.targets_met(indicators)
    rank, met_column, notes_column = t("scorecard.rank"), t("scorecard.met"), t("scorecard.notes")
    extra = {
        rank: pd.array([(ranks or {}).get(k) for k in keys], dtype="Int64"),
        met_column: pd.array([met[k][0] if k in met else None for k in keys], dtype="Int64"),
        notes_column: pd.array([(notes or {}).get(k, 0) for k in keys], dtype="Int64"),
    }
    values = values.assign(**extra)[list(extra) + list(values.columns)]
    statuses = statuses.assign(**{c: NO_TARGET for c in extra})[list(values.columns)]
    styled = values.style.apply(lambda _: statuses.map(STATUS_STYLE.get), axis=None)
    # A missing number (the cluster's rank, a rate whose denominator is 0) reads "không áp dụng", not "None": the
    # browser draws the grid's placeholder in such a cell whatever the Styler says, so the two must agree.
    styled = styled.format(na_rep=formatting.NOT_APPLICABLE[lang], subset=[rank]).format(
        lambda n: f"📝 {n}" if n else "", subset=[notes_column]
    )
    for label, key in zip(values.index, keys, strict=True):
        styled = styled.format(_out_of(met.get(key, (0, 0))[1]), subset=([label], [met_column]))
    by_label = {short_label(k, lang): k for k in indicators}
    goals = comparison.cluster()["target"]  # one target per indicator for every court of the period
    for column in values.columns[len(extra) :]:
        key = by_label[column]
        goal = goals.get(key)
        for status, part in statuses[column].groupby(statuses[column]):
            styled = styled.format(
                lambda v, s=status, k=key, g=goal: scorecard_text(v, s, k, lang, g),
                subset=(list(part.index), [column]),
            )
    return styled


def _out_of(total: int):
    return lambda n: f"{n}/{total}"


def scorecard(
    comparison: Comparison, view, *, selectable: bool = False, notes: dict[str, int] | None = None
) -> str | None:
    """Courts × indicators with ✓/✗ and colour, the count of targets met and the indicative rank.

    With `selectable`, a click on a court's row returns its key (the page then opens its profile).
    """
    ranked = data.ranking(view.url, view.version, view.year, view.period)
    ranks = dict(zip(ranked["court"], ranked["rank"], strict=True))
    styled = scorecard_table(comparison, view.indicators(), view.lang, ranks, notes)
    keys = comparison.courts() + [CLUSTER]
    height = (len(keys) + 1) * 35 + 3
    missing = formatting.NOT_APPLICABLE[view.lang]
    if not selectable:
        st.dataframe(styled, width="stretch", height=height, placeholder=missing)
        st.caption(t("overview.scorecard_help"))
        return None
    event = st.dataframe(
        styled,
        width="stretch",
        height=height,
        placeholder=missing,
        on_select="rerun",
        selection_mode="single-row",
        key=f"scorecard_{st.session_state.get(NAV_ROUND, 0)}",
    )
    st.caption(t("overview.scorecard_help") + " " + t("overview.scorecard_click"))
    return clicked_court([keys[i] for i in event.selection.rows])


def clicked_court(courts: list) -> str | None:
    """The court a click chose (never the cluster row); a new widget key next time, so coming back does not
    open the profile again."""
    chosen = [c for c in courts if isinstance(c, str) and c != CLUSTER]
    if not chosen:
        return None
    st.session_state[NAV_ROUND] = st.session_state.get(NAV_ROUND, 0) + 1
    return chosen[0]


def misses(comparison: Comparison, lang: str, indicators: tuple[str, ...] = SCORECARD) -> None:
    """The targets missed: a full year's, and a partial year's states as at its end (never a seasonal rate)."""
    if not comparison.full_year:
        st.caption(t("overview.partial_misses"))
    rows = comparison.misses(indicators)
    if rows.empty:
        st.success(t("overview.no_misses"))
        return
    lines = []
    for row in rows.itertuples(index=False):
        unit = INDICATOR_BY_KEY[row.indicator].unit
        lines.append(
            f"- **{court_label(row.court, lang)}** – {INDICATOR_BY_KEY[row.indicator].label(lang)}: "
            f"{formatting.judged(row.value, unit, row.target, lang)} "
            f"({formatting.target(row.comparator, row.target, unit, lang)}, {formatting.signed(row.margin, unit, lang)})"
        )
    st.markdown("\n".join(lines))


def at_risk(comparison: Comparison, lang: str, indicators: tuple[str, ...] = SCORECARD) -> None:
    """A partial year's warnings, apart from the misses: a projected year-end below the target, a count behind pace."""
    if not comparison.projected:
        st.caption(t("overview.no_projection"))
    rows = comparison.at_risk(indicators)
    if rows.empty:
        st.success(t("overview.no_risk"))
        return
    lines = []
    for row in rows.itertuples(index=False):
        spec = INDICATOR_BY_KEY[row.indicator]
        goal = formatting.target(row.comparator, row.target, spec.unit, lang)
        if row.status == BEHIND_PACE:
            said = t("overview.pace_line", value=formatting.judged(row.value, spec.unit, row.target, lang), target=goal)
        else:
            said = t(
                "overview.risk_line",
                projected=formatting.judged(row.projected, spec.unit, row.target, lang),
                low=formatting.value(row.projected_low, spec.unit, lang),
                high=formatting.value(row.projected_high, spec.unit, lang),
                target=goal,
            )
        lines.append(f"- **{court_label(row.court, lang)}** – {spec.label(lang)}: {said}")
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


def numbers_shown(frame: pd.DataFrame, formats: dict[str, Callable[[object], str]]) -> Styler:
    """The frame as handed to st.dataframe: numbers stay numbers underneath, so a click on a column header
    sorts by value, and each of these columns is shown through its formatter ("98,6 %", "1.234")."""
    styled = frame.style
    for column, shown_as in formats.items():
        styled = styled.format(shown_as, subset=[column])
    return styled


def indicator_table(rows: pd.DataFrame, indicator: str, lang: str, *, partial: bool = False) -> None:
    """One indicator's figures per court, in the order of the chart; value, numerator, denominator and margin
    sort as numbers. A partial year adds the same period last year, the change and the projected year-end."""
    spec = INDICATOR_BY_KEY[indicator]
    unit = spec.unit
    value, numerator, denominator, margin = t("value"), t("numerator"), t("denominator"), t("margin")
    columns = {
        t("court"): rows["court"].map(lambda c: court_label(c, lang)),
        value: rows["value"].astype("float64"),
        numerator: rows["numerator"].astype("float64"),
        denominator: rows["denominator"].astype("float64"),
        t("target"): [
            "" if pd.isna(v) else formatting.target(c, v, unit, lang)
            for c, v in zip(rows["comparator"], rows["target"], strict=True)
        ],
        t("status"): rows["status"].map(lambda s: STATUS_MARKS.get(s, "") + STATUS_WORDS[s][0 if lang == "vi" else 1]),
        margin: rows["margin"].astype("float64"),
    }
    formats = {
        value: lambda v: formatting.value(v, unit, lang),
        numerator: lambda v: formatting.number(v, 0, lang),
        denominator: lambda v: "" if pd.isna(v) else formatting.number(v, 0, lang),
        margin: lambda m: "" if pd.isna(m) else formatting.signed(m, unit, lang),
    }
    if partial:
        last, change, projected = t("col.last_year"), t("col.vs_last_year"), t("col.projected")
        columns |= {
            last: rows["last_year"].astype("float64"),
            change: rows["vs_last_year"].astype("float64"),
            projected: rows["projected"].astype("float64"),
            t("col.range"): [
                "" if pd.isna(lo) else f"{formatting.value(lo, unit, lang)} – {formatting.value(hi, unit, lang)}"
                for lo, hi in zip(rows["projected_low"], rows["projected_high"], strict=True)
            ],
            t("col.projected_status"): rows["projected_status"].map(
                lambda s: PROJECTION_LABELS[s][0 if lang == "vi" else 1] if isinstance(s, str) else ""
            ),
        }
        formats |= {
            last: lambda v: "" if pd.isna(v) else formatting.value(v, unit, lang),
            change: lambda v: "" if pd.isna(v) else formatting.signed(v, unit, lang),
            projected: lambda v: "" if pd.isna(v) else formatting.value(v, unit, lang),
        }
    styled = numbers_shown(pd.DataFrame(columns), formats)
    st.dataframe(styled, hide_index=True, width="stretch", placeholder=formatting.NOT_APPLICABLE[lang])
