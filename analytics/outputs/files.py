"""Every file the app writes goes through here, so that text from users stays text in Excel and in CSV.

XlsxWriter turns a string that begins with "=" into a live formula and one that looks like a URL into a link,
unless told not to: every workbook is opened with both off, so text written as text is stored as a string (no
apostrophe is added; Excel shows it as typed and never evaluates it). A CSV file has no types: a spreadsheet
evaluates a field that begins with =, +, -, @, a tab or a carriage return, so such a *text* field gets a leading
apostrophe (OWASP, "CSV Injection"); numbers, even a margin of -1.2, are written as numbers.
"""

from __future__ import annotations

import io

import pandas as pd
import xlsxwriter

# Never a formula, never a link, whatever the text; NaN and infinity are written as blanks by the callers.
XLSX_OPTIONS = {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False}
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def workbook(buffer: io.BytesIO, **options: object) -> xlsxwriter.Workbook:
    """A new XlsxWriter workbook writing into `buffer`, with text never turned into a formula or a link."""
    return xlsxwriter.Workbook(buffer, XLSX_OPTIONS | options)


def excel_writer(buffer: io.BytesIO) -> pd.ExcelWriter:
    """A pandas ExcelWriter on XlsxWriter with the same options (for `DataFrame.to_excel`)."""
    return pd.ExcelWriter(buffer, engine="xlsxwriter", engine_kwargs={"options": XLSX_OPTIONS})


def neutralised(value: object) -> object:
    """A text that a spreadsheet would evaluate, with a leading apostrophe; anything else as it is."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def csv_text(frame: pd.DataFrame, lineterminator: str = "\n") -> str:
    """The frame as CSV text, its text fields neutralised (the command line prints this, one row a line)."""
    text_columns = [c for c in frame.columns if not pd.api.types.is_numeric_dtype(frame[c])]
    safe = frame.assign(**{c: frame[c].map(neutralised) for c in text_columns})
    safe.columns = [neutralised(str(c)) for c in frame.columns]
    return safe.to_csv(index=False, lineterminator=lineterminator)


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """The frame as a CSV file for Excel: UTF-8 with a BOM (so the accents read right), text fields neutralised,
    rows ended by CRLF as RFC 4180 says, so that a field holding a carriage return is quoted, not split."""
    return csv_text(frame, "\r\n").encode("utf-8-sig")
