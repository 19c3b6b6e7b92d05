"""The comparison of the courts for one year and period: the table the pages, the export and the CLI share."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace

import pandas as pd

from analytics import formatting
from analytics.compute.indicators import CLUSTER, INDICATOR_BY_KEY, PROGRESS, compute, of_courts
from analytics.compute.projection import AT_RISK, YEAR_END, backtest, effort, with_projections
from analytics.compute.targets import BEHIND_PACE, IN_PROGRESS, JUDGED, MET, NOT_MET, ON_PACE, evaluate
from analytics.domain import CASE_TYPE_BY_KEY, CASE_TYPES, GROUPS, PERIOD_BY_KEY, cluster_courts, court_by_key
from analytics.text import Words

# The indicators of the scorecard and the export, in the order a reader expects them.
SCORECARD = (
    "resolution_rate.criminal",
    "resolution_rate.civil_group",
    "resolution_rate.administrative",
    "resolution_rate.admin_measures",
    "resolution_rate.all",
    "subjective_overturn_rate",
    "overdue_cases",
    "online_hearings_per_unit",
    "publication_rate",
    "enforcement_timeliness",
    "mediation_success_rate",
    "experience_trials_per_judge",
    "clearance_rate",
    "disposition_time_days",
)
CLUSTER_LABEL = Words("Toàn Cụm", "Cluster total")
COURTS_WORD = Words("Tòa án", "courts")
ALL_GROUPS = "all"
GROUP_INDICATORS = tuple(f"resolution_rate.{g}" for g in GROUPS)


# Of the scorecard, only the resolution rates are counted by case type: every other indicator is the court's as a whole
# (all case types together, or the court's own figures: hearings, judgments published, enforcement; DOMAIN.md §5), the
# same whichever case group is chosen.
COURT_WIDE = "court"
COURT_WIDE_INDICATORS = tuple(k for k in SCORECARD if k not in GROUP_INDICATORS)
COURT_WIDE_LABEL = Words("Chỉ tiêu chung của đơn vị — không theo loại án", "Court-wide indicators — not by case type")
GROUP_WORD = Words("Nhóm án", "Case group")


def indicators_for(group: str = ALL_GROUPS) -> tuple[str, ...]:
    """The scorecard's indicators for a case group: its resolution rate and its case types' instead of every group's,
    then the court-wide ones."""
    return tuple(key for _, keys in sections(group) for key in keys)


def sections(group: str = ALL_GROUPS) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The scorecard's indicators for a case group in their sections, (scope, indicators): for a group, its own
    resolution rates, then the court-wide indicators apart (`COURT_WIDE`), which the group does not narrow; for every
    case type one section."""
    if group == ALL_GROUPS or group not in GROUPS:
        return ((ALL_GROUPS, SCORECARD),)
    own = (f"resolution_rate.{group}",) + tuple(
        f"resolution_rate.{c.key}" for c in CASE_TYPES if c.group == group and c.key != group
    )
    return ((group, own), (COURT_WIDE, COURT_WIDE_INDICATORS))


def within(parts: Iterable[tuple[str, tuple[str, ...]]], keys: Iterable[str]) -> list[tuple[str, tuple[str, ...]]]:
    """Sections (title or scope, indicators) with only the indicators among `keys`, in their order; a section left
    without any is dropped. What a table or chart holds of `sections`: the indicators shown, or those with a target."""
    kept = set(keys)
    chosen = [(head, tuple(k for k in indicators if k in kept)) for head, indicators in parts]
    return [(head, indicators) for head, indicators in chosen if indicators]


def scope_of(indicator: str) -> str:
    """The case group an indicator is counted for (a case type's resolution rate: its group's), or `COURT_WIDE`."""
    if not indicator.startswith("resolution_rate."):
        return COURT_WIDE
    counted = indicator.removeprefix("resolution_rate.")
    if counted in GROUPS:
        return counted
    return CASE_TYPE_BY_KEY[counted].group or ALL_GROUPS


def scope_label(scope: str, lang: str = "vi") -> str:
    """A section's title: «Nhóm án: Hình sự», or «Chỉ tiêu chung của đơn vị — không theo loại án»."""
    if scope == COURT_WIDE:
        return COURT_WIDE_LABEL.label(lang)
    return f"{GROUP_WORD.label(lang)}: {GROUPS[scope].label(lang)}"


def case_types_of(group: str = ALL_GROUPS) -> tuple[str, ...]:
    """The case types a group covers (all of them for "all")."""
    return tuple(c.key for c in CASE_TYPES if group == ALL_GROUPS or c.group == group)


@dataclass(frozen=True, eq=False)
class Comparison:
    """Every indicator of every court of one year and period, evaluated against the targets."""

    year: int
    period: str
    rows: pd.DataFrame  # one row per court (and the cluster) and indicator, with basis and projections
    synthetic: bool
    effort: pd.DataFrame = field(default_factory=pd.DataFrame)  # what it takes to reach the targets by 30/09
    errors: pd.DataFrame = field(default_factory=pd.DataFrame)  # the projection's backtest per indicator
    reporting: tuple[str, ...] = ()  # the member courts with a return of this period (the cluster row's coverage)
    # The cluster's values of this period in every stored year (year, indicator, value): computed with the rest.
    years: pd.DataFrame = field(default_factory=pd.DataFrame)

    @property
    def full_year(self) -> bool:
        return PERIOD_BY_KEY[self.period].full_year

    @property
    def empty(self) -> bool:
        return self.rows.empty

    @property
    def members(self) -> tuple[str, ...]:
        return tuple(c.key for c in cluster_courts(self.year))

    def coverage(self) -> tuple[int, int]:
        """(member courts with a return, member courts): the cluster total covers the first."""
        return len(self.reporting), len(self.members)

    @property
    def complete(self) -> bool:
        reporting, members = self.coverage()
        return reporting == members

    def label(self, court: str, lang: str = "vi") -> str:
        """A court's short name; the cluster row with its coverage when a member has no return."""
        return self.cluster_label(lang) if court == CLUSTER else court_label(court, lang)

    def cluster_label(self, lang: str = "vi") -> str:
        """ "Toàn Cụm", or "Toàn Cụm (6/7 Tòa án)" when a member court has no return of the period."""
        if self.complete:
            return CLUSTER_LABEL.label(lang)
        reporting, members = self.coverage()
        return f"{CLUSTER_LABEL.label(lang)} ({reporting}/{members} {COURTS_WORD.label(lang)})"

    @property
    def projected(self) -> bool:
        """A partial year with a projection of at least one value (an earlier year is stored)."""
        return not self.full_year and "projected" in self.rows and self.rows["projected"].notna().any()

    def error(self, indicator: str) -> float | None:
        """The backtest's mean absolute error of this indicator's projection from this period, when known."""
        if self.errors.empty:
            return None
        found = self.errors[self.errors["indicator"] == indicator]
        return None if found.empty else float(found["error"].iloc[0])

    def courts(self) -> list[str]:
        """Court keys present, in the cluster's order, without the cluster row."""
        present = set(self.rows["court"])
        return [c.key for c in cluster_courts(self.year) if c.key in present]

    def only(self, courts: list[str] | tuple[str, ...] | None) -> Comparison:
        """The same comparison showing only these courts; the cluster row stays the whole cluster's total."""
        if not courts:
            return self
        return replace(self, rows=of_courts(self.rows, courts).reset_index(drop=True))

    def scorecard(self, indicators: tuple[str, ...] = SCORECARD) -> pd.DataFrame:
        """The rows of the scorecard indicators, courts in order and the cluster last."""
        order = {key: i for i, key in enumerate(self.courts() + [CLUSTER])}
        columns = {key: i for i, key in enumerate(indicators)}
        rows = self.rows[self.rows["indicator"].isin(indicators) & self.rows["court"].isin(order)]
        return rows.sort_values(
            ["court", "indicator"], key=lambda s: s.map(order if s.name == "court" else columns)
        ).reset_index(drop=True)

    def targets_met(self, indicators: tuple[str, ...] = SCORECARD) -> dict[str, tuple[int, int]]:
        """Court (and the cluster) → (targets met, indicators judged against a target) among these indicators."""
        rows = self.scorecard(indicators)
        met = rows["status"] == MET
        judged = rows["status"].isin(JUDGED)
        counts = pd.DataFrame({"court": rows["court"], "met": met, "judged": judged}).groupby("court").sum()
        return {str(k): (int(r.met), int(r.judged)) for k, r in counts.iterrows()}

    def indicator(self, key: str) -> pd.DataFrame:
        """One indicator for each court (no cluster row), best first for its direction; no value last."""
        rows = self.rows[(self.rows["indicator"] == key) & (self.rows["court"] != CLUSTER)]
        ascending = INDICATOR_BY_KEY[key].direction == "lower"
        return rows.sort_values("value", ascending=ascending, na_position="last").reset_index(drop=True)

    def cluster(self) -> pd.DataFrame:
        return self.rows[self.rows["court"] == CLUSTER].set_index("indicator")

    def cluster_in(self, year: int) -> pd.Series:
        """The cluster's values of this period in another year, as `cluster_values` gives them (the year before, for
        the overview's cards), from what the comparison computed already."""
        if self.years.empty:
            return pd.Series([], index=pd.Index([], name="indicator"), name="value", dtype="float64")
        return self.years[self.years["year"] == year].set_index("indicator")["value"]

    def misses(self, indicators: tuple[str, ...] = SCORECARD) -> pd.DataFrame:
        """Which court misses which target: the rows the leadership asks about first. A partial year's seasonal
        rate is never a miss (it is in progress); a state as at the period's end is."""
        rows = self.scorecard(indicators)
        return rows[(rows["status"] == NOT_MET) & (rows["court"] != CLUSTER)]

    def at_risk(self, indicators: tuple[str, ...] = SCORECARD) -> pd.DataFrame:
        """A partial year's warnings: a projected year-end below the target, or a count behind the pro-rata pace."""
        rows = self.scorecard(indicators)
        flagged = (rows["status"] == BEHIND_PACE) | (rows.get("projected_status") == AT_RISK)
        return rows[flagged & (rows["court"] != CLUSTER)]

    def ranking_rows(self) -> pd.DataFrame | None:
        """The rows the indicative ranking weighs: a full year as judged; a partial year on projected year-end values
        for the seasonal rates (the margins of their projections), pro rata for the counts, as they stand for the
        states. None for a partial year with no projection (no earlier year stored)."""
        if self.full_year:
            return self.rows
        if not self.projected:
            return None
        progress = self.rows["basis"] == PROGRESS
        return self.rows.assign(
            value=self.rows["value"].where(~progress, self.rows["projected"]),
            margin=self.rows["margin"].where(~progress, self.rows["projected_margin"]),
        )


def court_label(key: str, lang: str = "vi") -> str:
    """A court's short name ("Lai Châu"), or the cluster row's ("Toàn Cụm"); the key itself for a court the registry
    no longer knows (an account or a return of a court taken out of courts.csv)."""
    if key == CLUSTER:
        return CLUSTER_LABEL.label(lang)
    try:
        return court_by_key(key).label(lang)
    except KeyError:
        return key


def compare(figures: pd.DataFrame, targets: pd.DataFrame, returns: pd.DataFrame, year: int, period: str) -> Comparison:
    """The comparison for one year and period from the store's current figures (of every stored year: the same
    period a year before, the projection and its backtest need them), targets and returns."""
    periods = figures[figures["period"].isin([period, YEAR_END])]
    history = compute(periods)
    now = history[(history["year"] == year) & (history["period"] == period)]
    rows = with_projections(evaluate(now.reset_index(drop=True), targets), history)
    members = [c.key for c in cluster_courts(year)]
    present = set(now["court"])
    reporting = tuple(c for c in members if c in present)
    return Comparison(
        year,
        period,
        rows,
        synthetic_shown(returns, year, period),
        effort=effort(periods, targets, year, period),
        errors=backtest(history, period),
        reporting=reporting,
        years=history[(history["court"] == CLUSTER) & (history["period"] == period)][["year", "indicator", "value"]],
    )


def years_held(returns: pd.DataFrame) -> list[int]:
    """The statistical years with any return, newest first."""
    return sorted({int(y) for y in returns["year"]}, reverse=True)


def periods_held(returns: pd.DataFrame, year: int, court: str | None = None) -> list[str]:
    """The periods of a year with a return (of one court when given), in the order of the year."""
    rows = returns[(returns["year"] == year) & ((returns["court"] == court) | (court is None))]
    held = set(rows["period"])
    return [key for key in PERIOD_BY_KEY if key in held]


def synthetic_shown(returns: pd.DataFrame, year: int | None = None, period: str | None = None) -> bool:
    """Whether any return shown (of this year and period, when given) is the synthetic sample data."""
    rows = returns if year is None else returns[(returns["year"] == year) & (returns["period"] == period)]
    return bool(rows["synthetic"].any()) if not rows.empty else False


def latest_stored(returns: pd.DataFrame) -> str:
    """When the newest return was stored, "dd/mm/yyyy HH:MM" ("" when none is)."""
    return formatting.moment(returns["stored_at"].max()) if not returns.empty else ""


def latest_period(returns: pd.DataFrame) -> tuple[int, str] | None:
    """The newest year and the latest cumulative period of it that has any return."""
    cumulative = returns[returns["period"].map(lambda p: PERIOD_BY_KEY[p].cumulative)]
    if cumulative.empty:
        return None
    year = int(cumulative["year"].max())
    months = cumulative[cumulative["year"] == year]["period"].map(lambda p: PERIOD_BY_KEY[p].months)
    return year, cumulative.loc[months.idxmax(), "period"]


SHORT_LABELS = {
    "resolution_rate.criminal": Words("GQ hình sự", "Criminal"),
    "resolution_rate.civil_group": Words("GQ nhóm dân sự", "Civil group"),
    "resolution_rate.administrative": Words("GQ hành chính", "Administrative"),
    "resolution_rate.admin_measures": Words("GQ biện pháp XLHC", "Admin. measures"),
    "resolution_rate.all": Words("GQ chung", "All cases"),
    "subjective_overturn_rate": Words("Hủy, sửa chủ quan", "Overturned (subjective)"),
    "overdue_cases": Words("Án quá hạn", "Overdue cases"),
    "online_hearings_per_unit": Words("PT trực tuyến / đơn vị", "Online hearings / unit"),
    "publication_rate": Words("Công bố bản án", "Judgments published"),
    "enforcement_timeliness": Words("Ra QĐ THA đúng hạn", "Enforcement on time"),
    "mediation_success_rate": Words("Hòa giải thành", "Mediation success"),
    "experience_trials_per_judge": Words("PT rút KN / Thẩm phán", "Experience trials / judge"),
    "clearance_rate": Words("GQ / thụ lý mới (CEPEJ)", "Clearance (CEPEJ)"),
    "disposition_time_days": Words("Thời gian GQ (ngày)", "Disposition (days)"),
}


def short_label(indicator: str, lang: str = "vi") -> str:
    """An indicator's name in a few words, for a column, a card or an axis ("GQ hình sự")."""
    short = SHORT_LABELS.get(indicator)
    return short.label(lang) if short is not None else INDICATOR_BY_KEY[indicator].label(lang)


def scorecard_grid(
    comparison: Comparison, lang: str = "vi", indicators: tuple[str, ...] = SCORECARD
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Courts × indicators as numbers (so that a grid sorts them as numbers) and the matching statuses, cluster
    row last; the columns are the indicators' short labels. `scorecard_text` gives what a cell shows."""
    rows = comparison.scorecard(indicators)
    order = [comparison.label(c, lang) for c in comparison.courts() + [CLUSTER]]
    columns = [short_label(k, lang) for k in indicators if k in set(rows["indicator"])]
    labelled = rows.assign(
        court=rows["court"].map(lambda c: comparison.label(c, lang)),
        indicator=rows["indicator"].map(lambda k: short_label(k, lang)),
        value=rows["value"].astype("float64"),
    )

    def grid(column: str) -> pd.DataFrame:
        wide = labelled.pivot(index="court", columns="indicator", values=column)
        return wide.reindex(index=order, columns=columns).rename_axis(index=None, columns=None)

    return grid("value").astype("float64"), grid("status")


# A text mark beside the colour, so status never rests on colour alone: ✓ met, ✗ not met; a partial year's
# ↗ on pace and ↘ behind pace (counts against the target pro rata), ⋯ in progress (a seasonal rate, not judged).
STATUS_MARKS = {MET: "✓ ", NOT_MET: "✗ ", ON_PACE: "↗ ", BEHIND_PACE: "↘ ", IN_PROGRESS: "⋯ "}


def scorecard_text(
    value: float | None, status: str, indicator: str, lang: str = "vi", target: float | None = None
) -> str:
    """A scorecard cell as the reader sees it: "✓ 98,6 %", "✗ 3", "không áp dụng"; a value that rounds to its target
    shows the decimals that tell them apart ("✗ 89,95 %" against "≥ 90 %")."""
    return STATUS_MARKS.get(status, "") + formatting.judged(value, INDICATOR_BY_KEY[indicator].unit, target, lang)


def previous_period(year: int, period: str) -> tuple[int, str]:
    """The period before: 6 → 3 of the same year; 3 → 12 of the year before; Q2 → Q1; Q1 → Q4 of the year before."""
    if period in ("3", "Q1"):
        return year - 1, "12" if period == "3" else "Q4"
    order = ["3", "6", "9", "12"] if PERIOD_BY_KEY[period].cumulative else ["Q1", "Q2", "Q3", "Q4"]
    return year, order[order.index(period) - 1]


KPI_COLUMNS = [
    "value",
    "target",
    "comparator",
    "margin",
    "status",
    "basis",
    "projected",
    "projected_low",
    "projected_high",
    "projected_status",
    "projection_years",
    "previous",
    "vs_previous",
    "last_year",
    "vs_last_year",
    "benchmark",
]


def cluster_values(figures: pd.DataFrame, year: int, period: str) -> pd.Series:
    """The cluster's value of every indicator in one year and period (indicator → value; empty when nothing is
    stored): what the overview's cards compare with, without the projections and targets of a whole comparison."""
    rows = compute(figures[(figures["year"] == year) & (figures["period"] == period)])
    return rows[rows["court"] == CLUSTER].set_index("indicator")["value"]


def kpis(
    current: Comparison,
    previous: pd.Series | None,
    last_year: pd.Series | None,
    benchmarks: pd.DataFrame,
    indicators: tuple[str, ...],
) -> pd.DataFrame:
    """The cluster's indicators with the change against the previous period, the same period a year before
    (`previous`, `last_year`: their cluster values, see `cluster_values`; None or empty when not stored) and the
    target; the national result beside them for a full year when one is known."""
    here = current.cluster()

    def values(other: pd.Series | None) -> pd.Series:
        if other is None or other.empty:
            return pd.Series(float("nan"), index=list(indicators))
        return other.reindex(list(indicators)).astype("float64")

    national = benchmarks[benchmarks["year"] == current.year].set_index("indicator")["value"]
    own = ["value", "target", "comparator", "margin", "status", "basis"]
    own += ["projected", "projected_low", "projected_high", "projected_status", "projection_years"]
    frame = here.reindex(list(indicators))[own]
    before, year_ago = values(previous), values(last_year)
    frame = frame.assign(
        value=frame["value"].astype("float64"),
        previous=before,
        vs_previous=frame["value"].astype("float64") - before,
        last_year=year_ago,
        vs_last_year=frame["value"].astype("float64") - year_ago,
        benchmark=national.reindex(list(indicators)).astype("float64") if current.full_year else float("nan"),
    )
    return frame[frame["status"].notna()][KPI_COLUMNS]
