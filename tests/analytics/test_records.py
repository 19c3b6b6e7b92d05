"""A return's case table survives the trip from the reading worker to the server exactly, however it was built."""

from __future__ import annotations

import pickle

import pandas as pd
import pytest

from analytics.records import Return, cases_frame
from tests.analytics.builders import a_return


def a_read_return() -> Return:
    return a_return("lai_chau", "6")


def test_a_pickled_return_comes_back_with_the_same_case_table_and_figures():
    ret = a_read_return()

    back = pickle.loads(pickle.dumps(ret))

    pd.testing.assert_frame_equal(back.cases, ret.cases, check_exact=True)
    assert back.figure_records() == ret.figure_records() and back.cells == ret.cells


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
