"""The overview's parts: the cluster's cards with their changes, the links to the courts, the targets missed and at
risk, the returns received."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from analytics import formatting
from analytics.compute import tables
from analytics.compute.comparison import Comparison, court_label, previous_period
from analytics.compute.indicators import PRO_RATA
from analytics.compute.targets import benchmarks
from analytics.domain import period_name
from ui import auth, data, widgets
from ui.frame import View, link_to_profile
from ui.i18n import t
from ui.safe import stylesheet

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
PAIRS_PER_ROW = 2  # two pairs of cards a row on a laptop; on a phone st.columns stacks them, a pair stays side by side
# Streamlit writes a metric's label and delta on one line, cut with an ellipsis: on a phone's half-width card the badge
# lost the words that say what it measures («+5,9 điểm % so v…») and a label its end («PT trực tuyến / đơ…»). They
# wrap instead (the cards of a row keep one height: the container distributes them).
CARD_TEXT_WRAPS = """
[data-testid="stMetricLabel"] [data-testid="stMarkdownContainer"],
[data-testid="stMetricLabel"] [data-testid="stMarkdownContainer"] p,
[data-testid="stMetricDelta"] [data-testid="stMarkdownContainer"],
[data-testid="stMetricDelta"] [data-testid="stMarkdownContainer"] p {
    white-space: normal; overflow: visible; text-overflow: clip;
}
"""


def kpi_cards(view: View) -> None:
    """The cluster's headline figures on their basis. A full year or a state: value, margin to the target (the card's
    delta, coloured and signed). A count of a partial year: against the pro-rata target. A seasonal rate of a
    partial year: no verdict; the change against the same period a year before is the delta, with the projected
    year-end, its range, its verdict and the projection's mean error. Then the previous period and the national
    result."""
    stylesheet(CARD_TEXT_WRAPS)
    before = previous_period(view.year, view.period)
    cards = data.shared(_cards, view.url, view.version, view.year, view.period, view.lang)
    pairs = [cards[i : i + 2] for i in range(0, len(cards), 2)]
    for row in range(0, len(pairs), PAIRS_PER_ROW):
        for column, pair in zip(st.columns(PAIRS_PER_ROW), pairs[row : row + PAIRS_PER_ROW], strict=False):
            with column, st.container(horizontal=True, vertical_alignment="distribute"):
                for card in pair:
                    _card(card, view.year, period_name(*before, view.lang))


def _card(card: tables.Card, year: int, before: str) -> None:
    with st.container(border=True, width="stretch"):
        st.metric(
            card.label,
            card.value,
            delta=card.delta,
            delta_color="inverse" if card.lower_is_better else "normal",
            delta_arrow="off" if card.delta is None else "auto",
            help="\n\n".join(p for p in (card.name, card.note, card.progress and t("kpi.projection_help")) if p),
        )
        st.caption("  \n".join(_lines(card, year, before)))


def _lines(card: tables.Card, year: int, before: str) -> list[str]:
    """What the card's value is judged on, then its changes and the national result."""
    lines = _basis(card)
    if card.progress and card.vs_last_year:
        lines.append(t("kpi.vs_last_year", year=year - 1, delta=card.vs_last_year))
    if card.vs_previous:
        lines.append(t("kpi.vs_previous", period=before, delta=card.vs_previous))
    else:
        lines.append(t("kpi.no_previous", period=before))
    if not card.progress and card.vs_last_year:
        lines.append(t("kpi.vs_last_year", year=year - 1, delta=card.vs_last_year))
    if card.benchmark:
        lines.append(t("kpi.national", year=year, value=card.benchmark))
    return lines


def _basis(card: tables.Card) -> list[str]:
    """The target, the pro-rata target, or for a seasonal rate in progress its projection."""
    if card.target is None:
        return []
    if card.basis == PRO_RATA:
        return [t("kpi.pro_rata", status=card.status, target=card.target)]
    if not card.progress:
        return [t("overview.target", target=card.target)]
    if card.projected is None:
        return [t("kpi.progress", target=card.target), t("kpi.no_projection")]
    lines = [
        t("kpi.progress", target=card.target),
        t(
            "kpi.projected",
            projected=card.projected,
            low=card.projected_low,
            high=card.projected_high,
            verdict=card.verdict,
        ),
    ]
    if card.error is not None:
        lines.append(t("kpi.projection_error", error=card.error))
    return lines


def court_links(comparison: Comparison, view: View) -> None:
    """A link to each court's profile, in a row that wraps on a narrow screen."""
    with st.container(horizontal=True):
        st.caption(t("overview.open_profile"))
        for court in comparison.courts():
            link_to_profile(court, view, court_label(court, view.lang))


def misses(comparison: Comparison, view: View) -> None:
    """The targets missed: a full year's, and a partial year's states as at its end (never a seasonal rate)."""
    if not comparison.full_year:
        st.caption(t("overview.partial_misses"))
    flags = data.shared(_flags, "misses", *_chosen(view))
    _bullets(flags, "overview.no_misses", lambda f: f"{f.value} ({f.target}, {f.margin})")


def at_risk(comparison: Comparison, view: View) -> None:
    """A partial year's warnings, apart from the misses: a projected year-end below the target, a count behind pace."""
    if not comparison.projected:
        st.caption(t("overview.no_projection"))
    _bullets(data.shared(_flags, "at_risk", *_chosen(view)), "overview.no_risk", _risk)


def _risk(flag: tables.Flag) -> str:
    if flag.behind_pace:
        return t("overview.pace_line", value=flag.value, target=flag.target)
    low, high = flag.projected_low, flag.projected_high
    return t("overview.risk_line", projected=flag.projected, low=low, high=high, target=flag.target)


def _bullets(flags: list[tables.Flag], none: str, said) -> None:
    """One line per court and indicator flagged ("- **Yên Bái** – Án quá hạn: …"), or the all-clear."""
    if not flags:
        st.success(t(none))
        return
    st.markdown("\n".join(f"- **{f.court}** – {f.indicator}: {said(f)}" for f in flags))


def submission_strip(view: View, today: dt.date | None = None) -> None:
    """Court × period of the year: sent on time, late, missing (deadline passed), not due yet; who sent it."""
    today = today or formatting.today()
    shown = auth.names_shown(view.account)
    grid, late = data.shared(_submissions, view.url, view.version, view.year, today, view.courts, view.lang, shown)
    widgets.show(grid, whole=True)
    if late:
        st.warning(t("status.attention", items="; ".join(late)), icon="⚠️")
    else:
        st.caption(t("status.all_in"))
    st.caption(t("status.deadline_note", n=data.deadline_days(view.url, view.version)))


# What the page draws, made once per data version, filters and language for every reader (data.shared).


def _cards(url: str, version: int, year: int, period: str, lang: str) -> list[tables.Card]:
    comparison = data.comparison(url, version, year, period)
    previous = data.cluster_values(url, version, *previous_period(year, period))
    return tables.cards(comparison, previous, comparison.cluster_in(year - 1), benchmarks(), KPIS, lang)


def _submissions(url, version, year, today, courts, lang, shown) -> tuple[tables.Grid, list[str]]:
    received = data.received(url, version, year, today)
    names = auth.shown_as(data.people(url, version), shown, lang)
    return tables.submission_grid(received, courts, year, lang, names), tables.follow_ups(received, courts, year, lang)


def _chosen(view: View) -> tuple:
    return view.url, view.version, view.year, view.period, view.courts, view.indicators(), view.lang


def _flags(which, url, version, year, period, courts, indicators, lang) -> list[tables.Flag]:
    """The misses or the warnings at risk (`which`) of the chosen courts."""
    flagged = tables.misses if which == "misses" else tables.at_risk
    return flagged(data.chosen(url, version, year, period, courts), indicators, lang)
