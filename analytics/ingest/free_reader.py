"""A workbook laid out by people: its case tables wherever they are, whose and for when each one is
(one court's return, or one per court of a compiled workbook), and the court-level figures beside them.
"""

from __future__ import annotations

from collections.abc import Callable

from analytics.domain import (
    COURT_MEASURES,
    match_court,
)
from analytics.ingest import identity as ident
from analytics.ingest.labels import COURT_FIGURE, Match, match
from analytics.ingest.locate import Table, find_tables
from analytics.ingest.reading import Grid, Read, Reading, cell_name, read_count, returned, settle_identity
from analytics.ingest.table import read_table
from analytics.ingest.workbook import Book
from analytics.records import (
    COURT_SCOPE,
    ERROR,
)

Namer = Callable[[int, int], str]  # a cell's A1 name from its row and column in the grid read


def _clues_in(sheet: str, grid: Grid, rows: range, name: Namer = cell_name) -> list[ident.Clue]:
    """What the texts of these rows say of whose and for when the figures are; `name` gives a cell's A1 name (a
    transposed table's view swaps rows and columns back)."""
    found: list[ident.Clue] = []
    for row in rows:
        for col, value in enumerate(grid[row]):
            if isinstance(value, str) and len(value) > 3:
                found += ident.clues_from_text(value, sheet, name(row, col))
    return found


def _sheet_clue(sheet: str) -> list[ident.Clue]:
    court = match_court(sheet)
    return [ident.Clue("court", court.key, ident.CONTENT, sheet, "", sheet)] if court else []


def _court_pairs(
    reading: Reading, sheet: str, grid: Grid, rows: range, name: Namer = cell_name
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
            cell = name(row, target)
            reading.cells[(COURT_SCOPE, found.key)] = (sheet, cell)
            measure = next(m for m in COURT_MEASURES if m.key == found.key)
            figures[found.key] = read_count(
                reading, cells[target], sheet, cell, measure.label_vi, measure.label_en, found.key
            )
            break
    return figures


def read_free(reading: Reading, book: Book, choice: ident.Choice | None) -> list[Read]:
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
        unit = Reading(reading.file, uncached=reading.uncached)
        cases, totals, last = read_table(unit, table, view, strict=False)
        follows = bool(index) and units[-1][0].sheet == table.sheet
        above = _clues_in(
            table.sheet, view, range(units[-1][5] + 1 if follows else 0, table.header_rows[0]), table.cell
        )
        if follows:
            _keep_headings_out(units[-1][2], table.sheet, above)
        units.append([table, view, unit, cases, totals, last, above])
    named = {name: _sheet_clue(name) for name in book.sheets}  # a sheet's name, looked at once for all its tables
    courts_per_unit = [{c.value for c in u[6] + named[u[0].sheet] if c.field == "court"} for u in units]
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
            figures = _court_pairs(unit, table.sheet, view, rows_after, table.cell)
            clues = (
                above
                + named[table.sheet]
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
                clues += named[name]
            clues += file_clues
        clues = _dedupe(clues)
        resolution = ident.resolve(clues, None if compiled else choice)
        problems = reading.problems + unit.problems
        part_reading = Reading(reading.file, problems=[], cells=unit.cells, ignored=reading.ignored + unit.ignored)
        identity = settle_identity(part_reading, resolution)
        problems = problems + part_reading.problems
        part = ident.show_value("court", identity.court) if compiled and identity else ""
        if identity is None or any(p.severity == ERROR for p in problems):
            reads.append(Read(None, problems, resolution, part_reading.ignored, part, book.legacy_encoding))
            continue
        ret = returned(identity, unit, cases, totals, figures)
        reads.append(Read(ret, problems, resolution, part_reading.ignored, part, book.legacy_encoding))
    return reads


def _keep_headings_out(previous: Reading, sheet: str, heading: list[ident.Clue]) -> None:
    """The rows above a table that say whose and for when it is («TÒA ÁN NHÂN DÂN TỈNH LÀO CAI», «BÁO CÁO … NĂM
    2023») lie below the table before it, which reads them as notes it does not use: they are the next table's
    heading, not the earlier court's notes, and its report leaves them out."""
    cells = {clue.cell for clue in heading}
    previous.ignored = [i for i in previous.ignored if i.sheet != sheet or i.cell not in cells]


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
