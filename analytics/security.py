"""Who may do what: accounts as the write functions see them, roles, the checks they make, and the client address.

Roles: viewer (reads everything), court_staff (uploads and comments for their own court only),
admin (targets, weights, users, any court). An `Account` handed to a write function is only a claim:
the store reads the account again by its user name inside the write's transaction (exists, enabled,
role, court, session generation) and judges with what it read (`analytics.store.database.Database.writing`).
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass, field

from analytics.text import Said, Words

VIEWER, COURT_STAFF, ADMIN = "viewer", "court_staff", "admin"
ROLES = {
    VIEWER: Words("Lãnh đạo – chỉ xem", "Viewer"),
    COURT_STAFF: Words("Cán bộ thống kê của Tòa án", "Court statistics staff"),
    ADMIN: Words("Thư ký Cụm – quản trị", "Secretariat – administrator"),
}
# A user name people type and see: lower-case letters, digits, dot, underscore, hyphen. Nothing that a
# spreadsheet, a shell or markdown would read as something else (=, +, @, spaces, brackets).
USERNAME = re.compile(r"[a-z0-9._-]{3,32}")
OPERATOR_PREFIX = "cli:"  # the command line's accounts: "cli:" + the login name; no typed name can take it


@dataclass(frozen=True)
class Account:
    username: str
    role: str
    court: str | None = None
    display_name: str = ""
    # The account's session generation when it was read from the database (log-in, or a write's re-read);
    # a password change or a disable moves it on, which ends the sessions holding the old one. None: a claim
    # made in code (the command line, the sample loader), which only the user name of counts.
    generation: int | None = field(default=None, compare=False)

    def may_write(self, court: str) -> bool:
        return self.role == ADMIN or (self.role == COURT_STAFF and self.court == court)

    @property
    def label(self) -> str:
        return self.display_name or self.username


# The sample loader and the shipped targets write as this account; it is a row of the users table
# (migration 0003) that cannot log in.
SYSTEM_NAME = Words("Hệ thống", "System")
SYSTEM = Account("hệ thống", ADMIN, None, SYSTEM_NAME.vi)


def operator_name(login: str) -> Words:
    return Words(f"Dòng lệnh ({login})", f"Command line ({login})")


def operator(login: str) -> Account:
    """The claim of someone running the command line on the server (an account `cli:<login>` in the database,
    created by `accounts.ensure_operator`)."""
    return Account(f"{OPERATOR_PREFIX}{login}", ADMIN, None, operator_name(login).vi)


def system_label(username: str, lang: str = "vi") -> str | None:
    """A system account's name in the reader's language (its stored name is Vietnamese); None for a person's."""
    if username == SYSTEM.username:
        return SYSTEM_NAME.label(lang)
    if username.startswith(OPERATOR_PREFIX):
        return operator_name(username.removeprefix(OPERATOR_PREFIX)).label(lang)
    return None


class PermissionDenied(Said):
    """A write the account may not make; `message` is Vietnamese, `message_en` English. `ends_session`: the
    account itself is gone, disabled or its password changed, so the app signs the session out."""

    def __init__(self, message: str, message_en: str, *, ends_session: bool = False) -> None:
        super().__init__(message, message_en)
        self.ends_session = ends_session

    @classmethod
    def for_court(cls, account: Account, court: str) -> PermissionDenied:
        """The refusal names the court as people know it ("Tòa án nhân dân tỉnh Lai Châu"), not by its key."""
        name_vi, name_en = _court_names(court)
        return cls(
            f"Tài khoản «{account.username}» không được ghi số liệu của {name_vi}.",
            f"Account '{account.username}' may not write figures of the {name_en}.",
        )

    @classmethod
    def unknown(cls, username: str) -> PermissionDenied:
        return cls(
            f"Không có tài khoản «{username}»: không ghi được gì. Hãy đăng nhập lại.",
            f"There is no account '{username}': nothing was written. Please log in again.",
            ends_session=True,
        )

    @classmethod
    def disabled(cls, username: str) -> PermissionDenied:
        return cls(
            f"Tài khoản «{username}» đã bị khóa: không ghi được gì. Liên hệ thư ký Cụm.",
            f"Account '{username}' is disabled: nothing was written. Ask the secretariat.",
            ends_session=True,
        )

    @classmethod
    def session_ended(cls, username: str) -> PermissionDenied:
        return cls(
            f"Phiên đăng nhập của «{username}» đã hết hiệu lực (mật khẩu đã đổi hoặc tài khoản đã bị khóa rồi mở "
            "lại): không ghi được gì. Hãy đăng nhập lại.",
            f"The session of '{username}' is no longer valid (the password changed, or the account was disabled): "
            "nothing was written. Please log in again.",
            ends_session=True,
        )


def _court_names(court: str) -> tuple[str, str]:
    """A court's full names in Vietnamese and English; the key quoted for a court the registry does not know."""
    from analytics.domain import court_by_key  # the registry's module imports this one: looked up when needed

    try:
        known = court_by_key(court)
    except KeyError:
        return f"Tòa án «{court}»", f"court '{court}'"
    return known.full_name("vi"), known.full_name("en")


class InvalidInput(Said, ValueError):
    """Something typed that cannot be stored (a user name, a weight, a target, a comment's period), with where and
    what to do; `message` is Vietnamese, `message_en` English."""


def require_court(account: Account, court: str) -> None:
    if not account.may_write(court):
        raise PermissionDenied.for_court(account, court)


def require_admin(account: Account) -> None:
    if account.role != ADMIN:
        raise PermissionDenied(
            f"Chỉ quản trị (thư ký Cụm) mới được làm việc này; tài khoản «{account.username}» không có quyền.",
            f"Only an administrator may do this; account '{account.username}' may not.",
        )


def check_username(username: str) -> str:
    """The user name as given, or InvalidInput saying what a user name may hold."""
    if not USERNAME.fullmatch(username):
        raise InvalidInput(
            f"Tên đăng nhập «{username}» không dùng được: chỉ gồm 3–32 ký tự chữ thường không dấu (a–z), chữ số, "
            "dấu chấm, gạch dưới hoặc gạch ngang, ví dụ «nguyen.lan» hay «lan_sonla».",
            f"User name '{username}' cannot be used: 3–32 characters of a–z, 0–9, dot, underscore or hyphen.",
        )
    return username


# --- the client address, for the log-in's per-address limit ---------------------------------------------------

LOOPBACK = "127.0.0.1"  # Streamlit reports a peer on the same machine (127.0.0.1, ::1) as no address at all
DEFAULT_TRUSTED_PROXIES = "127.0.0.1, ::1"  # a reverse proxy on the same machine, as the README sets up


def trusted_networks(text: str | None) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    """The proxies whose X-Forwarded-For is believed, from a comma-separated list of addresses or networks
    ("127.0.0.1, 10.0.0.0/24"); an empty text trusts none. A bad entry is an InvalidInput naming it."""
    networks = []
    for item in (text or "").split(","):
        if not item.strip():
            continue
        try:
            networks.append(ipaddress.ip_network(item.strip(), strict=False))
        except ValueError as error:
            raise InvalidInput(
                f"Địa chỉ proxy tin cậy «{item.strip()}» không hợp lệ (cần dạng 127.0.0.1 hoặc 10.0.0.0/24).",
                f"Trusted proxy '{item.strip()}' is not an address or network.",
            ) from error
    return tuple(networks)


def _address(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(text.strip().strip("[]"))
    except ValueError:
        return None


def _trusted(address: ipaddress.IPv4Address | ipaddress.IPv6Address | None, trusted) -> bool:
    return address is not None and any(address.version == n.version and address in n for n in trusted)


def client_address(peer: str | None, forwarded_for: str | None, trusted) -> str:
    """The address a log-in attempt counts against: the peer of the connection, or, when the peer is a trusted
    proxy, the right-most address of X-Forwarded-For that is not itself a trusted proxy (what the proxy saw;
    anything to its left was written by the client and may be forged). Never a shared "unknown"."""
    peer_address = _address(peer) if peer else _address(LOOPBACK)
    if peer_address is None:
        return peer or LOOPBACK
    if not forwarded_for or not _trusted(peer_address, trusted):
        return str(peer_address)
    for hop in reversed([h for h in forwarded_for.split(",") if h.strip()]):
        address = _address(hop)
        if address is None:
            break  # a garbled hop: the proxy is the last address known for sure
        if not _trusted(address, trusted):
            return str(address)
    return str(peer_address)
