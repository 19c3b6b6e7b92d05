"""Trends, court profile, ranking and the new parts of overview and compare: a user does X, the page shows Y."""

from __future__ import annotations

import datetime as dt
import json
import re

import pandas as pd
import plotly.io

from analytics import formatting
from analytics.compute.comparison import court_label
from analytics.domain import CASE_TYPES, cluster_courts
from analytics.security import ADMIN, VIEWER, Account
from analytics.store.storage import Store
from tests.analytics.builders import SAMPLE_DIR, a_return, account, enrol, imported, workbook
from tests.conftest import ROOT
from tests.pages.apptest import no_failure, open_compare_tab, open_page, shown, texts, values
from ui import state
from ui.safe import plain


def charts(app):
    return [plotly.io.from_json(chart.proto.spec) for chart in app.get("plotly_chart")]


# --- overview --------------------------------------------------------------------------------


def test_the_overview_cards_give_the_change_against_the_previous_period_and_the_national_result(
    sample_url, monkeypatch
):
    app = open_page("overview.py", sample_url, monkeypatch, nam="2023")

    no_failure(app)
    said = texts(app)
    assert "So với 9 tháng 2023: +15,4 điểm %" in said  # criminal: 96,0 % at 12 months against 80,6 % at 9
    assert "Toàn quốc năm 2023: 98,0 %" in said
    assert "So với cùng kỳ năm 2022" not in said  # 2022 is not stored


def test_the_overview_data_status_strip_says_every_sample_return_arrived_on_time(sample_url, monkeypatch):
    app = open_page("overview.py", sample_url, monkeypatch, nam="2023")

    strip = values(app.dataframe[1])
    assert list(strip.columns) == ["3 tháng 2023", "6 tháng 2023", "9 tháng 2023", "12 tháng 2023"]
    assert strip.loc["Yên Bái", "12 tháng 2023"] == "✔️ Đúng hạn 05/10/2023 · Hệ thống"
    assert "Mọi báo cáo đã đến hạn đều đã được gửi đúng hạn." in texts(app)
    assert "15 ngày sau khi kết thúc kỳ" in texts(app)


def test_the_scorecard_ranks_the_courts_and_counts_the_targets_they_meet(sample_url, monkeypatch):
    app = open_page("overview.py", sample_url, monkeypatch, nam="2023")

    grid = values(app.dataframe[0])
    assert sorted(grid["Hạng (tham khảo)"].dropna().tolist()) == list(range(1, 8))
    assert shown(app.dataframe[0]).loc["Yên Bái", "Số chỉ tiêu đạt"] == "7/9"  # civil group and overdue cases missed
    assert "[Yên Bái](/ho-so?toa_an=yen_bai&nam=2023&ky=12)" in texts(app)


def test_choosing_two_courts_and_the_civil_group_narrows_the_scorecard_and_the_url(sample_url, monkeypatch):
    app = open_page("overview.py", sample_url, monkeypatch, nam="2023")

    app.multiselect(key="toa").set_value(["son_la", "yen_bai"]).run()
    app.selectbox(key="nhom").select("civil_group").run()

    grid = values(app.dataframe[0])
    assert list(grid.index) == ["Sơn La", "Yên Bái", "Toàn Cụm"]
    assert "GQ hình sự" not in grid.columns and "GQ nhóm dân sự" in grid.columns
    assert app.query_params["toa"] == ["son_la,yen_bai"] or app.query_params["toa"] == "son_la,yen_bai"
    assert list(values(app.dataframe[1]).index) == ["Sơn La", "Yên Bái"]


def test_a_shared_link_with_courts_and_group_opens_that_view(sample_url, monkeypatch):
    app = open_page("overview.py", sample_url, monkeypatch, nam="2023", toa="lai_chau", nhom="criminal")

    assert app.multiselect(key="toa").value == ["lai_chau"]
    assert list(values(app.dataframe[0]).index) == ["Lai Châu", "Toàn Cụm"]


def test_a_comment_on_a_court_and_period_is_marked_in_its_scorecard_row_and_listed_under_it(sample_url, monkeypatch):
    secretariat = Account("thu_ky", ADMIN, None, "Thư ký Cụm")
    Store(sample_url).add_comment(
        "son_la", 2023, "12", "Án hành chính đã rà soát lại.", enrol(Store(sample_url), secretariat)
    )

    app = open_page("overview.py", sample_url, monkeypatch, nam="2023")

    no_failure(app)
    seen = shown(app.dataframe[0])
    assert seen.loc["Sơn La", "Ghi chú"] == "📝 1"
    assert (seen.drop("Sơn La")["Ghi chú"] == "").all()
    assert app.expander[0].label == "Ghi chú của kỳ này (1)"
    assert "Án hành chính đã rà soát lại." in texts(app)
    assert "**Sơn La**" in texts(app)


def test_a_comment_of_the_year_end_is_not_shown_on_the_nine_month_overview(sample_url, monkeypatch):
    secretariat = Account("thu_ky", ADMIN, None, "Thư ký Cụm")
    Store(sample_url).add_comment(
        "son_la", 2023, "12", "Án hành chính đã rà soát lại.", enrol(Store(sample_url), secretariat)
    )

    app = open_page("overview.py", sample_url, monkeypatch, nam="2023", ky="9")

    no_failure(app)
    assert (shown(app.dataframe[0])["Ghi chú"] == "").all()
    assert "Án hành chính đã rà soát lại." not in texts(app)
    assert not app.expander


# --- compare ---------------------------------------------------------------------------------


def test_the_compare_page_draws_the_heat_map_of_margins_and_the_case_types_side_by_side(sample_url, monkeypatch):
    app = open_page("compare.py", sample_url, monkeypatch, nam="2023")

    no_failure(app)
    assert [tab.label for tab in app.tabs] == ["Số liệu chi tiết", "Theo loại án", "Bản đồ nhiệt"]
    assert len(charts(app)) == len(app.dataframe) == 1  # the bars and the open tab's table: hidden tabs are not made
    open_compare_tab(app, "Theo loại án")
    no_failure(app)
    assert not app.dataframe
    _, *multiples = charts(app)  # one small chart per case type, each a chart of its own: a row of them wraps
    assert [len(chart.data) for chart in multiples] == [1] * 8
    assert [chart.layout.annotations[0].text.replace("<br>", " ") for chart in multiples] == [
        case_type.label("vi") for case_type in CASE_TYPES
    ]
    open_compare_tab(app, "Bản đồ nhiệt")
    no_failure(app)
    _, heat = charts(app)
    cells = heat.data[-1]  # what a click on a cell selects (Plotly selects no heat-map cell): the court of its row
    assert cells.marker.opacity == 0
    assert len(cells.customdata) == len(heat.data[0].x) * len(heat.data[0].y)
    assert all(court_label(court, "vi") == line for court, line in zip(cells.customdata, cells.y, strict=True))
    assert heat.data[0].type == "heatmap"
    assert "Yên Bái" in heat.data[0].y
    row = list(heat.data[0].y).index("Yên Bái")
    column = list(heat.data[0].x).index("Án quá hạn")
    assert heat.data[0].text[row][column].split("<br>")[-1] == "−3"  # the margin, under its mark
    assert heat.data[1].text[row * len(heat.data[0].x) + column] == "✗"
    assert heat.layout.separators == ",."


def test_the_compare_page_keeps_the_open_tab_when_the_reader_changes_the_language(sample_url, monkeypatch):
    app = open_page("compare.py", sample_url, monkeypatch, nam="2023")
    open_compare_tab(app, "Bản đồ nhiệt")

    app.segmented_control(key=state.LANG).set_value("en").run()

    no_failure(app)
    assert [tab.label for tab in app.tabs] == ["Details", "By case type", "Heat map"]
    assert app.session_state[state.COMPARE_TAB] == "Heat map"
    assert charts(app)[1].data[0].type == "heatmap"


# --- trends ----------------------------------------------------------------------------------


def test_the_trends_page_draws_the_four_cumulative_periods_of_each_court_and_the_cluster(sample_url, monkeypatch):
    app = open_page("trends.py", sample_url, monkeypatch, nam="2023")

    no_failure(app)
    figure = charts(app)[0]
    lines = {trace.name: list(trace.x) for trace in figure.data if trace.x[0] is not None}
    assert lines["Toàn Cụm"] == ["3 tháng", "6 tháng", "9 tháng", "12 tháng"]
    assert len(lines) == 8  # seven courts and the cluster
    assert figure.layout.shapes[0].y0 == 90.0  # the annual target, named in the legend
    assert "Chỉ tiêu TANDTC: 90,0 %" in [trace.name for trace in figure.data]
    grid = values(app.dataframe[0])
    assert grid.loc["Toàn Cụm", "12 tháng 2023"] == "✓ 96,0 %"


def test_with_one_year_stored_the_trends_page_says_there_is_no_year_over_year_view_yet(empty_url, monkeypatch):
    store = Store(empty_url)
    for path in sorted(SAMPLE_DIR.glob("2023_12_*.xlsx")):
        imported(store, path.name, path.read_bytes(), account(store))

    app = open_page("trends.py", empty_url, monkeypatch)

    no_failure(app)
    assert "Mới có số liệu của một năm" in texts(app)


def test_quarters_alone_come_from_differencing(sample_url, monkeypatch):
    figures = Store(sample_url).figures(year=2023)
    mine = figures[(figures["court"] == "lai_chau") & (figures["scope"] == "criminal")]
    resolved = mine[mine["measure"] == "resolved"].set_index("period")["value"]
    pending_q1 = mine[(mine["measure"] == "pending") & (mine["period"] == "3")]["value"].item()
    new = mine[mine["measure"] == "new"].set_index("period")["value"]
    expected = (resolved["6"] - resolved["3"]) / (pending_q1 + new["6"] - new["3"])
    app = open_page("trends.py", sample_url, monkeypatch, nam="2023", xem="quy")

    grid = values(app.dataframe[0])
    assert list(grid.columns) == ["Quý I 2023", "Quý II 2023", "Quý III 2023", "Quý IV 2023"]
    assert grid.loc["Lai Châu", "Quý II 2023"].endswith(formatting.percent(expected))


def test_online_hearings_show_the_share_of_the_years_target_reached(sample_url, monkeypatch):
    app = open_page("trends.py", sample_url, monkeypatch, nam="2023", chi_tieu="online_hearings_per_unit")

    grid = values(app.dataframe[0])
    assert "chỉ tiêu năm" in grid.loc["Yên Bái", "6 tháng 2023"]
    assert any(trace.line.dash == "dot" for trace in charts(app)[0].data)


def test_each_quarter_alone_of_online_hearings_is_drawn_against_a_quarters_share_of_the_target(sample_url, monkeypatch):
    app = open_page("trends.py", sample_url, monkeypatch, nam="2023", chi_tieu="online_hearings_per_unit", xem="quy")

    [figure] = charts(app)[:1]
    # A quarter alone is judged against 3 × 3/12 = 0,75 a unit (↗ / ↘ in the grid): no cumulative path up to 3.
    assert not any(trace.line.dash == "dot" for trace in figure.data)
    assert [shape.y0 for shape in figure.layout.shapes] == [0.75]
    names = [trace.name for trace in figure.data]
    assert "Chỉ tiêu TANDTC (một quý: 3/12 chỉ tiêu năm): 0,75" in names, str(names[-2:])


# --- profile ---------------------------------------------------------------------------------


def test_the_profile_shows_the_court_its_indicators_against_the_cluster_and_its_case_table(sample_url, monkeypatch):
    app = open_page("profile.py", sample_url, monkeypatch, nam="2023", toa_an="yen_bai")

    no_failure(app)
    assert app.header[0].value.startswith("Yên Bái – 12 tháng")
    indicators = values(app.dataframe[0]).set_index("Chỉ tiêu")
    assert indicators.loc["Án quá hạn", "Kết quả"] == "✗ Không đạt"
    assert indicators.loc["Án quá hạn", "Thứ hạng"] == "7/7"
    assert indicators.loc["Án quá hạn", "Tên đầy đủ của chỉ tiêu"] == "Số vụ việc quá hạn luật định"
    assert indicators.loc["GQ chung", "Toàn Cụm"] == "92,0 %"
    cases = values(app.dataframe[1])
    assert cases.loc["Cộng", "Đã giải quyết"] == "2.695"
    assert cases.loc["Dân sự", "Quá hạn luật định"] == "3"
    returns = values(app.dataframe[2])
    assert list(returns["Kỳ"]) == ["3 tháng 2023", "6 tháng 2023", "9 tháng 2023", "12 tháng 2023"]
    assert set(returns["Người tải"]) == {"Hệ thống"}
    assert charts(app)[0].data[1].type == "scatterpolar"


def test_a_comment_typed_on_the_profile_is_stored_and_shown_beside_the_figures(sample_url, monkeypatch):
    secretariat = Account("thu_ky", ADMIN, None, "Thư ký Cụm")
    app = open_page("profile.py", sample_url, monkeypatch, nam="2023", account=secretariat, toa_an="son_la")

    app.text_area(key="comment_text").input("Số liệu án hành chính đã được rà soát lại.")
    next(b for b in app.button if b.label == "Lưu ghi chú").click().run()

    no_failure(app)
    stored = Store(sample_url).comments(court="son_la", year=2023, period="12")
    assert list(stored["text"]) == ["Số liệu án hành chính đã được rà soát lại."]
    assert "Số liệu án hành chính đã được rà soát lại." in texts(app)
    assert "Thư ký Cụm" in texts(app)


# --- ranking ---------------------------------------------------------------------------------


def test_the_ranking_says_it_is_indicative_and_shows_the_gates(sample_url, monkeypatch):
    app = open_page("ranking.py", sample_url, monkeypatch, nam="2023")

    no_failure(app)
    assert "chỉ để THAM KHẢO" in app.warning[-1].value or any("THAM KHẢO" in w.value for w in app.warning)
    table = values(app.dataframe[0])
    assert list(table["Hạng"]) == list(range(1, 8))
    failing = table[table["Tiêu chí bắt buộc"].str.startswith("✖️")]
    assert set(failing["Tòa án"]) >= {"Yên Bái"}  # three overdue cases
    assert table["Tiêu chí bắt buộc"].str.startswith("✔️").sum() + len(failing) == 7
    passing_ranks = table.loc[table["Tiêu chí bắt buộc"].str.startswith("✔️"), "Hạng"]
    assert passing_ranks.max() < table.loc[failing.index, "Hạng"].min()
    score = "Điểm"
    assert pd.api.types.is_float_dtype(table[score])  # a header click sorts the scores as numbers
    assert all(re.fullmatch(r"[+-]?\d+,\d\d", text) for text in shown(app.dataframe[0])[score])


def test_weights_saved_on_the_ranking_page_are_stored(sample_url, monkeypatch):
    app = open_page(
        "ranking.py", sample_url, monkeypatch, nam="2023", account=Account("thu_ky", ADMIN, None, "Thư ký Cụm")
    )

    save = next(b for b in app.button if b.label == "Lưu trọng số")
    save.click().run()

    no_failure(app)
    stored = Store(sample_url).ranking_weights(2023)
    assert len(stored) == 9
    assert stored.set_index("indicator").loc["resolution_rate.criminal", "weight"] == 3.0
    assert "Trọng số do Thư ký Cụm lưu ngày" in texts(app)


def weight_column(table) -> dict:
    return json.loads(table.proto.columns)["weight"]


def test_the_weights_look_the_same_read_or_edited_and_take_what_the_readme_says(sample_url, monkeypatch):
    editor = open_page(
        "ranking.py", sample_url, monkeypatch, nam="2023", account=Account("thu_ky", ADMIN, None, "Thư ký Cụm")
    )
    reader = open_page("ranking.py", sample_url, monkeypatch, nam="2023", account=Account("chanh_an", VIEWER))

    edited, read = weight_column(editor.dataframe[-1]), weight_column(reader.dataframe[-1])

    assert editor.dataframe[-1].proto.editing_mode and not reader.dataframe[-1].proto.editing_mode
    assert edited == read  # "3" in both, where the editor showed "3.0" and the table "3"
    assert edited["type_config"]["format"] == "localized" and "step" not in edited["type_config"]  # a step fixes "3,0"
    assert (edited["type_config"]["min_value"], edited["type_config"]["max_value"]) == (0, 100)
    assert "weights finite from 0 to 100 for indicators of the ranking" in (ROOT / "README.md").read_text()


def test_only_the_secretariat_can_edit_the_weights(sample_url, monkeypatch):
    app = open_page("ranking.py", sample_url, monkeypatch, nam="2023", account=Account("chanh_an", VIEWER))

    no_failure(app)
    assert not [b for b in app.button if b.label == "Lưu trọng số"]
    assert "Thư ký Cụm (quản trị) sửa được trọng số." in texts(app)
    weights = values(app.dataframe[-1])
    assert list(weights.columns) == ["Chỉ tiêu", "Trọng số", "Tiêu chí bắt buộc"]  # no key the reader cannot read
    assert weights.iloc[0].tolist() == ["Tỷ lệ giải quyết – Hình sự", 3.0, ""]


def test_a_leader_who_only_reads_sees_the_comments_but_no_form_to_add_one(sample_url, monkeypatch):
    secretariat = Account("thu_ky", ADMIN, None, "Thư ký Cụm")
    Store(sample_url).add_comment(
        "son_la", 2023, "12", "Đã rà soát án hành chính.", enrol(Store(sample_url), secretariat)
    )

    app = open_page(
        "profile.py", sample_url, monkeypatch, nam="2023", account=Account("chanh_an", VIEWER), toa_an="son_la"
    )

    no_failure(app)
    assert [t.value for t in app.text] == ["Đã rà soát án hành chính."]
    assert "— Thư ký Cụm," in texts(app)
    assert not [area for area in app.text_area if area.key == "comment_text"]
    assert not [b for b in app.button if b.label == "Lưu ghi chú"]


def test_a_comment_is_shown_as_written_never_as_a_link_image_or_formula(sample_url, monkeypatch):
    secretariat = Account("thu_ky", ADMIN, None, "Thư ký Cụm")
    Store(sample_url).add_comment(
        "son_la", 2023, "12", "Xem ![ảnh](http://x.example/a.png) và $x$", enrol(Store(sample_url), secretariat)
    )

    app = open_page("profile.py", sample_url, monkeypatch, nam="2023", toa_an="son_la")

    assert [t.value for t in app.text] == ["Xem ![ảnh](http://x.example/a.png) và $x$"]  # st.text: no markdown
    assert not [m.value for m in app.markdown if "Xem" in m.value]


# --- trends: year over year ------------------------------------------------------------------


def test_with_three_years_stored_the_trends_page_shows_each_courts_value_of_every_year(sample_url, monkeypatch):
    every = Store(sample_url).figures()
    mine = every[(every["court"] == "lai_chau") & (every["period"] == "12") & (every["scope"] == "criminal")]
    by_year = mine.pivot_table(index="year", columns="measure", values="value")
    lai_chau = {str(y): formatting.percent(r["resolved"] / r["accepted"]) for y, r in by_year.iterrows()}

    app = open_page("trends.py", sample_url, monkeypatch, nam="2023")

    no_failure(app)
    assert app.subheader[-1].value == "Cùng kỳ qua các năm"
    assert "Mới có số liệu của một năm" not in texts(app)
    years = charts(app)[-1]
    bars = {trace.name: dict(zip(trace.x, trace.text, strict=True)) for trace in years.data}
    # Every court that was a member in one of the years: Tuyên Quang from 2025, Yên Bái and Hòa Bình until 2024.
    assert set(bars) == {court_label(c.key) for y in (2023, 2024, 2025) for c in cluster_courts(y)}
    assert bars["Lai Châu"] == lai_chau and set(lai_chau) == {"2023", "2024", "2025"}
    assert lai_chau["2023"] == "97,5 %"
    assert set(bars["Tuyên Quang"]) == {"2025"}
    assert years.layout.separators == ",."


def test_the_same_period_across_the_years_is_also_a_table_that_a_screen_reader_reads(sample_url, monkeypatch):
    """A screen reader reads the chart's bars and labels as one picture: each value is in a court × year table too."""
    app = open_page("trends.py", sample_url, monkeypatch, nam="2023")

    table = values(app.dataframe[-1])
    assert list(table.columns) == ["12 tháng 2023", "12 tháng 2024", "12 tháng 2025"]
    assert list(table.loc["Lai Châu"]) == ["✓ 97,5 %", "✓ 95,8 %", "✓ 95,5 %"]  # each with its mark against the target
    assert table.loc["Tuyên Quang", "12 tháng 2023"] == ""  # a member of the cluster from 2025: blank, not "None"
    for bars in charts(app)[-1].data:  # every bar of the chart, and no other value
        cells = table.loc[bars.name][lambda row: row != ""]
        assert [cell.split(" ", 1)[1] for cell in cells] == list(bars.text)
        assert [label.rsplit(" ", 1)[1] for label in cells.index] == list(bars.x)


def test_a_shared_link_naming_a_period_the_data_does_not_hold_says_which_one_is_shown(sample_url, monkeypatch):
    app = open_page("overview.py", sample_url, monkeypatch, nam="2023", ky="Q2")

    said = [toast.value for toast in app.toast]
    shown = plain("12 tháng, cả năm (01/10–30/09)")  # as the box shows it; as markdown shows it, nothing as markup
    assert said == [f"Kỳ báo cáo trong đường dẫn («Q2») không có trong số liệu: đang hiện «{shown}»."]
    assert app.query_params["ky"] in ("12", ["12"])  # the URL now names what is shown
    app.run()
    assert not app.toast  # said once


def test_a_shared_link_naming_a_court_the_cluster_does_not_have_says_so_and_keeps_the_others(sample_url, monkeypatch):
    app = open_page("overview.py", sample_url, monkeypatch, nam="2023", toa="ha_tay,son_la")

    assert [toast.value for toast in app.toast] == [
        "Tòa án trong đường dẫn («ha\\_tay») không có trong số liệu: đang hiện «Sơn La»."
    ]
    assert app.query_params["toa"] in ("son_la", ["son_la"])


def test_a_shared_link_naming_a_court_twice_shows_it_once(sample_url, monkeypatch):
    app = open_page("overview.py", sample_url, monkeypatch, nam="2023", toa="son_la,yen_bai,son_la")

    assert app.multiselect(key="toa").value == ["son_la", "yen_bai"]
    assert app.query_params["toa"] in ("son_la,yen_bai", ["son_la,yen_bai"])


def test_the_profile_of_a_year_with_no_target_yet_shows_the_figures_without_a_radar(empty_url, monkeypatch):
    store = Store(empty_url)
    ret = a_return("son_la", "3", year=2026, prepared_on=dt.date(2026, 1, 5))
    imported(store, "son_la_2026.xlsx", workbook(ret), account(store, "admin", ADMIN))
    store.dispose()

    app = open_page("profile.py", empty_url, monkeypatch, nam="2026", ky="3", toa_an="son_la")

    no_failure(app)
    indicators = values(app.dataframe[0]).set_index("Chỉ tiêu")
    assert indicators.loc["GQ hình sự", "Giá trị"] == "80,0 %"
    assert not [c for c in charts(app) if c.data and c.data[0].type == "scatterpolar"]
