"""What reading a workbook collects and gives, shared by its readers: the problems and where each figure
came from (`Reading`), a figure from a cell typed by people («1.234», «-», «12,5», an uncalculated
formula), the identity settled from the clues, and the `Return` with its sources.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, field

from xlsxwriter.utility import xl_col_to_name

from analytics import formatting
from analytics.domain import (
    COURT_MEASURE_KEYS,
    MEASURE_BY_KEY,
)
from analytics.ingest import identity as ident
from analytics.records import (
    ERROR,
    WARNING,
    CaseFigures,
    Problem,
    Return,
    Source,
)
from analytics.text import fold

Grid = list[list[object]]

# A dash typed in a figure's cell is the statistician's "none": it counts as 0 (an empty cell does not always).
DASHES = ("-", "–", "—")

DASH_SOURCE = ("ô ghi «-»: tính là 0", "'-' counted as 0")

MISSING_ROW_SOURCE = ("không có dòng loại án này: tính là 0", "no row for this case type: counted as 0")

_DIGITS = re.compile(r"^-?\d+$")

# Vietnamese style: "." or a space groups thousands, "," marks decimals ("1.234", "1 234", "12,5").
_VIETNAMESE_NUMBER = re.compile(r"^-?\d{1,3}([. \u00a0]\d{3})+(,\d+)?$|^-?\d+(,\d+)?$")


@dataclass
class Reading:
    """What one read collects as it goes: the problems, and where each figure came from."""

    file: str
    problems: list[Problem] = field(default_factory=list)
    cells: dict[tuple[str, str], tuple[str, str]] = field(default_factory=dict)
    ignored: list[Ignored] = field(default_factory=list)
    uncached: dict[str, set[str]] = field(default_factory=dict)
    dashes: set[tuple[str, str]] = field(default_factory=set)  # (sheet, cell) of each "-" read as 0
    sources: dict[tuple[str, str], Source] = field(default_factory=dict)  # figures not typed in one cell

    def problem(
        self, rule: str, vi: str, en: str, sheet: str = "", cell: str = "", value: object = "", severity: str = ERROR
    ) -> None:
        self.problems.append(Problem(severity, rule, vi, en, self.file, sheet, cell, show(value)))

    def ignore(self, sheet: str, cell: str, text: str, why_vi: str, why_en: str) -> None:
        self.ignored.append(Ignored(sheet, cell, text, why_vi, why_en))


@dataclass(frozen=True)
class Ignored:
    """Something the file holds that the return does not use, and why: shown in the upload report."""

    sheet: str
    cell: str
    text: str
    why_vi: str
    why_en: str


def show(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return str(value)


def cell_name(row: int, col: int) -> str:
    """Zero-based row and column as Excel's A1 name (a national workbook names a hundred thousand cells)."""
    return f"{_column_name(col)}{row + 1}"


@functools.lru_cache(maxsize=1024)
def _column_name(col: int) -> str:
    return xl_col_to_name(col)


def find_sheet(sheets: dict[str, Grid], wanted: str) -> str | None:
    folded = fold(wanted)
    return next((name for name in sheets if fold(name) == folded), None)


def is_dash(value: object) -> bool:
    return isinstance(value, str) and value.strip() in DASHES


def parse_count(value: object) -> tuple[int | None, str | None]:
    """A figure as a whole number ≥ 0; (None, None) for an empty cell or a dash; (None, rule) when it is not one.

    Whether a dash counts as 0 is the caller's to say: `read_count` makes it 0 for a figure's cell.
    """
    kind = type(value)
    if kind is int or (kind is float and value.is_integer()):  # what nearly every cell holds: decided at once
        return (int(value), None) if value >= 0 else (None, "figure.negative")
    if value is None or (isinstance(value, str) and value.strip() in ("", *DASHES)):
        return None, None
    if isinstance(value, (bool, dt.date, dt.datetime, dt.time, dt.timedelta)):
        return None, "figure.not_number"
    if isinstance(value, str):
        text = value.strip().replace("\u00a0", " ").replace("\u202f", " ")
        if text.endswith("%"):
            return None, "figure.percent"
        if _DIGITS.match(text):
            number: float = int(text)
        elif _VIETNAMESE_NUMBER.match(text):
            number = float(re.sub(r"[. ]", "", text).replace(",", "."))
        else:
            return None, "figure.not_number"
    else:
        number = value
    if number < 0:
        return None, "figure.negative"
    if isinstance(number, float) and not number.is_integer():
        return None, "figure.fractional"
    return int(number), None


FIGURE_MESSAGES = {
    "figure.percent": (
        "Ô {cell} của sheet «{sheet}» ({what}) là một tỷ lệ («{value}»), không phải số vụ việc. "
        "Hãy ghi số vụ việc (số nguyên) vào ô này; tỷ lệ do ứng dụng tự tính.",
        "Cell {cell} of sheet '{sheet}' ({what}) holds a percentage ('{value}'), not a count.",
    ),
    "formula.uncached": (
        "Ô {cell} của sheet «{sheet}» ({what}) là công thức chưa được tính (tệp không được lưu bằng Excel hay "
        "LibreOffice). Hãy mở tệp bằng Excel, bấm Lưu, rồi tải lên lại (tệp .ods: mở bằng LibreOffice Calc, bấm Lưu).",
        "Cell {cell} of sheet '{sheet}' ({what}) is a formula without a calculated value. Open the file in Excel "
        "(or LibreOffice for .ods), save it and upload it again.",
    ),
    "figure.not_number": (
        "Ô {cell} của sheet «{sheet}» ({what}) phải là một số nguyên, nhưng đang là «{value}». Hãy nhập lại bằng số.",
        "Cell {cell} of sheet '{sheet}' ({what}) must be a whole number but holds '{value}'.",
    ),
    "figure.negative": (
        "Ô {cell} của sheet «{sheet}» ({what}) là số âm ({value}). Số vụ việc không thể âm: hãy kiểm tra lại.",
        "Cell {cell} of sheet '{sheet}' ({what}) is negative ({value}); counts cannot be negative.",
    ),
    "figure.implausible": (
        "Ô {cell} của sheet «{sheet}» ({what}) ghi {value}, lớn hơn mức có thể có ({limit}). "
        "Có thể gõ nhầm hoặc thừa chữ số: hãy kiểm tra lại.",
        "Cell {cell} of sheet '{sheet}' ({what}) holds {value}, above the plausible ceiling of {limit}.",
    ),
    "figure.fractional": (
        "Ô {cell} của sheet «{sheet}» ({what}) ghi {value}: không phải số nguyên. Số vụ việc chỉ được nhập bằng số "
        "nguyên: hãy kiểm tra lại.",
        "Cell {cell} of sheet '{sheet}' ({what}) holds {value}, not a whole number; only whole numbers are allowed.",
    ),
}


def read_count(
    reading: Reading, value: object, sheet: str, cell: str, what_vi: str, what_en: str, measure: str
) -> int | None:
    """A figure's cell as a count: a dash is 0 (and remembered, for the upload report), empty is None.

    A count above the measure's plausible ceiling is an error before it becomes an integer column (1E+19
    would not fit in one, and sums of 5E+18 would overflow later)."""
    if is_dash(value):
        reading.dashes.add((sheet, cell))
        return 0
    number, rule = parse_count(value)
    if number is None and rule is None and cell in reading.uncached.get(sheet, ()):
        rule = "formula.uncached"
    ceiling = MEASURE_BY_KEY[measure].ceiling
    if rule is None and number is not None and number > ceiling:
        rule, number = "figure.implausible", None
    if rule is not None:
        vi, en = FIGURE_MESSAGES[rule]
        reading.problem(
            rule,
            vi.format(
                cell=cell, sheet=sheet, what=what_vi, value=formatting.as_typed(value), limit=formatting.number(ceiling)
            ),
            en.format(
                cell=cell,
                sheet=sheet,
                what=what_en,
                value=formatting.as_typed(value, "en"),
                limit=formatting.number(ceiling, 0, "en"),
            ),
            sheet,
            cell,
            formatting.as_typed(value),  # as the cell shows it: "2,5", "20.000.000"
        )
    return number


def cell_text(value: object) -> str:
    return "" if value is None else show(value).strip()


def parse_date(value: object) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = cell_text(value)
    try:
        return dt.datetime.strptime(text, "%d/%m/%Y").date() if text else None
    except ValueError:
        return None


def missing_sheet(reading: Reading, name: str) -> None:
    reading.problem(
        "sheet.missing",
        f"Tệp không có sheet «{name}». Hãy dùng mẫu báo cáo tải từ trang «Tải lên» và giữ nguyên tên các sheet.",
        f"The workbook has no sheet '{name}'. Use the template from the upload page and keep its sheet names.",
        name,
    )


@dataclass
class Read:
    """One return read from a file (a compiled workbook gives several), with how its identity was found."""

    ret: Return | None
    problems: list[Problem]
    resolution: ident.Resolution | None = None
    ignored: list[Ignored] = field(default_factory=list)
    part: str = ""  # for a compiled workbook: which court's block or sheet
    legacy_encoding: str | None = None


def sources_of(reading: Reading) -> dict[tuple[str, str], Source]:
    """Each figure read from a "-" as 0, with its cell, and each added up or counted as 0 without a cell: the
    upload report lists them."""
    if not reading.dashes:
        return dict(reading.sources)
    dashes = {key: Source(where[1], *DASH_SOURCE) for key, where in reading.cells.items() if where in reading.dashes}
    return dashes | reading.sources


def settle_identity(reading: Reading, resolution: ident.Resolution) -> ident.Identity | None:
    """Problems for what the sources disagree on or do not say; the identity when it is settled."""
    for disagreement in resolution.disagreements:
        blocking = resolution.identity is None
        vi, en = disagreement.message(blocking)
        reading.problem("identity.disagreement", vi, en, severity=ERROR if blocking else WARNING)
    for name in resolution.missing:
        label_vi, label_en = ident.FIELD_LABELS[name]
        reading.problem(
            "identity.missing",
            f"Không xác định được {label_vi} của báo cáo (tệp và tên tệp đều không ghi). "
            f"Hãy chọn {label_vi} trên trang tải lên, hoặc ghi vào tiêu đề bảng (ví dụ «TÒA ÁN NHÂN DÂN TỈNH LAI CHÂU – "
            "BÁO CÁO THỐNG KÊ 6 THÁNG NĂM 2023»).",
            f"The {label_en} of the return is not stated; choose it on the upload page.",
        )
    return resolution.identity  # a court outside the year's cluster: validate's court_in_cluster rule says so


def returned(
    identity: ident.Identity,
    reading: Reading,
    cases: CaseFigures,
    totals: dict[str, int],
    figures: dict[str, int | None],
    **meta: object,
) -> Return:
    """The return a read gives, however it was laid out: its identity, case table, totals row, court figures (the
    ones not found are None), where each figure came from and how (`sources_of`), and what the template adds
    (prepared by and on, notes, sample data)."""
    return Return(
        court=identity.court,
        year=identity.year,
        period=identity.period,
        cases=cases,
        totals=totals,
        court_figures=dict.fromkeys(COURT_MEASURE_KEYS) | figures,
        cells=reading.cells,
        sources=sources_of(reading),
        **meta,
    )
