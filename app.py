"""The router: page configuration and navigation only; each page draws its own frame (ui.frame).

Page icons are emoji with a plain-text glyph in common fonts (DejaVu), so that they render on
machines without an emoji font; Material icons would fetch a web font.
"""

import streamlit as st

from ui.auth import LOGIN_URL_PATH
from ui.frame import PROFILE_URL_PATH, UPLOAD_URL_PATH
from ui.i18n import t

st.set_page_config(page_title=t("app.title"), page_icon="⚖️", layout="wide", initial_sidebar_state="expanded")
navigation = st.navigation(
    [
        st.Page("pages/overview.py", title=t("nav.overview"), icon="⚖️", default=True),
        st.Page("pages/compare.py", title=t("nav.compare"), icon="↕️", url_path="so-sanh"),
        st.Page("pages/trends.py", title=t("nav.trends"), icon="↗️", url_path="xu-huong"),
        st.Page("pages/profile.py", title=t("nav.profile"), icon="ℹ️", url_path=PROFILE_URL_PATH),
        st.Page("pages/ranking.py", title=t("nav.ranking"), icon="✔️", url_path="xep-hang"),
        st.Page("pages/upload.py", title=t("nav.upload"), icon="⬆️", url_path=UPLOAD_URL_PATH),
        st.Page("pages/export.py", title=t("nav.export"), icon="⬇️", url_path="xuat-du-lieu"),
        st.Page("pages/versions.py", title=t("nav.versions"), icon="↩️", url_path="phien-ban"),
        st.Page("pages/admin.py", title=t("nav.admin"), icon="⚙️", url_path="quan-tri"),
        st.Page("pages/login.py", title=t("nav.login"), icon="➡️", url_path=LOGIN_URL_PATH),
    ]
)
navigation.run()
