"""The frames passed between the stages, declared once (pandera): their columns, types and allowed values.

Code names a column through its model (`Figures.value` is the string "value"), so a renamed column is renamed
here; the specs check every frame at the seam where one stage hands it to the next (tests/analytics/test_frames.py).
The checks are not run on every request: they describe what the stages promise each other.
"""

from __future__ import annotations

import pandera.pandas as pa
from pandera.typing import Index, Series

from analytics.domain import CASE_MEASURE_KEYS, CASE_TYPE_KEYS, COURT_MEASURE_KEYS, PERIOD_BY_KEY

ERROR = "error"
WARNING = "warning"
INFO = "info"  # a derivation or an assumption the importer made, kept with the data
SEVERITIES = (ERROR, WARNING, INFO)
COURT_SCOPE = "court"  # the scope of court-level figures, beside the case-type keys
TOTAL_SCOPE = "total"  # the totals row of the case table: checked, never stored
PERIODS = list(PERIOD_BY_KEY)
COMPARATORS = [">=", ">", "<=", "<", "="]
SCOPES = [*CASE_TYPE_KEYS, COURT_SCOPE]
MEASURES = [*CASE_MEASURE_KEYS, *COURT_MEASURE_KEYS]


class CaseTable(pa.DataFrameModel):
    """A return's case table: one row per case type, one nullable whole number ≥ 0 per measure (NA = not given)."""

    case_type: Index[str] = pa.Field(isin=list(CASE_TYPE_KEYS), unique=True)
    carried_over: Series[pa.Int64] = pa.Field(ge=0, nullable=True)
    new: Series[pa.Int64] = pa.Field(ge=0, nullable=True)
    accepted: Series[pa.Int64] = pa.Field(ge=0, nullable=True)
    resolved: Series[pa.Int64] = pa.Field(ge=0, nullable=True)
    pending: Series[pa.Int64] = pa.Field(ge=0, nullable=True)
    overdue: Series[pa.Int64] = pa.Field(ge=0, nullable=True)
    suspended: Series[pa.Int64] = pa.Field(ge=0, nullable=True)
    quashed_subjective: Series[pa.Int64] = pa.Field(ge=0, nullable=True)
    amended_subjective: Series[pa.Int64] = pa.Field(ge=0, nullable=True)
    quashed_total: Series[pa.Int64] = pa.Field(ge=0, nullable=True)
    amended_total: Series[pa.Int64] = pa.Field(ge=0, nullable=True)
    mediation_handled: Series[pa.Int64] = pa.Field(ge=0, nullable=True)
    mediation_success: Series[pa.Int64] = pa.Field(ge=0, nullable=True)
    defendants_accepted: Series[pa.Int64] = pa.Field(ge=0, nullable=True)
    defendants_resolved: Series[pa.Int64] = pa.Field(ge=0, nullable=True)

    class Config:
        strict = True
        ordered = True


class Figures(pa.DataFrameModel):
    """Stored figures in long form, the current version of each return: what every computation starts from."""

    court: Series[str]
    year: Series[int] = pa.Field(ge=2000, le=2100)
    period: Series[str] = pa.Field(isin=PERIODS)
    version: Series[int] = pa.Field(ge=1)
    scope: Series[str] = pa.Field(isin=SCOPES)
    measure: Series[str] = pa.Field(isin=MEASURES)
    value: Series[int] = pa.Field(ge=0)

    class Config:
        strict = True


class Problems(pa.DataFrameModel):
    """Every finding about a file, errors first: where (file, sheet, cell), which rule, how serious, the value, and
    the Vietnamese and English messages."""

    file: Series[str]
    sheet: Series[str]
    cell: Series[str]
    rule: Series[str]
    severity: Series[str] = pa.Field(isin=list(SEVERITIES))
    value: Series[str]
    message: Series[str]
    message_en: Series[str]

    class Config:
        strict = True
        ordered = True


class Indicators(pa.DataFrameModel):
    """Indicator values of every court (and the cluster, court "cluster") of a year and period: the sums counted and
    the value (NaN when the denominator is 0: "không áp dụng")."""

    court: Series[str]
    year: Series[int]
    period: Series[str] = pa.Field(isin=PERIODS)
    indicator: Series[str]
    numerator: Series[float] = pa.Field(nullable=True)
    denominator: Series[float] = pa.Field(nullable=True)
    value: Series[float] = pa.Field(nullable=True)

    class Config:
        strict = True
        ordered = True


class Judged(Indicators):
    """Indicators judged on their basis against the targets (`compute.targets.evaluate`)."""

    target: Series[float] = pa.Field(nullable=True)
    floor: Series[float] = pa.Field(nullable=True)
    comparator: Series[str] = pa.Field(isin=COMPARATORS, nullable=True)
    floor_comparator: Series[str] = pa.Field(isin=COMPARATORS, nullable=True)  # the National Assembly floor's
    basis: Series[str] = pa.Field(isin=["annual", "progress", "pro_rata", "state"])
    status: Series[str] = pa.Field(
        isin=["met", "not_met", "on_pace", "behind_pace", "in_progress", "no_target", "not_applicable"]
    )
    margin: Series[float] = pa.Field(nullable=True)
    judged_on: Series[str]

    class Config:
        strict = False  # the comparison adds the projection's columns
        ordered = False


class ComparisonRows(Judged):
    """One year and period compared (`Comparison.rows`): the judged rows with the same period a year before and, for a
    partial year's seasonal rate, the projected year-end, its range and its verdict."""

    last_year: Series[float] = pa.Field(nullable=True)
    vs_last_year: Series[float] = pa.Field(nullable=True)
    comparable: Series[bool]
    projected: Series[float] = pa.Field(nullable=True)
    projected_low: Series[float] = pa.Field(nullable=True)
    projected_high: Series[float] = pa.Field(nullable=True)
    projection_source: Series[object] = pa.Field(nullable=True, isin=["court", "cluster"])
    projection_years: Series[float] = pa.Field(nullable=True)
    projected_status: Series[object] = pa.Field(nullable=True, isin=["projected_met", "at_risk"])
    projected_margin: Series[float] = pa.Field(nullable=True)

    class Config:
        strict = True


class LongOutput(pa.DataFrameModel):
    """The command line's long output (`python -m analytics indicators`): one row per court and indicator."""

    court: Series[str]
    indicator: Series[str]
    numerator: Series[pa.Int64] = pa.Field(nullable=True)
    denominator: Series[pa.Int64] = pa.Field(nullable=True)
    value: Series[float] = pa.Field(nullable=True)
    target: Series[float] = pa.Field(nullable=True)
    comparator: Series[str] = pa.Field(nullable=True)
    status: Series[str]
    basis: Series[str]
    last_year: Series[float] = pa.Field(nullable=True)
    projected: Series[float] = pa.Field(nullable=True)
    projected_low: Series[float] = pa.Field(nullable=True)
    projected_high: Series[float] = pa.Field(nullable=True)
    projected_status: Series[object] = pa.Field(nullable=True)

    class Config:
        strict = True
        ordered = True


def columns(model: type[pa.DataFrameModel]) -> list[str]:
    """A model's columns in their declared order (the index not included)."""
    return list(model.to_schema().columns)
