"""Untrusted bytes are parsed in worker processes, so a parser failure can never end the server.

A worker reads a file into returns (`reader.read_returns`) and sends them back. It runs with a memory
limit (`RLIMIT_AS`: the address space it had once started, plus `MEMORY_BUDGET`) and a time limit the
server enforces by killing it. A MemoryError, a Rust abort, a segmentation fault or a hang ends only the
worker: the file is refused ("tệp quá lớn hoặc hỏng khi đọc") and a fresh worker takes its place.

Workers are started ahead of time with the `forkserver` method (never `fork` from the multi-threaded
server): the fork server imports the readers once, so a worker starts in milliseconds, and an import does
not pay Python's start-up. Each worker is reused from one file to the next.
"""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import importlib.machinery
import multiprocessing
import os
import queue
import resource
import sys
import threading
import time
from dataclasses import dataclass
from multiprocessing.connection import Connection

from analytics import domain
from analytics.ingest.identity import Choice
from analytics.ingest.reader import read_returns
from analytics.ingest.reading import Read
from analytics.ingest.safety import DEFAULT_LIMITS, Limits
from analytics.records import ERROR, Problem

START_METHOD = "forkserver"
# Address space a worker may add to what it holds once started (its VmSize then, read from /proc: pandas,
# numpy with OpenBLAS and glibc's arenas reserve far more address space than they touch, so a fixed limit
# would be a guess). Measured with the worker's own getrusage (01/12/2026, this 2-core machine): the largest
# file within the limits, a return beside a block of figures making 2 million cells (6,8 MB), peaks at about 330 MB
# in all, some 160 MB above the worker's start; a national workbook of 700 courts 52 MB above it; the heaviest hostile
# file of the corpus 175 MB before it is refused. 768 MB leaves about three times the largest legitimate need and
# stops a runaway reader long before the machine.
MEMORY_BUDGET = 768 * 1024 * 1024
TIME_LIMIT = 30.0  # seconds for one file; the 2-million-cell sheet takes 6–12 s on this machine, a return 0,01 s
POOL_SIZE = 2  # files read at once: one per core of the 2-core server; more uploads wait their turn
FAULTS = ("abort", "memory", "hang")  # test-only ways to make a worker fail as a parser can


@dataclass(frozen=True)
class Job:
    filename: str
    content: bytes
    choice: Choice | None
    limits: Limits
    courts_file: str | None  # the court registry the server uses (a benchmark swaps it)
    fault: str | None = None


@dataclass(frozen=True)
class Outcome:
    """What a worker sent back: the reads, or the exception its reading raised, and its peak memory."""

    reads: list[Read] | None
    raised: BaseException | None
    peak_kb: int
    elapsed: float


def _address_space() -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmSize:"):
                return int(line.split()[1]) * 1024
    return 0


def _serve(conn: Connection, budget: int) -> None:
    """The worker's loop: one job at a time, until the server closes the pipe."""
    limit = _address_space() + budget
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    _warm_up()
    gc.freeze()  # what every read uses (pandas, the label caches) is never looked at by the cycle collector again
    while True:
        try:
            job: Job = conn.recv()
        except (EOFError, OSError):
            return
        outcome = _run(job)
        with collector_paused():  # pickling hundreds of returns makes as many small objects again
            conn.send(outcome)
        del outcome
        gc.collect()  # the read's cycles, once the server has its answer


_PAUSES = 0
_RESUME = False  # whether the collector was running when the first pause began
_PAUSE_LOCK = threading.Lock()


@contextlib.contextmanager
def collector_paused():
    """Python's cycle collector paused while many small objects are made that live on (a national workbook's 700
    returns read, unpickled or validated): it would look at all of them again and again, a third of the time.
    Reference counting still frees what is dropped; the collector runs again when the last pause ends (threads
    of the server may pause it together), unless it was off before."""
    global _PAUSES, _RESUME
    with _PAUSE_LOCK:
        _PAUSES += 1
        if _PAUSES == 1:
            _RESUME = gc.isenabled()
            gc.disable()
    try:
        yield
    finally:
        with _PAUSE_LOCK:
            _PAUSES -= 1
            if _PAUSES == 0 and _RESUME:
                gc.enable()


def _run(job: Job) -> Outcome:
    start = time.perf_counter()
    if os.environ.get(domain.COURTS_FILE_VARIABLE) != job.courts_file:
        if job.courts_file is None:
            os.environ.pop(domain.COURTS_FILE_VARIABLE, None)
        else:
            os.environ[domain.COURTS_FILE_VARIABLE] = job.courts_file
        domain.courts.cache_clear()
    try:
        if job.fault == "abort":
            os.abort()  # what a Rust allocation failure does
        if job.fault == "memory":
            bytearray(2 * MEMORY_BUDGET)  # past the limit: MemoryError
        if job.fault == "hang":
            time.sleep(3600)
        with collector_paused():
            reads, raised = read_returns(job.filename, job.content, job.choice, job.limits), None
    except MemoryError:
        os._exit(3)  # a worker that ran out of memory is not trusted with the next file
    except Exception as error:  # a bug in the reader: raised again in the server, as it would be in-process
        reads, raised = None, error
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return Outcome(reads, raised, peak, time.perf_counter() - start)


_MAIN_LOCK = threading.Lock()


@contextlib.contextmanager
def _without_main_script():
    """A worker need not run the server's main script again (streamlit's launcher would import Streamlit
    in every worker): multiprocessing skips it when the main module says it is a package's __main__."""
    main = sys.modules["__main__"]
    with _MAIN_LOCK:
        spec = getattr(main, "__spec__", None)
        if spec is None and getattr(main, "__file__", None):
            main.__spec__ = importlib.machinery.ModuleSpec("__main__", None)
            try:
                yield
            finally:
                main.__spec__ = None
        else:
            yield


def _warm_up() -> None:
    """One read of the blank template, so that the first upload finds the label caches filled."""
    from analytics.ingest.template import write_workbook

    read_returns("mau.xlsx", write_workbook())


class Worker:
    """One worker process and the pipe to it."""

    def __init__(self, budget: int) -> None:
        context = multiprocessing.get_context(START_METHOD)
        if START_METHOD == "forkserver":
            context.set_forkserver_preload([__name__])
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_serve, args=(child, budget), daemon=True, name="cum2-reader")
        with _without_main_script():
            self.process.start()
        child.close()

    def run(self, job: Job, time_limit: float) -> Outcome | None:
        """The worker's answer, or None when it died or ran past the time limit (it is killed then)."""
        try:
            self.conn.send(job)
            if self.conn.poll(time_limit):
                with collector_paused():
                    return self.conn.recv()
        except (EOFError, OSError, BrokenPipeError):
            pass
        self.stop()
        return None

    def stop(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        self.conn.close()


class Pool:
    """A few workers, each reused from file to file; a worker that fails is replaced by a fresh one."""

    def __init__(self, size: int = POOL_SIZE, time_limit: float = TIME_LIMIT, budget: int = MEMORY_BUDGET) -> None:
        self.size, self.time_limit, self.budget = size, time_limit, budget
        self.idle: queue.Queue[Worker] = queue.Queue()
        self.started = 0
        self.lock = threading.Lock()
        self.fault_next: str | None = None  # test-only: the next file's worker fails this way (FAULTS)

    def warm(self) -> None:
        """Starts every worker now, so that the first upload does not wait for one."""
        with self.lock:
            missing, self.started = self.size - self.started, self.size
        for _ in range(missing):
            self.idle.put(Worker(self.budget))

    def warm_in_background(self) -> None:
        threading.Thread(target=self.warm, name="cum2-reader-start", daemon=True).start()

    def _take(self) -> Worker:
        with self.lock:
            start = self.started < self.size
            if start:
                self.started += 1
        if not start:
            return self.idle.get()
        try:
            return Worker(self.budget)
        except BaseException:
            with self.lock:
                self.started -= 1
            raise

    def run(self, job: Job) -> Outcome | None:
        if self.fault_next is not None:
            job, self.fault_next = dataclasses.replace(job, fault=self.fault_next), None
        worker = self._take()
        outcome = None
        try:
            outcome = worker.run(job, self.time_limit)
        finally:
            # A worker that died, hung or ran out of memory is replaced; the next file gets a fresh one.
            if outcome is not None:
                self.idle.put(worker)
            else:
                with self.lock:
                    self.started -= 1
                self.warm_in_background()
        return outcome

    def close(self) -> None:
        with self.lock:
            count, self.started = self.started, 0
        for _ in range(count):
            self.idle.get().stop()


_POOL: Pool | None = None
_POOL_LOCK = threading.Lock()


def pool() -> Pool:
    """The process's pool of workers, created on first use."""
    global _POOL
    with _POOL_LOCK:
        if _POOL is None:
            _POOL = Pool()
        return _POOL


def failed(filename: str) -> Problem:
    return Problem(
        ERROR,
        "file.reader_failed",
        f"Tệp «{filename}» quá lớn hoặc hỏng khi đọc: việc đọc tệp đã bị dừng để bảo vệ máy chủ. Hãy mở tệp bằng "
        "Excel, xóa các sheet và vùng dữ liệu không cần thiết, lưu lại dưới dạng .xlsx rồi tải lên lại; nếu vẫn "
        "không được, báo cho Văn phòng Cụm.",
        f"'{filename}' is too large or damaged to read: reading it was stopped to protect the server. Save it "
        "again as .xlsx without unneeded sheets and upload it again.",
        filename,
    )


def read_in_worker(
    filename: str,
    content: bytes,
    choice: Choice | None = None,
    limits: Limits = DEFAULT_LIMITS,
    *,
    using: Pool | None = None,
    fault: str | None = None,
) -> list[Read]:
    """`reader.read_returns` in a worker: the same reads, or a refusal when the worker failed."""
    if multiprocessing.current_process().daemon and using is None:
        # A process that is itself a pool's daemon worker may not start children; it has no server to protect.
        return read_returns(filename, content, choice, limits)
    job = Job(filename, content, choice, limits, os.environ.get(domain.COURTS_FILE_VARIABLE), fault)
    outcome = (using or pool()).run(job)
    if outcome is None:
        return [Read(None, [failed(filename)])]
    if outcome.raised is not None:
        raise outcome.raised
    return outcome.reads
