"""`make bench`: how long a refused log-in takes for a user name that exists and for one that does not.

Both answers cost one Argon2 verification (an unknown name is checked against a dummy hash), so the times are
alike and do not tell which user names exist. Printed, never asserted (timings vary from run to run).

Run with `make bench` or `python -m benchmarks.login` from the repository's root."""

from __future__ import annotations

import contextlib
import statistics
import tempfile
import time
from pathlib import Path

from analytics.security import SYSTEM, VIEWER
from analytics.store import accounts
from analytics.store.storage import Store

ROUNDS = 15  # under the per-address limit of 20 failures, from one address each


def refused_ms(store: Store, username: str, client: str) -> float:
    started = time.perf_counter()
    with contextlib.suppress(accounts.LoginFailed):
        accounts.authenticate(store, username, "sai-mat-khau-roi", client)
    return (time.perf_counter() - started) * 1000


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        store = Store(f"sqlite:///{Path(folder) / 'login.sqlite'}")
        accounts.add_user(store, SYSTEM, "lan", VIEWER, password="mat-khau-du-dai")
        # A name fails at most ACCOUNT_FAILURES times before it locks, and a locked name answers at once: each
        # round uses a name of its own, known or not, so that every attempt reaches the password check.
        for i in range(ROUNDS):
            accounts.add_user(store, SYSTEM, f"nguoi{i:02d}", VIEWER, password="mat-khau-du-dai")
        known = [refused_ms(store, f"nguoi{i:02d}", f"10.0.1.{i}") for i in range(ROUNDS)]
        unknown = [refused_ms(store, f"khong_co{i:02d}", f"10.0.2.{i}") for i in range(ROUNDS)]
        store.dispose()
    print(f"refused log-in, median of {ROUNDS}: existing user {statistics.median(known):.0f} ms, ", end="")
    print(f"unknown user {statistics.median(unknown):.0f} ms")


if __name__ == "__main__":
    main()
