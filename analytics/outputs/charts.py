"""Plotly figures built from comparison rows; no Streamlit here, so the same figure can become a file.

A chart of one trace per court (63 provinces at national scale) gives the figure its traces as plain dicts and
arrays, all at once: added one by one as `go.Scatter` of pandas columns, each was validated twice and converted
from pandas, which cost twice as much for the same JSON."""

from __future__ import annotations

import functools
import math
import textwrap
from collections.abc import Iterable

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from analytics import formatting
from analytics.compute.comparison import STATUS_MARKS as SCORECARD_MARKS
from analytics.compute.comparison import court_label, short_label
from analytics.compute.indicators import CLUSTER, INDICATOR_BY_KEY, PROGRESS
from analytics.compute.projection import PROJECTION_LABELS
from analytics.compute.targets import LAYERS, STATUS_LABELS, elapsed
from analytics.domain import CASE_TYPE_BY_KEY, PERIOD_BY_KEY
from analytics.outputs.palette import (
    EDGE_WIDTH,
    FLOOR_COLOUR,
    MARGIN_CAP,
    MARGIN_SCALE,
    PALETTE,
    PROJECTION_COLOUR,
    PROJECTION_HALO,
    TARGET_COLOUR,
    court_colour,
    court_edge,
    margin_colour,
    rgb,
)
from analytics.text import Words


def _base_layout(figure: go.Figure, lang: str, title: str = "", **extra) -> go.Figure:
    figure.update_layout(
        title=title,
        separators=formatting.PLOTLY_SEPARATORS[lang],
        font=FONT,
        margin=dict(t=70, b=40, l=60, r=20),
        **extra,
    )
    return figure


def court_marker(courts: str | Iterable[str]) -> dict:
    """A court's bars or markers (one court, or one a bar): filled in its colour, outlined in its shade
    (palette.court_edge), which reaches 3:1 on either theme's background where the colour does not."""
    if isinstance(courts, str):
        return dict(color=court_colour(courts), line=dict(color=court_edge(courts), width=EDGE_WIDTH))
    keys = list(courts)
    return dict(color=[court_colour(c) for c in keys], line=dict(color=[court_edge(c) for c in keys], width=EDGE_WIDTH))


STATUS_MARKS = {k: v.strip() for k, v in SCORECARD_MARKS.items()}  # text marks: status never rests on colour alone
PROJECTION_NAME = {"vi": "Dự báo cuối năm (khoảng dự báo)", "en": "Projected year-end (range)"}
ANNUAL_REFERENCE = {"vi": "cả năm, tham khảo", "en": "full year, for reference"}
FONT = dict(size=15)  # readable on a projector


def _scaled(values: pd.Series, unit: str) -> pd.Series:
    """Rates are drawn in percent (Vietnamese writes "98,6 %", which d3 formats cannot)."""
    return values * 100 if unit == "rate" else values


def bar_chart(
    rows: pd.DataFrame, indicator: str, lang: str = "vi", title: str = "", notes: dict[str, int] | None = None
) -> go.Figure:
    """The courts' values of one indicator as sorted bars, with the target line and the floor dashed.

    `rows` come from `Comparison.indicator`: court, value, numerator, denominator, status, target, floor;
    `notes` counts each court's comments of the period, said in the hover ("📝 2 ghi chú").
    """
    spec = INDICATOR_BY_KEY[indicator]
    shown = rows.dropna(subset=["value"])
    labels = [court_label(c, lang) for c in shown["court"]]
    texts = [  # judged: 89,95 % short of ≥ 90 % never reads "90,0 % ✗"
        f"{formatting.judged(v, spec.unit, g, lang)} {STATUS_MARKS.get(s, '')}".strip()
        for v, s, g in zip(shown["value"], shown["status"], shown["target"], strict=True)
    ]
    hover = [
        _hover(row, spec.unit, lang, label, (notes or {}).get(row.court, 0))
        for row, label in zip(shown.itertuples(index=False), labels, strict=True)
    ]
    figure = go.Figure(
        go.Bar(
            x=labels,
            y=_scaled(shown["value"], spec.unit),
            marker=court_marker(shown["court"]),
            text=texts,
            textposition="outside",
            cliponaxis=False,  # written upright when the bars are narrow (many courts), a label may pass the axis's top
            hovertext=hover,
            hoverinfo="text",
            customdata=shown["court"],
        )
    )
    progress = "basis" in shown and (shown["basis"] == PROGRESS).any()
    projected = shown.dropna(subset=["projected"]) if "projected" in shown else shown.iloc[0:0]
    if not projected.empty:
        middle = _scaled(projected["projected"], spec.unit)
        figure.add_trace(
            go.Scatter(
                x=[court_label(c, lang) for c in projected["court"]],
                y=middle,
                mode="markers",
                name=PROJECTION_NAME[lang],
                marker=dict(
                    symbol="diamond", size=13, color=PROJECTION_COLOUR, line=dict(width=1, color=PROJECTION_HALO)
                ),
                error_y=dict(
                    type="data",
                    array=_scaled(projected["projected_high"], spec.unit) - middle,
                    arrayminus=middle - _scaled(projected["projected_low"], spec.unit),
                    color=PROJECTION_COLOUR,
                    thickness=1.5,
                ),
                hoverinfo="skip",
                customdata=projected["court"],
            )
        )
    references = False
    for layer, dash, column, colour in (
        ("tandtc", "solid", "target", TARGET_COLOUR),
        ("national_assembly", "dash", "floor", FLOOR_COLOUR),
    ):
        level = rows[column].dropna()
        if level.empty:
            continue
        name = LAYERS[layer].label(lang)
        if progress:
            name += f" ({ANNUAL_REFERENCE[lang]})"
        reference_line(figure, float(level.iloc[0]), spec.unit, name, colour, dash, lang)
        references = True
    figure.update_traces(showlegend=False, selector=dict(type="bar"))
    figure.update_layout(
        title=title,
        separators=formatting.PLOTLY_SEPARATORS[lang],
        font=FONT,
        showlegend=references or not projected.empty,
        legend=dict(orientation="h", yanchor="top", y=-0.12, x=0),
        margin=dict(t=70, b=40, l=60, r=20),
        yaxis=dict(ticksuffix=" %" if spec.unit == "rate" else "", rangemode="tozero"),
        uniformtext_minsize=11,
    )
    return figure


def reference_line(figure: go.Figure, value: float, unit: str, name: str, colour: str, dash: str, lang: str) -> None:
    """A target or floor across the chart, named with its value in the legend under the chart: a label written at
    the line's end covered the last bar or point and its value."""
    figure.add_hline(y=float(_scaled(pd.Series([value]), unit).iloc[0]), line_dash=dash, line_color=colour)
    figure.add_trace(
        go.Scatter(
            x=[None],
            y=[None],
            mode="lines",
            line=dict(color=colour, dash=dash, width=2),
            name=f"{name}: {formatting.level(value, unit, lang)}",
            hoverinfo="skip",
        )
    )


NOTES_WORD = {"vi": "ghi chú", "en": "comment(s)"}
PROJECTED_WORD = Words("Dự báo cuối năm", "Projected year-end")
PRO_RATA_PATH = Words("Tiến độ theo thời gian", "Pro-rata path")
QUARTER_SHARE = Words("một quý: 3/12 chỉ tiêu năm", "a quarter: 3/12 of the year's target")


def _hover(row, unit: str, lang: str, label: str, notes: int = 0) -> str:
    status = STATUS_LABELS[row.status].label(lang)
    lines = [f"<b>{label}</b>", f"{formatting.judged(row.value, unit, row.target, lang)} – {status}"]
    if not pd.isna(row.denominator):
        num, den = formatting.number(row.numerator, 0, lang), formatting.number(row.denominator, 0, lang)
        lines.append(f"{num} / {den}")
    if not pd.isna(getattr(row, "projected", float("nan"))):
        low, high = formatting.value(row.projected_low, unit, lang), formatting.value(row.projected_high, unit, lang)
        verdict = PROJECTION_LABELS.get(row.projected_status, Words("", "")).label(lang)
        lines.append(
            f"{PROJECTED_WORD.label(lang)}: {formatting.judged(row.projected, unit, row.target, lang)} ({low} – {high}) "
            f"{verdict}".strip()
        )
    if notes:
        lines.append(f"📝 {notes} {NOTES_WORD[lang]}")
    return "<br>".join(lines)


def _label(court: str, lang: str) -> str:
    try:
        return court_label(court, lang)
    except KeyError:  # a synthetic court of a generated data set
        return court


CELL_MARKER = 40  # px: the side of the invisible marker over each heat-map cell (a cell is 48 px high)
MARK_SIZE = FONT["size"]  # px: a heat-map cell's ✓ / ✗, however narrow the cell
MARK_LINE = " <br>"  # a margin's text starts with the cell's upper line, where its mark is written


def heat_map(
    rows: pd.DataFrame, indicators: tuple[str, ...], court_order: list[str], lang: str = "vi", title: str = ""
):
    """Courts × indicators coloured by the margin to the target; each cell says ✓ / ✗ and, under it, the margin.

    Plotly writes a heat map's texts at one size, fitted to the longest in the narrowest cell: on a phone, where a cell
    is 25 px wide, «✓ +5,9 điểm %» came out 2 px high (9 px on a laptop), its mark a dot, colour alone saying met or
    not. The marks are a layer of text of their own at the page's size (one character fits any cell), in the colour
    Plotly gives a cell's text; the margins, under them, still shrink to fit."""
    keys = [k for k in indicators if rows.loc[rows["indicator"] == k, "target"].notna().any()]
    z, text, marks, hover = [], [], [], []
    # Each (court, indicator) row as a plain dict, looked up once per cell: 63 courts × a dozen indicators.
    by_cell = {(r["court"], r["indicator"]): r for r in rows.to_dict("records")}
    for court in court_order:
        z_row, t_row, m_row, h_row = [], [], [], []
        for key in keys:
            unit = INDICATOR_BY_KEY[key].unit
            row = by_cell.get((court, key))
            projected = row is not None and pd.isna(row["margin"]) and not pd.isna(row.get("projected_margin"))
            if projected:  # a seasonal rate of a partial year: its projected year-end against the annual target
                row = row | {"margin": row["projected_margin"], "value": row["projected"], "status": ""}
            if row is None or pd.isna(row["margin"]):
                z_row.append(None)
                t_row.append("–")
                m_row.append("")
                h_row.append(f"{_label(court, lang)} · {short_label(key, lang)}: {formatting.NOT_APPLICABLE[lang]}")
                continue
            amount = (
                row["margin"] * 100
                if unit == "rate"
                else (row["margin"] / row["target"] * 100 if row["target"] else row["margin"])
            )
            z_row.append(max(-MARGIN_CAP, min(MARGIN_CAP, amount)))
            m_row.append("≈" if projected else STATUS_MARKS.get(row["status"], ""))
            t_row.append(f"{MARK_LINE}{formatting.signed(row['margin'], unit, lang)}")
            said = f"{PROJECTION_NAME[lang].split(' (')[0]}: " if projected else ""
            h_row.append(
                f"<b>{_label(court, lang)}</b><br>{INDICATOR_BY_KEY[key].label(lang)}<br>{said}"
                f"{formatting.judged(row['value'], unit, row['target'], lang)} "
                f"({formatting.target(row['comparator'], row['target'], unit, lang)})"
            )
        z.append(z_row)
        text.append(t_row)
        marks.append(m_row)
        hover.append(h_row)
    columns, lines = [short_label(k, lang) for k in keys], [_label(c, lang) for c in court_order]
    figure = go.Figure(
        go.Heatmap(
            z=z,
            x=columns,
            y=lines,
            text=text,
            texttemplate="%{text}",
            hoverinfo="skip",  # the cells' markers below say it
            colorscale=MARGIN_SCALE,
            zmin=-MARGIN_CAP,
            zmax=MARGIN_CAP,
            colorbar=dict(title="±", ticksuffix=""),
            xgap=2,
            ygap=2,
        )
    )
    figure.add_trace(
        go.Scatter(
            x=[column for _ in lines for column in columns],
            y=[line for line in lines for _ in columns],
            mode="text",
            text=[mark for row in marks for mark in row],
            textposition="top center",  # on the cell's upper line, above the margin
            textfont=dict(size=MARK_SIZE, color=[cell_ink(amount) for row in z for amount in row]),
            hoverinfo="skip",
            showlegend=False,
        )
    )
    # Plotly cannot select a heat map's cell, so a click on one would tell the page nothing: an invisible square marker
    # over each cell takes the hover and the click, with its court (the page opens that court's profile).
    figure.add_trace(
        go.Scatter(
            x=[column for _ in lines for column in columns],
            y=[line for line in lines for _ in columns],
            mode="markers",
            marker=dict(symbol="square", size=CELL_MARKER, opacity=0),
            customdata=[court for court in court_order for _ in columns],
            hovertext=[said for row in hover for said in row],
            hoverinfo="text",
            showlegend=False,
        )
    )
    return _base_layout(
        figure,
        lang,
        title,
        # The cells' own extent: the markers would widen an automatic range by their size.
        xaxis=dict(range=[-0.5, len(columns) - 0.5]),
        yaxis=dict(range=[len(lines) - 0.5, -0.5]),  # the first court on top
        height=90 + 48 * max(len(court_order), 3),
    )


def cell_ink(amount: float | None) -> str:
    """The colour Plotly writes a heat map's own text in on a cell of this margin (its `Color.contrast`): white on a
    dark cell, dark grey on a light one or none."""
    if amount is None:
        return LIGHT_CELL_INK
    red, green, blue = margin_colour(amount)
    return DARK_CELL_INK if (299 * red + 587 * green + 114 * blue) / 1000 < 128 else LIGHT_CELL_INK


DARK_CELL_INK, LIGHT_CELL_INK = "#FFFFFF", "#444444"  # Plotly's text on a cell darker than 128 of 255, and lighter


def small_multiples(rows: pd.DataFrame, case_types: tuple[str, ...], lang: str = "vi", title: str = "") -> go.Figure:
    """The resolution rate per case type, one small bar chart per case type, courts in their own colours and named
    under their bars: each chart sorts them by its own rate, so a colour alone would not say which court is which."""
    keys = [c for c in case_types if (rows["indicator"] == f"resolution_rate.{c}").any()]
    columns = min(4, max(1, len(keys)))
    lines = max(1, math.ceil(len(keys) / columns))
    names = [CASE_TYPE_BY_KEY[c].label(lang) for c in keys]
    figure = go.Figure(layout=_grid_layout(lines, columns, tuple(_wrapped(n) for n in names)))
    charts = []
    for i, key in enumerate(keys):
        part = rows[(rows["indicator"] == f"resolution_rate.{key}") & (rows["court"] != CLUSTER)]
        part = part.dropna(subset=["value"]).sort_values("value", ascending=False)
        charts.append(
            dict(
                type="bar",
                x=[_label(c, lang) for c in part["court"]],
                y=(part["value"] * 100).to_numpy(),
                # A bar at 0 % has no height: its value is written, so that it does not read as a court left out.
                text=[formatting.percent(0, lang=lang) if v == 0 else "" for v in part["value"]],
                textposition="outside",
                textfont=dict(size=11),
                constraintext="none",  # one size in every chart, however narrow its bars
                cliponaxis=False,
                marker=court_marker(part["court"]),
                hovertext=[
                    f"{_label(c, lang)}: {formatting.percent(v, lang=lang)} ({formatting.number(n, 0, lang)} / {formatting.number(d, 0, lang)})"
                    for c, v, n, d in zip(
                        part["court"], part["value"], part["numerator"], part["denominator"], strict=True
                    )
                ],
                hoverinfo="text",
                customdata=part["court"].tolist(),
                showlegend=False,
                xaxis=f"x{i + 1 if i else ''}",  # the grid's cells in reading order, as make_subplots names their axes
                yaxis=f"y{i + 1 if i else ''}",
            )
        )
    figure.add_traces(charts)
    return _base_layout(figure, lang, title, height=GRID_CELL * lines + GRID_MARGINS)


def small_charts(grid: go.Figure) -> list[go.Figure]:
    """Each chart of a grid of `small_multiples` a figure of its own, with its title: a screen lays them out by the
    width it has (four a row on a laptop, one under another on a phone), which the subplots of one figure cannot."""
    titles = [annotation.text for annotation in grid.layout.annotations]
    return [
        go.Figure(
            data=[{name: value for name, value in bars.to_plotly_json().items() if name not in ("xaxis", "yaxis")}],
            layout=_grid_layout(1, 1, (title,)),
        ).update_layout(
            separators=grid.layout.separators,
            font=grid.layout.font,
            margin=grid.layout.margin.to_plotly_json() | SMALL_CHART_MARGINS,
            height=GRID_CELL + SMALL_CHART_MARGINS["t"] + SMALL_CHART_MARGINS["b"],
        )
        for bars, title in zip(grid.data, titles, strict=True)
    ]


TITLE_WIDTH = 24  # characters of a small chart's title on one line: a quarter of the page's width at its font
GRID_TITLE, GRID_PLOT, GRID_NAMES = 44, 190, 90  # px of a grid's cell: two lines of title, the bars, the court names
GRID_CELL = GRID_TITLE + GRID_PLOT + GRID_NAMES
GRID_MARGINS = 70 + 40  # _base_layout's top and bottom margins
SMALL_CHART_MARGINS = dict(t=30, b=10)  # a small chart alone: no figure's title above it, its names in its cell


def _wrapped(title: str) -> str:
    """A small chart's title on as many lines as it needs («Áp dụng biện pháp xử lý<br>hành chính tại Tòa án»):
    cut to its first characters, it lost the words that tell it from the others."""
    return "<br>".join(textwrap.wrap(title, TITLE_WIDTH))


@functools.lru_cache(maxsize=64)
def _grid_layout(lines: int, columns: int, titles: tuple[str, ...]) -> dict:
    """The layout of a grid of small bar charts sharing their percent axis, as make_subplots makes it: made once per
    grid and titles (it cost more than the charts in it), and given to each figure as a dict, which Plotly copies.

    Each line of the grid keeps, in pixels, room for its titles above the bars and the courts' names upright
    beneath them (make_subplots' spacing is a share of the height, which fits neither)."""
    figure = make_subplots(rows=lines, cols=columns, subplot_titles=list(titles), shared_yaxes=True)
    figure.update_yaxes(ticksuffix=" %", range=[0, 105])
    figure.update_xaxes(tickangle=-90, tickfont=dict(size=11))
    # Without the default template the figure is given anyway: validated again in every figure made with this layout,
    # it cost nine tenths of the time.
    layout = {name: value for name, value in figure.to_dict()["layout"].items() if name != "template"}
    height = GRID_CELL * lines
    for name in [n for n in layout if n.startswith("yaxis")]:  # in reading order: yaxis, yaxis2, …
        top = 1 - ((int(name.removeprefix("yaxis") or 1) - 1) // columns * GRID_CELL + GRID_TITLE) / height
        layout[name]["domain"] = [top - GRID_PLOT / height, top]
    for i, annotation in enumerate(layout.get("annotations", ())):  # the titles, in the same order (none: no chart)
        annotation.update(y=layout[f"yaxis{i + 1 if i else ''}"]["domain"][1], font=dict(size=13))
    return layout


def trend_chart(
    rows: pd.DataFrame, indicator: str, lang: str = "vi", title: str = "", annual_target=None, *, quarters: bool = False
) -> go.Figure:
    """One line per court (and the cluster, thicker) through the periods of the year, with the annual target and,
    for an accumulating count, the pro-rata path to it; each quarter alone (`quarters`) of such a count is judged
    against a quarter's share of the target (3/12), drawn as that level instead of the cumulative path."""
    spec = INDICATOR_BY_KEY[indicator]
    lines = []
    for court, part in rows.groupby("court", sort=False):
        part = part.sort_values("months")
        labels = [PERIOD_BY_KEY[p].short(lang) for p in part["period"]]
        lines.append(
            dict(
                type="scatter",
                x=labels,
                y=_scaled(part["value"], spec.unit).to_numpy(),
                mode="lines+markers",
                name=_label(court, lang),
                line=dict(color=court_edge(court), width=5 if court == CLUSTER else 2.5),
                marker=court_marker(court) | dict(size=9, symbol="diamond" if court == CLUSTER else "circle"),
                hovertext=[
                    f"{_label(court, lang)} · {lab}: {formatting.value(v, spec.unit, lang)}"
                    for lab, v in zip(labels, part["value"], strict=True)
                ],
                hoverinfo="text",
            )
        )
    figure = go.Figure(data=lines)
    if annual_target is not None and not pd.isna(annual_target) and quarters and spec.accumulates:
        name = f"{LAYERS['tandtc'].label(lang)} ({QUARTER_SHARE.label(lang)})"
        reference_line(figure, float(annual_target) * elapsed("Q1"), spec.unit, name, TARGET_COLOUR, "solid", lang)
    elif annual_target is not None and not pd.isna(annual_target):
        level = float(_scaled(pd.Series([annual_target]), spec.unit).iloc[0])
        reference_line(
            figure, float(annual_target), spec.unit, LAYERS["tandtc"].label(lang), TARGET_COLOUR, "solid", lang
        )
        if spec.accumulates:
            periods = sorted(set(rows["period"]), key=lambda p: PERIOD_BY_KEY[p].months)
            figure.add_trace(
                go.Scatter(
                    x=[PERIOD_BY_KEY[p].short(lang) for p in periods],
                    y=[level * PERIOD_BY_KEY[p].months / 12 for p in periods],
                    mode="lines",
                    name=PRO_RATA_PATH.label(lang),
                    line=dict(color=TARGET_COLOUR, dash="dot"),
                )
            )
    return _base_layout(
        figure,
        lang,
        title,
        yaxis=dict(ticksuffix=" %" if spec.unit == "rate" else ""),
        legend=dict(orientation="h", y=-0.15),
        hovermode="closest",
    )


def years_chart(rows: pd.DataFrame, indicator: str, lang: str = "vi", title: str = "") -> go.Figure:
    """The same period across years, grouped bars per court, each labelled with its value."""
    spec = INDICATOR_BY_KEY[indicator]
    figure = go.Figure(
        data=[
            dict(
                type="bar",
                x=part["year"].astype(str).tolist(),
                y=_scaled(part["value"], spec.unit).to_numpy(),
                name=_label(court, lang),
                marker=court_marker(court),
                # Each bar says its value in the reader's format: a year's figure read off, not guessed from the axis.
                text=[formatting.value(v, spec.unit, lang) for v in part["value"]],
                textposition="outside",
                textangle=-90,
                cliponaxis=False,  # a label longer than the headroom runs into the margin instead of being cut
            )
            for court, part in rows.groupby("court", sort=False)
        ]
    )
    return _base_layout(
        figure,
        lang,
        title,
        barmode="group",
        yaxis=dict(ticksuffix=" %" if spec.unit == "rate" else "", range=_upright_headroom(rows["value"], spec.unit)),
        # Plotly shrinks a label to its bar's width: on a phone, seven bars a year, that was 3 px and unreadable. A label
        # that would be drawn smaller than this is left out (the bar's hover still says it); on a laptop all are shown.
        uniformtext=dict(minsize=UPRIGHT_LABEL_MIN, mode="hide"),
    )


UPRIGHT_LABEL_MIN = 9  # px: the smallest value label worth writing on a bar
UPRIGHT_HEADROOM = 1.2  # the axis reaches a fifth above the tallest bar: its value written upright fits above it


def _upright_headroom(values: pd.Series, unit: str) -> list[float] | None:
    """The y range that leaves room above the tallest bar for its upright label ("97,2 %", about 55 px): Plotly's own
    range leaves room for a label written across, and cut the upright ones of the tallest bars to "97,"."""
    top = _scaled(values, unit).max()
    return None if pd.isna(top) or top <= 0 else [0, float(top) * UPRIGHT_HEADROOM]


RADAR_LABEL = 18  # characters a radar's label may have on one line: beside the ring it has the margin's 110 px


def _two_lines(label: str) -> str:
    """A long label broken at its space nearest the middle: "Overturned (subjective)" on one line lost its start
    at the left edge of a radar the width of the profile's column."""
    if len(label) <= RADAR_LABEL or " " not in label:
        return label
    middle = len(label) / 2
    cut = min((i for i, char in enumerate(label) if char == " "), key=lambda i: abs(i - middle))
    return f"{label[:cut]}<br>{label[cut + 1 :]}"


def _between_spokes(spokes: int) -> float:
    """The angle nearest the top halfway between two of the radar's spokes (the first points right, the others follow
    anticlockwise), where the rings' values cross no spoke and no name."""
    step = 360 / max(spokes, 1)
    return step * (90 // step + 0.5)


def radar_chart(scores: pd.Series, lang: str = "vi", title: str = "", court: str | None = None) -> go.Figure:
    """A court's indicators as a share of their targets (1 = the target, drawn as the red ring)."""
    names = [short_label(k, lang) for k in scores.index]
    labels = [_two_lines(name) for name in names]
    fill = court_colour(court) if court else PALETTE[0]
    figure = go.Figure()
    figure.add_trace(
        go.Scatterpolar(
            r=[100.0] * (len(labels) + 1),
            theta=labels + labels[:1],
            mode="lines",
            line=dict(color=TARGET_COLOUR, dash="dash"),
            name=LAYERS["tandtc"].label(lang),
        )
    )
    figure.add_trace(
        go.Scatterpolar(
            r=list(scores.values * 100) + [scores.values[0] * 100],
            theta=labels + labels[:1],
            fill="toself",
            fillcolor="rgba({}, {}, {}, 0.5)".format(*rgb(fill)),  # the court's colour, its outline the darker shade
            line=dict(color=court_edge(court) if court else fill),
            name=_label(court, lang) if court else "",
            hovertext=[
                f"{name}: {formatting.percent(v, lang=lang)}" for name, v in zip(names, scores.values, strict=True)
            ],
            hoverinfo="text",
        )
    )
    return _base_layout(
        figure,
        lang,
        title,
        # Four rings' values (0, 50, 100, 150 %), written across, between two spokes: at Plotly's every 20 % on the
        # spoke nearest the top their labels ran into each other, and on a phone into that spoke's name.
        polar=dict(
            radialaxis=dict(
                range=[0, 150],
                dtick=50,
                ticksuffix=" %",
                angle=_between_spokes(len(labels)),
                tickangle=_between_spokes(len(labels)),  # a radial axis turns its labels by its angle: level again
                tickfont=dict(size=11),
            )
        ),
        legend=dict(orientation="h", y=-0.1),
    ).update_layout(margin=dict(t=80, b=40, l=110, r=110), font=dict(size=13))
