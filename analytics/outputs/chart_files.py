"""Any Plotly figure of charts.py as a file: a self-contained HTML page (always), and PNG at print resolution or SVG
where the server has Chromium (drawn by kaleido in the system's Chromium, never a downloaded browser, kept open
between images: `ChartBrowser`).

`chart_formats_available()` says beforehand which kinds can be made and, for those that cannot, why in Vietnamese
(the page shows the reason instead of a button that would fail); `chart_file()` raises ChartFileUnavailable with
the same reason. Nothing here reaches the network: plotly.js is written into the HTML file, and kaleido is told to
load no MathJax (which it would otherwise fetch from a CDN).
"""

from __future__ import annotations

import asyncio
import atexit
import contextlib
import hashlib
import importlib.util
import logging
import os
import re
import shutil
import signal
import threading
from pathlib import Path

import plotly.graph_objects as go
import plotly.io as pio

from analytics.text import Said, fold

HTML, PNG, SVG = "html", "png", "svg"
KINDS = (HTML, PNG, SVG)
MEDIA_TYPES = {HTML: "text/html", PNG: "image/png", SVG: "image/svg+xml"}
CHROMIUM_VARIABLE = "CUM2_CHROMIUM"  # another Chromium (or Chrome) than the system's
SYSTEM_CHROMIUM = "/usr/bin/chromium"
# A4 landscape at 300 dpi is about 3500 px wide: 1.750 × 875 CSS pixels drawn at scale 2 prints sharp at full width.
PNG_SIZE = {"width": 1750, "height": 875, "scale": 2}
SVG_SIZE = {"width": 1200, "height": 600}
NO_PROXY = "127.0.0.1:9"  # the discard port on this machine: nothing listens, nothing is sent further
RENDER_TIMEOUT = 60  # seconds for one image (0,4–0,5 s in the Chromium kept open on this 2-core machine)
START_TIMEOUT = 60  # seconds for Chromium to start (4–6 s here)
CLOSE_TIMEOUT = 20  # seconds for Chromium to close (choreographer's own close may take 15) before it is killed
BUSY_SECONDS = 30  # how long an image waits for the one being drawn before the reader is told to try again
# What says Chromium itself failed (it is closed, and the image tried once more in a fresh one): choreographer's
# BrowserClosedError and BrowserFailedError are RuntimeErrors, a closed channel an OSError. An error kaleido reports
# about the figure (KaleidoError) leaves the browser as it is.
BROWSER_FAILURES = (OSError, RuntimeError, TimeoutError)
IDLE_SECONDS = 600  # Chromium is closed this long after the last image: it holds some 150 MB while open


class ChartFileUnavailable(Said):
    """A chart file of a kind this server cannot make, with the reason in Vietnamese and in English."""


class ChartBrowserBusy(TimeoutError):
    """Another image kept the chart Chromium past BUSY_SECONDS."""


def chromium() -> str | None:
    """The Chromium kaleido draws in: $CUM2_CHROMIUM, else /usr/bin/chromium, else one on the PATH; None without."""
    chosen = os.environ.get(CHROMIUM_VARIABLE)
    if chosen:
        return chosen if _executable(chosen) else None
    if _executable(SYSTEM_CHROMIUM):
        return SYSTEM_CHROMIUM
    return shutil.which("chromium") or shutil.which("chromium-browser")


def _executable(path: str) -> bool:
    return Path(path).is_file() and os.access(path, os.X_OK)


def _why_not_images() -> ChartFileUnavailable | None:
    if importlib.util.find_spec("kaleido") is None:
        return ChartFileUnavailable(
            "Máy chủ chưa cài thư viện kaleido nên chưa xuất được ảnh PNG, SVG. Hãy tải tệp HTML (mở bằng trình duyệt "
            "nào cũng được) hoặc nhờ quản trị cài lại theo requirements.txt.",
            "kaleido is not installed on the server, so PNG and SVG cannot be made; download the HTML file instead.",
        )
    if chromium() is None:
        wanted = os.environ.get(CHROMIUM_VARIABLE) or SYSTEM_CHROMIUM
        return ChartFileUnavailable(
            f"Máy chủ chưa có trình duyệt Chromium ({wanted}) để vẽ ảnh PNG, SVG. Hãy tải tệp HTML (mở bằng trình "
            "duyệt nào cũng được, có nút chụp ảnh biểu đồ) hoặc nhờ quản trị cài gói chromium "
            "(apt-get install chromium).",
            f"The server has no Chromium ({wanted}) to draw PNG and SVG; download the HTML file, or ask the "
            "administrator to install chromium.",
        )
    return None


def chart_formats_available() -> dict[str, str | None]:
    """Each kind of chart file → None when it can be made here, else the reason in Vietnamese."""
    reason = _why_not_images()
    image = None if reason is None else reason.message
    return {HTML: None, PNG: image, SVG: image}


def chart_file(figure: go.Figure | dict, kind: str) -> bytes:
    """The figure (or its `to_dict()`, which a page keeps at a tenth of a copy's cost) as a file of this kind: "html"
    (self-contained, opens offline in any browser), "png" (print resolution) or "svg". Raises ChartFileUnavailable
    when this server cannot make PNG or SVG."""
    figure = go.Figure(figure) if isinstance(figure, dict) else figure
    if kind == HTML:
        return html(figure)
    if kind not in (PNG, SVG):
        raise ValueError(f"unknown chart file kind {kind!r}; one of {', '.join(KINDS)}")
    reason = _why_not_images()
    if reason is not None:
        raise ChartFileUnavailable(reason.message, reason.message_en)
    return _image(figure, kind)


NAME_LENGTH = 80  # characters of the title kept in a file name: whole on every system, readable in a folder list
EXTENSIONS = {HTML: ".html", PNG: ".png", SVG: ".svg"}


def file_name(figure: go.Figure | dict, kind: str, fallback: str = "bieu_do") -> str:
    """The chart's title as a plain file name ("ty_le_giai_quyet_cac_vu_an_hinh_su_12_thang_2023.png"): without
    diacritics or punctuation, which some mail systems and older Windows tools mangle."""
    words = re.sub(r"[^a-z0-9]+", "_", fold(title_of(figure))).strip("_")
    return (words[:NAME_LENGTH].rstrip("_") or fallback) + EXTENSIONS[kind]


def title_of(figure: go.Figure | dict) -> str:
    if isinstance(figure, go.Figure):
        return figure.layout.title.text or ""
    title = figure.get("layout", {}).get("title", "")
    return (title.get("text") if isinstance(title, dict) else title) or ""


def fingerprint(figure: go.Figure | dict) -> str:
    """A short digest of everything the figure draws: a file made of it is reused only for the same drawing."""
    return hashlib.sha256(pio.to_json(figure, validate=False).encode("utf-8")).hexdigest()[:16]


def html(figure: go.Figure) -> bytes:
    """A whole HTML page with plotly.js inside it (about 5 MB): no CDN, no MathJax, no Plotly logo."""
    page = pio.to_html(
        figure,
        include_plotlyjs=True,
        include_mathjax=False,
        full_html=True,
        config={"displaylogo": False, "responsive": True},
    )
    # A title for the browser's tab (plotly's page declares UTF-8 itself).
    page = page.replace("<head>", f"<head><title>{_title(figure)}</title>", 1)
    return page.encode("utf-8")


def _title(figure: go.Figure) -> str:
    text = figure.layout.title.text or "Biểu đồ"
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _image(figure: go.Figure, kind: str) -> bytes:
    from kaleido.errors import KaleidoError

    try:
        return _CHART_BROWSER.draw(figure, kind)
    except ChartBrowserBusy as busy:
        raise ChartFileUnavailable(
            f"Máy chủ đang vẽ một ảnh khác nên chưa vẽ được ảnh {kind.upper()}: hãy bấm lại sau ít phút, hoặc tải tệp "
            "HTML.",
            f"The server is drawing another image, so the {kind.upper()} was not drawn: click again in a few minutes, "
            "or download the HTML.",
        ) from busy
    except (*BROWSER_FAILURES, KaleidoError) as error:  # Chromium would not start, crashed, hung or refused the figure
        logging.getLogger(__name__).warning("chart image not drawn", exc_info=True)
        raise ChartFileUnavailable(
            f"Chromium trên máy chủ không vẽ được ảnh {kind.upper()} lúc này ({type(error).__name__}). Hãy thử lại "
            "hoặc tải tệp HTML.",
            f"Chromium could not draw the {kind.upper()} ({type(error).__name__}); try again or download the HTML.",
        ) from error


class ChartBrowser:
    """One Chromium that kaleido draws chart images in, started for the first image and kept open until no image was
    asked for during `idle_seconds` (or the process ends). Starting Chromium is most of an image's cost: 3,7–6 s for
    an image in a Chromium started for it, 0,4–0,5 s in one kept open (PNG at print resolution, this 2-core machine).

    kaleido's own kept server (`kaleido.start_sync_server`) is not used: it has one queue of answers for all callers,
    so two sessions drawing at once could each get the other's image, and it waits for ever once its Chromium has
    died. Here one image is drawn at a time (a lock; each caller gets its own answer; one that waits past BUSY_SECONDS
    is told the server is busy), a Chromium that has died is replaced before drawing, and one that fails or hangs
    while starting or drawing is closed (its process group killed if need be) and the image tried once more in a fresh
    one. A figure kaleido refuses is reported as it is, the browser kept.

    kaleido is asynchronous: its Chromium lives in an event loop of its own, on a thread of its own, and the calls
    cross to it with `asyncio.run_coroutine_threadsafe`."""

    def __init__(self, idle_seconds: float = IDLE_SECONDS) -> None:
        self.idle_seconds = idle_seconds
        self.starts = 0  # how many times a Chromium was started (the images drawn in one kept open add nothing)
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._kaleido = None
        self._idle: threading.Timer | None = None
        self._exit_hook = False

    @property
    def pid(self) -> int | None:
        """The process id of the Chromium kept open, None when none is."""
        process = getattr(self._kaleido, "subprocess", None)
        return None if process is None else process.pid

    def draw(self, figure: go.Figure, kind: str) -> bytes:
        """The figure as a PNG (print resolution) or SVG."""
        options = {"format": kind, **(PNG_SIZE if kind == PNG else SVG_SIZE)}
        if not self._lock.acquire(timeout=BUSY_SECONDS):
            raise ChartBrowserBusy(f"another chart image held the browser over {BUSY_SECONDS} s")
        try:
            if self._idle is not None:
                self._idle.cancel()
            try:
                content = self._draw_once(figure, options)
            except BROWSER_FAILURES:  # once more, in a fresh Chromium
                content = self._draw_once(figure, options)
            return content if isinstance(content, bytes) else str(content).encode("utf-8")
        finally:
            if self._kaleido is not None:
                self._idle = threading.Timer(self.idle_seconds, self._close_when_idle)
                self._idle.daemon = True
                self._idle.start()
            self._lock.release()

    def _draw_once(self, figure: go.Figure, options: dict) -> bytes | str:
        if not self._alive():
            self._close()
            self._open()
        try:
            return self._call(self._kaleido.calc_fig(figure, opts=options), RENDER_TIMEOUT + 5)
        except BROWSER_FAILURES:
            self._close()  # failed or hung: never trusted with the next image
            raise

    def close(self) -> None:
        """Closes the Chromium kept open, if any (the next image starts another). At the process's exit an image
        still being drawn is waited for at most CLOSE_TIMEOUT."""
        locked = self._lock.acquire(timeout=CLOSE_TIMEOUT)
        try:
            if self._idle is not None:
                self._idle.cancel()
            self._close()
        finally:
            if locked:
                self._lock.release()

    def _close_when_idle(self) -> None:
        with self._lock:
            if self._idle is threading.current_thread():  # no image was asked for since this timer started
                self._close()

    def _alive(self) -> bool:
        process = getattr(self._kaleido, "subprocess", None)
        return process is not None and process.poll() is None

    def _call(self, coroutine, timeout: float):
        return asyncio.run_coroutine_threadsafe(coroutine, self._loop).result(timeout)

    def _open(self) -> None:
        import kaleido  # only here: importing it costs time, and the page may never ask for an image

        # plotly.js comes from the plotly package as a file; MathJax is off; and any request the browser would still
        # make on its own (Chromium's background services) goes to a proxy that is not there: nothing leaves the
        # machine.
        options = {"path": chromium(), "mathjax": False, "timeout": RENDER_TIMEOUT, "proxy_server": NO_PROXY}

        async def opened():
            browser = kaleido.Kaleido(n=1, **options)
            self._kaleido = browser  # held at once: a start that fails or hangs is closed (its Chromium killed) with it
            await browser.open()
            return browser

        self._loop = asyncio.new_event_loop()
        threading.Thread(target=_run_loop, args=(self._loop,), daemon=True, name="cum2-chart-chromium").start()
        if not self._exit_hook:
            atexit.register(self.close)
            self._exit_hook = True
        self.starts += 1
        try:
            self._kaleido = self._call(opened(), START_TIMEOUT)
        except BaseException:
            self._close()
            raise

    def _close(self) -> None:
        browser, loop = self._kaleido, self._loop
        self._kaleido = self._loop = self._idle = None
        if loop is None:
            return
        if browser is not None:
            with contextlib.suppress(Exception):  # a Chromium that will not close is killed
                asyncio.run_coroutine_threadsafe(browser.close(), loop).result(CLOSE_TIMEOUT)
            process = getattr(browser, "subprocess", None)
            if process is not None and process.poll() is None:
                try:
                    os.killpg(process.pid, signal.SIGKILL)  # Chromium and its helpers (choreographer's own group)
                except ProcessLookupError:
                    process.kill()
                process.wait(CLOSE_TIMEOUT)
        loop.call_soon_threadsafe(loop.stop)


def _run_loop(loop: asyncio.AbstractEventLoop) -> None:
    """The chart Chromium's event loop, until `ChartBrowser` stops it; what is left in it then is cancelled."""
    asyncio.set_event_loop(loop)
    loop.run_forever()
    left = asyncio.all_tasks(loop)
    for task in left:
        task.cancel()
    loop.run_until_complete(asyncio.gather(*left, return_exceptions=True))
    loop.close()


_CHART_BROWSER = ChartBrowser()
