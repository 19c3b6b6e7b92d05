"""Who is using the app: log-in with the accounts table, or single sign-on (st.login) when configured.

The session keeps the account for a limited time and checks it against the users table on every run (one
look-up): an account disabled, or whose password changed, is signed out at its next action with a message.
The write functions read the account again themselves, so what this module hides is a convenience, not the
guard; `attempt` turns their refusals into messages.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, TypeVar

import streamlit as st
from streamlit.errors import StreamlitSecretNotFoundError

from analytics.compute.comparison import court_label
from analytics.security import (
    ADMIN,
    COURT_STAFF,
    DEFAULT_TRUSTED_PROXIES,
    ROLES,
    Account,
    InvalidInput,
    PermissionDenied,
    client_address,
    trusted_networks,
)
from analytics.store import accounts
from analytics.store.storage import Store
from ui import data, state
from ui.i18n import lang, said, t
from ui.links import link
from ui.safe import plain

if TYPE_CHECKING:
    import pandas as pd

IDLE_TIMEOUT = dt.timedelta(minutes=30)  # a session without activity for this long logs out
MAX_SESSION = dt.timedelta(hours=8)  # and any session after a working day
PUBLIC_READ_VARIABLE = "CUM2_PUBLIC_READ"  # "0" requires a log-in to read anything
PUBLIC_NAMES_VARIABLE = "CUM2_PUBLIC_NAMES"  # "1" shows user names to readers who are not logged in
TRUSTED_PROXIES_VARIABLE = "CUM2_TRUSTED_PROXIES"  # whose X-Forwarded-For gives the client's address


def _setting(section: str, key: str) -> object | None:
    try:
        return st.secrets.get(section, {}).get(key)
    except (FileNotFoundError, StreamlitSecretNotFoundError):
        return None


def _flag(variable: str, key: str, default: bool) -> bool:
    value = os.environ.get(variable, _setting("app", key))
    if value is None:
        return default
    return str(value).strip().lower() not in ("0", "false", "no", "off", "")


def public_read() -> bool:
    """Whether pages that only read may be seen without logging in (default: yes)."""
    return _flag(PUBLIC_READ_VARIABLE, "public_read", True)


def names_shown(account: Account | None) -> bool:
    """Whether this reader sees who uploaded, restored or commented: anyone logged in; an anonymous reader only
    when the setting says so (by default they see courts, roles and dates)."""
    return account is not None or _flag(PUBLIC_NAMES_VARIABLE, "public_names", False)


def client() -> str:
    """The address this session's log-in attempts count against (the per-address lockout): the connection's peer,
    or the address a trusted proxy forwarded (`CUM2_TRUSTED_PROXIES`, `[app] trusted_proxies`)."""
    setting = os.environ.get(TRUSTED_PROXIES_VARIABLE, _setting("app", "trusted_proxies"))
    if isinstance(setting, list | tuple):  # secrets.toml may hold TOML's own list: ["127.0.0.1", "10.0.0.0/24"]
        setting = ", ".join(str(item) for item in setting)
    trusted = trusted_networks(DEFAULT_TRUSTED_PROXIES if setting is None else str(setting))
    peer, forwarded = st.context.ip_address, st.context.headers.get("X-Forwarded-For")
    # Outside a served session (AppTest) Streamlit's context gives stand-ins, not text: the peer is then this machine.
    return client_address(
        peer if isinstance(peer, str) else None, forwarded if isinstance(forwarded, str) else None, trusted
    )


def sso_configured() -> bool:
    """An OpenID Connect provider in secrets.toml ([auth] with server_metadata_url) enables st.login."""
    return bool(_setting("auth", "server_metadata_url"))


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def sign_in(account: Account, since: dt.datetime | None = None) -> None:
    """The account signed in now, its session counted from `since` (the provider's sign-in, for single sign-on)."""
    now = _now()
    st.session_state[state.ACCOUNT] = account
    st.session_state[state.SIGNED_IN_AT], st.session_state[state.SEEN_AT] = since or now, now


def sign_out() -> None:
    for key in (state.ACCOUNT, state.SIGNED_IN_AT, state.SEEN_AT):
        st.session_state.pop(key, None)


def current_account(store: Store | None = None) -> Account | None:
    """The signed-in account as the database holds it now, if the session has not expired and the account is still
    enabled with the same password; with single sign-on, the mapped account."""
    account = st.session_state.get(state.ACCOUNT)
    now = _now()
    if account is not None:
        since, seen = st.session_state[state.SIGNED_IN_AT], st.session_state[state.SEEN_AT]
        if now - seen > IDLE_TIMEOUT or now - since > MAX_SESSION:
            sign_out()
            st.session_state[state.EXPIRED] = True
            _leave_provider()
            return None
        fresh = accounts.still_valid(store, account) if store is not None else account
        if fresh is None:
            end_session(account.username)
            return None
        st.session_state[state.ACCOUNT] = fresh  # a name or role changed meanwhile shows at once
        st.session_state[state.SEEN_AT] = now
        return fresh
    if store is not None and sso_configured() and st.user.is_logged_in:
        return _provider_account(store, now)
    return None


def _provider_account(store: Store, now: dt.datetime) -> Account | None:
    """The account the provider's e-mail maps to, signed in: none for an e-mail the provider says is not verified
    (anyone may type one), and none, signed out of the provider, when the provider's sign-in (`iat`) is older than
    MAX_SESSION."""
    email, issued = st.user.get("email"), st.user.get("iat")
    if not email or st.user.get("email_verified") is False:
        return None
    since = dt.datetime.fromtimestamp(issued, dt.UTC) if isinstance(issued, int | float) else None
    if since is not None and now - since > MAX_SESSION:
        st.session_state[state.EXPIRED] = True
        _leave_provider()
        return None
    mapped = accounts.account_for_email(store, str(email))
    if mapped is not None:
        sign_in(mapped, since)
    return mapped


def _leave_provider() -> None:
    """Ends the provider's sign-in too when a session ends by time: Streamlit keeps it in a cookie for 30 days, and
    the next run would map it to the account again, so the idle and working-day limits would end nothing."""
    if sso_configured() and st.user.is_logged_in:
        st.logout()


def end_session(username: str) -> None:
    """Signs the session out because its account was disabled, removed or given a new password; the next run says so."""
    sign_out()
    st.session_state[state.ENDED] = username


def ended_notice() -> None:
    """Says, once, that the session was ended by a change to its account (drawn at the top of the page)."""
    username = st.session_state.pop(state.ENDED, None)
    if username is not None:
        st.error(t("auth.ended", username=plain(username)), icon="✖️")


T = TypeVar("T")


def attempt(write: Callable[[], T]) -> T | None:
    """Runs a write; a refusal (no right, account disabled, bad input) becomes a message in the reader's language,
    and an account that is no longer valid is signed out. None when refused. A write done, the next reader's caches
    are warmed behind it (`data.written`)."""
    try:
        done = write()
    except PermissionDenied as refused:
        if refused.ends_session:
            signed_in = st.session_state.get(state.ACCOUNT)
            end_session(signed_in.username if signed_in is not None else "")
            st.rerun()
        st.error(plain(said(refused.message, refused.message_en)), icon="✖️")
        return None
    except InvalidInput as bad:
        st.error(plain(said(bad.message, bad.message_en)), icon="✖️")
        return None
    data.written()
    return done


def describe(account: Account) -> str:
    """Who is signed in, the court by the short name the pages use: «Nguyễn Thị Lan (Cán bộ thống kê của Tòa án – Sơn La)»."""
    role = ROLES[account.role].label(lang())
    court = f" – {court_label(account.court, lang())}" if account.court else ""
    return f"{plain(account.label)} ({role}{court})"


def namer(people: pd.DataFrame, account: Account | None) -> Callable[[Iterable[str]], list[str]]:
    """How user names are shown to this reader: the person's name (or user name) when names are shown, else the
    role of the account ("Cán bộ thống kê của Tòa án"). Plain text, for tables; `plain()` it for markdown."""
    return shown_as(people, names_shown(account), lang())


def shown_as(people: pd.DataFrame, shown: bool, language: str) -> Callable[[Iterable[str]], list[str]]:
    """User names → people's names (`shown`) or only their roles, in the language given."""
    return lambda usernames: accounts.shown_as(list(usernames), people, names=shown, lang=language)


def login_link() -> None:
    link(state.LOGIN, t("auth.login"))


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
    if st.sidebar.button(t("auth.logout"), key=state.LOGOUT):
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


def is_writer(account: Account | None) -> bool:
    """Whether the account may upload returns (the secretariat, a court's statistics staff)."""
    return account is not None and account.role in (ADMIN, COURT_STAFF)


def require_writer(account: Account | None) -> None:
    if not is_writer(account):
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
