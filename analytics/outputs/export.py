"""The comparison as files for the conference and the vote: a formatted workbook as the screen shows it, and CSV in
two flavours (for tools, and for Excel set to Vietnamese).

The workbook (XlsxWriter, through files.py: text is never a formula; a text that begins like one, "= 0" or a comment
"+1+1", carries Excel's quote prefix, so that it stays a text when a reader edits its cell) has a summary sheet as on screen (value with
✓ / ✗ in the app's status colours, rank, targets met, comments, the cluster row with its coverage), one sheet of raw
counts per case group, the targets with their sources, the long data, and the provenance (returns and versions used,
who made the file and when, the filters, the period's comments). Every number is a number underneath; what a cell
shows comes from its number format. Counts are grouped with literal separators (`1.234` in the Vietnamese file
whatever the reader's regional settings); Excel has no way to fix a decimal mark in a format, so rates and ratios
show the decimal mark of the reader's settings (`98,6 %` under Vietnamese settings).
"""

from __future__ import annotations

import io
import math

import pandas as pd

from analytics import formatting
from analytics.compute.comparison import STATUS_MARKS, Comparison, scope_of, short_label
from analytics.compute.indicators import CLUSTER, INDICATOR_BY_KEY, PRO_RATA, PROGRESS, STATE
from analytics.compute.projection import PROJECTION_LABELS
from analytics.compute.targets import ANNUAL, FLOOR_LAYER, LAYERS, STATUS_LABELS, TARGET_LAYER
from analytics.domain import CASE_TYPE_BY_KEY, GROUPS, MEASURE_BY_KEY, PERIOD_BY_KEY, cluster_courts
from analytics.frames import LongOutput, columns
from analytics.outputs import files
from analytics.outputs.bundle import SAMPLE_WARNING, Bundle
from analytics.outputs.palette import HEADER_FILL, STATUS_STYLES, TEXT_COLOUR
from analytics.text import Words

XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FONT = "Times New Roman"  # the courts' own documents are set in it
COUNT_COLUMNS = (
    "carried_over",
    "new",
    "accepted",
    "resolved",
    "pending",
    "overdue",
    "suspended",
    "quashed_subjective",
    "amended_subjective",
)
GROUP_SHEETS = {  # one sheet of raw counts per case group (≤ 31 characters, none of []:*?/\)
    "criminal": Words("SL Hình sự", "Counts criminal"),
    "civil_group": Words("SL Nhóm dân sự", "Counts civil group"),
    "administrative": Words("SL Hành chính", "Counts administrative"),
    "admin_measures": Words("SL Biện pháp XLHC", "Counts admin measures"),
    None: Words("SL Phá sản", "Counts bankruptcy"),  # no target group is known for bankruptcy
}
COMPARATOR_WORDS = {
    ">=": Words("từ … trở lên (≥)", "at least (≥)"),
    ">": Words("trên (>)", "above (>)"),
    "<=": Words("không quá (≤)", "at most (≤)"),
    "<": Words("dưới (<)", "below (<)"),
    "=": Words("bằng", "equal to"),
}
CONFIDENCE_WORDS = {
    "high": Words("cao", "high"),
    "medium": Words("trung bình", "medium"),
    "low": Words("thấp", "low"),
    "assumed": Words("giả định", "assumed"),
}
BASIS_WORDS = {
    ANNUAL: Words("cả năm", "full year"),
    PROGRESS: Words("tiến độ (chưa đánh giá)", "progress (not judged)"),
    PRO_RATA: Words("theo tiến độ thời gian", "pro rata"),
    STATE: Words("tại cuối kỳ", "at the period's end"),
}

TEXT = {
    "vi": {
        "summary": "Tổng hợp",
        "targets": "Chỉ tiêu",
        "long": "Dữ liệu",
        "provenance": "Nguồn số liệu",
        "court": "Tòa án",
        "rank": "Hạng (tham khảo)",
        "met": "Số chỉ tiêu đạt",
        "notes": "Ghi chú (số)",
        "case_type": "Loại án",
        "group_total": "Cộng nhóm",
        "rate": "Tỷ lệ giải quyết",
        "indicator": "Chỉ tiêu",
        "layer": "Lớp chỉ tiêu",
        "comparator": "So sánh",
        "level": "Mức",
        "source": "Nguồn",
        "confidence": "Độ tin cậy",
        "key": "Mã chỉ tiêu",
        "scope": "Phạm vi",
        "court_key": "Mã Tòa án",
        "value": "Giá trị",
        "numerator": "Tử số",
        "denominator": "Mẫu số",
        "target": "Chỉ tiêu TANDTC",
        "floor": "Mức sàn Quốc hội",
        "status": "Kết quả",
        "margin": "Chênh lệch so với chỉ tiêu",
        "margin_points": "Chênh lệch so với chỉ tiêu (tỷ lệ: điểm %)",
        "basis": "Cách đánh giá",
        "last_year": "Cùng kỳ năm trước",
        "projected": "Dự báo cuối năm",
        "projected_range": "Khoảng dự báo",
        "projected_status": "Dự báo",
        "filters": "Bộ lọc",
        "as_of": "Số liệu đến ngày",
        "last_stored": "Báo cáo mới nhất được lưu lúc",
        "made_at": "Lập lúc",
        "made_by": "Người lập tệp",
        "sample": "Dữ liệu mẫu",
        "coverage": "Toàn Cụm gồm",
        "missing": "chưa có báo cáo",
        "returns_used": "Các báo cáo đã dùng (phiên bản mới nhất của mỗi Tòa án)",
        "period": "Kỳ",
        "version": "Phiên bản",
        "stored_at": "Lưu lúc",
        "stored_by": "Người tải lên",
        "prepared_by": "Người lập báo cáo",
        "file": "Tệp",
        "comments": "Ghi chú của kỳ",
        "written_at": "Lúc",
        "author": "Người viết",
        "text": "Nội dung",
        "no_comments": "Không có ghi chú nào cho kỳ này.",
        "no_counts": "Chưa có số liệu của nhóm án này.",
        "yes": "có",
        "no": "không",
        "legend": "✓ đạt · ✗ không đạt · ↗ đúng tiến độ · ↘ chậm tiến độ · ⋯ đang thực hiện (chưa đánh giá đạt / không "
        "đạt trước khi hết năm) · «không áp dụng»: mẫu số bằng 0.",
        "partial": "Kỳ chưa hết năm công tác: tỷ lệ giải quyết chưa được đánh giá đạt / không đạt (tiến độ); số phiên "
        "tòa so với chỉ tiêu tính theo tỷ lệ thời gian; án quá hạn, hủy sửa, công bố, thi hành án tính tại cuối kỳ.",
        "rounding": "Tỷ lệ làm tròn nửa lên đến một chữ số thập phân (số công bố chính thức thường cắt bớt).",
        "ranking": "Hạng chỉ để tham khảo: kết quả thi đua chính thức do Cụm bình xét, bỏ phiếu.",
        "rank_basis_partial": "Kỳ chưa hết năm: hạng tính trên giá trị dự báo cuối năm.",
        "no_rank": "Chưa xếp hạng: kỳ chưa hết năm và chưa có năm trước nào được lưu để dự báo cuối năm.",
        "counts_note": "Số liệu gốc theo báo cáo của các Tòa án (phiên bản mới nhất); tỷ lệ giải quyết = đã giải quyết "
        "/ tổng số thụ lý. Dòng Toàn Cụm cộng tất cả các Tòa án có báo cáo, kể cả Tòa án không hiển thị.",
        "page": "Trang",
        "marks_not_colour": "Màu theo kết quả như trên màn hình; dấu ✓ / ✗ ghi kèm để không chỉ dựa vào màu.",
    },
    "en": {
        "summary": "Summary",
        "targets": "Targets",
        "long": "Data",
        "provenance": "Provenance",
        "court": "Court",
        "rank": "Rank (indicative)",
        "met": "Targets met",
        "notes": "Comments (count)",
        "case_type": "Case type",
        "group_total": "Group total",
        "rate": "Resolution rate",
        "indicator": "Indicator",
        "layer": "Layer",
        "comparator": "Comparator",
        "level": "Level",
        "source": "Source",
        "confidence": "Confidence",
        "key": "Indicator key",
        "scope": "Scope",
        "court_key": "Court key",
        "value": "Value",
        "numerator": "Numerator",
        "denominator": "Denominator",
        "target": "TANDTC target",
        "floor": "National Assembly floor",
        "status": "Result",
        "margin": "Margin to target",
        "margin_points": "Margin to target (rates: points)",
        "basis": "Basis",
        "last_year": "Same period last year",
        "projected": "Projected year-end",
        "projected_range": "Projection range",
        "projected_status": "Projection",
        "filters": "Filters",
        "as_of": "Figures up to",
        "last_stored": "Newest return stored at",
        "made_at": "Made at",
        "made_by": "Made by",
        "sample": "Sample data",
        "coverage": "The cluster total covers",
        "missing": "no return yet",
        "returns_used": "Returns used (the newest version of each court's)",
        "period": "Period",
        "version": "Version",
        "stored_at": "Stored at",
        "stored_by": "Uploaded by",
        "prepared_by": "Prepared by",
        "file": "File",
        "comments": "Comments of the period",
        "written_at": "At",
        "author": "Author",
        "text": "Text",
        "no_comments": "No comment for this period.",
        "no_counts": "No figures of this case group yet.",
        "yes": "yes",
        "no": "no",
        "legend": "✓ met · ✗ not met · ↗ on pace · ↘ behind pace · ⋯ in progress (not judged before the year ends) · "
        "'not applicable': the denominator is 0.",
        "partial": "Partial work year: resolution rates are not judged yet (progress); hearings are compared with the "
        "target pro rata; overdue cases, overturns, publication and enforcement as at the period's end.",
        "rounding": "Rates are rounded half up to one decimal (official figures are often truncated).",
        "ranking": "The rank is indicative: the official emulation result is the cluster's vote.",
        "rank_basis_partial": "Partial year: ranked on projected year-end values.",
        "no_rank": "No rank: a partial year, and no earlier year is stored to project its year-end from.",
        "counts_note": "Raw counts from the courts' returns (newest versions); resolution rate = resolved / accepted. "
        "The cluster rows add every court with a return, shown or not.",
        "page": "Page",
        "marks_not_colour": "Colours by result as on screen; ✓ / ✗ are written too, so colour is never alone.",
    },
}


# --- number formats ----------------------------------------------------------------------------------------------


def _quoted(text: str) -> str:
    return f'"{text}"' if text else ""


def count_format(lang: str, prefix: str = "", suffix: str = "") -> str:
    """Whole numbers grouped by thousands with a literal separator: 1.234 (vi) or 1,234 (en) whatever the reader's
    regional settings (a `#,##0` format would follow them)."""
    sep = formatting.THOUSANDS[lang]
    p, s = _quoted(prefix), _quoted(suffix)
    return f'[>=1000000]{p}#"{sep}"###"{sep}"##0{s};[>=1000]{p}#"{sep}"##0{s};{p}0{s}'


def decimal_format(decimals: int, prefix: str = "", suffix: str = "") -> str:
    return f"{_quoted(prefix)}0{'.' + '0' * decimals if decimals else ''}{_quoted(suffix)}"


def percent_format(decimals: int = 1, prefix: str = "") -> str:
    return f"{_quoted(prefix)}0{'.' + '0' * decimals if decimals else ''} %"


DAYS = {"vi": " ngày", "en": " days"}
POINTS = Words(" điểm %", " pp")  # a margin of rates, in percentage points


def value_format(unit: str, lang: str, decimals: int | None = None, prefix: str = "") -> str:
    """The number format of an indicator's value in its unit, with a status mark before it ("✓ ")."""
    places = formatting.DECIMALS.get(unit, 0) if decimals is None else decimals
    if unit == "rate":
        return percent_format(places, prefix)
    if unit == "count":
        return count_format(lang, prefix)
    if unit == "days":
        return count_format(lang, prefix, DAYS[lang]) if places == 0 else decimal_format(places, prefix, DAYS[lang])
    return decimal_format(places, prefix)


def margin_format(unit: str, lang: str) -> str:
    """A signed margin: rates in percentage points, counts and ratios in their unit."""
    if unit == "rate":
        points = POINTS.label(lang)
        # The value is a fraction: scaled by 100 without a percent sign, which Excel cannot do; so the
        # margin column of rates is written in points (× 100) and formatted as a plain signed decimal.
        return f'+0.0"{points}";−0.0"{points}";0.0"{points}"'
    places = formatting.DECIMALS.get(unit, 0)
    body = "0" + ("." + "0" * places if places else "")
    return f"+{body};−{body};{body}"


# --- the workbook ------------------------------------------------------------------------------------------------


class _Formats:
    """XlsxWriter formats made once per distinct look."""

    BASE = {"font_name": FONT, "font_size": 11, "valign": "vcenter"}

    def __init__(self, book) -> None:
        self.book = book
        self.cache: dict[tuple, object] = {}

    def get(self, **properties):
        key = tuple(sorted(properties.items()))
        if key not in self.cache:
            self.cache[key] = self.book.add_format(self.BASE | properties)
        return self.cache[key]

    def quoted(self, fmt):
        """The same look with Excel's quote prefix: a text that begins like a formula ("= 0", a comment "+1+1")
        stays a text when a reader edits its cell, as an apostrophe typed before it would keep it."""
        key = next(k for k, made in self.cache.items() if made is fmt)
        return self.get(**dict(key), quote_prefix=True)

    def status(self, status: str, num_format: str | None = None, **extra):
        style = STATUS_STYLES[status]
        properties: dict[str, object] = {"border": 1, "font_color": style.colour or TEXT_COLOUR} | extra
        if style.background:
            properties |= {"bg_color": style.background, "pattern": 1}
        if style.bold:
            properties["bold"] = True
        if style.italic:
            properties["italic"] = True
        if num_format:
            properties["num_format"] = num_format
        return self.get(**properties)

    @property
    def header(self):
        return self.get(bold=True, text_wrap=True, align="center", bg_color=HEADER_FILL, pattern=1, border=1)

    @property
    def title(self):
        return self.get(bold=True, font_size=14)

    @property
    def warning(self):
        return self.get(bold=True, font_color="#8A1C1C")

    @property
    def note(self):
        return self.get(italic=True)

    def cell(self, **extra):
        return self.get(border=1, **extra)


# A row of wrapped text is given the height of its lines: Excel fits a row without a height to its wrapped text when
# it opens the file, LibreOffice keeps it at one line and prints the lines over the next rows.
LINE_POINTS = 15.0  # a line of 11-point text, as Excel's and LibreOffice's default row holds it
DEFAULT_WIDTH = 8.43  # a column's width in characters when none is set
CAPITAL = 1.5  # a capital letter is about one and a half lower-case letters wide (Times New Roman: Đ, H, K, M…)
BOLD = 1.05  # bold text is about 5 % wider


def lines_of(text: str, width: float, bold: bool = False) -> int:
    """How many lines a text wraps to in a column `width` characters wide (Excel's unit, the width of a digit),
    counting generously: a column holds about 10 % more lower-case letters of 11-point Times New Roman than its width,
    and a row one line short would cut its last line off."""
    capacity = max(width / (BOLD if bold else 1.0), 1.0)
    total = 0
    for paragraph in text.split("\n"):
        lines, used = 1, 0.0
        for word in paragraph.split():
            size = sum(CAPITAL if ch.isupper() else 1.0 for ch in word)
            if used and used + 1 + size > capacity:
                lines, used = lines + 1, 0.0
            if used:
                used += 1 + size
            else:  # a word longer than the line is broken inside it
                broken = math.ceil(size / capacity)
                lines, used = lines + broken - 1, size - (broken - 1) * capacity
        total += lines
    return total


class _Sheet:
    """A worksheet that remembers how wide each column's content is and which cells wrap, to fit the widths and
    then the rows' heights at the end."""

    def __init__(self, book, name: str, formats: _Formats) -> None:
        self.ws = book.add_worksheet(name)
        self.formats = formats
        self.widths: dict[int, float] = {}
        self.free: set[tuple[int, int]] = set()  # cells whose text may run over the next ones (titles, notes)
        self.wrapped: dict[tuple[int, int], tuple[str, bool]] = {}  # cells whose text wraps, and whether bold
        self.heights: dict[int, float] = {}  # rows given a height of their own (header rows), in points

    def tall(self, row: int, points: float) -> None:
        """A row at least this tall (its wrapped text may ask for more)."""
        self.heights[row] = max(self.heights.get(row, 0.0), points)

    def _track(self, row: int, col: int, shown: str, wrap: bool) -> None:
        if (row, col) in self.free:
            return
        pieces = shown.split() if wrap else shown.splitlines() or [""]
        longest = max((len(p) for p in pieces), default=0)
        self.widths[col] = max(self.widths.get(col, 0), longest)

    def text(
        self, row: int, col: int, value: object, fmt=None, *, wrap: bool = False, long: bool = False, free: bool = False
    ) -> None:
        """A text, in the sheet's font when no format is given (XlsxWriter's own default is Calibri). `wrap`: its
        format wraps it and its column fits the longest word; `long`: its format wraps it and its column fits the
        whole text up to the column's widest, a longer one taking more lines (a file name, who prepared a return)."""
        fmt = self.formats.get() if fmt is None else fmt
        text = "" if value is None or (isinstance(value, float) and math.isnan(value)) else str(value)
        if free:
            self.free.add((row, col))
        if text == "":
            self.ws.write_blank(row, col, None, fmt)
            return
        if text.startswith(files.FORMULA_TRIGGERS):
            fmt = self.formats.quoted(fmt)
        self.ws.write_string(row, col, text, fmt)
        self._track(row, col, text, wrap)
        if wrap or long:
            self.wrapped[(row, col)] = (text, bool(getattr(fmt, "bold", False)))

    def number(self, row: int, col: int, value: float | None, fmt, shown: str, missing: str = "") -> None:
        """A number (never NaN: a missing value is written as the text `missing`, or left blank)."""
        if value is None or pd.isna(value):
            self.text(row, col, missing, fmt)
            return
        self.ws.write_number(row, col, float(value), fmt)
        self._track(row, col, shown, False)

    def fit(self, minimum: float = 8, maximum: float = 60, fixed: dict[int, float] | None = None) -> None:
        """The columns' widths from their content (or `fixed`), then each row of wrapped text as tall as its lines."""
        chosen: dict[int, float] = {}
        for col, width in self.widths.items():
            chosen[col] = (fixed or {}).get(col, min(max(width * 1.15 + 2, minimum), maximum))
            self.ws.set_column(col, col, chosen[col])
        heights = dict(self.heights)
        for (row, col), (text, bold) in self.wrapped.items():
            lines = lines_of(text, chosen.get(col, DEFAULT_WIDTH), bold)
            if lines > 1:
                heights[row] = max(heights.get(row, 0.0), lines * LINE_POINTS)
        for row, points in heights.items():
            self.ws.set_row(row, points)


def _print_setup(sheet: _Sheet, bundle: Bundle, header_row: int | None, first_header_row: int | None = None) -> None:
    """Landscape A4, fit to the page's width, the header row (and the sections' titles above it) repeated, title and
    period above, pages below."""
    ws = sheet.ws
    ws.set_landscape()
    ws.set_paper(9)  # A4
    ws.fit_to_pages(1, 0)
    ws.set_margins(left=0.4, right=0.4, top=0.75, bottom=0.75)
    if header_row is not None:
        ws.repeat_rows(header_row if first_header_row is None else first_header_row, header_row)
    escape = lambda text: text.replace("&", "&&")  # noqa: E731 - "&" starts a code in Excel's header language
    ws.set_header(f"&L&B{escape(TEXT_TITLE[bundle.lang])}&R{escape(bundle.period_label())} {bundle.year}")
    ws.set_footer(f"&L{escape(bundle.generated())}&R{TEXT[bundle.lang]['page']} &P / &N")


TEXT_TITLE = {"vi": "Cụm thi đua số II – Kết quả các chỉ tiêu", "en": "Emulation Cluster II – Results"}


def workbook(bundle: Bundle) -> bytes:
    """The comparison workbook of a Bundle (see the module docstring)."""
    lang = bundle.lang
    text = TEXT[lang]
    buffer = io.BytesIO()
    book = files.workbook(buffer)
    book.set_properties(
        {
            "title": bundle.title(),
            "subject": SAMPLE_WARNING[lang] if bundle.comparison.synthetic else bundle.subtitle(),
            "author": bundle.generated_by,
            "company": bundle.subtitle(),
        }
    )
    formats = _Formats(book)
    _summary(_Sheet(book, text["summary"], formats), bundle)
    for group, names in GROUP_SHEETS.items():
        types = [c for c in bundle.case_types if CASE_TYPE_BY_KEY[c].group == group]
        if types:
            _counts(_Sheet(book, names.label(lang), formats), bundle, group, types)
    _targets(_Sheet(book, text["targets"], formats), bundle)
    _long(_Sheet(book, text["long"], formats), bundle)
    _provenance(_Sheet(book, text["provenance"], formats), bundle)
    book.close()
    return buffer.getvalue()


def _heading(sheet: _Sheet, bundle: Bundle, lines: list[tuple[str, str]]) -> int:
    """Title, cluster and filters, then notes; returns the next free row."""
    f = sheet.formats
    sheet.text(0, 0, bundle.title(), f.title, free=True)
    text = TEXT[bundle.lang]
    sheet.text(1, 0, f"{bundle.subtitle()} · {text['as_of']} {bundle.as_of()}", None, free=True)
    filters = "; ".join(f"{k}: {v}" for k, v in bundle.filters()[2:4])
    sheet.text(2, 0, f"{text['filters']}: {filters}", None, free=True)
    row = 3
    if bundle.comparison.synthetic:
        sheet.text(row, 0, SAMPLE_WARNING[bundle.lang], f.warning, free=True)
        row += 1
    for style, line in lines:
        sheet.text(row, 0, line, f.warning if style == "warning" else f.note, free=True)
        row += 1
    return row + 1


def scorecard_notes(bundle: Bundle) -> list[str]:
    """What the scorecard's reader is told beside it, in the workbook and the PDF report alike: the marks, for a
    partial year its basis (and that the rank is on projected year-end values, or why there is none), that the rank
    is indicative, the rounding."""
    text, shown = TEXT[bundle.lang], bundle.shown
    notes = [text["marks_not_colour"]]
    if not shown.full_year:
        notes.append(text["partial"])
        if shown.projected:
            notes.append(text["rank_basis_partial"])
    if not bundle.ranks():  # an empty rank column says why
        notes.append(text["no_rank"])
    return notes + [text["ranking"], text["rounding"]]


def _summary(sheet: _Sheet, bundle: Bundle) -> None:
    lang, text, f = bundle.lang, TEXT[bundle.lang], sheet.formats
    shown = bundle.shown
    indicators = bundle.shown_indicators()
    top = _heading(sheet, bundle, [("note", note) for note in scorecard_notes(bundle)])
    header = _bands(sheet, top, 4, bundle.sections())
    columns = [text["court"], text["rank"], text["met"], text["notes"]]
    columns += [short_label(k, lang) for k in indicators]
    for col, name in enumerate(columns):
        sheet.text(header, col, name, f.header, wrap=True)
    sheet.tall(header, 48)
    rows = shown.scorecard(indicators).set_index(["court", "indicator"])
    ranks, met, notes_count = bundle.ranks(), shown.targets_met(indicators), bundle.comment_counts()
    goals = shown.cluster()["target"]
    keys = shown.courts() + [CLUSTER]
    for r, court in enumerate(keys, start=header + 1):
        bold = court == CLUSTER
        sheet.text(r, 0, bundle.label(court), f.cell(bold=True))
        rank = ranks.get(court)
        sheet.number(r, 1, rank, f.cell(align="center"), str(rank or ""))
        done, judged = met.get(court, (0, 0))
        sheet.number(r, 2, done, f.cell(align="center", num_format=f'0"/{judged}"'), f"{done}/{judged}")
        count = notes_count.get(court, 0)
        sheet.number(r, 3, count, f.cell(align="center"), str(count))
        for c, key in enumerate(indicators, start=4):
            unit = INDICATOR_BY_KEY[key].unit
            if (court, key) not in rows.index:
                sheet.text(r, c, formatting.NOT_APPLICABLE[lang], f.status("not_applicable", align="right"))
                continue
            row = rows.loc[(court, key)]
            status, value = row["status"], row["value"]
            shown_text = formatting.judged(value, unit, goals.get(key), lang)
            mark = STATUS_MARKS.get(status, "")
            fmt = value_format(unit, lang, formatting.judged_decimals(value, unit, goals.get(key)), mark)
            sheet.number(
                r,
                c,
                value,
                f.status(status, fmt, align="right", bold=bold or STATUS_STYLES[status].bold),
                mark + shown_text,
                missing=formatting.NOT_APPLICABLE[lang],
            )
    _reference_rows(sheet, bundle, header + 1 + len(keys), indicators)
    sheet.ws.freeze_panes(header + 1, 1)
    _print_setup(sheet, bundle, header, top)
    sheet.fit(minimum=9, maximum=28, fixed={0: max(sheet.widths.get(0, 0) * 1.1 + 2, 16)})


def _bands(sheet: _Sheet, row: int, first: int, sections: list[tuple[str, tuple[str, ...]]]) -> int:
    """Over the indicators' columns from `first`, each section's title across its columns («Nhóm án: Hình sự», then
    «Chỉ tiêu chung của đơn vị — không theo loại án»); returns the row of the columns' header, under the titles (this
    row itself when the sections have no title: every case type)."""
    if not any(title for title, _ in sections):
        return row
    f = sheet.formats
    for col in range(first):
        sheet.text(row, col, "", f.header)
    col = first
    for title, keys in sections:
        last = col + len(keys) - 1
        if last > col:  # across its columns: its width is theirs, not the first one's
            sheet.ws.merge_range(row, col, row, last, "", f.header)
            sheet.text(row, col, title, f.header, free=True)
        else:  # one column (the criminal group's rate): wrapped in it
            sheet.text(row, col, title, f.header, wrap=True)
        col = last + 1
    sheet.tall(row, 2 * LINE_POINTS)
    return row + 1


def stated_target(row: pd.Series | dict, comparator: str, level: str, unit: str, lang: str) -> str:
    """A row's target (or floor) as people write it, a count's target of a partial year said to be pro rata
    ("≥ 1,5 (theo tiến độ thời gian)": the TANDTC set 3 a year, not 1,5); blank without one."""
    goal = row.get(level)
    if goal is None or pd.isna(goal):
        return ""
    shown = formatting.target(row.get(comparator), goal, unit, lang)
    if row.get("basis") == PRO_RATA:
        shown += f" ({BASIS_WORDS[PRO_RATA].label(lang)})"
    return shown


def _reference_rows(sheet: _Sheet, bundle: Bundle, first: int, indicators: tuple[str, ...]) -> None:
    """Under the grid: the targets the colours were judged against (pro rata for a count of a partial year), the
    floor, the basis of each column for a partial year, and the legend of the marks."""
    lang, text, f = bundle.lang, TEXT[bundle.lang], sheet.formats
    judged = bundle.shown.cluster()
    lines = [
        (LAYERS[TARGET_LAYER].label(lang), "comparator", "target"),
        (LAYERS[FLOOR_LAYER].label(lang), "floor_comparator", "floor"),
    ]
    row = first
    for label, comparator, level in lines:
        sheet.text(row, 0, label, f.cell(bold=True))
        for c in range(1, 4):
            sheet.text(row, c, "", f.cell())
        for c, key in enumerate(indicators, start=4):
            if key not in judged.index or pd.isna(judged.at[key, level]):
                sheet.text(row, c, "", f.cell())
                continue
            shown = stated_target(judged.loc[key], comparator, level, INDICATOR_BY_KEY[key].unit, lang)
            sheet.text(row, c, shown, f.cell(align="right", text_wrap=True), wrap=True)
        row += 1
    if not bundle.shown.full_year:
        sheet.text(row, 0, text["basis"], f.cell(bold=True))
        for c in range(1, 4):
            sheet.text(row, c, "", f.cell())
        for c, key in enumerate(indicators, start=4):
            basis = judged.at[key, "basis"] if key in judged.index else None
            sheet.text(
                row,
                c,
                BASIS_WORDS[basis].label(lang) if basis in BASIS_WORDS else "",
                f.cell(text_wrap=True),
                wrap=True,
            )
        row += 1
    sheet.text(row + 1, 0, text["legend"], f.note, free=True)


def _counts(sheet: _Sheet, bundle: Bundle, group: str | None, types: list[str]) -> None:
    """Raw counts per court and case type of a group, the group's total per court, then the cluster's."""
    lang, text, f = bundle.lang, TEXT[bundle.lang], sheet.formats
    # A case type outside every target group (bankruptcy) is named itself: its sheet's name reads "SL Phá sản".
    name = GROUPS[group].label(lang) if group else ", ".join(CASE_TYPE_BY_KEY[t].label(lang) for t in types)
    header = _heading(sheet, bundle, [("note", f"{name}. {text['counts_note']}")])
    columns = (
        [text["court"], text["case_type"]] + [MEASURE_BY_KEY[m].label(lang) for m in COUNT_COLUMNS] + [text["rate"]]
    )
    for col, label in enumerate(columns):
        sheet.text(header, col, label, f.header, wrap=True)
    sheet.tall(header, 48)
    counts = _count_table(bundle, types)
    row = header + 1
    if counts.empty:
        sheet.text(row, 0, text["no_counts"], f.note, free=True)
    members = [c.key for c in cluster_courts(bundle.year) if c.key in set(bundle.comparison.reporting)]
    blocks = [(court, counts[counts["court"] == court]) for court in bundle.shown_courts()]
    blocks.append((CLUSTER, counts[counts["court"].isin(members)]))
    for court, part in blocks:
        if part.empty:
            continue
        lines = [(CASE_TYPE_BY_KEY[t].label(lang), part[part["scope"] == t], False) for t in types]
        if len(types) > 1:
            lines.append((text["group_total"], part, True))
        for label, piece, total in lines:
            look = {"bold": True} if total or court == CLUSTER else {}
            sheet.text(row, 0, bundle.label(court), f.cell(**look))
            sheet.text(row, 1, label, f.cell(**look))
            sums = {m: piece.loc[piece["measure"] == m, "value"].sum(min_count=1) for m in COUNT_COLUMNS}
            for c, measure in enumerate(COUNT_COLUMNS, start=2):
                value = sums[measure]
                shown = formatting.number(value, 0, lang)
                sheet.number(row, c, value, f.cell(num_format=count_format(lang), **look), shown)
            accepted, resolved = sums["accepted"], sums["resolved"]
            known = not pd.isna(accepted) and not pd.isna(resolved) and accepted > 0
            rate = float(resolved) / float(accepted) if known else None
            sheet.number(
                row,
                len(COUNT_COLUMNS) + 2,
                rate,
                f.cell(num_format=percent_format(1), **look),
                formatting.percent(rate, lang=lang),
                missing=formatting.NOT_APPLICABLE[lang],
            )
            row += 1
    sheet.ws.freeze_panes(header + 1, 2)
    _print_setup(sheet, bundle, header)
    sheet.fit(minimum=9, maximum=30)


def _count_table(bundle: Bundle, types: list[str]) -> pd.DataFrame:
    figures = bundle.figures
    if figures.empty:
        return pd.DataFrame(columns=["court", "scope", "measure", "value"])
    chosen = figures[
        (figures["year"] == bundle.year)
        & (figures["period"] == bundle.period)
        & figures["scope"].isin(types)
        & figures["measure"].isin(COUNT_COLUMNS)
    ]
    return chosen[["court", "scope", "measure", "value"]]


def _targets(sheet: _Sheet, bundle: Bundle) -> None:
    lang, text, f = bundle.lang, TEXT[bundle.lang], sheet.formats
    header = _heading(sheet, bundle, [])
    columns = [
        text["indicator"],
        text["layer"],
        text["comparator"],
        text["level"],
        text["source"],
        text["confidence"],
        text["key"],
    ]
    for col, label in enumerate(columns):
        sheet.text(header, col, label, f.header, wrap=True)
    order = {key: i for i, key in enumerate(INDICATOR_BY_KEY)}
    targets = bundle.targets.sort_values(
        ["indicator", "layer"],
        key=lambda s: s.map(order) if s.name == "indicator" else s.map({TARGET_LAYER: 0, FLOOR_LAYER: 1}),
    )
    for r, row in enumerate(targets.itertuples(index=False), start=header + 1):
        spec = INDICATOR_BY_KEY[row.indicator]
        sheet.text(r, 0, spec.label(lang), f.cell(text_wrap=True), wrap=True)
        sheet.text(r, 1, LAYERS[row.layer].label(lang), f.cell())
        sheet.text(
            r, 2, COMPARATOR_WORDS.get(row.comparator, Words(row.comparator, row.comparator)).label(lang), f.cell()
        )
        sheet.number(
            r,
            3,
            float(row.value),
            f.cell(num_format=value_format(spec.unit, lang)),
            formatting.value(row.value, spec.unit, lang),
        )
        sheet.text(r, 4, row.source, f.cell(text_wrap=True), wrap=True)
        confidence = CONFIDENCE_WORDS.get(str(row.confidence), Words(str(row.confidence), str(row.confidence)))
        sheet.text(r, 5, confidence.label(lang), f.cell())
        sheet.text(r, 6, row.indicator, f.cell())
    sheet.ws.freeze_panes(header + 1, 1)
    _print_setup(sheet, bundle, header)
    sheet.fit(minimum=8, maximum=70, fixed={0: 34, 4: 70})


def long_rows(bundle: Bundle) -> pd.DataFrame:
    """One row per shown court (and the cluster) and indicator of the group, courts in order, cluster last; each
    court's indicators section after section (the group's, then the court-wide ones)."""
    return bundle.shown.scorecard(bundle.shown_indicators())


def _long(sheet: _Sheet, bundle: Bundle) -> None:
    lang, text, f = bundle.lang, TEXT[bundle.lang], sheet.formats
    partial = not bundle.shown.full_year
    columns = [text["court"], text["indicator"], text["value"], text["numerator"], text["denominator"]]
    columns += [text["target"], text["floor"], text["status"], text["margin"], text["basis"]]
    if partial:
        columns += [text["last_year"], text["projected"], text["projected_range"], text["projected_status"]]
    columns += [text["scope"], text["court_key"], text["key"]]
    for col, label in enumerate(columns):
        sheet.text(0, col, label, f.header, wrap=True)
    sheet.tall(0, 36)
    rows = long_rows(bundle)
    for r, row in enumerate(rows.to_dict("records"), start=1):
        spec = INDICATOR_BY_KEY[row["indicator"]]
        unit = spec.unit
        c = 0
        sheet.text(r, c, bundle.label(row["court"]), f.cell())
        sheet.text(r, c + 1, spec.label(lang), f.cell())
        goal = row.get("target")
        shown_text = formatting.judged(row["value"], unit, goal, lang)  # 89,95 % beside ✗, never 90,0 %
        sheet.number(
            r,
            c + 2,
            row["value"],
            f.cell(num_format=value_format(unit, lang, formatting.judged_decimals(row["value"], unit, goal))),
            shown_text,
            formatting.NOT_APPLICABLE[lang],
        )
        for offset, column in ((3, "numerator"), (4, "denominator")):
            amount = row[column]
            whole = amount is not None and not pd.isna(amount) and float(amount).is_integer()
            fmt = count_format(lang) if whole else "0.0##"
            sheet.number(r, offset, amount, f.cell(num_format=fmt), formatting.number(amount, 0 if whole else 3, lang))
        for offset, comparator, level in ((5, "comparator", "target"), (6, "floor_comparator", "floor")):
            sheet.text(r, offset, stated_target(row, comparator, level, unit, lang), f.cell())
        status = row["status"]
        sheet.text(r, 7, STATUS_MARKS.get(status, "") + STATUS_LABELS[status].label(lang), f.status(status))
        margin = row["margin"]
        scaled = None if margin is None or pd.isna(margin) else float(margin) * (100 if unit == "rate" else 1)
        sheet.number(r, 8, scaled, f.cell(num_format=margin_format(unit, lang)), formatting.signed(margin, unit, lang))
        sheet.text(r, 9, BASIS_WORDS.get(row["basis"], Words("", "")).label(lang), f.cell())
        c = 10
        if partial:
            for column in ("last_year", "projected"):
                amount, judged_by = row.get(column), goal if column == "projected" else None
                fmt = value_format(unit, lang, formatting.judged_decimals(amount, unit, judged_by))
                sheet.number(r, c, amount, f.cell(num_format=fmt), formatting.judged(amount, unit, judged_by, lang))
                c += 1
            low, high = row.get("projected_low"), row.get("projected_high")
            span = (
                ""
                if low is None or pd.isna(low)
                else f"{formatting.value(low, unit, lang)} – {formatting.value(high, unit, lang)}"
            )
            sheet.text(r, c, span, f.cell())
            verdict = row.get("projected_status")
            sheet.text(
                r,
                c + 1,
                PROJECTION_LABELS[verdict].label(lang)
                if isinstance(verdict, str) and verdict in PROJECTION_LABELS
                else "",
                f.cell(),
            )
            c += 2
        sheet.text(r, c, bundle.scope(row["indicator"]), f.cell())
        sheet.text(r, c + 1, row["court"], f.cell())
        sheet.text(r, c + 2, row["indicator"], f.cell())
    sheet.ws.freeze_panes(1, 2)
    sheet.ws.autofilter(0, 0, max(len(rows), 1), len(columns) - 1)
    _print_setup(sheet, bundle, 0)
    sheet.fit(minimum=9, maximum=45)


def _provenance(sheet: _Sheet, bundle: Bundle) -> None:
    lang, text, f = bundle.lang, TEXT[bundle.lang], sheet.formats
    sheet.text(0, 0, bundle.title(), f.title, free=True)
    reporting, members = bundle.comparison.coverage()
    missing = [c.key for c in cluster_courts(bundle.year) if c.key not in set(bundle.comparison.reporting)]
    coverage = f"{reporting}/{members} {'Tòa án' if lang == 'vi' else 'courts'}"
    if missing:
        coverage += f" ({text['missing']}: {', '.join(bundle.comparison.label(c, lang) for c in missing)})"
    stored = bundle.last_stored()
    facts = [(bundle.subtitle(), "")]
    facts += bundle.filters()
    facts += [
        (text["as_of"], bundle.as_of()),
        (text["last_stored"], formatting.moment(stored)),
        (text["made_at"], bundle.made_at()),
        (text["made_by"], bundle.generated_by),
        (text["sample"], text["yes"] if bundle.comparison.synthetic else text["no"]),
        (text["coverage"], coverage),
    ]
    row = 2
    for what, value in facts:
        sheet.text(row, 0, what, f.get(bold=True))
        sheet.text(row, 1, value, None, free=True)
        row += 1
    row += 1
    sheet.text(row, 0, text["returns_used"], f.get(bold=True, font_size=12), free=True)
    row += 1
    columns = [
        text["court"],
        text["period"],
        text["version"],
        text["stored_at"],
        text["stored_by"],
        text["prepared_by"],
        text["file"],
        "SHA-256",
    ]
    header = row
    for col, label in enumerate(columns):
        sheet.text(row, col, label, f.header, wrap=True)
    row += 1
    for used in bundle.used_returns().to_dict("records"):
        period = PERIOD_BY_KEY[used["period"]]
        values = [
            bundle.comparison.label(used["court"], lang),
            period.label(lang),
        ]
        sheet.text(row, 0, values[0], f.cell())
        sheet.text(row, 1, values[1], f.cell())
        sheet.number(row, 2, used["version"], f.cell(align="center"), str(used["version"]))
        sheet.text(row, 3, formatting.moment(used["stored_at"]), f.cell())
        for col, column in ((4, "stored_by"), (5, "prepared_by"), (6, "filename")):
            sheet.text(row, col, used.get(column), f.cell(text_wrap=True), long=True)
        sheet.text(row, 7, used.get("sha256"), f.cell(font_name="Courier New", font_size=9))
        row += 1
    row += 1
    sheet.text(row, 0, text["comments"], f.get(bold=True, font_size=12), free=True)
    row += 1
    comments = bundle.period_comments()
    if comments.empty:
        sheet.text(row, 0, text["no_comments"], f.note, free=True)
    else:
        for col, label in enumerate([text["court"], text["written_at"], text["author"], text["text"]]):
            sheet.text(row, col, label, f.header, wrap=True)
        row += 1
        for note in comments.to_dict("records"):
            sheet.text(row, 0, bundle.comparison.label(note["court"], lang), f.cell(valign="top"))
            sheet.text(row, 1, formatting.moment(note["created_at"]), f.cell(valign="top"))
            sheet.text(row, 2, note["author"], f.cell(valign="top"))
            # The comment as typed, line breaks kept; a long one wraps in its cell (the column is capped).
            sheet.text(row, 3, note["text"], f.cell(text_wrap=True, valign="top"), wrap=True)
            row += 1
    _print_setup(sheet, bundle, header)
    sheet.fit(minimum=10, maximum=60, fixed={7: 58})


# --- CSV ---------------------------------------------------------------------------------------------------------

CSV_HEADERS = {
    "court": Words("Mã Tòa án", "court"),
    "court_name": Words("Tòa án", "court_name"),
    "indicator": Words("Mã chỉ tiêu", "indicator"),
    "indicator_name": Words("Chỉ tiêu", "indicator_name"),
    "numerator": Words("Tử số", "numerator"),
    "denominator": Words("Mẫu số", "denominator"),
    "value": Words("Giá trị", "value"),
    "target": Words("Chỉ tiêu TANDTC", "target"),
    "comparator": Words("So sánh", "comparator"),
    "floor": Words("Mức sàn Quốc hội", "floor"),
    "status": Words("Mã kết quả", "status"),
    "status_name": Words("Kết quả", "status_name"),
    "margin": Words("Chênh lệch", "margin"),
    "basis": Words("Cách đánh giá", "basis"),
    "rank": Words("Hạng (tham khảo)", "rank"),
    "scope": Words("Mã phạm vi", "scope"),
    "scope_name": Words("Phạm vi", "scope_name"),
}
CSV_DECIMALS = 4  # rates as fractions to 4 decimals (98,62 %); no float noise such as 0.15000000000000002


def csv_rows(bundle: Bundle) -> pd.DataFrame:
    """The rows both CSV flavours write: keys, names, rounded values; the shown courts and the cluster."""
    rows = long_rows(bundle)
    lang = bundle.lang
    ranks = bundle.ranks()

    def rounded(column: str) -> pd.Series:
        return rows[column].astype("float64").round(CSV_DECIMALS) + 0.0  # + 0.0: never "-0.0"

    counts = {}
    for column in ("numerator", "denominator"):
        values = rows[column].astype("float64")
        known = values.dropna()
        counts[column] = values.astype("Int64") if (known == known.round()).all() else values.round(CSV_DECIMALS)
    return pd.DataFrame(
        {
            "court": rows["court"],
            "court_name": rows["court"].map(bundle.label),
            "indicator": rows["indicator"],
            "indicator_name": rows["indicator"].map(lambda k: INDICATOR_BY_KEY[k].label(lang)),
            "numerator": counts["numerator"],
            "denominator": counts["denominator"],
            "value": rounded("value"),
            "target": rounded("target"),
            "comparator": rows["comparator"],
            "floor": rounded("floor"),
            "status": rows["status"],
            "status_name": rows["status"].map(lambda s: STATUS_LABELS[s].label(lang)),
            "margin": rounded("margin"),
            "basis": rows["basis"],
            "rank": pd.array([ranks.get(c) for c in rows["court"]], dtype="Int64"),
            "scope": rows["indicator"].map(scope_of),
            "scope_name": rows["indicator"].map(bundle.scope),
        }
    )


def csv_for_tools(bundle: Bundle) -> bytes:
    """UTF-8 with a BOM, "," between fields, "." for decimals: rates as fractions rounded to 4 decimals, keys
    beside the names (for R, Python, a database); headers in the file's language; text neutralised."""
    rows = csv_rows(bundle)
    headers = {k: v.label(bundle.lang) for k, v in CSV_HEADERS.items()}
    return files.csv_bytes(rows.rename(columns=headers))


def csv_for_excel(bundle: Bundle) -> bytes:
    """ "CSV cho Excel tiếng Việt": ";" between fields and decimal commas, as Excel with Vietnamese regional settings
    reads them; every value as the screen shows it ("98,6 %", "1.234", "≥ 90 %", "Đạt"), both layers of targets as
    the workbook and the CSV for tools give them; Vietnamese headers."""
    lang = bundle.lang
    rows = long_rows(bundle)
    ranks = bundle.ranks()
    text = TEXT[lang]

    def shown(row) -> dict[str, object]:
        unit = INDICATOR_BY_KEY[row["indicator"]].unit
        goal = row.get("target")
        margin = row.get("margin")
        return {
            text["court"]: bundle.label(row["court"]),
            text["indicator"]: INDICATOR_BY_KEY[row["indicator"]].label(lang),
            text["value"]: formatting.judged(row["value"], unit, goal, lang),
            text["numerator"]: formatting.number(row["numerator"], 0, lang) if not pd.isna(row["numerator"]) else "",
            text["denominator"]: formatting.number(row["denominator"], 0, lang)
            if not pd.isna(row["denominator"])
            else "",
            text["target"]: _words_target(row, "comparator", "target", unit, lang),
            text["floor"]: _words_target(row, "floor_comparator", "floor", unit, lang),
            text["status"]: STATUS_LABELS[row["status"]].label(lang),
            text["margin_points"]: "" if margin is None or pd.isna(margin) else _plain_margin(margin, unit, lang),
            text["basis"]: BASIS_WORDS.get(row["basis"], Words("", "")).label(lang),
            text["rank"]: "" if ranks.get(row["court"]) is None else str(ranks[row["court"]]),
            text["scope"]: bundle.scope(row["indicator"]),
        }

    frame = pd.DataFrame([shown(r) for r in rows.to_dict("records")])
    return files.csv_excel_bytes(frame, lang)


def _words_target(row: dict, comparator: str, level: str, unit: str, lang: str) -> str:
    """A target as people write it (`stated_target`), "=" as a word so that no field begins with a formula's sign:
    "≥ 90 %", "bằng 0", "≥ 1,5 (theo tiến độ thời gian)"."""
    shown = stated_target(row, comparator, level, unit, lang)
    if row.get(comparator) == "=":
        return shown.replace("=", COMPARATOR_WORDS["="].label(lang), 1)
    return shown


def _plain_margin(margin: float, unit: str, lang: str) -> str:
    """A margin as a number a spreadsheet reads (points for rates): "3,2", "-1,5"; never "+3,2", which a
    spreadsheet would evaluate as a formula."""
    amount = float(margin) * (100 if unit == "rate" else 1)
    places = 1 if unit in ("rate", "ratio") else 0
    text = formatting.number(abs(amount), places, lang)
    return ("-" if amount < 0 and text.strip("0,.") else "") + text


# --- what the page and the command line call ---------------------------------------------------------------------

FORMATS = {
    "xlsx": (".xlsx", XLSX_MEDIA_TYPE),
    "csv": (".csv", "text/csv"),
    "csv-excel": ("_excel.csv", "text/csv"),
    "pdf": (".pdf", "application/pdf"),
}


def file_name(bundle: Bundle, kind: str) -> str:
    """so_sanh_cum_II_2023_12.xlsx, …_excel.csv, bao_cao_quy_cum_II_2023_12.pdf (with the group when one is chosen)."""
    return name_for(kind, bundle.year, bundle.period, bundle.group, bundle.lang)


def name_for(kind: str, year: int, period: str, group: str = "all", lang: str = "vi") -> str:
    """The file name of a choice, before any bundle is made (the page names its buttons' files with it)."""
    stem = "bao_cao_cum_II" if kind == "pdf" else "so_sanh_cum_II"
    chosen = "" if group == "all" else f"_{group}"
    return f"{stem}_{year}_{period}{chosen}{'_en' if lang == 'en' else ''}{FORMATS[kind][0]}"


def export_file(bundle: Bundle, kind: str) -> bytes:
    """The bytes of one kind of file ("xlsx", "csv", "csv-excel", "pdf"), built now (call it only when asked)."""
    if kind == "xlsx":
        return workbook(bundle)
    if kind == "csv":
        return csv_for_tools(bundle)
    if kind == "csv-excel":
        return csv_for_excel(bundle)
    if kind == "pdf":
        from analytics.outputs.report_pdf import report  # typst and matplotlib load only for a PDF

        return report(bundle)
    raise ValueError(f"unknown export format {kind!r}; one of {', '.join(FORMATS)}")


# --- the command line's `indicators` table -----------------------------------------------------------------------

# The command line's long output (frames.LongOutput): the figures and status, then how the status was reached and,
# for a partial year, the projection of a seasonal rate.
LONG_COLUMNS = columns(LongOutput)[: columns(LongOutput).index(LongOutput.basis)]
BASIS_COLUMNS = columns(LongOutput)[len(LONG_COLUMNS) :]


def long_table(comparison: Comparison, indicators: tuple[str, ...] | None = None) -> pd.DataFrame:
    """One row per court (the cluster as court "cluster") and indicator, as the command line prints it: every
    indicator of the registry unless some are chosen, with the basis of its status and its projection."""
    chosen = indicators or tuple(INDICATOR_BY_KEY)
    return whole_counts(comparison.scorecard(chosen)[LONG_COLUMNS + BASIS_COLUMNS])


def whole_counts(frame: pd.DataFrame) -> pd.DataFrame:
    """Numerators and denominators are counts of cases, hearings or units: written as 502, not 502.0."""
    counts = {c: frame[c].astype("Int64") for c in ("numerator", "denominator") if _whole(frame[c])}
    return frame.assign(**counts)


def _whole(column: pd.Series) -> bool:
    known = column.dropna()
    return bool((known == known.round()).all())
