"""Accounts: Argon2 hashes, roles, lockout per account and per client, the audit trail of account changes."""

from __future__ import annotations

import datetime as dt

import pytest

from analytics.store import accounts
from analytics.store.accounts import (
    ADMIN,
    COURT_STAFF,
    SYSTEM,
    VIEWER,
    Account,
    AccountError,
    LoginFailed,
    PermissionDenied,
)
from analytics.store.schema import users
from tests.analytics.builders import account

NOW = dt.datetime(2023, 10, 5, 8, 0, tzinfo=dt.UTC)
PASSWORD = "mật-khẩu-đủ-dài"


def a_user(store, username="can_bo", role=COURT_STAFF, court="lai_chau", **more) -> str:
    return accounts.add_user(store, SYSTEM, username, role, court=court, password=PASSWORD, now=NOW, **more)


def failed(store, username, password, client="10.0.0.1", now=NOW) -> str:
    with pytest.raises(LoginFailed) as refused:
        accounts.authenticate(store, username, password, client, now)
    return refused.value.reason


def test_a_password_is_stored_only_as_an_argon2_hash(store):
    a_user(store)

    with store.engine.connect() as conn:
        stored = conn.execute(users.select().where(users.c.username == "can_bo")).mappings().one()
    assert stored["password_hash"].startswith("$argon2id$")
    assert PASSWORD not in stored["password_hash"]


def test_the_right_password_logs_in_as_the_account_with_its_role_and_court(store):
    a_user(store)

    account = accounts.authenticate(store, "can_bo", PASSWORD, "10.0.0.1", NOW)

    assert account == Account("can_bo", COURT_STAFF, "lai_chau", "")


@pytest.mark.parametrize("username, password", [("can_bo", "sai-mat-khau-roi"), ("khong_co", PASSWORD)])
def test_a_wrong_password_and_an_unknown_user_are_refused_alike(store, username, password):
    a_user(store)

    assert failed(store, username, password) == "credentials"


def test_an_account_is_locked_after_five_failures_and_opens_again_after_fifteen_minutes(store):
    a_user(store)
    for minute in range(accounts.ACCOUNT_FAILURES):
        failed(store, "can_bo", "sai-mat-khau-roi", client=f"10.0.0.{minute}", now=NOW + dt.timedelta(minutes=minute))

    assert failed(store, "can_bo", PASSWORD, now=NOW + dt.timedelta(minutes=5)) == "locked"
    later = NOW + dt.timedelta(minutes=4) + accounts.LOCKOUT + dt.timedelta(seconds=1)
    assert accounts.authenticate(store, "can_bo", PASSWORD, "10.0.0.9", later).username == "can_bo"


def test_a_client_guessing_many_accounts_is_locked_out_even_with_a_right_password(store):
    a_user(store)
    for i in range(accounts.CLIENT_FAILURES):
        failed(store, f"doan_{i}", "sai-mat-khau-roi", client="203.0.113.7")

    assert failed(store, "can_bo", PASSWORD, client="203.0.113.7") == "locked"
    assert accounts.authenticate(store, "can_bo", PASSWORD, "198.51.100.1", NOW).username == "can_bo"


def test_a_disabled_account_cannot_log_in_and_the_change_is_audited(store):
    a_user(store)

    accounts.set_active(store, SYSTEM, "can_bo", False, now=NOW)

    assert failed(store, "can_bo", PASSWORD) == "disabled"
    change = accounts.audit_trail(store, action="account.disable").iloc[0]
    assert change["actor"] == SYSTEM.username
    assert '"active": true' in change["before"] and '"active": false' in change["after"]
    assert "password" not in change["before"] + change["after"]


def test_a_new_password_replaces_the_old_one_and_lifts_a_lockout(store):
    a_user(store)
    for _ in range(accounts.ACCOUNT_FAILURES):
        failed(store, "can_bo", "sai-mat-khau-roi")

    fresh = accounts.set_password(store, SYSTEM, "can_bo", now=NOW)

    assert len(fresh) >= accounts.MIN_PASSWORD_LENGTH
    assert failed(store, "can_bo", PASSWORD) == "credentials"
    assert accounts.authenticate(store, "can_bo", fresh, "10.0.0.1", NOW).username == "can_bo"


@pytest.mark.parametrize(
    "role, court, password, fragment",
    [
        ("thu_ky", None, PASSWORD, "Vai trò «thu_ky» không có"),
        (COURT_STAFF, None, PASSWORD, "phải gắn với một Tòa án"),
        (COURT_STAFF, "ha_noi", PASSWORD, "phải gắn với một Tòa án"),
        (VIEWER, None, "ngắn", "ít nhất 10 ký tự"),
    ],
)
def test_bad_account_requests_are_refused_with_a_vietnamese_reason(store, role, court, password, fragment):
    with pytest.raises(AccountError) as refused:
        accounts.add_user(store, SYSTEM, "moi", role, court=court, password=password)

    assert fragment in refused.value.message
    assert accounts.list_users(store).empty


def test_the_same_username_twice_is_refused(store):
    a_user(store)

    with pytest.raises(AccountError):
        a_user(store)


@pytest.mark.parametrize("role", [VIEWER, COURT_STAFF])
def test_only_an_admin_may_manage_accounts(store, role):
    actor = account(store, "ai_do", role, "lai_chau")

    with pytest.raises(PermissionDenied):
        accounts.add_user(store, actor, "moi", VIEWER, password=PASSWORD)
    a_user(store)
    with pytest.raises(PermissionDenied):
        accounts.set_password(store, actor, "can_bo", "mot-mat-khau-moi")
    with pytest.raises(PermissionDenied):
        accounts.set_active(store, actor, "can_bo", False)


def test_the_first_start_creates_a_demo_admin_with_a_random_password_once(store):
    password = accounts.ensure_demo_admin(store)

    assert password and len(password) >= accounts.MIN_PASSWORD_LENGTH
    assert accounts.authenticate(store, "admin", password, "127.0.0.1", NOW).role == ADMIN
    assert accounts.ensure_demo_admin(store) is None
    assert accounts.ensure_demo_admin(store) != password


def test_single_sign_on_maps_an_email_to_its_account_whatever_its_case(store):
    a_user(store, email="CanBo@LaiChau.toaan.gov.vn")

    assert accounts.account_for_email(store, "canbo@laichau.toaan.gov.vn").username == "can_bo"
    assert accounts.account_for_email(store, "ai@khac.vn") is None


@pytest.mark.parametrize(
    "account, court, allowed",
    [
        (Account("a", ADMIN), "son_la", True),
        (Account("b", COURT_STAFF, "lai_chau"), "lai_chau", True),
        (Account("b", COURT_STAFF, "lai_chau"), "son_la", False),
        (Account("c", VIEWER), "lai_chau", False),
    ],
)
def test_who_may_write_a_courts_figures(account, court, allowed):
    assert account.may_write(court) is allowed


@pytest.mark.parametrize(
    ("lang", "names", "expected"),
    [
        ("vi", True, ["Hệ thống", "Dòng lệnh (hoa)", "Nguyễn Thị Lan"]),
        ("en", True, ["System", "Command line (hoa)", "Nguyễn Thị Lan"]),
        ("en", False, ["System", "Command line (hoa)", "Court statistics staff"]),
    ],
)
def test_the_system_accounts_are_named_in_the_readers_language(store, lang, names, expected):
    accounts.ensure_operator(store, "hoa", now=NOW)
    a_user(store, "lan", display_name="Nguyễn Thị Lan")

    shown = accounts.shown_as([SYSTEM.username, "cli:hoa", "lan"], accounts.people(store), names=names, lang=lang)

    assert shown == expected
