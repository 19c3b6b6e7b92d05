"""What a label typed by a person means: a synonym registry per kind of label, and rapidfuzz for the rest.

A label is first folded (case, accents, Unicode form, punctuation, line breaks) and looked up exactly
among the synonyms; only then is it matched approximately. A label that could mean two concepts is
never guessed: it comes back as `Ambiguous` with the candidates, for the reader to report.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from analytics.domain import CASE_MEASURES, CASE_TYPES, COURT_MEASURES
from analytics.text import fold

MEASURE = "measure"  # a column of the case table
CASE_TYPE = "case_type"  # a row of the case table
COURT_FIGURE = "court_figure"  # a court-level figure (judges, online hearings, …)
ROW_LABELS = (CASE_TYPE,)

TOTAL = "total"  # the totals row ("Tổng cộng", "Cộng"): reconciled, then dropped
ORDINAL = "ordinal"  # "STT", "TT": numbering, ignored
IGNORED = "ignored"  # columns people add that the return does not store (rates, notes)
CASE_LABEL = "case_label"  # the heading of the column of case types ("Loại án")

# Approximate matches below this score (0–100, rapidfuzz) are not matches; two candidates within
# the margin of each other are ambiguous. Labels this short are matched exactly only: "HS" is not "HC".
FUZZY_CUTOFF = 86
AMBIGUITY_MARGIN = 4
SHORTEST_FUZZY = 5

_EXTRA_SYNONYMS: dict[tuple[str, str], tuple[str, ...]] = {
    (MEASURE, "carried_over"): (
        "Số cũ còn lại",
        "Cũ chuyển sang",
        "Cũ",
        "Số cũ",
        "TL cũ",
        "Kỳ trước chuyển sang",
        "Thụ lý cũ chuyển sang",
        "Năm trước chuyển sang",
        "Cũ còn lại",
        "Tồn cũ",
        "Số cũ chuyển sang",
        "Thụ lý cũ còn lại",
    ),
    (MEASURE, "new"): (
        "Mới",
        "Mới thụ lý",
        "TL mới",
        "Số mới",
        "Thụ lý mới trong kỳ",
        "Thụ lý trong kỳ",
        "Số mới thụ lý",
    ),
    (MEASURE, "accepted"): (
        "Thụ lý",
        "Tổng thụ lý",
        "TS thụ lý",
        "TS TL",
        "Tổng số thụ lý",
        "Thụ lý tổng",
        "Thụ lý tổng số",
        "Số thụ lý",
        "Tổng số vụ việc thụ lý",
        "TSTL",
        "Tổng TL",
        "Tổng số TL",
        "Số vụ thụ lý",
    ),
    (MEASURE, "resolved"): (
        "Giải quyết tổng",
        "Giải quyết tổng số",
        "Đã giải quyết tổng",
        "Giải quyết",
        "Đã GQ",
        "GQ",
        "Xét xử",
        "Đã xét xử",
        "Số đã giải quyết",
        "Giải quyết, xét xử",
        "Đã giải quyết, xét xử",
        "Số GQ",
        "TS GQ",
        "Tổng số giải quyết",
        "TS giải quyết",
        "GQ, XX",
        "Đã GQ, XX",
        "Đã xét xử, giải quyết",
    ),
    (MEASURE, "pending"): (
        "Còn lại tổng",
        "Còn lại tổng số",
        "Còn tồn",
        "Tồn",
        "Còn",
        "Chưa giải quyết",
        "Số còn lại",
        "Tồn đọng",
        "Còn lại chưa giải quyết",
        "CL",
        "Số tồn",
        "Án tồn",
        "Chưa GQ",
        "Tổng số còn lại",
        "TS còn lại",
    ),
    (MEASURE, "overdue"): (
        "Còn lại quá hạn",
        "Trong đó quá hạn",
        "Án quá hạn",
        "Quá hạn",
        "Quá hạn luật định",
        "QH",
        "Quá hạn LĐ",
        "Án quá hạn luật định",
        "Quá thời hạn",
        "Để quá hạn",
        "Số vụ quá hạn",
    ),
    (MEASURE, "suspended"): (
        "Còn lại tạm đình chỉ",
        "Trong đó tạm đình chỉ",
        "TĐC",
        "Tạm đình chỉ",
        "Tạm ĐC",
        "Án tạm đình chỉ",
        "Đang tạm đình chỉ",
        "Số TĐC",
        "Tạm đình chỉ giải quyết",
    ),
    (MEASURE, "quashed_subjective"): (
        "Hủy chủ quan",
        "Hủy do chủ quan",
        "Bị hủy chủ quan",
        "Bị hủy do nguyên nhân chủ quan",
        "Hủy CQ",
        "Hủy do CQ",
        "Hủy do lỗi chủ quan",
        "Bị hủy do lỗi chủ quan",
        "Hủy do nguyên nhân chủ quan",
        "Án hủy do chủ quan",
    ),
    (MEASURE, "amended_subjective"): (
        "Sửa chủ quan",
        "Sửa do chủ quan",
        "Bị sửa chủ quan",
        "Bị sửa do nguyên nhân chủ quan",
        "Sửa CQ",
        "Sửa do CQ",
        "Sửa do lỗi chủ quan",
        "Bị sửa do lỗi chủ quan",
        "Sửa do nguyên nhân chủ quan",
        "Án sửa do chủ quan",
    ),
    (MEASURE, "quashed_total"): (
        "Bị hủy",
        "Hủy",
        "Tổng số bị hủy",
        "Bị hủy tổng",
        "Bị hủy tổng số",
        "Án bị hủy",
        "Số bị hủy",
        "Án hủy",
    ),
    (MEASURE, "amended_total"): (
        "Bị sửa",
        "Sửa",
        "Tổng số bị sửa",
        "Bị sửa tổng",
        "Bị sửa tổng số",
        "Án bị sửa",
        "Số bị sửa",
        "Án sửa",
    ),
    # HG = hòa giải (mediation), ĐT = đối thoại (dialogue), under the Law on Mediation and Dialogue at Court.
    (MEASURE, "mediation_handled"): (
        "Hòa giải",
        "Hòa giải đối thoại",
        "Số hòa giải, đối thoại",
        "HG, ĐT",
        "HG-ĐT",
        "Số việc HG, ĐT",
        "Số việc hòa giải, đối thoại",
        "HG, ĐT tại Tòa án",
        "Hòa giải, đối thoại tại Tòa án",
        "HGĐTTTA",
        "Đã hòa giải, đối thoại",
        "Tổng số hòa giải, đối thoại",
    ),
    (MEASURE, "mediation_success"): (
        "Hòa giải thành",
        "Hòa giải thành công",
        "Hòa giải, đối thoại thành công",
        "HG, ĐT thành",
        "HG-ĐT thành",
        "HG, ĐT thành công",
        "HG thành",
        "Hòa giải thành, đối thoại thành",
        "Số việc HG, ĐT thành",
        "Số hòa giải, đối thoại thành",
        "HG thành, ĐT thành",
    ),
    (MEASURE, "defendants_accepted"): (
        "Bị cáo thụ lý",
        "Số bị cáo thụ lý",
        "Thụ lý bị cáo",
        "BC thụ lý",
        "Bị cáo TL",
        "Số bị cáo TL",
    ),
    (MEASURE, "defendants_resolved"): (
        "Bị cáo đã giải quyết",
        "Bị cáo giải quyết",
        "Số bị cáo giải quyết",
        "Giải quyết bị cáo",
        "BC giải quyết",
        "Bị cáo GQ",
        "Bị cáo đã xét xử",
        "Số bị cáo đã xét xử",
    ),
    (CASE_TYPE, "criminal"): ("HS", "Án hình sự", "Vụ án hình sự"),
    (CASE_TYPE, "civil"): ("DS", "Án dân sự", "Vụ việc dân sự"),
    (CASE_TYPE, "family"): ("HNGĐ", "HN&GĐ", "HN và GĐ", "HN-GĐ", "Hôn nhân gia đình", "Hôn nhân và gia đình"),
    (CASE_TYPE, "commercial"): ("KDTM", "KD-TM", "KD, TM", "KD TM", "Kinh doanh thương mại"),
    (CASE_TYPE, "labour"): ("LĐ", "Án lao động"),
    (CASE_TYPE, "administrative"): ("HC", "Án hành chính", "Vụ án hành chính"),
    (CASE_TYPE, "bankruptcy"): ("PS",),
    (CASE_TYPE, "admin_measures"): (
        "BPXLHC",
        "Áp dụng BPXLHC",
        "Biện pháp xử lý hành chính",
        "Áp dụng các biện pháp xử lý hành chính",
        "Áp dụng biện pháp xử lý hành chính",
        "XLHC",
        "Biện pháp XLHC",
        "Áp dụng các BPXLHC",
        "Xem xét áp dụng BPXLHC",
    ),
    (CASE_TYPE, TOTAL): ("Tổng cộng", "Cộng", "Tổng", "Tổng số", "Tổng chung", "Cộng chung", "Toàn tỉnh"),
    (COURT_FIGURE, "judges"): ("Số Thẩm phán", "Thẩm phán", "Tổng số Thẩm phán"),
    (COURT_FIGURE, "units"): ("Số đơn vị", "Đơn vị", "Số Tòa án"),
    (COURT_FIGURE, "online_hearings"): ("Phiên tòa trực tuyến", "Xét xử trực tuyến", "Số phiên tòa trực tuyến"),
    (COURT_FIGURE, "online_units_below_minimum"): (
        "Số đơn vị tổ chức dưới 3 phiên tòa trực tuyến",
        "Đơn vị dưới 3 phiên trực tuyến",
        "Số đơn vị chưa đủ 3 phiên tòa trực tuyến",
        "Đơn vị chưa đạt 3 phiên trực tuyến",
    ),
    (COURT_FIGURE, "experience_trials"): (
        "Phiên tòa rút kinh nghiệm",
        "Số phiên tòa rút kinh nghiệm",
        "Rút kinh nghiệm",
    ),
    (COURT_FIGURE, "judgments_to_publish"): (
        "Bản án phải công bố",
        "Số bản án, quyết định phải công bố",
        "Phải công bố",
    ),
    (COURT_FIGURE, "judgments_published"): ("Bản án đã công bố", "Số bản án, quyết định đã công bố", "Đã công bố"),
    (COURT_FIGURE, "enforcement_required"): ("Phải ra quyết định thi hành án", "Số người bị kết án phải thi hành"),
    (COURT_FIGURE, "enforcement_on_time"): (
        "Ra quyết định thi hành án đúng hạn",
        "Đã ra quyết định thi hành án đúng hạn",
        "Thi hành án đúng hạn",
    ),
    (MEASURE, ORDINAL): ("STT", "TT", "Số thứ tự", "No"),
    (MEASURE, CASE_LABEL): ("Loại án", "Loại vụ việc", "Loại", "Án", "Chỉ tiêu", "Nội dung", "Loại án, vụ việc"),
    (MEASURE, IGNORED): (
        "Tỷ lệ",
        "Tỷ lệ giải quyết",
        "Tỷ lệ %",
        "%",
        "Ghi chú",
        "Tỷ lệ GQ",
        "So với cùng kỳ",
        "Tăng giảm",
        "TL %",
        "Tỷ lệ GQ (%)",
        "Tỷ lệ HG, ĐT thành",
        "Tỷ lệ hòa giải thành",
        "Tỷ lệ hủy, sửa",
    ),
}

# Labels people write that could mean more than one concept: never guessed.
AMBIGUOUS: dict[tuple[str, str], tuple[str, ...]] = {
    (MEASURE, "Bị cáo"): ("defendants_accepted", "defendants_resolved"),
    (MEASURE, "Chủ quan"): ("quashed_subjective", "amended_subjective"),
    (MEASURE, "Do nguyên nhân chủ quan"): ("quashed_subjective", "amended_subjective"),
    (MEASURE, "Hủy, sửa"): ("quashed_total", "amended_total"),
    (MEASURE, "Bị hủy, sửa"): ("quashed_total", "amended_total"),
    (MEASURE, "Hủy, sửa chủ quan"): ("quashed_subjective", "amended_subjective"),
    (COURT_FIGURE, "Công bố bản án"): ("judgments_to_publish", "judgments_published"),
    (COURT_FIGURE, "Thi hành án"): ("enforcement_required", "enforcement_on_time"),
}

_NOT_WORD = re.compile(r"[^a-z0-9%]+")
# "1.", "II.", "a)", "(1)" and the sub-items "1.1", "1.2." before a label: numbering, not words.
_LEADING_NUMBER = re.compile(r"^(?:\d+(?:\.\d+)+[.)]?|(?:\d+|[ivx]+|[a-h])[.)])\s+|^\(\d+\)\s*")


@functools.lru_cache(maxsize=65_536)  # the same text is looked up as a measure, a group, a stage, a case type
def label_key(text: object) -> str:
    """A label reduced for matching: folded, without punctuation, line breaks, "(*)" or a leading "1." / "II."."""
    folded = fold(str(text)).replace("&", " va ")
    folded = _LEADING_NUMBER.sub("", folded)
    return _NOT_WORD.sub(" ", folded).strip()


@dataclass(frozen=True)
class Match:
    key: str
    exact: bool
    score: float = 100.0


@dataclass(frozen=True)
class Ambiguous:
    candidates: tuple[str, ...]


def _labels_of(kind: str) -> dict[str, tuple[str, ...]]:
    official = {
        MEASURE: {m.key: (m.label_vi,) for m in CASE_MEASURES},
        CASE_TYPE: {c.key: (c.label_vi,) for c in CASE_TYPES},
        COURT_FIGURE: {m.key: (m.label_vi,) for m in COURT_MEASURES},
    }[kind]
    merged = {k: list(v) for k, v in official.items()}
    for (extra_kind, key), words in _EXTRA_SYNONYMS.items():
        if extra_kind == kind:
            merged.setdefault(key, []).extend(words)
    return {k: tuple(v) for k, v in merged.items()}


@functools.cache
def _registry(kind: str) -> tuple[dict[str, str], dict[str, tuple[str, ...]], tuple[str, ...], tuple[str, ...]]:
    """(exact key → concept, ambiguous key → candidates, fuzzy choices, their concepts)."""
    exact: dict[str, str] = {}
    for concept, words in _labels_of(kind).items():
        for word in words:
            exact.setdefault(label_key(word), concept)
            exact.setdefault(label_key(word).replace(" ", ""), concept)
    ambiguous = {label_key(word): keys for (k, word), keys in AMBIGUOUS.items() if k == kind}
    choices = tuple(k for k in exact if " " in k or len(k) >= SHORTEST_FUZZY)
    return exact, ambiguous, choices, tuple(exact[c] for c in choices)


@functools.lru_cache(maxsize=8192)
def match(text: object, kind: str) -> Match | Ambiguous | None:
    """The concept a label of the given kind names, `Ambiguous` with the candidates, or None."""
    key = label_key(text)
    if not key:
        return None
    exact, ambiguous, choices, concepts = _registry(kind)
    if key in ambiguous:
        return Ambiguous(ambiguous[key])
    found = exact.get(key) or exact.get(key.replace(" ", ""))
    if found is not None:
        return Match(found, True)
    if len(key) < SHORTEST_FUZZY:
        return None
    scored = process.extract(key, choices, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF, limit=8)
    if not scored:
        return None
    best = scored[0][1]
    near = {concepts[index] for _, score, index in scored if best - score <= AMBIGUITY_MARGIN}
    if len(near) > 1:
        return Ambiguous(tuple(sorted(near)))
    return Match(concepts[scored[0][2]], False, best)


# A header cell over sub-columns that only mean something with it: "Thụ lý" over "Cũ" | "Mới" | "Tổng số",
# "Hủy, sửa do nguyên nhân chủ quan" over "Hủy" | "Sửa". Under a group a sub-label is read among the group's
# parts, so "Hủy" there is quashed for subjective causes, never quashed for all causes.
_TOTAL_PART = ("Tổng số", "Tổng", "TS", "Cộng", "Tổng cộng", "Số vụ", "Vụ", "Vụ việc", "Số vụ việc", "Số vụ, việc")
_RATE_PART = ("Tỷ lệ", "Tỷ lệ %", "%", "Tỉ lệ")
_QUASHED_PART = ("Hủy", "Bị hủy", "Án bị hủy", "Số bị hủy", "Án hủy")
_AMENDED_PART = ("Sửa", "Bị sửa", "Án bị sửa", "Số bị sửa", "Án sửa")
_SUBJECTIVE_PART = (
    "Do nguyên nhân chủ quan",
    "Nguyên nhân chủ quan",
    "Chủ quan",
    "Do chủ quan",
    "Do lỗi chủ quan",
    "Lỗi chủ quan",
    "Trong đó chủ quan",
    "Trong đó do nguyên nhân chủ quan",
    "CQ",
    "Do NNCQ",
)
_DEFENDANTS_PART = ("Bị cáo", "Số bị cáo", "BC")


@dataclass(frozen=True)
class HeaderGroup:
    key: str
    labels: tuple[str, ...]  # how the group cell is written
    parts: tuple[tuple[str, tuple[str, ...]], ...]  # (measure or IGNORED, the sub-labels naming it in this group)

    @property
    def members(self) -> tuple[str, ...]:
        return tuple(key for key, _ in self.parts)


HEADER_GROUPS: tuple[HeaderGroup, ...] = (
    HeaderGroup(
        "accepted",
        ("Thụ lý", "Số thụ lý", "TL", "Tổng số thụ lý", "Tổng thụ lý", "Số vụ việc thụ lý", "Thụ lý trong kỳ"),
        (
            (
                "carried_over",
                (
                    "Cũ",
                    "Số cũ",
                    "Cũ chuyển sang",
                    "Cũ còn lại",
                    "Số cũ còn lại",
                    "Kỳ trước chuyển sang",
                    "Năm trước chuyển sang",
                    "Tồn cũ",
                ),
            ),
            ("new", ("Mới", "Số mới", "Mới thụ lý", "Trong kỳ", "Mới trong kỳ")),
            ("accepted", _TOTAL_PART),
            ("defendants_accepted", _DEFENDANTS_PART),
        ),
    ),
    HeaderGroup(
        "resolved",
        (
            "Giải quyết",
            "Đã giải quyết",
            "GQ",
            "Đã GQ",
            "Số đã giải quyết",
            "Giải quyết, xét xử",
            "Đã giải quyết, xét xử",
            "Xét xử",
            "Đã xét xử",
        ),
        (("resolved", _TOTAL_PART), ("defendants_resolved", _DEFENDANTS_PART), (IGNORED, _RATE_PART)),
    ),
    HeaderGroup(
        "pending",
        (
            "Còn lại",
            "Còn tồn",
            "Tồn",
            "Còn",
            "Số còn lại",
            "Chưa giải quyết",
            "Còn lại chưa giải quyết",
            "CL",
            "Án tồn",
        ),
        (
            ("pending", _TOTAL_PART),
            ("overdue", ("Quá hạn", "Quá hạn luật định", "Trong đó quá hạn", "Án quá hạn", "QH", "Quá hạn LĐ")),
            ("suspended", ("Tạm đình chỉ", "TĐC", "Trong đó tạm đình chỉ", "Tạm ĐC", "Đang tạm đình chỉ")),
        ),
    ),
    HeaderGroup(
        "overturned_subjective",
        (
            "Hủy, sửa do nguyên nhân chủ quan",
            "Bị hủy, sửa do nguyên nhân chủ quan",
            "Án bị hủy, sửa do nguyên nhân chủ quan",
            "Hủy, sửa do lỗi chủ quan",
            "Bị hủy, sửa do lỗi chủ quan",
            "Hủy, sửa chủ quan",
            "Bị hủy, sửa chủ quan",
            "Hủy, sửa do CQ",
            "Hủy, sửa CQ",
            *_SUBJECTIVE_PART[:-2],
        ),
        (("quashed_subjective", _QUASHED_PART), ("amended_subjective", _AMENDED_PART), (IGNORED, _RATE_PART)),
    ),
    HeaderGroup(
        "overturned",
        ("Hủy, sửa", "Bị hủy, sửa", "Án bị hủy, sửa", "Số bị hủy, sửa", "Án hủy, sửa", "Bản án bị hủy, sửa"),
        (
            ("quashed_total", _QUASHED_PART),
            ("amended_total", _AMENDED_PART),
            ("quashed_subjective", ()),  # "Hủy chủ quan" beside "Hủy": read by the measures' own synonyms
            ("amended_subjective", ()),
            (IGNORED, _RATE_PART),
        ),
    ),
    HeaderGroup(
        "quashed",
        _QUASHED_PART,
        (("quashed_total", _TOTAL_PART + ("Mọi nguyên nhân",)), ("quashed_subjective", _SUBJECTIVE_PART)),
    ),
    HeaderGroup(
        "amended",
        _AMENDED_PART,
        (("amended_total", _TOTAL_PART + ("Mọi nguyên nhân",)), ("amended_subjective", _SUBJECTIVE_PART)),
    ),
    HeaderGroup(
        "mediation",
        (
            "Hòa giải, đối thoại",
            "HG, ĐT",
            "Hòa giải",
            "Hòa giải, đối thoại tại Tòa án",
            "HG, ĐT tại Tòa án",
            "HGĐTTTA",
            "Số việc hòa giải, đối thoại",
            "Hòa giải, đối thoại theo Luật Hòa giải, đối thoại tại Tòa án",
        ),
        (
            (
                "mediation_handled",
                _TOTAL_PART
                + ("Số việc", "Việc", "Đã hòa giải, đối thoại", "Đã HG, ĐT", "Tiến hành hòa giải, đối thoại"),
            ),
            (
                "mediation_success",
                (
                    "Thành",
                    "Thành công",
                    "Số thành",
                    "Số việc thành",
                    "HG thành",
                    "Hòa giải thành",
                    "Đối thoại thành",
                    "HG, ĐT thành",
                    "Hòa giải thành, đối thoại thành",
                ),
            ),
            (IGNORED, _RATE_PART + ("Tỷ lệ thành", "Tỷ lệ thành công")),
        ),
    ),
    HeaderGroup(
        "defendants",
        _DEFENDANTS_PART,
        (
            ("defendants_accepted", ("Thụ lý", "TL", "Số thụ lý", "Tổng số thụ lý")),
            ("defendants_resolved", ("Giải quyết", "Đã giải quyết", "GQ", "Đã GQ", "Xét xử", "Đã xét xử")),
        ),
    ),
)
GROUP_BY_KEY = {g.key: g for g in HEADER_GROUPS}
# Words over sub-columns that group nothing ("Trong đó" over "Quá hạn" | "TĐC"): passed over, the group above decides.
OF_WHICH = ("Trong đó", "Chia ra", "Gồm", "Bao gồm", "Chia theo", "Số liệu", "Số lượng")


def _fuzzy_unique(key: str, choices: tuple[str, ...], concepts: tuple[str, ...]) -> str | None:
    """The one concept a label approximately names among the choices; None when none or several do."""
    if len(key) < SHORTEST_FUZZY or not choices:
        return None
    scored = process.extract(key, choices, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF, limit=8)
    if not scored:
        return None
    near = {concepts[index] for _, score, index in scored if scored[0][1] - score <= AMBIGUITY_MARGIN}
    return next(iter(near)) if len(near) == 1 else None


def _exact_and_fuzzy(pairs: list[tuple[str, str]]) -> tuple[dict[str, str], tuple[str, ...], tuple[str, ...]]:
    exact: dict[str, str] = {}
    for concept, word in pairs:
        exact.setdefault(label_key(word), concept)
        exact.setdefault(label_key(word).replace(" ", ""), concept)
    choices = tuple(k for k in exact if " " in k or len(k) >= SHORTEST_FUZZY)
    return exact, choices, tuple(exact[c] for c in choices)


def _lookup(text: object, table: tuple[dict[str, str], tuple[str, ...], tuple[str, ...]]) -> str | None:
    key = label_key(text)
    if not key:
        return None
    exact, choices, concepts = table
    return exact.get(key) or exact.get(key.replace(" ", "")) or _fuzzy_unique(key, choices, concepts)


@functools.cache
def _groups_table() -> tuple[dict[str, str], tuple[str, ...], tuple[str, ...]]:
    return _exact_and_fuzzy([(g.key, word) for g in HEADER_GROUPS for word in g.labels])


@functools.cache
def _parts_table(group: str) -> tuple[dict[str, str], tuple[str, ...], tuple[str, ...]]:
    return _exact_and_fuzzy([(key, word) for key, words in GROUP_BY_KEY[group].parts for word in words])


@functools.lru_cache(maxsize=4096)
def header_group(text: object) -> HeaderGroup | None:
    """The group a header cell over sub-columns names ("Thụ lý", "Còn lại", "HG, ĐT"), or None."""
    found = _lookup(text, _groups_table())
    return GROUP_BY_KEY[found] if found else None


@functools.lru_cache(maxsize=4096)
def is_group_label(text: object) -> bool:
    """A group's label as written (no approximate match): a cheap first look at a row."""
    key = label_key(text)
    exact = _groups_table()[0]
    return bool(key) and (key in exact or key.replace(" ", "") in exact)


@functools.lru_cache(maxsize=4096)
def is_of_which(text: object) -> bool:
    """A header cell such as "Trong đó" that groups nothing of its own."""
    return label_key(text) in {label_key(word) for word in OF_WHICH}


@functools.lru_cache(maxsize=8192)
def match_part(group: str, text: object) -> Match | None:
    """What a sub-label names under the given group ("Hủy" under "Hủy, sửa do nguyên nhân chủ quan"), or None."""
    found = _lookup(text, _parts_table(group))
    return Match(found, True) if found else None


# Stages of proceedings a case type's row is split into ("- Sơ thẩm" / "- Phúc thẩm" under "Hình sự", or
# "Hình sự sơ thẩm", "HSPT"): such rows are parts of the case type and are added up.
FIRST_INSTANCE, APPEAL, REVIEW = "first_instance", "appeal", "review"
STAGES: dict[str, tuple[str, str, tuple[str, ...]]] = {
    FIRST_INSTANCE: (
        "sơ thẩm",
        "first instance",
        (
            "Sơ thẩm",
            "ST",
            "Cấp sơ thẩm",
            "Xét xử sơ thẩm",
            "Giải quyết sơ thẩm",
            "Thủ tục sơ thẩm",
            "Theo thủ tục sơ thẩm",
        ),
    ),
    APPEAL: (
        "phúc thẩm",
        "appeal",
        (
            "Phúc thẩm",
            "PT",
            "Cấp phúc thẩm",
            "Xét xử phúc thẩm",
            "Giải quyết phúc thẩm",
            "Thủ tục phúc thẩm",
            "Theo thủ tục phúc thẩm",
        ),
    ),
    REVIEW: (
        "giám đốc thẩm, tái thẩm",
        "cassation and reopening",
        ("Giám đốc thẩm, tái thẩm", "Giám đốc thẩm và tái thẩm", "Giám đốc thẩm", "Tái thẩm", "GĐT, TT", "GĐT"),
    ),
}
_SECTION_WORD = re.compile(r"^phan (?:[ivx]+|\d+|[a-h]) ")  # "Phần I: Sơ thẩm"
_COMPACT_STAGES = {"st": FIRST_INSTANCE, "pt": APPEAL}  # "HSST", "DSPT": a case type's code run into the stage's


@functools.cache
def _stage_pattern() -> tuple[re.Pattern[str], dict[str, str]]:
    """One pattern for a stage phrase standing alone, ending a label or starting it (longest phrases first, so
    "giam doc tham tai tham" is taken before "tai tham"), and each phrase's stage."""
    stages = {label_key(word): stage for stage, (_, _, words) in STAGES.items() for word in words}
    phrases = "|".join(re.escape(p) for p in sorted(stages, key=len, reverse=True))
    return re.compile(
        rf"^(?P<alone>{phrases})$|^(?P<rest_before>.+?) (?P<end>{phrases})$|^(?P<start>{phrases}) "
    ), stages


@functools.lru_cache(maxsize=8192)
def stage_of(text: object) -> tuple[str | None, str]:
    """(stage, the rest of the label) when a row label names a stage of proceedings: ("appeal", "") for
    "- Phúc thẩm", ("first_instance", "hinh su") for "Hình sự sơ thẩm" or "HSST"; (None, "") otherwise."""
    key = _SECTION_WORD.sub("", label_key(text))
    pattern, stages = _stage_pattern()
    found = pattern.search(key)
    if found is not None:
        if found["alone"]:
            return stages[found["alone"]], ""
        if found["end"]:
            return stages[found["end"]], found["rest_before"].strip()
        return stages[found["start"]], key[found.end() :].strip()
    compact = key.replace(" ", "")
    stage = _COMPACT_STAGES.get(compact[-2:]) if len(compact) > 3 else None
    if stage is not None:
        case = match(compact[:-2], CASE_TYPE)
        if isinstance(case, Match) and case.exact:
            return stage, compact[:-2]
    return None, ""
