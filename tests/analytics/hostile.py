"""Files made to take a server down, or that do so by accident, each with the outcome it must have.

Every file is generated here (the large ones streamed into their zip member), so the repository stays
small. `HOSTILE` maps a sentence to (builder, outcome): READ files are read with a warning of the given
rule, REFUSED ones are refused with an error of the given rule; `cell` is the cell the message names.
"""

from __future__ import annotations

import functools
import io
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import xlsxwriter
import xlwt

from tests.analytics.builders import a_return, case_cell, meta_cell, with_cell, workbook
from tests.analytics.corpus import FREE, csv_text, filled

READ, REFUSED = "read", "refused"
MB = 1024 * 1024


@dataclass(frozen=True)
class Expected:
    outcome: str  # READ or REFUSED
    rule: str
    cell: str = ""
    words: str = ""  # words of the Vietnamese message


# ------------------------------------------------------------------------------------------- raw writers

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/></Types>'
)
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
_SHEET_HEAD = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
)
_SHEET_TAIL = b"</sheetData></worksheet>"


def raw_xlsx(sheets: dict[str, tuple[str, Callable[[], Iterator[bytes]]]]) -> bytes:
    """A workbook written by hand: per sheet name, its part's path under xl/ and the chunks of its rows."""
    entries = "".join(f'<sheet name="{n}" sheetId="{i + 1}" r:id="rId{i + 1}"/>' for i, n in enumerate(sheets))
    rels = "".join(
        f'<Relationship Id="rId{i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        f'worksheet" Target="{path}"/>'
        for i, (path, _) in enumerate(sheets.values())
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _ROOT_RELS)
        archive.writestr(
            "xl/workbook.xml",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats'
            '.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
            f'relationships"><sheets>{entries}</sheets></workbook>',
        )
        archive.writestr(
            "xl/_rels/workbook.xml.rels",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.'
            f'openxmlformats.org/package/2006/relationships">{rels}</Relationships>',
        )
        for path, rows in sheets.values():
            with archive.open(f"xl/{path}", "w", force_zip64=True) as member:  # streamed: never whole in memory
                member.write(_SHEET_HEAD)
                for chunk in rows():
                    member.write(chunk)
                member.write(_SHEET_TAIL)
    return buffer.getvalue()


def _xml_text(value: object) -> str:
    return str(value).replace("&", "&amp;").replace("<", "&lt;")


def grid_rows(grid: list[list[object]]) -> Iterator[bytes]:
    """A grid as sheet XML rows with inline strings."""
    for r, row in enumerate(grid):
        cells = []
        for c, v in enumerate(row):
            if v is None:
                continue
            ref = xlsxwriter.utility.xl_rowcol_to_cell(r, c)
            if isinstance(v, (int, float)):
                cells.append(f'<c r="{ref}"><v>{v}</v></c>')
            else:
                cells.append(f'<c r="{ref}" t="inlineStr"><is><t>{_xml_text(v)}</t></is></c>')
        yield f'<row r="{r + 1}">{"".join(cells)}</row>'.encode()


def cells_without_r(rows: int, per_row: int, cell: bytes) -> Callable[[], Iterator[bytes]]:
    def chunks() -> Iterator[bytes]:
        line = b"<row>" + cell * per_row + b"</row>"
        for _ in range(rows):
            yield line

    return chunks


def ods_content(tables: dict[str, Callable[[], Iterator[str]]]) -> Callable[[], Iterator[bytes]]:
    def chunks() -> Iterator[bytes]:
        yield (
            b'<?xml version="1.0" encoding="UTF-8"?><office:document-content '
            b'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
            b'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
            b'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
            b"<office:body><office:spreadsheet>"
        )
        for name, rows in tables.items():
            yield f'<table:table table:name="{name}">'.encode()
            for row in rows():
                yield row.encode()
            yield b"</table:table>"
        yield b"</office:spreadsheet></office:body></office:document-content>"

    return chunks


def raw_ods(content: Callable[[], Iterator[bytes]]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr(
            "META-INF/manifest.xml",
            '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:'
            'opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" '
            'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/></manifest:manifest>',
        )
        with archive.open("content.xml", "w", force_zip64=True) as member:
            for chunk in content():
                member.write(chunk)
    return buffer.getvalue()


def ods_cell(v: object, repeat: int = 1) -> str:
    times = f' table:number-columns-repeated="{repeat}"' if repeat > 1 else ""
    if v is None:
        return f"<table:table-cell{times}/>"
    if isinstance(v, (int, float)):
        return f'<table:table-cell{times} office:value-type="float" office:value="{v}"><text:p>{v}</text:p></table:table-cell>'
    return f'<table:table-cell{times} office:value-type="string"><text:p>{_xml_text(v)}</text:p></table:table-cell>'


def ods_grid_rows(grid: list[list[object]]) -> Iterator[str]:
    for row in grid:
        yield "<table:table-row>" + "".join(ods_cell(v) for v in row) + "</table:table-row>"
    if not grid:
        yield "<table:table-row><table:table-cell/></table:table-row>"


# --------------------------------------------------------------------------------------------- the files


def far_cell_xlsx() -> bytes:
    """The corpus's return as people lay it out, and one value typed at XFD1048576."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = book.add_worksheet("Sheet1")
    for r, c, v in filled(FREE):
        sheet.write(r, c, v)
    sheet.write(1_048_575, 16_383, 1)
    book.close()
    return buffer.getvalue()


def far_cell_ods() -> bytes:
    def rows() -> Iterator[str]:
        yield from ods_grid_rows(FREE)
        yield f'<table:table-row table:number-rows-repeated="{1_000_000 - len(FREE)}"><table:table-cell/></table:table-row>'
        yield "<table:table-row>" + ods_cell(None, 16_000) + ods_cell("x") + "</table:table-row>"

    return raw_ods(ods_content({"Sheet1": rows}))


def repeated_ods(rows: int, columns: int) -> bytes:
    def table() -> Iterator[str]:
        yield f'<table:table-row table:number-rows-repeated="{rows}">{ods_cell(7, columns)}</table:table-row>'

    return raw_ods(ods_content({"Sheet1": table}))


def far_cell_xls() -> bytes:
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("Sheet1")
    for r, c, v in filled(FREE):
        sheet.write(r, c, v)
    sheet.write(65_535, 255, 1)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def far_field_csv() -> bytes:
    text = csv_text(FREE) + ";" * 3_000_000 + "x\r\n"
    return text.encode("utf-8")


def with_figure(value: object, cell: tuple[str, str] | None = None) -> bytes:
    return with_cell(workbook(a_return()), *(cell or case_cell("criminal", "new")), value)


HOSTILE: dict[str, tuple[Callable[[], tuple[str, bytes]], Expected]] = {
    "an .xlsx with one value typed at XFD1048576": (
        lambda: ("xa.xlsx", far_cell_xlsx()),
        Expected(READ, "sheet.far_cells", "XFD1048576", "ô XFD1048576 có số liệu nằm xa bảng, không được đọc"),
    ),
    "an .ods with a value a million rows and 16.000 columns away": (
        lambda: ("xa.ods", far_cell_ods()),
        Expected(READ, "sheet.far_cells", "WQK1000001", "có số liệu nằm xa bảng, không được đọc"),
    ),
    "a CSV with one line of three million separators": (
        lambda: ("dai.csv", far_field_csv()),
        # The far field is on the line after the free layout's grid, in column 3.000.001 (FNQVQ).
        Expected(READ, "sheet.far_cells", f"FNQVQ{len(FREE) + 1}", "có số liệu nằm xa bảng, không được đọc"),
    ),
    "a legacy .xls with one value typed at IV65536": (
        lambda: ("xa.xls", far_cell_xls()),
        Expected(READ, "sheet.far_cells", "IV65536", "ô IV65536 có số liệu nằm xa bảng, không được đọc"),
    ),
    "an .ods of 1.000.000 repeated rows × 100 repeated values": (
        lambda: ("lap.ods", repeated_ods(1_000_000, 100)),
        Expected(REFUSED, "file.too_many_cells", "", "ô có số liệu, vượt giới hạn 2.000.000 ô"),
    ),
    "an .ods of 100.000 repeated rows × 100 repeated values": (
        lambda: ("lap.ods", repeated_ods(100_000, 100)),
        Expected(REFUSED, "file.too_many_cells", "", "ô có số liệu, vượt giới hạn 2.000.000 ô"),
    ),
    "an .xlsx of 12 million cells without a reference": (
        lambda: (
            "khong_r.xlsx",
            raw_xlsx({"Sheet1": ("worksheets/sheet1.xml", cells_without_r(12_000, 1_000, b"<c><v>1</v></c>"))}),
        ),
        Expected(REFUSED, "file.too_many_cells", "", "ô có số liệu, vượt giới hạn 2.000.000 ô"),
    ),
    "an .xlsx of 16 million empty formatted cells without a reference": (
        lambda: (
            "dinh_dang.xlsx",
            raw_xlsx({"Sheet1": ("worksheets/sheet1.xml", cells_without_r(16_000, 1_000, b'<c s="1"/>'))}),
        ),
        Expected(REFUSED, "file.too_many_cells", "", "kể cả ô trống được định dạng"),
    ),
    "a sheet part not named .xml holding 3 million cells": (
        lambda: (
            "an.xlsx",
            raw_xlsx({"Sheet1": ("worksheets/data.bin", cells_without_r(3_000, 1_000, b"<c><v>1</v></c>"))}),
        ),
        Expected(REFUSED, "file.too_many_cells", "", "ô có số liệu, vượt giới hạn 2.000.000 ô"),
    ),
    "a return in a sheet part not named .xml": (
        lambda: ("an.xlsx", raw_xlsx({"Sheet1": ("worksheets/sheet1.dat", lambda: grid_rows(FREE))})),
        Expected(READ, "", "", ""),
    ),
    "a CSV of 9,9 MB of line breaks": (
        lambda: ("dong.csv", b"\n" * int(9.9 * MB)),
        Expected(REFUSED, "file.too_many_cells", "", "vượt giới hạn 2.000.000 ô"),
    ),
    "a figure of 1E+19": (
        lambda: ("lon.xlsx", with_figure(1e19)),
        Expected(REFUSED, "figure.implausible", "D5", "lớn hơn mức có thể có (10.000.000)"),
    ),
    "a figure of 1E+308": (
        lambda: ("lon.xlsx", with_figure(1e308)),
        Expected(REFUSED, "figure.implausible", "D5", "lớn hơn mức có thể có"),
    ),
    "a figure of 25 digits typed as text": (
        lambda: ("lon.xlsx", with_figure("1234567890123456789012345")),
        Expected(REFUSED, "figure.implausible", "D5", "ghi 1234567890123456789012345"),
    ),
    "a figure of 5E+18": (
        lambda: ("lon.xlsx", with_figure(5e18)),
        Expected(REFUSED, "figure.implausible", "D5", "lớn hơn mức có thể có"),
    ),
    "a court of 20.000 judges": (
        lambda: ("tham_phan.xlsx", with_figure(20_000, meta_cell("judges"))),
        Expected(REFUSED, "figure.implausible", "B7", "lớn hơn mức có thể có (10.000)"),
    ),
}


@functools.cache
def hostile_file(name: str) -> tuple[str, bytes]:
    """A file of the corpus, built once per test run."""
    return HOSTILE[name][0]()
