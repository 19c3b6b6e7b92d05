"""`make bench`: median time to read, validate and store a template return, a compiled seven-court workbook
and a national-scale workbook (700 court units), beside reading the same bytes with the parser alone
(python-calamine: open and `to_python()` of every sheet) and with openpyxl alone (read-only, every row).

"ours" is the upload's `check` (the reading worker included: the bytes go to it and the returns come back) and
`confirm` into a new, empty SQLite database (one transaction per file; the database is created and migrated before
the clock starts, as the running app's is). "÷ parser" is ours over the parser's bare read, which checks nothing.
Then: a template return imported into a database that already holds the sample data (check
and confirm, worker included; through one store as the running app keeps it, and the first import through a store
just opened), and the reading worker's peak memory (`resource.getrusage`) for each file.

The national workbook's units are given a court registry of their own (CUM2_COURTS_FILE) after the other two
files are timed, so all 700 returns are read, validated and stored.

Run with `make bench` or `python -m benchmarks.imports` from the repository's root."""

from __future__ import annotations

import io
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import openpyxl
import python_calamine

from analytics import domain
from analytics.ingest import worker
from analytics.security import SYSTEM
from analytics.store import bootstrap
from analytics.store.storage import Store
from analytics.upload import check, confirm
from tests.analytics.builders import a_return, workbook
from tests.analytics.corpus import case_grid, per_court_workbook, xlsx
from tests.analytics.national import write_registry

UNITS = 700


def use_national_registry(folder: Path) -> None:
    """The cluster's courts and `UNITS` generated units as the court registry of this process from now on:
    the national workbook's units are courts the cluster's registry does not know."""
    os.environ[domain.COURTS_FILE_VARIABLE] = str(write_registry(folder, UNITS))
    domain.courts.cache_clear()  # what is built from the registry follows (analytics.domain._derived)


def national_workbook(units: int = UNITS) -> bytes:
    """One sheet, `units` blocks of rows, one per court unit, each titled with its unit's name (the same figures
    in every block: the golden spec's tests/analytics/national.py varies them)."""
    rows: list[list[object]] = []
    for i in range(1, units + 1):
        title = [f"TÒA ÁN NHÂN DÂN ĐƠN VỊ {i:03d}", "BÁO CÁO THỐNG KÊ 6 THÁNG NĂM 2023"]
        rows += case_grid(a_return(f"unit_{i:03d}", "6"), title=title) + [[]]
    return xlsx({"Toàn quốc": rows})


RUNS = 5


def median_seconds(action: Callable[[], object], runs: int = RUNS) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def openpyxl_only(content: bytes) -> None:
    book = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    for sheet in book.worksheets:
        for _ in sheet.iter_rows(values_only=True):
            pass
    book.close()


def parser_only(content: bytes) -> None:
    """The parser's bare read: what any reading of the bytes costs at least."""
    book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(content))
    for name in book.sheet_names:
        book.get_sheet_by_name(name).to_python()


def peak_mb(name: str, content: bytes) -> float:
    """The reading worker's peak memory for this file: a fresh worker, warmed with a template return first."""
    pool = worker.Pool(size=1)
    try:
        pool.run(worker.Job("mau.xlsx", workbook(a_return("lai_chau", "6")), None, worker.DEFAULT_LIMITS, None))
        courts_file = os.environ.get(domain.COURTS_FILE_VARIABLE)
        outcome = pool.run(worker.Job(name, content, None, worker.DEFAULT_LIMITS, courts_file))
    finally:
        pool.close()
    return float("nan") if outcome is None else outcome.peak_kb / 1024


def into_existing_database(folder: Path) -> tuple[float, float]:
    """A template return imported into a database holding the sample data: check (worker included) and confirm.
    (median of `RUNS * 3` imports through one store, as the running app keeps it; the first import through a store
    just opened, whose statements SQLAlchemy has not compiled yet)."""
    sample = Path(folder) / "sample.sqlite"
    store = Store(f"sqlite:///{sample}")
    bootstrap.prepare(store, sample_dir=bootstrap.SAMPLE_DIR)
    store.dispose()
    store = Store(f"sqlite:///{sample}")
    store.returns()  # the connection is open, as in the running app
    times = []
    for run in range(RUNS * 3 + 1):
        content = workbook(a_return("lai_chau", "6", notes=f"lần {run}"))  # a new version each time
        start = time.perf_counter()
        outcomes = confirm(store, check([("lai_chau_2023_6thang.xlsx", content)], store), SYSTEM)
        times.append(time.perf_counter() - start)
        if [o.status for o in outcomes] != ["stored"]:
            raise SystemExit(f"the template return was not stored: {outcomes[0].problems.head(3)}")
    store.dispose()
    return statistics.median(times[1:]), times[0]


def upload_page(folder: Path, name: str, content: bytes) -> tuple[float, float, float, float]:
    """The upload page as the secretariat uses it for a large compiled workbook: the run that checks the file, a run
    after it (a click elsewhere on the page), and the check report its download buttons make on the click (.xlsx,
    .csv)."""
    import pytest  # AppTest's page helper sets $DATABASE_URL through a MonkeyPatch

    from analytics.ingest.report import report_csv, report_xlsx, upload_report
    from analytics.security import ADMIN, Account
    from benchmarks.pages import quiet_app_test
    from tests.pages.apptest import open_page

    quiet_app_test()
    url = f"sqlite:///{folder / f'upload-{time.perf_counter_ns()}.sqlite'}"
    Store(url).returns()
    patch = pytest.MonkeyPatch()
    try:
        app = open_page("upload.py", url, patch, account=Account("thu_ky", ADMIN, None, "Thư ký Cụm"))
        app.get("file_uploader")[0].set_value([(name, content, "application/vnd.ms-excel")])
        start = time.perf_counter()
        app.run(timeout=600)
        first = time.perf_counter() - start
        if app.exception:
            raise SystemExit(f"the upload page failed: {app.exception[0].value}")
        again = median_seconds(lambda: app.run(timeout=600))
    finally:
        patch.undo()
    parts = check([(name, content)])[0].parts
    as_xlsx = median_seconds(lambda: report_xlsx(upload_report(parts)), 3)
    return first, again, as_xlsx, median_seconds(lambda: report_csv(upload_report(parts)), 3)


def main() -> None:
    files: dict[str, Callable[[], tuple[str, bytes, int]]] = {
        "template return": lambda: ("lai_chau_2023_6thang.xlsx", workbook(a_return("lai_chau", "6")), 1),
        "compiled workbook, 7 courts": lambda: ("cum.xlsx", per_court_workbook("sheets")[0], 7),
        f"national workbook, {UNITS} units": lambda: ("toan_quoc.xlsx", national_workbook(), UNITS),
    }
    worker.pool().warm()
    print(
        f"{'file':30} {'size':>7} {'parser':>8} {'openpyxl':>9} {'ours: read+validate':>20} {'+store':>8} "
        f"{'÷ parser':>9} {'+store ÷ parser':>16} {'÷ openpyxl':>11} {'worker peak':>12}"
    )
    with tempfile.TemporaryDirectory() as folder:
        for index, (label, build) in enumerate(files.items()):
            if label.startswith("national"):
                use_national_registry(Path(folder))
            name, content, expected = build()
            results = check([(name, content)])[0].parts
            if len(results) != expected or not all(r.ok for r in results):
                problems = [p.message for r in results for p in r.problems if p.severity == "error"][:3]
                raise SystemExit(f"{label}: {len(results)} returns read, {expected} expected; {problems}")
            runs = RUNS if expected < 100 else 3
            checking = median_seconds(lambda n=name, c=content: check([(n, c)]), runs)

            def store_once(n=name, c=content, i=index, want=expected) -> float:
                path = Path(folder) / f"{i}-{time.perf_counter_ns()}.sqlite"
                store = Store(f"sqlite:///{path}")
                store.returns()  # created and migrated before the clock starts, as the running app's store is
                start = time.perf_counter()
                outcomes = confirm(store, check([(n, c)], store), SYSTEM)
                elapsed = time.perf_counter() - start
                if [o.status for o in outcomes] != ["stored"] * want or len(store.returns()) != want:
                    raise SystemExit(f"{n}: not every return was stored")
                store.dispose()
                return elapsed

            storing = statistics.median(store_once() for _ in range(runs))
            parser = median_seconds(lambda c=content: parser_only(c), RUNS)
            baseline = median_seconds(lambda c=content: openpyxl_only(c), runs)
            print(
                f"{label:30} {len(content) / 1024:>5.0f}KB {parser * 1000:>6.0f}ms {baseline * 1000:>7.0f}ms "
                f"{checking * 1000:>18.0f}ms {storing * 1000:>6.0f}ms {checking / parser:>8.1f}x "
                f"{storing / parser:>15.1f}x {checking / baseline:>10.1f}x {peak_mb(name, content):>9.0f} MB"
            )
        page_first, page_again, as_xlsx, as_csv = upload_page(Path(folder), "toan_quoc.xlsx", national_workbook())
        print(
            f"upload page with the national workbook ({UNITS} courts, AppTest): the run that checks it "
            f"{page_first * 1000:.0f} ms, a run after it (median of {RUNS}) {page_again * 1000:.0f} ms; its check "
            f"report, made on the click: {as_xlsx * 1000:.0f} ms as .xlsx, {as_csv * 1000:.0f} ms as .csv"
        )
        os.environ.pop(domain.COURTS_FILE_VARIABLE, None)
        domain.courts.cache_clear()
        warm, first = into_existing_database(Path(folder))
        print(
            "template return imported into a database holding the sample data (check, worker included, and "
            f"confirm; median of {RUNS * 3} through the app's store): {warm * 1000:.0f} ms; the first through a store "
            f"just opened: {first * 1000:.0f} ms"
        )


if __name__ == "__main__":
    main()
