"""A national-scale data set, generated the same way every time: `units` court units with figures of their own
(varied by the unit's number, no randomness), a court registry that knows them, and the workbook of one block of
rows per unit that a national compilation sends. The golden indicators spec and `benchmarks/imports.py` use it.

Some units leave a balance's total empty (derived on reading), type "-" for none, leave a row empty, lack a court
figure, or have no case of a type at all (a rate that does not apply), so the golden file covers those paths too.
"""

from __future__ import annotations

import csv
from pathlib import Path

from analytics import domain
from analytics.domain import CASE_MEASURES, CASE_TYPE_KEYS
from analytics.records import Return
from tests.analytics.builders import EMPTY_ROW, ROW, a_return
from tests.analytics.corpus import GRID_MEASURES, case_grid, xlsx

TITLE_ROWS = 3  # the two title lines and the blank line before the header (case_grid)
ONLY = {m.key: m.only_for for m in CASE_MEASURES}


def unit_key(number: int) -> str:
    return f"unit_{number:03d}"


def registry_rows(units: int) -> list[dict[str, str]]:
    """The cluster's courts and `units` generated units, as rows of a court registry (CUM2_COURTS_FILE)."""
    with (domain.DATA_DIR / "courts.csv").open(encoding="utf-8") as source:
        rows = list(csv.DictReader(source))
    return rows + [
        {
            "key": unit_key(i),
            "name_vi": f"Tòa án nhân dân Đơn vị {i:03d}",
            "name_en": f"People's Court of Unit {i:03d}",
            "short_vi": f"Đơn vị {i:03d}",
            "province_code": str(100 + i),
            "member_from": "2020",
            "member_to": "",
        }
        for i in range(1, units + 1)
    ]


def write_registry(folder: Path, units: int) -> Path:
    rows = registry_rows(units)
    path = folder / "courts.csv"
    with path.open("w", encoding="utf-8", newline="") as target:
        writer = csv.DictWriter(target, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


def _case_row(unit: int, index: int, case_type: str) -> dict[str, int | None]:
    seed = (unit * 7919 + index * 104_729) % 9973
    if unit % 23 == 0 and case_type == "bankruptcy":
        return dict.fromkeys(ROW, 0)  # no case of this type: its rates do not apply
    carried, new = seed % 41, 5 + seed % 397
    resolved = max(0, carried + new - seed % 29 - index)
    pending = carried + new - resolved
    quashed, amended = min(resolved, seed % 6), min(resolved, seed % 8)
    row: dict[str, int | None] = {
        "carried_over": carried,
        "new": new,
        "resolved": resolved,
        "pending": pending,
        "overdue": min(pending, seed % 4),
        "suspended": min(pending, seed % 3),
        "quashed_total": quashed,
        "quashed_subjective": min(quashed, seed % 4),
        "amended_total": amended,
        "amended_subjective": min(amended, seed % 5),
    }
    if case_type in ONLY["mediation_handled"]:
        handled = seed % 53
        row |= {"mediation_handled": handled, "mediation_success": min(handled, seed % 37)}
    if case_type in ONLY["defendants_accepted"]:
        row |= {"defendants_accepted": new + carried + 20 + seed % 50, "defendants_resolved": resolved + seed % 20}
    if unit % 5 == 0 and index == 1:
        row["accepted"] = None  # derived on reading: carried over + new
    return row


def unit_return(unit: int) -> Return:
    """Unit `unit`'s return for 6 months of 2023, consistent, with figures of its own."""
    cases = {case_type: _case_row(unit, i, case_type) for i, case_type in enumerate(CASE_TYPE_KEYS)}
    if unit % 9 == 0:
        cases["labour"] = EMPTY_ROW  # read as a row of zeros
    seed = unit * 31
    to_publish, required = 40 + seed % 61, 30 + seed % 47
    court = {
        "judges": 5 + unit % 40,
        "units": 1 + unit % 12,
        "online_hearings": None if unit % 11 == 0 else seed % 90,
        "experience_trials": seed % 25,
        "judgments_to_publish": to_publish,
        "judgments_published": to_publish - seed % 7,
        "enforcement_required": required,
        "enforcement_on_time": required - seed % 5,
    }
    return a_return(unit_key(unit), "6", cases=cases, court_figures=court)


def unit_block(unit: int) -> list[list[object]]:
    """The unit's rows: its name and period as a title, the case table, its court figures, a blank line."""
    title = [f"TÒA ÁN NHÂN DÂN ĐƠN VỊ {unit:03d}", "BÁO CÁO THỐNG KÊ 6 THÁNG NĂM 2023"]
    grid = case_grid(unit_return(unit), title=title)
    if unit % 6 == 0:  # a statistician's "-" for none, where the figure is 0
        for row in grid[TITLE_ROWS + 1 : TITLE_ROWS + 1 + len(CASE_TYPE_KEYS)]:
            column = 1 + GRID_MEASURES.index("overdue")
            if row[column] == 0:
                row[column] = "-"
    return grid + [[]]


def national_workbook(units: int) -> bytes:
    """One sheet, `units` blocks of rows, one per court unit."""
    return xlsx({"Toàn quốc": [row for unit in range(1, units + 1) for row in unit_block(unit)]})
