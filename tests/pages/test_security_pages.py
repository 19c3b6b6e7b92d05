"""User text is plain text on every page; a session ends when its account is disabled or its password changes;
anonymous readers see roles, not names.

AppTest gives the markdown *source* of each element, not what the browser draws: every source is parsed as
the browser would (CommonMark with GitHub's bare-URL links) and nothing from a user may come out as a heading,
a rule, a link, an image, HTML, code or a colour directive. A browser journey checks the drawn page too.
"""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa
from markdown_it import MarkdownIt
from streamlit.testing.v1 import AppTest

from analytics import domain
from analytics.security import ADMIN, COURT_STAFF, SYSTEM, VIEWER, Account
from analytics.store import accounts
from analytics.store.schema import metadata
from analytics.store.storage import Store
from tests.analytics.builders import a_return, imported, workbook
from tests.conftest import ROOT, private_copy
from tests.pages.apptest import TIMEOUT, no_failure, open_page, shown, texts
from ui import data, state
from ui.i18n import t

COMMENT = (
    "dòng 1\n# TIÊU ĐỀ\n---\n* mục https://evil.example/dang-nhap www.evil.example\n"
    ":red[đỏ] :material/home: <b>đậm</b> <img src=x onerror=alert(1)> [bấm](javascript:alert(1)) $$x$$ ```mã```"
)
NAME = '=HYPERLINK("http://evil.example/ten","x") # Tên'
FILE = "[bấm đây](https:__evil.example) # tệp.xlsx"
PASSWORD = "mat-khau-cua-ke-xau"
MARKDOWN = MarkdownIt("gfm-like")  # tables, strikethrough and bare URLs made into links, as the browser does
FORBIDDEN = {"heading_open", "hr", "html_block", "html_inline", "image", "fence", "code_block", "code_inline"}
# What the browser makes a link of in the drawn text, after markdown (GitHub's autolink literals).
AUTOLINK = re.compile(r"(?i)(https?://|www\.)[^\s]|[\w.+-]+@[\w-]+\.\w")
ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")
DIRECTIVE = re.compile(r"(?<!\\):(red|blue|green|orange|violet|gray|grey|rainbow|primary|material/[a-z_]+)(?<!\\)[\[:]")


def constructs(source: str) -> list[str]:
    """What the markdown source would draw besides text, bold, italics, lists, quotes and line breaks."""
    found = []
    for token in MARKDOWN.parse(source):
        for part in [token, *(token.children or [])]:
            if part.type in FORBIDDEN:
                found.append(f"{part.type}: {part.content or part.markup}")
            elif part.type == "link_open" and not str(part.attrs.get("href", "")).startswith("/"):
                found.append(f"link to {part.attrs.get('href')}")
    found += [f"bare link {m.group()}" for m in AUTOLINK.finditer(ESCAPED.sub(r"\1", source))]
    return found + [f"directive {m.group()}" for m in DIRECTIVE.finditer(source)]


def sources(app) -> list[str]:
    """The markdown source of everything the page drew as text: bodies, captions, notices, titles and labels."""
    found = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "info", "warning", "error", "success"):
        found += [str(element.value) for element in app.get(kind)]
    for kind in ("expander", "tabs", "button", "text_area", "text_input", "selectbox", "metric", "download_button"):
        found += [str(element.label) for element in app.get(kind) if getattr(element, "label", None)]
    return found


@pytest.fixture(scope="module")
def hostile_db(sample_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample database with a court-staff account with a markdown name, a return uploaded by it with a markdown
    file name, prepared-by and notes, a comment of markdown and HTML constructs, and a target source as a formula;
    made once for the module (the account's password hash, the log-in and the upload take most of a second)."""
    path = tmp_path_factory.mktemp("hostile") / "hostile.sqlite"
    shutil.copy(sample_db, path)
    store = Store(f"sqlite:///{path}")
    accounts.add_user(store, SYSTEM, "ke_xau", COURT_STAFF, court="son_la", display_name=NAME, password=PASSWORD)
    ke_xau = accounts.authenticate(store, "ke_xau", PASSWORD, "10.0.0.1")
    ret = a_return("son_la", prepared_by=NAME, notes=COMMENT)
    assert imported(store, FILE, workbook(ret), ke_xau).status == "stored"
    store.add_comment("son_la", 2023, "12", COMMENT, ke_xau)
    targets = store.targets(2023).head(1).assign(source=COMMENT)
    store.put_targets(targets, SYSTEM)
    store.dispose()
    return path


@pytest.fixture
def hostile(hostile_db: Path, tmp_path: Path) -> str:
    """A private copy of the hostile database for one test, which may write to it (a session's log-in)."""
    return private_copy(hostile_db, tmp_path)


YEAR = {"nam": "2023"}  # the year the hostile return and comment are stored in
PAGES = [
    ("overview.py", YEAR),
    ("compare.py", YEAR),
    ("trends.py", YEAR),
    ("profile.py", {"toa_an": "son_la"} | YEAR),
    ("ranking.py", YEAR),
    ("export.py", YEAR),
    ("versions.py", {}),
    ("upload.py", {}),
    ("admin.py", {}),
    ("login.py", {}),
]


@pytest.mark.parametrize("page, query", PAGES, ids=[p for p, _ in PAGES])
def test_no_user_text_becomes_a_heading_rule_link_image_html_or_directive_on_any_page(
    hostile, monkeypatch, page, query
):
    signed_in = Account("ke_xau", COURT_STAFF, "son_la", NAME) if page != "admin.py" else Account("thu_ky", ADMIN)

    app = open_page(page, hostile, monkeypatch, account=signed_in, **query)

    no_failure(app)
    drawn = sources(app)
    assert {s: constructs(s) for s in drawn if constructs(s)} == {}
    if page == "profile.py":  # the comment is there as its text (st.text: no markdown), its author in plain text
        assert COMMENT in [t.value for t in app.text]
        assert any("HYPERLINK" in s for s in drawn)


def test_anonymous_readers_see_the_uploaders_role_and_the_date_but_not_their_name(hostile, monkeypatch):
    profile = open_page("profile.py", hostile, monkeypatch, toa_an="son_la", **YEAR)
    overview = open_page("overview.py", hostile, monkeypatch, **YEAR)
    versions = open_page("versions.py", hostile, monkeypatch)
    versions.selectbox[0].set_value(2023).run()
    versions.selectbox[1].select("son_la").run()

    said = texts(profile) + texts(overview) + texts(versions)
    tables = "".join(shown(t).to_csv() for app in (profile, overview, versions) for t in app.dataframe)
    assert "ke_xau" not in said + tables and "HYPERLINK" not in said + tables
    assert "Cán bộ thống kê của Tòa án" in said and "Cán bộ thống kê của Tòa án" in tables


@pytest.mark.parametrize("names_setting, reader", [("1", None), (None, Account("chanh_an", VIEWER))])
def test_names_are_shown_to_readers_who_are_logged_in_or_to_all_when_the_setting_says_so(
    hostile, monkeypatch, names_setting, reader
):
    if names_setting:
        monkeypatch.setenv("CUM2_PUBLIC_NAMES", names_setting)

    profile = open_page("profile.py", hostile, monkeypatch, account=reader, toa_an="son_la", **YEAR)

    assert "HYPERLINK" in texts(profile)
    assert "HYPERLINK" in "".join(shown(t).to_csv() for t in profile.dataframe)


@pytest.mark.parametrize("change", ["disable", "passwd"])
def test_a_session_ends_at_its_next_action_when_its_account_is_disabled_or_its_password_changes(
    sample_url, monkeypatch, change
):
    store = Store(sample_url)
    accounts.add_user(store, SYSTEM, "lan", COURT_STAFF, court="son_la", password=PASSWORD)
    lan = accounts.authenticate(store, "lan", PASSWORD, "10.0.0.1")
    app = open_page("profile.py", sample_url, monkeypatch, account=lan, toa_an="son_la")
    app.text_area(key=state.COMMENT_TEXT).input("Ghi sau khi bị khóa")

    if change == "disable":
        accounts.set_active(store, SYSTEM, "lan", False)
    else:
        accounts.set_password(store, SYSTEM, "lan")
    next(b for b in app.button if b.label == "Lưu ghi chú").click().run()

    no_failure(app)
    assert "Phiên đăng nhập của «lan» đã kết thúc" in texts(app)
    assert state.ACCOUNT not in app.session_state
    assert not [area for area in app.text_area if area.key == state.COMMENT_TEXT]
    assert "Ghi sau khi bị khóa" not in set(store.comments()["text"])


# --- a database that is down ----------------------------------------------------------------------------------------

DOWN = "postgresql+psycopg://cum2:mat-khau-bi-mat@127.0.0.1:1/cum2"  # port 1: refused at once


def test_a_database_that_is_down_is_one_sentence_for_the_reader_and_one_log_line_for_the_operator(monkeypatch, caplog):
    url, reason = DOWN, "Connection refused"
    monkeypatch.setenv("DATABASE_URL", url)

    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT).run()

    assert not app.exception  # not Streamlit's English box, «This app has encountered an error»
    assert [e.value for e in app.error] == [t("app.database_down")] and "thử lại sau ít phút" in app.error[0].value
    logged = [r.getMessage() for r in caplog.records if r.name == "ui.frame"]
    assert len(logged) == 1 and logged[0].startswith("Không dùng được cơ sở dữ liệu ") and reason in logged[0]
    assert "mat-khau-bi-mat" not in caplog.text and "Traceback" not in caplog.text


def test_a_court_registry_that_cannot_be_read_is_one_sentence_for_the_reader_and_named_in_the_log(
    sample_url, tmp_path, monkeypatch, caplog
):
    monkeypatch.setenv("DATABASE_URL", sample_url)
    monkeypatch.setenv(domain.COURTS_FILE_VARIABLE, str(tmp_path / "khong-co.csv"))
    domain.courts.cache_clear()
    for loaded in [m for m in sys.modules if m.startswith(("ui.", "pages.", "analytics.outputs.palette"))]:
        monkeypatch.delitem(sys.modules, loaded)  # read again as a fresh server would: the colours read the registry

    try:
        app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT).run()
    finally:
        monkeypatch.delenv(domain.COURTS_FILE_VARIABLE)
        domain.courts.cache_clear()

    assert not app.exception
    assert [e.value for e in app.error] == [t("app.misconfigured")]
    assert f"Không đọc được danh sách Tòa án {tmp_path / 'khong-co.csv'}" in caplog.text


def _schema_too_new(folder: Path) -> str:
    """A database a later release migrated (its revision unknown to this code)."""
    url = f"sqlite:///{folder / 'moi-hon.sqlite'}"
    store = Store(url)
    with store.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '0099'")
    store.dispose()
    return url


@pytest.mark.parametrize(
    "made, logged_as",
    [
        (
            lambda _: "postgres://cum2:mat-khau-bi-mat@localhost/cum2",
            "Không mở được cơ sở dữ liệu postgres://cum2:***@",
        ),
        (_schema_too_new, "Cơ sở dữ liệu sqlite:///"),
    ],
    ids=["unusable url", "schema too new"],
)
def test_a_database_the_code_cannot_use_is_a_misconfiguration_for_the_reader_not_a_server_to_wait_for(
    made, logged_as, tmp_path, monkeypatch, caplog
):
    monkeypatch.setenv("DATABASE_URL", made(tmp_path))

    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT).run()

    assert not app.exception
    # Trying again in a few minutes mends neither a URL nor a schema: the operator has to.
    assert [e.value for e in app.error] == [t("app.misconfigured")]
    logged = [r.getMessage() for r in caplog.records if r.name == "ui.frame"]
    assert len(logged) == 1 and logged[0].startswith(logged_as), logged
    assert (
        "Không dùng được" not in caplog.text
    )  # not told as a database that failed: nothing failed, the URL or schema is wrong
    assert "mat-khau-bi-mat" not in caplog.text and "Traceback" not in caplog.text


def test_a_database_emptied_under_the_running_server_is_a_misconfiguration_the_log_says_init_mends(
    sample_url, monkeypatch, caplog
):
    monkeypatch.setenv("DATABASE_URL", sample_url)
    data.store()  # the server has opened it (and migrated it) before the file was replaced by an empty one
    engine = sa.create_engine(sample_url)
    metadata.drop_all(engine)
    with engine.begin() as conn:
        conn.exec_driver_sql("DROP TABLE alembic_version")
    engine.dispose()

    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT).run()

    assert not app.exception
    assert [e.value for e in app.error] == [t("app.misconfigured")]  # no «try again in a few minutes»
    logged = [r.getMessage() for r in caplog.records if r.name == "ui.frame"]
    assert len(logged) == 1 and "chưa có các bảng của ứng dụng" in logged[0], logged
    assert "Hãy chạy python -m analytics init" in logged[0] and "Không dùng được" not in logged[0]


def test_a_sqlite_file_that_cannot_be_opened_is_not_told_to_the_reader_as_a_server_that_does_not_answer(
    tmp_path, monkeypatch, caplog
):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path}")  # a folder: what a file the service may not open gives

    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT).run()

    assert [e.value for e in app.error] == [t("app.database_down")]
    assert "máy chủ" not in app.error[0].value  # SQLite has none; the log gives the reason
    assert "unable to open database file" in caplog.text
