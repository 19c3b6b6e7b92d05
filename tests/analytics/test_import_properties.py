"""Property specs: a valid return mutated at random (moved, relabelled, numbers as text, rows and columns
inserted, bytes cut off) either reads back with the right figures or is refused cleanly — never a traceback."""

from __future__ import annotations

import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from analytics.ingest.labels import _EXTRA_SYNONYMS, CASE_TYPE, MEASURE
from tests.analytics.builders import check_one
from tests.analytics.corpus import CASE_LABELS, RET, USUAL, case_grid, xlsx

MEASURE_NAMES = {k: sorted({v, *_EXTRA_SYNONYMS.get((MEASURE, k), ())}) for k, v in USUAL.items()}
CASE_NAMES = {k: sorted({v, *_EXTRA_SYNONYMS.get((CASE_TYPE, k), ())}) for k, v in CASE_LABELS.items()}
STYLES = {
    "number": lambda v: v,
    "text": lambda v: None if v is None else str(v),
    "vietnamese": lambda v: None if v is None else f"{v:,}".replace(",", "."),
    "spaced": lambda v: None if v is None else f"{v:,}".replace(",", " "),
}


@st.composite
def mutated_grid(draw) -> list[list[object]]:
    measures = {k: draw(st.sampled_from(names)) for k, names in MEASURE_NAMES.items()}
    cases = {k: draw(st.sampled_from(names)) for k, names in CASE_NAMES.items()}
    case = draw(st.sampled_from(["keep", "upper", "lower"]))
    change = {"keep": str, "upper": str.upper, "lower": str.lower}[case]
    grid = case_grid(
        measures={k: change(v) for k, v in measures.items()},
        cases={k: change(v) for k, v in cases.items()},
        ordinal=draw(st.booleans()),
        show=STYLES[draw(st.sampled_from(sorted(STYLES)))],
        totals=draw(st.sampled_from([None, "Tổng cộng", "Cộng"])),
        left=draw(st.integers(0, 4)),
    )
    blank_rows = draw(st.integers(0, 5))
    return [[] for _ in range(blank_rows)] + grid


def _reads_right_or_refuses(name: str, content: bytes) -> None:
    checked = check_one(name, content)
    if checked.ok:
        assert (checked.ret.court, checked.ret.year, checked.ret.period) == ("lai_chau", 2023, "6")
        pd.testing.assert_frame_equal(checked.ret.cases, RET.cases)
    else:
        errors = [p for p in checked.problems if p.severity == "error"]
        assert errors and all(p.message and p.message_en for p in errors)


@given(mutated_grid())
def test_a_mutated_return_reads_back_the_same_figures(grid):
    checked = check_one("bc.xlsx", xlsx({"Sheet1": grid}))

    assert checked.ok, checked.table()[["rule", "cell", "message"]].to_string()
    pd.testing.assert_frame_equal(checked.ret.cases, RET.cases)
    assert checked.ret.court_figures == RET.court_figures


@given(mutated_grid(), st.integers(0, 100_000), st.sampled_from(["bc.xlsx", "bc.csv", "bc.ods", "bc.xls"]))
def test_a_cut_off_or_misnamed_file_reads_right_or_is_refused_cleanly(grid, cut, name):
    content = xlsx({"Sheet1": grid})

    _reads_right_or_refuses(name, content[: cut % (len(content) + 1)])


@given(st.binary(max_size=2000), st.sampled_from(["x.xlsx", "x.csv", "x.xls", "x.txt"]))
def test_arbitrary_bytes_never_raise_and_a_refusal_always_says_why_in_both_languages(content, name):
    checked = check_one(name, content)

    if not checked.ok:
        errors = [p for p in checked.problems if p.severity == "error"]
        assert errors and all(p.message and p.message_en for p in errors)
