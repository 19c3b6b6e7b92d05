"""Security hardening: every write reads its account again, the log-in answers alike, admin input is validated.

Tried as an attacker would: with a disabled account, with an account object made up in code, with user names
that do not exist, with weights and targets that are not numbers of the domain.
"""

from __future__ import annotations

import datetime as dt
import getpass
import math
import os
import uuid
from pathlib import Path

import pandas as pd
import pytest
import sqlalchemy as sa

from analytics import cli, formatting
from analytics.compute.targets import default_targets
from analytics.security import ADMIN, COURT_STAFF, SYSTEM, VIEWER, Account, PermissionDenied
from analytics.store import accounts
from analytics.store.accounts import audit_trail
from analytics.store.database import MIGRATIONS, migrate
from analytics.store.schema import login_failures, users
from analytics.store.storage import Store
from tests.analytics.builders import SAMPLE_DIR, a_return, imported, workbook
from tests.postgres import drop_database, fresh_database

NOW = dt.datetime(2023, 10, 5, 8, 0, tzinfo=dt.UTC)
PASSWORD = "mật-khẩu-đủ-dài"
EVIL = '=HYPERLINK("http://evil.example","x")'


def staff(store: Store, username: str = "lan", court: str = "lai_chau") -> Account:
    """A court-staff account created by the secretariat, logged in: the account object its session holds."""
    accounts.add_user(store, SYSTEM, username, COURT_STAFF, court=court, password=PASSWORD, now=NOW)
    return accounts.authenticate(store, username, PASSWORD, "10.0.0.1", NOW)


def refused(store: Store, username: str, password: str, now: dt.datetime = NOW) -> str:
    with pytest.raises(accounts.LoginFailed) as failure:
        accounts.authenticate(store, username, password, "10.0.0.1", now)
    return failure.value.reason


# --- every write reads the account again ---------------------------------------------------------------------


def test_a_disabled_account_writes_nothing_with_the_account_object_its_session_holds(store):
    lan = staff(store)
    accounts.set_active(store, SYSTEM, "lan", False)

    with pytest.raises(PermissionDenied) as denied:
        store.add_comment("lai_chau", 2023, "12", "Vẫn ghi được?", lan)

    assert "Tài khoản «lan» đã bị khóa" in denied.value.message
    assert store.comments().empty
    assert audit_trail(store, action="comment").empty


def test_an_account_object_made_up_in_code_restores_nothing(store):
    imported(store, "v1.xlsx", workbook(a_return("lai_chau", cases={"civil": {"resolved": 70}})), SYSTEM)
    imported(store, "v2.xlsx", workbook(a_return("lai_chau", cases={"civil": {"resolved": 85}})), SYSTEM)

    with pytest.raises(PermissionDenied) as denied:
        store.restore("lai_chau", 2023, "12", 1, Account("nobody", ADMIN))

    assert "Không có tài khoản «nobody»" in denied.value.message
    assert list(store.returns(current_only=False)["version"]) == [1, 2]


def test_the_role_and_court_are_the_ones_the_database_holds_not_the_ones_the_object_claims(store):
    staff(store)  # lan: court staff of Lai Châu

    with pytest.raises(PermissionDenied):
        store.put_targets(default_targets(), Account("lan", ADMIN))
    with pytest.raises(PermissionDenied):
        store.add_comment("son_la", 2023, "12", "Của Sơn La", Account("lan", COURT_STAFF, "son_la"))
    with pytest.raises(PermissionDenied):
        accounts.add_user(store, Account("lan", ADMIN), "moi", ADMIN, password=PASSWORD)

    assert store.targets().empty and store.comments().empty
    assert list(accounts.list_users(store)["username"]) == ["lan"]


def test_a_court_changed_in_the_database_is_the_court_the_next_write_is_judged_by(store):
    lan = staff(store)
    with store.engine.begin() as conn:
        conn.execute(users.update().where(users.c.username == "lan").values(court="son_la"))

    with pytest.raises(PermissionDenied):
        store.add_comment("lai_chau", 2023, "12", "Của Lai Châu", lan)
    store.add_comment("son_la", 2023, "12", "Của Sơn La", lan)

    assert store.comments()["court"].tolist() == ["son_la"]


def test_a_new_password_ends_the_sessions_of_the_old_one_and_a_new_log_in_writes_again(store):
    old_session = staff(store)
    fresh = accounts.set_password(store, SYSTEM, "lan")

    with pytest.raises(PermissionDenied) as denied:
        store.add_comment("lai_chau", 2023, "12", "Phiên cũ", old_session)
    store.add_comment("lai_chau", 2023, "12", "Phiên mới", accounts.authenticate(store, "lan", fresh, "10.0.0.1"))

    assert "Hãy đăng nhập lại" in denied.value.message
    assert store.comments()["text"].tolist() == ["Phiên mới"]


def test_the_command_line_and_the_sample_loader_write_as_accounts_that_cannot_log_in(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'cum2.sqlite'}"
    sample = sorted(SAMPLE_DIR.glob("*.xlsx"))[0]
    cli.main(["init", "--sample-data", "--db", url])
    cli.main(["import", str(sample), "--db", url, "--user", "van_hanh"])  # the same bytes: nothing new stored
    cli.main(["users", "add", "lan", "--role", "viewer", "--db", url])
    store = Store(url)

    with store.engine.connect() as conn:
        names = set(conn.execute(sa.select(users.c.username)).scalars())
    assert {"hệ thống", "cli:van_hanh"} <= names
    assert set(audit_trail(store)["actor"]) <= names  # every line of the trail names an account of the table
    for name in ("hệ thống", "cli:van_hanh"):
        assert refused(store, name, "") == "credentials"
        assert refused(store, name, PASSWORD) == "credentials"


def test_the_settings_command_sets_the_return_deadline_as_the_administration_page_does_audited(migrated_url, capsys):
    url = migrated_url

    set_code = cli.main(["settings", "deadline_days", "20", "--db", url])
    refused_code = cli.main(["settings", "deadline_days", "500", "--db", url])
    cli.main(["settings", "--db", url])

    said = capsys.readouterr()
    store = Store(url)
    assert (set_code, refused_code) == (0, 2)
    assert store.setting("deadline_days") == 20
    assert "«500» không hợp lệ, hãy nhập một số nguyên từ 1 đến 120" in said.err
    assert "deadline_days = 20  (Hạn gửi báo cáo" in said.out
    trail = audit_trail(store)
    assert trail[trail["subject"] == "deadline_days"]["actor"].tolist() == [f"cli:{getpass.getuser()}"]


@pytest.mark.parametrize(
    "command, said",
    [
        (
            ["settings", "deadline_days", "500"],
            "Lỗi: Hạn gửi báo cáo (số ngày sau khi kết thúc kỳ): «500» không hợp lệ, hãy nhập một số nguyên từ 1 đến "
            "120. / Return deadline (days): '500' is not valid; enter a whole number from 1 to 120.\n",
        ),
        (["users", "disable", "khong_co"], "Lỗi: Không có tài khoản «khong_co». / No account 'khong_co'.\n"),
    ],
    ids=["a value out of range", "an unknown account"],
)
def test_a_refusal_is_printed_in_vietnamese_then_english(command, said, migrated_url, capsys):
    code = cli.main([*command, "--db", migrated_url])

    assert code == 2
    assert capsys.readouterr().err == said


def test_init_speaks_of_sample_returns_only_when_asked_for_them_and_says_when_it_left_them_out(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'cum2.sqlite'}"

    cli.main(["init", "--db", url])
    plain = capsys.readouterr().out.splitlines()[-1]
    cli.main(["init", "--sample-data", "--db", url])
    loaded = capsys.readouterr().out.splitlines()[-1]
    cli.main(["init", "--sample-data", "--db", url])
    again = capsys.readouterr().out.splitlines()[-1]

    assert plain == f"Cơ sở dữ liệu sẵn sàng: {url}."
    assert loaded == f"Cơ sở dữ liệu sẵn sàng: {url} ({len(list(SAMPLE_DIR.glob('*.xlsx')))} báo cáo mẫu vừa nạp)."
    assert again == f"Cơ sở dữ liệu sẵn sàng: {url} (đã có báo cáo: dữ liệu mẫu không được nạp)."


def test_the_users_command_lists_when_each_account_was_made_on_the_courts_clock(migrated_url, capsys):
    url = migrated_url
    cli.main(["users", "add", "lan", "--role", "viewer", "--db", url])
    made = accounts.list_users(Store(url))["created_at"].item()
    capsys.readouterr()

    cli.main(["users", "list", "--db", url])

    listed = capsys.readouterr().out
    assert formatting.moment(made) in listed  # dd/mm/yyyy HH:MM, UTC+7
    assert pd.Timestamp(made).strftime("%Y-%m-%d") not in listed


def test_the_users_command_leaves_an_account_without_e_mail_or_court_blank_not_nan(migrated_url, capsys):
    url = migrated_url
    cli.main(["users", "add", "lan", "--role", "viewer", "--db", url])  # a viewer: no court, and no e-mail given
    capsys.readouterr()

    cli.main(["users", "list", "--db", url])

    listed = capsys.readouterr().out
    assert "lan" in listed
    assert "NaN" not in listed and "None" not in listed


def test_an_import_the_database_cannot_take_names_the_drivers_reason(migrated_url, monkeypatch, capsys):
    def full(*args, **kwargs):
        raise sa.exc.OperationalError("INSERT …", {}, Exception("database or disk is full"))

    monkeypatch.setattr(Store, "_insert_returns", full)

    code = cli.main(["import", str(sorted(SAMPLE_DIR.glob("*.xlsx"))[0]), "--db", migrated_url])

    said = capsys.readouterr().out
    assert code == 1 and "BỊ TỪ CHỐI – Chưa lưu được" in said
    assert "\n  Lý do / reason: database or disk is full\n" in said and "INSERT" not in said


def test_an_importer_name_longer_than_the_users_table_holds_is_refused_before_anything_is_written(
    postgres, migrated_postgres, capsys
):
    # PostgreSQL enforces the column's length; SQLite kept the name whole
    url = fresh_database(postgres, migrated_postgres)
    sample = str(sorted(SAMPLE_DIR.glob("*.xlsx"))[0])

    with pytest.raises(SystemExit) as refused:
        cli.main(["import", sample, "--db", url, "--user", "y" * 61])

    assert refused.value.code == 2 and "tên người nhập phải có 1–60 ký tự" in capsys.readouterr().err
    assert cli.main(["import", sample, "--db", url, "--user", "y" * 60]) == 0
    drop_database(url)


@pytest.mark.parametrize(
    "login, written_as",
    [
        ("y" * 200, "cli:" + "y" * 59 + "…"),  # as long as the users table holds, its end marked
        ("van\x1b]0;hanh\x07", "cli:van\\x1b]0;hanh\\x07"),  # what a terminal would act on, as its escapes
        ("   ", f"cli:uid{os.getuid()}"),  # no name at all: the user's number
    ],
    ids=["very long", "control characters", "blank"],
)
def test_the_operators_login_name_is_written_as_the_users_table_can_hold_it(
    login, written_as, postgres, migrated_postgres, monkeypatch, capsys
):
    # PostgreSQL enforces the column's length; SQLite kept the name whole
    url = fresh_database(postgres, migrated_postgres)
    for variable in ("LOGNAME", "USER", "LNAME", "USERNAME"):  # where getpass looks first
        monkeypatch.setenv(variable, login)

    code = cli.main(["users", "add", "lan", "--role", "viewer", "--db", url])

    store = Store(url)
    trail = audit_trail(store)
    assert code == 0, capsys.readouterr().err
    assert trail[trail["subject"] == "lan"]["actor"].tolist() == [written_as]
    store.dispose()
    drop_database(url)


def test_an_operator_the_system_has_no_name_for_writes_as_their_user_number(migrated_url, monkeypatch, capsys):
    def nameless() -> str:  # a container's user without a line in /etc/passwd, and no $USER
        raise KeyError(f"getpwuid(): uid not found: {os.getuid()}")

    monkeypatch.setattr(getpass, "getuser", nameless)
    url = migrated_url

    code = cli.main(["settings", "deadline_days", "20", "--db", url])

    trail = audit_trail(Store(url))
    assert code == 0, capsys.readouterr().err
    assert trail[trail["subject"] == "deadline_days"]["actor"].tolist() == [f"cli:uid{os.getuid()}"]


@pytest.mark.parametrize("role", ["viewer", "admin"])
def test_a_court_given_to_an_account_that_is_not_court_staff_is_refused_not_dropped(role, tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'cum2.sqlite'}"

    code = cli.main(["users", "add", "minh", "--role", role, "--court", "son_la", "--db", url])

    assert code == 2
    assert capsys.readouterr().err.startswith("Lỗi: --court chỉ dùng cho vai trò court_staff")
    assert accounts.list_users(Store(url)).empty


def test_a_court_given_to_a_viewer_is_refused_as_an_argument_before_the_database_is_opened(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'cum2.sqlite'}"

    code = cli.main(["users", "add", "minh", "--role", "viewer", "--court", "son_la", "--db", url])

    assert code == 2 and capsys.readouterr().err.startswith("Lỗi: --court chỉ dùng cho vai trò court_staff")
    assert not (tmp_path / "cum2.sqlite").exists()  # «Không có tài khoản nào được tạo»: not even `cli:<login>`


def test_the_users_command_on_a_database_without_accounts_says_so_in_a_sentence(migrated_url, capsys):
    url = migrated_url

    code = cli.main(["users", "list", "--db", url])

    said = capsys.readouterr().out
    assert code == 0
    assert said.startswith("Chưa có tài khoản nào trong sqlite:///") and "Empty DataFrame" not in said


@pytest.mark.parametrize(
    "command",
    [
        ["users", "list"],
        ["settings"],
        ["settings", "deadline_days"],
        ["indicators", "--year", "2023", "--period", "12"],
        ["export", "--year", "2023", "--period", "12", "--out", "{tmp}/so-sanh.xlsx"],
    ],
    ids=" ".join,
)
def test_a_command_that_only_reads_writes_nothing_not_even_the_operators_account(command, sample_url, tmp_path):
    store = Store(sample_url)
    before = store.data_version(), audit_trail(store), accounts.list_users(store, system=True)

    code = cli.main([*in_folder(command, tmp_path), "--db", sample_url])

    assert code == 0
    after = store.data_version(), audit_trail(store), accounts.list_users(store, system=True)
    assert after[0] == before[0]  # no cache of the server's is made stale by someone reading
    pd.testing.assert_frame_equal(after[1], before[1])
    pd.testing.assert_frame_equal(after[2], before[2])  # no `cli:<login>` account made for a reader
    store.dispose()


# --- the log-in --------------------------------------------------------------------------------------------


def test_an_unknown_user_name_costs_one_password_verification_like_a_known_one(store, monkeypatch):
    staff(store)
    verified = []
    real = accounts._verifies
    monkeypatch.setattr(accounts, "_verifies", lambda hashed, password: verified.append(1) or real(hashed, password))

    refused(store, "lan", "sai-mat-khau-roi")
    refused(store, "khong_co_ai", "sai-mat-khau-roi")

    assert len(verified) == 2  # the time taken does not tell which user names exist


def test_after_a_lockout_ends_one_wrong_password_does_not_lock_the_account_again(store):
    staff(store)
    for minute in range(accounts.ACCOUNT_FAILURES):
        refused(store, "lan", "sai-mat-khau-roi", NOW + dt.timedelta(minutes=minute))
    after = NOW + dt.timedelta(minutes=4) + accounts.LOCKOUT + dt.timedelta(seconds=1)

    assert refused(store, "lan", "sai-mat-khau-roi", after) == "credentials"
    assert accounts.authenticate(store, "lan", PASSWORD, "10.0.0.1", after + dt.timedelta(seconds=1)).username == "lan"


def test_a_user_name_that_does_not_exist_is_locked_out_like_one_that_does(store):
    for minute in range(accounts.ACCOUNT_FAILURES):
        refused(store, "khong_co_ai", "sai-mat-khau-roi", NOW + dt.timedelta(minutes=minute))

    assert refused(store, "khong_co_ai", "sai-mat-khau-roi", NOW + dt.timedelta(minutes=5)) == "locked"


def test_a_user_name_holding_a_nul_is_refused_and_counted_like_any_other_on_every_backend(store):
    for minute in range(accounts.ACCOUNT_FAILURES):
        assert refused(store, "la\x00n", "sai-mat-khau-roi", NOW + dt.timedelta(minutes=minute)) == "credentials"

    assert refused(store, "la\x00n", "sai-mat-khau-roi", NOW + dt.timedelta(minutes=5)) == "locked"


def test_a_password_typed_as_the_user_name_is_kept_only_while_the_lockout_counts_it(store):
    refused(store, PASSWORD, "", NOW)  # typed in the wrong field: stored as the name tried

    refused(store, "lan", "sai-mat-khau-roi", NOW + accounts.LOCKOUT + dt.timedelta(seconds=1))

    with store.engine.connect() as conn:
        assert conn.execute(sa.select(login_failures.c.username)).scalars().all() == ["lan"]


# --- what an administrator types -----------------------------------------------------------------------------


@pytest.mark.parametrize("username", ["", "ab", EVIL, "+1+1", "@lan", "Lan", "lan sơn la", "nguyễn", "a" * 33])
def test_a_user_name_other_than_3_to_32_of_a_z_0_9_dot_underscore_hyphen_is_refused(store, username):
    with pytest.raises(ValueError) as bad:
        accounts.add_user(store, SYSTEM, username, VIEWER, password=PASSWORD)

    assert "Tên đăng nhập" in bad.value.message and "a–z" in bad.value.message
    assert accounts.list_users(store).empty


@pytest.mark.parametrize(
    "weight, key",
    [(math.inf, "publication_rate"), (math.nan, "publication_rate"), (-1, "publication_rate"), (2, "khong_co")],
    ids=["infinite", "not a number", "negative", "unknown indicator"],
)
def test_a_ranking_weight_must_be_a_finite_number_from_zero_for_an_indicator_of_the_ranking(store, weight, key):
    with pytest.raises(ValueError) as bad:
        store.put_ranking_weights(2023, {key: weight}, SYSTEM)

    assert "Trọng số" in bad.value.message or "không phải chỉ tiêu" in bad.value.message
    assert store.ranking_weights(2023).empty


GOOD = {
    "year": 2023,
    "indicator": "resolution_rate.criminal",
    "layer": "tandtc",
    "comparator": ">=",
    "value": 0.9,
    "source": "Chỉ thị 01/2024/CT-CA",
    "confidence": "high",
}


@pytest.mark.parametrize(
    "change, fragment",
    [
        ({"comparator": "<>"}, "phép so sánh «<>» không có"),
        ({"indicator": "khong_co"}, "chỉ tiêu «khong_co» không có"),
        ({"layer": "tinh"}, "lớp «tinh» không có"),
        (dict.fromkeys(GOOD), "dòng trống"),
        ({"value": math.inf}, "phải là một số không âm"),
        ({"value": "chín mươi"}, "phải là một số không âm"),
        ({"year": 1900}, "Năm «1900» không hợp lệ"),
    ],
    ids=["comparator", "indicator", "layer", "blank row", "infinite value", "text value", "year"],
)
def test_a_target_row_that_is_not_of_the_domain_is_refused_with_its_row_and_nothing_is_stored(store, change, fragment):
    rows = pd.DataFrame([GOOD, GOOD | {"layer": "national_assembly"} | change])

    with pytest.raises(ValueError) as bad:
        store.put_targets(rows, SYSTEM)

    assert bad.value.message.startswith("Chỉ tiêu dòng 2:") and fragment in bad.value.message
    assert store.targets().empty


@pytest.mark.parametrize(
    "year, period, fragment",
    [(1900, "12", "Năm «1900» không hợp lệ"), (2023, "ZZ", "Kỳ báo cáo «ZZ» không có"), (2023, "13", "«13»")],
)
def test_a_comment_for_a_year_or_period_the_cluster_does_not_have_is_refused(store, year, period, fragment):
    with pytest.raises(ValueError) as bad:
        store.add_comment("lai_chau", year, period, "Ghi chú", SYSTEM)

    assert fragment in bad.value.message
    assert store.comments().empty


# --- the command line: no secret printed, no traceback ------------------------------------------------------

UNREACHABLE = "postgresql+psycopg://cum2:mat-khau-bi-mat@127.0.0.1:1/cum2"  # port 1: refused at once


# Every command but `init` works on a database that exists ({tmp}: the test's own folder).
READING_AND_WRITING = [
    ["import", str(SAMPLE_DIR / "2023_12_lai_chau.xlsx")],
    ["indicators", "--year", "2023", "--period", "12"],
    ["export", "--year", "2023", "--period", "12", "--out", "{tmp}/so-sanh.xlsx"],
    ["users", "list"],
    ["users", "add", "lan", "--role", "viewer"],
    ["users", "disable", "lan"],
    ["settings"],
    ["settings", "deadline_days", "20"],
]


def named(command: list[str]) -> str:
    return " ".join(Path(part).name for part in command[:2])


def in_folder(command: list[str], folder: Path) -> list[str]:
    return [part.format(tmp=folder) for part in command]


@pytest.mark.parametrize("command", [["init"], ["init", "--sample-data"], *READING_AND_WRITING], ids=named)
def test_every_command_against_an_unreachable_database_says_so_in_vietnamese_without_its_password(
    command, tmp_path, capsys
):
    code = cli.main([*in_folder(command, tmp_path), "--db", UNREACHABLE])

    said = capsys.readouterr()
    assert code == cli.UNREACHABLE_EXIT
    assert "Không dùng được cơ sở dữ liệu postgresql+psycopg://cum2:***@127.0.0.1:1/cum2" in said.err
    assert "mat-khau-bi-mat" not in said.out + said.err and "Traceback" not in said.out + said.err


@pytest.mark.parametrize("command", [["users", "list"], ["init"]])
def test_a_password_given_in_the_urls_query_is_masked_too(command, postgres, capsys):
    refused = "postgresql+psycopg://cum2@127.0.0.1:1/cum2?password=mat-khau-bi-mat&sslpassword=khoa-bi-mat"
    reachable = fresh_database(postgres)  # trust authentication: the password is carried, not needed
    carried = f"{reachable}&password=mat-khau-bi-mat&sslpassword=khoa-bi-mat"

    cli.main([*command, "--db", refused])
    cli.main([*command, "--db", carried])

    said = capsys.readouterr()
    assert "password=***" in said.out + said.err and "sslpassword=***" in said.out + said.err
    assert "mat-khau-bi-mat" not in said.out + said.err and "khoa-bi-mat" not in said.out + said.err
    drop_database(reachable)


def test_a_database_that_refuses_is_named_with_its_drivers_reason_for_the_operator(capsys):
    code = cli.main(["users", "list", "--db", UNREACHABLE])

    said = capsys.readouterr().err
    assert code == cli.UNREACHABLE_EXIT
    assert "\n  Lý do / reason: connection failed: " in said and "Connection refused" in said
    assert "mat-khau-bi-mat" not in said


def test_a_sqlite_file_that_cannot_be_opened_points_at_the_folder_and_the_disk(tmp_path, capsys):
    code = cli.main(["users", "list", "--db", f"sqlite:///{tmp_path}"])  # a folder: what a read-only one also gives

    said = capsys.readouterr().err
    assert code == cli.UNREACHABLE_EXIT
    assert "thư mục chỉ đọc" in said and "ổ đĩa đầy" in said and "Lý do / reason: unable to open database file" in said
    assert "máy chủ không trả lời" not in said


@pytest.mark.parametrize(
    "url, reason",
    [
        ("postgres://cum2:mat-khau-bi-mat@localhost/cum2", "không có loại cơ sở dữ liệu «postgres»"),
        ("mysql://cum2:mat-khau-bi-mat@localhost/cum2", "thiếu thư viện MySQLdb"),
        ("cum2:mat-khau-bi-mat@localhost/cum2", "không phải một URL cơ sở dữ liệu"),
        ("sqlite:///{tmp}/a-file/cum2.sqlite", "không tạo được thư mục {tmp}/a-file (đã có một tệp cùng tên)"),
    ],
    ids=["postgres scheme", "no driver", "not a url", "folder not made"],
)
def test_a_database_url_no_server_could_serve_is_one_vietnamese_sentence_without_its_password(
    url, reason, tmp_path, capsys
):
    (tmp_path / "a-file").write_text("")

    code = cli.main(["init", "--db", url.format(tmp=tmp_path)])

    said = capsys.readouterr()
    assert code == cli.UNREACHABLE_EXIT
    assert said.err.startswith("Không mở được cơ sở dữ liệu ") and reason.format(tmp=tmp_path) in said.err
    assert "mat-khau-bi-mat" not in said.out + said.err and "Traceback" not in said.out + said.err


def test_an_account_that_may_not_create_the_tables_is_told_to_own_the_database(postgres, capsys):
    url = fresh_database(postgres)  # owned by the server's own account, as `createdb` run by postgres makes it
    role = f"khach_{uuid.uuid4().hex[:8]}"
    server = sa.create_engine(sa.make_url(url).set(database="postgres"), isolation_level="AUTOCOMMIT")
    with server.connect() as conn:
        conn.exec_driver_sql(f"CREATE ROLE {role} LOGIN PASSWORD 'mat-khau-bi-mat'")
    as_role = sa.make_url(url).set(username=role, password="mat-khau-bi-mat").render_as_string(hide_password=False)

    code = cli.main(["init", "--db", as_role])

    said = capsys.readouterr().err
    drop_database(url)
    with server.connect() as conn:
        conn.exec_driver_sql(f"DROP ROLE {role}")
    server.dispose()
    assert code == cli.UNREACHABLE_EXIT
    assert said.startswith(f"Tài khoản «{role}» không có quyền tạo bảng trong cơ sở dữ liệu postgresql+psycopg://")
    assert f"OWNER TO {role}" in said and "(permission denied for schema public)" in said
    assert "mat-khau-bi-mat" not in said and "Traceback" not in said and "CREATE TABLE" not in said


def test_init_prints_the_database_url_with_its_password_masked(postgres, capsys):
    url = fresh_database(postgres)  # trust authentication: the password is carried, not needed
    with_password = url.replace("postgresql+psycopg://cum2@", "postgresql+psycopg://cum2:mat-khau-bi-mat@")

    cli.main(["init", "--db", with_password])

    said = capsys.readouterr().out
    assert "Cơ sở dữ liệu sẵn sàng: postgresql+psycopg://cum2:***@" in said and "mat-khau-bi-mat" not in said


# --- the command line: only `init` creates a database ---------------------------------------------------------------


@pytest.mark.parametrize("command", READING_AND_WRITING, ids=named)
def test_a_command_given_a_sqlite_path_with_no_file_refuses_and_makes_nothing_there(command, tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'data' / 'cum2.sqllite'}"  # a typo: the operator meant data/cum2.sqlite

    code = cli.main([*in_folder(command, tmp_path), "--db", url])

    said = capsys.readouterr()
    assert code == cli.UNREACHABLE_EXIT
    assert said.err == (
        f"Chưa có cơ sở dữ liệu của ứng dụng tại {url} (không có tệp ở đường dẫn này): lệnh này chỉ làm việc trên cơ "
        f"sở dữ liệu đã có. Hãy chạy python -m analytics init --db {url} để tạo cơ sở dữ liệu mới, hoặc kiểm tra lại "
        "đường dẫn (--db hoặc DATABASE_URL). Không có gì bị ghi. / No database of the app at "
        f"{url} (no such file): run python -m analytics init --db {url} to create a new one, or check the path (--db "
        "or DATABASE_URL). Nothing was written.\n"
    )
    assert said.out == ""  # no «ĐÃ LƯU», no empty table
    assert list(tmp_path.iterdir()) == []  # neither the file nor its folder, nor the export's file


def another_applications(path: Path) -> None:
    engine = sa.create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:  # a table named as one of the app's is not the app's
        conn.exec_driver_sql("CREATE TABLE users (name TEXT)")
    engine.dispose()


@pytest.mark.parametrize(
    "make", [lambda path: path.write_bytes(b""), another_applications], ids=["an empty file", "another application's"]
)
def test_a_sqlite_file_without_the_apps_tables_is_refused_and_left_byte_for_byte(make, tmp_path, capsys):
    path = tmp_path / "khac.sqlite"
    make(path)
    before = path.read_bytes()

    code = cli.main(["import", str(SAMPLE_DIR / "2023_12_lai_chau.xlsx"), "--db", f"sqlite:///{path}"])

    said = capsys.readouterr()
    assert code == cli.UNREACHABLE_EXIT and said.out == ""
    assert said.err.startswith(
        f"Chưa có cơ sở dữ liệu của ứng dụng tại sqlite:///{path} (có cơ sở dữ liệu nhưng chưa có bảng nào của ứng "
        "dụng): "
    )
    assert path.read_bytes() == before  # not turned to WAL mode either
    assert [p.name for p in tmp_path.iterdir()] == ["khac.sqlite"]


@pytest.mark.parametrize("command", [*READING_AND_WRITING[:2], ["users", "list"]], ids=named)
def test_a_postgresql_database_without_the_apps_tables_is_refused_and_left_empty(command, postgres, capsys):
    url = fresh_database(postgres)  # e.g. a wrong database name, on a server where the account may create tables
    with_password = url.replace("postgresql+psycopg://cum2@", "postgresql+psycopg://cum2:mat-khau-bi-mat@")

    code = cli.main([*command, "--db", with_password])

    said = capsys.readouterr()
    engine = sa.create_engine(url)
    with engine.connect() as conn:
        tables = sa.inspect(conn).get_table_names()
    engine.dispose()
    drop_database(url)
    assert code == cli.UNREACHABLE_EXIT and said.out == ""
    shown = with_password.replace("mat-khau-bi-mat", "***")
    assert said.err.startswith(
        f"Chưa có cơ sở dữ liệu của ứng dụng tại {shown} (có cơ sở dữ liệu nhưng chưa có bảng nào của ứng dụng): "
    )
    assert "Hãy chạy python -m analytics init --db 'postgresql+psycopg://cum2:***@/" in said.err  # quoted: its `&`
    assert "mat-khau-bi-mat" not in said.err
    assert tables == []


@pytest.mark.parametrize(
    "command",
    [["settings", "deadline_days", "20"], ["indicators", "--year", "2023", "--period", "12"]],
    ids=["a command that writes", "a command that reads"],
)
def test_a_database_of_an_older_release_is_migrated_by_the_command_as_by_the_servers_start(command, tmp_path, capsys):
    # The code reads the newest schema only, and the server migrates at its start: refusing would only send the
    # operator to `init`, which does the same.
    url = f"sqlite:///{tmp_path / 'cum2.sqlite'}"
    engine = sa.create_engine(url)
    migrate(engine, "0001")
    engine.dispose()

    code = cli.main([*command, "--db", url])

    store = Store(url)
    with store.engine.connect() as conn:
        revision = conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
    store.dispose()
    assert code == 0, capsys.readouterr().err
    assert revision == max(path.stem.split("_")[0] for path in (MIGRATIONS / "versions").glob("[0-9]*.py"))


def test_init_creates_the_database_the_other_commands_then_work_on(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'data' / 'cum2.sqlite'}"  # the folder too, as `make run` makes data/cum2.sqlite

    made = cli.main(["init", "--sample-data", "--db", url])
    listed = cli.main(["indicators", "--year", "2023", "--period", "12", "--db", url])

    said = capsys.readouterr()
    assert (made, listed) == (0, 0)
    assert said.out.count("\nlai_chau,") > 0 and "Chưa có số liệu" not in said.err
