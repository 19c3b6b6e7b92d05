"""Targets as data (DOMAIN.md §6) and the status of each indicator against them, on its basis.

Two layers: the TANDTC directive, which courts are judged on, and the National Assembly floor,
shown beside it. A full year (12 months) is judged against the annual target ("annual"). A partial
year never judges a seasonal rate against it (DOMAIN.md §3): each indicator says how its partial
value is read ("progress": no verdict, shown beside last year and a projection; "pro_rata": a count
that accumulates, against the target × the share of the year elapsed; "state": as at the period's
end, an overdue case in March is a real miss).
"""

from __future__ import annotations

import math
import operator

import numpy as np
import pandas as pd

from analytics.compute.indicators import INDICATOR_BY_KEY, PRO_RATA, PROGRESS, STATE
from analytics.domain import DATA_DIR, PERIOD_BY_KEY, check_year
from analytics.security import InvalidInput
from analytics.text import Words

TARGET_LAYER = "tandtc"
FLOOR_LAYER = "national_assembly"
LAYERS = {
    TARGET_LAYER: Words("Chỉ tiêu TANDTC", "TANDTC target"),
    FLOOR_LAYER: Words("Mức sàn Quốc hội", "National Assembly floor"),
}

MET, NOT_MET, NO_TARGET, NOT_APPLICABLE = "met", "not_met", "no_target", "not_applicable"
ON_PACE, BEHIND_PACE, IN_PROGRESS = "on_pace", "behind_pace", "in_progress"  # a partial year's statuses
STATUSES = (MET, NOT_MET, ON_PACE, BEHIND_PACE, IN_PROGRESS, NO_TARGET, NOT_APPLICABLE)
JUDGED = (MET, NOT_MET)  # a verdict against the target ("targets met n/m" counts these)
STATUS_LABELS = {
    MET: Words("Đạt", "Met"),
    NOT_MET: Words("Không đạt", "Not met"),
    ON_PACE: Words("Đúng tiến độ", "On pace"),
    BEHIND_PACE: Words("Chậm tiến độ", "Behind pace"),
    IN_PROGRESS: Words("Đang thực hiện", "In progress"),
    NO_TARGET: Words("Không có chỉ tiêu", "No target"),
    NOT_APPLICABLE: Words("Không áp dụng", "Not applicable"),
}
ANNUAL = "annual"  # a full year against the annual target; the partial bases are Indicator.partial's
BASIS_LABELS = {
    ANNUAL: Words("Cả năm: so với chỉ tiêu năm", "Full year: against the annual target"),
    PROGRESS: Words("Tiến độ: chưa đánh giá đạt/không đạt", "Progress: not judged before the year ends"),
    PRO_RATA: Words("Theo tiến độ thời gian (chỉ tiêu × số tháng / 12)", "Pro rata (target × months / 12)"),
    STATE: Words("Tại thời điểm cuối kỳ", "As at the period's end"),
}
COMPARATORS = {">=": operator.ge, ">": operator.gt, "<=": operator.le, "<": operator.lt, "=": operator.eq}
TOLERANCE = 1e-9  # rates are floats: 0.9 computed as 9/10 must meet "≥ 90 %"

TARGET_COLUMNS = ["year", "indicator", "layer", "comparator", "value", "source", "confidence"]


def default_targets() -> pd.DataFrame:
    """The targets shipped with the app (the 2023 ones), as the database holds them."""
    frame = pd.read_csv(DATA_DIR / "targets.csv", dtype={"indicator": "str", "layer": "str", "comparator": "str"})
    unknown = sorted(set(frame["indicator"]) - set(INDICATOR_BY_KEY))
    if unknown:
        raise ValueError(f"targets.csv names unknown indicators: {unknown}")
    return frame[TARGET_COLUMNS]


def checked_targets(frame: pd.DataFrame) -> pd.DataFrame:
    """The targets as the table stores them, or InvalidInput naming the first bad row (counted from 1) and what is
    wrong: a blank row, an unknown indicator or layer, a comparator not in the list, a value that is not a finite
    number, a year the cluster does not have."""
    missing = [c for c in TARGET_COLUMNS if c not in frame.columns]
    if missing:
        raise InvalidInput(f"Bảng chỉ tiêu thiếu cột {', '.join(missing)}.", f"Targets lack columns {missing}.")
    rows = frame[TARGET_COLUMNS].astype(object).to_dict("records")
    for number, row in enumerate(rows, start=1):
        _check_target(number, row)
    return pd.DataFrame(
        [
            row
            | {
                "year": int(row["year"]),
                "value": float(row["value"]),
                "source": "" if _blank(row["source"]) else str(row["source"]),
                "confidence": "" if _blank(row["confidence"]) else str(row["confidence"]),
            }
            for row in rows
        ],
        columns=TARGET_COLUMNS,
    )


def _blank(value: object) -> bool:
    return (
        value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA or str(value).strip() == ""
    )


def _check_target(number: int, row: dict) -> None:
    def refuse(vi: str, en: str) -> None:
        raise InvalidInput(f"Chỉ tiêu dòng {number}: {vi}", f"Target row {number}: {en}")

    if all(_blank(row[c]) for c in ("year", "indicator", "layer", "comparator", "value")):
        refuse("dòng trống – hãy điền đủ hoặc xóa dòng.", "a blank row; fill it in or delete it.")
    if row["indicator"] not in INDICATOR_BY_KEY:
        refuse(
            f"chỉ tiêu «{row['indicator']}» không có trong danh mục (ví dụ resolution_rate.criminal).",
            f"unknown indicator '{row['indicator']}'.",
        )
    if row["layer"] not in LAYERS:
        refuse(f"lớp «{row['layer']}» không có; chọn {' hoặc '.join(LAYERS)}.", f"unknown layer '{row['layer']}'.")
    if row["comparator"] not in COMPARATORS:
        refuse(
            f"phép so sánh «{row['comparator']}» không có; chọn một trong {' '.join(COMPARATORS)}.",
            f"comparator '{row['comparator']}' is not one of {' '.join(COMPARATORS)}.",
        )
    try:
        value = float(row["value"])
    except (TypeError, ValueError):
        value = math.nan
    if not math.isfinite(value) or value < 0:
        refuse(
            f"giá trị «{row['value']}» phải là một số không âm (tỷ lệ ghi dạng 0,9 cho 90 %).",
            f"value '{row['value']}' must be a finite number ≥ 0 (a rate as 0.9).",
        )
    try:
        check_year(row["year"])
    except InvalidInput as error:
        refuse(error.message, error.message_en)


def annual_target(targets: pd.DataFrame, year: int, indicator: str) -> float | None:
    """The TANDTC target of an indicator for a year (the last one stored), or None."""
    rows = targets[(targets["year"] == year) & (targets["indicator"] == indicator) & (targets["layer"] == TARGET_LAYER)]
    return None if rows.empty else float(rows["value"].iloc[-1])


def editable(targets: pd.DataFrame) -> pd.DataFrame:
    """The stored targets as the administrator edits them: the columns of TARGET_COLUMNS."""
    return targets[TARGET_COLUMNS]


def changed_targets(before: pd.DataFrame, after: pd.DataFrame) -> pd.DataFrame:
    """Only the rows an administrator changed or added, so that the audit trail names just those (a blank row stays,
    and is refused with its number when stored)."""
    merged = after.merge(before, how="left", indicator=True)
    return merged[merged["_merge"] == "left_only"].drop(columns="_merge")


def benchmarks() -> pd.DataFrame:
    """National results to show beside the cluster (DOMAIN.md §6)."""
    return pd.read_csv(DATA_DIR / "benchmarks.csv")


def meets(value: float, comparator: str, target: float) -> bool:
    compare = COMPARATORS[comparator]
    if comparator in (">=", "<="):
        return compare(value + (TOLERANCE if comparator == ">=" else -TOLERANCE), target)
    if comparator == "=":
        return abs(value - target) <= TOLERANCE
    return compare(value, target)


def margin(value: float, comparator: str, target: float) -> float:
    """How far the value is on the good side of the target (negative when short of it)."""
    if comparator in (">=", ">"):
        return value - target
    if comparator in ("<=", "<"):
        return target - value
    return -abs(value - target)


def _layer(targets: pd.DataFrame, layer: str, prefix: str) -> pd.DataFrame:
    return (
        targets[targets["layer"] == layer][["year", "indicator", "comparator", "value"]]
        .rename(columns={"comparator": f"{prefix}comparator", "value": f"{prefix}value"})
        .drop_duplicates(["year", "indicator"], keep="last")
    )


def basis(indicator: str, period: str) -> str:
    """How a value of this indicator and period is judged: "annual" for 12 months, else the indicator's own."""
    return ANNUAL if PERIOD_BY_KEY[period].full_year else INDICATOR_BY_KEY[indicator].partial


def elapsed(period: str) -> float:
    """The share of the statistical year a period's figures cover (a quarter alone: a quarter)."""
    chosen = PERIOD_BY_KEY[period]
    return (chosen.months if chosen.cumulative else 3) / 12


def status(value: float, comparator: str, target: float, on: str) -> str:
    """The status of a value against a target (already pro-rated) on its basis."""
    if pd.isna(value):
        return NOT_APPLICABLE
    if pd.isna(target):
        return NO_TARGET
    if on == PROGRESS:
        return IN_PROGRESS
    ok = meets(value, comparator, target)
    if on == PRO_RATA:
        return ON_PACE if ok else BEHIND_PACE
    return MET if ok else NOT_MET


def evaluate(indicators: pd.DataFrame, targets: pd.DataFrame) -> pd.DataFrame:
    """Adds target, comparator, floor, basis, status and margin to each row.

    The target and floor of a pro-rata row are the annual ones × the share of the year elapsed; a progress row
    keeps the annual target for reference but gets no verdict and no margin (its projection gets them).
    """
    frame = indicators.merge(_layer(targets, TARGET_LAYER, "target_"), on=["year", "indicator"], how="left")
    frame = frame.merge(_layer(targets, FLOOR_LAYER, "floor_"), on=["year", "indicator"], how="left")
    bases = [basis(k, p) for k, p in zip(frame["indicator"], frame["period"], strict=True)]
    factor = [elapsed(p) if b == PRO_RATA else 1.0 for p, b in zip(frame["period"], bases, strict=True)]
    frame = frame.assign(
        target=frame["target_value"] * factor,
        floor=frame["floor_value"] * factor,
        comparator=frame["target_comparator"],
        basis=bases,
    )
    statuses, margins = [], []
    for value, comparator, target, on in zip(frame["value"], frame["comparator"], frame["target"], bases, strict=True):
        found = status(value, comparator, target, on)
        statuses.append(found)
        judged = found in (MET, NOT_MET, ON_PACE, BEHIND_PACE)
        margins.append(margin(value, comparator, target) if judged else np.nan)
    frame = frame.assign(status=statuses, margin=margins).drop(
        columns=["target_value", "target_comparator", "floor_value"]
    )
    return _units_below_minimum(frame)


ONLINE_RULE, UNITS_BELOW = "online_hearings_per_unit", "online_units_below_minimum"


def _units_below_minimum(frame: pd.DataFrame) -> pd.DataFrame:
    """The 2023 online-hearings rule is ≥ 3 hearings in *each* unit; a return holds the court's total, so the rule
    is judged on the average per unit, unless the court states how many units held fewer than 3: then on that
    (0 units = met), for the full year. `judged_on` says which figure the status rests on."""
    frame = frame.assign(judged_on="")
    below = frame[(frame["indicator"] == UNITS_BELOW) & frame["value"].notna()]
    if below.empty:
        return frame
    units = below.set_index(["court", "year", "period"])["value"]
    keys = pd.MultiIndex.from_frame(frame[["court", "year", "period"]])
    stated = pd.Series(units.reindex(keys).to_numpy(), index=frame.index)
    rule = (frame["indicator"] == ONLINE_RULE) & (frame["basis"] == ANNUAL) & stated.notna() & frame["target"].notna()
    return frame.assign(
        status=frame["status"].where(~rule, np.where(stated == 0, MET, NOT_MET)),
        margin=frame["margin"].where(~rule, -stated),
        judged_on=frame["judged_on"].where(~rule, UNITS_BELOW),
    )
