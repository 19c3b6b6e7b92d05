"""The domain's vocabulary: courts, case types, measures and reporting periods (DOMAIN.md §2–4), and the settings the
secretariat may change (the return deadline)."""

from __future__ import annotations

import csv
import datetime as dt
import functools
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from analytics.security import InvalidInput
from analytics.text import Labelled, Said, Words, drop_words, fold, os_reason

DATA_DIR = Path(__file__).parent / "data"


@dataclass(frozen=True)
class CaseType(Labelled):
    key: str
    label_vi: str
    label_en: str
    group: str | None  # the target group of DOMAIN.md §4; None where no target is known


CASE_TYPES: tuple[CaseType, ...] = (
    CaseType("criminal", "Hình sự", "Criminal", "criminal"),
    CaseType("civil", "Dân sự", "Civil", "civil_group"),
    CaseType("family", "Hôn nhân và gia đình", "Marriage and family", "civil_group"),
    CaseType("commercial", "Kinh doanh, thương mại", "Business and commerce", "civil_group"),
    CaseType("labour", "Lao động", "Labour", "civil_group"),
    CaseType("administrative", "Hành chính", "Administrative", "administrative"),
    CaseType("bankruptcy", "Phá sản", "Bankruptcy", None),
    CaseType(
        "admin_measures",
        "Áp dụng biện pháp xử lý hành chính tại Tòa án",
        "Administrative handling measures",
        "admin_measures",
    ),
)
CASE_TYPE_KEYS = tuple(c.key for c in CASE_TYPES)
CASE_TYPE_BY_KEY = {c.key: c for c in CASE_TYPES}

GROUPS: dict[str, Words] = {
    "criminal": Words("Hình sự", "Criminal"),
    "civil_group": Words("Nhóm dân sự (dân sự, HNGĐ, KDTM, lao động)", "Civil group"),
    "administrative": Words("Hành chính", "Administrative"),
    "admin_measures": Words("Biện pháp xử lý hành chính", "Administrative measures"),
    "all": Words("Tất cả các loại", "All case types"),
}


@dataclass(frozen=True)
class Measure(Labelled):
    key: str
    label_vi: str
    label_en: str
    required: bool = True
    only_for: tuple[str, ...] | None = None  # case types the measure applies to; None = all
    # The largest figure that is plausible, checked before a figure becomes an integer column: the whole
    # country accepts about 600.000 cases a year (DOMAIN.md §6), so one court's count above ten million is a
    # typing error, and so is a court of more than ten thousand judges or units.
    ceiling: int = 10_000_000


CASE_MEASURES: tuple[Measure, ...] = (
    Measure("carried_over", "Thụ lý cũ", "Carried over"),
    Measure("new", "Thụ lý mới", "New"),
    Measure("accepted", "Tổng số thụ lý", "Accepted"),
    Measure("resolved", "Đã giải quyết", "Resolved"),
    Measure("pending", "Còn lại", "Pending"),
    Measure("overdue", "Quá hạn luật định", "Overdue"),
    Measure("suspended", "Tạm đình chỉ", "Suspended"),
    Measure("quashed_subjective", "Bị hủy do nguyên nhân chủ quan", "Quashed, subjective"),
    Measure("amended_subjective", "Bị sửa do nguyên nhân chủ quan", "Amended, subjective"),
    Measure("quashed_total", "Bị hủy (mọi nguyên nhân)", "Quashed, all causes", False),
    Measure("amended_total", "Bị sửa (mọi nguyên nhân)", "Amended, all causes", False),
    Measure(
        "mediation_handled",
        "Hòa giải, đối thoại",
        "Mediation handled",
        False,
        ("civil", "family", "commercial", "labour", "administrative"),
    ),
    Measure(
        "mediation_success",
        "Hòa giải, đối thoại thành",
        "Mediation successful",
        False,
        ("civil", "family", "commercial", "labour", "administrative"),
    ),
    Measure("defendants_accepted", "Số bị cáo thụ lý", "Defendants accepted", False, ("criminal",)),
    Measure("defendants_resolved", "Số bị cáo đã giải quyết", "Defendants resolved", False, ("criminal",)),
)
CASE_MEASURE_KEYS = tuple(m.key for m in CASE_MEASURES)
# Where one of these is missing it is derived from the other two (DOMAIN.md §4).
FLOW_MEASURES = ("carried_over", "new", "accepted", "resolved", "pending")

COURT_MEASURES: tuple[Measure, ...] = (
    Measure("judges", "Số Thẩm phán", "Judges", ceiling=10_000),
    Measure("units", "Số đơn vị (Tòa án tỉnh và Tòa án cấp huyện)", "Court units", ceiling=10_000),
    Measure("online_hearings", "Phiên tòa trực tuyến", "Online hearings"),
    Measure("experience_trials", "Phiên tòa rút kinh nghiệm", "Experience-drawing trials"),
    Measure("judgments_to_publish", "Bản án, quyết định phải công bố", "Judgments to publish"),
    Measure("judgments_published", "Bản án, quyết định đã công bố", "Judgments published"),
    Measure(
        "enforcement_required",
        "Người bị kết án phải ra quyết định thi hành án",
        "Convicts requiring an enforcement decision",
    ),
    Measure(
        "enforcement_on_time",
        "Người bị kết án đã ra quyết định thi hành án đúng hạn",
        "Enforcement decisions on time",
    ),
    # Optional: the 2023 rule is at least 3 online hearings in each unit, which the court's total cannot show.
    Measure(
        "online_units_below_minimum",
        "Số đơn vị tổ chức dưới 3 phiên tòa trực tuyến",
        "Units that held fewer than 3 online hearings",
        False,
        ceiling=10_000,
    ),
)
COURT_MEASURE_KEYS = tuple(m.key for m in COURT_MEASURES)
MEASURE_BY_KEY = {m.key: m for m in CASE_MEASURES + COURT_MEASURES}


@dataclass(frozen=True)
class Period(Labelled):
    """A reporting period of a statistical year: cumulative from 1 October, or one quarter alone."""

    key: str  # "3", "6", "9", "12" cumulative; "Q1".."Q4" one quarter alone
    months: int  # months from 1 October to the end of the period
    cumulative: bool
    label_vi: str
    label_en: str

    def short(self, lang: str = "vi") -> str:
        """The period in a few letters, for a column or an axis: "6 tháng", "6 months", "Quý II", "Q2" (a quarter as
        the template and the courts write it, in Roman numerals)."""
        if self.cumulative:
            return Words(f"{self.months} tháng", f"{self.months} months").label(lang)
        return Words(f"Quý {QUARTER_NUMERALS[self.months // 3 - 1]}", self.key).label(lang)

    def choice(self, lang: str = "vi") -> str:
        """The period as a sidebar's box shows it, in the 30 or so characters the box holds: "6 tháng (01/10–31/03)",
        "12 tháng, cả năm (01/10–30/09)", "Full year (1 Oct–30 Sep)", "Quarter III alone (1 Apr–30 Jun)"."""
        first, last = self.start(2000), self.end(2000)  # the same days and months in every year
        if lang == "en":
            dates = f"{first.day} {_MONTHS_EN[first.month - 1]}–{last.day} {_MONTHS_EN[last.month - 1]}"
        else:
            dates = f"{first:%d/%m}–{last:%d/%m}"
        words = (
            Words("12 tháng, cả năm", "Full year")
            if self.full_year
            else Words(self.label_vi.split(" (")[0], self.label_en.split(" (")[0])  # "Riêng quý III", "6 months"
        )
        return f"{words.label(lang)} ({dates})"

    def start(self, year: int) -> dt.date:
        first = dt.date(year - 1, 10, 1)
        return first if self.cumulative else _add_months(first, self.months - 3)

    def end(self, year: int) -> dt.date:
        return _add_months(dt.date(year - 1, 10, 1), self.months) - dt.timedelta(days=1)

    def days(self, year: int) -> int:
        return (self.end(year) - self.start(year)).days + 1

    @property
    def full_year(self) -> bool:
        return self.cumulative and self.months == 12


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.month - 1 + months
    return dt.date(day.year + index // 12, index % 12 + 1, 1)


QUARTER_NUMERALS = ("I", "II", "III", "IV")
_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

PERIODS: tuple[Period, ...] = (
    Period("3", 3, True, "3 tháng (01/10 – 31/12)", "3 months (1 Oct – 31 Dec)"),
    Period("6", 6, True, "6 tháng (01/10 – 31/03)", "6 months (1 Oct – 31 Mar)"),
    Period("9", 9, True, "9 tháng (01/10 – 30/06)", "9 months (1 Oct – 30 Jun)"),
    Period("12", 12, True, "12 tháng – cả năm (01/10 – 30/09)", "12 months – full year (1 Oct – 30 Sep)"),
    Period("Q1", 3, False, "Riêng quý I (01/10 – 31/12)", "Quarter I alone (1 Oct – 31 Dec)"),
    Period("Q2", 6, False, "Riêng quý II (01/01 – 31/03)", "Quarter II alone (1 Jan – 31 Mar)"),
    Period("Q3", 9, False, "Riêng quý III (01/04 – 30/06)", "Quarter III alone (1 Apr – 30 Jun)"),
    Period("Q4", 12, False, "Riêng quý IV (01/07 – 30/09)", "Quarter IV alone (1 Jul – 30 Sep)"),
)
PERIOD_BY_KEY = {p.key: p for p in PERIODS}
CUMULATIVE_PERIODS = tuple(p.key for p in PERIODS if p.cumulative)


def period_name(year: int, period: str, lang: str = "vi") -> str:
    """A period of a year in a few words, for a column or a sentence: "6 tháng 2023", "Quý II 2024"."""
    return f"{PERIOD_BY_KEY[period].short(lang)} {year}"


_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_CUMULATIVE_TEXT = re.compile(r"^(?:luy ke )?(3|6|9|12) ?(?:thang|months?)\b")
_QUARTER_TEXT = re.compile(r"^(?:rieng )?(?:quy|quarter|q) ?(i{1,3}|iv|[1-4])\b")


def period_from_label(text: object) -> Period | None:
    """The period a cell names: a key ("12", 12, "Q2"), a template label, or a short form ("6 tháng", "Quý II", "cả năm")."""
    if isinstance(text, float) and text.is_integer():
        text = int(text)
    raw = str(text).strip()
    if raw.upper() in PERIOD_BY_KEY:
        return PERIOD_BY_KEY[raw.upper()]
    folded = fold(raw).replace("–", "-").replace("—", "-")
    for period in PERIODS:
        if folded in (fold(period.label_vi).replace("–", "-"), fold(period.label_en).replace("–", "-")):
            return period
    if folded in ("ca nam", "nam", "full year"):
        return PERIOD_BY_KEY["12"]
    if match := _CUMULATIVE_TEXT.match(folded):
        return PERIOD_BY_KEY[match.group(1)]
    if match := _QUARTER_TEXT.match(folded):
        number = _ROMAN.get(match.group(1)) or int(match.group(1))
        return PERIOD_BY_KEY[f"Q{number}"]
    return None


@dataclass(frozen=True)
class Court:
    key: str
    name_vi: str
    name_en: str
    short_vi: str
    province_code: int
    member_from: int
    member_to: int | None  # last statistical year in the cluster; None while still a member
    # The statistical year from which the court reports for a merged province (Nghị quyết 202/2025/QH15): its
    # figures from then on are not comparable with its earlier years.
    merged_in: int | None = None

    def label(self, lang: str = "vi") -> str:
        """The court's short name: "Lai Châu" (the province's name, in English without its diacritics)."""
        english = self.name_en.removeprefix("People's Court of ").removesuffix(" Province")
        return Words(self.short_vi, english).label(lang)

    def full_name(self, lang: str = "vi") -> str:
        """The court's full name: "Tòa án nhân dân tỉnh Lai Châu"."""
        return Words(self.name_vi, self.name_en).label(lang)

    def member_in(self, year: int) -> bool:
        return self.member_from <= year and (self.member_to is None or year <= self.member_to)

    def comparable(self, year: int, other: int) -> bool:
        """Whether the court's figures of two statistical years cover the same area (no merger between them)."""
        return self.merged_in is None or (year >= self.merged_in) == (other >= self.merged_in)


@dataclass(frozen=True)
class Setting(Labelled):
    """A whole number the secretariat may change (the Quản trị page, `python -m analytics settings`; audited): its key
    in the settings table, its value while nobody has chosen one, and the range a choice must fall in. The store, the
    command line, the page and the computations all read it here."""

    key: str
    default: int
    low: int
    high: int
    label_vi: str
    label_en: str


RETURN_DEADLINE = Setting(
    "deadline_days",
    15,  # days after a period's end: an ASSUMPTION, no public rule for the cluster's deadline was found
    1,
    120,  # a longer wait would run into the next period's return
    "Hạn gửi báo cáo (số ngày sau khi kết thúc kỳ)",
    "Return deadline (days)",
)
SETTINGS = {setting.key: setting for setting in (RETURN_DEADLINE,)}


COURTS_FILE_VARIABLE = "CUM2_COURTS_FILE"  # another court registry (same columns), e.g. for a national benchmark


class RegistryUnusable(Said):
    """The court registry (`CUM2_COURTS_FILE`, or the shipped file) cannot be read: no such file, a column missing, a
    year that is not a number, no court at all. Nothing works without it, so it is said at once, naming the file."""

    def __init__(self, path: Path, why: str, why_en: str) -> None:
        super().__init__(
            f"Không đọc được danh sách Tòa án {path} ({COURTS_FILE_VARIABLE}): {why}. Hãy sửa tệp (các cột như "
            f"analytics/data/courts.csv) hoặc bỏ biến {COURTS_FILE_VARIABLE}.",
            f"The court registry {path} ({COURTS_FILE_VARIABLE}) cannot be read: {why_en}.",
        )


@functools.cache
def courts() -> tuple[Court, ...]:
    """Every court that has been in the cluster, from the data file (membership changes over time)."""
    path = Path(os.environ.get(COURTS_FILE_VARIABLE) or DATA_DIR / "courts.csv")
    try:
        with path.open(encoding="utf-8") as handle:
            registry = tuple(_court(row) for row in csv.DictReader(handle))
    except OSError as error:
        raise RegistryUnusable(path, *os_reason(error)) from None
    except KeyError as error:
        raise RegistryUnusable(path, f"thiếu cột «{error.args[0]}»", f"no column '{error.args[0]}'") from None
    except (ValueError, UnicodeDecodeError) as error:
        raise RegistryUnusable(path, f"giá trị không đọc được ({error})", f"a value cannot be read ({error})") from None
    if not registry:
        raise RegistryUnusable(path, "không có Tòa án nào", "no court in it")
    return registry


def _court(row: dict[str, str]) -> Court:
    return Court(
        key=row["key"],
        name_vi=row["name_vi"],
        name_en=row["name_en"],
        short_vi=row["short_vi"],
        province_code=int(row["province_code"]),
        member_from=int(row["member_from"]),
        member_to=int(row["member_to"]) if row["member_to"] else None,
        merged_in=int(row["merged_in"]) if row.get("merged_in") else None,
    )


def _derived(name: str, build: Callable[[tuple[Court, ...]], _T]) -> _T:
    """A lookup built from the current registry, rebuilt when the registry is another object (a benchmark swaps it)."""
    registry = courts()
    held = _DERIVED.get(name)
    if held is None or held[0] is not registry:
        held = _DERIVED[name] = (registry, build(registry))
    return held[1]


_DERIVED: dict[str, tuple[tuple[Court, ...], Any]] = {}
_T = TypeVar("_T")


def registry_memo(name: str) -> dict:
    """A memo that holds while the court registry stays the same object, empty again when it changes (`_derived`):
    for what another module works out from the registry once per input."""
    return _derived(f"memo_{name}", lambda _registry: {})


def court_by_key(key: str) -> Court:
    return _derived("by_key", _by_key)[key]


def _by_key(registry: tuple[Court, ...]) -> dict[str, Court]:
    return {c.key: c for c in registry}


def cluster_courts(year: int) -> tuple[Court, ...]:
    return _derived(f"members_{year}", lambda registry: tuple(c for c in registry if c.member_in(year)))


def current_courts() -> tuple[Court, ...]:
    """The cluster as it is now: the courts whose membership has not ended."""
    return _derived("current", lambda registry: tuple(c for c in registry if c.member_to is None))


# Words that name the institution rather than the province, dropped before matching a name.
_COURT_NOISE = ("toa an nhan dan", "tand", "toa an", "tinh", "hai cap", "province", "people's court of")


def match_court(text: object) -> Court | None:
    """The court a written name refers to, whatever its case, accents, Unicode form or prefix."""
    folded = drop_words(fold(str(text)), _COURT_NOISE)
    named = courts_named().get(folded)
    if named:
        return named[0]
    if "_" in folded:
        return None
    return _derived("by_key", _by_key).get(folded.replace(" ", "_"))  # "lai chau" for the key lai_chau


def courts_named() -> dict[str, tuple[Court, ...]]:
    """Courts by their folded short name ("lai chau"), for finding names among the words of a title."""
    return _derived("named", _named)


def longest_court_name() -> int:
    """The most words a court's folded short name has: how long a run of words a title is searched by."""
    return _derived("longest_name", lambda registry: max((n.count(" ") + 1 for n in _named(registry)), default=0))


def _named(registry: tuple[Court, ...]) -> dict[str, tuple[Court, ...]]:
    named: dict[str, tuple[Court, ...]] = {}
    for court in registry:
        name = fold(court.short_vi)
        named[name] = (*named.get(name, ()), court)
    return named


def first_year() -> int:
    """The first statistical year of the cluster as the registry has it (2023, the first after the founding
    decision QĐ 247/QĐ-TANDTC of 31/8/2022)."""
    return _derived("first_year", lambda registry: min(c.member_from for c in registry))


def check_year(year: object) -> int:
    """The year as a whole number, or InvalidInput saying which years the cluster has: a figure, target, weight or
    comment may be for a year from the cluster's first to the statistical year after the current one (targets are
    set ahead)."""
    first, last = first_year(), dt.date.today().year + 1
    try:
        number = int(year)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        number = None
    if number is None or number != year or not first <= number <= last:
        raise InvalidInput(
            f"Năm «{year}» không hợp lệ: Cụm có số liệu từ năm {first} đến năm {last}.",
            f"Year '{year}' is not valid: the cluster has years {first} to {last}.",
        )
    return number


def check_period(period: object) -> str:
    """The period key, or InvalidInput listing the periods there are."""
    if period not in PERIOD_BY_KEY:
        raise InvalidInput(
            f"Kỳ báo cáo «{period}» không có. Chọn một trong: {', '.join(PERIOD_BY_KEY)}.",
            f"There is no period '{period}'. Choose one of: {', '.join(PERIOD_BY_KEY)}.",
        )
    return str(period)
