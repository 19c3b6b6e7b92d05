"""Two versions of one court's return side by side: every figure, and what changed."""

from __future__ import annotations

import pandas as pd

from analytics.domain import CASE_TYPE_BY_KEY, MEASURE_BY_KEY
from analytics.records import COURT_SCOPE


def side_by_side(first: pd.DataFrame, second: pd.DataFrame, lang: str = "vi") -> pd.DataFrame:
    """One row per figure of either version (each scope, measure, value, as `Store.version_figures` reads them):
    scope and measure labels, both values, the difference, changed."""
    a = first.rename(columns={"value": "first"})
    b = second.rename(columns={"value": "second"})
    both = a.merge(b, on=["scope", "measure"], how="outer").astype({"first": "Int64", "second": "Int64"})
    vi = lang == "vi"
    scope = both["scope"].map(
        lambda s: (
            ("Tòa án" if vi else "Court")
            if s == COURT_SCOPE
            else (CASE_TYPE_BY_KEY[s].label_vi if vi else CASE_TYPE_BY_KEY[s].label_en)
        )
    )
    measure = both["measure"].map(lambda m: MEASURE_BY_KEY[m].label_vi if vi else MEASURE_BY_KEY[m].label_en)
    changed = both["first"].fillna(-1) != both["second"].fillna(-1)
    return both.assign(
        scope_label=scope, measure_label=measure, difference=both["second"] - both["first"], changed=changed
    )
