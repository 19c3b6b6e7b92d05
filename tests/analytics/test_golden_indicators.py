"""The indicators of a national-scale workbook, read, validated, stored and computed, are the ones of the golden file
`golden/national_indicators.csv` (counts exactly, rates and days to 1e-12): what makes reading faster must not
change a result.

The golden data set is the first `UNITS` units of tests/analytics/national.py (the benchmark reads 700 of the
same layout; 40 keep this spec to about a second per database). Regenerate the file only when a result is meant to
change: `python -m tests.analytics.test_golden_indicators`.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from analytics import domain
from analytics.compute.indicators import INDICATOR_BY_KEY, compute
from analytics.security import SYSTEM
from analytics.store.storage import Store
from analytics.upload import check, confirm
from tests.analytics.national import national_workbook, write_registry

UNITS = 40
GOLDEN = Path(__file__).parent / "golden" / "national_indicators.csv"
KEYS = ["court", "year", "period", "indicator"]
NUMBERS = ["numerator", "denominator", "value"]


def indicators_of_the_national_workbook(store: Store) -> tuple[pd.DataFrame, set[str]]:
    """The national workbook uploaded into `store` as the app does it: the indicators of what was stored, and the
    rules of the notes reading made."""
    checked = check([("toan_quoc_6thang_2023.xlsx", national_workbook(UNITS))])
    outcomes = confirm(store, checked, SYSTEM)
    if [o.status for o in outcomes] != ["stored"] * UNITS:
        raise AssertionError(f"not every unit was stored: {[o.problems.head(3) for o in outcomes[:1]]}")
    found = compute(store.figures())
    rules = {p.rule for part in checked[0].parts for p in part.problems}
    return found.sort_values(KEYS, ignore_index=True)[KEYS + NUMBERS], rules


def read_golden() -> pd.DataFrame:
    return pd.read_csv(GOLDEN, dtype={"court": str, "year": int, "period": str, "indicator": str})


@pytest.fixture
def national_registry(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """The generated units are courts of the registry while the test runs (the reading worker follows it)."""
    monkeypatch.setenv(domain.COURTS_FILE_VARIABLE, str(write_registry(tmp_path, UNITS)))
    domain.courts.cache_clear()
    yield
    monkeypatch.delenv(domain.COURTS_FILE_VARIABLE)
    domain.courts.cache_clear()


def test_the_national_workbook_gives_the_golden_indicators(national_registry, store: Store) -> None:
    golden = read_golden()

    found, rules = indicators_of_the_national_workbook(store)

    assert {"derived", "row_empty_is_zero", "activity_missing"} <= rules  # the data set covers those paths
    assert found["value"].isna().any()  # and a rate without a denominator ("không áp dụng")
    pd.testing.assert_frame_equal(found[KEYS], golden[KEYS], check_dtype=False)
    counts = golden["indicator"].map(lambda key: INDICATOR_BY_KEY[key].unit == "count")
    for column in NUMBERS:
        mine, theirs = found[column].to_numpy(dtype=float), golden[column].to_numpy(dtype=float)
        assert np.array_equal(np.isnan(mine), np.isnan(theirs)), f"{column}: a value (not) applicable differs"
        exact = counts.to_numpy() | (column != "value")
        known = ~np.isnan(theirs)
        assert np.array_equal(mine[known & exact], theirs[known & exact]), f"{column}: a count differs"
        assert np.allclose(mine[known], theirs[known], rtol=1e-12, atol=0), f"{column}: a rate differs beyond 1e-12"


def write_golden() -> None:
    """Writes the golden file from the code as it is (run it only when a result is meant to change)."""
    with tempfile.TemporaryDirectory() as folder:
        os.environ[domain.COURTS_FILE_VARIABLE] = str(write_registry(Path(folder), UNITS))
        domain.courts.cache_clear()
        store = Store(f"sqlite:///{Path(folder) / 'golden.sqlite'}")
        found, _ = indicators_of_the_national_workbook(store)
        store.dispose()
    GOLDEN.parent.mkdir(exist_ok=True)
    found.to_csv(GOLDEN, index=False, float_format="%.17g")
    print(f"{GOLDEN}: {len(found)} rows", file=sys.stderr)


if __name__ == "__main__":
    write_golden()
