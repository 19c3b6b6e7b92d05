"""The size scan agrees with what python-calamine really builds: the cases found by experiment, each checked
against calamine itself on a small file (so a new calamine that counts otherwise fails here)."""

from __future__ import annotations

import io

import pytest
import python_calamine as calamine

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
