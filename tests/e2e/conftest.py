"""Browser journeys: the real server on a free port against a copy of the sample database, real Chromium.

Without /usr/bin/chromium the journeys are skipped with the reason, except under CI (the CI variable set),
where a missing browser is a failure. The server's log is printed when a journey fails.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import expect

from analytics.security import ADMIN, SYSTEM
from analytics.store import accounts
from analytics.store.storage import Store
from tests.conftest import ROOT
from tests.e2e.serving import CHROMIUM, CHROMIUM_ARGS, ServerDidNotStart, start_server, stop

# expect() waits this long: the first run of a page on a cold server on a busy 2-core machine takes over 5 s.
EXPECT_SECONDS = 30
# `make screenshots` points this at docs/screenshots (what the README shows); a plain test run keeps its
# pictures out of the work tree.
SCREENSHOTS = Path(os.environ.get("SCREENSHOTS_DIR", ROOT / "build" / "screenshots"))
ADMIN_LOGIN = ("thu_ky", "mat-khau-cua-thu-ky")  # an administrator created in the journeys' database


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"report_{report.when}", report)


# The server and the browser live while the journeys run (package scope), not to the end of the session: Playwright's
# sync API keeps an event loop running in the main thread while it is open, and a spec run after the journeys in the
# same process that starts its own loop (`asyncio.run`, tests/pages/test_warm_start.py) would fail.
@pytest.fixture(scope="package")
def server(sample_db: Path, tmp_path_factory: pytest.TempPathFactory):
    """The dashboard served by `streamlit run serve.py`, as `make run` serves it; yields its base URL, the path of its log and its database URL."""
    folder = tmp_path_factory.mktemp("e2e")
    database = folder / "db.sqlite"
    shutil.copy(sample_db, database)
    store = Store(f"sqlite:///{database}")
    accounts.add_user(store, SYSTEM, ADMIN_LOGIN[0], ADMIN, password=ADMIN_LOGIN[1], display_name="Thư ký Cụm")
    store.dispose()
    log_path = folder / "server.log"
    url = f"sqlite:///{database}"
    try:
        process, base = start_server(url, log_path)
    except ServerDidNotStart as error:
        pytest.fail(str(error))
    yield base, log_path, url
    stop(process)


@pytest.fixture(scope="package")
def browser():
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail(f"CI needs Chromium at {CHROMIUM} (.ci/run installs Debian's chromium)")
        pytest.skip(f"no Chromium at {CHROMIUM}: install Debian's chromium to run the browser journeys")
    from playwright.sync_api import sync_playwright

    expect.set_options(timeout=EXPECT_SECONDS * 1000)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, server, request):
    """A fresh 1440×900 page (a laptop); the server log is printed if the journey fails."""
    context = browser.new_context(viewport={"width": 1440, "height": 900}, locale="vi-VN")
    tab = context.new_page()
    tab.set_default_timeout(30_000)
    yield tab
    context.close()
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        print("---- server log ----\n" + server[1].read_text()[-20_000:])


# Streamlit's grey stand-ins while an element's code loads (a chart, a grid, a select box): never in a picture.
PLACEHOLDERS = "[data-testid='stSkeleton'], [data-testid='stSkeletonElement']"


def drawn(page) -> None:
    """Everything shown is drawn: the script has finished, no loading placeholder is left (this fails, after expect's
    wait, when one remains), every visible chart has its plot and every visible grid its canvas."""
    expect(page.locator("[data-testid='stStatusWidget']")).to_have_count(0)
    expect(page.locator(PLACEHOLDERS)).to_have_count(0)
    for kind, drawing in (("stPlotlyChart", ".main-svg"), ("stDataFrame", "canvas")):
        shown = page.locator(f"[data-testid='{kind}']").filter(visible=True)  # those of a hidden tab draw when shown
        for element in shown.all():
            expect(element.locator(drawing).first).to_be_visible()


def shoot(page, name: str) -> None:
    """Saves what the journey saw as docs/screenshots/<name>.png (the README shows these), once it is all drawn."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    # Off whatever the last click left the pointer on (no help tooltip in the picture), onto the empty header.
    page.mouse.move(page.viewport_size["width"] / 2, 2)
    drawn(page)
    # Streamlit scrolls inside its main area, so a "full page" shot is the viewport: make the viewport tall (as wide
    # as it was: a laptop's or a phone's).
    size = page.viewport_size
    height = page.evaluate("document.querySelector('[data-testid=stMain]').scrollHeight")
    page.set_viewport_size({"width": size["width"], "height": min(max(size["height"], height), 4000)})
    drawn(page)  # what the taller window shows below the fold is drawn too
    expect(page.get_by_test_id("stTooltipContent")).to_have_count(0)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"))
    page.set_viewport_size(size)  # the journey goes on in the window it had
