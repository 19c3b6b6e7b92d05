"""Journeys of the leadership in real Chromium against the real server with the sample data."""

from __future__ import annotations

import io
import re

import pytest
from PIL import Image
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect

from tests.analytics.builders import SAMPLE_DIR, meta_cell, with_cell
from tests.e2e.conftest import ADMIN_LOGIN, shoot

PAGES = {
    "overview": ("", "Tổng quan"),
    "compare": ("so-sanh", "So sánh các Tòa án"),
    "trends": ("xu-huong", "Xu hướng trong năm"),
    "profile": ("ho-so", "Hồ sơ tòa án"),
    "ranking": ("xep-hang", "Xếp hạng thi đua (tham khảo)"),
    "export": ("xuat-du-lieu", "Xuất bảng so sánh"),
}


def ready(page) -> None:
    """The script has finished: the footer's "as of" line is drawn last on every page."""
    expect(page.get_by_text(re.compile("Số liệu cập nhật đến"))).to_be_visible()
    expect(page.locator("[data-testid='stStatusWidget']")).to_have_count(0)


def deep_link(page, base: str, path: str) -> None:
    """Opens `path` (with its query) once the entry page has been served: a deep link as a new server's very first
    request meets Streamlit's "Page not found" box (streamlit/streamlit#9624), which would cover what the journey
    clicks. Waits until the page's script has finished."""
    page.goto(base)
    ready(page)
    page.goto(f"{base}{path}")
    ready(page)


@pytest.mark.parametrize("name", list(PAGES))
def test_every_page_opens_without_an_error_box_and_is_photographed(page, server, name):
    path, title = PAGES[name]
    page.goto(f"{server[0]}/{path}")

    expect(page.get_by_role("heading", name=title, exact=True)).to_be_visible()
    expect(page).to_have_title(f"{title} · Cụm thi đua số II – Thống kê Tòa án")  # a tab, a bookmark say which page
    ready(page)
    expect(page.locator("[data-testid='stException']")).to_have_count(0)
    expect(page.locator("[data-testid='stAlertContainer']").filter(has_text="error")).to_have_count(0)
    shoot(page, name)


def test_a_leader_clicks_a_court_on_the_overview_and_sees_its_profile(page, server):
    page.goto(f"{server[0]}/?nam=2023")  # the 2023 sample story
    ready(page)

    page.get_by_role("link", name="Yên Bái", exact=True).click()

    expect(page).to_have_url(re.compile(r"/ho-so\?.*toa_an=yen_bai"))
    expect(page.get_by_role("heading", name=re.compile("^Yên Bái – 12 tháng"))).to_be_visible()
    ready(page)
    # Yên Bái's own figures of the sample data: 87,0 % of all cases resolved (the cluster: 92,0 %), overdue cases
    # not met. (st.dataframe draws on a canvas; its accessible grid cells, those in view, carry the text.)
    expect(page.get_by_role("gridcell", name="87,0 %", exact=True, include_hidden=True).first).to_be_attached()
    expect(page.get_by_role("gridcell", name="Án quá hạn", exact=True, include_hidden=True)).to_be_attached()
    expect(page.get_by_role("gridcell", name="✗ 3", exact=True, include_hidden=True)).to_be_attached()
    shoot(page, "profile_yen_bai")


def test_filters_go_into_the_url_and_a_reload_keeps_them(page, server):
    page.goto(f"{server[0]}/?nam=2023")  # the 2023 sample story
    ready(page)

    page.get_by_label("Kỳ báo cáo").click()  # a Streamlit selectbox opens its list on click
    page.get_by_role("option", name=re.compile("^6 tháng")).click()

    expect(page).to_have_url(re.compile(r"ky=6"))
    expect(page.get_by_role("heading", name=re.compile("Toàn Cụm – 6 tháng"))).to_be_visible()
    page.reload()
    expect(page.get_by_role("heading", name=re.compile("Toàn Cụm – 6 tháng"))).to_be_visible()
    expect(page).to_have_url(re.compile(r"ky=6"))


@pytest.mark.parametrize(
    ("lang", "period", "shown"),
    [("vi", "12", "12 tháng, cả năm (01/10–30/09)"), ("en", "12", "Full year (1 Oct–30 Sep)")],
)
def test_the_sidebars_period_box_shows_the_whole_period_on_a_laptop(page, server, lang, period, shown):
    page.goto(f"{server[0]}/?nam=2023&ky={period}&lang={lang}")
    expect(page.get_by_text(re.compile("Số liệu cập nhật đến|Figures as of"))).to_be_visible()

    box = page.get_by_role("combobox", name=re.compile("^(Kỳ báo cáo|Reporting period)$"))
    expect(box).to_have_value(shown)
    # the text fits the box: nothing cut at its right edge (the longest choice of each language)
    assert box.evaluate("e => e.scrollWidth <= e.clientWidth"), box.evaluate("e => [e.scrollWidth, e.clientWidth]")


def test_the_secretariat_logs_in_uploads_a_corrected_return_and_sees_it_stored(page, server, tmp_path):
    corrected = tmp_path / "2023_12_lao_cai_sua.xlsx"
    corrected.write_bytes(with_cell((SAMPLE_DIR / "2023_12_lao_cai.xlsx").read_bytes(), *meta_cell("notes"), "Sửa lại"))
    # The entry page first: run on its own, this journey's deep link would be the new server's very first request,
    # which meets Streamlit's "Page not found" box over the form (streamlit/streamlit#9624).
    page.goto(server[0])
    ready(page)
    page.goto(f"{server[0]}/dang-nhap")
    page.get_by_label("Tên đăng nhập").fill(ADMIN_LOGIN[0])
    page.get_by_label("Mật khẩu").fill(ADMIN_LOGIN[1])
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_text("Đang đăng nhập: Thư ký Cụm").first).to_be_visible()

    page.get_by_role("main").get_by_role("link", name="Tải lên").click()  # the way on, beside «signed in»
    ready(page)
    page.locator("input[type=file]").set_input_files(str(corrected))
    expect(page.get_by_text(re.compile("Sẽ lưu: Lào Cai, năm 2023, 12 tháng"))).to_be_visible()
    shoot(page, "upload")
    page.get_by_role("button", name=re.compile("^Xác nhận lưu 1 tệp")).click()

    expect(page.get_by_text(re.compile("Đã lưu 2023_12_lao_cai_sua.xlsx: Lào Cai, năm 2023"))).to_be_visible()
    expect(page.locator("[data-testid='stException']")).to_have_count(0)


def test_a_leader_clicks_a_courts_bar_on_the_compare_page_and_sees_its_profile(page, server):
    page.goto(f"{server[0]}/?nam=2023")  # the 2023 sample story
    ready(page)
    page.get_by_role("link", name="So sánh", exact=True).click()
    expect(page.get_by_role("heading", name="So sánh các Tòa án", exact=True)).to_be_visible()
    ready(page)
    bars = page.locator("[data-testid='stPlotlyChart']").first.locator(".bars path")
    expect(bars).to_have_count(7)

    # Sorted best first: in the sample data Yên Bái's criminal resolution rate (94,9 %) is the lowest, the last bar.
    bars.last.click(force=True)  # the bar sits under Plotly's transparent drag layer

    expect(page).to_have_url(re.compile(r"/ho-so\?.*toa_an=yen_bai"))
    expect(page.get_by_role("heading", name=re.compile("^Yên Bái – 12 tháng"))).to_be_visible()
    ready(page)


def sort_ascending(grid, column: str) -> None:
    """Clicks the header of one grid column until the grid sorts by it, smallest first. The grid draws its header
    on a canvas, so the header is clicked from left to right; its accessible twin marks the sorted column "↑ "."""
    box = grid.bounding_box()
    headers = grid.get_by_role("columnheader", include_hidden=True)
    for x in range(60, int(box["width"]) - 20, 25):
        before = headers.all_inner_texts()
        grid.page.mouse.click(box["x"] + x, box["y"] + 17)
        try:  # a click on a header sorts by that column (or turns its order) within a moment
            expect(headers).not_to_have_text(before, timeout=3_000)
        except AssertionError:
            continue
        if f"↑ {column}" in headers.all_inner_texts():
            return
    raise AssertionError(f"no column {column!r} in the grid's header: {headers.all_inner_texts()}")


def test_a_leader_sorts_a_scorecard_column_and_the_courts_come_in_the_order_of_their_numbers(page, server):
    page.goto(f"{server[0]}/?nam=2023")  # the 2023 sample story
    ready(page)
    grid = page.locator("[data-testid='stDataFrame']").first
    grid.scroll_into_view_if_needed()
    first_court = grid.locator("tbody tr").first.locator("td").first
    expect(first_court).to_have_text("Lai Châu", use_inner_text=True)

    sort_ascending(grid, "GQ hành chính")

    # By number Điện Biên's 61,8 % comes first; sorted as the text "✗ 61,8 %" it would come last (after "✓ …").
    expect(first_court).to_have_text("Điện Biên", use_inner_text=True)
    shoot(page, "overview_sorted")


def test_a_click_on_a_cell_of_the_heat_map_opens_that_courts_profile(page, server):
    deep_link(page, server[0], "/so-sanh?nam=2023")
    page.get_by_role("tab", name="Bản đồ nhiệt").click()  # only the open tab is made: the click runs the page again
    cells = page.locator("[data-testid='stPlotlyChart'] .heatmaplayer").first
    expect(cells).to_be_visible()
    ready(page)
    box = cells.bounding_box()
    courts, indicators = 7, 9  # the sample's courts of 2023 top to bottom, the scorecard's indicators left to right

    page.mouse.click(box["x"] + box["width"] / indicators / 2, box["y"] + box["height"] / courts / 2)

    expect(page).to_have_url(re.compile(r"/ho-so\?.*toa_an=lai_chau"))
    expect(page.get_by_role("heading", name=re.compile(r"^Lai Châu – 12 tháng"))).to_be_visible()


def test_the_dark_theme_renders_the_overview_and_the_compare_charts(browser, server):
    context = browser.new_context(viewport={"width": 1440, "height": 900}, locale="vi-VN", color_scheme="dark")
    page = context.new_page()
    try:
        deep_link(page, server[0], "/so-sanh?nam=2023")
        background = page.locator("[data-testid='stApp']").evaluate("e => getComputedStyle(e).backgroundColor")
        assert background == "rgb(20, 22, 26)"  # theme.dark's backgroundColor in .streamlit/config.toml
        expect(page.locator("[data-testid='stPlotlyChart']").first.locator(".bars path")).to_have_count(7)
        shoot(page, "compare_dark")
        page.get_by_role("tab", name="Bản đồ nhiệt").click()
        expect(page.locator("[data-testid='stPlotlyChart'] .heatmaplayer").first).to_be_visible()
        shoot(page, "heatmap_dark")
    finally:
        context.close()


def test_a_leader_at_the_six_month_meeting_sees_progress_projections_and_the_courts_at_risk(page, server):
    page.goto(f"{server[0]}/?nam=2025&ky=6")
    ready(page)

    expect(page.get_by_role("heading", name=re.compile("^Toàn Cụm – 6 tháng"))).to_be_visible()
    expect(page.get_by_text(re.compile("Dự báo cuối năm: .* dự báo đạt")).first).to_be_visible()
    expect(page.get_by_role("heading", name="Có nguy cơ không đạt (dự báo, tham khảo)")).to_be_visible()
    expect(page.get_by_text(re.compile("Lai Châu.*Hành chính: dự báo cuối năm"))).to_be_visible()
    expect(page.get_by_text(re.compile("Kỳ 6 tháng .* chưa hết năm công tác"))).to_be_visible()
    # The scorecard's cells are drawn on a canvas: their "⋯ 64,8 %" texts are checked by the page specs.
    expect(page.locator("[data-testid='stDataFrame']").first).to_be_visible()
    shoot(page, "overview_6_months")


PHONE = {"width": 390, "height": 844}  # a common phone's screen, in CSS pixels


def no_sideways_scroll(page) -> None:
    """Neither the page nor Streamlit's main area (which scrolls itself) is wider than the screen; a wide table
    scrolls inside its own grid."""
    widths = page.evaluate(
        """() => {
            const main = document.querySelector('[data-testid=stMain]');
            return [document.documentElement.scrollWidth, window.innerWidth, main.scrollWidth, main.clientWidth];
        }"""
    )
    page_width, window, main_width, main_visible = widths
    assert page_width <= window and main_width <= main_visible, widths


COVERED_NAMES = """chart => {
    const legend = chart.querySelector('.legend').getBoundingClientRect();
    return [...chart.querySelectorAll('.xtick text')].filter(name => {
        const box = name.getBoundingClientRect();
        return box.bottom > legend.top && box.top < legend.bottom && box.right > legend.left && box.left < legend.right;
    }).map(name => name.textContent);
}"""


def no_name_under_the_legend(page, chart) -> None:
    """No name under a chart's bars (turned aslant on a phone) is covered by its legend, once Plotly has laid the
    margins out (it draws, then makes room for the names: waited for, and a failure names the covered ones)."""
    handle = chart.element_handle()
    try:
        page.wait_for_function(f"chart => ({COVERED_NAMES})(chart).length === 0", arg=handle)
    except PlaywrightTimeoutError:
        raise AssertionError(f"the legend covers {handle.evaluate(COVERED_NAMES)}") from None


def cut_card_texts(page) -> list[str]:
    """The cards' labels and badges whose text does not fit and is cut with an ellipsis («+5,9 điểm % so v…»)."""
    return page.evaluate(
        """() => [...document.querySelectorAll(
                "[data-testid=stMetricLabel] [data-testid=stMarkdownContainer],"
                + " [data-testid=stMetricDelta] [data-testid=stMarkdownContainer]")]
            .filter(e => e.scrollWidth > e.clientWidth + 1).map(e => e.innerText)"""
    )


def test_a_leader_on_a_phone_reads_the_overview_and_the_compare_page_without_scrolling_sideways(browser, server):
    context = browser.new_context(viewport=PHONE, locale="vi-VN", is_mobile=True, has_touch=True)
    page = context.new_page()
    try:
        page.goto(f"{server[0]}/?nam=2023")
        ready(page)

        expect(page.locator("[data-testid='stSidebar']")).to_have_attribute("data-collapsed", "true")  # "auto"
        # Two cards a row, once the layout has settled (the sidebar folds away as the page draws); each card about
        # half the screen, not squeezed to a sliver. Waited for, and a timeout if it never happens.
        page.wait_for_function(
            """width => {
                const [a, b, c] = [...document.querySelectorAll("[data-testid='stMetric']")]
                    .slice(0, 3).map(e => e.getBoundingClientRect());
                return c !== undefined && Math.abs(a.top - b.top) < 1 && b.left > a.left && c.top > a.top
                    && a.width > width / 3;
            }""",
            arg=PHONE["width"],
        )
        no_sideways_scroll(page)
        # Each card's label and badge are read whole: the badge says what it measures («so với chỉ tiêu»).
        assert cut_card_texts(page) == []
        shoot(page, "phone_overview")

        page.get_by_test_id("stExpandSidebarButton").click()  # the menu, as on a phone
        page.get_by_role("link", name="So sánh", exact=True).click()
        expect(page.get_by_role("heading", name="So sánh các Tòa án", exact=True)).to_be_visible()
        page.get_by_test_id("stSidebarCollapseButton").click()
        ready(page)
        expect(page.locator("[data-testid='stPlotlyChart']").first.locator(".bars path")).to_have_count(7)
        chart = page.locator("[data-testid='stPlotlyChart']").first.bounding_box()
        assert chart["x"] >= 0 and chart["x"] + chart["width"] <= PHONE["width"]  # the chart fits the width
        no_name_under_the_legend(page, page.locator("[data-testid='stPlotlyChart']").first)
        no_sideways_scroll(page)
        shoot(page, "phone_compare")
    finally:
        context.close()


def per_row(charts) -> list[int]:
    """How many of these charts each row of the page holds, top to bottom, from where they are drawn."""
    tops = [round(chart.bounding_box()["y"]) for chart in charts.all()]
    return [tops.count(top) for top in sorted(set(tops))]


def test_the_case_types_small_charts_come_as_many_a_row_as_the_width_holds(browser, server):
    context = browser.new_context(viewport=PHONE, locale="vi-VN", is_mobile=True, has_touch=True)
    page = context.new_page()
    try:
        deep_link(page, server[0], "/so-sanh?nam=2023")
        page.get_by_role("tab", name="Theo loại án").click()  # only the open tab is made: the click runs the page again
        small = page.locator("[data-testid='stPlotlyChart']").filter(has_not=page.locator(".legend"))
        expect(small).to_have_count(8)  # one per case type (the indicator's bars above them have a legend)
        ready(page)

        # On a phone one under another, each the screen's width less the page's margins: four a row were 80 px wide.
        assert per_row(small) == [1] * 8
        assert min(chart.bounding_box()["width"] for chart in small.all()) > PHONE["width"] - 40
        no_sideways_scroll(page)
        shoot(page, "phone_case_types")
        page.set_viewport_size({"width": PHONE["height"], "height": PHONE["width"]})  # the phone turned sideways
        page.wait_for_function(
            "() => { const c = [...document.querySelectorAll('[data-testid=stPlotlyChart]')].slice(-2);"
            " return c[0].getBoundingClientRect().top === c[1].getBoundingClientRect().top; }"
        )
        assert per_row(small) == [2] * 4
        page.set_viewport_size({"width": 1440, "height": 900})  # a laptop's window: four a row, as the chart's files
        page.wait_for_function(
            "() => { const c = [...document.querySelectorAll('[data-testid=stPlotlyChart]')].slice(-4);"
            " return c.every(e => e.getBoundingClientRect().top === c[0].getBoundingClientRect().top); }"
        )
        assert per_row(small) == [4, 4]
    finally:
        context.close()


MARKS = """chart => [...chart.querySelectorAll('text')].filter(t => /[✓✗]/.test(t.textContent))
    .map(t => [t.textContent, parseFloat(getComputedStyle(t).fontSize), t.getBoundingClientRect().width])"""
HEADER_LINE = 30  # px from a grid's top: below its headers' text, above their bottom line; only column borders there


def column_borders(grid) -> list[int]:
    """Where the grid's columns end, in px from its left edge, read off its picture (st.dataframe draws on a canvas):
    along a line of its header, the pixels not of the header's background (each border's first)."""
    picture = Image.open(io.BytesIO(grid.screenshot())).convert("RGB")
    line = [picture.getpixel((x, HEADER_LINE)) for x in range(picture.width)]
    background = max(set(line), key=line.count)
    edges = [x for x in range(1, picture.width) if line[x] != background and line[x - 1] == background]
    return [x for x in edges if x < picture.width - 3]  # not the grid's own right edge


def test_a_leader_on_a_phone_reads_the_heat_maps_marks_and_a_courts_indicators_without_scrolling_sideways(
    browser, server
):
    context = browser.new_context(viewport=PHONE, locale="vi-VN", is_mobile=True, has_touch=True)
    page = context.new_page()
    try:
        deep_link(page, server[0], "/so-sanh?nam=2023")
        page.get_by_role("tab", name="Bản đồ nhiệt").click()
        heat = page.locator("[data-testid='stPlotlyChart']").filter(has=page.locator(".heatmaplayer"))
        expect(heat.locator(".heatmaplayer")).to_be_visible()
        ready(page)

        # Each cell says met or not in a mark of the page's size that fits the cell (9 indicators across 390 px):
        # fitted into «✓ +5,9 điểm %» by Plotly, the mark was 2 px high, colour alone saying it.
        cell = heat.locator(".heatmaplayer").bounding_box()["width"] / 9
        marks = heat.evaluate(MARKS)
        assert len(marks) == 7 * 9 and {text for text, _, _ in marks} == {"✓", "✗"}, marks
        assert min(size for _, size, _ in marks) >= 14 and max(width for _, _, width in marks) < cell, (cell, marks)
        no_sideways_scroll(page)
        shoot(page, "phone_heat_map")

        page.goto(f"{server[0]}/ho-so?nam=2023&toa_an=yen_bai")
        ready(page)
        grid = page.locator("[data-testid='stDataFrame']").first
        expect(grid.locator("canvas").first).to_be_visible()
        page.mouse.move(PHONE["width"] / 2, 2)  # no toolbar of the grid over its header

        # The indicator's short name, its value with ✓ / ✗ and the target end inside the screen; the rest scrolls.
        # With the full names («Tỷ lệ giải quyết – Nhóm dân sự (dân sự, HNGĐ, KDTM, lao động)») the first column
        # took the whole width.
        headers = grid.get_by_role("columnheader", include_hidden=True)
        expect(headers.first).to_have_text("Chỉ tiêu")
        assert headers.all_inner_texts()[:3] == ["Chỉ tiêu", "Giá trị", "Chỉ tiêu TANDTC"]
        assert len(column_borders(grid)) >= 3, column_borders(grid)
        expect(page.get_by_role("gridcell", name="✗ 82,0 %", exact=True, include_hidden=True)).to_be_attached()
        no_sideways_scroll(page)
        shoot(page, "phone_profile")
    finally:
        context.close()


def test_a_shared_link_in_english_names_the_pages_in_english(page, server):
    page.goto(f"{server[0]}/?nam=2023&lang=en")

    expect(page.get_by_role("heading", name="Overview", exact=True)).to_be_visible()
    expect(page).to_have_title("Overview · Cluster II – Court statistics")
    navigation = page.get_by_test_id("stSidebarNav")
    expect(navigation.get_by_role("link", name="Compare", exact=True)).to_be_visible()
    expect(navigation.get_by_role("link", name="So sánh", exact=True)).to_have_count(0)
