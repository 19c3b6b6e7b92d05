"""Finds the case tables on a sheet wherever they are: header rows (one, or two with merged group cells),
the column of case-type labels, the measure columns, the rows they span, and the orientation.

A sheet is scanned as it is and, when no table reads that way, transposed (case types as columns).
Everything a table does not use but holds (an ordinal column, a rate column, a column numbering row,
notes) is listed as ignored, for the upload report.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from xlsxwriter.utility import xl_rowcol_to_cell

from analytics.domain import CASE_MEASURE_KEYS, CASE_TYPE_KEYS
from analytics.ingest.labels import CASE_LABEL, CASE_TYPE, IGNORED, MEASURE, ORDINAL, TOTAL, Ambiguous, Match, match

Grid = list[list[object]]
MIN_MEASURES = 2  # a header row names at least this many measures


@dataclass(frozen=True)
class Header:
    """A header cell that could not be read as one measure."""

    row: int
    col: int
    text: str
    candidates: tuple[str, ...]  # empty: not recognised; several: ambiguous


@dataclass
class Table:
    """One case table, in view coordinates (rows and columns swapped back by `cell` when transposed)."""

    sheet: str
    transposed: bool
    header_rows: tuple[int, ...]
    label_col: int
    columns: dict[str, int]
    start: int  # first row below the header
    end: int  # one past the last row of the table (the next table's header, or the end of the sheet)
    header_cells: dict[str, str] = field(default_factory=dict)  # measure → A1 of its header
    unrecognised: list[Header] = field(default_factory=list)
    ambiguous: list[Header] = field(default_factory=list)
    skipped_columns: list[tuple[int, str, str]] = field(default_factory=list)  # (col, header, why)

    def cell(self, row: int, col: int) -> str:
        return xl_rowcol_to_cell(col, row) if self.transposed else xl_rowcol_to_cell(row, col)


def text_of(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def _measure_of(text: str) -> Match | Ambiguous | None:
    return match(text, MEASURE) if text else None


def _is_measure(found: object) -> bool:
    return isinstance(found, Match) and found.key in CASE_MEASURE_KEYS


def _is_case_row(text: str) -> bool:
    found = match(text, CASE_TYPE) if text else None
    return isinstance(found, Match) and found.key in CASE_TYPE_KEYS


def _interpret(grid: Grid, row: int, two: bool) -> dict[int, tuple[str, Match | Ambiguous | None]]:
    """Each column's header text and meaning, reading one header row or two (group cells over sub-cells)."""
    top = [text_of(v) for v in grid[row]]
    sub = [text_of(v) for v in grid[row + 1]] if two and row + 1 < len(grid) else [""] * len(top)
    group = ""
    result: dict[int, tuple[str, Match | Ambiguous | None]] = {}
    for col in range(len(top)):
        upper = top[col]
        lower = sub[col] if col < len(sub) else ""
        if upper:
            group = upper
        elif lower and group:
            upper = group  # a merged group cell is written in its first column only
        else:
            group = ""
        if not upper and not lower:
            continue
        attempts = [f"{upper} {lower}", lower] if upper and lower else [upper or lower]
        found = None
        for attempt in attempts:
            found = _measure_of(attempt)
            if found is not None:
                break
        result[col] = (f"{upper} / {lower}" if upper and lower else upper or lower, found)
    return result


def _score(columns: dict[int, tuple[str, Match | Ambiguous | None]]) -> int:
    return len({f.key for _, f in columns.values() if _is_measure(f)})


def _header_at(grid: Grid, row: int) -> tuple[int, dict] | None:
    """(number of header rows, column meanings) when a table's header starts at this row."""
    if not any(isinstance(v, str) and v.strip() for v in grid[row]):
        return None
    one = _interpret(grid, row, False)
    best = (1, one, _score(one))
    if row + 1 < len(grid):
        below = grid[row + 1]
        texts = [text_of(v) for v in below]
        if (
            any(texts)
            and not any(_is_case_row(t) for t in texts)
            and not any(isinstance(v, (int, float)) and not isinstance(v, bool) for v in below)
        ):
            two = _interpret(grid, row, True)
            if _score(two) > best[2]:
                best = (2, two, _score(two))
    return (best[0], best[1]) if best[2] >= MIN_MEASURES else None


def _label_column(grid: Grid, start: int, end: int, taken: set[int], meanings: dict) -> int | None:
    width = max((len(r) for r in grid[start:end]), default=0)
    counts = {
        col: sum(1 for r in range(start, end) if col < len(grid[r]) and _is_case_row(text_of(grid[r][col])))
        for col in range(width)
        if col not in taken
    }
    best = max(counts, key=lambda c: (counts[c], -c), default=None)
    if best is not None and counts[best] > 0:
        return best
    named = [c for c, (_, f) in meanings.items() if isinstance(f, Match) and f.key == CASE_LABEL]
    return named[0] if named else None


def find_tables(sheet: str, grid: Grid) -> list[Table]:
    """The case tables of a sheet; tried transposed when none reads as it is."""
    tables = _find(sheet, grid, False)
    if tables:
        return tables
    width = max((len(r) for r in grid), default=0)
    if not width:
        return []
    transposed = [[row[c] if c < len(row) else None for row in grid] for c in range(width)]
    return _find(sheet, transposed, True)


def _find(sheet: str, grid: Grid, transposed: bool) -> list[Table]:
    headers: list[tuple[int, int, dict]] = []
    row = 0
    while row < len(grid):
        found = _header_at(grid, row)
        if found is None:
            row += 1
            continue
        headers.append((row, *found))
        row += found[0] + 1
    tables = []
    for index, (row, count, meanings) in enumerate(headers):
        start = row + count
        end = headers[index + 1][0] if index + 1 < len(headers) else len(grid)
        columns: dict[str, int] = {}
        table = Table(sheet, transposed, tuple(range(row, start)), -1, columns, start, end)
        header_row = start - 1
        for col, (text, found) in sorted(meanings.items()):
            if _is_measure(found) and found.key not in columns:
                columns[found.key] = col
                table.header_cells[found.key] = table.cell(
                    row if count == 1 or not text_of(grid[header_row][col]) else header_row, col
                )
            elif isinstance(found, Ambiguous):
                table.ambiguous.append(Header(header_row, col, text, found.candidates))
            elif isinstance(found, Match) and found.key in (ORDINAL, IGNORED, CASE_LABEL):
                table.skipped_columns.append((col, text, found.key))
            elif _is_measure(found):
                table.skipped_columns.append((col, text, "repeated"))
            else:
                table.unrecognised.append(Header(header_row, col, text, ()))
        label_col = _label_column(grid, start, end, set(columns.values()), meanings)
        if label_col is None:
            continue
        table.label_col = label_col
        table.unrecognised = [h for h in table.unrecognised if h.col != label_col]
        tables.append(table)
    return tables


def case_row(text: str) -> Match | Ambiguous | None:
    """What a row label of a case table names: a case type, the totals row, or nothing known."""
    return match(text, CASE_TYPE) if text else None


__all__ = ["CASE_TYPE_KEYS", "TOTAL", "Header", "Table", "case_row", "find_tables", "text_of"]
