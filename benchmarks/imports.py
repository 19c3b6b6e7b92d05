"""`make bench`: median time to read, validate and store a template return, a compiled seven-court workbook
and a national-scale workbook (700 court units), against reading the same bytes with openpyxl alone.

"ratio read" is reading and validating over openpyxl's bare read (which checks nothing); "ratio +store" adds
writing to a new SQLite database (one transaction per file). The national workbook's units are given a court
registry of their own (CUM2_COURTS_FILE) after the other two files are timed, so all 700 returns are read,
validated and stored.

Run with `make bench` or `python -m benchmarks.imports` from the repository's root."""

from __future__ import annotations

import csv
import io
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import openpyxl

from analytics import domain
from analytics.security import SYSTEM
from analytics.store.storage import Store
from analytics.upload import check, confirm
from tests.analytics.builders import a_return, workbook
from tests.analytics.corpus import case_grid, per_court_workbook, xlsx

UNITS = 700


def use_national_registry(folder: Path) -> None:
    """The cluster's courts and `UNITS` generated units as the court registry of this process from now on:
    the national workbook's units are courts the cluster's registry does not know."""
    with (domain.DATA_DIR / "courts.csv").open(encoding="utf-8") as source:
        rows = list(csv.DictReader(source))
    rows += [
        {
            "key": f"unit_{i:03d}",
            "name_vi": f"Tòa án nhân dân Đơn vị {i:03d}",
            "name_en": f"People's Court of Unit {i:03d}",
            "short_vi": f"Đơn vị {i:03d}",
            "province_code": str(100 + i),
            "member_from": "2020",
            "member_to": "",
        }
        for i in range(1, UNITS + 1)
    ]
    registry = folder / "courts.csv"
    with registry.open("w", encoding="utf-8", newline="") as target:
        writer = csv.DictWriter(target, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    os.environ[domain.COURTS_FILE_VARIABLE] = str(registry)
    domain.courts.cache_clear()  # what is built from the registry follows (analytics.domain._derived)


def national_workbook(units: int = UNITS) -> bytes:
    """One sheet, `units` blocks of rows, one per court unit, each titled with its unit's name."""
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


def main() -> None:
    files: dict[str, Callable[[], tuple[str, bytes, int]]] = {
        "template return": lambda: ("lai_chau_2023_6thang.xlsx", workbook(a_return("lai_chau", "6")), 1),
        "compiled workbook, 7 courts": lambda: ("cum.xlsx", per_court_workbook("sheets")[0], 7),
        f"national workbook, {UNITS} units": lambda: ("toan_quoc.xlsx", national_workbook(), UNITS),
    }
    print(
        f"{'file':32} {'size':>9} {'read+validate':>14} {'+store':>10} {'openpyxl':>10} "
        f"{'ratio read':>11} {'ratio +store':>13}"
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

            def store_once(n=name, c=content, i=index, want=expected) -> None:
                path = Path(folder) / f"{i}-{time.perf_counter_ns()}.sqlite"
                store = Store(f"sqlite:///{path}")
                outcomes = confirm(store, check([(n, c)], store), SYSTEM)
                if [o.status for o in outcomes] != ["stored"] * want or len(store.returns()) != want:
                    raise SystemExit(f"{n}: not every return was stored")
                store.dispose()

            storing = median_seconds(store_once, runs)
            baseline = median_seconds(lambda c=content: openpyxl_only(c), runs)
            print(
                f"{label:32} {len(content) / 1024:>7.0f}KB {checking * 1000:>12.0f}ms {storing * 1000:>8.0f}ms "
                f"{baseline * 1000:>8.0f}ms {checking / baseline:>10.1f}x {storing / baseline:>12.1f}x"
            )


if __name__ == "__main__":
    main()
