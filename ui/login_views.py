"""The log-in form and the single-sign-on button."""

from __future__ import annotations

import streamlit as st

from analytics import formatting
from analytics.store import accounts
from ui import auth, data, state
from ui.i18n import t
from ui.safe import plain


def login_form() -> None:
    if not accounts.has_users(data.store()):
        # A server started on another database than the one `init` made its administrator in (a DATABASE_URL set
        # for the service only): without this, «wrong username or password» for every try, and no hint why.
        st.warning(t("login.no_accounts"), icon="⚠️")
    with st.form("login"):
        username = st.text_input(t("login.username"), key=state.LOGIN_USERNAME)
        password = st.text_input(t("login.password"), type="password", key=state.LOGIN_PASSWORD)
        submitted = st.form_submit_button(t("login.submit"), type="primary")
    if not submitted:
        return
    try:
        account = accounts.authenticate(data.store(), username.strip(), password, auth.client())
    except accounts.InvalidInput as misconfigured:  # CUM2_TRUSTED_PROXIES holds something that is not an address
        st.error(plain(misconfigured.message), icon="✖️")
        return
    except accounts.LoginFailed as refused:
        if refused.reason == "locked":
            st.error(t("login.locked", until=formatting.moment(refused.until, time_first=True)), icon="✖️")
        elif refused.reason == "disabled":
            st.error(t("login.disabled"), icon="✖️")
        else:
            st.error(t("login.failed"), icon="✖️")
        return
    auth.sign_in(account)
    st.rerun()


def single_sign_on() -> None:
    if not auth.sso_configured():
        return
    if st.user.is_logged_in:
        # Signed in with the provider, but no active account has this e-mail (else current_account mapped it).
        st.warning(t("login.sso_unknown", email=plain(st.user.get("email", ""))), icon="⚠️")
        return
    st.divider()
    if st.button(t("login.sso")):
        st.login()
