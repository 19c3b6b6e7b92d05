"""The indicative emulation ranking of DOMAIN.md §7: weighted margins over the targets, with gate criteria.

The official award is the cluster's vote; this ranking is "tham khảo" (for reference) and every page
that shows it says so. Per indicator the component is the margin over the TANDTC target in percentage
points for rates, and for counts the ratio to the target in percent (or −1 point per case where the
target is 0). Components are capped so that one indicator cannot decide the ranking alone. Courts that
pass every gate rank before those that fail one; within each, by the weighted mean of the components.
A gate that does not apply to a court (nothing to divide: no criminal judgment to enforce) is left out of
its gates, never counted as failed. A partial year is ranked on projected year-end values
(`Comparison.ranking_rows`).
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from analytics.compute.indicators import CLUSTER, INDICATOR_BY_KEY
from analytics.compute.targets import BEHIND_PACE, MET, NOT_MET, ON_PACE
from analytics.domain import DATA_DIR
from analytics.security import InvalidInput

PASSED = (MET, ON_PACE)  # a gate passed: met, or on pace for a count of a partial year
COUNTED = (*PASSED, NOT_MET, BEHIND_PACE)  # a gate judged; one that does not apply is left out

COMPONENT_CAP = 20.0  # points: 8 online hearings per unit against 3 must not outweigh every resolution rate
RANKING_COLUMNS = ["rank", "court", "score", "gates_passed", "gates_total", "all_gates", "components"]


def default_weights() -> pd.DataFrame:
    """The default weights and gates shipped with the app (analytics/data/ranking_weights.csv)."""
    frame = pd.read_csv(DATA_DIR / "ranking_weights.csv").astype({"weight": "float64", "gate": "bool"})
    unknown = sorted(set(frame["indicator"]) - set(INDICATOR_BY_KEY))
    if unknown:
        raise ValueError(f"ranking_weights.csv names unknown indicators: {unknown}")
    return frame


MAX_WEIGHT = 100.0  # the editor offers 0–100 (README); weights are relative, so more would be a typing slip


def checked_weights(chosen: dict[str, object]) -> dict[str, float]:
    """The weights as floats, or InvalidInput naming the indicator whose weight is not a finite number from 0 to
    MAX_WEIGHT, or the key that is not an indicator of the ranking."""
    known = set(default_weights()["indicator"])
    result = {}
    for key, weight in chosen.items():
        if key not in known:
            raise InvalidInput(
                f"«{key}» không phải chỉ tiêu của bảng xếp hạng.", f"'{key}' is not an indicator of the ranking."
            )
        try:
            number = float(weight)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            number = math.nan
        if not math.isfinite(number) or not 0 <= number <= MAX_WEIGHT:
            label = INDICATOR_BY_KEY[key].label("vi")
            raise InvalidInput(
                f"Trọng số của «{label}» là «{weight}»: phải là một số từ 0 đến {MAX_WEIGHT:g}.",
                f"The weight of '{key}' is '{weight}': it must be a number from 0 to {MAX_WEIGHT:g}.",
            )
        result[key] = number
    return result


def weights(stored: pd.DataFrame) -> pd.DataFrame:
    """The defaults with the secretariat's stored weights (indicator → weight) laid over them."""
    frame = default_weights()
    if stored.empty:
        return frame
    chosen = stored.set_index("indicator")["weight"].astype("float64")
    return frame.assign(weight=frame["indicator"].map(chosen).fillna(frame["weight"]))


def gate_indicators(chosen: pd.DataFrame) -> list[str]:
    """The indicators that are gates (pass / fail) among the chosen weights."""
    return list(chosen.loc[chosen["gate"], "indicator"])


def weight_values(frame: pd.DataFrame) -> dict[str, float]:
    """Indicator → weight, from rows of weights (the defaults, or the editor's: an emptied cell weighs 0)."""
    return dict(zip(frame["indicator"], frame["weight"].fillna(0.0).astype(float), strict=True))


def stored_by(stored: pd.DataFrame) -> tuple[pd.Timestamp, str] | None:
    """When the stored weights of a year were last saved and by whom (a user name), or None for the defaults."""
    if stored.empty:
        return None
    newest = stored.loc[stored["updated_at"].idxmax()]
    return pd.Timestamp(newest["updated_at"]), str(newest["updated_by"])


def component(value: float, target: float, margin: float, unit: str) -> float:
    """An indicator's contribution in points (see the module docstring)."""
    if pd.isna(margin):
        return float("nan")
    if unit == "rate":
        points = margin * 100
    elif target:
        points = margin / target * 100
    else:
        points = margin  # target 0: each case short costs one point
    return max(-COMPONENT_CAP, min(COMPONENT_CAP, float(points)))


def rank(rows: pd.DataFrame | None, chosen: pd.DataFrame) -> pd.DataFrame:
    """The courts of one comparison ranked: rank, court, score, gates passed and the components per indicator.

    `rows` are a Comparison's `ranking_rows()`; None (a partial year with nothing to project from) ranks no
    court. `chosen` comes from `weights()`.
    """
    courts = rows[rows["court"] != CLUSTER] if rows is not None else pd.DataFrame()
    if courts.empty:
        return pd.DataFrame(columns=RANKING_COLUMNS)
    weight = chosen.set_index("indicator")["weight"]
    gates = set(gate_indicators(chosen))
    scored = courts[courts["indicator"].isin(weight.index)]
    indicators, statuses = scored["indicator"].tolist(), scored["status"].tolist()
    components = np.array(
        [
            component(v, t, m, INDICATOR_BY_KEY[k].unit)
            for v, t, m, k in zip(scored["value"], scored["target"], scored["margin"], indicators, strict=True)
        ],
        dtype="float64",
    )
    weights_of = scored["indicator"].map(weight).to_numpy(dtype="float64")
    by_court: dict[str, list[int]] = {}  # in the order the courts come, as groupby(sort=False) gave them
    for position, court in enumerate(scored["court"].tolist()):
        by_court.setdefault(court, []).append(position)
    result = []
    # Plain arrays per court: 63 courts' pandas groups cost half a second after each data change.
    for court, positions in by_court.items():
        mine, weighed = components[positions], weights_of[positions]
        usable = ~np.isnan(mine) & (weighed > 0)
        total = weighed[usable].sum()
        score = float((mine[usable] * weighed[usable]).sum() / total) if total else float("nan")
        gate_statuses = [statuses[p] for p in positions if indicators[p] in gates and statuses[p] in COUNTED]
        passed = sum(status in PASSED for status in gate_statuses)
        result.append(
            {
                "court": court,
                "score": score,
                "gates_passed": passed,
                "gates_total": len(gate_statuses),
                "all_gates": passed == len(gate_statuses),
                "components": dict(zip([indicators[p] for p in positions], mine.tolist(), strict=True)),
            }
        )
    table = pd.DataFrame(result).sort_values(["all_gates", "score"], ascending=[False, False], na_position="last")
    return table.assign(rank=range(1, len(table) + 1)).reset_index(drop=True)[RANKING_COLUMNS]


def gate_table(rows: pd.DataFrame, chosen: pd.DataFrame) -> pd.DataFrame:
    """Court × gate indicator → status (met / not_met / not_applicable / no_target)."""
    gates = gate_indicators(chosen)
    courts = rows[(rows["court"] != CLUSTER) & rows["indicator"].isin(gates)]
    return courts.pivot(index="court", columns="indicator", values="status").reindex(columns=gates)
