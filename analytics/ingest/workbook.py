"""Opens a spreadsheet of any accepted format into grids of cell values, one per sheet, anchored at A1.

.xlsx/.xlsm (macros are never run: only cell values are read), .xls and .ods go through
python-calamine, which returns the value Excel calculated and cached for a formula. A formula that was
never calculated (a file written by a program, not saved by Excel or LibreOffice) has no cached value:
for .xlsx the sheet XML is scanned for `<f>` without `<v>`, for .ods `content.xml` for a cell with
`table:formula` but no `office:value-type`, so the reader can say so instead of reading an empty cell.
(A legacy .xls formula without a result reads as an empty cell: BIFF records are not scanned.) CSV comes in UTF-8 (with or without BOM), UTF-16 (Excel's "Unicode text") or Windows-1258.
Text typed in the old TCVN3/VNI fonts is converted to Unicode here, and noted.
"""

from __future__ import annotations

import codecs
import csv
import html
import io
import re
import struct
import unicodedata
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import dataclass, field

import openpyxl
import python_calamine as calamine
import xlrd

from analytics.ingest import legacy_fonts, sizing
from analytics.ingest.safety import CSV, DEFAULT_LIMITS, ODS, XLS, XLSX, Inspected, Limits, inspect
from analytics.records import ERROR, Problem

Grid = list[list[object]]
_CSV_DELIMITERS = ",;\t"


@dataclass
class Book:
    """Every sheet as a grid, the formulas without a cached value per sheet, and what was converted."""

    kind: str
    sheets: dict[str, Grid]
    uncached: dict[str, set[str]] = field(default_factory=dict)
    legacy_encoding: str | None = None
    text_encoding: str | None = None  # for CSV: the encoding it was decoded from
    notes: list[Problem] = field(default_factory=list)  # what reading left out (far cells), for the report


def open_book(file: str, data: bytes, limits: Limits = DEFAULT_LIMITS) -> tuple[Book | None, list[Problem]]:
    """The workbook's grids, or None with the reason it cannot be read (never an exception)."""
    inspected = inspect(file, data, limits)
    if inspected.kind is None:
        return None, inspected.problems
    if inspected.kind == CSV:
        book, problems = _open_csv(file, data, limits)
        if book is None:
            return None, problems or [_unreadable_text(file)]
    else:
        book, problems = _open_calamine(file, data, inspected, limits)
        if book is None:
            return None, problems
    return _convert_legacy(book), []


def _open_calamine(file: str, data: bytes, inspected: Inspected, limits: Limits) -> tuple[Book | None, list[Problem]]:
    sizes = inspected.sizes or sizing.Sizing()
    far = {size.name: size for size in sizes.sheets if size.keep is not None}
    notes = [sizing.far_cells_warning(file, size) for size in far.values()]
    if far and inspected.kind == XLS:
        # calamine reads every sheet of a .xls as it opens it, far cells and all: such a file is read by xlrd, whose
        # ragged rows hold only the cells present, each far sheet cut to its box.
        sheets = _read_xls_boxes(data, {s.name: s.keep for s in far.values()})
        if sheets is None:
            return None, inspect_problem(file, "file.not_workbook")
        return Book(XLS, sheets, {}, notes=notes), []
    if far and inspected.kind == ODS:
        # calamine also reads every table of an .ods as it opens it: the whole file is read within its boxes.
        boxes = {s.name: s.keep or (s.rows, s.cols) for s in sizes.sheets}
        sheets = sizing.read_ods_boxes(inspected.members.get("content.xml", b""), boxes)
        return Book(ODS, sheets, _uncached_ods_formulas(inspected.members.get("content.xml", b"")), notes=notes), []
    sheets: dict[str, Grid] = {}
    try:
        workbook = calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        for index, name in enumerate(workbook.sheet_names):
            size = sizes.of(name, index)
            # calamine would build the rectangle up to the far cells: such a sheet is read by a streaming reader.
            sheets[name] = (
                []
                if size is not None and size.keep is not None
                else (workbook.get_sheet_by_name(name).to_python(skip_empty_area=False))
            )
    except calamine.PasswordError:
        return None, inspect_problem(file, "file.encrypted")
    except (calamine.CalamineError, calamine.ZipError, calamine.XmlError, ValueError, OSError, UnicodeDecodeError):
        return None, inspect_problem(file, "file.corrupt" if inspected.kind != XLS else "file.not_workbook")
    if far:
        read = _read_xlsx_boxes(data, {name: size.keep for name, size in far.items()})
        if read is None:
            return None, inspect_problem(file, "file.corrupt")
        sheets |= read
    if inspected.kind == XLSX:
        uncached = _uncached_formulas(inspected.members)
    elif inspected.kind == ODS:
        uncached = _uncached_ods_formulas(inspected.members.get("content.xml", b""))
    else:
        uncached = {}
    return Book(inspected.kind, sheets, uncached, notes=notes), []


def _read_xlsx_boxes(data: bytes, boxes: dict[str, tuple[int, int]]) -> dict[str, Grid] | None:
    """Sheets with far cells read by openpyxl's streaming reader within their boxes: it yields only the rows
    present and, given the box, never builds the rectangle up to the far cells."""
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            return {
                name: [
                    list(row) for row in book[name].iter_rows(min_row=1, max_row=rows, max_col=cols, values_only=True)
                ]
                for name, (rows, cols) in boxes.items()
            }
        finally:
            book.close()
    except (KeyError, ValueError, OSError, zipfile.BadZipFile, ET.ParseError, TypeError):
        return None


def _read_xls_boxes(data: bytes, boxes: dict[str, tuple[int, int]]) -> dict[str, Grid] | None:
    """Every sheet of a legacy .xls, those with far cells within their boxes, as calamine would give them: numbers,
    text, booleans, dates as datetimes, "" for an empty cell."""
    try:
        book = xlrd.open_workbook(file_contents=data, ragged_rows=True, on_demand=True)
    except (xlrd.XLRDError, xlrd.compdoc.CompDocError, ValueError, OSError, struct.error, IndexError):
        return None
    try:
        sheets = {}
        for index, name in enumerate(book.sheet_names()):
            sheet = book.sheet_by_index(index)
            rows, cols = boxes.get(name, (sheet.nrows, sheet.ncols))
            grid = []
            for r in range(min(rows, sheet.nrows)):
                width = min(cols, sheet.row_len(r))
                grid.append([_xls_value(sheet.cell(r, c), book.datemode) for c in range(width)])
            width = max((len(row) for row in grid), default=0)
            sheets[name] = [row + [""] * (width - len(row)) for row in grid]
            book.unload_sheet(index)
        return sheets
    except (xlrd.XLRDError, ValueError, struct.error, IndexError):
        return None
    finally:
        book.release_resources()


def _xls_value(cell: xlrd.sheet.Cell, datemode: int) -> object:
    if cell.ctype == xlrd.XL_CELL_NUMBER:
        return cell.value
    if cell.ctype == xlrd.XL_CELL_TEXT:
        return cell.value
    if cell.ctype == xlrd.XL_CELL_BOOLEAN:
        return bool(cell.value)
    if cell.ctype == xlrd.XL_CELL_DATE:
        try:
            return xlrd.xldate_as_datetime(cell.value, datemode)
        except (xlrd.xldate.XLDateError, OverflowError, ValueError):
            return cell.value
    return ""  # empty, blank, or an error value (#DIV/0!)


def inspect_problem(file: str, rule: str) -> list[Problem]:
    """The refusal message of a rule the safety stage words (reused when calamine finds the same)."""
    from analytics.ingest import safety

    maker = {"file.encrypted": safety._encrypted, "file.corrupt": safety._corrupt}.get(rule, safety._not_workbook)
    return maker(file).problems


_SHEET_ENTRY = re.compile(rb"<(?:\w+:)?sheet\b[^>]*?\bname=\"([^\"]*)\"[^>]*?\br:id=\"([^\"]*)\"")
_REL_ENTRY = re.compile(rb"<Relationship\b[^>]*?\bId=\"([^\"]*)\"[^>]*?\bTarget=\"([^\"]*)\"")
_REL_ENTRY_REVERSED = re.compile(rb"<Relationship\b[^>]*?\bTarget=\"([^\"]*)\"[^>]*?\bId=\"([^\"]*)\"")
_CELL = re.compile(rb"<c\b([^>]*?)(?:/>|>(.*?)</c>)", re.DOTALL)
_REF = re.compile(rb"\br=\"([A-Z]+[0-9]+)\"")
_CACHED = re.compile(rb"<v>[^<]")


def _uncached_formulas(members: dict[str, bytes]) -> dict[str, set[str]]:
    """Per sheet name, the cells holding a formula with no cached value (`<f>` without a filled `<v>`)."""
    workbook = members.get("xl/workbook.xml", b"")
    rels = members.get("xl/_rels/workbook.xml.rels", b"")
    targets = {rid: target for rid, target in _REL_ENTRY.findall(rels)}
    targets |= {rid: target for target, rid in _REL_ENTRY_REVERSED.findall(rels)}
    found: dict[str, set[str]] = {}
    for raw_name, rid in _SHEET_ENTRY.findall(workbook):
        target = targets.get(rid, b"").decode("utf-8", "replace").lstrip("/")
        path = target if target.startswith("xl/") else f"xl/{target}"
        xml = members.get(path, b"")
        if b"<f" not in xml:
            continue
        cells = {
            ref.group(1).decode()
            for attrs, body in _CELL.findall(xml)
            if body and b"<f" in body and not _CACHED.search(body) and (ref := _REF.search(attrs))
        }
        if cells:
            found[html.unescape(raw_name.decode("utf-8", "replace"))] = cells
    return found


_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_ODS_CELLS = (f"{_TABLE}table-cell", f"{_TABLE}covered-table-cell")


def _uncached_ods_formulas(content: bytes) -> dict[str, set[str]]:
    """Per sheet name, the .ods cells holding a formula with no calculated value (no `office:value-type`).

    Rows and columns are counted as calamine lays the grid out (repeated rows and cells, covered cells of
    merged ranges); only sheets that hold a formula are walked.
    """
    if b"table:formula" not in content:
        return {}
    found: dict[str, set[str]] = {}
    sheet, row, col, repeat_rows = "", 0, 0, 1
    try:
        for event, element in ET.iterparse(io.BytesIO(content), events=("start", "end")):
            tag = element.tag
            if event == "start" and tag == f"{_TABLE}table":
                sheet, row = element.get(f"{_TABLE}name", ""), 0
            elif event == "start" and tag == f"{_TABLE}table-row":
                col, repeat_rows = 0, _repeat(element.get(f"{_TABLE}number-rows-repeated"))
            elif event == "end" and tag == f"{_TABLE}table-row":
                row += repeat_rows
                element.clear()
            elif event == "start" and tag in _ODS_CELLS:
                if element.get(f"{_TABLE}formula") and element.get(f"{_OFFICE}value-type") is None:
                    found.setdefault(sheet, set()).add(_a1(row, col))
                col += _repeat(element.get(f"{_TABLE}number-columns-repeated"))
    except ET.ParseError:
        return found  # calamine has read the grid already; a damaged tail only loses this check
    return found


def _repeat(value: str | None) -> int:
    return int(value) if value and value.isdigit() and len(value) < 9 else 1


def _a1(row: int, col: int) -> str:
    letters = ""
    col += 1
    while col:
        col, rest = divmod(col - 1, 26)
        letters = chr(65 + rest) + letters
    return f"{letters}{row + 1}"


def _decode_text(data: bytes) -> tuple[str, str] | None:
    """The text of a CSV file and the encoding it was in: BOMs first, then UTF-16 by its zero bytes,
    then UTF-8, then Windows-1258 (what Excel writes for "CSV" on a Vietnamese Windows)."""
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError:
                return None
    sample = data[:4096]
    if sample.count(b"\x00") > len(sample) // 4:
        encoding = "utf-16-le" if sample[1:2] == b"\x00" else "utf-16-be"
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            return None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1258"), "cp1258"
    except UnicodeDecodeError:
        return None


def _open_csv(file: str, data: bytes, limits: Limits) -> tuple[Book | None, list[Problem]]:
    decoded = _decode_text(data)
    if decoded is None or "\x00" in decoded[0]:
        return None, []
    text, encoding = decoded
    text = unicodedata.normalize("NFC", text)
    # The delimiter is the one the busiest of the first lines uses most (title lines have none).
    lines = [line for _, line in zip(range(30), io.StringIO(text), strict=False)]
    delimiter = max(_CSV_DELIMITERS, key=lambda d: max((line.count(d) for line in lines), default=0))
    name = re.sub(r"\.[^.]*$", "", file) or "CSV"
    try:
        sized = sizing.size_csv(file, name, text, delimiter, limits.max_cells)
        if sized.problems:
            return None, sized.problems
        [size] = sized.sheets
        rows, cols = size.keep or (size.rows, size.cols)
        grid: Grid = [
            [cell if cell.strip() else "" for cell in row[:cols]]
            for _, row in zip(range(rows), csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), strict=False)
        ]
    except csv.Error:
        return None, []
    notes = [sizing.far_cells_warning(file, size)] if size.keep else []
    return Book(CSV, {name: grid}, text_encoding=encoding, notes=notes), []


def _unreadable_text(file: str) -> Problem:
    return Problem(
        ERROR,
        "file.text_unreadable",
        f"Tệp «{file}» không đọc được như một tệp CSV (bảng mã không nhận ra được). "
        "Hãy mở bằng Excel và lưu lại dưới dạng «CSV UTF-8» hoặc .xlsx rồi tải lên lại.",
        f"'{file}' cannot be read as CSV (unknown text encoding). Save it as 'CSV UTF-8' or .xlsx.",
        file,
    )


def _convert_legacy(book: Book) -> Book:
    texts = [v for grid in book.sheets.values() for row in grid for v in row if isinstance(v, str) and v]
    encoding = legacy_fonts.detect(texts + list(book.sheets))
    if encoding is None:
        return book
    sheets = {
        legacy_fonts.to_unicode(name, encoding): [
            [legacy_fonts.to_unicode(v, encoding) if isinstance(v, str) else v for v in row] for row in grid
        ]
        for name, grid in book.sheets.items()
    }
    uncached = {legacy_fonts.to_unicode(name, encoding): cells for name, cells in book.uncached.items()}
    return Book(book.kind, sheets, uncached, encoding, book.text_encoding, book.notes)


__all__ = ["CSV", "ODS", "XLS", "XLSX", "Book", "Grid", "open_book"]
