"""Plotly figures built from comparison rows; no Streamlit here, so the same figure can become a file."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from analytics import formatting
from analytics.comparison import court_label
from analytics.domain import courts
from analytics.indicators import INDICATOR_BY_KEY
from analytics.targets import LAYERS, MET, NOT_MET, STATUS_LABELS

# Okabe–Ito: distinguishable with the common colour-vision deficiencies; one colour per court, everywhere.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
COURT_COLOURS = {court.key: PALETTE[i % len(PALETTE)] for i, court in enumerate(courts())}
STATUS_MARKS = {MET: "✓", NOT_MET: "✗"}  # text marks, so status never rests on colour alone
FONT = dict(size=15)  # readable on a projector


def _scaled(values: pd.Series, unit: str) -> pd.Series:
    """Rates are drawn in percent (Vietnamese writes "98,6 %", which d3 formats cannot)."""
    return values * 100 if unit == "rate" else values


def bar_chart(rows: pd.DataFrame, indicator: str, lang: str = "vi", title: str = "") -> go.Figure:
    """The courts' values of one indicator as sorted bars, with the target line and the floor dashed.

    `rows` come from `Comparison.indicator`: court, value, numerator, denominator, status, target, floor.
    """
    spec = INDICATOR_BY_KEY[indicator]
    shown = rows.dropna(subset=["value"])
    labels = [court_label(c, lang) for c in shown["court"]]
    texts = [
        f"{formatting.value(v, spec.unit, lang)} {STATUS_MARKS.get(s, '')}".strip()
        for v, s in zip(shown["value"], shown["status"], strict=True)
    ]
    hover = [
        _hover(row, spec.unit, lang, label) for row, label in zip(shown.itertuples(index=False), labels, strict=True)
    ]
    figure = go.Figure(
        go.Bar(
            x=labels,
            y=_scaled(shown["value"], spec.unit),
            marker_color=[COURT_COLOURS[c] for c in shown["court"]],
            text=texts,
            textposition="outside",
            hovertext=hover,
            hoverinfo="text",
            customdata=shown["court"],
        )
    )
    for layer, dash, column in (("tandtc", "solid", "target"), ("national_assembly", "dash", "floor")):
        level = rows[column].dropna()
        if level.empty:
            continue
        name = LAYERS[layer][0 if lang == "vi" else 1]
        value = float(level.iloc[0])
        figure.add_hline(
            y=float(_scaled(pd.Series([value]), spec.unit).iloc[0]),
            line_dash=dash,
            line_color="#B71C1C" if layer == "tandtc" else "#555555",
            annotation_text=f"{name}: {formatting.value(value, spec.unit, lang)}",
            annotation_position="top right" if layer == "tandtc" else "bottom right",
            annotation_bgcolor="rgba(255,255,255,0.85)",
        )
    figure.update_layout(
        title=title,
        separators=formatting.PLOTLY_SEPARATORS[lang],
        font=FONT,
        showlegend=False,
        margin=dict(t=70, b=40, l=60, r=20),
        yaxis=dict(ticksuffix=" %" if spec.unit == "rate" else "", rangemode="tozero"),
        uniformtext_minsize=11,
    )
    return figure


def _hover(row, unit: str, lang: str, label: str) -> str:
    status = STATUS_LABELS[row.status][0 if lang == "vi" else 1]
    lines = [f"<b>{label}</b>", f"{formatting.value(row.value, unit, lang)} – {status}"]
    if not pd.isna(row.denominator):
        num, den = formatting.number(row.numerator, 0, lang), formatting.number(row.denominator, 0, lang)
        lines.append(f"{num} / {den}")
    return "<br>".join(lines)
