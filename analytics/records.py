"""The records passed between the stages: a court's return, a problem found in a file, the problem table."""

from __future__ import annotations

import dataclasses
import datetime as dt
from array import array
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from analytics.domain import CASE_MEASURE_KEYS, CASE_TYPE_KEYS, COURT_MEASURE_KEYS
from analytics.frames import COURT_SCOPE, ERROR, INFO, SEVERITIES, TOTAL_SCOPE, WARNING, Problems, columns

__all__ = ["COURT_SCOPE", "ERROR", "INFO", "SEVERITIES", "TOTAL_SCOPE", "WARNING"]  # the vocabulary, from frames


@dataclass(frozen=True)
class Problem:
    """One finding about one place in one file; `message` is Vietnamese, `message_en` English."""

    severity: str
    rule: str
    message: str
    message_en: str
    file: str = ""
    sheet: str = ""
    cell: str = ""
    value: str = ""


PROBLEM_COLUMNS = tuple(columns(Problems))


def problem_table(problems: list[Problem]) -> pd.DataFrame:
    """Problems as one table, errors first, in the order they were found within a severity."""
    rank = {s: i for i, s in enumerate(SEVERITIES)}
    ordered = sorted(problems, key=lambda p: rank.get(p.severity, len(rank)))  # stable: found order kept
    return pd.DataFrame([[getattr(p, c) for c in PROBLEM_COLUMNS] for p in ordered], columns=list(PROBLEM_COLUMNS))


@dataclass(frozen=True, eq=False)
class CaseFigures:
    """A case table as its figures and missing marks, one row of each per measure, case types in their order:
    what the readers build and validation fills in. A frame is made of it only when someone asks for one
    (`Return.cases`): a national workbook has hundreds of tables, and pandas costs half a millisecond for each
    frame built, pickled across to the server or unpickled again."""

    numbers: np.ndarray  # int64, (measures, case types)
    missing: np.ndarray  # bool, the same shape: True where the figure was not given

    @classmethod
    def of(cls, values: dict[tuple[str, str], int] | None = None) -> CaseFigures:
        """From (case type, measure) → figure; what is not given is missing."""
        shape = (len(CASE_MEASURE_KEYS), len(CASE_TYPE_KEYS))
        numbers, missing = np.zeros(shape, dtype="int64"), np.ones(shape, dtype=bool)
        if values:
            places = [_PLACE[key] for key in values]
            numbers.flat[places] = list(values.values())
            missing.flat[places] = False
        return cls(numbers, missing)

    @classmethod
    def from_frame(cls, cases: pd.DataFrame) -> CaseFigures | None:
        """The figures of a case table built by `cases_frame` (case types and measures in their order, nullable
        integers); None for any other frame. Read from pandas' own arrays: converting the frame costs
        milliseconds."""
        same = cases.index is _INDEX and cases.columns is _COLUMNS  # built here: nothing to compare
        if not same and not (
            cases.index.equals(_INDEX) and cases.columns.equals(_COLUMNS) and cases.index.name == _INDEX.name
        ):
            return None
        arrays = [cases._mgr.iget_values(j) for j in range(len(_COLUMNS))]
        if not all(type(a) is pd.arrays.IntegerArray and a.dtype == _INT64 for a in arrays):
            return None
        return cls(np.stack([a._data for a in arrays]), np.stack([a._mask for a in arrays]))

    def frame(self) -> pd.DataFrame:
        """The case table: indexed by case type, one nullable integer column per measure (NA = not given).

        Nullable integer columns built directly, and put together without pandas checking them again (the
        general constructor, or converting a float frame, is what made hundreds of tables slow). `_from_arrays`
        is pandas' own constructor for arrays that are already right (pandas is pinned). The arrays are copied:
        a change to the frame leaves these figures as they are."""
        arrays = [pd.arrays.IntegerArray(self.numbers[j].copy(), self.missing[j].copy()) for j in range(len(_COLUMNS))]
        return pd.DataFrame._from_arrays(arrays, columns=_COLUMNS, index=_INDEX, verify_integrity=False)


def cases_frame(values: dict[tuple[str, str], int] | None = None) -> pd.DataFrame:
    """The case table from (case type, measure) → figure; what is not given is NA."""
    return CaseFigures.of(values).frame()


_INT64 = pd.Int64Dtype()
_INDEX = pd.Index(CASE_TYPE_KEYS, name="case_type")  # immutable: shared by every case table
_COLUMNS = pd.Index(CASE_MEASURE_KEYS)
_ROW = {key: i for i, key in enumerate(CASE_TYPE_KEYS)}
_COLUMN = {key: i for i, key in enumerate(CASE_MEASURE_KEYS)}
_PLACE = {(c, m): _COLUMN[m] * len(_ROW) + _ROW[c] for c in CASE_TYPE_KEYS for m in CASE_MEASURE_KEYS}  # in `.flat`


def empty_cases() -> pd.DataFrame:
    return cases_frame()


class _CaseTable:
    """`Return.cases`: given as a frame or as `CaseFigures`, always read as a frame, made once when first read.
    A data descriptor, which dataclasses support as a field: the frozen `__init__` and `dataclasses.replace` set it
    through `__set__`. Without a value the table is empty."""

    def __set_name__(self, owner: type, name: str) -> None:
        self.given, self.made = f"_{name}_given", f"_{name}_frame"

    def __get__(self, ret: object, owner: type | None = None) -> pd.DataFrame | None:
        if ret is None:
            return None  # the field's default: an empty table
        state = ret.__dict__
        if self.made not in state:
            given = state[self.given]
            state[self.made] = given.frame() if isinstance(given, CaseFigures) else given
        return state[self.made]

    def __set__(self, ret: object, value: pd.DataFrame | CaseFigures | None) -> None:
        ret.__dict__[self.given] = CaseFigures.of() if value is None else value
        ret.__dict__.pop(self.made, None)

    def figures(self, ret: Return) -> CaseFigures | None:
        """The figures as given, or read from the frame once one was made (a caller may have changed it); None
        for a frame of another shape."""
        state = ret.__dict__
        table = state.get(self.made, state[self.given])
        return table if isinstance(table, CaseFigures) else CaseFigures.from_frame(table)


@dataclass(frozen=True)
class Source:
    """How a figure came about when it is not the number typed in its own cell: the cells it comes from
    ("E5", "C5+D5", "C11:I11") and what was done, for the upload report."""

    cells: str
    how_vi: str
    how_en: str


@dataclass(frozen=True, eq=False)
class Return:
    """A court's statistical return for one period: case figures, court figures and who prepared it.

    `cases` is indexed by case type with one nullable integer column per measure (NA = not given); it may be
    given as `CaseFigures`, and `case_figures()` reads the figures without making the frame.
    `cells` says where each figure was read, as (scope, measure) → (sheet, cell); `sources` says how a
    figure came about when it was not typed as a number in that cell ("-", empty, derived, added up).
    """

    court: str
    year: int
    period: str
    cases: pd.DataFrame | CaseFigures | None = _CaseTable()  # read: always a frame
    court_figures: dict[str, int | None] = field(default_factory=lambda: dict.fromkeys(COURT_MEASURE_KEYS))
    totals: dict[str, int] = field(default_factory=dict)
    prepared_by: str = ""
    prepared_on: dt.date | None = None
    notes: str = ""
    synthetic: bool = False
    cells: dict[tuple[str, str], tuple[str, str]] = field(default_factory=dict)
    sources: dict[tuple[str, str], Source] = field(default_factory=dict)

    def place(self, scope: str, measure: str) -> tuple[str, str]:
        """(sheet, cell) a figure was read from; ("", "") when it was not read from a cell."""
        return self.cells.get((scope, measure), ("", ""))

    def case_figures(self) -> CaseFigures | None:
        """The case figures without making a frame; None when the case table is a frame of another shape."""
        return _CASES.figures(self)

    def figures(self) -> pd.DataFrame:
        """The figures in long form: scope (case type or "court"), measure, value; missing ones left out."""
        return pd.DataFrame(self.figure_records(), columns=["scope", "measure", "value"]).astype({"value": "int64"})

    def figure_records(self) -> list[tuple[str, str, int]]:
        """`figures()` as plain (scope, measure, value) tuples: a national workbook stores hundreds of returns."""
        arrays = self.case_figures()
        if arrays is None:
            measures = list(self.cases.columns)
            table = self.cases.to_numpy(dtype=object, na_value=None).tolist()
            records = [
                (scope, measure, int(value))
                for scope, values in zip(self.cases.index, table, strict=True)
                for measure, value in zip(measures, values, strict=True)
                if value is not None
            ]
        else:
            numbers, missing = arrays.numbers.T.tolist(), arrays.missing.T.tolist()
            records = [
                (scope, measure, value)
                for scope, values, gaps in zip(CASE_TYPE_KEYS, numbers, missing, strict=True)
                for measure, value, gap in zip(CASE_MEASURE_KEYS, values, gaps, strict=True)
                if not gap
            ]
        return records + [(COURT_SCOPE, k, int(v)) for k, v in self.court_figures.items() if v is not None]

    def __reduce__(self):
        """Pickled with its case table as two small arrays (the reading worker sends hundreds of returns back, and
        a pickled frame costs a millisecond each way), any other frame as it is; and its cells packed
        (`_packed_cells`)."""
        values = {f.name: getattr(self, f.name) for f in dataclasses.fields(self) if f.name not in ("cases", "cells")}
        arrays = self.case_figures()
        cases = self.cases if arrays is None else arrays
        return (_returned, (values | {"cases": cases, "cells": _packed_cells(self.cells)},))


_CASES: _CaseTable = Return.__dict__["cases"]


def _returned(values: dict[str, object]) -> Return:
    return Return(**values | {"cells": _unpacked_cells(values["cells"])})


# Every key a return's `cells` has, numbered: a return's cells cross from the reading worker as numbers and text.
_CELL_KEYS = (
    *((c, m) for c in CASE_TYPE_KEYS for m in CASE_MEASURE_KEYS),
    *((TOTAL_SCOPE, m) for m in CASE_MEASURE_KEYS),
    *((COURT_SCOPE, m) for m in COURT_MEASURE_KEYS),
)
_CELL_NUMBER = {key: i for i, key in enumerate(_CELL_KEYS)}
_CELL_SEPARATOR = "\x1f"  # the ASCII unit separator: no cell name holds it


def _packed_cells(cells: dict[tuple[str, str], tuple[str, str]]) -> tuple | dict:
    """A return's cells as (its sheets, each key's number, each place's sheet number, the cells' names joined): a
    national workbook's 90.000 places would cross as as many pairs of tuples, three times slower to pickle. A key
    outside `_CELL_KEYS`, or more than 255 sheets, keeps the dict as it is."""
    numbers = [_CELL_NUMBER.get(key, -1) for key in cells]
    sheets: dict[str, int] = {}
    where = [sheets.setdefault(sheet, len(sheets)) for sheet, _ in cells.values()]
    names = [name for _, name in cells.values()]
    if not cells or -1 in numbers or len(sheets) > 255 or any(_CELL_SEPARATOR in name for name in names):
        return cells
    return tuple(sheets), array("H", numbers).tobytes(), bytes(where), _CELL_SEPARATOR.join(names)


def _unpacked_cells(packed: tuple | dict) -> dict[tuple[str, str], tuple[str, str]]:
    if isinstance(packed, dict):
        return packed
    sheets, numbers, where, names = packed
    keys = array("H")
    keys.frombytes(numbers)
    places = zip(map(sheets.__getitem__, where), names.split(_CELL_SEPARATOR), strict=True)
    return dict(zip(map(_CELL_KEYS.__getitem__, keys), places, strict=True))
