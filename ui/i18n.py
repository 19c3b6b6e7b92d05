"""The text catalogue: Vietnamese first, English second. Streamlit has no i18n, so pages call `t(key)`."""

from __future__ import annotations

import streamlit as st

from analytics.text import Words
from ui import state

TEXTS: dict[str, tuple[str, str]] = {
    "app.title": ("Cụm thi đua số II – Thống kê Tòa án", "Cluster II – Court statistics"),
    "app.subtitle": ("Tòa án nhân dân các tỉnh {courts}", "People's Courts of {courts}"),
    # No cause: a server that does not answer, a SQLite file the service may not open, a full disk (the log says which).
    "app.database_down": (
        "Lúc này không đọc được cơ sở dữ liệu. Không có gì bị ghi dở. Hãy thử lại sau ít phút; nếu vẫn không được, báo "
        "cho Văn phòng Cụm.",
        "The database cannot be read right now. Nothing was half written. Try again in a few minutes; if it still "
        "fails, tell the cluster secretariat.",
    ),
    "link.unknown_value": (
        "{label} trong đường dẫn («{value}») không có trong số liệu: đang hiện «{shown}».",
        "{label} in the link ('{value}') is not in the data: showing '{shown}'.",
    ),
    "nav.overview": ("Tổng quan", "Overview"),
    "nav.compare": ("So sánh", "Compare"),
    "nav.trends": ("Xu hướng", "Trends"),
    "nav.profile": ("Hồ sơ tòa án", "Court profile"),
    "nav.ranking": ("Xếp hạng thi đua", "Emulation ranking"),
    "nav.upload": ("Tải lên", "Upload"),
    "nav.export": ("Xuất dữ liệu", "Export"),
    "sidebar.language": ("Ngôn ngữ / Language", "Ngôn ngữ / Language"),
    "sidebar.year": ("Năm công tác", "Work year"),
    "sidebar.period": ("Kỳ báo cáo", "Reporting period"),
    "sidebar.year_help": (
        "Năm công tác N tính từ 01/10 năm N-1 đến 30/09 năm N.",
        "Work year N runs from 1 October of N-1 to 30 September of N.",
    ),
    "sidebar.group": ("Nhóm án", "Case group"),
    "sidebar.courts": ("Tòa án", "Courts"),
    "sidebar.all_courts": ("Tất cả các Tòa án", "Every court"),
    "no_data": (
        "Chưa có số liệu cho năm {year}, kỳ {period}. Hãy tải báo cáo lên ở trang «Tải lên».",
        "No figures yet for {year}, {period}. Upload returns on the Upload page.",
    ),
    "no_data_at_all": (
        "Chưa có báo cáo nào trong cơ sở dữ liệu. Hãy tải báo cáo lên ở trang «Tải lên».",
        "No return is stored yet. Upload returns on the Upload page.",
    ),
    "go_upload": ("Đi đến trang Tải lên", "Go to the Upload page"),
    "synthetic": (
        "DỮ LIỆU MẪU: các số liệu đang xem là dữ liệu tổng hợp để minh họa, không phải số liệu thật của các Tòa án.",
        "SAMPLE DATA: the figures shown are synthetic, for illustration; they are not the courts' real figures.",
    ),
    "partial_year": (
        "Kỳ {period} chưa hết năm công tác, nên: tỷ lệ giải quyết (và tỷ lệ giải quyết so với thụ lý mới, thời gian "
        "giải quyết) không bị đánh giá đạt/không đạt (⋯ tiến độ), mà được so với cùng kỳ năm trước và dự báo cuối năm; "
        "số phiên tòa trực tuyến, rút kinh nghiệm so với chỉ tiêu theo tiến độ thời gian (↗ đúng / ↘ chậm tiến độ); "
        "án quá hạn, hủy sửa chủ quan, công bố bản án, thi hành án được đánh giá tại thời điểm cuối kỳ (✓ / ✗).",
        "{period} is a partial work year, so: resolution rates (and the clearance rate and disposition time) are not "
        "judged (⋯ progress) but shown beside the same period last year and a projected year-end; online hearings and "
        "experience trials are compared with the target pro rata (↗ on pace / ↘ behind pace); overdue cases, "
        "overturns, publication and enforcement are judged as at the period's end (✓ / ✗).",
    ),
    "footer.as_of": ("Số liệu cập nhật đến: {when}", "Figures as of: {when}"),
    "footer.rounding": (
        "Tỷ lệ làm tròn nửa lên đến một chữ số thập phân; số công bố chính thức đôi khi cắt bớt.",
        "Rates are rounded half up to one decimal; official publications sometimes truncate.",
    ),
    "grid.read_aloud": (
        "Bảng ở trên, viết thành chữ cho trình đọc màn hình",
        "The table above, written out for screen readers",
    ),
    "overview.title": ("Tổng quan", "Overview"),
    "overview.scorecard": ("Bảng kết quả theo Tòa án", "Scorecard by court"),
    "overview.scorecard_help": (
        "✓ đạt chỉ tiêu TANDTC · ✗ không đạt · ↗ đúng tiến độ · ↘ chậm tiến độ · ⋯ tiến độ, chưa đánh giá · không dấu: "
        "không có chỉ tiêu · «không áp dụng» khi mẫu số bằng 0 hoặc chưa có số liệu. «Số chỉ tiêu đạt» chỉ đếm các chỉ "
        "tiêu đã được đánh giá đạt / không đạt.",
        "✓ meets the TANDTC target · ✗ misses it · ↗ on pace · ↘ behind pace · ⋯ progress, not judged · no mark: no "
        "target · 'not applicable' when the denominator is 0 or missing. 'Targets met' counts only the indicators "
        "judged met or missed.",
    ),
    "overview.misses": ("Chỉ tiêu chưa đạt", "Targets missed"),
    "overview.at_risk": ("Có nguy cơ không đạt (dự báo, tham khảo)", "At risk (projections, for reference)"),
    "overview.no_risk": (
        "Không Tòa án nào có dự báo cuối năm dưới chỉ tiêu hay chậm tiến độ.",
        "No court is projected below a target or behind pace.",
    ),
    "overview.no_projection": (
        "Chưa có năm trước nào được lưu để dự báo cuối năm: danh sách này chỉ gồm các chỉ tiêu chậm tiến độ.",
        "No earlier year is stored to project the year-end from: this list only holds counts behind pace.",
    ),
    "overview.risk_line": (
        "dự báo cuối năm {projected} ({low} – {high}), chỉ tiêu {target}",
        "projected year-end {projected} ({low} – {high}), target {target}",
    ),
    "overview.pace_line": (
        "{value}, chậm tiến độ (chỉ tiêu theo tiến độ {target})",
        "{value}, behind pace (pro-rata target {target})",
    ),
    "overview.partial_misses": (
        "Kỳ chưa hết năm: chỉ các chỉ tiêu đánh giá tại thời điểm cuối kỳ (án quá hạn, hủy sửa chủ quan, công bố bản "
        "án, thi hành án) được xét đạt / không đạt.",
        "A partial year: only the states as at the period's end (overdue cases, overturns, publication, enforcement) "
        "are judged met or missed.",
    ),
    "overview.no_misses": (
        "Tất cả các Tòa án đạt mọi chỉ tiêu của kỳ này.",
        "Every court meets every target this period.",
    ),
    "overview.target": ("Chỉ tiêu {target}", "Target {target}"),
    "overview.scorecard_sections": (
        "Nhóm án {group}: chỉ các cột tỷ lệ giải quyết ({own}) tính theo nhóm án; từ cột «{first}» trở đi là chỉ tiêu chung của "
        "đơn vị — không theo loại án.",
        "Case group {group}: only the resolution-rate columns ({own}) are counted by case group; from «{first}» on, the columns "
        "are court-wide indicators — not by case type.",
    ),
    "overview.scorecard_click": (
        "Bấm vào một dòng để mở hồ sơ của Tòa án đó.",
        "Click a row to open that court's profile.",
    ),
    "overview.open_profile": ("Hồ sơ:", "Profile:"),
    "overview.status": ("Tình hình gửi báo cáo", "Returns received"),
    "scorecard.rank": ("Hạng (tham khảo)", "Rank (indicative)"),
    "scorecard.met": ("Số chỉ tiêu đạt", "Targets met"),
    "scorecard.notes": ("Ghi chú", "Comments"),
    "kpi.vs_previous": ("So với {period}: {delta}", "Against {period}: {delta}"),
    "kpi.no_previous": ("Chưa có số liệu {period} để so sánh", "No figures of {period} to compare with"),
    "kpi.vs_last_year": ("So với cùng kỳ năm {year}: {delta}", "Against the same period of {year}: {delta}"),
    "kpi.national": ("Toàn quốc năm {year}: {value}", "National {year}: {value}"),
    "kpi.progress": (
        "⋯ Tiến độ, chưa đánh giá (chỉ tiêu cả năm {target})",
        "⋯ Progress, not judged (annual target {target})",
    ),
    "kpi.pro_rata": ("{status} (chỉ tiêu theo tiến độ {target})", "{status} (pro-rata target {target})"),
    "kpi.projected": (
        "Dự báo cuối năm: {projected} ({low} – {high}), {verdict}",
        "Projected year-end: {projected} ({low} – {high}), {verdict}",
    ),
    "kpi.projection_error": ("sai số dự báo trung bình ±{error}", "mean projection error ±{error}"),
    "kpi.no_projection": (
        "Chưa dự báo được cuối năm: cần số liệu cùng kỳ và cả năm của ít nhất một năm trước.",
        "No projected year-end: the same period and the full year of at least one earlier year are needed.",
    ),
    "kpi.projection_help": (
        "Dự báo = giá trị hiện tại × trung vị của (giá trị cả năm ÷ giá trị cùng kỳ) các năm trước đã lưu; dùng số của "
        "chính Tòa án khi có từ 2 năm trở lên, nếu không thì của toàn Cụm. Khoảng dự báo dùng tỷ số nhỏ nhất và lớn nhất. "
        "Sai số là sai lệch trung bình khi dự báo lại các năm đã có số liệu cả năm.",
        "Projection = the value now × the median of (year-end value ÷ same-period value) over the stored earlier years; "
        "the court's own ratios with 2 or more years, else the cluster's. The range uses the smallest and largest ratio. "
        "The error is the mean deviation when the years with a full year stored are projected again.",
    ),
    "status.all_in": (
        "Mọi báo cáo đã đến hạn đều đã được gửi đúng hạn.",
        "Every return due has been received on time.",
    ),
    "status.attention": ("Cần đôn đốc: {items}", "To follow up: {items}"),
    "status.deadline_note": (
        "Hạn gửi báo cáo: {n} ngày sau khi kết thúc kỳ (do Văn phòng Cụm đặt ở trang Quản trị; mặc định 15 ngày là "
        "giả định, chưa tìm thấy quy định công khai). Ngày gửi là ngày lưu phiên bản đầu tiên; với dữ liệu mẫu là ngày "
        "ghi trên báo cáo.",
        "Returns are due {n} days after the period ends (set by the secretariat on the administration page; the "
        "default of 15 is an assumption, no public rule was found). The day sent is when the first version was "
        "stored; for the sample data, the date on the return.",
    ),
    "status.deadline_note.one": (
        "Hạn gửi báo cáo: {n} ngày sau khi kết thúc kỳ (do Văn phòng Cụm đặt ở trang Quản trị; mặc định 15 ngày là "
        "giả định, chưa tìm thấy quy định công khai). Ngày gửi là ngày lưu phiên bản đầu tiên; với dữ liệu mẫu là ngày "
        "ghi trên báo cáo.",
        "Returns are due {n} day after the period ends (set by the secretariat on the administration page; the "
        "default of 15 is an assumption, no public rule was found). The day sent is when the first version was "
        "stored; for the sample data, the date on the return.",
    ),
    "compare.case_types": ("Theo loại án", "By case type"),
    "compare.case_types_title": ("Tỷ lệ giải quyết theo loại án", "Resolution rate by case type"),
    "compare.heat_map": ("Bản đồ nhiệt", "Heat map"),
    "compare.heat_title": ("Chênh lệch so với chỉ tiêu TANDTC", "Margin to the TANDTC target"),
    "compare.heat_title_partial": (
        "Chênh lệch so với chỉ tiêu TANDTC (≈: tỷ lệ giải quyết dự báo cuối năm; số đếm theo tiến độ)",
        "Margin to the TANDTC target (≈: resolution rates projected to the year-end; counts pro rata)",
    ),
    "compare.projection_note": (
        "◆ dự báo cuối năm, vạch là khoảng dự báo; đường chỉ tiêu là chỉ tiêu cả năm, chỉ để tham khảo.",
        "◆ projected year-end, the whisker its range; the target line is the annual target, for reference.",
    ),
    "col.last_year": ("Cùng kỳ năm trước", "Same period last year"),
    "col.full_name": ("Tên đầy đủ của chỉ tiêu", "Indicator in full"),
    "col.vs_last_year": ("Thay đổi", "Change"),
    "col.projected": ("Dự báo cuối năm", "Projected year-end"),
    "col.range": ("Khoảng dự báo", "Range"),
    "col.projected_status": ("Đánh giá dự báo", "Projection"),
    "compare.heat_help": (
        "Xanh lam: vượt chỉ tiêu; cam: chưa đạt (điểm % với tỷ lệ, % của chỉ tiêu với số đếm); ✓ / ✗ ghi rõ kết quả. "
        "Bấm vào một ô hoặc một cột để mở hồ sơ Tòa án.",
        "Blue: above the target; orange: short of it (points for rates, percent of the target for counts); ✓ / ✗ spell it out. "
        "Click a cell or a bar to open the court's profile.",
    ),
    "trends.title": ("Xu hướng trong năm", "Trends through the year"),
    "trends.mode": ("Cách xem", "View"),
    "trends.cumulative": ("Lũy kế từ 01/10", "Cumulative from 1 Oct"),
    "trends.quarters": ("Riêng từng quý", "Each quarter alone"),
    "trends.chart_title": ("{indicator} – năm {year}", "{indicator} – {year}"),
    "trends.help_cumulative": (
        "Số lũy kế từ 01/10: tỷ lệ so với chỉ tiêu cả năm để theo dõi tiến độ; số đếm tích lũy (phiên tòa trực tuyến) "
        "so với đường tiến độ theo thời gian (chấm chấm).",
        "Cumulative from 1 October: rates against the annual target as progress; accumulating counts (online hearings) "
        "against the pro-rata path (dotted).",
    ),
    "trends.help_quarters": (
        "Số riêng từng quý tính bằng hiệu của hai báo cáo lũy kế liên tiếp; số cũ chuyển sang của quý là số còn lại "
        "cuối kỳ trước.",
        "Each quarter alone is the difference of two consecutive cumulative returns; its carried-over cases are the "
        "pending cases at the end of the previous return.",
    ),
    "trends.of_year": ("{share} chỉ tiêu năm", "{share} of the year's target"),
    "trends.years": ("Cùng kỳ qua các năm", "The same period across years"),
    "trends.one_year": (
        "Mới có số liệu của một năm: so sánh cùng kỳ sẽ hiện khi có năm khác.",
        "Only one year is stored: the year-over-year view appears when another year is.",
    ),
    "profile.title": ("Hồ sơ tòa án", "Court profile"),
    "profile.no_return": ("{court} chưa gửi báo cáo kỳ này.", "{court} has not sent this period's return."),
    "profile.cluster": ("Toàn Cụm", "Cluster"),
    "profile.rank": ("Thứ hạng", "Rank"),
    "profile.radar_title": (
        "So với chỉ tiêu (100 % = đạt đúng chỉ tiêu)",
        "Against the targets (100 % = exactly the target)",
    ),
    "profile.radar_help": (
        "Chỉ tiêu «càng thấp càng tốt» được đảo chiều (chỉ tiêu / giá trị); tối đa 150 %. Kỳ chưa hết năm: tỷ lệ "
        "giải quyết chưa được đánh giá nên không vẽ; số phiên tòa so với chỉ tiêu tính theo tỷ lệ thời gian.",
        "'Lower is better' indicators are turned (target / value); at most 150 %. Before the year ends, resolution "
        "rates are not judged yet and are left out; hearings are against the target pro rata.",
    ),
    "profile.no_radar": (
        "Không có chỉ tiêu nào so sánh được trong kỳ này: chưa đặt chỉ tiêu của năm (trang Quản trị), hoặc kỳ chưa hết "
        "năm chỉ có các tỷ lệ, chưa được đánh giá.",
        "Nothing to compare with a target in this period: the year's targets are not set yet (the Admin page), or a "
        "period before the year's end has only rates, not judged yet.",
    ),
    "profile.cases": ("Số liệu theo loại án", "Cases by type"),
    "profile.no_cases": ("Không có số liệu vụ việc.", "No case figures."),
    "profile.returns": ("Báo cáo đã gửi trong năm", "Returns of the year"),
    "profile.no_returns": ("Chưa có báo cáo nào.", "No return yet."),
    "profile.prepared_by": ("Người lập", "Prepared by"),
    "profile.return_notes": ("Ghi chú trên báo cáo", "Notes on the return"),
    "profile.comment_count": ("Số ghi chú", "Comments"),
    "comments.title": ("Ghi chú", "Comments"),
    "comments.of_period": ("Ghi chú của kỳ này ({count})", "Comments on this period ({count})"),
    "comments.none": ("Chưa có ghi chú cho kỳ này.", "No comment for this period yet."),
    "comments.new": ("Thêm ghi chú", "Add a comment"),
    "comments.save": ("Lưu ghi chú", "Save the comment"),
    "comments.empty": ("Ghi chú trống – chưa lưu.", "Empty comment – not saved."),
    "comments.upload": ("Ghi chú kèm báo cáo (không bắt buộc)", "Comment with the returns (optional)"),
    "ranking.title": ("Xếp hạng thi đua (tham khảo)", "Emulation ranking (indicative)"),
    "ranking.indicative": (
        "Xếp hạng này chỉ để THAM KHẢO. Kết quả thi đua chính thức do các đơn vị trong Cụm bình xét, bỏ phiếu "
        "(Thông tư 01/2018/TT-TANDTC, áp dụng cho năm 2023; từ năm 2024 là Thông tư 01/2024/TT-TANDTC); năm 2023 theo "
        "Kế hoạch 427/QĐ-TANDTC-TĐKT ngày 15/11/2022 của TANDTC về công tác thi đua, khen thưởng năm 2023.",
        "This ranking is INDICATIVE only. The official result is the cluster members' vote (Circular "
        "01/2018/TT-TANDTC, in force for 2023; from 2024 Circular 01/2024/TT-TANDTC); for 2023 under the Supreme "
        "People's Court's Plan 427/QĐ-TANDTC-TĐKT of 15/11/2022 on emulation and commendation work in 2023.",
    ),
    "ranking.projected": (
        "Kỳ chưa hết năm: xếp hạng theo giá trị dự báo cuối năm của các tỷ lệ giải quyết, theo tiến độ thời gian với "
        "số phiên tòa và theo số liệu cuối kỳ với các chỉ tiêu còn lại. Dự báo có sai số; xếp hạng cả năm mới là căn cứ.",
        "A partial year: ranked on projected year-end resolution rates, pro rata for the hearings and as at the "
        "period's end for the rest. Projections have errors; only the full year's ranking counts.",
    ),
    "ranking.no_projection": (
        "Chưa xếp hạng kỳ {period}: tỷ lệ giải quyết của kỳ chưa hết năm không so được với chỉ tiêu năm, và chưa có năm "
        "trước nào được lưu để dự báo cuối năm. Hãy xem xếp hạng kỳ 12 tháng, hoặc tải lên số liệu các năm trước.",
        "No ranking for {period}: a partial year's resolution rates cannot be judged against the annual targets, and "
        "no earlier year is stored to project the year-end from. See the 12-month ranking, or upload earlier years.",
    ),
    "ranking.table": ("Xếp hạng", "Ranking"),
    "ranking.rank": ("Hạng", "Rank"),
    "ranking.score": ("Điểm", "Score"),
    "ranking.gates": ("Tiêu chí bắt buộc", "Gate criteria"),
    "ranking.method": (
        "Điểm = trung bình có trọng số của mức vượt chỉ tiêu TANDTC (điểm % với tỷ lệ; % so với chỉ tiêu với số đếm; "
        "−1 điểm mỗi vụ án quá hạn), mỗi chỉ tiêu giới hạn ±20 điểm. Tòa án đạt mọi tiêu chí bắt buộc xếp trước; "
        "tiêu chí không áp dụng với một Tòa án (ví dụ không có người bị kết án phải thi hành) không được tính.",
        "Score = weighted mean of the margins over the TANDTC targets (points for rates; percent of the target for counts; "
        "−1 per overdue case), each capped at ±20. Courts passing every gate rank first; a gate that does not apply to "
        "a court (no convict to enforce, say) is left out.",
    ),
    "ranking.weights": ("Trọng số", "Weights"),
    "ranking.weight": ("Trọng số", "Weight"),
    "ranking.gate": ("Tiêu chí bắt buộc", "Gate"),
    "ranking.gate_yes": ("bắt buộc", "gate"),
    "ranking.gate_help": ("tiêu chí bắt buộc: phải đạt chỉ tiêu.", "gates: the target must be met."),
    "ranking.save": ("Lưu trọng số", "Save the weights"),
    "ranking.reset": ("Về mặc định", "Back to the defaults"),
    "ranking.defaults": ("Đang dùng trọng số mặc định.", "Using the default weights."),
    "ranking.stored": ("Trọng số do {who} lưu ngày {when}.", "Weights stored by {who} on {when}."),
    "court": ("Tòa án", "Court"),
    "indicator": ("Chỉ tiêu", "Indicator"),
    "value": ("Giá trị", "Value"),
    "status": ("Kết quả", "Result"),
    "margin": ("Chênh lệch", "Margin"),
    "numerator": ("Tử số", "Numerator"),
    "denominator": ("Mẫu số", "Denominator"),
    "target": ("Chỉ tiêu TANDTC", "TANDTC target"),
    "compare.title": ("So sánh các Tòa án", "Courts compared"),
    "compare.pick": ("Chọn chỉ tiêu", "Pick an indicator"),
    "compare.chart_title": ("{indicator} – {period}, năm {year}", "{indicator} – {period}, {year}"),
    "compare.table": ("Số liệu chi tiết", "Details"),
    "compare.best_first": ("Xếp từ tốt nhất đến kém nhất.", "Sorted from best to worst."),
    "upload.title": ("Tải báo cáo lên", "Upload returns"),
    "upload.intro": (
        "Tải lên một hoặc nhiều tệp báo cáo (.xlsx) theo mẫu. Ứng dụng kiểm tra từng tệp, cho xem trước "
        "số liệu sẽ được lưu, và chỉ lưu khi bạn xác nhận. Không có số liệu nào bị xóa: lưu lại một kỳ "
        "đã có sẽ tạo phiên bản mới.",
        "Upload one or several returns (.xlsx) made from the template. Each file is checked and previewed; "
        "nothing is stored until you confirm. Nothing is ever deleted: storing a period again adds a version.",
    ),
    "upload.template": ("Tải mẫu báo cáo (.xlsx)", "Download the return template (.xlsx)"),
    "upload.files": ("Chọn tệp báo cáo", "Choose return files"),
    "upload.ok": ("Hợp lệ – sẵn sàng lưu", "Valid – ready to store"),
    "upload.ok_warnings": ("Hợp lệ, có {n} cảnh báo – sẵn sàng lưu", "Valid with {n} warnings – ready to store"),
    "upload.ok_warnings.one": ("Hợp lệ, có {n} cảnh báo – sẵn sàng lưu", "Valid with {n} warning – ready to store"),
    "upload.rejected": (
        "Có {n} lỗi – không thể lưu. Hãy sửa tệp rồi tải lên lại.",
        "{n} errors – cannot be stored. Fix the file and upload it again.",
    ),
    "upload.rejected.one": (
        "Có {n} lỗi – không thể lưu. Hãy sửa tệp rồi tải lên lại.",
        "{n} error – cannot be stored. Fix the file and upload it again.",
    ),
    "upload.already": (
        "Tệp này đã được lưu ngày {when} (phiên bản {version}): lưu lại sẽ không thay đổi gì.",
        "This exact file was stored on {when} (version {version}): storing it again changes nothing.",
    ),
    "upload.will_store": (
        "Sẽ lưu: {court}, năm {year}, {period} – phiên bản {version}.",
        "Will store: {court}, {year}, {period} – version {version}.",
    ),
    "upload.replaces": (
        "Kỳ này đã có phiên bản {version} (lưu {when}); lưu tệp này sẽ tạo phiên bản mới thay cho phiên bản {version} "
        "làm bản hiện hành (bản cũ vẫn được giữ). Số liệu khác: {n} ({changes}). Hãy kiểm tra trước khi xác nhận.",
        "This period already has version {version} (stored {when}); storing this file makes a new version that takes "
        "its place as the current one (the old one is kept). Figures that differ: {n} ({changes}). Check them before "
        "confirming.",
    ),
    "upload.replaces_same": (
        "Kỳ này đã có phiên bản {version} (lưu {when}) với cùng số liệu: lưu tệp này chỉ thêm một phiên bản mới.",
        "This period already has version {version} (stored {when}) with the same figures: storing this file only adds "
        "a version.",
    ),
    "upload.problems": ("Kết quả kiểm tra", "Validation"),
    "upload.preview": ("Xem trước số liệu vụ việc", "Preview of case figures"),
    "upload.court_figures": ("Số liệu hoạt động", "Court figures"),
    "upload.confirm": ("Xác nhận lưu {n} tệp hợp lệ", "Confirm: store {n} valid files"),
    "upload.confirm.one": ("Xác nhận lưu {n} tệp hợp lệ", "Confirm: store {n} valid file"),
    "upload.nothing_valid": ("Không có tệp hợp lệ để lưu.", "No valid file to store."),
    "upload.stored": (
        "Đã lưu {file}: {court}, năm {year}, {period}, phiên bản {version}.",
        "Stored {file}: {court}, {year}, {period}, version {version}.",
    ),
    "upload.unchanged": (
        "{file} đã có sẵn (phiên bản {version}); không lưu lại.",
        "{file} was already stored (version {version}); nothing changed.",
    ),
    "upload.history": ("Lịch sử tải lên", "Upload history"),
    "upload.no_history": ("Chưa có tệp nào được tải lên.", "Nothing uploaded yet."),
    "col.file": ("Tệp", "File"),
    "col.sheet": ("Sheet", "Sheet"),
    "col.cell": ("Ô", "Cell"),
    "col.severity": ("Mức độ", "Severity"),
    "col.message": ("Nội dung", "Message"),
    "col.when": ("Thời điểm", "When"),
    "col.who": ("Người tải", "By"),
    "col.year": ("Năm", "Year"),
    "col.period": ("Kỳ", "Period"),
    "col.version": ("Phiên bản", "Version"),
    "col.size": ("Dung lượng", "Size"),
    "col.mark": ("Ghi chú", "Note"),
    "col.case_type": ("Loại án", "Case type"),
    "nav.login": ("Đăng nhập", "Log in"),
    "nav.admin": ("Quản trị", "Administration"),
    "nav.versions": ("Phiên bản báo cáo", "Return versions"),
    "auth.login": ("Đăng nhập", "Log in"),
    "auth.logout": ("Đăng xuất", "Log out"),
    "auth.signed_in_as": ("Đang đăng nhập: {who}", "Signed in: {who}"),
    "auth.expired": ("Phiên làm việc đã hết hạn; hãy đăng nhập lại.", "Your session expired; please log in again."),
    "auth.ended": (
        "Phiên đăng nhập của «{username}» đã kết thúc: tài khoản vừa bị khóa hoặc đổi mật khẩu, nên thao tác vừa rồi "
        "không được thực hiện (không có gì được lưu). Hãy đăng nhập lại nếu tài khoản vẫn dùng được, hoặc liên hệ thư "
        "ký Cụm.",
        "The session of '{username}' has ended: the account was just disabled or given a new password, so the last "
        "action was not carried out (nothing was stored). Log in again if the account still works, or ask the "
        "secretariat.",
    ),
    "auth.required_to_read": (
        "Cần đăng nhập để xem số liệu.",
        "Please log in to see the figures.",
    ),
    "auth.required_to_write": (
        "Cần đăng nhập bằng tài khoản cán bộ thống kê của Tòa án hoặc quản trị để tải báo cáo lên.",
        "Log in with a court statistics or administrator account to upload returns.",
    ),
    "auth.required_admin": ("Trang này dành cho quản trị (thư ký Cụm).", "This page is for administrators."),
    "login.title": ("Đăng nhập", "Log in"),
    "login.username": ("Tên đăng nhập", "Username"),
    "login.password": ("Mật khẩu", "Password"),
    "login.submit": ("Đăng nhập", "Log in"),
    "login.sso": ("Đăng nhập bằng tài khoản cơ quan", "Log in with your organisation account"),
    "login.failed": ("Tên đăng nhập hoặc mật khẩu không đúng.", "Wrong username or password."),
    "login.locked": (
        "Đăng nhập sai quá nhiều lần; tạm khóa đến {until}. Liên hệ thư ký Cụm nếu cần mở sớm.",
        "Too many failed attempts; locked until {until}. Ask the secretariat to unlock earlier.",
    ),
    "app.misconfigured": (
        "Máy chủ đang được cấu hình sai nên chưa hiện được trang. Hãy báo cho Văn phòng Cụm.",
        "The server is misconfigured and cannot show the page yet. Please tell the cluster secretariat.",
    ),
    "login.no_accounts": (
        "Cơ sở dữ liệu này chưa có tài khoản nào, nên chưa ai đăng nhập được. Người quản trị máy chủ: chạy "
        "«python -m analytics init» (hoặc «users add») với cùng DATABASE_URL như dịch vụ đang chạy.",
        "This database has no accounts yet, so no one can log in. Server operator: run «python -m analytics init» "
        "(or «users add») with the same DATABASE_URL as the running service.",
    ),
    "login.disabled": ("Tài khoản đã bị khóa. Liên hệ thư ký Cụm.", "This account is disabled. Ask the secretariat."),
    "login.sso_unknown": (
        "E-mail {email} chưa được cấp quyền trong ứng dụng. Liên hệ thư ký Cụm.",
        "The e-mail {email} has no account here. Ask the secretariat.",
    ),
    "login.done": ("Đã đăng nhập: {who}", "Signed in: {who}"),
    "upload.as": ("Tải lên với tài khoản {who}.", "Uploading as {who}."),
    "upload.own_court_only": (
        "Tài khoản này chỉ được lưu báo cáo của {court}; tệp của Tòa án khác sẽ bị từ chối.",
        "This account may store returns of {court} only; files of other courts are refused.",
    ),
    "upload.denied": ("{file}: {message}", "{file}: {message}"),
    "admin.title": ("Quản trị", "Administration"),
    "admin.accounts": ("Tài khoản", "Accounts"),
    "admin.audit": ("Nhật ký thay đổi", "Audit trail"),
    "admin.targets": ("Chỉ tiêu", "Targets"),
    "admin.add_user": ("Tạo tài khoản", "Add an account"),
    "admin.display_name": ("Họ và tên", "Full name"),
    "admin.role": ("Vai trò", "Role"),
    "admin.court": ("Tòa án (cho cán bộ thống kê)", "Court (for court staff)"),
    "admin.email": ("E-mail (đăng nhập một lần, nếu có)", "E-mail (single sign-on, optional)"),
    "admin.create": ("Tạo", "Create"),
    "admin.created": (
        "Đã tạo tài khoản {username}. Mật khẩu (chỉ hiện một lần): {password}",
        "Created {username}. Password (shown once): {password}",
    ),
    "admin.manage_user": ("Đặt lại mật khẩu, khóa hoặc mở tài khoản", "Reset a password, disable or enable"),
    "admin.action": ("Việc cần làm", "Action"),
    "admin.passwd": ("Đặt mật khẩu mới", "New password"),
    "admin.disable": ("Khóa", "Disable"),
    "admin.enable": ("Mở lại", "Enable"),
    "admin.apply": ("Thực hiện", "Apply"),
    "admin.applied": ("Đã thực hiện.", "Done."),
    "admin.new_password": (
        "Mật khẩu mới của {username} (chỉ hiện một lần): {password}",
        "New password of {username} (shown once): {password}",
    ),
    "admin.filter_actor": ("Người thực hiện", "By"),
    "admin.filter_action": ("Loại thay đổi", "Kind of change"),
    "admin.audit_csv": ("Tải nhật ký (CSV)", "Download the trail (CSV)"),
    "admin.save_targets": ("Lưu chỉ tiêu", "Save targets"),
    "admin.settings": ("Thiết lập", "Settings"),
    "admin.deadline": (
        "Hạn gửi báo cáo: số ngày sau khi kết thúc kỳ",
        "Return deadline: days after the period ends",
    ),
    "admin.deadline_help": (
        "Chưa tìm thấy quy định công khai về hạn gửi báo cáo của Cụm; mặc định 15 ngày là giả định. Bảng «Tình hình "
        "gửi báo cáo» tính đúng hạn / muộn theo số ngày này. Mỗi thay đổi được ghi vào nhật ký.",
        "No public rule for the cluster's deadline was found; the default of 15 days is an assumption. The «returns "
        "received» table judges on time / late by this number. Every change is audited.",
    ),
    "admin.save_settings": ("Lưu thiết lập", "Save the settings"),
    "admin.settings_saved": ("Đã lưu: hạn gửi báo cáo {n} ngày.", "Saved: returns due {n} days after."),
    "admin.settings_saved.one": ("Đã lưu: hạn gửi báo cáo {n} ngày.", "Saved: returns due {n} day after."),
    "admin.targets_saved": ("Đã lưu {n} chỉ tiêu đã sửa.", "Saved {n} changed targets."),
    "admin.targets_saved.one": ("Đã lưu {n} chỉ tiêu đã sửa.", "Saved {n} changed target."),
    "admin.col.email": ("E-mail", "E-mail"),
    "admin.col.active": ("Trạng thái", "Status"),
    "admin.col.created": ("Ngày tạo", "Created"),
    "admin.col.locked_until": ("Tạm khóa đến", "Locked until"),
    "admin.col.subject": ("Đối tượng", "Subject"),
    "admin.col.before": ("Trước", "Before"),
    "admin.col.after": ("Sau", "After"),
    "admin.col.layer": ("Lớp chỉ tiêu", "Layer"),
    "admin.col.comparator": ("So sánh", "Comparator"),
    "admin.col.source": ("Nguồn", "Source"),
    "admin.col.confidence": ("Độ tin cậy", "Confidence"),
    "admin.col.reads": ("Đọc là", "Reads as"),
    "admin.value_help": (
        "Tỷ lệ ghi dạng số thập phân: 0,9 là 90 %; số lượng ghi số nguyên. Cột «Đọc là» cập nhật sau khi lưu.",
        "A rate as a fraction: 0.9 is 90 %; a count as a whole number. «Reads as» follows once saved.",
    ),
    "versions.title": ("Phiên bản báo cáo", "Return versions"),
    "versions.none": ("Tòa án này chưa có báo cáo trong năm đã chọn.", "No return of this court in that year."),
    "versions.only_one": ("Mới có một phiên bản.", "There is only one version."),
    "versions.first": ("So sánh phiên bản", "Compare version"),
    "versions.second": ("với phiên bản", "with version"),
    "versions.only_changed": ("Chỉ hiện số liệu khác nhau", "Show differences only"),
    "versions.measure": ("Chỉ tiêu", "Measure"),
    "versions.version_n": ("Phiên bản {n}", "Version {n}"),
    "versions.difference": ("Chênh lệch", "Difference"),
    "versions.restore": ("Khôi phục phiên bản {n} (tạo phiên bản mới)", "Restore version {n} (as a new version)"),
    "versions.restored": (
        "Đã khôi phục phiên bản {n} thành phiên bản {version}.",
        "Version {n} restored as version {version}.",
    ),
    "upload.intended_court": ("Báo cáo của Tòa án", "Returns of court"),
    "upload.intended_period": ("Kỳ báo cáo", "Reporting period"),
    "upload.auto": ("— nhận biết từ tệp —", "— recognise from the file —"),
    "upload.compiled": (
        "Bảng tổng hợp của {n} Tòa án: lưu tất cả hoặc không lưu gì.",
        "A compiled workbook of {n} courts: stored whole or not at all.",
    ),
    "upload.report": ("Tải báo cáo kiểm tra (.xlsx)", "Download the check report (.xlsx)"),
    "upload.report_csv": (
        "Tải báo cáo kiểm tra (.csv, nhanh với tệp nhiều Tòa án)",
        "Download the check report (.csv, quick for a file of many courts)",
    ),
    "upload.parts_to_look_at": ("Cần xem: {n} Tòa án", "To look at: {n} courts"),
    "upload.parts_to_look_at.one": ("Cần xem: {n} Tòa án", "To look at: {n} court"),
    "upload.parts_more": (
        "… và {n} Tòa án khác cần xem: xem cột «Kết quả» ở bảng trên; từng lỗi, cảnh báo có trong báo cáo kiểm tra "
        "(.xlsx).",
        "… and {n} more courts to look at: see the «Result» column above; every error and warning is in the check "
        "report (.xlsx).",
    ),
    "upload.parts_more.one": (
        "… và {n} Tòa án khác cần xem: xem cột «Kết quả» ở bảng trên; từng lỗi, cảnh báo có trong báo cáo kiểm tra "
        "(.xlsx).",
        "… and {n} more court to look at: see the «Result» column above; every error and warning is in the check "
        "report (.xlsx).",
    ),
    "upload.preview_of": ("Xem trước số liệu của", "Preview the figures of"),
    "col.result": ("Kết quả", "Result"),
    "upload.identity_missing": (
        "Tệp không ghi rõ Tòa án, năm hoặc kỳ báo cáo.",
        "The file does not say which court, year or period it is.",
    ),
    "upload.identity_ask": ("Hãy xác nhận tệp này là báo cáo của:", "Please confirm this file is the return of:"),
    "upload.identity_confirm": ("Xác nhận", "Confirm"),
    "ranking.admin_edits": (
        "Thư ký Cụm (quản trị) sửa được trọng số.",
        "The secretariat (administrators) can edit the weights.",
    ),
    "export.title": ("Xuất bảng so sánh", "Export the comparison"),
    "export.intro": (
        "Các tệp cho hội nghị tổng kết, bình xét thi đua và báo cáo quý, theo năm, kỳ, nhóm án và Tòa án đang chọn ở "
        "thanh bên: bảng Excel như trên màn hình (kèm số liệu theo loại án, chỉ tiêu và nguồn số liệu), tệp CSV và "
        "báo cáo PDF. Mỗi tệp chỉ được lập khi bấm nút.",
        "The files for the year-end conference, the emulation vote and the quarterly report, for the year, period, "
        "case group and courts chosen in the sidebar: the Excel workbook as the screen shows it (with the counts by "
        "case type, the targets and the provenance), CSV and the PDF report. Each file is made only when asked for.",
    ),
    "export.xlsx": ("Tải bảng Excel (.xlsx)", "Download Excel (.xlsx)"),
    "export.csv_excel": ("Tải CSV cho Excel tiếng Việt", "Download CSV for Excel in Vietnamese"),
    "export.csv": ("Tải CSV cho phần mềm", "Download CSV for tools"),
    "export.csv_help": (
        "«CSV cho Excel tiếng Việt»: dấu «;» giữa các cột và dấu phẩy thập phân, mở thẳng bằng Excel đặt vùng Việt "
        "Nam. «CSV cho phần mềm»: UTF-8, dấu «,» giữa các cột, tỷ lệ là phân số (0,9862 ghi là 0.9862).",
        "«CSV for Excel in Vietnamese»: «;» between fields and decimal commas, for Excel set to Vietnamese. "
        "«CSV for tools»: UTF-8, «,» between fields, rates as fractions (0.9862).",
    ),
    "export.anonymous": ("Người xem", "Viewer"),
    "export.pdf_title": ("Báo cáo quý (PDF)", "Quarterly report (PDF)"),
    "export.pdf_intro": (
        "Trang bìa, tổng hợp toàn Cụm, bảng kết quả, biểu đồ, mỗi Tòa án một trang, chỉ tiêu và nguồn số liệu. "
        "Lập báo cáo mất vài giây.",
        "Cover, the cluster's summary, the scorecard, charts, a page per court, the targets and the provenance. "
        "Making it takes a few seconds.",
    ),
    "export.pdf_prepare": ("Lập báo cáo PDF", "Make the PDF report"),
    "export.pdf_working": ("Đang lập báo cáo PDF…", "Making the PDF report…"),
    "export.pdf": ("Tải báo cáo PDF", "Download the PDF report"),
    "chart.html": ("Tải HTML", "Download HTML"),
    "chart.html_help": (
        "Trang web chứa biểu đồ, mở bằng trình duyệt nào cũng được, không cần mạng.",
        "A web page with the chart: opens in any browser, offline.",
    ),
    "chart.prepare": ("Tạo ảnh {kind}", "Make {kind}"),
    "chart.prepare_help": (
        "Ảnh được vẽ trên máy chủ khi bấm nút (vài giây).",
        "The picture is drawn on the server when asked for (a few seconds).",
    ),
    "chart.download": ("Tải {kind}", "Download {kind}"),
    "chart.drawing": ("Đang vẽ ảnh {kind}…", "Drawing the {kind}…"),
    "export.preview": ("Xem trước", "Preview"),
}


LANGUAGES = {"vi": "Tiếng Việt", "en": "English"}
ONE = ".one"  # a text's key + ONE: the text for exactly one thing, where English has a singular


def lang() -> str:
    """The reader's language. A link's ?lang=… that the frame did not write itself wins (a shared link: read before
    the sidebar's switch exists, so that the router's page titles follow it too); else the session's choice."""
    in_url = st.query_params.get(state.LANG)
    if in_url in LANGUAGES and in_url != st.session_state.get(state.URL_WRITTEN + state.LANG):
        return in_url
    return st.session_state.get(state.LANG) or st.session_state.get(state.SHADOW + state.LANG) or state.DEFAULT_LANG


def t(key: str, **values: object) -> str:
    """The text for the current language, with its placeholders filled in. Counting one thing (`n=1`), the text
    under `key` + ONE when the catalogue has one: English says "1 error", not "1 errors" (Vietnamese has no plural,
    so its text there is the same)."""
    if values.get("n") == 1 and key + ONE in TEXTS:
        key += ONE
    text = Words(*TEXTS[key]).label(lang())
    return text.format(**values) if values else text


def said(vi: str, en: str) -> str:
    """A sentence the core wrote in both languages (an error's `message` and `message_en`), in the reader's."""
    return Words(vi, en).label(lang())
