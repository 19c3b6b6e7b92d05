"""Links between the pages of ui.state.PAGES. A page run alone (AppTest, `streamlit run pages/…`) has no router:
it gets a plain link to the same address instead."""

from __future__ import annotations

import streamlit as st
from streamlit.errors import StreamlitPageNotFoundError

from ui.state import Page


def link(page: Page, label: str, params: dict[str, str] | None = None, *, container=st) -> None:
    """A link to a page of the app, with these URL parameters."""
    try:
        container.page_link(page.script, label=label, icon=page.icon, query_params=params)
    except StreamlitPageNotFoundError:
        query = "?" + "&".join(f"{k}={v}" for k, v in params.items()) if params else ""
        container.markdown(f"{page.icon} [{label}](/{page.url_path}{query})")


def switch(page: Page, params: dict[str, str]) -> bool:
    """Opens another page with these URL parameters; False when the page runs alone (no router to switch)."""
    try:
        st.switch_page(page.script, query_params=params)
    except StreamlitPageNotFoundError:
        return False
    return True
