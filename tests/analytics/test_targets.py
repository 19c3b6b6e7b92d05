"""Targets as data (DOMAIN.md §6) and the status of an indicator against them."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from analytics.compute.targets import (
    BEHIND_PACE,
    FLOOR_LAYER,
    IN_PROGRESS,
    MET,
    NO_TARGET,
    NOT_APPLICABLE,
    NOT_MET,
    ON_PACE,
    TARGET_COLUMNS,
    TARGET_LAYER,
    default_targets,
    evaluate,
)

NAN = float("nan")


def targets(*rows: tuple[str, str, float], layer: str = TARGET_LAYER, year: int = 2023) -> pd.DataFrame:
    """Targets from (indicator, comparator, value) rows."""
    return pd.DataFrame(
        [(year, indicator, layer, comparator, value, "test", "high") for indicator, comparator, value in rows],
        columns=TARGET_COLUMNS,
    )


def indicator_rows(*rows: tuple[str, float], court: str = "lai_chau", period: str = "12") -> pd.DataFrame:
    """Computed indicators from (indicator, value) rows."""
    return pd.DataFrame(
        [(court, 2023, period, indicator, NAN, NAN, value) for indicator, value in rows],
        columns=["court", "year", "period", "indicator", "numerator", "denominator", "value"],
    )


def evaluate_one(indicator: str, value: float, comparator: str, target: float, period: str = "12") -> pd.Series:
    frame = evaluate(indicator_rows((indicator, value), period=period), targets((indicator, comparator, target)))
    assert len(frame) == 1
    return frame.iloc[0]


# --- statuses -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("indicator", "value", "status"),
    [
        ("resolution_rate.criminal", 0.95, MET),
        ("resolution_rate.criminal", 0.85, NOT_MET),
        ("clearance_rate", 1.05, NO_TARGET),
        ("resolution_rate.criminal", NAN, NOT_APPLICABLE),
        ("clearance_rate", NAN, NOT_APPLICABLE),
    ],
)
def test_an_indicator_has_a_status_against_its_target(indicator, value, status):
    frame = evaluate(indicator_rows((indicator, value)), targets(("resolution_rate.criminal", ">=", 0.9)))

    assert frame["status"].tolist() == [status]


def test_no_target_and_not_applicable_have_no_margin():
    frame = evaluate(
        indicator_rows(("clearance_rate", 1.05), ("resolution_rate.criminal", NAN)),
        targets(("resolution_rate.criminal", ">=", 0.9)),
    )

    assert frame["status"].tolist() == [NO_TARGET, NOT_APPLICABLE]
    assert frame["margin"].isna().all()


def test_a_target_of_another_year_does_not_apply():
    frame = evaluate(
        indicator_rows(("resolution_rate.criminal", 0.95)), targets(("resolution_rate.criminal", ">=", 0.9), year=2024)
    )

    assert frame["status"].tolist() == [NO_TARGET]


def test_the_floor_is_shown_beside_the_target_but_the_status_is_judged_on_the_target():
    both = pd.concat(
        [
            targets(("resolution_rate.civil_group", ">=", 0.85)),
            targets(("resolution_rate.civil_group", ">", 0.78), layer=FLOOR_LAYER),
        ]
    )

    [row] = evaluate(indicator_rows(("resolution_rate.civil_group", 0.80)), both).to_dict("records")

    assert (row["target"], row["comparator"], row["floor"], row["floor_comparator"]) == (0.85, ">=", 0.78, ">")
    assert row["status"] == NOT_MET


# --- boundaries -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "comparator", "target", "status"),
    [
        (0.90, ">=", 0.90, MET),  # exactly 90 % meets "≥ 90 %"
        (9 / 10, ">=", 0.90, MET),
        (0.3 * 3, ">=", 0.90, MET),  # 0.8999999999999999 in floating point
        (0.8999, ">=", 0.90, NOT_MET),
        (0.88, ">", 0.88, NOT_MET),  # exactly 88 % does not meet "> 88 %"
        (22 / 25, ">", 0.88, NOT_MET),
        (0.8801, ">", 0.88, MET),
        (0.015, "<=", 0.015, MET),
        (3 / 200, "<=", 0.015, MET),
        (0.0151, "<=", 0.015, NOT_MET),
        (1.0, ">=", 1.0, MET),
        (49 / 50, ">=", 1.0, NOT_MET),
        (0, "=", 0, MET),
        (1, "=", 0, NOT_MET),
    ],
)
def test_status_at_and_around_the_boundary(value, comparator, target, status):
    assert evaluate_one("resolution_rate.criminal", value, comparator, target)["status"] == status


@pytest.mark.parametrize(
    ("indicator", "value", "comparator", "target", "margin"),
    [
        ("resolution_rate.criminal", 0.95, ">=", 0.90, +0.05),
        ("resolution_rate.criminal", 0.85, ">=", 0.90, -0.05),
        ("resolution_rate.criminal", 0.90, ">", 0.88, +0.02),
        ("subjective_overturn_rate", 0.010, "<=", 0.015, +0.005),
        ("subjective_overturn_rate", 0.020, "<=", 0.015, -0.005),
        ("overdue_cases", 0, "=", 0, 0),
        ("overdue_cases", 3, "=", 0, -3),
    ],
)
def test_the_margin_is_positive_on_the_good_side_of_the_target_and_negative_short_of_it(
    indicator, value, comparator, target, margin
):
    row = evaluate_one(indicator, value, comparator, target)

    assert row["margin"] == pytest.approx(margin, abs=1e-12)
    assert (row["margin"] >= 0) == (row["status"] == MET)


# --- partial years ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("period", "target", "basis", "status"),
    [
        ("3", 0.75, "pro_rata", ON_PACE),
        ("6", 1.5, "pro_rata", ON_PACE),
        ("9", 2.25, "pro_rata", BEHIND_PACE),
        ("12", 3.0, "annual", NOT_MET),
        ("Q2", 0.75, "pro_rata", ON_PACE),  # a quarter alone is a quarter of the year
    ],
)
def test_a_partial_year_keeps_an_accumulating_count_on_pace_with_the_target_pro_rata(period, target, basis, status):
    row = evaluate_one("online_hearings_per_unit", 2.0, ">=", 3, period=period)

    assert (row["target"], row["basis"], row["status"]) == (pytest.approx(target), basis, status)
    assert row["margin"] == pytest.approx(2.0 - target)


@pytest.mark.parametrize("period", ["3", "6", "9", "Q2"])
@pytest.mark.parametrize("indicator", ["resolution_rate.criminal", "clearance_rate", "resolution_rate.family"])
def test_a_seasonal_rate_of_a_partial_year_is_never_judged_against_the_annual_target(period, indicator):
    row = evaluate_one(indicator, 0.66, ">=", 0.9, period=period)

    assert (row["target"], row["basis"], row["status"]) == (0.9, "progress", IN_PROGRESS)
    assert math.isnan(row["margin"])


def test_a_seasonal_rate_of_the_full_year_is_judged_against_the_annual_target():
    row = evaluate_one("resolution_rate.criminal", 0.66, ">=", 0.9, period="12")

    assert (row["target"], row["basis"], row["status"]) == (0.9, "annual", NOT_MET)


@pytest.mark.parametrize(
    ("indicator", "value", "comparator", "target", "status"),
    [
        ("overdue_cases", 1, "=", 0, NOT_MET),  # an overdue case in March is a real miss
        ("overdue_cases", 0, "=", 0, MET),
        ("subjective_overturn_rate", 0.02, "<=", 0.015, NOT_MET),
        ("publication_rate", 1.0, ">=", 1.0, MET),
        ("enforcement_timeliness", 0.98, ">=", 1.0, NOT_MET),
    ],
)
@pytest.mark.parametrize("period", ["3", "6", "9"])
def test_a_state_is_judged_as_at_the_periods_end_in_a_partial_year(
    indicator, value, comparator, target, status, period
):
    row = evaluate_one(indicator, value, comparator, target, period=period)

    assert (row["target"], row["basis"], row["status"]) == (target, "state", status)


# --- the shipped targets ----------------------------------------------------------------------------

DOMAIN_TARGETS = [
    # indicator,                     layer,        comparator, value (DOMAIN.md §6)
    ("resolution_rate.criminal", TARGET_LAYER, ">=", 0.90),
    ("resolution_rate.criminal", FLOOR_LAYER, ">", 0.88),
    ("resolution_rate.civil_group", TARGET_LAYER, ">=", 0.85),
    ("resolution_rate.civil_group", FLOOR_LAYER, ">", 0.78),
    ("resolution_rate.administrative", TARGET_LAYER, ">=", 0.65),
    ("resolution_rate.administrative", FLOOR_LAYER, ">", 0.60),
    ("resolution_rate.admin_measures", TARGET_LAYER, ">=", 0.99),
    ("subjective_overturn_rate", TARGET_LAYER, "<=", 0.015),
    ("subjective_overturn_rate", FLOOR_LAYER, "<=", 0.015),
    ("overdue_cases", TARGET_LAYER, "=", 0),
    ("enforcement_timeliness", TARGET_LAYER, ">=", 1.0),
    ("online_hearings_per_unit", TARGET_LAYER, ">=", 3),
    ("publication_rate", TARGET_LAYER, ">=", 1.0),
]


@pytest.mark.parametrize(("indicator", "layer", "comparator", "value"), DOMAIN_TARGETS)
def test_the_shipped_2023_targets_hold_the_domain_values(indicator, layer, comparator, value):
    shipped = default_targets().query("year == 2023 and indicator == @indicator and layer == @layer")

    assert shipped[["comparator", "value"]].values.tolist() == [[comparator, pytest.approx(value)]]


@pytest.mark.parametrize("year", [2023, 2024, 2025])
def test_the_shipped_targets_of_each_year_are_exactly_the_domain_ones_with_no_invented_target(year):
    shipped = default_targets().query("year == @year")

    assert sorted(
        zip(shipped["indicator"], shipped["layer"], shipped["comparator"], shipped["value"], strict=True)
    ) == [
        (indicator, layer, comparator, pytest.approx(value))
        for indicator, layer, comparator, value in sorted(DOMAIN_TARGETS)
    ]
    assert not shipped["indicator"].isin(["experience_trials_per_judge", "mediation_success_rate"]).any()


def test_every_shipped_target_has_a_source_and_a_confidence():
    shipped = default_targets()

    assert list(shipped.columns) == TARGET_COLUMNS
    assert shipped["source"].str.strip().str.len().gt(10).all()
    assert shipped["confidence"].isin(["high", "medium", "low", "assumed"]).all()
    high = shipped[shipped["indicator"].str.startswith("resolution_rate.") & (shipped["confidence"] == "high")]
    three = {"resolution_rate.criminal", "resolution_rate.civil_group", "resolution_rate.administrative"}
    assert set(high.query("year == 2023")["indicator"]) == three
    # Chỉ thị 01/2024/CT-CA states the admin-measures rate for 2024; its 2023 wording was not seen.
    assert set(high.query("year == 2024")["indicator"]) == three | {"resolution_rate.admin_measures"}


def test_the_2025_targets_say_they_are_assumed_equal_to_2024_for_want_of_a_source():
    shipped = default_targets().query("year == 2025")

    assert (shipped["confidence"] == "assumed").all()
    assert shipped["source"].str.contains("Giả định bằng chỉ tiêu năm 2024").all()


def test_the_floors_name_the_national_assembly_resolution():
    floors = default_targets().query("layer == @FLOOR_LAYER")

    assert floors.query("year < 2025")["source"].str.contains("Nghị quyết 96/2019/QH14").all()


def test_the_2023_cluster_scorecard_is_judged_against_the_shipped_targets():
    frame = evaluate(
        indicator_rows(
            ("resolution_rate.criminal", 0.982),
            ("resolution_rate.civil_group", 0.8704),
            ("resolution_rate.administrative", 0.6499),
            ("subjective_overturn_rate", 0.0089),
            ("overdue_cases", 1),
        ),
        default_targets(),
    )

    assert dict(zip(frame["indicator"], frame["status"], strict=True)) == {
        "resolution_rate.criminal": MET,
        "resolution_rate.civil_group": MET,
        "resolution_rate.administrative": NOT_MET,
        "subjective_overturn_rate": MET,
        "overdue_cases": NOT_MET,
    }
    assert math.isclose(frame.set_index("indicator").at["resolution_rate.criminal", "floor"], 0.88)
