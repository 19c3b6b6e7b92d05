"""`streamlit run serve.py`: the dashboard (app.py) served with a warm start. Before the server answers, the app's
modules are imported and the latest period's data read and compared (`ui.data.warm_up`), so the first reader after
a start waits for the page only; after each write through this server (an upload stored…) the same is done again
in the background, for the new data version (`ui.data.written`). Streamlit's `st.App` runs the app under its own
server; `app.py` stays the router.

The server waits for the warm-up at most WARM_UP_SECONDS: a database that does not answer (a PostgreSQL host that
drops packets) must not keep the server from starting; the warm-up then goes on behind it."""

import asyncio
import logging
import os
from contextlib import asynccontextmanager

import streamlit as st
from starlette.middleware import Middleware

from analytics.domain import RegistryUnusable
from analytics.store.database import DATABASE_FAILURES, log_failure

WARM_UP_SECONDS = 30


def _warm() -> None:
    try:
        from pandas.io.formats import style  # noqa: F401 - the grids' Styler, whose templates compile on import

        from ui import data, frame, overview_views, widgets  # noqa: F401 - what the first page imports

        os.environ.setdefault(data.WARM_AFTER_WRITES_VARIABLE, "1")  # and behind each write through it (data.written)
        data.warm_up()
    except (*DATABASE_FAILURES, RegistryUnusable) as error:  # not reachable yet, or misconfigured: each page says so
        log_failure(logging.getLogger(__name__), error, " khi khởi động; máy chủ web vẫn chạy, mỗi trang sẽ thử lại")
    except Exception:  # a bug: its traceback, for whoever fixes it
        logging.getLogger(__name__).exception("warm-up failed; the first page will do the work")


class Timed(logging.StreamHandler):
    """The app's own lines in the server's log (a database that failed, a warm-up's bug…) with the moment they were
    written first, as Streamlit writes its own (`logger.messageFormat`, «2026-12-02 17:10:03.123 …», the server's
    clock): Python wrote them bare, and an operator reading the log after a failure could not tell when. The
    messages themselves are unchanged. Added to the root logger for the server's life (`_warm_start`)."""

    def __init__(self) -> None:
        super().__init__()  # standard error, where Streamlit's own lines go
        self.setLevel(logging.WARNING)  # what Python's last-resort handler wrote before: no library's INFO lines
        self.setFormatter(logging.Formatter(st.get_option("logger.messageFormat")))
        self.formatter.default_msec_format = "%s.%03d"  # as Streamlit's: 17:10:03.123


@asynccontextmanager
async def _warm_start(_app):
    timed = Timed()
    logging.getLogger().addHandler(timed)
    try:
        warming = asyncio.ensure_future(asyncio.to_thread(_warm))
        try:
            await asyncio.wait_for(asyncio.shield(warming), WARM_UP_SECONDS)
        except TimeoutError:
            logging.getLogger(__name__).warning("warm-up still running after %s s; serving meanwhile", WARM_UP_SECONDS)
        yield
    finally:
        logging.getLogger().removeHandler(timed)


class NoFraming:
    """Another site may not show the dashboard inside a frame of its own, where a visitor could be tricked into
    clicking through it (clickjacking): every HTTP answer says so, in the old header and in the content security
    policy. Frames of the dashboard's own pages stay allowed."""

    HEADERS = [(b"x-frame-options", b"SAMEORIGIN"), (b"content-security-policy", b"frame-ancestors 'self'")]

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def answer(message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *self.HEADERS]
            await send(message)

        await self.app(scope, receive, answer)


app = st.App("app.py", lifespan=_warm_start, middleware=[Middleware(NoFraming)])
