"""Tải lên: check one or several returns, preview what will be stored, store on confirmation; the history."""

import streamlit as st

from ui import auth, data, state, upload_views
from ui.frame import footer, page_frame
from ui.i18n import t

view = page_frame("upload.title", with_period=False)
st.markdown(t("upload.intro"))
upload_views.template_download()
auth.require_writer(view.account)
upload_views.last_results()
upload_views.who_uploads(view.account)
choice = upload_views.intended(view.account, view.lang)
st.text_area(t("comments.upload"), key=state.UPLOAD_COMMENT, max_chars=2000, height=80)
files = st.file_uploader(
    t("upload.files"),
    accept_multiple_files=True,
    key=f"{state.UPLOADER}_{st.session_state.setdefault(state.UPLOAD_ROUND, 0)}",
)
if files:
    store = data.store()
    checked = upload_views.check_files(view, files, choice)
    for file in checked:
        upload_views.file_report(file, view.account, view.lang)
    upload_views.confirm(store, checked, view.account)

st.subheader(t("upload.history"))
upload_views.history(view)
footer(view)
