"""Every file the app writes goes through here, so that text from users stays text in Excel and in CSV.

XlsxWriter turns a string that begins with "=" into a live formula and one that looks like a URL into a link,
unless told not to: every workbook is opened with both off, so text written as text is stored as a string (no
apostrophe is added; Excel shows it as typed and never evaluates it). A CSV file has no types: a spreadsheet
evaluates a field that begins with =, +, -, @, a tab or a carriage return, so such a *text* field gets a leading
apostrophe (OWASP, "CSV Injection"); numbers, even a margin of -1.2, are written as numbers.
"""

from __future__ import annotations

import io
import re

import pandas as pd
import xlsxwriter
from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

# Never a formula, never a link, whatever the text; NaN and infinity are written as blanks by the callers. Never
# constant_memory either: in that mode XlsxWriter writes a text shaped like its rich text («<r>…</r>») raw into the sheet.
XLSX_OPTIONS = {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False}
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


class _TextSheet(Worksheet):
    """A worksheet on which every text stays the text it is. XlsxWriter keeps its rich strings as their XML, «<r>…</r>»,
    in the table of shared strings, and copies any string of that shape into the file as XML: a comment or a file name
    typed «<r>x</r>» made a workbook no reader opens, and a crafted one could change what other cells show. Such a text
    is written as a rich string of plain fragments instead, which XlsxWriter escapes: it reads back exactly as typed."""

    def _write_string(self, row: int, col: int, string: str, cell_format: Format | None = None) -> int:
        if string.startswith("<r>") and string.endswith("</r>"):
            formatted = () if cell_format is None else (cell_format,)
            return self._write_rich_string(row, col, "<", "r", string[2:], *formatted)  # three fragments, its minimum
        return super()._write_string(row, col, string, cell_format)


def workbook(buffer: io.BytesIO, **options: object) -> xlsxwriter.Workbook:
    """A new XlsxWriter workbook writing into `buffer`, with text never turned into a formula, a link or XML."""
    book = xlsxwriter.Workbook(buffer, XLSX_OPTIONS | options)
    book.worksheet_class = _TextSheet
    return book


def neutralised(value: object) -> object:
    """A text that a spreadsheet would evaluate, with a leading apostrophe; anything else as it is."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def csv_text(frame: pd.DataFrame, lineterminator: str = "\n") -> str:
    """The frame as CSV text, its text fields neutralised (the command line prints this, one row a line)."""
    text_columns = [c for c in frame.columns if not pd.api.types.is_numeric_dtype(frame[c])]
    safe = frame.assign(**{c: _neutralised_column(frame[c]) for c in text_columns})
    safe.columns = [neutralised(str(c)) for c in frame.columns]
    return safe.to_csv(index=False, lineterminator=lineterminator)


def _neutralised_column(column: pd.Series) -> pd.Series:
    """`neutralised` over a column at once (a check report of a national workbook has a million fields): the text
    fields that begin with a trigger, with their apostrophe; numbers and every other field as they are."""
    text = column.notna() if isinstance(column.dtype, pd.StringDtype) else column.map(lambda v: isinstance(v, str))
    written = column.astype(str)
    triggered = text & written.str.startswith(FORMULA_TRIGGERS)
    return column.mask(triggered, "'" + written) if triggered.any() else column


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """The frame as a CSV file for Excel: UTF-8 with a BOM (so the accents read right), text fields neutralised,
    rows ended by CRLF as RFC 4180 says, so that a field holding a carriage return is quoted, not split."""
    return csv_text(frame, "\r\n").encode("utf-8-sig")


# A number as Vietnamese or English readers write it ("-1,5", "1.234", "98,6 %"): a spreadsheet reads it as a number,
# never as a formula, so it keeps its sign even though it begins with "-".
NUMBER_TEXT = re.compile(r"-?\d{1,3}(?:[.,]\d{3})*(?:[.,]\d+)?(?: ?%)?|-?\d+(?:[.,]\d+)?(?: ?%)?")
EXCEL_SEPARATORS = {"vi": ";", "en": ","}  # the list separator of Excel's regional settings for the language


def neutralised_shown(value: object) -> object:
    """Like `neutralised`, but a number written as text ("-1,5") stays as it is."""
    if isinstance(value, str) and NUMBER_TEXT.fullmatch(value):
        return value
    return neutralised(value)


def csv_excel_bytes(frame: pd.DataFrame, lang: str = "vi") -> bytes:
    """Every field as text the way Excel with that language's regional settings reads a CSV file: for Vietnamese ";"
    between fields (its list separator) and decimal commas already in the text; UTF-8 with a BOM, CRLF rows; text
    that a spreadsheet would evaluate gets an apostrophe, numbers keep their sign."""
    safe = frame.astype("object").map(neutralised_shown)
    safe.columns = [neutralised(str(c)) for c in frame.columns]
    return safe.to_csv(index=False, sep=EXCEL_SEPARATORS[lang], lineterminator="\r\n").encode("utf-8-sig")
