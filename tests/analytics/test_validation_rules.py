"""The consistency rules of a return (DOMAIN.md §4): one spec per rule, a table where rules are alike."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from analytics.domain import CASE_TYPE_KEYS
from analytics.ingest.layout import SHEET_ACTIVITY, SHEET_CASES, SHEET_META
from analytics.ingest.reader import read_returns
from analytics.ingest.validate import CASE_RULES, COURT_RULES, ZERO_WHEN_EMPTY, validate
from analytics.records import ERROR, INFO, WARNING
from tests.analytics.builders import (
    EMPTY_ROW,
    a_return,
    a_store,
    account,
    case_cell,
    check_one,
    figure_cell,
    imported,
    meta_cell,
    total_cell,
    with_cell,
    with_cells,
    without_case_row,
    workbook,
)

FILE = "lai_chau_12.xlsx"


def typed(*figures: tuple[str, str, object]) -> bytes:
    """The builder's valid workbook with some figures typed over: (case type or "court", measure, value)."""
    return with_cells(workbook(a_return()), {figure_cell(scope, measure): value for scope, measure, value in figures})


def found(checked, rule: str) -> list:
    return [p for p in checked.problems if p.rule == rule]


def test_a_return_that_keeps_every_rule_has_no_problem():
    checked = check_one(FILE, workbook(a_return()))

    assert checked.ok
    assert checked.problems == []


# --- every figure is a whole number ≥ 0 ---------------------------------------------------------

NOT_WHOLE_NUMBERS = [
    # typed value, rule,                what the message says about it
    (-1, "figure.negative", "là số âm (-1)"),
    ("-7", "figure.negative", "là số âm (-7)"),
    (2.5, "figure.fractional", "ghi 2,5: không phải số nguyên"),
    (1234.5, "figure.fractional", "ghi 1.234,5: không phải số nguyên"),
    ("12,5", "figure.fractional", "ghi 12,5: không phải số nguyên"),
    ("abc", "figure.not_number", "đang là «abc»"),
    ("1.2.3", "figure.not_number", "đang là «1.2.3»"),
]
PLACES = [
    # (case type or "court", measure), where the template asks for it, what the message calls it
    (("criminal", "resolved"), (SHEET_CASES, "F5"), "Hình sự – Đã giải quyết"),
    (("court", "judges"), (SHEET_META, "B7"), "Số Thẩm phán"),
    (("court", "online_hearings"), (SHEET_ACTIVITY, "B4"), "Phiên tòa trực tuyến"),
]


@pytest.mark.parametrize(("value", "rule", "said"), NOT_WHOLE_NUMBERS)
@pytest.mark.parametrize(("figure", "place", "what"), PLACES)
def test_a_figure_that_is_not_a_whole_number_at_least_zero_is_an_error_naming_its_cell(
    value, rule, said, figure, place, what
):
    checked = check_one(FILE, typed((*figure, value)))

    assert not checked.ok
    assert checked.ret is None
    [problem] = checked.problems
    assert (problem.severity, problem.rule, problem.file, problem.sheet, problem.cell) == (ERROR, rule, FILE, *place)
    sheet, cell = place
    assert problem.message.startswith(f"Ô {cell} của sheet «{sheet}» ({what})")
    assert said in problem.message


def test_a_fractional_figure_is_written_in_each_languages_style():
    checked = check_one(FILE, typed(("criminal", "resolved", 1234.5)))

    [problem] = checked.problems
    assert "ghi 1.234,5: không phải số nguyên" in problem.message
    assert "holds 1,234.5, not a whole number" in problem.message_en


def test_the_figures_a_rule_compares_are_written_with_thousands_marks():
    checked = check_one(FILE, typed(("criminal", "new", 1200), ("criminal", "accepted", 1300)))

    [problem] = [p for p in checked.problems if p.rule == "accepted_is_carried_over_plus_new"]
    assert "Tổng số thụ lý (1.300) phải bằng Thụ lý cũ (10) + Thụ lý mới (1.200)." in problem.message
    assert "Accepted (1,300) must equal carried over (10) + new (1,200)." in problem.message_en
    assert problem.value == "1300"


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("1.234", 1234),
        ("1.234.567", 1234567),
        ("1 234", 1234),
        ("1\u00a0234", 1234),
        (" 90 ", 90),
        ("1.234,0", 1234),
    ],
)
def test_a_number_typed_as_vietnamese_text_reads_as_that_number(text, number):
    ret = a_return(cases={"criminal": {"new": number}})
    content = with_cell(workbook(ret), *case_cell("criminal", "new"), text)

    checked = check_one(FILE, content)

    assert checked.ok, checked.problems
    assert checked.ret.cases.at["criminal", "new"] == number
    assert checked.problems == []


# --- the comparisons between figures --------------------------------------------------------------

# The builder's criminal row: carried over 10 + new 90 = accepted 100; resolved 80, pending 20; overdue 0,
# suspended 1; quashed 1 of 2 and amended 1 of 3 for subjective causes; defendants 120 of 150.
# Civil: mediation 30 successful of 40. Court: 60 of 60 judgments published, 50 of 50 enforcement on time.
BREACHES = [
    # rule,                                  figures typed over the valid return,                     the cell cited
    ("accepted_is_carried_over_plus_new", [("criminal", "new", 91)], ("criminal", "accepted")),
    ("pending_is_accepted_minus_resolved", [("criminal", "pending", 21)], ("criminal", "pending")),
    ("resolved_at_most_accepted", [("criminal", "resolved", 101)], ("criminal", "resolved")),
    ("overdue_at_most_pending", [("criminal", "overdue", 21)], ("criminal", "overdue")),
    ("suspended_at_most_pending", [("criminal", "suspended", 21)], ("criminal", "suspended")),
    ("quashed_subjective_at_most_quashed", [("criminal", "quashed_subjective", 3)], ("criminal", "quashed_subjective")),
    ("amended_subjective_at_most_amended", [("criminal", "amended_subjective", 4)], ("criminal", "amended_subjective")),
    ("quashed_at_most_resolved", [("criminal", "quashed_total", 81)], ("criminal", "quashed_total")),
    ("amended_at_most_resolved", [("criminal", "amended_total", 81)], ("criminal", "amended_total")),
    (
        "quashed_subjective_at_most_resolved",
        [("criminal", "quashed_total", None), ("criminal", "quashed_subjective", 81)],
        ("criminal", "quashed_subjective"),
    ),
    (
        "amended_subjective_at_most_resolved",
        [("criminal", "amended_total", None), ("criminal", "amended_subjective", 81)],
        ("criminal", "amended_subjective"),
    ),
    ("mediation_success_at_most_handled", [("civil", "mediation_success", 41)], ("civil", "mediation_success")),
    (
        "defendants_resolved_at_most_accepted",
        [("criminal", "defendants_resolved", 151)],
        ("criminal", "defendants_resolved"),
    ),
    ("published_at_most_to_publish", [("court", "judgments_published", 61)], ("court", "judgments_published")),
    ("on_time_at_most_required", [("court", "enforcement_on_time", 51)], ("court", "enforcement_on_time")),
    (
        "units_below_minimum_at_most_units",
        [("court", "online_units_below_minimum", 10)],
        ("court", "online_units_below_minimum"),
    ),
]


@pytest.mark.parametrize(("rule", "figures", "cited"), BREACHES, ids=[b[0] for b in BREACHES])
def test_a_breached_rule_is_an_error_citing_the_cell_it_constrains(rule, figures, cited):
    checked = check_one(FILE, typed(*figures))

    assert not checked.ok
    [problem] = found(checked, rule)
    sheet, cell = figure_cell(*cited)
    assert (problem.severity, problem.file, problem.sheet, problem.cell) == (ERROR, FILE, sheet, cell)
    assert problem.message.startswith(f"Sheet «{sheet}», ô {cell} – ")
    assert problem.message.endswith("Hãy kiểm tra và sửa lại.")


def test_every_rule_of_the_registry_has_a_breach_in_the_table():
    assert {rule.key for rule in CASE_RULES + COURT_RULES} == {rule for rule, _, _ in BREACHES}


def test_a_breach_message_shows_the_figures_it_compares_and_the_case_type():
    checked = check_one(FILE, typed(("criminal", "resolved", 101)))

    [problem] = found(checked, "resolved_at_most_accepted")
    assert problem.message == (
        "Sheet «Vụ việc», ô F5 – «Hình sự»: Đã giải quyết (101) không được lớn hơn Tổng số thụ lý (100). "
        "Hãy kiểm tra và sửa lại."
    )
    assert problem.value == "101"


def test_accepted_that_is_not_carried_over_plus_new_names_all_three_figures():
    checked = check_one(FILE, typed(("family", "new", 91)))

    [problem] = found(checked, "accepted_is_carried_over_plus_new")
    assert problem.cell == "E7"
    assert "«Hôn nhân và gia đình»: Tổng số thụ lý (100) phải bằng Thụ lý cũ (10) + Thụ lý mới (91)." in problem.message


def test_every_breach_is_reported_not_only_the_first():
    checked = check_one(FILE, typed(("criminal", "overdue", 21), ("civil", "suspended", 21)))

    assert [(p.rule, p.cell) for p in checked.problems] == [
        ("overdue_at_most_pending", "H5"),
        ("suspended_at_most_pending", "I6"),
    ]


def test_every_unreadable_figure_is_reported_not_only_the_first():
    checked = check_one(
        FILE, typed(("criminal", "new", -1), ("court", "units", 2.5), ("court", "online_hearings", "x"))
    )

    assert [(p.rule, p.sheet, p.cell) for p in checked.problems] == [
        ("figure.fractional", SHEET_META, "B8"),
        ("figure.negative", SHEET_CASES, "D5"),
        ("figure.not_number", SHEET_ACTIVITY, "B4"),
    ]


# --- a missing one of three is derived, and the derivation recorded -----------------------------


@pytest.mark.parametrize(
    ("measure", "derived"),
    [("carried_over", 10), ("new", 90), ("accepted", 100), ("resolved", 80), ("pending", 20)],
)
def test_a_missing_figure_of_a_balance_is_derived_and_recorded_as_info(measure, derived):
    checked = check_one(FILE, typed(("criminal", measure, None)))

    assert checked.ok
    assert checked.ret.cases.at["criminal", measure] == derived
    sheet, cell = case_cell("criminal", measure)
    assert [(p.severity, p.rule, p.sheet, p.cell, p.value) for p in checked.problems] == [
        (INFO, "derived", sheet, cell, str(derived))
    ]
    assert "đã tính theo" in checked.problems[0].message
    assert checked.problems[0].message.endswith(f": {derived}.")


def test_two_missing_figures_are_derived_when_each_balance_lacks_only_one():
    checked = check_one(FILE, typed(("criminal", "carried_over", None), ("criminal", "accepted", None)))

    assert checked.ok
    assert checked.ret.cases.loc["criminal", ["carried_over", "accepted"]].tolist() == [10, 100]
    assert sorted((p.rule, p.cell, p.value) for p in checked.problems) == [
        ("derived", "C5", "10"),
        ("derived", "E5", "100"),
    ]


def test_a_derivation_that_comes_out_negative_is_an_error():
    checked = check_one(FILE, typed(("criminal", "resolved", None), ("criminal", "pending", 120)))

    assert not checked.ok
    [problem] = found(checked, "derived")
    assert (problem.severity, problem.cell, problem.value) == (ERROR, "F5", "-20")
    assert "Kết quả âm" in problem.message


def test_flows_that_cannot_be_derived_are_errors_naming_each_empty_cell():
    checked = check_one(
        FILE, typed(("criminal", "new", None), ("criminal", "accepted", None), ("criminal", "pending", None))
    )

    assert not checked.ok
    assert [(p.severity, p.cell) for p in found(checked, "figure_missing")] == [
        (ERROR, "D5"),
        (ERROR, "E5"),
        (ERROR, "G5"),
    ]


# --- empty cells and empty rows -------------------------------------------------------------------


def test_an_empty_case_type_row_counts_as_zero_and_says_so():
    content = with_cells(workbook(a_return()), {case_cell("bankruptcy", measure): None for measure in EMPTY_ROW})

    checked = check_one(FILE, content)

    assert checked.ok
    required = ["carried_over", "new", "accepted", "resolved", "pending", "overdue", "suspended"]
    assert checked.ret.cases.loc["bankruptcy", required].tolist() == [0] * len(required)
    [problem] = checked.problems
    assert (problem.severity, problem.rule, problem.sheet, problem.cell) == (
        INFO,
        "row_empty_is_zero",
        SHEET_CASES,
        "C11",
    )
    assert "Dòng «Phá sản» để trống: tính là 0 vụ việc." in problem.message


@pytest.mark.parametrize("measure", ZERO_WHEN_EMPTY)
def test_an_empty_count_that_is_usually_zero_counts_as_zero_and_says_so(measure):
    checked = check_one(FILE, typed(("criminal", measure, None)))

    assert checked.ok
    assert checked.ret.cases.at["criminal", measure] == 0
    assert [(p.severity, p.rule, p.cell) for p in checked.problems] == [
        (INFO, "cell_empty_is_zero", case_cell("criminal", measure)[1])
    ]


def test_an_empty_activity_figure_is_a_warning_that_its_indicators_will_not_apply():
    checked = check_one(FILE, typed(("court", "online_hearings", None)))

    assert checked.ok
    [problem] = checked.problems
    assert (problem.severity, problem.rule, problem.sheet, problem.cell) == (
        WARNING,
        "activity_missing",
        SHEET_ACTIVITY,
        "B4",
    )
    assert checked.ret.court_figures["online_hearings"] is None


# --- the totals row -------------------------------------------------------------------------------


def test_a_totals_row_that_differs_from_its_rows_is_a_warning_not_an_error():
    # The builder's eight rows resolve 80 each: 640 in all.
    content = with_cell(workbook(a_return()), *total_cell("resolved"), 639)

    checked = check_one(FILE, content)

    assert checked.ok
    [problem] = checked.problems
    assert (problem.severity, problem.rule, problem.sheet, problem.cell, problem.value) == (
        WARNING,
        "totals_row_matches_rows",
        SHEET_CASES,
        "F13",
        "639",
    )
    assert "ghi 639 nhưng tổng các dòng là 640" in problem.message


def test_a_totals_row_that_matches_its_rows_gives_no_problem_and_is_not_stored_as_a_case_type():
    content = with_cell(workbook(a_return()), *total_cell("resolved"), 640)

    checked = check_one(FILE, content)

    assert checked.problems == []
    assert checked.ret.totals == {"resolved": 640}
    assert set(checked.ret.figures()["scope"]) == {*CASE_TYPE_KEYS, "court"}


def test_a_figure_left_empty_to_be_derived_does_not_make_the_templates_totals_row_disagree():
    # write_workbook caches the =SUM() of the rows as typed in the totals row, as Excel would.
    content = workbook(a_return(cases={"criminal": {"accepted": None}}))

    checked = check_one(FILE, content)

    assert [p.rule for p in checked.problems] == ["derived", "derived"]


# --- the court --------------------------------------------------------------------------------------


def test_a_court_that_left_the_cluster_cannot_file_a_return_for_a_later_year():
    # Yên Bái merged into Lào Cai in 2025 (courts.csv: member until 2025).
    checked = check_one(FILE, workbook(a_return("yen_bai", year=2026)))

    assert not checked.ok
    [problem] = found(checked, "court_in_cluster")
    assert (problem.sheet, problem.cell) == meta_cell("court")
    assert "không thuộc Cụm thi đua số II trong năm 2026" in problem.message


def test_a_period_typed_as_a_number_reads_like_the_same_period_typed_as_text():
    checked = check_one(FILE, with_cell(workbook(a_return(period="6")), *meta_cell("period"), 12))

    assert checked.ok, checked.problems
    assert checked.ret.period == "12"


@pytest.mark.parametrize(
    "written",
    [
        "Tòa án nhân dân tỉnh Lai Châu",
        "TAND tỉnh Lai Châu",
        "Lai Chau",
        "TÒA ÁN NHÂN DÂN TỈNH LAI CHÂU",
        "To\u0300a a\u0301n nha\u0302n da\u0302n ti\u0309nh Lai Cha\u0302u",  # decomposed Unicode (NFD)
    ],
)
def test_a_court_name_is_matched_whatever_its_spelling(written):
    checked = check_one(FILE, with_cell(workbook(a_return("lai_chau")), *meta_cell("court"), written))

    assert checked.ok
    assert checked.ret.court == "lai_chau"


# --- against the court's stored returns -------------------------------------------------------------


def test_carried_over_that_differs_between_returns_of_the_same_year_is_a_warning(tmp_path):
    store = a_store(tmp_path)
    imported(store, "6.xlsx", workbook(a_return(period="6")), account(store, "tester"))
    nine = a_return(period="9", cases={"criminal": {"carried_over": 11}})

    checked = check_one("9.xlsx", workbook(nine), store)

    assert checked.ok
    [problem] = checked.problems
    assert (problem.severity, problem.rule, problem.file, problem.sheet, problem.cell, problem.value) == (
        WARNING,
        "consistent_with_stored_returns",
        "9.xlsx",
        SHEET_CASES,
        "C5",
        "11",
    )
    assert "Thụ lý cũ (11) khác với kỳ 6 tháng (01/10 – 31/03) đã lưu (10)" in problem.message


def test_a_missing_row_against_stored_returns_is_one_warning_naming_the_stored_figures_in_both_languages(tmp_path):
    store = a_store(tmp_path)
    imported(store, "6.xlsx", workbook(a_return(period="6")), account(store, "tester"))

    checked = check_one("9.xlsx", without_case_row(workbook(a_return(period="9")), "administrative"), store)

    stored = [p for p in checked.problems if p.rule == "consistent_with_stored_returns"]
    assert len(stored) == 1  # not one per figure: carried over, new, accepted and resolved all differ from 6 months
    [missing] = stored
    assert (missing.sheet, missing.cell, missing.value) == ("", "", "0")
    assert missing.message == (
        "«Hành chính»: bảng số liệu không có dòng này nên được tính là 0, nhưng các báo cáo đã lưu của Tòa án có số "
        "liệu loại án này (Thụ lý cũ 10 ở kỳ 6 tháng (01/10 – 31/03); Thụ lý mới 90 ở kỳ 6 tháng (01/10 – 31/03); "
        "Tổng số thụ lý 100 ở kỳ 6 tháng (01/10 – 31/03); …). Nếu Tòa án có vụ việc loại này, hãy thêm dòng đó rồi "
        "tải lên lại."
    )
    assert missing.message_en.startswith(
        "'Administrative': the table has no row for it, so it is counted as 0, but the court's stored returns have "
        "figures for it (Carried over 10 in the 6 months (1 Oct – 31 Mar) return;"
    )
    assert not [p for p in stored if "Sheet «»" in p.message or "administrative" in p.message_en]
    others = check_one("9b.xlsx", with_cell(workbook(a_return(period="9")), *case_cell("criminal", "new"), 89), store)
    assert len([p for p in others.problems if p.rule == "consistent_with_stored_returns"]) >= 1  # rows there: as before


def test_a_missing_row_is_weighed_against_what_the_year_before_left_pending_too(tmp_path):
    store = a_store(tmp_path)
    imported(store, "12.xlsx", workbook(a_return(period="12")), account(store, "tester"))  # 2023: the first year

    checked = check_one("3.xlsx", without_case_row(workbook(a_return(period="3", year=2024)), "administrative"), store)

    stored = [p for p in checked.problems if p.rule == "consistent_with_stored_returns"]
    [missing] = [p for p in stored if "Hành chính" in p.message]  # the others' rows are there (10 against 20)
    assert len(stored) == 8 and missing.message.startswith("«Hành chính»: bảng số liệu không có dòng này")
    assert "(Còn lại 20 ở cuối năm 2023). Nếu Tòa án có vụ việc loại này" in missing.message
    assert "(Pending 20 at the end of 2023)." in missing.message_en


@pytest.mark.parametrize(
    ("stored_period", "checked_period", "figure", "words"),
    [
        ("6", "9", ("criminal", "resolved", 70), "số lũy kế (70) nhỏ hơn kỳ 6 tháng"),
        ("9", "6", ("criminal", "resolved", 90), "số lũy kế (90) lớn hơn kỳ 9 tháng"),
        ("3", "12", ("court", "online_hearings", 29), "số lũy kế (29) nhỏ hơn kỳ 3 tháng"),
        ("6", "9", ("court", "experience_trials", 19), "số lũy kế (19) nhỏ hơn kỳ 6 tháng"),
    ],
    ids=["resolved 6→9", "resolved 9→6", "online hearings 3→12", "experience trials 6→9"],
)
def test_a_cumulative_flow_that_shrinks_against_a_stored_period_is_a_warning(
    tmp_path, stored_period, checked_period, figure, words
):
    store = a_store(tmp_path)
    imported(store, "stored.xlsx", workbook(a_return(period=stored_period)), account(store, "tester"))
    scope, measure, value = figure
    if scope == "court":
        ret = a_return(period=checked_period, court_figures={measure: value})
    else:
        ret = a_return(period=checked_period, cases={scope: {measure: value}})

    checked = check_one("checked.xlsx", workbook(ret), store)

    assert checked.ok
    [problem] = checked.problems
    assert (problem.severity, problem.rule) == (WARNING, "consistent_with_stored_returns")
    assert (problem.sheet, problem.cell) == figure_cell(scope, measure)
    assert words in problem.message


def test_stocks_may_fall_between_cumulative_returns(tmp_path):
    store = a_store(tmp_path)
    imported(store, "6.xlsx", workbook(a_return(period="6")), account(store, "tester"))
    nine = a_return(period="9", cases={"criminal": {"resolved": 90, "suspended": 0}})  # pending 20 → 10

    checked = check_one("9.xlsx", workbook(nine), store)

    assert checked.problems == []


def test_carried_over_that_differs_from_last_years_pending_is_a_warning(tmp_path):
    store = a_store(tmp_path)
    # 2023 ends with 100 accepted − 90 resolved = 10 pending in every case type.
    last_year = a_return(year=2023, cases={key: {"resolved": 90} for key in CASE_TYPE_KEYS})
    imported(store, "2023.xlsx", workbook(last_year), account(store, "tester"))
    this_year = a_return(period="3", year=2024, cases={"criminal": {"carried_over": 25}})

    checked = check_one("2024.xlsx", workbook(this_year), store)

    assert checked.ok
    [problem] = checked.problems
    assert (problem.severity, problem.rule, problem.cell, problem.value) == (
        WARNING,
        "consistent_with_stored_returns",
        "C5",
        "25",
    )
    assert "Thụ lý cũ (25) khác với số còn lại cuối năm 2023 (10)." in problem.message


def test_carried_over_equal_to_last_years_pending_gives_no_warning(tmp_path):
    store = a_store(tmp_path)
    last_year = a_return(year=2023, cases={key: {"resolved": 90} for key in CASE_TYPE_KEYS})
    imported(store, "2023.xlsx", workbook(last_year), account(store, "tester"))

    checked = check_one("2024.xlsx", workbook(a_return(period="3", year=2024)), store)

    assert checked.problems == []


def test_a_merged_court_is_not_checked_against_the_year_end_of_the_court_before_the_merger(tmp_path):
    store = a_store(tmp_path)
    imported(store, "2024.xlsx", workbook(a_return("lao_cai", year=2024)), account(store, "tester"))
    # Lào Cai reports for Lào Cai and Yên Bái from 2025: it carries over what both had pending.
    merged = a_return("lao_cai", period="3", year=2025, cases={"criminal": {"carried_over": 45}})

    checked = check_one("2025.xlsx", workbook(merged), store)

    assert checked.ok
    assert [(p.severity, p.rule) for p in checked.problems] == [(INFO, "court_merged")]
    assert "không so sánh được với các năm trước" in checked.problems[0].message


@pytest.mark.parametrize(
    ("period", "prepared_on", "warned"),
    [
        ("3", dt.date(2023, 1, 5), False),  # days after the 3-month period (01/10/2022 – 31/12/2022)
        ("3", dt.date(2022, 12, 20), False),  # within the period
        ("3", dt.date(2022, 9, 25), True),  # before the statistical year began
        ("3", dt.date(2023, 12, 20), True),  # a year later: the calendar year written for the work year
        ("12", dt.date(2023, 12, 15), False),  # 76 days after the year ended
        ("12", dt.date(2024, 3, 1), True),  # 153 days after
    ],
)
def test_a_return_prepared_outside_or_long_after_its_period_gets_a_warning(period, prepared_on, warned):
    ret = a_return(period=period, prepared_on=prepared_on)

    _, problems = validate(ret, "x.xlsx")

    found = [p for p in problems if p.rule == "prepared_in_period"]
    assert bool(found) == warned
    if warned:
        assert found[0].severity == WARNING and found[0].value == prepared_on.strftime("%d/%m/%Y")
        assert "hãy kiểm tra năm và kỳ báo cáo" in found[0].message


@pytest.mark.parametrize(("rule", "figures", "cited"), [b for b in BREACHES if b[2][0] != "court"], ids=str)
def test_a_case_table_given_as_another_frame_breaks_the_same_rules_as_one_read(rule, figures, cited):
    """Validation checks a read table's rules on all rows at once, any other frame row by row: the same problems."""
    [read] = [r.ret for r in read_returns(FILE, typed(*figures))]
    as_floats = dataclasses.replace(read, cases=read.cases.astype("float64"))

    assert read.case_figures() is not None and as_floats.case_figures() is None
    assert validate(as_floats, FILE)[1] == validate(read, FILE)[1]
    assert rule in {p.rule for p in validate(read, FILE)[1]}


def test_a_case_table_of_the_usual_rows_and_columns_in_another_type_comes_back_as_nullable_integers():
    [read] = [r.ret for r in read_returns(FILE, typed(("criminal", "pending", None)))]
    as_floats = dataclasses.replace(read, cases=read.cases.astype("float64"))

    filled = validate(as_floats, FILE)[0].cases

    assert filled.at["criminal", "pending"] == 20 and (filled.dtypes == "Int64").all()
