"""Several rows for one case type — first instance and appeal ("- Sơ thẩm" / "- Phúc thẩm" under "Hình sự",
"Hình sự sơ thẩm" and "Hình sự phúc thẩm", or the case types listed again under a "Phúc thẩm" heading) — added
up into the case type's figures.

Per figure: when the case type's own row holds it, that figure is kept and its parts must add up to it (an error
naming the cells when they do not); when the own row leaves it empty, or there is no own row, the parts' sum is
the figure, and the upload report shows it with the cells it comes from ("C7+C8"). A count an empty cell means 0
for (overdue, suspended, …) is added over the parts that give it; a flow (accepted, resolved, …) only when every
part gives it, otherwise it is left to be derived from the case type's other figures.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from analytics import formatting
from analytics.domain import CASE_TYPE_BY_KEY, FLOW_MEASURES, MEASURE_BY_KEY
from analytics.ingest.labels import STAGES, stage_of
from analytics.records import ERROR, Problem, Source
from analytics.text import Words

# Where an added-up figure belongs when the case type has no row of its own: its parts' cells ("C6+C7"), or the
# first part's when they are longer than the 16 characters a problem's cell is stored in.
MAX_CELL_TEXT = 16


@dataclass(frozen=True)
class CaseRow:
    """One row of a case table read for a case type: its own row (stage None) or one stage's part of it."""

    case_type: str
    stage: str | None
    label: str
    label_cell: str
    figures: dict[str, int | None]  # measure → count; None where the cell is empty
    cells: dict[str, str]  # measure → A1


@dataclass
class Combined:
    """The case types' figures from their rows, where each belongs, how the added-up ones came about."""

    figures: dict[tuple[str, str], int] = field(default_factory=dict)
    cells: dict[tuple[str, str], str] = field(default_factory=dict)
    sources: dict[tuple[str, str], Source] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    ignored: list[tuple[str, str, str, str]] = field(default_factory=list)  # (cell, text, why_vi, why_en)


def stage_name(stage: str | None, lang: str = "vi") -> str:
    return "" if stage is None else Words(*STAGES[stage][:2]).label(lang)


@dataclass
class CaseRows:
    """The rows of one case table as they are read, in order; `combine` adds them up per case type.

    A stage's row without a case type ("- Phúc thẩm") is a part of the case type read just above it; when it
    comes before any case type's row it heads a section instead, and the case types listed under it are that
    stage's parts until the next heading."""

    rows: list[CaseRow] = field(default_factory=list)
    section: str | None = None
    _taken: set[tuple[str, str | None]] = field(default_factory=set)

    def parent_for(self, stage: str) -> str | None:
        """The case type a stage's own row is part of; None when it heads a section (then the section starts)."""
        if self.section is not None or not self.rows:
            self.section = stage
            return None
        return self.rows[-1].case_type

    def stage_of_row(self, stage: str | None) -> str | None:
        return stage if stage is not None else self.section

    def accepts(self, case_type: str, stage: str | None) -> bool:
        """False when the case type already has a row for this stage (or its own row): a repeated row."""
        if (case_type, stage) in self._taken:
            return False
        self._taken.add((case_type, stage))
        return True

    def add(self, row: CaseRow) -> None:
        self.rows.append(row)

    def seen(self) -> set[str]:
        return {r.case_type for r in self.rows}

    def combine(self, file: str, sheet: str) -> Combined:
        combined = Combined()
        by_type: dict[str, list[CaseRow]] = {}
        for row in self.rows:
            by_type.setdefault(row.case_type, []).append(row)
        for case_type, rows in by_type.items():
            own = next((r for r in rows if r.stage is None), None)
            parts = [r for r in rows if r.stage is not None]
            if not parts or (own is None and len(parts) == 1):
                _single(combined, own or parts[0])
            elif len(parts) == 1 and _holds_figures(own):
                # One detail row under a filled row ("Trong đó" in all but name) adds up to nothing: kept aside.
                _single(combined, own)
                combined.ignored.append(
                    (
                        parts[0].label_cell,
                        parts[0].label,
                        f"dòng chi tiết duy nhất của «{own.label}»: không đối chiếu, không lưu riêng",
                        f"the only detail row of '{own.label}': neither checked nor stored on its own",
                    )
                )
            else:
                _add_up(combined, file, sheet, case_type, own, parts)
        return combined


def _holds_figures(row: CaseRow | None) -> bool:
    return row is not None and any(v is not None for v in row.figures.values())


def _single(combined: Combined, row: CaseRow) -> None:
    for measure, value in row.figures.items():
        combined.cells[(row.case_type, measure)] = row.cells[measure]
        if value is not None:
            combined.figures[(row.case_type, measure)] = value


def _joined(cells: list[str]) -> str:
    return "+".join(cells)


def _rows_text(parts: list[CaseRow], lang: str) -> str:
    """«- Sơ thẩm» (ô A7), …: the label's cell, whichever way the table runs; the stage is named when the label
    does not say it (a section's rows)."""
    shown = []
    for p in parts:
        stage = f", {stage_name(p.stage, lang)}" if stage_of(p.label)[0] is None else ""
        shown.append(
            Words(f"«{p.label}» (ô {p.label_cell}{stage})", f"'{p.label}' (cell {p.label_cell}{stage})").label(lang)
        )
    return ", ".join(shown)


def _add_up(
    combined: Combined, file: str, sheet: str, case_type: str, own: CaseRow | None, parts: list[CaseRow]
) -> None:
    name = CASE_TYPE_BY_KEY[case_type]
    for measure in parts[0].figures:
        typed = own.figures.get(measure) if own is not None else None
        given = [(p, p.figures[measure]) for p in parts if p.figures.get(measure) is not None]
        complete = bool(given) and (len(given) == len(parts) or measure not in FLOW_MEASURES)
        total = sum(v for _, v in given)
        cells = [p.cells[measure] for p, _ in given]
        if own is not None:
            combined.cells[(case_type, measure)] = own.cells[measure]
        else:
            joined = _joined([p.cells[measure] for p in parts])
            combined.cells[(case_type, measure)] = joined if len(joined) <= MAX_CELL_TEXT else parts[0].cells[measure]
        label = MEASURE_BY_KEY[measure]
        if typed is not None:
            combined.figures[(case_type, measure)] = typed
            if complete and total != typed:
                cell = own.cells[measure]
                combined.problems.append(
                    Problem(
                        ERROR,
                        "cases.parts_differ",
                        f"Sheet «{sheet}», ô {cell}: «{name.label_vi} – {label.label_vi}» ghi {formatting.number(typed)}"
                        f", nhưng các dòng {_rows_text(parts, 'vi')} cộng lại là {formatting.number(total)} "
                        f"({_joined(cells)}). Hãy sửa để các dòng cộng "
                        f"lại bằng dòng «{own.label}» (hoặc để trống dòng «{own.label}») rồi tải lên lại.",
                        f"Sheet '{sheet}', cell {cell}: '{name.label_en} – {label.label_en}' says "
                        f"{formatting.number(typed, 0, 'en')} but rows {_rows_text(parts, 'en')} add up to "
                        f"{formatting.number(total, 0, 'en')} ({_joined(cells)}).",
                        file,
                        sheet,
                        cell,
                        str(typed),
                    )
                )
            continue
        if not complete:
            continue
        if total > label.ceiling:
            where = combined.cells[(case_type, measure)]
            combined.problems.append(
                Problem(
                    ERROR,
                    "figure.implausible",
                    f"Sheet «{sheet}», ô {_joined(cells)}: «{name.label_vi} – {label.label_vi}» cộng các dòng là "
                    f"{formatting.number(total)}, lớn hơn mức có thể có ({formatting.number(label.ceiling)}). "
                    "Hãy kiểm tra lại.",
                    f"Sheet '{sheet}', cells {_joined(cells)}: '{name.label_en} – {label.label_en}' adds up to "
                    f"{formatting.number(total, 0, 'en')}, above the plausible ceiling of "
                    f"{formatting.number(label.ceiling, 0, 'en')}.",
                    file,
                    sheet,
                    where,
                    str(total),
                )
            )
            continue
        combined.figures[(case_type, measure)] = total
        added = [p for p, _ in given]
        combined.sources[(case_type, measure)] = Source(
            _joined(cells),
            f"cộng các dòng {_rows_text(added, 'vi')} của «{name.label_vi}»"
            if len(added) > 1
            else f"lấy từ dòng {_rows_text(added, 'vi')} của «{name.label_vi}»",
            f"sum of rows {_rows_text(added, 'en')} of '{name.label_en}'",
        )
    for part in parts:
        why = (
            (
                f"dòng chi tiết của «{own.label}»: tổng các dòng chi tiết đã đối chiếu với dòng «{own.label}», "
                "không lưu riêng",
                f"a detail row of '{own.label}': the detail rows were checked against it, not stored on their own",
            )
            if _holds_figures(own)
            else (
                f"dòng {stage_name(part.stage)} của «{name.label_vi}»: cộng vào số của loại án này",
                f"the {stage_name(part.stage, 'en')} row of '{name.label_en}': added into the case type's figures",
            )
        )
        combined.ignored.append((part.label_cell, part.label, *why))
