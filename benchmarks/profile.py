"""`make bench`: where the national workbook's check spends its time, as a call tree (pyinstrument: a frame's share
includes its callees'), beside the parser's bare read of the same bytes.

The check runs as the upload's `check` does, except that the reader runs in this process so that it can be
sampled: what the reading worker adds is stood in for by the returns pickled and unpickled (`crossed`: what crosses
from the worker), a frame of the tree of its own. Frames under 2 % of the total are folded into their caller. The same tree is written as an
interactive page to build/profile.html (`--html PATH` for another place).

Run with `make bench` or `python -m benchmarks.profile` from the repository's root."""

from __future__ import annotations

import argparse
import io
import pickle
import tempfile
import time
from pathlib import Path

import python_calamine
from pyinstrument import Profiler

from analytics import upload
from analytics.ingest.reader import read_returns
from analytics.ingest.safety import DEFAULT_LIMITS
from benchmarks.imports import national_workbook, use_national_registry

THRESHOLD = 0.02  # frames under this share of the total are folded into their caller


def parser_only(content: bytes) -> None:
    book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(content))
    for name in book.sheet_names:
        book.get_sheet_by_name(name).to_python()


def crossed(reads: list) -> list:
    """The reads as the server gets them from the worker: pickled and unpickled."""
    return pickle.loads(pickle.dumps(reads, protocol=pickle.HIGHEST_PROTOCOL))


def in_process(name: str, content: bytes, choice=None, limits=DEFAULT_LIMITS) -> list:
    return crossed(read_returns(name, content, choice, limits))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--html", type=Path, default=Path("build/profile.html"))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        use_national_registry(Path(folder))
        content = national_workbook()
        upload.read_in_worker = in_process  # sampled here; the worker's own cost is `crossed`, in the same tree
        upload.check([("toan_quoc.xlsx", content)])  # warm: the registry, the layouts' caches, imports
        start = time.perf_counter()
        parser_only(content)
        parser_time = time.perf_counter() - start
        profiler = Profiler(interval=0.0005)
        profiler.start()
        upload.check([("toan_quoc.xlsx", content)])
        profiler.stop()
    total = profiler.last_session.duration if profiler.last_session else 0.0
    print(
        f"national workbook check, reader in this process and its answer pickled across: {total * 1000:.0f} ms "
        f"(profiled: the profiler's hook slows every call, so read the shares, not the times); the parser's bare read "
        f"of the same bytes {parser_time * 1000:.0f} ms"
    )
    options = {"filter_threshold": THRESHOLD}
    print(profiler.output_text(unicode=True, time="percent_of_total", processor_options=options))
    args.html.parent.mkdir(parents=True, exist_ok=True)
    args.html.write_text(profiler.output_html(), encoding="utf-8")
    print(f"the same tree, to unfold: {args.html}")


if __name__ == "__main__":
    main()
