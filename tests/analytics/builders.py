"""Small builders for the analytics specs: a valid return, its workbook, one cell changed, figure frames, a store."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import replace
from pathlib import Path

import openpyxl
import pandas as pd
import sqlalchemy as sa

from analytics.domain import CASE_MEASURE_KEYS, CASE_MEASURES, CASE_TYPE_KEYS, COURT_MEASURE_KEYS
from analytics.ingest.identity import Choice
from analytics.ingest.layout import (
    ACTIVITY_MEASURES,
    CASE_HEADER_ROW,
    FIELDS_FIRST_ROW,
    META_FIELDS,
    SHEET_ACTIVITY,
    SHEET_CASES,
    SHEET_META,
)
from analytics.ingest.template import write_workbook
from analytics.records import Return, empty_cases
from analytics.security import ADMIN, Account
from analytics.store import accounts
from analytics.store.schema import users
from analytics.store.storage import Store
from analytics.upload import Checked, CheckedFile, Outcome, check, confirm

YEAR = 2023
SAMPLE_DIR = Path(__file__).resolve().parents[2] / "sample_data"

# One case type's figures: accepted (100) and pending (20) follow from these unless given.
ROW = {
    "carried_over": 10,
    "new": 90,
    "resolved": 80,
    "overdue": 0,
    "suspended": 1,
    "quashed_subjective": 1,
    "amended_subjective": 1,
    "quashed_total": 2,
    "amended_total": 3,
}
MEDIATION = {"mediation_handled": 40, "mediation_success": 30}
DEFENDANTS = {"defendants_accepted": 150, "defendants_resolved": 120}
COURT_FIGURES = {
    "judges": 27,
    "units": 9,
    "online_hearings": 30,
    "experience_trials": 20,
    "judgments_to_publish": 60,
    "judgments_published": 60,
    "enforcement_required": 50,
    "enforcement_on_time": 50,
}
EMPTY_ROW = dict.fromkeys(CASE_MEASURE_KEYS)  # a case-type row with nothing typed in it


def a_case_row(case_type: str = "criminal", **figures: int | None) -> dict[str, int | None]:
    """Consistent figures of one case type; accepted = carried_over + new and pending = accepted − resolved
    unless they are given (None leaves a cell empty)."""
    only = {m.key: m.only_for for m in CASE_MEASURES}
    extras = {k: v for k, v in (MEDIATION | DEFENDANTS).items() if case_type in (only[k] or ())}
    row = ROW | extras | figures
    if "accepted" not in figures:
        row["accepted"] = _add(row["carried_over"], row["new"])
    if "pending" not in figures:
        row["pending"] = _subtract(row["accepted"], row["resolved"])
    return row


def _add(a: int | None, b: int | None) -> int | None:
    return None if a is None or b is None else a + b


def _subtract(a: int | None, b: int | None) -> int | None:
    return None if a is None or b is None else a - b


def a_return(
    court: str = "lai_chau",
    period: str = "12",
    *,
    year: int = YEAR,
    cases: dict[str, dict[str, int | None]] | None = None,
    court_figures: dict[str, int | None] | None = None,
    **fields: object,
) -> Return:
    """A valid return: every case type with `ROW`'s figures (changed where `cases` says), and court figures."""
    frame = empty_cases()
    for case_type in CASE_TYPE_KEYS:
        row = a_case_row(case_type, **(cases or {}).get(case_type, {}))
        for measure, value in row.items():
            frame.at[case_type, measure] = pd.NA if value is None else value
    figures = dict.fromkeys(COURT_MEASURE_KEYS) | COURT_FIGURES | (court_figures or {})
    return Return(court, year, period, frame, figures, **fields)


def workbook(ret: Return | None = None) -> bytes:
    """The return written as the template writes it (the blank template without one)."""
    return write_workbook(ret)


def with_cells(book: bytes, edits: dict[tuple[str, str], object]) -> bytes:
    """The workbook with some cells, given as (sheet, cell) → value, set (None empties a cell).

    openpyxl keeps no cached formula results, so the totals row reads as empty afterwards.
    """
    loaded = openpyxl.load_workbook(io.BytesIO(book))
    for (sheet, cell), value in edits.items():
        loaded[sheet][cell] = value
    buffer = io.BytesIO()
    loaded.save(buffer)
    return buffer.getvalue()


def with_cell(book: bytes, sheet: str, cell: str, value: object) -> bytes:
    return with_cells(book, {(sheet, cell): value})


def without_sheet(book: bytes, sheet: str) -> bytes:
    loaded = openpyxl.load_workbook(io.BytesIO(book))
    del loaded[sheet]
    buffer = io.BytesIO()
    loaded.save(buffer)
    return buffer.getvalue()


def without_case_row(book: bytes, case_type: str) -> bytes:
    """The workbook with a case type's row taken out of the template's case table (the rows below move up)."""
    loaded = openpyxl.load_workbook(io.BytesIO(book))
    loaded[SHEET_CASES].delete_rows(CASE_HEADER_ROW + 2 + CASE_TYPE_KEYS.index(case_type))
    buffer = io.BytesIO()
    loaded.save(buffer)
    return buffer.getvalue()


def _a1(row: int, col: int) -> str:
    return f"{openpyxl.utils.get_column_letter(col + 1)}{row + 1}"


def case_cell(case_type: str, measure: str) -> tuple[str, str]:
    """(sheet, cell) of one figure in the template's case table."""
    row = CASE_HEADER_ROW + 1 + CASE_TYPE_KEYS.index(case_type)
    return SHEET_CASES, _a1(row, 2 + CASE_MEASURE_KEYS.index(measure))


def total_cell(measure: str) -> tuple[str, str]:
    """(sheet, cell) of one measure in the totals row under the case table."""
    return SHEET_CASES, _a1(CASE_HEADER_ROW + 1 + len(CASE_TYPE_KEYS), 2 + CASE_MEASURE_KEYS.index(measure))


def meta_cell(key: str) -> tuple[str, str]:
    """(sheet, cell) of a field of the «Thông tin» sheet (court, year, period, judges, units, …)."""
    return SHEET_META, _a1(FIELDS_FIRST_ROW + [f.key for f in META_FIELDS].index(key), 1)


def activity_cell(measure: str) -> tuple[str, str]:
    """(sheet, cell) of a figure of the «Hoạt động» sheet."""
    return SHEET_ACTIVITY, _a1(FIELDS_FIRST_ROW + ACTIVITY_MEASURES.index(measure), 1)


def figure_cell(scope: str, measure: str) -> tuple[str, str]:
    """Where the template asks for a figure, whichever sheet that is."""
    if scope != "court":
        return case_cell(scope, measure)
    return meta_cell(measure) if measure in ("judges", "units") else activity_cell(measure)


def figures_frame(*rows: tuple[str, str, str, int], year: int = YEAR, period: str = "12") -> pd.DataFrame:
    """Stored figures in long form from (court, scope, measure, value) rows, as `Store.figures()` gives them."""
    frame = pd.DataFrame(rows, columns=["court", "scope", "measure", "value"])
    return frame.assign(year=year, period=period, version=1)[
        ["court", "year", "period", "version", "scope", "measure", "value"]
    ]


def a_store(tmp_path: Path) -> Store:
    return Store(f"sqlite:///{tmp_path / 'cum2.sqlite'}")


def database_state(store: Store) -> tuple[int, pd.DataFrame, pd.DataFrame]:
    """Everything an import could change: the data version, every stored return and every upload."""
    return store.data_version(), store.returns(current_only=False), store.uploads()


def sample_files() -> list[Path]:
    return sorted(SAMPLE_DIR.glob("*.xlsx"))


def account(
    store: Store, username: str = "tester", role: str = ADMIN, court: str | None = None, display_name: str = ""
) -> Account:
    """Who does a write in a test: an account of the store's users table (created here when it is not there yet,
    without a password), an administrator unless said otherwise. Every write reads it again from the table."""
    return enrol(store, Account(username, role, court, display_name))


def enrol(store: Store, who: Account) -> Account:
    """The account as a row of the store's users table (added when missing); returned as the database holds it."""
    with store.engine.begin() as conn:
        if conn.execute(sa.select(users.c.username).where(users.c.username == who.username)).first() is None:
            conn.execute(
                users.insert().values(
                    username=who.username,
                    display_name=who.display_name,
                    role=who.role,
                    court=who.court,
                    active=True,
                    created_at=dt.datetime.now(dt.UTC),
                    failed_logins=0,
                    system=False,
                    generation=0,
                )
            )
    return accounts.still_valid(store, replace(who, generation=0)) or who


# --- the upload use case, one file at a time (most specs send one file) ---------------------------------------


def checked_file(
    filename: str, content: bytes, store: Store | None = None, choice: Choice | None = None
) -> CheckedFile:
    """One file read and validated as the upload page does (`upload.check`), with every return it holds."""
    return check([(filename, content)], store, choice)[0]


def checked_parts(
    filename: str, content: bytes, store: Store | None = None, choice: Choice | None = None
) -> list[Checked]:
    """Every return of one file, read and validated (seven for a compiled workbook)."""
    return checked_file(filename, content, store, choice).parts


def check_one(filename: str, content: bytes, store: Store | None = None, choice: Choice | None = None) -> Checked:
    """The one return of a court's file, read and validated."""
    [part] = checked_parts(filename, content, store, choice)
    return part


def imported_all(
    store: Store, filename: str, content: bytes, actor: Account, choice: Choice | None = None
) -> list[Outcome]:
    """One file checked and confirmed as the upload page and the command line do: what each of its returns came to."""
    return confirm(store, [checked_file(filename, content, store, choice)], actor)


def imported(store: Store, filename: str, content: bytes, actor: Account, choice: Choice | None = None) -> Outcome:
    """A court's file checked and confirmed: what its return came to."""
    [outcome] = imported_all(store, filename, content, actor, choice)
    return outcome


def stored_all(store: Store, parts: list[Checked], actor: Account) -> list[Outcome]:
    """The returns of one checked file confirmed (a compiled workbook whole or not at all)."""
    return confirm(store, [CheckedFile(parts[0].filename, parts[0].content, parts)], actor)


def stored_one(store: Store, part: Checked, actor: Account) -> Outcome:
    [outcome] = stored_all(store, [part], actor)
    return outcome
