"""Reading a return workbook: what the template writes reads back the same, even after a person rearranged it."""

from __future__ import annotations

import io

import openpyxl
import pandas as pd
import pytest

from analytics.ingest.layout import SHEET_ACTIVITY, SHEET_CASES, SHEET_META
from analytics.ingest.reader import read_return
from analytics.text import fold
from tests.analytics.builders import a_return, check_one, meta_cell, workbook

# Civil resolves 70 (not the builder's 80), so a figure read from the wrong row or column shows.
RETURN = a_return("son_la", "9", cases={"civil": {"resolved": 70}}, prepared_by="Cầm Thị Lan")


def rearranged(change) -> bytes:
    book = openpyxl.load_workbook(io.BytesIO(workbook(RETURN)))
    change(book)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_a_written_return_reads_back_with_the_same_figures():
    ret, problems = read_return("son_la_9.xlsx", workbook(RETURN))

    assert problems == []
    assert (ret.court, ret.year, ret.period, ret.prepared_by) == ("son_la", 2023, "9", "Cầm Thị Lan")
    pd.testing.assert_frame_equal(ret.cases, RETURN.cases)
    assert ret.court_figures == RETURN.court_figures


def test_every_figure_remembers_the_sheet_and_cell_it_was_read_from():
    ret, _ = read_return("son_la_9.xlsx", workbook(RETURN))

    assert ret.cells[("criminal", "carried_over")] == (SHEET_CASES, "C5")
    assert ret.cells[("civil", "resolved")] == (SHEET_CASES, "F6")
    assert ret.cells[("admin_measures", "defendants_resolved")] == (SHEET_CASES, "Q12")
    assert ret.cells[("total", "resolved")] == (SHEET_CASES, "F13")
    assert ret.cells[("court", "court")] == meta_cell("court") == (SHEET_META, "B4")
    assert ret.cells[("court", "units")] == (SHEET_META, "B8")
    assert ret.cells[("court", "enforcement_on_time")] == (SHEET_ACTIVITY, "B9")


def _swap_rows(sheet, a: int, b: int) -> None:
    for col in range(1, sheet.max_column + 1):
        first, second = sheet.cell(a, col), sheet.cell(b, col)
        first.value, second.value = second.value, first.value


def _swap_columns(sheet, a: int, b: int) -> None:
    for row in range(4, sheet.max_row + 1):  # below the merged title rows
        first, second = sheet.cell(row, a), sheet.cell(row, b)
        first.value, second.value = second.value, first.value


def _without_accents(sheet) -> None:
    for row in sheet.iter_rows(min_row=4):
        for cell in row:
            if isinstance(cell.value, str) and not cell.value.startswith("="):
                cell.value = fold(cell.value).upper()


REARRANGEMENTS = {
    "rows inserted above the case table": lambda book: book[SHEET_CASES].insert_rows(1, 3),
    "columns inserted before the case table": lambda book: book[SHEET_CASES].insert_cols(1, 2),
    "rows inserted above the fields": lambda book: book[SHEET_META].insert_rows(1, 2),
    "case-type rows swapped": lambda book: _swap_rows(book[SHEET_CASES], 5, 6),
    "measure columns swapped": lambda book: _swap_columns(book[SHEET_CASES], 3, 6),
    "labels without accents, upper case": lambda book: _without_accents(book[SHEET_CASES]),
}


@pytest.mark.parametrize("change", REARRANGEMENTS.values(), ids=REARRANGEMENTS.keys())
def test_a_rearranged_workbook_still_reads_each_figure_by_its_labels(change):
    checked = check_one("son_la_9.xlsx", rearranged(change))

    assert checked.ok, checked.problems
    assert checked.problems == []
    pd.testing.assert_frame_equal(checked.ret.cases, RETURN.cases)
    assert checked.ret.court_figures == RETURN.court_figures


def test_sheet_names_are_found_whatever_their_case_and_accents():
    def rename(book):
        book[SHEET_CASES].title = "VU VIEC"
        book[SHEET_META].title = "thong tin"

    checked = check_one("son_la_9.xlsx", rearranged(rename))

    assert checked.ok
    assert checked.ret.cells[("civil", "resolved")] == ("VU VIEC", "F6")


def test_a_totals_row_labelled_cong_is_checked_like_tong_cong():
    def relabel(book):
        book[SHEET_CASES]["B13"] = "Cộng"
        book[SHEET_CASES]["F13"] = 1

    checked = check_one("son_la_9.xlsx", rearranged(relabel))

    assert [(p.rule, p.cell, p.value) for p in checked.problems] == [("totals_row_matches_rows", "F13", "1")]


def test_a_row_that_is_not_a_case_type_is_an_error_naming_its_cell():
    def add_note(book):
        book[SHEET_CASES]["B15"] = "Án khác"

    checked = check_one("son_la_9.xlsx", rearranged(add_note))

    assert not checked.ok
    [problem] = checked.problems
    assert (problem.rule, problem.sheet, problem.cell) == ("cases.row_unknown", SHEET_CASES, "B15")
    assert "«Án khác» không phải là một loại án" in problem.message


def test_a_missing_required_column_is_an_error():
    def drop_column(book):
        book[SHEET_CASES]["F4"] = "Cột khác"

    checked = check_one("son_la_9.xlsx", rearranged(drop_column))

    assert not checked.ok
    [problem] = checked.problems
    assert (problem.rule, problem.sheet) == ("cases.column_missing", SHEET_CASES)
    assert "thiếu cột «Đã giải quyết»" in problem.message


def test_a_synthetic_return_is_read_as_sample_data():
    ret, _ = read_return("mau.xlsx", workbook(a_return(synthetic=True)))

    assert ret.synthetic
    assert not read_return("that.xlsx", workbook(a_return()))[0].synthetic
