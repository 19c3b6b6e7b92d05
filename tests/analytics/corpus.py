"""A corpus of returns laid out the way courts really send them, each with the figures it must yield.

Every variant is built from the same return (Lai Châu, 6 months of 2023), so the expected figures are
the builder's; `VARIANTS` maps a sentence to (file name, bytes). Grids are written with XlsxWriter
(which stores a formula's cached value when given one), with odfpy as OpenDocument (.ods, what
LibreOffice saves), with xlwt as legacy Excel 97–2003 (.xls), or as CSV text in the encodings Excel writes.
"""

from __future__ import annotations

import csv
import io
import struct
import unicodedata
import zipfile
from collections.abc import Callable, Iterator

import pandas as pd
import xlsxwriter
import xlwt
from odf.opendocument import OpenDocumentSpreadsheet
from odf.table import Table, TableCell, TableRow
from odf.text import P

from analytics.domain import CASE_MEASURES, CASE_TYPE_KEYS, CASE_TYPES, COURT_MEASURES, court_by_key
from analytics.ingest.legacy_fonts import TCVN3_TO_UNICODE, VNI_TO_UNICODE
from analytics.records import Return
from tests.analytics.builders import a_return

RET = a_return("lai_chau", "6", cases={"civil": {"resolved": 70}, "family": {"new": 1234}})
TITLE = ["TÒA ÁN NHÂN DÂN TỈNH LAI CHÂU", "BÁO CÁO THỐNG KÊ 6 THÁNG NĂM 2023"]
GRID_MEASURES = [m.key for m in CASE_MEASURES]
USUAL = {m.key: m.label_vi for m in CASE_MEASURES}
ABBREVIATED = USUAL | {
    "accepted": "TS thụ lý",
    "resolved": "Đã GQ",
    "pending": "Tồn",
    "carried_over": "Cũ chuyển sang",
    "new": "Mới thụ lý",
    "overdue": "Án quá hạn",
    "suspended": "TĐC",
    "quashed_subjective": "Hủy chủ quan",
    "amended_subjective": "Sửa chủ quan",
    "quashed_total": "Bị hủy",
    "amended_total": "Bị sửa",
}
CASE_LABELS = {c.key: c.label_vi for c in CASE_TYPES}
SHORT_CASES = {
    "criminal": "HS",
    "civil": "DS",
    "family": "HNGĐ",
    "commercial": "KDTM",
    "labour": "LĐ",
    "administrative": "HC",
    "bankruptcy": "PS",
    "admin_measures": "BPXLHC",
}
COURT_LINES = [[m.label_vi, None] for m in COURT_MEASURES]
COURT_KEYS = [m.key for m in COURT_MEASURES]

Grid = list[list[object]]


def value(ret: Return, case_type: str, measure: str) -> object:
    v = ret.cases.at[case_type, measure]
    return None if pd.isna(v) else int(v)


def case_grid(
    ret: Return = RET,
    *,
    measures: dict[str, str] = USUAL,
    cases: dict[str, str] = CASE_LABELS,
    ordinal: bool = False,
    show: Callable[[object], object] = lambda v: v,
    totals: str | None = None,
    title: list[str] | None = None,
    left: int = 0,
    court_lines: bool = True,
) -> Grid:
    """A case table as people lay it out: optional title rows, ordinal column, totals row, court figures below."""
    pad = [None] * left
    grid: Grid = [pad + [t] for t in (TITLE if title is None else title)] + [[]]
    grid.append(pad + (["STT"] if ordinal else []) + ["Loại án"] + [measures[m] for m in GRID_MEASURES])
    for index, key in enumerate(CASE_TYPE_KEYS):
        grid.append(
            pad + ([index + 1] if ordinal else []) + [cases[key]] + [show(value(ret, key, m)) for m in GRID_MEASURES]
        )
    if totals:
        grid.append(
            pad + ([None] if ordinal else []) + [totals] + [show(int(ret.cases[m].sum())) for m in GRID_MEASURES]
        )
    if court_lines:
        grid += [[]] + [
            pad + [label, ret.court_figures[key]]
            for (label, _), key in zip(COURT_LINES, [m.key for m in COURT_MEASURES], strict=True)
        ]
    return grid


def filled(grid: Grid) -> Iterator[tuple[int, int, object]]:
    """Row, column and value of every cell of the grid that holds something."""
    for r, row in enumerate(grid):
        for c, v in enumerate(row):
            if v is not None:
                yield r, c, v


Merge = tuple[int, int, int, int]  # first row, first column, last row, last column (zero-based)


def xlsx(
    sheets: dict[str, Grid],
    formulas: dict[tuple[str, str], tuple[str, object]] | None = None,
    merges: dict[str, list[Merge]] | None = None,
) -> bytes:
    """An .xlsx workbook; `merges` merges cells as Excel does (the value kept in the first cell only)."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    for name, grid in sheets.items():
        sheet = book.add_worksheet(name)
        for r, c, v in filled(grid):
            sheet.write(r, c, v)
        for r1, c1, r2, c2 in (merges or {}).get(name, []):
            sheet.merge_range(r1, c1, r2, c2, grid[r1][c1])
        for (where_sheet, cell), (formula, cached) in (formulas or {}).items():
            if where_sheet == name:
                if cached is None:
                    sheet.write_formula(cell, formula)
                    sheet.write_formula(cell, formula, None, "")  # XlsxWriter writes <v></v>: no cached value
                else:
                    sheet.write_formula(cell, formula, None, cached)
    book.close()
    return buffer.getvalue()


def ods(sheets: dict[str, Grid], formulas: dict[tuple[str, str], tuple[str, object]] | None = None) -> bytes:
    """An OpenDocument spreadsheet; a formula (OpenFormula text, e.g. "of:=[.B5]+[.C5]") keeps its cached
    value when given one, as LibreOffice saves it, and has none when the cached value is None. Runs of empty
    rows and cells are written once with a repeat count, as LibreOffice writes them."""
    doc = OpenDocumentSpreadsheet()
    for name, grid in sheets.items():
        table = Table(name=name)
        r = 0
        while r < len(grid):
            if not any(v is not None for v in grid[r]):  # a run of empty rows, written once as LibreOffice does
                run = next((e for e in range(r, len(grid)) if any(v is not None for v in grid[e])), len(grid)) - r
                table.addElement(TableRow(numberrowsrepeated=run) if run > 1 else TableRow())
                r += run
                continue
            table_row = TableRow()
            c = 0
            while c < len(grid[r]):
                formula = (formulas or {}).get((name, xlsxwriter.utility.xl_rowcol_to_cell(r, c)))
                if grid[r][c] is None and formula is None:  # a run of empty cells, written once
                    run = next((e for e in range(c, len(grid[r])) if grid[r][e] is not None), len(grid[r])) - c
                    table_row.addElement(TableCell(numbercolumnsrepeated=run) if run > 1 else TableCell())
                    c += run
                    continue
                table_row.addElement(_ods_cell(grid[r][c], formula))
                c += 1
            table.addElement(table_row)
            r += 1
        doc.spreadsheet.addElement(table)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def _ods_cell(v: object, formula: tuple[str, object] | None) -> TableCell:
    if formula is not None:
        text, v = formula
        if v is None:
            return TableCell(formula=text)
        cell = TableCell(formula=text, valuetype="float", value=v)
    elif isinstance(v, (int, float)):
        cell = TableCell(valuetype="float", value=v)
    else:
        cell = TableCell(valuetype="string")
    cell.addElement(P(text=str(v)))
    return cell


def xls(sheets: dict[str, Grid], merges: dict[str, list[Merge]] | None = None) -> bytes:
    """A legacy Excel 97–2003 workbook (BIFF8 in an OLE compound file)."""
    book = xlwt.Workbook(encoding="utf-8")
    for name, grid in sheets.items():
        sheet = book.add_sheet(name)
        merged = (merges or {}).get(name, [])
        inside = {(r, c) for r1, c1, r2, c2 in merged for r in range(r1, r2 + 1) for c in range(c1, c2 + 1)}
        for r, c, v in filled(grid):
            if (r, c) not in inside:
                sheet.write(r, c, v)
        for r1, c1, r2, c2 in merged:
            sheet.write_merge(r1, r2, c1, c2, grid[r1][c1])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


_BIFF8_GLOBALS_BOF = b"\x09\x08\x10\x00\x00\x06\x05\x00"


def encrypted_xls() -> bytes:
    """What Excel 97–2003 writes for a workbook with a password to open: a FILEPASS record (RC4) right after
    the globals' BOF. Crafted from an xlwt workbook by overwriting the records that follow the BOF in place."""
    data = xls({"Sheet1": FREE})
    bof = data.index(_BIFF8_GLOBALS_BOF)
    start = bof + 4 + 16
    # The records xlwt writes next: INTERFACEHDR (2), MMS (2), INTERFACEEND (0), WRITEACCESS (112).
    replaced = 6 + 6 + 4 + 116
    filepass = struct.pack("<HHHHH", 0x002F, 54, 1, 1, 1) + bytes(48)  # RC4, version 1.1, salt and verifier
    filler = struct.pack("<HH", 0x00E1, replaced - len(filepass) - 4) + bytes(replaced - len(filepass) - 4)
    return data[:start] + filepass + filler + data[start + replaced :]


def csv_text(grid: Grid, delimiter: str = ";") -> str:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(
        [["" if v is None else v for v in row] for row in grid]
    )
    return buffer.getvalue()


def cp1258(text: str) -> bytes:
    """Text as Excel writes Windows-1258: base letters (with hat, breve, horn) plus a combining tone mark."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            decomposed = unicodedata.normalize("NFD", ch)
            tone = [m for m in decomposed if m in "\u0300\u0301\u0303\u0309\u0323"]
            base = unicodedata.normalize("NFC", "".join(m for m in decomposed if m not in tone))
            out += (base + "".join(tone)).encode("cp1258")
    return bytes(out)


def legacy(grid: Grid, table: dict[str, str]) -> Grid:
    reverse = {u: code for code, u in table.items() if len(u) == 1}
    longest = sorted(reverse, key=len, reverse=True)

    def encode(text: str) -> str:
        out = ""
        for ch in unicodedata.normalize("NFC", text):
            lower = ch.lower()
            out += reverse.get(ch) or reverse.get(lower) or ch
        return out

    del longest
    return [[encode(v) if isinstance(v, str) else v for v in row] for row in grid]


def transposed(grid: Grid) -> Grid:
    width = max(len(r) for r in grid)
    return [[r[c] if c < len(r) else None for r in grid] for c in range(width)]


def two_row_header() -> Grid:
    grid = case_grid(title=TITLE)
    header = grid[3]
    groups = {
        "carried_over": ("Thụ lý", "Cũ"),
        "new": (None, "Mới"),
        "accepted": (None, "Tổng"),
        "resolved": ("Đã giải quyết", None),
        "pending": ("Còn lại", None),
    }
    top, sub = [], []
    for index, label in enumerate(header):
        key = GRID_MEASURES[index - 1] if index else None
        t, s = groups.get(key, (label, None))
        top.append(t)
        sub.append(s)
    return grid[:3] + [top, sub] + grid[4:]


# Headers whose sub-columns only make sense with their group, as court statisticians draw them: each column is
# (group, sub-label, measure); None for a group means the heading spans both header rows (a vertical merge).
GROUPED_COLUMNS: list[tuple[str | None, str, str | None]] = [
    (None, "STT", None),
    (None, "Loại án", None),
    ("Thụ lý", "Cũ", "carried_over"),
    ("Thụ lý", "Mới", "new"),
    ("Thụ lý", "Tổng số", "accepted"),
    ("Giải quyết", "Tổng số", "resolved"),
    ("Giải quyết", "Tỷ lệ (%)", None),
    ("Còn lại", "Tổng số", "pending"),
    ("Còn lại", "Quá hạn", "overdue"),
    ("Còn lại", "Tạm đình chỉ", "suspended"),
    ("Hủy, sửa do nguyên nhân chủ quan", "Hủy", "quashed_subjective"),
    ("Hủy, sửa do nguyên nhân chủ quan", "Sửa", "amended_subjective"),
    ("Bị hủy, sửa (mọi nguyên nhân)", "Hủy", "quashed_total"),
    ("Bị hủy, sửa (mọi nguyên nhân)", "Sửa", "amended_total"),
    ("Hòa giải, đối thoại", "Tổng số", "mediation_handled"),
    ("Hòa giải, đối thoại", "Thành", "mediation_success"),
    ("Bị cáo", "Thụ lý", "defendants_accepted"),
    ("Bị cáo", "Giải quyết", "defendants_resolved"),
]


def grouped_header(ret: Return = RET, blank: bool = True) -> tuple[Grid, list[Merge]]:
    """A case table under a two-row header of merged group cells, a row numbering the columns "(1)", "(2)"…
    and a rate column the app computes itself; with the merges Excel would hold. Without `blank` the header
    follows the title with no empty row between."""
    top = 3 if blank else 2
    groups: list[str | None] = [g for g, _, _ in GROUPED_COLUMNS]
    header = [g if g is not None else sub for g, sub, _ in GROUPED_COLUMNS]
    sub = [sub if g is not None else None for g, sub, _ in GROUPED_COLUMNS]
    for col in range(1, len(groups)):
        if groups[col] is not None and groups[col] == groups[col - 1]:
            header[col] = None  # a merged cell's text is in its first column only
    merges: list[Merge] = []
    for col, group in enumerate(groups):
        if group is None:
            merges.append((top, col, top + 1, col))
        elif col == 0 or groups[col - 1] != group:
            span = next((c for c in range(col, len(groups)) if groups[c] != group), len(groups)) - 1
            merges.append((top, col, top, span))
    numbering = [f"({i + 1})" for i in range(len(GROUPED_COLUMNS))]
    grid: Grid = [[TITLE[0]], [TITLE[1]]] + ([[]] if blank else []) + [header, sub, numbering]
    for index, key in enumerate(CASE_TYPE_KEYS):
        row: list[object] = [index + 1, CASE_LABELS[key]]
        for *_, measure in GROUPED_COLUMNS[2:]:
            if measure is not None:
                row.append(value(ret, key, measure))
            else:  # the resolution rate, as the court computed it
                row.append(round(100 * value(ret, key, "resolved") / value(ret, key, "accepted"), 1))
        grid.append(row)
    grid += [[]] + [[label, ret.court_figures[key]] for (label, _), key in zip(COURT_LINES, COURT_KEYS, strict=True)]
    return grid, merges


def three_row_header() -> Grid:
    """ "Còn lại" over "Tổng số" (spanning two rows) and "Trong đó" over "Quá hạn" | "TĐC"."""
    grid = case_grid(title=TITLE)
    labels = grid[3]
    at = {key: labels.index(USUAL[key]) for key in ("pending", "overdue", "suspended")}
    rows: list[list[object]] = [list(labels), [None] * len(labels), [None] * len(labels)]
    for key in ("pending", "overdue", "suspended"):
        rows[0][at[key]] = None
    rows[0][at["pending"]], rows[1][at["pending"]] = "Còn lại", "Tổng số"
    rows[1][at["overdue"]], rows[2][at["overdue"]], rows[2][at["suspended"]] = "Trong đó", "Quá hạn", "TĐC"
    return grid[:3] + rows + grid[4:]


COURT_ABBREVIATIONS = USUAL | {
    "carried_over": "TL cũ",
    "new": "TL mới",
    "accepted": "TSTL",
    "resolved": "GQ",
    "pending": "CL",
    "overdue": "QH",
    "suspended": "TĐC",
    "quashed_subjective": "Hủy CQ",
    "amended_subjective": "Sửa CQ",
    "quashed_total": "Án bị hủy",
    "amended_total": "Án bị sửa",
    "mediation_handled": "HG, ĐT",
    "mediation_success": "HG, ĐT thành",
    "defendants_accepted": "BC thụ lý",
    "defendants_resolved": "BC giải quyết",
}
SPLIT = ("criminal", "civil", "administrative")  # the case types a court reports by stage


def split(figures: list[object]) -> tuple[list[object], list[object]]:
    """A case-type row's figures (in `GRID_MEASURES` order) as a first-instance and an appeal row, each consistent
    on its own: the appeal a quarter of each count, its accepted and pending following from its flows; the first
    instance the rest. Empty stays empty."""
    total = dict(zip(GRID_MEASURES, figures, strict=True))
    appeal = {m: None if v is None else v // 4 for m, v in total.items()}
    appeal["accepted"] = appeal["carried_over"] + appeal["new"]
    appeal["pending"] = appeal["accepted"] - appeal["resolved"]
    first = {m: None if v is None else v - appeal[m] for m, v in total.items()}
    return [first[m] for m in GRID_MEASURES], [appeal[m] for m in GRID_MEASURES]


def staged(own: str, ret: Return = RET, labels: tuple[str, str] = ("- Sơ thẩm", "- Phúc thẩm")) -> Grid:
    """Criminal, civil and administrative cases on one row per stage of proceedings, under the case type's own row
    (`own` "filled": its figures typed, "empty": left empty) or, with `own` "none", without it: the labels then say
    the case type and the stage ("Dân sự sơ thẩm")."""
    grid = case_grid(ret, title=TITLE)
    out = grid[:4]
    for row in grid[4 : 4 + len(CASE_TYPE_KEYS)]:
        key = next(k for k in CASE_TYPE_KEYS if CASE_LABELS[k] == row[0])
        if key not in SPLIT:
            out.append(row)
            continue
        halves = split(row[1:])
        if own != "none":
            out.append(row if own == "filled" else [row[0]])
        for half, label in zip(halves, labels, strict=True):
            name = label if own != "none" else f"{row[0]} {label.removeprefix('- ').lower()}"
            out.append([name, *half])
    return out + grid[4 + len(CASE_TYPE_KEYS) :]


def stage_column(ret: Return = RET) -> Grid:
    """The stage in a column of its own right of the case type ("Cấp xét xử"): the case type's row says "Tổng số",
    the rows under it "Sơ thẩm" and "Phúc thẩm" with the case-type cell left empty (merged, as people draw it)."""
    grid = case_grid(ret, title=TITLE)
    out = grid[:3] + [[grid[3][0], "Cấp xét xử", *grid[3][1:]]]
    for index, row in enumerate(grid[4 : 4 + len(CASE_TYPE_KEYS)]):
        out.append([f"{index + 1}. {row[0]}", "Tổng số", *row[1:]])
        if CASE_TYPE_KEYS[index] in SPLIT:
            out += [[None, stage, *half] for half, stage in zip(split(row[1:]), ("Sơ thẩm", "Phúc thẩm"), strict=True)]
    return out + grid[4 + len(CASE_TYPE_KEYS) :]


def numbered_parts(ret: Return = RET) -> Grid:
    """Numbered rows and sub-rows: "1. Hình sự" left empty, "1.1 Sơ thẩm" and "1.2. Phúc thẩm" under it."""
    grid = staged("empty", ret)
    number, sub = 0, 0
    for row in grid[4:]:
        if row and row[0] in CASE_LABELS.values():
            number, sub = number + 1, 0
            row[0] = f"{number}. {row[0]}"
        elif row and isinstance(row[0], str) and row[0].startswith("- "):
            sub += 1
            row[0] = f"{number}.{sub}{'.' if sub == 2 else ''} {row[0][2:]}"
    return grid


def stage_sections(ret: Return = RET) -> Grid:
    """The case types listed twice, under a first-instance heading and an appeal heading."""
    grid = case_grid(ret, title=TITLE)
    body = grid[4 : 4 + len(CASE_TYPE_KEYS)]
    first = [[row[0], *split(row[1:])[0]] for row in body]
    appeal = [[row[0], *split(row[1:])[1]] for row in body]
    return grid[:4] + [["I. SƠ THẨM"]] + first + [["II. PHÚC THẨM"]] + appeal + grid[4 + len(CASE_TYPE_KEYS) :]


def parts_that_disagree() -> Grid:
    """Criminal cases on a first-instance and an appeal row that add up to 1 fewer resolved than its own row."""
    grid = staged("filled")
    appeal = next(r for r, row in enumerate(grid) if row and row[0] == "- Phúc thẩm")
    grid[appeal] = list(grid[appeal])
    grid[appeal][1 + GRID_MEASURES.index("resolved")] -= 1
    return grid


def per_court_workbook(layout: str) -> tuple[bytes, dict[str, Return]]:
    """A compiled cluster workbook: one sheet per court, or one block of rows per court on one sheet."""
    keys = ["lai_chau", "lao_cai", "dien_bien", "son_la", "yen_bai", "phu_tho", "hoa_binh"]
    rets = {k: a_return(k, "6", cases={"criminal": {"new": 90 + i}}) for i, k in enumerate(keys)}
    blocks = {
        k: case_grid(
            r, title=[f"TÒA ÁN NHÂN DÂN TỈNH {court_by_key(k).short_vi.upper()}", "BÁO CÁO THỐNG KÊ 6 THÁNG NĂM 2023"]
        )
        for k, r in rets.items()
    }
    if layout == "sheets":
        return xlsx({court_by_key(k).short_vi: g for k, g in blocks.items()}), rets
    return xlsx({"Tổng hợp Cụm": [row for g in blocks.values() for row in g + [[], []]]}), rets


def national_workbook(units: int = 700) -> bytes:
    """A national-scale workbook: `units` blocks of rows, one per court unit (named after the cluster's courts in turn)."""
    keys = ["lai_chau", "lao_cai", "dien_bien", "son_la", "yen_bai", "phu_tho", "hoa_binh"]
    rows: Grid = []
    for index in range(units):
        key = keys[index % len(keys)]
        rows += case_grid(
            a_return(key, "6"),
            title=[f"Đơn vị {index + 1}: TAND tỉnh {court_by_key(key).short_vi}", "BÁO CÁO 6 THÁNG NĂM 2023"],
        ) + [[]]
    return xlsx({"Toàn quốc": rows})


def zip_bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b'<c r="A1"/>' * 30_000_000)
    return buffer.getvalue()


def encrypted_xlsx() -> bytes:
    """What Excel writes for a password-protected .xlsx: an OLE compound file with an EncryptionInfo stream."""
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504 + "EncryptionInfo".encode("utf-16-le") + b"\x00" * 2048


FREE = case_grid()
VARIANTS: dict[str, Callable[[], tuple[str, bytes]]] = {
    "title rows above the table": lambda: ("bc.xlsx", xlsx({"Sheet1": FREE})),
    "blank rows and columns before the table": lambda: ("bc.xlsx", xlsx({"Sheet1": [[], [], []] + case_grid(left=3)})),
    "notes below the table": lambda: (
        "bc.xlsx",
        xlsx(
            {"Sheet1": FREE + [[], ["Ghi chú: số liệu do Văn phòng tổng hợp."], ["Người lập biểu", None, "Chánh án"]]}
        ),
    ),
    "the table on the third sheet of any name": lambda: (
        "bc.xlsx",
        xlsx({"Bìa": [["Báo cáo"]], "Trang 2": [[]], "Số liệu": FREE}),
    ),
    "case types as columns": lambda: (
        "bc.xlsx",
        xlsx(
            {
                "Sheet1": [[t] for t in TITLE]
                + [[]]
                + transposed(case_grid(court_lines=False, title=[]))
                + case_grid(title=TITLE)[-9:]
            }
        ),
    ),
    "an ordinal column": lambda: ("bc.xlsx", xlsx({"Sheet1": case_grid(ordinal=True)})),
    "labels in capitals without diacritics": lambda: (
        "bc.xlsx",
        xlsx(
            {
                "Sheet1": [
                    [
                        unicodedata.normalize("NFD", v.replace("đ", "d").replace("Đ", "D"))
                        .encode("ascii", "ignore")
                        .decode()
                        .upper()
                        if isinstance(v, str)
                        else v
                        for v in row
                    ]
                    for row in FREE
                ]
            }
        ),
    ),
    "labels in NFD Unicode": lambda: (
        "bc.xlsx",
        xlsx({"Sheet1": [[unicodedata.normalize("NFD", v) if isinstance(v, str) else v for v in row] for row in FREE]}),
    ),
    "abbreviated labels": lambda: ("bc.xlsx", xlsx({"Sheet1": case_grid(measures=ABBREVIATED, cases=SHORT_CASES)})),
    "labels with line breaks and extra spaces": lambda: (
        "bc.xlsx",
        xlsx({"Sheet1": case_grid(measures={k: "  " + v.replace(" ", "\n", 1) + " " for k, v in USUAL.items()})}),
    ),
    "a two-row header with merged group cells": lambda: ("bc.xlsx", xlsx({"Sheet1": two_row_header()})),
    "a totals row labelled Cộng": lambda: ("bc.xlsx", xlsx({"Sheet1": case_grid(totals="Cộng")})),
    "numbers typed as Vietnamese text": lambda: (
        "bc.xlsx",
        xlsx({"Sheet1": case_grid(show=lambda v: None if v is None else f"{v:,}".replace(",", "."))}),
    ),
    "numbers with spaces between thousands": lambda: (
        "bc.xlsx",
        xlsx({"Sheet1": case_grid(show=lambda v: None if v is None else f"{v:,}".replace(",", "\u00a0"))}),
    ),
    "formulas with cached values": lambda: ("bc.xlsx", xlsx({"Sheet1": FREE}, {("Sheet1", "D5"): ("=B5+C5", 100)})),
    "court and period only in the file name": lambda: (
        "lai_chau_2023_6thang.xlsx",
        xlsx({"Sheet1": case_grid(title=[])}),
    ),
    "period from a date range": lambda: (
        "bc.xlsx",
        xlsx({"Sheet1": case_grid(title=["TAND tỉnh Lai Châu", "Từ ngày 01/10/2022 đến ngày 31/03/2023"])}),
    ),
    "CSV in UTF-8 with BOM": lambda: ("bc.csv", "\ufeff".encode() + csv_text(FREE).encode("utf-8")),
    "CSV in UTF-8 without BOM, comma-separated": lambda: ("bc.csv", csv_text(FREE, ",").encode("utf-8")),
    "CSV in UTF-16 as Excel's Unicode text": lambda: ("bc.txt", csv_text(FREE, "\t").encode("utf-16")),
    "CSV in Windows-1258": lambda: ("bc.csv", cp1258(csv_text(FREE))),
    "text typed in TCVN3": lambda: ("bc.xlsx", xlsx({"Sheet1": legacy(FREE, TCVN3_TO_UNICODE)})),
    "text typed in VNI": lambda: ("bc.xlsx", xlsx({"Sheet1": legacy(FREE, VNI_TO_UNICODE)})),
    "an .xlsm workbook": lambda: ("bc.xlsm", xlsx({"Sheet1": FREE})),
    "an OpenDocument .ods saved by LibreOffice": lambda: ("bc.ods", ods({"Sheet1": FREE})),
    "an .ods with formulas and their calculated values": lambda: (
        "bc.ods",
        ods({"Sheet1": FREE}, {("Sheet1", "D5"): ("of:=[.B5]+[.C5]", 100)}),
    ),
    "a legacy Excel 97-2003 .xls": lambda: ("bc.xls", xls({"Số liệu": FREE})),
    "a legacy .xls with a two-row header": lambda: ("bc.xls", xls({"Sheet1": two_row_header()})),
    "groups over sub-columns (Thụ lý: Cũ | Mới | Tổng số; Hủy, sửa chủ quan: Hủy | Sửa), merged": lambda: (
        "bc.xlsx",
        xlsx({"Sheet1": grouped_header()[0]}, merges={"Sheet1": grouped_header()[1]}),
    ),
    "groups over sub-columns in a legacy .xls, merged": lambda: (
        "bc.xls",
        xls({"Sheet1": grouped_header()[0]}, merges={"Sheet1": grouped_header()[1]}),
    ),
    "groups over sub-columns in an .ods": lambda: ("bc.ods", ods({"Sheet1": grouped_header()[0]})),
    "groups over sub-columns right under the title": lambda: (
        "bc.xlsx",
        xlsx({"Sheet1": grouped_header(blank=False)[0]}, merges={"Sheet1": grouped_header(blank=False)[1]}),
    ),
    "the header right under the title, no empty row between": lambda: (
        "bc.xlsx",
        xlsx({"Sheet1": FREE[:2] + FREE[3:]}),
    ),
    "a three-row header (Còn lại: Tổng số | Trong đó: Quá hạn | TĐC)": lambda: (
        "bc.xlsx",
        xlsx({"Sheet1": three_row_header()}),
    ),
    "courts' abbreviations (HG, ĐT; HG, ĐT thành; TĐC; GQ; TSTL…)": lambda: (
        "bc.xlsx",
        xlsx({"Sheet1": case_grid(measures=COURT_ABBREVIATIONS, cases=SHORT_CASES)}),
    ),
    "first-instance and appeal rows under an empty case-type row": lambda: (
        "bc.xlsx",
        xlsx({"Sheet1": staged("empty")}),
    ),
    "first-instance and appeal rows under the case-type row that holds their sum": lambda: (
        "bc.xlsx",
        xlsx({"Sheet1": staged("filled")}),
    ),
    "case type and stage in one label (Hình sự sơ thẩm, Hình sự phúc thẩm)": lambda: (
        "bc.xlsx",
        xlsx({"Sheet1": staged("none")}),
    ),
    "the stage in a column of its own beside the case type": lambda: ("bc.xlsx", xlsx({"Sheet1": stage_column()})),
    "numbered sub-rows (1.1 Sơ thẩm, 1.2. Phúc thẩm) under an empty row": lambda: (
        "bc.xlsx",
        xlsx({"Sheet1": numbered_parts()}),
    ),
    "case types listed again under first-instance and appeal headings": lambda: (
        "bc.xlsx",
        xlsx({"Sheet1": stage_sections()}),
    ),
}

REFUSED: dict[str, tuple[Callable[[], tuple[str, bytes]], str]] = {
    "not a spreadsheet": (lambda: ("bc.xlsx", b"%PDF-1.7\n%%EOF\n"), "file.not_workbook"),
    "a truncated workbook": (lambda: ("bc.xlsx", xlsx({"Sheet1": FREE})[:3000]), "file.corrupt"),
    "a password-protected workbook": (lambda: ("bc.xlsx", encrypted_xlsx()), "file.encrypted"),
    "a password-protected legacy .xls": (lambda: ("bc.xls", encrypted_xls()), "file.encrypted"),
    "an OLE file that is no workbook (a Word .doc renamed .xls)": (
        lambda: ("bc.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504 + "WordDocument".encode("utf-16-le")),
        "file.not_workbook",
    ),
    "a file over the size limit": (
        lambda: ("bc.xlsx", b"PK\x03\x04" + b"\x00" * (10 * 1024 * 1024 + 1)),
        "file.too_large",
    ),
    "a zip bomb": (lambda: ("bc.xlsx", zip_bomb()), "file.too_big_unpacked"),
    "a formula without a cached value": (
        lambda: ("bc.xlsx", xlsx({"Sheet1": FREE}, {("Sheet1", "D5"): ("=B5+C5", None)})),
        "formula.uncached",
    ),
    "an .ods formula without a calculated value": (
        lambda: ("bc.ods", ods({"Sheet1": FREE}, {("Sheet1", "D5"): ("of:=[.B5]+[.C5]", None)})),
        "formula.uncached",
    ),
    "an ambiguous column heading": (
        lambda: ("bc.xlsx", xlsx({"Sheet1": case_grid(measures=USUAL | {"defendants_accepted": "Bị cáo"})})),
        "cases.column_ambiguous",
    ),
    "first-instance and appeal rows that do not add up to their case type's row": (
        lambda: ("bc.xlsx", xlsx({"Sheet1": parts_that_disagree()})),
        "cases.parts_differ",
    ),
    "one case type's row twice": (
        lambda: ("bc.xlsx", xlsx({"Sheet1": FREE[:5] + [FREE[4]] + FREE[5:]})),
        "cases.row_repeated",
    ),
    "no court anywhere": (
        lambda: ("bc.xlsx", xlsx({"Sheet1": case_grid(title=["BÁO CÁO 6 THÁNG NĂM 2023"])})),
        "identity.missing",
    ),
}
