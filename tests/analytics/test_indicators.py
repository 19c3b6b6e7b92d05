"""The indicators of DOMAIN.md §5, computed from small hand-made figure frames."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from analytics import formatting
from analytics.compute.indicators import CLUSTER, INDICATOR_COLUMNS, compute
from tests.analytics.builders import figures_frame


def row_of(result: pd.DataFrame, indicator: str, court: str = "lai_chau") -> pd.Series:
    [index] = result.index[(result["indicator"] == indicator) & (result["court"] == court)]
    return result.loc[index]


def value_of(result: pd.DataFrame, indicator: str, court: str = "lai_chau") -> float:
    return float(row_of(result, indicator, court)["value"])


def flows(court: str, case_type: str, accepted: int, resolved: int) -> list[tuple[str, str, str, int]]:
    return [(court, case_type, "accepted", accepted), (court, case_type, "resolved", resolved)]


# --- resolution rate: resolved / accepted ----------------------------------------------------------

GROUP_FIGURES = figures_frame(
    *flows("lai_chau", "criminal", 10, 9),
    *flows("lai_chau", "civil", 20, 10),
    *flows("lai_chau", "family", 10, 5),
    *flows("lai_chau", "commercial", 5, 0),
    *flows("lai_chau", "labour", 5, 1),
    *flows("lai_chau", "administrative", 8, 6),
    *flows("lai_chau", "bankruptcy", 2, 1),
    *flows("lai_chau", "admin_measures", 100, 99),
)


@pytest.mark.parametrize(
    ("indicator", "numerator", "denominator"),
    [
        ("resolution_rate.criminal", 9, 10),
        ("resolution_rate.civil_group", 10 + 5 + 0 + 1, 20 + 10 + 5 + 5),
        ("resolution_rate.administrative", 6, 8),
        ("resolution_rate.admin_measures", 99, 100),
        ("resolution_rate.all", 9 + 16 + 6 + 1 + 99, 10 + 40 + 8 + 2 + 100),
        ("resolution_rate.civil", 10, 20),
        ("resolution_rate.family", 5, 10),
        ("resolution_rate.commercial", 0, 5),
        ("resolution_rate.labour", 1, 5),
        ("resolution_rate.bankruptcy", 1, 2),
    ],
)
def test_resolution_rate_is_resolved_over_accepted_of_the_group_or_case_type(indicator, numerator, denominator):
    result = compute(GROUP_FIGURES)

    row = row_of(result, indicator)
    assert (row["numerator"], row["denominator"]) == (numerator, denominator)
    assert row["value"] == pytest.approx(numerator / denominator)


def test_the_national_2023_resolution_rate_reads_89_16_percent():
    figures = figures_frame(*flows("lai_chau", "criminal", 606209, 540490))

    rate = value_of(compute(figures), "resolution_rate.all")

    assert formatting.percent(rate, 2) == "89,16 %"
    assert formatting.percent(rate) == "89,2 %"


# --- a zero denominator is not applicable ---------------------------------------------------------

ZERO_DENOMINATORS = [
    ("resolution_rate.criminal", [("criminal", "accepted", 0), ("criminal", "resolved", 0)]),
    ("subjective_overturn_rate", [("criminal", "quashed_subjective", 0), ("criminal", "resolved", 0)]),
    ("online_hearings_per_unit", [("court", "online_hearings", 0), ("court", "units", 0)]),
    ("experience_trials_per_judge", [("court", "experience_trials", 0), ("court", "judges", 0)]),
    ("publication_rate", [("court", "judgments_published", 0), ("court", "judgments_to_publish", 0)]),
    ("enforcement_timeliness", [("court", "enforcement_on_time", 0), ("court", "enforcement_required", 0)]),
    ("mediation_success_rate", [("civil", "mediation_success", 0), ("civil", "mediation_handled", 0)]),
    ("clearance_rate", [("criminal", "resolved", 0), ("criminal", "new", 0)]),
    ("disposition_time_days", [("criminal", "pending", 0), ("criminal", "resolved", 0)]),
]


@pytest.mark.parametrize(("indicator", "figures"), ZERO_DENOMINATORS, ids=[z[0] for z in ZERO_DENOMINATORS])
def test_a_rate_whose_denominator_is_zero_is_not_applicable_never_zero(indicator, figures):
    result = compute(figures_frame(*[("lai_chau", *figure) for figure in figures]))

    assert math.isnan(value_of(result, indicator))
    assert math.isnan(value_of(result, indicator, CLUSTER))
    assert formatting.percent(value_of(result, indicator)) == "không áp dụng"


def test_a_rate_with_nothing_to_count_is_not_applicable_either():
    result = compute(figures_frame(*flows("lai_chau", "criminal", 10, 9)))

    assert math.isnan(value_of(result, "publication_rate"))
    assert math.isnan(value_of(result, "mediation_success_rate"))


def test_no_figures_give_no_indicators():
    result = compute(figures_frame())

    assert result.empty
    assert list(result.columns) == INDICATOR_COLUMNS


# --- cluster totals add the counts, then divide --------------------------------------------------


def test_the_cluster_rate_adds_the_courts_counts_first_and_is_never_a_mean_of_rates():
    figures = figures_frame(*flows("lai_chau", "criminal", 2, 1), *flows("son_la", "criminal", 100, 90))

    result = compute(figures)

    cluster = row_of(result, "resolution_rate.criminal", CLUSTER)
    assert (cluster["numerator"], cluster["denominator"]) == (91, 102)
    assert cluster["value"] == pytest.approx(91 / 102)
    assert cluster["value"] != pytest.approx((1 / 2 + 90 / 100) / 2)


def test_a_court_with_nothing_accepted_adds_nothing_to_the_cluster_rate():
    figures = figures_frame(*flows("lai_chau", "criminal", 0, 0), *flows("son_la", "criminal", 10, 9))

    result = compute(figures)

    assert math.isnan(value_of(result, "resolution_rate.criminal", "lai_chau"))
    assert value_of(result, "resolution_rate.criminal", CLUSTER) == pytest.approx(0.9)


def test_a_court_without_the_denominator_figure_stays_out_of_the_cluster_rate():
    figures = figures_frame(
        ("lai_chau", "court", "online_hearings", 30),  # no units given
        ("son_la", "court", "online_hearings", 40),
        ("son_la", "court", "units", 10),
    )

    cluster = row_of(compute(figures), "online_hearings_per_unit", CLUSTER)

    assert (cluster["numerator"], cluster["denominator"], cluster["value"]) == (40, 10, 4.0)


def test_the_cluster_count_is_the_sum_of_the_courts_counts():
    figures = figures_frame(("lai_chau", "civil", "overdue", 2), ("son_la", "criminal", "overdue", 3))

    assert value_of(compute(figures), "overdue_cases", CLUSTER) == 5


# --- the other formulas -------------------------------------------------------------------------


def test_subjective_overturn_rate_is_quashed_plus_amended_for_subjective_causes_over_resolved_of_all_case_types():
    figures = figures_frame(
        ("lai_chau", "criminal", "quashed_subjective", 1),
        ("lai_chau", "criminal", "amended_subjective", 2),
        ("lai_chau", "civil", "amended_subjective", 1),
        ("lai_chau", "criminal", "quashed_total", 50),  # all causes: not counted
        ("lai_chau", "criminal", "resolved", 300),
        ("lai_chau", "civil", "resolved", 100),
    )

    row = row_of(compute(figures), "subjective_overturn_rate")

    assert (row["numerator"], row["denominator"], row["value"]) == (4, 400, 0.01)


def test_overdue_cases_count_the_overdue_of_every_case_type():
    figures = figures_frame(
        ("lai_chau", "criminal", "overdue", 1),
        ("lai_chau", "civil", "overdue", 2),
        ("lai_chau", "administrative", "overdue", 3),
        ("lai_chau", "civil", "pending", 40),
    )

    row = row_of(compute(figures), "overdue_cases")

    assert row["value"] == 6
    assert math.isnan(row["denominator"])


@pytest.mark.parametrize(
    ("indicator", "figures", "expected"),
    [
        ("online_hearings", [("court", "online_hearings", 27)], 27),
        ("online_hearings_per_unit", [("court", "online_hearings", 27), ("court", "units", 9)], 3.0),
        ("experience_trials", [("court", "experience_trials", 40)], 40),
        ("experience_trials_per_judge", [("court", "experience_trials", 40), ("court", "judges", 16)], 2.5),
        ("publication_rate", [("court", "judgments_published", 95), ("court", "judgments_to_publish", 100)], 0.95),
        ("enforcement_timeliness", [("court", "enforcement_on_time", 48), ("court", "enforcement_required", 50)], 0.96),
    ],
)
def test_court_level_indicators(indicator, figures, expected):
    result = compute(figures_frame(*[("lai_chau", *figure) for figure in figures]))

    assert value_of(result, indicator) == pytest.approx(expected)


def test_mediation_success_rate_is_successful_over_handled_mediations_of_the_civil_group_and_administrative():
    figures = figures_frame(
        ("lai_chau", "civil", "mediation_handled", 50),
        ("lai_chau", "civil", "mediation_success", 45),
        ("lai_chau", "family", "mediation_handled", 40),
        ("lai_chau", "family", "mediation_success", 35),
        ("lai_chau", "administrative", "mediation_handled", 10),
        ("lai_chau", "administrative", "mediation_success", 4),
        ("lai_chau", "civil", "resolved", 1000),  # not the denominator (that is the ≈41 % definition)
    )

    row = row_of(compute(figures), "mediation_success_rate")

    assert (row["numerator"], row["denominator"], row["value"]) == (84, 100, 0.84)


def test_clearance_rate_is_resolved_over_new_cases_of_all_case_types():
    figures = figures_frame(
        ("lai_chau", "criminal", "new", 60),
        ("lai_chau", "civil", "new", 40),
        ("lai_chau", "criminal", "resolved", 70),
        ("lai_chau", "civil", "resolved", 40),
        ("lai_chau", "civil", "accepted", 1000),  # carried-over cases are not in the denominator
    )

    row = row_of(compute(figures), "clearance_rate")

    assert (row["numerator"], row["denominator"]) == (110, 100)
    assert row["value"] == pytest.approx(1.1)


@pytest.mark.parametrize(
    ("year", "period", "days"),
    [
        (2023, "12", 365),  # 01/10/2022 – 30/09/2023
        (2023, "6", 182),  # 01/10/2022 – 31/03/2023
        (2023, "3", 92),  # 01/10/2022 – 31/12/2022
        (2023, "9", 273),  # 01/10/2022 – 30/06/2023
        (2024, "6", 183),  # 01/10/2023 – 31/03/2024, a leap February
        (2023, "Q2", 90),  # the quarter alone: 01/01/2023 – 31/03/2023
    ],
)
def test_disposition_time_is_pending_over_resolved_times_the_days_since_the_period_began(year, period, days):
    figures = figures_frame(
        ("lai_chau", "criminal", "pending", 30),
        ("lai_chau", "civil", "pending", 10),
        ("lai_chau", "criminal", "resolved", 60),
        ("lai_chau", "civil", "resolved", 20),
        year=year,
        period=period,
    )

    assert value_of(compute(figures), "disposition_time_days") == pytest.approx(40 / 80 * days)


def test_each_court_and_period_is_computed_on_its_own_figures():
    figures = pd.concat(
        [
            figures_frame(*flows("lai_chau", "criminal", 10, 5), period="6"),
            figures_frame(*flows("lai_chau", "criminal", 10, 9), period="12"),
            figures_frame(*flows("son_la", "criminal", 4, 1), period="12"),
        ]
    )

    result = compute(figures).query("indicator == 'resolution_rate.criminal'")

    values = {(row.court, row.period): row.value for row in result.itertuples()}
    assert values == {
        ("lai_chau", "6"): 0.5,
        ("lai_chau", "12"): 0.9,
        ("son_la", "12"): 0.25,
        (CLUSTER, "6"): 0.5,
        (CLUSTER, "12"): 10 / 14,
    }
