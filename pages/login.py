"""Đăng nhập: log in with an account of the app, or with the organisation's identity provider."""

import streamlit as st

from ui import auth, login_views, state
from ui.frame import footer, page_frame
from ui.i18n import t
from ui.links import link

view = page_frame("login.title", with_period=False, open_to_all=True)
if view.account is not None:
    st.success(t("login.done", who=auth.describe(view.account)), icon="✔️")
    # The way on, on the page itself: on a phone the sidebar and the pages' links in it stay folded away.
    with st.container(horizontal=True):
        link(state.OVERVIEW, t("nav.overview"))
        if auth.is_writer(view.account):
            link(state.UPLOAD, t("nav.upload"))
else:
    login_views.login_form()
    login_views.single_sign_on()
footer(view)
