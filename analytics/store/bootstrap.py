"""First start of a database: the default targets, and the sample returns when asked for."""

from __future__ import annotations

from pathlib import Path

from analytics.compute.targets import default_targets
from analytics.security import SYSTEM
from analytics.store.storage import Store
from analytics.upload import Outcome, check, confirm

SAMPLE_DIR = Path(__file__).resolve().parents[2] / "sample_data"


def prepare(store: Store, *, sample_dir: Path | None = None) -> list[Outcome]:
    """Loads the shipped targets of the years the targets table does not hold yet (an administrator's changes to a
    year are never overwritten) and, into a database with no return, the samples."""
    shipped = default_targets()
    missing = shipped[~shipped["year"].isin(store.target_years())]
    if not missing.empty:
        store.put_targets(missing, SYSTEM)
    if sample_dir is None or not store.returns().empty:
        return []
    outcomes = []
    for path in sorted(sample_dir.glob("*.xlsx")):  # one by one: each is checked against the ones stored before it
        outcomes += confirm(store, check([(path.name, path.read_bytes())], store), SYSTEM)
    return outcomes
