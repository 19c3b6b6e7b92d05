"""The PDF report's charts drawn without a browser: matplotlib's SVG, in the app's colours and the bundled Noto Sans.

The same readings as the screen's Plotly charts (charts.py): the courts' bars with the target and the floor said in a
legend under the plot (never over the last bar), the heat map of margins to the targets, the year's cumulative
periods. Text is drawn as outlines, so an SVG needs no font wherever it goes; numbers are written as the reader's
language writes them (98,6 %).
"""

from __future__ import annotations

import io
import logging
import textwrap
import threading
from pathlib import Path

import matplotlib
import pandas as pd
from matplotlib import font_manager
from matplotlib.colors import LinearSegmentedColormap
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.ticker import FuncFormatter

from analytics import formatting
from analytics.compute.comparison import STATUS_MARKS, court_label, short_label, within
from analytics.compute.indicators import CLUSTER, INDICATOR_BY_KEY
from analytics.compute.targets import FLOOR_LAYER, LAYERS, TARGET_LAYER
from analytics.domain import PERIOD_BY_KEY
from analytics.outputs.palette import (
    FLOOR_COLOUR,
    MARGIN_CAP,
    MARGIN_SCALE,
    TARGET_COLOUR,
    TEXT_COLOUR,
    court_colour,
    court_edge,
)

FONT_DIR = Path(__file__).resolve().parents[1] / "data" / "fonts"
FAMILIES = ["Noto Sans", "Noto Sans Math", "Noto Sans Symbols2"]  # Vietnamese text, then ≥ ⋯ ↗, then ✓ ✗
STYLE = {
    "font.family": FAMILIES,
    "font.size": 9,
    "svg.fonttype": "path",  # text as outlines: the SVG is the same wherever it is opened
    "axes.edgecolor": "#8C8C8C",
    "axes.labelcolor": TEXT_COLOUR,
    "xtick.color": TEXT_COLOUR,
    "ytick.color": TEXT_COLOUR,
    "text.color": TEXT_COLOUR,
    "axes.spines.top": False,
    "axes.spines.right": False,
}
EDGE_WIDTH = 1.2  # points: a bar's outline, a marker's edge (palette.EDGE_WIDTH is the screen's, in px)
HEAT_COLOURS = LinearSegmentedColormap.from_list("margin", [(stop, colour) for stop, colour in MARGIN_SCALE])
# The symbol fonts have no bold: a bold title falls back to their regular ✓ without a warning in the server's log.
logging.getLogger("matplotlib.font_manager").setLevel(logging.ERROR)
_LOCK = threading.Lock()  # matplotlib's settings are global: one drawing at a time (a page's threads share them)
_FONTS_ADDED = False


def fonts_missing() -> list[str]:
    """The bundled font files that are not there (a broken install), by name."""
    wanted = ["NotoSans-Regular.ttf", "NotoSans-Bold.ttf", "NotoSans-Italic.ttf"]
    wanted += ["NotoSansMath-Regular-subset.ttf", "NotoSansSymbols2-Regular-subset.ttf"]
    return [name for name in wanted if not (FONT_DIR / name).is_file()]


def _register_fonts() -> None:
    global _FONTS_ADDED
    if not _FONTS_ADDED:
        for path in sorted(FONT_DIR.glob("*.ttf")):
            font_manager.fontManager.addfont(str(path))
        _FONTS_ADDED = True


def _svg(figure: Figure) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    return buffer.getvalue()


def _draw(build) -> bytes:
    with _LOCK, matplotlib.rc_context(STYLE):
        _register_fonts()
        return _svg(build())


def _scaled(value: float, unit: str) -> float:
    return float(value) * 100 if unit == "rate" else float(value)


def _axis_formatter(unit: str, lang: str) -> FuncFormatter:
    if unit == "rate":
        return FuncFormatter(lambda v, _: f"{formatting.number(v, 0, lang)} %")
    return FuncFormatter(lambda v, _: formatting.number(v, 1 if unit == "ratio" else 0, lang))


def bar_svg(rows: pd.DataFrame, indicator: str, lang: str = "vi", title: str = "") -> bytes:
    """The courts' values of one indicator, best first, with ✓ / ✗ over each bar; the target (solid) and the floor
    (dashed) as lines across, named in the legend under the chart."""
    spec = INDICATOR_BY_KEY[indicator]
    shown = rows.dropna(subset=["value"])

    def build() -> Figure:
        figure = Figure(figsize=(10, 3.3))
        axes = figure.add_subplot()
        labels = [court_label(c, lang) for c in shown["court"]]
        heights = [_scaled(v, spec.unit) for v in shown["value"]]
        colours, edges = [court_colour(c) for c in shown["court"]], [court_edge(c) for c in shown["court"]]
        axes.bar(labels, heights, color=colours, edgecolor=edges, linewidth=EDGE_WIDTH, width=0.65)
        labelled = zip(shown["value"], shown["status"], shown["target"], heights, strict=True)
        for x, (value, status, goal, height) in enumerate(labelled):
            mark = STATUS_MARKS.get(status, "")
            axes.annotate(
                f"{mark}{formatting.judged(value, spec.unit, goal, lang)}",
                (x, height),
                xytext=(0, 3),
                textcoords="offset points",
                ha="center",
                va="bottom",
                fontsize=8.5,
            )
        handles = []
        for layer, column, colour, dash in (
            (TARGET_LAYER, "target", TARGET_COLOUR, "-"),
            (FLOOR_LAYER, "floor", FLOOR_COLOUR, "--"),
        ):
            level = rows[column].dropna()
            if level.empty:
                continue
            amount = float(level.iloc[0])
            axes.axhline(_scaled(amount, spec.unit), color=colour, linestyle=dash, linewidth=1.4)
            name = f"{LAYERS[layer].label(lang)}: {formatting.level(amount, spec.unit, lang)}"
            handles.append(Line2D([], [], color=colour, linestyle=dash, linewidth=1.4, label=name))
        top = max(heights + [0.0])
        axes.set_ylim(0, top * 1.15 if top else 1)
        axes.yaxis.set_major_formatter(_axis_formatter(spec.unit, lang))
        axes.set_title(title or spec.label(lang), loc="left", fontsize=10.5, fontweight="bold")
        if handles:
            axes.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.1), ncols=2, frameon=False)
        return figure

    return _draw(build)


def heat_svg(
    rows: pd.DataFrame, sections: list[tuple[str, tuple[str, ...]]], court_order: list[str], lang: str = "vi"
) -> bytes:
    """Courts × indicators coloured by the margin to the target (blue above, orange below, capped at ±10), each cell
    with its margin and ✓ / ✗; a seasonal rate of a partial year by its projected year-end (≈), else blank. The
    indicators come in `sections` (title, indicators); titled ones (a case group's own, the court-wide ones) are
    named above their columns and parted by a white rule."""
    parts = within(sections, rows.loc[rows["target"].notna(), "indicator"])
    keys = [k for _, part in parts for k in part]

    def build() -> Figure:
        figure = Figure(figsize=(11, 0.9 + 0.42 * max(len(court_order), 3)))
        axes = figure.add_subplot()
        values, texts = [], []
        for court in court_order:
            mine = rows[rows["court"] == court].set_index("indicator")
            line, words = [], []
            for key in keys:
                unit = INDICATOR_BY_KEY[key].unit
                row = mine.loc[key] if key in mine.index else None
                margin, mark = (None, "")
                if row is not None and not pd.isna(row["margin"]):
                    margin, mark = row["margin"], STATUS_MARKS.get(row["status"], "")
                elif row is not None and not pd.isna(row.get("projected_margin", float("nan"))):
                    margin, mark = row["projected_margin"], "≈ "
                if margin is None:
                    line.append(float("nan"))
                    words.append("–")
                    continue
                target = row["target"]
                amount = margin * 100 if unit == "rate" else (margin / target * 100 if target else margin)
                line.append(max(-MARGIN_CAP, min(MARGIN_CAP, float(amount))))
                words.append(f"{mark}{formatting.signed(margin, unit, lang)}".replace(" điểm %", "").replace(" pp", ""))
            values.append(line)
            texts.append(words)
        grid = pd.DataFrame(values, dtype="float64")
        axes.imshow(grid.to_numpy(), cmap=HEAT_COLOURS, vmin=-MARGIN_CAP, vmax=MARGIN_CAP, aspect="auto")
        for i, line in enumerate(texts):
            for j, word in enumerate(line):
                # Every cell of the scale is light: the page's text reads on each (white did not on the orange).
                axes.text(j, i, word, ha="center", va="center", fontsize=7.5, color=TEXT_COLOUR)
        axes.set_xticks(range(len(keys)), [short_label(k, lang) for k in keys], rotation=30, ha="right", fontsize=8)
        axes.set_yticks(range(len(court_order)), [_label(c, lang) for c in court_order], fontsize=8.5)
        axes.tick_params(length=0)
        first = 0
        for title, part in parts:
            if title:
                width = textwrap.fill(title, max(18, 22 * len(part)))  # a title over one column takes two lines
                axes.text(
                    first + (len(part) - 1) / 2, -0.6, width, ha="center", va="bottom", fontsize=8.5, fontweight="bold"
                )
                if first:
                    axes.axvline(first - 0.5, color="#FFFFFF", linewidth=4)
            first += len(part)
        for side in axes.spines.values():
            side.set_visible(False)
        return figure

    return _draw(build)


def trend_svg(rows: pd.DataFrame, indicator: str, lang: str = "vi", annual_target: float | None = None) -> bytes:
    """One line per court through the year's cumulative periods, the cluster thicker and grey, the annual target."""
    spec = INDICATOR_BY_KEY[indicator]

    def build() -> Figure:
        figure = Figure(figsize=(10, 3.4))
        axes = figure.add_subplot()
        periods = sorted(set(rows["period"]), key=lambda p: PERIOD_BY_KEY[p].months)
        positions = {p: i for i, p in enumerate(periods)}
        for court, part in rows.groupby("court", sort=False):
            part = part.sort_values("months")
            axes.plot(
                [positions[p] for p in part["period"]],
                [_scaled(v, spec.unit) for v in part["value"]],
                marker="D" if court == CLUSTER else "o",
                markersize=5,
                linewidth=3.2 if court == CLUSTER else 1.6,
                color=court_edge(court),
                markerfacecolor=court_colour(court),
                markeredgecolor=court_edge(court),
                markeredgewidth=EDGE_WIDTH,
                label=_label(court, lang),
            )
        if annual_target is not None and not pd.isna(annual_target):
            name = f"{LAYERS[TARGET_LAYER].label(lang)}: {formatting.value(annual_target, spec.unit, lang)}"
            axes.axhline(_scaled(annual_target, spec.unit), color=TARGET_COLOUR, linewidth=1.3, label=name)
        axes.set_xticks(range(len(periods)), [PERIOD_BY_KEY[p].short(lang) for p in periods])
        axes.yaxis.set_major_formatter(_axis_formatter(spec.unit, lang))
        axes.legend(loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False, fontsize=8)
        return figure

    return _draw(build)


def _label(court: str, lang: str) -> str:
    try:
        return court_label(court, lang)
    except KeyError:  # a court of a generated data set, outside the registry
        return court
