"""Xuất dữ liệu: a user picks a period and downloads the workbook, both CSV flavours and the quarterly PDF report;
under every chart, its files. (Download bytes are out of AppTest's reach: the files themselves are checked in
tests/analytics/test_reports.py and by the browser journey; here, what the page offers and what it hands over.)"""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from analytics.outputs.chart_files import HTML, PNG, SVG
from analytics.outputs.report_pdf import ReportUnavailable
from analytics.security import ADMIN, ROLES, Account
from analytics.store.storage import Store
from tests.analytics.builders import enrol
from tests.pages.apptest import no_failure, open_compare_tab, open_page, texts, values
from ui.i18n import t

THU_KY = Account("thu_ky", ADMIN, None, "Thư ký Cụm")
FILES = {"Tải bảng Excel (.xlsx)", "Tải CSV cho Excel tiếng Việt", "Tải CSV cho phần mềm"}


def labels(app, kind: str = "download_button") -> list[str]:
    return [b.proto.label for b in app.get(kind)]


def test_a_user_on_the_export_page_is_offered_the_workbook_both_csv_and_the_pdf_report_of_the_chosen_period(
    sample_url, monkeypatch
):
    app = open_page("export.py", sample_url, monkeypatch, nam="2023", ky="9")

    no_failure(app)
    assert set(labels(app)) == FILES  # built on the click: nothing is made before
    assert "Lập báo cáo PDF" in labels(app, "button")
    assert app.selectbox(key="ky").value == "9"
    preview = values(app.dataframe[0])
    assert preview.shape[0] == 8
    assert "Toàn Cụm" in preview.index


@pytest.mark.parametrize(
    ("account", "made_by", "author"),
    [
        (None, "Người xem", ROLES[ADMIN].label("vi")),  # an anonymous reader: roles, not names
        (THU_KY, "Thư ký Cụm", "Thư ký Cụm"),
    ],
    ids=["anonymous", "signed in"],
)
def test_the_pdf_report_is_made_on_a_click_for_the_sidebars_choice_by_whoever_asks(
    sample_url, monkeypatch, account, made_by, author
):
    Store(sample_url).add_comment("son_la", 2023, "12", "Đã rà soát.", enrol(Store(sample_url), THU_KY))
    handed = []
    monkeypatch.setattr("ui.export_views.export_file", lambda b, kind: handed.append((b, kind)) or b"%PDF-1.7")
    app = open_page("export.py", sample_url, monkeypatch, account=account, nam="2023", nhom="criminal", toa="son_la")
    assert handed == []

    app.button(key="export_pdf_prepare").click().run()

    no_failure(app)
    [(made, kind)] = handed
    assert kind == "pdf" and (made.year, made.period, made.group, made.courts) == (2023, "12", "criminal", ("son_la",))
    assert made.generated_by == made_by
    assert made.period_comments()["author"].tolist() == [author]
    assert "Tải báo cáo PDF" in labels(app)


def test_without_typst_the_pdf_part_says_in_vietnamese_what_to_install_instead_of_a_button(sample_url, monkeypatch):
    missing = ReportUnavailable("Máy chủ chưa cài thư viện typst nên chưa lập được báo cáo PDF.", "no typst")
    monkeypatch.setattr("analytics.outputs.report_pdf.missing_pieces", lambda: missing)

    app = open_page("export.py", sample_url, monkeypatch, nam="2023")

    no_failure(app)
    assert "Máy chủ chưa cài thư viện typst" in texts(app)
    assert "Lập báo cáo PDF" not in labels(app, "button")
    assert set(labels(app)) == FILES


def test_without_returns_the_export_page_offers_nothing_to_download(empty_url, monkeypatch):
    app = open_page("export.py", empty_url, monkeypatch)

    no_failure(app)
    assert not app.get("download_button")
    assert "Chưa có báo cáo nào" in texts(app)


# --- charts as files, on every page that draws one -------------------------------------------------------------

CHROMIUM_MISSING = "Máy chủ chưa có trình duyệt Chromium"


def test_every_chart_on_the_compare_page_offers_html_and_a_button_for_each_picture(sample_url, monkeypatch):
    monkeypatch.setattr("ui.widgets.chart_formats_available", lambda: {HTML: None, PNG: None, SVG: None})

    app = open_page("compare.py", sample_url, monkeypatch, nam="2023")

    # The bars, and the open tab's chart: the case types' eight small charts are one chart with one set of files.
    for tab, drawn, charts in ((None, 1, 1), ("Theo loại án", 1 + 8, 2), ("Bản đồ nhiệt", 2, 2)):
        if tab is not None:
            open_compare_tab(app, tab)
        no_failure(app)
        assert len(app.get("plotly_chart")) == drawn
        assert labels(app).count("Tải HTML") == charts
        assert labels(app, "button").count("Tạo ảnh PNG") == labels(app, "button").count("Tạo ảnh SVG") == charts


def test_a_picture_is_drawn_on_a_click_and_then_offered_for_download(sample_url, monkeypatch):
    drawn = []
    monkeypatch.setattr("ui.widgets.chart_formats_available", lambda: {HTML: None, PNG: None, SVG: None})
    monkeypatch.setattr("ui.widgets.chart_file", lambda figure, kind: drawn.append(kind) or b"<svg/>")
    app = open_page("trends.py", sample_url, monkeypatch, nam="2023")
    assert drawn == []

    app.button(key="chart_file_trend_svg_make").click().run()

    no_failure(app)
    assert drawn == ["svg"]
    assert "Tải SVG" in labels(app)
    app.run()  # the next run offers the same drawing without drawing it again
    assert drawn == ["svg"] and "Tải SVG" in labels(app)


def test_without_chromium_a_chart_offers_html_and_says_why_there_is_no_picture(sample_url, monkeypatch):
    monkeypatch.setattr("analytics.outputs.chart_files.chromium", lambda: None)

    app = open_page("trends.py", sample_url, monkeypatch, nam="2023")

    no_failure(app)
    assert labels(app).count("Tải HTML") == len(app.get("plotly_chart")) > 0
    assert not [label for label in labels(app, "button") if label.startswith("Tạo ảnh")]
    assert CHROMIUM_MISSING in texts(app)


def test_a_database_lost_while_the_pdf_is_made_is_the_one_sentence_of_every_page_not_streamlits_error_box(
    sample_url, monkeypatch, caplog
):
    def lost(*_args):
        raise sa.exc.OperationalError("SELECT …", {}, Exception("server closed the connection unexpectedly"))

    app = open_page("export.py", sample_url, monkeypatch, account=THU_KY, nam="2023")
    monkeypatch.setattr("ui.export_views.export_file", lost)

    # A click here reruns the PDF part alone (a fragment), outside app.py's frame.run: the part keeps its own guard.
    app.button(key="export_pdf_prepare").click().run()

    assert not app.exception
    assert t("app.database_down") in [e.value for e in app.error]
    assert "server closed the connection unexpectedly" in caplog.text and "Traceback" not in caplog.text
