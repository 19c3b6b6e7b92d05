"""Writes the seeded synthetic ("dữ liệu mẫu") returns of Cluster II for the statistical years 2023, 2024 and 2025:
`python sample_data/generate.py`.

Each year has its own story (which court misses which target at 12 months) and its own seasonal path, so the
pages have something to compare year over year, a partial year can be projected from the earlier years, and a
few courts change rank. A court's carried-over cases are its pending cases at the end of the year before. From
2025 the cluster is the six courts of its new membership: Lào Cai reports for Lào Cai and Yên Bái, Phú Thọ for
Phú Thọ, Hòa Bình and Vĩnh Phúc, Tuyên Quang (with Hà Giang) joins (DOMAIN.md §2).
"""

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
from analytics.ingest.reader import read_return
from analytics.ingest.template import write_workbook
from analytics.records import ERROR, Return, empty_cases

SEED = 2023
YEARS = (2023, 2024, 2025)
OUT_DIR = Path(__file__).resolve().parent
NOTE = "Dữ liệu mẫu – không phải số liệu thật. Sinh bởi sample_data/generate.py (seed 2023)."
Range = tuple[float, float]

# Court size in 2023: annual accepted cases (two-level court), judges, units (provincial court + districts), who
# prepares. Vĩnh Phúc and Tuyên Quang (with Hà Giang) only size the 2025 courts of the merged provinces.
PROFILES: dict[str, tuple[int, int, int, str]] = {
    "lai_chau": (1700, 27, 9, "Lò Thị Hương"),
    "lao_cai": (5400, 52, 10, "Nguyễn Văn Thành"),
    "dien_bien": (2700, 38, 11, "Lường Văn Khánh"),
    "son_la": (3900, 46, 11, "Cầm Thị Lan"),
    "yen_bai": (3100, 41, 10, "Trần Minh Đức"),
    "phu_tho": (5800, 58, 11, "Phạm Thu Trang"),
    "hoa_binh": (3300, 43, 11, "Bùi Văn Hùng"),
    "vinh_phuc": (4600, 47, 10, ""),
    "tuyen_quang": (5200, 61, 15, "Hoàng Thị Mai"),
}
# The courts of 2025 that report for a merged province, and the provinces they cover (Nghị quyết 202/2025/QH15).
MERGED_2025: dict[str, tuple[str, ...]] = {
    "lao_cai": ("lao_cai", "yen_bai"),
    "phu_tho": ("phu_tho", "hoa_binh", "vinh_phuc"),
    "tuyen_quang": ("tuyen_quang",),  # with Hà Giang, which was never in the cluster: sized as one province
}
# Each year's 12-month story: the TANDTC targets (analytics/data/targets.csv) each court misses; every other
# target is met, and every court stays above the National Assembly floors.
STORIES: dict[int, dict[str, set[str]]] = {
    2023: {  # Lào Cai and Sơn La meet every target
        "yen_bai": {"resolution_rate.civil_group", "overdue_cases"},  # a civil backlog
        "dien_bien": {"resolution_rate.administrative", "enforcement_timeliness"},
        "lai_chau": {"online_hearings_per_unit"},
        "hoa_binh": {"subjective_overturn_rate"},
        "phu_tho": {"publication_rate"},
    },
    2024: {  # Yên Bái clears its backlog; Sơn La slips on the online hearings
        "dien_bien": {"resolution_rate.administrative"},
        "hoa_binh": {"resolution_rate.civil_group", "overdue_cases"},
        "lao_cai": {"publication_rate"},
        "son_la": {"online_hearings_per_unit"},
    },
    2025: {  # the merged courts settle in; Tuyên Quang brings Hà Giang's civil backlog
        "tuyen_quang": {"resolution_rate.civil_group"},
        "phu_tho": {"overdue_cases"},
        "lai_chau": {"resolution_rate.administrative"},
    },
}
GROWTH: Range = (0.97, 1.08)  # a court's caseload from one year to the next

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
COURT_FLOWS = [k for k in COURT_MEASURE_KEYS if k not in STOCKS and MEASURE_BY_KEY[k].required]
OPS = {">=": operator.ge, ">": operator.gt, "<=": operator.le, "=": operator.eq}


def draw(rng: np.random.Generator, bounds: Range) -> float:
    return float(rng.uniform(*bounds))


def progress(rng: np.random.Generator) -> np.ndarray:
    """Cumulative share of the year's flow reached at 3, 6, 9, 12 months: about a quarter more each quarter."""
    return np.append(np.array([0.25, 0.5, 0.75]) + rng.uniform(-0.03, 0.03, 3), 1.0)


def floor(values: np.ndarray | float) -> np.ndarray:
    return np.floor(values).astype(int)  # floor of a non-decreasing series never shrinks


def case_flows(
    rng: np.random.Generator, accepted_year: int, carried: float, rate12: float, grow: np.ndarray, known: int | None
) -> dict:
    """One case type's measures at 3, 6, 9, 12 months. `known` is the carried-over count when the year before is
    known (its pending at 12 months); the drawn share then only sizes the year's new cases."""
    drawn = round(accepted_year * carried)
    carried_over = drawn if known is None else known
    new = np.round((accepted_year - drawn) * grow).astype(int)
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


def case_table(
    rng: np.random.Generator, story: set[str], size: float, grow: np.ndarray, carried: dict[str, int]
) -> dict[str, dict]:
    """Every measure of every case type as four cumulative values (3, 6, 9, 12 months)."""
    subjective = draw(rng, SUBJECTIVE_HIGH if "subjective_overturn_rate" in story else SUBJECTIVE)
    table: dict[str, dict] = {}
    for case_type in CASE_TYPES:
        key, group = case_type.key, case_type.group
        accepted_year = int(rng.integers(0, 3)) if key == "bankruptcy" else round(size * draw(rng, SHARES[key]))
        rate12 = draw(rng, (RATE_12_MISSED if f"resolution_rate.{group}" in story else RATE_12)[group])
        share = draw(rng, CARRIED.get(key, CARRIED_DEFAULT))
        flows = case_flows(rng, accepted_year, share, rate12, grow, carried.get(key))
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
    if "overdue_cases" in story:
        table["civil"]["overdue"] = np.array([0, 0, 1, int(rng.integers(OVERDUE_AT_12[0], OVERDUE_AT_12[1] + 1))])
    return table


def court_table(
    rng: np.random.Generator, story: set[str], judges: int, units: int, cases: dict[str, dict]
) -> dict[str, np.ndarray]:
    resolved = sum(flows["resolved"] for flows in cases.values())
    per_unit = draw(rng, ONLINE_PER_UNIT_LOW if "online_hearings_per_unit" in story else ONLINE_PER_UNIT)
    to_publish = floor(draw(rng, (0.55, 0.7)) * resolved)
    published = floor(draw(rng, PUBLISHED_LOW) * to_publish) if "publication_rate" in story else to_publish
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
        "enforcement_on_time": required - late if "enforcement_timeliness" in story else required,
    }


def court_returns(
    rng: np.random.Generator, court: str, year: int, size: float, judges: int, units: int, carried: dict[str, int]
) -> list[Return]:
    """A court's four cumulative returns of a year."""
    story = STORIES[year].get(court, set())
    grow = progress(rng)  # one calendar of new cases for the whole court
    cases = case_table(rng, story, size * draw(rng, (0.95, 1.05)), grow, carried)
    figures = court_table(rng, story, judges, units, cases)
    returns = []
    for index, period in enumerate(CUMULATIVE_PERIODS):
        frame = empty_cases()
        for key, flows in cases.items():
            for measure, values in flows.items():
                frame.at[key, measure] = int(values[index])
        # The optional court figures (units below 3 online hearings) are left empty, as most courts leave them.
        court_figures = dict.fromkeys(COURT_MEASURE_KEYS) | {k: int(v[index]) for k, v in figures.items()}
        prepared_on = PERIOD_BY_KEY[period].end(year) + dt.timedelta(days=int(rng.integers(3, 9)))  # sent days later
        meta = {"prepared_by": PROFILES[court][3], "prepared_on": prepared_on, "notes": NOTE, "synthetic": True}
        returns.append(Return(court, year, period, frame, court_figures, **meta))
    return returns


def pending_at_year_end(returns: list[Return]) -> dict[str, int]:
    return {key: int(value) for key, value in returns[-1].cases["pending"].items()}


def sample_years() -> dict[int, list[list[Return]]]:
    """Every year's returns, court by court (each a list of four periods). 2023 draws exactly as before 2024 and
    2025 were added, so its files do not change."""
    years: dict[int, list[list[Return]]] = {}
    rng = np.random.default_rng(SEED)
    sizes = {court: float(size) for court, (size, _, _, _) in PROFILES.items()}
    end_2023: dict[str, dict[str, int]] = {}
    years[2023] = []
    for court in (c.key for c in cluster_courts(2023)):
        _, judges, units, _ = PROFILES[court]
        returns = court_returns(rng, court, 2023, sizes[court], judges, units, {})
        years[2023].append(returns)
        end_2023[court] = pending_at_year_end(returns)
    rng = np.random.default_rng(SEED + 1)
    sizes = {court: size * draw(rng, GROWTH) for court, size in sizes.items()}
    end_2024: dict[str, dict[str, int]] = {}
    years[2024] = []
    for court in (c.key for c in cluster_courts(2024)):
        _, judges, units, _ = PROFILES[court]
        returns = court_returns(rng, court, 2024, sizes[court], judges, units, end_2023[court])
        years[2024].append(returns)
        end_2024[court] = pending_at_year_end(returns)
    rng = np.random.default_rng(SEED + 2)
    sizes = {court: size * draw(rng, GROWTH) for court, size in sizes.items()}
    years[2025] = []
    for court in (c.key for c in cluster_courts(2025)):
        parts = MERGED_2025.get(court, (court,))
        known = [end_2024[part] for part in parts if part in end_2024]
        # The merged court carries over what its provinces had pending; a province new to the cluster is drawn.
        carried = {k: sum(e[k] for e in known) for k in known[0]} if len(known) == len(parts) else {}
        judges = sum(PROFILES[part][1] for part in parts)
        units = sum(PROFILES[part][2] for part in parts)
        returns = court_returns(rng, court, 2025, sum(sizes[p] for p in parts), judges, units, carried)
        years[2025].append(returns)
    return years


def check(returns: list[Return]) -> None:
    """The consistency rules of DOMAIN.md §4 on one court's four returns, so that a bad draw fails here."""
    for ret in returns:
        c, f = ret.cases.fillna(0), ret.court_figures
        assert (c >= 0).all().all() and min(v for v in f.values() if v is not None) >= 0
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
    """The indicators with a target (DOMAIN.md §5), from one return."""
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
        targets = [row for row in csv.DictReader(handle) if row["year"] == str(ret.year) and row["layer"] == layer]
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
    for year, courts in sample_years().items():
        for returns in courts:
            court = returns[0].court
            check(returns)
            missed = misses(returns[-1], "tandtc")
            assert missed == STORIES[year].get(court, set()), (year, court, missed)
            floors = misses(returns[-1], "national_assembly")  # the overturn cap is 1,5 % in both layers
            assert not {m for m in floors if m.startswith("resolution_rate")}, (year, court, floors)
            for ret in returns:
                path = write_and_verify(ret)
                values = indicators(ret)
                accepted = int(ret.cases.accepted.sum())
                rate = vn(100 * values["resolution_rate.all"], 1)
                print(f"{path.name}: {ret.court} {ret.period} tháng, thụ lý {vn(accepted)}, giải quyết {rate} %")
            print(f"  {court} {year}, 12 tháng, không đạt: {', '.join(sorted(missed)) or '–'}")


if __name__ == "__main__":
    main()
