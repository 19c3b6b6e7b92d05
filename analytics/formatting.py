"""Numbers as Vietnamese readers write them: `1.234`, `98,6 %`; English as `1,234`, `98.6 %`.

Percentages round half up to one decimal (published figures are often truncated instead, and the
product says so where it shows them).
"""

from __future__ import annotations

import datetime as dt
import math
from decimal import ROUND_HALF_UP, Decimal

import pandas as pd

NOT_APPLICABLE = {"vi": "không áp dụng", "en": "not applicable"}
# Plotly's layout.separators: the decimal mark, then the thousands mark.
PLOTLY_SEPARATORS = {"vi": ",.", "en": ".,"}  # the decimal mark, then the thousands separator
DECIMAL_MARK = {lang: marks[0] for lang, marks in PLOTLY_SEPARATORS.items()}
THOUSANDS = {lang: marks[1] for lang, marks in PLOTLY_SEPARATORS.items()}


COMPARATOR_SIGNS = {">=": "≥", "<=": "≤", ">": ">", "<": "<", "=": "="}


MORE_DECIMALS = 3  # at most this many decimals beyond a unit's own, to tell a value from its target


def target(comparator: str, amount: float, unit: str, lang: str = "vi") -> str:
    """A target as people write it: "≥ 90 %", "≤ 1,5 %", "= 0"; a pro-rata target with the decimals it has
    ("≥ 0,75", not "≥ 0,8", which would contradict a value of 0,76 shown as met)."""
    return f"{COMPARATOR_SIGNS.get(comparator, comparator)} {level(amount, unit, lang)}"


def level(amount: float, unit: str, lang: str = "vi") -> str:
    """A target's level without its comparator, with the decimals it has (0,75 hearings a unit, not 0,8)."""
    decimals = DECIMALS.get(unit, 0)
    if not _missing(amount):
        scale = 2 if unit == "rate" else 0
        while decimals < DECIMALS.get(unit, 0) + MORE_DECIMALS and _round(float(amount), decimals, scale) != _round(
            float(amount), decimals + MORE_DECIMALS, scale
        ):
            decimals += 1
    return value(amount, unit, lang, decimals)


def judged(amount: float | None, unit: str, goal: float | None, lang: str = "vi") -> str:
    """A value judged on its unrounded figure, shown so that it never reads as its target when it is not: 0.8995
    against 0.9 is "89,95 %" (two decimals where the rounded figure equals the target), not "90,0 %"."""
    return value(amount, unit, lang, judged_decimals(amount, unit, goal))


def judged_decimals(amount: float | None, unit: str, goal: float | None) -> int:
    """The decimals `judged` shows the value with (a workbook's number format carries as many)."""
    decimals = DECIMALS.get(unit, 0)
    if _missing(amount) or _missing(goal) or float(amount) == float(goal):
        return decimals
    scale = 2 if unit == "rate" else 0
    limit = decimals + MORE_DECIMALS
    while decimals < limit and _round(float(amount), decimals, scale) == _round(float(goal), decimals, scale):
        decimals += 1
    return decimals


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _group(number: Decimal, decimals: int, lang: str) -> str:
    text = f"{number:,.{decimals}f}"  # "1,234.5"
    if lang == "en":
        return text
    return text.replace(",", "\u2009").replace(".", ",").replace("\u2009", ".")


def _round(value: float, decimals: int, scale: int = 0) -> Decimal:
    """Half up on the decimal the float prints as, scaled by 10**scale first in decimal (0.0185 → 1.85, not 1.8499…)."""
    return Decimal(repr(value)).scaleb(scale).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def number(value: float | int | None, decimals: int = 0, lang: str = "vi") -> str:
    """1234 → "1.234"; 2.5 with one decimal → "2,5"."""
    if _missing(value):
        return NOT_APPLICABLE[lang]
    return _group(_round(float(value), decimals), decimals, lang)


EXCEL_EXPONENT_FROM = 1e15  # Excel shows a number this large in exponent form ("1E+19"); so do messages


def as_typed(typed: object, lang: str = "vi") -> str:
    """A cell's number in the reader's style with every decimal it was typed with (2.5 → "2,5", 20000000 →
    "20.000.000", 1e19 → "1E+19" as Excel shows it); text as it was written ("12,5", "-7")."""
    if isinstance(typed, bool) or not isinstance(typed, (int, float)) or not math.isfinite(typed):
        return "" if typed is None else str(typed)
    if isinstance(typed, float) and abs(typed) >= EXCEL_EXPONENT_FROM:
        return f"{typed:.15G}".replace(".", DECIMAL_MARK[lang])
    exact = Decimal(repr(typed)).normalize()  # 7.0 is 7
    return _group(exact, max(0, -int(exact.as_tuple().exponent)), lang)


def percent(fraction: float | None, decimals: int = 1, lang: str = "vi") -> str:
    """0.986 → "98,6 %" (half up: 0.41195 → "41,2 %")."""
    if _missing(fraction):
        return NOT_APPLICABLE[lang]
    return f"{_group(_round(float(fraction), decimals, scale=2), decimals, lang)} %"


def points(fraction: float | None, lang: str = "vi") -> str:
    """A difference of rates in percentage points, signed: 0.032 → "+3,2 điểm %"."""
    if _missing(fraction):
        return NOT_APPLICABLE[lang]
    text = _group(_round(abs(float(fraction)), 1, scale=2), 1, lang)
    sign = "+" if fraction >= 0 else "−"
    return f"{sign}{text} {'điểm %' if lang == 'vi' else 'pp'}"


DECIMALS = {"rate": 1, "ratio": 1, "count": 0, "days": 0}  # a unit's own decimals (rates in percent)


def value(amount: float | None, unit: str, lang: str = "vi", decimals: int | None = None) -> str:
    """An indicator's value in its unit: rate → percent, count → whole number, ratio → one decimal, days → whole days
    (`decimals` overrides the unit's own)."""
    places = DECIMALS.get(unit, 0) if decimals is None else decimals
    if unit == "rate":
        return percent(amount, places, lang=lang)
    if unit == "days" and not _missing(amount):
        return f"{number(amount, places, lang)} {'ngày' if lang == 'vi' else 'days'}"
    return number(amount, places, lang)


def signed(amount: float | None, unit: str, lang: str = "vi") -> str:
    """A margin in the indicator's unit: points for rates, a signed number otherwise."""
    if unit == "rate":
        return points(amount, lang)
    if _missing(amount):
        return NOT_APPLICABLE[lang]
    sign = "+" if amount >= 0 else "−"
    return sign + value(abs(amount), unit, lang)


def date(day, lang: str = "vi") -> str:
    """dd/mm/yyyy in both languages (the courts' own form)."""
    return "" if day is None else day.strftime("%d/%m/%Y")


LOCAL_ZONE = "Asia/Ho_Chi_Minh"  # the courts' clock (UTC+7): every time a reader sees


def as_utc(when: dt.datetime) -> dt.datetime:
    """A stored time with its zone: times are stored in UTC, and one read back without its zone (SQLite keeps none)
    is UTC too."""
    return when.replace(tzinfo=dt.UTC) if when.tzinfo is None else when


def local(when: object) -> pd.Timestamp | None:
    """A stored time on the courts' clock."""
    if when is None or pd.isna(when):
        return None
    return pd.Timestamp(as_utc(pd.Timestamp(when))).tz_convert(LOCAL_ZONE)


def today(now: dt.datetime | None = None) -> dt.date:
    """The courts' day (now, or at `now`): until 07:00 there, UTC is still on the day before, and a deadline passes at
    their midnight."""
    return local(now or dt.datetime.now(dt.UTC)).date()


LOCAL_ZONE_NAME = "UTC+7"  # said beside a time in a file that leaves the app


def moment(when: object, *, time_first: bool = False) -> str:
    """A stored time on the courts' clock, as "dd/mm/yyyy HH:MM"; with `time_first`, "14:05 01/12/2026" (a time to
    act on: a lockout's end)."""
    stamp = local(when)
    if stamp is None:
        return ""
    return stamp.strftime("%H:%M %d/%m/%Y" if time_first else "%d/%m/%Y %H:%M")
