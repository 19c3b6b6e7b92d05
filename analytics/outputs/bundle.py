"""What a report that leaves the app is made of, gathered by the caller (the page or the command line) as plain data:
the comparison, the year's targets, figures, returns and comments, the ranking, who asks and when, and the filters.

The files (workbook, CSV, PDF) never query the store: they read a Bundle. The court filter chooses which rows are
shown; the rank and the cluster row always cover the whole cluster, as the page's preview does. Who stored a return
or wrote a comment is written as the caller hands it (the page gives a role instead of a name to readers who may not
see names).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import pandas as pd

from analytics import formatting
from analytics.compute.comments import comment_counts, comments_of
from analytics.compute.comparison import (
    ALL_GROUPS,
    Comparison,
    case_types_of,
    court_label,
    indicators_for,
    scope_label,
    scope_of,
    sections,
    within,
)
from analytics.compute.indicators import CLUSTER
from analytics.compute.ranking import rank, weights
from analytics.domain import GROUPS, PERIOD_BY_KEY, cluster_courts
from analytics.security import InvalidInput
from analytics.text import Words

LANGUAGES = ("vi", "en")
# The cluster's name and the title every file carries.
CLUSTER_NAME = {"vi": "Cụm thi đua số II Tòa án nhân dân", "en": "Emulation Cluster No. II of the People's Courts"}
TITLE = {"vi": "KẾT QUẢ CÁC CHỈ TIÊU CÔNG TÁC", "en": "RESULTS AGAINST THE TARGETS"}
FILTER_WORDS = {  # the filters a file was made with, named in its provenance
    "year": Words("Năm", "Year"),
    "period": Words("Kỳ", "Period"),
    "group": Words("Nhóm án", "Case group"),
    "courts": Words("Tòa án", "Courts"),
    "language": Words("Ngôn ngữ", "Language"),
    "every_court": Words("Tất cả các Tòa án của Cụm", "Every court of the cluster"),
    "this_language": Words("Tiếng Việt", "English"),
}
SAMPLE_WARNING = {
    "vi": "DỮ LIỆU MẪU (tổng hợp, không phải số liệu thật)",
    "en": "SAMPLE DATA (synthetic, not real figures)",
}


@dataclass(frozen=True, eq=False)
class Bundle:
    """Everything a report file shows, for one year, period, case group, choice of courts and language."""

    comparison: Comparison  # the whole cluster: rank and the cluster row cover every court
    targets: pd.DataFrame  # the year's targets, both layers, with sources
    figures: pd.DataFrame  # the year's current figures (raw counts; every period, for the trends)
    returns: pd.DataFrame  # the year's current returns: court, period, version, stored_at, stored_by, …
    comments: pd.DataFrame  # comments (the period's are picked here)
    ranking: pd.DataFrame  # compute.ranking.rank's table (rank, court, …); empty when no court is ranked
    generated_at: dt.datetime
    generated_by: str
    group: str = ALL_GROUPS
    courts: tuple[str, ...] = ()  # the courts shown; empty = every court of the cluster
    lang: str = "vi"

    @property
    def year(self) -> int:
        return self.comparison.year

    @property
    def period(self) -> str:
        return self.comparison.period

    @property
    def shown(self) -> Comparison:
        """The comparison showing the chosen courts; the cluster row stays the whole cluster's total."""
        return self.comparison.only(self.courts)

    def shown_courts(self) -> list[str]:
        return self.shown.courts()

    @property
    def indicators(self) -> tuple[str, ...]:
        return indicators_for(self.group)

    def sections(self) -> list[tuple[str, tuple[str, ...]]]:
        """The scorecard's indicators with a value shown, in their sections (title, indicators): for a case group its
        own, «Nhóm án: Hình sự», then the court-wide ones apart, «Chỉ tiêu chung của đơn vị — không theo loại án»,
        which the group does not narrow; for every case type one section without a title. Every file groups its
        indicators so."""
        titled = self.group != ALL_GROUPS
        shown = within(sections(self.group), self.shown.rows["indicator"])
        return [(scope_label(scope, self.lang) if titled else "", keys) for scope, keys in shown]

    def shown_indicators(self) -> tuple[str, ...]:
        """The scorecard's indicators with a value shown, section after section."""
        return tuple(key for _, keys in self.sections() for key in keys)

    def scope(self, indicator: str) -> str:
        """What an indicator is counted for, as its section is titled: «Nhóm án: Hình sự», «Chỉ tiêu chung …»."""
        return scope_label(scope_of(indicator), self.lang)

    @property
    def case_types(self) -> tuple[str, ...]:
        return case_types_of(self.group)

    def ranks(self) -> dict[str, int]:
        if self.ranking.empty:
            return {}
        return {str(c): int(r) for c, r in zip(self.ranking["court"], self.ranking["rank"], strict=True)}

    def period_comments(self) -> pd.DataFrame:
        """The comments of the year and period on the courts shown, newest first."""
        return comments_of(self.comments, self.year, self.period, self.shown_courts())

    def comment_counts(self) -> dict[str, int]:
        return comment_counts(self.period_comments())

    def used_returns(self) -> pd.DataFrame:
        """The returns the comparison was computed from: the newest version of each member court's return of the
        period (the cluster row counts them all, so all are listed whatever the court filter)."""
        if self.returns.empty:
            return self.returns
        members = [c.key for c in cluster_courts(self.year)]
        chosen = self.returns[
            (self.returns["year"] == self.year)
            & (self.returns["period"] == self.period)
            & self.returns["court"].isin(members)
        ]
        order = {key: i for i, key in enumerate(members)}
        return chosen.sort_values("court", key=lambda s: s.map(order)).reset_index(drop=True)

    def data_as_of(self) -> dt.date:
        """ "Số liệu đến ngày": the last day the period's figures count (cumulative from 1 October)."""
        return PERIOD_BY_KEY[self.period].end(self.year)

    def last_stored(self) -> dt.datetime | None:
        """When the newest of the returns used was stored (the figures cannot have changed since)."""
        used = self.used_returns()
        if used.empty:
            return None
        return pd.Timestamp(pd.to_datetime(used["stored_at"]).max()).to_pydatetime()

    def label(self, court: str) -> str:
        """A court's short name; the cluster row with its coverage ("Toàn Cụm (6/7 Tòa án)")."""
        return self.comparison.label(court, self.lang)

    def period_label(self) -> str:
        return PERIOD_BY_KEY[self.period].label(self.lang)

    def title(self) -> str:
        return f"{TITLE[self.lang]} – {FILTER_WORDS['year'].label(self.lang)} {self.year} – {self.period_label()}"

    def subtitle(self) -> str:
        return CLUSTER_NAME[self.lang]

    def group_label(self) -> str:
        return GROUPS[self.group].label(self.lang)

    def courts_label(self) -> str:
        """The court filter in words: every court, or the chosen ones by name."""
        if not self.courts:
            return FILTER_WORDS["every_court"].label(self.lang)
        return ", ".join(court_label(c, self.lang) for c in self.shown_courts())

    def filters(self) -> list[tuple[str, str]]:
        """The filters applied, as (what, chosen) pairs for the provenance."""
        chosen = {
            "year": str(self.year),
            "period": self.period_label(),
            "group": self.group_label(),
            "courts": self.courts_label(),
            "language": FILTER_WORDS["this_language"].label(self.lang),
        }
        return [(FILTER_WORDS[what].label(self.lang), value) for what, value in chosen.items()]

    def made_at(self) -> str:
        """When the file was made, on the courts' clock and saying so: "02/12/2026 15:30 (UTC+7)"."""
        return f"{formatting.moment(self.generated_at)} ({formatting.LOCAL_ZONE_NAME})"

    def generated(self) -> str:
        """ "Lập lúc 02/12/2026 15:30 (UTC+7), bởi cli:lan"."""
        moment = self.made_at()
        return (
            f"Lập lúc {moment}, bởi {self.generated_by}"
            if self.lang == "vi"
            else f"Made {moment} by {self.generated_by}"
        )

    def as_of(self) -> str:
        return formatting.date(self.data_as_of())


def bundle(
    comparison: Comparison,
    *,
    targets: pd.DataFrame,
    figures: pd.DataFrame,
    returns: pd.DataFrame,
    comments: pd.DataFrame,
    stored_weights: pd.DataFrame,
    generated_by: str,
    generated_at: dt.datetime | None = None,
    group: str = ALL_GROUPS,
    courts: tuple[str, ...] | list[str] = (),
    lang: str = "vi",
    names: Callable[[Iterable[str]], list[str]] | None = None,
    prepared: bool = True,
) -> Bundle:
    """A checked Bundle: the group, the courts and the language must be known (InvalidInput says which is not, in
    Vietnamese); the indicative ranking is computed here with the secretariat's stored weights.

    `names` turns the user names of who stored a return and who wrote a comment into what this reader may see (the
    page gives roles to anonymous readers); without `prepared`, the name typed in a return as its author is left out
    as well. The command line passes neither: its operator sees the user names."""
    if lang not in LANGUAGES:
        raise InvalidInput(f"Ngôn ngữ «{lang}» không có; chọn vi hoặc en.", f"Unknown language '{lang}': vi or en.")
    if group not in GROUPS:
        raise InvalidInput(
            f"Nhóm án «{group}» không có; chọn một trong: {', '.join(GROUPS)}.",
            f"Unknown case group '{group}'; one of {', '.join(GROUPS)}.",
        )
    members = [c.key for c in cluster_courts(comparison.year)]
    unknown = [c for c in courts if c not in members]
    if unknown:
        raise InvalidInput(
            f"Tòa án {', '.join(unknown)} không thuộc Cụm năm {comparison.year}; các Tòa án: {', '.join(members)}.",
            f"{', '.join(unknown)} not in the cluster in {comparison.year}; the courts: {', '.join(members)}.",
        )
    ranking = rank(comparison.ranking_rows(), weights(stored_weights))
    returns, comments = as_seen(returns, comments, names, prepared=prepared)
    return Bundle(
        comparison=comparison,
        targets=targets[targets["year"] == comparison.year].reset_index(drop=True) if not targets.empty else targets,
        figures=figures[figures["year"] == comparison.year].reset_index(drop=True) if not figures.empty else figures,
        returns=returns,
        comments=comments,
        ranking=ranking[ranking["court"] != CLUSTER] if not ranking.empty else ranking,
        generated_at=generated_at or dt.datetime.now(dt.UTC),
        generated_by=generated_by,
        group=group,
        courts=tuple(dict.fromkeys(courts)),
        lang=lang,
    )


def as_seen(
    returns: pd.DataFrame,
    comments: pd.DataFrame,
    names: Callable[[Iterable[str]], list[str]] | None,
    *,
    prepared: bool = True,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The returns and comments with who stored or wrote them as `names` shows them (unchanged without), and without
    the returns' typed author unless `prepared`."""
    if names is not None:
        if "stored_by" in returns.columns:
            returns = returns.assign(stored_by=names(returns["stored_by"]))
        if "author" in comments.columns:
            comments = comments.assign(author=names(comments["author"]))
    if not prepared and "prepared_by" in returns.columns:
        returns = returns.assign(prepared_by="")
    return returns, comments
