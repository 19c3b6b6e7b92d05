"""The upload report of a checked file: where each figure came from, what was derived, the warnings and
what was ignored — as one table, and as .xlsx or CSV bytes to download.

A figure typed as a number shows its own cell. One that was not says how it came about, in `message`, with
the cells it comes from in `cell`: "-" or an empty cell counted as 0 ("ô trống: tính là 0"), an empty row
(its range, "C11:I11"), a derived figure (its operands, "C5+D5"), a quarter added to the stored return.
"""

from __future__ import annotations

import io

import pandas as pd

from analytics.domain import CASE_TYPE_BY_KEY, MEASURE_BY_KEY
from analytics.outputs import files
from analytics.records import COURT_SCOPE, TOTAL_SCOPE
from analytics.upload import Checked

REPORT_COLUMNS = (
    "file",
    "part",
    "kind",
    "scope",
    "measure",
    "value",
    "sheet",
    "cell",
    "severity",
    "rule",
    "message",
    "message_en",
)
KIND_FIGURE, KIND_PROBLEM, KIND_IGNORED, KIND_IDENTITY = "figure", "problem", "ignored", "identity"


def _scope_label(scope: str) -> str:
    if scope in CASE_TYPE_BY_KEY:
        return CASE_TYPE_BY_KEY[scope].label_vi
    return {COURT_SCOPE: "Tòa án", TOTAL_SCOPE: "Dòng tổng cộng"}.get(scope, scope)


def upload_report(checked: list[Checked] | Checked) -> pd.DataFrame:
    """One row per figure read (with its sheet and cell), per identity clue, per problem and per ignored thing."""
    rows: list[dict[str, object]] = []
    for item in checked if isinstance(checked, list) else [checked]:
        base = {"file": item.filename, "part": item.part}
        if item.resolution is not None:
            for clue in item.resolution.clues:
                rows.append(
                    base
                    | {
                        "kind": KIND_IDENTITY,
                        "scope": clue.field,
                        "value": str(clue.value),
                        "sheet": clue.sheet,
                        "cell": clue.cell,
                        "message": f"{clue.source}: {clue.text}",
                        "message_en": clue.source,
                    }
                )
        if item.ret is not None:
            figures = item.ret.figures()
            for scope, measure, value in figures[["scope", "measure", "value"]].itertuples(index=False):
                sheet, cell = item.ret.place(scope, measure)
                source = item.ret.sources.get((scope, measure))
                rows.append(
                    base
                    | {
                        "kind": KIND_FIGURE,
                        "scope": _scope_label(scope),
                        "measure": MEASURE_BY_KEY[measure].label_vi,
                        "value": str(value),
                        "sheet": sheet if source is None or source.cells else "",
                        # The cells a derived or added-up figure comes from ("C5+D5"), not the empty cell it fills.
                        "cell": source.cells if source is not None else cell,
                        "message": source.how_vi if source is not None else "",
                        "message_en": source.how_en if source is not None else "",
                    }
                )
        for problem in item.problems:
            rows.append(
                base
                | {
                    "kind": KIND_PROBLEM,
                    "value": problem.value,
                    "sheet": problem.sheet,
                    "cell": problem.cell,
                    "severity": problem.severity,
                    "rule": problem.rule,
                    "message": problem.message,
                    "message_en": problem.message_en,
                }
            )
        for ignored in item.ignored:
            rows.append(
                base
                | {
                    "kind": KIND_IGNORED,
                    "value": ignored.text,
                    "sheet": ignored.sheet,
                    "cell": ignored.cell,
                    "message": ignored.why_vi,
                    "message_en": ignored.why_en,
                }
            )
    frame = pd.DataFrame(rows, columns=list(REPORT_COLUMNS))
    return frame.astype(object).fillna("").astype(str)


def report_csv(report: pd.DataFrame) -> bytes:
    """The report as CSV in UTF-8 with a BOM, so Excel opens the Vietnamese text correctly."""
    return files.csv_bytes(report)


def report_xlsx(report: pd.DataFrame) -> bytes:
    buffer = io.BytesIO()
    with files.excel_writer(buffer) as writer:
        report.to_excel(writer, sheet_name="Báo cáo tải lên", index=False)
        sheet = writer.sheets["Báo cáo tải lên"]
        sheet.freeze_panes(1, 0)
        sheet.autofilter(0, 0, len(report), len(report.columns) - 1)
        sheet.set_column(0, len(report.columns) - 1, 16)
        sheet.set_column(len(report.columns) - 2, len(report.columns) - 1, 80)
    return buffer.getvalue()
