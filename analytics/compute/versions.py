"""Two versions of one court's return side by side: every figure, and what changed."""

from __future__ import annotations

import pandas as pd

from analytics.domain import CASE_TYPE_BY_KEY, CASE_TYPE_KEYS, MEASURE_BY_KEY
from analytics.records import COURT_SCOPE
from analytics.text import Words

COURT_WORD = Words("Tòa án", "Court")  # the scope of the court-level figures
_SCOPE_ORDER = {key: i for i, key in enumerate([*CASE_TYPE_KEYS, COURT_SCOPE])}
_MEASURE_ORDER = {key: i for i, key in enumerate(MEASURE_BY_KEY)}


def side_by_side(first: pd.DataFrame, second: pd.DataFrame, lang: str = "vi") -> pd.DataFrame:
    """One row per figure of either version (each scope, measure, value, as `Store.version_figures` reads them):
    scope and measure labels, both values, the difference, changed."""
    a = first.rename(columns={"value": "first"})
    b = second.rename(columns={"value": "second"})
    both = a.merge(b, on=["scope", "measure"], how="outer").astype({"first": "Int64", "second": "Int64"})
    # As the return reads: case types in their order, each with its measures in theirs, then the court's figures (the
    # merge sorts the keys alphabetically: civil before criminal).
    place = both["scope"].map(_SCOPE_ORDER) * len(_MEASURE_ORDER) + both["measure"].map(_MEASURE_ORDER)
    both = both.iloc[place.argsort(kind="stable")].reset_index(drop=True)
    scope = both["scope"].map(lambda s: COURT_WORD.label(lang) if s == COURT_SCOPE else CASE_TYPE_BY_KEY[s].label(lang))
    measure = both["measure"].map(lambda m: MEASURE_BY_KEY[m].label(lang))
    changed = both["first"].fillna(-1) != both["second"].fillna(-1)
    return both.assign(
        scope_label=scope, measure_label=measure, difference=both["second"] - both["first"], changed=changed
    )


def versions_of(history: pd.DataFrame, court: str, year: int, period: str) -> pd.DataFrame:
    """Every stored version of one return, oldest first (`history`: the store's returns with every version)."""
    rows = history[(history["court"] == court) & (history["year"] == year) & (history["period"] == period)]
    return rows.sort_values("version")
