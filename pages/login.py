"""Đăng nhập: log in with an account of the app, or with the organisation's identity provider."""

import streamlit as st

from ui import auth, login_views
from ui.frame import footer, page_frame
from ui.i18n import t

view = page_frame("login.title", with_period=False, open_to_all=True)
if view.account is not None:
    st.success(t("login.done", who=auth.describe(view.account)), icon="✔️")
else:
    login_views.login_form()
    login_views.single_sign_on()
footer(view)
