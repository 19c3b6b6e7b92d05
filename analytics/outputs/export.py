"""The comparison table as files: a formatted .xlsx for the conference and the vote, and CSV."""

from __future__ import annotations

import io

import pandas as pd

from analytics import formatting
from analytics.compute.comparison import SCORECARD, Comparison, court_label
from analytics.compute.indicators import CLUSTER, INDICATOR_BY_KEY
from analytics.compute.targets import (
    BEHIND_PACE,
    FLOOR_LAYER,
    IN_PROGRESS,
    LAYERS,
    MET,
    NO_TARGET,
    NOT_APPLICABLE,
    NOT_MET,
    ON_PACE,
    STATUS_LABELS,
    TARGET_LAYER,
)
from analytics.domain import PERIOD_BY_KEY
from analytics.outputs import files

# Fill and font per status; the status sheet repeats the status in words (never colour alone).
STATUS_COLOURS = {
    MET: ("#C6EFCE", "#006100"),
    NOT_MET: ("#FFC7CE", "#9C0006"),
    NO_TARGET: ("#FFFFFF", "#000000"),
    NOT_APPLICABLE: ("#EDEDED", "#595959"),
    ON_PACE: ("#E6F0FA", "#0B3D6E"),
    BEHIND_PACE: ("#FFF1D6", "#7A4B00"),
    IN_PROGRESS: ("#FFFFFF", "#1F2328"),
}
EXCEL_FORMATS = {"rate": "0.0%", "count": "#,##0", "ratio": "#,##0.0", "days": "#,##0"}
LONG_COLUMNS = ["court", "indicator", "numerator", "denominator", "value", "target", "comparator", "status"]
# What the command line adds: how the status was reached, and for a partial year the projection of a seasonal rate.
BASIS_COLUMNS = ["basis", "last_year", "projected", "projected_low", "projected_high", "projected_status"]

TEXT = {
    "vi": {
        "title": "SO SÁNH KẾT QUẢ CÁC TÒA ÁN – CỤM THI ĐUA SỐ II",
        "court": "Tòa án",
        "synthetic": "DỮ LIỆU MẪU (tổng hợp, không phải số liệu thật)",
        "partial": "Kỳ chưa hết năm công tác: so với chỉ tiêu cả năm chỉ để theo dõi tiến độ; "
        "số phiên tòa trực tuyến, rút kinh nghiệm so với chỉ tiêu tính theo tỷ lệ thời gian.",
        "pro_rata": "theo tỷ lệ thời gian",
        "rounding": "Tỷ lệ làm tròn nửa lên đến một chữ số thập phân (số công bố chính thức thường cắt bớt).",
        "sheet_values": "So sánh",
        "sheet_status": "Đạt - không đạt",
        "sheet_long": "Dữ liệu",
        "sheet_targets": "Chỉ tiêu",
        "year": "Năm",
        "indicator_label": "Chỉ tiêu",
        "margin": "Chênh lệch so với chỉ tiêu",
        "status_label": "Kết quả",
        "source": "Nguồn",
        "confidence": "Độ tin cậy",
    },
    "en": {
        "title": "COURTS COMPARED – EMULATION CLUSTER II",
        "court": "Court",
        "synthetic": "SAMPLE DATA (synthetic, not real figures)",
        "partial": "Partial work year: compared with the annual target only to follow progress; "
        "counts of hearings are compared with the target pro rata.",
        "pro_rata": "pro rata",
        "rounding": "Rates are rounded half up to one decimal (official figures are often truncated).",
        "sheet_values": "Comparison",
        "sheet_status": "Met - not met",
        "sheet_long": "Data",
        "sheet_targets": "Targets",
        "year": "Year",
        "indicator_label": "Indicator",
        "margin": "Margin to target",
        "status_label": "Result",
        "source": "Source",
        "confidence": "Confidence",
    },
}


def title(comparison: Comparison, lang: str = "vi") -> str:
    period = PERIOD_BY_KEY[comparison.period]
    label = period.label_vi if lang == "vi" else period.label_en
    return f"{TEXT[lang]['title']} – {TEXT[lang]['year'].upper()} {comparison.year} – {label}"


def long_table(comparison: Comparison, indicators: tuple[str, ...] | None = None) -> pd.DataFrame:
    """One row per court (the cluster as court "cluster") and indicator, as the command line prints it: every
    indicator of the registry unless some are chosen, with the basis of its status and its projection."""
    chosen = indicators or tuple(INDICATOR_BY_KEY)
    return whole_counts(comparison.scorecard(chosen)[LONG_COLUMNS + BASIS_COLUMNS])


def whole_counts(frame: pd.DataFrame) -> pd.DataFrame:
    """Numerators and denominators are counts of cases, hearings or units: written as 502, not 502.0."""
    counts = {c: frame[c].astype("Int64") for c in ("numerator", "denominator") if _whole(frame[c])}
    return frame.assign(**counts)


def _whole(column: pd.Series) -> bool:
    known = column.dropna()
    return bool((known == known.round()).all())


def to_csv(comparison: Comparison, lang: str = "vi") -> bytes:
    """The comparison as CSV with labels beside the keys; UTF-8 with a BOM so that Excel reads the accents."""
    frame = whole_counts(comparison.scorecard())
    labelled = frame.assign(
        court_name=frame["court"].map(lambda k: court_label(k, lang)),
        indicator_name=frame["indicator"].map(lambda k: INDICATOR_BY_KEY[k].label(lang)),
        status_name=frame["status"].map(lambda s: STATUS_LABELS[s][0 if lang == "vi" else 1]),
    )
    columns = ["court", "court_name", "indicator", "indicator_name", "numerator", "denominator", "value"]
    columns += ["target", "comparator", "floor", "status", "status_name", "margin", "basis"]
    return files.csv_bytes(labelled[columns])


def to_xlsx(comparison: Comparison, targets: pd.DataFrame, lang: str = "vi") -> bytes:
    """The formatted workbook: values coloured by status, the statuses in words, the long data, the targets."""
    text = TEXT[lang]
    buffer = io.BytesIO()
    book = files.workbook(buffer, nan_inf_to_errors=False)
    book.set_properties(
        {"title": title(comparison, lang), "subject": text["synthetic"] if comparison.synthetic else ""}
    )
    base = {"font_name": "Times New Roman", "font_size": 12, "border": 1, "valign": "vcenter"}
    fmt = {
        "title": book.add_format({"bold": True, "font_size": 14, "font_name": "Times New Roman"}),
        "note": book.add_format({"italic": True, "font_name": "Times New Roman"}),
        "warning": book.add_format({"bold": True, "font_color": "#9C0006", "font_name": "Times New Roman"}),
        "header": book.add_format(base | {"bold": True, "text_wrap": True, "align": "center", "bg_color": "#DCE6F1"}),
        "court": book.add_format(base | {"bold": True}),
        "text": book.add_format(base | {"text_wrap": True}),
    }
    cells = {
        (status, unit): book.add_format(base | {"bg_color": bg, "font_color": fg, "num_format": EXCEL_FORMATS[unit]})
        for status, (bg, fg) in STATUS_COLOURS.items()
        for unit in EXCEL_FORMATS
    }
    rows = comparison.scorecard()
    order = comparison.courts() + [CLUSTER]
    _grid(book.add_worksheet(text["sheet_values"]), comparison, rows, order, targets, fmt, cells, lang, words=False)
    _grid(book.add_worksheet(text["sheet_status"]), comparison, rows, order, targets, fmt, cells, lang, words=True)
    _long(book.add_worksheet(text["sheet_long"]), rows, fmt, lang)
    _targets(book.add_worksheet(text["sheet_targets"]), targets[targets["year"] == comparison.year], fmt, lang)
    book.close()
    return buffer.getvalue()


def _notes(comparison: Comparison, lang: str) -> list[tuple[str, str]]:
    text = TEXT[lang]
    notes = [("warning", text["synthetic"])] if comparison.synthetic else []
    if not comparison.full_year:
        notes.append(("note", text["partial"]))
    return notes + [("note", text["rounding"])]


def _grid(sheet, comparison, rows, order, targets, fmt, cells, lang: str, words: bool) -> None:
    text = TEXT[lang]
    sheet.write(0, 0, title(comparison, lang), fmt["title"])
    notes = _notes(comparison, lang)
    for i, (style, note) in enumerate(notes):
        sheet.write(1 + i, 0, note, fmt[style])
    header = 2 + len(notes)
    sheet.set_row(header, 75)
    sheet.write(header, 0, text["court"], fmt["header"])
    sheet.set_column(0, 0, 22)
    sheet.set_column(1, len(SCORECARD), 15)
    for col, key in enumerate(SCORECARD, start=1):
        sheet.write(header, col, INDICATOR_BY_KEY[key].label(lang), fmt["header"])
    lookup = rows.set_index(["court", "indicator"])
    for r, court in enumerate(order, start=header + 1):
        sheet.write(r, 0, court_label(court, lang), fmt["court"])
        for col, key in enumerate(SCORECARD, start=1):
            unit = INDICATOR_BY_KEY[key].unit
            if (court, key) not in lookup.index:
                sheet.write_blank(r, col, None, cells[(NOT_APPLICABLE, unit)])
                continue
            row = lookup.loc[(court, key)]
            style = cells[(row["status"], unit)]
            if words:
                sheet.write(r, col, STATUS_LABELS[row["status"]][0 if lang == "vi" else 1], style)
            elif pd.isna(row["value"]):
                sheet.write(r, col, formatting.NOT_APPLICABLE[lang], style)
            else:
                sheet.write_number(r, col, float(row["value"]), style)
    # The targets the colours were judged against: pro rata for accumulating counts in a partial year.
    judged = comparison.cluster()
    layer_rows = header + 1 + len(order)
    for offset, (layer, comparator, level) in enumerate(
        ((TARGET_LAYER, "comparator", "target"), (FLOOR_LAYER, "floor_comparator", "floor"))
    ):
        r = layer_rows + offset
        sheet.write(r, 0, LAYERS[layer][0 if lang == "vi" else 1], fmt["court"])
        for col, key in enumerate(SCORECARD, start=1):
            if key not in judged.index or pd.isna(judged.at[key, level]):
                sheet.write_blank(r, col, None, fmt["text"])
                continue
            shown = formatting.target(
                judged.at[key, comparator], judged.at[key, level], INDICATOR_BY_KEY[key].unit, lang
            )
            if judged.at[key, "basis"] == "pro_rata":
                shown += f" ({text['pro_rata']})"
            sheet.write(r, col, shown, fmt["text"])
    sheet.freeze_panes(header + 1, 1)


def _long(sheet, rows: pd.DataFrame, fmt, lang: str) -> None:
    text = TEXT[lang]
    columns = LONG_COLUMNS + ["floor", "margin", "basis"]
    headers = [text["court"], text["indicator_label"]] + columns
    sheet.write_row(0, 0, headers, fmt["header"])
    for r, row in enumerate(rows.itertuples(index=False), start=1):
        record = row._asdict()
        sheet.write(r, 0, court_label(record["court"], lang))
        sheet.write(r, 1, INDICATOR_BY_KEY[record["indicator"]].label(lang))
        for c, column in enumerate(columns, start=2):
            value = record[column]
            if value is None or (isinstance(value, float) and pd.isna(value)):
                sheet.write_blank(r, c, None)
            else:
                sheet.write(r, c, value)
    sheet.freeze_panes(1, 2)
    sheet.autofilter(0, 0, len(rows), len(headers) - 1)
    sheet.autofit()


def _targets(sheet, targets: pd.DataFrame, fmt, lang: str) -> None:
    text = TEXT[lang]
    headers = [text["indicator_label"], "indicator", "layer", "comparator", "value", text["source"], text["confidence"]]
    sheet.write_row(0, 0, headers, fmt["header"])
    for r, row in enumerate(targets.itertuples(index=False), start=1):
        sheet.write_row(
            r,
            0,
            [
                INDICATOR_BY_KEY[row.indicator].label(lang),
                row.indicator,
                LAYERS[row.layer][0 if lang == "vi" else 1],
                row.comparator,
                float(row.value),
                row.source,
                row.confidence,
            ],
        )
    sheet.freeze_panes(1, 1)
    sheet.autofit()
