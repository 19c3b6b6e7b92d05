"""Security journeys in real Chromium: an account disabled from the command line cannot write from the browser it
is logged in with, nor make the PDF report from an export page left open; a comment made of markdown and HTML is
drawn as its text, never as a heading, rule or link; no other site may frame the dashboard."""

from __future__ import annotations

import re
import subprocess
import sys
import urllib.request

from playwright.sync_api import expect

from analytics.security import COURT_STAFF, SYSTEM
from analytics.store import accounts
from analytics.store.storage import Store
from tests.conftest import ROOT
from tests.e2e.conftest import ADMIN_LOGIN
from tests.e2e.test_journeys import ready

STAFF_LOGIN = ("lan.sonla", "mat-khau-cua-lan-son-la")
HOSTILE = (
    "Dòng đầu\n# TIÊU ĐỀ LẠ\n---\n* mục https://evil.example/dang-nhap\n"
    "<b>đậm</b> <img src=x> [bấm](https://evil.example) :red[đỏ]"
)


def log_in(page, base: str, username: str, password: str) -> None:
    # Through the overview: a deep link as a new server's first request meets streamlit#9624's "Page not found".
    page.goto(base)
    ready(page)
    page.locator("[data-testid='stSidebar']").get_by_role("link", name="Đăng nhập").last.click()
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_text(re.compile("^Đang đăng nhập")).first).to_be_visible()


def open_profile(page, court: str) -> None:
    """The profile page of a court, reached inside the session (a new address would start a new, anonymous one)."""
    page.get_by_role("link", name="Hồ sơ tòa án").click()
    ready(page)
    page.locator("[data-testid='stMain']").get_by_role("combobox", name="Tòa án").click()
    page.get_by_role("option", name=court, exact=True).click()
    expect(page.get_by_role("heading", name=re.compile(f"^{court} – 12 tháng"))).to_be_visible()
    ready(page)


def test_a_court_staff_user_disabled_from_the_command_line_cannot_post_from_the_open_browser(page, server):
    base, _, url = server
    store = Store(url)
    accounts.add_user(store, SYSTEM, STAFF_LOGIN[0], COURT_STAFF, court="son_la", password=STAFF_LOGIN[1])
    log_in(page, base, *STAFF_LOGIN)
    open_profile(page, "Sơn La")
    box = page.get_by_label("Thêm ghi chú")
    expect(box).to_be_visible()

    disabled = subprocess.run(
        [sys.executable, "-m", "analytics", "users", "disable", STAFF_LOGIN[0], "--db", url],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    box.fill("Ghi sau khi bị khóa")
    page.get_by_role("button", name="Lưu ghi chú").click()

    assert disabled.returncode == 0, disabled.stderr
    expect(
        page.get_by_text(re.compile(f"Phiên đăng nhập của «{re.escape(STAFF_LOGIN[0])}» đã kết thúc"))
    ).to_be_visible()
    expect(page.get_by_label("Thêm ghi chú")).to_have_count(0)
    expect(page.get_by_role("link", name="Đăng nhập").first).to_be_visible()
    assert "Ghi sau khi bị khóa" not in set(store.comments()["text"])
    assert accounts.audit_trail(store, actor=STAFF_LOGIN[0], action="comment").empty


def test_a_comment_of_markdown_and_html_shows_as_its_text_with_no_heading_rule_or_link(page, server):
    base = server[0]
    log_in(page, base, *ADMIN_LOGIN)
    open_profile(page, "Điện Biên")

    page.get_by_label("Thêm ghi chú").fill(HOSTILE)
    page.get_by_role("button", name="Lưu ghi chú").click()

    main = page.locator("[data-testid='stMain']")
    expect(main.get_by_text("# TIÊU ĐỀ LẠ", exact=False)).to_be_visible()  # the line as typed, "#" and all
    expect(main.get_by_text(":red[đỏ]", exact=False)).to_be_visible()
    for where in ("profile", "overview"):  # the profile as its author sees it, the overview as anyone does
        if where == "overview":
            page.goto(base)
        ready(page)
        comment = main.locator("[data-testid='stText']").filter(has_text="TIÊU ĐỀ LẠ")
        expect(comment.first).to_be_visible()
        for tag in ("h1", "h2", "h3", "hr", "a", "img", "b", "li", "code"):
            expect(comment.locator(tag), f"{where}: <{tag}> in {comment.first.inner_html()}").to_have_count(0)
        expect(main.locator("a[href*='evil.example']")).to_have_count(0)


def test_an_account_disabled_while_its_export_page_is_open_cannot_make_the_pdf_report(page, server):
    base, _, url = server
    store = Store(url)
    login = ("minh.dienbien", "mat-khau-cua-minh-dien-bien")
    accounts.add_user(store, SYSTEM, login[0], COURT_STAFF, court="dien_bien", password=login[1])
    log_in(page, base, *login)
    page.get_by_role("link", name="Xuất dữ liệu").click()
    ready(page)
    prepare = page.get_by_role("button", name="Lập báo cáo PDF")
    expect(prepare).to_be_visible()

    accounts.set_active(store, SYSTEM, login[0], False)
    prepare.click()  # the report's part of the page runs alone (a fragment), and names the uploaders

    expect(page.get_by_text(re.compile(f"Phiên đăng nhập của «{re.escape(login[0])}» đã kết thúc"))).to_be_visible()
    expect(page.get_by_role("button", name=re.compile("Tải báo cáo"))).to_have_count(0)


def test_no_other_site_may_show_the_dashboard_in_a_frame_of_its_own(server):
    with urllib.request.urlopen(server[0], timeout=30) as answer:
        headers = answer.headers

    assert headers["X-Frame-Options"] == "SAMEORIGIN"
    assert "frame-ancestors 'self'" in headers.get_all("Content-Security-Policy")
