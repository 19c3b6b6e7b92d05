"""Renderers of the leadership pages: KPI cards with their changes, the data-status strip, the ranking, notes."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from analytics import formatting
from analytics.compute.comparison import STATUS_MARKS, Comparison, court_label, kpis, previous_period, short_label
from analytics.compute.indicators import INDICATOR_BY_KEY, PRO_RATA, PROGRESS
from analytics.compute.profile import TOTAL
from analytics.compute.projection import PROJECTION_LABELS
from analytics.compute.submissions import LATE, MISSING, SUBMISSION_LABELS, WAITING
from analytics.compute.targets import BEHIND_PACE, MET, NOT_MET, ON_PACE, STATUS_LABELS, benchmarks
from analytics.domain import CASE_TYPE_BY_KEY, GROUPS, MEASURE_BY_KEY, PERIOD_BY_KEY
from ui import auth, data, state
from ui.frame import View
from ui.i18n import t
from ui.safe import plain, user_text
from ui.views import KPIS, STATUS_STYLE, numbers_shown

SUBMISSION_STYLE = {
    MISSING: "background-color: #FDE2E1; color: #8A1C1C; font-weight: 600",
    LATE: "background-color: #FFF1D6; color: #7A4B00; font-weight: 600",
    WAITING: "color: #6B6B6B; font-style: italic",
}


def period_name(year: int, period: str, lang: str) -> str:
    p = PERIOD_BY_KEY[period]
    short = (f"{p.months} tháng" if lang == "vi" else f"{p.months} months") if p.cumulative else period
    return f"{short} {year}"


def _delta_text(amount: float, unit: str, lang: str) -> str:
    return formatting.signed(amount, unit, lang)


def kpi_cards(view: View, comparison: Comparison) -> None:
    """The cluster's headline figures on their basis. A full year or a state: value, margin to the target (the card's
    delta, coloured and signed). A count of a partial year: against the pro-rata target. A seasonal rate of a
    partial year: no verdict; the change against the same period a year before is the delta, with the projected
    year-end, its range, its verdict and the projection's mean error. Then the previous period and the national
    result."""
    before = previous_period(view.year, view.period)
    previous = data.maybe_comparison(view.url, view.version, *before)
    year_ago = data.maybe_comparison(view.url, view.version, view.year - 1, view.period)
    table = kpis(comparison, previous, year_ago, benchmarks(), KPIS)
    columns = st.columns(4)
    for i, (key, row) in enumerate(table.iterrows()):
        unit = INDICATOR_BY_KEY[key].unit
        progress = row["basis"] == PROGRESS
        shown = row["vs_last_year"] if progress else row["margin"]
        # Streamlit reads the ASCII minus sign; "lower is better" turns the colour for a change in progress.
        delta = None if pd.isna(shown) else formatting.signed(shown, unit, view.lang).replace("−", "-")
        good_when_lower = INDICATOR_BY_KEY[key].direction == "lower" and progress
        with columns[i % 4].container(border=True):
            st.metric(
                short_label(key, view.lang),
                formatting.judged(row["value"], unit, row["target"], view.lang),
                delta=delta,
                delta_color="inverse" if good_when_lower else "normal",
                delta_arrow="off" if delta is None else "auto",
                help=_card_help(key, progress, view.lang),
            )
            lines = _basis_lines(row, unit, comparison.error(key) if progress else None, view.lang)
            if progress and not pd.isna(row["vs_last_year"]):
                lines.append(
                    t("kpi.vs_last_year", year=view.year - 1, delta=_delta_text(row["vs_last_year"], unit, view.lang))
                )
            if not pd.isna(row["vs_previous"]):
                lines.append(
                    t(
                        "kpi.vs_previous",
                        period=period_name(*before, view.lang),
                        delta=_delta_text(row["vs_previous"], unit, view.lang),
                    )
                )
            else:
                lines.append(t("kpi.no_previous", period=period_name(*before, view.lang)))
            if not progress and not pd.isna(row["vs_last_year"]):
                lines.append(
                    t("kpi.vs_last_year", year=view.year - 1, delta=_delta_text(row["vs_last_year"], unit, view.lang))
                )
            if not pd.isna(row["benchmark"]):
                lines.append(
                    t("kpi.national", year=view.year, value=formatting.value(row["benchmark"], unit, view.lang))
                )
            st.caption("  \n".join(lines))


def _card_help(key: str, progress: bool, lang: str) -> str:
    spec = INDICATOR_BY_KEY[key]
    parts = [spec.label(lang), spec.note(lang)]
    if progress:
        parts.append(t("kpi.projection_help"))
    return "\n\n".join(p for p in parts if p)


def _basis_lines(row: pd.Series, unit: str, error: float | None, lang: str) -> list[str]:
    """What the card's value is judged on: the target, the pro-rata target, or the projection of a seasonal rate."""
    if pd.isna(row["target"]):
        return []
    goal = formatting.target(row["comparator"], row["target"], unit, lang)
    if row["basis"] == PRO_RATA:
        return [t("kpi.pro_rata", status=status_word(row["status"], lang), target=goal)]
    if row["basis"] != PROGRESS:
        return [t("overview.target", target=goal)]
    lines = [t("kpi.progress", target=goal)]
    if pd.isna(row["projected"]):
        return lines + [t("kpi.no_projection")]
    verdict = PROJECTION_LABELS[row["projected_status"]][0 if lang == "vi" else 1].lower()
    lines.append(
        t(
            "kpi.projected",
            projected=formatting.judged(row["projected"], unit, row["target"], lang),
            low=formatting.value(row["projected_low"], unit, lang),
            high=formatting.value(row["projected_high"], unit, lang),
            verdict=verdict,
        )
    )
    if error is not None:
        lines.append(t("kpi.projection_error", error=formatting.signed(error, unit, lang).lstrip("+")))
    return lines


def submission_strip(view: View, today: dt.date | None = None) -> None:
    """Court × period of the year: sent on time, late, missing (deadline passed), not due yet; who sent it."""
    table = data.received(view.url, view.version, view.year, today or dt.date.today())
    if view.courts:
        table = table[table["court"].isin(view.courts)]
    words = {k: v[0 if view.lang == "vi" else 1] for k, v in SUBMISSION_LABELS.items()}
    senders = auth.who(table["submitted_by"], data.people(view.url, view.version), view.account)
    cells = [
        words[s] if d is None else f"{words[s]} {formatting.date(d)} · {who}" + (f" (v{n})" if n > 1 else "")
        for s, d, who, n in zip(table["status"], table["submitted_on"], senders, table["versions"], strict=True)
    ]
    shown = table.assign(cell=cells, court=table["court"].map(lambda c: court_label(c, view.lang)))
    periods = {p: period_name(view.year, p, view.lang) for p in shown["period"].unique()}
    shown = shown.assign(period=shown["period"].map(periods))
    grid = shown.pivot(index="court", columns="period", values="cell")
    status = shown.pivot(index="court", columns="period", values="status")
    order = list(dict.fromkeys(shown["court"]))
    columns = list(periods.values())
    grid, status = grid.reindex(index=order, columns=columns), status.reindex(index=order, columns=columns)
    styled = grid.rename_axis(index=None, columns=None).style.apply(
        lambda _: status.rename_axis(index=None, columns=None).map(lambda s: SUBMISSION_STYLE.get(s, "")), axis=None
    )
    st.dataframe(styled, width="stretch", height=(len(grid) + 1) * 35 + 3)
    late = table[table["status"].isin([MISSING, LATE])]
    if late.empty:
        st.caption(t("status.all_in"))
    else:
        items = [
            f"{court_label(c, view.lang)} – {periods[p]} ({words[s]})"
            for c, p, s in zip(late["court"], late["period"], late["status"], strict=True)
        ]
        st.warning(t("status.attention", items="; ".join(items)), icon="⚠️")
    st.caption(t("status.deadline_note", days=data.deadline_days(view.url, view.version)))


def ranking_table(view: View, table: pd.DataFrame, gates: pd.DataFrame, gate_keys: list[str]) -> None:
    mark = {MET: "✔️", NOT_MET: "✖️", ON_PACE: "✔️", BEHIND_PACE: "✖️"}
    shown = pd.DataFrame(
        {
            t("ranking.rank"): table["rank"],
            t("court"): table["court"].map(lambda c: court_label(c, view.lang)),
            t("ranking.score"): table["score"].astype("float64"),
            t("ranking.gates"): [
                f"{'✔️' if a else '✖️'} {p}/{n}"
                for a, p, n in zip(table["all_gates"], table["gates_passed"], table["gates_total"], strict=True)
            ],
        }
    )
    for key in gate_keys:
        statuses = gates[key].reindex(table["court"]).tolist() if key in gates else []
        shown[short_label(key, view.lang)] = [
            f"{mark.get(s, '–')} {STATUS_LABELS.get(s, ('', ''))[0 if view.lang == 'vi' else 1]}" for s in statuses
        ]
    styled = numbers_shown(shown, {t("ranking.score"): lambda s: formatting.number(s, 2, view.lang)})
    st.dataframe(styled, hide_index=True, width="stretch", placeholder=formatting.NOT_APPLICABLE[view.lang])


def status_word(status: str, lang: str) -> str:
    """A status in words with its mark: "✓ Đạt", "↘ Chậm tiến độ", "⋯ Đang thực hiện"."""
    return STATUS_MARKS.get(status, "") + STATUS_LABELS[status][0 if lang == "vi" else 1]


def profile_indicators(table: pd.DataFrame, lang: str) -> None:
    """The court's indicators beside the target, the cluster and its rank; status in words and colour."""
    rows = table.dropna(subset=["status"])
    shown = pd.DataFrame(
        {
            t("indicator"): [INDICATOR_BY_KEY[k].label(lang) for k in rows.index],
            t("value"): [
                formatting.judged(v, INDICATOR_BY_KEY[k].unit, g, lang)
                for k, v, g in zip(rows.index, rows["value"], rows["target"], strict=True)
            ],
            t("target"): [
                "" if pd.isna(v) else formatting.target(c, v, INDICATOR_BY_KEY[k].unit, lang)
                for k, c, v in zip(rows.index, rows["comparator"], rows["target"], strict=True)
            ],
            t("status"): [status_word(s, lang) for s in rows["status"]],
            t("margin"): [
                "" if pd.isna(m) else formatting.signed(m, INDICATOR_BY_KEY[k].unit, lang)
                for k, m in rows["margin"].items()
            ],
            t("profile.cluster"): [
                formatting.value(v, INDICATOR_BY_KEY[k].unit, lang) for k, v in rows["cluster"].items()
            ],
            t("profile.rank"): [
                "" if pd.isna(r) else f"{int(r)}/{int(o)}" for r, o in zip(rows["rank"], rows["of"], strict=True)
            ],
        }
    )
    if rows["projected"].notna().any() or rows["last_year"].notna().any():
        shown[t("col.last_year")] = [
            "" if pd.isna(v) else formatting.value(v, INDICATOR_BY_KEY[k].unit, lang)
            for k, v in rows["last_year"].items()
        ]
        shown[t("col.projected")] = [
            ""
            if pd.isna(p)
            else f"{formatting.value(p, INDICATOR_BY_KEY[k].unit, lang)} – {PROJECTION_LABELS[s][0 if lang == 'vi' else 1]}"
            if isinstance(s, str)
            else formatting.value(p, INDICATOR_BY_KEY[k].unit, lang)
            for k, p, s in zip(rows.index, rows["projected"], rows["projected_status"], strict=True)
        ]
    styles = rows["status"].map(STATUS_STYLE.get).tolist()
    column = t("status")
    styled = shown.style.apply(lambda col: styles if col.name == column else [""] * len(col), axis=0)
    st.dataframe(styled, hide_index=True, width="stretch", height=(len(shown) + 1) * 35 + 3)


def effort(table: pd.DataFrame, lang: str) -> None:
    """Per case group with a resolution target: the cases still to resolve by 30 September, in all and per week."""
    if table.empty:
        return
    lines = []
    for row in table.itertuples(index=False):
        values = {
            "group": GROUPS[row.group][0 if lang == "vi" else 1],
            "target": formatting.target(row.comparator, row.target, "rate", lang),
            "resolved": formatting.number(row.resolved, 0, lang),
            "expected": formatting.number(row.expected_accepted, 0, lang),
        }
        if pd.isna(row.needed):
            lines.append("- " + t("profile.effort_unknown", **values))
        elif row.needed == 0:
            lines.append("- " + t("profile.effort_done", **values))
        else:
            lines.append(
                "- "
                + t(
                    "profile.effort_line",
                    needed=formatting.number(row.needed, 0, lang),
                    per_week=formatting.number(row.per_week, 0, lang),
                    weeks=formatting.number(row.weeks, 0, lang),
                    **values,
                )
            )
    st.markdown("\n".join(lines))
    st.caption(t("profile.effort_help"))


def case_table(table: pd.DataFrame, lang: str) -> None:
    if table.empty:
        st.caption(t("profile.no_cases"))
        return
    names = {k: getattr(c, "label_en" if lang == "en" else "label_vi") for k, c in CASE_TYPE_BY_KEY.items()}
    names[TOTAL] = t("profile.total")
    shown = pd.DataFrame(
        {
            MEASURE_BY_KEY[m].label_en if lang == "en" else MEASURE_BY_KEY[m].label_vi: table[m].map(
                lambda v: "" if pd.isna(v) else formatting.number(v, 0, lang)
            )
            for m in table.columns
        }
    )
    shown.index = [names[k] for k in table.index]
    st.dataframe(shown, width="stretch", height=(len(shown) + 1) * 35 + 3)


def returns_table(versions: pd.DataFrame, comments: pd.DataFrame, view: View) -> None:
    """The court's returns of the year, every version, who stored them (their role, to anonymous readers), their
    notes and the comments."""
    lang = view.lang
    if versions.empty:
        st.caption(t("profile.no_returns"))
        return
    ordered = versions.sort_values(
        ["period", "version"], key=lambda s: s.map(lambda p: PERIOD_BY_KEY[p].months) if s.name == "period" else s
    )
    notes = comments.groupby("period")["text"].count() if not comments.empty else pd.Series(dtype="int64")
    shown = pd.DataFrame(
        {
            t("col.period"): [period_name(y, p, lang) for y, p in zip(ordered["year"], ordered["period"], strict=True)],
            t("col.version"): ordered["version"],
            t("col.when"): pd.to_datetime(ordered["stored_at"]).dt.strftime("%d/%m/%Y %H:%M"),
            t("col.who"): auth.who(ordered["stored_by"], data.people(view.url, view.version), view.account),
            # The name typed in the return: a person's name, like the uploader's, shown only where names are.
            t("profile.prepared_by"): ordered["prepared_by"] if auth.names_shown(view.account) else "",
            t("col.file"): ordered["filename"],
            t("profile.return_notes"): ordered["notes"],
            t("profile.comment_count"): ordered["period"].map(lambda p: int(notes.get(p, 0))),
        }
    )
    st.dataframe(shown, hide_index=True, width="stretch")


def comment_list(comments: pd.DataFrame, view: View, limit: int = 20) -> None:
    """The comments, newest first: each one's text as plain text, then who (their role, to anonymous readers), when
    and for which period."""
    if comments.empty:
        st.caption(t("comments.none"))
        return
    shown = comments.head(limit)
    authors = auth.who(shown["author"], data.people(view.url, view.version), view.account)
    for row, author in zip(shown.itertuples(index=False), authors, strict=True):
        when = pd.Timestamp(row.created_at).strftime("%d/%m/%Y %H:%M")
        with st.container(border=True):
            user_text(row.text)
            st.caption(f"— {plain(author)}, {when} · {period_name(row.year, row.period, view.lang)}")


def period_comments(comments: pd.DataFrame, view: View, *, expanded: bool = True) -> None:
    """The comments of the period beside the figures, under a heading that counts them (none: nothing drawn)."""
    if comments.empty:
        return
    with st.expander(t("comments.of_period", count=len(comments)), icon="📝", expanded=expanded):
        for court, mine in comments.groupby("court", sort=False):
            st.markdown(f"**{plain(court_label(court, view.lang))}**")
            comment_list(mine, view)


def comment_form(court: str, view: View) -> None:
    """A note for this court and period by its own staff or an admin; stored with its author and time."""
    if view.account is None or not view.account.may_write(court):
        return
    with st.form(f"comment_{court}_{view.year}_{view.period}", clear_on_submit=True, border=True):
        text = st.text_area(t("comments.new"), key=state.COMMENT_TEXT, max_chars=2000)
        if st.form_submit_button(t("comments.save")):
            if not text.strip():
                st.warning(t("comments.empty"))
            elif auth.attempt(lambda: data.store().add_comment(court, view.year, view.period, text, view.account)):
                st.rerun()
