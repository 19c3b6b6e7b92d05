"""How big each sheet's grid will be before any reader builds it: the bounded-size scan of every upload.

python-calamine builds a sheet's whole rectangle in Rust, and the Python grid from A1 to the last cell,
before anything can look at it; the sizes that decide memory are therefore measured here, from the bytes,
the way calamine counts them (found by experiment, see tests/analytics/test_sizing.py):

- .xlsx/.xlsm: the sheets are the parts workbook.xml names through its relationships, whatever their
  file names. A cell counts when it holds a value (`<v>` with text, an inline or formula string); an
  empty styled cell, an empty `<v></v>` and `<dimension>` do not. A cell without `r` follows the previous
  cell of its row; a row without `r` follows the previous row element.
- .ods: repeated rows and cells (`number-rows-repeated`, `number-columns-repeated`) count as many times as
  they repeat when they hold a value; trailing empty runs do not count.
- .xls: the BIFF value records of each sheet (numbers, text, booleans, formula results); blanks do not count.
- CSV: lines × the widest line's fields (the reader transposes the grid when it looks for a table).

The grid a reader materialises is (last row + 1) × (last column + 1). When that passes the limit but the
filled cells are few (a value typed far away), the far cells are left out: the sheet is read with a
streaming reader within a smaller box, and a warning names them. Only when the filled cells themselves
pass the limit, or no box within it keeps them (a dense block far from A1), is the file refused.

The .xlsx positions are found in numpy when every cell opens with its reference (`<c r="B7"`, as spreadsheet
programs write them), exactly as the walk cell by cell finds them; any other part is walked.
"""

from __future__ import annotations

import array
import csv
import html
import io
import posixpath
import re
import struct
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

import numpy as np
from xlsxwriter.utility import xl_rowcol_to_cell

from analytics.records import ERROR, Problem

# How many cell elements (filled or not) one sheet may hold before reading its positions stops: a sheet
# of millions of empty styled cells costs seconds to walk while holding nothing.
ELEMENTS_PER_CELL = 4
# Trimming the far cells stops after this many bands of rows or columns: a real stray value is one or two.
MAX_TRIM_STEPS = 32
FAR_SHOWN = 5  # far cells named in a warning; the rest are counted


@dataclass(frozen=True)
class SheetSize:
    """One sheet as a reader would build it: the rectangle from A1, its filled cells, and what to leave out."""

    name: str
    rows: int
    cols: int
    filled: int
    keep: tuple[int, int] | None = None  # (rows, columns) to read when far cells are left out
    far: tuple[str, ...] = ()  # the far cells left out, the first few by name
    far_count: int = 0

    @property
    def cells(self) -> int:
        return self.keep[0] * self.keep[1] if self.keep else self.rows * self.cols


@dataclass
class Sizing:
    """Every sheet's size, or the reason the file is refused."""

    sheets: list[SheetSize] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def of(self, name: str, index: int) -> SheetSize | None:
        found = next((s for s in self.sheets if s.name == name), None)
        if found is None and index < len(self.sheets):
            found = self.sheets[index]
        return found


def _number(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def too_many_filled(file: str, sheet: str, filled: int, limit: int) -> Problem:
    return Problem(
        ERROR,
        "file.too_many_cells",
        f"Sheet «{sheet}» của tệp «{file}» có khoảng {_number(filled)} ô có số liệu, vượt giới hạn "
        f"{_number(limit)} ô: không giống một báo cáo thống kê. Hãy xóa các sheet và vùng dữ liệu không cần thiết "
        "rồi tải lên lại.",
        f"Sheet '{sheet}' of '{file}' holds about {filled:,} filled cells, over the {limit:,}-cell limit.",
        file,
        sheet,
    )


def too_wide(file: str, sheet: str, far_cell: str, cells: int, limit: int) -> Problem:
    return Problem(
        ERROR,
        "file.too_many_cells",
        f"Sheet «{sheet}» của tệp «{file}» có số liệu ở ô {far_cell}, rất xa bảng: đọc vùng từ A1 đến đó cần "
        f"{_number(cells)} ô, vượt giới hạn {_number(limit)} ô. Hãy xóa ô {far_cell} (hoặc các hàng, cột thừa) "
        "rồi tải lên lại.",
        f"Sheet '{sheet}' of '{file}' has a value in {far_cell}, far from the table: reading up to it takes "
        f"{cells:,} cells, over the {limit:,}-cell limit. Delete it and upload again.",
        file,
        sheet,
        far_cell,
    )


def far_cells_warning(file: str, size: SheetSize) -> Problem:
    shown = ", ".join(size.far)
    more = f" và {_number(size.far_count - len(size.far))} ô khác" if size.far_count > len(size.far) else ""
    more_en = f" and {size.far_count - len(size.far):,} more" if size.far_count > len(size.far) else ""
    return Problem(
        "warning",
        "sheet.far_cells",
        f"Sheet «{size.name}»: ô {shown}{more} có số liệu nằm xa bảng, không được đọc. "
        "Nếu đó là số liệu của báo cáo, hãy chuyển vào bảng rồi tải lên lại.",
        f"Sheet '{size.name}': cell {shown}{more_en} holds a value far from the table and was not read.",
        file,
        size.name,
        size.far[0] if size.far else "",
    )


# ---------------------------------------------------------------------------------------------- the far cells


def bounded(name: str, rows: array.array, cols: array.array, target: int) -> SheetSize | None:
    """The sheet's size from the positions of its filled cells; far cells left out when the rectangle passes
    `target`. None when no box within the target keeps the sheet (the filled cells are spread too wide)."""
    filled = len(rows)
    if not filled:
        return SheetSize(name, 0, 0, 0)
    at_row, at_col = np.frombuffer(rows, dtype=np.int64), np.frombuffer(cols, dtype=np.int64)
    height, width = int(at_row.max()) + 1, int(at_col.max()) + 1
    if height * width <= target:
        return SheetSize(name, height, width, filled)
    inside = np.ones(filled, dtype=bool)
    keep_rows, keep_cols = height, width
    for _ in range(MAX_TRIM_STEPS):
        if keep_rows * keep_cols <= target:
            break
        # Leave out the outermost band of rows or of columns, whichever shrinks the box most per cell left out.
        row_band = inside & (at_row == keep_rows - 1)
        col_band = inside & (at_col == keep_cols - 1)
        rest_rows, rest_cols = inside & ~row_band, inside & ~col_band
        if not rest_rows.any() or not rest_cols.any():
            return None
        by_row = (keep_rows - int(at_row[rest_rows].max()) - 1) * keep_cols / int(row_band.sum())
        by_col = (keep_cols - int(at_col[rest_cols].max()) - 1) * keep_rows / int(col_band.sum())
        inside = rest_rows if by_row >= by_col else rest_cols
        keep_rows, keep_cols = int(at_row[inside].max()) + 1, int(at_col[inside].max()) + 1
    if keep_rows * keep_cols > target:
        return None
    far_rows, far_cols = at_row[~inside], at_col[~inside]
    order = np.lexsort((far_cols, far_rows))[::-1][:FAR_SHOWN]
    names = tuple(xl_rowcol_to_cell(int(far_rows[i]), int(far_cols[i])) for i in order)
    return SheetSize(name, height, width, filled, (keep_rows, keep_cols), names, int((~inside).sum()))


def _rectangle(rows: array.array, cols: array.array) -> int:
    """The cells from A1 to the last row and column that hold a value (max() in numpy: millions of positions)."""
    if not len(rows):
        return 0
    return (int(np.frombuffer(rows, dtype=np.int64).max()) + 1) * (int(np.frombuffer(cols, dtype=np.int64).max()) + 1)


def _shares(found: list[tuple[str, array.array, array.array]], limit: int) -> dict[str, int]:
    """How many cells each sheet may materialise, together at most `limit`. Smallest rectangles first, each sheet
    keeps its whole rectangle while what is left still holds the other sheets' filled cells (a return beside a
    large register is never trimmed for the register's sake); the sheets left over share the rest by their filled
    cells, and only they can lose far cells."""
    rectangles = {name: _rectangle(rows, cols) for name, rows, cols in found}
    filled = {name: len(rows) for name, rows, _ in found}
    targets: dict[str, int] = {}
    budget, others = limit, sum(filled.values())
    pending = sorted(rectangles, key=rectangles.get)
    while pending and rectangles[pending[0]] <= budget - (others - filled[pending[0]]):
        name = pending.pop(0)
        targets[name] = rectangles[name]
        budget, others = budget - rectangles[name], others - filled[name]
    for name in pending:
        targets[name] = budget if others == 0 else max(budget * filled[name] // others, filled[name])
    return targets


def _fit(file: str, found: list[tuple[str, array.array, array.array]], limit: int) -> Sizing:
    """Sizes within the limit for the whole workbook: each sheet gets its share of the limit by its filled cells."""
    total = sum(len(rows) for _, rows, _ in found)
    for name, rows, _ in found:
        if len(rows) > limit or total > limit:
            return Sizing(problems=[too_many_filled(file, name, max(len(rows), total), limit)])
    targets = _shares(found, limit)
    sizes = []
    for name, rows, cols in found:
        size = bounded(name, rows, cols, targets[name])
        if size is None:
            at_row, at_col = np.frombuffer(rows, dtype=np.int64), np.frombuffer(cols, dtype=np.int64)
            far = int(np.argmax(at_row * 16384 + at_col))  # the last cell, the first of them if several
            cell = xl_rowcol_to_cell(int(at_row[far]), int(at_col[far]))
            return Sizing(problems=[too_wide(file, name, cell, _rectangle(rows, cols), limit)])
        sizes.append(size)
    return Sizing(sizes)


# ---------------------------------------------------------------------------------------------------- .xlsx

_SHEET_ENTRY = re.compile(rb"<(?:\w+:)?sheet\b([^>]*)>")
_ATTR_NAME = re.compile(rb'\bname="([^"]*)"')
_ATTR_RID = re.compile(rb'\br:id="([^"]*)"|\b\w+:id="([^"]*)"')
_REL = re.compile(rb"<(?:\w+:)?Relationship\b([^>]*)>")
_ATTR_ID = re.compile(rb'\bId="([^"]*)"')
_ATTR_TARGET = re.compile(rb'\bTarget="([^"]*)"')
# A row start, or a cell (self-closed, or with its body up to </c>), with or without a namespace prefix.
_ROW_OR_CELL = re.compile(
    rb"<(?:\w+:)?row(?=[\s/>])([^>]*)>|<(?:\w+:)?c(?=[\s/>])([^>]*?)(?:/>|>(.*?)</(?:\w+:)?c>)", re.DOTALL
)
_R = re.compile(rb'\br="([A-Za-z]{0,3})([0-9]{0,7})"')
_VALUE = re.compile(rb"<(?:\w+:)?v>[^<]|<(?:\w+:)?is[\s>]")
_TEXT_TYPE = re.compile(rb'\bt="(?:str|inlineStr)"')


def xlsx_sheet_parts(workbook: bytes, rels: bytes) -> list[tuple[str, str]]:
    """(sheet name, part path) of every sheet workbook.xml lists, resolved through its relationships."""
    targets: dict[bytes, bytes] = {}
    for attrs in _REL.findall(rels):
        rid, target = _ATTR_ID.search(attrs), _ATTR_TARGET.search(attrs)
        if rid and target:
            targets[rid.group(1)] = target.group(1)
    parts = []
    for attrs in _SHEET_ENTRY.findall(workbook):
        name, rid = _ATTR_NAME.search(attrs), _ATTR_RID.search(attrs)
        if not name or not rid:
            continue
        target = html.unescape(targets.get(rid.group(1) or rid.group(2), b"").decode("utf-8", "replace"))
        if not target:
            continue
        path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
        parts.append((html.unescape(name.group(1).decode("utf-8", "replace")), path))
    return parts


def _column(letters: bytes) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + ch - 64
    return n - 1


def xlsx_positions(xml: bytes, element_cap: int) -> tuple[array.array, array.array] | None:
    """Row and column of every cell calamine would fill; None past `element_cap` cell elements.

    Sheets where every cell element opens with its reference (`<c r="B7"`, as Excel, LibreOffice and XlsxWriter
    write them) take the fast path, whose per-cell work is done in C; any other sheet is walked cell by cell."""
    fast = _fast_positions(xml, element_cap)
    return _walk_positions(xml, element_cap) if fast is _IRREGULAR else fast


def _walk_positions(xml: bytes, element_cap: int) -> tuple[array.array, array.array] | None:
    """The walk: every row and cell element in turn, a cell without `r` placed after the previous one."""
    rows, cols = array.array("q"), array.array("q")
    row, col, elements = -1, -1, 0
    for found in _ROW_OR_CELL.finditer(xml):
        row_attrs, attrs, body = found.groups()
        ref = _R.search(row_attrs if row_attrs is not None else attrs)
        if row_attrs is not None:
            row = int(ref.group(2)) - 1 if ref and ref.group(2) else row + 1
            col = -1
            continue
        elements += 1
        if elements > element_cap:
            return None
        if ref and ref.group(1) and ref.group(2):
            cell_row, col = int(ref.group(2)) - 1, _column(ref.group(1))
        else:
            cell_row, col = max(row, 0), col + 1
        if body is not None and (_VALUE.search(body) or (_TEXT_TYPE.search(attrs) and b"<" in body)):
            rows.append(cell_row)
            cols.append(col)
    return rows, cols


# The fast path works on the positions of the part's `<` and `>` in numpy. Where the walk's tokens cannot be told
# from these positions alone, it gives up (_IRREGULAR) and the walk decides: a prefixed cell, value, inline string or
# row (`<x:c`), or a row start tag holding a `<` (the walk's row token would swallow what follows it).
_FAST_PREFIXED = re.compile(rb":(?:c(?=[\s/>])|v>|is(?=[\s>])|row)")
_FAST_ROW_HIDES = re.compile(rb"<row(?=[\s/>])[^<>]*<")
_IRREGULAR = object()
_SPACE = tuple(b" \t\n\r\x0b\x0c")


_CHUNK = 1 << 23  # bytes of sheet XML compared at once: the masks stay a few MB


def _one_of(chars: np.ndarray, allowed: tuple[int, ...]) -> np.ndarray:
    found = np.zeros(len(chars), dtype=bool)
    for ch in allowed:
        found |= chars == ch
    return found


def _where(text: np.ndarray, ch: int) -> np.ndarray:
    """Positions of one character, as int32 (a sheet part is at most the unpacked limit, far below 2 GB)."""
    parts = [np.flatnonzero(text[i : i + _CHUNK] == ch).astype(np.int32) + i for i in range(0, len(text), _CHUNK)]
    return np.concatenate(parts) if parts else np.zeros(0, dtype=np.int32)


def _fast_positions(xml: bytes, element_cap: int):
    """The positions the walk gives, computed in numpy, or _IRREGULAR when the walk must decide.

    The walk's cell token is `<c` then the shortest run of anything but `>` up to `/>` (self-closed), or up to `>`
    and then the shortest body up to `</c>`. So when every cell starts `<c r="` with a reference the walk reads
    (1–3 letters, 1–7 digits), each cell ends before the next one starts, and no row token hides a `<`, the walk's
    cells are exactly these: ending at the first `>` after their start when a `/` precedes it, else at the first
    `</c>` after that `>`. A cell is filled when its body holds `<v>` and a character other than `<`, or `<is` and
    a space or `>` (found from the `<` positions), or else when the walk's own test on its attributes and body says
    so (done in Python only for such cells: formulas without a value, empty values)."""
    if _FAST_PREFIXED.search(xml) or _FAST_ROW_HIDES.search(xml):  # two searches: each scans at C speed
        return _IRREGULAR
    text = np.frombuffer(xml, dtype=np.uint8)
    lt = _where(text, ord("<"))
    lt = lt[lt < len(text) - 3]  # nothing the walk counts starts in the last three characters
    after = [text[lt + k] for k in (1, 2, 3)]
    starts = lt[(after[0] == ord("c")) & _one_of(after[1], (*_SPACE, ord("/"), ord(">")))]
    closes = lt[(after[0] == ord("/")) & (after[1] == ord("c")) & (after[2] == ord(">"))]
    values = lt[
        ((after[0] == ord("v")) & (after[1] == ord(">")) & (after[2] != ord("<")))
        | ((after[0] == ord("i")) & (after[1] == ord("s")) & _one_of(after[2], (*_SPACE, ord(">"))))
    ]
    del lt, after
    if not len(starts):
        return array.array("q"), array.array("q")
    if starts[-1] + 17 > len(text):
        return _IRREGULAR
    head = [text[starts + k] for k in range(2, 17)]  # ` r="` and up to 3 letters, 7 digits and a quote
    if not all((head[k] == ch).all() for k, ch in enumerate(b' r="')):
        return _IRREGULAR
    ref = _read_refs(head[4:])
    if ref is None:
        return _IRREGULAR
    rows, cols = ref
    gt = _where(text, ord(">"))
    at = np.searchsorted(gt, starts)
    if at[-1] >= len(gt):
        return _IRREGULAR
    tag_end = gt[at]
    del gt
    self_closed = text[tag_end - 1] == ord("/")
    at = np.searchsorted(closes, tag_end)
    if (~self_closed & (at >= len(closes))).any():
        return _IRREGULAR  # a cell never closed: not a cell to the walk
    close = closes[np.minimum(at, len(closes) - 1)] if len(closes) else tag_end
    end = np.where(self_closed, tag_end, close + 3)
    if (starts[1:] <= end[:-1]).any():
        return _IRREGULAR  # a cell inside another's tag or body
    if len(starts) > element_cap:
        return None
    filled = ~self_closed
    if len(values):
        at = np.searchsorted(values, tag_end)
        filled &= (at < len(values)) & (values[np.minimum(at, len(values) - 1)] < close)
    else:
        filled &= False
    for i in np.flatnonzero(~self_closed & ~filled):  # a body without a value: the walk's own test
        attrs, body = xml[starts[i] + 2 : tag_end[i]], xml[tag_end[i] + 1 : close[i]]
        filled[i] = bool(_TEXT_TYPE.search(attrs) and b"<" in body)
    return array.array("q", rows[filled].tobytes()), array.array("q", cols[filled].tobytes())


def _read_refs(head: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray] | None:
    """Zero-based rows and columns of references (`B7"`, `xfd1048576"`), given as columns of their characters
    from the first, as int() and _column read them; None when one is not 1–3 letters, 1–7 digits and a quote."""
    n = len(head[0])
    letters, run = np.zeros(n, dtype=np.int8), np.ones(n, dtype=bool)
    for ch in head[:4]:
        run = run & (((ch >= ord("A")) & (ch <= ord("Z"))) | ((ch >= ord("a")) & (ch <= ord("z"))))
        letters += run
    rows, digits, before = np.zeros(n, dtype=np.int32), np.zeros(n, dtype=np.int8), np.zeros(n, dtype=np.int8)
    run = np.ones(n, dtype=bool)  # before the first quote
    for ch in head:
        run = run & (ch != ord('"'))
        digit = run & (ch >= ord("0")) & (ch <= ord("9"))
        rows = np.where(digit, rows * 10 + ch - ord("0"), rows)
        digits += digit
        before += run
    # Every character before the quote is one of the leading letters or a digit, and the quote is there.
    if ((letters < 1) | (letters > 3) | (digits < 1) | (digits > 7) | (letters + digits != before) | run).any():
        return None
    cols = np.zeros(n, dtype=np.int32)
    for k in range(3):
        cols = np.where(k < letters, cols * 26 + (head[k] & 0xDF) - 64, cols)  # upper case, A = 1
    return rows.astype(np.int64) - 1, cols.astype(np.int64) - 1


def _prefixed(xml: bytes) -> bool:
    return xml.find(b":sheetData") >= 0


def _values_in(xml: bytes, prefixed: bool) -> int:
    """An upper bound of the filled cells, counted in C before any walk (each pass costs about 0,4 s per
    100 MB, so the prefixed spellings are counted only where the sheet uses a namespace prefix)."""
    count = xml.count(b"<v") + xml.count(b"<is")
    return count + (xml.count(b":v>") + xml.count(b":is>") if prefixed else 0)


def _elements_in(xml: bytes, prefixed: bool) -> int:
    """The cell elements, filled or not (and a few other tags starting with c), counted in C before any walk."""
    return xml.count(b"<c") + (xml.count(b":c ") + xml.count(b":c>") + xml.count(b":c/>") if prefixed else 0)


def too_many_elements(file: str, sheet: str, elements: int) -> Problem:
    return Problem(
        ERROR,
        "file.too_many_cells",
        f"Sheet «{sheet}» của tệp «{file}» có khoảng {_number(elements)} ô (kể cả ô trống được định dạng): không "
        "giống một báo cáo thống kê. Hãy xóa định dạng của các hàng, cột không dùng (hoặc chép bảng sang một tệp "
        "mới) rồi tải lên lại.",
        f"Sheet '{sheet}' of '{file}' holds about {elements:,} cells, formatted empty ones included.",
        file,
        sheet,
    )


def size_xlsx(file: str, members: dict[str, bytes], parts: list[tuple[str, str]], limit: int) -> Sizing:
    found = []
    for name, path in parts:
        xml = members.get(path, b"")
        prefixed = _prefixed(xml)
        values = _values_in(xml, prefixed)
        if values > limit:
            return Sizing(problems=[too_many_filled(file, name, values, limit)])
        elements = _elements_in(xml, prefixed)
        if elements > limit * ELEMENTS_PER_CELL:
            return Sizing(problems=[too_many_elements(file, name, elements)])
        positions = xlsx_positions(xml, limit * ELEMENTS_PER_CELL)
        if positions is None:
            return Sizing(problems=[too_many_elements(file, name, limit * ELEMENTS_PER_CELL)])
        found.append((name, *positions))
    return _fit(file, found, limit)


# ----------------------------------------------------------------------------------------------------- .ods

_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
ODS_CELLS = (f"{_TABLE}table-cell", f"{_TABLE}covered-table-cell")


def repeat(value: str | None) -> int:
    return int(value) if value and value.isdigit() and len(value) < 9 else 1


@dataclass
class OdsSheet:
    """What one walk over content.xml finds of a table: its filled cells' positions (each repeat counted)."""

    name: str
    rows: array.array = field(default_factory=lambda: array.array("q"))
    cols: array.array = field(default_factory=lambda: array.array("q"))


def ods_value(element: ET.Element) -> object:
    """A cell's value as calamine gives it: floats for numbers, the text for strings, None when empty."""
    kind = element.get(f"{_OFFICE}value-type")
    if kind in ("float", "percentage", "currency"):
        try:
            return float(element.get(f"{_OFFICE}value", ""))
        except ValueError:
            return None
    if kind == "boolean":
        return element.get(f"{_OFFICE}boolean-value") == "true"
    if kind == "date":
        return element.get(f"{_OFFICE}date-value")
    if kind is None:
        return None
    return "\n".join("".join(p.itertext()) for p in element.iter(f"{_TEXT}p"))


def walk_ods(content: bytes, limit: int, keep: dict[str, tuple[int, int]] | None = None):
    """Each table's filled positions (sizing), or with `keep`, the values inside each kept box (reading).

    Yields OdsSheet while sizing; returns early with None in place of a sheet past the limits.
    """
    element_cap = limit * ELEMENTS_PER_CELL
    sheets: list[OdsSheet] = []
    grids: dict[str, dict[tuple[int, int], object]] = {}
    sheet: OdsSheet | None = None
    table: ET.Element | None = None
    row, col, row_repeat, filled, elements = 0, 0, 1, 0, 0
    for event, element in ET.iterparse(io.BytesIO(content), events=("start", "end")):
        tag = element.tag
        if event == "start":
            if tag == f"{_TABLE}table":
                sheet, table, row = OdsSheet(element.get(f"{_TABLE}name", "")), element, 0
                sheets.append(sheet)
                grids[sheet.name] = {}
            elif tag == f"{_TABLE}table-row":
                col, row_repeat = 0, repeat(element.get(f"{_TABLE}number-rows-repeated"))
            continue
        if tag in ODS_CELLS and sheet is not None:
            elements += 1
            if elements > element_cap:
                return sheets, None
            times = repeat(element.get(f"{_TABLE}number-columns-repeated"))
            if tag == ODS_CELLS[0] and element.get(f"{_OFFICE}value-type") is not None:
                if keep is None:
                    filled += times * row_repeat
                    if filled > limit:
                        return sheets, filled
                    for r in range(row, row + row_repeat):
                        sheet.rows.extend([r] * times)
                        sheet.cols.extend(range(col, col + times))
                elif sheet.name in keep:
                    rows_kept, cols_kept = keep[sheet.name]
                    value = ods_value(element)
                    for r in range(row, min(row + row_repeat, rows_kept)):
                        for c in range(col, min(col + times, cols_kept)):
                            grids[sheet.name][(r, c)] = value
            col += times
            element.clear()
        elif tag == f"{_TABLE}table-row":
            row += row_repeat
            if table is not None:
                del table[:]  # rows already walked: nothing holds them
    if keep is not None:
        return sheets, grids
    return sheets, filled


def size_ods(file: str, content: bytes, limit: int) -> Sizing:
    try:
        sheets, outcome = walk_ods(content, limit)
    except ET.ParseError:
        return Sizing()  # calamine says whether it is damaged
    name = sheets[-1].name if sheets else ""
    if outcome is None:
        return Sizing(problems=[too_many_elements(file, name, limit * ELEMENTS_PER_CELL)])
    if outcome > limit:
        return Sizing(problems=[too_many_filled(file, name, outcome, limit)])
    return _fit(file, [(s.name, s.rows, s.cols) for s in sheets], limit)


def read_ods_boxes(content: bytes, keep: dict[str, tuple[int, int]]) -> dict[str, list[list[object]]]:
    """The tables left with far cells, read within their boxes without building the rectangle of the far cells."""
    _, grids = walk_ods(content, 1 << 62, keep)
    result = {}
    for name, (rows, cols) in keep.items():
        grid: list[list[object]] = [[None] * cols for _ in range(rows)]
        for (r, c), value in grids.get(name, {}).items():
            grid[r][c] = value
        result[name] = grid
    return result


# ----------------------------------------------------------------------------------------------------- .xls

_BOUNDSHEET, _BOF, _EOF = 0x0085, 0x0809, 0x000A
_SINGLE_CELLS = {0x0203, 0x027E, 0x00FD, 0x0204, 0x00D6, 0x0205, 0x0006}  # NUMBER, RK, LABELSST, LABEL, RSTRING…
_MULRK = 0x00BD


def xls_stream(data: bytes) -> bytes | None:
    import olefile

    try:
        ole = olefile.OleFileIO(data)
    except (OSError, ValueError, struct.error, IndexError):
        return None
    with ole:
        for name in ("Workbook", "Book"):
            if ole.exists(name):
                try:
                    return ole.openstream(name).read()
                except (OSError, ValueError, struct.error, IndexError):
                    return None
    return None


def _records(stream: bytes, start: int):
    pos = start
    while pos + 4 <= len(stream):
        kind, length = struct.unpack_from("<HH", stream, pos)
        yield kind, stream[pos + 4 : pos + 4 + length]
        pos += 4 + length


def _sheet_name(body: bytes, biff8: bool) -> str:
    if len(body) < 8:
        return ""
    count = body[6]
    if not biff8:
        return body[7 : 7 + count].decode("cp1252", "replace")
    if body[7] & 0x01:
        return body[8 : 8 + 2 * count].decode("utf-16-le", "replace")
    return body[8 : 8 + count].decode("latin-1")


def size_xls(file: str, data: bytes, limit: int) -> Sizing:
    stream = xls_stream(data)
    if stream is None:
        return Sizing()  # calamine says what is wrong with it
    sheets: list[tuple[str, int]] = []
    biff8 = stream[4:6] == b"\x00\x06"
    for kind, body in _records(stream, 0):
        if kind == _BOUNDSHEET and len(body) >= 6:
            sheets.append((_sheet_name(body, biff8), struct.unpack_from("<I", body)[0]))
        elif kind == _EOF:
            break
    found = []
    total = 0
    for name, offset in sheets:
        rows, cols = array.array("q"), array.array("q")
        for kind, body in _records(stream, offset):
            if kind == _EOF:
                break
            if kind in _SINGLE_CELLS and len(body) >= 4:
                r, c = struct.unpack_from("<HH", body)
                rows.append(r)
                cols.append(c)
                total += 1
            elif kind == _MULRK and len(body) >= 6:
                r, first = struct.unpack_from("<HH", body)
                last = struct.unpack_from("<H", body, len(body) - 2)[0]
                count = max(last - first + 1, 0)
                rows.extend([r] * count)
                cols.extend(range(first, first + count))
                total += count
            if total > limit:
                return Sizing(problems=[too_many_filled(file, name, total, limit)])
        found.append((name, rows, cols))
    return _fit(file, found, limit)


# ------------------------------------------------------------------------------------------------------ CSV


def size_csv(file: str, name: str, text: str, delimiter: str, limit: int) -> Sizing:
    """Lines × the widest line's fields; far fields left out like far cells."""
    lines = text.count("\n") + text.count("\r") - text.count("\r\n") + 1
    if lines > limit:
        return Sizing(problems=[too_many_filled(file, name, lines, limit)])
    widest = max((line.count(delimiter) for line in io.StringIO(text)), default=0) + 1
    if lines * widest <= limit:
        return Sizing([SheetSize(name, lines, widest, lines * widest)])
    rows, cols = array.array("q"), array.array("q")
    for r, fields in enumerate(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)):
        for c, value in enumerate(fields):
            if value.strip():
                rows.append(r)
                cols.append(c)
        if len(rows) > limit:
            return Sizing(problems=[too_many_filled(file, name, len(rows), limit)])
    return _fit(file, [(name, rows, cols)], limit)
