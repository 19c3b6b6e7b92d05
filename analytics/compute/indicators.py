"""Indicators (DOMAIN.md §5) as a registry of small records, computed from stored figures.

Each indicator is a sum of figures over a numerator and, for rates, a denominator. Cluster rows add
the courts' numerators and denominators first, then divide: never a mean of the courts' rates. A
zero denominator gives no value ("không áp dụng"), never 0 % or 100 %.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analytics.domain import CASE_TYPE_KEYS, CASE_TYPES, GROUPS, PERIOD_BY_KEY
from analytics.frames import Figures, Indicators, columns
from analytics.records import COURT_SCOPE
from analytics.text import Labelled, Words

CLUSTER = "cluster"  # the court key of cluster-total rows
PROGRESS, PRO_RATA, STATE = "progress", "pro_rata", "state"  # how a partial year is judged (Indicator.partial)
FULL_YEAR_DAYS = 365  # CEPEJ's disposition time counts a full year as 365 days, whatever the calendar
KEYS = [Figures.court, Figures.year, Figures.period]
INDICATOR_COLUMNS = columns(Indicators)


@dataclass(frozen=True)
class Term:
    """The sum of some measures over some scopes (case types, or the court itself)."""

    measures: tuple[str, ...]
    scopes: tuple[str, ...]


@dataclass(frozen=True)
class Indicator(Labelled):
    key: str
    label_vi: str
    label_en: str
    unit: str  # "rate" (a fraction), "count", "ratio" or "days"
    direction: str  # "higher" or "lower" is better
    numerator: Term
    denominator: Term | None = None
    per_day: bool = False  # multiplied by the days the period covers
    # How a value of a partial year (3, 6, 9 months or a quarter) is judged (DOMAIN.md §3): "progress" (seasonal:
    # never against the annual target, shown beside last year and a projection), "pro_rata" (a count that
    # accumulates: against the target × the share of the year elapsed) or "state" (as at the period's end).
    partial: str = "state"
    ceiling: float | None = None  # the most a value can be (a resolution rate is at most 100 %): caps a projection
    note_vi: str = ""
    note_en: str = ""

    def note(self, lang: str = "vi") -> str:
        return Words(self.note_vi, self.note_en).label(lang)

    @property
    def accumulates(self) -> bool:
        """A count that grows through the year: a partial year meets a pro-rated target."""
        return self.partial == PRO_RATA


def of_courts(frame: pd.DataFrame, courts: Iterable[str], *, cluster: bool = True) -> pd.DataFrame:
    """The rows of the chosen courts (every court when none is chosen: the sidebar's "every court"), with the
    cluster's rows unless `cluster` is false. Every frame with a `court` column is narrowed this one way."""
    chosen = tuple(courts)
    keep = frame["court"].isin(chosen) | (frame["court"] == CLUSTER) if chosen else frame["court"].notna()
    return frame[keep & ((frame["court"] != CLUSTER) | cluster)]


def _scopes(group: str) -> tuple[str, ...]:
    return CASE_TYPE_KEYS if group == "all" else tuple(c.key for c in CASE_TYPES if c.group == group)


def _court(measure: str) -> Term:
    return Term((measure,), (COURT_SCOPE,))


def _resolution(key: str, scopes: tuple[str, ...], label_vi: str, label_en: str) -> Indicator:
    return Indicator(
        f"resolution_rate.{key}",
        f"Tỷ lệ giải quyết – {label_vi}",
        f"Resolution rate – {label_en}",
        "rate",
        "higher",
        Term(("resolved",), scopes),
        Term(("accepted",), scopes),
        partial=PROGRESS,
        ceiling=1.0,
        note_vi="Đã giải quyết / Tổng số thụ lý (gồm cả số cũ chuyển sang).",
        note_en="Resolved / accepted (carried-over cases included).",
    )


_GROUP_RESOLUTION = tuple(_resolution(g, _scopes(g), vi, en) for g, (vi, en) in GROUPS.items())
_TYPE_RESOLUTION = tuple(
    _resolution(c.key, (c.key,), c.label_vi, c.label_en) for c in CASE_TYPES if c.key not in GROUPS
)

INDICATORS: tuple[Indicator, ...] = (
    *_GROUP_RESOLUTION,
    Indicator(
        "subjective_overturn_rate",
        "Tỷ lệ bị hủy, sửa do nguyên nhân chủ quan",
        "Overturned for subjective causes",
        "rate",
        "lower",
        Term(("quashed_subjective", "amended_subjective"), CASE_TYPE_KEYS),
        Term(("resolved",), CASE_TYPE_KEYS),
        note_vi="(Bị hủy + bị sửa do nguyên nhân chủ quan) / Đã giải quyết, mọi loại án.",
        note_en="(Quashed + amended for subjective causes) / resolved, all case types.",
    ),
    Indicator(
        "overdue_cases",
        "Số vụ việc quá hạn luật định",
        "Cases past the statutory time limit",
        "count",
        "lower",
        Term(("overdue",), CASE_TYPE_KEYS),
    ),
    Indicator(
        "online_hearings",
        "Phiên tòa trực tuyến",
        "Online hearings",
        "count",
        "higher",
        _court("online_hearings"),
        partial=PRO_RATA,
    ),
    Indicator(
        "online_hearings_per_unit",
        "Phiên tòa trực tuyến / đơn vị",
        "Online hearings per court unit",
        "ratio",
        "higher",
        _court("online_hearings"),
        _court("units"),
        partial=PRO_RATA,
        note_vi="Bình quân mỗi đơn vị (tổng số phiên của Tòa án chia cho số đơn vị): quy định năm 2023 là ít nhất 3 "
        "phiên ở từng đơn vị, nhưng báo cáo chỉ có tổng số của Tòa án. Khi báo cáo ghi «số đơn vị tổ chức dưới 3 phiên "
        "trực tuyến», chỉ tiêu được xét theo số đó (0 đơn vị = đạt). Kỳ chưa hết năm so với chỉ tiêu tính theo tỷ lệ "
        "thời gian.",
        note_en="An average per unit (the court's total divided by its units): the 2023 rule is at least 3 hearings in "
        "each unit, but returns hold only the court's total. Where a return states the units below 3 hearings, the "
        "rule is judged on that (0 units = met). A partial year is compared with the target pro rata.",
    ),
    Indicator(
        "online_units_below_minimum",
        "Số đơn vị tổ chức dưới 3 phiên tòa trực tuyến",
        "Units below 3 online hearings",
        "count",
        "lower",
        _court("online_units_below_minimum"),
        note_vi="Không bắt buộc; khi có, chỉ tiêu phiên tòa trực tuyến cả năm được xét theo số này (0 đơn vị = đạt).",
        note_en="Optional; where given, the year's online-hearings rule is judged on it (0 units = met).",
    ),
    Indicator(
        "experience_trials",
        "Phiên tòa rút kinh nghiệm",
        "Experience-drawing trials",
        "count",
        "higher",
        _court("experience_trials"),
        partial=PRO_RATA,
    ),
    Indicator(
        "experience_trials_per_judge",
        "Phiên tòa rút kinh nghiệm / Thẩm phán",
        "Experience-drawing trials per judge",
        "ratio",
        "higher",
        _court("experience_trials"),
        _court("judges"),
        partial=PRO_RATA,
    ),
    Indicator(
        "publication_rate",
        "Tỷ lệ công bố bản án, quyết định",
        "Judgments published",
        "rate",
        "higher",
        _court("judgments_published"),
        _court("judgments_to_publish"),
    ),
    Indicator(
        "enforcement_timeliness",
        "Tỷ lệ ra quyết định thi hành án hình sự đúng hạn",
        "Criminal enforcement decisions on time",
        "rate",
        "higher",
        _court("enforcement_on_time"),
        _court("enforcement_required"),
    ),
    Indicator(
        "mediation_success_rate",
        "Tỷ lệ hòa giải, đối thoại thành",
        "Mediation success rate",
        "rate",
        "higher",
        Term(("mediation_success",), CASE_TYPE_KEYS),
        Term(("mediation_handled",), CASE_TYPE_KEYS),
        note_vi="Chia cho số việc đã hòa giải, đối thoại theo Luật Hòa giải, đối thoại (≈86 % toàn quốc), "
        "không chia cho mọi vụ việc dân sự, hành chính đã giải quyết (≈41 %).",
        note_en="Divided by cases handled under the Mediation Law (≈86 % nationally), not by all civil and "
        "administrative cases resolved (≈41 %).",
    ),
    Indicator(
        "clearance_rate",
        "Tỷ lệ giải quyết so với thụ lý mới (CEPEJ)",
        "Clearance rate (CEPEJ)",
        "rate",
        "higher",
        Term(("resolved",), CASE_TYPE_KEYS),
        Term(("new",), CASE_TYPE_KEYS),
        partial=PROGRESS,
        note_vi="≥ 100 % nghĩa là án tồn không tăng.",
        note_en="≥ 100 % means the backlog does not grow.",
    ),
    Indicator(
        "disposition_time_days",
        "Thời gian giải quyết ước tính (CEPEJ, ngày)",
        "Disposition time (CEPEJ, days)",
        "days",
        "lower",
        Term(("pending",), CASE_TYPE_KEYS),
        Term(("resolved",), CASE_TYPE_KEYS),
        per_day=True,
        partial=PROGRESS,
        note_vi="Còn lại / Đã giải quyết × số ngày từ 01/10 đến hết kỳ (cả năm tính 365 ngày).",
        note_en="Pending / resolved × days since 1 October (a full year counts 365 days).",
    ),
    *_TYPE_RESOLUTION,
)
INDICATOR_BY_KEY = {i.key: i for i in INDICATORS}


def _wide(figures: pd.DataFrame) -> pd.DataFrame:
    """One row per court, year and period; one column per (scope, measure)."""
    return figures.pivot_table(
        index=KEYS, columns=[Figures.scope, Figures.measure], values=Figures.value, aggfunc="sum"
    )


def _term(columns: dict[tuple[str, str], np.ndarray], size: int, term: Term) -> np.ndarray:
    """The sum of a term's (scope, measure) columns row by row; a row with none of them filled stays empty."""
    found = [columns[(s, m)] for s in term.scopes for m in term.measures if (s, m) in columns]
    if not found:
        return np.full(size, np.nan)
    stacked = np.vstack(found)
    total = np.nansum(stacked, axis=0)
    total[np.isnan(stacked).all(axis=0)] = np.nan
    return total


def period_days(year: int, period: str) -> int:
    """The days a period covers for the disposition time: a full year is 365 (CEPEJ), a leap year too."""
    chosen = PERIOD_BY_KEY[period]
    return FULL_YEAR_DAYS if chosen.full_year else chosen.days(year)


def _days(index: pd.MultiIndex) -> pd.Series:
    return pd.Series([period_days(y, p) for _, y, p in index], index=index, dtype="float64")


def _values(frame: pd.DataFrame) -> pd.DataFrame:
    """Divides where there is a denominator; a zero or missing denominator leaves no value."""
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = frame["numerator"] / frame["denominator"].where(frame["denominator"] != 0)
    value = ratio.where(frame["has_denominator"], frame["numerator"]) * frame["scale"]
    return frame.assign(value=value)


def compute(figures: pd.DataFrame, indicators: tuple[Indicator, ...] = INDICATORS) -> pd.DataFrame:
    """Indicator values of every court, year and period in `figures`, plus the cluster rows.

    `figures` is long: court, year, period, scope, measure, value (the store's current versions).
    """
    if figures.empty:
        return pd.DataFrame(columns=INDICATOR_COLUMNS)
    wide = _wide(figures)
    days = _days(wide.index)
    table = wide.to_numpy(dtype="float64", na_value=np.nan)  # at once: a column at a time costs more than the sums
    columns = {c: table[:, j] for j, c in enumerate(wide.columns)}
    # Every indicator's rows at once, indicator after indicator (one frame: a frame per indicator cost most of a
    # period's computing, and the pages compute a period three times after each data change).
    size, blank = len(wide.index), np.full(len(wide.index), np.nan)
    courts = pd.DataFrame(
        {level: np.tile(wide.index.get_level_values(level).to_numpy(), len(indicators)) for level in wide.index.names}
        | {
            "numerator": np.concatenate([_term(columns, size, i.numerator) for i in indicators]),
            "denominator": np.concatenate(
                [_term(columns, size, i.denominator) if i.denominator else blank for i in indicators]
            ),
            "has_denominator": np.repeat([i.denominator is not None for i in indicators], size),
            "scale": np.concatenate([days.to_numpy() if i.per_day else np.ones(size) for i in indicators]),
            "indicator": np.repeat([i.key for i in indicators], size),
        }
    )
    courts = _values(courts)
    # Only courts whose indicator could be computed from both parts enter the cluster's sums.
    usable = courts["numerator"].notna() & (courts["denominator"].notna() | ~courts["has_denominator"])
    masked = courts.assign(numerator=courts["numerator"].where(usable), denominator=courts["denominator"].where(usable))
    grouped = masked.groupby(["year", "period", "indicator"], sort=False)
    cluster = (
        grouped[["numerator", "denominator"]]
        .sum(min_count=1)
        .join(grouped[["has_denominator", "scale"]].first())
        .reset_index()
        .assign(court=CLUSTER)
    )
    cluster = _values(cluster)
    return pd.concat([courts, cluster], ignore_index=True)[INDICATOR_COLUMNS]
