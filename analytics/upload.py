"""The upload use case the upload page, the command line and the sample loader share: `check`, then `confirm`.

`check` reads each file in the reader worker (untrusted bytes never reach the server's process), validates every
return (one, or one per court of a compiled workbook), makes a quarter alone cumulative and compares it with the
court's stored returns; what it needs of the store comes in as frames read once (`Stored`). `confirm` stores the
checked returns of an upload and the uploader's note in one transaction: all of them or nothing.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Protocol

import pandas as pd

from analytics.compute.versions import side_by_side
from analytics.domain import CASE_TYPE_BY_KEY, MEASURE_BY_KEY, PERIOD_BY_KEY
from analytics.ingest.identity import Choice, Resolution
from analytics.ingest.reading import Ignored
from analytics.ingest.safety import DEFAULT_LIMITS, Limits
from analytics.ingest.validate import continuity_problems, validate
from analytics.ingest.worker import collector_paused, read_in_worker
from analytics.records import ERROR, INFO, Problem, Return, Source, problem_table
from analytics.security import Account
from analytics.store.database import sha256
from analytics.store.returns import Saved

FEW_COURTS = 10  # up to this many courts in an upload, the store is asked for theirs only


class StoreView(Protocol):
    """What checking reads of a store (the Store is one)."""

    def returns(
        self, *, current_only: bool = True, court: str | Sequence[str] | None = None, year: int | None = None
    ) -> pd.DataFrame: ...

    def figures(
        self, *, year: int | Sequence[int] | None = None, court: str | Sequence[str] | None = None
    ) -> pd.DataFrame: ...


class StoreWriter(Protocol):
    """What confirming writes to a store (the Store is one)."""

    def save_upload(
        self, files: list[tuple[str, bytes, list[tuple[Return, list[Problem]]]]], *, actor: Account, note: str = ""
    ) -> list[list[Saved]]: ...


@dataclass(frozen=True)
class Stored:
    """What the store holds that checking needs, read once per upload: every version of every return (court, year,
    period, version, sha256) and the current figures of the years concerned and the years before them."""

    versions: pd.DataFrame
    figures: pd.DataFrame

    @classmethod
    def of(cls, store: StoreView | None, years: Iterable[int], courts: Iterable[str] | None = None) -> Stored:
        """What the store holds of these years (and the years before them); of these courts only when they are a
        few (a court's return, a cluster's workbook): reading every court's figures cost a return most of its
        import. One query for the figures, one for the versions."""
        if store is None:
            return cls(pd.DataFrame(columns=["court", "year", "period", "version", "sha256"]), pd.DataFrame())
        wanted = sorted({y for year in years for y in (year, year - 1)})
        few = sorted(set(courts)) if courts is not None and len(set(courts)) <= FEW_COURTS else None
        return cls(store.returns(current_only=False, court=few), store.figures(year=wanted, court=few))

    def figures_of(self, court: str, *years: int) -> pd.DataFrame:
        """The court's current figures of these years (long form)."""
        if self.figures.empty:
            return self.figures
        mine = self._by_court().get(court, self.figures.iloc[0:0])
        return mine[mine["year"].isin(years)]

    def _by_court(self) -> dict[str, pd.DataFrame]:
        # A compiled or national workbook checks hundreds of returns: the figures are split by court once.
        if "_split" not in self.__dict__:
            object.__setattr__(self, "_split", {str(c): f for c, f in self.figures.groupby("court")})
        return self.__dict__["_split"]

    def _by_return(self) -> dict[tuple[str, int, str], list[tuple[int, str, object]]]:
        # Each checked return looks up its court and period: the versions are grouped once, not filtered 700 times.
        if "_versions" not in self.__dict__:
            grouped: dict[tuple[str, int, str], list[tuple[int, str, object]]] = {}
            stored_at = self.versions["stored_at"] if "stored_at" in self.versions else [pd.NaT] * len(self.versions)
            for court, year, period, version, digest, at in zip(
                self.versions["court"].tolist(),
                self.versions["year"].tolist(),
                self.versions["period"].tolist(),
                self.versions["version"].tolist(),
                self.versions["sha256"].tolist(),
                list(stored_at),
                strict=True,
            ):
                grouped.setdefault((str(court), int(year), str(period)), []).append((int(version), digest, at))
            object.__setattr__(self, "_versions", grouped)
        return self.__dict__["_versions"]

    def replaced(self, ret: Return) -> Replaced | None:
        """The version storing this return would put aside as current (its court, year and period's latest), if any."""
        mine = self._by_return().get((ret.court, ret.year, ret.period), [])
        if not mine:
            return None
        version, _, stored_at = max(mine, key=lambda v: v[0])
        return Replaced(version, stored_at, self, ret.court, ret.year, ret.period)

    def outcome(self, ret: Return, digest: str, filename: str) -> Saved:
        """What storing this return would do: "unchanged" when its current version was stored from these bytes, else
        "stored" as the next version of its court and period (the bytes of an earlier version too: sent again, they
        become current)."""
        mine = self._by_return().get((ret.court, ret.year, ret.period), [])
        latest = max((v[0] for v in mine), default=0)
        current = [v for v in mine if v[0] == latest and v[1] == digest]
        if current:  # these bytes are the current version (stored, or restored to); an earlier one's make a new one
            version, _, stored_at = current[0]
            return Saved("unchanged", ret.court, ret.year, ret.period, version, stored_at, filename)
        return Saved("stored", ret.court, ret.year, ret.period, latest + 1, pd.NaT, filename)


@dataclass(frozen=True, eq=False)
class Replaced:
    """The current version of a return that storing a new one would replace: its number, when it was stored, and its
    figures, read from what the check read of the store when asked (a national workbook sent again replaces 700)."""

    version: int
    stored_at: object
    stored: Stored = field(repr=False)
    court: str
    year: int
    period: str

    def figures(self) -> pd.DataFrame:
        """Its figures: scope, measure, value (as `Return.figures()` gives a return's)."""
        mine = self.stored.figures_of(self.court, self.year)
        if mine.empty:
            return pd.DataFrame(columns=["scope", "measure", "value"])
        return mine.loc[mine["period"] == self.period, ["scope", "measure", "value"]]

    def changes(self, ret: Return, lang: str = "vi") -> pd.DataFrame:
        """The figures that differ between it and the return that would replace it (`versions.side_by_side`)."""
        both = side_by_side(self.figures(), ret.figures(), lang)
        return both[both["changed"]]


@dataclass(frozen=True, eq=False)
class Checked:
    """One return of a file read and validated but not stored yet: what the upload page previews."""

    filename: str
    content: bytes
    ret: Return | None
    problems: list[Problem] = field(default_factory=list)
    resolution: Resolution | None = None  # court, year, period: found, or the disagreement to ask about
    ignored: list[Ignored] = field(default_factory=list)
    part: str = ""  # the court's block or sheet of a compiled workbook
    quarter_only: bool = False  # a quarter alone that could not be made cumulative
    becomes: Saved | None = None  # what confirming would do: the version it gets, or "unchanged"
    replaces: Replaced | None = None  # the current version a "stored" one would replace (a correction, a quarter added)

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


@dataclass(frozen=True, eq=False)
class CheckedFile:
    """A file of an upload with every return it holds (seven for a compiled workbook): stored whole or not at all."""

    filename: str
    content: bytes
    parts: list[Checked]

    @property
    def ok(self) -> bool:
        return bool(self.parts) and all(p.ok for p in self.parts)

    @property
    def sha256(self) -> str:
        return sha256(self.content)


@dataclass(frozen=True)
class Outcome:
    """What one return of an upload came to: "stored", "unchanged" or "rejected"."""

    filename: str
    status: str
    saved: Saved | None
    found: list[Problem]

    @functools.cached_property
    def problems(self) -> pd.DataFrame:
        """The problems as a table, built when first shown: a national workbook's 700 outcomes are mostly not."""
        return problem_table(self.found)


def display_name(filename: str) -> str:
    """The file's own name without any folder, as shown in messages; never used as a path."""
    return PurePath(filename.replace("\\", "/")).name or "tệp không tên"


def check(
    files: Sequence[tuple[str, bytes]],
    store: StoreView | None = None,
    choice: Choice | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> list[CheckedFile]:
    """Every file of an upload with its returns read and validated; with a store, also compared with the stored
    returns and told what confirming would do. `choice` is what the user says the files are (court, period)."""
    # Untrusted bytes are parsed in a worker process: a reader that runs out of memory, aborts or hangs ends only
    # the worker, and the file is refused.
    reads = [
        (display_name(name), content, read_in_worker(display_name(name), content, choice, limits))
        for name, content in files
    ]
    rets = [r.ret for _, _, found in reads for r in found if r.ret is not None]
    stored = Stored.of(store, {ret.year for ret in rets}, {ret.court for ret in rets})
    with collector_paused():
        return [
            CheckedFile(name, content, [_checked(name, content, digest, r, stored, store is not None) for r in found])
            for name, content, found in reads
            for digest in [sha256(content)]  # once per file: a national workbook's 700 returns share its bytes
        ]


def _checked(name: str, content: bytes, digest: str, read, stored: Stored, compare: bool) -> Checked:
    common = {"resolution": read.resolution, "ignored": read.ignored, "part": read.part}
    if read.ret is None:
        return Checked(name, content, None, read.problems, **common)
    ret, found = validate(read.ret, name)
    problems = read.problems + found
    quarter_only = False
    if not PERIOD_BY_KEY[ret.period].cumulative:
        ret, quarter_problems, quarter_only = to_cumulative(ret, stored.figures_of(ret.court, ret.year), name)
        problems += quarter_problems
    if compare:
        problems += continuity_problems(ret, stored.figures_of(ret.court, ret.year, ret.year - 1), name)
    becomes = stored.outcome(ret, digest, name)
    replaces = stored.replaced(ret) if becomes.status == "stored" else None
    return Checked(
        name, content, ret, problems, quarter_only=quarter_only, becomes=becomes, replaces=replaces, **common
    )


def confirm(store: StoreWriter, files: Sequence[CheckedFile], actor: Account, note: str = "") -> list[Outcome]:
    """Stores the returns of every file of the upload that has no error, and the note beside each return stored, in
    one transaction: all of them or nothing (PermissionDenied or StoreUnavailable: nothing is written). A file with
    an error is rejected whole: its returns come back "rejected" and nothing of it is written."""
    storable = [f for f in files if f.ok]
    with collector_paused():  # a national workbook's 77.000 figures become rows
        saved = store.save_upload(
            [(f.filename, f.content, [(p.ret, p.problems) for p in f.parts]) for f in storable], actor=actor, note=note
        )
    by_file = dict(zip((id(f) for f in storable), saved, strict=True))
    outcomes = []
    for file in files:
        if id(file) not in by_file:
            outcomes += [Outcome(p.filename, "rejected", None, p.problems) for p in file.parts]
            continue
        outcomes += [
            Outcome(p.filename, s.status, s, p.problems) for p, s in zip(file.parts, by_file[id(file)], strict=True)
        ]
    return outcomes


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


def to_cumulative(ret: Return, stored: pd.DataFrame, file: str) -> tuple[Return, list[Problem], bool]:
    """A quarter-only return made cumulative from 1 October when the earlier cumulative return is stored (`stored`:
    the court's current figures of the year, long form with period, scope, measure, value).

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
    before = stored[stored["period"] == str(months_before)] if not stored.empty else stored
    if before.empty:
        label = PERIOD_BY_KEY[str(months_before)].label_vi
        note = Problem(
            INFO,
            "quarter.kept_alone",
            f"Báo cáo {_mid_sentence(period.label_vi)}: chưa có báo cáo lũy kế {label} của Tòa án này "
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
        f"Báo cáo {_mid_sentence(period.label_vi)} đã được cộng với báo cáo lũy kế {months_before} tháng đã lưu "
        f"thành số liệu lũy kế {period.months} tháng (thụ lý mới, giải quyết… cộng dồn; thụ lý cũ giữ nguyên; "
        "tổng thụ lý và còn lại tính lại).",
        f"The quarter-only return was added to the stored {months_before}-month return to give {period.months} months.",
        file,
    )
    return cumulative, [note], False


def _mid_sentence(label: str) -> str:
    """A label inside a sentence: only its first letter lower-cased, so a quarter's Roman numeral stays («quý IV»)."""
    return label[:1].lower() + label[1:]


def preview(ret: Return, lang: str = "vi") -> tuple[pd.DataFrame, pd.DataFrame]:
    """What will be stored, labelled for people: the case table and the court figures."""
    cases = ret.cases.rename(
        index=lambda k: CASE_TYPE_BY_KEY[k].label(lang), columns=lambda k: MEASURE_BY_KEY[k].label(lang)
    ).dropna(axis=1, how="all")
    court = pd.DataFrame(
        {
            "measure": [MEASURE_BY_KEY[k].label(lang) for k in ret.court_figures],
            "value": pd.array(list(ret.court_figures.values()), dtype="Int64"),
        }
    )
    return cases, court
