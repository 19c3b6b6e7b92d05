"""The upload report says for every figure the cells it came from: typed, "-" or empty counted as 0, derived
from other cells, or added to a stored return — and the rule on empty cells and "-" both ways."""

from __future__ import annotations

import io

import openpyxl
import pytest

from analytics.domain import CASE_TYPE_KEYS as CASE_KEYS
from analytics.ingest.layout import SHEET_ACTIVITY, SHEET_CASES
from analytics.ingest.report import presented, report_xlsx, upload_report
from analytics.ingest.template import INSTRUCTIONS
from analytics.outputs.export import count_format
from analytics.records import ERROR, WARNING
from tests.analytics.builders import (
    EMPTY_ROW,
    a_return,
    a_store,
    account,
    case_cell,
    check_one,
    checked_parts,
    imported_all,
    with_cells,
    workbook,
)
from tests.analytics.corpus import FREE, per_court_workbook, xlsx

FILE = "lai_chau_12.xlsx"


def typed(edits: dict[tuple[str, str], object], ret=None) -> bytes:
    """The builder's valid workbook with some case cells typed over: (case type, measure) → value."""
    return with_cells(workbook(ret or a_return()), {case_cell(*key): value for key, value in edits.items()})


def figure(report, scope: str, measure: str) -> list[str]:
    row = report[(report["kind"] == "figure") & (report["scope"] == scope) & (report["measure"] == measure)]
    [found] = row[["value", "sheet", "cell", "message"]].values.tolist()
    return found


def rules(checked) -> list[tuple[str, str, str]]:
    return [(p.severity, p.rule, p.cell) for p in checked.problems]


# --- "-" and empty cells: where they count as 0 -------------------------------------------------------


def test_a_dash_counts_as_zero_and_the_report_names_its_cell():
    checked = check_one(FILE, typed({("criminal", "overdue"): "-"}))

    assert checked.ok and checked.problems == []
    assert checked.ret.cases.at["criminal", "overdue"] == 0
    assert figure(upload_report(checked), "Hình sự", "Quá hạn luật định") == [
        "0",
        SHEET_CASES,
        "H5",
        "ô ghi «-»: tính là 0",
    ]


def test_an_empty_usually_zero_cell_counts_as_zero_and_the_report_says_so():
    checked = check_one(FILE, typed({("criminal", "suspended"): None}))

    assert checked.ok
    assert figure(upload_report(checked), "Hình sự", "Tạm đình chỉ") == ["0", SHEET_CASES, "I5", "ô trống: tính là 0"]


@pytest.mark.parametrize(
    ("typed_value", "ok", "carried_over", "rule"),
    [
        # An empty carried-over is derived from accepted − new; a dash is an explicit 0, so 0 + 90 ≠ 100.
        (None, True, 10, "derived"),
        ("-", False, 0, "accepted_is_carried_over_plus_new"),
    ],
)
def test_a_dash_in_a_flow_is_zero_while_an_empty_flow_is_derived(typed_value, ok, carried_over, rule):
    checked = check_one(FILE, typed({("criminal", "carried_over"): typed_value}))

    assert checked.ok is ok
    assert rule in [p.rule for p in checked.problems]
    if ok:
        assert checked.ret.cases.at["criminal", "carried_over"] == carried_over


def test_a_row_of_dashes_counts_as_zero_and_the_report_names_each_cell():
    checked = check_one(FILE, typed(dict.fromkeys((("bankruptcy", m) for m in EMPTY_ROW), "-")))

    assert checked.ok and checked.problems == []
    assert checked.ret.cases.loc["bankruptcy", ["carried_over", "new", "resolved", "overdue"]].tolist() == [0, 0, 0, 0]
    assert figure(upload_report(checked), "Phá sản", "Thụ lý mới") == ["0", SHEET_CASES, "D11", "ô ghi «-»: tính là 0"]


def test_an_empty_row_counts_as_zero_and_the_report_gives_the_rows_range():
    checked = check_one(FILE, typed(dict.fromkeys((("bankruptcy", m) for m in EMPTY_ROW), None)))

    assert checked.ok
    assert figure(upload_report(checked), "Phá sản", "Đã giải quyết") == [
        "0",
        SHEET_CASES,
        "C11:K11",
        "dòng để trống: tính là 0",
    ]


def test_a_dash_in_an_activity_figure_is_zero_not_a_missing_figure():
    content = with_cells(workbook(a_return()), {(SHEET_ACTIVITY, "B4"): "-"})

    checked = check_one(FILE, content)

    assert checked.ok and checked.problems == []
    assert checked.ret.court_figures["online_hearings"] == 0


# --- where they are an error -------------------------------------------------------------------------


def test_a_usually_zero_column_left_empty_in_every_row_is_an_error_naming_the_column():
    checked = check_one(FILE, typed(dict.fromkeys(((c, "overdue") for c in CASE_KEYS), None)))

    assert not checked.ok
    [problem] = [p for p in checked.problems if p.rule == "column_empty"]
    assert (problem.severity, problem.sheet, problem.cell) == (ERROR, SHEET_CASES, "H5:H12")
    assert "«Quá hạn luật định» để trống ở mọi dòng" in problem.message and "ghi 0 (hoặc «-»)" in problem.message
    assert not [p for p in checked.problems if p.rule == "cell_empty_is_zero"]


def test_the_same_column_filled_with_dashes_is_zero():
    checked = check_one(FILE, typed(dict.fromkeys(((c, "overdue") for c in CASE_KEYS), "-")))

    assert checked.ok and checked.problems == []
    assert checked.ret.cases["overdue"].tolist() == [0] * len(CASE_KEYS)


def test_a_case_type_without_its_row_is_a_warning_and_counts_as_zero():
    rows = [row for row in FREE if not (row and row[0] == "Phá sản")]

    checked = check_one("bc.xlsx", xlsx({"Sheet1": rows}))

    assert checked.ok
    [problem] = [p for p in checked.problems if p.rule == "cases.row_missing"]
    assert (problem.severity, problem.sheet, problem.cell) == (WARNING, "Sheet1", "A5:A11")
    assert "không có dòng «Phá sản» — tính là 0" in problem.message
    assert checked.ret.cases.loc["bankruptcy", ["carried_over", "new", "resolved", "overdue"]].tolist() == [0] * 4
    report = upload_report(checked)
    figure = report[(report["kind"] == "figure") & (report["scope"] == "Phá sản") & (report["measure"] == "Thụ lý cũ")]
    assert figure[["value", "message"]].values.tolist() == [["0", "không có dòng loại án này: tính là 0"]]


def test_the_missing_row_added_with_dashes_reads():
    rows = [["Phá sản", *["-"] * 5] if row and row[0] == "Phá sản" else row for row in FREE]

    checked = check_one("bc.xlsx", xlsx({"Sheet1": rows}))

    assert checked.ok, checked.table()[["rule", "cell", "message"]].to_string()
    assert checked.ret.cases.loc["bankruptcy", ["carried_over", "accepted", "pending", "overdue"]].tolist() == [0] * 4


def test_the_templates_instructions_state_the_rule():
    text = "\n".join(INSTRUCTIONS)

    assert "Ô ghi «-» luôn là 0." in text
    assert "một cột để trống ở mọi dòng có số liệu" in text
    assert "Thiếu hẳn dòng của một loại án: tính là 0" in text


# --- derived and added-up figures show the cells they come from ----------------------------------------


@pytest.mark.parametrize(
    ("measure", "label", "cells", "how"),
    [
        ("accepted", "Tổng số thụ lý", "C5+D5", "tính ra: Tổng số thụ lý = Thụ lý cũ + Thụ lý mới (ô E5 để trống)"),
        ("carried_over", "Thụ lý cũ", "E5-D5", "tính ra: Tổng số thụ lý = Thụ lý cũ + Thụ lý mới (ô C5 để trống)"),
        ("pending", "Còn lại", "E5-F5", "tính ra: Tổng số thụ lý = Còn lại + Đã giải quyết (ô G5 để trống)"),
    ],
)
def test_a_derived_figure_shows_the_cells_it_was_computed_from(measure, label, cells, how):
    checked = check_one(FILE, typed({("criminal", measure): None}))

    value, sheet, cell, message = figure(upload_report(checked), "Hình sự", label)

    assert (sheet, cell, message) == (SHEET_CASES, cells, how)


def test_a_typed_figure_shows_its_own_cell_and_no_note():
    report = upload_report(check_one(FILE, workbook(a_return())))

    assert figure(report, "Hình sự", "Tổng số thụ lý") == ["100", SHEET_CASES, "E5", ""]


def test_a_quarter_added_to_the_stored_return_says_so_with_the_quarters_cell(tmp_path):
    store = a_store(tmp_path)
    imported_all(store, "3.xlsx", workbook(a_return("lai_chau", "3")), account(store, "tester"))
    quarter = a_return("lai_chau", "Q2", cases={"criminal": {"carried_over": 20, "new": 5, "resolved": 20}})

    report = upload_report(check_one("q2.xlsx", workbook(quarter), store))

    assert figure(report, "Hình sự", "Thụ lý mới") == [
        "95",
        SHEET_CASES,
        "D5",
        "ô D5 (riêng quý) + lũy kế 3 tháng đã lưu (90)",
    ]
    assert figure(report, "Hình sự", "Thụ lý cũ") == ["10", "", "", "Thụ lý cũ của lũy kế 3 tháng đã lưu"]


# --- the downloaded report ------------------------------------------------------------------------------

HEADINGS = {
    "vi": ["Tệp", "Phần (Tòa án)", "Loại dòng", "Loại án / phạm vi", "Chỉ tiêu", "Giá trị", "Sheet", "Ô", "Mức độ"],
    "en": ["File", "Part (court)", "Kind", "Case type / scope", "Measure", "Value", "Sheet", "Cell", "Severity"],
}


@pytest.mark.parametrize(
    ("lang", "kinds", "court", "civil", "error"),
    [
        (
            "vi",
            ["Nhận diện báo cáo", "Số liệu đã đọc", "Lỗi, cảnh báo", "Không dùng"],
            "Tòa án nhân dân tỉnh Lai Châu",
            "Dân sự",
            "✖️ Lỗi",
        ),
        (
            "en",
            ["Identity of the return", "Figure read", "Problem", "Not used"],
            "People's Court of Lai Chau Province",
            "Civil",
            "✖️ Error",
        ),
    ],
)
def test_the_downloaded_report_speaks_the_readers_language_and_keeps_figures_as_numbers(
    lang, kinds, court, civil, error
):
    checked = [check_one(FILE, typed({("civil", "new"): 1234})), check_one(FILE, typed({("criminal", "new"): 2.5}))]

    sheet = openpyxl.load_workbook(io.BytesIO(report_xlsx(upload_report(checked, lang), lang))).active
    headings = [c.value for c in sheet[1]]
    rows = [dict(zip(headings, row, strict=True)) for row in sheet.iter_rows(min_row=2, values_only=True)]
    file, part, kind, scope, measure, value, where, cell, severity = HEADINGS[lang]

    assert headings[:9] == HEADINGS[lang]
    assert [r[kind] for r in rows if r[kind] not in kinds[1:]][:1] == kinds[:1]  # the identity first
    assert {r[kind] for r in rows} == set(kinds)
    assert court in {r[value] for r in rows if r[kind] == kinds[0]}
    [figure] = [r for r in rows if r[kind] == kinds[1] and r[cell] == case_cell("civil", "new")[1]]
    assert (figure[scope], figure[value]) == (civil, 1234)  # a number, shown «1.234» by its format
    assert sheet.cell(row=2, column=headings.index(value) + 1).number_format.startswith("[>=1000000]")
    [bad] = [r for r in rows if r[kind] == kinds[2] and r[cell] == case_cell("criminal", "new")[1]]
    assert (bad[value], bad[severity]) == ("2,5", error)  # as the cell shows it in Excel


def test_the_downloaded_report_of_a_compiled_workbook_holds_every_line_with_its_look():
    content, _ = per_court_workbook("sheets")
    name = "Cụm II & <tổng hợp> _x0041_.xlsx"  # XML's own characters, and how Excel escapes a control character
    report = upload_report(checked_parts(name, content))
    shown = presented(report)  # what the .csv holds

    [sheet] = openpyxl.load_workbook(io.BytesIO(report_xlsx(report))).worksheets
    cells = list(sheet.iter_rows())
    value = list(shown.columns).index("Giá trị")
    figures = [r for r in cells if [c.value for c in r[2:5]] == ["Số liệu đã đọc", "Hình sự", "Thụ lý mới"]]

    assert [[c.value for c in row] for row in cells] == [list(shown.columns)] + [
        [v if v != "" else None for v in row] for row in shown.values.tolist()
    ]
    assert [c.value for c in cells[1][:3]] == [name, "Tòa án nhân dân tỉnh Lai Châu", "Nhận diện báo cáo"]
    assert [(r[1].value, r[value].value) for r in figures][-1] == ("Tòa án nhân dân tỉnh Hòa Bình", 96)
    assert {(c.row == 1, c.font.name, c.font.sz, c.font.b, c.font.i, c.fill.fill_type) for r in cells for c in r} == {
        (True, "Calibri", 11, True, False, None),  # the headings in bold
        (False, "Calibri", 11, False, False, None),
    }
    assert {c.number_format for row in cells for c in row if c.column != value + 1 or c.row == 1} == {"General"}
    assert {c.number_format for row in cells[1:] if (c := row[value]).value is not None} == {count_format("vi")}
    assert {letter: (d.min, d.max, d.width) for letter, d in sheet.column_dimensions.items()} == {
        "A": (1, 5, 16.7109375),  # 16 characters, as Excel stores a width
        "F": (6, 6, 16.7109375),
        "G": (7, 10, 16.7109375),
        "K": (11, 12, 80.7109375),  # the messages
    }
    assert [r for r, d in sheet.row_dimensions.items() if d.height is not None] == []
    assert (sheet.title, sheet.freeze_panes, sheet.auto_filter.ref) == ("Báo cáo kiểm tra", "A2", f"A1:L{len(cells)}")
