"""Writes the seeded synthetic ("dữ liệu mẫu") returns of Cluster II for 2023: `python sample_data/generate.py`."""

from __future__ import annotations

import csv
import datetime as dt
import itertools
import operator
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # `python sample_data/generate.py` needs no PYTHONPATH

import numpy as np
import pandas as pd

from analytics.domain import (
    CASE_MEASURE_KEYS,
    CASE_TYPES,
    COURT_MEASURE_KEYS,
    CUMULATIVE_PERIODS,
    DATA_DIR,
    MEASURE_BY_KEY,
    PERIOD_BY_KEY,
    cluster_courts,
)
from analytics.model import ERROR, Return, empty_cases
from analytics.reader import read_return
from analytics.template import write_workbook

SEED = 2023
YEAR = 2023
OUT_DIR = Path(__file__).resolve().parent
NOTE = "Dữ liệu mẫu – không phải số liệu thật. Sinh bởi sample_data/generate.py (seed 2023)."
Range = tuple[float, float]

# Court size: annual accepted cases (two-level court), judges, units (provincial court + districts), who prepares.
PROFILES: dict[str, tuple[int, int, int, str]] = {
    "lai_chau": (1700, 27, 9, "Lò Thị Hương"),
    "lao_cai": (5400, 52, 10, "Nguyễn Văn Thành"),
    "dien_bien": (2700, 38, 11, "Lường Văn Khánh"),
    "son_la": (3900, 46, 11, "Cầm Thị Lan"),
    "yen_bai": (3100, 41, 10, "Trần Minh Đức"),
    "phu_tho": (5800, 58, 11, "Phạm Thu Trang"),
    "hoa_binh": (3300, 43, 11, "Bùi Văn Hùng"),
}
# The 12-month story: the TANDTC targets (analytics/data/targets.csv) each court misses; every other target is met,
# and every court stays above the National Assembly floors. Lào Cai and Sơn La meet every target.
STORY: dict[str, set[str]] = {
    "yen_bai": {"resolution_rate.civil_group", "overdue_cases"},  # a civil backlog
    "dien_bien": {"resolution_rate.administrative", "enforcement_timeliness"},
    "lai_chau": {"online_hearings_per_unit"},
    "hoa_binh": {"subjective_overturn_rate"},
    "phu_tho": {"publication_rate"},
}

# Share of a year's accepted cases by case type (bankruptcy is drawn as a count of 0–2).
SHARES: dict[str, Range] = {
    "criminal": (0.25, 0.35),
    "civil": (0.18, 0.22),
    "family": (0.35, 0.40),
    "commercial": (0.025, 0.035),
    "labour": (0.003, 0.008),
    "administrative": (0.01, 0.03),
    "admin_measures": (0.05, 0.10),
}
# Pending at the start of the year as a share of the year's accepted: administrative cases take longest.
CARRIED: dict[str, Range] = {"administrative": (0.20, 0.30), "admin_measures": (0.02, 0.05), "bankruptcy": (0.5, 0.5)}
CARRIED_DEFAULT: Range = (0.08, 0.14)
# Resolution rate at 12 months by target group; the story courts get the lower ranges.
RATE_12: dict[str | None, Range] = {
    "criminal": (0.93, 0.99),
    "civil_group": (0.86, 0.95),
    "administrative": (0.68, 0.85),
    "admin_measures": (0.993, 1.0),
    None: (0.3, 0.7),  # bankruptcy
}
RATE_12_MISSED: dict[str | None, Range] = {"civil_group": (0.80, 0.83), "administrative": (0.61, 0.64)}
# The rate at 3, 6, 9 months as a share of the 12-month rate (≈ 35–45 %, 60–68 %, 75–82 % overall).
SEASON: tuple[Range, ...] = ((0.40, 0.46), (0.66, 0.72), (0.82, 0.87), (1.0, 1.0))
SUBJECTIVE: Range = (0.004, 0.011)  # subjective overturns / resolved
SUBJECTIVE_HIGH: Range = (0.018, 0.021)
ONLINE_PER_UNIT: Range = (3.6, 8.0)
ONLINE_PER_UNIT_LOW: Range = (2.2, 2.7)
PUBLISHED_LOW: Range = (0.95, 0.98)
OVERDUE_AT_12 = (2, 3)
LATE_AT_12 = (3, 5)
MEDIATED = MEASURE_BY_KEY["mediation_handled"].only_for or ()
STOCKS = ("carried_over", "pending", "overdue", "suspended", "judges", "units")  # every other figure is cumulative
FLOWS = [k for k in CASE_MEASURE_KEYS if k not in STOCKS]
COURT_FLOWS = [k for k in COURT_MEASURE_KEYS if k not in STOCKS]
OPS = {">=": operator.ge, ">": operator.gt, "<=": operator.le, "=": operator.eq}


def story(court: str, indicator: str) -> bool:
    return indicator in STORY.get(court, set())


def draw(rng: np.random.Generator, bounds: Range) -> float:
    return float(rng.uniform(*bounds))


def progress(rng: np.random.Generator) -> np.ndarray:
    """Cumulative share of the year's flow reached at 3, 6, 9, 12 months: about a quarter more each quarter."""
    return np.append(np.array([0.25, 0.5, 0.75]) + rng.uniform(-0.03, 0.03, 3), 1.0)


def floor(values: np.ndarray | float) -> np.ndarray:
    return np.floor(values).astype(int)  # floor of a non-decreasing series never shrinks


def case_flows(rng: np.random.Generator, accepted_year: int, carried: float, rate12: float, grow: np.ndarray) -> dict:
    carried_over = round(accepted_year * carried)
    new = np.round((accepted_year - carried_over) * grow).astype(int)
    accepted = carried_over + new
    season = np.array([draw(rng, bounds) for bounds in SEASON])
    resolved = np.minimum(np.maximum.accumulate(np.round(rate12 * season * accepted).astype(int)), accepted)
    pending = accepted - resolved
    suspended = floor(draw(rng, (0.0, 0.05)) * pending)  # a stock, not a flow: it may fall
    return {
        "carried_over": np.full(4, carried_over),
        "new": new,
        "accepted": accepted,
        "resolved": resolved,
        "pending": pending,
        "overdue": np.zeros(4, int),
        "suspended": suspended,
    }


def overturns(rng: np.random.Generator, resolved: np.ndarray, subjective: float) -> dict[str, np.ndarray]:
    """Quashed and amended judgments, subjective and all causes, as shares of the resolved cases."""
    quashed = draw(rng, (0.3, 0.5))
    rate = subjective * draw(rng, (0.7, 1.3))
    objective = draw(rng, (0.005, 0.015))
    qs, am = floor(rate * quashed * resolved), floor(rate * (1 - quashed) * resolved)
    return {
        "quashed_subjective": qs,
        "amended_subjective": am,
        "quashed_total": qs + floor(objective * quashed * resolved),
        "amended_total": am + floor(objective * (1 - quashed) * resolved),
    }


def case_table(rng: np.random.Generator, court: str, size: float, grow: np.ndarray) -> dict[str, dict]:
    """Every measure of every case type as four cumulative values (3, 6, 9, 12 months)."""
    subjective = draw(rng, SUBJECTIVE_HIGH if story(court, "subjective_overturn_rate") else SUBJECTIVE)
    table: dict[str, dict] = {}
    for case_type in CASE_TYPES:
        key, group = case_type.key, case_type.group
        accepted_year = int(rng.integers(0, 3)) if key == "bankruptcy" else round(size * draw(rng, SHARES[key]))
        rate12 = draw(rng, (RATE_12_MISSED if story(court, f"resolution_rate.{group}") else RATE_12)[group])
        flows = case_flows(rng, accepted_year, draw(rng, CARRIED.get(key, CARRIED_DEFAULT)), rate12, grow)
        has_appeals = key not in ("bankruptcy", "admin_measures")  # none of these was appealed in the sample
        flows |= overturns(rng, flows["resolved"], subjective if has_appeals else 0.0)
        if key in MEDIATED:
            handled = floor(draw(rng, (0.3, 0.5) if key == "administrative" else (0.4, 0.6)) * flows["new"])
            success = floor(draw(rng, (0.3, 0.5) if key == "administrative" else (0.75, 0.9)) * handled)
            flows |= {"mediation_handled": handled, "mediation_success": success}
        if key == "criminal":
            per_case = draw(rng, (1.3, 1.7))  # a criminal case often has several defendants
            flows["defendants_accepted"] = floor(per_case * flows["accepted"])
            flows["defendants_resolved"] = floor(per_case * flows["resolved"])
        table[key] = flows
    if story(court, "overdue_cases"):
        table["civil"]["overdue"] = np.array([0, 0, 1, int(rng.integers(OVERDUE_AT_12[0], OVERDUE_AT_12[1] + 1))])
    return table


def court_table(rng: np.random.Generator, court: str, cases: dict[str, dict]) -> dict[str, np.ndarray]:
    _, judges, units, _ = PROFILES[court]
    resolved = sum(flows["resolved"] for flows in cases.values())
    per_unit = draw(rng, ONLINE_PER_UNIT_LOW if story(court, "online_hearings_per_unit") else ONLINE_PER_UNIT)
    to_publish = floor(draw(rng, (0.55, 0.7)) * resolved)
    published = floor(draw(rng, PUBLISHED_LOW) * to_publish) if story(court, "publication_rate") else to_publish
    required = floor(draw(rng, (0.8, 0.9)) * cases["criminal"]["defendants_resolved"])
    late = np.array([0, 1, 2, int(rng.integers(LATE_AT_12[0], LATE_AT_12[1] + 1))])
    return {
        "judges": np.full(4, judges),
        "units": np.full(4, units),
        "online_hearings": floor(per_unit * units * progress(rng)),
        "experience_trials": floor(draw(rng, (1.0, 2.0)) * judges * progress(rng)),
        "judgments_to_publish": to_publish,
        "judgments_published": published,
        "enforcement_required": required,
        "enforcement_on_time": required - late if story(court, "enforcement_timeliness") else required,
    }


def court_returns(rng: np.random.Generator, court: str) -> list[Return]:
    size, _, _, prepared_by = PROFILES[court]
    grow = progress(rng)  # one calendar of new cases for the whole court
    cases = case_table(rng, court, size * draw(rng, (0.95, 1.05)), grow)
    figures = court_table(rng, court, cases)
    returns = []
    for index, period in enumerate(CUMULATIVE_PERIODS):
        frame = empty_cases()
        for key, flows in cases.items():
            for measure, values in flows.items():
                frame.at[key, measure] = int(values[index])
        court_figures = {k: int(v[index]) for k, v in figures.items()}
        prepared_on = PERIOD_BY_KEY[period].end(YEAR) + dt.timedelta(days=int(rng.integers(3, 9)))  # sent days later
        meta = {"prepared_by": prepared_by, "prepared_on": prepared_on, "notes": NOTE, "synthetic": True}
        returns.append(Return(court, YEAR, period, frame, court_figures, **meta))
    return returns


def check(returns: list[Return]) -> None:
    """The consistency rules of DOMAIN.md §4 on one court's four returns, so that a bad draw fails here."""
    for ret in returns:
        c, f = ret.cases.fillna(0), ret.court_figures
        assert (c >= 0).all().all() and min(f.values()) >= 0
        assert (c.accepted == c.carried_over + c.new).all() and (c.pending == c.accepted - c.resolved).all()
        assert (c.overdue <= c.pending).all() and (c.suspended <= c.pending).all()
        for part, whole in (("quashed_subjective", "quashed_total"), ("amended_subjective", "amended_total")):
            assert (c[part] <= c[whole]).all() and (c[whole] <= c.resolved).all()
        assert (c.mediation_success <= c.mediation_handled).all()
        assert (c.defendants_resolved <= c.defendants_accepted).all()
        assert f["judgments_published"] <= f["judgments_to_publish"]
        assert f["enforcement_on_time"] <= f["enforcement_required"]
    for before, after in itertools.pairwise(returns):
        assert before.cases.carried_over.equals(after.cases.carried_over)
        assert (before.cases[FLOWS].fillna(0) <= after.cases[FLOWS].fillna(0)).all().all()
        assert all(before.court_figures[k] <= after.court_figures[k] for k in COURT_FLOWS)
        assert all(before.court_figures[k] == after.court_figures[k] for k in ("judges", "units"))


def indicators(ret: Return) -> dict[str, float]:
    """The indicators with a 2023 target (DOMAIN.md §5), from one return."""
    c, f = ret.cases, ret.court_figures
    values = {}
    for group in ("criminal", "civil_group", "administrative", "admin_measures", "all"):
        rows = [t.key for t in CASE_TYPES if group in ("all", t.group)]
        values[f"resolution_rate.{group}"] = c.loc[rows, "resolved"].sum() / c.loc[rows, "accepted"].sum()
    subjective = c.quashed_subjective.sum() + c.amended_subjective.sum()
    return values | {
        "subjective_overturn_rate": subjective / c.resolved.sum(),
        "overdue_cases": c.overdue.sum(),
        "enforcement_timeliness": f["enforcement_on_time"] / f["enforcement_required"],
        "online_hearings_per_unit": f["online_hearings"] / f["units"],
        "publication_rate": f["judgments_published"] / f["judgments_to_publish"],
    }


def misses(ret: Return, layer: str) -> set[str]:
    """The indicators whose target of the layer (analytics/data/targets.csv) the return misses."""
    with (DATA_DIR / "targets.csv").open(encoding="utf-8") as handle:
        targets = [row for row in csv.DictReader(handle) if row["year"] == str(YEAR) and row["layer"] == layer]
    values = indicators(ret)
    return {t["indicator"] for t in targets if not OPS[t["comparator"]](values[t["indicator"]], float(t["value"]))}


def vn(number: float, decimals: int = 0) -> str:
    """Vietnamese style: 1.234 and 98,6."""
    return f"{number:,.{decimals}f}".replace(",", " ").replace(".", ",").replace(" ", ".")


def write_and_verify(ret: Return) -> Path:
    path = OUT_DIR / f"{ret.year}_{int(ret.period):02d}_{ret.court}.xlsx"
    path.write_bytes(write_workbook(ret))
    back, problems = read_return(path.name, path.read_bytes())
    assert back is not None and not [p for p in problems if p.severity == ERROR], problems
    pd.testing.assert_frame_equal(back.cases, ret.cases)
    fields = operator.attrgetter("court", "year", "period", "court_figures", "prepared_by", "prepared_on", "notes")
    assert fields(back) == fields(ret) and back.synthetic
    return path


def main() -> None:
    rng = np.random.default_rng(SEED)
    for court in (c.key for c in cluster_courts(YEAR)):
        returns = court_returns(rng, court)
        check(returns)
        missed = misses(returns[-1], "tandtc")
        assert missed == STORY.get(court, set()), (court, missed)
        floors = misses(returns[-1], "national_assembly")  # the overturn cap is 1,5 % in both layers
        assert not {m for m in floors if m.startswith("resolution_rate")}, (court, floors)
        for ret in returns:
            path = write_and_verify(ret)
            values = indicators(ret)
            accepted = int(ret.cases.accepted.sum())
            rate = vn(100 * values["resolution_rate.all"], 1)
            print(f"{path.name}: {ret.court} {ret.period} tháng, thụ lý {vn(accepted)}, giải quyết {rate} %")
        print(f"  {court}, 12 tháng, không đạt: {', '.join(sorted(missed)) or '–'}")


if __name__ == "__main__":
    main()
