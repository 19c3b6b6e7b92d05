"""Đăng nhập, Quản trị, Phiên bản: a user logs in, an administrator manages accounts, versions are restored."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest

from analytics.security import ADMIN, COURT_STAFF, SYSTEM, VIEWER, Account
from analytics.store import accounts
from analytics.store.storage import Store
from tests.analytics.builders import SAMPLE_DIR, case_cell, imported, meta_cell, with_cell, with_cells
from tests.pages.apptest import headers, no_failure, open_page, shown, texts, values
from ui import auth, state

PASSWORD = "mat-khau-cua-lan"
SECRETARIAT = Account("thu_ky", ADMIN, None, "Thư ký Cụm")
NO_ACCOUNTS = (
    "Cơ sở dữ liệu này chưa có tài khoản nào, nên chưa ai đăng nhập được. Người quản trị máy chủ: chạy "
    "«python -m analytics init» (hoặc «users add») với cùng DATABASE_URL như dịch vụ đang chạy."
)


@pytest.fixture
def with_staff(sample_url):
    accounts.add_user(
        Store(sample_url), SYSTEM, "lan", COURT_STAFF, court="son_la", password=PASSWORD, email="lan@sonla.vn"
    )
    return sample_url


def log_in(app, username: str, password: str):
    app.text_input(key="login_username").input(username)
    app.text_input(key="login_password").input(password)
    return app.button[0].click().run()


def test_a_user_who_logs_in_sees_who_is_signed_in(with_staff, monkeypatch):
    app = open_page("login.py", with_staff, monkeypatch)

    log_in(app, "lan", PASSWORD)

    no_failure(app)
    assert app.session_state[state.ACCOUNT] == Account("lan", COURT_STAFF, "son_la", "")
    assert "Đang đăng nhập: lan (Cán bộ thống kê của Tòa án – Sơn La)" in texts(app)


@pytest.mark.parametrize(
    ("role", "court", "onward"),
    [
        (COURT_STAFF, "son_la", ["Tổng quan", "Tải lên"]),
        (ADMIN, None, ["Tổng quan", "Tải lên"]),
        (VIEWER, None, ["Tổng quan"]),
    ],
)
def test_a_user_who_has_logged_in_is_shown_the_way_on_without_the_sidebar(sample_url, monkeypatch, role, court, onward):
    # On a phone the sidebar, and the pages' links in it, stay folded away: the page itself links to the next step.
    app = open_page("login.py", sample_url, monkeypatch, account=Account("lan", role, court, "Lan"))

    no_failure(app)
    said = texts(app)
    assert [page for page in ("Tổng quan", "Tải lên") if f"[{page}](" in said] == onward


@pytest.mark.parametrize("proxies", ["127.0.0.1, 10.0.0.0/24", ["127.0.0.1", "10.0.0.0/24"]])
def test_trusted_proxies_in_secrets_toml_as_a_text_or_a_list_let_a_user_log_in(with_staff, monkeypatch, proxies):
    monkeypatch.delenv("CUM2_TRUSTED_PROXIES", raising=False)
    app = open_page("login.py", with_staff, monkeypatch)
    app.secrets["app"] = {"trusted_proxies": proxies}  # `trusted_proxies = [...]` is TOML's own way to write a list

    log_in(app, "lan", PASSWORD)

    no_failure(app)
    assert app.session_state[state.ACCOUNT].username == "lan"


def test_a_database_without_accounts_tells_the_operator_on_the_log_in_page_to_run_init_on_it(sample_url, monkeypatch):
    app = open_page("login.py", sample_url, monkeypatch)  # the sample's returns, no account yet

    assert NO_ACCOUNTS in [w.value for w in app.warning]


def test_a_database_with_accounts_shows_no_such_warning_on_the_log_in_page(with_staff, monkeypatch):
    assert NO_ACCOUNTS not in [w.value for w in open_page("login.py", with_staff, monkeypatch).warning]


def test_a_wrong_password_says_so_without_saying_which_part_was_wrong(with_staff, monkeypatch):
    app = open_page("login.py", with_staff, monkeypatch)

    log_in(app, "lan", "khong-dung-dau")

    assert [e.value for e in app.error] == ["Tên đăng nhập hoặc mật khẩu không đúng."]
    assert state.ACCOUNT not in app.session_state


def test_after_five_failures_the_page_says_the_account_is_locked_until_when(with_staff, monkeypatch):
    app = open_page("login.py", with_staff, monkeypatch)
    for _ in range(accounts.ACCOUNT_FAILURES):
        log_in(app, "lan", "khong-dung-dau")

    log_in(app, "lan", PASSWORD)

    assert "tạm khóa đến" in app.error[0].value
    assert state.ACCOUNT not in app.session_state


def test_single_sign_on_maps_the_providers_email_to_the_account(with_staff, monkeypatch):
    app = open_page("login.py", with_staff, monkeypatch)
    app.secrets["auth"] = {"server_metadata_url": "https://idp.example/.well-known/openid-configuration"}
    app.user = {"is_logged_in": True, "email": "LAN@sonla.vn"}

    app.run()

    assert "Đang đăng nhập: lan" in texts(app)


def test_single_sign_on_with_an_unknown_email_gets_no_rights(with_staff, monkeypatch):
    app = open_page("login.py", with_staff, monkeypatch)
    app.secrets["auth"] = {"server_metadata_url": "https://idp.example/.well-known/openid-configuration"}
    app.user = {"is_logged_in": True, "email": "nguoi.la@example.com"}

    app.run()

    assert "E-mail nguoi.la@example.com chưa được cấp quyền" in texts(app)
    assert state.ACCOUNT not in app.session_state


def signed_in_with_the_provider(url: str, monkeypatch, **claims) -> object:
    """The log-in page with single sign-on configured, after a run with the provider's claims for lan's e-mail."""
    app = open_page("login.py", url, monkeypatch)
    app.secrets["auth"] = {"server_metadata_url": "https://idp.example/.well-known/openid-configuration"}
    app.user = {"is_logged_in": True, "email": "lan@sonla.vn"} | claims
    return app.run()


def test_single_sign_on_with_an_email_the_provider_has_not_verified_gets_no_rights(with_staff, monkeypatch):
    app = signed_in_with_the_provider(with_staff, monkeypatch, email_verified=False)

    assert state.ACCOUNT not in app.session_state
    assert "Đang đăng nhập: lan" not in texts(app)


def test_a_single_sign_on_session_idle_too_long_also_ends_the_providers_sign_in(with_staff, monkeypatch):
    app = signed_in_with_the_provider(with_staff, monkeypatch)
    assert app.session_state[state.ACCOUNT].username == "lan"
    app.session_state[state.SEEN_AT] = dt.datetime.now(dt.UTC) - dt.timedelta(hours=1)

    app.run()
    app.run()  # the next action: the provider's cookie would have signed lan in again

    assert state.ACCOUNT not in app.session_state
    assert app.user == {"is_logged_in": False}


def test_a_providers_sign_in_older_than_a_working_day_signs_no_one_in(with_staff, monkeypatch):
    issued = dt.datetime.now(dt.UTC) - auth.MAX_SESSION - dt.timedelta(minutes=1)

    app = signed_in_with_the_provider(with_staff, monkeypatch, iat=int(issued.timestamp()))

    assert state.ACCOUNT not in app.session_state
    assert app.user == {"is_logged_in": False}
    assert "Phiên làm việc đã hết hạn" in texts(app)


def test_a_single_sign_on_session_counts_its_working_day_from_the_providers_sign_in(with_staff, monkeypatch):
    issued = dt.datetime.now(dt.UTC) - dt.timedelta(hours=2)

    app = signed_in_with_the_provider(with_staff, monkeypatch, iat=int(issued.timestamp()))

    assert app.session_state[state.SIGNED_IN_AT] == issued.replace(microsecond=0)


def test_an_idle_session_expires_and_says_so(sample_url, monkeypatch):
    app = open_page("upload.py", sample_url, monkeypatch, account=SECRETARIAT)
    app.session_state[state.SEEN_AT] = dt.datetime.now(dt.UTC) - dt.timedelta(hours=1)

    app.run()

    assert "Phiên làm việc đã hết hạn" in texts(app)
    assert not app.get("file_uploader")


def test_with_public_reading_off_the_overview_asks_to_log_in(sample_url, monkeypatch):
    monkeypatch.setenv("CUM2_PUBLIC_READ", "0")

    anonymous = open_page("overview.py", sample_url, monkeypatch, nam="2023")
    leader = open_page("overview.py", sample_url, monkeypatch, nam="2023", account=Account("chanh_an", VIEWER))

    assert "Cần đăng nhập để xem số liệu." in texts(anonymous)
    assert not anonymous.metric
    assert leader.metric


def test_with_public_reading_off_the_log_in_page_still_lets_a_visitor_log_in(with_staff, monkeypatch):
    monkeypatch.setenv("CUM2_PUBLIC_READ", "0")
    app = open_page("login.py", with_staff, monkeypatch)

    assert "Cần đăng nhập để xem số liệu." not in texts(app)
    log_in(app, "lan", PASSWORD)

    no_failure(app)
    assert "Đang đăng nhập: lan" in texts(app)


@pytest.mark.parametrize("account", [None, Account("lan", COURT_STAFF, "son_la")], ids=["anonymous", "court staff"])
def test_only_an_administrator_sees_the_administration_page(sample_url, monkeypatch, account):
    app = open_page("admin.py", sample_url, monkeypatch, account=account)

    assert "Trang này dành cho quản trị" in texts(app)
    assert not app.tabs


def test_an_administrator_creates_an_account_and_sees_its_password_once(sample_url, monkeypatch):
    app = open_page("admin.py", sample_url, monkeypatch, account=SECRETARIAT)

    app.text_input[0].input("hoa")
    app.selectbox[0].select("court_staff")
    app.selectbox[1].select("dien_bien")
    app.button[0].click().run()

    no_failure(app)
    created = [s.value for s in app.success if "Đã tạo tài khoản hoa" in s.value]
    assert created and "Mật khẩu (chỉ hiện một lần): " in created[0]
    users = accounts.list_users(Store(sample_url)).set_index("username")
    assert users.loc["hoa", "court"] == "dien_bien"
    trail = values(app.dataframe[1])
    assert trail.iloc[0]["Loại thay đổi"] == "Tạo tài khoản" and trail.iloc[0]["Người thực hiện"] == "thu_ky"


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        (
            "vi",
            dict(
                name="Tên đăng nhập",
                created="Ngày tạo",
                role="Vai trò",
                court="Tòa án",
                staff="Cán bộ thống kê của Tòa án",
                son_la="Sơn La",
                what="Loại thay đổi",
                restore="Khôi phục phiên bản",
                after="Sau",
                restored="phiên bản 3, khôi phục từ phiên bản 1",
                indicator="Chỉ tiêu",
                reads="Đọc là",
                criminal="Tỷ lệ giải quyết – Hình sự",
                target="≥ 90,0 %",
            ),
        ),
        (
            "en",
            dict(
                name="Username",
                created="Created",
                role="Role",
                court="Court",
                staff="Court statistics staff",
                son_la="Son La",
                what="Kind of change",
                restore="Version restored",
                after="After",
                restored="version 3, restored from version 1",
                indicator="Indicator",
                reads="Reads as",
                criminal="Resolution rate – Criminal",
                target="≥ 90.0 %",
            ),
        ),
    ],
    ids=["vi", "en"],
)
def test_the_administration_page_reads_in_the_readers_language_with_names_dates_and_numbers(
    with_staff, monkeypatch, lang, words
):
    store = Store(with_staff)
    imported(
        store,
        "son_la_sua.xlsx",
        with_cell((SAMPLE_DIR / "2023_12_son_la.xlsx").read_bytes(), *meta_cell("judges"), 99),
        SYSTEM,
    )
    store.restore("son_la", 2023, "12", 1, SYSTEM)

    app = open_page("admin.py", with_staff, monkeypatch, account=SECRETARIAT, lang=lang)

    no_failure(app)
    people = shown(app.dataframe[0]).set_index(words["name"])
    assert (people.loc["lan", words["role"]], people.loc["lan", words["court"]]) == (words["staff"], words["son_la"])
    assert people.loc["lan", "E-mail"] == "lan@sonla.vn"
    assert re.fullmatch(r"\d\d/\d\d/\d{4} \d\d:\d\d", people.loc["lan", words["created"]])
    trail = shown(app.dataframe[1])
    restore = trail[trail[words["what"]] == words["restore"]].iloc[0]
    assert restore[words["after"]] == words["restored"]
    assert not trail.map(lambda cell: str(cell).startswith("{")).any().any()
    for table in (people, trail):
        assert "None" not in table.to_string()
    editor = app.data_editor[0]
    assert headers(editor)["indicator"] == words["indicator"]
    labels = {o["value"]: o["label"] for o in json.loads(editor.proto.columns)["indicator"]["type_config"]["options"]}
    assert labels["resolution_rate.criminal"] == words["criminal"]
    goals = values(editor)
    criminal = goals[(goals[words["indicator"]] == "resolution_rate.criminal") & (goals[words["reads"]] != "")]
    assert words["target"] in set(criminal[words["reads"]])


def test_an_administrator_edits_a_target_in_the_labelled_editor_and_only_that_row_is_stored(sample_url, monkeypatch):
    app = open_page("admin.py", sample_url, monkeypatch, account=SECRETARIAT)
    goals = app.data_editor[0].value
    row = goals.index[
        (goals["year"] == 2023) & (goals["indicator"] == "resolution_rate.criminal") & (goals["layer"] == "tandtc")
    ][0]

    app.session_state[state.TARGETS_EDITOR] = {
        "edited_rows": {int(row): {"value": 0.92}},
        "added_rows": [],
        "deleted_rows": [],
    }
    next(b for b in app.button if b.label == "Lưu chỉ tiêu").click().run()

    no_failure(app)
    assert "Đã lưu 1 chỉ tiêu đã sửa." in texts(app)
    stored = Store(sample_url).targets().set_index(["year", "indicator", "layer"])
    assert stored.loc[(2023, "resolution_rate.criminal", "tandtc"), "value"] == 0.92


def test_court_staff_compare_two_versions_and_restore_the_earlier_one(sample_url, monkeypatch):
    store = Store(sample_url)
    corrected = with_cell((SAMPLE_DIR / "2023_12_son_la.xlsx").read_bytes(), *meta_cell("judges"), 99)
    imported(store, "son_la_sua.xlsx", corrected, SYSTEM)
    staff = Account("lan", COURT_STAFF, "son_la")

    app = open_page("versions.py", sample_url, monkeypatch, account=staff)
    app.selectbox[0].set_value(2023).run()

    no_failure(app)
    assert app.selectbox[1].value == "son_la"
    changes = values(app.dataframe[1])
    assert list(changes["Phiên bản 1"]) != list(changes["Phiên bản 2"])
    assert "Số Thẩm phán" in set(changes["Chỉ tiêu"])
    restore = next(b for b in app.button if b.label.startswith("Khôi phục phiên bản 1"))
    restore.click().run()

    no_failure(app)
    assert "Đã khôi phục phiên bản 1 thành phiên bản 3." in texts(app)
    assert store.returns(court="son_la", year=2023).set_index("period").loc["12", "version"] == 3
    # The page shows the new state at once: three versions, the two newest side by side, no offer to restore 1 again.
    assert list(values(app.dataframe[0])["Phiên bản"]) == [1, 2, 3]
    assert (app.selectbox[3].value, app.selectbox[4].value) == (2, 3)
    assert not any(b.label.startswith("Khôi phục phiên bản 1") for b in app.button)


def test_two_versions_read_as_counts_are_written_and_a_figure_one_lacks_reads_khong_co(sample_url, monkeypatch):
    store = Store(sample_url)
    original = (SAMPLE_DIR / "2023_12_son_la.xlsx").read_bytes()
    accepted = case_cell("criminal", "defendants_accepted")
    corrected = with_cells(original, {meta_cell("judges"): 1603, accepted: None})
    imported(store, "son_la_sua.xlsx", corrected, SYSTEM)

    app = open_page("versions.py", sample_url, monkeypatch, account=Account("lan", COURT_STAFF, "son_la"))
    app.selectbox[0].set_value(2023).run()

    no_failure(app)
    changes = shown(app.dataframe[1]).set_index("Chỉ tiêu")
    judges = changes.loc["Số Thẩm phán"]
    assert judges["Phiên bản 2"] == "1.603" and judges["Chênh lệch"].startswith("+")
    assert "None" not in changes.to_string()
    assert changes.loc["Số bị cáo thụ lý", "Phiên bản 2"] == "không có"
