"""Whose return it is and for when: court, statistical year and period, from the content and the file name.

The reader gathers clues — a template field, a heading such as "BÁO CÁO THỐNG KÊ 6 THÁNG NĂM 2023",
"Từ ngày 01/10/2022 đến ngày 31/03/2023", the court's name in a title, the file name — each with
where it was found. `resolve` weighs them against what the user chose on the upload page and returns
either the identity or the disagreements, so the page can ask instead of the importer guessing.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import PurePath

from analytics.domain import (
    PERIOD_BY_KEY,
    court_by_key,
    courts,
    courts_named,
    longest_court_name,
    period_from_label,
    registry_memo,
)
from analytics.text import fold

COURT, YEAR, PERIOD = "court", "year", "period"
FIELDS = (COURT, YEAR, PERIOD)
CONTENT, FILENAME, USER = "content", "filename", "user"
FIELD_LABELS = {
    COURT: ("Tòa án", "court"),
    YEAR: ("năm thống kê", "statistical year"),
    PERIOD: ("kỳ báo cáo", "period"),
}


@dataclass(frozen=True)
class Clue:
    """One statement of the court, year or period, and where it was found."""

    field: str
    value: object  # a court key, a year (int) or a period key
    source: str  # CONTENT, FILENAME or USER
    sheet: str = ""
    cell: str = ""
    text: str = ""

    def where(self, lang: str = "vi") -> str:
        """Where the statement was read, quoting what the file says there ("sheet «Thông tin», ô B4 («Tòa án nhân
        dân tỉnh Lai Châu»)"); a sheet's name that names the court has no cell."""
        english = lang == "en"
        if self.source == FILENAME:
            return f"file name '{self.text}'" if english else f"tên tệp «{self.text}»"
        if self.source == USER:
            return "the choice on the upload page" if english else "lựa chọn trên trang tải lên"
        if not self.cell:
            return f"the name of sheet '{self.sheet}'" if english else f"tên sheet «{self.sheet}»"
        if english:
            return f"sheet '{self.sheet}', cell {self.cell} ('{self.text}')"
        return f"sheet «{self.sheet}», ô {self.cell} («{self.text}»)"


@dataclass(frozen=True)
class Choice:
    """What the user chose on the upload page; `insist` after being asked about a disagreement."""

    court: str | None = None
    year: int | None = None
    period: str | None = None
    insist: bool = False


@dataclass(frozen=True)
class Identity:
    court: str
    year: int
    period: str


@dataclass(frozen=True)
class Disagreement:
    """One field that the sources state differently: every candidate value with the clues behind it."""

    field: str
    candidates: tuple[tuple[object, tuple[Clue, ...]], ...]

    def message(self, blocking: bool = True) -> tuple[str, str]:
        """Each value as people write it (a court's name, not its key) with where it was read, in Vietnamese and
        English; `blocking` False: the file's content was used, and the reader is told how to correct it."""
        label_vi, label_en = FIELD_LABELS[self.field]
        vi = f"Không thống nhất về {label_vi}: " + self._candidates("vi", "«", "»")
        en = f"The {label_en} is stated differently: " + self._candidates("en", "'", "'")
        if blocking:
            return (
                f"{vi}. Hãy chọn {label_vi} đúng trên trang tải lên.",
                f"{en}. Choose the right {label_en} on the upload page.",
            )
        return (
            f"{vi}. Đã dùng nội dung tệp; nếu sai, hãy chọn {label_vi} đúng trên trang tải lên.",
            f"{en}. The file's content was used; if it is wrong, choose the right {label_en} on the upload page.",
        )

    def _candidates(self, lang: str, opening: str, closing: str) -> str:
        return " – ".join(
            f"{opening}{show_value(self.field, v, lang)}{closing} ({'; '.join(c.where(lang) for c in clues)})"
            for v, clues in self.candidates
        )


@dataclass(frozen=True)
class Resolution:
    """The identity when every field is known and agreed, else what disagrees and what is missing."""

    identity: Identity | None
    disagreements: tuple[Disagreement, ...] = ()
    missing: tuple[str, ...] = ()
    clues: tuple[Clue, ...] = field(default_factory=tuple)

    @property
    def needs_answer(self) -> bool:
        return self.identity is None


def show_value(field_name: str, value: object, lang: str = "vi") -> str:
    """A court's full name, a period's label or a year, as the reader writes them."""
    if field_name == COURT:
        return court_by_key(str(value)).full_name(lang)
    if field_name == PERIOD:
        return PERIOD_BY_KEY[str(value)].label(lang)
    return str(value)


_YEAR = re.compile(r"\bnam (20\d\d)\b|\bnam cong tac (20\d\d)\b")
_PERIOD = re.compile(r"\b(3|6|9|12) thang\b|\bquy (i{1,3}|iv|[1-4])\b|\bca nam\b|\bnam 20\d\d\b")
_RANGE = re.compile(r"tu ngay (\d{1,2})/(\d{1,2})/(\d{4}) den ngay (\d{1,2})/(\d{1,2})/(\d{4})")


def clues_from_text(text: str, sheet: str, cell: str) -> list[Clue]:
    """Court, year and period stated in one cell of a title or heading."""
    shown = text.strip()[:120]
    return [Clue(name, value, CONTENT, sheet, cell, shown) for name, value in _statements(text)]


def _statements(text: str) -> tuple[tuple[str, object], ...]:
    """What a text states, remembered per text while the court registry stays the same: a national workbook
    repeats the same headings and court lines in each of its hundreds of blocks. Forgotten past a few thousand
    texts, so a file of distinct texts does not grow the reading worker."""
    memo = registry_memo("statements")
    if text not in memo:
        if len(memo) >= 4096:
            memo.clear()
        memo[text] = _stated(text)
    return memo[text]


def _stated(text: str) -> tuple[tuple[str, object], ...]:
    folded = fold(text)
    found: list[tuple[str, object]] = []

    def add(name: str, value: object) -> None:
        found.append((name, value))

    if match := _RANGE.search(folded):
        d1, m1, y1, d2, m2, y2 = (int(g) for g in match.groups())
        try:
            start, end = dt.date(y1, m1, d1), dt.date(y2, m2, d2)
        except ValueError:
            start = end = None
        if start and end and end > start:
            year = end.year + 1 if end.month >= 10 else end.year
            months = (end.year - (year - 1)) * 12 + end.month - 9
            cumulative = (start.month, start.day) == (10, 1)
            key = str(months) if cumulative else f"Q{(months + 2) // 3}"
            if key in PERIOD_BY_KEY:
                add(YEAR, year)
                add(PERIOD, key)
            return (*found, *_court_named(folded))
    if match := _YEAR.search(folded):
        add(YEAR, int(match.group(1) or match.group(2)))
    if (match := _PERIOD.search(folded)) and ("bao cao" in folded or "thong ke" in folded or "ky" in folded):
        words = match.group(0)
        period = PERIOD_BY_KEY["12"] if words.startswith("nam ") else period_from_label(words)
        if period is not None and not (words.startswith("nam ") and "thang" in folded):
            add(PERIOD, period.key)
    return (*found, *_court_named(folded))


def _court_named(folded: str) -> tuple[tuple[str, object], ...]:
    if "toa an" not in folded and "tand" not in folded:
        return ()
    tokens = re.sub(r"[^a-z0-9]+", " ", folded).split()
    named = courts_named()
    longest = longest_court_name()
    # Every run of up to `longest` words looked up by name: a registry of hundreds of units stays fast.
    spans = {" ".join(tokens[i : i + n]) for n in range(1, longest + 1) for i in range(len(tokens) - n + 1)}
    hits = list({c.key: c for span in spans for c in named.get(span, ())}.values())
    return ((COURT, hits[0].key),) if len(hits) == 1 else ()


_FILE_PERIOD = re.compile(
    r"(?<![0-9])(3|6|9|12) ?(?:t|th|thang|months?)(?![a-z])|(?<![a-z])(?:q|quy) ?([1-4]|i{1,3}|iv)(?![a-z0-9])"
)
_FILE_YEAR = re.compile(r"(?<![0-9])(20\d\d)(?![0-9])")


def clues_from_filename(filename: str) -> list[Clue]:
    """Court, year and period a file name states ("lai_chau_2023_6thang.xlsx", "Bao cao Q2 Son La.xls")."""
    stem = PurePath(filename).stem
    folded = " " + re.sub(r"[^a-z0-9]+", " ", fold(stem)) + " "
    compact = folded.replace(" ", "")
    found: list[Clue] = []
    hits = [c for c in courts() if f" {fold(c.short_vi)} " in folded or fold(c.short_vi).replace(" ", "") in compact]
    if len(hits) == 1:
        found.append(Clue(COURT, hits[0].key, FILENAME, text=filename))
    years = set(_FILE_YEAR.findall(folded))
    if len(years) == 1:
        found.append(Clue(YEAR, int(years.pop()), FILENAME, text=filename))
    periods = {m.group(0) for m in _FILE_PERIOD.finditer(folded)}
    keys = {
        p.key for text in periods if (p := period_from_label(text.replace("t", " thang") if text[-1] == "t" else text))
    }
    if len(keys) == 1:
        found.append(Clue(PERIOD, keys.pop(), FILENAME, text=filename))
    return found


def resolve(clues: list[Clue], choice: Choice | None = None) -> Resolution:
    """The identity, or the disagreements the upload page must ask about.

    The content outranks the file name: a file name that disagrees is reported but does not block.
    A user's choice that disagrees with the content is asked about, unless the user insists.
    """
    everything = list(clues)
    if choice is not None:
        everything += [
            Clue(name, value, USER)
            for name, value in ((COURT, choice.court), (YEAR, choice.year), (PERIOD, choice.period))
            if value is not None
        ]
    values: dict[str, object] = {}
    disagreements: list[Disagreement] = []
    missing: list[str] = []
    for name in FIELDS:
        mine = [c for c in everything if c.field == name]
        by_value: dict[object, list[Clue]] = {}
        for clue in mine:
            by_value.setdefault(clue.value, []).append(clue)
        if not by_value:
            missing.append(name)
            continue
        if len(by_value) > 1:
            disagreements.append(Disagreement(name, tuple((v, tuple(c)) for v, c in by_value.items())))
        values[name] = _decide(mine, choice)
    blocking = [d for d in disagreements if _blocks(d, choice)]
    if missing or any(values.get(n) is None for n in FIELDS) or blocking:
        return Resolution(None, tuple(disagreements), tuple(missing), tuple(everything))
    identity = Identity(str(values[COURT]), int(values[YEAR]), str(values[PERIOD]))
    return Resolution(identity, tuple(disagreements), (), tuple(everything))


def _decide(clues: list[Clue], choice: Choice | None) -> object | None:
    user = [c.value for c in clues if c.source == USER]
    content = {c.value for c in clues if c.source == CONTENT}
    if user and (choice is not None and choice.insist or not content or content == {user[0]}):
        return user[0]
    if len(content) == 1:
        return next(iter(content))
    if len(content) > 1:
        return None
    return clues[0].value


def _blocks(disagreement: Disagreement, choice: Choice | None) -> bool:
    sources = {c.source for _, clues in disagreement.candidates for c in clues}
    if choice is not None and choice.insist:
        return False
    contents = [v for v, clues in disagreement.candidates if any(c.source == CONTENT for c in clues)]
    # Two cells of the file disagreeing, or the user's choice against the file, must be answered;
    # the file name alone against the content does not block.
    return len(contents) > 1 or USER in sources
