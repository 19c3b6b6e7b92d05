"""Tổng quan: a user opens the overview and sees the cluster's figures and the scorecard."""

from __future__ import annotations

import pandas as pd

from analytics import formatting
from analytics.store.storage import Store
from tests.pages.apptest import no_failure, open_page, shown, texts, values, written


def cluster_rate(url: str, period: str, case_types: tuple[str, ...]) -> float:
    """The cluster's resolution rate computed here with plain pandas: Σ resolved / Σ accepted."""
    figures = Store(url).figures(year=2023)
    chosen = figures[(figures["period"] == period) & figures["scope"].isin(case_types)]
    sums = chosen.groupby("measure")["value"].sum()
    return sums["resolved"] / sums["accepted"]


def test_a_user_opening_the_overview_sees_the_latest_period_and_the_cluster_rates(sample_url, monkeypatch):
    app = open_page("overview.py", sample_url, monkeypatch, nam="2023")

    no_failure(app)
    assert app.selectbox(key="nam").value == 2023
    assert app.selectbox(key="ky").value == "12"
    cards = {metric.label: metric for metric in app.metric}
    assert cards["GQ hình sự"].value == formatting.percent(cluster_rate(sample_url, "12", ("criminal",)))
    assert "Chỉ tiêu ≥ 90,0 %" in texts(app)
    civil = ("civil", "family", "commercial", "labour")
    assert cards["GQ nhóm dân sự"].value == formatting.percent(cluster_rate(sample_url, "12", civil))


def test_the_scorecard_marks_each_court_with_its_status_and_ends_with_the_cluster(sample_url, monkeypatch):
    app = open_page("overview.py", sample_url, monkeypatch, nam="2023")

    grid = shown(app.dataframe[0])
    assert list(grid.index) == [
        "Lai Châu",
        "Lào Cai",
        "Điện Biên",
        "Sơn La",
        "Yên Bái",
        "Phú Thọ",
        "Hòa Bình",
        "Toàn Cụm",
    ]
    assert grid.loc["Yên Bái", "GQ nhóm dân sự"].startswith("✗ ")
    assert grid.loc["Lào Cai", "GQ nhóm dân sự"].startswith("✓ ")
    assert grid.loc["Yên Bái", "Án quá hạn"] == "✗ 3"
    assert "Yên Bái" in texts(app) and "Tỷ lệ giải quyết – Nhóm dân sự" in texts(app)


def test_the_scorecard_holds_numbers_a_click_on_a_header_sorts_and_shows_them_the_vietnamese_way(
    sample_url, monkeypatch
):
    app = open_page("overview.py", sample_url, monkeypatch, nam="2023")

    numbers, seen = values(app.dataframe[0]), shown(app.dataframe[0])
    indicators = list(numbers.columns[3:])
    assert indicators[0] == "GQ hình sự" and len(indicators) == 14
    assert all(numbers[c].dtype == "float64" for c in indicators)  # the grid sorts these as numbers
    assert str(numbers["Số chỉ tiêu đạt"].dtype) == "Int64"
    assert numbers["GQ chung"].drop("Toàn Cụm").idxmin() == "Yên Bái"
    assert seen.loc["Yên Bái", "GQ chung"] == "87,0 %"  # no target: no mark
    assert seen.loc["Yên Bái", "GQ nhóm dân sự"] == "✗ 82,0 %"
    assert seen.loc["Lào Cai", "GQ hình sự"] == "✓ 96,1 %"
    # A missing number (the cluster has no rank) reads as words in the grid, never "None".
    assert pd.isna(numbers.loc["Toàn Cụm", "Hạng (tham khảo)"])
    assert app.dataframe[0].proto.placeholder == seen.loc["Toàn Cụm", "Hạng (tham khảo)"] == "không áp dụng"


def test_a_screen_reader_is_given_the_scorecard_as_written_where_the_grid_gives_it_raw_numbers(sample_url, monkeypatch):
    """Streamlit's grid gives a screen reader each cell's value («0.9554455445544554», no ✓/✗): a table of the same
    cells as the grid writes them follows it (out of sight: frame.READ_ALOUD)."""
    app = open_page("overview.py", sample_url, monkeypatch, nam="2023")

    aloud = app.table[0]
    assert aloud.proto.alt == "Bảng ở trên, viết thành chữ cho trình đọc màn hình"
    grid = shown(app.dataframe[0])
    assert written(aloud).equals(grid.astype(str))
    assert written(aloud).loc["Yên Bái", "GQ nhóm dân sự"] == "✗ 82,0 %"


def test_a_case_groups_scorecard_says_which_columns_the_group_narrows_and_which_are_the_courts_as_a_whole(
    sample_url, monkeypatch
):
    app = open_page("overview.py", sample_url, monkeypatch, nam="2023", nhom="criminal")

    assert list(shown(app.dataframe[0]).columns[3:5]) == ["GQ hình sự", "Hủy, sửa chủ quan"]
    assert (
        "Nhóm án Hình sự: chỉ các cột tỷ lệ giải quyết (GQ hình sự) tính theo nhóm án; từ cột «Hủy, sửa chủ quan» trở "
        "đi là chỉ tiêu chung của đơn vị — không theo loại án."
    ) in texts(app)
    assert "chỉ tiêu chung của đơn vị" not in texts(open_page("overview.py", sample_url, monkeypatch, nam="2023"))


def test_sample_data_is_announced_as_synthetic(sample_url, monkeypatch):
    app = open_page("overview.py", sample_url, monkeypatch, nam="2023")

    assert any("DỮ LIỆU MẪU" in w.value for w in app.warning)


def test_a_user_who_picks_six_months_sees_the_progress_note_and_the_six_month_rates(sample_url, monkeypatch):
    app = open_page("overview.py", sample_url, monkeypatch, nam="2023")

    app.selectbox(key="ky").select("6").run()

    no_failure(app)
    cards = {metric.label: metric for metric in app.metric}
    assert cards["GQ hình sự"].value == formatting.percent(cluster_rate(sample_url, "6", ("criminal",)))
    assert "chưa hết năm công tác" in texts(app)
    assert "6 tháng" in app.subheader[0].value


def test_a_shared_link_with_a_period_opens_that_period(sample_url, monkeypatch):
    app = open_page("overview.py", sample_url, monkeypatch, nam="2023", ky="9")

    assert app.selectbox(key="ky").value == "9"
    assert "9 tháng" in app.subheader[0].value


def test_a_user_who_switches_to_english_sees_the_page_in_english(sample_url, monkeypatch):
    app = open_page("overview.py", sample_url, monkeypatch, nam="2023")

    app.segmented_control(key="lang").set_value("en").run()

    assert app.title[0].value == "Overview"
    assert "Cluster total" in list(values(app.dataframe[0]).index)
    assert any(metric.value.endswith(" %") and "." in metric.value for metric in app.metric)


def test_without_any_return_the_overview_says_so_and_links_to_the_upload_page(empty_url, monkeypatch):
    app = open_page("overview.py", empty_url, monkeypatch)

    no_failure(app)
    assert "Chưa có báo cáo nào" in texts(app)
    assert "[Đi đến trang Tải lên](/tai-len)" in texts(app)
    assert not app.dataframe
