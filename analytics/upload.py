"""The import pipeline the app and the command line share: read → validate → (confirm) → store."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import PurePath

import pandas as pd

from analytics.domain import CASE_TYPE_BY_KEY, MEASURE_BY_KEY, PERIOD_BY_KEY
from analytics.ingest.identity import Choice, Resolution
from analytics.ingest.reader import Ignored
from analytics.ingest.safety import DEFAULT_LIMITS, Limits
from analytics.ingest.validate import continuity_problems, validate
from analytics.ingest.worker import read_in_worker
from analytics.records import ERROR, INFO, Problem, Return, Source, problem_table
from analytics.security import Account
from analytics.store.database import sha256
from analytics.store.returns import Saved
from analytics.store.storage import Store


@dataclass(frozen=True, eq=False)
class Checked:
    """A file read and validated but not stored yet: what the upload page previews."""

    filename: str
    content: bytes
    ret: Return | None
    problems: list[Problem] = field(default_factory=list)
    resolution: Resolution | None = None  # court, year, period: found, or the disagreement to ask about
    ignored: list[Ignored] = field(default_factory=list)
    part: str = ""  # the court's block or sheet of a compiled workbook
    quarter_only: bool = False  # a quarter alone that could not be made cumulative

    @property
    def needs_answer(self) -> bool:
        """The upload page must ask the user for the court, year or period before this can be stored."""
        return self.resolution is not None and self.resolution.needs_answer

    @property
    def ok(self) -> bool:
        return self.ret is not None and not any(p.severity == ERROR for p in self.problems)

    @property
    def sha256(self) -> str:
        return sha256(self.content)

    def table(self) -> pd.DataFrame:
        return problem_table(self.problems)


@dataclass(frozen=True)
class Outcome:
    """What importing one file came to: "stored", "unchanged" or "rejected"."""

    filename: str
    status: str
    saved: Saved | None
    problems: pd.DataFrame


def display_name(filename: str) -> str:
    """The file's own name without any folder, as shown in messages; never used as a path."""
    return PurePath(filename.replace("\\", "/")).name or "tệp không tên"


def check(
    filename: str,
    content: bytes,
    store: Store | None = None,
    choice: Choice | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> Checked:
    """Reads and validates a workbook; with a store, also compares it with the court's stored returns.

    A compiled workbook of several courts is refused here with a pointer to `check_many`.
    """
    results = check_many(filename, content, store, choice, limits)
    if len(results) == 1:
        return results[0]
    name = display_name(filename)
    problem = Problem(
        ERROR,
        "file.compiled",
        f"Tệp «{name}» là bảng tổng hợp của {len(results)} Tòa án. Hãy tải lên ở chế độ «bảng tổng hợp của Cụm».",
        f"'{name}' is a compiled workbook of {len(results)} courts; import it as a compiled workbook.",
        name,
    )
    return Checked(name, content, None, [problem])


def check_many(
    filename: str,
    content: bytes,
    store: Store | None = None,
    choice: Choice | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> list[Checked]:
    """Every return of a file, read and validated: one for a court's return, seven for a compiled workbook."""
    name = display_name(filename)
    checked = []
    stored_figures = _StoredFigures(store) if store is not None else None
    # Untrusted bytes are parsed in a worker process: a reader that runs out of memory, aborts or hangs
    # ends only the worker, and the file is refused.
    for read in read_in_worker(name, content, choice, limits):
        common = {"resolution": read.resolution, "ignored": read.ignored, "part": read.part}
        if read.ret is None:
            checked.append(Checked(name, content, None, read.problems, **common))
            continue
        ret, found = validate(read.ret, name)
        problems = read.problems + found
        quarter_only = False
        if not PERIOD_BY_KEY[ret.period].cumulative:
            ret, quarter_problems, quarter_only = to_cumulative(ret, store, name)
            problems += quarter_problems
        if stored_figures is not None:
            stored = pd.concat([stored_figures.of(ret.year, ret.court), stored_figures.of(ret.year - 1, ret.court)])
            problems += continuity_problems(ret, stored, name)
        checked.append(Checked(name, content, ret, problems, quarter_only=quarter_only, **common))
    return checked


class _StoredFigures:
    """The stored figures of a year, read once and split by court: a compiled or national workbook checks
    hundreds of returns against them."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.years: dict[int, tuple[pd.DataFrame, dict[str, pd.DataFrame]]] = {}

    def of(self, year: int, court: str) -> pd.DataFrame:
        if year not in self.years:
            frame = self.store.figures(year=year)
            self.years[year] = (frame.iloc[0:0], {str(c): f for c, f in frame.groupby("court")})
        empty, by_court = self.years[year]
        return by_court.get(court, empty)


# Figures that add up over quarters; the others (stocks at the period's end, the court's size) are as of the end.
_FLOWS = (
    "new",
    "resolved",
    "quashed_subjective",
    "amended_subjective",
    "quashed_total",
    "amended_total",
    "mediation_handled",
    "mediation_success",
    "defendants_accepted",
    "defendants_resolved",
)
_COURT_FLOWS = (
    "online_hearings",
    "experience_trials",
    "judgments_to_publish",
    "judgments_published",
    "enforcement_required",
    "enforcement_on_time",
)


def to_cumulative(ret: Return, store: Store | None, file: str) -> tuple[Return, list[Problem], bool]:
    """A quarter-only return made cumulative from 1 October when the earlier cumulative return is stored.

    Quarter I alone is the 3-month cumulative return. For quarters II–IV the stored cumulative return of
    the months before is added to the quarter's flows; carried over stays, accepted and pending follow.
    Without it the return is kept as quarter-only (its period says so: "Q2"…) and the result says so.
    """
    period = PERIOD_BY_KEY[ret.period]
    months_before = period.months - 3
    if months_before == 0:
        note = Problem(
            INFO,
            "quarter.first_is_cumulative",
            "Riêng quý I cũng là số liệu lũy kế 3 tháng: đã lưu là kỳ 3 tháng.",
            "Quarter I alone is the 3-month cumulative return: stored as such.",
            file,
        )
        return dataclasses.replace(ret, period="3"), [note], False
    stored = store.figures(year=ret.year, court=ret.court) if store is not None else pd.DataFrame()
    before = stored[stored["period"] == str(months_before)] if not stored.empty else stored
    if before.empty:
        label = PERIOD_BY_KEY[str(months_before)].label_vi
        note = Problem(
            INFO,
            "quarter.kept_alone",
            f"Báo cáo riêng {period.label_vi.lower().removeprefix('riêng ')}: chưa có báo cáo lũy kế {label} của Tòa án này "
            "nên được lưu là số liệu riêng quý (không so sánh được với các Tòa án khác cho đến khi có số lũy kế).",
            f"A quarter-only return; no stored {months_before}-month cumulative return, so it is stored as quarter-only.",
            file,
        )
        return ret, [note], True
    earlier = before.set_index(["scope", "measure"])["value"]
    stored_vi, stored_en = f"lũy kế {months_before} tháng đã lưu", f"the stored {months_before}-month return"
    sources = dict(ret.sources)

    def added(scope: str, measure: str, was: int) -> None:
        cell = ret.place(scope, measure)[1]
        sources[(scope, measure)] = Source(
            cell, f"ô {cell} (riêng quý) + {stored_vi} ({was})", f"cell {cell} (the quarter) + {stored_en} ({was})"
        )

    cases = ret.cases.copy()
    for case_type in cases.index:
        for measure in _FLOWS:
            if (case_type, measure) in earlier.index and not pd.isna(cases.at[case_type, measure]):
                was = int(earlier[(case_type, measure)])
                cases.at[case_type, measure] = int(cases.at[case_type, measure]) + was
                added(case_type, measure, was)
        if (case_type, "carried_over") in earlier.index:
            cases.at[case_type, "carried_over"] = int(earlier[(case_type, "carried_over")])
            sources[(case_type, "carried_over")] = Source(
                "", f"Thụ lý cũ của {stored_vi}", f"carried over: {stored_en}"
            )
        cases.at[case_type, "accepted"] = cases.at[case_type, "carried_over"] + cases.at[case_type, "new"]
        cases.at[case_type, "pending"] = cases.at[case_type, "accepted"] - cases.at[case_type, "resolved"]
        for measure, formula in (("accepted", "Thụ lý cũ + Thụ lý mới"), ("pending", "Tổng số thụ lý − Đã giải quyết")):
            sources[(case_type, measure)] = Source(
                "", f"tính ra (lũy kế): {formula}", f"derived (cumulative): {measure}"
            )
    court = dict(ret.court_figures)
    for measure in _COURT_FLOWS:
        if court.get(measure) is not None and ("court", measure) in earlier.index:
            was = int(earlier[("court", measure)])
            court[measure] = int(court[measure]) + was
            added("court", measure, was)
    cumulative = dataclasses.replace(ret, period=str(period.months), cases=cases, court_figures=court, sources=sources)
    note = Problem(
        INFO,
        "quarter.made_cumulative",
        f"Báo cáo {period.label_vi.lower()} đã được cộng với báo cáo lũy kế {months_before} tháng đã lưu "
        f"thành số liệu lũy kế {period.months} tháng (thụ lý mới, giải quyết… cộng dồn; thụ lý cũ giữ nguyên; "
        "tổng thụ lý và còn lại tính lại).",
        f"The quarter-only return was added to the stored {months_before}-month return to give {period.months} months.",
        file,
    )
    return cumulative, [note], False


def store_checked(store: Store, checked: Checked, actor: Account) -> Outcome:
    """Stores a checked file; a file with errors is rejected and nothing is written."""
    return store_all(store, [checked], actor)[0]


def store_all(store: Store, parts: list[Checked], actor: Account) -> list[Outcome]:
    """Stores the returns of one file (the parts of a compiled workbook) in one transaction: all or none.

    When any part has an error, every part is rejected and nothing is written.
    """
    if not parts:
        return []
    if not all(p.ok for p in parts):
        return [Outcome(p.filename, "rejected", None, p.table()) for p in parts]
    first = parts[0]
    saved = store.save_returns(
        [(p.ret, p.problems) for p in parts], filename=first.filename, content=first.content, actor=actor
    )
    return [Outcome(p.filename, s.status, s, p.table()) for p, s in zip(parts, saved, strict=True)]


def import_file(store: Store, filename: str, content: bytes, actor: Account) -> Outcome:
    """Reads, validates and stores one file in one go (the command line's path)."""
    existing = store.find_upload(sha256(content))
    if existing is not None:
        return Outcome(display_name(filename), "unchanged", existing, problem_table([]))
    return store_checked(store, check(filename, content, store), actor)


def preview(ret: Return, lang: str = "vi") -> tuple[pd.DataFrame, pd.DataFrame]:
    """What will be stored, labelled for people: the case table and the court figures."""
    vi = lang == "vi"
    cases = ret.cases.rename(
        index=lambda k: CASE_TYPE_BY_KEY[k].label_vi if vi else CASE_TYPE_BY_KEY[k].label_en,
        columns=lambda k: MEASURE_BY_KEY[k].label_vi if vi else MEASURE_BY_KEY[k].label_en,
    ).dropna(axis=1, how="all")
    court = pd.DataFrame(
        {
            "measure": [MEASURE_BY_KEY[k].label_vi if vi else MEASURE_BY_KEY[k].label_en for k in ret.court_figures],
            "value": pd.array(list(ret.court_figures.values()), dtype="Int64"),
        }
    )
    return cases, court


def import_many(
    store: Store, filename: str, content: bytes, actor: Account, choice: Choice | None = None
) -> list[Outcome]:
    """Reads, validates and stores every return of a file (a compiled workbook gives one per court).

    Nothing is stored when any part has an error: a compiled workbook goes in whole or not at all.
    """
    return store_all(store, check_many(filename, content, store, choice), actor)
