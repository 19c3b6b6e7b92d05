"""How long each page's script takes after a filter change, with the sample data and a national-scale set.

Run with `make bench` (or `python -m benchmarks.pages [--runs N]`). Each page is opened under AppTest, then
the period filter is changed N times (cycling through the year's periods); the figures printed are the
median and the slowest run in milliseconds, the page's first run in this process ("first": its caches, and for the
first page the imports, cold), the run after a court's return was stored ("changed", median of 3: what the next
reader's run costs after an upload; the process reads the figures of the returns stored since), and the same with
every figure read again ("all read": what storing a national workbook of more than 500 returns costs), and the same
when the write went through the server, which warms the latest period's caches behind it (`ui.data.written`):
"warmed" is the next reader's run once that warm-up is done, "(warm-up)" how long it took after the write (a reader
who comes meanwhile waits for it). The changes are timed on the latest period, the one a reader opens. The budgets
flagged are issue 14's aims: 200 ms with the sample data, 500 ms at national scale, and 1 s after a data change at
national scale.

The national-scale set has 63 synthetic provinces and 12 cumulative periods (work years 2021–2023). Its
courts are not in analytics/data/courts.csv, so the benchmark swaps the court registry for a generated one
in its own process, and writes the figures straight into the tables (no workbooks are read).
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import hashlib
import logging
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analytics import domain  # noqa: E402
from analytics.domain import CASE_TYPE_KEYS, CUMULATIVE_PERIODS, PERIOD_BY_KEY, Court  # noqa: E402
from analytics.security import SYSTEM  # noqa: E402
from analytics.store import bootstrap, schema, storage  # noqa: E402

PAGES = ("overview", "compare", "trends", "profile", "ranking", "export")
CHANGED_BUDGET = 1000  # ms: the first run after a data change at national scale
CHANGES = 3  # data changes per page: the median of their first runs is printed (one run moves 30 % on this machine)
PROVINCES = 63
YEARS = (2021, 2022, 2023)


def sample_database(folder: Path) -> str:
    url = f"sqlite:///{folder / 'sample.sqlite'}"
    store = storage.Store(url)
    bootstrap.prepare(store, sample_dir=bootstrap.SAMPLE_DIR)
    store.dispose()
    return url


def national_courts() -> tuple[Court, ...]:
    return tuple(
        Court(
            f"p{i:02d}",
            f"Tòa án nhân dân tỉnh {i:02d}",
            f"People's Court of Province {i:02d}",
            f"Tỉnh {i:02d}",
            i,
            2020,
            None,
        )
        for i in range(1, PROVINCES + 1)
    )


def national_database(folder: Path) -> str:
    """63 provinces × 3 years × 4 cumulative periods, consistent flows, written straight into the tables."""
    url = f"sqlite:///{folder / 'national.sqlite'}"
    store = storage.Store(url)
    cluster = domain.courts
    domain.courts = functools.cache(national_courts)  # its years begin before the cluster's (2021, not 2023)
    try:
        for year in YEARS:
            store.put_targets(bootstrap.default_targets().assign(year=year), SYSTEM)
    finally:
        domain.courts = cluster
    rng = np.random.default_rng(63)
    now = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
    uploads, returns, figures = [], [], []
    return_id = 0
    for court in national_courts():
        for year in YEARS:
            carried = {c: int(rng.integers(20, 400)) for c in CASE_TYPE_KEYS}
            yearly_new = {c: int(rng.integers(200, 4000)) for c in CASE_TYPE_KEYS}
            for period in CUMULATIVE_PERIODS:
                return_id += 1
                share = int(period) / 12
                digest = hashlib.sha256(f"{court.key}{year}{period}".encode()).hexdigest()
                uploads.append(
                    {
                        "id": return_id,
                        "sha256": digest,
                        "filename": f"{court.key}_{year}_{period}.xlsx",
                        "size": 1,
                        "content": b"-",
                        "uploaded_at": now,
                        "uploaded_by": "bench",
                    }
                )
                returns.append(
                    {
                        "id": return_id,
                        "court": court.key,
                        "year": year,
                        "period": period,
                        "version": 1,
                        "upload_id": return_id,
                        "stored_at": now,
                        "stored_by": "bench",
                        "prepared_by": "",
                        "prepared_on": None,
                        "notes": "",
                        "synthetic": True,
                    }
                )
                for case in CASE_TYPE_KEYS:
                    new = int(yearly_new[case] * share)
                    accepted = carried[case] + new
                    resolved = int(
                        accepted * rng.uniform(0.5, 0.7) ** (1 / share)
                        if share < 1
                        else accepted * rng.uniform(0.85, 0.99)
                    )
                    pending = accepted - resolved
                    values = {
                        "carried_over": carried[case],
                        "new": new,
                        "accepted": accepted,
                        "resolved": resolved,
                        "pending": pending,
                        "overdue": int(rng.integers(0, 2)),
                        "suspended": 0,
                        "quashed_subjective": int(resolved * 0.003),
                        "amended_subjective": int(resolved * 0.004),
                    }
                    figures += [
                        {"return_id": return_id, "scope": case, "measure": m, "value": v} for m, v in values.items()
                    ]
                court_values = {
                    "judges": 40,
                    "units": 10,
                    "online_hearings": int(40 * share),
                    "experience_trials": int(30 * share),
                    "judgments_to_publish": 1000,
                    "judgments_published": 990,
                    "enforcement_required": 500,
                    "enforcement_on_time": 500,
                }
                figures += [
                    {"return_id": return_id, "scope": "court", "measure": m, "value": v}
                    for m, v in court_values.items()
                ]
    with store.engine.begin() as conn:
        conn.execute(schema.uploads.insert(), uploads)
        conn.execute(schema.returns.insert(), returns)
        conn.execute(schema.figures.insert(), figures)
        store.bump(conn)  # written straight into the tables: the data version moves on as a store's write does
    store.dispose()
    return url


def data_changed(url: str) -> None:
    """What storing a court's return does to every cached read: a new version of the newest return of the latest
    period (a copy of the current one, as restoring a version makes it) and the data version moved on."""
    store = storage.Store(url)
    held = store.returns()
    year = int(held["year"].max())
    period = max(held[held["year"] == year]["period"], key=lambda key: PERIOD_BY_KEY[key].months)
    latest = held[(held["year"] == year) & (held["period"] == period)]
    newest = latest.loc[latest["id"].idxmax()]
    store.restore(newest["court"], year, newest["period"], int(newest["version"]), SYSTEM)
    store.dispose()


def quiet_app_test() -> None:
    """AppTest sets session state outside a script run; Streamlit warns of it each time. A filter, not a level:
    Streamlit resets its loggers' levels when its configuration loads."""
    for name in (
        "streamlit.runtime.scriptrunner_utils.script_run_context",
        "streamlit.runtime.state.session_state_proxy",
    ):
        logging.getLogger(name).addFilter(lambda record: record.levelno >= logging.ERROR)


def time_page(page: str, url: str, runs: int) -> tuple[float, ...]:
    """(first run, median, slowest) in ms of the page's script after each period change; then its first run after a
    data change, the same with every figure read again, the same after the server's warm-up behind its own write, and
    how long that warm-up took."""
    from streamlit.testing.v1 import AppTest

    quiet_app_test()
    os.environ["DATABASE_URL"] = url
    app = AppTest.from_file(str(ROOT / "pages" / f"{page}.py"), default_timeout=120)
    start = time.perf_counter()
    app.run()
    first = (time.perf_counter() - start) * 1000
    if app.exception:
        raise RuntimeError(f"{page}: {[e.value for e in app.exception]}")
    periods, latest = list(app.selectbox(key="ky").options), app.selectbox(key="ky").value
    timings = []
    for i in range(runs):
        choice = periods[(i + 1) % len(periods)]
        app.selectbox(key="ky").set_value(next(k for k in ("3", "6", "9", "12") if choice.startswith(k)))
        start = time.perf_counter()
        app.run()
        timings.append((time.perf_counter() - start) * 1000)
    from ui import data

    app.selectbox(key="ky").set_value(latest)  # the period a reader opens: the latest
    app.run()
    changed, warming = [], []
    for case in ("changed", "all read", "warmed"):
        runs = []
        for _ in range(CHANGES):
            if case == "all read":  # the figures held by the process forgotten: what storing a national workbook costs
                data.forget_figures()
            data_changed(url)
            if case == "warmed":  # the write made through the server, which warms the caches behind it
                os.environ[data.WARM_AFTER_WRITES_VARIABLE], began = "1", time.perf_counter()
                data.written(url).join()
                del os.environ[data.WARM_AFTER_WRITES_VARIABLE]
                warming.append((time.perf_counter() - began) * 1000)
            start = time.perf_counter()
            app.run()
            runs.append((time.perf_counter() - start) * 1000)
        changed.append(statistics.median(runs))
    return first, statistics.median(timings), max(timings), *changed, statistics.median(warming)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        sets = [("sample data (7 courts, 4 periods)", sample_database(Path(folder)), None, 200)]
        sets.append(
            (
                f"national scale ({PROVINCES} provinces, {len(YEARS) * 4} periods)",
                national_database(Path(folder)),
                national_courts(),
                500,
            )
        )
        for name, url, registry, budget in sets:
            if registry is not None:
                domain.courts = functools.cache(lambda registry=registry: registry)
            print(f"\n{name} – budget {budget} ms (median after a filter change), {args.runs} changes per page")
            print(
                f"{'page':<10} {'first':>8} {'median':>8} {'slowest':>8} {'changed':>8} {'all read':>9} {'warmed':>8} "
                f"{'(warm-up)':>10}"
            )
            for page in PAGES:
                first, median, slowest, changed, everything, warmed, warm_up = time_page(page, url, args.runs)
                flag = "" if median < budget else "  OVER BUDGET"
                flag += "" if registry is None or changed <= CHANGED_BUDGET else "  CHANGED OVER 1 s"
                print(
                    f"{page:<10} {first:8.0f} {median:8.0f} {slowest:8.0f} {changed:8.0f} {everything:9.0f} "
                    f"{warmed:8.0f} {warm_up:10.0f}{flag}"
                )


if __name__ == "__main__":
    main()
