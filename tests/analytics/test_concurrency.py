"""Concurrent imports lose nothing and duplicate nothing; a process killed mid-import changes nothing."""

from __future__ import annotations

import multiprocessing
import signal
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from analytics.security import ADMIN, SYSTEM, Account
from analytics.store.storage import Store
from analytics.upload import check, confirm
from tests.analytics.builders import a_return, account, database_state, enrol, imported, workbook

CONTENDED = 12  # different files for one court and period, racing for version numbers
DUPLICATES = 4  # the same bytes sent several times at once
OTHERS = ("son_la", "dien_bien", "yen_bai", "phu_tho")  # other courts, no contention


def twenty_files() -> list[tuple[str, bytes]]:
    contended = [
        (f"lai_chau_{i}.xlsx", workbook(a_return("lai_chau", "12", notes=f"lần {i}"))) for i in range(CONTENDED)
    ]
    same = [("lao_cai.xlsx", workbook(a_return("lao_cai", "12")))] * DUPLICATES
    others = [(f"{court}.xlsx", workbook(a_return(court, "6"))) for court in OTHERS]
    files = contended + same + others
    assert len(files) == 20
    return files


IMPORTER = Account("kiem_thu", ADMIN)  # enrolled by each test before the imports start


def import_one(url: str, name: str, content: bytes) -> str:
    store = None
    try:
        store = Store(url)
        return imported(store, name, content, IMPORTER).status
    except Exception as error:  # as text: a pool whose worker raises an exception it cannot unpickle hangs
        return f"failed: {type(error).__name__}: {error}"
    finally:
        if store is not None:
            store.dispose()


def assert_nothing_lost_nothing_duplicated(store: Store, statuses: list[str]) -> None:
    assert not [s for s in statuses if s.startswith("failed")], statuses
    assert statuses.count("stored") == CONTENDED + 1 + len(OTHERS)
    assert statuses.count("unchanged") == DUPLICATES - 1
    history = store.returns(current_only=False)
    contended = history[history["court"] == "lai_chau"]
    assert sorted(contended["version"]) == list(range(1, CONTENDED + 1))
    assert len(history[history["court"] == "lao_cai"]) == 1
    assert store.uploads()["sha256"].is_unique
    assert len(store.uploads()) == CONTENDED + 1 + len(OTHERS)
    assert store.data_version() == CONTENDED + 1 + len(OTHERS)


def test_twenty_imports_in_parallel_threads(store, database_url):
    files = twenty_files()
    enrol(store, IMPORTER)

    with ThreadPoolExecutor(max_workers=20) as pool:
        statuses = list(pool.map(lambda file: import_one(database_url, *file), files))

    assert_nothing_lost_nothing_duplicated(store, statuses)


def processes() -> multiprocessing.context.BaseContext:
    """Processes of their own, each opening its own store, forked from a fork server that imported this module once:
    a process spawned afresh spends seconds importing pandas and the app before its import starts (the fork server
    this test process already runs for the reading workers, if any, is used as it is)."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([__name__])
    return context


def test_twenty_imports_in_parallel_processes(store, database_url):
    files = twenty_files()
    enrol(store, IMPORTER)

    with processes().Pool(8) as pool:
        # A worker that dies would leave the pool waiting for ever: a bounded wait fails the test instead.
        work = pool.starmap_async(import_one, [(database_url, name, content) for name, content in files])
        statuses = work.get(timeout=600)

    assert_nothing_lost_nothing_duplicated(store, statuses)


def killed_import(url: str, path: str, ready: str) -> None:
    """Runs in a child process: an import that stops inside its transaction, just before it commits (it says so by
    writing `ready`), to be killed there."""

    def stall(conn) -> None:
        Path(ready).write_text("in the transaction")
        time.sleep(120)

    Store.bump = staticmethod(stall)  # in the child only: the test's own process is left as it is
    store = Store(url)
    confirm(store, check([("giet_giua_chung.xlsx", Path(path).read_bytes())], store), SYSTEM)


def test_a_process_killed_in_the_middle_of_an_import_leaves_the_database_as_it_was(store, database_url, tmp_path):
    imported(store, "truoc.xlsx", workbook(a_return("son_la", "12")), account(store, "kiem_thu"))
    before = database_state(store)
    path, ready = tmp_path / "giet.xlsx", tmp_path / "ready"
    path.write_bytes(workbook(a_return("son_la", "12", notes="sẽ bị giết")))
    child = processes().Process(target=killed_import, args=(database_url, str(path), str(ready)))
    child.start()
    try:
        deadline = time.monotonic() + 60
        while not ready.exists():  # the child writes this file from inside its open transaction
            assert child.is_alive(), "the import ended before it reached its transaction"
            assert time.monotonic() < deadline, "the import never reached its transaction"
            time.sleep(0.05)
        child.kill()
    finally:
        child.join(timeout=30)

    assert child.exitcode == -signal.SIGKILL
    after = database_state(store)
    assert after[0] == before[0]
    assert after[1].equals(before[1])
    assert after[2].equals(before[2])
    assert imported(store, "sau.xlsx", path.read_bytes(), account(store, "kiem_thu")).status == "stored"
