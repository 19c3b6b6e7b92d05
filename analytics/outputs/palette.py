"""The app's colours as data, in one place: the status colours of the scorecard (screen, workbook, PDF) and one
colour per court on every chart (screen, chart files, PDF)."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from analytics.compute.indicators import CLUSTER
from analytics.compute.targets import BEHIND_PACE, IN_PROGRESS, MET, NO_TARGET, NOT_APPLICABLE, NOT_MET, ON_PACE
from analytics.domain import courts


@dataclass(frozen=True)
class StatusStyle:
    """How a value of a status is drawn; the text beside it carries ✓ / ✗ as well (never colour alone)."""

    background: str | None = None
    colour: str | None = None
    bold: bool = False
    italic: bool = False

    def css(self) -> str:
        """The style as CSS declarations, as a pandas Styler takes them."""
        parts = [f"background-color: {self.background}"] if self.background else []
        parts += [f"color: {self.colour}"] if self.colour else []
        parts += ["font-weight: 600"] if self.bold else []
        parts += ["font-style: italic"] if self.italic else []
        return "; ".join(parts)


# Pale backgrounds with dark text of the same hue: readable printed in black and white, and on a projector.
STATUS_STYLES = {
    MET: StatusStyle("#E3F4E6", "#0B5D1E"),
    NOT_MET: StatusStyle("#FDE2E1", "#8A1C1C", bold=True),
    ON_PACE: StatusStyle("#E6F0FA", "#0B3D6E"),
    BEHIND_PACE: StatusStyle("#FFF1D6", "#7A4B00", bold=True),
    IN_PROGRESS: StatusStyle(),
    NO_TARGET: StatusStyle(),
    # In the page's text colour: no grey reads at 4,5:1 on both themes' backgrounds (#6B6B6B gave 3,4:1 on the dark
    # one), and a pale background of its own would hide an empty cell's «không áp dụng», which the screen's grid
    # writes in the theme's own faded text colour whatever the cell's style says.
    NOT_APPLICABLE: StatusStyle(italic=True),
}
TEXT_COLOUR = "#1F2328"  # a status without a colour of its own is drawn in the page's text colour
HEADER_FILL = "#DCE6F1"  # table headers of the workbook and the PDF

# The plot's background in each theme (.streamlit/config.toml's, which a spec compares); the chart files are drawn on
# white. WCAG 1.4.11 asks 3:1 of a bar, a line or a marker against it.
BACKGROUNDS = {"light": "#FFFFFF", "dark": "#14161A"}

# Okabe–Ito: distinguishable with the common colour-vision deficiencies; one colour per court, everywhere.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
COURT_COLOURS = {court.key: PALETTE[i % len(PALETTE)] for i, court in enumerate(courts())}
# Orange, sky blue and yellow reach 2,3:1, 2,3:1 and 1,3:1 on white; darkened until they reach 3:1, orange and yellow
# become two browns a colour-blind reader cannot tell apart. So their bars keep the hue and are outlined, and their
# lines drawn, in a darker shade of it that reaches 3:1 on either theme's background (WCAG technique G209).
EDGES = {"#E69F00": "#C18504", "#56B4E9": "#3A9BCE", "#F0E442": "#8B8303"}
EDGE_WIDTH = 2  # px: a bar's outline, a marker's edge
CLUSTER_COLOUR = "#7F7F7F"  # the cluster total: grey, drawn thicker, on every chart
TARGET_COLOUR = "#B71C1C"  # the TANDTC target line
FLOOR_COLOUR = "#555555"  # the National Assembly floor, dashed
PROJECTION_COLOUR = "#333333"  # a partial year's projected year-end: a diamond and its range
PROJECTION_HALO = BACKGROUNDS["light"]  # the diamond's edge: it stands out from the bar it is drawn on
# What the dark theme draws instead of a colour that fades into its background, on the screen (ui.frame's stylesheet;
# the files are drawn on white): black (1,2:1) a light grey, the target's red (2,8:1) the emblem's lighter red (the
# dark theme's primaryColor), the floor's grey (2,4:1) a lighter one, the projection (1,4:1) near white, and its halo
# the background.
ON_DARK = {
    "#000000": "#CCCCCC",
    TARGET_COLOUR: "#F28585",
    FLOOR_COLOUR: "#A0A0A0",
    PROJECTION_COLOUR: "#F0F0F0",
    PROJECTION_HALO: BACKGROUNDS["dark"],
}
# Diverging blue (above target) – neutral – orange (below): Okabe–Ito's sky blue and orange, safe for colour-blind
# readers, a touch lighter, so that the dark grey Plotly writes on a light cell (#444444) reads at 4,5:1 on each cell.
# On the darker vermillion and blue it wrote white (3,9:1 on the vermillion), and neither reached 4,5:1 in between.
MARGIN_SCALE = [[0.0, "#ECA515"], [0.5, "#F7F7F7"], [1.0, "#5EBCF1"]]
MARGIN_CAP = 10.0  # percentage points (or percent of a count target) where the heat map's colour saturates


def court_colour(key: str) -> str:
    """One colour per court on every chart; a court outside the registry (a generated data set) gets one by hash."""
    if key == CLUSTER:
        return CLUSTER_COLOUR
    return COURT_COLOURS.get(key) or PALETTE[sum(map(ord, key)) % len(PALETTE)]


def court_edge(key: str) -> str:
    """The shade a court's bars are outlined and its lines drawn in: its colour, or a darker one where that fades into
    white."""
    colour = court_colour(key)
    return EDGES.get(colour, colour)


def rgb(colour: str) -> tuple[int, int, int]:
    """A colour written #RRGGBB as its red, green and blue, 0–255."""
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def margin_colour(amount: float) -> tuple[float, float, float]:
    """The red, green and blue of a heat map's cell at this margin (capped at ±MARGIN_CAP), as Plotly and matplotlib
    interpolate MARGIN_SCALE."""
    share = (max(-MARGIN_CAP, min(MARGIN_CAP, amount)) + MARGIN_CAP) / (2 * MARGIN_CAP)
    (low, start), (high, end) = next(pair for pair in itertools.pairwise(MARGIN_SCALE) if share <= pair[1][0])
    return tuple(a + (b - a) * (share - low) / (high - low) for a, b in zip(rgb(start), rgb(end), strict=True))
