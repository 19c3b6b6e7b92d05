"""Tải lên: a user uploads returns, sees what will be stored and what is wrong, and confirms."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from analytics import domain
from analytics.ingest import worker
from analytics.security import ADMIN, COURT_STAFF, Account
from analytics.store.storage import Store
from tests.analytics.builders import (
    SAMPLE_DIR,
    a_return,
    activity_cell,
    case_cell,
    meta_cell,
    with_cell,
    workbook,
)
from tests.analytics.corpus import per_court_workbook
from tests.analytics.hostile import hostile_file
from tests.analytics.national import national_workbook, unit_key, write_registry
from tests.pages.apptest import no_failure, open_page, shown, texts, values
from ui import i18n
from ui.safe import plain

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SECRETARIAT = Account("thu_ky", ADMIN, None, "Thư ký Cụm")


def upload(app, *files: tuple[str, bytes]):
    app.get("file_uploader")[0].set_value([(name, content, XLSX) for name, content in files])
    return app.run()


def confirm_button(app):
    return next(button for button in app.button if button.label.startswith("Xác nhận lưu"))


def test_a_user_uploading_a_valid_return_sees_the_next_version_and_stores_it_on_confirmation(sample_url, monkeypatch):
    store = Store(sample_url)
    before = store.data_version()
    app = open_page("upload.py", sample_url, monkeypatch, account=SECRETARIAT)

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
    assert store.data_version() == before + 1  # the return and its comment, in one transaction
    history = values(app.dataframe[-1])
    assert history.iloc[0]["Tệp"] == "lai_chau_12.xlsx"
    assert history.iloc[0]["Phiên bản"] == 2


def test_the_preview_heads_its_columns_and_writes_counts_and_figures_not_given_as_the_reader_reads_them(
    sample_url, monkeypatch
):
    ret = a_return("lai_chau", "6", cases={"civil": {"new": 1234}}, court_figures={"online_hearings": None})
    app = open_page("upload.py", sample_url, monkeypatch, account=SECRETARIAT)

    upload(app, ("lai_chau_6.xlsx", workbook(ret)))

    cases, court = (shown(table) for table in app.dataframe[-3:-1])
    assert cases.index.name == "Loại án" and cases.at["Dân sự", "Thụ lý mới"] == "1.234"
    assert court.set_index("Chỉ tiêu").at["Phiên tòa trực tuyến", "Giá trị"] == "không có"


def test_a_correction_says_which_stored_version_it_replaces_and_which_figures_change(sample_url, monkeypatch):
    store = Store(sample_url)
    stored = store.version_figures("lai_chau", 2023, "12", 1)
    trials = stored.loc[(stored["scope"] == "court") & (stored["measure"] == "experience_trials"), "value"].item()
    sample = (SAMPLE_DIR / "2023_12_lai_chau.xlsx").read_bytes()
    app = open_page("upload.py", sample_url, monkeypatch, account=SECRETARIAT)

    upload(app, ("lai_chau_12.xlsx", with_cell(sample, *activity_cell("experience_trials"), trials + 1000)))

    no_failure(app)
    [warning] = [w.value for w in app.warning if "đã có phiên bản" in w.value]
    assert warning.startswith("Kỳ này đã có phiên bản 1 (lưu ")
    change = plain(f"Tòa án – Phiên tòa rút kinh nghiệm: {trials} → {trials + 1000:,}".replace(",", "."))
    assert f"Số liệu khác: 1 ({change}). Hãy kiểm tra trước khi xác nhận." in warning

    notes_sheet, notes_cell = meta_cell("notes")  # the same figures, another note: a version added, nothing changed
    app = open_page("upload.py", sample_url, monkeypatch, account=SECRETARIAT)
    upload(app, ("lai_chau_12.xlsx", with_cell(sample, notes_sheet, notes_cell, "Sửa lại ghi chú")))

    assert not [w for w in app.warning if "đã có phiên bản" in w.value]
    assert "Kỳ này đã có phiên bản 1 (lưu " in texts(app) and "với cùng số liệu" in texts(app)


def test_a_user_uploading_a_file_with_errors_sees_where_they_are_and_cannot_store_it(sample_url, monkeypatch):
    store = Store(sample_url)
    before = store.data_version()
    sheet, cell = case_cell("civil", "resolved")
    broken = with_cell(workbook(a_return("son_la", "12")), sheet, cell, 500)
    app = open_page("upload.py", sample_url, monkeypatch, account=SECRETARIAT)

    upload(app, ("son_la.xlsx", broken))

    no_failure(app)
    assert "lỗi – không thể lưu" in texts(app)
    problems = values(app.dataframe[0])
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
    app = open_page("upload.py", sample_url, monkeypatch, account=SECRETARIAT)

    upload(app, ("ha_noi.xlsx", foreign), ("dien_bien.xlsx", workbook(a_return("dien_bien", "6"))))

    assert "không phải là Tòa án của Cụm thi đua số II" in values(app.dataframe[0])["Nội dung"].iloc[0]
    confirm_button(app).click().run()

    assert "Đã lưu dien_bien.xlsx" in texts(app)
    assert "ha_noi.xlsx" not in set(store.uploads()["filename"])
    assert store.returns(court="dien_bien", year=2023).set_index("period").loc["6", "version"] == 2


def test_uploading_identical_bytes_again_says_it_was_already_stored(sample_url, monkeypatch):
    store = Store(sample_url)
    path = SAMPLE_DIR / "2023_12_son_la.xlsx"
    before = store.data_version()
    app = open_page("upload.py", sample_url, monkeypatch, account=SECRETARIAT)

    upload(app, (path.name, path.read_bytes()))
    assert "đã được lưu ngày" in texts(app) and "(phiên bản 1)" in texts(app)
    confirm_button(app).click().run()

    assert "đã có sẵn (phiên bản 1); không lưu lại." in texts(app)
    assert store.data_version() == before


def test_the_template_can_be_downloaded_from_the_upload_page(empty_url, monkeypatch):
    app = open_page("upload.py", empty_url, monkeypatch, account=SECRETARIAT)

    no_failure(app)
    assert [b.proto.label for b in app.get("download_button")] == ["Tải mẫu báo cáo (.xlsx)"]
    assert "Chưa có tệp nào được tải lên." in texts(app)


def test_a_visitor_who_is_not_logged_in_gets_the_template_and_a_log_in_link_but_no_uploader(sample_url, monkeypatch):
    app = open_page("upload.py", sample_url, monkeypatch)

    no_failure(app)
    assert [b.proto.label for b in app.get("download_button")] == ["Tải mẫu báo cáo (.xlsx)"]
    assert "Cần đăng nhập bằng tài khoản cán bộ thống kê" in texts(app)
    assert "[Đăng nhập](/dang-nhap)" in texts(app)
    assert not app.get("file_uploader")


def test_court_staff_can_store_their_own_court_but_not_another_one(sample_url, monkeypatch):
    staff = Account("lan", COURT_STAFF, "son_la", "Nguyễn Thị Lan")
    store = Store(sample_url)
    app = open_page("upload.py", sample_url, monkeypatch, account=staff)
    own = with_cell((SAMPLE_DIR / "2023_12_son_la.xlsx").read_bytes(), *meta_cell("notes"), "sửa")
    other = with_cell((SAMPLE_DIR / "2023_12_lai_chau.xlsx").read_bytes(), *meta_cell("notes"), "sửa")
    app.selectbox(key="upload_court").select("").run()  # let the files say whose they are

    upload(app, ("son_la.xlsx", own), ("lai_chau.xlsx", other))

    assert "chỉ được lưu báo cáo của Sơn La" in texts(app)
    assert "Tài khoản «lan» không được ghi số liệu của Tòa án nhân dân tỉnh Lai Châu." in texts(app)
    assert confirm_button(app).label == "Xác nhận lưu 1 tệp hợp lệ"
    confirm_button(app).click().run()

    stored = store.returns(year=2023).set_index(["court", "period"])
    assert stored.loc[("son_la", "12"), "version"] == 2
    assert stored.loc[("son_la", "12"), "stored_by"] == "lan"
    assert stored.loc[("lai_chau", "12"), "version"] == 1


def test_a_compiled_cluster_workbook_is_previewed_as_seven_returns_and_stored_whole(sample_url, monkeypatch):
    content, _ = per_court_workbook("sheets")
    store = Store(sample_url)
    app = open_page("upload.py", sample_url, monkeypatch, account=SECRETARIAT)

    upload(app, ("cum_6_thang.xlsx", content))

    assert "Bảng tổng hợp của 7 Tòa án" in texts(app)
    reports = [b.proto.label for b in app.get("download_button") if "báo cáo kiểm tra" in b.proto.label]
    assert reports == ["Tải báo cáo kiểm tra (.xlsx)"]  # the cluster's seven: the workbook is made in a blink
    confirm_button(app).click().run()

    assert texts(app).count("Đã lưu cum_6_thang.xlsx") == 7
    six = store.returns(year=2023).set_index(["court", "period"])
    assert all(six.loc[(court, "6"), "version"] == 2 for court in ("lai_chau", "hoa_binh"))


@pytest.fixture
def thirty_units(tmp_path, monkeypatch):
    """Thirty court units of a national compilation, courts of the registry while the test runs."""
    monkeypatch.setenv(domain.COURTS_FILE_VARIABLE, str(write_registry(tmp_path, 30)))
    domain.courts.cache_clear()
    yield national_workbook(30)
    monkeypatch.delenv(domain.COURTS_FILE_VARIABLE)
    domain.courts.cache_clear()


def test_a_workbook_of_many_courts_is_summed_up_a_line_per_court_with_the_few_to_look_at_in_full(
    thirty_units, sample_url, monkeypatch
):
    app = open_page("upload.py", sample_url, monkeypatch, account=SECRETARIAT)

    upload(app, ("toan_quoc.xlsx", thirty_units))

    [summary] = [v for v in map(values, app.dataframe) if "Kết quả" in v.columns]
    assert summary["Tòa án"].tolist() == [f"Đơn vị {i:03d}" for i in range(1, 31)]
    to_look_at = summary[summary["Kết quả"] != "✔️ Hợp lệ"]
    assert not to_look_at.empty and set(to_look_at["Kết quả"]) <= {"⚠️ Hợp lệ, 1 cảnh báo", "⚠️ Hợp lệ, 2 cảnh báo"}
    assert f"Cần xem: {len(to_look_at)} Tòa án" in texts(app)
    assert texts(app).count("Sẽ lưu:") == min(len(to_look_at), 5)  # not a block per court
    assert set(summary["Phiên bản"]) == {"phiên bản 1"}
    preview = next(s for s in app.selectbox if s.label == "Xem trước số liệu của")
    assert len(preview.options) == 30
    preview.select_index(29).run()
    assert texts(app).count("Sẽ lưu:") == min(len(to_look_at), 5)
    reports = [b.proto.label for b in app.get("download_button") if "báo cáo kiểm tra" in b.proto.label]
    assert reports == ["Tải báo cáo kiểm tra (.xlsx)", "Tải báo cáo kiểm tra (.csv, nhanh với tệp nhiều Tòa án)"]
    confirm_button(app).click().run()

    assert len(Store(sample_url).returns(court=unit_key(30))) == 1


def test_when_the_chosen_court_disagrees_with_the_file_the_page_asks_and_stores_the_answer(sample_url, monkeypatch):
    staff = Account("lan", COURT_STAFF, "son_la", "Nguyễn Thị Lan")
    lai_chau = workbook(a_return("lai_chau", "6", notes="gửi nhầm?"))
    app = open_page("upload.py", sample_url, monkeypatch, account=staff)

    upload(app, ("bc.xlsx", lai_chau))

    assert "Không thống nhất về Tòa án" in texts(app)
    assert not [b for b in app.button if b.label.startswith("Xác nhận lưu")]
    next(s for s in app.selectbox if s.label == "Tòa án").select("son_la")
    next(b for b in app.button if b.label == "Xác nhận").click().run()

    assert "Sẽ lưu: Sơn La, năm 2023, 6 tháng" in texts(app)


def test_when_the_database_cannot_take_a_file_the_user_is_told_and_the_file_stays_to_try_again(
    sample_url, monkeypatch, caplog
):
    store = Store(sample_url)
    before = store.data_version()
    app = open_page("upload.py", sample_url, monkeypatch, account=SECRETARIAT)
    upload(app, ("lai_chau_6.xlsx", workbook(a_return("lai_chau", "6", notes="lần hai"))))

    def busy(*args, **kwargs):
        raise sa.exc.OperationalError("INSERT …", {}, Exception("database or disk is full"))

    with monkeypatch.context() as patched:
        patched.setattr(Store, "_insert_returns", busy)
        confirm_button(app).click().run()

    no_failure(app)
    assert [e.value for e in app.error] == [
        plain(
            "Chưa lưu được «lai_chau_6.xlsx»: cơ sở dữ liệu đang bận hoặc không kết nối được. Không có số liệu nào bị "
            "ghi dở. Hãy thử lại sau ít phút; nếu vẫn không được, báo cho Văn phòng Cụm."
        )
    ]
    assert store.data_version() == before
    # The operator's log says why, which the reader's «busy or unreachable» does not.
    assert [
        r.getMessage().rsplit("Lý do / reason: ", 1)[-1] for r in caplog.records if r.name == "ui.upload_views"
    ] == ["database or disk is full"]
    confirm_button(app).click().run()  # the database is free again: the same file is still there to confirm
    assert "Đã lưu lai_chau_6.xlsx: Lai Châu, năm 2023" in texts(app)


def test_an_english_reader_is_told_of_one_error_one_warning_and_one_file_in_the_singular(sample_url, monkeypatch):
    # AppTest formats the choice lists' options again in this process, where no ?lang=en is read: English here too.
    monkeypatch.setattr(i18n, "lang", lambda: "en")
    app = open_page("upload.py", sample_url, monkeypatch, account=SECRETARIAT, lang="en")
    sample = (SAMPLE_DIR / "2023_12_lai_chau.xlsx").read_bytes()
    fractional = with_cell(sample, *case_cell("criminal", "overdue"), 0.5)  # one error: not a whole number
    late = with_cell(sample, *meta_cell("prepared_on"), "01/01/2020")  # one warning: prepared long before

    upload(app, ("lai_chau_le.xlsx", fractional), ("lai_chau_som.xlsx", late))

    no_failure(app)
    assert "1 error – cannot be stored. Fix the file and upload it again." in texts(app)
    assert "Valid with 1 warning – ready to store" in texts(app)
    assert "Confirm: store 1 valid file" in [b.label for b in app.button]


def test_a_user_uploading_hostile_files_sees_vietnamese_messages_and_stores_the_readable_ones(sample_url, monkeypatch):
    store = Store(sample_url)
    app = open_page("upload.py", sample_url, monkeypatch, account=SECRETARIAT)

    upload(app, hostile_file("an .xlsx with one value typed at XFD1048576"), hostile_file("a figure of 1E+19"))

    no_failure(app)
    messages = " ".join(" ".join(values(t)["Nội dung"]) for t in app.dataframe if "Nội dung" in values(t).columns)
    assert "ô XFD1048576 có số liệu nằm xa bảng, không được đọc" in messages
    assert "ghi 1E+19, lớn hơn mức có thể có (10.000.000)" in messages
    confirm_button(app).click().run()
    assert "Đã lưu xa.xlsx: Lai Châu, năm 2023" in texts(app)
    assert "lon.xlsx" not in set(store.uploads()["filename"])


def test_when_a_reader_dies_the_page_refuses_that_file_and_reads_the_next(sample_url, monkeypatch):
    app = open_page("upload.py", sample_url, monkeypatch, account=SECRETARIAT)
    worker.pool().fault_next = "abort"  # the worker reading the next file aborts, as a Rust allocation failure does

    upload(app, ("lai_chau_6.xlsx", workbook(a_return("lai_chau", "6", notes="lần một"))))

    no_failure(app)
    assert "quá lớn hoặc hỏng khi đọc" in " ".join(
        t for d in app.dataframe if "Nội dung" in values(d) for t in values(d)["Nội dung"]
    )
    upload(app, ("lai_chau_6.xlsx", workbook(a_return("lai_chau", "6", notes="lần hai"))))
    assert "Sẽ lưu: Lai Châu, năm 2023, 6 tháng" in texts(app)
