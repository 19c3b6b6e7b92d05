"""The administration page's parts: accounts, audit trail, targets."""

from __future__ import annotations

import streamlit as st

from analytics.compute.comparison import court_label
from analytics.compute.submissions import DEADLINE_DAYS, DEADLINE_SETTING
from analytics.compute.targets import changed_targets, editable
from analytics.domain import current_courts
from analytics.security import COURT_STAFF, ROLES
from analytics.store import accounts
from ui import auth, data, state
from ui.frame import View
from ui.i18n import t
from ui.safe import plain


def accounts_section(view: View) -> None:
    store = data.store()
    st.dataframe(accounts.list_users(store), hide_index=True, width="stretch")
    roles = list(ROLES)
    with st.form("add_user", clear_on_submit=True):
        st.markdown(f"**{t('admin.add_user')}**")
        username = st.text_input(t("login.username"))
        name = st.text_input(t("admin.display_name"))
        role = st.selectbox(t("admin.role"), roles, format_func=lambda r: ROLES[r].label(view.lang))
        courts = [c.key for c in current_courts()]
        court = st.selectbox(t("admin.court"), courts, format_func=lambda c: court_label(c, view.lang))
        email = st.text_input(t("admin.email"))
        submitted = st.form_submit_button(t("admin.create"), type="primary")
    if submitted:
        password = auth.attempt(
            lambda: accounts.add_user(
                store,
                view.account,
                username.strip(),
                role,
                court=court if role == COURT_STAFF else None,
                email=email.strip() or None,
                display_name=name.strip(),
            )
        )
        if password is not None:
            st.success(t("admin.created", username=plain(username.strip()), password=plain(password)), icon="✔️")
    names = list(accounts.list_users(store)["username"])
    with st.form("manage_user"):
        st.markdown(f"**{t('admin.manage_user')}**")
        who = st.selectbox(t("login.username"), names)
        action = st.radio(
            t("admin.action"), ["passwd", "disable", "enable"], format_func=lambda a: t(f"admin.{a}"), horizontal=True
        )
        done = st.form_submit_button(t("admin.apply"))
    if done and who:
        if action == "passwd":
            password = auth.attempt(lambda: accounts.set_password(store, view.account, who))
            if password is not None:
                st.success(t("admin.new_password", username=plain(who), password=plain(password)))
        elif auth.attempt(lambda: accounts.set_active(store, view.account, who, action == "enable") or True):
            st.success(t("admin.applied"), icon="✔️")


def audit_section(view: View) -> None:
    store = data.store()
    left, right = st.columns(2)
    actor = left.text_input(t("admin.filter_actor"))
    action = right.selectbox(
        t("admin.filter_action"),
        ["", "return.", "targets", "account.", "comment", "weights", "setting"],
        format_func=lambda a: a or "—",
    )
    trail = accounts.audit_trail(store, actor=actor.strip() or None, action=action or None)
    st.dataframe(trail, hide_index=True, width="stretch")
    st.download_button(t("admin.audit_csv"), accounts.audit_csv(trail), file_name="nhat_ky.csv", mime="text/csv")


def targets_section(view: View) -> None:
    store = data.store()
    current = editable(store.targets())
    edited = st.data_editor(current, num_rows="dynamic", hide_index=True, key=state.TARGETS_EDITOR)
    if st.button(t("admin.save_targets"), type="primary"):
        changed = changed_targets(current, edited)
        count = auth.attempt(lambda: store.put_targets(changed, view.account))
        if count is not None:
            st.success(t("admin.targets_saved", n=count), icon="✔️")


def settings_section(view: View) -> None:
    """The return deadline: days after a period's end a return is due (an assumption until a rule is known)."""
    store = data.store()
    current = store.setting(DEADLINE_SETTING, DEADLINE_DAYS)
    low, high, _ = store.SETTINGS[DEADLINE_SETTING]
    with st.form("settings"):
        days = st.number_input(t("admin.deadline"), min_value=low, max_value=high, value=current, step=1)
        st.caption(t("admin.deadline_help"))
        saved = st.form_submit_button(t("admin.save_settings"), type="primary")
    stored = saved and auth.attempt(lambda: store.put_setting(DEADLINE_SETTING, int(days), view.account) or True)
    if stored:
        st.success(t("admin.settings_saved", days=int(days)), icon="✔️")
