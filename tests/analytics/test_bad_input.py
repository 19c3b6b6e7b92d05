"""A bad file is refused with a Vietnamese message that says where, and leaves the database as it was."""

from __future__ import annotations

import io

import openpyxl
import pandas as pd
import pytest

from analytics.ingest.layout import SHEET_CASES, SHEET_META
from tests.analytics.builders import (
    EMPTY_ROW,
    a_return,
    a_store,
    account,
    case_cell,
    check_one,
    database_state,
    imported,
    meta_cell,
    with_cell,
    with_cells,
    without_sheet,
    workbook,
)


def an_empty_workbook() -> bytes:
    buffer = io.BytesIO()
    openpyxl.Workbook().save(buffer)
    return buffer.getvalue()


def a_return_with(cell: tuple[str, str], value: object) -> bytes:
    return with_cell(workbook(a_return()), *cell, value)


BAD_FILES = [
    # id, file name, content, rule, sheet, cell, words of the Vietnamese message
    ("not a workbook", "x.xlsx", lambda: b"hello", "file.not_workbook", "", "", "không phải là bảng tính Excel"),
    (
        "a PDF",
        "bao_cao.pdf",
        lambda: b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n",
        "file.not_workbook",
        "",
        "",
        "không phải là bảng tính Excel",
    ),
    ("empty bytes", "rong.xlsx", lambda: b"", "file.empty", "", "", "Tệp rỗng (0 byte)"),
    ("an empty workbook", "trong.xlsx", an_empty_workbook, "file.no_data", "", "", "tất cả các sheet đều trống"),
    (
        "a missing sheet",
        "thieu.xlsx",
        lambda: without_sheet(workbook(a_return()), SHEET_CASES),
        "sheet.missing",
        SHEET_CASES,
        "",
        "Tệp không có sheet «Vụ việc»",
    ),
    (
        "a court outside the cluster",
        "ha_noi.xlsx",
        lambda: a_return_with(meta_cell("court"), "Hà Nội"),
        "meta.court_unknown",
        SHEET_META,
        "B4",
        "«Hà Nội» không phải là Tòa án của Cụm thi đua số II",
    ),
    (
        "a negative figure",
        "am.xlsx",
        lambda: a_return_with(case_cell("criminal", "new"), -5),
        "figure.negative",
        SHEET_CASES,
        "D5",
        "là số âm (-5)",
    ),
    (
        "a fractional figure",
        "le.xlsx",
        lambda: a_return_with(case_cell("criminal", "new"), 90.5),
        "figure.fractional",
        SHEET_CASES,
        "D5",
        "ghi 90,5: không phải số nguyên",
    ),
    (
        "resolved over accepted",
        "vuot.xlsx",
        lambda: a_return_with(case_cell("criminal", "resolved"), 101),
        "resolved_at_most_accepted",
        SHEET_CASES,
        "F5",
        "Đã giải quyết (101) không được lớn hơn Tổng số thụ lý (100)",
    ),
]
IDS = [case[0] for case in BAD_FILES]


@pytest.mark.parametrize(("_", "name", "content", "rule", "sheet", "cell", "words"), BAD_FILES, ids=IDS)
def test_a_bad_file_gets_a_vietnamese_message_naming_the_file_sheet_and_cell(
    _, name, content, rule, sheet, cell, words
):
    checked = check_one(name, content())

    assert not checked.ok
    [problem] = [p for p in checked.problems if p.rule == rule]
    assert (problem.severity, problem.file, problem.sheet, problem.cell) == ("error", name, sheet, cell)
    assert words in problem.message
    if sheet:
        assert f"«{sheet}»" in problem.message
    if cell:
        assert cell in problem.message
    assert problem.message_en and problem.message_en != problem.message


@pytest.mark.parametrize(("_", "name", "content", "rule", "sheet", "cell", "words"), BAD_FILES, ids=IDS)
def test_a_bad_file_leaves_the_database_unchanged(tmp_path, _, name, content, rule, sheet, cell, words):
    store = a_store(tmp_path)
    imported(store, "good.xlsx", workbook(a_return()), account(store, "tester"))
    before = database_state(store)

    outcome = imported(store, name, content(), account(store, "tester"))

    assert (outcome.status, outcome.saved, outcome.filename) == ("rejected", None, name)
    assert rule in outcome.problems["rule"].tolist()
    version, returns, uploads = database_state(store)
    assert version == before[0] == 1
    pd.testing.assert_frame_equal(returns, before[1])
    pd.testing.assert_frame_equal(uploads, before[2])
    assert len(returns) == 1


def test_a_file_name_is_shown_without_the_folders_of_the_computer_it_came_from():
    checked = check_one("C:\\Users\\thu ky\\Documents\\bao_cao.xlsx", b"hello")

    assert checked.filename == "bao_cao.xlsx"
    assert checked.problems[0].file == "bao_cao.xlsx"


def test_a_rejected_files_problem_table_lists_its_errors_before_the_notes_found_earlier():
    # The empty row is noted first (info), the breach is found later (two errors).
    edits = {case_cell("bankruptcy", measure): None for measure in EMPTY_ROW}
    content = with_cells(workbook(a_return()), edits | {case_cell("criminal", "resolved"): 101})

    table = check_one("vuot.xlsx", content).table()

    assert table[["severity", "rule", "cell"]].values.tolist() == [
        ["error", "pending_is_accepted_minus_resolved", "G5"],
        ["error", "resolved_at_most_accepted", "F5"],
        ["info", "row_empty_is_zero", "C11"],
    ]
