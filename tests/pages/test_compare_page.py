"""So sánh: a user picks an indicator and sees the seven courts sorted against the target."""

from __future__ import annotations

import re

import pandas as pd
import plotly.graph_objects as go
import plotly.io

from analytics.security import ADMIN, Account
from analytics.store.storage import Store
from tests.analytics.builders import enrol
from tests.pages.apptest import no_failure, open_page, shown, texts, values

THU_KY = Account("thu_ky", ADMIN, None, "Thư ký Cụm")


def chart(app) -> go.Figure:
    """The figure the page sent to the browser, decoded (Plotly sends arrays as typed binary)."""
    return plotly.io.from_json(app.get("plotly_chart")[0].proto.spec)


def lines(figure: go.Figure) -> dict[str, float]:
    """The horizontal reference lines: solid for the TANDTC target, dashed for the National Assembly floor."""
    return {shape.line.dash: shape.y0 for shape in figure.layout.shapes}


def test_a_user_opening_compare_sees_criminal_resolution_sorted_best_first_with_both_target_lines(
    sample_url, monkeypatch
):
    app = open_page("compare.py", sample_url, monkeypatch, nam="2023")

    no_failure(app)
    figure = chart(app)
    bars = figure.data[0]
    assert len(bars.x) == 7
    assert list(bars.y) == sorted(bars.y, reverse=True)
    assert lines(figure) == {"solid": 90.0, "dash": 88.0}
    assert figure.layout.separators == ",."
    table = values(app.dataframe[0])
    assert table.iloc[0]["Tòa án"] == bars.x[0]
    assert (table["Kết quả"] == "✓ Đạt").all()


def test_a_user_who_picks_overdue_cases_sees_the_court_with_overdue_cases_last_and_marked(sample_url, monkeypatch):
    app = open_page("compare.py", sample_url, monkeypatch, nam="2023")

    app.selectbox(key="chi_tieu").select("overdue_cases").run()

    table = shown(app.dataframe[0])
    assert table.iloc[-1]["Tòa án"] == "Yên Bái"
    assert table.iloc[-1]["Kết quả"] == "✗ Không đạt"
    assert table.iloc[-1]["Giá trị"] == "3"
    assert chart(app).data[0].text[-1] == "3 ✗"


def test_the_hover_shows_numerator_and_denominator(sample_url, monkeypatch):
    app = open_page("compare.py", sample_url, monkeypatch, nam="2023", chi_tieu="publication_rate")

    bars = chart(app).data[0]
    table = shown(app.dataframe[0])
    first = table.iloc[0]
    assert f"{first['Tử số']} / {first['Mẫu số']}" in bars.hovertext[0]
    assert table.iloc[-1]["Tòa án"] == "Phú Thọ"


def test_a_per_unit_indicator_in_a_partial_year_is_compared_pro_rata_and_says_so(sample_url, monkeypatch):
    app = open_page("compare.py", sample_url, monkeypatch, nam="2023", ky="6", chi_tieu="online_hearings_per_unit")

    assert lines(chart(app)) == {"solid": 1.5}
    assert "chưa hết năm công tác" in texts(app)


def test_a_comment_of_the_period_is_in_the_courts_hover_and_under_the_chart_and_not_in_another_period(
    sample_url, monkeypatch
):
    Store(sample_url).add_comment(
        "yen_bai", 2023, "12", "Ba vụ quá hạn do giám định kéo dài.", enrol(Store(sample_url), THU_KY)
    )

    year_end = open_page("compare.py", sample_url, monkeypatch, nam="2023")
    nine_months = open_page("compare.py", sample_url, monkeypatch, nam="2023", ky="9")

    no_failure(year_end)
    bars = chart(year_end).data[0]
    hover = dict(zip(bars.x, bars.hovertext, strict=True))
    assert "📝 1 ghi chú" in hover["Yên Bái"]
    assert not any("📝" in text for court, text in hover.items() if court != "Yên Bái")
    assert year_end.expander[0].label == "Ghi chú của kỳ này (1)"
    assert "Ba vụ quá hạn do giám định kéo dài." in texts(year_end)
    assert not any("📝" in text for text in chart(nine_months).data[0].hovertext)
    assert "Ba vụ quá hạn do giám định kéo dài." not in texts(nine_months)


def test_the_detail_table_holds_numbers_shown_in_vietnamese_format_so_its_columns_sort_by_value(
    sample_url, monkeypatch
):
    app = open_page("compare.py", sample_url, monkeypatch, nam="2023", chi_tieu="resolution_rate_criminal")

    numbers, text = values(app.dataframe[0]), shown(app.dataframe[0])

    for column in ("Giá trị", "Tử số", "Mẫu số", "Chênh lệch"):
        assert pd.api.types.is_float_dtype(numbers[column]), column
    assert list(numbers["Giá trị"]) == sorted(numbers["Giá trị"], reverse=True)
    lai_chau = text[text["Tòa án"] == "Lai Châu"].iloc[0]
    assert lai_chau["Giá trị"] == "97,5 %" and lai_chau["Chênh lệch"] == "+7,5 điểm %"
    assert re.fullmatch(r"\d{1,3}(\.\d{3})*", lai_chau["Mẫu số"])
