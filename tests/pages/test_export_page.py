"""Xuất dữ liệu: a user picks a period and downloads the comparison as Excel and CSV."""

from __future__ import annotations

from tests.pages.apptest import no_failure, open_page, texts, values


def test_a_user_on_the_export_page_gets_both_files_named_after_the_chosen_period(sample_url, monkeypatch):
    app = open_page("export.py", sample_url, monkeypatch, nam="2023", ky="9")

    no_failure(app)
    buttons = {b.proto.label: b.proto for b in app.get("download_button")}
    assert set(buttons) == {"Tải bảng Excel (.xlsx)", "Tải CSV"}
    assert app.selectbox(key="ky").value == "9"
    preview = values(app.dataframe[0])
    assert preview.shape[0] == 8
    assert "Toàn Cụm" in preview.index


def test_without_returns_the_export_page_offers_nothing_to_download(empty_url, monkeypatch):
    app = open_page("export.py", empty_url, monkeypatch)

    no_failure(app)
    assert not app.get("download_button")
    assert "Chưa có báo cáo nào" in texts(app)
