"""Each frame checked where one stage hands it to the next, against its one declaration (analytics/frames.py)."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
import pytest

from analytics.compute.comparison import compare
from analytics.compute.indicators import compute
from analytics.compute.targets import evaluate
from analytics.domain import CASE_MEASURE_KEYS
from analytics.frames import CaseTable, ComparisonRows, Figures, Indicators, Judged, LongOutput, Problems, columns
from analytics.ingest.reader import read_return
from analytics.ingest.validate import validate
from analytics.outputs.export import long_table
from analytics.records import problem_table
from analytics.store.storage import Store
from tests.analytics.builders import a_return, check_one, with_cell, workbook


@pytest.fixture(scope="module")
def sample(sample_db) -> Store:
    store = Store(f"sqlite:///{sample_db}")
    yield store
    store.dispose()


def test_the_case_table_is_declared_in_the_order_of_the_domains_measures():
    assert columns(CaseTable) == list(CASE_MEASURE_KEYS)


def test_a_read_return_hands_a_case_table_to_validation_and_validation_hands_one_on():
    ret, _ = read_return("x.xlsx", workbook(a_return(cases={"civil": {"accepted": None}})))

    CaseTable.validate(ret.cases)
    derived, _ = validate(ret, "x.xlsx")
    CaseTable.validate(derived.cases)


def test_a_case_table_with_a_negative_figure_breaks_the_declaration():
    ret = a_return()
    broken = ret.cases.assign(new=ret.cases["new"] * -1)

    with pytest.raises(pa.errors.SchemaError):
        CaseTable.validate(broken)


def test_the_problem_table_of_a_refused_file_is_the_declared_one():
    refused = check_one("x.xlsx", with_cell(workbook(a_return()), "Vụ việc", "F5", "nhiều"))

    Problems.validate(problem_table(refused.problems))
    assert not refused.ok


def test_the_store_hands_figures_to_the_computations(sample):
    Figures.validate(sample.figures(), lazy=True)


def test_the_indicators_the_judgement_and_the_comparison_are_the_declared_frames(sample):
    figures = sample.figures()
    chosen = figures[(figures[Figures.year] == 2025) & (figures[Figures.period] == "6")]

    Indicators.validate(compute(chosen), lazy=True)
    Judged.validate(evaluate(compute(chosen), sample.targets(2025)), lazy=True)
    for year, period in ((2025, "6"), (2025, "12"), (2023, "3")):
        rows = compare(figures, sample.targets(year), sample.returns(), year, period).rows
        ComparisonRows.validate(rows, lazy=True)


def test_the_command_lines_long_output_is_the_declared_frame(sample):
    comparison = compare(sample.figures(), sample.targets(2025), sample.returns(), 2025, "9")

    LongOutput.validate(long_table(comparison), lazy=True)


def test_a_stored_problem_table_reads_back_as_the_declared_one(sample):
    first = int(sample.returns()["id"].iloc[0])

    stored = sample.problems(first)

    Problems.validate(stored if not stored.empty else pd.DataFrame(columns=columns(Problems), dtype="str"))
