"""Journeys of a reader who sees colours poorly or moves by keyboard, in real Chromium (WCAG 2.2 AA): text against its
background and a chart's bars and lines against its plot, in the light and the dark theme, and where the focus is."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.test_journeys import deep_link, ready

# WCAG's contrast ratio of two colours as the browser writes them («rgb(20, 22, 26)», «rgba(…, 0.6)»).
RATIO = """
    const rgba = text => { const [r, g, b, a = 1] = text.match(/[\\d.]+/g).map(Number); return {r, g, b, a}; };
    const channel = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    const luminance = c => 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b);
    const ratio = (one, other) => {
        const [light, dark] = [luminance(one), luminance(other)].sort((x, y) => y - x);
        return (light + 0.05) / (dark + 0.05);
    };
"""
# Every text node drawn on the page whose colour reaches less than WCAG's 4.5:1 against the background it sits on
# (3:1 for large text): its text, the ratio, the colours. The background is the first opaque one up the tree,
# translucent ones blended over it; the text's colour (an SVG text's fill) and the opacities on its way up
# (Streamlit's captions are the text colour at 60 %) are blended over that. A chart's texts count (its axes' names and
# values, the values written beside the bars) except those drawn on a bar or a cell of its own colour; the grids draw
# on a canvas, whose colours are the status colours' (analytics/outputs/palette.py).
LOW_CONTRAST = (
    """() => {"""
    + RATIO
    + """
    const over = (top, below, alpha = top.a) =>
        ({r: top.r * alpha + below.r * (1 - alpha), g: top.g * alpha + below.g * (1 - alpha),
          b: top.b * alpha + below.b * (1 - alpha), a: 1});
    const background = element => {
        const layers = [];
        for (let e = element; e; e = e.parentElement) {
            const colour = rgba(getComputedStyle(e).backgroundColor);
            if (colour.a > 0) layers.push(colour);
            if (colour.a >= 1) break;
        }
        let colour = rgba(getComputedStyle(document.querySelector('[data-testid=stApp]')).backgroundColor);
        for (const layer of layers.reverse()) colour = over(layer, colour);
        return colour;
    };
    const low = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const element = node.parentElement;
        const text = node.textContent.trim();
        if (!text || element.closest('canvas, .heatmap-label, .bartext-inside')) continue;
        const box = element.getBoundingClientRect();
        const style = getComputedStyle(element);
        if (box.width === 0 || box.height === 0 || style.visibility !== 'visible') continue;
        let opacity = 1;
        for (let e = element; e; e = e.parentElement) opacity *= Number(getComputedStyle(e).opacity);
        const behind = background(element);
        const colour = rgba(element instanceof SVGElement ? style.fill : style.color);
        const front = over(colour, behind, colour.a * opacity * Number(style.fillOpacity));
        const reached = ratio(front, behind);
        const size = parseFloat(style.fontSize);
        const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
        const rgb = c => `rgb(${[c.r, c.g, c.b].map(Math.round).join(', ')})`;
        if (reached < (large ? 3 : 4.5)) low.push(`${text.slice(0, 40)}: ${reached.toFixed(2)} (${rgb(front)} on ${rgb(behind)})`);
    }
    return low;
}"""
)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_text_reads_at_four_and_a_half_to_one_against_its_background(browser, server, scheme):
    """The overview with two courts chosen (their tags in the sidebar), the compare page's chart, and the log-in page
    (a primary button)."""
    context = browser.new_context(viewport={"width": 1440, "height": 900}, locale="vi-VN", color_scheme=scheme)
    page = context.new_page()
    try:
        page.goto(f"{server[0]}/?nam=2023&toa=son_la,yen_bai")
        ready(page)
        expect(page.get_by_role("button", name="Remove Sơn La")).to_be_attached()
        assert page.evaluate(LOW_CONTRAST) == []

        page.get_by_role("link", name="So sánh", exact=True).click()
        bars = page.locator("[data-testid='stPlotlyChart']").first.locator(".bartext")
        expect(bars).to_have_count(2)  # the two courts chosen, each value written beside its bar
        ready(page)
        assert page.evaluate(LOW_CONTRAST) == []

        page.goto(f"{server[0]}/dang-nhap")
        expect(page.get_by_role("button", name="Đăng nhập")).to_be_visible()
        ready(page)
        assert page.evaluate(LOW_CONTRAST) == []
    finally:
        context.close()


# Every bar, line, marker and range of a chart, and each legend's sample of one, that reaches less than WCAG 1.4.11's
# 3:1 against the plot by its fill or by its outline (a yellow bar is outlined in a darker yellow: technique G209):
# the chart, the element, the ratio, its colours. The colours are the ones drawn, after the page's stylesheet.
LOW_GRAPHICS = (
    """() => {"""
    + RATIO
    + """
    const drawn = ['.barlayer .point path', '.scatterlayer .js-line', '.scatterlayer path.point', '.errorbar path',
                   '.shapelayer path', '.legendpoints path', '.legendlines path'].join(', ');
    const low = [];
    document.querySelectorAll('[data-testid=stPlotlyChart]').forEach((chart, i) => {
        const plot = rgba(getComputedStyle(chart.querySelector('rect.bg')).fill);
        for (const element of chart.querySelectorAll(drawn)) {
            const style = getComputedStyle(element);
            if (Number(style.opacity) === 0 || style.visibility !== 'visible') continue;
            const seen = [];
            if (style.fill !== 'none' && Number(style.fillOpacity) > 0) seen.push(style.fill);
            if (style.stroke !== 'none' && Number(style.strokeOpacity) > 0 && parseFloat(style.strokeWidth) > 0)
                seen.push(style.stroke);
            const best = Math.max(...seen.map(colour => ratio(rgba(colour), plot)));
            const what = element.getAttribute('class') || element.parentElement.getAttribute('class');
            if (seen.length && best < 3) low.push(`chart ${i} ${what}: ${best.toFixed(2)} (${seen.join(' / ')})`);
        }
    });
    return low;
}"""
)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_bar_line_and_marker_of_a_chart_reaches_three_to_one_against_the_plot(browser, server, scheme):
    """The courts of 2023 (among them the yellow, the orange and the sky blue), those of 2025 (the one in black) at six
    months with their projections, and their lines through the year."""
    context = browser.new_context(viewport={"width": 1440, "height": 900}, locale="vi-VN", color_scheme=scheme)
    page = context.new_page()
    try:
        for path in ["/so-sanh?nam=2023", "/so-sanh?nam=2025&ky=6", "/xu-huong?nam=2025"]:
            deep_link(page, server[0], path)
            expect(page.locator("[data-testid='stPlotlyChart'] .trace").first).to_be_attached()
            assert page.evaluate(LOW_GRAPHICS) == [], path
    finally:
        context.close()


def test_a_keyboard_user_sees_which_page_or_court_link_has_the_focus(page, server):
    """Streamlit marks a focused link by a background tint hardly darker than the sidebar (and like the page shown)."""
    page.goto(f"{server[0]}/?nam=2023")
    ready(page)

    page.keyboard.press("Tab")  # «Skip to main content»
    page.keyboard.press("Tab")
    first_page = page.get_by_role("link", name="Tổng quan", exact=True)
    expect(first_page).to_be_focused()
    expect(first_page).to_have_css("outline-style", "solid")
    expect(first_page).to_have_css("outline-width", "2px")

    page.get_by_role("link", name="Lai Châu", exact=True).focus()
    page.keyboard.press("Tab")
    court = page.get_by_role("link", name="Lào Cai", exact=True)
    expect(court).to_be_focused()
    expect(court).to_have_css("outline-style", "solid")


@pytest.mark.parametrize(
    ("link", "lang", "heading"), [("/?nam=2023", "vi", "Tổng quan"), ("/?nam=2023&lang=en", "en", "Overview")]
)
def test_a_screen_reader_is_told_the_language_of_the_page(page, server, link, lang, heading):
    """Streamlit's page says lang="en" whatever it shows (serve.DocumentLanguage answers it in the link's language)."""
    page.goto(f"{server[0]}{link}")

    expect(page.get_by_role("heading", name=heading, exact=True)).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", lang)


def test_a_screen_reader_reads_the_scorecards_cells_as_written_in_a_table_no_one_sees(page, server):
    """Streamlit's grid gives a screen reader raw values («0.9554455445544554», no ✓/✗): the same cells as written
    follow it in a table that is read aloud and takes no room on the page (ui/frame.py READ_ALOUD)."""
    page.goto(f"{server[0]}/?nam=2023")
    ready(page)

    aloud = page.get_by_role("table", name="Bảng ở trên, viết thành chữ cho trình đọc màn hình").first
    yen_bai = aloud.get_by_role("row").filter(has=page.get_by_role("rowheader", name="Yên Bái", exact=True))
    expect(yen_bai.get_by_role("cell", name="✗ 82,0 %", exact=True)).to_have_count(1)
    room = aloud.evaluate("e => e.closest('[data-testid=stElementContainer]').getBoundingClientRect().toJSON()")
    assert room["width"] <= 1 and room["height"] <= 1, room
