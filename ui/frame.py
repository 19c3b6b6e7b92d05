"""The page frame every page calls first: the filters in the sidebar (language, year, period, case group, courts),
kept in the session and in the URL; notices; the footer; the links that open a court's profile."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

import streamlit as st

from analytics.compute.comparison import (
    ALL_GROUPS,
    Comparison,
    court_label,
    indicators_for,
    latest_period,
    latest_stored,
    periods_held,
    synthetic_shown,
    years_held,
)
from analytics.compute.indicators import INDICATOR_BY_KEY
from analytics.domain import GROUPS, PERIOD_BY_KEY, RegistryUnusable, cluster_courts, current_courts
from analytics.outputs.palette import ON_DARK, rgb
from analytics.security import Account
from analytics.store.database import DATABASE_FAILURES, DatabaseUnusable, database_url, log_failure
from ui import auth, data, state
from ui.i18n import LANGUAGES, lang, t
from ui.links import link, switch
from ui.safe import plain, stylesheet

if TYPE_CHECKING:
    import pandas as pd
    from streamlit.navigation.page import StreamlitPage


# Streamlit writes white on the primary colour (a primary button, a chosen court's tag in the sidebar) in either
# theme: under WCAG's 4,5:1 on the dark theme's light red, which must be light to read as text on the dark sidebar.
# `light-dark()` follows the theme in use (Streamlit sets the app's color-scheme from it, not from the system): black
# there, Streamlit's white in the light theme (6,6:1 on its red). A browser without `light-dark()` keeps white.
ON_PRIMARY = """
[data-testid^="stBaseButton-primary"]:not(:disabled),
[data-testid="stMultiSelectTagsContainer"] [data-tag] {
    color: light-dark(#FFFFFF, #000000);
}
"""
# Streamlit marks a link that has the keyboard's focus (a page of the navigation, a court's profile) by a tint of the
# background alone, about 1,1:1 against the sidebar and the same as the page shown: a ring in the link's own colour.
LINK_FOCUS = """
a[href]:focus-visible { outline: 2px solid currentColor; outline-offset: 2px; }
"""
# Streamlit's chart theme writes a chart's axes (the courts under the bars, the radar's indicators) and the values
# beside its bars in a grey of its own, 3,7:1 on the light theme's white; the dark theme's is 15:1, kept. Plotly sets
# the colour on each text (hence !important); the texts on a bar or a cell of their own colour are not touched.
CHART_TEXT = """
[data-testid="stPlotlyChart"] g[class$="tick"] > text,
[data-testid="stPlotlyChart"] .bartext-outside,
[data-testid="stPlotlyChart"] .annotation-text,
[data-testid="stPlotlyChart"] .cbtitle text {
    fill: light-dark(#5C6170, #E6EAF1) !important;
}
"""

# Streamlit's grid draws on a canvas and gives a screen reader each cell's raw value («0.9554455445544554», no ✓/✗):
# `widgets.show` writes the same cells as the grid shows them in a table right after it, out of sight and read aloud
# (the usual visually-hidden rule: clipped to nothing, out of the page's flow).
READ_ALOUD = """
[data-testid="stElementContainer"]:has([data-testid="stDataFrame"])
    + [data-testid="stElementContainer"]:has([data-testid="stTable"]) {
    position: absolute !important;
    width: 1px !important;
    min-width: 0 !important;
    height: 1px !important;
    padding: 0 !important;
    margin: -1px !important;
    border: 0 !important;
    overflow: hidden !important;
    clip-path: inset(50%) !important;
    white-space: nowrap !important;
}
"""


# Plotly writes each bar's, line's and marker's colour on the element itself, as drawn on white (the chart's files are
# the same figure): in the dark theme, the colours that would fade into its background become their dark shades
# (palette.ON_DARK), by `light-dark()` as above. The script cannot draw them itself: st.context.theme is wrong on a
# session's first run and stays so when the reader changes the theme (streamlit#11920, #15287). The hover labels keep
# their colours: Plotly chose their text for them.
def _dark_shade(part: str, light: str, dark: str) -> str:
    written = "rgb({}, {}, {})".format(*rgb(light))  # as the browser writes the colour Plotly set in an element's style
    chart = '[data-testid="stPlotlyChart"] :is(.trace, .legend, .shapelayer)'
    return f'{chart} path[style*="{part}: {written}"] {{ {part}: light-dark({light}, {dark}) !important; }}\n'


CHART_SHADES = "".join(_dark_shade(part, *colours) for colours in ON_DARK.items() for part in ("fill", "stroke"))


@dataclass(frozen=True)
class View:
    """What a page needs to know: the language, the chosen year and period, and the data version."""

    lang: str
    account: Account | None
    url: str
    version: int
    returns: pd.DataFrame
    year: int | None
    period: str | None
    group: str = ALL_GROUPS
    courts: tuple[str, ...] = ()  # the courts chosen; empty = every court of the cluster

    def period_label(self) -> str:
        return PERIOD_BY_KEY[self.period].label(self.lang)

    def comparison(self) -> Comparison:
        """The chosen year and period, showing the chosen courts (the cluster row stays the whole cluster)."""
        return data.chosen(self.url, self.version, self.year, self.period, self.courts)

    def indicators(self) -> tuple[str, ...]:
        """The scorecard's indicators for the chosen case group."""
        return indicators_for(self.group)


def run(page: StreamlitPage) -> None:
    """Runs the page the reader chose. A database that is down (stopped, refused, a read-only folder, a full disk)
    becomes one sentence in the reader's language, and one line in the server's log for the operator (the URL's
    password masked, the driver's reason), instead of Streamlit's English error box and a traceback. The next click
    tries the database again. A court registry (`CUM2_COURTS_FILE`) that cannot be read, or a database this code
    cannot use (its URL, a schema a newer release migrated, an account without rights, its tables gone), is a
    misconfiguration instead, which no wait mends: the reader is told to tell the secretariat, the log says what is
    wrong."""
    with boundary():
        page.run()


@contextmanager
def boundary() -> Iterator[None]:
    """What `run` does around a page, for a part that reruns alone (a fragment: app.py and `run` are not run then)."""
    try:
        yield
    except (RegistryUnusable, DatabaseUnusable) as error:  # before DATABASE_FAILURES, which holds DatabaseUnusable
        log_failure(logging.getLogger(__name__), error, "")
        st.error(t("app.misconfigured"), icon="⚠️")
    except DATABASE_FAILURES as error:
        log_failure(logging.getLogger(__name__), error, ": trang báo cho người xem «thử lại sau»")
        st.error(t("app.database_down"), icon="⚠️")


def page_frame(title_key: str, *, with_period: bool = True, open_to_all: bool = False) -> View:
    """Draws the sidebar and the title; returns the view the page renders. A page `open_to_all` (the log-in page) is
    drawn for an anonymous visitor also when public reading is off: it is the way in."""
    # The browser's tab (and a bookmark, the history) names the page first: app.py's title alone named every page alike.
    st.set_page_config(page_title=f"{t(title_key)} · {t('app.title')}")
    stylesheet(ON_PRIMARY + LINK_FOCUS + CHART_TEXT + CHART_SHADES + READ_ALOUD)
    # Streamlit resets widgets when the page changes: the bound choices then come back from their shadow copies.
    st.session_state[state.PAGE_SWITCHED] = st.session_state.get(state.PAGE_SHOWN) != title_key
    st.session_state[state.PAGE_SHOWN] = title_key
    bound_choice(
        st.sidebar.segmented_control,
        t("sidebar.language"),
        list(LANGUAGES),
        state.LANG,
        state.DEFAULT_LANG,
        format_func=LANGUAGES.get,
        required=True,
    )
    account = auth.sidebar(data.store())
    if not open_to_all:
        auth.require_reader(account)
    url = database_url()
    version = data.version()
    returns = data.returns(url, version)
    year, period = _period_selectors(returns) if with_period else (None, None)
    group, chosen = _group_and_courts(year) if with_period and year is not None else (ALL_GROUPS, ())
    st.title(t(title_key))
    members = cluster_courts(year) if year is not None else current_courts()
    st.caption(t("app.subtitle", courts=", ".join(court_label(c.key, lang()) for c in members)))
    auth.ended_notice()
    view = View(lang(), account, url, version, returns, year, period, group, chosen)
    _notices(view)
    return view


def _period_selectors(returns: pd.DataFrame) -> tuple[int | None, str | None]:
    latest = latest_period(returns)
    if latest is None:
        return None, None
    year = bound_choice(
        st.sidebar.selectbox, t("sidebar.year"), years_held(returns), state.YEAR, latest[0], help=t("sidebar.year_help")
    )
    periods = periods_held(returns, year)
    default = latest[1] if year == latest[0] and latest[1] in periods else periods[-1]
    period = bound_choice(
        st.sidebar.selectbox,
        t("sidebar.period"),
        periods,
        state.PERIOD,
        default,
        format_func=lambda key: PERIOD_BY_KEY[key].choice(lang()),  # the label, short enough for the box
    )
    return year, period


def _group_and_courts(year: int) -> tuple[str, tuple[str, ...]]:
    groups = [ALL_GROUPS, *[g for g in GROUPS if g != "all"]]
    group = bound_choice(
        st.sidebar.selectbox,
        t("sidebar.group"),
        groups,
        state.GROUP,
        ALL_GROUPS,
        format_func=lambda g: GROUPS[g].label(lang()),
    )
    members = [c.key for c in cluster_courts(year)]
    chosen = bound_many(
        st.sidebar.multiselect,
        t("sidebar.courts"),
        members,
        state.COURTS,
        format_func=lambda c: court_label(c, lang()),
        placeholder=t("sidebar.all_courts"),
    )
    return group, tuple(chosen)


def bound_many(widget, label: str, options: list, key: str, **kwargs) -> list:
    """Several choices kept in the session and in the URL as ?key=a,b (absent = none chosen)."""
    in_url = st.query_params.get(key)
    linked = _changed_outside(key, in_url)
    named = list(dict.fromkeys(o for o in (in_url or "").split(",") if o))  # a court named twice is chosen once
    unknown = [o for o in named if o not in options] if linked else []
    if key not in st.session_state or linked:
        st.session_state[key] = [o for o in named if o in options]
    elif st.session_state.get(state.PAGE_SWITCHED) and state.SHADOW + key in st.session_state:
        st.session_state[key] = [o for o in st.session_state[state.SHADOW + key] if o in options]
    else:
        st.session_state[key] = [o for o in st.session_state[key] if o in options]
    chosen = widget(label, options, key=key, persist_state="session", **kwargs)
    st.session_state[state.SHADOW + key] = list(chosen)
    if unknown:
        shown = ", ".join(kwargs.get("format_func", str)(o) for o in chosen) or kwargs.get("placeholder", "")
        _unknown_in_link(label, ", ".join(unknown), shown)
    _write_url(key, ",".join(chosen))
    return chosen


def bound_choice(widget, label: str, options: list, key: str, default, **kwargs):
    """A choice kept in the session across pages and in the URL as ?key=value, so a shared link reproduces it.

    Streamlit's own `bind="query-params"` puts the displayed label in the URL; this keeps the plain key.
    """
    by_text = {str(option): option for option in options}
    in_url = st.query_params.get(key)
    linked = _changed_outside(key, in_url)  # a link or a switch_page brought a value
    unknown = linked and in_url not in by_text  # one the data does not hold
    if linked and in_url in by_text:
        st.session_state[key] = by_text[in_url]
    elif st.session_state.get(state.PAGE_SWITCHED) and st.session_state.get(state.SHADOW + key) in options:
        st.session_state[key] = st.session_state[state.SHADOW + key]
    elif key not in st.session_state:
        st.session_state[key] = by_text.get(in_url or "", default)
    elif st.session_state[key] not in options:
        st.session_state[key] = default
    chosen = widget(label, options, key=key, persist_state="session", **kwargs)
    st.session_state[state.SHADOW + key] = chosen
    if unknown:
        _unknown_in_link(label, in_url, str(kwargs.get("format_func", str)(chosen)))
    _write_url(key, str(chosen))
    return chosen


def _unknown_in_link(label: str, value: str, shown: str) -> None:
    """Said once, as a toast: the URL is written with what is shown, so the next run finds nothing to say."""
    st.toast(t("link.unknown_value", label=label, value=plain(value), shown=plain(shown)), icon="⚠️")


def _changed_outside(key: str, in_url: str | None) -> bool:
    """The URL holds a value this app did not write there last: the user followed a link."""
    return in_url is not None and in_url != st.session_state.get(state.URL_WRITTEN + key)


def _write_url(key: str, text: str | None) -> None:
    st.session_state[state.URL_WRITTEN + key] = text
    if text:
        st.query_params[key] = text
    elif key in st.query_params:
        del st.query_params[key]


def pick_indicator(view: View, indicators: list[str] | tuple[str, ...]) -> str:
    """The indicator a page shows, shared by the pages that show one (kept in the URL as chi_tieu)."""
    return bound_choice(
        st.selectbox,
        t("compare.pick"),
        list(indicators),
        state.INDICATOR,
        indicators[0],
        format_func=lambda key: INDICATOR_BY_KEY[key].label(view.lang),
    )


def _notices(view: View) -> None:
    if synthetic_shown(view.returns, view.year, view.period):
        st.warning(t("synthetic"), icon="⚠️")


def stop_without_data(view: View, comparison: Comparison | None = None) -> None:
    """One line saying there is nothing to show, a link to the upload page, and stop."""
    if view.year is None:
        st.info(t("no_data_at_all"), icon="ℹ️")
    elif comparison is not None and comparison.empty:
        st.info(t("no_data", year=view.year, period=view.period_label()), icon="ℹ️")
    else:
        return
    link(state.UPLOAD, t("go_upload"))
    footer(view)
    st.stop()


def link_to_profile(court: str, view: View, label: str | None = None, *, container=st) -> None:
    """A link that opens the court's profile for the same year and period."""
    link(state.PROFILE, label or court_label(court, view.lang), _profile_params(court, view), container=container)


def _profile_params(court: str, view: View) -> dict[str, str]:
    return {state.COURT: court, state.YEAR: str(view.year), state.PERIOD: str(view.period)}


def open_profile(court: str, view: View) -> None:
    """Switches to the court's profile (after a click on a chart or a table row)."""
    st.session_state[state.COURT] = court
    if not switch(state.PROFILE, _profile_params(court, view)):
        link_to_profile(court, view)


def partial_year_note(view: View) -> None:
    if not PERIOD_BY_KEY[view.period].full_year:
        st.caption(t("partial_year", period=view.period_label()))


def footer(view: View) -> None:
    st.divider()
    newest = latest_stored(view.returns)
    if newest:
        st.caption(t("footer.as_of", when=newest) + " · " + t("footer.rounding"))
    if synthetic_shown(view.returns):
        st.caption(t("synthetic"))
