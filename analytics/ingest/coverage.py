"""What a case table without a column for a measure leaves empty, said where a column could not be read.

A column holding numbers under a heading no synonym names is skipped; when the table has no column for some
measure either, the warning names the indicators that will have no figure ("chỉ tiêu «Tỷ lệ hòa giải, đối
thoại thành» sẽ không có số liệu"), so a rate does not silently become "không áp dụng".
"""

from __future__ import annotations

from collections.abc import Iterable

from analytics.compute.indicators import INDICATORS, Indicator
from analytics.domain import CASE_MEASURES, FLOW_MEASURES, Measure

_EN_QUOTE = "'"


def unread_measures(columns: Iterable[str]) -> tuple[Measure, ...]:
    """The measures a table has no column for that nothing derives (the optional ones): they stay empty."""
    present = set(columns)
    return tuple(m for m in CASE_MEASURES if not m.required and m.key not in present)


def indicators_left_empty(measures: Iterable[str]) -> tuple[Indicator, ...]:
    """Indicators with no value when these measures are empty: all of their numerator's or denominator's."""
    missing = set(measures)
    return tuple(
        indicator
        for indicator in INDICATORS
        if any(
            term is not None and set(term.measures) <= missing for term in (indicator.numerator, indicator.denominator)
        )
    )


def _names(labels: Iterable[str], quote: str) -> str:
    return ", ".join(f"{quote[0]}{label}{quote[-1]}" for label in labels)


def unknown_column(sheet: str, cell: str, text: str, columns: Iterable[str]) -> tuple[str, str, str, str]:
    """(message, message_en, why, why_en) for a column with figures that could not be read: the indicators it
    leaves empty, and the columns the table lacks that it might be."""
    present = set(columns)
    missing = tuple(m for m in CASE_MEASURES if m.required and m.key not in FLOW_MEASURES and m.key not in present)
    unread = unread_measures(present)
    emptied = indicators_left_empty(m.key for m in unread)
    if emptied:
        used = {m for i in emptied for term in (i.numerator, i.denominator) if term is not None for m in term.measures}
        unread = tuple(m for m in unread if m.key in used)
        effect_vi = f"chỉ tiêu {_names((i.label_vi for i in emptied), '«»')} sẽ không có số liệu"
        effect_en = f"indicator {_names((i.label_en for i in emptied), _EN_QUOTE)} will have no figure"
    elif unread:
        effect_vi = f"số liệu {_names((m.label_vi for m in unread), '«»')} sẽ để trống"
        effect_en = f"{_names((m.label_en for m in unread), _EN_QUOTE)} will stay empty"
    else:
        effect_vi, effect_en = "bỏ qua", "skipped"
    place_vi = f"Sheet «{sheet}», ô {cell}: cột «{text}» có số liệu nhưng không nhận ra"
    place_en = f"Sheet '{sheet}', cell {cell}: column '{text}' holds figures but is not a known measure"
    candidates = missing + unread
    if not candidates:
        return (
            f"{place_vi} là chỉ tiêu nào, nên không được đọc. Nếu cột cần lưu, hãy đổi tiêu đề theo mẫu báo cáo.",
            f"{place_en}; it was skipped.",
            "cột không nhận ra: bỏ qua",
            "unrecognised column: skipped",
        )
    lacking_vi = _names((m.label_vi for m in candidates), "«»")
    lacking_en = _names((m.label_en for m in candidates), _EN_QUOTE)
    return (
        f"{place_vi}{': ' + effect_vi if emptied or unread else ' là chỉ tiêu nào, nên không được đọc'} (bảng không "
        f"có cột {lacking_vi}). Nếu cột này là một trong các số đó, hãy đổi tiêu đề cho đúng (ví dụ "
        f"«{candidates[0].label_vi}») rồi tải lên lại.",
        f"{place_en}: {effect_en} (the table has no column {lacking_en}).",
        f"cột không nhận ra: {effect_vi}",
        f"unrecognised column: {effect_en}",
    )
