"""Tải lên: a user uploads returns, sees what will be stored and what is wrong, and confirms."""

from __future__ import annotations

from analytics.storage import Store
from tests.analytics.builders import SAMPLE_DIR, a_return, case_cell, meta_cell, with_cell, workbook
from tests.pages.apptest import no_failure, open_page, texts

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def upload(app, *files: tuple[str, bytes]):
    app.get("file_uploader")[0].set_value([(name, content, XLSX) for name, content in files])
    return app.run()


def confirm_button(app):
    return next(button for button in app.button if button.label.startswith("Xác nhận lưu"))


def test_a_user_uploading_a_valid_return_sees_the_next_version_and_stores_it_on_confirmation(sample_url, monkeypatch):
    store = Store(sample_url)
    before = store.data_version()
    app = open_page("upload.py", sample_url, monkeypatch)

    sheet, cell = meta_cell("notes")
    corrected = with_cell((SAMPLE_DIR / "2023_12_lai_chau.xlsx").read_bytes(), sheet, cell, "Sửa lại số liệu hòa giải")

    upload(app, ("lai_chau_12.xlsx", corrected))

    no_failure(app)
    assert "Hợp lệ – sẵn sàng lưu" in texts(app)
    assert "Sẽ lưu: Lai Châu, năm 2023, 12 tháng – cả năm (01/10 – 30/09) – phiên bản 2." in texts(app)
    assert store.data_version() == before  # nothing is stored before the confirmation

    app.text_area(key="upload_comment").input("Sửa số liệu hòa giải theo báo cáo của Tòa án huyện.")
    confirm_button(app).click().run()

    assert "Đã lưu lai_chau_12.xlsx: Lai Châu, năm 2023" in texts(app)
    notes = store.comments(court="lai_chau", year=2023, period="12")
    assert list(notes["text"]) == ["Sửa số liệu hòa giải theo báo cáo của Tòa án huyện."]
    current = store.returns(court="lai_chau", year=2023)
    assert current.loc[current["period"] == "12", "version"].item() == 2
    assert store.data_version() == before + 2  # the return, then its comment
    history = app.dataframe[-1].value
    assert history.iloc[0]["Tệp"] == "lai_chau_12.xlsx"
    assert history.iloc[0]["Phiên bản"] == 2


def test_a_user_uploading_a_file_with_errors_sees_where_they_are_and_cannot_store_it(sample_url, monkeypatch):
    store = Store(sample_url)
    before = store.data_version()
    sheet, cell = case_cell("civil", "resolved")
    broken = with_cell(workbook(a_return("son_la", "12")), sheet, cell, 500)
    app = open_page("upload.py", sample_url, monkeypatch)

    upload(app, ("son_la.xlsx", broken))

    no_failure(app)
    assert "lỗi – không thể lưu" in texts(app)
    problems = app.dataframe[0].value
    row = problems[problems["Ô"] == cell].iloc[0]
    assert row["Sheet"] == "Vụ việc"
    assert "Đã giải quyết (500) không được lớn hơn Tổng số thụ lý (100)" in row["Nội dung"]
    assert "Không có tệp hợp lệ để lưu." in texts(app)
    assert not [b for b in app.button if b.label.startswith("Xác nhận lưu")]
    assert store.data_version() == before


def test_a_user_uploading_several_files_stores_only_the_valid_ones(sample_url, monkeypatch):
    store = Store(sample_url)
    sheet, cell = meta_cell("court")
    foreign = with_cell(workbook(a_return("lao_cai", "12")), sheet, cell, "Tòa án nhân dân thành phố Hà Nội")
    app = open_page("upload.py", sample_url, monkeypatch)

    upload(app, ("ha_noi.xlsx", foreign), ("dien_bien.xlsx", workbook(a_return("dien_bien", "6"))))

    assert "không phải là Tòa án của Cụm thi đua số II" in app.dataframe[0].value["Nội dung"].iloc[0]
    confirm_button(app).click().run()

    assert "Đã lưu dien_bien.xlsx" in texts(app)
    assert "ha_noi.xlsx" not in set(store.uploads()["filename"])
    assert store.returns(court="dien_bien", year=2023).set_index("period").loc["6", "version"] == 2


def test_uploading_identical_bytes_again_says_it_was_already_stored(sample_url, monkeypatch):
    store = Store(sample_url)
    path = SAMPLE_DIR / "2023_12_son_la.xlsx"
    before = store.data_version()
    app = open_page("upload.py", sample_url, monkeypatch)

    upload(app, (path.name, path.read_bytes()))
    assert "đã được lưu ngày" in texts(app) and "(phiên bản 1)" in texts(app)
    confirm_button(app).click().run()

    assert "đã có sẵn (phiên bản 1); không lưu lại." in texts(app)
    assert store.data_version() == before


def test_the_template_can_be_downloaded_from_the_upload_page(empty_url, monkeypatch):
    app = open_page("upload.py", empty_url, monkeypatch)

    no_failure(app)
    assert [b.proto.label for b in app.get("download_button")] == ["Tải mẫu báo cáo (.xlsx)"]
    assert "Chưa có tệp nào được tải lên." in texts(app)
