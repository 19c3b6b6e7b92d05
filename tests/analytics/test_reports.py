"""Reports that leave the app, opened back with a reader: the comparison workbook (openpyxl, LibreOffice), both CSV
flavours (pandas), the quarterly PDF (pypdf), the chart files (HTML without a browser; PNG and SVG through kaleido
in the system's Chromium), and the command line that makes them."""

from __future__ import annotations

import concurrent.futures
import csv
import dataclasses
import datetime as dt
import importlib.util
import io
import json
import math
import os
import re
import shutil
import signal
import subprocess
import time
import warnings
import xml.etree.ElementTree as ET
from pathlib import Path

import openpyxl
import pandas as pd
import plotly.graph_objects as go
import pypdf
import pypdfium2 as pdfium
import pytest
from kaleido.errors import KaleidoError
from PIL import Image

from analytics.cli import main
from analytics.compute import tables
from analytics.compute.comparison import (
    COURT_WIDE_INDICATORS,
    SCORECARD,
    compare,
    court_label,
    indicators_for,
    short_label,
)
from analytics.compute.indicators import CLUSTER, INDICATOR_BY_KEY
from analytics.compute.profile import court_effort, court_indicators, radar_scores
from analytics.compute.targets import BEHIND_PACE, MET, NOT_MET, ON_PACE
from analytics.compute.trends import across_years, through_the_year
from analytics.domain import CASE_TYPE_KEYS, CASE_TYPES, cluster_courts
from analytics.outputs import chart_files, drawings, export, report_pdf
from analytics.outputs.bundle import Bundle, bundle
from analytics.outputs.charts import (
    GRID_CELL,
    MARK_SIZE,
    bar_chart,
    heat_map,
    radar_chart,
    small_charts,
    small_multiples,
    trend_chart,
    years_chart,
)
from analytics.outputs.files import FORMULA_TRIGGERS
from analytics.outputs.palette import STATUS_STYLES
from analytics.security import InvalidInput
from analytics.store.storage import Store

COURTS = [c.key for c in cluster_courts(2023)]
MADE_AT = dt.datetime(2026, 12, 2, 8, 30, tzinfo=dt.UTC)
# A comment as a court's staff might type it: diacritics, a line break, and text that markup or a spreadsheet
# would read as code.
COMMENT = "Đã rà soát số liệu quý.\n#strong[không in đậm] *không* = 1+1"


def comments_frame(*rows: tuple[str, int, str, str]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {"id": i, "court": c, "year": y, "period": p, "text": t, "author": "lan_sonla", "created_at": MADE_AT}
            for i, (c, y, p, t) in enumerate(rows, start=1)
        ]
    )


@pytest.fixture(scope="module")
def sample(sample_db: Path):
    store = Store(f"sqlite:///{sample_db}")
    yield store
    store.dispose()


def make_bundle(store: Store, year: int = 2023, period: str = "12", *, figures=None, **choices) -> Bundle:
    figures = store.figures() if figures is None else figures
    comparison = compare(figures, store.targets(year), store.returns(), year, period)
    return bundle(
        comparison,
        targets=store.targets(year),
        figures=figures[figures["year"] == year],
        returns=store.returns(year=year),
        comments=choices.pop("comments", comments_frame(("son_la", year, period, COMMENT))),
        stored_weights=store.ranking_weights(year),
        generated_by=choices.pop("generated_by", "cli:thu.ky"),
        generated_at=MADE_AT,
        **choices,
    )


@pytest.fixture(scope="module")
def full_year(sample) -> Bundle:
    return make_bundle(sample)


def opened(content: bytes) -> openpyxl.Workbook:
    """The workbook as openpyxl reads it; any warning it gives (a repair, an unknown part) fails the test."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        return openpyxl.load_workbook(io.BytesIO(content))


@pytest.fixture(scope="module")
def book(full_year) -> openpyxl.Workbook:
    return opened(export.workbook(full_year))


def header_row(sheet, first: str) -> int:
    return next(cell.row for cell in sheet["A"] if cell.value == first)


def row_of(sheet, label: str, column: str = "A", after: int = 0) -> int:
    return next(c.row for c in sheet[column] if c.value == label and c.row > after)


def summary_cell(sheet, court_shown: str, indicator: str, lang: str = "vi"):
    header = header_row(sheet, "Tòa án" if lang == "vi" else "Court")
    col = next(c.column for c in sheet[header] if c.value == short_label(indicator, lang))
    return sheet.cell(row_of(sheet, court_shown, after=header), col)


def column_width(sheet, column: int) -> float:
    """A column's width as written (XlsxWriter writes neighbours of one width as one range, which openpyxl keeps
    under the first column's letter); Excel's default without one."""
    widths = [d.width for d in sheet.column_dimensions.values() if d.min and d.max and d.min <= column <= d.max]
    return widths[0] if widths and widths[0] else 8.43


def rgb(colour: str) -> str:
    return "FF" + colour.lstrip("#").upper()


# --- the workbook -----------------------------------------------------------------------------------------------


def test_the_workbook_has_the_summary_raw_counts_per_case_group_the_targets_the_data_and_the_provenance(book):
    assert book.sheetnames == [
        "Tổng hợp",
        "SL Hình sự",
        "SL Nhóm dân sự",
        "SL Hành chính",
        "SL Biện pháp XLHC",
        "SL Phá sản",
        "Chỉ tiêu",
        "Dữ liệu",
        "Nguồn số liệu",
    ]


@pytest.mark.parametrize("status", [MET, NOT_MET])
def test_a_summary_cell_holds_the_value_with_its_mark_in_the_format_and_the_apps_colour(full_year, book, status):
    rows = full_year.comparison.scorecard()
    chosen = rows[(rows["status"] == status) & (rows["court"] != CLUSTER)].iloc[0]
    unit = INDICATOR_BY_KEY[chosen["indicator"]].unit

    cell = summary_cell(book["Tổng hợp"], court_label(chosen["court"]), chosen["indicator"])

    assert cell.value == pytest.approx(chosen["value"])
    mark = "✓" if status == MET else "✗"
    assert cell.number_format.startswith(f'"{mark} "')
    assert ("0.0 %" if unit == "rate" else "0") in cell.number_format
    assert cell.fill.fgColor.rgb == rgb(STATUS_STYLES[status].background)
    assert cell.font.color.rgb == rgb(STATUS_STYLES[status].colour)


def test_the_summary_has_rank_targets_met_comments_and_the_cluster_row_as_the_screen_does(full_year, book):
    sheet = book["Tổng hợp"]
    header = header_row(sheet, "Tòa án")
    names = [c.value for c in sheet[header]][:4]
    son_la = row_of(sheet, "Sơn La", after=header)
    cluster = row_of(sheet, "Toàn Cụm", after=header)
    met, judged = full_year.comparison.targets_met()["son_la"]

    assert names == ["Tòa án", "Hạng (tham khảo)", "Số chỉ tiêu đạt", "Ghi chú (số)"]
    assert sheet.cell(son_la, 2).value == full_year.ranks()["son_la"]
    assert (sheet.cell(son_la, 3).value, sheet.cell(son_la, 3).number_format) == (met, f'0"/{judged}"')
    assert sheet.cell(son_la, 4).value == 1  # the comment of the period
    assert cluster == son_la + 4  # Yên Bái, Phú Thọ, Hòa Bình, then the cluster row
    assert sheet.cell(cluster, 2).value is None  # the cluster has no rank
    assert sheet.freeze_panes == f"B{header + 1}"


def test_the_court_filter_chooses_the_rows_while_rank_and_the_cluster_row_cover_the_whole_cluster(sample, full_year):
    chosen = make_bundle(sample, courts=("son_la", "yen_bai"))
    sheet = opened(export.workbook(chosen))["Tổng hợp"]
    header = header_row(sheet, "Tòa án")

    shown = [c.value for c in sheet["A"] if c.row > header and c.value in {*map(court_label, COURTS), "Toàn Cụm"}]
    assert shown == ["Sơn La", "Yên Bái", "Toàn Cụm"]
    assert sheet.cell(row_of(sheet, "Yên Bái", after=header), 2).value == full_year.ranks()["yen_bai"]
    cluster = full_year.comparison.cluster().at["resolution_rate.all", "value"]
    assert summary_cell(sheet, "Toàn Cụm", "resolution_rate.all").value == pytest.approx(cluster)


def test_a_cluster_row_without_every_court_says_how_many_it_covers(sample):
    figures = sample.figures()
    without = figures[~((figures["year"] == 2023) & (figures["period"] == "12") & (figures["court"] == "hoa_binh"))]
    chosen = make_bundle(sample, figures=without)

    book = opened(export.workbook(chosen))

    assert "Toàn Cụm (6/7 Tòa án)" in [c.value for c in book["Tổng hợp"]["A"]]
    provenance = [c.value for row in book["Nguồn số liệu"].iter_rows() for c in row if isinstance(c.value, str)]
    assert "6/7 Tòa án (chưa có báo cáo: Hòa Bình)" in provenance


def test_a_partial_years_summary_shows_the_targets_its_colours_were_judged_against_and_each_columns_basis(sample):
    chosen = make_bundle(sample, 2023, "6")
    sheet = opened(export.workbook(chosen))["Tổng hợp"]
    header = header_row(sheet, "Tòa án")
    column = next(c.column for c in sheet[header] if c.value == short_label("online_hearings_per_unit"))
    rates = next(c.column for c in sheet[header] if c.value == short_label("resolution_rate.criminal"))
    target, basis = row_of(sheet, "Chỉ tiêu TANDTC", after=header), row_of(sheet, "Cách đánh giá", after=header)

    assert chosen.comparison.cluster().at["online_hearings_per_unit", "target"] == pytest.approx(1.5)
    assert sheet.cell(target, column).value == "≥ 1,5 (theo tiến độ thời gian)"
    assert sheet.cell(basis, rates).value == "tiến độ (chưa đánh giá)"
    assert summary_cell(sheet, "Lai Châu", "resolution_rate.criminal").number_format.startswith('"⋯ "')


def test_a_partial_year_without_an_earlier_year_says_why_its_rank_column_is_empty(sample):
    chosen = make_bundle(sample, 2023, "6")  # nothing before 2023 to project its year-end from
    sheet = opened(export.workbook(chosen))["Tổng hợp"]
    header = header_row(sheet, "Tòa án")
    notes = [c.value for c in sheet["A"] if c.row < header and isinstance(c.value, str)]

    assert chosen.ranks() == {}
    assert {sheet.cell(r, 2).value for r in range(header + 1, row_of(sheet, "Toàn Cụm", after=header))} == {None}
    assert "Chưa xếp hạng: kỳ chưa hết năm và chưa có năm trước nào được lưu để dự báo cuối năm." in notes
    assert set(export.scorecard_notes(chosen)) <= set(notes)  # the PDF report's notes are the same


def test_a_pro_rata_target_is_said_as_such_on_the_data_sheet_and_in_the_csv_for_excel_too(sample):
    chosen = make_bundle(sample, 2024, "6")
    sheet = opened(export.workbook(chosen))["Dữ liệu"]
    headers = [c.value for c in sheet[1]]
    rows = [dict(zip(headers, (c.value for c in row), strict=True)) for row in sheet.iter_rows(min_row=2)]
    data = next(r for r in rows if r["Mã Tòa án"] == "lai_chau" and r["Mã chỉ tiêu"] == "online_hearings_per_unit")
    text = export.csv_for_excel(chosen).decode("utf-8-sig")
    shown = next(
        r
        for r in csv.DictReader(io.StringIO(text), delimiter=";")
        if r["Tòa án"] == "Lai Châu" and r["Chỉ tiêu"] == "Phiên tòa trực tuyến / đơn vị"
    )

    assert data["Chỉ tiêu TANDTC"] == shown["Chỉ tiêu TANDTC"] == "≥ 1,5 (theo tiến độ thời gian)"
    overdue = next(r for r in rows if r["Mã Tòa án"] == "lai_chau" and r["Mã chỉ tiêu"] == "overdue_cases")
    assert overdue["Chỉ tiêu TANDTC"] == "= 0"  # judged at the period's end, as a year's


def test_a_groups_counts_sheet_holds_the_returns_figures_and_its_total_gives_the_summarys_rate(sample, full_year, book):
    sheet = book["SL Nhóm dân sự"]
    header = header_row(sheet, "Tòa án")
    headers = [c.value for c in sheet[header]]
    total = next(
        r
        for r in range(header + 1, sheet.max_row + 1)
        if sheet.cell(r, 1).value == "Sơn La" and sheet.cell(r, 2).value == "Cộng nhóm"
    )
    figures = sample.figures(year=2023)
    civil = figures[
        (figures["period"] == "12")
        & (figures["court"] == "son_la")
        & (figures["scope"].isin(["civil", "family", "commercial", "labour"]))
    ]

    assert headers[:9] == [
        "Tòa án",
        "Loại án",
        "Thụ lý cũ",
        "Thụ lý mới",
        "Tổng số thụ lý",
        "Đã giải quyết",
        "Còn lại",
        "Quá hạn luật định",
        "Tạm đình chỉ",
    ]
    accepted = sheet.cell(total, headers.index("Tổng số thụ lý") + 1)
    assert accepted.value == civil.loc[civil["measure"] == "accepted", "value"].sum()
    assert accepted.number_format == export.count_format("vi")  # 1.234 with a literal dot
    rate = sheet.cell(total, headers.index("Tỷ lệ giải quyết") + 1).value
    summary = full_year.comparison.rows.set_index(["court", "indicator"]).at[
        ("son_la", "resolution_rate.civil_group"), "value"
    ]
    assert rate == pytest.approx(summary)


@pytest.mark.parametrize(
    ("sheet_name", "named"),
    [("SL Hình sự", "Hình sự"), ("SL Hành chính", "Hành chính"), ("SL Phá sản", "Phá sản")],
)
def test_a_counts_sheets_note_names_its_case_group_not_its_sheet(book, sheet_name, named):
    sheet = book[sheet_name]

    note = next(c.value for c in sheet["A"] if isinstance(c.value, str) and "Số liệu gốc" in c.value)

    assert note.startswith(f"{named}. Số liệu gốc")


def test_the_group_filter_keeps_the_groups_indicators_and_its_counts_sheet_only(sample):
    chosen = make_bundle(sample, group="criminal")

    book = opened(export.workbook(chosen))

    assert book.sheetnames[:2] == ["Tổng hợp", "SL Hình sự"]
    assert "SL Nhóm dân sự" not in book.sheetnames
    header = header_row(book["Tổng hợp"], "Tòa án")
    columns = [c.value for c in book["Tổng hợp"][header]]
    assert "GQ hình sự" in columns and "GQ nhóm dân sự" not in columns


def test_the_targets_sheet_has_both_layers_comparators_in_words_values_as_percentages_and_sources(book):
    sheet = book["Chỉ tiêu"]
    header = header_row(sheet, "Chỉ tiêu")
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=header + 1)]
    criminal = [r for r in rows if r[6] == "resolution_rate.criminal"]
    overdue = next(r for r in rows if r[6] == "overdue_cases")
    cell = sheet.cell(header + 1 + rows.index(criminal[0]), 4)

    assert [r[1] for r in criminal] == ["Chỉ tiêu TANDTC", "Mức sàn Quốc hội"]
    assert [r[2] for r in criminal] == ["từ … trở lên (≥)", "trên (>)"]
    assert (cell.value, cell.number_format) == (pytest.approx(0.9), "0.0 %")
    assert "Chỉ thị 01/2024/CT-CA" in criminal[0][4] and criminal[0][5] == "cao"
    assert overdue[2] == "bằng"


def test_the_provenance_names_the_returns_and_versions_who_made_the_file_when_the_filters_and_the_comments(
    full_year, book
):
    sheet = book["Nguồn số liệu"]
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    facts: dict[str, object] = {}
    for r in values:  # the facts come first; the tables below repeat some of their words as headers
        if r[0] and r[1] is not None:
            facts.setdefault(r[0], r[1])
    used = full_year.used_returns()
    returns_header = next(i for i, r in enumerate(values) if r[:3] == ["Tòa án", "Kỳ", "Phiên bản"])
    listed = values[returns_header + 1 : returns_header + 1 + len(used)]

    assert facts["Số liệu đến ngày"] == "30/09/2023"
    assert facts["Lập lúc"] == "02/12/2026 15:30 (UTC+7)" and facts["Người lập tệp"] == "cli:thu.ky"
    assert facts["Nhóm án"] == "Tất cả các loại" and facts["Tòa án"] == "Tất cả các Tòa án của Cụm"
    assert [r[0] for r in listed] == [court_label(c) for c in COURTS]
    assert [r[2] for r in listed] == used["version"].tolist()
    assert [r[6] for r in listed] == used["filename"].tolist() and [r[7] for r in listed] == used["sha256"].tolist()
    assert any(r[:4] == ["Sơn La", "02/12/2026 15:30", "lan_sonla", COMMENT] for r in values)


def test_a_file_made_for_an_anonymous_reader_names_roles_not_people_and_leaves_out_who_prepared_a_return(sample):
    as_roles = lambda usernames: ["Cán bộ thống kê" for _ in usernames]  # noqa: E731 (the page's namer, in short)
    chosen = make_bundle(sample, names=as_roles, prepared=False, generated_by="Người xem")

    sheet = opened(export.workbook(chosen))["Nguồn số liệu"]
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    returns_header = next(i for i, r in enumerate(values) if r[:3] == ["Tòa án", "Kỳ", "Phiên bản"])
    listed = values[returns_header + 1 : returns_header + 1 + len(chosen.used_returns())]

    assert listed and {r[4] for r in listed} == {"Cán bộ thống kê"} and {r[5] for r in listed} <= {None, ""}
    assert any(r[:3] == ["Sơn La", "02/12/2026 15:30", "Cán bộ thống kê"] for r in values)
    assert "lan_sonla" not in {v for r in values for v in r}
    assert ["Người lập tệp", "Người xem"] in [r[:2] for r in values]


def test_every_sheet_prints_landscape_at_the_pages_width_with_its_header_row_title_and_page_numbers(book):
    for sheet in book.worksheets:
        assert sheet.page_setup.orientation == "landscape", sheet.title
        assert sheet.sheet_properties.pageSetUpPr.fitToPage and sheet.page_setup.fitToHeight == 0, sheet.title
        assert sheet.page_setup.fitToWidth in (None, 1), sheet.title  # 1 is the default XlsxWriter leaves out
        assert sheet.print_title_rows, sheet.title
        assert "Cụm thi đua số II" in sheet.oddHeader.left.text and "2023" in sheet.oddHeader.right.text
        assert sheet.oddFooter.right.text == "Trang &P / &N"


def test_the_columns_are_fitted_to_their_content(book):
    summary = book["Tổng hợp"]

    assert 14 <= summary.column_dimensions["A"].width <= 30
    assert book["Nguồn số liệu"].column_dimensions["H"].width >= 50  # a SHA-256 whole
    assert book["Chỉ tiêu"].column_dimensions["E"].width == pytest.approx(70, abs=1)  # sources wrap in a wide column


@pytest.fixture(scope="module")
def partial_book(sample) -> openpyxl.Workbook:
    return opened(export.workbook(make_bundle(sample, 2024, "6")))


@pytest.mark.parametrize("workbook", ["book", "partial_book", "english"])
def test_a_row_of_wrapped_text_is_as_tall_as_its_lines_so_that_no_reader_sees_them_overlap(request, workbook):
    """LibreOffice keeps a row without a height at one line, whatever its wrapped text needs: every such row is
    given its height (a line is 15 points at 11 points; a column holds at most its width in characters)."""
    book = request.getfixturevalue(workbook)
    short = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if not (isinstance(cell.value, str) and cell.alignment.wrap_text):
                    continue
                width = column_width(sheet, cell.column)
                lines = sum(max(1, math.ceil(len(part) / width)) for part in cell.value.split("\n"))
                height = sheet.row_dimensions[cell.row].height or 15
                if height < 15 * lines:
                    short.append((sheet.title, cell.coordinate, cell.value[:40], height, lines))

    assert not short


@pytest.mark.parametrize("workbook", ["book", "english"])
def test_every_text_and_figure_of_the_workbook_is_set_in_the_courts_font_not_a_mix(request, workbook):
    book = request.getfixturevalue(workbook)

    fonts = {
        (sheet.title, cell.coordinate): cell.font.name
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.value is not None and not re.fullmatch(r"[0-9a-f]{64}", str(cell.value))  # a SHA-256: Courier New
    }

    assert fonts and {place: font for place, font in fonts.items() if font != "Times New Roman"} == {}


def test_a_long_file_name_or_author_of_a_return_wraps_in_its_cell_of_the_provenance_instead_of_being_cut(sample):
    long_name = "Bao_cao_thong_ke_TAND_tinh_Son_La_quy_IV_nam_2023_ban_sua_lan_2_da_ra_soat_final_v3.xlsx"
    author = "Nguyễn Thị Thanh Hương, Phó Chánh án phụ trách công tác thống kê, Tòa án nhân dân tỉnh Sơn La"
    chosen = make_bundle(sample)
    mine = chosen.returns["court"] == "son_la"
    returns = chosen.returns.assign(
        filename=chosen.returns["filename"].mask(mine, long_name),
        prepared_by=chosen.returns["prepared_by"].mask(mine, author),
    )
    sheet = opened(export.workbook(dataclasses.replace(chosen, returns=returns)))["Nguồn số liệu"]

    cells = [c for row in sheet.iter_rows() for c in row if c.value in (long_name, author)]

    assert len(cells) == 2
    for cell in cells:
        width = column_width(sheet, cell.column)
        assert width < len(cell.value) and cell.alignment.wrap_text, cell.value  # it would not fit on one line
        assert sheet.row_dimensions[cell.row].height >= 15 * math.ceil(len(cell.value) / width)


@pytest.fixture(scope="module")
def english(sample) -> openpyxl.Workbook:
    return opened(export.workbook(make_bundle(sample, lang="en")))


@pytest.mark.parametrize("language", ["book", "english"])
def test_the_workbook_has_no_formula_anywhere(request, language):
    book = request.getfixturevalue(language)

    cells = [c for s in book.worksheets for row in s.iter_rows() for c in row if c.value is not None]

    assert cells and not [c.coordinate for c in cells if c.data_type == "f"]


def test_the_english_workbook_has_english_headers(english):
    header = header_row(english["Summary"], "Court")

    assert english.sheetnames[0] == "Summary" and english.sheetnames[-1] == "Provenance"
    assert [c.value for c in english["Summary"][header]][:4] == [
        "Court",
        "Rank (indicative)",
        "Targets met",
        "Comments (count)",
    ]
    assert summary_cell(english["Summary"], "Cluster total", "overdue_cases", "en").number_format.endswith(';"✗ "0')


def soffice() -> str:
    found = shutil.which("soffice")
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("CI needs LibreOffice (.ci/run installs libreoffice-calc-nogui)")
        pytest.skip("no LibreOffice: apt-get install libreoffice-calc-nogui to convert the workbook")
    return found


def test_libreoffice_converts_the_workbook_to_pdf_with_the_counts_grouped_as_written(full_year, tmp_path):
    command = soffice()
    path = tmp_path / "so_sanh.xlsx"
    path.write_bytes(export.workbook(full_year))

    done = subprocess.run(
        [
            command,
            f"-env:UserInstallation=file://{tmp_path / 'profile'}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(path),
        ],
        capture_output=True,
        timeout=180,
    )

    assert done.returncode == 0, done.stderr.decode()
    text = "".join(page.extract_text() for page in pypdf.PdfReader(tmp_path / "so_sanh.pdf").pages)
    assert "Lai Châu" in text and "✓" in text
    assert "1.060" in text  # Lai Châu's civil group accepted, with the literal dot whatever LibreOffice's locale


# --- CSV ----------------------------------------------------------------------------------------------------------


def test_the_csv_for_tools_parses_back_with_rates_as_rounded_fractions_and_vietnamese_headers(full_year):
    content = export.csv_for_tools(full_year)

    assert content.startswith("\ufeff".encode())
    text = content.decode("utf-8-sig")
    frame = pd.read_csv(io.StringIO(text))
    assert list(frame.columns[:4]) == ["Mã Tòa án", "Tòa án", "Mã chỉ tiêu", "Chỉ tiêu"]
    assert len(frame) == (len(COURTS) + 1) * len(SCORECARD)
    assert not re.search(r"\d\.\d{5,}", text)  # no float noise: at most 4 decimals
    rows = full_year.comparison.scorecard().set_index(["court", "indicator"])
    for row in frame.itertuples(index=False):
        expected = rows.at[(row[0], row[2]), "value"]
        assert row[6] == pytest.approx(round(expected, 4)) if not pd.isna(expected) else pd.isna(row[6])
    assert set(frame["Mã kết quả"]) <= {"met", "not_met", "no_target", "not_applicable"}


def test_the_csv_for_excel_has_semicolons_decimal_commas_and_the_values_as_the_screen_shows_them(full_year):
    content = export.csv_for_excel(full_year)

    assert content.startswith("\ufeff".encode())
    frame = pd.read_csv(io.StringIO(content.decode("utf-8-sig")), sep=";", dtype=str)
    lai_chau = frame[(frame["Tòa án"] == "Lai Châu") & (frame["Chỉ tiêu"] == "Tỷ lệ giải quyết – Hình sự")].iloc[0]
    assert list(frame.columns[:3]) == ["Tòa án", "Chỉ tiêu", "Giá trị"]
    assert (lai_chau["Giá trị"], lai_chau["Chỉ tiêu TANDTC"], lai_chau["Kết quả"]) == ("97,5 %", "≥ 90,0 %", "Đạt")
    civil = frame[(frame["Tòa án"] == "Lai Châu") & frame["Chỉ tiêu"].str.contains("Nhóm dân sự")].iloc[0]
    assert civil["Mẫu số"] == "1.060"
    assert (lai_chau["Mức sàn Quốc hội"], civil["Mức sàn Quốc hội"]) == ("> 88,0 %", "> 78,0 %")  # as the workbook's
    numbers = pd.read_csv(io.StringIO(content.decode("utf-8-sig")), sep=";", decimal=",", thousands=".")
    assert numbers["Mẫu số"].dropna().map(float.is_integer).all()  # 1.060 reads back as 1060
    assert pd.api.types.is_numeric_dtype(numbers["Chênh lệch so với chỉ tiêu (tỷ lệ: điểm %)"])


def test_the_csv_for_excel_writes_no_field_a_spreadsheet_would_evaluate_and_keeps_negative_margins_numbers(full_year):
    rows = list(csv.DictReader(io.StringIO(export.csv_for_excel(full_year).decode("utf-8-sig")), delimiter=";"))
    margins = [m for r in rows if (m := r["Chênh lệch so với chỉ tiêu (tỷ lệ: điểm %)"])]

    fields = [f for r in rows for f in (*r, *r.values())]
    starting = [f for f in fields if f.startswith(FORMULA_TRIGGERS) and not re.fullmatch(r"-\d+(,\d+)?", f)]
    assert starting == []
    assert any(m.startswith("-") for m in margins)  # a missed target's margin, a number Excel reads as negative
    assert "bằng 0" in {r["Chỉ tiêu TANDTC"] for r in rows}  # the overdue-cases target, "=" in words


# --- a case group's export: its own indicators, and the court-wide ones apart ----------------------------------------

COURT_WIDE_TITLE = "Chỉ tiêu chung của đơn vị — không theo loại án"


@pytest.fixture(scope="module")
def criminal(sample) -> Bundle:
    """The files of the criminal cases alone («Hình sự», the sidebar's case group)."""
    return make_bundle(sample, group="criminal")


def pdf_pages(chosen: Bundle) -> list[str]:
    return [page.extract_text() for page in pypdf.PdfReader(io.BytesIO(report_pdf.report(chosen))).pages]


@pytest.fixture(scope="module")
def criminal_report(criminal) -> list[str]:
    return pdf_pages(criminal)


def workbook_sections(content: bytes) -> dict[str, list[str]]:
    """The summary's titles over its columns → the columns (indicators' short labels) under each."""
    sheet = opened(content)["Tổng hợp"]
    header = header_row(sheet, "Tòa án")
    titles = {cell.column: cell.value for cell in sheet[header - 1] if cell.value}
    spans = {r.min_col: r.max_col for r in sheet.merged_cells.ranges if r.min_row == r.max_row == header - 1}
    return {
        title: [sheet.cell(header, col).value for col in range(first, spans.get(first, first) + 1)]
        for first, title in titles.items()
    }


def flat(text: str) -> str:
    return " ".join(text.split())


def test_a_case_groups_workbook_titles_its_own_columns_and_the_court_wide_ones_apart(criminal, full_year):
    sections = workbook_sections(export.workbook(criminal))

    assert sections == {
        "Nhóm án: Hình sự": ["GQ hình sự"],
        COURT_WIDE_TITLE: [short_label(k) for k in COURT_WIDE_INDICATORS],
    }
    assert workbook_sections(export.workbook(full_year)) == {}  # every case type: one table, nothing to part


def test_a_case_groups_data_sheet_and_both_csv_say_which_rows_are_the_groups_and_which_are_court_wide(criminal):
    sheet = opened(export.workbook(criminal))["Dữ liệu"]
    headers = [c.value for c in sheet[1]]
    data = pd.DataFrame([[c.value for c in row] for row in sheet.iter_rows(min_row=2)], columns=headers)
    tools = pd.read_csv(io.StringIO(export.csv_for_tools(criminal).decode("utf-8-sig")))
    excel = pd.read_csv(io.StringIO(export.csv_for_excel(criminal).decode("utf-8-sig")), sep=";", dtype=str)

    court_wide = list(COURT_WIDE_INDICATORS)
    names = [INDICATOR_BY_KEY[k].label("vi") for k in court_wide]
    for keys, scope in ((data["Mã chỉ tiêu"], data["Phạm vi"]), (tools["Mã chỉ tiêu"], tools["Phạm vi"])):
        assert list(keys[scope == "Nhóm án: Hình sự"].unique()) == ["resolution_rate.criminal"]
        assert list(keys[scope == COURT_WIDE_TITLE].unique()) == court_wide
    assert set(tools["Mã phạm vi"]) == {"criminal", "court"}
    assert list(excel.loc[excel["Phạm vi"] == "Nhóm án: Hình sự", "Chỉ tiêu"].unique()) == [
        "Tỷ lệ giải quyết – Hình sự"
    ]
    assert list(excel.loc[excel["Phạm vi"] == COURT_WIDE_TITLE, "Chỉ tiêu"].unique()) == names


def test_a_case_groups_report_titles_its_own_indicators_and_the_court_wide_ones_apart(criminal_report):
    summary = flat(next(p for p in criminal_report if "Tổng hợp toàn Cụm" in p))
    scorecard = flat(next(p for p in criminal_report if "Bảng kết quả các Tòa án" in p))
    court = flat(next(p for p in criminal_report if "Tòa án nhân dân tỉnh Lai Châu" in p and "Thứ hạng" in p))
    court_wide = [INDICATOR_BY_KEY[k].label("vi") for k in COURT_WIDE_INDICATORS]

    for page in (summary, court):  # one row an indicator: each under its section's title
        places = [page.index(t) for t in ["Nhóm án: Hình sự", "Tỷ lệ giải quyết – Hình sự", COURT_WIDE_TITLE]]
        places += [page.index(name) for name in court_wide]
        assert places == sorted(places)
    bands = scorecard.index("Nhóm án: Hình sự"), scorecard.index(COURT_WIDE_TITLE), scorecard.index("GQ hình sự")
    assert bands == tuple(sorted(bands))  # the titles over the columns' names


def test_a_case_groups_heat_map_names_its_own_columns_and_the_court_wide_ones_above_them(criminal):
    shown = criminal.shown

    svg = drawings.heat_svg(shown.rows, criminal.sections(), shown.courts() + [CLUSTER], "vi").decode()

    texts = re.findall(r"<!-- (.*?) -->", svg)  # matplotlib names each text it draws as outlines
    assert {"Nhóm án: Hình sự", COURT_WIDE_TITLE} <= set(texts)


@pytest.mark.parametrize("group", ["all", "criminal"])
def test_every_scorecard_cell_reads_the_same_on_the_dashboard_in_the_workbook_and_in_the_pdf(
    full_year, report, criminal, criminal_report, group
):
    chosen, pages = (full_year, report[1]) if group == "all" else (criminal, criminal_report)
    dashboard = tables.scorecard(chosen.shown, indicators_for(group), "vi", chosen.ranking, chosen.comment_counts())
    shown = dashboard.text("vi")  # as widgets.scorecard draws it
    columns = list(dashboard.values.columns[3:])  # after the rank, the targets met and the comments
    sheet = opened(export.workbook(chosen))["Tổng hợp"]
    header = header_row(sheet, "Tòa án")
    pdf = flat(next(p for p in pages if "Bảng kết quả các Tòa án" in p)).split(columns[-1], 1)[1]  # its rows

    assert [c.value for c in sheet[header]][4:] == [short_label(k) for k in indicators_for(group)] == columns
    for court in dashboard.values.index:
        rank = "" if pd.isna(dashboard.values.at[court, "indicative_rank"]) else shown.at[court, "indicative_rank"]
        cells = [shown.at[court, c] for c in columns]
        assert " ".join(filter(None, [court, rank, shown.at[court, "targets_met"]])) + " " in pdf, court
        assert " ".join(cells) in pdf, court
        row = row_of(sheet, court, after=header)
        for col, column in enumerate(columns, start=5):
            cell, value, text = sheet.cell(row, col), dashboard.values.at[court, column], shown.at[court, column]
            if pd.isna(value):
                assert cell.value == text == "không áp dụng", (court, column)
                continue
            marks = set(re.findall(r'"([✓✗↗↘⋯]) "', cell.number_format))  # each section of a count's format
            assert cell.value == pytest.approx(value), (court, column)
            assert marks == set(re.findall(r"^([✓✗↗↘⋯]) ", text)), (court, column)


# --- chart files ----------------------------------------------------------------------------------------------------


def test_the_bar_charts_target_and_floor_are_named_in_the_legend_not_written_over_the_last_bar(full_year):
    rows = full_year.comparison.indicator("resolution_rate.criminal")

    figure = bar_chart(rows, "resolution_rate.criminal", "vi")

    assert not figure.layout.annotations
    names = [t.name for t in figure.data if t.type == "scatter"]
    assert names == ["Chỉ tiêu TANDTC: 90,0 %", "Mức sàn Quốc hội: 88,0 %"]
    assert figure.layout.showlegend and figure.layout.legend.y < 0  # under the plot
    assert len(figure.layout.shapes) == 2


def test_the_trend_charts_target_is_named_in_the_legend_not_written_over_the_last_point(sample):
    rows = through_the_year(sample.figures(), sample.targets(), 2023, "resolution_rate.criminal")

    figure = trend_chart(rows, "resolution_rate.criminal", "vi", annual_target=0.9)

    assert not figure.layout.annotations
    assert "Chỉ tiêu TANDTC: 90,0 %" in [t.name for t in figure.data]
    assert len(figure.layout.shapes) == 1


def test_the_year_over_year_bars_leave_room_for_their_upright_values_and_never_cut_one(sample):
    rows = across_years(sample.figures(), sample.targets(), "12", "resolution_rate.all")
    rows = rows[rows["court"] != CLUSTER]

    figure = years_chart(rows, "resolution_rate.all", "vi")

    tallest = rows["value"].max() * 100
    assert figure.layout.yaxis.range[1] >= tallest * 1.15  # about 55 px for "97,2 %" written upright
    assert all(bar.cliponaxis is False for bar in figure.data)


def test_the_year_over_year_values_too_small_to_read_are_left_out_rather_than_shrunk_to_specks(sample):
    rows = across_years(sample.figures(), sample.targets(), "12", "resolution_rate.all")

    figure = years_chart(rows[rows["court"] != CLUSTER], "resolution_rate.all", "vi")

    # On a phone seven bars a year are a few pixels wide: Plotly shrank each label to its bar, 3 px high.
    assert figure.layout.uniformtext.mode == "hide" and figure.layout.uniformtext.minsize >= 9


def test_the_ranked_bars_values_may_pass_the_axis_top_rather_than_be_cut(full_year):
    figure = bar_chart(full_year.comparison.indicator("resolution_rate.all"), "resolution_rate.all", "vi")

    assert [t.cliponaxis for t in figure.data if t.type == "bar"] == [False]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_each_small_chart_of_the_case_types_names_its_courts_under_their_bars_and_has_its_whole_title(full_year, lang):
    figure = small_multiples(full_year.comparison.rows, CASE_TYPE_KEYS, lang)

    for bars in figure.data:  # each chart sorts the courts by its own rate: their colours alone would not say which
        axis = figure.layout[bars.xaxis.replace("x", "xaxis")]
        assert axis.showticklabels is not False and axis.tickangle == -90
        assert set(bars.x) <= {court_label(c, lang) for c in COURTS}
    titles = [a.text.replace("<br>", " ") for a in figure.layout.annotations]
    assert titles == [c.label(lang) for c in CASE_TYPES]  # «Áp dụng biện pháp xử lý hành chính tại Tòa án» whole


@pytest.mark.parametrize(
    ("lang", "quarters"), [("vi", ["Quý I", "Quý II", "Quý III", "Quý IV"]), ("en", ["Q1", "Q2", "Q3", "Q4"])]
)
def test_the_quarters_alone_are_named_as_the_template_names_them_in_each_language(sample, lang, quarters):
    rows = through_the_year(sample.figures(), sample.targets(), 2023, "resolution_rate.criminal", quarters=True)

    figure = trend_chart(rows, "resolution_rate.criminal", lang)

    assert {tuple(line.x) for line in figure.data} == {tuple(quarters)}


@pytest.mark.parametrize(("lang", "zero"), [("vi", "0,0 %"), ("en", "0.0 %")])
def test_a_court_at_0_percent_in_a_small_chart_has_its_value_written_where_its_bar_has_no_height(full_year, lang, zero):
    rows = full_year.comparison.rows
    rows = rows.assign(
        value=rows["value"].mask(
            (rows["court"] == "son_la") & (rows["indicator"].str.startswith("resolution_rate.")), 0.0
        )
    )

    figure = small_multiples(rows, CASE_TYPE_KEYS, lang)

    for bars in figure.data:
        written = dict(zip(bars.x, bars.text, strict=True))
        assert written[court_label("son_la", lang)] == zero
        assert set(written.values()) == {zero, ""} and bars.cliponaxis is False


def test_case_types_without_any_rate_make_an_empty_grid_not_an_error(full_year):
    figure = small_multiples(full_year.comparison.rows.iloc[0:0], CASE_TYPE_KEYS)

    assert not figure.data and not figure.layout.annotations
    assert small_charts(figure) == []


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_small_charts_apart_are_the_grids_charts_for_a_screen_to_lay_out_by_its_width(full_year, lang):
    grid = small_multiples(full_year.comparison.rows, CASE_TYPE_KEYS, lang)

    apart = small_charts(grid)

    assert len(apart) == len(grid.data) == len(CASE_TYPES)
    for chart, bars, title in zip(apart, grid.data, grid.layout.annotations, strict=True):
        (alone,) = chart.data
        assert (list(alone.x), list(alone.y), alone.marker.color, alone.text) == (
            list(bars.x),
            list(bars.y),
            bars.marker.color,
            bars.text,
        )
        assert chart.layout.annotations[0].text == title.text  # its whole title, wrapped as in the grid
        assert chart.layout.xaxis.tickangle == -90 and chart.layout.yaxis.range == (0, 105)
        assert chart.layout.separators == grid.layout.separators
        # A grid's cell of room, in pixels: the title's two lines, the bars, the courts' names upright under them.
        assert chart.layout.height - chart.layout.margin.t - chart.layout.margin.b == GRID_CELL


def test_a_heat_maps_marks_keep_the_pages_size_however_narrow_the_cells_and_the_margin_is_written_under_them(full_year):
    comparison = full_year.comparison

    figure = heat_map(comparison.rows, SCORECARD, comparison.courts(), "vi")

    # Plotly writes a heat map's own texts at one size, fitted to the longest in the narrowest cell: on a phone
    # «✓ +5,9 điểm %» was 2 px high. The marks are a text layer of their own at a size Plotly does not change.
    cells, marks = figure.data[0], figure.data[1]
    assert (marks.type, marks.mode, marks.textfont.size) == ("scatter", "text", MARK_SIZE) and MARK_SIZE >= 14
    assert list(marks.x) == [x for _ in cells.y for x in cells.x] and list(marks.y) == [
        y for y in cells.y for _ in cells.x
    ]
    at = {(y, x): i for i, (y, x) in enumerate(zip(marks.y, marks.x, strict=True))}
    overdue = (list(cells.y).index("Yên Bái"), list(cells.x).index("Án quá hạn"))
    assert marks.text[at["Yên Bái", "Án quá hạn"]] == "✗" and cells.text[overdue[0]][overdue[1]] == " <br>−3"
    assert not [text for line in cells.text for text in line if "✓" in text or "✗" in text]
    # Each mark in the colour Plotly gives a cell's own text: dark grey on each cell of the scale, light at both ends
    # (white on the darker orange read at 3,9:1; tests/analytics/test_palette.py).
    inks = {
        z: marks.textfont.color[at[y, x]]
        for line, y in zip(cells.z, cells.y, strict=True)
        for z, x in zip(line, cells.x, strict=True)
    }
    assert (inks[10.0], inks[0.0], inks[-10.0]) == ("#444444", "#444444", "#444444")


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_radars_labels_are_whole_and_short_enough_a_line_to_fit_beside_the_ring(full_year, lang):
    scores = radar_scores(court_indicators(full_year.comparison, "son_la", SCORECARD))

    figure = radar_chart(scores, lang, court="son_la")

    labels = list(figure.data[1].theta[:-1])
    assert [label.replace("<br>", " ") for label in labels] == [short_label(k, lang) for k in scores.index]
    # "Overturned (subjective)" on one line lost its start at the left edge of the profile's column.
    assert max(len(line) for label in labels for line in label.split("<br>")) <= 18
    assert figure.layout.margin.l >= 110 and figure.layout.margin.r >= 110


def test_a_radars_rings_are_named_four_times_level_and_between_two_spokes(full_year):
    scores = radar_scores(court_indicators(full_year.comparison, "son_la", SCORECARD))

    axis = radar_chart(scores, "vi", court="son_la").layout.polar.radialaxis

    assert list(axis.range) == [0, 150] and axis.dtick == 50  # 0, 50, 100, 150 %: every 20 % they ran together
    step = 360 / len(scores)  # the first spoke points right, the others follow anticlockwise
    assert axis.angle % step == pytest.approx(step / 2)  # crossing no spoke and no spoke's name
    assert axis.tickangle == axis.angle  # Plotly turns a radial axis's labels by its angle: written level


def test_a_chart_becomes_a_self_contained_html_file_without_a_browser(full_year):
    figure = bar_chart(
        full_year.comparison.indicator("resolution_rate.all"), "resolution_rate.all", "vi", "Tỷ lệ giải quyết"
    )

    content = chart_files.chart_file(figure, "html")

    page = content.decode("utf-8")
    assert page.startswith("<!doctype html>") and page.rstrip().endswith("</html>")
    assert page.count('<meta charset="utf-8"') == 1
    assert "<title>Tỷ lệ giải quyết</title>" in page and json.dumps("Điện Biên") in page  # the figure's data
    assert "Plotly.newPlot" in page and len(content) > 3_000_000  # plotly.js is inside
    assert not re.search(r"<script[^>]+src=", page)  # nothing loaded from elsewhere
    assert chart_files.chart_formats_available()["html"] is None


def test_a_chart_kept_as_a_dict_by_the_page_gives_the_same_file_name_fingerprint_and_drawing(full_year):
    figure = bar_chart(
        full_year.comparison.indicator("resolution_rate.all"), "resolution_rate.all", "vi", "Tỷ lệ – 2023"
    )
    kept = figure.to_dict()

    assert chart_files.file_name(kept, "svg") == chart_files.file_name(figure, "svg") == "ty_le_2023.svg"
    assert chart_files.fingerprint(kept) == chart_files.fingerprint(figure)
    assert chart_files.fingerprint(figure.update_layout(title_text="")) != chart_files.fingerprint(kept)
    assert chart_files.file_name(figure, "png") == "bieu_do.png"  # no title: a plain name still
    assert "<title>Tỷ lệ – 2023</title>".encode() in chart_files.chart_file(kept, "html")


def test_without_chromium_png_and_svg_say_why_in_vietnamese(monkeypatch, full_year):
    monkeypatch.setenv(chart_files.CHROMIUM_VARIABLE, "/khong/co/chromium")
    figure = bar_chart(full_year.comparison.indicator("resolution_rate.all"), "resolution_rate.all", "vi")

    available = chart_files.chart_formats_available()

    assert available["html"] is None
    assert "Chromium" in available["png"] and "HTML" in available["png"] and available["svg"] == available["png"]
    with pytest.raises(chart_files.ChartFileUnavailable) as refused:
        chart_files.chart_file(figure, "png")
    assert refused.value.message == available["png"]


def need_chromium() -> None:
    if chart_files.chromium() is None:
        if os.environ.get("CI"):
            pytest.fail("CI needs Chromium (.ci/run installs Debian's chromium)")
        pytest.skip("no Chromium: PNG and SVG chart files cannot be drawn here")


def test_png_at_print_resolution_and_svg_are_drawn_by_the_system_chromium(full_year):
    need_chromium()
    figure = bar_chart(full_year.comparison.indicator("resolution_rate.all"), "resolution_rate.all", "vi", "So sánh")

    png = chart_files.chart_file(figure, "png")
    svg = chart_files.chart_file(figure, "svg")

    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    assert Image.open(io.BytesIO(png)).size == (3500, 1750)  # A4 landscape's width at 300 dpi
    root = ET.fromstring(svg)
    assert root.tag.endswith("svg") and "Điện Biên" in svg.decode("utf-8")


def until(condition, seconds: float = 20) -> bool:
    """Whether the condition holds within the time (asked every 0,1 s): for what a process does on its own."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.1)
    return True


def gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


def titled(title: str):
    return go.Figure(go.Bar(x=["Lai Châu", "Sơn La"], y=[3, 4]), layout_title_text=title)


def test_chart_images_are_drawn_in_one_chromium_kept_open_each_caller_gets_its_own_and_a_dead_one_is_replaced():
    need_chromium()
    browser = chart_files.ChartBrowser()
    try:
        first = browser.draw(titled("Thứ nhất"), "png")
        started = browser.pid
        with concurrent.futures.ThreadPoolExecutor(2) as pool:  # two sessions asking at once
            drawn = list(pool.map(lambda title: browser.draw(titled(title), "svg"), ["Một", "Hai"]))

        assert first.startswith(b"\x89PNG") and browser.starts == 1 and browser.pid == started
        assert ["Một" in svg.decode() for svg in drawn] == [True, False]
        assert ["Hai" in svg.decode() for svg in drawn] == [False, True]

        os.kill(started, signal.SIGKILL)  # Chromium dies between two images
        assert until(lambda: gone(started))
        again = browser.draw(titled("Sau"), "png")

        assert again.startswith(b"\x89PNG") and browser.starts == 2 and browser.pid not in (None, started)
    finally:
        browser.close()
    assert browser.pid is None and until(lambda: gone(started))


def test_a_figure_kaleido_refuses_is_reported_and_the_chromium_kept_for_the_next_image():
    need_chromium()
    # The server's own browser, kept open for every image (the PNG and SVG spec above draws in it too): this spec is
    # about keeping a Chromium, so it need not start one of its own (seconds on 2 cores).
    browser = chart_files._CHART_BROWSER
    browser.draw(titled("Một"), "svg")
    started, starts = browser.pid, browser.starts

    with pytest.raises(KaleidoError):
        browser.draw({"data": "không phải danh sách"}, "svg")  # plotly.js's page refuses it

    assert browser.starts == starts and browser.pid == started
    assert browser.draw(titled("Hai"), "svg").startswith(b"<svg") and browser.starts == starts


def test_an_image_waiting_too_long_for_the_one_being_drawn_is_told_the_server_is_busy(monkeypatch, full_year):
    browser = chart_files.ChartBrowser()
    monkeypatch.setattr(chart_files, "BUSY_SECONDS", 0.1)
    monkeypatch.setattr(chart_files, "_CHART_BROWSER", browser)
    monkeypatch.setattr(chart_files, "_why_not_images", lambda: None)
    figure = bar_chart(full_year.comparison.indicator("resolution_rate.all"), "resolution_rate.all", "vi")
    browser._lock.acquire()  # another session's image is being drawn
    try:
        with pytest.raises(chart_files.ChartFileUnavailable) as busy:
            chart_files.chart_file(figure, "png")
    finally:
        browser._lock.release()

    assert busy.value.message.startswith("Máy chủ đang vẽ một ảnh khác nên chưa vẽ được ảnh PNG")
    assert browser.starts == 0


def test_the_chart_chromium_is_closed_once_no_image_was_asked_for_during_its_idle_time():
    need_chromium()
    browser = chart_files.ChartBrowser(idle_seconds=0.5)
    try:
        browser.draw(titled("Một"), "svg")
        started = browser.pid

        assert started is not None
        assert until(lambda: browser.pid is None) and until(lambda: gone(started))
        assert browser.draw(titled("Hai"), "svg").startswith(b"<svg") and browser.starts == 2  # started again
    finally:
        browser.close()


# --- the PDF report ---------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def report(full_year) -> tuple[bytes, list[str]]:
    content = report_pdf.report(full_year)
    return content, [page.extract_text() for page in pypdf.PdfReader(io.BytesIO(content)).pages]


def test_the_report_names_every_court_with_its_diacritics(report):
    _, pages = report
    text = "\n".join(pages)

    for court in cluster_courts(2023):
        assert court.name_vi in text, court.name_vi  # "Tòa án nhân dân tỉnh Điện Biên"
    assert "DỮ LIỆU MẪU" in pages[0] and "Số liệu đến ngày 30/09/2023" in pages[0]


def test_the_report_holds_every_figure_of_the_scorecard(full_year, report):
    _, pages = report
    scorecard = next(p for p in pages if "Bảng kết quả các Tòa án" in p)
    rows = full_year.comparison.scorecard()
    goals = full_year.comparison.cluster()["target"]

    from analytics.compute.comparison import scorecard_text

    for row in rows.itertuples(index=False):
        shown = scorecard_text(row.value, row.status, row.indicator, "vi", goals.get(row.indicator))
        assert shown.split(" ", 1)[-1] in scorecard, (row.court, row.indicator, shown)


def test_the_report_has_a_page_per_court_page_numbers_and_embedded_fonts(report):
    content, pages = report
    reader = pypdf.PdfReader(io.BytesIO(content))
    fonts = {
        str(font["/BaseFont"]): "/FontFile2" in font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
        for page in reader.pages
        for font in (f.get_object() for f in page["/Resources"]["/Font"].values())
    }

    assert all(f"Trang {i} / {len(pages)}" in page for i, page in enumerate(pages, start=1))
    court_pages = [p for p in pages if "Các chỉ tiêu so với chỉ tiêu TANDTC và Toàn Cụm" in p]
    assert len(court_pages) == len(COURTS)
    assert any("NotoSans" in name for name in fonts) and all(fonts.values())  # every font embedded


def test_the_reports_national_results_name_their_source(report):
    _, pages = report
    summary = " ".join(next(p for p in pages if "Tổng hợp toàn Cụm" in p).split())

    assert "Toàn quốc" in summary and "89,2 %" in summary  # 540.490 / 606.209, the resolution rate of 2023
    assert "nguồn: Báo cáo của Chánh án TANDTC 21/11/2023: thụ lý 606.209, giải quyết 540.490" in summary


def test_a_year_without_national_results_has_no_empty_national_column(sample):
    chosen = make_bundle(sample, 2024, "12", courts=("son_la",))

    pages = [p.extract_text() for p in pypdf.PdfReader(io.BytesIO(report_pdf.report(chosen))).pages]

    summary = " ".join(next(p for p in pages if "Tổng hợp toàn Cụm" in p).split())
    assert "Cách đánh giá" in summary and "Toàn quốc" not in summary


def test_a_long_file_name_without_spaces_wraps_inside_its_cell_instead_of_running_over_the_next_and_off_the_page(
    sample,
):
    long_name = "Bao_cao_thong_ke_TAND_tinh_Son_La_quy_IV_nam_2023_ban_sua_lan_2_da_ra_soat_final_v3.xlsx"
    chosen = make_bundle(sample, courts=("son_la",))
    named = chosen.returns["filename"].mask(chosen.returns["court"] == "son_la", long_name)
    chosen = dataclasses.replace(chosen, returns=chosen.returns.assign(filename=named))

    document = pdfium.PdfDocument(report_pdf.report(chosen))
    try:
        page = next(p for p in document if "Các báo cáo đã dùng" in p.get_textpage().get_text_range())
        text = page.get_textpage()
        right_margin = page.get_width() - 1.5 / 2.54 * 72  # the template's 1,5 cm
        beyond = [
            text.get_text_range(i, 1) for i in range(text.count_chars()) if text.get_charbox(i)[2] > right_margin + 1
        ]
        shown = text.get_text_range().replace("\r", "").replace("\n", "")
    finally:
        document.close()

    assert beyond == []
    assert long_name in shown  # whole, no invisible character in it: only its lines are broken


def test_the_headline_charts_of_every_case_type_say_under_them_why_they_have_no_target_line(sample, report):
    charts = flat(next(p for p in report[1] if "So sánh các Tòa án: Tỷ lệ giải quyết – Tất cả các loại" in p))
    english = make_bundle(sample, lang="en", courts=("son_la",))
    charts_en = flat(next(p for p in pdf_pages(english) if "The courts compared:" in p))

    assert (
        "Không có một chỉ tiêu TANDTC chung cho tất cả các loại án, nên các biểu đồ của chỉ tiêu này không có đường "
        "chỉ tiêu: chỉ tiêu đặt riêng cho từng nhóm án (Hình sự ≥ 90,0 %; Nhóm dân sự (dân sự, HNGĐ, KDTM, lao động) "
        "≥ 85,0 %; Hành chính ≥ 65,0 %; Biện pháp xử lý hành chính ≥ 99,0 %), xem bảng kết quả."
    ) in charts
    assert "Qua các kỳ của năm: Tỷ lệ giải quyết – Tất cả các loại" in charts  # the year's path still on the same page
    assert "No single TANDTC target applies to all case types together" in charts_en
    assert "(Criminal ≥ 90.0 %; Civil group ≥ 85.0 %; Administrative ≥ 65.0 %;" in charts_en


def test_a_case_groups_headline_chart_draws_its_target_and_floor_and_needs_no_such_note(criminal, criminal_report):
    charts = flat(next(p for p in criminal_report if "So sánh các Tòa án: Tỷ lệ giải quyết – Hình sự" in p))
    rows = criminal.shown.indicator("resolution_rate.criminal")

    texts = re.findall(r"<!-- (.*?) -->", drawings.bar_svg(rows, "resolution_rate.criminal", "vi").decode())

    assert {"Chỉ tiêu TANDTC: 90,0 %", "Mức sàn Quốc hội: 88,0 %"} <= set(texts)  # the legend of its two lines
    assert "đường chỉ tiêu" not in charts


def test_a_case_group_without_a_target_that_year_says_so_under_its_headline_chart(sample):
    figures, targets = sample.figures(), sample.targets(2023)
    targets = targets[targets["indicator"] != "resolution_rate.criminal"]  # an administrator took it out
    chosen = bundle(
        compare(figures, targets, sample.returns(), 2023, "12"),
        targets=targets,
        figures=figures[figures["year"] == 2023],
        returns=sample.returns(year=2023),
        comments=comments_frame(("son_la", 2023, "12", COMMENT)),
        stored_weights=sample.ranking_weights(2023),
        generated_by="cli:thu.ky",
        group="criminal",
        courts=("son_la",),
    )

    charts = flat(next(p for p in pdf_pages(chosen) if "So sánh các Tòa án: Tỷ lệ giải quyết – Hình sự" in p))

    assert (
        "Năm 2023 không có chỉ tiêu TANDTC cho chỉ tiêu này, nên các biểu đồ của nó không có đường chỉ tiêu." in charts
    )


def test_a_comment_is_printed_as_typed_on_its_courts_page_never_read_as_markup(report):
    _, pages = report
    son_la = next(p for p in pages if "Tòa án nhân dân tỉnh Sơn La" in p and "Ghi chú của kỳ" in p)

    assert "#strong[không in đậm] *không* = 1+1" in son_la
    assert "lan_sonla, 02/12/2026 15:30" in son_la  # 08:30 UTC on the courts' clock


@pytest.fixture(scope="module")
def partial_report(sample) -> tuple[Bundle, list[str]]:
    """The report of 6 months of 2024 (2023 is stored: its resolution rates are projected to the year-end)."""
    chosen = make_bundle(sample, 2024, "6")
    return chosen, [p.extract_text() for p in pypdf.PdfReader(io.BytesIO(report_pdf.report(chosen))).pages]


def test_a_partial_year_report_shows_the_progress_basis_and_the_projection(partial_report):
    chosen, pages = partial_report

    text = "\n".join(pages)
    assert "tiến độ (chưa đánh giá)" in text and "Dự báo cuối năm" in text
    assert "6 tháng (01/10 – 31/03)" in pages[0]
    court_page = " ".join(text.split()).split("Hạng (tham khảo): ")[1]  # the first court's pages: Lai Châu
    assert "Cần làm gì đến 30/09 để đạt chỉ tiêu" in court_page
    criminal = court_effort(chosen.comparison, "lai_chau").set_index("group").loc["criminal"]
    needed = math.ceil(criminal["target"] * criminal["expected_accepted"]) - criminal["resolved"]
    assert f"Hình sự (≥ 90,0 %): cần giải quyết thêm khoảng {needed:.0f} vụ, việc" in court_page
    statuses = set(chosen.comparison.scorecard()["status"])
    assert {ON_PACE, BEHIND_PACE} & statuses  # counts judged pro rata


def test_a_partial_years_scorecard_says_its_indicative_rank_is_on_projected_year_end_values_as_the_workbook_does(
    partial_report,
):
    chosen, pages = partial_report
    scorecard = " ".join(next(p for p in pages if "Bảng kết quả các Tòa án" in p).split())
    summary = opened(export.workbook(chosen))["Tổng hợp"]
    workbook_notes = [c.value for c in summary["A"] if isinstance(c.value, str)]

    assert chosen.comparison.projected and chosen.ranks()
    assert "Kỳ chưa hết năm: hạng tính trên giá trị dự báo cuối năm." in workbook_notes
    assert "Kỳ chưa hết năm: hạng tính trên giá trị dự báo cuối năm." in scorecard
    assert "Hạng chỉ để tham khảo: kết quả thi đua chính thức do Cụm bình xét, bỏ phiếu." in scorecard


def test_a_partial_years_pro_rata_target_is_said_as_such_wherever_the_report_prints_it(partial_report):
    chosen, pages = partial_report
    summary = " ".join(next(p for p in pages if "Tổng hợp toàn Cụm" in p).split())
    court_page = " ".join(next(p for p in pages if "Tòa án nhân dân tỉnh Lai Châu Hạng" in " ".join(p.split())).split())

    assert chosen.comparison.cluster().at["online_hearings_per_unit", "target"] == pytest.approx(1.5)  # 3 a year
    assert "Phiên tòa trực tuyến / đơn vị ↗ 2,9 ≥ 1,5 (theo tiến độ thời gian)" in summary
    hearings = court_page.split("Phiên tòa trực tuyến / đơn vị ")[1]
    assert " ≥ 1,5 (theo tiến độ thời gian) " in hearings.split("Tỷ lệ công bố")[0]


def test_a_missing_piece_is_a_clear_message_not_a_traceback(monkeypatch, full_year):
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "typst" else real(name, *a))

    with pytest.raises(report_pdf.ReportUnavailable) as refused:
        report_pdf.report(full_year)

    assert "chưa cài thư viện typst" in refused.value.message and "Excel" in refused.value.message


# --- what the page and the command line call ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("choice", "said"),
    [
        ({"group": "dan_su"}, "Nhóm án «dan_su» không có"),
        ({"courts": ("ha_noi",)}, "Tòa án ha_noi không thuộc Cụm năm 2023"),
        ({"lang": "fr"}, "Ngôn ngữ «fr» không có"),
    ],
)
def test_an_unknown_filter_is_refused_in_vietnamese(sample, choice, said):
    with pytest.raises(InvalidInput) as refused:
        make_bundle(sample, **choice)

    assert said in refused.value.message


@pytest.mark.parametrize(
    ("kind", "magic"),
    [
        ("xlsx", b"PK\x03\x04"),
        ("csv", "\ufeffMã Tòa án,".encode()),
        ("csv-excel", "\ufeffTòa án;".encode()),
        ("pdf", b"%PDF-"),
    ],
)
def test_the_export_command_writes_each_format(sample, tmp_path, capsys, kind, magic):
    out = tmp_path / export.FORMATS[kind][0].lstrip("_")
    arguments = ["export", "--year", "2023", "--period", "9", "--format", kind, "--out", str(out)]

    code = main([*arguments, "--group", "civil_group", "--courts", "son_la,yen_bai", "--db", sample.url])

    assert code == 0, capsys.readouterr().err
    assert out.read_bytes().startswith(magic)
    assert str(out) in capsys.readouterr().out


def test_the_export_command_says_what_is_wrong_with_a_court_and_writes_nothing(sample, tmp_path, capsys):
    out = tmp_path / "x.xlsx"

    code = main(
        ["export", "--year", "2023", "--period", "12", "--courts", "ha_noi", "--out", str(out), "--db", sample.url]
    )

    assert code == 2 and not out.exists()
    error = capsys.readouterr().err
    assert error.startswith("Lỗi: Tòa án ha_noi không thuộc Cụm") and "Traceback" not in error


def test_file_names_say_the_year_period_group_and_language(full_year, sample):
    criminal = make_bundle(sample, group="criminal", lang="en")

    assert export.file_name(full_year, "xlsx") == "so_sanh_cum_II_2023_12.xlsx"
    assert export.file_name(full_year, "csv-excel") == "so_sanh_cum_II_2023_12_excel.csv"
    assert export.file_name(criminal, "pdf") == "bao_cao_cum_II_2023_12_criminal_en.pdf"


def test_the_screen_and_the_files_take_their_status_colours_from_one_place():
    from ui.widgets import STYLES  # the scorecard on screen (a pandas Styler's CSS)

    assert {status: STYLES[status] for status in STATUS_STYLES} == {s: v.css() for s, v in STATUS_STYLES.items()}
    assert STYLES[MET] == "background-color: #E3F4E6; color: #0B5D1E"
