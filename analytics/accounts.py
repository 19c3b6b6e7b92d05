"""Accounts and log-in: Argon2 password hashes, lockout after repeated failures, account management."""

from __future__ import annotations

import datetime as dt
import secrets

import pandas as pd
import sqlalchemy as sa
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from analytics.domain import courts
from analytics.security import (  # noqa: F401 - re-exported: accounts.ADMIN etc. read naturally
    ADMIN,
    COURT_STAFF,
    ROLES,
    SYSTEM,
    VIEWER,
    Account,
    PermissionDenied,
    operator,
    require_admin,
)
from analytics.storage import Store, audit, login_failures, record, users

# Lockout: an account after 5 failures in 15 minutes, a client (IP address) after 20, for 15 minutes.
ACCOUNT_FAILURES, CLIENT_FAILURES = 5, 20
LOCKOUT = dt.timedelta(minutes=15)
MIN_PASSWORD_LENGTH = 10
_HASHER = PasswordHasher()


class LoginFailed(Exception):
    """Why a log-in was refused: "credentials", "locked" or "disabled" (the message never says which part was wrong)."""

    def __init__(self, reason: str, until: dt.datetime | None = None) -> None:
        super().__init__(reason)
        self.reason, self.until = reason, until


class AccountError(ValueError):
    """A bad request to manage accounts (unknown user, weak password…), in Vietnamese and English."""

    def __init__(self, message: str, message_en: str) -> None:
        super().__init__(message_en)
        self.message, self.message_en = message, message_en


def _now(now: dt.datetime | None) -> dt.datetime:
    return now or dt.datetime.now(dt.UTC)


def _aware(moment: dt.datetime | None) -> dt.datetime | None:
    """SQLite gives back naive times; they were stored in UTC."""
    return moment.replace(tzinfo=dt.UTC) if moment is not None and moment.tzinfo is None else moment


def _public(row: sa.RowMapping | None) -> dict | None:
    """A user row without its password hash, for the audit trail."""
    if row is None:
        return None
    return {k: row[k] for k in ("username", "display_name", "email", "role", "court", "active")}


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(
            f"Mật khẩu phải có ít nhất {MIN_PASSWORD_LENGTH} ký tự.",
            f"A password needs at least {MIN_PASSWORD_LENGTH} characters.",
        )


def _check_role(role: str, court: str | None) -> None:
    if role not in ROLES:
        raise AccountError(f"Vai trò «{role}» không có. Chọn: {', '.join(ROLES)}.", f"Unknown role '{role}'.")
    if role == COURT_STAFF and court not in {c.key for c in courts()}:
        raise AccountError(
            "Tài khoản cán bộ thống kê phải gắn với một Tòa án của Cụm.",
            "A court-staff account needs a court of the cluster.",
        )


def new_password() -> str:
    return secrets.token_urlsafe(12)


def add_user(
    store: Store,
    actor: Account,
    username: str,
    role: str,
    *,
    court: str | None = None,
    password: str | None = None,
    email: str | None = None,
    display_name: str = "",
    now: dt.datetime | None = None,
) -> str:
    """Creates an account; returns its password (a random one when none is given), shown once."""
    require_admin(actor)
    _check_role(role, court)
    password = password or new_password()
    _check_password(password)
    values = {
        "username": username,
        "display_name": display_name,
        "email": email.lower() if email else None,
        "password_hash": _HASHER.hash(password),
        "role": role,
        "court": court if role == COURT_STAFF else None,
        "active": True,
        "created_at": _now(now),
        "failed_logins": 0,
    }
    try:
        with store.writing() as conn:
            conn.execute(users.insert().values(**values))
            record(conn, actor, "account.add", username, None, _public(values), _now(now))
            store.bump(conn)
    except sa.exc.IntegrityError as error:
        raise AccountError(
            f"Tài khoản «{username}» hoặc e-mail đã có.", f"Account '{username}' or its e-mail exists."
        ) from error
    return password


def _update(store: Store, actor: Account, username: str, action: str, changes: dict, now: dt.datetime | None) -> None:
    with store.writing() as conn:
        before = conn.execute(sa.select(users).where(users.c.username == username)).mappings().first()
        if before is None:
            raise AccountError(f"Không có tài khoản «{username}».", f"No account '{username}'.")
        conn.execute(users.update().where(users.c.username == username).values(**changes))
        after = conn.execute(sa.select(users).where(users.c.username == username)).mappings().first()
        record(conn, actor, action, username, _public(before), _public(after), _now(now))
        store.bump(conn)


def set_password(
    store: Store, actor: Account, username: str, password: str | None = None, now: dt.datetime | None = None
) -> str:
    """A new password (random when none is given); also lifts a lockout. Admins only."""
    require_admin(actor)
    password = password or new_password()
    _check_password(password)
    _update(
        store,
        actor,
        username,
        "account.password",
        {"password_hash": _HASHER.hash(password), "failed_logins": 0, "locked_until": None},
        now,
    )
    return password


def set_active(store: Store, actor: Account, username: str, active: bool, now: dt.datetime | None = None) -> None:
    require_admin(actor)
    _update(store, actor, username, "account.enable" if active else "account.disable", {"active": active}, now)


def list_users(store: Store) -> pd.DataFrame:
    columns = [
        users.c[k]
        for k in ("username", "display_name", "email", "role", "court", "active", "created_at", "locked_until")
    ]
    with store.engine.connect() as conn:
        return pd.read_sql(sa.select(*columns).order_by(users.c.username), conn)


def has_users(store: Store) -> bool:
    with store.engine.connect() as conn:
        return conn.execute(sa.select(sa.func.count()).select_from(users)).scalar_one() > 0


def ensure_demo_admin(store: Store) -> str | None:
    """On a database without accounts, creates `admin` with a random password and returns it (print it once)."""
    if has_users(store):
        return None
    try:
        return add_user(store, SYSTEM, "admin", ADMIN, display_name="Quản trị (demo)")
    except AccountError:
        return None  # created by a concurrent first start


def _account(row: sa.RowMapping) -> Account:
    return Account(row["username"], row["role"], row["court"], row["display_name"])


def authenticate(store: Store, username: str, password: str, client: str, now: dt.datetime | None = None) -> Account:
    """The account for these credentials, or LoginFailed; failures count towards the lockouts."""
    now = _now(now)
    window = now - LOCKOUT
    with store.writing() as conn:
        recent = conn.execute(
            sa.select(sa.func.count())
            .select_from(login_failures)
            .where(login_failures.c.client == client, login_failures.c.at > window)
        ).scalar_one()
        if recent >= CLIENT_FAILURES:
            raise LoginFailed("locked", now + LOCKOUT)
        row = conn.execute(sa.select(users).where(users.c.username == username)).mappings().first()
        locked_until = _aware(row["locked_until"]) if row is not None else None
        if locked_until is not None and locked_until > now:
            raise LoginFailed("locked", locked_until)
        ok = row is not None and row["password_hash"] is not None and _verifies(row["password_hash"], password)
        if ok and not row["active"]:
            raise LoginFailed("disabled")
        if ok:
            conn.execute(users.update().where(users.c.username == username).values(failed_logins=0, locked_until=None))
            conn.commit()
            return _account(row)
        conn.execute(login_failures.insert().values(client=client, username=username[:64], at=now))
        if row is not None:
            failures = row["failed_logins"] + 1
            lock = now + LOCKOUT if failures >= ACCOUNT_FAILURES else None
            conn.execute(
                users.update().where(users.c.username == username).values(failed_logins=failures, locked_until=lock)
            )
    raise LoginFailed("credentials")


def _verifies(hashed: str, password: str) -> bool:
    try:
        return _HASHER.verify(hashed, password)
    except (VerificationError, InvalidHashError):
        return False


def account_for_email(store: Store, email: str) -> Account | None:
    """The active account an identity provider's e-mail maps to (single sign-on)."""
    with store.engine.connect() as conn:
        row = conn.execute(sa.select(users).where(users.c.email == email.lower(), users.c.active)).mappings().first()
    return None if row is None else _account(row)


def audit_trail(store: Store, *, actor: str | None = None, action: str | None = None) -> pd.DataFrame:
    query = sa.select(audit).order_by(audit.c.id.desc())
    if actor:
        query = query.where(audit.c.actor == actor)
    if action:
        query = query.where(audit.c.action.startswith(action))
    with store.engine.connect() as conn:
        return pd.read_sql(query, conn)
