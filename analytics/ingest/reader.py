"""Reads a return workbook (python-calamine) into `Return`s, noting every unreadable cell as a problem: the app's
template (template_reader.py) or a layout of people's own (free_reader.py), one return or one per court.

Sheets, fields, columns and rows are found by their labels (folded: any case, with or without accents), so a
workbook whose rows or sheets were moved still reads. Every figure remembers the cell it came from, for messages
and for the upload report.
"""

from __future__ import annotations

from analytics.ingest import identity as ident
from analytics.ingest.free_reader import read_free
from analytics.ingest.layout import (
    SHEET_ACTIVITY,
    SHEET_CASES,
    SHEET_META,
)
from analytics.ingest.locate import find_tables
from analytics.ingest.reading import Read, Reading, missing_sheet
from analytics.ingest.safety import DEFAULT_LIMITS, Limits
from analytics.ingest.template_reader import read_template, template_sheets
from analytics.ingest.workbook import Book, open_book
from analytics.records import (
    INFO,
    Problem,
    Return,
)

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")


def read_returns(
    filename: str, data: bytes, choice: ident.Choice | None = None, limits: Limits = DEFAULT_LIMITS
) -> list[Read]:
    """Every return a file holds: one for a court's return, one per court for a compiled cluster workbook."""
    book, problems = open_book(filename, data, limits)
    if book is None:
        return [Read(None, problems)]
    reading = Reading(filename, problems=list(book.notes), uncached=book.uncached)
    if book.legacy_encoding:
        name = {"tcvn3": "TCVN3 (ABC, phông .Vn…)", "vni": "VNI (phông VNI-…)"}[book.legacy_encoding]
        reading.problem(
            "file.legacy_font",
            f"Chữ trong tệp được gõ bằng bảng mã cũ {name}; ứng dụng đã chuyển sang Unicode để đọc. "
            "Hãy kiểm tra tên các dòng, cột trong bảng xem trước.",
            f"The text was typed in the old {book.legacy_encoding.upper()} encoding and was converted to Unicode.",
            severity=INFO,
        )
    if all(not any(v not in (None, "") for row in grid for v in row) for grid in book.sheets.values()):
        reading.problem(
            "file.no_data",
            "Tệp Excel không có dữ liệu (tất cả các sheet đều trống). Hãy điền mẫu báo cáo rồi tải lên lại.",
            "The workbook holds no data: every sheet is empty.",
        )
        return [Read(None, reading.problems)]
    names = template_sheets(book.sheets)
    if names[SHEET_META] is not None and names[SHEET_CASES] is not None:
        if names[SHEET_ACTIVITY] is None:
            missing_sheet(reading, SHEET_ACTIVITY)
            return [Read(None, reading.problems)]
        return [read_template(reading, book, names, choice)]
    if sum(name is not None for name in names.values()) >= 2 or (names[SHEET_META] and not _any_table(book)):
        for wanted, name in names.items():
            if name is None:
                missing_sheet(reading, wanted)
        return [Read(None, reading.problems)]
    return read_free(reading, book, choice)


def _any_table(book: Book) -> bool:
    return any(find_tables(name, grid) for name, grid in book.sheets.items())


def read_return(filename: str, data: bytes) -> tuple[Return | None, list[Problem]]:
    """The return a workbook holds, and what was wrong with it; no return when a figure is unreadable.

    A compiled workbook of several courts gives its first return here; `read_returns` gives them all.
    """
    first = read_returns(filename, data)[0]
    return first.ret, first.problems
