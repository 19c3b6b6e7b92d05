"""Writes the return workbook: blank as the official-looking template, or filled with a court's figures."""

from __future__ import annotations

import datetime as dt
import io

import pandas as pd
import xlsxwriter
from xlsxwriter.utility import xl_rowcol_to_cell

from analytics.domain import CASE_MEASURES, CASE_TYPES, PERIOD_BY_KEY, PERIODS, cluster_courts, court_by_key, courts
from analytics.ingest.layout import (
    ACTIVITY_FIELDS,
    CASE_HEADER_ROW,
    CASE_HEADERS,
    DATA_KIND_OFFICIAL,
    DATA_KIND_SAMPLE,
    FIELDS_FIRST_ROW,
    META_FIELDS,
    SHEET_ACTIVITY,
    SHEET_CASES,
    SHEET_INSTRUCTIONS,
    SHEET_LISTS,
    SHEET_META,
    TEMPLATE_VERSION,
    TOTAL_LABEL,
)
from analytics.outputs import files
from analytics.records import Return

_EPOCH = dt.date(2022, 10, 1)  # start of the template's statistical year
_EPOCH_TIME = dt.datetime(2022, 10, 1)

# Where an empty cell and "-" count as 0 and where they are an error (validate.py and reader.py apply it);
# the upload report lists every figure counted as 0 with its cell.
EMPTY_AND_DASH_RULE_TITLE = "Ô trống và ô ghi «-»:"
EMPTY_AND_DASH_RULE = (
    "• Ô ghi «-» luôn là 0.",
    "• Dòng để trống hoàn toàn: loại án đó không có vụ việc, tính là 0.",
    "• Trong dòng có số liệu, ô trống ở cột Quá hạn luật định, Tạm đình chỉ, Bị hủy/Bị sửa do nguyên nhân chủ quan "
    "tính là 0; ô trống ở Thụ lý cũ, Thụ lý mới, Tổng số thụ lý, Đã giải quyết, Còn lại được tính từ hai ô kia "
    "(không tính được thì là lỗi).",
    "• Thiếu hẳn dòng của một loại án: tính là 0 và được cảnh báo trong bảng xem trước, trước khi xác nhận lưu.",
    "• Là lỗi, phải sửa: một cột để trống ở mọi dòng có số liệu (không biết là chưa điền hay bằng 0). "
    "Hãy ghi 0 hoặc «-».",
    "• Báo cáo tải lên liệt kê từng ô đã được tính là 0 hoặc được tính ra từ các ô khác.",
)

INSTRUCTIONS = (
    "MẪU BÁO CÁO THỐNG KÊ – CỤM THI ĐUA SỐ II TÒA ÁN NHÂN DÂN",
    f"Phiên bản mẫu {TEMPLATE_VERSION}",
    "",
    "Cách điền:",
    "1. Sheet «Thông tin»: chọn Tòa án và Kỳ báo cáo trong danh sách, ghi Năm thống kê "
    "(năm 2023 = từ 01/10/2022 đến 30/09/2023), số Thẩm phán và số đơn vị (Tòa án tỉnh + Tòa án cấp huyện).",
    "2. Sheet «Vụ việc»: mỗi dòng một loại án, mỗi cột một chỉ tiêu. Chỉ điền số nguyên không âm. "
    "Loại án không có vụ việc nào có thể để trống cả dòng hoặc ghi «-» (được tính là 0); không xóa dòng.",
    "3. Sheet «Hoạt động»: phiên tòa trực tuyến, phiên tòa rút kinh nghiệm, công bố bản án, thi hành án hình sự.",
    "4. Lưu tệp (.xlsx) và tải lên trang «Tải lên» của ứng dụng.",
    "",
    "Kỳ báo cáo:",
    "• Số liệu lũy kế từ ngày 01/10: 3 tháng (đến 31/12), 6 tháng (đến 31/03), 9 tháng (đến 30/06), "
    "12 tháng (đến 30/09).",
    "• Hoặc số liệu riêng một quý (Quý I: 01/10–31/12, Quý II: 01/01–31/03, Quý III: 01/04–30/06, "
    "Quý IV: 01/07–30/09).",
    "",
    "Quy tắc kiểm tra khi tải lên (lỗi phải sửa trước khi lưu):",
    "• Tổng số thụ lý = Thụ lý cũ + Thụ lý mới; Còn lại = Tổng số thụ lý − Đã giải quyết. "
    "Nếu để trống một trong ba số, ứng dụng tự tính và ghi lại cách tính.",
    "• Đã giải quyết ≤ Tổng số thụ lý; Quá hạn luật định và Tạm đình chỉ ≤ Còn lại.",
    "• Bị hủy, bị sửa do nguyên nhân chủ quan ≤ bị hủy, bị sửa (mọi nguyên nhân) ≤ Đã giải quyết.",
    "• Bản án đã công bố ≤ phải công bố; ra quyết định thi hành án đúng hạn ≤ phải ra quyết định.",
    "• Dòng «Tổng cộng» phải bằng tổng các dòng (chỉ cảnh báo; dòng tổng không được lưu).",
    "",
    EMPTY_AND_DASH_RULE_TITLE,
    *EMPTY_AND_DASH_RULE,
)


def write_workbook(ret: Return | None = None) -> bytes:
    """The template as .xlsx bytes; with a return, the same workbook filled with its figures."""
    buffer = io.BytesIO()
    book = files.workbook(buffer)
    styles = _styles(book)
    book.set_properties(
        {
            "title": "Báo cáo thống kê – Cụm thi đua số II TAND",
            "subject": DATA_KIND_SAMPLE if ret is not None and ret.synthetic else "Mẫu báo cáo thống kê",
            "company": "Cụm thi đua số II Tòa án nhân dân",
            # A fixed stamp keeps the bytes of a workbook the same each time it is written.
            "created": dt.datetime.combine(ret.prepared_on or _EPOCH, dt.time()) if ret else _EPOCH_TIME,
        }
    )
    _instructions(book.add_worksheet(SHEET_INSTRUCTIONS), styles, ret)
    lists = _lists(book.add_worksheet(SHEET_LISTS), ret)
    _meta(book.add_worksheet(SHEET_META), styles, lists, ret)
    _cases(book.add_worksheet(SHEET_CASES), styles, ret)
    _activity(book.add_worksheet(SHEET_ACTIVITY), styles, ret)
    book.get_worksheet_by_name(SHEET_LISTS).hide()
    book.get_worksheet_by_name(SHEET_META).activate()
    book.close()
    return buffer.getvalue()


def _styles(book: xlsxwriter.Workbook) -> dict[str, xlsxwriter.format.Format]:
    base = {"font_name": "Times New Roman", "font_size": 12, "valign": "vcenter"}
    make = lambda **kw: book.add_format(base | kw)  # noqa: E731 - a local shorthand
    return {
        "title": make(bold=True, font_size=14, align="center"),
        "subtitle": make(italic=True, align="center"),
        "text": make(text_wrap=True),
        "bold": make(bold=True),
        "header": make(bold=True, text_wrap=True, align="center", border=1, bg_color="#DCE6F1"),
        "label": make(border=1, text_wrap=True),
        "input": make(border=1, bg_color="#FFF9DB", locked=False, num_format="#,##0"),
        "input_text": make(border=1, bg_color="#FFF9DB", locked=False, text_wrap=True),
        "input_date": make(border=1, bg_color="#FFF9DB", locked=False, num_format="dd/mm/yyyy"),
        "total": make(bold=True, border=1, bg_color="#EDEDED", num_format="#,##0"),
        "total_label": make(bold=True, border=1, bg_color="#EDEDED"),
        "hint": make(italic=True, font_color="#666666", text_wrap=True),
        "warning": make(bold=True, font_color="#9C0006", bg_color="#FFC7CE", text_wrap=True),
    }


def _title(sheet, styles, last_col: int, title: str, subtitle: str) -> None:
    sheet.merge_range(0, 0, 0, last_col, title, styles["title"])
    sheet.merge_range(1, 0, 1, last_col, subtitle, styles["subtitle"])


def _instructions(sheet, styles, ret: Return | None) -> None:
    sheet.set_column(0, 0, 120)
    for row, line in enumerate(INSTRUCTIONS):
        sheet.write(row, 0, line, styles["title"] if row == 0 else styles["text"])
    if ret is not None and ret.synthetic:
        sheet.write(len(INSTRUCTIONS) + 1, 0, f"{DATA_KIND_SAMPLE.upper()}.", styles["warning"])


def _lists(sheet, ret: Return | None) -> dict[str, str]:
    """Writes the drop-down values and returns the ranges that name them: the courts of the return's year, or of
    the blank template every court the cluster has had (a court that merged may still correct an earlier return)."""
    names = [court.name_vi for court in (cluster_courts(ret.year) if ret is not None else courts())]
    periods = [period.label_vi for period in PERIODS]
    kinds = [DATA_KIND_OFFICIAL, DATA_KIND_SAMPLE]
    for col, values in enumerate((names, periods, kinds)):
        sheet.write_column(0, col, values)
    return {
        "court": f"='{SHEET_LISTS}'!$A$1:$A${len(names)}",
        "period": f"='{SHEET_LISTS}'!$B$1:$B${len(periods)}",
        "data_kind": f"='{SHEET_LISTS}'!$C$1:$C${len(kinds)}",
    }


def _meta_values(ret: Return | None) -> dict[str, object]:
    if ret is None:
        return {"data_kind": DATA_KIND_OFFICIAL}
    return {
        "court": court_by_key(ret.court).name_vi,
        "year": ret.year,
        "period": PERIOD_BY_KEY[ret.period].label_vi,
        "judges": ret.court_figures.get("judges"),
        "units": ret.court_figures.get("units"),
        "prepared_by": ret.prepared_by,
        "prepared_on": ret.prepared_on,
        "notes": ret.notes,
        "data_kind": DATA_KIND_SAMPLE if ret.synthetic else DATA_KIND_OFFICIAL,
    }


def _meta(sheet, styles, lists: dict[str, str], ret: Return | None) -> None:
    sheet.set_column(0, 0, 34)
    sheet.set_column(1, 1, 48)
    sheet.set_column(2, 2, 50)
    _title(sheet, styles, 2, "THÔNG TIN BÁO CÁO", "Các ô màu vàng là ô cần điền")
    values = _meta_values(ret)
    for offset, field in enumerate(META_FIELDS):
        row = FIELDS_FIRST_ROW + offset
        sheet.write(row, 0, field.label + (" (*)" if field.required else ""), styles["label"])
        value = values.get(field.key)
        if field.key == "prepared_on":
            style = styles["input_date"]
        elif field.key in ("judges", "units", "year"):
            style = styles["input"]
        else:
            style = styles["input_text"]
        if value is None or value == "":
            sheet.write_blank(row, 1, None, style)
        elif field.key == "prepared_on":
            sheet.write_datetime(row, 1, pd.Timestamp(value).to_pydatetime(), style)
        else:
            sheet.write(row, 1, value, style)
        sheet.write(row, 2, field.hint, styles["hint"])
        if field.key in lists:
            sheet.data_validation(
                row,
                1,
                row,
                1,
                {
                    "validate": "list",
                    "source": lists[field.key],
                    "error_title": "Giá trị không hợp lệ",
                    "error_message": "Hãy chọn một giá trị trong danh sách.",
                },
            )
        elif field.key in ("judges", "units", "year"):
            sheet.data_validation(
                row,
                1,
                row,
                1,
                {
                    "validate": "integer",
                    "criteria": ">=",
                    "value": 0,
                    "error_title": "Giá trị không hợp lệ",
                    "error_message": "Hãy nhập một số nguyên không âm.",
                },
            )
    sheet.write(FIELDS_FIRST_ROW + len(META_FIELDS) + 1, 0, "(*) bắt buộc", styles["hint"])


def _whole_number_rule() -> dict[str, object]:
    return {
        "validate": "integer",
        "criteria": ">=",
        "value": 0,
        "error_title": "Giá trị không hợp lệ",
        "error_message": "Chỉ nhập số nguyên không âm (số vụ việc).",
    }


def _cases(sheet, styles, ret: Return | None) -> None:
    last_col = len(CASE_HEADERS) - 1
    _title(
        sheet,
        styles,
        last_col,
        "SỐ LIỆU THỤ LÝ, GIẢI QUYẾT CÁC LOẠI VỤ VIỆC",
        "Đơn vị tính: vụ, việc (số bị cáo: người)",
    )
    sheet.set_row(CASE_HEADER_ROW, 60)
    sheet.set_column(0, 0, 5)
    sheet.set_column(1, 1, 40)
    sheet.set_column(2, last_col, 12)
    sheet.write_row(CASE_HEADER_ROW, 0, CASE_HEADERS, styles["header"])
    first = CASE_HEADER_ROW + 1
    for index, case_type in enumerate(CASE_TYPES):
        row = first + index
        sheet.write(row, 0, index + 1, styles["label"])
        sheet.write(row, 1, case_type.label_vi, styles["label"])
        for offset, measure in enumerate(CASE_MEASURES):
            value = None if ret is None else ret.cases.at[case_type.key, measure.key]
            if value is None or pd.isna(value):
                sheet.write_blank(row, 2 + offset, None, styles["input"])
            else:
                sheet.write_number(row, 2 + offset, int(value), styles["input"])
    last = first + len(CASE_TYPES) - 1
    total_row = last + 1
    sheet.write(total_row, 0, "", styles["total_label"])
    sheet.write(total_row, 1, TOTAL_LABEL, styles["total_label"])
    for offset, measure in enumerate(CASE_MEASURES):
        col = 2 + offset
        formula = f"=SUM({xl_rowcol_to_cell(first, col)}:{xl_rowcol_to_cell(last, col)})"
        cached = 0 if ret is None else int(ret.cases[measure.key].sum())
        sheet.write_formula(total_row, col, formula, styles["total"], cached)
    sheet.data_validation(first, 2, last, last_col, _whole_number_rule())
    sheet.freeze_panes(first, 2)


def _activity(sheet, styles, ret: Return | None) -> None:
    sheet.set_column(0, 0, 60)
    sheet.set_column(1, 1, 16)
    _title(sheet, styles, 1, "HOẠT ĐỘNG CỦA TÒA ÁN TRONG KỲ", "Số liệu lũy kế của cả Tòa án hai cấp")
    for offset, field in enumerate(ACTIVITY_FIELDS):
        row = FIELDS_FIRST_ROW + offset
        sheet.write(row, 0, field.label, styles["label"])
        value = None if ret is None else ret.court_figures.get(field.key)
        if value is None:
            sheet.write_blank(row, 1, None, styles["input"])
        else:
            sheet.write_number(row, 1, int(value), styles["input"])
    sheet.data_validation(FIELDS_FIRST_ROW, 1, FIELDS_FIRST_ROW + len(ACTIVITY_FIELDS) - 1, 1, _whole_number_rule())
