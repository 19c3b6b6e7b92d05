"""What the pages show, built in analytics (analytics/compute/tables.py and the filters the app side no longer does
itself): which rows, in which order, written how, coloured by which status; and every registry record's label."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from analytics import formatting
from analytics.compute import tables
from analytics.compute.comments import comment_counts, comments_of
from analytics.compute.comparison import (
    CLUSTER_LABEL,
    SCORECARD,
    SHORT_LABELS,
    compare,
    court_label,
    latest_stored,
    periods_held,
    short_label,
    synthetic_shown,
    years_held,
)
from analytics.compute.indicators import CLUSTER, INDICATOR_BY_KEY, INDICATORS, of_courts
from analytics.compute.profile import TOTAL, court_indicators
from analytics.compute.projection import PROJECTION_LABELS
from analytics.compute.ranking import default_weights, gate_indicators, stored_by, weight_values
from analytics.compute.submissions import LATE, MISSING, ON_TIME, SUBMISSION_LABELS, WAITING
from analytics.compute.targets import (
    BASIS_LABELS,
    LAYERS,
    MET,
    NOT_MET,
    STATUS_LABELS,
    TARGET_COLUMNS,
    annual_target,
    benchmarks,
    changed_targets,
    default_targets,
)
from analytics.compute.trends import across_years, through_the_year, years_shown
from analytics.compute.versions import side_by_side, versions_of
from analytics.domain import CASE_MEASURES, CASE_TYPES, COURT_MEASURES, GROUPS, PERIODS, courts
from analytics.records import ERROR, WARNING
from analytics.security import ROLES
from analytics.store.storage import Store
from analytics.text import Words


def named(usernames) -> list[str]:
    """A reader who sees only roles."""
    return ["Cán bộ thống kê" for _ in usernames]


def frame(**columns) -> pd.DataFrame:
    return pd.DataFrame(columns)


# --- every registry record answers label(lang) ---------------------------------------------------------------------

REGISTRIES = {
    "case types": list(CASE_TYPES),
    "measures": list(CASE_MEASURES + COURT_MEASURES),
    "periods": list(PERIODS),
    "indicators": list(INDICATORS),
    "case groups": list(GROUPS.values()),
    "statuses": list(STATUS_LABELS.values()),
    "bases": list(BASIS_LABELS.values()),
    "layers": list(LAYERS.values()),
    "projections": list(PROJECTION_LABELS.values()),
    "submissions": list(SUBMISSION_LABELS.values()),
    "roles": list(ROLES.values()),
    "short labels": list(SHORT_LABELS.values()),
    "severities": list(tables.SEVERITY_LABELS.values()),
}


@pytest.mark.parametrize("registry", list(REGISTRIES))
def test_every_record_of_a_registry_answers_its_label_in_vietnamese_and_in_english(registry):
    for record in REGISTRIES[registry]:
        vi, en = record.label("vi"), record.label("en")

        assert vi and en
        assert vi == getattr(record, "label_vi", getattr(record, "vi", None))
        assert en == getattr(record, "label_en", getattr(record, "en", None))


def test_a_court_is_named_by_its_province_and_the_cluster_row_by_the_cluster():
    lai_chau = next(c for c in courts() if c.key == "lai_chau")

    assert (lai_chau.label("vi"), lai_chau.label("en")) == ("Lai Châu", "Lai Chau")
    assert (CLUSTER_LABEL.label("vi"), CLUSTER_LABEL.label("en")) == ("Toàn Cụm", "Cluster total")


def test_a_pair_of_words_still_unpacks_as_a_pair():
    vi, en = Words("Đạt", "Met")

    assert (vi, en) == ("Đạt", "Met") and Words("Đạt", "Met")[1] == "Met"


# --- the filters ----------------------------------------------------------------------------------------------------

ROWS = frame(court=["lai_chau", "son_la", "yen_bai", CLUSTER], value=[1, 2, 3, 4])


@pytest.mark.parametrize(
    ("chosen", "cluster", "kept"),
    [
        ((), True, ["lai_chau", "son_la", "yen_bai", CLUSTER]),
        (("son_la",), True, ["son_la", CLUSTER]),
        (("son_la", "yen_bai"), False, ["son_la", "yen_bai"]),
        ((), False, ["lai_chau", "son_la", "yen_bai"]),
    ],
)
def test_only_the_chosen_courts_are_kept_with_the_cluster_unless_told_otherwise(chosen, cluster, kept):
    assert list(of_courts(ROWS, chosen, cluster=cluster)["court"]) == kept


RETURNS = frame(
    court=["lai_chau", "lai_chau", "son_la", "son_la"],
    year=[2023, 2023, 2023, 2024],
    period=["12", "3", "6", "3"],
    synthetic=[True, True, False, False],
    stored_at=pd.to_datetime(["2023-10-05 08:00", "2023-01-10 09:30", "2023-04-12 10:00", "2024-01-08 11:15"]),
)


def test_the_years_held_come_newest_first_and_a_years_periods_in_the_order_of_the_year():
    assert years_held(RETURNS) == [2024, 2023]
    assert periods_held(RETURNS, 2023) == ["3", "6", "12"]
    assert periods_held(RETURNS, 2023, "son_la") == ["6"]
    assert periods_held(RETURNS, 2022) == []


def test_sample_data_is_flagged_only_where_a_shown_return_is_synthetic():
    assert synthetic_shown(RETURNS, 2023, "12") is True
    assert synthetic_shown(RETURNS, 2023, "6") is False
    assert synthetic_shown(RETURNS) is True
    assert synthetic_shown(RETURNS.iloc[0:0]) is False


def test_the_footer_gives_when_the_newest_return_was_stored():
    assert latest_stored(RETURNS) == "08/01/2024 18:15"  # stored 11:15 UTC: the courts' clock is UTC+7
    assert latest_stored(RETURNS.iloc[0:0]) == ""


COMMENTS = frame(
    court=["son_la", "lai_chau", "son_la", "son_la"],
    year=[2023, 2023, 2023, 2022],
    period=["12", "12", "6", "12"],
    text=["a", "b", "c", "d"],
    author=["lan", "thu_ky", "lan", "lan"],
    created_at=pd.to_datetime(["2023-10-20 08:00", "2023-10-19 08:00", "2023-04-20 08:00", "2022-10-20 08:00"]),
)


def test_the_comments_of_a_court_are_those_of_its_year_and_counted_per_period():
    mine = comments_of(COMMENTS, 2023, courts=("son_la",))

    assert list(mine["text"]) == ["a", "c"]
    assert list(comments_of(COMMENTS, 2023, "12")["text"]) == ["a", "b"]
    assert comment_counts(mine, by="period") == {"12": 1, "6": 1}


def test_the_annual_target_is_the_tandtc_layers_and_none_where_there_is_none():
    targets = default_targets()

    assert annual_target(targets, 2023, "resolution_rate.criminal") == pytest.approx(0.90)
    assert annual_target(targets, 2023, "experience_trials_per_judge") is None


def test_only_the_target_rows_an_administrator_changed_or_added_are_stored():
    before = default_targets()[TARGET_COLUMNS].head(3)
    after = pd.concat(
        [before.assign(value=[before["value"].iloc[0] + 0.01, *before["value"].iloc[1:]]), before.head(0)]
    )
    added = pd.DataFrame([[2025, "overdue_cases", "tandtc", "=", 0.0, "", ""]], columns=TARGET_COLUMNS)

    changed = changed_targets(before, pd.concat([after, added], ignore_index=True))

    assert list(changed["indicator"]) == [before["indicator"].iloc[0], "overdue_cases"]


def test_an_emptied_weight_weighs_nothing_and_the_gates_are_the_rows_marked_gate():
    chosen = default_weights()
    edited = chosen.assign(weight=[None, *chosen["weight"].iloc[1:]])

    assert weight_values(edited)[chosen["indicator"].iloc[0]] == 0.0
    assert gate_indicators(chosen) == list(chosen.loc[chosen["gate"], "indicator"])
    assert "overdue_cases" in gate_indicators(chosen)


def test_stored_weights_say_when_they_were_saved_and_by_whom():
    stored = frame(
        indicator=["a", "b"],
        weight=[1.0, 2.0],
        updated_at=pd.to_datetime(["2023-10-01 08:00", "2023-10-02 09:00"]),
        updated_by=["thu_ky", "pho_thu_ky"],
    )

    assert stored_by(stored) == (pd.Timestamp("2023-10-02 09:00"), "pho_thu_ky")
    assert stored_by(stored.head(0)) is None


def test_the_versions_of_a_return_are_its_own_oldest_first():
    history = frame(
        court=["son_la"] * 3 + ["lai_chau"], year=2023, period=["12", "12", "6", "12"], version=[2, 1, 1, 1]
    )

    assert list(versions_of(history, "son_la", 2023, "12")["version"]) == [1, 2]


@pytest.mark.parametrize(
    ("when", "time_first", "text"),
    [
        (pd.Timestamp("2026-12-01 07:05", tz="UTC"), False, "01/12/2026 14:05"),  # the courts' clock: UTC+7
        (pd.Timestamp("2026-12-01 07:05", tz="UTC"), True, "14:05 01/12/2026"),
        (pd.Timestamp("2026-12-01 20:30"), False, "02/12/2026 03:30"),  # read back without a zone (SQLite): UTC
        (dt.datetime(2026, 12, 1, 7, 5, tzinfo=dt.UTC), False, "01/12/2026 14:05"),
        (None, False, ""),
        (pd.NaT, False, ""),
    ],
)
def test_a_stored_time_is_written_on_the_courts_clock_day_first_or_time_first(when, time_first, text):
    assert formatting.moment(when, time_first=time_first) == text


def test_the_courts_day_begins_seven_hours_before_utcs():
    assert formatting.today(dt.datetime(2026, 12, 1, 16, 59, tzinfo=dt.UTC)) == dt.date(2026, 12, 1)
    assert formatting.today(dt.datetime(2026, 12, 1, 17, 0, tzinfo=dt.UTC)) == dt.date(2026, 12, 2)  # 00:00 there


# --- grids --------------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def comparison_2023(sample_db):
    source = Store(f"sqlite:///{sample_db}")
    made = compare(source.figures(), source.targets(2023), source.returns(year=2023), 2023, "12")
    source.dispose()
    return made


def test_the_scorecard_keeps_numbers_underneath_and_shows_marks_ranks_targets_met_and_comments(comparison_2023):
    ranking = frame(court=[c for c in comparison_2023.courts()], rank=range(1, 8))

    grid = tables.scorecard(comparison_2023, SCORECARD, "vi", ranking, {"son_la": 2})

    seen = grid.text("vi")
    assert list(grid.values.columns[:3]) == ["indicative_rank", "targets_met", "comments"]
    assert grid.values["GQ chung"].dtype == "float64"
    assert seen.loc["Yên Bái", "Án quá hạn"] == "✗ 3"
    assert seen.loc["Yên Bái", "targets_met"] == "7/9"
    assert seen.loc["Toàn Cụm", "indicative_rank"] == "không áp dụng"
    assert (seen.loc["Sơn La", "comments"], seen.loc["Lai Châu", "comments"]) == ("📝 2", "")
    assert grid.statuses.loc["Yên Bái", "Án quá hạn"] == NOT_MET
    assert grid.keys[-1] == CLUSTER and grid.keys[0] == "lai_chau"


@pytest.mark.parametrize(
    ("lang", "written"),
    [
        ("vi", [["Sơn La", "1.234", "95,5 %"], ["Toàn Cụm", "—", "không áp dụng"]]),
        ("en", [["Son La", "1,234", "95.5 %"], ["Toàn Cụm", "—", "not applicable"]]),
    ],
)
def test_a_grid_written_out_reads_every_cell_as_the_grid_shows_it_all_as_text(lang, written):
    """What a screen reader is given beside the grid (the grid's own accessible cells are the raw numbers)."""
    values = frame(court=["Sơn La", "Toàn Cụm"], cases=pd.array([1234, None], dtype="Int64"), rate=[0.95544, None])
    grid = tables.Grid(
        values,
        formats=(
            ("rate", None, lambda rate: formatting.percent(rate, 1, lang)),
            ("court", (0,), lambda _: written[0][0]),
        ),
        missing="—",
    )

    assert grid.text(lang).to_numpy().tolist() == written
    assert grid.values["cases"].dtype == "Int64"  # the grid's own values are left as they are


def test_the_indicator_table_lists_the_courts_in_the_charts_order_with_numbers_that_sort(comparison_2023):
    rows = comparison_2023.indicator("resolution_rate.criminal")

    grid = tables.indicator_rows(rows, "resolution_rate.criminal", "en")

    seen = grid.text("en")
    assert grid.keys == tuple(rows["court"]) and grid.keys[:2] == ("lai_chau", "dien_bien")  # best first
    assert grid.values["value"].dtype == "float64"
    assert seen.loc[0].to_dict() == {
        "court": "Lai Chau",
        "value": "97.5 %",
        "numerator": "502",
        "denominator": "515",
        "target": "≥ 90.0 %",
        "status": "✓ Met",
        "margin": "+7.5 pp",
    }
    assert "last_year" not in grid.values.columns
    assert {"last_year", "projected", "range"} <= set(
        tables.indicator_rows(rows, "resolution_rate.all", "en", partial=True).values.columns
    )


def test_the_profile_colours_only_the_value_with_its_mark_and_the_status_in_words(comparison_2023):
    grid = tables.profile_indicators(court_indicators(comparison_2023, "yen_bai", SCORECARD), "vi")

    coloured = grid.statuses.notna()
    assert coloured[["value", "status"]].all().all() and not coloured.drop(columns=["value", "status"]).any().any()
    overdue = grid.values.set_index("indicator").loc["Án quá hạn"]
    assert (overdue["value"], overdue["status"], overdue["cluster_rank"]) == ("✗ 3", "✗ Không đạt", "7/7")


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_profile_begins_with_what_a_phone_shows_the_indicators_short_name_its_value_and_mark_and_the_target(
    comparison_2023, lang
):
    grid = tables.profile_indicators(court_indicators(comparison_2023, "yen_bai", SCORECARD), lang)

    # At 390 px the full names («Tỷ lệ giải quyết – Nhóm dân sự (dân sự, HNGĐ, KDTM, lao động)») took the whole width.
    assert list(grid.values.columns[:3]) == ["indicator", "value", "target"] and grid.pinned == ("indicator",)
    assert list(grid.values["indicator"]) == [short_label(k, lang) for k in grid.keys]
    assert list(grid.values["full_name"]) == [INDICATOR_BY_KEY[k].label(lang) for k in grid.keys]
    assert grid.values.columns[-1] == "full_name"
    civil = grid.values.set_index("indicator").loc[short_label("resolution_rate.civil_group", lang)]
    assert (civil["value"], civil["target"]) == (("✗ 82,0 %", "≥ 85,0 %") if lang == "vi" else ("✗ 82.0 %", "≥ 85.0 %"))


RECEIVED = frame(
    court=["lai_chau", "lai_chau", "son_la", "son_la"],
    year=2023,
    period=["3", "6", "3", "6"],
    deadline=None,
    status=[ON_TIME, LATE, MISSING, WAITING],
    submitted_on=[dt.date(2023, 1, 10), dt.date(2023, 5, 2), None, None],
    submitted_by=["lan", "lan", "", ""],
    versions=[1, 2, 0, 0],
    last_stored_at=None,
)


def test_the_returns_received_read_court_by_period_with_who_sent_them_and_the_late_ones_to_follow_up():
    grid = tables.submission_grid(RECEIVED, (), 2023, "vi", named)

    assert list(grid.values.columns) == ["3 tháng 2023", "6 tháng 2023"]
    assert grid.values.loc["Lai Châu", "6 tháng 2023"] == "⚠️ Muộn 02/05/2023 · Cán bộ thống kê (v2)"
    assert grid.values.loc["Sơn La", "3 tháng 2023"] == "✖️ Chưa nộp"
    assert grid.statuses.loc["Sơn La", "3 tháng 2023"] == MISSING
    assert tables.follow_ups(RECEIVED, (), 2023, "vi") == [
        "Lai Châu – 6 tháng 2023 (⚠️ Muộn)",
        "Sơn La – 3 tháng 2023 (✖️ Chưa nộp)",
    ]
    assert tables.follow_ups(RECEIVED, ("lai_chau",), 2023, "en") == ["Lai Chau – 6 months 2023 (⚠️ Late)"]


def test_a_count_through_the_year_shows_the_share_of_the_years_target_and_the_cluster_comes_last(sample_db):
    source = Store(f"sqlite:///{sample_db}")
    targets = source.targets()
    rows = through_the_year(source.figures(year=2023), targets, 2023, "online_hearings_per_unit")
    source.dispose()

    grid = tables.progress_grid(
        rows,
        "online_hearings_per_unit",
        annual_target(targets, 2023, "online_hearings_per_unit"),
        "vi",
        quarters=False,
        of_year=lambda share: f"{share} of the year",
    )

    assert grid.values.index[-1] == "Toàn Cụm" and grid.keys[-1] == CLUSTER
    assert grid.values.loc["Yên Bái", "6 tháng 2023"].endswith(" of the year")
    assert years_shown(rows) == 1


def test_a_court_without_a_figure_in_a_year_of_the_table_across_the_years_has_a_blank_cell_not_none(sample_db):
    source = Store(f"sqlite:///{sample_db}")
    years = across_years(source.figures(), source.targets(), "12", "resolution_rate.criminal")
    source.dispose()

    grid = tables.progress_grid(of_courts(years, (), cluster=False), "resolution_rate.criminal", None, "vi")

    # Tuyên Quang joined the cluster in 2025, Hòa Bình left it after 2024 (the sample data follows the merger)
    assert grid.values.loc["Tuyên Quang", "12 tháng 2023"] == ""
    assert grid.values.loc["Hòa Bình", "12 tháng 2025"] == ""
    assert grid.values.loc["Tuyên Quang", "12 tháng 2025"].startswith("✓ ")


def test_the_ranking_writes_the_score_with_two_decimals_and_each_gate_in_words():
    ranked = frame(
        rank=[1, 2],
        court=["son_la", "yen_bai"],
        score=[3.14159, -1.5],
        gates_passed=[2, 1],
        gates_total=[2, 2],
        all_gates=[True, False],
        components=[{}, {}],
    )
    gates = frame(overdue_cases=[MET, NOT_MET], court=["son_la", "yen_bai"]).set_index("court")

    grid = tables.ranking_rows(ranked, gates, ["overdue_cases"], "vi")

    seen = grid.text("vi")
    assert list(seen["score"]) == ["3,14", "-1,50"]
    assert list(grid.values["gates"]) == ["✔️ 2/2", "✖️ 1/2"]
    assert list(grid.values["Án quá hạn"]) == ["✔️ Đạt", "✖️ Không đạt"]


def test_what_it_takes_reads_unknown_done_or_how_many_cases_per_week():
    effort = frame(
        group=["criminal", "civil_group", "administrative"],
        comparator=">=",
        target=[0.9, 0.85, 0.65],
        resolved=[100, 200, 50],
        expected_accepted=[120, 210, 100],
        needed=[float("nan"), 0, 15],
        per_week=[float("nan"), 0, 2],
        weeks=[float("nan"), 26, 26],
    )

    unknown, done, needed = tables.effort(effort, "vi")

    assert unknown.needed is None and not unknown.done
    assert done.done and done.needed == "0"
    assert (needed.needed, needed.per_week, needed.weeks, needed.target) == ("15", "2", "26", "≥ 65,0 %")


def test_the_case_table_names_its_rows_and_columns_and_its_total_in_the_readers_language():
    cases = pd.DataFrame({"resolved": [1234, 5]}, index=["civil", TOTAL]).astype("Int64")

    grid = tables.case_table(cases, "en")

    assert list(grid.values.index) == ["Civil", "Total"]
    assert grid.values.loc["Civil", "Resolved"] == "1,234"


def test_a_courts_returns_come_in_the_order_of_the_year_with_their_comments_and_no_name_where_names_are_hidden():
    versions = RETURNS.assign(version=1, stored_by="lan", prepared_by="Nguyễn Thị Lan", filename="bc.xlsx", notes="")

    grid = tables.court_returns(versions, COMMENTS, "son_la", 2023, "vi", named, prepared=False)

    assert list(grid.values["period"]) == ["6 tháng 2023"]
    assert list(grid.values["comment_count"]) == [1]
    assert list(grid.values["prepared_by"]) == [""] and list(grid.values["who"]) == ["Cán bộ thống kê"]
    shown = tables.court_returns(versions, COMMENTS, "lai_chau", 2023, "vi", named, prepared=True)
    assert list(shown.values["period"]) == ["3 tháng 2023", "12 tháng 2023"]
    assert list(shown.values["prepared_by"]) == ["Nguyễn Thị Lan"] * 2


def test_the_comments_of_a_period_are_grouped_by_court_with_who_when_and_which_period():
    period = comments_of(COMMENTS, 2023, "12")

    grouped = tables.comments_by_court(period, "en", named)

    assert [court for court, _ in grouped] == ["Son La", "Lai Chau"]
    first = grouped[0][1][0]
    assert (first.text, first.author, first.when, first.period) == (
        "a",
        "Cán bộ thống kê",
        "20/10/2023 15:00",  # 08:00 UTC
        "12 months 2023",
    )


def test_a_files_problems_are_read_in_the_uploaders_language_with_their_sheet_and_cell():
    found = frame(
        file="bc.xlsx",
        sheet=["Sheet1", "Sheet1"],
        cell=["C5", ""],
        rule="r",
        severity=[ERROR, WARNING],
        value="",
        message=["Số âm", "Thiếu dòng"],
        message_en=["Negative", "Missing row"],
    )

    grid = tables.problems(found, "en")

    assert list(grid.values["severity"]) == ["✖️ Error", "⚠️ Warning"]
    assert list(grid.values["message"]) == ["Negative", "Missing row"]
    assert list(grid.values["cell"]) == ["C5", ""]


@pytest.mark.parametrize(
    ("lang", "mark"), [("vi", "khôi phục từ phiên bản 2"), ("en", "restored from version 2")], ids=["vi", "en"]
)
def test_the_upload_history_names_who_stored_each_version_when_and_marks_a_restore(lang, mark):
    history = frame(
        stored_at=[pd.Timestamp("2026-12-02 10:38"), pd.Timestamp("2026-12-02 10:37")],
        stored_by=["admin", "lan"],
        filename=["son_la_sua.xlsx", "son_la_sua.xlsx"],
        size=[10240, 10240],
        court="son_la",
        year=2025,
        period="12",
        version=[4, 2],
        restored_from=pd.array([2, None], dtype="Int64"),
    )

    grid = tables.uploads(history, lang, lambda names: [f"<{n}>" for n in names])

    assert grid.values[["version", "when", "who", "mark"]].values.tolist() == [
        [4, "02/12/2026 17:38", "<admin>", mark],  # stored 10:38 UTC: the courts' clock
        [2, "02/12/2026 17:37", "<lan>", ""],
    ]


@pytest.mark.parametrize(
    ("action", "stored", "line"),
    [
        ("return.store", '{"version": 2}', "phiên bản 2"),
        (
            "return.store",
            '{"figures": 1108, "file": "sl.xlsx", "sha256": "ab", "version": 3}',
            "phiên bản 3 · tệp sl.xlsx · 1.108 số liệu",
        ),
        ("return.restore", '{"from": 2, "version": 4}', "phiên bản 4, khôi phục từ phiên bản 2"),
        (
            "targets",
            '{"comparator": ">=", "indicator": "resolution_rate.admin_measures", "layer": "tandtc", "source": "CT 01", '
            '"value": 0.99, "year": 2023}',
            "≥ 99,0 % · CT 01",
        ),
        ("weights", '{"resolution_rate.criminal": 2.5}', "GQ hình sự: 2,5"),
        ("setting", "20", "20"),
        (
            "account.add",
            '{"active": true, "court": "son_la", "display_name": "Nguyễn Thị Lan", "email": null, "role": "court_staff", '
            '"username": "lan"}',
            "Nguyễn Thị Lan · Cán bộ thống kê của Tòa án · Sơn La · ✔️ Đang dùng",
        ),
        ("account.add", None, ""),
        ("comment", '{"id": 1, "text": "' + "x" * 100 + '"}', "x" * 79 + "…"),
        ("something.new", '{"a": 1, "b": null}', "a: 1; b: "),
        ("return.store", "not json", "not json"),
    ],
)
def test_an_audit_lines_before_and_after_read_as_a_short_line_not_json(action, stored, line):
    assert tables.audit_change(action, stored, "vi") == line


def test_an_audit_lines_subject_names_the_court_period_indicator_or_setting():
    assert tables.audit_subject("return.restore", "son_la 2025 12", "vi") == "Sơn La · 12 tháng 2025"
    assert tables.audit_subject("targets", "2023 resolution_rate.criminal tandtc", "en") == (
        "2023 · Resolution rate – Criminal · TANDTC target"
    )
    assert tables.audit_subject("account.add", "lan", "vi") == "lan"
    assert tables.audit_subject("return.store", "not three parts", "vi") == "not three parts"


def test_two_versions_side_by_side_show_only_what_differs_when_asked():
    table = frame(
        scope_label=["Hình sự", "Dân sự"],
        measure_label=["Thụ lý mới", "Thụ lý mới"],
        first=[10, 20],
        second=[10, 25],
        difference=[0, 5],
        changed=[False, True],
    )

    assert list(tables.version_changes(table, "vi", only_changed=True).values["case_type"]) == ["Dân sự"]
    assert len(tables.version_changes(table, "vi", only_changed=False)) == 2


def test_a_full_year_card_carries_its_margin_as_the_delta_and_the_national_result(comparison_2023):
    (card,) = tables.cards(comparison_2023, None, None, benchmarks(), ("resolution_rate.criminal",), "vi")

    assert (card.label, card.value, card.status) == ("GQ hình sự", "96,0 %", "✓ Đạt")
    assert card.delta == "+6,0 điểm % so với chỉ tiêu"  # the badge says what it measures
    assert card.target == "≥ 90,0 %"
    assert card.benchmark == "98,0 %" and card.vs_previous is None and not card.progress


def test_a_court_the_registry_no_longer_knows_is_shown_by_its_key_never_an_error():
    assert court_label("son_la", "en") == "Son La" and court_label("ha_tay") == "ha_tay"


def test_the_accounts_table_shows_a_lockout_only_while_it_lasts_and_a_disabled_account_as_out_of_use():
    now = dt.datetime(2026, 12, 2, 10, 0, tzinfo=dt.UTC)
    users = pd.DataFrame(
        {
            "username": ["lan", "minh"],
            "display_name": ["Nguyễn Thị Lan", None],
            "email": [None, "minh@toaan.gov.vn"],
            "role": ["court_staff", "viewer"],
            "court": ["son_la", None],
            "active": [True, False],
            "created_at": [pd.Timestamp("2026-11-01 01:00"), pd.Timestamp("2026-11-02 01:00")],
            "locked_until": [pd.Timestamp("2026-12-02 10:15"), pd.Timestamp("2026-12-02 09:45")],  # read back: UTC
        }
    )

    rows = tables.account_rows(users, "vi", now).values

    assert rows["locked_until"].tolist() == ["02/12/2026 17:15", ""]  # the one that has ended is not shown
    assert rows["active"].tolist() == ["✔️ Đang dùng", "✖️ Ngừng sử dụng"]
    assert rows["court"].tolist() == ["Sơn La", ""] and rows["created_at"].tolist()[0] == "01/11/2026 08:00"


def test_the_changed_figures_line_names_a_few_with_a_missing_one_as_none_and_says_when_there_are_more():
    stored = pd.DataFrame(
        {"scope": ["criminal", "criminal", "court", "civil"], "measure": ["resolved", "new", "judges", "new"]}
    ).assign(value=[1010, 90, 27, 5])
    sent = pd.DataFrame({"scope": ["criminal", "criminal", "court"], "measure": ["resolved", "new", "judges"]}).assign(
        value=[1004, 91, 28]
    )
    both = side_by_side(stored, sent, "vi")

    line = tables.changed_figures(both[both["changed"]], "vi")

    assert line.count(" → ") == 3 and line.endswith("; …")
    assert line.startswith("Hình sự – Thụ lý mới: 90 → 91; Hình sự – Đã giải quyết: 1.010 → 1.004; ")  # as in the table
    assert tables.changed_figures(both[both["changed"]], "vi", shown=4).endswith("Tòa án – Số Thẩm phán: 27 → 28")
    assert "Dân sự – Thụ lý mới: 5 → không có" in line  # a figure the new file does not hold


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "vi",
            [
                ("Lai Châu", "6 tháng (01/10 – 31/03)", "⚠️ Hợp lệ, 1 cảnh báo", "phiên bản 2 (thay phiên bản 1)"),
                ("Sơn La", "6 tháng (01/10 – 31/03)", "✔️ Hợp lệ", "không đổi (đã có phiên bản 3)"),
                ("Khối 3", "", "✖️ 1.200 lỗi", ""),
                ("Khối 4", "", "❓ Cần xác nhận Tòa án, năm, kỳ", ""),
            ],
        ),
        (
            "en",
            [
                ("Lai Chau", "6 months (1 Oct – 31 Mar)", "⚠️ Valid, 1 warning", "version 2 (replaces version 1)"),
                ("Son La", "6 months (1 Oct – 31 Mar)", "✔️ Valid", "unchanged (version 3 stored)"),
                ("Khối 3", "", "✖️ 1,200 errors", ""),
                ("Khối 4", "", "❓ Court, year or period to confirm", ""),
            ],
        ),
    ],
)
def test_a_compiled_workbooks_lines_say_each_courts_verdict_and_the_version_it_makes(lang, expected):
    lines = [
        tables.PartLine("lai_chau", "", "6", "warnings", 1, version=2, replaced=1),
        tables.PartLine("son_la", "", "6", "ok", 0, version=3, unchanged=True),
        tables.PartLine(None, "Khối 3", None, "errors", 1200),
        tables.PartLine(None, "Khối 4", None, "ask"),
    ]

    grid = tables.upload_parts(lines, lang)

    assert list(grid.values.itertuples(index=False, name=None)) == expected


def test_the_upload_preview_in_english_heads_the_case_types_and_writes_counts_and_figures_not_given():
    cases = pd.DataFrame({"New": pd.array([1234, None], dtype="Int64")}, index=["Civil", "Labour"])
    court = pd.DataFrame({"measure": ["Online hearings"], "value": pd.array([None], dtype="Int64")})

    shown_cases, shown_court = tables.upload_preview(cases, court, "en")

    assert shown_cases.index and shown_cases.values.index.name == "Case type"
    [(column, _, write)] = shown_cases.formats
    assert [write(v) for v in cases[column]] == ["1,234", "none"]
    assert [write(v) for v in court["value"]] == ["none"]
