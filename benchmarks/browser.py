"""`make bench`: in real Chromium, the time from navigation to each page's main content, against the real server.

`streamlit run serve.py` (the dashboard with its warm start, as `make run` serves it) serves a temporary copy of a
SQLite database holding the sample data on 127.0.0.1 and a free port (headless, no usage statistics); Debian's
Chromium, driven by Playwright, opens each page's URL. The time is the browser's own clock from the start of the navigation (`performance.now()` of the new document) to the frame
in which the page's main content is first visible: its first grid's canvas, its first chart or, for the upload page
(which an anonymous visitor sees without its form), its title. The page is checked on every animation frame
(`wait_for_function` with `polling="raf"`), because `expect()` polls at up to 500 ms intervals and would round the
figures. The time to the page's title (drawn by the frame, before the page's own work) is noted in the same visit,
to tell the app's shell and sidebar from the page's content. Printed: the first page after the server started (a cold
server: imports, caches, the first session), then the median, fastest and slowest of 5 visits of each page (the
title's median beside), with issue 14's aims, and Streamlit's floor: a bare page served and timed the same way,
its first page after its own start in a fresh browser context too; within one session, the time from a click on a
page's link in the sidebar (from the upload page, which has no grid or chart) to its main content; the time from a
click on the compare page's heat-map tab to the heat map drawn (only the open tab is made, so the click runs the page
again); and the server's resident memory after the first page and after all the visits. Printed, never asserted.

Without Chromium at /usr/bin/chromium or without Playwright the module says why and exits 0 (a skip).
Run with `make bench` or `python -m benchmarks.browser [--visits N]` from the repository's root.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analytics.store import bootstrap  # noqa: E402
from analytics.store.storage import Store  # noqa: E402
from tests.e2e.serving import CHROMIUM, CHROMIUM_ARGS, start_server, stop  # noqa: E402
from ui import state  # noqa: E402  (names only: ui.state does not import Streamlit)
from ui.i18n import TEXTS  # noqa: E402

CONTENT_SECONDS = 60  # longest wait for a page's content before the benchmark fails with the server's log
VISITS = 5
AIM_MEDIAN_MS, AIM_FIRST_MS = 1000, 2000  # issue 14: ≤ 1 s median, ≤ 2 s for the first page after start

# st.dataframe (the scorecard, the ranking, the profile's indicators): its element shows (with its toolbar) before
# the grid is drawn, so the wait is for the canvas the grid draws on.
GRID = '[data-testid="stDataFrame"] canvas'
CHART = ".js-plotly-plot"  # the class Plotly gives a chart's element once it draws it
TITLE = "h1"  # st.title: the page's header
NAV_LABELS = {page.url_path: TEXTS[page.title][0] for page in state.PAGES}  # the sidebar's links, by URL path
# Each page's URL path (ui.state) and the element that is its main content, the first of them on the page.
PAGES = (
    ("overview", state.OVERVIEW.url_path, GRID),  # the scorecard of courts × indicators
    ("compare", state.COMPARE.url_path, CHART),  # the bars of one indicator across the courts
    ("trends", state.TRENDS.url_path, CHART),  # the indicator through the year
    ("profile", state.PROFILE.url_path, GRID),  # the court's indicators against the targets
    ("ranking", state.RANKING.url_path, GRID),  # the ranking table
    ("upload", state.UPLOAD.url_path, TITLE),  # anonymous: the form needs a signed-in writer, so the title
    ("export", state.EXPORT.url_path, GRID),  # the preview of the comparison table
)

# Run in the page on every animation frame: notes the first frame in which the page's title and its main content are
# each visible (milliseconds since the navigation started: the document's time origin); false until the content is.
SHOWN = """([title, content]) => {
    const seen = (window.benchmarkSeen ??= {});
    for (const selector of [title, content]) {
        const element = document.querySelector(selector);
        const box = element?.checkVisibility() ? element.getBoundingClientRect() : null;
        if (!(selector in seen) && box && box.width > 0 && box.height > 0) seen[selector] = performance.now();
    }
    return content in seen ? [seen[title], seen[content]] : false;
}"""


# Streamlit's own floor on this machine: a page with nothing of ours, a title, an 8 × 17 grid with a Styler (as ours
# are) and a small chart, served and timed the same way. What our pages take above it is ours.
FLOOR = """import numpy as np
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

st.title("Floor")
grid = pd.DataFrame(np.arange(8 * 17).reshape(8, 17), columns=[f"c{i}" for i in range(17)])
st.dataframe(grid.style.format("{:,}").map(lambda v: "background-color: #e6f4ea"))
st.plotly_chart(go.Figure(go.Bar(x=list("ABCDEFG"), y=[7, 6, 5, 4, 3, 2, 1])))
"""


def skip_reason() -> str | None:
    if not CHROMIUM.exists():
        return f"no Chromium at {CHROMIUM} (install Debian's chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError as error:
        return f"Playwright is not installed ({error}; it is in requirements-dev.txt)"
    return None


def sample_database(folder: Path) -> Path:
    """A SQLite file with the sample returns and the shipped targets, as tests/conftest.py's sample_db builds it."""
    path = folder / "sample.sqlite"
    store = Store(f"sqlite:///{path}")
    bootstrap.prepare(store, sample_dir=bootstrap.SAMPLE_DIR)
    store.dispose()
    return path


def visit_ms(tab, url: str, selector: str) -> tuple[float, float]:
    """Opens the URL; returns the milliseconds from the start of the navigation to the title and to the content."""
    tab.goto(url, wait_until="commit")
    shown = tab.wait_for_function(SHOWN, arg=[TITLE, selector], polling="raf", timeout=CONTENT_SECONDS * 1000)
    title, content = shown.json_value()
    return float(title if title is not None else content), float(content)


# Run in the page on every animation frame after a click: the first frame in which the selector is visible, in
# milliseconds since the navigation started (false until then).
VISIBLE = """(selector) => {
    const element = document.querySelector(selector);
    const box = element?.checkVisibility() ? element.getBoundingClientRect() : null;
    return box && box.width > 0 && box.height > 0 ? performance.now() : false;
}"""
HEAT_TAB, HEAT_MAP = "Bản đồ nhiệt", "[data-testid='stPlotlyChart'] .heatmaplayer"  # compare's third tab, drawn


def click_ms(tab, target, selector: str) -> float:
    """Clicks the target (a Playwright locator) on the page open; returns the milliseconds from the click to the first
    frame in which the selector is visible."""
    clicked = tab.evaluate("performance.now()")
    target.click()
    shown = tab.wait_for_function(VISIBLE, arg=selector, polling="raf", timeout=CONTENT_SECONDS * 1000)
    return float(shown.json_value()) - clicked


def tab_click_ms(tab, url: str) -> float:
    """Opens the compare page, then clicks its heat-map tab (only the open tab is made: the click runs the page
    again); the milliseconds from the click to the heat map drawn."""
    visit_ms(tab, url, CHART)
    return click_ms(tab, tab.get_by_role("tab", name=HEAT_TAB), HEAT_MAP)


def within_ms(tab, url: str, nav_label: str, selector: str) -> float:
    """Opens the upload page (a title, no grid or chart), then clicks the page's link in the sidebar, as a reader goes
    from page to page in one session (Streamlit's front end and the session are already up); the milliseconds from
    the click to the page's main content drawn."""
    visit_ms(tab, url, TITLE)
    return click_ms(tab, tab.get_by_test_id("stSidebarNav").get_by_role("link", name=nav_label, exact=True), selector)


def resident_mb(pid: int) -> float:
    """The process's resident memory (VmRSS), in MB."""
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmRSS:")) / 1024


def over(ms: float, aim: int) -> str:
    return "" if ms <= aim else "  over the aim"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--visits", type=int, default=VISITS)
    args = parser.parse_args()
    reason = skip_reason()
    if reason is not None:
        print(f"skipped: {reason}")
        return 0
    from playwright.sync_api import Error, sync_playwright

    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        database = sample_database(folder)
        log_path = folder / "server.log"
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            # Chromium is up before the server starts, so the first page is the server's cold start alone.
            context = chromium.new_context(viewport={"width": 1440, "height": 900}, locale="vi-VN")
            tab = context.new_page()
            version = chromium.version
            served = database.with_name("served.sqlite")  # a copy: the sample stays as built
            shutil.copy(database, served)
            started = time.perf_counter()
            process, base = start_server(f"sqlite:///{served}", log_path)
            start_seconds = time.perf_counter() - started
            try:
                first = visit_ms(tab, f"{base}/{PAGES[0][1]}", PAGES[0][2])
                memory = [resident_mb(process.pid)]
                times = {
                    page: [visit_ms(tab, f"{base}/{path}", selector) for _ in range(args.visits)]
                    for page, path, selector in PAGES
                }
                clicks = [tab_click_ms(tab, f"{base}/{state.COMPARE.url_path}") for _ in range(args.visits)]
                upload = f"{base}/{state.UPLOAD.url_path}"
                within = {
                    page: [within_ms(tab, upload, NAV_LABELS[path], selector) for _ in range(args.visits)]
                    for page, path, selector in PAGES
                    if page != "upload"
                }
                memory.append(resident_mb(process.pid))
            except Error:
                print("---- server log ----\n" + log_path.read_text()[-20_000:])
                raise
            finally:
                stop(process)
            script = folder / "floor.py"
            script.write_text(FLOOR)
            process, base = start_server(f"sqlite:///{served}", log_path, str(script))
            try:
                # Its first page after the start in a new browser context (an empty cache), as ours was measured.
                cold = chromium.new_context(viewport={"width": 1440, "height": 900}, locale="vi-VN")
                floor_first = visit_ms(cold.new_page(), base, GRID)
                cold.close()
                floor = {
                    selector: [visit_ms(tab, base, selector) for _ in range(args.visits)] for selector in (GRID, CHART)
                }
            finally:
                context.close()
                chromium.close()
                stop(process)
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    print(f"Chromium {version}, sample data, 1440×900; load average {load} (the two cores are shared)")
    print(
        f"server started in {start_seconds:.1f} s (`streamlit run serve.py` until /_stcore/health answers, warm-up in)"
    )
    title, content = first
    print(f"first page after the start ({PAGES[0][0]}): title {title:.0f} ms, main content {content:.0f} ms", end="")
    print(f" (aim ≤ {AIM_FIRST_MS} ms){over(content, AIM_FIRST_MS)}")
    print(
        f"the floor's first page after its start (a bare Streamlit page, the same cold browser cache): title "
        f"{floor_first[0]:.0f} ms, grid {floor_first[1]:.0f} ms"
    )
    print(
        f"\nnavigation → title and → main content, {args.visits} visits per page (ms); aim: median ≤ {AIM_MEDIAN_MS} ms"
    )
    print(f"{'page':<10} {'main content waited for':<35} {'title':>6} {'median':>7} {'fastest':>8} {'slowest':>8}")
    for page, _path, selector in PAGES:
        title = statistics.median(t for t, _ in times[page])
        content = [c for _, c in times[page]]
        median = statistics.median(content)
        print(f"{page:<10} {selector:<35} {title:6.0f} {median:7.0f} {min(content):8.0f} {max(content):8.0f}", end="")
        print(over(median, AIM_MEDIAN_MS))
    print(f"\nwithin a session: a click on the page's link in the sidebar → main content, {args.visits} times (ms)")
    for page, clicked in within.items():
        print(f"{page:<10} {'from the upload page':<35} {'':>6} {statistics.median(clicked):7.0f}", end="")
        print(f" {min(clicked):8.0f} {max(clicked):8.0f}{over(statistics.median(clicked), AIM_MEDIAN_MS)}")
    print(
        f"{'compare':<10} {'a click on its heat-map tab → drawn':<35} {'':>6} {statistics.median(clicks):7.0f} "
        f"{min(clicks):8.0f} {max(clicks):8.0f}  (only the open tab is made: the click runs the page again)"
    )
    for selector, visits in floor.items():
        title = statistics.median(t for t, _ in visits)
        content = [c for _, c in visits]
        print(f"{'floor':<10} {selector:<35} {title:6.0f} {statistics.median(content):7.0f}", end="")
        print(f" {min(content):8.0f} {max(content):8.0f}  (a bare Streamlit page: title, styled grid, chart)")
    visits = len(PAGES) * args.visits + 2 * len(clicks) + 2 * sum(map(len, within.values()))
    print(
        f"\nthe server's resident memory: {memory[0]:.0f} MB after the first page, {memory[1]:.0f} MB after {visits} "
        "more visits (the server's own process, its reading workers aside)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
