"""The page frame every page calls first: language, year and period in the sidebar, notices, footer."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st
from streamlit.errors import StreamlitPageNotFoundError

from analytics import formatting
from analytics.comparison import Comparison, latest_period
from analytics.domain import PERIOD_BY_KEY
from analytics.security import Account
from analytics.storage import database_url
from ui import auth, data, state
from ui.i18n import lang, t

LANGUAGES = {"vi": "Tiếng Việt", "en": "English"}
UPLOAD_PAGE = "pages/upload.py"
UPLOAD_URL_PATH = "tai-len"  # the url_path app.py gives the upload page


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

    def period_label(self) -> str:
        period = PERIOD_BY_KEY[self.period]
        return period.label_vi if self.lang == "vi" else period.label_en

    def comparison(self) -> Comparison:
        return data.comparison(self.url, self.version, self.year, self.period)


def page_frame(title_key: str, *, with_period: bool = True) -> View:
    """Draws the sidebar and the title; returns the view the page renders."""
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
    auth.require_reader(account)
    url = database_url()
    version = data.version()
    returns = data.returns(url, version)
    year, period = _period_selectors(returns) if with_period else (None, None)
    st.title(t(title_key))
    st.caption(t("app.subtitle"))
    view = View(lang(), account, url, version, returns, year, period)
    _notices(view)
    return view


def _period_selectors(returns: pd.DataFrame) -> tuple[int | None, str | None]:
    latest = latest_period(returns)
    if latest is None:
        return None, None
    years = sorted({int(y) for y in returns["year"]}, reverse=True)
    year = bound_choice(
        st.sidebar.selectbox, t("sidebar.year"), years, state.YEAR, latest[0], help=t("sidebar.year_help")
    )
    held = set(returns.loc[returns["year"] == year, "period"])
    periods = [key for key in PERIOD_BY_KEY if key in held]
    default = latest[1] if year == latest[0] and latest[1] in periods else periods[-1]
    period = bound_choice(
        st.sidebar.selectbox,
        t("sidebar.period"),
        periods,
        state.PERIOD,
        default,
        format_func=lambda key: getattr(PERIOD_BY_KEY[key], "label_en" if lang() == "en" else "label_vi"),
    )
    return year, period


def bound_choice(widget, label: str, options: list, key: str, default, **kwargs):
    """A choice kept in the session across pages and in the URL as ?key=value, so a shared link reproduces it.

    Streamlit's own `bind="query-params"` puts the displayed label in the URL; this keeps the plain key.
    """
    by_text = {str(option): option for option in options}
    if key not in st.session_state:
        st.session_state[key] = by_text.get(st.query_params.get(key, ""), default)
    elif st.session_state[key] not in options:
        st.session_state[key] = default
    chosen = widget(label, options, key=key, persist_state="session", **kwargs)
    st.query_params[key] = str(chosen)
    return chosen


def _notices(view: View) -> None:
    shown = view.returns
    if view.year is not None:
        shown = shown[(shown["year"] == view.year) & (shown["period"] == view.period)]
    if not shown.empty and shown["synthetic"].any():
        st.warning(t("synthetic"), icon="⚠️")


def stop_without_data(view: View, comparison: Comparison | None = None) -> None:
    """One line saying there is nothing to show, a link to the upload page, and stop."""
    if view.year is None:
        st.info(t("no_data_at_all"), icon="ℹ️")
    elif comparison is not None and comparison.empty:
        st.info(t("no_data", year=view.year, period=view.period_label()), icon="ℹ️")
    else:
        return
    link_to_upload()
    footer(view)
    st.stop()


def link_to_upload() -> None:
    try:
        st.page_link(UPLOAD_PAGE, label=t("go_upload"), icon="⬆️")
    except StreamlitPageNotFoundError:  # the page runs alone (AppTest, `streamlit run pages/…`): no router
        st.markdown(f"⬆️ [{t('go_upload')}](/{UPLOAD_URL_PATH})")


def partial_year_note(view: View) -> None:
    if not PERIOD_BY_KEY[view.period].full_year:
        st.caption(t("partial_year", period=view.period_label()))


def footer(view: View) -> None:
    st.divider()
    if not view.returns.empty:
        newest = pd.Timestamp(view.returns["stored_at"].max())
        st.caption(t("footer.as_of", when=newest.strftime("%d/%m/%Y %H:%M")) + " · " + t("footer.rounding"))
    shown = view.returns
    if not shown.empty and shown["synthetic"].any():
        st.caption(t("synthetic"))


def fmt(value: float | None, unit: str, view: View) -> str:
    return formatting.value(value, unit, view.lang)
