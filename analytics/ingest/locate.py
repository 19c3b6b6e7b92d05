"""Finds the case tables on a sheet wherever they are: header rows (one to three: merged group cells over
sub-labels, read together), the column of case-type labels, the measure columns, the rows they span, and the
orientation.

A sheet is scanned as it is and, when no table reads that way, transposed (case types as columns).
Everything a table does not use but holds (an ordinal column, a rate column, a column numbering row,
notes) is listed as ignored, for the upload report.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

from analytics.domain import CASE_MEASURE_KEYS, CASE_TYPE_KEYS
from analytics.ingest.labels import (
    CASE_LABEL,
    CASE_TYPE,
    IGNORED,
    MEASURE,
    ORDINAL,
    TOTAL,
    Ambiguous,
    HeaderGroup,
    Match,
    header_group,
    is_group_label,
    is_of_which,
    label_key,
    match,
    match_part,
    stage_of,
)
from analytics.ingest.reading import cell_name

Grid = list[list[object]]
MIN_MEASURES = 2  # a header row names at least this many measures
MAX_HEADER_ROWS = 3  # a group, a sub-group ("Trong đó") and the sub-labels


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
    skipped_columns: list[tuple[int, str, str, int]] = field(default_factory=list)  # (col, header, why, its row)

    def cell(self, row: int, col: int) -> str:
        return cell_name(col, row) if self.transposed else cell_name(row, col)


def text_of(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def _measure_of(text: str) -> Match | Ambiguous | None:
    return match(text, MEASURE) if text else None


def _is_measure(found: object) -> bool:
    return isinstance(found, Match) and found.key in CASE_MEASURE_KEYS


def _is_case_row(text: str) -> bool:
    found = row_label(text)[0] if text else None
    return isinstance(found, Match) and found.key in CASE_TYPE_KEYS


def _header_text(value: object) -> str:
    """A header cell's text; a column number written under the header ("(3)", "3") is no label."""
    text = text_of(value)
    key = label_key(text) if text else ""
    return "" if not key or key.isdigit() else text


def _paths(grid: Grid, row: int, count: int) -> dict[int, list[tuple[str, int, bool]]]:
    """Each column's header texts from the top row down: (text, row, carried). A merged group cell holds its
    text in its first column only, so a group's text is carried right over the cells below it that hold
    sub-labels, never past the end of the group above it ("Còn lại" over "Tổng số" | "Trong đó" over
    "Quá hạn" | "TĐC")."""
    texts = [[_header_text(v) for v in grid[r]] if r < len(grid) else [] for r in range(row, row + count)]
    width = max(len(t) for t in texts)

    def at(level: int, col: int) -> str:
        return texts[level][col] if col < len(texts[level]) else ""

    origin = [[-1] * width for _ in range(count)]  # the column whose text covers this cell, or -1
    for level in range(count):
        for col in range(width):
            if at(level, col):
                origin[level][col] = col
            elif (
                col
                and origin[level][col - 1] >= 0
                and any(at(below, col) for below in range(level + 1, count))
                and (level == 0 or origin[level - 1][col] == origin[level - 1][col - 1])
            ):
                origin[level][col] = origin[level][col - 1]
    paths: dict[int, list[tuple[str, int, bool]]] = {}
    for col in range(width):
        path = [
            (at(level, origin[level][col]), row + level, origin[level][col] != col)
            for level in range(count)
            if origin[level][col] >= 0
        ]
        if path:
            paths[col] = path
    return paths


def _in_group(group: HeaderGroup, group_text: str, leaf: str, carried: bool) -> Match | Ambiguous | None:
    """What a sub-label means under a group: one of the group's parts, or nothing — "Hủy" under "Hủy, sửa do
    nguyên nhân chủ quan" is never quashed for all causes."""
    found = match_part(group.key, leaf)
    if found is not None:
        return found
    for attempt in (f"{group_text} {leaf}", leaf):
        general = _measure_of(attempt)
        if isinstance(general, Match) and general.key in group.members:
            return general
    # A label that names something else outright, in a column the group's merged cell only seems to reach (its
    # own cell above was left empty): read as it is.
    general = _measure_of(leaf)
    if carried and isinstance(general, Match) and general.exact:
        return general
    return None


def _meaning(path: list[tuple[str, int, bool]]) -> Match | Ambiguous | None:
    """A column's meaning from its header texts: the sub-label within the nearest group above it that is
    known, else the texts read together, else the sub-label alone."""
    leaf = path[-1][0]
    above = [(text, carried) for text, _, carried in path[:-1] if not is_of_which(text)]
    for text, carried in reversed(above):
        group = header_group(text)
        if group is not None:
            return _in_group(group, text, leaf, carried)
    for attempt in (" ".join([t for t, _ in above] + [leaf]), leaf):
        found = _measure_of(attempt)
        if found is not None:
            return found
    return None


def _interpret(grid: Grid, row: int, count: int) -> dict[int, tuple[str, Match | Ambiguous | None, int]]:
    """Each column's header text (group and sub-label as "Thụ lý / Cũ"), meaning and the row of its lowest text,
    reading `count` header rows."""
    return {
        col: (" / ".join(text for text, _, _ in path), _meaning(path), path[-1][1])
        for col, path in _paths(grid, row, count).items()
    }


def _score(columns: dict[int, tuple[str, Match | Ambiguous | None, int]]) -> tuple[int, int]:
    """(measures named, columns understood at all: a rate or ordinal column counts too)."""
    return len({f.key for _, f, _ in columns.values() if _is_measure(f)}), sum(
        isinstance(f, Match) for _, f, _ in columns.values()
    )


def _could_be_header(cells: list[object]) -> bool:
    """A row that can continue a header: text, no figure, no case type (looked at in that order: the cheap
    tests first, a large sheet's rows of figures end here)."""
    if any(isinstance(v, (int, float)) and not isinstance(v, bool) for v in cells):
        return False
    texts = [text_of(v) for v in cells]
    return any(texts) and not any(_is_case_row(t) for t in texts)


def _names_a_heading(grid: Grid, row: int, meanings: dict[int, tuple[str, Match | Ambiguous | None, int]]) -> bool:
    """A row that can top a header of several rows: a heading of its own reads as a measure or column (or could be
    one of several), or a text of it is a group's label as written. A title above the table ("BÁO CÁO THỐNG KÊ
    6 THÁNG NĂM 2023") is none of these, so it is never read as a group over the header. Exact look-ups only
    beyond the one-row reading: a large sheet of text is scanned row by row."""
    if any(isinstance(found, (Match, Ambiguous)) for _, found, _ in meanings.values()):
        return True
    return any((text := text_of(v)) and (is_group_label(text) or is_of_which(text)) for v in grid[row])


def _header_at(grid: Grid, row: int) -> tuple[int, dict] | None:
    """(number of header rows, column meanings) when a table's header starts at this row; more rows are read
    only when they name more measures, or as many and more of the other columns."""
    texts = sum(1 for v in grid[row] if isinstance(v, str) and v.strip())
    if not texts:
        return None
    # One row names at most as many measures as it has texts; a header of several rows needs a next row that can
    # continue it. Neither: no header here (a large sheet's rows of one label and many figures end here).
    if texts < MIN_MEASURES and not (row + 1 < len(grid) and _could_be_header(grid[row + 1])):
        return None
    best = (1, _interpret(grid, row, 1))
    best_score = _score(best[1])
    for count in range(2, MAX_HEADER_ROWS + 1 if _names_a_heading(grid, row, best[1]) else 1):
        if row + count - 1 >= len(grid) or not _could_be_header(grid[row + count - 1]):
            break
        meanings = _interpret(grid, row, count)
        if _score(meanings) > best_score:
            best, best_score = (count, meanings), _score(meanings)
    return best if best_score[0] >= MIN_MEASURES else None


def _label_column(grid: Grid, start: int, end: int, taken: set[int], meanings: dict) -> int | None:
    width = max((len(r) for r in grid[start:end]), default=0)
    counts = {col: 0 for col in range(width) if col not in taken}
    for r in range(start, end):  # row by row, texts only: a large sheet is mostly figures
        for col, value in enumerate(grid[r]):
            if isinstance(value, str) and col in counts and _is_case_row(value.strip()):
                counts[col] += 1
    best = max(counts, key=lambda c: (counts[c], -c), default=None)
    if best is not None and counts[best] > 0:
        return best
    named = [c for c, (_, f, _) in meanings.items() if isinstance(f, Match) and f.key == CASE_LABEL]
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


Shape = tuple[object, ...]
CACHED_WIDTH = 64  # rows wider than this are read without the cache: long rows would fill it with large keys


def _shape(cells: list[object]) -> Shape:
    """What reading a header looks at in a row: its texts, and where it holds a figure (as 0); nothing else."""
    return tuple(
        v if isinstance(v, str) else 0 if isinstance(v, (int, float)) and not isinstance(v, bool) else None
        for v in cells
    )


@functools.lru_cache(maxsize=4096)
def _header_of(window: tuple[Shape, ...]) -> tuple[int, dict] | None:
    """`_header_at` of the first row of `window` (the rows a header can span), its rows counted from 0. Cached: the
    700 blocks of a national workbook repeat a handful of row layouts, and the result depends on nothing else."""
    return _header_at([list(cells) for cells in window], 0)


def _header_from(grid: Grid, shapes: list[Shape | None], row: int) -> tuple[int, dict] | None:
    """`_header_at(grid, row)`, looked up by the layout of the rows it reads when they are narrow."""
    window = tuple(shapes[row : row + MAX_HEADER_ROWS])
    if any(cells is None for cells in window):
        return _header_at(grid, row)
    found = _header_of(window)
    if found is None or row == 0:
        return found
    count, meanings = found
    return count, {col: (text, meaning, text_row + row) for col, (text, meaning, text_row) in meanings.items()}


def _find(sheet: str, grid: Grid, transposed: bool) -> list[Table]:
    headers: list[tuple[int, int, dict]] = []
    shapes = [_shape(cells) if len(cells) <= CACHED_WIDTH else None for cells in grid]
    row = 0
    while row < len(grid):
        found = _header_from(grid, shapes, row)
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
        for col, (text, found, text_row) in sorted(meanings.items()):
            if _is_measure(found) and found.key not in columns:
                columns[found.key] = col
                table.header_cells[found.key] = table.cell(text_row, col)
            elif isinstance(found, Ambiguous):
                table.ambiguous.append(Header(text_row, col, text, found.candidates))
            elif isinstance(found, Match) and found.key in (ORDINAL, IGNORED, CASE_LABEL):
                table.skipped_columns.append((col, text, found.key, text_row))
            elif _is_measure(found):
                table.skipped_columns.append((col, text, "repeated", text_row))
            else:
                table.unrecognised.append(Header(text_row, col, text, ()))
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


@functools.lru_cache(maxsize=8192)
def row_label(text: str) -> tuple[Match | Ambiguous | None, str | None]:
    """What a row label names and the stage of proceedings it is limited to: (criminal, None) for "Hình sự",
    (criminal, "appeal") for "Hình sự phúc thẩm" or "HSPT", (None, "appeal") for "- Phúc thẩm"; a label such as
    "Trong đó sơ thẩm" is no stage row (a part of a figure, not one of the rows that add up to it)."""
    found = case_row(text) if text else None
    if isinstance(found, Match) and found.exact:
        return found, None  # no case type's synonym names a stage: "Hình sự" needs no second look
    stage, rest = stage_of(text) if text else (None, "")
    if stage is not None:
        if not rest:
            return None, stage
        inner = case_row(rest)
        if isinstance(inner, Match):
            return inner, stage
    return found, None


def stage_beside(table: Table, cells: list[object], row: int) -> tuple[str, str, str] | None:
    """(stage, its text, its cell) when the cell right of a row's label names a stage of proceedings alone
    ("Hình sự | Sơ thẩm", then " | Phúc thẩm"): a column of stages beside the case types."""
    col = table.label_col + 1
    if col >= len(cells) or col in table.columns.values() or not isinstance(cells[col], str):
        return None
    stage, rest = stage_of(cells[col])
    return (stage, cells[col].strip(), table.cell(row, col)) if stage is not None and not rest else None


__all__ = [
    "CASE_TYPE_KEYS",
    "TOTAL",
    "Header",
    "Table",
    "case_row",
    "find_tables",
    "row_label",
    "stage_beside",
    "text_of",
]
