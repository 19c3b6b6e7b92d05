"""English: a reader who opens a page with ?lang=en reads it in English with English number formats, and every
text of the Vietnamese catalogue has its English twin."""

from __future__ import annotations

import ast
import re
import string

import pytest

from tests.conftest import ROOT
from tests.pages.apptest import no_failure, open_page, shown, texts, values
from ui import i18n
from ui.i18n import ONE, TEXTS, t


def test_a_shared_link_with_lang_en_opens_the_overview_in_english_with_english_numbers(sample_url, monkeypatch):
    app = open_page("overview.py", sample_url, monkeypatch, nam="2023", lang="en")

    no_failure(app)
    assert app.segmented_control(key="lang").value == "en"
    assert app.title[0].value == "Overview"
    assert [h.value for h in app.subheader][1:3] == ["Scorecard by court", "Targets missed"]
    assert app.subheader[0].value == "Cluster total – 12 months – full year (1 Oct – 30 Sep), 2023"
    cards = {metric.label: metric.value for metric in app.metric}
    assert cards["Criminal"] == "96.0 %"  # the decimal point in English, the comma in Vietnamese
    assert "Target ≥ 90.0 %" in texts(app)
    seen = shown(app.dataframe[0])
    assert seen.loc["Lao Cai", "Criminal"] == "✓ 96.1 %"
    assert seen.loc["Yen Bai", "Civil group"] == "✗ 82.0 %"
    assert seen.loc["Cluster total", "Rank (indicative)"] == "not applicable"
    assert "Tổng quan" not in texts(app) and "Bảng kết quả" not in texts(app)


def test_the_court_profile_in_english_writes_thousands_with_a_comma(sample_url, monkeypatch):
    app = open_page("profile.py", sample_url, monkeypatch, nam="2023", lang="en", toa_an="yen_bai")

    no_failure(app)
    assert app.title[0].value == "Court profile"
    assert app.header[0].value == "Yen Bai – 12 months – full year (1 Oct – 30 Sep), 2023"
    cases = values(app.dataframe[1])
    assert cases.loc["Total", "Resolved"] == "2,695"  # "2.695" in Vietnamese
    assert set(values(app.dataframe[2])["By"]) == {"System"}  # the sample loader, «Hệ thống» in Vietnamese


def test_the_overviews_returns_received_name_the_sample_loader_in_english(sample_url, monkeypatch):
    app = open_page("overview.py", sample_url, monkeypatch, nam="2023", lang="en")

    strip = values(app.dataframe[1])
    assert strip.loc["Yen Bai", "12 months 2023"].endswith(" · System")
    assert "Hệ thống" not in texts(app)


# --- the catalogue ---------------------------------------------------------------------------


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("key", sorted(TEXTS))
def test_every_catalogue_text_has_a_vietnamese_and_an_english_version_with_the_same_placeholders(key):
    vi, en = TEXTS[key]

    assert vi.strip() and en.strip()
    assert placeholders(vi) == placeholders(en)


@pytest.mark.parametrize("key", sorted(k for k in TEXTS if k.endswith(ONE)))
def test_a_singular_text_has_its_plural_and_says_the_same_in_vietnamese_which_has_no_plural(key):
    plural = key.removesuffix(ONE)

    assert plural in TEXTS and "{n}" in TEXTS[plural][1]
    assert TEXTS[key][0] == TEXTS[plural][0] and TEXTS[key][1] != TEXTS[plural][1]


def test_a_deadline_of_one_day_reads_one_day_in_english(monkeypatch):
    monkeypatch.setattr(i18n, "lang", lambda: "en")

    assert t("admin.settings_saved", n=1) == "Saved: returns due 1 day after."
    assert t("status.deadline_note", n=1).startswith("Returns are due 1 day after the period ends")
    assert t("status.deadline_note", n=15).startswith("Returns are due 15 days after")


def keys_used(path) -> set[str]:
    """The keys a file passes to t() as a literal string: t("overview.title")."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {
        node.args[0].value
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "t"
        and node.args
        and isinstance(node.args[0], ast.Constant)
        and isinstance(node.args[0].value, str)
    }


APP_FILES = sorted((ROOT / "ui").glob("*.py")) + sorted((ROOT / "pages").glob("*.py")) + [ROOT / "app.py"]


@pytest.mark.parametrize("path", APP_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_key_the_app_asks_for_is_in_the_catalogue(path):
    assert keys_used(path) <= set(TEXTS)


def test_the_keys_pages_pass_to_the_frame_and_the_trend_modes_are_in_the_catalogue():
    titles = set(re.findall(r'page_frame\("([\w.]+)"', "".join(p.read_text() for p in APP_FILES)))
    from ui.trends_views import MODES

    assert titles and titles <= set(TEXTS)
    assert set(MODES.values()) <= set(TEXTS)
    assert "overview.scorecard" in keys_used(ROOT / "pages" / "overview.py")  # the scan above finds keys at all


def test_every_column_header_and_page_title_comes_from_the_catalogue():
    from ui.state import PAGES
    from ui.widgets import HEADERS

    assert set(HEADERS.values()) <= set(TEXTS)
    assert {page.title for page in PAGES} <= set(TEXTS)
