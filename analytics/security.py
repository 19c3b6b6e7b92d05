"""Who may do what: accounts as the write functions see them, roles, and the checks they make.

Roles: viewer (reads everything), court_staff (uploads and comments for their own court only),
admin (targets, weights, users, any court). The write functions call `require_court` and
`require_admin` themselves, so hiding a button is never the only guard.
"""

from __future__ import annotations

from dataclasses import dataclass

VIEWER, COURT_STAFF, ADMIN = "viewer", "court_staff", "admin"
ROLES = {
    VIEWER: ("Lãnh đạo – chỉ xem", "Viewer"),
    COURT_STAFF: ("Cán bộ thống kê của Tòa án", "Court statistics staff"),
    ADMIN: ("Thư ký Cụm – quản trị", "Secretariat – administrator"),
}


@dataclass(frozen=True)
class Account:
    username: str
    role: str
    court: str | None = None
    display_name: str = ""

    def may_write(self, court: str) -> bool:
        return self.role == ADMIN or (self.role == COURT_STAFF and self.court == court)

    @property
    def label(self) -> str:
        return self.display_name or self.username


SYSTEM = Account("hệ thống", ADMIN, None, "Hệ thống")  # what the app loads by itself (targets, samples)


def operator(login: str) -> Account:
    """The account of someone running the command line on the server: an administrator."""
    return Account(f"cli:{login}", ADMIN, None, f"Dòng lệnh ({login})")


class PermissionDenied(Exception):
    """A write the account may not make; `message` is Vietnamese, `message_en` English."""

    def __init__(self, message: str, message_en: str) -> None:
        super().__init__(message_en)
        self.message, self.message_en = message, message_en

    @classmethod
    def for_court(cls, account: Account, court: str) -> PermissionDenied:
        return cls(
            f"Tài khoản «{account.username}» không được ghi số liệu của Tòa án «{court}».",
            f"Account '{account.username}' may not write figures of court '{court}'.",
        )


def require_court(account: Account, court: str) -> None:
    if not account.may_write(court):
        raise PermissionDenied.for_court(account, court)


def require_admin(account: Account) -> None:
    if account.role != ADMIN:
        raise PermissionDenied(
            f"Chỉ quản trị (thư ký Cụm) mới được làm việc này; tài khoản «{account.username}» không có quyền.",
            f"Only an administrator may do this; account '{account.username}' may not.",
        )
