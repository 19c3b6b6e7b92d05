"""The command line: template, import, indicators, export, users, settings, init."""

from __future__ import annotations

import argparse
import getpass
import json
import os
import re
import sys
from pathlib import Path

from analytics import formatting, upload
from analytics.compute.comparison import ALL_GROUPS, compare
from analytics.compute.indicators import INDICATOR_BY_KEY
from analytics.domain import GROUPS, PERIOD_BY_KEY, SETTINGS
from analytics.ingest.template import write_workbook
from analytics.outputs import files
from analytics.outputs.bundle import bundle
from analytics.outputs.export import FORMATS, export_file, long_table
from analytics.outputs.report_pdf import ReportUnavailable
from analytics.security import OPERATOR_PREFIX, InvalidInput
from analytics.store import accounts, bootstrap
from analytics.store.database import (
    DATABASE_FAILURES,
    REASON,
    DatabaseUnusable,
    StoreUnavailable,
    database_url,
    failed_sentence,
    failure_reason,
    fitted,
    masked,
)
from analytics.store.schema import users
from analytics.store.storage import Store
from analytics.text import os_reason

STATUS_WORDS = {"stored": "ĐÃ LƯU", "unchanged": "KHÔNG ĐỔI", "rejected": "BỊ TỪ CHỐI"}
# What a terminal acts on instead of showing: C0 and C1 controls (ESC begins the sequences that clear the screen, set
# the window's title, write the clipboard or draw links; a line break would forge a line of this report) and the
# bidirectional marks that reorder the text shown. A file's name, its sheets' names and the cells a problem quotes
# come from whoever made the file.
_UNSHOWN = re.compile(r"[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def terminal(text: object) -> str:
    """The text as printed: each character a terminal would act on written as its escape («\\x1b», «\\u202e»)."""
    return _UNSHOWN.sub(lambda m: ascii(m.group())[1:-1], str(text))


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m analytics", description="Cụm thi đua số II – số liệu thống kê Tòa án"
    )
    commands = parser.add_subparsers(dest="command", required=True)

    template = commands.add_parser("template", help="ghi mẫu báo cáo trống / write the blank return template")
    template.add_argument("--out", required=True, type=Path)

    importing = commands.add_parser("import", help="nhập báo cáo / import returns")
    importing.add_argument("files", nargs="+", type=Path)
    importing.add_argument("--db", help="database URL (default: $DATABASE_URL or data/cum2.sqlite)")
    importing.add_argument(
        "--user",
        default=None,
        type=_operator_login,
        help="who is importing, for the audit trail (default: the login name)",
    )

    for name, text in (
        ("indicators", "chỉ tiêu dạng dài / indicators in long form"),
        ("export", "xuất bảng so sánh (.xlsx, CSV) hoặc báo cáo PDF / export the comparison or the PDF report"),
    ):
        command = commands.add_parser(name, help=text)
        command.add_argument("--year", type=int, required=True)
        command.add_argument("--period", required=True, choices=list(PERIOD_BY_KEY))
        command.add_argument("--db")
        if name == "indicators":
            command.add_argument("--format", choices=["csv", "json"], default="csv")
            command.add_argument(
                "--only",
                type=_indicator_keys,
                default=None,
                help="chỉ các chỉ tiêu này, ví dụ overdue_cases,clearance_rate",
            )
        else:
            command.add_argument("--out", required=True, type=Path)
            command.add_argument("--lang", choices=["vi", "en"], default="vi")
            command.add_argument(
                "--format",
                choices=list(FORMATS),
                default="xlsx",
                help="xlsx (bảng so sánh), csv (UTF-8, dấu phẩy, cho công cụ), csv-excel (dấu chấm phẩy, "
                "số kiểu Việt Nam, cho Excel tiếng Việt), pdf (báo cáo quý)",
            )
            command.add_argument("--group", choices=list(GROUPS), default=ALL_GROUPS, help="nhóm án (mặc định: all)")
            command.add_argument(
                "--courts", type=_court_keys, default=(), help="chỉ các Tòa án này, ví dụ son_la,yen_bai"
            )

    people = commands.add_parser("users", help="tài khoản / accounts").add_subparsers(dest="action", required=True)
    add = people.add_parser("add", help="tạo tài khoản; mật khẩu ngẫu nhiên được in một lần")
    add.add_argument("username")
    add.add_argument("--role", required=True, choices=list(accounts.ROLES))
    add.add_argument("--court", help="court key for court_staff, e.g. lai_chau")
    add.add_argument("--email", help="for single sign-on")
    add.add_argument("--name", default="", help="display name")
    add.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    passwd = people.add_parser("passwd", help="đặt mật khẩu mới (ngẫu nhiên nếu không nhập) và mở khóa")
    passwd.add_argument("username")
    passwd.add_argument("--password-stdin", action="store_true")
    for action, text in (("disable", "khóa tài khoản"), ("enable", "mở lại tài khoản")):
        people.add_parser(action, help=text).add_argument("username")
    people.add_parser("list", help="danh sách tài khoản")
    for command in people.choices.values():
        command.add_argument("--db")

    setting = commands.add_parser(
        "settings", help="xem hoặc đặt thiết lập của Cụm (hạn gửi báo cáo) / show or set the cluster's settings"
    )
    setting.add_argument("key", nargs="?", choices=list(SETTINGS), help="thiết lập, ví dụ deadline_days")
    setting.add_argument("value", nargs="?", type=int, help="giá trị mới (số nguyên); bỏ trống để xem")
    setting.add_argument("--db")

    init = commands.add_parser("init", help="tạo cơ sở dữ liệu, nạp chỉ tiêu và dữ liệu mẫu / create the database")
    init.add_argument("--db")
    init.add_argument("--sample-data", action="store_true", help="load sample_data/ when no return is stored yet")
    return parser


def _indicator_keys(text: str) -> tuple[str, ...]:
    keys = tuple(k.strip() for k in text.split(",") if k.strip())
    unknown = [k for k in keys if k not in INDICATOR_BY_KEY]
    if unknown or not keys:
        raise argparse.ArgumentTypeError(
            f"không có chỉ tiêu {', '.join(unknown) or '(trống)'}; các chỉ tiêu: {', '.join(INDICATOR_BY_KEY)}"
        )
    return keys


# The account `cli:<name>` must fit the users table's key: a longer name made PostgreSQL refuse the insert with a
# traceback (SQLite kept it whole).
OPERATOR_LOGIN_LENGTH = users.c.username.type.length - len(OPERATOR_PREFIX)


def _operator_login(text: str) -> str:
    name = text.strip()
    if not name or len(name) > OPERATOR_LOGIN_LENGTH or _UNSHOWN.search(name):
        raise argparse.ArgumentTypeError(
            f"tên người nhập phải có 1–{OPERATOR_LOGIN_LENGTH} ký tự, không có ký tự điều khiển"
        )
    return name


def _login() -> str:
    """The name of whoever runs the command, as the account `cli:<name>` holds it: the system's login name (getpass:
    $LOGNAME, $USER…, else the password database) with each character a terminal would act on written as its escape,
    cut to the users table's length, its end marked «…» (`--user` is refused instead, but the system's name cannot be
    chosen: a longer one made PostgreSQL refuse the write with a traceback, SQLite kept it whole); `uid<number>` when
    the system has no name for the user (a container's user without a line in /etc/passwd, nor $USER)."""
    try:
        name = terminal(getpass.getuser().strip())
    except (KeyError, OSError):  # KeyError up to Python 3.12, OSError from 3.13
        name = ""
    account = fitted(users.c.username, OPERATOR_PREFIX + (name or f"uid{os.getuid()}"))
    return account.removeprefix(OPERATOR_PREFIX)


def _court_keys(text: str) -> tuple[str, ...]:
    return tuple(k.strip() for k in text.split(",") if k.strip())


def _existing(args: argparse.Namespace) -> Store:
    """The database every command but `init` works on: one that exists with the app's tables (an older one is
    migrated, as the server's start migrates it). A URL where there is none is refused, nothing made there
    (store.database.NotCreated, exit 3)."""
    return Store(args.db, create=False)


def _unwritten(out: Path, error: OSError) -> int:
    """A file the command could not write, said in one line, Vietnamese then English; exit 2."""
    why = os_reason(error)
    print(f"Lỗi: không ghi được tệp {out} ({why.vi}). / Cannot write {out} ({why.en}).", file=sys.stderr)
    return 2


def _template(args: argparse.Namespace) -> int:
    try:
        args.out.write_bytes(write_workbook())
    except OSError as error:  # no folder, a folder given, not allowed, a full disk
        return _unwritten(args.out, error)
    print(f"Đã ghi mẫu báo cáo: {args.out}")
    return 0


def _import(args: argparse.Namespace) -> int:
    store = _existing(args)
    bootstrap.prepare(store)
    actor = accounts.ensure_operator(store, args.user or _login())
    rejected = 0
    for path in args.files:
        try:
            content = path.read_bytes()
        except OSError as error:
            why = os_reason(error)
            print(
                f"{terminal(path)}: {STATUS_WORDS['rejected']} – không đọc được tệp ({why.vi}) / unreadable ({why.en})."
            )
            rejected += 1
            continue
        checked = upload.check([(path.name, content)], store)
        try:
            outcomes = upload.confirm(store, checked, actor)
        except StoreUnavailable as error:  # busy past the wait, gone, or full: the driver says which
            print(f"{terminal(path)}: {STATUS_WORDS['rejected']} – {terminal(error.message)}")
            print(f"  {REASON}{terminal(failure_reason(error, store.url))}")
            rejected += 1
            continue
        for outcome, part in zip(outcomes, checked[0].parts, strict=True):
            line = terminal(f"{path}{f' ({part.part})' if part.part else ''}") + f": {STATUS_WORDS[outcome.status]}"
            if outcome.saved is not None:
                saved = outcome.saved
                line += f" – {saved.court}, năm {saved.year}, kỳ {saved.period}, phiên bản {saved.version}"
            print(line)
            if outcome.status == "stored" and part.replaces is not None:
                replaced, changed = part.replaces, len(part.replaces.changes(part.ret))
                print(
                    f"  thay thế phiên bản {replaced.version} (lưu {formatting.moment(replaced.stored_at)}): "
                    + (f"{changed} số liệu khác" if changed else "cùng số liệu")
                )
            shown = (
                outcome.problems
                if outcome.status == "rejected"
                else outcome.problems[outcome.problems["severity"] == "warning"]
            )
            for row in shown.itertuples():
                place = f"{row.sheet}!{row.cell}" if row.cell else row.sheet or "-"
                print(f"  [{row.severity}] {terminal(place)} {row.rule}: {terminal(row.message)}")
        rejected += any(o.status == "rejected" for o in outcomes)
    return 1 if rejected else 0


def _comparison(args: argparse.Namespace):
    store = _existing(args)
    bootstrap.prepare(store)
    return compare(store.figures(), store.targets(args.year), store.returns(), args.year, args.period), store


def _indicators(args: argparse.Namespace) -> int:
    comparison, _ = _comparison(args)
    table = long_table(comparison, args.only)
    if args.format == "csv":
        sys.stdout.write(files.csv_text(table))
    else:
        records = json.loads(table.to_json(orient="records"))
        json.dump(records, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    if comparison.empty:
        print(f"Chưa có số liệu năm {args.year}, kỳ {args.period}.", file=sys.stderr)
    return 0


def _export(args: argparse.Namespace) -> int:
    comparison, store = _comparison(args)
    if comparison.empty:
        print(f"Chưa có số liệu năm {args.year}, kỳ {args.period}: không có gì để xuất.", file=sys.stderr)
        return 1
    try:
        chosen = bundle(
            comparison,
            targets=store.targets(args.year),
            figures=store.figures(year=args.year),
            returns=store.returns(year=args.year),
            comments=store.comments(year=args.year),
            stored_weights=store.ranking_weights(args.year),
            generated_by=OPERATOR_PREFIX + _login(),
            group=args.group,
            courts=args.courts,
            lang=args.lang,
        )
        content = export_file(chosen, args.format)
    except (InvalidInput, ReportUnavailable) as error:
        print(f"Lỗi: {error.both()}", file=sys.stderr)
        return 2
    try:
        args.out.write_bytes(content)
    except OSError as error:
        return _unwritten(args.out, error)
    print(f"Đã ghi {WRITTEN[args.format]}: {args.out}")
    return 0


WRITTEN = {
    "xlsx": "bảng so sánh",
    "csv": "tệp CSV",
    "csv-excel": "tệp CSV cho Excel tiếng Việt",
    "pdf": "báo cáo PDF",
}


def _password(args: argparse.Namespace) -> str | None:
    # Never from the command line itself: other users of the machine can read it there.
    return sys.stdin.readline().rstrip("\n") if args.password_stdin else None


def _users(args: argparse.Namespace) -> int:
    if args.action == "add" and args.court and args.role != accounts.COURT_STAFF:
        # Dropped silently before: an operator who meant to keep a reader to one court got one who reads all. Refused
        # as an argument, before the database is opened (nor the `cli:` account written).
        print(
            f"Lỗi: --court chỉ dùng cho vai trò {accounts.COURT_STAFF} (cán bộ thống kê của một Tòa án); tài khoản "
            f"{args.role} xem mọi Tòa án. Không có tài khoản nào được tạo.",
            file=sys.stderr,
        )
        return 2
    store = _existing(args)
    if args.action == "list":
        return _list_users(store)
    # Made only for a write: reading the list wrote this account (and a line of the audit trail, a new data version
    # that emptied the server's caches) the first time each operator looked.
    actor = accounts.ensure_operator(store, _login())
    try:
        if args.action == "add":
            password = accounts.add_user(
                store,
                actor,
                args.username,
                args.role,
                court=args.court,
                email=args.email,
                display_name=args.name,
                password=_password(args),
            )
            print(f"Đã tạo tài khoản {args.username} ({args.role}).")
            if not args.password_stdin:
                print(f"Mật khẩu (chỉ hiện một lần): {password}")
        elif args.action == "passwd":
            password = accounts.set_password(store, actor, args.username, _password(args))
            print(f"Đã đặt mật khẩu mới cho {args.username}.")
            if not args.password_stdin:
                print(f"Mật khẩu (chỉ hiện một lần): {password}")
        elif args.action in ("disable", "enable"):
            accounts.set_active(store, actor, args.username, args.action == "enable")
            print(f"Đã {'mở lại' if args.action == 'enable' else 'khóa'} tài khoản {args.username}.")
    except (accounts.InvalidInput, accounts.PermissionDenied) as error:
        print(f"Lỗi: {error.both()}", file=sys.stderr)
        return 2
    return 0


def _list_users(store: Store) -> int:
    """`users list`: the accounts people log in with; it reads only."""
    listed = accounts.list_users(store)
    if listed.empty:  # not pandas' «Empty DataFrame»
        print(f"Chưa có tài khoản nào trong {masked(store.url)}. Tạo: python -m analytics init hoặc users add.")
        return 0
    for column in ("created_at", "locked_until"):  # on the courts' clock, as everywhere
        listed[column] = listed[column].map(formatting.moment)
    # Names and e-mails typed on the administration page; no e-mail, or no court (a viewer, an administrator): blank,
    # not "NaN".
    shown = listed.fillna("").map(lambda value: terminal(value) if isinstance(value, str) else value)
    sys.stdout.write(shown.to_string(index=False) + "\n")
    return 0


def _settings(args: argparse.Namespace) -> int:
    """The administrator's settings the Quản trị page edits, from the command line: listed, or one set (audited as
    `cli:<login name>`, the same check and range as the page's)."""
    store = _existing(args)
    if args.key is not None and args.value is not None:
        try:
            store.put_setting(args.key, args.value, accounts.ensure_operator(store, _login()))
        except InvalidInput as error:
            print(f"Lỗi: {error.both()}", file=sys.stderr)
            return 2
        print(f"Đã đặt {args.key} = {args.value}.")
        return 0
    for key, setting in SETTINGS.items():
        if args.key in (None, key):
            print(f"{key} = {store.setting(key)}  ({setting.label_vi}; {setting.low}–{setting.high})")
    return 0


def _init(args: argparse.Namespace) -> int:
    store = Store(args.db)  # the one command that creates the database
    password = accounts.ensure_demo_admin(store)
    if password is not None:
        print(f"Đã tạo tài khoản quản trị demo «admin», mật khẩu (chỉ hiện một lần): {password}")
        print("Hãy đổi mật khẩu hoặc tạo tài khoản riêng: python -m analytics users passwd admin")
    outcomes = bootstrap.prepare(store, sample_dir=bootstrap.SAMPLE_DIR if args.sample_data else None)
    stored = sum(o.status == "stored" for o in outcomes)
    if not args.sample_data:
        loaded = ""
    elif outcomes:
        loaded = f" ({stored} báo cáo mẫu vừa nạp)"
    else:  # the samples go only into a database without returns: never beside a court's real figures
        loaded = " (đã có báo cáo: dữ liệu mẫu không được nạp)"
    print(f"Cơ sở dữ liệu sẵn sàng: {masked(store.url)}{loaded}.")
    failed = [o for o in outcomes if o.status == "rejected"]
    for outcome in failed:
        print(
            f"  Không nạp được {terminal(outcome.filename)}: {terminal(outcome.problems['message'].tolist())}",
            file=sys.stderr,
        )
    return 1 if failed else 0


UNREACHABLE_EXIT = 3  # the database: not reachable, refused, not writable, not created (init), or its URL unusable


def unreachable(url: str, error: BaseException) -> str:
    """What the operator reads when the database fails: the server log's sentence (which database, its password
    masked, and where to look), and the driver's reason on a line of its own."""
    return (
        f"{failed_sentence(url)} Không có gì bị ghi dở. Hãy kiểm tra DATABASE_URL hoặc --db và máy chủ cơ sở dữ liệu, "
        "rồi chạy lại. / The database could not be used; nothing was written."
        f"\n  {REASON}{terminal(failure_reason(error, url))}"
    )


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    handlers = {
        "template": _template,
        "import": _import,
        "indicators": _indicators,
        "export": _export,
        "init": _init,
        "users": _users,
        "settings": _settings,
    }
    try:
        return handlers[args.command](args)
    except DATABASE_FAILURES as error:
        # Unreachable, refused, wrong credentials, locked past the wait, a read-only folder, a full disk: one
        # sentence and the driver's reason, never a traceback (which could also show the URL).
        if isinstance(error, DatabaseUnusable):
            print(error.both(), file=sys.stderr)
        else:
            print(unreachable(database_url(getattr(args, "db", None)), error), file=sys.stderr)
        return UNREACHABLE_EXIT
