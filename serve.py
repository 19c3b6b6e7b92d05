"""`streamlit run serve.py`: the dashboard (app.py) served with a warm start. Before the server answers, the app's
modules are imported and the latest period's data read and compared (`ui.data.warm_up`), so the first reader after
a start waits for the page only. Streamlit's `st.App` runs the app under its own server; `app.py` stays the router."""

import asyncio
import logging
from contextlib import asynccontextmanager

import streamlit as st


def _warm() -> None:
    try:
        from ui import data, frame, overview_views, widgets  # noqa: F401 - what the first page imports

        data.warm_up()
    except Exception:  # a database not reachable yet: the first reader then sees the page's own message
        logging.getLogger(__name__).exception("warm-up failed; the first page will do the work")


@asynccontextmanager
async def _warm_start(_app):
    await asyncio.to_thread(_warm)
    yield


app = st.App("app.py", lifespan=_warm_start)
