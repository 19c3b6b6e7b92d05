"""Reads a return workbook (python-calamine) into a `Return`, noting every unreadable cell as a problem.

Sheets, fields, columns and rows are found by their labels (folded: any case, with or without
accents), so a workbook whose rows or sheets were moved still reads. Every figure remembers the
cell it came from, for messages and for the upload report.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, field

import pandas as pd
from xlsxwriter.utility import xl_rowcol_to_cell

from analytics.domain import (
    CASE_MEASURES,
    CASE_TYPES,
    COURT_MEASURE_KEYS,
    COURT_MEASURES,
    FLOW_MEASURES,
    MEASURE_BY_KEY,
    cluster_courts,
    match_court,
    period_from_label,
)
from analytics.ingest import identity as ident
from analytics.ingest.coverage import unknown_column
from analytics.ingest.labels import COURT_FIGURE, Ambiguous, Match, match
from analytics.ingest.layout import (
    ACTIVITY_FIELDS,
    CASE_LABEL_HEADER,
    DATA_KIND_SAMPLE,
    META_FIELDS,
    SHEET_ACTIVITY,
    SHEET_CASES,
    SHEET_META,
    TOTAL_LABEL,
)
from analytics.ingest.locate import Table, find_tables, row_label, stage_beside, text_of
from analytics.ingest.parts import CaseRow, CaseRows, stage_name
from analytics.ingest.safety import DEFAULT_LIMITS, Limits
from analytics.ingest.workbook import Book, open_book
from analytics.records import (
    COURT_SCOPE,
    ERROR,
    INFO,
    TOTAL_SCOPE,
    WARNING,
    Problem,
    Return,
    Source,
    cases_frame,
    empty_cases,
)
from analytics.text import fold

Grid = list[list[object]]
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
_TOTAL_LABELS = (fold(TOTAL_LABEL), "cong", "tong so", "tong")
_DIGITS = re.compile(r"^-?\d+$")
# A dash typed in a figure's cell is the statistician's "none": it counts as 0 (an empty cell does not always).
DASHES = ("-", "–", "—")
DASH_SOURCE = ("ô ghi «-»: tính là 0", "'-' counted as 0")
MISSING_ROW_SOURCE = ("không có dòng loại án này: tính là 0", "no row for this case type: counted as 0")
# Vietnamese style: "." or a space groups thousands, "," marks decimals ("1.234", "1 234", "12,5").
_VIETNAMESE_NUMBER = re.compile(r"^-?\d{1,3}([. \u00a0]\d{3})+(,\d+)?$|^-?\d+(,\d+)?$")


@dataclass
class _Reading:
    """What one read collects as it goes: the problems, and where each figure came from."""

    file: str
    problems: list[Problem] = field(default_factory=list)
    cells: dict[tuple[str, str], tuple[str, str]] = field(default_factory=dict)
    ignored: list[Ignored] = field(default_factory=list)
    uncached: dict[str, set[str]] = field(default_factory=dict)
    dashes: set[tuple[str, str]] = field(default_factory=set)  # (sheet, cell) of each "-" read as 0
    sources: dict[tuple[str, str], Source] = field(default_factory=dict)  # figures not typed in one cell

    def problem(
        self, rule: str, vi: str, en: str, sheet: str = "", cell: str = "", value: object = "", severity: str = ERROR
    ) -> None:
        self.problems.append(Problem(severity, rule, vi, en, self.file, sheet, cell, _show(value)))

    def ignore(self, sheet: str, cell: str, text: str, why_vi: str, why_en: str) -> None:
        self.ignored.append(Ignored(sheet, cell, text, why_vi, why_en))


@dataclass(frozen=True)
class Ignored:
    """Something the file holds that the return does not use, and why: shown in the upload report."""

    sheet: str
    cell: str
    text: str
    why_vi: str
    why_en: str


def _show(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return str(value)


def cell_name(row: int, col: int) -> str:
    """Zero-based row and column as Excel's A1 name."""
    return xl_rowcol_to_cell(row, col)


def find_sheet(sheets: dict[str, Grid], wanted: str) -> str | None:
    folded = fold(wanted)
    return next((name for name in sheets if fold(name) == folded), None)


def is_dash(value: object) -> bool:
    return isinstance(value, str) and value.strip() in DASHES


def parse_count(value: object) -> tuple[int | None, str | None]:
    """A figure as a whole number ≥ 0; (None, None) for an empty cell or a dash; (None, rule) when it is not one.

    Whether a dash counts as 0 is the caller's to say: `read_count` makes it 0 for a figure's cell.
    """
    if value is None or (isinstance(value, str) and value.strip() in ("", *DASHES)):
        return None, None
    if isinstance(value, (bool, dt.date, dt.datetime, dt.time, dt.timedelta)):
        return None, "figure.not_number"
    if isinstance(value, str):
        text = value.strip().replace("\u00a0", " ").replace("\u202f", " ")
        if text.endswith("%"):
            return None, "figure.percent"
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
    "figure.percent": (
        "Ô {cell} của sheet «{sheet}» ({what}) là một tỷ lệ («{value}»), không phải số vụ việc. "
        "Hãy ghi số vụ việc (số nguyên) vào ô này; tỷ lệ do ứng dụng tự tính.",
        "Cell {cell} of sheet '{sheet}' ({what}) holds a percentage ('{value}'), not a count.",
    ),
    "formula.uncached": (
        "Ô {cell} của sheet «{sheet}» ({what}) là công thức chưa được tính (tệp không được lưu bằng Excel hay "
        "LibreOffice). Hãy mở tệp bằng Excel, bấm Lưu, rồi tải lên lại (tệp .ods: mở bằng LibreOffice Calc, bấm Lưu).",
        "Cell {cell} of sheet '{sheet}' ({what}) is a formula without a calculated value. Open the file in Excel "
        "(or LibreOffice for .ods), save it and upload it again.",
    ),
    "figure.not_number": (
        "Ô {cell} của sheet «{sheet}» ({what}) phải là một số nguyên, nhưng đang là «{value}». Hãy nhập lại bằng số.",
        "Cell {cell} of sheet '{sheet}' ({what}) must be a whole number but holds '{value}'.",
    ),
    "figure.negative": (
        "Ô {cell} của sheet «{sheet}» ({what}) là số âm ({value}). Số vụ việc không thể âm: hãy kiểm tra lại.",
        "Cell {cell} of sheet '{sheet}' ({what}) is negative ({value}); counts cannot be negative.",
    ),
    "figure.implausible": (
        "Ô {cell} của sheet «{sheet}» ({what}) ghi {value}, lớn hơn mức có thể có ({limit}). "
        "Có thể gõ nhầm hoặc thừa chữ số: hãy kiểm tra lại.",
        "Cell {cell} of sheet '{sheet}' ({what}) holds {value}, above the plausible ceiling of {limit}.",
    ),
    "figure.fractional": (
        "Ô {cell} của sheet «{sheet}» ({what}) là số lẻ ({value}). Chỉ được nhập số nguyên: hãy kiểm tra lại.",
        "Cell {cell} of sheet '{sheet}' ({what}) is fractional ({value}); only whole numbers are allowed.",
    ),
}


def read_count(
    reading: _Reading, value: object, sheet: str, cell: str, what_vi: str, what_en: str, measure: str
) -> int | None:
    """A figure's cell as a count: a dash is 0 (and remembered, for the upload report), empty is None.

    A count above the measure's plausible ceiling is an error before it becomes an integer column (1E+19
    would not fit in one, and sums of 5E+18 would overflow later)."""
    if is_dash(value):
        reading.dashes.add((sheet, cell))
        return 0
    number, rule = parse_count(value)
    if number is None and rule is None and cell in reading.uncached.get(sheet, ()):
        rule = "formula.uncached"
    ceiling = MEASURE_BY_KEY[measure].ceiling
    if rule is None and number is not None and number > ceiling:
        rule, number = "figure.implausible", None
    if rule is not None:
        vi, en = _FIGURE_MESSAGES[rule]
        shown = _show(value)
        limit = f"{ceiling:,}".replace(",", ".")
        reading.problem(
            rule,
            vi.format(cell=cell, sheet=sheet, what=what_vi, value=shown, limit=limit),
            en.format(cell=cell, sheet=sheet, what=what_en, value=shown, limit=f"{ceiling:,}"),
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
        return read_count(reading, raw, sheet, cell, label, key, key)
    if key == "prepared_on":
        return _parse_date(raw)
    return _text(raw)


def _read_activity(reading: _Reading, sheet: str, grid: Grid) -> dict[str, int | None]:
    pairs = _label_pairs(grid)
    figures: dict[str, int | None] = {}
    for item in ACTIVITY_FIELDS:
        row, raw = pairs.get(fold(item.label), (None, None))
        if row is None:
            continue
        cell = cell_name(row, 1)
        reading.cells[(COURT_SCOPE, item.key)] = (sheet, cell)
        figures[item.key] = read_count(reading, raw, sheet, cell, item.label, item.key, item.key)
    return figures


@functools.cache
def _what(case_key: str, measure_key: str, stage: str | None = None) -> tuple[str, str]:
    case_type = next(c for c in CASE_TYPES if c.key == case_key)
    measure = next(m for m in CASE_MEASURES if m.key == measure_key)
    vi, en = (f" ({stage_name(stage)})", f" ({stage_name(stage, 'en')})") if stage else ("", "")
    return f"{case_type.label_vi}{vi} – {measure.label_vi}", f"{case_type.label_en}{en} – {measure.label_en}"


def _is_numbering(values: list[object]) -> bool:
    """A row numbering the columns ("1, 2, 3…" or "(1), (2)…") under a header: not figures. Stops at the first
    cell that breaks the run: a large sheet's rows of figures are looked at here too."""
    previous, count = None, 0
    for v in values:
        if v in (None, ""):
            continue
        number = parse_count(str(v).strip("() ") if isinstance(v, str) else v)[0]
        if number is None or (previous is not None and number != previous + 1):
            return False
        previous, count = number, count + 1
    return count >= 2


def _read_table(reading: _Reading, table: Table, grid: Grid, strict: bool) -> tuple[pd.DataFrame, dict[str, int], int]:
    """The case figures and totals row of one table, and the last row it used."""
    sheet = table.sheet
    collected: dict[tuple[str, str], int] = {}  # built into a frame once: setting cells one by one is slow
    totals: dict[str, int] = {}
    header_row = table.header_rows[-1]
    for header in table.ambiguous:
        names = ", ".join(f"«{m.label_vi}»" for m in CASE_MEASURES if m.key in header.candidates)
        cell = table.cell(header.row, header.col)
        reading.problem(
            "cases.column_ambiguous",
            f"Ô {cell} của sheet «{sheet}»: tiêu đề cột «{header.text}» có thể là {names}. "
            "Hãy ghi rõ tên cột (ví dụ như trong mẫu báo cáo) rồi tải lên lại.",
            f"Cell {cell} of sheet '{sheet}': the column heading '{header.text}' could mean "
            + ", ".join(header.candidates),
            sheet,
            cell,
            header.text,
        )
    for col, text, why, text_row in table.skipped_columns:
        reading.ignore(sheet, table.cell(text_row, col), text, _SKIP_REASONS[why][0], _SKIP_REASONS[why][1])
    for measure in CASE_MEASURES:
        if measure.required and measure.key not in table.columns and (strict or measure.key not in FLOW_MEASURES):
            reading.problem(
                "cases.column_missing",
                f"Sheet «{sheet}», dòng {header_row + 1}: thiếu cột «{measure.label_vi}». "
                + (
                    "Hãy dùng mẫu báo cáo của ứng dụng."
                    if strict
                    else "Hãy thêm cột này (có thể ghi tên khác, ví dụ «Quá hạn», «TĐC») rồi tải lên lại."
                ),
                f"Sheet '{sheet}', row {header_row + 1}: the column '{measure.label_en}' is missing.",
                sheet,
                table.cell(header_row, 0),
            )
    rows = CaseRows()  # the case types' rows, added up per case type once all are read
    ambiguous_rows: set[str] = set()  # case types a row could be: not reported missing as well
    last = header_row
    # In the template an unknown column is already reported as a missing one; elsewhere it is a warning.
    unrecognised_cols = {} if strict else {h.col: h for h in table.unrecognised}
    for row in range(table.start, table.end):
        cells = grid[row]
        raw_label = cells[table.label_col] if table.label_col < len(cells) else None
        label = text_of(raw_label) or ("" if raw_label is None else _show(raw_label))
        values = {key: (cells[col] if col < len(cells) else None) for key, col in table.columns.items()}
        has_figures = any(
            parse_count(v) != (None, "figure.not_number") and v not in (None, "") and not is_dash(v)
            for v in values.values()
        )
        label_cell = table.cell(row, table.label_col)
        found, stage = row_label(label) if isinstance(raw_label, str) else (None, None)
        beside = stage_beside(table, cells, row) if stage is None and (not label or isinstance(found, Match)) else None
        if beside is not None:  # "Hình sự | Sơ thẩm", then " | Phúc thẩm": the stage in a column of its own
            stage, side_text, side_cell = beside
            label, label_cell = (f"{label} – {side_text}", label_cell) if label else (side_text, side_cell)
        if found is None and stage is not None:  # "- Phúc thẩm": a part of the case type above, or a heading
            parent = rows.parent_for(stage)
            if parent is None:
                last = row
                why = "dòng cộng của phần, không lưu:" if has_figures else "đầu phần"
                reading.ignore(sheet, label_cell, label, f"{why} {stage_name(stage)}", "a section's heading")
                continue
            found = Match(parent, True)
        if isinstance(found, Match) and found.key == TOTAL_ROW and (stage or rows.section):
            last = row
            reading.ignore(sheet, label_cell, label, "dòng cộng của một phần: không lưu", "a section's subtotal")
            continue
        if isinstance(found, Match) and found.key == TOTAL_ROW:
            last = row
            for key, value in values.items():
                cell = table.cell(row, table.columns[key])
                number, _ = parse_count(value)
                if number is not None and number <= MEASURE_BY_KEY[key].ceiling * len(CASE_TYPES):
                    totals[key] = number
                    reading.cells[(TOTAL_SCOPE, key)] = (sheet, cell)
                elif cell in reading.uncached.get(sheet, ()):
                    reading.ignore(
                        sheet,
                        cell,
                        "",
                        "công thức dòng tổng chưa được tính: không đối chiếu",
                        "uncalculated totals formula: not reconciled",
                    )
            reading.ignore(
                sheet,
                label_cell,
                label,
                "dòng tổng: chỉ dùng để đối chiếu, không lưu",
                "totals row: reconciled, not stored",
            )
            continue
        if isinstance(found, Ambiguous):
            ambiguous_rows.update(found.candidates)
            reading.problem(
                "cases.row_ambiguous",
                f"Ô {label_cell} của sheet «{sheet}»: «{label}» có thể là {', '.join(found.candidates)}. Hãy ghi rõ loại án.",
                f"Cell {label_cell} of sheet '{sheet}': '{label}' could mean {', '.join(found.candidates)}.",
                sheet,
                label_cell,
                label,
            )
            continue
        if not isinstance(found, Match):
            if not label and not has_figures:
                continue
            if any(isinstance(v, str) and 3 < len(v) < 90 and isinstance(match(v, COURT_FIGURE), Match) for v in cells):
                continue  # a court-level figure written under the table: read with the court's figures
            if (not label or label.strip("() ").isdigit()) and (
                _is_numbering(list(values.values())) or _is_numbering(list(cells))
            ):
                reading.ignore(sheet, label_cell, "", "dòng đánh số cột", "column numbering row")
                continue
            if strict or has_figures:
                reading.problem(
                    "cases.row_unknown",
                    f"Ô {label_cell} của sheet «{sheet}»: «{label}» không phải là một loại án "
                    + (
                        "của mẫu báo cáo. Hãy giữ nguyên tên các dòng như trong mẫu."
                        if strict
                        else "nhận ra được, nhưng dòng có số liệu. Hãy ghi tên loại án (ví dụ «Hình sự», «HNGĐ», "
                        "«KDTM») hoặc xóa dòng."
                    ),
                    f"Cell {label_cell} of sheet '{sheet}': '{label}' is not a case type.",
                    sheet,
                    label_cell,
                    label,
                )
            else:
                reading.ignore(sheet, label_cell, label, "ghi chú ngoài bảng số liệu", "a note, not a table row")
            continue
        case_key = found.key
        stage = rows.stage_of_row(stage)
        last = row
        if not rows.accepts(case_key, stage):
            case_type = next(c for c in CASE_TYPES if c.key == case_key)
            named = f"{case_type.label_vi}{f' ({stage_name(stage)})' if stage else ''}"
            reading.problem(
                "cases.row_repeated",
                f"Sheet «{sheet}», dòng {row + 1}: loại án «{named}» xuất hiện hai lần. Hãy xóa dòng thừa "
                "(các dòng sơ thẩm, phúc thẩm của một loại án ghi «- Sơ thẩm», «- Phúc thẩm» thì được cộng lại).",
                f"Sheet '{sheet}', row {row + 1}: case type '{case_type.label_en}' appears twice.",
                sheet,
                label_cell,
            )
            continue
        numbers: dict[str, int | None] = {}
        cells_of: dict[str, str] = {}
        for key, value in values.items():
            cell = cells_of[key] = table.cell(row, table.columns[key])
            numbers[key] = read_count(reading, value, sheet, cell, *_what(case_key, key, stage), key)
        rows.add(CaseRow(case_key, stage, label, label_cell, numbers, cells_of))
        for col, header in unrecognised_cols.items():
            if col < len(cells) and parse_count(cells[col])[0] is not None:
                cell = table.cell(header.row, col)
                vi, en, why_vi, why_en = unknown_column(sheet, cell, header.text, table.columns)
                reading.ignore(sheet, cell, header.text, why_vi, why_en)
                unrecognised_cols = {c: h for c, h in unrecognised_cols.items() if c != col}
                reading.problem("cases.column_unknown", vi, en, sheet, cell, header.text, severity=WARNING)
                break
    combined = rows.combine(reading.file, sheet)
    collected.update(combined.figures)
    reading.cells.update({key: (sheet, cell) for key, cell in combined.cells.items()})
    reading.sources.update(combined.sources)
    reading.problems += combined.problems
    for cell, text, why_vi, why_en in combined.ignored:
        reading.ignore(sheet, cell, text, why_vi, why_en)
    seen = rows.seen()
    missing = [c for c in CASE_TYPES if c.key not in seen and c.key not in ambiguous_rows]
    if missing:
        # A case type with no row at all is read as no cases (the planners' decision): said in the preview, so
        # the user confirms it before saving, and kept with the figures.
        where = f"{table.cell(table.start, table.label_col)}:{table.cell(max(last, table.start), table.label_col)}"
        names = ", ".join(f"«{c.label_vi}»" for c in missing)
        reading.problem(
            "cases.row_missing",
            f"Sheet «{sheet}», ô {where}: bảng số liệu không có dòng {names} — tính là 0 (không có vụ việc). "
            "Nếu Tòa án có vụ việc loại này, hãy thêm dòng đó rồi tải lên lại.",
            f"Sheet '{sheet}', cells {where}: the case table has no row for "
            + ", ".join(c.label_en for c in missing)
            + " — counted as 0. Add the row if there were such cases.",
            sheet,
            where,
            severity=WARNING,
        )
        required = [m.key for m in CASE_MEASURES if m.required]
        for case_type in missing:
            for measure in required:
                collected[(case_type.key, measure)] = 0
                reading.sources[(case_type.key, measure)] = Source("", *MISSING_ROW_SOURCE)
    return cases_frame(collected), totals, last


TOTAL_ROW = "total"
_SKIP_REASONS = {
    "ordinal": ("cột số thứ tự", "ordinal column"),
    "ignored": ("cột tỷ lệ hoặc ghi chú: ứng dụng tự tính", "rate or note column: computed by the app"),
    "case_label": ("cột tên loại án", "case-type label column"),
    "repeated": ("cột trùng chỉ tiêu đã đọc ở cột trước: bỏ qua", "repeats a measure read from an earlier column"),
}


@dataclass
class Read:
    """One return read from a file (a compiled workbook gives several), with how its identity was found."""

    ret: Return | None
    problems: list[Problem]
    resolution: ident.Resolution | None = None
    ignored: list[Ignored] = field(default_factory=list)
    part: str = ""  # for a compiled workbook: which court's block or sheet
    legacy_encoding: str | None = None


def _template_sheets(sheets: dict[str, Grid]) -> dict[str, str | None]:
    return {wanted: find_sheet(sheets, wanted) for wanted in (SHEET_META, SHEET_CASES, SHEET_ACTIVITY)}


def read_returns(
    filename: str, data: bytes, choice: ident.Choice | None = None, limits: Limits = DEFAULT_LIMITS
) -> list[Read]:
    """Every return a file holds: one for a court's return, one per court for a compiled cluster workbook."""
    book, problems = open_book(filename, data, limits)
    if book is None:
        return [Read(None, problems)]
    reading = _Reading(filename, problems=list(book.notes), uncached=book.uncached)
    if book.legacy_encoding:
        name = {"tcvn3": "TCVN3 (ABC, phông .Vn…)", "vni": "VNI (phông VNI-…)"}[book.legacy_encoding]
        reading.problem(
            "file.legacy_font",
            f"Chữ trong tệp được gõ bằng bảng mã cũ {name}; ứng dụng đã chuyển sang Unicode để đọc. "
            "Hãy kiểm tra tên các dòng, cột trong bảng xem trước.",
            f"The text was typed in the old {book.legacy_encoding.upper()} encoding and was converted to Unicode.",
            severity=INFO,
        )
    if all(not any(v not in (None, "") for row in grid for v in row) for grid in book.sheets.values()):
        reading.problem(
            "file.no_data",
            "Tệp Excel không có dữ liệu (tất cả các sheet đều trống). Hãy điền mẫu báo cáo rồi tải lên lại.",
            "The workbook holds no data: every sheet is empty.",
        )
        return [Read(None, reading.problems)]
    names = _template_sheets(book.sheets)
    if names[SHEET_META] is not None and names[SHEET_CASES] is not None:
        if names[SHEET_ACTIVITY] is None:
            _missing_sheet(reading, SHEET_ACTIVITY)
            return [Read(None, reading.problems)]
        return [_read_template(reading, book, names, choice)]
    if sum(name is not None for name in names.values()) >= 2 or (names[SHEET_META] and not _any_table(book)):
        for wanted, name in names.items():
            if name is None:
                _missing_sheet(reading, wanted)
        return [Read(None, reading.problems)]
    return _read_free(reading, book, choice)


def _any_table(book: Book) -> bool:
    return any(find_tables(name, grid) for name, grid in book.sheets.items())


def _read_template(reading: _Reading, book: Book, names: dict[str, str | None], choice: ident.Choice | None) -> Read:
    meta_sheet, cases_sheet, activity_sheet = names[SHEET_META], names[SHEET_CASES], names[SHEET_ACTIVITY]
    meta = _read_meta(reading, meta_sheet, book.sheets[meta_sheet])
    grid = book.sheets[cases_sheet]
    tables = find_tables(cases_sheet, grid)
    if not tables:
        reading.problem(
            "cases.no_header",
            f"Sheet «{cases_sheet}»: không tìm thấy dòng tiêu đề có ô «{CASE_LABEL_HEADER}». Hãy dùng mẫu báo cáo của ứng dụng.",
            f"Sheet '{cases_sheet}': no header row with a '{CASE_LABEL_HEADER}' cell was found.",
            cases_sheet,
        )
        cases, totals = empty_cases(), {}
    else:
        view = grid if not tables[0].transposed else [list(r) for r in zip(*grid, strict=False)]
        cases, totals, _ = _read_table(reading, tables[0], view, strict=True)
    activity = _read_activity(reading, activity_sheet, book.sheets[activity_sheet])
    clues = [
        ident.Clue(key, value, ident.CONTENT, *reading.cells.get((COURT_SCOPE, key), ("", "")), _text(value))
        for key, value in (
            ("court", getattr(meta.get("court"), "key", None)),
            ("year", meta.get("year")),
            ("period", getattr(meta.get("period"), "key", None)),
        )
        if value is not None
    ]
    resolution = ident.resolve(clues + ident.clues_from_filename(reading.file), choice)
    if any(p.severity == ERROR for p in reading.problems):
        return Read(None, reading.problems, resolution, reading.ignored, legacy_encoding=book.legacy_encoding)
    identity = _identity_problems(reading, resolution)
    if identity is None:
        return Read(None, reading.problems, resolution, reading.ignored, legacy_encoding=book.legacy_encoding)
    court_figures = dict.fromkeys(COURT_MEASURE_KEYS) | activity | {k: meta.get(k) for k in ("judges", "units")}
    ret = Return(
        court=identity.court,
        year=identity.year,
        period=identity.period,
        cases=cases,
        totals=totals,
        court_figures=court_figures,
        prepared_by=str(meta.get("prepared_by") or ""),
        prepared_on=meta.get("prepared_on"),
        notes=str(meta.get("notes") or ""),
        synthetic=fold(str(meta.get("data_kind") or "")) == fold(DATA_KIND_SAMPLE),
        cells=reading.cells,
        sources=_dash_sources(reading),
    )
    return Read(ret, reading.problems, resolution, reading.ignored, legacy_encoding=book.legacy_encoding)


def _dash_sources(reading: _Reading) -> dict[tuple[str, str], Source]:
    """Each figure read from a "-" as 0, with its cell, and each added up or counted as 0 without a cell: the
    upload report lists them."""
    dashes = {key: Source(where[1], *DASH_SOURCE) for key, where in reading.cells.items() if where in reading.dashes}
    return dashes | reading.sources


def _identity_problems(reading: _Reading, resolution: ident.Resolution) -> ident.Identity | None:
    """Problems for what the sources disagree on or do not say; the identity when it is settled."""
    for disagreement in resolution.disagreements:
        vi, en = disagreement.message()
        blocking = resolution.identity is None
        reading.problem(
            "identity.disagreement",
            vi if blocking else vi.replace(". Hãy chọn", ". Đã dùng nội dung tệp; nếu sai, hãy chọn"),
            en,
            severity=ERROR if blocking else WARNING,
        )
    for name in resolution.missing:
        label_vi, label_en = ident.FIELD_LABELS[name]
        reading.problem(
            "identity.missing",
            f"Không xác định được {label_vi} của báo cáo (tệp và tên tệp đều không ghi). "
            f"Hãy chọn {label_vi} trên trang tải lên, hoặc ghi vào tiêu đề bảng (ví dụ «TÒA ÁN NHÂN DÂN TỈNH LAI CHÂU – "
            "BÁO CÁO THỐNG KÊ 6 THÁNG NĂM 2023»).",
            f"The {label_en} of the return is not stated; choose it on the upload page.",
        )
    if resolution.identity is not None and resolution.identity.court not in {
        c.key for c in cluster_courts(resolution.identity.year)
    }:
        pass  # validate's court_in_cluster rule says so, with the cell
    return resolution.identity


def _clues_in(sheet: str, grid: Grid, rows: range) -> list[ident.Clue]:
    found: list[ident.Clue] = []
    for row in rows:
        for col, value in enumerate(grid[row]):
            if isinstance(value, str) and len(value) > 3:
                found += ident.clues_from_text(value, sheet, cell_name(row, col))
    return found


def _sheet_clue(sheet: str) -> list[ident.Clue]:
    court = match_court(sheet)
    return [ident.Clue("court", court.key, ident.CONTENT, sheet, "", sheet)] if court else []


def _court_pairs(
    reading: _Reading, sheet: str, grid: Grid, rows: range, transposed: bool = False
) -> dict[str, int | None]:
    """Court-level figures written as a label with its number to the right ("Số Thẩm phán | 27")."""
    figures: dict[str, int | None] = {}
    for row in rows:
        cells = grid[row]
        for col, value in enumerate(cells):
            if not isinstance(value, str) or not 3 < len(value) < 90:
                continue
            found = match(value, COURT_FIGURE)
            if not isinstance(found, Match) or found.key in figures:
                continue
            target = next((c for c in range(col + 1, min(col + 5, len(cells))) if cells[c] not in (None, "")), None)
            if target is None:
                continue
            cell = cell_name(row, target)
            reading.cells[(COURT_SCOPE, found.key)] = (sheet, cell)
            measure = next(m for m in COURT_MEASURES if m.key == found.key)
            figures[found.key] = read_count(
                reading, cells[target], sheet, cell, measure.label_vi, measure.label_en, found.key
            )
            break
    return figures


def _read_free(reading: _Reading, book: Book, choice: ident.Choice | None) -> list[Read]:
    """A workbook laid out by people: find the tables, then whose and for when each one is."""
    found: list[tuple[Table, Grid]] = []
    for name, grid in book.sheets.items():
        for table in find_tables(name, grid):
            view = grid if not table.transposed else [list(r) for r in zip(*_rectangular(grid), strict=False)]
            found.append((table, view))
    if not found:
        reading.problem(
            "cases.no_table",
            "Không tìm thấy bảng số liệu vụ việc trong tệp: cần một dòng tiêu đề có các cột như «Thụ lý», "
            "«Đã giải quyết», «Còn lại» và một cột tên loại án («Hình sự», «Dân sự», …). "
            "Hãy dùng mẫu báo cáo tải từ trang «Tải lên», hoặc thêm các tiêu đề đó.",
            "No case table was found: a header row with measures and a column of case types is needed.",
        )
        return [Read(None, reading.problems, ignored=reading.ignored)]
    file_clues = ident.clues_from_filename(reading.file)
    units = []
    for index, (table, view) in enumerate(found):
        unit = _Reading(reading.file, uncached=reading.uncached)
        cases, totals, last = _read_table(unit, table, view, strict=False)
        previous_end = units[-1][5] + 1 if index and units[-1][0].sheet == table.sheet else 0
        above = _clues_in(table.sheet, view, range(previous_end, table.header_rows[0]))
        units.append([table, view, unit, cases, totals, last, above])
    courts_per_unit = [{c.value for c in u[6] + _sheet_clue(u[0].sheet) if c.field == "court"} for u in units]
    compiled = (
        len(units) > 1
        and all(len(c) == 1 for c in courts_per_unit)
        and len({next(iter(c)) for c in courts_per_unit}) == len(units)
    )
    if len(units) > 1 and not compiled:
        where = ", ".join(f"«{u[0].sheet}» {u[0].cell(u[0].header_rows[0], u[0].label_col)}" for u in units[:5])
        where += ", …" if len(units) > 5 else ""
        reading.problem(
            "cases.several_tables",
            f"Tệp có {len(units)} bảng số liệu ({where}) nhưng không ghi rõ mỗi bảng của Tòa án nào. "
            "Hãy ghi tên Tòa án phía trên mỗi bảng (hoặc đặt tên sheet theo Tòa án), hoặc chỉ giữ một bảng.",
            f"The file holds {len(units)} case tables ({where}) without a court named above each.",
        )
        return [Read(None, reading.problems, ignored=reading.ignored)]
    # Year and period stated above any table, once per distinct statement (700 blocks repeat the same heading).
    first_statements: dict[tuple[str, object], ident.Clue] = {}
    for clue in (c for u in units for c in u[6] if c.field != "court"):
        first_statements.setdefault((clue.field, clue.value), clue)
    general = list(first_statements.values())
    reads = []
    for table, view, unit, cases, totals, last, above in units:
        if compiled:
            rows_after = range(last + 1, table.end)
            figures = _court_pairs(unit, table.sheet, view, rows_after)
            clues = (
                above
                + _sheet_clue(table.sheet)
                + [c for c in general if c not in above]
                + [c for c in file_clues if c.field != "court"]
            )
            if not any(c.field != "court" for c in above):
                clues = [c for c in clues if c.field == "court" or c in general or c.source == ident.FILENAME]
        else:
            figures = {}
            clues = []
            for name, grid in book.sheets.items():
                outside = [
                    r
                    for r in range(len(grid))
                    if not (name == table.sheet and not table.transposed and table.header_rows[0] <= r <= last)
                ]
                figures |= {k: v for k, v in _court_pairs(unit, name, grid, outside).items() if k not in figures}
                clues += (
                    _clues_in(name, grid, range(len(grid)))
                    if name != table.sheet or table.transposed
                    else _clues_in(name, grid, range(table.header_rows[0]))
                    + _clues_in(name, grid, range(last + 1, len(grid)))
                )
                clues += _sheet_clue(name)
            clues += file_clues
        clues = _dedupe(clues)
        resolution = ident.resolve(clues, None if compiled else choice)
        problems = reading.problems + unit.problems
        part_reading = _Reading(reading.file, problems=[], cells=unit.cells, ignored=reading.ignored + unit.ignored)
        identity = _identity_problems(part_reading, resolution)
        problems = problems + part_reading.problems
        part = ident.show_value("court", identity.court) if compiled and identity else ""
        if identity is None or any(p.severity == ERROR for p in problems):
            reads.append(Read(None, problems, resolution, part_reading.ignored, part, book.legacy_encoding))
            continue
        ret = Return(
            court=identity.court,
            year=identity.year,
            period=identity.period,
            cases=cases,
            totals=totals,
            court_figures=dict.fromkeys(COURT_MEASURE_KEYS) | figures,
            cells=unit.cells,
            sources=_dash_sources(unit),
        )
        reads.append(Read(ret, problems, resolution, part_reading.ignored, part, book.legacy_encoding))
    return reads


def _dedupe(clues: list[ident.Clue]) -> list[ident.Clue]:
    seen: set[tuple] = set()
    kept = []
    for clue in clues:
        key = (clue.field, clue.value, clue.source, clue.sheet, clue.cell)
        if key not in seen:
            seen.add(key)
            kept.append(clue)
    return kept


def _rectangular(grid: Grid) -> Grid:
    width = max((len(r) for r in grid), default=0)
    return [list(r) + [None] * (width - len(r)) for r in grid]


def read_return(filename: str, data: bytes) -> tuple[Return | None, list[Problem]]:
    """The return a workbook holds, and what was wrong with it; no return when a figure is unreadable.

    A compiled workbook of several courts gives its first return here; `read_returns` gives them all.
    """
    first = read_returns(filename, data)[0]
    return first.ret, first.problems
