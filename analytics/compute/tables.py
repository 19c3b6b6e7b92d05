"""What the pages show, ready to draw: every filter, lookup and reshaping the app needs, so that the app side holds
no pandas of its own.

Grids keep numbers as numbers underneath (a click on a column header sorts by value) and say how each cell reads
("✓ 98,6 %", "1.234") and which status colours it. Columns are named by key (`value`, `when`): the app gives each
key its header in the reader's language. Cards and lines carry their figures written out; the app writes the
sentences around them from its catalogue.
"""

from __future__ import annotations

import datetime as dt
import json
import numbers
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

import pandas as pd

from analytics import formatting
from analytics.compute.comments import comment_counts, comments_of
from analytics.compute.comparison import (
    STATUS_MARKS,
    Comparison,
    court_label,
    kpis,
    scorecard_grid,
    scorecard_text,
    short_label,
)
from analytics.compute.indicators import CLUSTER, INDICATOR_BY_KEY, PROGRESS, of_courts
from analytics.compute.profile import TOTAL, TOTAL_LABEL
from analytics.compute.projection import PROJECTION_LABELS
from analytics.compute.submissions import LATE, MISSING, SUBMISSION_LABELS
from analytics.compute.targets import (
    BEHIND_PACE,
    LAYERS,
    MET,
    NO_TARGET,
    NOT_MET,
    ON_PACE,
    STATUS_LABELS,
    TARGET_COLUMNS,
    editable,
)
from analytics.compute.trends import progress
from analytics.domain import CASE_TYPE_BY_KEY, GROUPS, MEASURE_BY_KEY, PERIOD_BY_KEY, period_name
from analytics.records import ERROR, INFO, WARNING
from analytics.security import ROLES
from analytics.text import Words

Names = Callable[[Iterable[str]], list[str]]  # user names → how this reader may see them (a name, or only a role)
Formatter = Callable[[object], str]
Format = tuple[str, tuple | None, Formatter]  # a column, the row labels it applies to (None: every row), value → text


@dataclass(frozen=True, eq=False)
class Grid:
    """A table ready for the screen."""

    values: pd.DataFrame  # what sorts: numbers stay numbers
    formats: tuple[Format, ...] = ()  # how cells read where that is not their value
    statuses: pd.DataFrame | None = None  # per cell the status whose colour it takes (met, missing…); None: none
    keys: tuple[str, ...] = ()  # what each row stands for (a court's key), for a click on a row
    pinned: tuple[str, ...] = ()  # columns kept in view while the grid scrolls sideways (the row's name)
    index: bool = False  # whether the row labels are shown (court × period grids)
    missing: str = ""  # what an empty cell reads

    def __len__(self) -> int:
        return len(self.values)

    def text(self, lang: str) -> pd.DataFrame:
        """Every cell as the grid writes it (its formats; a count as «1.234»; an empty cell as `missing`), all text:
        what a screen reader is given beside the grid, whose own accessible cells are the raw values."""

        def plain(value: object) -> str:
            if value is None or (not isinstance(value, str) and pd.isna(value)):
                return self.missing
            if isinstance(value, numbers.Real) and not isinstance(value, bool):
                return formatting.number(value, 0 if float(value).is_integer() else 2, lang)
            return str(value)

        raw = {column: self.values[column].tolist() for column in self.values.columns}
        written = {column: [plain(value) for value in values] for column, values in raw.items()}
        place = {label: i for i, label in enumerate(self.values.index)}
        for column, rows, write in self.formats:  # a scorecard has a format per cell: no pandas per format
            for i in range(len(place)) if rows is None else (place[label] for label in rows):
                written[column][i] = write(raw[column][i])
        return pd.DataFrame(written, index=self.values.index, columns=self.values.columns)

    def css(self, styles: Mapping[str, str]) -> pd.DataFrame:
        """Each cell's style from its status (`styles`: status → CSS); no status, no style."""
        if self.statuses is None:
            return self.values.map(lambda _: "")
        return self.statuses.map(lambda s: styles.get(s, "") if isinstance(s, str) else "")


def status_word(status: str, lang: str = "vi") -> str:
    """A status in words with its mark: "✓ Đạt", "↘ Chậm tiến độ", "⋯ Đang thực hiện"."""
    return STATUS_MARKS.get(status, "") + STATUS_LABELS[status].label(lang)


def _or_blank(show: Callable[[float], str]) -> Formatter:
    """An empty cell stays empty; anything else is written out."""
    return lambda value: "" if pd.isna(value) else show(value)


def _or_word(show: Callable[[float], str], word: str) -> Formatter:
    """An empty cell reads `word`; anything else is written out."""
    return lambda value: word if pd.isna(value) else show(value)


def _targets(rows: pd.DataFrame, units: Iterable[str], lang: str) -> list[str]:
    return [
        "" if pd.isna(goal) else formatting.target(comparator, goal, unit, lang)
        for comparator, goal, unit in zip(rows["comparator"], rows["target"], units, strict=True)
    ]


# --- the scorecard (overview, export) ---------------------------------------------------------------------------


def scorecard(
    comparison: Comparison,
    indicators: tuple[str, ...],
    lang: str,
    ranking: pd.DataFrame,
    notes: Mapping[str, int] | None = None,
) -> Grid:
    """Courts × indicators on the colour of their status, shown as "✓ 98,6 %" over the numbers; before them the
    indicative rank, the count of targets met ("7/9") and the court's comments of the period ("📝 2")."""
    values, statuses = scorecard_grid(comparison, lang, indicators)
    keys = [*comparison.courts(), CLUSTER]
    met = comparison.targets_met(indicators)
    ranks = dict(zip(ranking["court"], ranking["rank"], strict=True))
    extra = {
        "indicative_rank": pd.array([ranks.get(k) for k in keys], dtype="Int64"),
        "targets_met": pd.array([met[k][0] if k in met else None for k in keys], dtype="Int64"),
        "comments": pd.array([(notes or {}).get(k, 0) for k in keys], dtype="Int64"),
    }
    values = values.assign(**extra)[list(extra) + list(values.columns)]
    statuses = statuses.assign(**dict.fromkeys(extra, NO_TARGET))[list(values.columns)]
    missing = formatting.NOT_APPLICABLE[lang]
    formats: list[Format] = [
        ("indicative_rank", None, lambda rank: missing if pd.isna(rank) else str(rank)),
        ("comments", None, lambda count: f"📝 {count}" if count else ""),
    ]
    judged_of = {label: met.get(key, (0, 0))[1] for label, key in zip(values.index, keys, strict=True)}
    for judged in sorted(set(judged_of.values())):  # one format per count of targets judged: each costs the screen
        rows = tuple(label for label, n in judged_of.items() if n == judged)
        formats.append(("targets_met", rows, lambda count, judged=judged: f"{count}/{judged}"))
    by_label = {short_label(k, lang): k for k in indicators}
    goals = comparison.cluster()["target"]  # one target per indicator for every court of the period
    for column in values.columns[len(extra) :]:
        key = by_label[column]
        goal = goals.get(key)
        for status, part in statuses[column].groupby(statuses[column]):
            formats.append(
                (
                    column,
                    tuple(part.index),
                    lambda v, s=status, k=key, g=goal: scorecard_text(v, s, k, lang, g),
                )
            )
    return Grid(values, tuple(formats), statuses, tuple(keys), index=True, missing=missing)


# --- the overview's cards and lines ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Card:
    """One of the cluster's headline figures, written out; the page puts the sentences around them."""

    indicator: str
    label: str  # the short label ("GQ hình sự")
    name: str  # the full label and its note, for the card's help
    note: str
    value: str  # "✓ 96,0 %"
    delta: str | None  # the margin, or in progress the change against last year, with the minus Streamlit reads
    lower_is_better: bool  # a change in progress where lower is better: the delta's colour turns
    basis: str
    status: str  # "↗ Đúng tiến độ"
    target: str | None  # "≥ 90,0 %"
    projected: str | None  # the projected year-end of a seasonal rate, its range and verdict
    projected_low: str
    projected_high: str
    verdict: str
    error: str | None  # the projection's mean error
    vs_last_year: str | None
    vs_previous: str | None
    benchmark: str | None  # the national result of the year

    @property
    def progress(self) -> bool:
        return self.basis == PROGRESS


DELTA_VS_TARGET = Words("so với chỉ tiêu", "vs target")
DELTA_VS_YEAR_AGO = Words("so với cùng kỳ", "vs a year ago")  # short: the badge is one line


def cards(
    comparison: Comparison,
    previous: pd.Series | None,
    year_ago: pd.Series | None,
    benchmarks: pd.DataFrame,
    indicators: tuple[str, ...],
    lang: str,
) -> list[Card]:
    """The cluster's headline figures on their basis, with their changes (`previous`, `year_ago`: the cluster's
    values of those periods) and the national result."""
    table = kpis(comparison, previous, year_ago, benchmarks, indicators)
    shown = []
    for key, row in table.iterrows():
        spec = INDICATOR_BY_KEY[key]
        unit, progress = spec.unit, row["basis"] == PROGRESS
        change = _or_blank(lambda amount, unit=unit: formatting.signed(amount, unit, lang))
        amount = change(row["vs_last_year"] if progress else row["margin"])
        # The badge says what it measures: the margin to the target, or in progress the change against a year before.
        delta = f"{amount} {(DELTA_VS_YEAR_AGO if progress else DELTA_VS_TARGET).label(lang)}" if amount else ""
        projected = not pd.isna(row["projected"])
        error = comparison.error(key) if progress else None
        shown.append(
            Card(
                indicator=key,
                label=short_label(key, lang),
                name=spec.label(lang),
                note=spec.note(lang),
                value=formatting.judged(row["value"], unit, row["target"], lang),
                delta=delta.replace("−", "-") or None,
                lower_is_better=spec.direction == "lower" and progress,
                basis=row["basis"],
                status=status_word(row["status"], lang),
                target=None
                if pd.isna(row["target"])
                else formatting.target(row["comparator"], row["target"], unit, lang),
                projected=formatting.judged(row["projected"], unit, row["target"], lang) if projected else None,
                projected_low=formatting.value(row["projected_low"], unit, lang) if projected else "",
                projected_high=formatting.value(row["projected_high"], unit, lang) if projected else "",
                verdict=PROJECTION_LABELS[row["projected_status"]].label(lang).lower()
                if isinstance(row["projected_status"], str)
                else "",
                error=None if error is None else formatting.signed(error, unit, lang).lstrip("+"),
                vs_last_year=change(row["vs_last_year"]) or None,
                vs_previous=change(row["vs_previous"]) or None,
                benchmark=_or_blank(lambda amount, unit=unit: formatting.value(amount, unit, lang))(row["benchmark"])
                or None,
            )
        )
    return shown


@dataclass(frozen=True)
class Flag:
    """A court's figure the leadership is warned about: a target missed, a count behind pace, a projection short."""

    court: str
    indicator: str
    value: str
    target: str
    margin: str
    behind_pace: bool = False
    projected: str = ""
    projected_low: str = ""
    projected_high: str = ""


def misses(comparison: Comparison, indicators: tuple[str, ...], lang: str) -> list[Flag]:
    """The targets missed: a full year's, and a partial year's states as at its end (never a seasonal rate)."""
    return _flags(comparison.misses(indicators), lang)


def at_risk(comparison: Comparison, indicators: tuple[str, ...], lang: str) -> list[Flag]:
    """A partial year's warnings, apart from the misses: a projected year-end below the target, a count behind pace."""
    return _flags(comparison.at_risk(indicators), lang)


def _flags(rows: pd.DataFrame, lang: str) -> list[Flag]:
    flags = []
    for row in rows.to_dict("records"):
        unit = INDICATOR_BY_KEY[row["indicator"]].unit
        projected = "projected" in row and not pd.isna(row["projected"])
        flags.append(
            Flag(
                court=court_label(row["court"], lang),
                indicator=INDICATOR_BY_KEY[row["indicator"]].label(lang),
                value=formatting.judged(row["value"], unit, row["target"], lang),
                target=formatting.target(row["comparator"], row["target"], unit, lang),
                margin=formatting.signed(row["margin"], unit, lang),
                behind_pace=row["status"] == BEHIND_PACE,
                projected=formatting.judged(row["projected"], unit, row["target"], lang) if projected else "",
                projected_low=formatting.value(row["projected_low"], unit, lang) if projected else "",
                projected_high=formatting.value(row["projected_high"], unit, lang) if projected else "",
            )
        )
    return flags


# --- returns received (overview) --------------------------------------------------------------------------------


def submission_grid(received: pd.DataFrame, courts: Iterable[str], year: int, lang: str, names: Names) -> Grid:
    """Court × period of the year: sent on time, late, missing (deadline passed), not due yet; who sent it, when, and
    how many versions; coloured by how late."""
    table = of_courts(received, courts)
    senders = names(table["submitted_by"])
    cells = [
        SUBMISSION_LABELS[status].label(lang)
        if day is None
        else f"{SUBMISSION_LABELS[status].label(lang)} {formatting.date(day)} · {who}" + (f" (v{n})" if n > 1 else "")
        for status, day, who, n in zip(table["status"], table["submitted_on"], senders, table["versions"], strict=True)
    ]
    shown = table.assign(
        cell=cells,
        court=table["court"].map(lambda c: court_label(c, lang)),
        period=[period_name(year, p, lang) for p in table["period"]],
    )
    rows, columns = list(dict.fromkeys(shown["court"])), list(dict.fromkeys(shown["period"]))

    def grid(column: str) -> pd.DataFrame:
        wide = shown.pivot(index="court", columns="period", values=column).reindex(index=rows, columns=columns)
        return wide.rename_axis(index=None, columns=None)

    return Grid(grid("cell"), statuses=grid("status"), index=True)


def follow_ups(received: pd.DataFrame, courts: Iterable[str], year: int, lang: str) -> list[str]:
    """The missing and late returns, to follow up: "Lai Châu – 6 tháng 2023 (✖️ Chưa nộp)"."""
    table = of_courts(received, courts)
    late = table[table["status"].isin([MISSING, LATE])]
    return [
        f"{court_label(c, lang)} – {period_name(year, p, lang)} ({SUBMISSION_LABELS[s].label(lang)})"
        for c, p, s in zip(late["court"], late["period"], late["status"], strict=True)
    ]


# --- one indicator across the courts (compare) ------------------------------------------------------------------


def indicator_rows(rows: pd.DataFrame, indicator: str, lang: str, *, partial: bool = False) -> Grid:
    """One indicator's figures per court, in the order of the chart; value, numerator, denominator and margin sort
    as numbers. A partial year adds the same period last year, the change and the projected year-end."""
    unit = INDICATOR_BY_KEY[indicator].unit
    value = _or_blank(lambda v: formatting.value(v, unit, lang))
    count = _or_blank(lambda v: formatting.number(v, 0, lang))
    change = _or_blank(lambda v: formatting.signed(v, unit, lang))
    columns = {
        "court": rows["court"].map(lambda c: court_label(c, lang)),
        "value": rows["value"].astype("float64"),
        "numerator": rows["numerator"].astype("float64"),
        "denominator": rows["denominator"].astype("float64"),
        "target": _targets(rows, [unit] * len(rows), lang),
        "status": rows["status"].map(lambda s: status_word(s, lang)),
        "margin": rows["margin"].astype("float64"),
    }
    formats: list[Format] = [("numerator", None, count), ("denominator", None, count), ("margin", None, change)]
    # A value and its projection beside their verdict, with the decimals that tell them from the target (89,95 %).
    columns_judged = ("value", "projected") if partial else ("value",)
    for label, goal in zip(rows.index, rows["target"], strict=True):
        judged = _or_blank(lambda v, g=goal: formatting.judged(v, unit, g, lang))
        formats += [(column, (label,), judged) for column in columns_judged]
    if partial:
        columns |= {
            "last_year": rows["last_year"].astype("float64"),
            "vs_last_year": rows["vs_last_year"].astype("float64"),
            "projected": rows["projected"].astype("float64"),
            "range": [
                "" if pd.isna(lo) else f"{value(lo)} – {value(hi)}"
                for lo, hi in zip(rows["projected_low"], rows["projected_high"], strict=True)
            ],
            "projected_status": rows["projected_status"].map(
                lambda s: PROJECTION_LABELS[s].label(lang) if isinstance(s, str) else ""
            ),
        }
        formats += [("last_year", None, value), ("vs_last_year", None, change)]
    keys = tuple(rows["court"])
    return Grid(pd.DataFrame(columns), tuple(formats), keys=keys, missing=formatting.NOT_APPLICABLE[lang])


# --- through the year (trends) ----------------------------------------------------------------------------------


def progress_grid(
    rows: pd.DataFrame,
    indicator: str,
    annual: float | None,
    lang: str,
    *,
    quarters: bool = False,
    of_year: Callable[[str], str] = str,
) -> Grid:
    """Court × period (the periods of a year, or one period across the years: each column is a period of its year):
    the value with its status mark on its basis (✓ / ✗ for a full year and the states, ↗ / ↘ for counts against the
    pro-rata target, ⋯ for a seasonal rate in progress) and, for counts with an `annual` target, the share of it
    reached, in the words `of_year` gives it ("62 % chỉ tiêu năm"); the cluster last."""
    spec = INDICATOR_BY_KEY[indicator]
    shares = progress(rows, annual if spec.accumulates and not quarters else None)
    cells = []
    for status, value, goal, share in zip(rows["status"], rows["value"], rows["target"], shares, strict=True):
        text = STATUS_MARKS.get(status, "") + formatting.judged(value, spec.unit, goal, lang)
        if not pd.isna(share):
            text += " · " + of_year(formatting.percent(share, lang=lang))
        cells.append(text.strip())
    shown = rows.assign(
        cell=cells,
        court=rows["court"].map(lambda c: court_label(c, lang)),
        period=[period_name(y, p, lang) for y, p in zip(rows["year"], rows["period"], strict=True)],
    )
    order = sorted(
        set(zip(rows["year"], rows["period"], strict=True)), key=lambda yp: (yp[0], PERIOD_BY_KEY[yp[1]].months)
    )
    columns = [period_name(y, p, lang) for y, p in order]
    present = list(dict.fromkeys(rows["court"]))
    courts = [c for c in present if c != CLUSTER] + [c for c in present if c == CLUSTER]
    labels = [court_label(c, lang) for c in courts]
    grid = shown.pivot(index="court", columns="period", values="cell").reindex(index=labels, columns=columns)
    blank = grid.fillna("")  # a court without a figure that year (not yet, or no longer, a member): nothing, not "None"
    return Grid(blank.rename_axis(index=None, columns=None), keys=tuple(courts), index=True)


# --- the ranking ------------------------------------------------------------------------------------------------

GATE_MARKS = {MET: "✔️", NOT_MET: "✖️", ON_PACE: "✔️", BEHIND_PACE: "✖️"}


def ranking_rows(table: pd.DataFrame, gates: pd.DataFrame, gate_keys: list[str], lang: str) -> Grid:
    """The indicative ranking: rank, court, score (a number underneath), gates passed, then each gate's status."""
    columns = {
        "rank": table["rank"],
        "court": table["court"].map(lambda c: court_label(c, lang)),
        "score": table["score"].astype("float64"),
        "gates": [
            f"{'✔️' if passed_all else '✖️'} {passed}/{total}"
            for passed_all, passed, total in zip(
                table["all_gates"], table["gates_passed"], table["gates_total"], strict=True
            )
        ],
    }
    for key in gate_keys:
        statuses = gates[key].reindex(table["court"]).tolist() if key in gates else [None] * len(table)
        columns[short_label(key, lang)] = [
            f"{GATE_MARKS.get(s, '–')} {STATUS_LABELS[s].label(lang) if s in STATUS_LABELS else ''}" for s in statuses
        ]
    formats = (("score", None, lambda score: formatting.number(score, 2, lang)),)
    return Grid(pd.DataFrame(columns), formats, keys=tuple(table["court"]), missing=formatting.NOT_APPLICABLE[lang])


def weights_editor(chosen: pd.DataFrame, lang: str, gate_word: str) -> pd.DataFrame:
    """The weights as the secretariat edits them: the indicator's key (hidden), its name, the weight, whether it is
    a gate (`gate_word` where it is)."""
    return pd.DataFrame(
        {
            "indicator": chosen["indicator"],
            "name": [INDICATOR_BY_KEY[k].label(lang) for k in chosen["indicator"]],
            "weight": chosen["weight"],
            "gate": [gate_word if gate else "" for gate in chosen["gate"]],
        }
    )


# --- one court (profile) ----------------------------------------------------------------------------------------


def profile_indicators(table: pd.DataFrame, lang: str) -> Grid:
    """The court's indicators beside the target, the cluster and its rank. First what a phone's width holds (the
    indicator's short name, kept in view, its value with ✓ / ✗ and the target: under 350 px where the full names took
    them all); then the status in words, on its colour as the value is, and the rest; the full name last."""
    rows = table.dropna(subset=["status"])
    units = [INDICATOR_BY_KEY[k].unit for k in rows.index]
    columns = {
        "indicator": [short_label(k, lang) for k in rows.index],
        "value": [
            scorecard_text(v, s, k, lang, g)
            for k, v, s, g in zip(rows.index, rows["value"], rows["status"], rows["target"], strict=True)
        ],
        "target": _targets(rows, units, lang),
        "status": [status_word(s, lang) for s in rows["status"]],
        "margin": [
            "" if pd.isna(m) else formatting.signed(m, u, lang) for m, u in zip(rows["margin"], units, strict=True)
        ],
        "cluster": [formatting.value(v, u, lang) for v, u in zip(rows["cluster"], units, strict=True)],
        "cluster_rank": [
            "" if pd.isna(r) else f"{int(r)}/{int(o)}" for r, o in zip(rows["rank"], rows["of"], strict=True)
        ],
    }
    if rows["projected"].notna().any() or rows["last_year"].notna().any():
        columns["last_year"] = [
            "" if pd.isna(v) else formatting.value(v, u, lang) for v, u in zip(rows["last_year"], units, strict=True)
        ]
        columns["projected"] = [
            ""
            if pd.isna(p)
            else formatting.judged(p, u, g, lang)
            + (f" – {PROJECTION_LABELS[s].label(lang)}" if isinstance(s, str) else "")
            for p, u, s, g in zip(rows["projected"], units, rows["projected_status"], rows["target"], strict=True)
        ]
    columns["full_name"] = [INDICATOR_BY_KEY[k].label(lang) for k in rows.index]
    values = pd.DataFrame(columns)
    statuses = pd.DataFrame({c: list(rows["status"]) if c in ("value", "status") else None for c in values.columns})
    return Grid(values, statuses=statuses, keys=tuple(rows.index), pinned=("indicator",))


@dataclass(frozen=True)
class Effort:
    """What it takes for a court to reach a case group's resolution target by 30 September, written out."""

    group: str
    target: str
    resolved: str
    expected: str
    needed: str | None  # None: not known (no earlier year to expect the year's new cases from)
    per_week: str
    weeks: str
    done: bool  # the cases resolved already suffice

    def sentence(self, lang: str) -> str:
        """What it takes, after the case group and its target ("Hình sự (≥ 90 %): cần giải quyết thêm khoảng …")."""
        words = {"resolved": self.resolved, "expected": self.expected}
        if self.needed is None:
            return EFFORT_UNKNOWN.label(lang)
        if self.done:
            return EFFORT_DONE.label(lang).format(**words)
        return EFFORT_LINE.label(lang).format(needed=self.needed, per_week=self.per_week, weeks=self.weeks, **words)


EFFORT_TITLE = Words("Cần làm gì đến 30/09 để đạt chỉ tiêu", "What it takes by 30 September")
EFFORT_LINE = Words(
    "cần giải quyết thêm khoảng {needed} vụ, việc, ≈ {per_week} vụ, việc/tuần trong {weeks} tuần còn lại "
    "(đã giải quyết {resolved} / dự kiến thụ lý cả năm {expected}).",
    "about {needed} more cases to resolve, ≈ {per_week} a week over the {weeks} weeks left ({resolved} resolved of "
    "about {expected} expected to be accepted by the year-end).",
)
EFFORT_DONE = Words(
    "số đã giải quyết ({resolved}) đã đủ cho chỉ tiêu cả năm với số thụ lý dự kiến ({expected}).",
    "the {resolved} cases resolved already meet the year's target for the {expected} expected.",
)
EFFORT_UNKNOWN = Words(
    "chưa tính được vì chưa có năm trước nào được lưu để dự kiến số thụ lý mới đến cuối năm.",
    "not computed: no earlier year is stored to expect the year's new cases from.",
)
EFFORT_HELP = Words(
    "Dự kiến thụ lý cả năm = đã thụ lý + thụ lý mới × (trung vị các năm trước của thụ lý mới cả năm ÷ cùng kỳ − 1); "
    "cần giải quyết thêm = ⌈chỉ tiêu × dự kiến thụ lý⌉ − đã giải quyết. Số liệu tham khảo để điều hành.",
    "Expected accepted = accepted + new × (median over earlier years of year-end new ÷ same-period new − 1); still "
    "to resolve = ⌈target × expected accepted⌉ − resolved. For planning, not a verdict.",
)


def effort(table: pd.DataFrame, lang: str) -> list[Effort]:
    """Per case group with a resolution target: the cases still to resolve by 30 September, in all and per week."""
    lines = []
    for row in table.to_dict("records"):
        known = not pd.isna(row["needed"])
        lines.append(
            Effort(
                group=GROUPS[row["group"]].label(lang),
                target=formatting.target(row["comparator"], row["target"], "rate", lang),
                resolved=formatting.number(row["resolved"], 0, lang),
                expected=formatting.number(row["expected_accepted"], 0, lang),
                needed=formatting.number(row["needed"], 0, lang) if known else None,
                per_week=formatting.number(row["per_week"], 0, lang) if known else "",
                weeks=formatting.number(row["weeks"], 0, lang) if known else "",
                done=known and row["needed"] == 0,
            )
        )
    return lines


def case_table(table: pd.DataFrame, lang: str) -> Grid:
    """Case type × measure of one return with its total row, the counts written as the reader writes them."""
    shown = pd.DataFrame(
        {
            MEASURE_BY_KEY[m].label(lang): table[m].map(_or_blank(lambda v: formatting.number(v, 0, lang)))
            for m in table.columns
        }
    )
    shown.index = [TOTAL_LABEL.label(lang) if k == TOTAL else CASE_TYPE_BY_KEY[k].label(lang) for k in table.index]
    return Grid(shown, keys=tuple(table.index), index=True)


def court_returns(
    versions: pd.DataFrame, comments: pd.DataFrame, court: str, year: int, lang: str, names: Names, *, prepared: bool
) -> Grid:
    """The court's returns of the year, every version: when, who stored it (as this reader may see them), the name
    typed in it as its author (only where names are shown: `prepared`), the file, its notes and its comments."""
    mine = versions[(versions["court"] == court) & (versions["year"] == year)]
    ordered = mine.sort_values(
        ["period", "version"], key=lambda s: s.map(lambda p: PERIOD_BY_KEY[p].months) if s.name == "period" else s
    )
    counts = comment_counts(comments_of(comments, year, courts=(court,)), by="period")
    return Grid(
        pd.DataFrame(
            {
                "period": [period_name(y, p, lang) for y, p in zip(ordered["year"], ordered["period"], strict=True)],
                "version": ordered["version"],
                "when": ordered["stored_at"].map(formatting.moment),
                "who": names(ordered["stored_by"]),
                "prepared_by": ordered["prepared_by"] if prepared else "",
                "file": ordered["filename"],
                "notes": ordered["notes"],
                "comment_count": ordered["period"].map(lambda p: counts.get(p, 0)),
            }
        )
    )


@dataclass(frozen=True)
class Comment:
    """A comment as the page shows it: its text as typed, who (as this reader may see them), when, which period."""

    text: str
    author: str
    when: str
    period: str


def comment_items(comments: pd.DataFrame, lang: str, names: Names, limit: int = 20) -> list[Comment]:
    """The comments, newest first (at most `limit`)."""
    shown = comments.head(limit)
    authors = names(shown["author"])
    return [
        Comment(
            str(row["text"]),
            author,
            formatting.moment(row["created_at"]),
            period_name(row["year"], row["period"], lang),
        )
        for row, author in zip(shown.to_dict("records"), authors, strict=True)
    ]


def comments_by_court(comments: pd.DataFrame, lang: str, names: Names) -> list[tuple[str, list[Comment]]]:
    """The comments of a period court by court (in the order of their newest comment), each court by its name."""
    return [
        (court_label(court, lang), comment_items(mine, lang, names))
        for court, mine in comments.groupby("court", sort=False)
    ]


# --- upload, versions -------------------------------------------------------------------------------------------

SEVERITY_LABELS = {
    ERROR: Words("✖️ Lỗi", "✖️ Error"),
    WARNING: Words("⚠️ Cảnh báo", "⚠️ Warning"),
    INFO: Words("ℹ️ Ghi nhận", "ℹ️ Note"),
}


def problems(table: pd.DataFrame, lang: str) -> Grid:
    """A file's problem table as the uploader reads it: how serious, which sheet and cell, what to do."""
    return Grid(
        pd.DataFrame(
            {
                "severity": table["severity"].map(lambda s: SEVERITY_LABELS[s].label(lang)),
                "sheet": table["sheet"],
                "cell": table["cell"],
                "message": [
                    Words(vi, en).label(lang) for vi, en in zip(table["message"], table["message_en"], strict=True)
                ],
            }
        )
    )


PART_RESULTS = {
    "ok": Words("✔️ Hợp lệ", "✔️ Valid"),
    "warnings": Words("⚠️ Hợp lệ, {n} cảnh báo", "⚠️ Valid, {n} warnings"),
    "errors": Words("✖️ {n} lỗi", "✖️ {n} errors"),
    "ask": Words("❓ Cần xác nhận Tòa án, năm, kỳ", "❓ Court, year or period to confirm"),
    "denied": Words("✖️ Không có quyền lưu", "✖️ Not yours to store"),
}
# Counting one, as the text catalogue's `.one` texts: English says "1 warning", not "1 warnings".
PART_RESULTS_ONE = PART_RESULTS | {
    "warnings": Words("⚠️ Hợp lệ, {n} cảnh báo", "⚠️ Valid, {n} warning"),
    "errors": Words("✖️ {n} lỗi", "✖️ {n} error"),
}
PART_VERSIONS = {
    "new": Words("phiên bản {version}", "version {version}"),
    "replaces": Words("phiên bản {version} (thay phiên bản {old})", "version {version} (replaces version {old})"),
    "unchanged": Words("không đổi (đã có phiên bản {version})", "unchanged (version {version} stored)"),
}


@dataclass(frozen=True)
class PartLine:
    """One return of a compiled workbook as its summary line says it: whose and for when (the block's own name when
    the court is not known), the check's verdict, what storing it would do."""

    court: str | None
    part: str
    period: str | None
    result: str  # a key of PART_RESULTS
    count: int = 0  # the errors or warnings
    version: int | None = None
    replaced: int | None = None
    unchanged: bool = False


def upload_parts(lines: list[PartLine], lang: str) -> Grid:
    """A compiled workbook's returns, one line each: court, period, the check's verdict, the version storing it
    makes — what a workbook of many courts shows instead of a block per court."""

    def result(line: PartLine) -> str:
        words = (PART_RESULTS_ONE if line.count == 1 else PART_RESULTS)[line.result].label(lang)
        return words.format(n=formatting.number(line.count, 0, lang))

    def version(line: PartLine) -> str:
        if line.version is None:
            return ""
        kind = "unchanged" if line.unchanged else "replaces" if line.replaced is not None else "new"
        return PART_VERSIONS[kind].label(lang).format(version=line.version, old=line.replaced)

    return Grid(
        pd.DataFrame(
            {
                "court": [court_label(x.court, lang) if x.court else x.part for x in lines],
                "period": [PERIOD_BY_KEY[x.period].label(lang) if x.period else "" for x in lines],
                "result": [result(x) for x in lines],
                "version": [version(x) for x in lines],
            }
        )
    )


CASE_TYPE_WORD = Words("Loại án", "Case type")


def upload_preview(cases: pd.DataFrame, court: pd.DataFrame, lang: str) -> tuple[Grid, Grid]:
    """The figures storing a return would keep (`upload.preview`), as the uploader checks them: counts written
    «1.234», «không có» where the file gives none, the case types headed as such."""
    count = _or_word(lambda v: formatting.number(v, 0, lang), ABSENT.label(lang))
    cases = cases.rename_axis(CASE_TYPE_WORD.label(lang))
    return Grid(cases, tuple((c, None, count) for c in cases.columns), index=True), Grid(
        court, (("value", None, count),)
    )


RESTORED_FROM = Words("khôi phục từ phiên bản {n}", "restored from version {n}")


def uploads(table: pd.DataFrame, lang: str, names: Names) -> Grid:
    """The upload history: when, who (as this reader may see them), which file, for which return, its size; a
    restore by the one who restored it, when, marked with the version it restores (its file is that version's)."""
    return Grid(
        pd.DataFrame(
            {
                "when": table["stored_at"].map(formatting.moment),
                "who": names(table["stored_by"]),
                "file": table["filename"],
                "court": table["court"].map(lambda c: court_label(c, lang)),
                "year": table["year"].astype(str),
                "period": table["period"].map(lambda p: PERIOD_BY_KEY[p].label(lang)),
                "version": table["version"],
                "mark": table["restored_from"].map(
                    lambda n: "" if pd.isna(n) else RESTORED_FROM.label(lang).format(n=int(n))
                ),
                "size": table["size"].map(lambda b: f"{formatting.number(b / 1024, 0, lang)} kB"),
            }
        )
    )


def version_list(versions: pd.DataFrame, names: Names) -> Grid:
    """Every version of one return: its number, when and by whom it was stored, the file, its notes."""
    return Grid(
        pd.DataFrame(
            {
                "version": versions["version"],
                "when": versions["stored_at"].map(formatting.moment),
                "who": names(versions["stored_by"]),
                "file": versions["filename"],
                "notes": versions["notes"],
            }
        )
    )


ABSENT = Words("không có", "none")  # a figure one of the two versions does not hold


def _count_or_absent(lang: str) -> Formatter:
    """A figure of a version as the reader writes it ("1.603"), «không có» where the version holds none."""
    return _or_word(lambda v: formatting.number(v, 0, lang), ABSENT.label(lang))


def changed_figures(changes: pd.DataFrame, lang: str, shown: int = 3) -> str:
    """The first few figures that differ between two versions (`versions.side_by_side`'s changed rows), on one line:
    "Tòa án – Phiên tòa rút kinh nghiệm: 32 → 1.032; …"."""

    figure = _count_or_absent(lang)
    line = "; ".join(
        f"{row.scope_label} – {row.measure_label}: {figure(row.first)} → {figure(row.second)}"
        for row in changes.head(shown).itertuples(index=False)
    )
    return line + ("; …" if len(changes) > shown else "")


def version_changes(table: pd.DataFrame, lang: str, *, only_changed: bool) -> Grid:
    """Two versions side by side (`versions.side_by_side`): every figure, or only those that differ; counts written
    as the reader writes them ("1.603", "−6"), «không có» where a version holds no such figure."""
    rows = table[table["changed"]] if only_changed else table
    absent = ABSENT.label(lang)
    count = _count_or_absent(lang)
    change = _or_word(lambda v: formatting.signed(v, "count", lang), absent)
    return Grid(
        pd.DataFrame(
            {
                "case_type": rows["scope_label"],
                "measure": rows["measure_label"],
                "first": rows["first"],
                "second": rows["second"],
                "difference": rows["difference"],
            }
        ),
        formats=(("first", None, count), ("second", None, count), ("difference", None, change)),
        missing=absent,
    )


# --- administration ---------------------------------------------------------------------------------------------

# "Ngừng sử dụng", not "Đã khóa": a disabled account is not the lockout after failed log-ins (its own column).
ACTIVE = {True: Words("✔️ Đang dùng", "✔️ Active"), False: Words("✖️ Ngừng sử dụng", "✖️ Disabled")}
AUDIT_ACTIONS = {
    "return.store": Words("Lưu báo cáo", "Return stored"),
    "return.restore": Words("Khôi phục phiên bản", "Version restored"),
    "comment": Words("Ghi chú", "Comment"),
    "targets": Words("Chỉ tiêu", "Target"),
    "weights": Words("Trọng số xếp hạng", "Ranking weights"),
    "setting": Words("Thiết lập", "Setting"),
    "account.add": Words("Tạo tài khoản", "Account added"),
    "account.password": Words("Đặt mật khẩu mới", "New password"),
    "account.disable": Words("Khóa tài khoản", "Account disabled"),
    "account.enable": Words("Mở lại tài khoản", "Account enabled"),
}
# The audit page's filter: an action, or every action that begins so ("return." is storing and restoring).
AUDIT_KINDS = {
    "": Words("— tất cả —", "— every kind —"),
    "return.": Words("Báo cáo (lưu, khôi phục)", "Returns (stored, restored)"),
    "targets": AUDIT_ACTIONS["targets"],
    "account.": Words("Tài khoản", "Accounts"),
    "comment": AUDIT_ACTIONS["comment"],
    "weights": AUDIT_ACTIONS["weights"],
    "setting": AUDIT_ACTIONS["setting"],
}
SETTING_NAMES = {"deadline_days": Words("Hạn gửi báo cáo (số ngày sau kỳ)", "Return deadline (days after the period)")}
VERSION_N = Words("phiên bản {n}", "version {n}")
STORED_AS = Words("phiên bản {n} · tệp {file} · {figures} số liệu", "version {n} · file {file} · {figures} figures")
RESTORED_AS = Words("phiên bản {n}, khôi phục từ phiên bản {source}", "version {n}, restored from version {source}")
CONFIDENCE = {  # how sure the source of a target is (DOMAIN.md §6)
    "high": Words("Cao", "High"),
    "medium": Words("Trung bình", "Medium"),
    "assumed": Words("Giả định", "Assumed"),
}
SHORT_TEXT = 80  # characters of a comment or a source shown in the audit grid; the CSV keeps them whole


def _court_name(key: object, lang: str) -> str:
    """A court's name (`court_label`); nothing for none."""
    return court_label(key, lang) if isinstance(key, str) and key else ""


def _short(text: object) -> str:
    words = str(text)
    return words if len(words) <= SHORT_TEXT else words[: SHORT_TEXT - 1].rstrip() + "…"


def account_rows(users: pd.DataFrame, lang: str, now: dt.datetime) -> Grid:
    """The accounts as the secretariat reads them: the role and the court by name, enabled or not, days as dd/mm/yyyy
    hh:mm, nothing where there is nothing (no e-mail, no lockout: one that has ended is cleared only at the account's
    next log-in, so it is left out here)."""
    locked = [None if pd.isna(at) or formatting.as_utc(pd.Timestamp(at)) <= now else at for at in users["locked_until"]]
    return Grid(
        pd.DataFrame(
            {
                "username": users["username"],
                "display_name": users["display_name"].fillna(""),
                "email": users["email"].fillna(""),
                "role": [ROLES[r].label(lang) if r in ROLES else r for r in users["role"]],
                "court": [_court_name(c, lang) for c in users["court"]],
                "active": [ACTIVE[bool(a)].label(lang) for a in users["active"]],
                "created_at": users["created_at"].map(formatting.moment),
                "locked_until": [formatting.moment(at) for at in locked],
            }
        )
    )


def audit_rows(trail: pd.DataFrame, lang: str) -> Grid:
    """The audit trail, newest first as stored: when, who (their user name, as the filter takes it), what kind of
    change in words, what it changed by name, and before and after as a short line instead of the stored JSON."""
    return Grid(
        pd.DataFrame(
            {
                "when": trail["at"].map(formatting.moment),
                "actor": trail["actor"],
                "action": [AUDIT_ACTIONS[a].label(lang) if a in AUDIT_ACTIONS else a for a in trail["action"]],
                "subject": [audit_subject(a, s, lang) for a, s in zip(trail["action"], trail["subject"], strict=True)],
                "before": [audit_change(a, v, lang) for a, v in zip(trail["action"], trail["before"], strict=True)],
                "after": [audit_change(a, v, lang) for a, v in zip(trail["action"], trail["after"], strict=True)],
            }
        )
    )


def audit_subject(action: str, subject: str, lang: str) -> str:
    """What a change was made to, by name: "Sơn La · 12 tháng 2025", "2023 · Tỷ lệ giải quyết án hình sự · Chỉ tiêu
    TANDTC"; as stored when it is not in the form its action writes."""
    parts = str(subject).split(" ")
    try:
        if action.startswith("return.") or action == "comment":
            court, year, period = parts
            return f"{_court_name(court, lang)} · {period_name(int(year), period, lang)}"
        if action == "targets":
            year, indicator, layer = parts
            return f"{year} · {INDICATOR_BY_KEY[indicator].label(lang)} · {LAYERS[layer].label(lang)}"
        if action == "setting" and subject in SETTING_NAMES:
            return SETTING_NAMES[subject].label(lang)
    except (ValueError, KeyError):
        pass
    return str(subject)


def audit_change(action: str, stored: object, lang: str) -> str:
    """A before or after of the audit trail (JSON) as a short line: "phiên bản 4, khôi phục từ phiên bản 2",
    "≥ 90,0 % · Chỉ thị 01/2024/CT-CA…", an account's name, role, court and state; nothing for none; a value of
    another form as generic "key: value" pairs, and text that is not JSON as it is."""
    if stored is None or (isinstance(stored, float) and pd.isna(stored)):
        return ""
    try:
        value = json.loads(stored)
    except (TypeError, ValueError):
        return _short(stored)
    try:
        return _short(_change_text(action, value, lang))
    except (KeyError, TypeError, ValueError):
        return _short(_generic(value))


def _change_text(action: str, value: object, lang: str) -> str:
    if action in ("return.store", "return.restore") and set(value) == {"version"}:
        return VERSION_N.label(lang).format(n=value["version"])
    if action == "return.store":
        return STORED_AS.label(lang).format(
            n=value["version"], file=value["file"], figures=formatting.number(value["figures"], 0, lang)
        )
    if action == "return.restore":
        return RESTORED_AS.label(lang).format(n=value["version"], source=value["from"])
    if action == "targets":
        unit = INDICATOR_BY_KEY[value["indicator"]].unit
        goal = formatting.target(value["comparator"], float(value["value"]), unit, lang)
        return " · ".join(part for part in (goal, str(value.get("source") or "")) if part)
    if action == "weights":
        return "; ".join(f"{short_label(k, lang)}: {formatting.number(w, 1, lang)}" for k, w in value.items())
    if action == "setting":
        return formatting.number(value, 0, lang)
    if action == "comment":
        return str(value["text"])
    if action.startswith("account."):
        parts = (
            value.get("display_name") or value["username"],
            ROLES[value["role"]].label(lang),
            _court_name(value.get("court"), lang),
            ACTIVE[bool(value["active"])].label(lang),
        )
        return " · ".join(part for part in parts if part)
    return _generic(value)


def _generic(value: object) -> str:
    if isinstance(value, dict):
        return "; ".join(f"{k}: {'' if v is None else v}" for k, v in value.items())
    return str(value)


def targets_editor(targets: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The targets as the secretariat edits them: the stored columns (keys and numbers: the editor shows their names
    and the saved rows are these), and how each target reads ("≥ 90,0 %"), which is not edited."""
    frame = editable(targets)
    reads = []
    for indicator, comparator, value in zip(frame["indicator"], frame["comparator"], frame["value"], strict=True):
        spec = INDICATOR_BY_KEY.get(indicator)
        reads.append("" if spec is None or pd.isna(value) else formatting.target(comparator, value, spec.unit, lang))
    return frame.assign(reads=reads)


def edited_targets(edited: pd.DataFrame) -> pd.DataFrame:
    """The rows of the targets editor as the store takes them: without the column that only says how they read."""
    return edited[TARGET_COLUMNS]
