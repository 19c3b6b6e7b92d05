"""The consistency rules of a return (DOMAIN.md §4) as a registry; every breach becomes one problem row.

Like pandera's lazy validation, nothing stops at the first failure: `validate` returns the return
with its derived figures and the whole list of problems, each pointing at a sheet and a cell.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analytics import formatting
from analytics.domain import (
    CASE_MEASURE_KEYS,
    CASE_MEASURES,
    CASE_TYPE_BY_KEY,
    CASE_TYPE_KEYS,
    CUMULATIVE_PERIODS,
    MEASURE_BY_KEY,
    PERIOD_BY_KEY,
    court_by_key,
)
from analytics.ingest.layout import ACTIVITY_MEASURES
from analytics.ingest.reading import MISSING_ROW_SOURCE
from analytics.records import (
    COURT_SCOPE,
    ERROR,
    INFO,
    TOTAL_SCOPE,
    WARNING,
    CaseFigures,
    Problem,
    Return,
    Source,
)


@dataclass(frozen=True)
class Rule:
    """`sum(left) op sum(right)` must hold on every row where all its figures are given."""

    key: str
    severity: str
    left: tuple[str, ...]
    op: str  # "==" or "<="
    right: tuple[str, ...]
    vi: str
    en: str

    @property
    def cite(self) -> str:
        """The measure whose cell a message points at: the one the rule constrains."""
        return self.left[0]


CASE_RULES: tuple[Rule, ...] = (
    Rule(
        "accepted_is_carried_over_plus_new",
        ERROR,
        ("accepted",),
        "==",
        ("carried_over", "new"),
        "Tổng số thụ lý ({accepted}) phải bằng Thụ lý cũ ({carried_over}) + Thụ lý mới ({new}).",
        "Accepted ({accepted}) must equal carried over ({carried_over}) + new ({new}).",
    ),
    Rule(
        "pending_is_accepted_minus_resolved",
        ERROR,
        ("pending", "resolved"),
        "==",
        ("accepted",),
        "Còn lại ({pending}) phải bằng Tổng số thụ lý ({accepted}) − Đã giải quyết ({resolved}).",
        "Pending ({pending}) must equal accepted ({accepted}) − resolved ({resolved}).",
    ),
    Rule(
        "resolved_at_most_accepted",
        ERROR,
        ("resolved",),
        "<=",
        ("accepted",),
        "Đã giải quyết ({resolved}) không được lớn hơn Tổng số thụ lý ({accepted}).",
        "Resolved ({resolved}) cannot exceed accepted ({accepted}).",
    ),
    Rule(
        "overdue_at_most_pending",
        ERROR,
        ("overdue",),
        "<=",
        ("pending",),
        "Quá hạn luật định ({overdue}) không được lớn hơn Còn lại ({pending}).",
        "Overdue ({overdue}) cannot exceed pending ({pending}).",
    ),
    Rule(
        "suspended_at_most_pending",
        ERROR,
        ("suspended",),
        "<=",
        ("pending",),
        "Tạm đình chỉ ({suspended}) không được lớn hơn Còn lại ({pending}).",
        "Suspended ({suspended}) cannot exceed pending ({pending}).",
    ),
    Rule(
        "quashed_subjective_at_most_quashed",
        ERROR,
        ("quashed_subjective",),
        "<=",
        ("quashed_total",),
        "Bị hủy do nguyên nhân chủ quan ({quashed_subjective}) không được lớn hơn tổng số bị hủy ({quashed_total}).",
        "Quashed for subjective causes ({quashed_subjective}) cannot exceed all quashed ({quashed_total}).",
    ),
    Rule(
        "amended_subjective_at_most_amended",
        ERROR,
        ("amended_subjective",),
        "<=",
        ("amended_total",),
        "Bị sửa do nguyên nhân chủ quan ({amended_subjective}) không được lớn hơn tổng số bị sửa ({amended_total}).",
        "Amended for subjective causes ({amended_subjective}) cannot exceed all amended ({amended_total}).",
    ),
    Rule(
        "quashed_at_most_resolved",
        ERROR,
        ("quashed_total",),
        "<=",
        ("resolved",),
        "Tổng số bị hủy ({quashed_total}) không được lớn hơn Đã giải quyết ({resolved}).",
        "All quashed ({quashed_total}) cannot exceed resolved ({resolved}).",
    ),
    Rule(
        "amended_at_most_resolved",
        ERROR,
        ("amended_total",),
        "<=",
        ("resolved",),
        "Tổng số bị sửa ({amended_total}) không được lớn hơn Đã giải quyết ({resolved}).",
        "All amended ({amended_total}) cannot exceed resolved ({resolved}).",
    ),
    Rule(
        "quashed_subjective_at_most_resolved",
        ERROR,
        ("quashed_subjective",),
        "<=",
        ("resolved",),
        "Bị hủy do nguyên nhân chủ quan ({quashed_subjective}) không được lớn hơn Đã giải quyết ({resolved}).",
        "Quashed for subjective causes ({quashed_subjective}) cannot exceed resolved ({resolved}).",
    ),
    Rule(
        "amended_subjective_at_most_resolved",
        ERROR,
        ("amended_subjective",),
        "<=",
        ("resolved",),
        "Bị sửa do nguyên nhân chủ quan ({amended_subjective}) không được lớn hơn Đã giải quyết ({resolved}).",
        "Amended for subjective causes ({amended_subjective}) cannot exceed resolved ({resolved}).",
    ),
    Rule(
        "mediation_success_at_most_handled",
        ERROR,
        ("mediation_success",),
        "<=",
        ("mediation_handled",),
        "Hòa giải, đối thoại thành ({mediation_success}) không được lớn hơn số đã hòa giải, đối thoại "
        "({mediation_handled}).",
        "Successful mediations ({mediation_success}) cannot exceed mediations handled ({mediation_handled}).",
    ),
    Rule(
        "defendants_resolved_at_most_accepted",
        ERROR,
        ("defendants_resolved",),
        "<=",
        ("defendants_accepted",),
        "Số bị cáo đã giải quyết ({defendants_resolved}) không được lớn hơn số bị cáo thụ lý ({defendants_accepted}).",
        "Defendants resolved ({defendants_resolved}) cannot exceed defendants accepted ({defendants_accepted}).",
    ),
)

COURT_RULES: tuple[Rule, ...] = (
    Rule(
        "published_at_most_to_publish",
        ERROR,
        ("judgments_published",),
        "<=",
        ("judgments_to_publish",),
        "Bản án đã công bố ({judgments_published}) không được lớn hơn số phải công bố ({judgments_to_publish}).",
        "Judgments published ({judgments_published}) cannot exceed judgments to publish ({judgments_to_publish}).",
    ),
    Rule(
        "on_time_at_most_required",
        ERROR,
        ("enforcement_on_time",),
        "<=",
        ("enforcement_required",),
        "Số ra quyết định thi hành án đúng hạn ({enforcement_on_time}) không được lớn hơn số phải ra quyết định "
        "({enforcement_required}).",
        "Enforcement decisions on time ({enforcement_on_time}) cannot exceed those required ({enforcement_required}).",
    ),
    Rule(
        "units_below_minimum_at_most_units",
        ERROR,
        ("online_units_below_minimum",),
        "<=",
        ("units",),
        "Số đơn vị tổ chức dưới 3 phiên tòa trực tuyến ({online_units_below_minimum}) không được lớn hơn Số đơn vị "
        "({units}).",
        "Units below 3 online hearings ({online_units_below_minimum}) cannot exceed the units ({units}).",
    ),
)

# Measures an empty cell counts as 0 for, in a row that has figures: no such case is the usual answer.
ZERO_WHEN_EMPTY = tuple(
    m.key
    for m in CASE_MEASURES
    if m.required and m.key not in ("carried_over", "new", "accepted", "resolved", "pending")
)
EMPTY_ROW_SOURCE = ("dòng để trống: tính là 0", "empty row: counted as 0")
EMPTY_CELL_SOURCE = ("ô trống: tính là 0", "empty cell: counted as 0")
# The two balances of DOMAIN.md §4: total = first + second; a missing one of the three is derived.
BALANCES = (("accepted", "carried_over", "new"), ("accepted", "pending", "resolved"))
# Figures that accumulate from 1 October, so a later cumulative return never has fewer.
GROWING = ("new", "accepted", "resolved") + tuple(k for k in ACTIVITY_MEASURES if MEASURE_BY_KEY[k].required)


def _where(ret: Return, file: str, scope: str, measure: str) -> dict[str, str]:
    sheet, cell = ret.place(scope, measure)
    return {"file": file, "sheet": sheet, "cell": cell}


def _located(prefix_vi: str, prefix_en: str, where: dict[str, str], vi: str, en: str) -> tuple[str, str]:
    """The message after the sheet and cell it concerns; a figure read from no sheet (a case type's missing row,
    counted as 0) is not given an empty «Sheet «»»."""
    if not where["sheet"]:
        return _capitalised(f"{prefix_vi}{vi}"), _capitalised(f"{prefix_en}{en}")
    place_vi = f"Sheet «{where['sheet']}», ô {where['cell']}" if where["cell"] else f"Sheet «{where['sheet']}»"
    place_en = f"Sheet '{where['sheet']}', cell {where['cell']}" if where["cell"] else f"Sheet '{where['sheet']}'"
    return f"{place_vi} – {prefix_vi}{vi}", f"{place_en} – {prefix_en}{en}"


def _count(value: object, lang: str = "vi") -> str:
    """A count in a message as the reader writes it ("1.234", "1,234" in English); a figure not given is empty."""
    return "" if _missing(value) else formatting.number(int(value), 0, lang)


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def _cell(ret: Return, scope: str, measure: str) -> str:
    return ret.place(scope, measure)[1]


Rows = dict[str, dict[str, object]]  # case type → measure → figure (an int, or pd.NA when not given)


def _rows(ret: Return, arrays: CaseFigures | None) -> Rows:
    """The case table as plain dicts per case type (ints and pd.NA), converted once per return: the rules run on
    these, and the table is rebuilt once at the end when a figure was filled in (a national workbook has hundreds
    of tables, and pandas costs milliseconds each time a table is converted or a cell is set). `arrays`: the
    return's case figures (`Return.case_figures`), None for a frame of another shape."""
    if arrays is None:
        cases = ret.cases
        names = list(cases.columns)
        rows = cases.to_numpy(dtype=object, na_value=pd.NA).tolist()
        return {case_type: dict(zip(names, row, strict=True)) for case_type, row in zip(cases.index, rows, strict=True)}
    na = pd.NA
    numbers, missing = arrays.numbers.T.tolist(), arrays.missing.T.tolist()
    return {
        case_type: {m: na if gap else v for m, v, gap in zip(CASE_MEASURE_KEYS, values, gaps, strict=True)}
        for case_type, values, gaps in zip(CASE_TYPE_KEYS, numbers, missing, strict=True)
    }


def _missing(value: object) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and value != value)


def _filled(
    ret: Return, arrays: CaseFigures | None, rows: Rows, changed: set[tuple[str, str]]
) -> pd.DataFrame | CaseFigures:
    """The case table with the figures filled in; the same table when nothing was."""
    if not changed:
        return ret.cases if arrays is None else arrays
    usual = arrays is not None or (
        list(ret.cases.index) == list(CASE_TYPE_KEYS) and list(ret.cases.columns) == list(CASE_MEASURE_KEYS)
    )
    if usual:  # the usual case types and measures (of any column type): the usual table, nullable integers
        return CaseFigures.of({(c, m): v for c, row in rows.items() for m, v in row.items() if not _missing(v)})
    filled = ret.cases.copy()
    for case_type, measure in changed:
        filled.at[case_type, measure] = rows[case_type][measure]
    return filled


def _fill_empty(
    ret: Return, file: str, rows: Rows, changed: set[tuple[str, str]]
) -> tuple[dict[tuple[str, str], Source], list[Problem]]:
    """Empty rows are no cases; in a row with figures, an empty count of the usual-zero kind is 0 — unless
    that column is empty in every row with figures: then it was not filled in, and that is an error."""
    sources: dict[tuple[str, str], Source] = {}
    problems: list[Problem] = []
    required = [m.key for m in CASE_MEASURES if m.required]
    empty_rows = {case_type: all(_missing(row[m]) for m in required) for case_type, row in rows.items()}
    with_figures = [case_type for case_type, empty in empty_rows.items() if not empty]
    unfilled = [m for m in ZERO_WHEN_EMPTY if with_figures and all(_missing(rows[c][m]) for c in with_figures)]
    for measure in unfilled:
        problems.append(_column_empty(ret, file, measure, with_figures))
    for case_type, row in rows.items():
        label = CASE_TYPE_BY_KEY[case_type]
        if empty_rows[case_type]:
            for measure in required:
                row[measure] = 0
                changed.add((case_type, measure))
            first, last = _cell(ret, case_type, required[0]), _cell(ret, case_type, required[-1])
            span = f"{first}:{last}" if first and last else first
            for measure in required:
                sources[(case_type, measure)] = Source(span, *EMPTY_ROW_SOURCE)
            where = _where(ret, file, case_type, "carried_over")
            vi, en = _located(
                "",
                "",
                where,
                f"Dòng «{label.label_vi}» để trống: tính là 0 vụ việc.",
                f"Row '{label.label_en}' is empty: counted as 0.",
            )
            problems.append(Problem(INFO, "row_empty_is_zero", vi, en, value="", **where))
            continue
        for measure in ZERO_WHEN_EMPTY:
            if _missing(row[measure]) and measure not in unfilled:
                row[measure] = 0
                changed.add((case_type, measure))
                sources[(case_type, measure)] = Source(_cell(ret, case_type, measure), *EMPTY_CELL_SOURCE)
                where = _where(ret, file, case_type, measure)
                name = MEASURE_BY_KEY[measure]
                vi, en = _located(
                    "",
                    "",
                    where,
                    f"«{label.label_vi} – {name.label_vi}» để trống: tính là 0.",
                    f"'{label.label_en} – {name.label_en}' is empty: counted as 0.",
                )
                problems.append(Problem(INFO, "cell_empty_is_zero", vi, en, **where))
    return sources, problems


def _column_empty(ret: Return, file: str, measure: str, rows: list[str]) -> Problem:
    sheet = ret.place(rows[0], measure)[0]
    first, last = _cell(ret, rows[0], measure), _cell(ret, rows[-1], measure)
    span = f"{first}:{last}" if first != last else first
    name = MEASURE_BY_KEY[measure]
    vi, en = _located(
        "",
        "",
        {"file": file, "sheet": sheet, "cell": span},
        f"cột «{name.label_vi}» để trống ở mọi dòng có số liệu, nên không biết là chưa điền hay không có vụ việc nào. "
        "Hãy ghi số vào từng ô; nếu không có vụ việc nào, ghi 0 (hoặc «-»), rồi tải lên lại.",
        f"column '{name.label_en}' is empty in every row with figures: not filled in, or none? Type 0 or '-' "
        "where there were none.",
    )
    return Problem(ERROR, "column_empty", vi, en, file=file, sheet=sheet, cell=span)


def _derive(
    ret: Return, file: str, rows: Rows, changed: set[tuple[str, str]]
) -> tuple[dict[tuple[str, str], Source], list[Problem]]:
    """Fills the one missing figure of a balance from the other two, and records how and from which cells."""
    sources: dict[tuple[str, str], Source] = {}
    problems: list[Problem] = []
    for _ in BALANCES:  # a second pass lets a figure derived by one balance complete the other
        for total, first, second in BALANCES:
            for case_type, row in rows.items():
                values = {total: row[total], first: row[first], second: row[second]}
                if type(values[total]) is type(values[first]) is type(values[second]) is int:
                    continue  # all three given: nothing to derive (most rows, asked first)
                missing = [k for k, v in values.items() if _missing(v)]
                if len(missing) != 1:
                    continue
                key = missing[0]
                if key == total:
                    derived = values[first] + values[second]
                    operands, sign = (first, second), "+"
                else:
                    other = second if key == first else first
                    derived = values[total] - values[other]
                    operands, sign = (total, other), "-"
                row[key] = derived
                changed.add((case_type, key))
                label = CASE_TYPE_BY_KEY[case_type]
                where = _where(ret, file, case_type, key)
                formula_vi = f"{MEASURE_BY_KEY[total].label_vi} = {MEASURE_BY_KEY[first].label_vi} + {MEASURE_BY_KEY[second].label_vi}"
                formula_en = f"{MEASURE_BY_KEY[total].label_en} = {MEASURE_BY_KEY[first].label_en} + {MEASURE_BY_KEY[second].label_en}"
                cells = [_cell(ret, case_type, k) for k in operands]
                blank_vi, blank_en = (
                    (f" (ô {where['cell']} để trống)", f" (cell {where['cell']} empty)") if where["cell"] else ("", "")
                )
                sources[(case_type, key)] = Source(
                    sign.join(cells) if all(cells) else "",
                    f"tính ra: {formula_vi}{blank_vi}",
                    f"derived: {formula_en}{blank_en}",
                )
                severity = ERROR if derived < 0 else INFO
                vi, en = _located(
                    "",
                    "",
                    where,
                    f"«{label.label_vi} – {MEASURE_BY_KEY[key].label_vi}» để trống, đã tính theo {formula_vi}: {derived}."
                    + (" Kết quả âm: hãy kiểm tra lại các số đã nhập." if derived < 0 else ""),
                    f"'{label.label_en} – {MEASURE_BY_KEY[key].label_en}' was empty and derived from {formula_en}: {derived}.",
                )
                problems.append(Problem(severity, "derived", vi, en, value=str(derived), **where))
    return sources, problems


def _missing_flows(ret: Return, file: str, rows: Rows) -> list[Problem]:
    problems = []
    for case_type, row in rows.items():
        for measure in ("carried_over", "new", "accepted", "resolved", "pending"):
            if _missing(row[measure]):
                where = _where(ret, file, case_type, measure)
                label, name = CASE_TYPE_BY_KEY[case_type], MEASURE_BY_KEY[measure]
                vi, en = _located(
                    "",
                    "",
                    where,
                    f"thiếu «{label.label_vi} – {name.label_vi}» và không tính được từ các ô khác. Hãy điền số này.",
                    f"'{label.label_en} – {name.label_en}' is missing and cannot be derived. Fill it in.",
                )
                problems.append(Problem(ERROR, "figure_missing", vi, en, **where))
    return problems


def _breaches(rule: Rule, values: dict[str, object]) -> bool:
    """Whether the rule fails on these figures; a rule with a figure not given does not apply. Run 13 times per
    case type and return: a figure not given (None, NA, NaN, absent) is found by int() refusing it."""
    try:
        left = sum([int(values[k]) for k in rule.left])
        right = sum([int(values[k]) for k in rule.right])
    except (KeyError, TypeError, ValueError):
        return False
    return left != right if rule.op == "==" else left > right


def _rule_problems(
    ret: Return, rules: tuple[Rule, ...], scope: str, label: tuple[str, str], values: dict, file: str
) -> list[Problem]:
    problems = []
    for rule in rules:
        if _breaches(rule, values):
            given = {k: v for k, v in values.items() if v is not None}
            where = _where(ret, file, scope, rule.cite)
            vi, en = _located(
                f"«{label[0]}»: " if label[0] else "",
                f"'{label[1]}': " if label[1] else "",
                where,
                rule.vi.format(**{k: _count(v) for k, v in given.items()}) + " Hãy kiểm tra và sửa lại.",
                rule.en.format(**{k: _count(v, "en") for k, v in given.items()}),
            )
            cited = given.get(rule.cite)
            value = "" if cited is None or pd.isna(cited) else str(int(cited))
            problems.append(Problem(rule.severity, rule.key, vi, en, value=value, **where))
    return problems


def _case_rule_problems(ret: Return, rows: Rows, file: str, usual: bool) -> list[Problem]:
    """The case rules on every case type's row, in the rows' order and the rules' order. On a table of the usual
    shape (`usual`: rows made from the return's case figures) they are checked for all rows at once (a national
    workbook validates hundreds of returns), and the messages are made for the rows that break one."""
    if not usual:
        breaking = [(case_type, CASE_RULES) for case_type in rows]
    else:
        flat = [v for row in rows.values() for v in row.values()]  # ints, or NA where not given (`_rows`)
        missing = np.fromiter([type(v) is not int for v in flat], dtype=bool, count=len(flat)).reshape(len(rows), -1)
        numbers = np.array([v if type(v) is int else 0 for v in flat], dtype="int64").reshape(missing.shape)
        left, right = numbers @ _LEFT.T, numbers @ _RIGHT.T  # case types × rules
        applies = (missing.astype("int64") @ _USES.T) == 0  # a rule with a figure not given does not apply
        broken = applies & np.where(_EQUAL, left != right, left > right)
        breaking = [
            (case_type, tuple(rule for rule, hit in zip(CASE_RULES, hits, strict=True) if hit))
            for case_type, hits in zip(rows, broken.tolist(), strict=True)
            if any(hits)
        ]
    problems = []
    for case_type, rules in breaking:
        label = CASE_TYPE_BY_KEY[case_type]
        problems += _rule_problems(ret, rules, case_type, (label.label_vi, label.label_en), rows[case_type], file)
    return problems


# The case rules as coefficients over the measures: sum(left) op sum(right) for every row at once.
_LEFT, _RIGHT = (
    np.array([[int(m in getattr(rule, side)) for m in CASE_MEASURE_KEYS] for rule in CASE_RULES], dtype="int64")
    for side in ("left", "right")
)
_USES = _LEFT | _RIGHT
_EQUAL = np.array([rule.op == "==" for rule in CASE_RULES])


def _totals_problems(ret: Return, typed_rows: Rows, rows: Rows, file: str) -> list[Problem]:
    """The totals row against the rows: as typed (the template's SUM skips cells left for the app to
    derive) or as completed (a total typed by hand may include them); a warning only when it is neither."""
    problems = []
    for measure, written in ret.totals.items():
        column = [row[measure] for row in rows.values() if not _missing(row[measure])]
        if not column:
            continue
        summed = int(sum(column))
        typed = int(sum(row[measure] for row in typed_rows.values() if not _missing(row[measure])))
        if written not in (summed, typed):
            where = _where(ret, file, TOTAL_SCOPE, measure)
            name = MEASURE_BY_KEY[measure]
            vi, en = _located(
                "",
                "",
                where,
                f"dòng Tổng cộng – «{name.label_vi}» ghi {_count(written)} nhưng tổng các dòng là {_count(summed)}. "
                "Dòng tổng không được lưu; hãy kiểm tra các dòng.",
                f"totals row – '{name.label_en}' says {_count(written, 'en')} but the rows add up to "
                f"{_count(summed, 'en')}.",
            )
            problems.append(Problem(WARNING, "totals_row_matches_rows", vi, en, value=str(written), **where))
    return problems


def _court_problems(ret: Return, file: str) -> list[Problem]:
    problems = []
    court = court_by_key(ret.court)
    if not court.member_in(ret.year):  # what cluster_courts(year) keeps: asked of the court, not of all 700
        where = _where(ret, file, COURT_SCOPE, "court")
        vi, en = _located(
            "",
            "",
            where,
            f"{court.name_vi} không thuộc Cụm thi đua số II trong năm {ret.year}.",
            f"{court.name_en} was not a member of Cluster II in {ret.year}.",
        )
        problems.append(Problem(ERROR, "court_in_cluster", vi, en, value=court.short_vi, **where))
    problems += _preparation_date(ret, file)
    for measure in ACTIVITY_MEASURES:
        if ret.court_figures.get(measure) is None and MEASURE_BY_KEY[measure].required:
            where = _where(ret, file, COURT_SCOPE, measure)
            name = MEASURE_BY_KEY[measure]
            vi, en = _located(
                "",
                "",
                where,
                f"chưa có số liệu «{name.label_vi}»: các chỉ tiêu dùng số này sẽ là «không áp dụng».",
                f"no figure for '{name.label_en}': indicators using it will be 'not applicable'.",
            )
            problems.append(Problem(WARNING, "activity_missing", vi, en, **where))
    return problems


# A return is prepared after its period ends; one prepared before its period began, or this long after it ended,
# most often carries the wrong statistical year (a calendar year written for the work year).
LONG_AFTER = dt.timedelta(days=120)


def _preparation_date(ret: Return, file: str) -> list[Problem]:
    """A warning when the date the return was prepared falls before its period or long after it."""
    if ret.prepared_on is None:
        return []
    period = PERIOD_BY_KEY[ret.period]
    start, end = period.start(ret.year), period.end(ret.year)
    if start <= ret.prepared_on <= end + LONG_AFTER:
        return []
    where = _where(ret, file, COURT_SCOPE, "prepared_on")
    shown = ret.prepared_on.strftime("%d/%m/%Y")
    span = f"{start:%d/%m/%Y} – {end:%d/%m/%Y}"
    vi, en = _located(
        "",
        "",
        where,
        f"ngày lập {shown} nằm ngoài kỳ báo cáo {period.label_vi.split(' (')[0]} năm {ret.year} ({span}). "
        f"Năm thống kê {ret.year} là từ 01/10/{ret.year - 1} đến 30/09/{ret.year}: hãy kiểm tra năm và kỳ báo cáo.",
        f"prepared on {shown}, outside the {period.label_en.split(' (')[0]} period of {ret.year} ({span}); check the "
        "statistical year and period.",
    )
    return [Problem(WARNING, "prepared_in_period", vi, en, value=shown, **where)]


def validate(ret: Return, file: str) -> tuple[Return, list[Problem]]:
    """The return with its empty and derivable figures filled in, and every problem found."""
    arrays = ret.case_figures()  # once: for a frame, reading its figures costs a little each time
    typed = _rows(ret, arrays)
    rows = {case_type: dict(row) for case_type, row in typed.items()}
    changed: set[tuple[str, str]] = set()
    zeros, problems = _fill_empty(ret, file, rows, changed)
    derivations, derived = _derive(ret, file, rows, changed)
    problems += derived
    problems += _missing_flows(ret, file, rows)
    problems += _case_rule_problems(ret, rows, file, usual=arrays is not None)
    problems += _rule_problems(ret, COURT_RULES, COURT_SCOPE, ("", ""), ret.court_figures, file)
    problems += _totals_problems(ret, typed, rows, file)
    problems += _court_problems(ret, file)
    cases = _filled(ret, arrays, rows, changed)
    return dataclasses.replace(ret, cases=cases, sources=ret.sources | zeros | derivations), problems


MISSING_ROW = Source("", *MISSING_ROW_SOURCE)
SHOWN_STORED = 3  # stored figures named in the warning on a missing row


def continuity_problems(ret: Return, stored: pd.DataFrame, file: str) -> list[Problem]:
    """Warnings against the court's stored returns (current versions), long form with year, period, scope, measure, value.

    Within a year's cumulative returns carried-over is the same and flows never shrink; carried-over
    of year N equals pending at the end of year N-1.
    """
    if not PERIOD_BY_KEY[ret.period].cumulative or stored.empty:
        return []
    mine = {(scope, measure): value for scope, measure, value in ret.figure_records()}
    problems: list[Problem] = []
    # A case type without a row (counted as 0) differs from every stored period that had cases of it: said once, as
    # the row being missing, with the stored figures that say it should not be (not a warning per figure and period).
    absent = {scope for (scope, _), source in ret.sources.items() if source == MISSING_ROW}
    stored_instead: dict[str, list[tuple[str, int, str, str]]] = {}  # case type → (measure, stored value, where)

    def differs(scope, measure, texts, value, their, where: tuple[str, str], named: str | None = None) -> None:
        """A figure against a stored one (`named`: the stored figure's measure, when it is another)."""
        if scope in absent:
            stored_instead.setdefault(scope, []).append((named or measure, their, *where))
        else:
            problems.append(_continuity(ret, file, scope, measure, texts, value))

    order = CUMULATIVE_PERIODS.index(ret.period)
    # Plain dicts per stored period: a national workbook checks hundreds of returns against the store.
    stored_values: dict[tuple[int, str], dict[tuple[str, str], int]] = {}
    for year, period, scope, measure, value in zip(
        stored["year"].tolist(),
        stored["period"].tolist(),
        stored["scope"].tolist(),
        stored["measure"].tolist(),
        stored["value"].tolist(),
        strict=True,
    ):
        stored_values.setdefault((int(year), str(period)), {})[(scope, measure)] = int(value)
    for period in CUMULATIVE_PERIODS:
        theirs = stored_values.get((ret.year, period))
        if period == ret.period or theirs is None:
            continue
        label = PERIOD_BY_KEY[period]
        later = CUMULATIVE_PERIODS.index(period) > order
        for (scope, measure), value in mine.items():
            their = theirs.get((scope, measure))
            if their is None:
                continue
            if measure == "carried_over" and their != value:
                texts = (
                    f"Thụ lý cũ ({_count(value)}) khác với kỳ {label.label_vi} đã lưu ({_count(their)}): số cũ "
                    "chuyển sang phải giống nhau trong cả năm.",
                    f"carried over ({_count(value, 'en')}) differs from the stored return for {label.label_en} "
                    f"({_count(their, 'en')}): carried-over cases stay the same all year.",
                )
            elif measure in GROWING and (value > their if later else value < their):
                texts = (
                    f"số lũy kế ({_count(value)}) {'lớn hơn' if later else 'nhỏ hơn'} kỳ {label.label_vi} đã lưu "
                    f"({_count(their)}): số lũy kế không thể giảm.",
                    f"the cumulative figure ({_count(value, 'en')}) is {'greater' if later else 'less'} than in the "
                    f"stored return for {label.label_en} ({_count(their, 'en')}): a cumulative figure cannot fall.",
                )
            else:
                continue
            differs(scope, measure, texts, value, their, (f"ở kỳ {label.label_vi}", f"in the {label.label_en} return"))
    before = stored_values.get((ret.year - 1, "12"), {})
    if before and not court_by_key(ret.court).comparable(ret.year, ret.year - 1):
        # A court reporting for a merged province carries over what the provinces before it had pending.
        return problems + _rows_missing(ret, file, stored_instead) + [_merged(ret, file)]
    for case_type in CASE_TYPE_KEYS if ret.case_figures() is not None else ret.cases.index:
        value, end = mine.get((case_type, "carried_over")), before.get((case_type, "pending"))
        if value is not None and end is not None and end != value:
            texts = (
                f"Thụ lý cũ ({_count(value)}) khác với số còn lại cuối năm {ret.year - 1} ({_count(end)}).",
                f"carried over ({_count(value, 'en')}) differs from the pending cases at the end of {ret.year - 1} "
                f"({_count(end, 'en')}).",
            )
            where = (f"ở cuối năm {ret.year - 1}", f"at the end of {ret.year - 1}")
            differs(case_type, "carried_over", texts, value, end, where, named="pending")  # what the year left
    return problems + _rows_missing(ret, file, stored_instead)


def _rows_missing(ret: Return, file: str, stored: dict[str, list[tuple[str, int, str, str]]]) -> list[Problem]:
    """One warning per case type without a row whose stored returns had cases of it, naming a few of them."""
    found = []
    for case_type, figures in stored.items():
        named = CASE_TYPE_BY_KEY[case_type]
        more = "; …" if len(figures) > SHOWN_STORED else ""
        shown = figures[:SHOWN_STORED]
        vi = "; ".join(f"{MEASURE_BY_KEY[m].label_vi} {_count(v)} {w_vi}" for m, v, w_vi, _ in shown) + more
        en = "; ".join(f"{MEASURE_BY_KEY[m].label_en} {_count(v, 'en')} {w_en}" for m, v, _, w_en in shown) + more
        where = _where(ret, file, case_type, figures[0][0])
        found.append(
            Problem(
                WARNING,
                "consistent_with_stored_returns",
                f"«{named.label_vi}»: bảng số liệu không có dòng này nên được tính là 0, nhưng các báo cáo đã lưu của "
                f"Tòa án có số liệu loại án này ({vi}). Nếu Tòa án có vụ việc loại này, hãy thêm dòng đó rồi tải lên "
                "lại.",
                f"'{named.label_en}': the table has no row for it, so it is counted as 0, but the court's stored returns "
                f"have figures for it ({en}). If the court had such cases, add the row and upload again.",
                value="0",
                **where,
            )
        )
    return found


def _merged(ret: Return, file: str) -> Problem:
    name = court_by_key(ret.court).short_vi
    return Problem(
        INFO,
        "court_merged",
        f"Từ năm {ret.year}, Tòa án nhân dân tỉnh {name} báo cáo cho tỉnh sau hợp nhất: thụ lý cũ không đối chiếu với "
        f"số còn lại cuối năm {ret.year - 1} của Tòa án trước hợp nhất, và số liệu không so sánh được với các năm trước.",
        f"From {ret.year} the court reports for its merged province: carried-over cases are not checked against its "
        f"{ret.year - 1} year-end, and its figures are not comparable with earlier years.",
        file,
    )


def _continuity(ret: Return, file: str, scope: str, measure: str, texts: tuple[str, str], value: object) -> Problem:
    """A figure against the court's stored returns, named by its labels; one read from no cell says how it came
    about (a case type without a row in the table is counted as 0)."""
    where = _where(ret, file, scope, measure)
    case_type, name = CASE_TYPE_BY_KEY.get(scope), MEASURE_BY_KEY[measure]
    what_vi = f"«{case_type.label_vi} – {name.label_vi}»" if case_type else f"«{name.label_vi}»"
    what_en = f"'{case_type.label_en} – {name.label_en}'" if case_type else f"'{name.label_en}'"
    source = ret.sources.get((scope, measure))
    if not where["cell"] and source is not None:
        what_vi, what_en = f"{what_vi} ({source.how_vi})", f"{what_en} ({source.how_en})"
    vi, en = _located(
        "", "", where, f"{what_vi}: {texts[0]} Hãy kiểm tra lại.", f"{what_en}: {texts[1]} Please check it."
    )
    return Problem(WARNING, "consistent_with_stored_returns", vi, en, value=str(value), **where)
