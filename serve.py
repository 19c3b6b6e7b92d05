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
from urllib.parse import parse_qs

import streamlit as st
from starlette.middleware import Middleware

from analytics.domain import RegistryUnusable
from analytics.store.database import DATABASE_FAILURES, log_failure
from ui import state
from ui.i18n import LANGUAGES

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


class DocumentLanguage:
    """The page says which language it is in: Streamlit's page says `<html lang="en">` whatever it shows, so a
    screen reader read the Vietnamese pages with an English voice (WCAG 3.1.1). The page is answered with "vi", or
    with the language its link names (`?lang=en`). The switch on the page changes the text without loading the page
    again: the attribute follows at the next load of a link."""

    PAGE_TAG = b'<html lang="en">'

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http" or scope["method"] != "GET":
            await self.app(scope, receive, send)
            return
        asked = parse_qs(scope.get("query_string", b"").decode("latin-1")).get(state.LANG, [""])[0]
        tag = b'<html lang="%s">' % (asked if asked in LANGUAGES else state.DEFAULT_LANG).encode()
        start: dict = {}
        body: list[bytes] = []

        async def answer(message) -> None:
            if message["type"] == "http.response.start" and _is_html(message):
                start.update(message)  # held until the whole page is in hand: its length changes
            elif message["type"] == "http.response.body" and start:
                body.append(message.get("body", b""))
                if not message.get("more_body"):
                    page = b"".join(body).replace(self.PAGE_TAG, tag, 1)
                    kept = [(k, v) for k, v in start.get("headers", []) if k not in (b"content-length", b"etag")]
                    await send(start | {"headers": [*kept, (b"content-length", str(len(page)).encode())]})
                    await send({"type": "http.response.body", "body": page})
            else:
                await send(message)

        await self.app(scope, receive, answer)


def _is_html(start: dict) -> bool:
    headers = dict(start.get("headers", []))
    return headers.get(b"content-type", b"").startswith(b"text/html") and b"content-encoding" not in headers


app = st.App("app.py", lifespan=_warm_start, middleware=[Middleware(NoFraming), Middleware(DocumentLanguage)])
