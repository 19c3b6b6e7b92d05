"""The secretariat takes the files to the conference: in real Chromium against the real server, each file of the
export page and a chart's files on the compare page (HTML, PNG, SVG) are downloaded, and each is what it claims to
be."""

from __future__ import annotations

import io
import re

import openpyxl
import pypdf
from playwright.sync_api import expect

from tests.e2e.test_journeys import deep_link, ready

COURT = "Điện Biên"  # a court name with diacritics, as every file must carry it
DRAWING_MS = 120_000  # the first picture starts the chart Chromium (kaleido): seconds alone, longer in the suite


def downloaded(page, name: str) -> bytes:
    """Clicks the button with this name and returns the bytes the browser saved."""
    with page.expect_download(timeout=DRAWING_MS) as download:
        page.get_by_role("button", name=re.compile(re.escape(name))).first.click()
    return download.value.path().read_bytes()


def workbook_texts(content: bytes) -> set[str]:
    book = openpyxl.load_workbook(io.BytesIO(content))
    return {c.value for s in book.worksheets for row in s.iter_rows() for c in row if isinstance(c.value, str)}


def test_the_secretariat_downloads_every_file_of_the_export_page_and_a_charts_files(page, server):
    deep_link(page, server[0], "/xuat-du-lieu?nam=2023&ky=12")

    xlsx = downloaded(page, "Tải bảng Excel (.xlsx)")
    for_excel = downloaded(page, "Tải CSV cho Excel tiếng Việt")
    for_tools = downloaded(page, "Tải CSV cho phần mềm")
    page.get_by_role("button", name=re.compile("Lập báo cáo PDF")).click()
    expect(page.get_by_role("button", name=re.compile("Tải báo cáo PDF"))).to_be_visible(timeout=DRAWING_MS)
    pdf = downloaded(page, "Tải báo cáo PDF")

    assert xlsx.startswith(b"PK") and COURT in workbook_texts(xlsx)
    assert for_excel.startswith("\ufeff".encode()) and COURT in for_excel.decode("utf-8-sig")
    assert ";" in for_excel.decode("utf-8-sig").splitlines()[0]
    assert "," in for_tools.decode("utf-8-sig").splitlines()[0] and COURT in for_tools.decode("utf-8-sig")
    assert pdf.startswith(b"%PDF")
    assert COURT in "".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf)).pages)

    page.goto(f"{server[0]}/so-sanh?nam=2023&ky=12")
    ready(page)
    html = downloaded(page, "Tải HTML")
    page.get_by_role("button", name=re.compile("Tạo ảnh PNG")).first.click()
    png = downloaded(page, "Tải PNG")
    page.get_by_role("button", name=re.compile("Tạo ảnh SVG")).first.click()
    svg = downloaded(page, "Tải SVG")

    assert b"<html" in html[:100] and "<title>Tỷ lệ giải quyết".encode() in html
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    assert svg.startswith(b"<svg") and COURT.encode() in svg
    expect(page.locator("[data-testid='stException']")).to_have_count(0)
