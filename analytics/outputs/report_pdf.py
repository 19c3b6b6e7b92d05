"""The quarterly report as a PDF: cover, the cluster's summary on its basis, the scorecard, the main charts, one page
per court, the targets and their sources, the provenance.

Typeset by Typst (the `typst` wheel: no browser, no system library) from `templates/report.typ`, with the bundled
Noto Sans embedded (analytics/data/fonts, SIL Open Font License) and charts drawn as SVG by matplotlib
(drawings.py). Every text reaches Typst as data (a JSON file it reads), never as markup, so a comment or a file name
cannot change the document. A missing piece (the typst or matplotlib package, a font file) is a ReportUnavailable
with a Vietnamese sentence saying what to install, never a traceback.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import importlib.util
import json
import re
from pathlib import Path

import pandas as pd

from analytics import formatting
from analytics.compute import tables
from analytics.compute.comparison import ALL_GROUPS, STATUS_MARKS, short_label, within
from analytics.compute.indicators import CLUSTER, INDICATOR_BY_KEY
from analytics.compute.profile import CASE_TABLE_MEASURES, TOTAL, case_table, court_effort, court_indicators
from analytics.compute.projection import PROJECTION_LABELS
from analytics.compute.targets import FLOOR_LAYER, LAYERS, TARGET_LAYER, benchmarks
from analytics.compute.trends import through_the_year
from analytics.domain import CASE_TYPE_BY_KEY, GROUPS, MEASURE_BY_KEY, PERIOD_BY_KEY, cluster_courts, court_by_key
from analytics.outputs.bundle import SAMPLE_WARNING, Bundle
from analytics.outputs.export import (
    BASIS_WORDS,
    COMPARATOR_WORDS,
    CONFIDENCE_WORDS,
    TEXT,
    scorecard_notes,
    stated_target,
)
from analytics.outputs.palette import HEADER_FILL, STATUS_STYLES, TEXT_COLOUR
from analytics.text import Said, Words

TEMPLATE = Path(__file__).resolve().parent / "templates" / "report.typ"
FONT_DIR = Path(__file__).resolve().parents[1] / "data" / "fonts"
HEADLINE = {ALL_GROUPS: "resolution_rate.all"}  # the bar chart's indicator: the group's own resolution rate otherwise

WORDS = {
    "vi": {
        "report": "BÁO CÁO KẾT QUẢ CÔNG TÁC",
        "courts": "Các Tòa án của Cụm",
        "no_return": "chưa có báo cáo kỳ này",
        "summary": "Tổng hợp toàn Cụm",
        "summary_note": "Giá trị của Toàn Cụm cộng số liệu của các Tòa án rồi mới chia (không lấy trung bình các tỷ lệ).",
        "national_note": "Toàn quốc: kết quả năm {year} của các Tòa án cả nước (nguồn: {source}).",
        "scorecard": "Bảng kết quả các Tòa án",
        "charts": "Biểu đồ",
        "compare": "So sánh các Tòa án",
        "heat": "Chênh lệch so với chỉ tiêu (điểm % với tỷ lệ; % của chỉ tiêu với số đếm)",
        "heat_note": "Xanh: vượt chỉ tiêu; cam: chưa đạt; ≈: dự báo cuối năm của tỷ lệ chưa đánh giá; –: không áp dụng.",
        "trend": "Qua các kỳ của năm",
        "court_page": "Tòa án",
        "indicators": "Các chỉ tiêu so với chỉ tiêu TANDTC và Toàn Cụm",
        "cases": "Số liệu theo loại án",
        "comments": "Ghi chú của kỳ",
        "no_comments": "Không có ghi chú nào cho kỳ này.",
        "return_used": "Báo cáo đã dùng",
        "targets": "Chỉ tiêu và nguồn",
        "provenance": "Nguồn số liệu",
        "national": "Toàn quốc",
        "cluster": "Toàn Cụm",
        "rank_of": "Thứ hạng",
        "page": "Trang",
        "none": "–",
        "total": "Cộng",
        "rank_title": "Hạng (tham khảo)",
        "basis_title": "Cách đánh giá",
        "projection_title": "Dự báo cuối năm",
        "made": "Lập",
        "no_target_all": "Không có một chỉ tiêu TANDTC chung cho tất cả các loại án, nên các biểu đồ của chỉ tiêu này "
        "không có đường chỉ tiêu: chỉ tiêu đặt riêng cho từng nhóm án ({targets}), xem bảng kết quả.",
        "no_target": "Năm {year} không có chỉ tiêu TANDTC cho chỉ tiêu này, nên các biểu đồ của nó không có đường chỉ "
        "tiêu.",
    },
    "en": {
        "report": "PERIODIC REPORT",
        "courts": "The cluster's courts",
        "no_return": "no return for this period",
        "summary": "The cluster as a whole",
        "summary_note": "The cluster's values add the courts' counts, then divide (never a mean of the courts' rates).",
        "national_note": "National: the results of every court of the country in {year} (source: {source}).",
        "scorecard": "The courts' results",
        "charts": "Charts",
        "compare": "The courts compared",
        "heat": "Margin to the target (points for rates; percent of the target for counts)",
        "heat_note": "Blue: above the target; orange: short of it; ≈: a projected year-end of a rate not judged yet; "
        "–: not applicable.",
        "trend": "Through the year",
        "court_page": "Court",
        "indicators": "Indicators against the TANDTC target and the cluster",
        "cases": "Cases by type",
        "comments": "Comments of the period",
        "no_comments": "No comment for this period.",
        "return_used": "Return used",
        "targets": "Targets and sources",
        "provenance": "Provenance",
        "national": "National",
        "cluster": "Cluster",
        "rank_of": "Rank",
        "page": "Page",
        "none": "–",
        "total": "Total",
        "rank_title": "Rank (indicative)",
        "basis_title": "Basis",
        "projection_title": "Projected year-end",
        "made": "Made",
        "no_target_all": "No single TANDTC target applies to all case types together, so this indicator's charts "
        "have no target line: the targets are set for each case group ({targets}), see the scorecard.",
        "no_target": "No TANDTC target is set for this indicator in {year}, so its charts have no target line.",
    },
}


class ReportUnavailable(Said):
    """The report cannot be made on this machine: what is missing, in Vietnamese and in English."""


def missing_pieces() -> ReportUnavailable | None:
    """What the PDF needs and this machine lacks, said as one sentence; None when everything is there."""
    packages = [name for name in ("typst", "matplotlib") if importlib.util.find_spec(name) is None]
    if packages:
        names = ", ".join(packages)
        return ReportUnavailable(
            f"Máy chủ chưa cài thư viện {names} nên chưa lập được báo cáo PDF. Hãy nhờ quản trị chạy lại "
            f"«pip install -r requirements.txt» rồi thử lại; bảng Excel và CSV vẫn tải được.",
            f"The server lacks the {names} package(s) for the PDF report: reinstall requirements.txt.",
        )
    from analytics.outputs.drawings import fonts_missing

    fonts = fonts_missing()
    if fonts or not TEMPLATE.is_file():
        lost = ", ".join(fonts + ([] if TEMPLATE.is_file() else [TEMPLATE.name]))
        return ReportUnavailable(
            f"Thiếu tệp {lost} trong thư mục cài đặt (analytics/data/fonts hoặc analytics/outputs/templates) nên chưa "
            "lập được báo cáo PDF. Hãy cài lại ứng dụng từ kho mã; bảng Excel và CSV vẫn tải được.",
            f"Missing {lost} in the installation: reinstall the application.",
        )
    return None


def report(bundle: Bundle) -> bytes:
    """The PDF report of a Bundle (see the module docstring). Raises ReportUnavailable when a piece is missing."""
    missing = missing_pieces()
    if missing is not None:
        raise missing
    import typst

    from analytics.outputs import drawings

    content, charts = _content(bundle), _charts(bundle, drawings)
    files = {
        "main.typ": TEMPLATE.read_bytes(),
        "data.json": json.dumps(content, ensure_ascii=False).encode("utf-8"),
        **{f"charts/{name}.svg": svg for name, svg in charts.items()},
    }
    try:
        return typst.compile(
            files,
            format="pdf",
            font_paths=[str(FONT_DIR)],
            ignore_system_fonts=True,  # the same fonts on every machine: the bundled ones
            timestamp=_timestamp(bundle.generated_at),
        )
    except typst.TypstError as error:  # a fault of the template or the data: say so plainly, keep the details
        raise ReportUnavailable(
            f"Không lập được báo cáo PDF (lỗi khi dàn trang: {error.message}). Hãy báo cho quản trị; bảng Excel và "
            "CSV vẫn tải được.",
            f"The PDF could not be typeset: {error.message}",
        ) from error


def _timestamp(moment: dt.datetime) -> dt.datetime:
    return formatting.as_utc(moment.replace(microsecond=0))  # Typst's creation date has whole seconds


# --- what the pages say ------------------------------------------------------------------------------------------


# Typst breaks a line only between words: a long word without spaces (a file name such as
# Bao_cao_thong_ke_TAND_tinh_Son_La_quy_IV_nam_2023_final.xlsx, a link in a comment) would run over the next cell
# and off the page. Such a word is marked (U+200B) where it may break, after its _ - . / and every 20 characters; the
# template breaks it there with an empty box (a U+200B printed would go into the PDF's text after every "_").
LONG_WORD = 20
BREAK = "\u200b"
_LONG = re.compile(rf"\S{{{LONG_WORD + 1},}}")
_AFTER_SEPARATOR = re.compile(r"(?<=[_\-./\\])")


def breakable(text: str) -> str:
    """The text with its long words made breakable (short words, numbers and names are left as they are)."""
    return _LONG.sub(lambda word: _broken(word.group()), text)


def _broken(word: str) -> str:
    pieces = [piece for piece in _AFTER_SEPARATOR.split(word) if piece]
    return BREAK.join(BREAK.join(p[i : i + LONG_WORD] for i in range(0, len(p), LONG_WORD)) for p in pieces)


def _cell(
    text: object, status: str | None = None, *, bold: bool = False, align: str = "left", span: int = 1
) -> dict[str, object]:
    """A table cell: its text (long words breakable) and, for a value with a status, the app's colours for it; `span`
    columns wide."""
    cell: dict[str, object] = {"text": "" if text is None else breakable(str(text)), "align": align, "span": span}
    if status is not None:
        style = STATUS_STYLES[status]
        cell |= {"bg": style.background, "fg": style.colour or TEXT_COLOUR, "bold": style.bold, "italic": style.italic}
    if bold:
        cell["bold"] = True
    return cell


def _table(
    columns: list[str], rows: list[list[dict]], widths: list[object] | None = None, bands: list[dict] | None = None
) -> dict[str, object]:
    """A table for the template; `bands`, a row of titles over the columns' headers ({"text", "span"})."""
    table = {"columns": columns, "rows": rows, "widths": widths or ["auto"] * len(columns)}
    return table | ({"bands": bands} if bands else {})


def _section_row(title: str, width: int) -> list[dict]:
    """A row across the table that opens a section of indicators («Chỉ tiêu chung của đơn vị — …»)."""
    return [_cell(title, bold=True, span=width) | {"bg": HEADER_FILL}]


def _content(bundle: Bundle) -> dict[str, object]:
    lang = bundle.lang
    word = WORDS[lang]
    text = TEXT[lang]
    reporting = set(bundle.comparison.reporting)
    return {
        "lang": lang,
        "words": word
        | {
            "header_fill": HEADER_FILL,
            "effort": tables.EFFORT_TITLE.label(lang),
            "effort_help": tables.EFFORT_HELP.label(lang),
        },
        "title": word["report"],
        "cluster": bundle.subtitle(),
        "period": f"{'Năm' if lang == 'vi' else 'Year'} {bundle.year} – {bundle.period_label()}",
        "as_of": f"{text['as_of']} {bundle.as_of()}",
        "generated": bundle.generated(),
        "sample": SAMPLE_WARNING[lang] if bundle.comparison.synthetic else "",
        "header_left": f"{bundle.subtitle()} – {word['report'].capitalize()}",
        "header_right": f"{bundle.period_label()} {bundle.year}",
        "filters": [[k, v] for k, v in bundle.filters()[2:4]],
        "courts": [
            {
                "name": _full_name(c.key, lang),
                "short": bundle.comparison.label(c.key, lang),
                "note": "" if c.key in reporting else word["no_return"],
            }
            for c in cluster_courts(bundle.year)
        ],
        "notes": scorecard_notes(bundle),
        "summary": _summary_table(bundle),
        "summary_notes": _summary_notes(bundle),
        "scorecard": _scorecard_table(bundle),
        "legend": text["legend"],
        "charts": _chart_captions(bundle),
        "court_pages": _court_pages(bundle),
        "targets": _targets_table(bundle),
        "provenance": _provenance(bundle),
    }


def _full_name(court: str, lang: str) -> str:
    return court_by_key(court).full_name(lang)


def _value_cell(row: pd.Series | dict, key: str, lang: str, goal: float | None = None, *, bold: bool = False) -> dict:
    unit = INDICATOR_BY_KEY[key].unit
    status = row["status"]
    shown = STATUS_MARKS.get(status, "") + formatting.judged(row["value"], unit, goal, lang)
    return _cell(shown, status, bold=bold, align="right")


def _national(bundle: Bundle) -> pd.DataFrame:
    """The national results of the report's year (indicator, value, source); none for a partial year, whose rates
    are not comparable with a year's, nor for a year without published results."""
    if not bundle.shown.full_year:
        return pd.DataFrame(columns=["indicator", "value", "source"])
    national = benchmarks()
    return national[national["year"] == bundle.year].reset_index(drop=True)


def _summary_notes(bundle: Bundle) -> list[str]:
    """Under the cluster's summary: how its values are made, and where the national results come from."""
    word = WORDS[bundle.lang]
    sources = list(dict.fromkeys(_national(bundle)["source"]))
    # "Báo cáo … 21/11/2023" and "Báo cáo … 21/11/2023: thụ lý 606.209, …" are one source, said once at its fullest.
    sources = [s for s in sources if not any(o != s and o.startswith(s) for o in sources)]
    if not sources:
        return [word["summary_note"]]
    return [word["summary_note"], word["national_note"].format(year=bundle.year, source="; ".join(sources))]


def _summary_table(bundle: Bundle) -> dict[str, object]:
    """The cluster's value of each indicator of the group, its target and floor, margin and basis; for a partial
    year the same period last year and the projected year-end; for a full year the national result when the year
    has one (no column of blanks otherwise). A case group's court-wide indicators follow under their own title."""
    lang, word, text = bundle.lang, WORDS[bundle.lang], TEXT[bundle.lang]
    cluster = bundle.shown.cluster()
    partial = not bundle.shown.full_year
    national = _national(bundle).set_index("indicator")["value"]
    columns = [text["indicator"], word["cluster"], text["target"], text["floor"], text["margin"], word["basis_title"]]
    if partial:
        columns += [text["last_year"], word["projection_title"]]
    elif not national.empty:
        columns.append(word["national"])
    rows = []
    for title, keys in within(bundle.sections(), cluster.index):
        if title:
            rows.append(_section_row(title, len(columns)))
        rows += [_summary_line(cluster.loc[key], key, lang, partial, national) for key in keys]
    return _table(columns, rows, [3, 1.2, 1.2, 1.2, 1.3, 1.4, 1.2, 1.8 if partial else 1.2][: len(columns)])


def _summary_line(row: pd.Series, key: str, lang: str, partial: bool, national: pd.Series) -> list[dict]:
    """One indicator of the cluster's summary."""
    unit = INDICATOR_BY_KEY[key].unit
    line = [
        _cell(INDICATOR_BY_KEY[key].label(lang)),
        _value_cell(row, key, lang, row["target"], bold=True),
        _cell(stated_target(row, "comparator", "target", unit, lang), align="right"),
        _cell(stated_target(row, "floor_comparator", "floor", unit, lang), align="right"),
        _cell("" if pd.isna(row["margin"]) else formatting.signed(row["margin"], unit, lang), align="right"),
        _cell(BASIS_WORDS.get(row["basis"], Words("", "")).label(lang)),
    ]
    if partial:
        line.append(_cell(_value_or_blank(row.get("last_year"), unit, lang), align="right"))
        line.append(_cell(_projection(row, unit, lang), align="right"))
    elif not national.empty:
        line.append(_cell(_value_or_blank(national.get(key), unit, lang), align="right"))
    return line


def _value_or_blank(amount, unit: str, lang: str) -> str:
    return "" if amount is None or pd.isna(amount) else formatting.value(amount, unit, lang)


def _projection(row, unit: str, lang: str) -> str:
    projected = row.get("projected")
    if projected is None or pd.isna(projected):
        return ""
    low, high = formatting.value(row["projected_low"], unit, lang), formatting.value(row["projected_high"], unit, lang)
    verdict = row.get("projected_status")
    said = PROJECTION_LABELS[verdict].label(lang) if isinstance(verdict, str) and verdict in PROJECTION_LABELS else ""
    return f"{formatting.judged(projected, unit, row.get('target'), lang)} ({low} – {high}) {said}".strip()


def _scorecard_table(bundle: Bundle) -> dict[str, object]:
    """Courts × indicators as on screen: ✓ 98,6 % on the status colour, rank, targets met, comments, cluster row; a
    case group's own indicators and the court-wide ones under a title each, as the workbook's summary has them."""
    lang, text = bundle.lang, TEXT[bundle.lang]
    shown = bundle.shown
    indicators = bundle.shown_indicators()
    rows_by = shown.scorecard(indicators).set_index(["court", "indicator"])
    ranks, met, counts = bundle.ranks(), shown.targets_met(indicators), bundle.comment_counts()
    goals = shown.cluster()["target"]
    rows = []
    for court in shown.courts() + [CLUSTER]:
        done, judged = met.get(court, (0, 0))
        line = [
            _cell(bundle.label(court), bold=True),
            _cell(ranks.get(court, ""), align="center"),
            _cell(f"{done}/{judged}", align="center"),
            _cell(counts.get(court, 0) or "", align="center"),
        ]
        for key in indicators:
            if (court, key) not in rows_by.index:
                line.append(_cell(formatting.NOT_APPLICABLE[lang], "not_applicable"))
                continue
            line.append(_value_cell(rows_by.loc[(court, key)], key, lang, goals.get(key), bold=court == CLUSTER))
        rows.append(line)
    columns = [text["court"], WORDS[lang]["rank_title"], text["met"], text["notes"]]
    columns += [short_label(k, lang) for k in indicators]
    sections = bundle.sections()
    bands = [{"text": "", "span": 4}] + [{"text": title, "span": len(keys)} for title, keys in sections]
    titled = any(title for title, _ in sections)
    return _table(columns, rows, [1.6, 0.8, 0.8, 0.7] + [1] * len(indicators), bands if titled else None)


def _headline(bundle: Bundle) -> str:
    return HEADLINE.get(bundle.group, f"resolution_rate.{bundle.group}")


def _trend_rows(bundle: Bundle, indicator: str) -> pd.DataFrame:
    """The indicator at each cumulative period of the year up to the report's (a quarter: up to its end)."""
    rows = through_the_year(bundle.figures, bundle.targets, bundle.year, indicator)
    if rows.empty:
        return rows
    keep = set(bundle.shown_courts()) | {CLUSTER}
    months = PERIOD_BY_KEY[bundle.period].months
    return rows[rows["court"].isin(keep) & (rows["months"] <= months)]


def _no_target(bundle: Bundle, key: str) -> str:
    """Why the headline charts (the courts compared, the year's path) draw no target line, when they draw none: every
    case type together has no TANDTC target of its own (DOMAIN.md §6 sets one per case group, which are named), or
    the year has none for the indicator; blank when it has one. Said once, under the first: both stay on one page."""
    lang, word = bundle.lang, WORDS[bundle.lang]
    if not pd.isna(bundle.shown.cluster()["target"].get(key, float("nan"))):
        return ""
    if key != HEADLINE[ALL_GROUPS]:
        return word["no_target"].format(year=bundle.year)
    targets = bundle.targets[bundle.targets["layer"] == TARGET_LAYER].set_index("indicator")
    named = []
    for group, words in GROUPS.items():  # the year's targets as stored: «Hình sự ≥ 90,0 %; …»
        if (rate := f"resolution_rate.{group}") in targets.index:
            goal = targets.loc[rate]
            named.append(f"{words.label(lang)} {formatting.target(goal['comparator'], goal['value'], 'rate', lang)}")
    return word["no_target_all"].format(targets="; ".join(named) or "–")


def _chart_captions(bundle: Bundle) -> list[dict[str, object]]:
    """The charts in the order they are printed: the courts compared and the year's path on one page, the heat map
    on the next (each chart stays whole on its page). A headline chart without a target line says why under it."""
    lang, word = bundle.lang, WORDS[bundle.lang]
    key = _headline(bundle)
    label = INDICATOR_BY_KEY[key].label(lang)
    why = _no_target(bundle, key)
    captions: list[dict[str, object]] = [
        {"file": "charts/compare.svg", "title": f"{word['compare']}: {label}", "note": why, "width": 0.72}
    ]
    if not _trend_rows(bundle, key).empty:
        captions.append({"file": "charts/trend.svg", "title": f"{word['trend']}: {label}", "note": "", "width": 0.72})
    captions.append({"file": "charts/heat.svg", "title": word["heat"], "note": word["heat_note"], "width": 0.92})
    return captions


def _charts(bundle: Bundle, drawings) -> dict[str, bytes]:
    lang = bundle.lang
    shown = bundle.shown
    key = _headline(bundle)
    charts = {
        "compare": drawings.bar_svg(shown.indicator(key), key, lang, " "),
        "heat": drawings.heat_svg(shown.rows, bundle.sections(), shown.courts() + [CLUSTER], lang),
    }
    trend = _trend_rows(bundle, key)
    if not trend.empty:
        targets = bundle.targets
        annual = targets[(targets["indicator"] == key) & (targets["layer"] == TARGET_LAYER)]["value"]
        charts["trend"] = drawings.trend_svg(trend, key, lang, float(annual.iloc[0]) if not annual.empty else None)
    return charts


def _court_pages(bundle: Bundle) -> list[dict[str, object]]:
    """One page per court shown; ranks among every court of the cluster on the group's indicators."""
    rows = bundle.comparison.rows
    narrow = dataclasses.replace(bundle.comparison, rows=rows[rows["indicator"].isin(bundle.indicators)])
    figures = bundle.figures
    period = figures[figures["period"] == bundle.period] if not figures.empty else figures
    return [_court_page(bundle, narrow, period, court) for court in bundle.shown_courts()]


def _court_page(bundle: Bundle, narrow, figures: pd.DataFrame, court: str) -> dict[str, object]:
    lang, word, text = bundle.lang, WORDS[bundle.lang], TEXT[bundle.lang]
    partial = not narrow.full_year
    table = court_indicators(narrow, court, bundle.indicators)
    columns = [text["indicator"], text["value"], text["target"], text["margin"], word["cluster"], word["rank_of"]]
    if partial:
        columns += [text["last_year"], word["projection_title"]]
    rows = []
    for title, keys in within(bundle.sections(), table.index[table["status"].notna()]):
        if title:
            rows.append(_section_row(title, len(columns)))
        rows += [_court_line(table.loc[key], key, lang, partial) for key in keys]
    cases = case_table(figures, court, bundle.year, bundle.period, bundle.case_types)
    case_rows = []
    for scope, counts in cases.iterrows():
        label = word["total"] if scope == TOTAL else CASE_TYPE_BY_KEY[scope].label(lang)
        total = scope == TOTAL
        case_rows.append(
            [_cell(label, bold=total)]
            + [
                _cell(formatting.number(v, 0, lang) if not pd.isna(v) else "", bold=total, align="right")
                for v in counts
            ]
        )
    used = bundle.used_returns()
    mine = used[used["court"] == court] if not used.empty else used
    comments = bundle.period_comments()
    comments = comments[comments["court"] == court] if not comments.empty else comments
    rank = bundle.ranks().get(court)
    return {
        "name": _full_name(court, lang),
        "short": bundle.label(court),
        "rank": "" if rank is None else f"{word['rank_title']}: {rank}/{len(bundle.ranks())}",
        "indicators": _table(columns, rows, [3.2, 1.2, 1.1, 1.2, 1, 0.8] + ([1, 2] if partial else [])),
        "cases": _table(
            [text["case_type"]] + [MEASURE_BY_KEY[m].label(lang) for m in CASE_TABLE_MEASURES],
            case_rows,
            [2.6] + [1] * len(CASE_TABLE_MEASURES),
        ),
        "return": breakable(_return_line(mine, lang)),
        "effort": [] if not partial else _effort(narrow, court, lang),
        "comments": [
            {
                "when": formatting.moment(c["created_at"]),
                "who": breakable(str(c["author"])),
                "text": breakable(str(c["text"])),
            }
            for c in comments.to_dict("records")
        ],
    }


def _court_line(row: pd.Series, key: str, lang: str, partial: bool) -> list[dict]:
    """One indicator of a court's page: its value, target, margin, the cluster's value and its rank."""
    unit = INDICATOR_BY_KEY[key].unit
    line = [
        _cell(INDICATOR_BY_KEY[key].label(lang)),
        _value_cell(row, key, lang, row["target"]),
        _cell(stated_target(row, "comparator", "target", unit, lang), align="right"),
        _cell("" if pd.isna(row["margin"]) else formatting.signed(row["margin"], unit, lang), align="right"),
        _cell(_value_or_blank(row["cluster"], unit, lang), align="right"),
        _cell("" if pd.isna(row["rank"]) else f"{int(row['rank'])}/{int(row['of'])}", align="center"),
    ]
    if partial:
        line += [
            _cell(_value_or_blank(row["last_year"], unit, lang), align="right"),
            _cell(_projection(row, unit, lang), align="right"),
        ]
    return line


def _effort(comparison, court: str, lang: str) -> list[dict[str, str]]:
    """What it takes by 30 September, per case group with a resolution target, as the profile says it."""
    return [
        {"head": f"{line.group} ({line.target})", "text": line.sentence(lang)}
        for line in tables.effort(court_effort(comparison, court), lang)
    ]


def _return_line(used: pd.DataFrame, lang: str) -> str:
    if used.empty:
        return ""
    row = used.iloc[0]
    text = TEXT[lang]
    when = formatting.moment(row["stored_at"])
    return (
        f"{text['version']} {row['version']} · {text['stored_at'].lower()} {when} · {text['stored_by'].lower()}: "
        f"{row['stored_by']} · {text['prepared_by'].lower()}: {row['prepared_by'] or '–'} · {row['filename']}"
    )


def _targets_table(bundle: Bundle) -> dict[str, object]:
    lang, text = bundle.lang, TEXT[bundle.lang]
    order = {key: i for i, key in enumerate(INDICATOR_BY_KEY)}
    layers = {TARGET_LAYER: 0, FLOOR_LAYER: 1}
    targets = bundle.targets.assign(
        _order=bundle.targets["indicator"].map(order), _layer=bundle.targets["layer"].map(layers)
    ).sort_values(["_order", "_layer"])
    rows = []
    for row in targets.itertuples(index=False):
        unit = INDICATOR_BY_KEY[row.indicator].unit
        confidence = CONFIDENCE_WORDS.get(str(row.confidence), Words(str(row.confidence), str(row.confidence)))
        rows.append(
            [
                _cell(INDICATOR_BY_KEY[row.indicator].label(lang)),
                _cell(LAYERS[row.layer].label(lang)),
                _cell(
                    f"{COMPARATOR_WORDS.get(row.comparator, Words(row.comparator, row.comparator)).label(lang)} "
                    f"{formatting.value(row.value, unit, lang)}"
                ),
                _cell(row.source),
                _cell(confidence.label(lang)),
            ]
        )
    columns = [text["indicator"], text["layer"], text["level"], text["source"], text["confidence"]]
    return _table(columns, rows, [2.4, 1.3, 1.5, 5, 0.9])


def _provenance(bundle: Bundle) -> dict[str, object]:
    lang, text = bundle.lang, TEXT[bundle.lang]
    reporting, members = bundle.comparison.coverage()
    stored = bundle.last_stored()
    facts = bundle.filters() + [
        (text["as_of"], bundle.as_of()),
        (text["last_stored"], formatting.moment(stored)),
        (text["made_at"], bundle.made_at()),
        (text["made_by"], bundle.generated_by),
        (text["coverage"], f"{reporting}/{members} {'Tòa án' if lang == 'vi' else 'courts'}"),
    ]
    rows = []
    for used in bundle.used_returns().to_dict("records"):
        rows.append(
            [
                _cell(bundle.comparison.label(used["court"], lang)),
                _cell(used["version"], align="center"),
                _cell(formatting.moment(used["stored_at"])),
                _cell(used.get("stored_by")),
                _cell(used.get("prepared_by")),
                _cell(used.get("filename")),
                _cell(str(used.get("sha256") or "")[:16] + "…"),
            ]
        )
    columns = [text["court"], text["version"], text["stored_at"], text["stored_by"], text["prepared_by"], text["file"]]
    return {
        "facts": [[k, v] for k, v in facts],
        "returns_title": text["returns_used"],
        "returns": _table(columns + ["SHA-256"], rows, [1.3, 0.8, 1.4, 1.3, 1.6, 2.2, 1.5]),
    }
