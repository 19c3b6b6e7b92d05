"""One case table read: the figures of each case type (its stage rows added up), the totals row, the
columns and rows the table does not use, for the upload report.
"""

from __future__ import annotations

import functools
import operator
from collections.abc import Callable

from analytics.domain import (
    CASE_MEASURES,
    CASE_TYPES,
    FLOW_MEASURES,
    MEASURE_BY_KEY,
)
from analytics.ingest.coverage import unknown_column
from analytics.ingest.labels import COURT_FIGURE, Ambiguous, Match, match
from analytics.ingest.layout import (
    TOTAL_LABEL,
)
from analytics.ingest.locate import Table, row_label, stage_beside, text_of
from analytics.ingest.parts import CaseRow, CaseRows, stage_name
from analytics.ingest.reading import MISSING_ROW_SOURCE, Grid, Reading, is_dash, parse_count, read_count, show
from analytics.records import (
    TOTAL_SCOPE,
    WARNING,
    CaseFigures,
    Source,
)
from analytics.text import fold

_TOTAL_LABELS = (fold(TOTAL_LABEL), "cong", "tong so", "tong")


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


def _has_figures(values: dict[str, object]) -> bool:
    """Whether a row holds a figure in a measure's column (asked only of rows that are not a case type's)."""
    return any(
        parse_count(v) != (None, "figure.not_number") and v not in (None, "") and not is_dash(v)
        for v in values.values()
    )


def read_table(reading: Reading, table: Table, grid: Grid, strict: bool) -> tuple[CaseFigures, dict[str, int], int]:
    """The case figures and totals row of one table, and the last row it used."""
    sheet = table.sheet
    collected: dict[tuple[str, str], int] = {}  # the case figures, made once at the end
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
    ceilings = {key: MEASURE_BY_KEY[key].ceiling for key in table.columns}
    # A row's cells in the measures' columns, taken at once when the row reaches the last of them.
    keys, widest = list(table.columns), max(table.columns.values(), default=-1)
    pick = (
        operator.itemgetter(*table.columns.values())
        if len(keys) > 1
        else lambda cells: [cells[col] for col in table.columns.values()]  # itemgetter of one is not a tuple
    )
    name_cells = _namer(table)
    for row in range(table.start, table.end):
        cells = grid[row]
        raw_label = cells[table.label_col] if table.label_col < len(cells) else None
        label = text_of(raw_label) or ("" if raw_label is None else show(raw_label))
        values = (
            dict(zip(keys, pick(cells), strict=True))
            if len(cells) > widest
            else {key: (cells[col] if col < len(cells) else None) for key, col in table.columns.items()}
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
                why = "dòng cộng của phần, không lưu:" if _has_figures(values) else "đầu phần"
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
            if not label and not _has_figures(values):
                continue
            if any(isinstance(v, str) and 3 < len(v) < 90 and isinstance(match(v, COURT_FIGURE), Match) for v in cells):
                continue  # a court-level figure written under the table: read with the court's figures
            if (not label or label.strip("() ").isdigit()) and (
                _is_numbering(list(values.values())) or _is_numbering(list(cells))
            ):
                reading.ignore(sheet, label_cell, "", "dòng đánh số cột", "column numbering row")
                continue
            if strict or _has_figures(values):
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
        cells_of = name_cells(row)
        for key, value in values.items():
            kind = type(value)
            if (kind is int or (kind is float and value.is_integer())) and 0 <= value <= ceilings[key]:
                numbers[key] = int(value)  # what nearly every cell holds, taken at once: `read_count` would agree
            else:
                numbers[key] = read_count(reading, value, sheet, cells_of[key], *_what(case_key, key, stage), key)
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
    return CaseFigures.of(collected), totals, last


def _namer(table: Table) -> Callable[[int], dict[str, str]]:
    """A row's cells in the measures' columns, by measure, as `table.cell` names them: the columns' letters
    written once (a national workbook names 90.000 cells)."""
    if table.transposed:
        return lambda row: {key: table.cell(row, col) for key, col in table.columns.items()}
    letters = {key: table.cell(0, col)[:-1] for key, col in table.columns.items()}
    return lambda row: {key: f"{letter}{row + 1}" for key, letter in letters.items()}


TOTAL_ROW = "total"

_SKIP_REASONS = {
    "ordinal": ("cột số thứ tự", "ordinal column"),
    "ignored": ("cột tỷ lệ hoặc ghi chú: ứng dụng tự tính", "rate or note column: computed by the app"),
    "case_label": ("cột tên loại án", "case-type label column"),
    "repeated": ("cột trùng chỉ tiêu đã đọc ở cột trước: bỏ qua", "repeats a measure read from an earlier column"),
}
