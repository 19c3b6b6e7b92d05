"""The court profile's parts: which court, its indicators beside the targets and the cluster with the radar, its
comments and the form to add one, what it takes by 30 September, its case table, its returns of the year."""

from __future__ import annotations

import streamlit as st

from analytics.compute import tables
from analytics.compute.comments import comments_of
from analytics.compute.comparison import Comparison, case_types_of, court_label
from analytics.compute.profile import case_table, court_effort, court_indicators, radar_scores
from analytics.domain import cluster_courts
from analytics.outputs.charts import radar_chart
from ui import auth, data, state, widgets
from ui.frame import View, bound_choice
from ui.i18n import t


def pick_court(view: View) -> str:
    """The court shown (kept in the URL as toa_an): the first of the sidebar's courts when none is named."""
    members = [c.key for c in cluster_courts(view.year)]
    return bound_choice(
        st.selectbox,
        t("court"),
        members,
        state.COURT,
        view.courts[0] if view.courts else members[0],
        format_func=lambda c: court_label(c, view.lang),
    )


def indicators(view: View, comparison: Comparison, court: str) -> None:
    """The court's indicators against the targets, the cluster and its rank; beside them the radar of its margins."""
    if court not in comparison.reporting:
        st.info(t("profile.no_return", court=court_label(court, view.lang)), icon="ℹ️")
        return
    title = t("profile.radar_title")
    grid, radar = data.shared(
        _indicators, view.url, view.version, view.year, view.period, court, view.indicators(), view.lang, title
    )
    left, right = st.columns([5, 4])
    with left:
        widgets.show(grid, whole=True)
    with right:
        if radar is None:
            st.caption(t("profile.no_radar"))
            return
        widgets.chart(radar, name="radar")
        st.caption(t("profile.radar_help"))


def _indicators(url, version, year, period, court, indicators, lang, title) -> tuple[tables.Grid, widgets.Drawn | None]:
    """The grid and the radar; no radar where nothing is judged against a target (a year whose targets are not set
    yet)."""
    table = court_indicators(data.comparison(url, version, year, period), court, indicators)
    scores = radar_scores(table)
    radar = widgets.Drawn.of(radar_chart(scores, lang, title, court)) if not scores.empty else None
    return tables.profile_indicators(table, lang), radar


def comments(view: View, court: str) -> None:
    """The court's comments of the period, and a form to add one for its own staff or an administrator."""
    stored = data.comments(view.url, view.version)
    widgets.comment_list(comments_of(stored, view.year, view.period, (court,)), view)
    if view.account is None or not view.account.may_write(court):
        return
    with st.form(f"comment_{court}_{view.year}_{view.period}", clear_on_submit=True, border=True):
        text = st.text_area(t("comments.new"), key=state.COMMENT_TEXT, max_chars=2000)
        if st.form_submit_button(t("comments.save")):
            if not text.strip():
                st.warning(t("comments.empty"))
            elif auth.attempt(lambda: data.store().add_comment(court, view.year, view.period, text, view.account)):
                st.rerun()


def effort(view: View, comparison: Comparison, court: str) -> None:
    """Per case group with a resolution target: the cases still to resolve by 30 September, in all and per week."""
    st.subheader(tables.EFFORT_TITLE.label(view.lang))
    lines = tables.effort(court_effort(comparison, court), view.lang)
    if not lines:
        return
    said = [f"- **{line.group}** ({line.target}): {line.sentence(view.lang)}" for line in lines]
    st.markdown("\n".join(said))
    st.caption(tables.EFFORT_HELP.label(view.lang))


def cases(view: View, court: str) -> None:
    """Case type × (carried over, new, accepted, resolved, pending, overdue) of the court's return, with the total."""
    grid = data.shared(_cases, view.url, view.version, view.year, view.period, court, view.group, view.lang)
    if grid is None:
        st.caption(t("profile.no_cases"))
        return
    widgets.show(grid, whole=True)


def _cases(url, version, year, period, court, group, lang) -> tables.Grid | None:
    table = case_table(data.figures(url, version, year), court, year, period, case_types_of(group))
    return None if table.empty else tables.case_table(table, lang)


def returns(view: View, court: str) -> None:
    """The court's returns of the year, every version, who stored them (their role, to anonymous readers), their
    notes and the count of comments."""
    versions = data.all_versions(view.url, view.version)
    grid = tables.court_returns(
        versions,
        data.comments(view.url, view.version),
        court,
        view.year,
        view.lang,
        widgets.names(view),
        prepared=auth.names_shown(view.account),  # a person's name typed in the return, like the uploader's
    )
    if not len(grid):
        st.caption(t("profile.no_returns"))
        return
    widgets.show(grid)
