"""The projection's backtest: from 3, 6 and 9 months, how far the projected year-end fell from the year-end stored.

Every stored year that has an earlier year to project from is projected with the ratios of the years before it
only (as it would have been at the time), for every court and the cluster. Printed: the mean absolute error per
indicator and period, in percentage points for rates (days for the disposition time), and how many values and
years it rests on. The sample years come first; with `--db URL` (or $DATABASE_URL) the years stored there too.

Run with `make bench` or `python -m benchmarks.projection [--db URL]` from the repository's root.
"""

from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path

import pandas as pd

from analytics.compute.indicators import INDICATOR_BY_KEY, PROGRESS, compute
from analytics.compute.projection import YEAR_END, backtest
from analytics.store import bootstrap
from analytics.store.storage import Store

PERIODS = ("3", "6", "9")


def errors(store: Store) -> pd.DataFrame:
    """indicator × period → the backtest's mean absolute error, with the values and years behind it."""
    figures = store.figures()
    parts = []
    for period in PERIODS:
        history = compute(figures[figures["period"].isin([period, YEAR_END])])
        parts.append(backtest(history, period).assign(period=period))
    return pd.concat(parts, ignore_index=True)


def show(title: str, table: pd.DataFrame) -> None:
    print(f"\n{title}")
    if table.empty:
        print("  (no year with an earlier year to project from)")
        return
    print(f"{'indicator':<34}" + "".join(f"{p + ' tháng':>22}" for p in PERIODS))
    for key in [k for k, spec in INDICATOR_BY_KEY.items() if spec.partial == PROGRESS]:
        mine = table[table["indicator"] == key].set_index("period")
        if mine.empty:
            continue
        cells = []
        for period in PERIODS:
            if period not in mine.index:
                cells.append(f"{'–':>22}")
                continue
            row = mine.loc[period]
            unit = INDICATOR_BY_KEY[key].unit
            error = f"±{row['error'] * 100:.1f} pp" if unit == "rate" else f"±{row['error']:.1f} d"
            cells.append(f"{error} ({int(row['cases'])}, {int(row['years'])} y)".rjust(22))
        print(f"{key:<34}" + "".join(cells))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default=os.environ.get("DATABASE_URL"), help="a database with real years too")
    args = parser.parse_args()
    print("Mean absolute error of the projected year-end (values projected, years projected)")
    with tempfile.TemporaryDirectory() as folder:
        store = Store(f"sqlite:///{Path(folder) / 'sample.sqlite'}")
        bootstrap.prepare(store, sample_dir=bootstrap.SAMPLE_DIR)
        show("sample data (2023–2025)", errors(store))
        store.dispose()
    if args.db:
        stored = Store(args.db)
        real = stored.returns()
        years = sorted(int(y) for y in real.loc[~real["synthetic"], "year"].unique()) if not real.empty else []
        show(f"stored returns in {args.db.split('@')[-1]} (real years: {years or 'none'})", errors(stored))
        stored.dispose()


if __name__ == "__main__":
    main()
