"""The administration page's parts: accounts, audit trail, targets."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from analytics.compute import tables
from analytics.compute.comparison import court_label
from analytics.compute.indicators import INDICATOR_BY_KEY
from analytics.compute.targets import COMPARATORS, LAYERS, changed_targets
from analytics.domain import RETURN_DEADLINE, current_courts
from analytics.formatting import COMPARATOR_SIGNS
from analytics.security import COURT_STAFF, ROLES
from analytics.store import accounts
from ui import auth, data, state, widgets
from ui.frame import View
from ui.i18n import t
from ui.safe import plain


def accounts_section(view: View) -> None:
    store = data.store()
    widgets.show(tables.account_rows(accounts.list_users(store), view.lang, dt.datetime.now(dt.UTC)))
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
        t("admin.filter_action"), list(tables.AUDIT_KINDS), format_func=lambda a: tables.AUDIT_KINDS[a].label(view.lang)
    )
    trail = accounts.audit_trail(store, actor=actor.strip() or None, action=action or None)
    widgets.show(tables.audit_rows(trail, view.lang))
    st.download_button(t("admin.audit_csv"), accounts.audit_csv(trail), file_name="nhat_ky.csv", mime="text/csv")


def targets_section(view: View) -> None:
    """The targets in an editor: the stored keys and numbers underneath, shown by name («Tỷ lệ giải quyết án hình
    sự», «≥»), with how each target reads beside them; only the rows changed are stored."""
    store = data.store()
    current = tables.targets_editor(store.targets(), view.lang)
    edited = st.data_editor(
        current,
        num_rows="dynamic",
        hide_index=True,
        disabled=["reads"],
        column_config=_target_columns(view.lang, widgets.headers(current.columns)),
        key=state.TARGETS_EDITOR,
    )
    if st.button(t("admin.save_targets"), type="primary"):
        changed = changed_targets(tables.edited_targets(current), tables.edited_targets(edited))
        count = auth.attempt(lambda: store.put_targets(changed, view.account))
        if count is not None:
            st.success(t("admin.targets_saved", n=count), icon="✔️")


def _target_columns(lang: str, headers: dict[str, str]) -> dict[str, object]:
    """The editor's columns: keys chosen from their lists by name, the value a plain number (a rate as 0,9)."""

    def choice(column: str, labels: dict) -> object:
        return st.column_config.SelectboxColumn(
            headers[column], options=list(labels), format_func=lambda k: labels[k].label(lang) if k in labels else k
        )

    return headers | {
        "indicator": choice("indicator", INDICATOR_BY_KEY),
        "layer": choice("layer", LAYERS),
        "confidence": choice("confidence", tables.CONFIDENCE),
        "comparator": st.column_config.SelectboxColumn(
            headers["comparator"], options=list(COMPARATORS), format_func=lambda c: COMPARATOR_SIGNS.get(c, c)
        ),
        "year": st.column_config.NumberColumn(headers["year"], format="%d", step=1),
        "value": st.column_config.NumberColumn(headers["value"], help=t("admin.value_help")),
    }


def settings_section(view: View) -> None:
    """The return deadline: days after a period's end a return is due (an assumption until a rule is known)."""
    store = data.store()
    current = store.setting(RETURN_DEADLINE.key)
    with st.form("settings"):
        days = st.number_input(
            t("admin.deadline"), min_value=RETURN_DEADLINE.low, max_value=RETURN_DEADLINE.high, value=current, step=1
        )
        st.caption(t("admin.deadline_help"))
        saved = st.form_submit_button(t("admin.save_settings"), type="primary")
    stored = saved and auth.attempt(lambda: store.put_setting(RETURN_DEADLINE.key, int(days), view.account) or True)
    if stored:
        st.success(t("admin.settings_saved", n=int(days)), icon="✔️")
