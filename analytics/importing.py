"""The import pipeline the app and the command line share: read → validate → (confirm) → store."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import PurePath

import pandas as pd

from analytics.domain import CASE_TYPE_BY_KEY, MEASURE_BY_KEY
from analytics.model import ERROR, Problem, Return, problem_table
from analytics.reader import read_return
from analytics.security import Account
from analytics.storage import Saved, Store, sha256
from analytics.validate import continuity_problems, validate


@dataclass(frozen=True, eq=False)
class Checked:
    """A file read and validated but not stored yet: what the upload page previews."""

    filename: str
    content: bytes
    ret: Return | None
    problems: list[Problem] = field(default_factory=list)

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


def check(filename: str, content: bytes, store: Store | None = None) -> Checked:
    """Reads and validates a workbook; with a store, also compares it with the court's stored returns."""
    name = display_name(filename)
    ret, problems = read_return(name, content)
    if ret is None:
        return Checked(name, content, None, problems)
    ret, found = validate(ret, name)
    problems = problems + found
    if store is not None:
        stored = pd.concat(
            [store.figures(year=ret.year, court=ret.court), store.figures(year=ret.year - 1, court=ret.court)]
        )
        problems += continuity_problems(ret, stored, name)
    return Checked(name, content, ret, problems)


def store_checked(store: Store, checked: Checked, actor: Account) -> Outcome:
    """Stores a checked file; a file with errors is rejected and nothing is written."""
    if not checked.ok:
        return Outcome(checked.filename, "rejected", None, checked.table())
    saved = store.save_return(
        checked.ret, checked.problems, filename=checked.filename, content=checked.content, actor=actor
    )
    return Outcome(checked.filename, saved.status, saved, checked.table())


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
