"""Layouts courts draw that need more than one label per figure: a group over sub-columns, the abbreviations
statisticians type, a case type split into first-instance and appeal rows, and a column nobody can name."""

from __future__ import annotations

import pandas as pd
import pytest

from analytics.ingest.labels import (
    CASE_TYPE,
    COURT_FIGURE,
    IGNORED,
    MEASURE,
    Match,
    _labels_of,
    label_key,
    match,
)
from analytics.ingest.locate import find_tables, row_label
from analytics.ingest.report import upload_report
from tests.analytics.builders import account, check_one, imported
from tests.analytics.corpus import FREE, GRID_MEASURES, RET, USUAL, case_grid, split, value, xlsx

# --- a group over sub-columns: the sub-label is read with its group ----------------------------------------

GROUPS = {
    "Thụ lý over Cũ | Mới | Tổng số": ("Thụ lý", ("Cũ", "Mới", "Tổng số"), ("carried_over", "new", "accepted")),
    "Giải quyết over Tổng số | Tỷ lệ": ("Giải quyết", ("Tổng số", "Tỷ lệ (%)"), ("resolved", IGNORED)),
    "Còn lại over Tổng số | Quá hạn | Tạm đình chỉ": (
        "Còn lại",
        ("Tổng số", "Quá hạn", "Tạm đình chỉ"),
        ("pending", "overdue", "suspended"),
    ),
    "subjective causes over Hủy | Sửa": (
        "Hủy, sửa do nguyên nhân chủ quan",
        ("Hủy", "Sửa"),
        ("quashed_subjective", "amended_subjective"),
    ),
    "all causes over Hủy | Sửa": ("Bị hủy, sửa", ("Hủy", "Sửa"), ("quashed_total", "amended_total")),
    "Bị hủy over Tổng số | Do nguyên nhân chủ quan": (
        "Bị hủy",
        ("Tổng số", "Do nguyên nhân chủ quan"),
        ("quashed_total", "quashed_subjective"),
    ),
    "Hòa giải, đối thoại over Tổng số | Thành": (
        "Hòa giải, đối thoại",
        ("Tổng số", "Thành"),
        ("mediation_handled", "mediation_success"),
    ),
    "HG, ĐT over TS | Thành": ("HG, ĐT", ("TS", "Thành"), ("mediation_handled", "mediation_success")),
    "Bị cáo over Thụ lý | Giải quyết": (
        "Bị cáo",
        ("Thụ lý", "Giải quyết"),
        ("defendants_accepted", "defendants_resolved"),
    ),
    "Thụ lý over Vụ | Bị cáo": ("Thụ lý", ("Vụ", "Bị cáo"), ("accepted", "defendants_accepted")),
    "a group no synonym names: each sub-label alone": (
        "Số liệu năm nay",
        ("Thụ lý mới", "Đã giải quyết"),
        ("new", "resolved"),
    ),
    "a measure named outright right of a group: read alone": (
        "Thụ lý",
        ("Cũ", "Mới", "Đã giải quyết"),
        ("carried_over", "new", "resolved"),
    ),
}


def grouped(group: str, subs: tuple[str, ...], filler: str) -> list[list[object]]:
    """A header of the group's merged cell over its sub-labels, then a one-column heading spanning both rows."""
    return [
        ["Loại án", group, *[None] * (len(subs) - 1), filler],
        [None, *subs, None],
        ["Hình sự", *range(1, len(subs) + 2)],
    ]


@pytest.mark.parametrize(("group", "subs", "measures"), GROUPS.values(), ids=GROUPS.keys())
def test_a_sub_label_is_read_with_the_group_above_it(group, subs, measures):
    filler = "Quá hạn luật định" if "overdue" not in measures else "Thụ lý mới"

    [table] = find_tables("Sheet1", grouped(group, subs, filler))

    for col, measure in enumerate(measures, start=1):
        if measure == IGNORED:
            assert (col, IGNORED) in [(c, why) for c, _, why, _ in table.skipped_columns]
        else:
            assert table.columns[measure] == col
            assert table.header_cells[measure] == f"{'ABCDEFG'[col]}2"


def test_hủy_under_the_subjective_group_is_never_quashed_for_all_causes():
    grid = grouped("Hủy, sửa do nguyên nhân chủ quan", ("Hủy", "Sửa"), "Bị hủy")

    [table] = find_tables("Sheet1", grid)

    assert (table.columns["quashed_subjective"], table.columns["quashed_total"]) == (1, 3)


# --- the abbreviations courts type ---------------------------------------------------------------------------

ABBREVIATIONS = [
    ("HG, ĐT", "mediation_handled"),
    ("HGĐT", "mediation_handled"),
    ("Hòa giải, đối thoại tại Tòa án", "mediation_handled"),
    ("HG, ĐT thành", "mediation_success"),
    ("HG thành", "mediation_success"),
    ("Hòa giải thành, đối thoại thành", "mediation_success"),
    ("TĐC", "suspended"),
    ("Tạm ĐC", "suspended"),
    ("GQ", "resolved"),
    ("Đã GQ", "resolved"),
    ("TS thụ lý", "accepted"),
    ("TSTL", "accepted"),
    ("Tổng TL", "accepted"),
    ("TL cũ", "carried_over"),
    ("Tồn cũ", "carried_over"),
    ("TL mới", "new"),
    ("CL", "pending"),
    ("Án tồn", "pending"),
    ("QH", "overdue"),
    ("Quá hạn LĐ", "overdue"),
    ("Hủy CQ", "quashed_subjective"),
    ("Sửa do lỗi chủ quan", "amended_subjective"),
    ("Án bị hủy", "quashed_total"),
    ("BC thụ lý", "defendants_accepted"),
    ("Bị cáo GQ", "defendants_resolved"),
]


@pytest.mark.parametrize(("label", "measure"), ABBREVIATIONS)
def test_a_courts_abbreviation_names_its_measure(label, measure):
    assert match(label, MEASURE) == Match(measure, True)


@pytest.mark.parametrize("kind", [MEASURE, CASE_TYPE, COURT_FIGURE])
def test_no_synonym_names_two_concepts(kind):
    named: dict[str, set[str]] = {}
    for concept, words in _labels_of(kind).items():
        for word in words:
            for key in {label_key(word), label_key(word).replace(" ", "")}:
                named.setdefault(key, set()).add(concept)

    assert {key: concepts for key, concepts in named.items() if len(concepts) > 1} == {}


# --- a case type on several rows: first instance and appeal --------------------------------------------------

ROW_LABELS = [
    ("Hình sự", ("criminal", None)),
    ("- Sơ thẩm", (None, "first_instance")),
    ("+ Phúc thẩm", (None, "appeal")),
    ("a) Sơ thẩm", (None, "first_instance")),
    ("1.2. Phúc thẩm", (None, "appeal")),
    ("Phần I: Sơ thẩm", (None, "first_instance")),
    ("Giám đốc thẩm, tái thẩm", (None, "review")),
    ("Hình sự sơ thẩm", ("criminal", "first_instance")),
    ("Dân sự - phúc thẩm", ("civil", "appeal")),
    ("Phúc thẩm hành chính", ("administrative", "appeal")),
    ("HSST", ("criminal", "first_instance")),
    ("DSPT", ("civil", "appeal")),
    ("KDTM ST", ("commercial", "first_instance")),
    ("Trong đó sơ thẩm", (None, None)),
]


@pytest.mark.parametrize(("label", "expected"), ROW_LABELS)
def test_a_row_label_names_its_case_type_and_stage(label, expected):
    found, stage = row_label(label)

    assert (found.key if isinstance(found, Match) else None, stage) == expected


CRIMINAL = {m: value(RET, "criminal", m) for m in GRID_MEASURES}
FIRST, APPEAL = (dict(zip(GRID_MEASURES, half, strict=True)) for half in split([CRIMINAL[m] for m in GRID_MEASURES]))


def row(label: str, figures: dict[str, int | None] | None = None, **changed: int | None) -> list[object]:
    figures = (figures or {}) | changed
    return [label] + [figures.get(m) for m in GRID_MEASURES]


def criminal_rows(*rows: list[object]) -> bytes:
    """The corpus's return with its criminal row (sheet row 5) replaced by these rows."""
    return xlsx({"Sheet1": FREE[:4] + list(rows) + FREE[5:]})


ADDED_UP = {
    "an empty own row: the parts' sum": (
        [row("Hình sự"), row("- Sơ thẩm", FIRST), row("- Phúc thẩm", APPEAL)],
        CRIMINAL,
    ),
    "a filled own row its parts add up to: the own row": (
        [row("Hình sự", CRIMINAL), row("- Sơ thẩm", FIRST), row("- Phúc thẩm", APPEAL)],
        CRIMINAL,
    ),
    "no own row, the stage in the label: the parts' sum": (
        [row("Hình sự sơ thẩm", FIRST), row("Hình sự phúc thẩm", APPEAL)],
        CRIMINAL,
    ),
    "one detail row under a filled own row: the own row, the detail not checked": (
        [row("Hình sự", CRIMINAL), row("- Sơ thẩm", FIRST)],
        CRIMINAL,
    ),
    "a flow one part leaves empty: derived after adding up": (
        [row("Hình sự"), row("- Sơ thẩm", FIRST), row("- Phúc thẩm", APPEAL, accepted=None)],
        CRIMINAL,
    ),
    "a usually-zero count one part leaves empty: the given ones added": (
        [row("Hình sự"), row("- Sơ thẩm", FIRST, suspended=2), row("- Phúc thẩm", APPEAL, suspended=None)],
        CRIMINAL | {"suspended": 2},
    ),
    "an own row that gives one figure only: that figure, the parts' sum for the rest": (
        [row("Hình sự", resolved=80), row("- Sơ thẩm", FIRST), row("- Phúc thẩm", APPEAL)],
        CRIMINAL,
    ),
}


@pytest.mark.parametrize(("rows", "expected"), ADDED_UP.values(), ids=ADDED_UP.keys())
def test_a_case_type_on_several_rows_is_added_up(rows, expected):
    checked = check_one("bc.xlsx", criminal_rows(*rows))

    assert checked.ok, checked.table()[["rule", "cell", "message"]].to_string()
    stored = checked.ret.cases.loc["criminal"]
    assert {m: None if pd.isna(stored[m]) else int(stored[m]) for m in GRID_MEASURES} == expected


def test_the_upload_report_shows_the_sum_and_the_rows_it_adds():
    checked = check_one("bc.xlsx", criminal_rows(row("Hình sự"), row("- Sơ thẩm", FIRST), row("- Phúc thẩm", APPEAL)))

    report = upload_report(checked)

    figure = report[(report["kind"] == "figure") & (report["scope"] == "Hình sự") & (report["measure"] == "Thụ lý mới")]
    [[shown, cell, how]] = figure[["value", "cell", "message"]].values.tolist()
    assert (shown, cell) == ("90", "C6+C7")
    assert how == "cộng các dòng «- Sơ thẩm» (ô A6), «- Phúc thẩm» (ô A7) của «Hình sự»"


REFUSED_ROWS = {
    "parts that do not add up to the filled own row": (
        [
            row("Hình sự", CRIMINAL),
            row("- Sơ thẩm", FIRST),
            row("- Phúc thẩm", APPEAL, resolved=APPEAL["resolved"] - 1),
        ],
        ("cases.parts_differ", "E5", "80"),
        ["ghi 80", "cộng lại là 79 (E6+E7)", "«- Sơ thẩm» (ô A6)"],
    ),
    "a usually-zero count the parts add up wrong": (
        [row("Hình sự", CRIMINAL), row("- Sơ thẩm", FIRST, overdue=1), row("- Phúc thẩm", APPEAL)],
        ("cases.parts_differ", "G5", "0"),
        ["cộng lại là 1 (G6+G7)"],
    ),
    "the same stage twice": (
        [row("Hình sự"), row("- Sơ thẩm", FIRST), row("- Sơ thẩm", APPEAL)],
        ("cases.row_repeated", "A7", ""),
        ["«Hình sự (sơ thẩm)» xuất hiện hai lần"],
    ),
    "the case type's own row twice": (
        [row("Hình sự", CRIMINAL), row("Hình sự", CRIMINAL)],
        ("cases.row_repeated", "A6", ""),
        ["«Hình sự» xuất hiện hai lần"],
    ),
}


@pytest.mark.parametrize(("rows", "where", "words"), REFUSED_ROWS.values(), ids=REFUSED_ROWS.keys())
def test_rows_of_a_case_type_that_disagree_are_an_error_naming_the_cells(rows, where, words):
    checked = check_one("bc.xlsx", criminal_rows(*rows))

    assert not checked.ok
    [problem] = [p for p in checked.problems if p.rule == where[0]]
    assert (problem.severity, problem.rule, problem.cell, problem.value) == ("error", *where)
    assert all(word in problem.message for word in words), problem.message
    assert problem.message_en and problem.message_en != problem.message


def test_a_sum_of_parts_above_the_ceiling_is_an_error_naming_the_cells():
    checked = check_one(
        "bc.xlsx",
        criminal_rows(
            row("Hình sự"), row("- Sơ thẩm", FIRST, new=9_000_000), row("- Phúc thẩm", APPEAL, new=2_000_000)
        ),
    )

    [problem] = [p for p in checked.problems if p.rule == "figure.implausible"]
    assert (problem.severity, problem.value) == ("error", "11000000") and "C6+C7" in problem.message
    assert "cộng các dòng là 11.000.000, lớn hơn mức có thể có (10.000.000)" in problem.message
    assert "adds up to 11,000,000, above the plausible ceiling of 10,000,000" in problem.message_en


# --- a column holding numbers that no label names -------------------------------------------------------------

UNKNOWN = {
    "the mediation columns: the rate they feed": (
        {"mediation_handled": "Việc đưa ra HG theo Luật", "mediation_success": "Kết quả được"},
        "Kết quả được",
        "chỉ tiêu «Tỷ lệ hòa giải, đối thoại thành» sẽ không có số liệu",
    ),
    "quashed in all: no indicator, the figure stays empty": (
        {"quashed_total": "Số án bị xử lại"},
        "Số án bị xử lại",
        "số liệu «Bị hủy (mọi nguyên nhân)» sẽ để trống",
    ),
}


@pytest.mark.parametrize(("headings", "text", "effect"), UNKNOWN.values(), ids=UNKNOWN.keys())
def test_an_unrecognised_column_with_figures_says_what_it_leaves_empty(headings, text, effect):
    checked = check_one("bc.xlsx", xlsx({"Sheet1": case_grid(measures=USUAL | headings)}))

    assert checked.ok
    [problem] = [p for p in checked.problems if p.rule == "cases.column_unknown" and p.value == text]
    assert problem.severity == "warning" and f"cột «{text}» có số liệu nhưng không nhận ra: {effect}" in problem.message
    report = upload_report(checked)
    ignored = report[(report["kind"] == "ignored") & (report["value"] == text)]["message"].tolist()
    assert ignored == [f"cột không nhận ra: {effect}"]


def test_a_column_nobody_can_name_beside_every_measure_is_only_skipped():
    grid = [
        r + ([None] if i < 3 else ["Ghi chép riêng"] if i == 3 else [7])
        for i, r in enumerate(case_grid(court_lines=False))
    ]

    checked = check_one("bc.xlsx", xlsx({"Sheet1": grid + case_grid()[-9:]}))

    [problem] = [p for p in checked.problems if p.rule == "cases.column_unknown"]
    assert "không nhận ra là chỉ tiêu nào, nên không được đọc" in problem.message


def test_an_empty_case_type_added_up_far_down_the_sheet_is_stored_with_its_notes(store):
    # Its stage rows below row 100 are empty: the note that the row counts as 0 names the cells it adds up, which
    # must fit the problems' cell column on PostgreSQL as on SQLite.
    grid = [[] for _ in range(100)] + FREE[:4] + [row("Hình sự sơ thẩm"), row("Hình sự phúc thẩm")] + FREE[5:]

    outcome = imported(store, "bc.xlsx", xlsx({"Sheet1": grid}), account(store))

    assert outcome.status == "stored"
    kept = store.problems(int(store.returns()["id"].item()))
    assert kept[kept["rule"] == "row_empty_is_zero"]["cell"].tolist() == ["B105+B106"]
    figures = store.figures()
    assert figures[(figures["scope"] == "criminal") & (figures["measure"] == "new")]["value"].tolist() == [0]
