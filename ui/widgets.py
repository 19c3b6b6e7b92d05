"""What several pages draw alike: any table of analytics.compute.tables (headers in the reader's language, status
colours, numbers that sort as numbers), the scorecard, the indicator and problem tables, charts, comments."""

from __future__ import annotations

import weakref
from dataclasses import dataclass
from typing import TYPE_CHECKING

import plotly.graph_objects as go
import streamlit as st

from analytics.compute import tables
from analytics.compute.comparison import sections, short_label
from analytics.compute.indicators import CLUSTER
from analytics.compute.submissions import LATE, MISSING, WAITING
from analytics.compute.targets import BEHIND_PACE, NOT_APPLICABLE, NOT_MET
from analytics.domain import GROUPS
from analytics.outputs.chart_files import (
    HTML,
    MEDIA_TYPES,
    PNG,
    SVG,
    ChartFileUnavailable,
    chart_file,
    chart_formats_available,
    fingerprint,
)
from analytics.outputs.chart_files import file_name as chart_name
from analytics.outputs.palette import STATUS_STYLES
from ui import auth, data, state
from ui.i18n import lang as reading_lang
from ui.i18n import said, t
from ui.safe import plain, user_text

if TYPE_CHECKING:
    import pandas as pd
    from pandas.io.formats.style import Styler

    from ui.frame import View

# Background and text colour of a cell by its status, from the palette the files that leave the app use too; a late
# or missing return looks like a target behind pace or missed. The cell's text says it as well: never colour alone.
STYLES = {status: style.css() for status, style in STATUS_STYLES.items()} | {
    MISSING: STATUS_STYLES[NOT_MET].css(),
    LATE: STATUS_STYLES[BEHIND_PACE].css(),
    WAITING: STATUS_STYLES[NOT_APPLICABLE].css(),
}
# The header of each column key the tables use, from the catalogue (columns named by data, such as a period or an
# indicator's short label, are already in the reader's language).
HEADERS = {
    "indicative_rank": "scorecard.rank",
    "targets_met": "scorecard.met",
    "comments": "scorecard.notes",
    "court": "court",
    "indicator": "indicator",
    "name": "indicator",
    "full_name": "col.full_name",
    "value": "value",
    "numerator": "numerator",
    "denominator": "denominator",
    "target": "target",
    "status": "status",
    "margin": "margin",
    "last_year": "col.last_year",
    "vs_last_year": "col.vs_last_year",
    "projected": "col.projected",
    "range": "col.range",
    "projected_status": "col.projected_status",
    "rank": "ranking.rank",
    "score": "ranking.score",
    "gates": "ranking.gates",
    "weight": "ranking.weight",
    "gate": "ranking.gate",
    "cluster": "profile.cluster",
    "cluster_rank": "profile.rank",
    "period": "col.period",
    "version": "col.version",
    "when": "col.when",
    "who": "col.who",
    "prepared_by": "profile.prepared_by",
    "file": "col.file",
    "notes": "profile.return_notes",
    "comment_count": "profile.comment_count",
    "severity": "col.severity",
    "sheet": "col.sheet",
    "cell": "col.cell",
    "message": "col.message",
    "year": "col.year",
    "size": "col.size",
    "mark": "col.mark",
    "case_type": "col.case_type",
    "measure": "versions.measure",
    "difference": "versions.difference",
    "username": "login.username",
    "display_name": "admin.display_name",
    "email": "admin.col.email",
    "role": "admin.role",
    "active": "admin.col.active",
    "created_at": "admin.col.created",
    "locked_until": "admin.col.locked_until",
    "actor": "admin.filter_actor",
    "action": "admin.filter_action",
    "subject": "admin.col.subject",
    "before": "admin.col.before",
    "after": "admin.col.after",
    "layer": "admin.col.layer",
    "comparator": "admin.col.comparator",
    "source": "admin.col.source",
    "confidence": "admin.col.confidence",
    "reads": "admin.col.reads",
}
# A pinned column (a row's name) is this wide: the longest short name of an indicator, «Experience trials / judge», is
# 144 px at the grid's font, with 17 px of padding. Streamlit sizes a column by its first nine rows and its last, and
# cut the longer names of the others («GQ / thụ lý mới (CEPEJ»).
PINNED_WIDTH = 162  # px
ROW_HEIGHT = 35  # st.dataframe's row: a grid this tall shows every row without a scroll bar of its own
CHART_CONFIG = {"displaylogo": False}


def headers(columns, **named: str) -> dict[str, str]:
    """The column configuration that gives each known column its header (and these columns the ones given)."""
    return {c: t(HEADERS[c]) for c in columns if c in HEADERS} | named


def styled(grid: tables.Grid) -> Styler:
    """The grid as handed to st.dataframe: its values underneath, each cell written as the grid says, coloured by
    its status."""
    shown = grid.values.style
    if grid.statuses is not None:
        css = grid.css(STYLES)
        shown = shown.apply(lambda _: css, axis=None)
    for column, rows, text in grid.formats:
        shown = shown.format(text, subset=[column] if rows is None else (list(rows), [column]))
    return shown


def show(grid: tables.Grid, *, whole: bool = False, key: str | None = None, **named: str):
    """Draws a grid; `whole` makes it tall enough for every row; with `key`, a click on a row reruns the page and the
    selection comes back (the caller finds the row's key in `grid.keys`). `named`: headers for columns by name."""
    config = headers(grid.values.columns, **named)
    options = {
        "hide_index": not grid.index,
        "width": "stretch",
        "placeholder": grid.missing or None,
        "column_config": config
        | {column: st.column_config.Column(config[column], width=PINNED_WIDTH, pinned=True) for column in grid.pinned},
    }
    if whole:
        options["height"] = (len(grid) + 1) * ROW_HEIGHT + 3
    if key is not None:
        options |= {"on_select": "rerun", "selection_mode": "single-row", "key": key}
    event = st.dataframe(styled(grid), **options)
    read_aloud(grid, config)
    return event


def read_aloud(grid: tables.Grid, headers: dict[str, str]) -> None:
    """The grid's cells as it writes them, in a table a screen reader reads and no one sees (`frame.READ_ALOUD`): the
    grid's own accessible cells are its raw values («0.9554455445544554», no ✓/✗). Markdown-safe: a cell may be a
    file's text."""
    st.table(
        _written(grid, reading_lang(), tuple(headers.items())), hide_index=not grid.index, alt=t("grid.read_aloud")
    )


_WRITTEN: weakref.WeakKeyDictionary[tables.Grid, dict[tuple, pd.DataFrame]] = weakref.WeakKeyDictionary()


def _written(grid: tables.Grid, lang: str, headers: tuple[tuple[str, str], ...]) -> pd.DataFrame:
    """The grid written out and made markdown-safe, once per grid (the pages share their grids between readers and
    runs: `data.shared`) and language."""
    made = _WRITTEN.setdefault(grid, {})
    if (lang, headers) not in made:
        text, named = grid.text(lang).map(plain), dict(headers)
        text.columns = [plain(named.get(c, c)) for c in text.columns]
        if grid.index:
            text.index = text.index.map(
                lambda label: tuple(map(plain, label)) if isinstance(label, tuple) else plain(label)
            )
        made[lang, headers] = text
    return made[lang, headers]


def fresh(name: str) -> str:
    """The key of a clickable widget: a new one after every click that opened a profile, so that coming back does
    not open it again."""
    return f"{name}_{st.session_state.get(state.NAV_ROUND, 0)}"


def clicked_court(courts: list) -> str | None:
    """The court a click chose (never the cluster row); the clickable widgets start afresh next time."""
    chosen = [c for c in courts if isinstance(c, str) and c != CLUSTER]
    if not chosen:
        return None
    st.session_state[state.NAV_ROUND] = st.session_state.get(state.NAV_ROUND, 0) + 1
    return chosen[0]


def scorecard(view: View, *, selectable: bool = False, notes: dict[str, int] | None = None):
    """Courts × indicators with ✓/✗ and colour, the count of targets met and the indicative rank; a click on a column
    header sorts by value. With `selectable`, a click on a court's row returns its key (the page opens its profile)."""
    counts = tuple(sorted((notes or {}).items()))
    grid = data.shared(
        _scorecard, view.url, view.version, view.year, view.period, view.courts, view.indicators(), view.lang, counts
    )
    event = show(grid, whole=True, key=fresh(state.SCORECARD) if selectable else None)
    st.caption(
        " ".join(
            [
                t("overview.scorecard_help"),
                *_sections_said(view),
                *([t("overview.scorecard_click")] if selectable else []),
            ]
        )
    )
    return clicked_court([grid.keys[i] for i in event.selection.rows]) if selectable else None


def _sections_said(view: View) -> list[str]:
    """For a case group, which of the scorecard's columns the group narrows and from which on they are the court's
    as a whole (as the files set them apart under their titles: `comparison.sections`)."""
    chosen = sections(view.group)
    if len(chosen) == 1:
        return []
    (group, own), (_, court_wide) = chosen
    return [
        t(
            "overview.scorecard_sections",
            group=GROUPS[group].label(view.lang),
            own=", ".join(short_label(key, view.lang) for key in own),
            first=short_label(court_wide[0], view.lang),
        )
    ]


def _scorecard(url, version, year, period, courts, indicators, lang, notes) -> tables.Grid:
    comparison = data.chosen(url, version, year, period, courts)
    return tables.scorecard(comparison, indicators, lang, data.ranking(url, version, year, period), dict(notes))


def problems(table: pd.DataFrame, lang: str) -> None:
    """A file's problem table: where, how serious, what to do."""
    if not table.empty:
        show(tables.problems(table, lang))


@dataclass(frozen=True, eq=False)
class Drawn:
    """A chart made ready for the screen once, then drawn for every reader (`data.shared` keeps it): its title as
    text above it, which wraps on a phone's narrow screen (Plotly's does not), and its legend at its foot, below the
    names under the plot, where it takes no width from the plot. Its files keep the title and the legend as the chart module
    drew them, for print."""

    figure: go.Figure  # never changed once made: every reader's page draws this same object
    drawing: dict  # the figure as the chart module drew it, for its files
    title: str
    parts: tuple[go.Figure, ...] = ()  # small charts drawn on the screen instead of the figure's grid of them

    @classmethod
    def of(cls, figure: go.Figure, parts: list[go.Figure] | None = None) -> Drawn:
        """The figure made ready; with `parts`, the screen draws these small charts in a row that wraps by the
        page's width instead of the figure (a grid of subplots, which keeps its columns however narrow the page)."""
        # A dict: a tenth of the cost of a copy, which Plotly validates anew; the files are built from it on a click.
        drawing = figure.to_dict()
        title = figure.layout.title.text or ""
        if title:
            figure.update_layout(title_text="", margin_t=30)
        # Below the plot at the bottom of the whole chart, not at a share of the plot's height under it: on a phone
        # the courts' names under the bars turn aslant and grow taller than that share, and the legend covered them.
        figure.update_layout(legend=dict(orientation="h", yref="container", yanchor="bottom", y=0, x=0))
        return cls(_rebuilt(figure), drawing, title, tuple(_rebuilt(part) for part in parts or ()))


def _rebuilt(figure: go.Figure) -> go.Figure:
    """The figure rebuilt from its dict, its arrays already in the typed form Plotly sends to the browser: st.plotly_chart
    serialises it on every run in under half the time. Rebuilt without its template, Plotly's default (the chart module
    sets none), which the new figure takes again as it is made: validated anew from the dict, it cost most of the
    rebuilding (four of five tenths of a small chart's)."""
    drawn = figure.to_dict()
    drawn["layout"].pop("template", None)
    return go.Figure(drawn)


# Small charts in a row that wraps: Streamlit keeps a chart in a row at least 14rem (224 px) wide and shares out
# what is left, so a phone (358 px) shows one a row at its full width, a phone turned sideways or a narrow window two,
# a laptop four. The row is at most this wide: room for four, not five, like the grid of the chart's files.
SMALL_CHARTS_ROW = 1150  # px


def chart(chart: Drawn, *, name: str, key: str | None = None):
    """A chart the width of the page (or its small charts side by side, as many a row as the width holds), its title
    above it and its files beneath it (`name`: the chart's own name on the page); with `key`, a click on a bar or a
    cell reruns the page with it."""
    if chart.title:
        st.markdown(f"**{plain(chart.title)}**")
    if chart.parts:
        with st.container(horizontal=True, gap="small", width=SMALL_CHARTS_ROW):
            for part in chart.parts:
                st.plotly_chart(part, config=CHART_CONFIG, width="stretch")
        event = None
    elif key is None:
        event = st.plotly_chart(chart.figure, config=CHART_CONFIG, width="stretch")
    else:
        event = st.plotly_chart(
            chart.figure, config=CHART_CONFIG, width="stretch", on_select="rerun", selection_mode="points", key=key
        )
    chart_downloads(chart.drawing, name)
    return event


@st.fragment
def chart_downloads(figure: dict, name: str) -> None:
    """Under a chart, its files, each made on a click: HTML always (the click itself builds it); PNG and SVG where
    the server can draw them (a button draws it with a spinner, then offers it), else why not, in a caption. A
    fragment: a click redraws this row only, not the page."""
    formats = chart_formats_available()
    with st.container(horizontal=True, gap="small"):
        st.download_button(
            t("chart.html"),
            lambda: chart_file(figure, HTML),
            file_name=chart_name(figure, HTML),
            mime=MEDIA_TYPES[HTML],
            help=t("chart.html_help"),
            type="tertiary",
            icon="⬇️",
            on_click="ignore",
            key=f"{state.CHART_FILE}_{name}_{HTML}",
        )
        for kind in (PNG, SVG):
            if formats[kind] is None:
                _picture(figure, name, kind)
    why_not = next((reason for reason in formats.values() if reason), None)
    if why_not:
        st.caption(plain(why_not))


def _picture(figure: dict, name: str, kind: str) -> None:
    """A PNG or SVG of the chart: the button that draws it, then (for the same drawing) its download."""
    key, label = f"{state.CHART_FILE}_{name}_{kind}", kind.upper()
    kept = st.session_state.get(key)
    if kept is not None and kept[0] != fingerprint(figure):
        kept = None  # made of another drawing (other filters): made again on a click
    if kept is None:
        if not st.button(
            t("chart.prepare", kind=label), key=key + "_make", type="tertiary", icon="🖼️", help=t("chart.prepare_help")
        ):
            return
        with st.spinner(t("chart.drawing", kind=label)):
            try:
                kept = (fingerprint(figure), chart_file(figure, kind))
            except ChartFileUnavailable as failed:
                st.error(plain(said(failed.message, failed.message_en)), icon="✖️")
                return
        st.session_state[key] = kept
    st.download_button(
        t("chart.download", kind=label),
        kept[1],
        file_name=chart_name(figure, kind),
        mime=MEDIA_TYPES[kind],
        type="tertiary",
        icon="⬇️",
        on_click="ignore",
        key=key + "_file",
    )


def names(view: View):
    """User names as this reader may see them: people's names when they are shown, else only their roles."""
    return auth.namer(data.people(view.url, view.version), view.account)


def comment_list(comments: pd.DataFrame, view: View) -> None:
    """The comments, newest first: each one's text as plain text, then who, when and for which period."""
    if comments.empty:
        st.caption(t("comments.none"))
        return
    for comment in tables.comment_items(comments, view.lang, names(view)):
        _comment(comment)


def _comment(comment: tables.Comment) -> None:
    with st.container(border=True):
        user_text(comment.text)
        st.caption(f"— {plain(comment.author)}, {comment.when} · {comment.period}")


def period_comments(comments: pd.DataFrame, view: View, *, expanded: bool = True) -> None:
    """The comments of the period beside the figures, under a heading that counts them (none: nothing drawn)."""
    if comments.empty:
        return
    with st.expander(t("comments.of_period", count=len(comments)), icon="📝", expanded=expanded):
        for court, said in tables.comments_by_court(comments, view.lang, names(view)):
            st.markdown(f"**{plain(court)}**")
            for comment in said:
                _comment(comment)
