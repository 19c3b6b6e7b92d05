"""Numbers as Vietnamese readers write them (1.234 and 98,6 %), rounded half up, with English variants."""

from __future__ import annotations

import datetime as dt

import pytest

from analytics import formatting

NAN = float("nan")


@pytest.mark.parametrize(
    ("value", "decimals", "lang", "text"),
    [
        (1234, 0, "vi", "1.234"),
        (1234567, 0, "vi", "1.234.567"),
        (999, 0, "vi", "999"),
        (0, 0, "vi", "0"),
        (2.5, 1, "vi", "2,5"),
        (1234.56, 1, "vi", "1.234,6"),
        (2.5, 0, "vi", "3"),  # half up, not to even
        (1234, 0, "en", "1,234"),
        (1234.56, 1, "en", "1,234.6"),
    ],
)
def test_a_number_uses_the_readers_thousands_and_decimal_marks(value, decimals, lang, text):
    assert formatting.number(value, decimals, lang) == text


@pytest.mark.parametrize(
    ("typed", "lang", "text"),
    [
        (2.5, "vi", "2,5"),
        (2.5, "en", "2.5"),
        (1234.25, "vi", "1.234,25"),  # every decimal typed, none rounded away
        (20_000_000, "vi", "20.000.000"),
        (20_000_000.0, "en", "20,000,000"),
        (-1, "vi", "-1"),
        (1e19, "vi", "1E+19"),  # as Excel shows it, not 20 digits
        (1.5e19, "vi", "1,5E+19"),
        ("12,5", "en", "12,5"),  # text as it was typed
    ],
)
def test_a_cells_number_is_shown_in_the_readers_style_with_the_decimals_it_was_typed_with(typed, lang, text):
    assert formatting.as_typed(typed, lang) == text


@pytest.mark.parametrize(
    ("fraction", "decimals", "lang", "text"),
    [
        (0.986, 1, "vi", "98,6 %"),
        (1.0, 1, "vi", "100,0 %"),
        (0.0, 1, "vi", "0,0 %"),
        (12.5, 1, "vi", "1.250,0 %"),
        (540490 / 606209, 2, "vi", "89,16 %"),
        (540490 / 606209, 1, "vi", "89,2 %"),
        (0.986, 1, "en", "98.6 %"),
        (540490 / 606209, 2, "en", "89.16 %"),
    ],
)
def test_a_percentage_has_a_decimal_comma_and_a_spaced_percent_sign(fraction, decimals, lang, text):
    assert formatting.percent(fraction, decimals, lang) == text


@pytest.mark.parametrize(
    ("fraction", "text"),
    [
        (0.41195, "41,2 %"),  # published truncated as "41,1 %"; the product rounds half up
        (0.41149, "41,1 %"),
        (0.4115, "41,2 %"),  # exactly half
        (823 / 2000, "41,2 %"),  # the same half, computed
        (0.0145, "1,5 %"),
        (0.99949, "99,9 %"),
        (0.99951, "100,0 %"),
    ],
)
def test_a_percentage_rounds_half_up_to_one_decimal(fraction, text):
    assert formatting.percent(fraction) == text


@pytest.mark.parametrize("missing", [NAN, None])
@pytest.mark.parametrize(
    ("show", "vi", "en"),
    [
        (lambda v, lang: formatting.percent(v, lang=lang), "không áp dụng", "not applicable"),
        (lambda v, lang: formatting.number(v, lang=lang), "không áp dụng", "not applicable"),
        (lambda v, lang: formatting.points(v, lang=lang), "không áp dụng", "not applicable"),
        (lambda v, lang: formatting.value(v, "days", lang), "không áp dụng", "not applicable"),
        (lambda v, lang: formatting.signed(v, "count", lang), "không áp dụng", "not applicable"),
    ],
)
def test_a_missing_value_reads_not_applicable_never_zero(missing, show, vi, en):
    assert (show(missing, "vi"), show(missing, "en")) == (vi, en)


@pytest.mark.parametrize(
    ("fraction", "lang", "text"),
    [
        (0.032, "vi", "+3,2 điểm %"),
        (-0.032, "vi", "−3,2 điểm %"),
        (0.0, "vi", "+0,0 điểm %"),
        (0.082, "en", "+8.2 pp"),
        (-0.1515, "en", "−15.2 pp"),
    ],
)
def test_a_difference_of_rates_is_signed_percentage_points(fraction, lang, text):
    assert formatting.points(fraction, lang) == text


@pytest.mark.parametrize(
    ("show", "text"),
    [
        (lambda: formatting.percent(0.0045), "0,5 %"),
        (lambda: formatting.percent(37 / 2000), "1,9 %"),  # a subjective overturn rate of 37 in 2 000
        (lambda: formatting.percent(0.0725), "7,3 %"),
        (lambda: formatting.percent(0.00035, 2), "0,04 %"),
        (lambda: formatting.points(-0.1505, "en"), "−15.1 pp"),
    ],
)
def test_every_exact_half_rounds_up(show, text):
    assert show() == text


@pytest.mark.parametrize(
    ("amount", "unit", "lang", "text"),
    [
        (0.074757, "rate", "vi", "+7,5 điểm %"),
        (-0.777778, "ratio", "vi", "−0,8"),
        (-2, "count", "vi", "−2"),
        (1500, "count", "vi", "+1.500"),
        (12.6, "days", "vi", "+13 ngày"),
        (-12.4, "days", "en", "−12 days"),
    ],
)
def test_a_margin_is_signed_in_its_indicators_unit(amount, unit, lang, text):
    assert formatting.signed(amount, unit, lang) == text


@pytest.mark.parametrize(
    ("amount", "unit", "lang", "text"),
    [
        (0.974757, "rate", "vi", "97,5 %"),
        (2.222222, "ratio", "vi", "2,2"),
        (1633, "count", "vi", "1.633"),
        (23.02, "days", "vi", "23 ngày"),
        (23.02, "days", "en", "23 days"),
    ],
)
def test_an_indicator_value_is_shown_in_its_unit(amount, unit, lang, text):
    assert formatting.value(amount, unit, lang) == text


def test_a_date_is_day_month_year_in_both_languages():
    day = dt.date(2023, 9, 30)

    assert (formatting.date(day, "vi"), formatting.date(day, "en"), formatting.date(None)) == (
        "30/09/2023",
        "30/09/2023",
        "",
    )
