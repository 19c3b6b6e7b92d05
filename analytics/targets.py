"""Targets as data (DOMAIN.md §6) and the status of each indicator against them.

Two layers: the TANDTC directive, which courts are judged on, and the National Assembly floor,
shown beside it. A partial year is compared with the annual target; counts that accumulate over
the year are compared with the target pro rata, and the result says which basis it used.
"""

from __future__ import annotations

import math
import operator

import numpy as np
import pandas as pd

from analytics.domain import DATA_DIR, PERIOD_BY_KEY, check_year
from analytics.indicators import INDICATOR_BY_KEY
from analytics.security import InvalidInput

TARGET_LAYER = "tandtc"
FLOOR_LAYER = "national_assembly"
LAYERS = {
    TARGET_LAYER: ("Chỉ tiêu TANDTC", "TANDTC target"),
    FLOOR_LAYER: ("Mức sàn Quốc hội", "National Assembly floor"),
}

MET, NOT_MET, NO_TARGET, NOT_APPLICABLE = "met", "not_met", "no_target", "not_applicable"
STATUSES = (MET, NOT_MET, NO_TARGET, NOT_APPLICABLE)
STATUS_LABELS = {
    MET: ("Đạt", "Met"),
    NOT_MET: ("Không đạt", "Not met"),
    NO_TARGET: ("Không có chỉ tiêu", "No target"),
    NOT_APPLICABLE: ("Không áp dụng", "Not applicable"),
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


def evaluate(indicators: pd.DataFrame, targets: pd.DataFrame) -> pd.DataFrame:
    """Adds target, comparator, floor, status, margin and basis ("annual" or "pro_rata") to each row."""
    frame = indicators.merge(_layer(targets, TARGET_LAYER, "target_"), on=["year", "indicator"], how="left")
    frame = frame.merge(_layer(targets, FLOOR_LAYER, "floor_"), on=["year", "indicator"], how="left")
    months = frame["period"].map(lambda p: PERIOD_BY_KEY[p].months if PERIOD_BY_KEY[p].cumulative else 3)
    pro_rata = frame["indicator"].map(lambda k: INDICATOR_BY_KEY[k].accumulates) & (months < 12)
    factor = np.where(pro_rata, months / 12, 1.0)
    frame = frame.assign(
        target=frame["target_value"] * factor,
        floor=frame["floor_value"] * factor,
        comparator=frame["target_comparator"],
        basis=np.where(pro_rata, "pro_rata", "annual"),
    )
    statuses, margins = [], []
    for value, comparator, target in zip(frame["value"], frame["comparator"], frame["target"], strict=True):
        if pd.isna(value):
            statuses.append(NOT_APPLICABLE)
            margins.append(np.nan)
        elif pd.isna(target):
            statuses.append(NO_TARGET)
            margins.append(np.nan)
        else:
            statuses.append(MET if meets(value, comparator, target) else NOT_MET)
            margins.append(margin(value, comparator, target))
    return frame.assign(status=statuses, margin=margins).drop(
        columns=["target_value", "target_comparator", "floor_value"]
    )
