"""`make bench`: median time to read, validate and store a template return, a compiled seven-court workbook
and a national-scale workbook (700 court units), against reading the same bytes with openpyxl alone.

"ratio read" is reading and validating over openpyxl's bare read (which checks nothing); "ratio +store" adds
writing to a new SQLite database (one transaction per file). The national workbook's units are given a court
registry of their own (CUM2_COURTS_FILE), so all 700 returns are read, validated and stored."""

from __future__ import annotations

import csv
import io
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
UNITS = 700

# The national workbook's 700 units are courts the cluster's registry does not know: this process reads the
# seven courts and 700 generated units from a registry of its own (set before `analytics` is imported).
_REGISTRY = Path(tempfile.mkdtemp(prefix="bench-courts-")) / "courts.csv"
with (ROOT / "analytics" / "data" / "courts.csv").open(encoding="utf-8") as _source:
    _rows = list(csv.DictReader(_source))
_rows += [
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
with _REGISTRY.open("w", encoding="utf-8", newline="") as _target:
    _writer = csv.DictWriter(_target, fieldnames=list(_rows[0]))
    _writer.writeheader()
    _writer.writerows(_rows)
os.environ["CUM2_COURTS_FILE"] = str(_REGISTRY)

import openpyxl  # noqa: E402

from analytics.importing import check_many, import_many  # noqa: E402
from analytics.security import SYSTEM  # noqa: E402
from analytics.storage import Store  # noqa: E402
from tests.analytics.builders import a_return, workbook  # noqa: E402
from tests.analytics.corpus import case_grid, per_court_workbook, xlsx  # noqa: E402


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
    files = {
        "template return": ("lai_chau_2023_6thang.xlsx", workbook(a_return("lai_chau", "6")), 1),
        "compiled workbook, 7 courts": ("cum.xlsx", per_court_workbook("sheets")[0], 7),
        f"national workbook, {UNITS} units": ("toan_quoc.xlsx", national_workbook(), UNITS),
    }
    print(
        f"{'file':32} {'size':>9} {'read+validate':>14} {'+store':>10} {'openpyxl':>10} "
        f"{'ratio read':>11} {'ratio +store':>13}"
    )
    with tempfile.TemporaryDirectory() as folder:
        for index, (label, (name, content, expected)) in enumerate(files.items()):
            results = check_many(name, content)
            if len(results) != expected or not all(r.ok for r in results):
                problems = [p.message for r in results for p in r.problems if p.severity == "error"][:3]
                raise SystemExit(f"{label}: {len(results)} returns read, {expected} expected; {problems}")
            runs = RUNS if expected < 100 else 3
            checking = median_seconds(lambda n=name, c=content: check_many(n, c), runs)

            def store_once(n=name, c=content, i=index, want=expected) -> None:
                path = Path(folder) / f"{i}-{time.perf_counter_ns()}.sqlite"
                store = Store(f"sqlite:///{path}")
                outcomes = import_many(store, n, c, SYSTEM)
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
