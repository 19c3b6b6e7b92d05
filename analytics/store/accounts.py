"""Accounts and log-in: Argon2 password hashes, lockout after repeated failures, account management, the audit
trail, and the system accounts (the command line's operators, the sample loader) that write but never log in."""

from __future__ import annotations

import datetime as dt
import functools
import re
import secrets

import pandas as pd
import sqlalchemy as sa
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from analytics import formatting
from analytics.domain import courts
from analytics.outputs.files import csv_bytes
from analytics.security import (  # noqa: F401 - re-exported: accounts.ADMIN etc. read naturally
    ADMIN,
    COURT_STAFF,
    OPERATOR_PREFIX,
    ROLES,
    SYSTEM,
    VIEWER,
    Account,
    InvalidInput,
    PermissionDenied,
    check_username,
    operator,
    require_admin,
    system_label,
)
from analytics.store.database import account_of, fitted, record
from analytics.store.schema import audit, login_failures, users
from analytics.store.storage import Store
from analytics.text import Words

# Lockout: an account after 5 failures in 15 minutes, a client (IP address) after 20, for 15 minutes.
ACCOUNT_FAILURES, CLIENT_FAILURES = 5, 20
LOCKOUT = dt.timedelta(minutes=15)
MIN_PASSWORD_LENGTH = 10
MAX_NAME = 120  # a person's full name with their title
EMAIL = re.compile(r"[^@\s]{1,64}@[^@\s]{1,189}\.[^@\s.]{2,}")  # the e-mail single sign-on maps: one @, a domain
_HASHER = PasswordHasher()


@functools.cache
def _dummy_hash() -> str:
    """A hash of no one's password: an unknown user name, or an account without a password, is verified against it,
    so that the answer takes as long as for a known user with a wrong password (no user names found by timing).
    Made at the first log-in of the process, for every name alike, not on import (it cost each start 0,24 s)."""
    return _HASHER.hash(secrets.token_urlsafe(16))


class LoginFailed(Exception):
    """Why a log-in was refused: "credentials", "locked" or "disabled" (the message never says which part was wrong)."""

    def __init__(self, reason: str, until: dt.datetime | None = None) -> None:
        super().__init__(reason)
        self.reason, self.until = reason, until


class AccountError(InvalidInput):
    """A bad request to manage accounts (unknown user, weak password…), in Vietnamese and English."""


def _now(now: dt.datetime | None) -> dt.datetime:
    return now or dt.datetime.now(dt.UTC)


def _aware(moment: dt.datetime | None) -> dt.datetime | None:
    """SQLite gives back naive times; they were stored in UTC."""
    return None if moment is None else formatting.as_utc(moment)


def _public(row: sa.RowMapping | None) -> dict | None:
    """A user row without its password hash, for the audit trail."""
    if row is None:
        return None
    return {k: row[k] for k in ("username", "display_name", "email", "role", "court", "active") if k in row}


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
    try:
        check_username(username)
    except InvalidInput as error:
        raise AccountError(error.message, error.message_en) from error
    _check_role(role, court)
    if len(display_name) > MAX_NAME or (email is not None and not EMAIL.fullmatch(email)):
        raise AccountError(
            f"Họ và tên tối đa {MAX_NAME} ký tự; e-mail phải có dạng ten@co-quan.vn.",
            f"A name has at most {MAX_NAME} characters; an e-mail looks like name@agency.vn.",
        )
    password = password or new_password()
    _check_password(password)
    values = _new_user(
        username, display_name, email.lower() if email else None, _HASHER.hash(password), role, court, now=now
    )
    try:
        with store.writing(actor) as (conn, who):
            require_admin(who)
            _insert_user(conn, who, values, now)
            store.bump(conn)
    except sa.exc.IntegrityError as error:
        raise AccountError(
            f"Tài khoản «{username}» hoặc e-mail đã có.", f"Account '{username}' or its e-mail exists."
        ) from error
    return password


def _update(store: Store, actor: Account, username: str, action: str, changes: dict, now: dt.datetime | None) -> None:
    with store.writing(actor) as (conn, who):
        require_admin(who)
        before = conn.execute(sa.select(users).where(users.c.username == username)).mappings().first()
        if before is None:
            raise AccountError(f"Không có tài khoản «{username}».", f"No account '{username}'.")
        if before["system"]:
            raise AccountError(
                f"«{username}» là tài khoản hệ thống (dòng lệnh, dữ liệu mẫu): không đăng nhập được, không đặt mật "
                "khẩu hay khóa được.",
                f"'{username}' is a system account: it cannot log in, be given a password or be disabled.",
            )
        conn.execute(users.update().where(users.c.username == username).values(**changes))
        after = conn.execute(sa.select(users).where(users.c.username == username)).mappings().first()
        record(conn, who, action, username, _public(before), _public(after), _now(now))
        store.bump(conn)


def set_password(
    store: Store, actor: Account, username: str, password: str | None = None, now: dt.datetime | None = None
) -> str:
    """A new password (random when none is given); also lifts a lockout and ends the account's open sessions.
    Admins only."""
    password = password or new_password()
    _check_password(password)
    _update(
        store,
        actor,
        username,
        "account.password",
        {
            "password_hash": _HASHER.hash(password),
            "failed_logins": 0,
            "locked_until": None,
            "generation": users.c.generation + 1,
        },
        now,
    )
    return password


def _new_user(
    username: str,
    display_name: str,
    email: str | None,
    password_hash: str | None,
    role: str,
    court: str | None,
    *,
    now: dt.datetime | None,
    system: bool = False,
) -> dict[str, object]:
    """The users row of a new account: enabled, no failed log-in, first generation; a court only for court staff."""
    return {
        "username": username,
        "display_name": display_name,
        "email": email,
        "password_hash": password_hash,
        "role": role,
        "court": court if role == COURT_STAFF else None,
        "active": True,
        "created_at": _now(now),
        "failed_logins": 0,
        "system": system,
        "generation": 0,
    }


def _insert_user(conn: sa.Connection, who: Account, values: dict[str, object], now: dt.datetime | None) -> None:
    conn.execute(users.insert().values(**values))
    record(conn, who, "account.add", str(values["username"]), None, _public(values), _now(now))


def set_active(store: Store, actor: Account, username: str, active: bool, now: dt.datetime | None = None) -> None:
    """Disables or enables an account; disabling ends its open sessions at their next action. Admins only."""
    changes = {"active": active} | ({} if active else {"generation": users.c.generation + 1})
    _update(store, actor, username, "account.enable" if active else "account.disable", changes, now)


def ensure_operator(store: Store, login: str, now: dt.datetime | None = None) -> Account:
    """The account of someone running the command line (`cli:<login>`, an administrator that cannot log in),
    created by the system account on first use so that their writes go through the same check as any other."""
    claim = operator(login)
    if store.account(claim.username) is None:
        values = _new_user(claim.username, claim.display_name, None, None, ADMIN, None, now=now, system=True)
        try:
            with store.writing(SYSTEM) as (conn, who):
                _insert_user(conn, who, values, now)
                store.bump(conn)
        except sa.exc.IntegrityError:
            pass  # created by another command at the same moment
    return claim


def list_users(store: Store, *, system: bool = False) -> pd.DataFrame:
    """The accounts people log in with (and, when asked, the system accounts), without their password hashes."""
    columns = [
        users.c[k]
        for k in ("username", "display_name", "email", "role", "court", "active", "created_at", "locked_until")
    ]
    query = sa.select(*columns).order_by(users.c.username)
    if not system:
        query = query.where(sa.not_(users.c.system))
    with store.engine.connect() as conn:
        return pd.read_sql(query, conn)


def has_users(store: Store) -> bool:
    """Whether anyone can log in yet (system accounts do not count)."""
    with store.engine.connect() as conn:
        query = sa.select(sa.func.count()).select_from(users).where(sa.not_(users.c.system))
        return conn.execute(query).scalar_one() > 0


def ensure_demo_admin(store: Store) -> str | None:
    """On a database without accounts, creates `admin` with a random password and returns it (print it once)."""
    if has_users(store):
        return None
    try:
        return add_user(store, SYSTEM, "admin", ADMIN, display_name="Quản trị (demo)")
    except AccountError:
        return None  # created by a concurrent first start


def people(store: Store) -> pd.DataFrame:
    """Every account's user name, name, role and court (no hash, no e-mail): what pages need to show who did what."""
    query = sa.select(users.c.username, users.c.display_name, users.c.role, users.c.court, users.c.system)
    with store.engine.connect() as conn:
        return pd.read_sql(query.order_by(users.c.username), conn)


UNKNOWN_PERSON = Words("Người dùng", "A user")  # a name in an old row that no account has now, to anonymous readers


def shown_as(usernames: pd.Series, people: pd.DataFrame, *, names: bool, lang: str = "vi") -> list[str]:
    """Each user name as a reader sees it: with `names`, the person's name (else the user name itself); without,
    only the account's role, so that anonymous readers see courts, roles and dates but not who. The system
    accounts (the command line, the sample loader) are no one's name and always show as themselves, in the
    reader's language ("Hệ thống", "System")."""
    by_name = {row.username: row for row in people.itertuples(index=False)}
    shown = []
    for username in usernames:
        row = by_name.get(username)
        if row is not None and row.system:
            shown.append(system_label(str(username), lang) or row.display_name or str(username))
        elif row is not None and names:
            shown.append(row.display_name or str(username))
        elif names:
            shown.append(str(username))
        else:
            shown.append((ROLES[row.role] if row is not None else UNKNOWN_PERSON).label(lang))
    return shown


def still_valid(store: Store, account: Account) -> Account | None:
    """The session's account as the database holds it now, or None when it is gone, disabled, or of an older
    generation (its password changed, or it was disabled meanwhile): the app then ends the session."""
    row = store.account(account.username)
    if row is None or not row["active"] or row["system"] or row["generation"] != account.generation:
        return None
    return account_of(row)


def authenticate(store: Store, username: str, password: str, client: str, now: dt.datetime | None = None) -> Account:
    """The account for these credentials, or LoginFailed; failures count towards the lockouts.

    Every attempt that reaches the password check costs one Argon2 verification, also for a user name that does not
    exist (against a dummy hash), so the time taken does not tell which names exist. A lockout that has ended starts
    the count afresh.
    """
    now = _now(now)
    window = now - LOCKOUT
    username = fitted(login_failures.c.username, username)  # as typed, but no NUL (PostgreSQL refuses it), 64 at most
    with store.login_transaction() as conn:
        recent = conn.execute(
            sa.select(sa.func.count())
            .select_from(login_failures)
            .where(login_failures.c.client == client, login_failures.c.at > window)
        ).scalar_one()
        if recent >= CLIENT_FAILURES:
            raise LoginFailed("locked", now + LOCKOUT)
        row = conn.execute(sa.select(users).where(users.c.username == username)).mappings().first()
        if row is not None and row["system"]:
            row = None  # the command line's and the sample loader's accounts never log in
        locked_until = _aware(row["locked_until"]) if row is not None else _unknown_locked(conn, username, window)
        if locked_until is not None and locked_until > now:
            raise LoginFailed("locked", locked_until)
        failures_before = row["failed_logins"] if row is not None and locked_until is None else 0
        hashed = row["password_hash"] if row is not None and row["password_hash"] is not None else None
        dummy = _dummy_hash()  # asked whoever logs in: the first log-in's extra time says nothing about the name
        ok = _verifies(hashed or dummy, password) and hashed is not None
        if ok and not row["active"]:
            raise LoginFailed("disabled")
        if ok:
            conn.execute(users.update().where(users.c.username == username).values(failed_logins=0, locked_until=None))
            conn.commit()
            return account_of(row)
        # Kept only while the lockouts count it: a password typed as the user name is not kept for ever.
        conn.execute(login_failures.delete().where(login_failures.c.at <= window))
        conn.execute(login_failures.insert().values(client=client[:128], username=username, at=now))
        if row is not None:
            failures = failures_before + 1
            lock = now + LOCKOUT if failures >= ACCOUNT_FAILURES else None
            conn.execute(
                users.update()
                .where(users.c.username == username)
                .values(failed_logins=0 if lock else failures, locked_until=lock)
            )
    raise LoginFailed("credentials")


def _unknown_locked(conn: sa.Connection, username: str, window: dt.datetime) -> dt.datetime | None:
    """A name no account has locks like one that has after as many failures, so a lockout does not tell either."""
    recent = (
        conn.execute(
            sa.select(login_failures.c.at)
            .where(login_failures.c.username == username, login_failures.c.at > window)
            .order_by(login_failures.c.at.desc())
        )
        .scalars()
        .all()
    )
    return _aware(recent[0]) + LOCKOUT if len(recent) >= ACCOUNT_FAILURES else None


def _verifies(hashed: str, password: str) -> bool:
    try:
        return _HASHER.verify(hashed, password)
    except (VerificationError, InvalidHashError):
        return False


def account_for_email(store: Store, email: str) -> Account | None:
    """The active account an identity provider's e-mail maps to (single sign-on)."""
    with store.engine.connect() as conn:
        row = (
            conn.execute(
                sa.select(users).where(users.c.email == email.lower(), users.c.active, sa.not_(users.c.system))
            )
            .mappings()
            .first()
        )
    return None if row is None else account_of(row)


def audit_trail(store: Store, *, actor: str | None = None, action: str | None = None) -> pd.DataFrame:
    query = sa.select(audit).order_by(audit.c.id.desc())
    if actor:
        query = query.where(audit.c.actor == actor)
    if action:
        query = query.where(audit.c.action.startswith(action))
    with store.engine.connect() as conn:
        return pd.read_sql(query, conn)


def audit_csv(trail: pd.DataFrame) -> bytes:
    """The audit trail as CSV for Excel: a name or subject beginning with =, +, -, @ stays text (outputs.csv_bytes); the
    times on the courts' clock with their offset ("2026-12-02T17:38:00+07:00")."""
    if "at" in trail and len(trail):
        trail = trail.assign(at=trail["at"].map(lambda at: formatting.local(at).isoformat(timespec="seconds")))
    return csv_bytes(trail)
