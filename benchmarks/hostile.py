"""`make bench`: each hostile file of tests/analytics/hostile.py read (or refused) in a fresh worker — its peak
memory (`resource.getrusage` of the worker) and time — then a legitimate sheet of 2 million cells (a return and a
block of figures beside it, just under the limit) and the same past the limit, five uploads at once, and the latency
a worker adds to a template return's import.

Run with `make bench` or `python -m benchmarks.hostile` from the repository's root."""

from __future__ import annotations

import os
import statistics
import threading
import time

from xlsxwriter.utility import xl_col_to_name

from analytics.ingest import worker
from analytics.ingest.reader import read_returns
from analytics.upload import check
from tests.analytics.builders import a_return, workbook
from tests.analytics.corpus import FREE
from tests.analytics.hostile import HOSTILE, grid_rows, hostile_file, raw_xlsx

RUNS = 15
TEMPLATE = workbook(a_return("lai_chau", "6"))


def _rss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            return next(int(line.split()[1]) for line in status if line.startswith("VmRSS:"))
    except (OSError, StopIteration):
        return 0


def per_file() -> None:
    print(f"{'file':66} {'size':>9} {'outcome':>26} {'peak':>8} {'time':>8}")
    for name in HOSTILE:
        filename, content = hostile_file(name)
        pool = worker.Pool(size=1)  # a fresh worker: its peak memory is this file's
        pool.run(worker.Job("mau.xlsx", TEMPLATE, None, worker.DEFAULT_LIMITS, None))  # started and warm
        start = time.perf_counter()
        outcome = pool.run(worker.Job(filename, content, None, worker.DEFAULT_LIMITS, None))
        elapsed = time.perf_counter() - start
        pool.close()
        if outcome is None:
            shown, peak = "worker killed", "-"
        else:
            reads = outcome.reads or []
            rules = [p.rule for r in reads for p in r.problems if p.severity in ("error", "warning")]
            shown = ("read" if reads and reads[0].ret is not None else "refused") + (f" {rules[0]}" if rules else "")
            peak = f"{outcome.peak_kb / 1024:.0f} MB"
        print(f"{name[:66]:66} {len(content) / 1024:>7.0f}KB {shown[:26]:>26} {peak:>8} {elapsed:>7.2f}s")


BLOCK_COLUMNS, BLOCK_LEFT = 100, 20  # a block of figures from column U, beside the return (A–P)
# As many rows as keep the sheet's rectangle from A1 within the 2-million-cell limit: 16.666 × 120 = 1.999.920 cells
# (1.666.600 figures). 19.990 rows (the block's first size) make 2.398.800 cells from A1 with 1.999.143 filled:
# past the limit by the rectangle calamine builds, and no box within it keeps the block, so that sheet is refused.
BLOCK_ROWS = worker.DEFAULT_LIMITS.max_cells // (BLOCK_LEFT + BLOCK_COLUMNS)
OVER_ROWS = 19_990


def legitimate_two_million(block_rows: int = BLOCK_ROWS) -> bytes:
    """A return laid out by people (the free layout) and, beside it from column U, a block of 100 columns of
    figures: with BLOCK_ROWS rows, a sheet just under the 2-million-cell limit that must be read."""
    names = [xl_col_to_name(c) for c in range(BLOCK_LEFT + BLOCK_COLUMNS)]

    def rows():
        free = list(grid_rows(FREE))
        for i in range(block_rows):
            r = i + 1
            head = free[i][len(f'<row r="{r}">') : -len("</row>")] if i < len(free) else b""
            cells = "".join(
                f'<c r="{names[BLOCK_LEFT + c]}{r}"><v>{(i * c) % 97}</v></c>' for c in range(BLOCK_COLUMNS)
            )
            yield f'<row r="{r}">'.encode() + head + cells.encode() + b"</row>"

    return raw_xlsx({"Sheet1": ("worksheets/sheet1.xml", rows)})


def large_sheet(block_rows: int = BLOCK_ROWS) -> None:
    content = legitimate_two_million(block_rows)
    pool = worker.Pool(size=1)
    pool.run(worker.Job("mau.xlsx", TEMPLATE, None, worker.DEFAULT_LIMITS, None))
    start = time.perf_counter()
    outcome = pool.run(worker.Job("bao_cao_va_so_lieu.xlsx", content, None, worker.DEFAULT_LIMITS, None))
    elapsed = time.perf_counter() - start
    pool.close()
    if outcome is None:
        shown = "the worker was stopped at its time or memory limit"
    else:
        reads = outcome.reads or []
        rules = [p.rule for r in reads for p in r.problems if p.severity == "error"][:1]
        read = reads and reads[0].ret is not None
        shown = ("read" if read else f"refused {rules}") + f", worker peak {outcome.peak_kb // 1024} MB"
        shown += f", {outcome.elapsed:.1f} s of it in the worker's reading"
    cells = block_rows * (BLOCK_LEFT + BLOCK_COLUMNS)
    print(
        f"a return beside {BLOCK_COLUMNS * block_rows:,} figures, {cells:,} cells from A1 "
        f"({len(content) // 1024} KB): {elapsed:.1f} s, {shown}"
    )


def _tree_rss_kb() -> int:
    """The resident memory of this process and every process under it (the fork server and its workers)."""
    parents: dict[int, int] = {}
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
                parents[int(pid)] = int(stat.read().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
    tree, grew = {os.getpid()}, True
    while grew:
        more = {pid for pid, parent in parents.items() if parent in tree} - tree
        tree |= more
        grew = bool(more)
    return sum(_rss_kb(pid) for pid in tree)


def five_at_once() -> None:
    """Five of the heaviest files uploaded at the same moment: the memory of the server and its workers, and
    whether the server still answers meanwhile (a template return read in the server itself)."""
    heavy = [
        "an .xlsx of 12 million cells without a reference",
        "an .xlsx of 16 million empty formatted cells without a reference",
        "an .xlsx with one value typed at XFD1048576",
        "a CSV with one line of three million separators",
        "a sheet part not named .xml holding 3 million cells",
    ]
    files = [hostile_file(name) for name in heavy]
    worker.pool().warm()
    peak = {"kb": 0}
    done = threading.Event()

    def watch() -> None:
        while not done.is_set():
            peak["kb"] = max(peak["kb"], _tree_rss_kb())
            time.sleep(0.05)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    start = time.perf_counter()
    threads = [threading.Thread(target=check, args=([file],)) for file in files]
    for thread in threads:
        thread.start()
    time.sleep(0.2)
    answer = time.perf_counter()
    read_returns("lai_chau.xlsx", workbook(a_return("lai_chau", "6")))
    answered = time.perf_counter() - answer
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - start
    done.set()
    watcher.join()
    print(
        f"five uploads at once: {elapsed:.1f} s for all five; the server answered a template return in "
        f"{answered * 1000:.0f} ms meanwhile; the server and its workers peaked at {peak['kb'] / 1024:.0f} MB"
    )


def added_latency() -> None:
    content = workbook(a_return("lai_chau", "6"))
    pool = worker.pool()
    pool.warm()
    in_process, in_worker = [], []
    for _ in range(RUNS):
        start = time.perf_counter()
        read_returns("bc.xlsx", content)
        in_process.append(time.perf_counter() - start)
        start = time.perf_counter()
        worker.read_in_worker("bc.xlsx", content)
        in_worker.append(time.perf_counter() - start)
    a, b = statistics.median(in_process) * 1000, statistics.median(in_worker) * 1000
    print(f"template return read in-process {a:.1f} ms, in a worker {b:.1f} ms: the worker adds {b - a:.1f} ms")


def main() -> None:
    per_file()
    large_sheet()
    large_sheet(OVER_ROWS)
    added_latency()
    five_at_once()


if __name__ == "__main__":
    main()
