"""A return's case table survives the trip from the reading worker to the server exactly, however it was built."""

from __future__ import annotations

import pickle

import pandas as pd
import pytest

from analytics.records import COURT_SCOPE, TOTAL_SCOPE, CaseFigures, Return, cases_frame
from tests.analytics.builders import a_return


def a_read_return() -> Return:
    return a_return("lai_chau", "6")


def test_a_pickled_return_comes_back_with_the_same_case_table_and_figures():
    ret = a_read_return()

    back = pickle.loads(pickle.dumps(ret))

    pd.testing.assert_frame_equal(back.cases, ret.cases, check_exact=True)
    assert back.figure_records() == ret.figure_records() and back.cells == ret.cells


@pytest.mark.parametrize(
    "cells",
    [
        {("criminal", "new"): ("BC", "D5"), (TOTAL_SCOPE, "new"): ("BC", "D18"), (COURT_SCOPE, "judges"): ("TT", "B3")},
        {("civil", "resolved"): ("Sheet «1»", "F6+F7"), ("criminal", "accepted"): ("Sheet «1»", "E5")},  # added up
        {("criminal", "new"): ("BC", "D5"), ("criminal", "a measure of tomorrow"): ("BC", "Z5")},  # kept as a dict
        {},
    ],
    ids=["several sheets and scopes", "cells added up", "a key no return has yet", "none"],
)
def test_a_pickled_return_comes_back_with_the_same_cells_in_the_same_order(cells):
    ret = Return("lai_chau", 2023, "6", cells=cells)

    back = pickle.loads(pickle.dumps(ret))

    assert back.cells == cells and list(back.cells) == list(cells)


@pytest.mark.parametrize(
    "change",
    [
        lambda cases: cases.astype("float64"),  # not nullable integers
        lambda cases: cases[list(cases.columns)[::-1]],  # measures in another order
        lambda cases: cases.iloc[:3],  # fewer case types
    ],
)
def test_a_case_table_of_another_shape_is_pickled_and_recorded_as_it_is(change):
    ret = Return("lai_chau", 2023, "6", cases=change(cases_frame({("criminal", "new"): 4})))

    back = pickle.loads(pickle.dumps(ret))

    pd.testing.assert_frame_equal(back.cases, ret.cases, check_exact=True)
    assert ("criminal", "new", 4) in back.figure_records()


def test_filling_in_a_figure_of_a_copied_table_leaves_the_other_tables_alone():
    cases = cases_frame({("criminal", "new"): 4})
    copy = cases.copy()

    copy.at["criminal", "new"] = 9

    assert cases.at["criminal", "new"] == 4 and cases_frame({("criminal", "new"): 4}).at["criminal", "new"] == 4


def figures_of(values: dict[tuple[str, str], int]) -> CaseFigures:
    return CaseFigures.of(values)


def test_a_return_read_as_figures_gives_the_same_table_as_one_given_a_frame():
    values = {("criminal", "new"): 4, ("civil", "resolved"): 7}

    read, given = (
        Return("lai_chau", 2023, "6", cases=figures_of(values)),
        Return("lai_chau", 2023, "6", cases=cases_frame(values)),
    )

    pd.testing.assert_frame_equal(read.cases, given.cases, check_exact=True)
    assert read.figure_records() == given.figure_records() == [("criminal", "new", 4), ("civil", "resolved", 7)]


def test_a_return_read_as_figures_makes_its_frame_only_when_asked_and_then_once():
    ret = Return("lai_chau", 2023, "6", cases=figures_of({("criminal", "new"): 4}))
    back = pickle.loads(pickle.dumps(ret))

    assert back.figure_records() == ret.figure_records() and "_cases_frame" not in back.__dict__
    assert back.cases is back.cases


def test_a_change_made_to_a_returns_frame_is_what_its_figures_then_say():
    figures = figures_of({("criminal", "new"): 4})
    ret = Return("lai_chau", 2023, "6", cases=figures)

    ret.cases.at["criminal", "new"] = 9

    assert ("criminal", "new", 9) in ret.figure_records() and ("criminal", "new", 9) in pickle.loads(
        pickle.dumps(ret)
    ).figure_records()
    assert figures.numbers.sum() == 4  # the figures it was given are left as they were


def test_a_return_given_no_case_table_has_every_figure_missing():
    ret = Return("lai_chau", 2023, "6")

    assert ret.cases.isna().all().all() and ret.figure_records() == [
        (COURT_SCOPE, k, v) for k, v in ret.court_figures.items() if v is not None
    ]
