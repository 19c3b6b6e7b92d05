"""Quản trị: accounts, the audit trail, and the targets — for the cluster secretariat only."""

import streamlit as st

from ui import admin_views, auth
from ui.frame import footer, page_frame
from ui.i18n import t

view = page_frame("admin.title", with_period=False)
auth.require_admin(view.account)
people, trail, goals, settings = st.tabs(
    [t("admin.accounts"), t("admin.audit"), t("admin.targets"), t("admin.settings")]
)
with people:
    admin_views.accounts_section(view)
with trail:
    admin_views.audit_section(view)
with goals:
    admin_views.targets_section(view)
with settings:
    admin_views.settings_section(view)
footer(view)
