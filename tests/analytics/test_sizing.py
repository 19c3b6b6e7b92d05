"""The size scan agrees with what python-calamine really builds: the cases found by experiment, each checked
against calamine itself on a small file (so a new calamine that counts otherwise fails here)."""

from __future__ import annotations

import io

import pytest
import python_calamine as calamine
from xlsxwriter.utility import xl_rowcol_to_cell

from analytics.ingest import sizing
from analytics.ingest.workbook import open_book
from tests.analytics.corpus import FREE, xls
from tests.analytics.hostile import far_cell_xls, ods_cell, ods_content, raw_ods, raw_xlsx

XLSX_SHEETS = {
    "cells with references": '<row r="1"><c r="A1"><v>1</v></c><c r="C1"><v>2</v></c></row><row r="3"><c r="B3"><v>3</v></c></row>',
    "a dimension far away counts for nothing": '<row r="1"><c r="A1"><v>1</v></c></row>',
    "an empty formatted cell far away counts for nothing": '<row r="1"><c r="A1"><v>1</v></c></row><row r="50"><c r="Z50" s="1"/></row>',
    "a value far away counts": '<row r="1"><c r="A1"><v>1</v></c></row><row r="50"><c r="Z50"><v>9</v></c></row>',
    "cells without r follow the previous cell": '<row r="2"><c r="C2"><v>1</v></c><c><v>2</v></c></row><row><c><v>3</v></c></row>',
    "a row without r follows the previous row element": '<row><c r="B5"><v>1</v></c><c><v>2</v></c></row><row><c><v>3</v></c></row>',
    "an empty value counts for nothing": '<row r="1"><c r="A1"><v>1</v></c></row><row r="40"><c r="J40"><v></v></c></row>',
    "an empty inline string counts": '<row r="1"><c r="A1"><v>1</v></c></row><row r="40"><c r="J40" t="inlineStr"><is><t></t></is></c></row>',
    "a formula without a value counts for nothing": '<row r="1"><c r="A1"><v>1</v></c></row><row r="40"><c r="J40"><f>1+1</f></c></row>',
    "lower-case references": '<row r="1"><c r="a1"><v>1</v></c><c r="c2"><v>1</v></c></row>',
}


def calamine_shape(content: bytes) -> list[tuple[int, int]]:
    book = calamine.CalamineWorkbook.from_filelike(io.BytesIO(content))
    grids = [book.get_sheet_by_index(i).to_python(skip_empty_area=False) for i in range(len(book.sheet_names))]
    return [
        (len(g), max((len(r) for r in g), default=0)) if any(any(v != "" for v in r) for r in g) else (0, 0)
        for g in grids
    ]


@pytest.mark.parametrize("xml", XLSX_SHEETS.values(), ids=XLSX_SHEETS.keys())
def test_the_xlsx_scan_measures_the_grid_calamine_builds(xml):
    content = raw_xlsx({"S": ("worksheets/sheet1.xml", lambda: iter([xml.encode()]))})

    rows, cols = sizing.xlsx_positions(f"<sheetData>{xml}</sheetData>".encode(), 1000)
    size = sizing.bounded("S", rows, cols, 10**9)

    assert [(size.rows, size.cols)] == calamine_shape(content)


ODS_TABLES = {
    "trailing empty rows count for nothing": [ods_cell(1) + ods_cell(2), ("", 1_048_574)],
    "empty rows between values count": [ods_cell(1), ("", 10), ods_cell(2)],
    "repeated rows of values count each time": [(ods_cell(1) + ods_cell(2), 5)],
    "repeated values count each time": [ods_cell(1, 7)],
    "trailing empty cells count for nothing": [ods_cell(1) + ods_cell(None, 16_000)],
}


def ods_rows(spec: list) -> list[str]:
    rows = []
    for item in spec:
        cells, times = item if isinstance(item, tuple) else (item, 1)
        repeat = f' table:number-rows-repeated="{times}"' if times > 1 else ""
        rows.append(f"<table:table-row{repeat}>{cells or '<table:table-cell/>'}</table:table-row>")
    return rows


@pytest.mark.parametrize("spec", ODS_TABLES.values(), ids=ODS_TABLES.keys())
def test_the_ods_scan_measures_the_grid_calamine_builds(spec):
    content = raw_ods(ods_content({"S": lambda: iter(ods_rows(spec))}))
    xml = b"".join(ods_content({"S": lambda: iter(ods_rows(spec))})())

    [size] = sizing.size_ods("bc.ods", xml, 10**9).sheets

    assert [(size.rows, size.cols)] == calamine_shape(content)


def test_a_far_cell_is_left_out_and_named_while_the_table_is_kept():
    rows, cols = sizing.array.array("q", [0, 0, 5, 1_048_575]), sizing.array.array("q", [0, 9, 9, 16_383])

    size = sizing.bounded("S", rows, cols, 2_000_000)

    assert (size.keep, size.far, size.far_count) == ((6, 10), ("XFD1048576",), 1)


def test_a_legacy_xls_with_a_far_cell_gives_the_table_calamine_gives_without_it():
    book, problems = open_book("xa.xls", far_cell_xls())
    plain = calamine.CalamineWorkbook.from_filelike(io.BytesIO(xls({"Sheet1": FREE}))).get_sheet_by_index(0)

    assert problems == [] and [p.rule for p in book.notes] == ["sheet.far_cells"]
    assert book.sheets["Sheet1"] == plain.to_python(skip_empty_area=False)


def dense(rows: int, cols: int) -> tuple[sizing.array.array, sizing.array.array]:
    return (
        sizing.array.array("q", [r for r in range(rows) for _ in range(cols)]),
        sizing.array.array("q", [c for _ in range(rows) for c in range(cols)]),
    )


def a_return_sheet() -> tuple[sizing.array.array, sizing.array.array]:
    """A return as people lay it out: labels down column A, figures in 10 of 20 columns, titles, a signature at
    T60: 60 × 20 cells of which 310 are filled."""
    rows, cols = dense(30, 10)
    for r in range(30, 40):
        rows.append(r)
        cols.append(0)
    rows.append(59)
    cols.append(19)
    return rows, cols


def test_a_small_return_beside_a_large_register_is_read_whole_when_both_fit_together():
    found = [("Báo cáo", *a_return_sheet()), ("Sổ thụ lý", *dense(1_000, 1_000))]

    sizes = sizing._fit("bc.xlsx", found, 2_000_000)

    assert not sizes.problems
    assert [(s.name, s.keep, s.cells) for s in sizes.sheets] == [
        ("Báo cáo", None, 1_200),
        ("Sổ thụ lý", None, 1_000_000),
    ]


def test_a_register_with_a_far_cell_gives_up_its_far_cell_not_the_returns_rows():
    rows, cols = dense(1_000, 1_000)
    rows.append(1_048_575)
    cols.append(16_383)
    found = [("Báo cáo", *a_return_sheet()), ("Sổ thụ lý", rows, cols)]

    report, register = sizing._fit("bc.xlsx", found, 2_000_000).sheets

    assert report.keep is None and report.cells == 1_200
    assert register.keep == (1_000, 1_000) and register.far == ("XFD1048576",)


# The fast path of xlsx_positions against the walk it stands for. "fast": the fast path must take the part and
# find what the walk finds; "walk": the fast path must give it up to the walk.
PARTS = {
    "values": ("fast", '<row r="1"><c r="A1"><v>1</v></c><c r="C1" s="2" t="s"><v>0</v></c></row>'),
    "inline strings": ("fast", '<row r="2"><c r="B2" t="inlineStr"><is><t>Dân sự</t></is></c></row>'),
    "an empty inline string": ("fast", '<row r="2"><c r="B2" t="inlineStr"><is/></c><c r="C2"><is></is></c></row>'),
    "empty styled cells are not counted": ("fast", '<row r="3"><c r="A3" s="1"/><c r="Z9" s="4" t="n"/></row>'),
    "an empty value is not counted": ("fast", '<row r="1"><c r="A1"><v></v></c><c r="B1"><v>2</v></c></row>'),
    "a formula with and without its value": (
        "fast",
        '<row r="4"><c r="A4"><f>1+1</f><v>2</v></c><c r="B4"><f>A4</f></c></row>',
    ),
    "a text formula without a value counts": (
        "fast",
        '<row r="5"><c r="E5" t="str"><f>"a"</f></c><c r="F5" t="str"></c></row>',
    ),
    "a text type on a self-closed cell": ("fast", '<row r="5"><c r="E5" t="inlineStr"/></row>'),
    "lower-case and zero-led references": ("fast", '<row r="1"><c r="ab07"><v>1</v></c><c r="a1"><v>1</v></c></row>'),
    "the last cell of a sheet": ("fast", '<row r="1048576"><c r="XFD1048576"><v>9</v></c></row>'),
    "a row without r": ("fast", '<row><c r="B5"><v>1</v></c></row><row><c r="A9"><v>3</v></c></row>'),
    "spaces and line breaks inside a cell": ("fast", '<row r="1"><c r="A1" s="1"\n  t="n">\n <v>7</v>\n</c></row>'),
    "a value closed by a tag": ("fast", '<row r="1"><c r="A1"><v><x/></v></c></row>'),
    "a value after the cell's end is not its own": ("fast", '<row r="1"><c r="A1"><f>1</f></c><v>1</v></row>'),
    "cells without r": ("walk", '<row r="2"><c r="C2"><v>1</v></c><c><v>2</v></c></row><row><c><v>3</v></c></row>'),
    "r not the first attribute": ("walk", '<row r="1"><c s="1" r="B1"><v>1</v></c></row>'),
    "a reference of four letters": ("walk", '<row r="1"><c r="ABCD1"><v>1</v></c></row>'),
    "a reference without a row": ("walk", '<row r="1"><c r="A"><v>1</v></c><c r="B1"><v>1</v></c></row>'),
    "a line break before r": ("walk", '<row r="1"><c\nr="A1"><v>1</v></c></row>'),
    "a prefixed cell": ("walk", '<x:row r="1"><x:c r="A1"><x:v>1</x:v></x:c></x:row>'),
    "a prefixed value in a plain cell": ("walk", '<row r="1"><c r="A1"><x:v>1</x:v></c></row>'),
    "a cell inside another's body": ("walk", '<row r="1"><c r="A1"><c r="B1"><v>1</v></c></c></row>'),
    "a cell never closed": ("walk", '<row r="1"><c r="A1"><v>1</v></row><row r="2"><c r="B2"/></row>'),
    "a row start tag holding a cell": ("walk", '<row r="1" <c r="A1"><v>1</v></c></row>'),
    "no cells": ("fast", '<row r="1"/><row r="2"></row>'),
}


@pytest.mark.parametrize("route, xml", PARTS.values(), ids=PARTS.keys())
def test_the_fast_scan_finds_exactly_the_cells_the_walk_finds(route, xml):
    part = f'<worksheet><cols><col min="1" max="3"/></cols><sheetData>{xml}</sheetData><c r="Q1"/></worksheet>'.encode()

    fast = sizing._fast_positions(part, 1000)
    walked = sizing._walk_positions(part, 1000)

    assert ("walk" if fast is sizing._IRREGULAR else "fast") == route
    assert sizing.xlsx_positions(part, 1000) == walked
    if route == "fast":
        assert fast == walked


def test_the_fast_scan_stops_at_the_element_cap_as_the_walk_does():
    part = b"<sheetData>" + b'<row r="1"><c r="A1"/><c r="B1"><v>1</v></c><c r="C1"/></row>' + b"</sheetData>"

    assert [sizing._fast_positions(part, cap) is None for cap in (2, 3)] == [True, False]
    assert [sizing._walk_positions(part, cap) is None for cap in (2, 3)] == [True, False]


def test_the_fast_scan_agrees_with_the_walk_on_a_large_generated_sheet():
    shapes = [
        '<c r="{ref}"><v>{n}</v></c>',
        '<c r="{ref}" s="3" t="s"><v>{n}</v></c>',
        '<c r="{ref}" s="1"/>',
        '<c r="{ref}" t="inlineStr"><is><t>Hình sự {n}</t></is></c>',
        '<c r="{ref}"><f>SUM(A1:A{n})</f><v>{n}</v></c>',
        '<c r="{ref}"><f>B{n}</f></c>',
        '<c r="{ref}" t="str"><f>"x"</f></c>',
        '<c r="{ref}"><v></v></c>',
    ]

    def rows():
        for r in range(1, 2_001):
            cells = "".join(
                shapes[(r * 7 + c) % len(shapes)].format(ref=xl_rowcol_to_cell(r - 1, c * (r % 5 + 1)), n=r + c)
                for c in range(0, 60, 1 + r % 3)
            )
            yield f'<row r="{r}" spans="1:300">{cells}</row>'

    part = ("<worksheet><sheetData>" + "".join(rows()) + "</sheetData></worksheet>").encode()

    fast = sizing._fast_positions(part, 10**6)

    assert fast is not sizing._IRREGULAR and len(fast[0]) > 30_000
    assert fast == sizing._walk_positions(part, 10**6)
