"""The app's colours against WCAG 2.2, computed: every court's bars and lines, the cluster, the target, the floor and
the projection reach 3:1 against each theme's plot as the screen draws them there (1.4.11); a status's text and a
heat map's text reach 4,5:1 against what they are written on (1.4.3); and the charts draw what the palette says."""

from __future__ import annotations

import tomllib

import pandas as pd
import pytest
from matplotlib.axes import Axes

from analytics.compute.comparison import SCORECARD, court_label
from analytics.compute.targets import MET
from analytics.domain import courts
from analytics.outputs import charts, drawings
from analytics.outputs.charts import cell_ink
from analytics.outputs.palette import (
    BACKGROUNDS,
    CLUSTER_COLOUR,
    EDGE_WIDTH,
    EDGES,
    FLOOR_COLOUR,
    ON_DARK,
    PALETTE,
    PROJECTION_COLOUR,
    PROJECTION_HALO,
    STATUS_STYLES,
    TARGET_COLOUR,
    TEXT_COLOUR,
    court_colour,
    court_edge,
    margin_colour,
    rgb,
)
from tests.conftest import ROOT

THEMES = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))["theme"]
GRAPHIC, TEXT = 3.0, 4.5  # WCAG 1.4.11 for a bar, a line or a marker; 1.4.3 for text under 18,66 px bold
COURTS = [court.key for court in courts()]


def luminance(colour: str | tuple[float, float, float]) -> float:
    """WCAG's relative luminance of a colour, #RRGGBB or its red, green and blue (0–255)."""
    channels = [c / 255 for c in (rgb(colour) if isinstance(colour, str) else colour)]
    red, green, blue = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(one: str | tuple[float, float, float], other: str | tuple[float, float, float]) -> float:
    lighter, darker = sorted((luminance(one), luminance(other)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def drawn(colour: str, theme: str) -> str:
    """A colour as the screen shows it in a theme: ui.frame's stylesheet puts the dark theme's shades in."""
    return ON_DARK.get(colour, colour) if theme == "dark" else colour


def test_the_contrast_is_wcags_ratio():
    assert contrast("#FFFFFF", "#000000") == pytest.approx(21)
    assert contrast("#767676", "#FFFFFF") == pytest.approx(4.54, abs=0.01)  # the lightest grey that reads on white
    assert contrast("#F0E442", "#FFFFFF") == pytest.approx(1.32, abs=0.01)


def test_the_palettes_backgrounds_are_the_themes_of_the_config():
    assert {theme: THEMES[theme]["backgroundColor"] for theme in ("light", "dark")} == BACKGROUNDS


# --- graphics: 3:1 against the plot ----------------------------------------------------------------------


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("colour", PALETTE)
def test_a_courts_bars_outline_and_its_line_reach_three_to_one_against_the_plot_in_either_theme(colour, theme):
    edge = drawn(EDGES.get(colour, colour), theme)

    assert contrast(edge, BACKGROUNDS[theme]) >= GRAPHIC


def test_only_a_colour_that_fades_into_white_is_outlined_in_a_darker_shade_and_only_one_that_fades_into_the_dark():
    """The Okabe–Ito hues stay as they are wherever they reach 3:1: the smallest change that reads."""
    assert set(EDGES) == {c for c in PALETTE if contrast(c, BACKGROUNDS["light"]) < GRAPHIC}
    fading = {c for c in [*PALETTE, *EDGES.values()] if contrast(c, BACKGROUNDS["dark"]) < GRAPHIC}
    assert fading == {"#000000"} and fading <= set(ON_DARK)


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize(
    "colour",
    [CLUSTER_COLOUR, TARGET_COLOUR, FLOOR_COLOUR, PROJECTION_COLOUR],
    ids=["cluster", "target", "floor", "projection"],
)
def test_the_cluster_the_target_the_floor_and_the_projection_reach_three_to_one_in_either_theme(colour, theme):
    assert contrast(drawn(colour, theme), BACKGROUNDS[theme]) >= GRAPHIC


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_a_projections_diamond_stands_out_from_its_halo_which_is_the_plots_background(theme):
    assert drawn(PROJECTION_HALO, theme) == BACKGROUNDS[theme]
    assert contrast(drawn(PROJECTION_COLOUR, theme), drawn(PROJECTION_HALO, theme)) >= GRAPHIC


# --- text: 4,5:1 against what it is written on -----------------------------------------------------------


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("status", STATUS_STYLES)
def test_a_statuss_text_reaches_four_and_a_half_to_one_on_the_screen_in_either_theme_and_in_the_files(status, theme):
    """A status without a background of its own is written on the page (the screen) or on white (the files); one
    without a colour of its own in the page's text colour."""
    style = STATUS_STYLES[status]
    screen = (style.colour or THEMES[theme]["textColor"], style.background or BACKGROUNDS[theme])
    files = (style.colour or TEXT_COLOUR, style.background or "#FFFFFF")

    assert contrast(*screen) >= TEXT and contrast(*files) >= TEXT


def test_a_heat_maps_text_reaches_four_and_a_half_to_one_on_every_cell_of_the_scale():
    """On the screen in the colour Plotly chooses for the cell (the marks take the same), in the PDF in the page's."""
    cells = [(amount, margin_colour(amount)) for amount in (step / 10 for step in range(-100, 101))]

    assert min(contrast(cell_ink(amount), cell) for amount, cell in cells) >= TEXT
    assert min(contrast(TEXT_COLOUR, cell) for _, cell in cells) >= TEXT


# --- the charts draw what the palette says ---------------------------------------------------------------


def bar_rows(keys: list[str]) -> pd.DataFrame:
    return pd.DataFrame(
        {"court": keys, "value": 0.95, "numerator": 95, "denominator": 100, "status": MET, "target": 0.9, "floor": 0.88}
    )


def test_each_courts_bars_are_filled_in_its_colour_and_outlined_in_its_edge_shade_on_the_screen_and_in_the_pdf(
    monkeypatch,
):
    bars = charts.bar_chart(bar_rows(COURTS), "resolution_rate.criminal").data[0]
    drawn_bars = []
    monkeypatch.setattr(Axes, "bar", lambda self, *args, **kwargs: drawn_bars.append(kwargs))
    drawings.bar_svg(bar_rows(COURTS), "resolution_rate.criminal")

    assert list(bars.marker.color) == [court_colour(c) for c in COURTS]
    assert list(bars.marker.line.color) == [court_edge(c) for c in COURTS] and bars.marker.line.width == EDGE_WIDTH
    assert court_edge("hoa_binh") == EDGES["#F0E442"]  # the yellow court, outlined in dark yellow
    [pdf] = drawn_bars
    assert (pdf["color"], pdf["edgecolor"]) == ([court_colour(c) for c in COURTS], [court_edge(c) for c in COURTS])


def test_each_courts_line_through_the_year_is_drawn_in_its_edge_shade_its_points_in_its_colour():
    rows = pd.DataFrame(
        [(c, p, m, v) for c in COURTS for p, m, v in (("6", 6, 0.5), ("12", 12, 0.95))],
        columns=["court", "period", "months", "value"],
    )

    figure = charts.trend_chart(rows, "resolution_rate.criminal")

    lines = {trace.name: trace for trace in figure.data if trace.mode == "lines+markers"}
    assert {name: (t.line.color, t.marker.color, t.marker.line.color) for name, t in lines.items()} == {
        court_label(c, "vi"): (court_edge(c), court_colour(c), court_edge(c)) for c in COURTS
    }


def test_the_year_over_year_bars_and_the_small_charts_are_outlined_in_each_courts_edge_shade():
    years = pd.DataFrame([(c, y, 0.9) for c in COURTS for y in (2023, 2024)], columns=["court", "year", "value"])
    rates = bar_rows(COURTS).assign(indicator="resolution_rate.criminal")

    by_year = charts.years_chart(years, "resolution_rate.criminal").data
    [small] = charts.small_multiples(rates, ("criminal",)).data

    assert [bars.marker.line.color for bars in by_year] == [court_edge(c) for c in COURTS]
    assert list(small.marker.line.color) == [court_edge(c) for c in small.customdata]


def test_a_courts_radar_is_filled_in_its_colour_and_outlined_in_its_edge_shade():
    scores = pd.Series([1.1, 0.9, 1.0], index=list(SCORECARD[:3]))

    court = charts.radar_chart(scores, court="hoa_binh").data[1]

    assert (court.line.color, court.fillcolor) == ("#8B8303", "rgba(240, 228, 66, 0.5)")  # dark yellow round yellow
