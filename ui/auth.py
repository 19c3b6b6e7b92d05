"""Who is using the app: log-in with the accounts table, or single sign-on (st.login) when configured.

The session keeps the account for a limited time; the write functions check the account again
themselves, so what this module hides is a convenience, not the guard.
"""

from __future__ import annotations

import datetime as dt
import os

import streamlit as st
from streamlit.errors import StreamlitSecretNotFoundError

from analytics import accounts
from analytics.security import ADMIN, ROLES, Account
from analytics.storage import Store
from ui import state
from ui.i18n import lang, t
from ui.safe import md

IDLE_TIMEOUT = dt.timedelta(minutes=30)  # a session without activity for this long logs out
MAX_SESSION = dt.timedelta(hours=8)  # and any session after a working day
PUBLIC_READ_VARIABLE = "CUM2_PUBLIC_READ"  # "0" requires a log-in to read anything
LOGIN_PAGE = "pages/login.py"
LOGIN_URL_PATH = "dang-nhap"


def _setting(section: str, key: str) -> object | None:
    try:
        return st.secrets.get(section, {}).get(key)
    except (FileNotFoundError, StreamlitSecretNotFoundError):
        return None


def public_read() -> bool:
    """Whether pages that only read may be seen without logging in (default: yes)."""
    value = os.environ.get(PUBLIC_READ_VARIABLE, _setting("app", "public_read"))
    return str(value).strip().lower() not in ("0", "false", "no", "off") if value is not None else True


def sso_configured() -> bool:
    """An OpenID Connect provider in secrets.toml ([auth] with server_metadata_url) enables st.login."""
    return bool(_setting("auth", "server_metadata_url"))


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def sign_in(account: Account) -> None:
    st.session_state[state.ACCOUNT] = account
    st.session_state[state.SIGNED_IN_AT] = st.session_state[state.SEEN_AT] = _now()


def sign_out() -> None:
    for key in (state.ACCOUNT, state.SIGNED_IN_AT, state.SEEN_AT):
        st.session_state.pop(key, None)


def current_account(store: Store | None = None) -> Account | None:
    """The signed-in account, if the session has not expired; with single sign-on, the mapped account."""
    account = st.session_state.get(state.ACCOUNT)
    now = _now()
    if account is not None:
        since, seen = st.session_state[state.SIGNED_IN_AT], st.session_state[state.SEEN_AT]
        if now - seen > IDLE_TIMEOUT or now - since > MAX_SESSION:
            sign_out()
            st.session_state[state.EXPIRED] = True
            return None
        st.session_state[state.SEEN_AT] = now
        return account
    if store is not None and sso_configured() and st.user.is_logged_in and st.user.get("email"):
        mapped = accounts.account_for_email(store, str(st.user.get("email")))
        if mapped is not None:
            sign_in(mapped)
        return mapped
    return None


def describe(account: Account) -> str:
    role = ROLES[account.role][0 if lang() == "vi" else 1]
    court = f" – {account.court}" if account.court else ""
    return f"{md(account.label)} ({role}{court})"


def login_link() -> None:
    try:
        st.page_link(LOGIN_PAGE, label=t("auth.login"), icon="➡️")
    except st.errors.StreamlitPageNotFoundError:  # the page runs alone (AppTest): no router
        st.markdown(f"➡️ [{t('auth.login')}](/{LOGIN_URL_PATH})")


def sidebar(store: Store) -> Account | None:
    """Who is signed in, with a log-out button, or a link to log in."""
    account = current_account(store)
    if st.session_state.pop(state.EXPIRED, False):
        st.sidebar.info(t("auth.expired"), icon="ℹ️")
    if account is None:
        with st.sidebar:
            login_link()
        return None
    st.sidebar.caption(t("auth.signed_in_as", who=describe(account)))
    if st.sidebar.button(t("auth.logout"), key="logout"):
        sign_out()
        if sso_configured() and st.user.is_logged_in:
            st.logout()
        st.rerun()
    return account


def require_reader(account: Account | None) -> None:
    """Stops a reading page for an anonymous visitor when public reading is off."""
    if account is None and not public_read():
        st.info(t("auth.required_to_read"), icon="ℹ️")
        login_link()
        st.stop()


def require_writer(account: Account | None) -> None:
    if account is None or account.role not in (ADMIN, "court_staff"):
        st.info(t("auth.required_to_write"), icon="ℹ️")
        if account is None:
            login_link()
        st.stop()


def require_admin(account: Account | None) -> None:
    if account is None or account.role != ADMIN:
        st.info(t("auth.required_admin"), icon="ℹ️")
        if account is None:
            login_link()
        st.stop()
