"""The return template's layout, declared once: sheet names, field labels and where the tables start.

The template writer places things here; the reader finds them by label, so a workbook whose rows
were moved still reads.
"""

from __future__ import annotations

from dataclasses import dataclass

from analytics.domain import CASE_MEASURES, COURT_MEASURES, MEASURE_BY_KEY

SHEET_INSTRUCTIONS = "Hướng dẫn"
SHEET_META = "Thông tin"
SHEET_CASES = "Vụ việc"
SHEET_ACTIVITY = "Hoạt động"
SHEET_LISTS = "Danh mục"

TEMPLATE_VERSION = "2023.1"


@dataclass(frozen=True)
class Field:
    key: str
    label: str
    hint: str
    required: bool


# Measures asked on the metadata sheet (the court's size) and on the activity sheet.
META_MEASURES = ("judges", "units")
ACTIVITY_MEASURES = tuple(m.key for m in COURT_MEASURES if m.key not in META_MEASURES)

META_FIELDS: tuple[Field, ...] = (
    Field("court", "Tòa án", "Chọn trong danh sách", True),
    Field("year", "Năm thống kê", "Ví dụ: 2023 (từ 01/10/2022 đến 30/09/2023)", True),
    Field("period", "Kỳ báo cáo", "Chọn trong danh sách: lũy kế từ 01/10 hoặc riêng một quý", True),
    Field("judges", MEASURE_BY_KEY["judges"].label_vi, "Số Thẩm phán của Tòa án hai cấp", True),
    Field("units", MEASURE_BY_KEY["units"].label_vi, "Tòa án tỉnh + các Tòa án cấp huyện", True),
    Field("prepared_by", "Người lập biểu", "Họ và tên", False),
    Field("prepared_on", "Ngày lập", "dd/mm/yyyy", False),
    Field("notes", "Ghi chú", "Giải thích số liệu bất thường (nếu có)", False),
    Field("data_kind", "Loại số liệu", "Số liệu chính thức hoặc dữ liệu mẫu", False),
)
ACTIVITY_FIELDS: tuple[Field, ...] = tuple(
    Field(key, MEASURE_BY_KEY[key].label_vi, "", False) for key in ACTIVITY_MEASURES
)

DATA_KIND_OFFICIAL = "Số liệu chính thức"
DATA_KIND_SAMPLE = "Dữ liệu mẫu (tổng hợp, không phải số liệu thật)"

CASE_LABEL_HEADER = "Loại án"
ORDINAL_HEADER = "STT"
TOTAL_LABEL = "Tổng cộng"
CASE_HEADERS = (ORDINAL_HEADER, CASE_LABEL_HEADER) + tuple(m.label_vi for m in CASE_MEASURES)

# Zero-based positions the writer uses: a title, a subtitle, a blank row, then the table.
FIELDS_FIRST_ROW = 3
CASE_HEADER_ROW = 3
