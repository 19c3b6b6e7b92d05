"""A parser failure can never end the server: it ends a worker, the file is refused, the next file is read."""

from __future__ import annotations

import pytest

from analytics.ingest import worker
from analytics.ingest.reader import read_returns
from tests.analytics.builders import a_return, check_one, workbook

FAILED = "quá lớn hoặc hỏng khi đọc"


@pytest.fixture(scope="module")
def pool():
    """A pool of one worker with a short time limit, so that a hang costs the test two seconds."""
    made = worker.Pool(size=1, time_limit=2.0)
    yield made
    made.close()


def a_template_return() -> bytes:
    return workbook(a_return("lai_chau", "6"))


def test_a_worker_reads_the_same_returns_as_the_reader_itself(pool):
    content = a_template_return()

    [read] = worker.read_in_worker("bc.xlsx", content, using=pool)

    [expected] = read_returns("bc.xlsx", content)
    assert read.ret.cases.equals(expected.ret.cases) and read.problems == expected.problems


@pytest.mark.parametrize("fault", worker.FAULTS)
def test_a_worker_that_aborts_runs_out_of_memory_or_hangs_is_a_refusal_and_the_next_file_is_read(pool, fault):
    [refused] = worker.read_in_worker("bc.xlsx", a_template_return(), using=pool, fault=fault)

    assert refused.ret is None
    [problem] = refused.problems
    assert (problem.severity, problem.rule, problem.file) == ("error", "file.reader_failed", "bc.xlsx")
    assert FAILED in problem.message and problem.message_en
    [after] = worker.read_in_worker("bc.xlsx", a_template_return(), using=pool)
    assert after.ret is not None and after.ret.court == "lai_chau"


def test_the_import_path_reads_in_a_worker_and_survives_its_death():
    shared = worker.pool()
    shared.fault_next = "abort"

    refused = check_one("bc.xlsx", a_template_return())
    stored_next = check_one("bc.xlsx", a_template_return())

    assert [p.rule for p in refused.problems] == ["file.reader_failed"]
    assert stored_next.ok


def test_a_workers_memory_is_limited_from_what_it_holds_once_started(pool):
    outcome = pool.run(worker.Job("bc.xlsx", a_template_return(), None, worker.DEFAULT_LIMITS, None))

    assert outcome is not None and outcome.reads[0].ret is not None
    assert 0 < outcome.peak_kb * 1024 < worker.MEMORY_BUDGET


def test_the_cycle_collector_paused_by_two_threads_runs_again_only_when_both_are_done():
    import gc

    with worker.collector_paused():
        with worker.collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()

    assert gc.isenabled()


def test_a_pause_does_not_start_a_cycle_collector_that_was_off():
    import gc

    gc.disable()
    try:
        with worker.collector_paused():
            pass

        assert not gc.isenabled()
    finally:
        gc.enable()
