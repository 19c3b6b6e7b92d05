"""Reads a return workbook (python-calamine) into a `Return`, noting every unreadable cell as a problem.

Sheets, fields, columns and rows are found by their labels (folded: any case, with or without
accents), so a workbook whose rows or sheets were moved still reads. Every figure remembers the
cell it came from, for messages and for the upload report.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass, field

import pandas as pd
import python_calamine as calamine
from xlsxwriter.utility import xl_rowcol_to_cell

from analytics.domain import (
    CASE_MEASURES,
    CASE_TYPES,
    COURT_MEASURE_KEYS,
    cluster_courts,
    match_court,
    period_from_label,
)
from analytics.layout import (
    ACTIVITY_FIELDS,
    CASE_LABEL_HEADER,
    DATA_KIND_SAMPLE,
    META_FIELDS,
    SHEET_ACTIVITY,
    SHEET_CASES,
    SHEET_META,
    TOTAL_LABEL,
)
from analytics.model import COURT_SCOPE, ERROR, TOTAL_SCOPE, Problem, Return, empty_cases
from analytics.text import fold

Grid = list[list[object]]
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
_TOTAL_LABELS = (fold(TOTAL_LABEL), "cong", "tong so", "tong")
_DIGITS = re.compile(r"^-?\d+$")
# Vietnamese style: "." or a space groups thousands, "," marks decimals ("1.234", "1 234", "12,5").
_VIETNAMESE_NUMBER = re.compile(r"^-?\d{1,3}([. \u00a0]\d{3})+(,\d+)?$|^-?\d+(,\d+)?$")


@dataclass
class _Reading:
    """What one read collects as it goes: the problems, and where each figure came from."""

    file: str
    problems: list[Problem] = field(default_factory=list)
    cells: dict[tuple[str, str], tuple[str, str]] = field(default_factory=dict)

    def problem(self, rule: str, vi: str, en: str, sheet: str = "", cell: str = "", value: object = "") -> None:
        self.problems.append(Problem(ERROR, rule, vi, en, self.file, sheet, cell, _show(value)))


def _show(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def cell_name(row: int, col: int) -> str:
    """Zero-based row and column as Excel's A1 name."""
    return xl_rowcol_to_cell(row, col)


def open_workbook(data: bytes, reading: _Reading) -> dict[str, Grid] | None:
    """Every sheet of the workbook as a grid anchored at A1, or None with the reason noted."""
    if not data:
        reading.problem(
            "file.empty",
            "Tệp rỗng (0 byte). Hãy chọn lại đúng tệp Excel báo cáo.",
            "The file is empty (0 bytes). Choose the return workbook again.",
        )
        return None
    try:
        book = calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        return {name: book.get_sheet_by_name(name).to_python(skip_empty_area=False) for name in book.sheet_names}
    except calamine.PasswordError:
        reading.problem(
            "file.encrypted",
            "Tệp được đặt mật khẩu. Hãy gỡ mật khẩu trong Excel (Tệp → Thông tin → Bảo vệ sổ làm việc) rồi tải lên lại.",
            "The workbook is password-protected. Remove the password in Excel and upload it again.",
        )
    except (calamine.CalamineError, calamine.ZipError, calamine.XmlError, ValueError, OSError):
        reading.problem(
            "file.not_workbook",
            "Tệp không phải là bảng tính Excel đọc được (có thể sai định dạng hoặc bị hỏng). "
            "Hãy mở tệp bằng Excel, lưu lại dưới dạng .xlsx rồi tải lên lại.",
            "The file is not a readable Excel workbook (wrong format or damaged). "
            "Open it in Excel, save it as .xlsx and upload it again.",
        )
    return None


def find_sheet(sheets: dict[str, Grid], wanted: str) -> str | None:
    folded = fold(wanted)
    return next((name for name in sheets if fold(name) == folded), None)


def parse_count(value: object) -> tuple[int | None, str | None]:
    """A figure as a whole number ≥ 0; (None, None) for an empty cell; (None, rule) when it is not one."""
    if value is None or (isinstance(value, str) and value.strip() in ("", "-")):
        return None, None
    if isinstance(value, (bool, dt.date, dt.datetime, dt.time, dt.timedelta)):
        return None, "figure.not_number"
    if isinstance(value, str):
        text = value.strip().replace("\u00a0", " ")
        if _DIGITS.match(text):
            number: float = int(text)
        elif _VIETNAMESE_NUMBER.match(text):
            number = float(re.sub(r"[. ]", "", text).replace(",", "."))
        else:
            return None, "figure.not_number"
    else:
        number = value
    if number < 0:
        return None, "figure.negative"
    if isinstance(number, float) and not number.is_integer():
        return None, "figure.fractional"
    return int(number), None


_FIGURE_MESSAGES = {
    "figure.not_number": (
        "Ô {cell} của sheet «{sheet}» ({what}) phải là một số nguyên, nhưng đang là «{value}». Hãy nhập lại bằng số.",
        "Cell {cell} of sheet '{sheet}' ({what}) must be a whole number but holds '{value}'.",
    ),
    "figure.negative": (
        "Ô {cell} của sheet «{sheet}» ({what}) là số âm ({value}). Số vụ việc không thể âm: hãy kiểm tra lại.",
        "Cell {cell} of sheet '{sheet}' ({what}) is negative ({value}); counts cannot be negative.",
    ),
    "figure.fractional": (
        "Ô {cell} của sheet «{sheet}» ({what}) là số lẻ ({value}). Chỉ được nhập số nguyên: hãy kiểm tra lại.",
        "Cell {cell} of sheet '{sheet}' ({what}) is fractional ({value}); only whole numbers are allowed.",
    ),
}


def read_count(reading: _Reading, value: object, sheet: str, cell: str, what_vi: str, what_en: str) -> int | None:
    number, rule = parse_count(value)
    if rule is not None:
        vi, en = _FIGURE_MESSAGES[rule]
        shown = _show(value)
        reading.problem(
            rule,
            vi.format(cell=cell, sheet=sheet, what=what_vi, value=shown),
            en.format(cell=cell, sheet=sheet, what=what_en, value=shown),
            sheet,
            cell,
            value,
        )
    return number


def _label_pairs(grid: Grid) -> dict[str, tuple[int, object]]:
    """A two-column sheet (label, value) as folded label → (row, value); a trailing "(*)" is ignored."""
    pairs: dict[str, tuple[int, object]] = {}
    for row, cells in enumerate(grid):
        if len(cells) >= 1 and isinstance(cells[0], str) and cells[0].strip():
            label = fold(cells[0].replace("(*)", ""))
            pairs.setdefault(label, (row, cells[1] if len(cells) > 1 else None))
    return pairs


def _missing_sheet(reading: _Reading, name: str) -> None:
    reading.problem(
        "sheet.missing",
        f"Tệp không có sheet «{name}». Hãy dùng mẫu báo cáo tải từ trang «Tải lên» và giữ nguyên tên các sheet.",
        f"The workbook has no sheet '{name}'. Use the template from the upload page and keep its sheet names.",
        name,
    )


def _text(value: object) -> str:
    return "" if value is None else _show(value).strip()


def _parse_date(value: object) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = _text(value)
    try:
        return dt.datetime.strptime(text, "%d/%m/%Y").date() if text else None
    except ValueError:
        return None


def _read_meta(reading: _Reading, sheet: str, grid: Grid) -> dict[str, object]:
    pairs = _label_pairs(grid)
    found: dict[str, object] = {}
    for item in META_FIELDS:
        row, raw = pairs.get(fold(item.label), (None, None))
        cell = cell_name(row, 1) if row is not None else ""
        if row is not None:
            reading.cells[(COURT_SCOPE, item.key)] = (sheet, cell)
        if item.required and _text(raw) == "":
            reading.problem(
                "meta.missing",
                f"Sheet «{sheet}»: chưa điền «{item.label}»"
                + (f" (ô {cell})." if cell else ".")
                + " Hãy điền rồi tải lên lại.",
                f"Sheet '{sheet}': '{item.label}' is not filled in" + (f" (cell {cell})." if cell else "."),
                sheet,
                cell,
            )
            continue
        found[item.key] = _meta_value(reading, item.key, item.label, raw, sheet, cell)
    return found


def _meta_value(reading: _Reading, key: str, label: str, raw: object, sheet: str, cell: str) -> object:
    if key == "court":
        court = match_court(raw)
        if court is None:
            names = ", ".join(c.short_vi for c in cluster_courts(2023))
            reading.problem(
                "meta.court_unknown",
                f"Ô {cell} của sheet «{sheet}»: «{_text(raw)}» không phải là Tòa án của Cụm thi đua số II "
                f"({names}). Hãy chọn Tòa án trong danh sách.",
                f"Cell {cell} of sheet '{sheet}': '{_text(raw)}' is not a court of Emulation Cluster II.",
                sheet,
                cell,
                raw,
            )
        return court
    if key == "year":
        year, rule = parse_count(raw)
        if rule is not None or year is None or not 2000 <= year <= 2100:
            reading.problem(
                "meta.year_invalid",
                f"Ô {cell} của sheet «{sheet}»: năm thống kê «{_text(raw)}» không hợp lệ. Hãy ghi năm bằng 4 chữ số, ví dụ 2023.",
                f"Cell {cell} of sheet '{sheet}': statistical year '{_text(raw)}' is not valid (e.g. 2023).",
                sheet,
                cell,
                raw,
            )
            return None
        return year
    if key == "period":
        period = period_from_label(raw)
        if period is None:
            reading.problem(
                "meta.period_unknown",
                f"Ô {cell} của sheet «{sheet}»: kỳ báo cáo «{_text(raw)}» không có trong danh sách. "
                "Hãy chọn kỳ trong danh sách (3, 6, 9, 12 tháng hoặc riêng một quý).",
                f"Cell {cell} of sheet '{sheet}': reporting period '{_text(raw)}' is not in the list.",
                sheet,
                cell,
                raw,
            )
        return period
    if key in ("judges", "units"):
        return read_count(reading, raw, sheet, cell, label, key)
    if key == "prepared_on":
        return _parse_date(raw)
    return _text(raw)


def _header_row(grid: Grid) -> int | None:
    wanted = fold(CASE_LABEL_HEADER)
    for row, cells in enumerate(grid):
        if any(isinstance(c, str) and fold(c) == wanted for c in cells):
            return row
    return None


def _read_cases(reading: _Reading, sheet: str, grid: Grid) -> tuple[pd.DataFrame, dict[str, int]]:
    """The case table, and the totals row as it was written (checked against the rows, never stored)."""
    cases = empty_cases()
    totals: dict[str, int] = {}
    header = _header_row(grid)
    if header is None:
        reading.problem(
            "cases.no_header",
            f"Sheet «{sheet}»: không tìm thấy dòng tiêu đề có ô «{CASE_LABEL_HEADER}». Hãy dùng mẫu báo cáo của ứng dụng.",
            f"Sheet '{sheet}': no header row with a '{CASE_LABEL_HEADER}' cell was found.",
            sheet,
        )
        return cases, totals
    headings = [fold(c) if isinstance(c, str) else "" for c in grid[header]]
    label_col = headings.index(fold(CASE_LABEL_HEADER))
    columns = {m.key: headings.index(fold(m.label_vi)) for m in CASE_MEASURES if fold(m.label_vi) in headings}
    for measure in CASE_MEASURES:
        if measure.required and measure.key not in columns:
            reading.problem(
                "cases.column_missing",
                f"Sheet «{sheet}», dòng {header + 1}: thiếu cột «{measure.label_vi}». Hãy dùng mẫu báo cáo của ứng dụng.",
                f"Sheet '{sheet}', row {header + 1}: the column '{measure.label_en}' is missing.",
                sheet,
                cell_name(header, 0),
            )
    labels = {fold(c.label_vi): c for c in CASE_TYPES}
    seen: set[str] = set()
    for row in range(header + 1, len(grid)):
        cells = grid[row]
        label = fold(_text(cells[label_col])) if label_col < len(cells) else ""
        if not label:
            continue
        if label in _TOTAL_LABELS:
            for key, col in columns.items():
                number, _ = parse_count(cells[col] if col < len(cells) else None)
                if number is not None:
                    totals[key] = number
                    reading.cells[(TOTAL_SCOPE, key)] = (sheet, cell_name(row, col))
            continue
        case_type = labels.get(label)
        if case_type is None:
            reading.problem(
                "cases.row_unknown",
                f"Ô {cell_name(row, label_col)} của sheet «{sheet}»: «{_text(cells[label_col])}» không phải là một loại án "
                "của mẫu báo cáo. Hãy giữ nguyên tên các dòng như trong mẫu.",
                f"Cell {cell_name(row, label_col)} of sheet '{sheet}': '{_text(cells[label_col])}' is not a case type.",
                sheet,
                cell_name(row, label_col),
                cells[label_col],
            )
            continue
        if case_type.key in seen:
            reading.problem(
                "cases.row_repeated",
                f"Sheet «{sheet}», dòng {row + 1}: loại án «{case_type.label_vi}» xuất hiện hai lần. Hãy xóa dòng thừa.",
                f"Sheet '{sheet}', row {row + 1}: case type '{case_type.label_en}' appears twice.",
                sheet,
                cell_name(row, label_col),
            )
            continue
        seen.add(case_type.key)
        for measure in CASE_MEASURES:
            col = columns.get(measure.key)
            if col is None:
                continue
            cell = cell_name(row, col)
            reading.cells[(case_type.key, measure.key)] = (sheet, cell)
            value = read_count(
                reading,
                cells[col] if col < len(cells) else None,
                sheet,
                cell,
                f"{case_type.label_vi} – {measure.label_vi}",
                f"{case_type.label_en} – {measure.label_en}",
            )
            if value is not None:
                cases.at[case_type.key, measure.key] = value
    return cases, totals


def _read_activity(reading: _Reading, sheet: str, grid: Grid) -> dict[str, int | None]:
    pairs = _label_pairs(grid)
    figures: dict[str, int | None] = {}
    for item in ACTIVITY_FIELDS:
        row, raw = pairs.get(fold(item.label), (None, None))
        if row is None:
            continue
        cell = cell_name(row, 1)
        reading.cells[(COURT_SCOPE, item.key)] = (sheet, cell)
        figures[item.key] = read_count(reading, raw, sheet, cell, item.label, item.key)
    return figures


def read_return(filename: str, data: bytes) -> tuple[Return | None, list[Problem]]:
    """The return a workbook holds, and what was wrong with it; no return when a figure is unreadable."""
    reading = _Reading(filename)
    sheets = open_workbook(data, reading)
    if sheets is None:
        return None, reading.problems
    if all(not any(v not in (None, "") for row in grid for v in row) for grid in sheets.values()):
        reading.problem(
            "file.no_data",
            "Tệp Excel không có dữ liệu (tất cả các sheet đều trống). Hãy điền mẫu báo cáo rồi tải lên lại.",
            "The workbook holds no data: every sheet is empty.",
        )
        return None, reading.problems
    names = {wanted: find_sheet(sheets, wanted) for wanted in (SHEET_META, SHEET_CASES, SHEET_ACTIVITY)}
    for wanted, name in names.items():
        if name is None:
            _missing_sheet(reading, wanted)
    if any(name is None for name in names.values()):
        return None, reading.problems
    meta = _read_meta(reading, names[SHEET_META], sheets[names[SHEET_META]])
    cases, totals = _read_cases(reading, names[SHEET_CASES], sheets[names[SHEET_CASES]])
    activity = _read_activity(reading, names[SHEET_ACTIVITY], sheets[names[SHEET_ACTIVITY]])
    if any(p.severity == ERROR for p in reading.problems):
        return None, reading.problems
    court_figures = dict.fromkeys(COURT_MEASURE_KEYS) | activity | {k: meta.get(k) for k in ("judges", "units")}
    ret = Return(
        court=meta["court"].key,
        year=meta["year"],
        period=meta["period"].key,
        cases=cases,
        totals=totals,
        court_figures=court_figures,
        prepared_by=str(meta.get("prepared_by") or ""),
        prepared_on=meta.get("prepared_on"),
        notes=str(meta.get("notes") or ""),
        synthetic=fold(str(meta.get("data_kind") or "")) == fold(DATA_KIND_SAMPLE),
        cells=reading.cells,
    )
    return ret, reading.problems
