"""A leader at the 6-month meeting: progress, not verdicts, on the seasonal rates; projections, the at-risk list, what
it takes, and a ranking on projected values (or none, with the reason, when nothing can be projected)."""

from __future__ import annotations

import dataclasses
import re

from analytics import cli, domain
from analytics.security import ADMIN, Account
from analytics.store.storage import Store
from tests.analytics.builders import SAMPLE_DIR, account, imported
from tests.pages.apptest import no_failure, open_page, shown, texts, values
from ui import data


def test_at_six_months_the_scorecard_marks_no_seasonal_rate_missed(sample_url, monkeypatch):
    app = open_page("overview.py", sample_url, monkeypatch, nam="2025", ky="6")

    no_failure(app)
    grid = shown(app.dataframe[0])
    rates = grid[["GQ hình sự", "GQ nhóm dân sự", "GQ hành chính"]]
    cells = [str(c) for c in rates.to_numpy().ravel()]
    assert cells and all(c.startswith("⋯ ") for c in cells), cells  # in progress, never ✓ or ✗
    assert not any(str(c).startswith(("✓", "✗")) for c in grid["GQ chung"])  # no target: no mark at all
    online = [str(c) for c in grid["PT trực tuyến / đơn vị"]]
    assert all(c.startswith(("↗ ", "↘ ")) for c in online), online  # pro rata: on pace or behind


def test_at_six_months_the_cards_show_progress_with_the_projection_and_its_error(sample_url, monkeypatch):
    app = open_page("overview.py", sample_url, monkeypatch, nam="2025", ky="6")

    no_failure(app)
    card = next(m for m in app.metric if m.label == "GQ hình sự")
    assert card.delta.endswith(" so với cùng kỳ")  # the change against the same period of 2024, said so
    online = next(m for m in app.metric if m.label.startswith("PT trực tuyến"))
    assert online.delta.endswith(" so với chỉ tiêu")  # a count in progress: its margin to the pro-rata target
    said = texts(app)
    assert "⋯ Tiến độ, chưa đánh giá (chỉ tiêu cả năm ≥ 90,0 %)" in said
    assert "Dự báo cuối năm: " in said and ", dự báo đạt" in said
    assert "sai số dự báo trung bình ±" in said
    assert "So với cùng kỳ năm 2024: " in said
    assert "↗ Đúng tiến độ (chỉ tiêu theo tiến độ ≥ 1,5)" in said  # 3 online hearings per unit × 6/12


def test_at_six_months_seasonal_shortfalls_are_listed_as_at_risk_not_missed(sample_url, monkeypatch):
    app = open_page("overview.py", sample_url, monkeypatch, nam="2025", ky="6")

    no_failure(app)
    headings = [h.value for h in app.subheader]
    assert headings.index("Chỉ tiêu chưa đạt") < headings.index("Có nguy cơ không đạt (dự báo, tham khảo)")
    risky = next(m.value for m in app.markdown if "dự báo cuối năm" in m.value and m.value.startswith("- **"))
    assert "**Lai Châu** – Tỷ lệ giải quyết – Hành chính: dự báo cuối năm" in risky
    assert "chỉ tiêu ≥ 65,0 %" in risky
    assert "Kỳ chưa hết năm: chỉ các chỉ tiêu đánh giá tại thời điểm cuối kỳ" in texts(app)


def test_the_first_stored_year_at_six_months_says_what_is_missing_instead_of_a_projection(sample_url, monkeypatch):
    app = open_page("overview.py", sample_url, monkeypatch, nam="2023", ky="6")

    no_failure(app)
    said = texts(app)
    assert "Chưa dự báo được cuối năm: cần số liệu cùng kỳ và cả năm của ít nhất một năm trước." in said
    assert "Chưa có năm trước nào được lưu để dự báo cuối năm" in said


def test_the_profile_at_six_months_says_what_it_takes_to_reach_each_target_by_30_september(sample_url, monkeypatch):
    app = open_page("profile.py", sample_url, monkeypatch, nam="2025", ky="6", toa_an="lai_chau")

    no_failure(app)
    assert "Cần làm gì đến 30/09 để đạt chỉ tiêu" in [h.value for h in app.subheader]
    effort = next(m.value for m in app.markdown if m.value.startswith("- **Hình sự**"))
    assert re.search(
        r"cần giải quyết thêm khoảng [\d.]+ vụ, việc, ≈ [\d.]+ vụ, việc/tuần trong 26 tuần còn lại", effort
    )


def test_the_ranking_at_six_months_ranks_on_projected_values_and_says_so(sample_url, monkeypatch):
    app = open_page("ranking.py", sample_url, monkeypatch, nam="2025", ky="6")

    no_failure(app)
    assert "xếp hạng theo giá trị dự báo cuối năm" in texts(app)
    assert len(values(app.dataframe[0])) == 6
    assert "Thông tư 01/2018/TT-TANDTC" in texts(app) and "Kế hoạch 427/QĐ-TANDTC-TĐKT" in texts(app)


def test_without_an_earlier_year_the_ranking_at_six_months_shows_no_ranking_and_says_why(sample_url, monkeypatch):
    app = open_page("ranking.py", sample_url, monkeypatch, nam="2023", ky="6")

    no_failure(app)
    assert "Chưa xếp hạng kỳ 6 tháng" in app.info[0].value
    assert "chưa có năm trước nào được lưu để dự báo cuối năm" in app.info[0].value


def test_the_cluster_row_says_it_covers_six_of_seven_courts_when_one_has_no_return(empty_url, monkeypatch):
    store = Store(empty_url)
    for path in sorted(SAMPLE_DIR.glob("2024_12_*.xlsx")):
        if "hoa_binh" not in path.name:  # as if Hòa Bình had not sent its 2024 12-month return
            imported(store, path.name, path.read_bytes(), account(store))

    app = open_page("overview.py", empty_url, monkeypatch, nam="2024", ky="12")

    no_failure(app)
    assert app.subheader[0].value.startswith("Toàn Cụm (6/7 Tòa án) – 12 tháng")
    assert "Toàn Cụm (6/7 Tòa án)" in list(shown(app.dataframe[0]).index)


def test_the_secretariat_sets_the_return_deadline_and_the_data_status_table_says_it(sample_url, monkeypatch):
    admin = open_page("admin.py", sample_url, monkeypatch, account=Account("thu_ky", ADMIN, None, "Thư ký Cụm"))
    admin.number_input[0].set_value(20)
    next(b for b in admin.button if b.label == "Lưu thiết lập").click().run()

    no_failure(admin)
    assert "Đã lưu: hạn gửi báo cáo 20 ngày." in texts(admin)
    assert Store(sample_url).setting("deadline_days") == 20
    overview = open_page("overview.py", sample_url, monkeypatch, nam="2025")
    assert "Hạn gửi báo cáo: 20 ngày sau khi kết thúc kỳ" in texts(overview)


def test_a_return_deadline_nobody_chose_is_the_settings_registrys_default_wherever_it_is_read(
    sample_url, monkeypatch, capsys
):
    monkeypatch.setitem(domain.SETTINGS, "deadline_days", dataclasses.replace(domain.RETURN_DEADLINE, default=21))

    page = open_page("admin.py", sample_url, monkeypatch, account=Account("thu_ky", ADMIN, None, "Thư ký Cụm"))
    cli.main(["settings", "--db", sample_url])

    no_failure(page)
    assert page.number_input[0].value == 21  # the administration page
    assert "deadline_days = 21  (" in capsys.readouterr().out  # the command line
    assert data.deadline_days(sample_url, Store(sample_url).data_version()) == 21  # the data-status table's reader
