"""The corpus of returns as courts send them: each variant yields the return's figures, each bad file a clear refusal."""

from __future__ import annotations

import io
import zipfile

import pandas as pd
import pytest
import xlwt

from analytics.ingest.identity import CONTENT, Choice, Clue
from analytics.ingest.report import report_csv, report_xlsx, upload_report
from analytics.ingest.safety import XLS, inspect
from tests.analytics import corpus
from tests.analytics.builders import a_return, a_store, account, check_one, checked_parts, imported_all, workbook
from tests.analytics.corpus import FREE, REFUSED, RET, VARIANTS, encrypted_xls, per_court_workbook


@pytest.mark.parametrize("variant", VARIANTS.values(), ids=VARIANTS.keys())
def test_a_return_laid_out_by_people_yields_the_same_figures(variant):
    name, content = variant()

    checked = check_one(name, content)

    assert checked.ok, checked.table()[["rule", "cell", "message"]].to_string()
    assert (checked.ret.court, checked.ret.year, checked.ret.period) == ("lai_chau", 2023, "6")
    pd.testing.assert_frame_equal(checked.ret.cases, RET.cases)
    assert checked.ret.court_figures == RET.court_figures


def test_the_corpus_has_at_least_25_files():
    assert len(VARIANTS) + len(REFUSED) >= 25


@pytest.mark.parametrize(("variant", "rule"), REFUSED.values(), ids=REFUSED.keys())
def test_a_file_that_cannot_be_read_is_refused_with_a_vietnamese_message(variant, rule):
    name, content = variant()

    checked = check_one(name, content)

    assert not checked.ok
    problem = next(p for p in checked.problems if p.rule == rule)
    assert problem.severity == "error" and problem.message and problem.message != problem.message_en


def test_a_file_over_the_size_limit_gives_its_size_and_the_limit_in_vietnamese_numbers():
    content = b"PK\x03\x04" + b"\x00" * (10 * 1024 * 1024 + 512 * 1024)

    [problem] = [p for p in check_one("bc.xlsx", content).problems if p.rule == "file.too_large"]

    assert "dung lượng 10,5 MB, vượt giới hạn 10 MB" in problem.message


def test_an_uncached_formula_names_its_cell_and_says_to_save_in_excel():
    name, content = REFUSED["a formula without a cached value"][0]()

    [problem] = [p for p in check_one(name, content).problems if p.rule == "formula.uncached"]

    assert (problem.sheet, problem.cell) == ("Sheet1", "D5")
    assert "mở tệp bằng Excel, bấm Lưu" in problem.message


def test_an_uncached_ods_formula_is_refused_like_an_xlsx_one_naming_its_cell():
    name, content = REFUSED["an .ods formula without a calculated value"][0]()

    [problem] = [p for p in check_one(name, content).problems if p.rule == "formula.uncached"]

    assert (problem.severity, problem.sheet, problem.cell) == ("error", "Sheet1", "D5")
    assert "mở tệp bằng Excel, bấm Lưu" in problem.message and "LibreOffice" in problem.message


def test_an_ods_formula_past_repeated_rows_and_cells_is_located_by_its_real_address():
    # Three empty rows above and empty cells before the note: each run is one repeated element in content.xml.
    grid = [[], [], []] + [[None, None, *row] for row in FREE]
    grid[8] = grid[8] + [None] * 20 + ["ghi chú"]
    formulas = {("Sheet1", "I9"): ("of:=[.G9]-[.H9]", None)}
    name, content = "bc.ods", corpus.ods({"Sheet1": grid}, formulas)
    xml = zipfile.ZipFile(io.BytesIO(content)).read("content.xml")
    assert b'number-rows-repeated="3"' in xml and b'number-columns-repeated="2' in xml

    [problem] = [p for p in check_one(name, content).problems if p.rule == "formula.uncached"]

    assert problem.cell == "I9"


def test_a_legacy_xls_formula_without_a_result_reads_as_an_empty_cell_a_known_limit():
    # Excel always stores a result when it saves a .xls; only a program such as xlwt leaves it out, and the
    # BIFF records are not scanned for that, so the accepted figure left uncalculated is derived instead.
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("Sheet1")
    for r, row in enumerate(FREE):
        for c, v in enumerate(row):
            if v is not None and (r, c) != (4, 3):
                sheet.write(r, c, v)
    sheet.write(4, 3, xlwt.Formula("B5+C5"))
    buffer = io.BytesIO()
    book.save(buffer)

    checked = check_one("bc.xls", buffer.getvalue())

    assert checked.ok and not [p for p in checked.problems if p.rule == "formula.uncached"]
    [derived] = [p for p in checked.problems if p.rule == "derived"]
    assert (derived.cell, derived.value) == ("D5", "100")


def test_a_password_protected_xls_is_told_apart_from_a_damaged_one():
    assert inspect("bc.xls", encrypted_xls()).problems[0].rule == "file.encrypted"
    assert inspect("bc.xls", corpus.xls({"Sheet1": FREE})).kind == XLS


def test_an_ambiguous_heading_lists_the_candidates():
    name, content = REFUSED["an ambiguous column heading"][0]()

    [problem] = [p for p in check_one(name, content).problems if p.rule == "cases.column_ambiguous"]

    assert "«Số bị cáo thụ lý»" in problem.message and "«Số bị cáo đã giải quyết»" in problem.message


@pytest.mark.parametrize("layout", ["sheets", "blocks"])
def test_a_compiled_cluster_workbook_becomes_seven_returns(layout):
    content, expected = per_court_workbook(layout)

    results = checked_parts("cum.xlsx", content)

    assert [r.ok for r in results] == [True] * 7
    assert {r.ret.court: int(r.ret.cases.at["criminal", "new"]) for r in results} == {
        k: int(v.cases.at["criminal", "new"]) for k, v in expected.items()
    }


def test_a_courts_heading_is_never_listed_as_a_note_of_the_court_above_it():
    content, _ = per_court_workbook("blocks")

    results = checked_parts("cum.xlsx", content)

    notes = {r.ret.court: [i.text for i in r.ignored if i.why_vi == "ghi chú ngoài bảng số liệu"] for r in results}
    assert notes == dict.fromkeys(notes, [])
    assert [c.cell for c in results[1].resolution.clues if c.field == "court"] == ["A25"]


def test_a_compiled_workbook_laid_out_sideways_names_each_heading_by_its_own_cell():
    blocks = [
        row
        for key, name in (("lai_chau", "LAI CHÂU"), ("lao_cai", "LÀO CAI"))
        for row in corpus.case_grid(
            a_return(key, "6"), title=[f"TÒA ÁN NHÂN DÂN TỈNH {name}", "BÁO CÁO 6 THÁNG NĂM 2023"]
        )
        + [[]]
    ]
    sideways = [[row[c] if c < len(row) else None for row in blocks] for c in range(max(map(len, blocks)))]

    first, second = checked_parts("cum.xlsx", corpus.xlsx({"Cụm": sideways}))

    assert (first.ret.court, second.ret.court) == ("lai_chau", "lao_cai")
    assert [c.cell for c in second.resolution.clues if c.field == "court"] == ["X1"]
    assert not [i for i in first.ignored if "LÀO CAI" in i.text]


def test_a_compiled_workbook_is_stored_as_seven_returns_from_one_upload(tmp_path):
    store = a_store(tmp_path)
    content, _ = per_court_workbook("sheets")

    outcomes = imported_all(store, "cum.xlsx", content, account(store, "tester"))

    assert [o.status for o in outcomes] == ["stored"] * 7
    assert len(store.returns()) == 7 and store.uploads()["sha256"].nunique() == 1


def test_a_user_choice_that_disagrees_with_the_file_is_asked_about():
    content = workbook(a_return("lai_chau", "6"))

    asked = check_one("bc.xlsx", content, choice=Choice(court="son_la"))
    insisted = check_one("bc.xlsx", content, choice=Choice(court="son_la", insist=True))

    assert asked.needs_answer and not asked.ok
    [disagreement] = asked.resolution.disagreements
    assert disagreement.field == "court" and {v for v, _ in disagreement.candidates} == {"lai_chau", "son_la"}
    assert insisted.ok and insisted.ret.court == "son_la"


def test_a_file_name_that_disagrees_with_the_content_is_a_warning_naming_both():
    checked = check_one("son_la_2023_6thang.xlsx", workbook(a_return("lai_chau", "6")))

    assert checked.ok and checked.ret.court == "lai_chau"
    [problem] = [p for p in checked.problems if p.rule == "identity.disagreement"]
    assert problem.severity == "warning" and "Sơn La" in problem.message and "Lai Châu" in problem.message


def test_a_disagreement_quotes_the_cell_as_written_and_names_the_courts_in_both_languages():
    checked = check_one("son_la_2023_6thang.xlsx", workbook(a_return("lai_chau", "6")))

    [problem] = [p for p in checked.problems if p.rule == "identity.disagreement"]
    assert problem.message.startswith(
        "Không thống nhất về Tòa án: «Tòa án nhân dân tỉnh Lai Châu» (sheet «Thông tin», ô B4 («Tòa án nhân dân tỉnh "
        "Lai Châu»)) – «Tòa án nhân dân tỉnh Sơn La» (tên tệp «son_la_2023_6thang.xlsx»). Đã dùng nội dung tệp"
    )
    assert problem.message_en == (
        "The court is stated differently: 'People's Court of Lai Chau Province' (sheet 'Thông tin', cell B4 ('Tòa án "
        "nhân dân tỉnh Lai Châu')) – 'People's Court of Son La Province' (file name 'son_la_2023_6thang.xlsx'). The "
        "file's content was used; if it is wrong, choose the right court on the upload page."
    )
    assert "lai_chau" not in problem.message + problem.message_en


def test_a_court_named_by_a_sheet_is_said_to_come_from_the_sheets_name():
    clue = Clue("court", "lai_chau", CONTENT, "Lai Châu", "", "Lai Châu")

    assert (clue.where("vi"), clue.where("en")) == ("tên sheet «Lai Châu»", "the name of sheet 'Lai Châu'")


def test_a_quarter_only_return_is_kept_as_quarter_only_without_the_earlier_quarters(tmp_path):
    checked = check_one("q2.xlsx", workbook(a_return("lai_chau", "Q2")), a_store(tmp_path))

    assert checked.ok and checked.quarter_only and checked.ret.period == "Q2"
    [note] = [p for p in checked.problems if p.rule == "quarter.kept_alone"]
    assert note.message.startswith("Báo cáo riêng quý II (01/01 – 31/03): chưa có báo cáo lũy kế 3 tháng")


def test_a_quarter_only_return_is_made_cumulative_when_the_earlier_quarters_are_stored(tmp_path):
    store = a_store(tmp_path)
    imported_all(store, "3.xlsx", workbook(a_return("lai_chau", "3")), account(store, "tester"))

    checked = check_one(
        "q2.xlsx",
        workbook(a_return("lai_chau", "Q2", cases={"criminal": {"carried_over": 20, "new": 5, "resolved": 20}})),
        store,
    )

    assert checked.ok and not checked.quarter_only and checked.ret.period == "6"
    [note] = [p for p in checked.problems if p.rule == "quarter.made_cumulative"]
    assert note.message.startswith("Báo cáo riêng quý II (01/01 – 31/03) đã được cộng với báo cáo lũy kế 3 tháng")
    assert checked.ret.cases.loc["criminal", ["carried_over", "new", "accepted", "resolved"]].tolist() == [
        10,
        95,
        105,
        100,
    ]


def test_the_upload_report_says_where_each_figure_came_from_and_what_was_ignored():
    name, content = VARIANTS["an ordinal column"]()

    report = upload_report(check_one(name, content))

    figure = report[(report["kind"] == "figure") & (report["scope"] == "Hình sự") & (report["measure"] == "Thụ lý cũ")]
    assert figure[["value", "sheet", "cell"]].values.tolist() == [["10", "Sheet1", "C5"]]
    assert "cột số thứ tự" in report[report["kind"] == "ignored"]["message"].tolist()
    assert report_csv(report).startswith("\ufeff".encode())
    assert report_xlsx(report).startswith(b"PK")
