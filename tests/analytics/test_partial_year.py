"""A partial year judged honestly (DOMAIN.md §3): statuses by basis, the projected year-end and its backtest, what
it takes to reach a target by 30 September, the ranking's gates, the boundary display, the cluster's coverage and
the cluster's membership by year."""

from __future__ import annotations

import datetime as dt
import io
import math
import statistics

import openpyxl
import pandas as pd
import pytest
from matplotlib.axes import Axes

from analytics import formatting
from analytics.compute import tables
from analytics.compute.comparison import SCORECARD, Comparison, compare, scorecard_text
from analytics.compute.indicators import CLUSTER, compute, period_days
from analytics.compute.projection import AT_RISK, CLUSTER_PATH, OWN, PROJECTED_MET, backtest, effort, weeks_left
from analytics.compute.ranking import default_weights, rank
from analytics.compute.submissions import LATE, ON_TIME, submissions
from analytics.compute.targets import (
    BEHIND_PACE,
    IN_PROGRESS,
    MET,
    NO_TARGET,
    NOT_APPLICABLE,
    NOT_MET,
    default_targets,
    evaluate,
)
from analytics.domain import RETURN_DEADLINE, cluster_courts, court_by_key
from analytics.ingest.reader import read_return
from analytics.ingest.validate import validate
from analytics.outputs import charts, drawings, export
from analytics.outputs.bundle import bundle
from analytics.security import COURT_STAFF, InvalidInput, PermissionDenied
from analytics.store.accounts import audit_trail
from analytics.store.storage import Store
from tests.analytics.builders import a_return, account, workbook


def figures(*rows: tuple[str, int, str, dict[str, int]], scope: str = "criminal") -> pd.DataFrame:
    """Long figures from (court, year, period, {measure: value}) rows of one case type."""
    return pd.DataFrame(
        [(c, y, p, 1, scope, m, v) for c, y, p, values in rows for m, v in values.items()],
        columns=["court", "year", "period", "version", "scope", "measure", "value"],
    )


def criminal(carried: int, new: int, resolved: int) -> dict[str, int]:
    accepted = carried + new
    return {
        "carried_over": carried,
        "new": new,
        "accepted": accepted,
        "resolved": resolved,
        "pending": accepted - resolved,
    }


def no_returns() -> pd.DataFrame:
    return pd.DataFrame(columns=["court", "year", "period", "synthetic"])


# --- on the sample data: 2023, 2024 and 2025 stored -------------------------------------------------


@pytest.fixture(scope="module")
def sample(sample_db) -> Store:
    store = Store(f"sqlite:///{sample_db}")
    yield store
    store.dispose()


def sample_comparison(store: Store, year: int, period: str):
    return compare(store.figures(), store.targets(year), store.returns(), year, period)


def test_at_six_months_no_seasonal_rate_is_marked_missed_and_no_seasonal_target_is_listed(sample):
    comparison = sample_comparison(sample, 2025, "6")

    rates = comparison.rows[comparison.rows["basis"] == "progress"]
    assert IN_PROGRESS in set(rates["status"]) and set(rates["status"]) <= {IN_PROGRESS, NO_TARGET, NOT_APPLICABLE}
    assert rates["margin"].isna().all()
    assert comparison.misses().query("indicator.str.startswith('resolution_rate')", engine="python").empty
    # Only the judged states count towards "targets met n/m".
    met, judged = comparison.targets_met()["son_la"]
    assert judged == 4 and met <= judged  # overturns, overdue, publication, enforcement (online hearings are pro rata)


def test_the_projection_on_the_sample_years_equals_a_hand_computation(sample):
    every = sample.figures()
    crim = every[(every["scope"] == "criminal") & every["measure"].isin(["resolved", "accepted"])]

    def rate(court: str | None, year: int, period: str) -> float:
        rows = crim[(crim["year"] == year) & (crim["period"] == period)]
        if court is not None:
            rows = rows[rows["court"] == court]
        sums = rows.groupby("measure")["value"].sum()
        return sums["resolved"] / sums["accepted"]

    comparison = sample_comparison(sample, 2025, "6")
    rows = comparison.rows.set_index(["court", "indicator"])

    # Sơn La has 2023 and 2024: its own ratios (year-end ÷ 6 months), the median of two being their mean.
    own = [rate("son_la", y, "12") / rate("son_la", y, "6") for y in (2023, 2024)]
    son_la = rows.loc[("son_la", "resolution_rate.criminal")]
    assert son_la["projected"] == pytest.approx(rate("son_la", 2025, "6") * statistics.median(own))
    assert (son_la["projected_low"], son_la["projected_high"]) == pytest.approx(
        (rate("son_la", 2025, "6") * min(own), rate("son_la", 2025, "6") * max(own))
    )
    assert (son_la["projection_source"], son_la["projection_years"]) == (OWN, 2)
    # Lào Cai reports for Lào Cai and Yên Bái from 2025: no comparable earlier year, so the cluster's path.
    path = [rate(None, y, "12") / rate(None, y, "6") for y in (2023, 2024)]
    lao_cai = rows.loc[("lao_cai", "resolution_rate.criminal")]
    assert lao_cai["projected"] == pytest.approx(rate("lao_cai", 2025, "6") * statistics.median(path))
    assert lao_cai["projection_source"] == CLUSTER_PATH
    assert pd.isna(lao_cai["last_year"]) and not lao_cai["comparable"]
    # The same period a year before: Sơn La's own, and the cluster's.
    assert son_la["last_year"] == pytest.approx(rate("son_la", 2024, "6"))
    assert rows.loc[(CLUSTER, "resolution_rate.criminal"), "last_year"] == pytest.approx(rate(None, 2024, "6"))


def test_a_year_with_only_one_earlier_year_projects_every_court_on_the_clusters_path(sample):
    comparison = sample_comparison(sample, 2024, "9")

    projected = comparison.rows.dropna(subset=["projected"])
    assert not projected.empty
    assert set(projected["projection_source"]) == {CLUSTER_PATH}
    assert set(projected["projection_years"]) == {1}


def test_the_first_year_stored_has_no_projection_and_no_partial_ranking(sample):
    comparison = sample_comparison(sample, 2023, "6")

    assert comparison.rows["projected"].isna().all()
    assert not comparison.projected
    assert comparison.ranking_rows() is None
    assert rank(comparison.ranking_rows(), default_weights()).empty


def test_a_partial_year_is_ranked_on_projected_year_end_values(sample):
    comparison = sample_comparison(sample, 2025, "6")

    rows = comparison.ranking_rows()
    table = rank(rows, default_weights())

    assert len(table) == 6
    criminal = rows[(rows["indicator"] == "resolution_rate.criminal") & (rows["court"] != CLUSTER)]
    assert criminal["value"].tolist() == comparison.rows.loc[criminal.index, "projected"].tolist()
    scores = table.set_index("court")["components"]
    assert scores["son_la"]["resolution_rate.criminal"] == pytest.approx(
        min(20.0, (criminal.set_index("court").at["son_la", "value"] - 0.9) * 100)
    )


def test_the_backtest_reports_a_mean_absolute_error_per_indicator_over_the_years_with_an_earlier_year(sample):
    comparison = sample_comparison(sample, 2025, "6")

    errors = comparison.errors.set_index("indicator")
    assert errors.at["resolution_rate.criminal", "years"] == 2  # 2024 from 2023, 2025 from 2023 and 2024
    assert errors.at["resolution_rate.criminal", "cases"] == 7 + 1 + 6 + 1  # courts and the cluster of each year
    assert 0 < comparison.error("resolution_rate.criminal") < 0.05


def test_the_backtest_projects_each_year_only_from_the_years_before_it():
    history = pd.DataFrame(
        [
            ("a", 2023, "6", "resolution_rate.criminal", 0.5),
            ("a", 2023, "12", "resolution_rate.criminal", 1.0),  # ratio 2
            ("a", 2024, "6", "resolution_rate.criminal", 0.4),
            ("a", 2024, "12", "resolution_rate.criminal", 0.9),
            (CLUSTER, 2023, "6", "resolution_rate.criminal", 0.5),
            (CLUSTER, 2023, "12", "resolution_rate.criminal", 1.0),
            (CLUSTER, 2024, "6", "resolution_rate.criminal", 0.4),
            (CLUSTER, 2024, "12", "resolution_rate.criminal", 0.9),
        ],
        columns=["court", "year", "period", "indicator", "value"],
    ).assign(court=lambda f: f["court"].replace("a", "son_la"))

    errors = backtest(history, "6", ("resolution_rate.criminal",)).set_index("indicator")

    # 2024 projected with 2023's ratio (2): 0.4 × 2 = 0.8 against 0.9, for the court and the cluster.
    assert errors.at["resolution_rate.criminal", "error"] == pytest.approx(0.1)
    assert errors.at["resolution_rate.criminal", "cases"] == 2


def test_a_projected_rate_never_passes_100_percent():
    history = figures(
        ("son_la", 2023, "6", criminal(10, 40, 25)),  # 50 %
        ("son_la", 2023, "12", criminal(10, 80, 90)),  # 100 %: ratio 2
        ("son_la", 2024, "6", criminal(10, 40, 30)),  # 60 %
        ("son_la", 2024, "12", criminal(10, 80, 90)),  # 100 %: ratio 1,67
        ("son_la", 2025, "6", criminal(10, 40, 40)),  # 80 %
    )

    rows = compare(history, default_targets(), no_returns(), 2025, "6").rows.set_index(["court", "indicator"])

    row = rows.loc[("son_la", "resolution_rate.criminal")]
    assert (row["projected"], row["projected_high"]) == (1.0, 1.0)
    assert row["projected_status"] == PROJECTED_MET


def test_a_projection_below_the_target_puts_the_court_on_the_at_risk_list_not_the_missed_one():
    history = figures(
        ("son_la", 2023, "6", criminal(10, 40, 30)),  # 60 %
        ("son_la", 2023, "12", criminal(10, 80, 81)),  # 90 %: ratio 1,5
        ("son_la", 2024, "6", criminal(10, 40, 30)),
        ("son_la", 2024, "12", criminal(10, 80, 81)),
        ("son_la", 2025, "6", criminal(10, 40, 25)),  # 50 % → 75 % projected, against ≥ 90 %
    )

    comparison = compare(history, default_targets(), no_returns(), 2025, "6")

    risky = comparison.at_risk(("resolution_rate.criminal",))
    assert list(zip(risky["court"], risky["projected_status"], strict=True)) == [("son_la", AT_RISK)]
    assert comparison.misses(("resolution_rate.criminal",)).empty
    assert risky["projected"].iloc[0] == pytest.approx(0.75)


# --- what it takes -----------------------------------------------------------------------------------


def test_what_it_takes_counts_the_cases_still_to_resolve_by_30_september_and_per_week():
    history = figures(
        ("son_la", 2023, "6", criminal(100, 400, 300)),
        ("son_la", 2023, "12", criminal(100, 800, 810)),  # new grows ×2 from 6 months to the year-end
        ("son_la", 2024, "6", criminal(100, 400, 300)),
        ("son_la", 2024, "12", criminal(100, 1000, 990)),  # ×2,5
        ("son_la", 2025, "6", criminal(120, 380, 250)),
    )

    found = effort(history, default_targets(), 2025, "6").set_index(["court", "group"])

    row = found.loc[("son_la", "criminal")]
    # expected accepted = 500 + 380 × (median(2; 2,5) − 1) = 500 + 380 × 1,25 = 975
    assert row["expected_accepted"] == pytest.approx(975)
    # ⌈0,9 × 975⌉ − 250 = 878 − 250 = 628, over the 26 1/7 weeks from 31/03 to 30/09: 25 a week
    assert row["needed"] == 628
    assert row["weeks"] == pytest.approx(183 / 7)
    assert row["per_week"] == math.ceil(628 / (183 / 7))
    assert row["projection_source"] == OWN


def test_what_it_takes_is_zero_when_enough_cases_are_already_resolved():
    history = figures(
        ("son_la", 2023, "9", criminal(10, 90, 95)),
        ("son_la", 2023, "12", criminal(10, 100, 100)),
        ("son_la", 2024, "9", criminal(10, 90, 95)),
        ("son_la", 2024, "12", criminal(10, 100, 100)),
        ("son_la", 2025, "9", criminal(10, 90, 99)),
    )

    row = effort(history, default_targets(), 2025, "9").set_index(["court", "group"]).loc[("son_la", "criminal")]

    assert row["needed"] == 0 and row["per_week"] == 0


def test_what_it_takes_is_unknown_without_an_earlier_year():
    found = effort(figures(("son_la", 2025, "6", criminal(10, 40, 25))), default_targets(), 2025, "6")

    assert found["expected_accepted"].isna().all() and found["needed"].isna().all()


@pytest.mark.parametrize(("period", "weeks"), [("3", 273 / 7), ("6", 183 / 7), ("9", 92 / 7), ("Q2", 183 / 7)])
def test_the_weeks_left_run_from_the_periods_end_to_30_september(period, weeks):
    assert weeks_left(2025, period) == pytest.approx(weeks)


# --- the ranking's gates -------------------------------------------------------------------------------


def ranking_row(court: str, indicator: str, status: str, value: float, margin: float) -> dict:
    return {"court": court, "indicator": indicator, "status": status, "value": value, "target": 0.9, "margin": margin}


@pytest.mark.parametrize(
    ("enforcement", "gates"),
    [
        (MET, (2, 2, True)),
        (NOT_MET, (1, 2, False)),
        (NOT_APPLICABLE, (1, 1, True)),  # no criminal judgment to enforce: left out, not failed
    ],
)
def test_a_gate_that_does_not_apply_is_left_out_of_the_gates_counted(enforcement, gates):
    rows = pd.DataFrame(
        [
            ranking_row("son_la", "resolution_rate.criminal", MET, 0.95, 0.05),
            ranking_row("son_la", "overdue_cases", MET, 0, 0),
            ranking_row("son_la", "enforcement_timeliness", enforcement, float("nan"), float("nan")),
        ]
    )

    table = rank(rows, default_weights()).set_index("court")

    assert tuple(table.loc["son_la", ["gates_passed", "gates_total", "all_gates"]]) == gates


def test_son_la_keeps_its_first_place_when_its_enforcement_count_is_zero():
    def court(key: str, rate: float, enforcement: str) -> list[dict]:
        return [
            ranking_row(key, "resolution_rate.criminal", MET, rate, rate - 0.9),
            ranking_row(key, "enforcement_timeliness", enforcement, 1.0, 0.0),
        ]

    rows = pd.DataFrame(court("son_la", 0.99, NOT_APPLICABLE) + court("lai_chau", 0.95, MET))

    assert rank(rows, default_weights())["court"].tolist() == ["son_la", "lai_chau"]


# --- boundary display ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "status", "indicator", "target", "text"),
    [
        (0.8995, NOT_MET, "resolution_rate.criminal", 0.9, "✗ 89,95 %"),
        (0.01549, NOT_MET, "subjective_overturn_rate", 0.015, "✗ 1,55 %"),
        (0.90, MET, "resolution_rate.criminal", 0.9, "✓ 90,0 %"),
        (0.986, MET, "resolution_rate.criminal", 0.9, "✓ 98,6 %"),
        (0.014996, MET, "subjective_overturn_rate", 0.015, "✓ 1,4996 %"),
    ],
)
def test_a_value_shown_rounded_never_reads_as_its_target_when_its_status_says_otherwise(
    value, status, indicator, target, text
):
    assert scorecard_text(value, status, indicator, "vi", target) == text


def just_short_of_90() -> Comparison:
    """Lai Châu resolves 1.799 of 2.000 criminal cases (89,95 %: short of ≥ 90 %), Sơn La 95 of 100."""
    rows = figures(("lai_chau", 2023, "12", criminal(200, 1800, 1799)), ("son_la", 2023, "12", criminal(10, 90, 95)))
    return compare(rows, default_targets(), no_returns(), 2023, "12")


def test_every_view_of_one_indicator_shows_a_value_just_short_of_its_target_with_the_decimals_that_say_so(
    monkeypatch,
):
    rows = just_short_of_90().indicator("resolution_rate.criminal")

    grid = tables.indicator_rows(rows, "resolution_rate.criminal", "vi")
    [shown] = [
        text(grid.values.at[1, "value"])
        for column, where, text in grid.formats
        if column == "value" and (where is None or 1 in where)
    ]
    assert (shown, grid.values.at[1, "status"]) == ("89,95 %", "✗ Không đạt")
    assert charts.bar_chart(rows, "resolution_rate.criminal").data[0].text[1] == "89,95 % ✗"
    labels = []
    annotate = Axes.annotate
    monkeypatch.setattr(
        Axes, "annotate", lambda self, text, *a, **k: labels.append(text) or annotate(self, text, *a, **k)
    )
    drawings.bar_svg(rows, "resolution_rate.criminal")
    assert labels[1] == "✗ 89,95 %"


def test_the_workbooks_data_sheet_shows_a_value_just_short_of_its_target_with_the_decimals_that_say_so():
    made = bundle(
        just_short_of_90(),
        targets=default_targets(),
        figures=pd.DataFrame(),
        returns=no_returns(),
        comments=pd.DataFrame(columns=["court", "year", "period", "text", "author", "written_at"]),
        stored_weights=pd.DataFrame(columns=["indicator", "weight"]),
        generated_by="cli:thu.ky",
    )

    sheet = openpyxl.load_workbook(io.BytesIO(export.workbook(made)))["Dữ liệu"]

    [row] = [r for r in sheet.iter_rows(min_row=2) if r[0].value == "Lai Châu" and r[-1].value.endswith("criminal")]
    assert (row[2].value, row[2].number_format, row[7].value) == (0.8995, "0.00 %", "✗ Không đạt")


@pytest.mark.parametrize(
    ("comparator", "amount", "unit", "text"),
    [
        (">=", 0.75, "ratio", "≥ 0,75"),  # 3 online hearings per unit × 3/12
        (">=", 2.25, "ratio", "≥ 2,25"),
        (">=", 3.0, "ratio", "≥ 3,0"),
        (">=", 0.9, "rate", "≥ 90,0 %"),
        ("<=", 0.015, "rate", "≤ 1,5 %"),
    ],
)
def test_a_pro_rata_target_shows_the_decimals_it_has(comparator, amount, unit, text):
    assert formatting.target(comparator, amount, unit) == text


# --- coverage, membership, disposition time -----------------------------------------------------------------


def test_the_cluster_total_says_how_many_courts_it_covers_when_one_has_no_return():
    six_courts = pd.concat(
        [figures((c.key, 2023, "12", criminal(10, 90, 95))) for c in cluster_courts(2023)[:6]], ignore_index=True
    )

    comparison = compare(six_courts, default_targets(), no_returns(), 2023, "12")

    assert comparison.coverage() == (6, 7) and not comparison.complete
    assert comparison.cluster_label("vi") == "Toàn Cụm (6/7 Tòa án)"
    assert comparison.cluster_label("en") == "Cluster total (6/7 courts)"


def test_the_cluster_total_is_plain_when_every_member_reported():
    seven = pd.concat([figures((c.key, 2023, "12", criminal(10, 90, 95))) for c in cluster_courts(2023)])

    assert compare(seven, default_targets(), no_returns(), 2023, "12").cluster_label() == "Toàn Cụm"


@pytest.mark.parametrize(
    ("year", "members"),
    [
        (2022, []),  # before the founding decision's first statistical year (QĐ 247, 31/8/2022)
        (2023, ["lai_chau", "lao_cai", "dien_bien", "son_la", "yen_bai", "phu_tho", "hoa_binh"]),
        (2024, ["lai_chau", "lao_cai", "dien_bien", "son_la", "yen_bai", "phu_tho", "hoa_binh"]),
        (2025, ["lai_chau", "lao_cai", "dien_bien", "son_la", "phu_tho", "tuyen_quang"]),
        (2026, ["lai_chau", "lao_cai", "dien_bien", "son_la", "phu_tho", "tuyen_quang"]),
    ],
)
def test_the_cluster_membership_follows_the_statistical_year(year, members):
    assert [c.key for c in cluster_courts(year)] == members


@pytest.mark.parametrize(
    ("court", "year", "other", "comparable"),
    [
        ("lao_cai", 2025, 2024, False),  # merged with Yên Bái from 2025
        ("phu_tho", 2026, 2025, True),
        ("phu_tho", 2025, 2023, False),
        ("son_la", 2025, 2024, True),
    ],
)
def test_a_merged_courts_figures_are_not_comparable_across_its_merger(court, year, other, comparable):
    assert court_by_key(court).comparable(year, other) == comparable


@pytest.mark.parametrize(("year", "period", "days"), [(2024, "12", 365), (2023, "12", 365), (2024, "6", 183)])
def test_the_disposition_time_counts_a_full_year_as_365_days_even_in_a_leap_year(year, period, days):
    assert period_days(year, period) == days


def test_the_disposition_time_of_a_leap_year_uses_365_days():
    pending_resolved = figures(("son_la", 2024, "12", criminal(0, 100, 73)))

    rows = compute(pending_resolved).set_index(["court", "indicator"])

    assert rows.at[("son_la", "disposition_time_days"), "value"] == pytest.approx(27 / 73 * 365)


def test_the_scorecard_of_a_full_year_still_judges_every_rate(sample):
    comparison = sample_comparison(sample, 2025, "12")

    statuses = set(comparison.scorecard(SCORECARD)["status"])
    assert {MET, NOT_MET} <= statuses and IN_PROGRESS not in statuses


# --- online hearings in each unit ---------------------------------------------------------------------------


def online(court: str, per_unit: float, below: int | None, period: str = "12") -> list[tuple]:
    rows = [(court, 2023, period, "online_hearings_per_unit", per_unit * 10, 10, per_unit)]
    if below is not None:
        rows.append((court, 2023, period, "online_units_below_minimum", below, float("nan"), float(below)))
    return rows


@pytest.mark.parametrize(
    ("per_unit", "below", "status", "judged_on"),
    [
        (2.0, 0, MET, "online_units_below_minimum"),  # every unit held 3, though the average says otherwise
        (4.0, 2, NOT_MET, "online_units_below_minimum"),  # a high average hides two units below 3
        (4.0, None, MET, ""),  # no figure: judged on the average, as the data allows
        (2.0, None, NOT_MET, ""),
    ],
)
def test_the_online_hearings_rule_is_judged_on_the_units_below_3_when_the_return_states_them(
    per_unit, below, status, judged_on
):
    rows = pd.DataFrame(
        online("son_la", per_unit, below),
        columns=["court", "year", "period", "indicator", "numerator", "denominator", "value"],
    )

    judged = evaluate(rows, default_targets()).set_index("indicator").loc["online_hearings_per_unit"]

    assert (judged["status"], judged["judged_on"]) == (status, judged_on)


def test_a_partial_year_judges_online_hearings_on_pace_even_when_units_below_3_are_stated():
    rows = pd.DataFrame(
        online("son_la", 1.0, 3, period="6"),
        columns=["court", "year", "period", "indicator", "numerator", "denominator", "value"],
    )

    judged = evaluate(rows, default_targets()).set_index("indicator").loc["online_hearings_per_unit"]

    assert (judged["basis"], judged["status"], judged["judged_on"]) == ("pro_rata", BEHIND_PACE, "")


def test_the_template_asks_for_the_units_below_3_online_hearings_and_reads_them_back():
    ret = a_return(court_figures={"online_units_below_minimum": 1})

    back, problems = read_return("x.xlsx", workbook(ret))

    assert back.court_figures["online_units_below_minimum"] == 1
    assert not [p for p in problems if p.severity == "error"]


def test_more_units_below_3_than_units_is_an_error_naming_the_cell():
    ret = a_return(court_figures={"online_units_below_minimum": 12, "units": 9})
    back, _ = read_return("x.xlsx", workbook(ret))

    _, problems = validate(back, "x.xlsx")

    [error] = [p for p in problems if p.rule == "units_below_minimum_at_most_units"]
    assert error.severity == "error" and error.cell and "không được lớn hơn Số đơn vị" in error.message


# --- the return deadline ---------------------------------------------------------------------------------------


def test_the_return_deadline_is_an_administrators_setting_that_is_audited(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'd.sqlite'}")
    admin = account(store, "thu_ky")

    assert store.setting(RETURN_DEADLINE.key) == 15
    store.put_setting(RETURN_DEADLINE.key, 20, admin)

    assert store.setting(RETURN_DEADLINE.key) == 20
    line = audit_trail(store, action="setting").iloc[0]
    assert (line["actor"], line["subject"], line["before"], line["after"]) == (
        "thu_ky",
        RETURN_DEADLINE.key,
        None,
        "20",
    )


def test_court_staff_cannot_change_the_return_deadline(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'd.sqlite'}")

    with pytest.raises(PermissionDenied):
        store.put_setting(RETURN_DEADLINE.key, 30, account(store, "lan", COURT_STAFF, "son_la"))

    assert store.setting(RETURN_DEADLINE.key) == 15


@pytest.mark.parametrize(("days", "status"), [(15, LATE), (20, ON_TIME)])
def test_a_return_sent_18_days_after_its_period_is_late_or_on_time_by_the_deadline_set(days, status):
    stored = pd.DataFrame(
        [
            {
                "court": "son_la",
                "year": 2023,
                "period": "3",
                "version": 1,
                "stored_at": pd.Timestamp("2023-01-18"),
                "stored_by": "lan",
                "prepared_on": None,
            }
        ]
    )

    table = submissions(stored, 2023, dt.date(2023, 3, 1), days).set_index(["court", "period"])

    assert table.loc[("son_la", "3"), "status"] == status
    assert table.loc[("son_la", "3"), "deadline"] == dt.date(2022, 12, 31) + dt.timedelta(days=days)


@pytest.mark.parametrize("days", [0, 121, -5, 2.5, "15", True])
def test_a_return_deadline_out_of_range_is_refused_in_vietnamese(tmp_path, days):
    store = Store(f"sqlite:///{tmp_path / 'd.sqlite'}")

    with pytest.raises(InvalidInput) as refused:
        store.put_setting(RETURN_DEADLINE.key, days, account(store, "thu_ky"))

    assert "hãy nhập một số nguyên từ 1 đến 120" in refused.value.message
    assert store.setting(RETURN_DEADLINE.key) == 15
