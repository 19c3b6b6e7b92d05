"""The app's own template read: the information sheet (court, year, period, judges, units, who
prepared it), the case table and the activity sheet, found by their labels.
"""

from __future__ import annotations

from analytics.domain import (
    cluster_courts,
    match_court,
    period_from_label,
)
from analytics.ingest import identity as ident
from analytics.ingest.layout import (
    ACTIVITY_FIELDS,
    CASE_LABEL_HEADER,
    DATA_KIND_SAMPLE,
    META_FIELDS,
    SHEET_ACTIVITY,
    SHEET_CASES,
    SHEET_META,
)
from analytics.ingest.locate import find_tables
from analytics.ingest.reading import (
    Grid,
    Read,
    Reading,
    cell_name,
    cell_text,
    find_sheet,
    parse_count,
    parse_date,
    read_count,
    returned,
    settle_identity,
)
from analytics.ingest.table import read_table
from analytics.ingest.workbook import Book
from analytics.records import (
    COURT_SCOPE,
    ERROR,
    CaseFigures,
)
from analytics.text import fold


def _label_pairs(grid: Grid) -> dict[str, tuple[int, object]]:
    """A two-column sheet (label, value) as folded label → (row, value); a trailing "(*)" is ignored."""
    pairs: dict[str, tuple[int, object]] = {}
    for row, cells in enumerate(grid):
        if len(cells) >= 1 and isinstance(cells[0], str) and cells[0].strip():
            label = fold(cells[0].replace("(*)", ""))
            pairs.setdefault(label, (row, cells[1] if len(cells) > 1 else None))
    return pairs


def _read_meta(reading: Reading, sheet: str, grid: Grid) -> tuple[dict[str, object], dict[str, str]]:
    """The information sheet's values, and the text of each cell as written (what a disagreement quotes)."""
    pairs = _label_pairs(grid)
    found: dict[str, object] = {}
    written: dict[str, str] = {}
    for item in META_FIELDS:
        row, raw = pairs.get(fold(item.label), (None, None))
        cell = cell_name(row, 1) if row is not None else ""
        if row is not None:
            reading.cells[(COURT_SCOPE, item.key)] = (sheet, cell)
        if item.required and cell_text(raw) == "":
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
        written[item.key] = cell_text(raw)
    return found, written


def _meta_value(reading: Reading, key: str, label: str, raw: object, sheet: str, cell: str) -> object:
    if key == "court":
        court = match_court(raw)
        if court is None:
            names = ", ".join(c.short_vi for c in cluster_courts(2023))
            reading.problem(
                "meta.court_unknown",
                f"Ô {cell} của sheet «{sheet}»: «{cell_text(raw)}» không phải là Tòa án của Cụm thi đua số II "
                f"({names}). Hãy chọn Tòa án trong danh sách.",
                f"Cell {cell} of sheet '{sheet}': '{cell_text(raw)}' is not a court of Emulation Cluster II.",
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
                f"Ô {cell} của sheet «{sheet}»: năm thống kê «{cell_text(raw)}» không hợp lệ. Hãy ghi năm bằng 4 chữ số, ví dụ 2023.",
                f"Cell {cell} of sheet '{sheet}': statistical year '{cell_text(raw)}' is not valid (e.g. 2023).",
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
                f"Ô {cell} của sheet «{sheet}»: kỳ báo cáo «{cell_text(raw)}» không có trong danh sách. "
                "Hãy chọn kỳ trong danh sách (3, 6, 9, 12 tháng hoặc riêng một quý).",
                f"Cell {cell} of sheet '{sheet}': reporting period '{cell_text(raw)}' is not in the list.",
                sheet,
                cell,
                raw,
            )
        return period
    if key in ("judges", "units"):
        return read_count(reading, raw, sheet, cell, label, key, key)
    if key == "prepared_on":
        return parse_date(raw)
    return cell_text(raw)


def _read_activity(reading: Reading, sheet: str, grid: Grid) -> dict[str, int | None]:
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


def template_sheets(sheets: dict[str, Grid]) -> dict[str, str | None]:
    return {wanted: find_sheet(sheets, wanted) for wanted in (SHEET_META, SHEET_CASES, SHEET_ACTIVITY)}


def read_template(reading: Reading, book: Book, names: dict[str, str | None], choice: ident.Choice | None) -> Read:
    meta_sheet, cases_sheet, activity_sheet = names[SHEET_META], names[SHEET_CASES], names[SHEET_ACTIVITY]
    meta, written = _read_meta(reading, meta_sheet, book.sheets[meta_sheet])
    grid = book.sheets[cases_sheet]
    tables = find_tables(cases_sheet, grid)
    if not tables:
        reading.problem(
            "cases.no_header",
            f"Sheet «{cases_sheet}»: không tìm thấy dòng tiêu đề có ô «{CASE_LABEL_HEADER}». Hãy dùng mẫu báo cáo của ứng dụng.",
            f"Sheet '{cases_sheet}': no header row with a '{CASE_LABEL_HEADER}' cell was found.",
            cases_sheet,
        )
        cases, totals = CaseFigures.of(), {}
    else:
        view = grid if not tables[0].transposed else [list(r) for r in zip(*grid, strict=False)]
        cases, totals, _ = read_table(reading, tables[0], view, strict=True)
    activity = _read_activity(reading, activity_sheet, book.sheets[activity_sheet])
    clues = [
        ident.Clue(key, value, ident.CONTENT, *reading.cells.get((COURT_SCOPE, key), ("", "")), written[key])
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
    identity = settle_identity(reading, resolution)
    if identity is None:
        return Read(None, reading.problems, resolution, reading.ignored, legacy_encoding=book.legacy_encoding)
    ret = returned(
        identity,
        reading,
        cases,
        totals,
        activity | {k: meta.get(k) for k in ("judges", "units")},
        prepared_by=str(meta.get("prepared_by") or ""),
        prepared_on=meta.get("prepared_on"),
        notes=str(meta.get("notes") or ""),
        synthetic=fold(str(meta.get("data_kind") or "")) == fold(DATA_KIND_SAMPLE),
    )
    return Read(ret, reading.problems, resolution, reading.ignored, legacy_encoding=book.legacy_encoding)
