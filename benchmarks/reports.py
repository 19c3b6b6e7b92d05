"""The files that leave the app, timed: the comparison workbook, both CSV flavours and the quarterly PDF report of the
seven courts (2023, 12 months, sample data), each from a Bundle already gathered (what a click on the page or the
command line costs after reading the store), and the PDF in a fresh process as `python -m analytics export --format
pdf` runs it (Python's start, the imports of typst and matplotlib, reading the store). Then a chart's files (the
compare page's bars): HTML, and PNG and SVG in the Chromium the server keeps open (the first image starts it), beside
an image drawn in a Chromium started for it alone (what every image cost before it was kept). Printed, never asserted.

`python -m benchmarks.reports --pages docs/screenshots` also draws two pages of the report as PNG images for the
README (pypdfium2: no apt tool needed).
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from analytics.compute.comparison import compare
from analytics.outputs import chart_files, export
from analytics.outputs.bundle import Bundle, bundle
from analytics.outputs.charts import bar_chart
from analytics.store import bootstrap
from analytics.store.storage import Store

ROOT = Path(__file__).resolve().parents[1]
RUNS = 3
README_PAGES = {3: "report_scorecard.png", 6: "report_court.png"}  # pages from 1: the scorecard, Lai Châu


def sample_store(folder: Path) -> Store:
    store = Store(f"sqlite:///{folder / 'reports.sqlite'}")
    bootstrap.prepare(store, sample_dir=bootstrap.SAMPLE_DIR)
    return store


def gathered(store: Store, year: int = 2023, period: str = "12") -> Bundle:
    comparison = compare(store.figures(), store.targets(year), store.returns(), year, period)
    return bundle(
        comparison,
        targets=store.targets(year),
        figures=store.figures(year=year),
        returns=store.returns(year=year),
        comments=store.comments(year=year),
        stored_weights=store.ranking_weights(year),
        generated_by="benchmark",
        generated_at=dt.datetime.now(dt.UTC),
    )


def timed(make, runs: int = RUNS) -> tuple[float, float, bytes]:
    """(first, median of the later runs, the file): the first run pays the imports and the font cache."""
    times, content = [], b""
    for _ in range(runs + 1):
        start = time.perf_counter()
        content = make()
        times.append(time.perf_counter() - start)
    return times[0], statistics.median(times[1:]), content


def chart_file_times(chosen: Bundle) -> None:
    """A chart's files: HTML; PNG and SVG in the kept Chromium (first: it starts), and in one started per image."""
    indicator = "resolution_rate.all"
    figure = bar_chart(chosen.comparison.indicator(indicator), indicator, "vi", "So sánh")
    first, median, content = timed(lambda: chart_files.chart_file(figure, chart_files.HTML))
    print(f"{'chart (bars): HTML':<40}{first * 1000:>8.0f} ms{median * 1000:>8.0f} ms{len(content) / 1024:>9.0f} KB")
    if chart_files.chart_formats_available()[chart_files.PNG] is not None:
        print("chart PNG and SVG: skipped (no Chromium or no kaleido here)")
        return
    for kind in (chart_files.PNG, chart_files.SVG):
        first, median, content = timed(lambda k=kind: chart_files.chart_file(figure, k))
        label = f"chart (bars): {kind.upper()}, kept Chromium"
        print(f"{label:<40}{first * 1000:>8.0f} ms{median * 1000:>8.0f} ms{len(content) / 1024:>9.0f} KB")

    def started_for_it() -> bytes:
        browser = chart_files.ChartBrowser()
        try:
            return browser.draw(figure, chart_files.PNG)
        finally:
            browser.close()

    first, median, _ = timed(started_for_it, 2)
    print(f"{'chart (bars): PNG, Chromium started for it':<40}{first * 1000:>8.0f} ms{median * 1000:>8.0f} ms")


def command_line(url: str, out: Path) -> float:
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "analytics", "export", "--year", "2023", "--period", "12", "--format", "pdf"]
        + ["--out", str(out), "--db", url],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - start


def pages(content: bytes, folder: Path) -> list[Path]:
    import pypdfium2

    document = pypdfium2.PdfDocument(content)
    written = []
    try:
        for number, name in README_PAGES.items():
            image = document[number - 1].render(scale=1.6).to_pil()
            path = folder / name
            image.save(path, optimize=True)
            written.append(path)
    finally:
        document.close()
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=Path, help="write two pages of the report as PNG into this folder")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        store = sample_store(Path(folder))
        chosen = gathered(store)
        print(f"{'file (7 courts, 2023, 12 months)':<40}{'first':>10}{'median':>10}{'size':>12}")
        made = {}
        for kind in ("xlsx", "csv", "csv-excel", "pdf"):
            first, median, made[kind] = timed(lambda k=kind: export.export_file(chosen, k))
            size = len(made[kind]) / 1024
            print(f"{export.file_name(chosen, kind):<40}{first * 1000:>8.0f} ms{median * 1000:>8.0f} ms{size:>9.0f} KB")
        fresh = [command_line(store.url, Path(folder) / "bao_cao.pdf") for _ in range(RUNS)]
        print(
            f"{'python -m analytics export --format pdf':<40}{'':>10}{statistics.median(fresh) * 1000:>8.0f} ms  (fresh process)"
        )
        chart_file_times(chosen)
        if args.pages:
            args.pages.mkdir(parents=True, exist_ok=True)
            for path in pages(made["pdf"], args.pages):
                print(f"wrote {path}")
        store.dispose()


if __name__ == "__main__":
    main()
