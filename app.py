"""The router: page configuration and navigation only; each page draws its own frame (ui.frame). The pages, their
URL paths and icons are listed once in ui.state; their titles follow the reader's language (ui.i18n)."""

import streamlit as st

from ui import frame, state
from ui.i18n import t

# "auto": the sidebar opens on a wide screen and stays closed on a phone, where it would cover the page.
st.set_page_config(page_title=t("app.title"), page_icon="⚖️", layout="wide", initial_sidebar_state="auto")
navigation = st.navigation(
    [
        st.Page(
            page.script, title=t(page.title), icon=page.icon, url_path=page.url_path, default=page is state.OVERVIEW
        )
        for page in state.PAGES
    ]
)
frame.run(navigation)  # a database that is down: one sentence, not an error box
