"""Specs of the leadership analytics: quarters by differencing, trends, KPI changes, returns received,
the indicative ranking, the court profile, comments and stored weights."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from analytics.compute.comments import comment_counts, comments_of
from analytics.compute.comparison import (
    ALL_GROUPS,
    SCORECARD,
    cluster_values,
    compare,
    indicators_for,
    kpis,
    previous_period,
    scorecard_grid,
    scorecard_text,
)
from analytics.compute.indicators import CLUSTER
from analytics.compute.profile import TOTAL, case_table, court_indicators, radar_scores
from analytics.compute.ranking import COMPONENT_CAP, component, default_weights, rank, weights
from analytics.compute.submissions import LATE, MISSING, ON_TIME, WAITING, deadline, submissions
from analytics.compute.targets import MET, NO_TARGET, NOT_APPLICABLE, NOT_MET, benchmarks, default_targets
from analytics.compute.trends import across_years, quarter_figures, through_the_year
from analytics.domain import RETURN_DEADLINE
from analytics.security import COURT_STAFF, VIEWER, PermissionDenied
from analytics.store.accounts import audit_trail
from analytics.store.storage import Store
from tests.analytics.builders import account


def flows(court: str, year: int, period: str, scope: str = "criminal", **values: int) -> pd.DataFrame:
    return pd.DataFrame(
        [(court, year, period, 1, scope, m, v) for m, v in values.items()],
        columns=["court", "year", "period", "version", "scope", "measure", "value"],
    )


def year_of_returns(court: str = "lai_chau", year: int = 2023) -> pd.DataFrame:
    """Cumulative returns 3 → 12 of one court: 10 carried over, 30 new a quarter, resolved 25, 55, 90, 125."""
    rows = []
    for period, new, resolved in (("3", 30, 25), ("6", 60, 55), ("9", 90, 90), ("12", 120, 125)):
        accepted = 10 + new
        rows.append(
            flows(
                court,
                year,
                period,
                carried_over=10,
                new=new,
                accepted=accepted,
                resolved=resolved,
                pending=accepted - resolved,
            )
        )
    return pd.concat(rows, ignore_index=True)


def value(frame: pd.DataFrame, period: str, measure: str) -> int:
    return int(frame[(frame["period"] == period) & (frame["measure"] == measure)]["value"].item())


# --- quarters and trends -------------------------------------------------------------------


def test_a_quarter_alone_is_the_difference_of_two_cumulative_returns_for_flows():
    quarters = quarter_figures(year_of_returns())

    assert [value(quarters, q, "new") for q in ("Q1", "Q2", "Q3", "Q4")] == [30, 30, 30, 30]
    assert [value(quarters, q, "resolved") for q in ("Q1", "Q2", "Q3", "Q4")] == [25, 30, 35, 35]


def test_a_quarter_carries_over_the_pending_cases_of_the_previous_return_and_keeps_stocks_at_its_end():
    quarters = quarter_figures(year_of_returns())

    assert [value(quarters, q, "carried_over") for q in ("Q1", "Q2", "Q3", "Q4")] == [10, 15, 15, 10]
    assert value(quarters, "Q2", "accepted") == 15 + 30
    assert value(quarters, "Q4", "pending") == 5


def test_a_quarter_without_the_return_before_it_is_not_derived():
    returns = year_of_returns()
    quarters = quarter_figures(returns[returns["period"] != "6"])

    assert set(quarters["period"]) == {"Q1", "Q4"}


@pytest.mark.parametrize("held", [("3",), ("3", "6")])
def test_a_year_under_way_gives_its_quarters_so_far_and_none_of_the_periods_not_yet_reported(held):
    returns = year_of_returns()
    quarters = quarter_figures(returns[returns["period"].isin(held)])

    assert quarters["year"].dtype == "int64"
    assert sorted(set(quarters["period"])) == [f"Q{i}" for i in range(1, len(held) + 1)]
    rows = through_the_year(
        returns[returns["period"].isin(held)], default_targets(), 2023, "resolution_rate.criminal", quarters=True
    )
    mine = rows[rows["court"] == "lai_chau"].set_index("period")["value"]
    assert mine["Q1"] == pytest.approx(25 / 40)


def test_a_corrected_return_that_shrank_a_flow_leaves_that_quarter_not_applicable_and_the_group_its_true_difference():
    # Criminal cases resolved 25 at 3 months, then corrected to 20 at 6: the second quarter alone is -5 resolved.
    criminal = year_of_returns()
    criminal.loc[(criminal["period"] == "6") & (criminal["measure"] == "resolved"), "value"] = 20
    criminal.loc[(criminal["period"] == "6") & (criminal["measure"] == "pending"), "value"] = 50
    civil = year_of_returns().assign(scope="civil")
    returns = pd.concat([criminal, civil], ignore_index=True)

    assert value(quarter_figures(criminal), "Q2", "resolved") == -5
    rows = through_the_year(returns, default_targets(), 2023, "resolution_rate.criminal", quarters=True)
    mine = rows[rows["court"] == "lai_chau"].set_index("period")
    assert pd.isna(mine.loc["Q2", "value"]) and mine.loc["Q2", "status"] == NOT_APPLICABLE
    assert mine.loc["Q1", "value"] == pytest.approx(25 / 40)
    every = through_the_year(returns, default_targets(), 2023, "resolution_rate.all", quarters=True)
    quarter = every[every["court"] == "lai_chau"].set_index("period")
    # Resolved: the cumulative totals' difference (20 + 55) - (25 + 25); accepted: each case type's 15 pending at
    # 3 months and 30 new.
    assert quarter.loc["Q2", "value"] == pytest.approx((75 - 50) / (45 + 45))


def test_a_quarter_only_return_the_court_sent_wins_over_the_derived_one():
    own = flows("lai_chau", 2023, "Q2", carried_over=15, new=31, accepted=46, resolved=30, pending=16)

    quarters = quarter_figures(pd.concat([year_of_returns(), own], ignore_index=True))

    assert value(quarters, "Q2", "new") == 31


def test_the_cumulative_trend_shows_progress_until_the_year_ends_and_judges_the_full_year_with_the_cluster():
    rows = through_the_year(year_of_returns(), default_targets(), 2023, "resolution_rate.criminal")

    mine = rows[rows["court"] == "lai_chau"]
    assert list(mine["period"]) == ["3", "6", "9", "12"]
    assert mine["value"].round(4).tolist() == [round(25 / 40, 4), round(55 / 70, 4), 0.9, round(125 / 130, 4)]
    assert list(mine["status"]) == ["in_progress", "in_progress", "in_progress", "met"]
    assert list(mine["basis"]) == ["progress", "progress", "progress", "annual"]
    assert (rows["court"] == CLUSTER).sum() == 4


def test_the_quarter_trend_uses_the_quarters_alone():
    rows = through_the_year(year_of_returns(), default_targets(), 2023, "resolution_rate.criminal", quarters=True)

    mine = rows[rows["court"] == "lai_chau"].set_index("period")["value"]
    assert mine["Q2"] == pytest.approx(30 / 45)


def test_the_same_period_across_years_gives_one_row_per_court_and_year():
    figures = pd.concat([year_of_returns(year=2023), year_of_returns(year=2024)], ignore_index=True)

    rows = across_years(figures, default_targets(), "12", "resolution_rate.criminal")

    assert sorted(rows.loc[rows["court"] == "lai_chau", "year"]) == [2023, 2024]


# --- KPI changes -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("year", "period", "before"),
    [(2023, "6", (2023, "3")), (2023, "12", (2023, "9")), (2023, "3", (2022, "12")), (2023, "Q1", (2022, "Q4"))],
)
def test_the_previous_period(year, period, before):
    assert previous_period(year, period) == before


def test_kpis_give_the_change_against_the_previous_period_and_the_national_result_for_a_full_year():
    figures = year_of_returns()
    returns = pd.DataFrame({"year": [2023], "period": ["12"], "synthetic": [False]})
    current = compare(figures, default_targets(), returns, 2023, "12")

    table = kpis(current, cluster_values(figures, 2023, "9"), None, benchmarks(), ("resolution_rate.criminal",))

    row = table.loc["resolution_rate.criminal"]
    assert row["vs_previous"] == pytest.approx(125 / 130 - 90 / 100)
    assert pd.isna(row["vs_last_year"])
    assert row["benchmark"] == pytest.approx(0.98)
    assert row["margin"] == pytest.approx(125 / 130 - 0.90)


def test_a_comparison_gives_the_clusters_values_of_its_period_in_other_years_as_computed_alone(sample_url):
    store = Store(sample_url)
    figures, compared = store.figures(), 0
    for year, period in store.returns()[["year", "period"]].drop_duplicates().itertuples(index=False):
        current = compare(figures, store.targets(year), store.returns(year=year), year, period)
        for other in (year - 1, year):
            alone = cluster_values(figures, other, period)
            if not alone.empty:
                pd.testing.assert_series_equal(current.cluster_in(other), alone, check_exact=True)
                compared += 1
            else:
                assert current.cluster_in(other).empty
    store.dispose()

    assert compared > 12  # every period of the sample's three years, and the year before where there is one


def test_kpis_of_a_partial_year_show_no_national_result():
    figures = year_of_returns()
    current = compare(figures, default_targets(), pd.DataFrame(columns=["year", "period", "synthetic"]), 2023, "6")

    table = kpis(current, None, None, benchmarks(), ("resolution_rate.criminal",))

    assert pd.isna(table.loc["resolution_rate.criminal", "benchmark"])


def test_a_case_group_narrows_the_scorecard_to_its_own_resolution_rates():
    civil = indicators_for("civil_group")

    assert civil[:5] == (
        "resolution_rate.civil_group",
        "resolution_rate.civil",
        "resolution_rate.family",
        "resolution_rate.commercial",
        "resolution_rate.labour",
    )
    assert "resolution_rate.criminal" not in civil
    assert indicators_for(ALL_GROUPS) == SCORECARD


def test_the_scorecard_grid_holds_numbers_so_a_column_sorts_by_value(sample_url):
    source = Store(sample_url)
    comparison = compare(source.figures(year=2023), source.targets(2023), source.returns(year=2023), 2023, "12")

    values, statuses = scorecard_grid(comparison, "vi", SCORECARD)

    assert all(dtype == "float64" for dtype in values.dtypes)
    assert values["GQ chung"].sort_values().index[0] == "Yên Bái"  # 87,0 %, the lowest; as text "100,0 %" < "87,0 %"
    assert values.loc["Yên Bái", "Án quá hạn"] == 3.0
    assert statuses.loc["Yên Bái", "Án quá hạn"] == NOT_MET
    assert list(values.index) == list(statuses.index) and list(values.columns) == list(statuses.columns)


@pytest.mark.parametrize(
    ("value", "status", "indicator", "lang", "text"),
    [
        (0.986, MET, "resolution_rate.all", "vi", "✓ 98,6 %"),
        (0.82, NOT_MET, "resolution_rate.civil_group", "vi", "✗ 82,0 %"),
        (3.0, NOT_MET, "overdue_cases", "vi", "✗ 3"),
        (1234.0, NO_TARGET, "overdue_cases", "vi", "1.234"),
        (0.986, MET, "resolution_rate.all", "en", "✓ 98.6 %"),
        (float("nan"), NOT_APPLICABLE, "resolution_rate.all", "vi", "không áp dụng"),
    ],
)
def test_a_scorecard_cell_shows_the_status_mark_beside_the_value_in_the_readers_format(
    value, status, indicator, lang, text
):
    assert scorecard_text(value, status, indicator, lang) == text


def test_the_comments_of_a_period_are_counted_per_court():
    comments = pd.DataFrame(
        [
            ("son_la", 2023, "12", "a"),
            ("son_la", 2023, "12", "b"),
            ("lai_chau", 2023, "12", "c"),
            ("son_la", 2023, "9", "d"),
            ("son_la", 2022, "12", "e"),
        ],
        columns=["court", "year", "period", "text"],
    )

    assert comment_counts(comments_of(comments, 2023, "12")) == {"son_la": 2, "lai_chau": 1}
    assert list(comments_of(comments, 2023, "12", ("lai_chau",))["text"]) == ["c"]
    assert comment_counts(comments_of(comments, 2021, "12")) == {}


# --- returns received -----------------------------------------------------------------------


def versions(*rows: tuple[str, str, int, str]) -> pd.DataFrame:
    """(court, period, version, stored day) rows as the store lists them."""
    return pd.DataFrame(
        [
            {
                "court": c,
                "year": 2023,
                "period": p,
                "version": v,
                "stored_at": pd.Timestamp(day),
                "stored_by": "Cán bộ A",
                "prepared_on": None,
            }
            for c, p, v, day in rows
        ]
    )


def test_the_deadline_is_fifteen_days_after_the_period_ends():
    assert RETURN_DEADLINE.default == 15
    assert deadline(2023, "3") == dt.date(2023, 1, 15)
    assert deadline(2023, "12") == dt.date(2023, 10, 15)


def test_returns_are_on_time_late_missing_or_not_due_yet():
    stored = versions(
        ("lai_chau", "3", 1, "2023-01-10"), ("lai_chau", "6", 1, "2023-04-20"), ("lai_chau", "6", 2, "2023-05-01")
    )

    table = submissions(stored, 2023, today=dt.date(2023, 5, 1)).set_index(["court", "period"])

    assert table.loc[("lai_chau", "3"), "status"] == ON_TIME
    assert table.loc[("lai_chau", "6"), "status"] == LATE  # judged by the first version
    assert table.loc[("lai_chau", "6"), "versions"] == 2
    assert table.loc[("son_la", "3"), "status"] == MISSING
    assert table.loc[("son_la", "9"), "status"] == WAITING
    assert len(table) == 7 * 4


def test_a_return_is_judged_on_time_by_the_courts_clock_not_by_utc():
    # 15/01/2023 18:30 UTC is 01:30 on 16/01 in Vietnam: a day after the 3-month return's deadline (15/01).
    stored = versions(("lai_chau", "3", 1, "2023-01-15 18:30:00+00:00"), ("son_la", "3", 1, "2023-01-15 16:30:00"))

    table = submissions(stored, 2023, today=dt.date(2023, 2, 1)).set_index(["court", "period"])

    assert table.loc[("lai_chau", "3"), "status"] == LATE
    assert table.loc[("lai_chau", "3"), "submitted_on"] == dt.date(2023, 1, 16)
    assert table.loc[("son_la", "3"), "status"] == ON_TIME  # 23:30 on 15/01 there (read back without a zone: UTC)


def test_the_sample_loaded_by_the_system_counts_from_the_date_on_the_return():
    stored = versions(("lai_chau", "3", 1, "2026-11-26")).assign(stored_by="hệ thống", prepared_on=dt.date(2023, 1, 7))

    table = submissions(stored, 2023, today=dt.date(2026, 11, 26)).set_index(["court", "period"])

    assert table.loc[("lai_chau", "3"), "status"] == ON_TIME


# --- ranking --------------------------------------------------------------------------------


def evaluated(court: str, **values: tuple[float, float, str, str]) -> pd.DataFrame:
    """indicator → (value, target, comparator, status) rows of one court, margins computed here."""
    rows = []
    for key, (v, target, comparator, status) in values.items():
        key = key.replace("__", ".")
        margin = (
            v - target
            if comparator.startswith(">")
            else (target - v if comparator.startswith("<") else -abs(v - target))
        )
        rows.append(
            {"court": court, "indicator": key, "value": v, "target": target, "margin": margin, "status": status}
        )
    return pd.DataFrame(rows)


@pytest.mark.parametrize(
    ("value", "target", "margin", "unit", "expected"),
    [
        (0.95, 0.90, 0.05, "rate", 5.0),
        (4.5, 3.0, 1.5, "ratio", 20.0),  # +50 % of the target, capped
        (3.0, 0.0, -3.0, "count", -3.0),
        (0.5, 0.9, -0.4, "rate", -COMPONENT_CAP),
    ],
)
def test_a_component_is_the_margin_in_points_capped(value, target, margin, unit, expected):
    assert component(value, target, margin, unit) == pytest.approx(expected)


def test_a_court_failing_a_gate_ranks_after_the_courts_passing_every_gate_whatever_its_score():
    good = evaluated("son_la", resolution_rate__criminal=(0.91, 0.90, ">=", "met"), overdue_cases=(0, 0, "=", "met"))
    strong = evaluated(
        "lai_chau", resolution_rate__criminal=(0.99, 0.90, ">=", "met"), overdue_cases=(2, 0, "=", "not_met")
    )

    table = rank(pd.concat([good, strong]), default_weights())

    assert list(table["court"]) == ["son_la", "lai_chau"]
    assert list(table["all_gates"]) == [True, False]
    assert table.loc[1, "score"] > table.loc[0, "score"]


def test_stored_weights_override_the_defaults_and_change_the_order():
    a = evaluated(
        "son_la", resolution_rate__criminal=(0.99, 0.90, ">=", "met"), publication_rate=(0.9, 1.0, ">=", "not_met")
    )
    b = evaluated(
        "lai_chau", resolution_rate__criminal=(0.91, 0.90, ">=", "met"), publication_rate=(1.0, 1.0, ">=", "met")
    )
    rows = pd.concat([a, b])

    default_order = list(rank(rows, weights(pd.DataFrame(columns=["indicator", "weight"])))["court"])
    heavy = weights(pd.DataFrame({"indicator": ["publication_rate"], "weight": [10.0]}))

    assert default_order == ["son_la", "lai_chau"]
    assert list(rank(rows, heavy)["court"]) == ["lai_chau", "son_la"]


# --- profile ----------------------------------------------------------------------------------


def test_the_case_table_gives_the_flows_of_each_case_type_and_their_total():
    figures = pd.concat(
        [
            year_of_returns(),
            flows("lai_chau", 2023, "12", "civil", carried_over=1, new=2, accepted=3, resolved=3, pending=0),
        ]
    )

    table = case_table(figures, "lai_chau", 2023, "12")

    assert list(table.index) == ["criminal", "civil", TOTAL]
    assert table.loc[TOTAL, "resolved"] == 128
    assert pd.isna(table.loc["criminal", "overdue"])


def test_the_profile_ranks_the_court_among_the_courts_and_gives_the_cluster_beside_it():
    figures = pd.concat([year_of_returns("lai_chau"), year_of_returns("son_la").assign(value=lambda f: f["value"] * 2)])
    figures.loc[(figures["court"] == "son_la") & (figures["measure"] == "resolved"), "value"] -= 10
    current = compare(figures, default_targets(), pd.DataFrame(columns=["year", "period", "synthetic"]), 2023, "12")

    table = court_indicators(current, "son_la", ("resolution_rate.criminal",))

    row = table.loc["resolution_rate.criminal"]
    assert (row["rank"], row["of"]) == (2, 2)
    assert row["cluster"] == pytest.approx((125 + 240) / (130 + 260))
    assert radar_scores(table)["resolution_rate.criminal"] == pytest.approx(row["value"] / 0.90)


def test_the_radar_of_a_partial_year_leaves_out_the_seasonal_rates_it_does_not_judge_yet():
    figures = pd.concat(
        [year_of_returns("lai_chau"), flows("lai_chau", 2023, "3", "court", units=9, online_hearings=9)]
    )
    current = compare(figures, default_targets(), pd.DataFrame(columns=["year", "period", "synthetic"]), 2023, "3")

    table = court_indicators(current, "lai_chau", ("resolution_rate.criminal", "online_hearings_per_unit"))
    scores = radar_scores(table)

    # 25 / 40 at 3 months is no 69 % "of the annual target": the rate is in progress, with no verdict until 30/09.
    assert table.loc["resolution_rate.criminal", "status"] == "in_progress"
    assert "resolution_rate.criminal" not in scores
    # A count through the year stays, against its pro-rata target: 1 hearing a unit against 3 × 3/12.
    assert scores["online_hearings_per_unit"] == pytest.approx(1 / 0.75)


# --- storage: comments and weights ----------------------------------------------------------


def test_comments_are_kept_with_author_and_time_newest_first(store):
    chanh_an, thu_ky = account(store, "chanh_an", display_name="Chánh án"), account(store, "thu_ky")
    before = store.data_version()
    store.add_comment("lai_chau", 2023, "12", "Số liệu hòa giải đã sửa", chanh_an, now=dt.datetime(2023, 10, 5, 9))
    store.add_comment("lai_chau", 2023, "12", "Đã rà soát", thu_ky, now=dt.datetime(2023, 10, 6, 9))
    store.add_comment("son_la", 2023, "12", "Khác", thu_ky)

    notes = store.comments(court="lai_chau", year=2023, period="12")

    assert list(notes["text"]) == ["Đã rà soát", "Số liệu hòa giải đã sửa"]
    assert list(notes["author"]) == ["thu_ky", "chanh_an"]  # user names; pages show the name or the role
    assert store.data_version() == before + 3


def test_an_empty_comment_is_refused(store):
    with pytest.raises(ValueError):
        store.add_comment("lai_chau", 2023, "12", "   ", account(store, "thu_ky"))


def test_only_a_courts_own_staff_or_an_admin_may_comment_on_its_figures_and_each_comment_is_audited(store):
    own, other = account(store, "lan", COURT_STAFF, "lai_chau"), account(store, "hoa", COURT_STAFF, "son_la")

    store.add_comment("lai_chau", 2023, "12", "Đã kiểm tra", own)
    with pytest.raises(PermissionDenied):
        store.add_comment("lai_chau", 2023, "12", "Không được", other)
    with pytest.raises(PermissionDenied):
        store.add_comment("lai_chau", 2023, "12", "Không được", account(store, "chanh_an", VIEWER))

    assert store.comments(court="lai_chau")["text"].tolist() == ["Đã kiểm tra"]
    assert audit_trail(store, action="comment")["actor"].tolist() == ["lan"]


def test_ranking_weights_are_stored_per_year_and_replaced_as_a_whole(store):
    assert store.ranking_weights(2023).empty
    THU_KY = account(store, "thu_ky")

    store.put_ranking_weights(2023, {"resolution_rate.criminal": 5, "publication_rate": 0}, THU_KY)
    store.put_ranking_weights(2023, {"resolution_rate.criminal": 4}, THU_KY)

    stored = store.ranking_weights(2023)
    assert stored[["indicator", "weight"]].to_dict("records") == [
        {"indicator": "resolution_rate.criminal", "weight": 4.0}
    ]
    assert store.ranking_weights(2024).empty
    with pytest.raises(ValueError):
        store.put_ranking_weights(2023, {"publication_rate": -1}, THU_KY)
    with pytest.raises(PermissionDenied):
        store.put_ranking_weights(2023, {"publication_rate": 1}, account(store, "lan", COURT_STAFF, "lai_chau"))
    assert audit_trail(store, action="weights")["actor"].tolist() == ["thu_ky", "thu_ky"]
