"""The upload report of a checked file: where each figure came from, what was derived, the warnings and
what was ignored — as one table, and as .xlsx or CSV bytes to download.

A figure typed as a number shows its own cell. One that was not says how it came about, in `message`, with
the cells it comes from in `cell`: "-" or an empty cell counted as 0 ("ô trống: tính là 0"), an empty row
(its range, "C11:I11"), a derived figure (its operands, "C5+D5"), a quarter added to the stored return.
"""

from __future__ import annotations

import io

import pandas as pd

from analytics.compute.tables import SEVERITY_LABELS
from analytics.domain import CASE_TYPE_BY_KEY, MEASURE_BY_KEY
from analytics.ingest import identity as ident
from analytics.outputs import files
from analytics.outputs.export import count_format
from analytics.records import COURT_SCOPE, TOTAL_SCOPE
from analytics.text import Words
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

# What the downloaded report calls its columns and kinds of rows: court staff read it, in their language.
HEADINGS = {
    "file": Words("Tệp", "File"),
    "part": Words("Phần (Tòa án)", "Part (court)"),
    "kind": Words("Loại dòng", "Kind"),
    "scope": Words("Loại án / phạm vi", "Case type / scope"),
    "measure": Words("Chỉ tiêu", "Measure"),
    "value": Words("Giá trị", "Value"),
    "sheet": Words("Sheet", "Sheet"),
    "cell": Words("Ô", "Cell"),
    "severity": Words("Mức độ", "Severity"),
    "rule": Words("Mã quy tắc", "Rule"),
    "message": Words("Nội dung", "Message (Vietnamese)"),
    "message_en": Words("Nội dung (tiếng Anh)", "Message"),
}
KINDS = {
    KIND_IDENTITY: Words("Nhận diện báo cáo", "Identity of the return"),
    KIND_FIGURE: Words("Số liệu đã đọc", "Figure read"),
    KIND_PROBLEM: Words("Lỗi, cảnh báo", "Problem"),
    KIND_IGNORED: Words("Không dùng", "Not used"),
}
REPORT_SHEET = Words("Báo cáo kiểm tra", "Check report")


_SCOPES = {COURT_SCOPE: Words("Tòa án", "Court"), TOTAL_SCOPE: Words("Dòng tổng cộng", "Totals row")}


def _scope_label(scope: str, lang: str) -> str:
    if scope in CASE_TYPE_BY_KEY:
        return CASE_TYPE_BY_KEY[scope].label(lang)
    return _SCOPES[scope].label(lang) if scope in _SCOPES else scope


def _field_label(field: str, lang: str) -> str:
    """«Năm thống kê», "Period": what a clue states, as a column's value begins."""
    label = ident.FIELD_LABELS[field][lang == "en"]
    return label[:1].upper() + label[1:]


def upload_report(checked: list[Checked] | Checked, lang: str = "vi") -> pd.DataFrame:
    """One row per figure read (with its sheet and cell), per identity clue, per problem and per ignored thing; case
    types, measures and what a clue says in `lang` (the messages in both languages, as the problems have them)."""
    rows: list[dict[str, object]] = []
    for item in checked if isinstance(checked, list) else [checked]:
        base = {"file": item.filename, "part": item.part}
        if item.resolution is not None:
            for clue in item.resolution.clues:
                rows.append(
                    base
                    | {
                        "kind": KIND_IDENTITY,
                        "scope": _field_label(clue.field, lang),
                        "value": ident.show_value(clue.field, clue.value, lang),
                        "sheet": clue.sheet,
                        "cell": clue.cell,
                        "message": clue.where("vi"),
                        "message_en": clue.where("en"),
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
                        "scope": _scope_label(scope, lang),
                        "measure": MEASURE_BY_KEY[measure].label(lang),
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


def presented(report: pd.DataFrame, lang: str = "vi") -> pd.DataFrame:
    """The report as court staff download it: its columns, kinds of rows and severities named in their language,
    the figures read as numbers."""
    figure = report["kind"] == KIND_FIGURE
    shown = report.assign(
        kind=report["kind"].map(lambda k: KINDS[k].label(lang)),
        severity=report["severity"].map(lambda s: SEVERITY_LABELS[s].label(lang) if s else ""),
        value=[int(v) if is_figure else v for v, is_figure in zip(report["value"], figure, strict=True)],
    )
    return shown.rename(columns={key: HEADINGS[key].label(lang) for key in REPORT_COLUMNS})


def report_csv(report: pd.DataFrame, lang: str = "vi") -> bytes:
    """The report as CSV in UTF-8 with a BOM, so Excel opens the Vietnamese text correctly."""
    return files.csv_bytes(presented(report, lang))


def report_xlsx(report: pd.DataFrame, lang: str = "vi") -> bytes:
    """The report as a workbook: one row per figure, clue, problem and thing not used, filtered by its headings."""
    buffer = io.BytesIO()
    name = REPORT_SHEET.label(lang)
    with files.excel_writer(buffer) as writer:
        presented(report, lang).to_excel(writer, sheet_name=name, index=False)
        sheet = writer.sheets[name]
        sheet.freeze_panes(1, 0)
        sheet.autofilter(0, 0, len(report), len(report.columns) - 1)
        sheet.set_column(0, len(report.columns) - 1, 16)
        value = REPORT_COLUMNS.index("value")
        sheet.set_column(value, value, 16, writer.book.add_format({"num_format": count_format(lang)}))
        sheet.set_column(len(report.columns) - 2, len(report.columns) - 1, 80)
    return buffer.getvalue()
