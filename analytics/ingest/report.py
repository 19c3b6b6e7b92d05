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
    types, measures and what a clue says in `lang` (the messages in both languages, as the problems have them).
    Built as plain rows: a national workbook's report holds 80.000."""
    rows: list[tuple[str, ...]] = []
    for item in checked if isinstance(checked, list) else [checked]:
        file, part = item.filename, item.part
        if item.resolution is not None:
            for clue in item.resolution.clues:
                value = ident.show_value(clue.field, clue.value, lang)
                where = (clue.sheet, clue.cell, "", "", clue.where("vi"), clue.where("en"))
                rows.append((file, part, KIND_IDENTITY, _field_label(clue.field, lang), "", value, *where))
        if item.ret is not None:
            for scope, measure, value in item.ret.figure_records():
                sheet, cell = item.ret.place(scope, measure)
                source = item.ret.sources.get((scope, measure))
                what = (file, part, KIND_FIGURE, _scope_label(scope, lang), MEASURE_BY_KEY[measure].label(lang))
                if source is None:
                    rows.append((*what, str(value), sheet, cell, "", "", "", ""))
                else:  # the cells a derived or added-up figure comes from ("C5+D5"), not the empty cell it fills
                    where = sheet if source.cells else ""
                    rows.append((*what, str(value), where, source.cells, "", "", source.how_vi, source.how_en))
        for p in item.problems:
            rows.append(
                (
                    file,
                    part,
                    KIND_PROBLEM,
                    "",
                    "",
                    p.value,
                    p.sheet,
                    p.cell,
                    p.severity,
                    p.rule,
                    p.message,
                    p.message_en,
                )
            )
        for i in item.ignored:
            rows.append((file, part, KIND_IGNORED, "", "", i.text, i.sheet, i.cell, "", "", i.why_vi, i.why_en))
    return pd.DataFrame(rows, columns=list(REPORT_COLUMNS), dtype=object).fillna("").astype(str)


def presented(report: pd.DataFrame, lang: str = "vi") -> pd.DataFrame:
    """The report as court staff download it: its columns, kinds of rows and severities named in their language,
    the figures read as numbers."""
    return pd.DataFrame(list(_shown_rows(report, lang)), columns=[HEADINGS[key].label(lang) for key in REPORT_COLUMNS])


def _shown_rows(report: pd.DataFrame, lang: str):
    """Each line of the report as it is written out: kinds and severities in words, a figure as a number."""
    kinds = {key: words.label(lang) for key, words in KINDS.items()}
    severities = {key: words.label(lang) for key, words in SEVERITY_LABELS.items()} | {"": ""}
    kind, value, severity = (REPORT_COLUMNS.index(c) for c in ("kind", "value", "severity"))
    for row in zip(*(report[c].tolist() for c in REPORT_COLUMNS), strict=True):
        shown = list(row)
        shown[kind], shown[severity] = kinds[row[kind]], severities[row[severity]]
        if row[kind] == KIND_FIGURE:
            shown[value] = int(row[value])
        yield shown


def report_csv(report: pd.DataFrame, lang: str = "vi") -> bytes:
    """The report as CSV in UTF-8 with a BOM, so Excel opens the Vietnamese text correctly."""
    return files.csv_bytes(presented(report, lang))


def report_xlsx(report: pd.DataFrame, lang: str = "vi") -> bytes:
    """The report as a workbook: one row per figure, clue, problem and thing not used, filtered by its headings.
    Written row by row with XlsxWriter (pandas' writer styles every cell: 27 s for a national workbook's 80.000
    lines, this 6 s)."""
    buffer = io.BytesIO()
    book = files.workbook(buffer)
    sheet = book.add_worksheet(REPORT_SHEET.label(lang))
    sheet.write_row(0, 0, [HEADINGS[key].label(lang) for key in REPORT_COLUMNS], book.add_format({"bold": True}))
    for number, row in enumerate(_shown_rows(report, lang), start=1):
        for column, value in enumerate(row):  # typed writes, empty cells left out: 80.000 rows of twelve cells
            if isinstance(value, int):
                sheet.write_number(number, column, value)
            elif value:
                sheet.write_string(number, column, value)
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, len(report), len(REPORT_COLUMNS) - 1)
    sheet.set_column(0, len(REPORT_COLUMNS) - 1, 16)
    value = REPORT_COLUMNS.index("value")
    sheet.set_column(value, value, 16, book.add_format({"num_format": count_format(lang)}))
    sheet.set_column(len(REPORT_COLUMNS) - 2, len(REPORT_COLUMNS) - 1, 80)
    book.close()
    return buffer.getvalue()
