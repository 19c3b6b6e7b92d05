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
    ),
    (MEASURE, "new"): ("Mới", "Mới thụ lý", "TL mới", "Số mới", "Thụ lý mới trong kỳ"),
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
    ),
    (MEASURE, "overdue"): ("Còn lại quá hạn", "Trong đó quá hạn", "Án quá hạn", "Quá hạn", "Quá hạn luật định"),
    (MEASURE, "suspended"): ("Còn lại tạm đình chỉ", "Trong đó tạm đình chỉ", "TĐC", "Tạm đình chỉ"),
    (MEASURE, "quashed_subjective"): (
        "Hủy chủ quan",
        "Hủy do chủ quan",
        "Bị hủy chủ quan",
        "Bị hủy do nguyên nhân chủ quan",
    ),
    (MEASURE, "amended_subjective"): (
        "Sửa chủ quan",
        "Sửa do chủ quan",
        "Bị sửa chủ quan",
        "Bị sửa do nguyên nhân chủ quan",
    ),
    (MEASURE, "quashed_total"): ("Bị hủy", "Hủy", "Tổng số bị hủy", "Bị hủy tổng", "Bị hủy tổng số"),
    (MEASURE, "amended_total"): ("Bị sửa", "Sửa", "Tổng số bị sửa", "Bị sửa tổng", "Bị sửa tổng số"),
    (MEASURE, "mediation_handled"): ("Hòa giải", "Hòa giải đối thoại", "Số hòa giải, đối thoại"),
    (MEASURE, "mediation_success"): ("Hòa giải thành", "Hòa giải thành công", "Hòa giải, đối thoại thành công"),
    (MEASURE, "defendants_accepted"): ("Bị cáo thụ lý", "Số bị cáo thụ lý", "Thụ lý bị cáo"),
    (MEASURE, "defendants_resolved"): (
        "Bị cáo đã giải quyết",
        "Bị cáo giải quyết",
        "Số bị cáo giải quyết",
        "Giải quyết bị cáo",
    ),
    (CASE_TYPE, "criminal"): ("HS", "Án hình sự", "Vụ án hình sự", "Hình sự sơ thẩm"),
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
_LEADING_NUMBER = re.compile(r"^(?:\d+|[ivx]+|[a-h])[.)]\s+|^\(\d+\)\s*")


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
