"""Text is text in every file we write: no live formula or link in a workbook, no formula-looking text in a CSV.

Every producer is fed the text an attacker could put where users type (a file name, a label in a return, who
prepared it, an administrator's target source, a user name) and its file is opened back with a reader.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
import python_calamine
import sqlalchemy as sa

from analytics import cli
from analytics.compute.comparison import compare
from analytics.ingest.report import report_csv, report_xlsx, upload_report
from analytics.ingest.template import write_workbook
from analytics.outputs import files
from analytics.outputs.bundle import bundle
from analytics.outputs.export import csv_for_excel, csv_for_tools
from analytics.outputs.export import workbook as workbook_of
from analytics.outputs.files import FORMULA_TRIGGERS, csv_bytes
from analytics.store.accounts import audit_csv, audit_trail
from analytics.store.schema import audit
from analytics.store.storage import Store
from tests.analytics.builders import a_return, check_one, workbook

ROOT = Path(__file__).resolve().parents[2]
EVIL = '=HYPERLINK("http://evil.example","x")'
HOSTILE_TEXTS = (EVIL, "+1+1", "-2+3", "@SUM(A1)", "\tx", "\r=1", "https://evil.example/dang-nhap")


def hostile_upload() -> tuple[str, bytes]:
    """A return whose file name and one row label are formulas typed as text, with a formula-like prepared-by."""
    book = openpyxl.load_workbook(io.BytesIO(workbook(a_return("lai_chau", prepared_by="+1+1", notes="-2+3"))))
    sheet = book["Vụ việc"]
    sheet["B15"] = EVIL
    sheet["B15"].data_type = "s"  # typed as text: openpyxl would otherwise store it as a formula
    buffer = io.BytesIO()
    book.save(buffer)
    return EVIL.replace("/", "_") + ".xlsx", buffer.getvalue()


def comparison_and_hostile_targets(sample_url: str):
    store = Store(sample_url)
    targets = store.targets(2023)
    targets.loc[targets.index[0], "source"] = EVIL  # an administrator's edit
    comparison = compare(store.figures(year=2023), targets, store.returns(year=2023), 2023, "12")
    return comparison, targets


def plain_bundle(sample_url: str, lang: str = "vi"):
    """The comparison with a hostile target source, bundled as the export page and the command line hand it over."""
    store = Store(sample_url)
    comparison, targets = comparison_and_hostile_targets(sample_url)
    return bundle(
        comparison,
        targets=targets,
        figures=store.figures(year=2023),
        returns=store.returns(year=2023),
        comments=store.comments(year=2023),
        stored_weights=store.ranking_weights(2023),
        generated_by="Người xem",
        lang=lang,
    )


def hostile_bundle(sample_url: str):
    """The comparison with a hostile target source and a hostile comment of the period, as the export reads it."""
    store = Store(sample_url)
    comparison, targets = comparison_and_hostile_targets(sample_url)
    comments = pd.DataFrame(
        [
            {
                "id": 1,
                "court": "son_la",
                "year": 2023,
                "period": "12",
                "text": "+1+1",
                "author": "@lan",
                "created_at": pd.Timestamp("2023-10-05"),
            }
        ]
    )
    return bundle(
        comparison,
        targets=targets,
        figures=store.figures(year=2023),
        returns=store.returns(year=2023),
        comments=comments,
        stored_weights=store.ranking_weights(2023),
        generated_by="=cmd|' /C calc'!A0",
    )


def formulas(content: bytes) -> list[str]:
    """Every formula cell of a workbook, as "Sheet!A1: =…"."""
    book = openpyxl.load_workbook(io.BytesIO(content))
    return [
        f"{sheet.title}!{cell.coordinate}: {cell.value}"
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.data_type == "f"
    ]


def links(content: bytes) -> list[str]:
    book = openpyxl.load_workbook(io.BytesIO(content))
    return [f"{s.title}!{c.coordinate}" for s in book.worksheets for row in s.iter_rows() for c in row if c.hyperlink]


def strings(content: bytes) -> set[str]:
    book = openpyxl.load_workbook(io.BytesIO(content))
    return {c.value for s in book.worksheets for row in s.iter_rows() for c in row if isinstance(c.value, str)}


def the_template_totals(content: bytes) -> list[str]:
    """The template's own formulas: the SUM of each column in the totals row, nothing else."""
    return [f for f in formulas(content) if "=SUM(" not in f]


def test_the_upload_report_keeps_a_formula_typed_as_a_file_name_or_a_row_label_as_text():
    name, content = hostile_upload()
    report = upload_report(check_one(name, content))

    produced = report_xlsx(report)

    assert formulas(produced) == [] and links(produced) == []
    assert name in strings(produced)  # as typed: no apostrophe added in .xlsx
    assert any(EVIL in text for text in strings(produced))


def test_the_comparison_workbook_keeps_a_target_source_and_the_comparators_as_text(sample_url):
    produced = workbook_of(plain_bundle(sample_url))

    assert formulas(produced) == [] and links(produced) == []
    assert {EVIL, "= 0"} <= strings(produced)  # "= 0" is the overdue-cases target the colours were judged against


def test_the_comparison_workbook_keeps_a_comment_its_author_and_who_made_it_as_text(sample_url):
    produced = workbook_of(hostile_bundle(sample_url))

    assert formulas(produced) == [] and links(produced) == []
    assert {"+1+1", "@lan", "=cmd|' /C calc'!A0", EVIL} <= strings(produced)


def test_every_text_of_the_comparison_workbook_that_begins_like_a_formula_stays_a_text_when_its_cell_is_edited(
    sample_url,
):
    book = openpyxl.load_workbook(io.BytesIO(workbook_of(hostile_bundle(sample_url))))

    starting = [
        cell
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if isinstance(cell.value, str) and cell.value.startswith(FORMULA_TRIGGERS)
    ]

    assert {c.value for c in starting} >= {EVIL, "+1+1", "@lan", "=cmd|' /C calc'!A0", "= 0"}
    assert [c.coordinate for c in starting if not c.quotePrefix] == []  # Excel's apostrophe, not part of the text


def test_a_filled_template_keeps_who_prepared_it_and_its_notes_as_text():
    produced = write_workbook(a_return("lai_chau", prepared_by=EVIL, notes="+1+1"))

    assert the_template_totals(produced) == []
    assert {EVIL, "+1+1"} <= strings(produced)


# XlsxWriter's own rich text is XML kept as a string: a text of that shape was copied into the file as XML.
RICH_SHAPED = ("<r>x</r>", "<r><t>a</t></r><r><t>b</t></r>", "<r></r>", "<r>  </r>")


def test_a_text_shaped_like_xlsxwriters_rich_text_is_written_and_read_back_as_typed_in_its_format():
    buffer = io.BytesIO()
    book = files.workbook(buffer)
    sheet, bold = book.add_worksheet("S"), book.add_format({"bold": True})
    for row, text in enumerate(RICH_SHAPED):
        sheet.write(row, 0, text)
        sheet.write_string(row, 1, text, bold)
    book.close()

    opened = openpyxl.load_workbook(io.BytesIO(buffer.getvalue()))["S"]  # before: openpyxl could not open the file
    assert [[c.value for c in row] for row in opened.iter_rows()] == [[t, t] for t in RICH_SHAPED]
    assert [opened.cell(row, 2).font.b for row in range(1, len(RICH_SHAPED) + 1)] == [True] * len(RICH_SHAPED)
    read = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(buffer.getvalue())).get_sheet_by_name("S")
    assert read.to_python() == [[t, t] for t in RICH_SHAPED]


def test_a_filled_template_keeps_a_prepared_by_shaped_like_rich_text_as_typed():
    produced = write_workbook(a_return("lai_chau", prepared_by=RICH_SHAPED[1], notes=RICH_SHAPED[0]))

    assert set(RICH_SHAPED[:2]) <= strings(produced)


def csv_fields(content: bytes, delimiter: str = ",") -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"), newline=""), delimiter=delimiter))


NUMBER = re.compile(r"-\d+(?:[.,]\d+)*(?: ?%)?")  # -0.0318, -3,2: a number, which a spreadsheet never evaluates


def assert_no_text_field_starts_a_formula(rows: list[dict[str, str]]) -> None:
    bad = [
        (k, v)
        for row in rows
        for k, v in row.items()
        if v and v.startswith(FORMULA_TRIGGERS) and not NUMBER.fullmatch(v)
    ]
    assert not bad, bad[:5]


def test_the_comparison_csv_neutralises_text_and_keeps_negative_margins_as_numbers(sample_url):
    rows = csv_fields(csv_for_tools(plain_bundle(sample_url)))

    margins = [float(r["Chênh lệch"]) for r in rows if r["Chênh lệch"]]
    negatives = [r["Chênh lệch"] for r in rows if r["Chênh lệch"].startswith("-")]
    assert_no_text_field_starts_a_formula(rows)
    assert min(margins) < 0 and negatives  # a margin of -1,2 points stays the number -0.012
    assert {r["So sánh"] for r in rows} >= {">=", "'="}


def test_the_upload_report_csv_neutralises_a_formula_typed_as_text():
    name, content = hostile_upload()

    rows = csv_fields(report_csv(upload_report(check_one(name, content))))

    assert_no_text_field_starts_a_formula(rows)
    assert rows[0]["Tệp"] == "'" + name


def test_the_audit_csv_neutralises_user_names_and_subjects_written_by_an_earlier_release(store):
    with store.engine.begin() as conn:  # names the accounts check refuses now, as an older database may hold them
        conn.execute(
            audit.insert(),
            [
                {"at": pd.Timestamp("2023-10-05", tz="UTC"), "actor": EVIL, "action": "comment", "subject": "+1+1"},
                {"at": pd.Timestamp("2023-10-06", tz="UTC"), "actor": "@lan", "action": "comment", "subject": "-1"},
            ],
        )

    rows = csv_fields(audit_csv(audit_trail(store)))

    assert_no_text_field_starts_a_formula(rows)
    assert [r["actor"] for r in rows] == ["'@lan", "'" + EVIL] and rows[1]["subject"] == "'+1+1"
    assert [r["at"] for r in rows] == ["2023-10-06T07:00:00+07:00", "2023-10-05T07:00:00+07:00"]  # the courts' clock


@pytest.mark.parametrize("text", HOSTILE_TEXTS)
def test_every_text_that_a_spreadsheet_would_evaluate_gets_an_apostrophe_and_numbers_stay_numbers(text):
    frame = pd.DataFrame({"text": [text, "bình thường"], "margin": [-1.2, 0.5]})

    rows = csv_fields(csv_bytes(frame))

    expected = "'" + text if text.startswith(FORMULA_TRIGGERS) else text
    assert [r["text"] for r in rows] == [expected, "bình thường"]
    assert [r["margin"] for r in rows] == ["-1.2", "0.5"]


def test_the_command_lines_indicators_csv_is_neutralised_too(sample_url, capsys):
    cli.main(["indicators", "--year", "2023", "--period", "12", "--db", sample_url])

    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))

    assert rows and {r["comparator"] for r in rows} >= {">=", "'="}
    assert_no_text_field_starts_a_formula(rows)


WRITERS = ("xlsxwriter.Workbook(", "pd.ExcelWriter(", "ExcelWriter(", ".to_csv(", "csv.writer(", "csv.DictWriter(")


FILES_MODULE = ROOT / "analytics" / "outputs" / "files.py"  # the one module that opens workbooks and writes CSV
APP_MODULES = [*(ROOT / "analytics").rglob("*.py"), *(ROOT / "ui").glob("*.py"), *(ROOT / "pages").glob("*.py")]


@pytest.mark.parametrize(
    "path", sorted(p for p in APP_MODULES if p != FILES_MODULE), ids=lambda p: f"{p.parent.name}/{p.name}"
)
def test_only_the_file_writers_module_opens_a_workbook_or_writes_csv(path):
    source = path.read_text(encoding="utf-8")

    assert not [w for w in WRITERS if w in source], f"{path.name} writes a file itself: use analytics.outputs.files"


def test_every_file_we_write_opened_back_has_no_formula_cell_and_no_formula_looking_text(sample_url, store):
    name, content = hostile_upload()
    report = upload_report(check_one(name, content))
    with store.engine.begin() as conn:
        conn.execute(
            sa.insert(audit).values(at=pd.Timestamp("2023-10-05", tz="UTC"), actor=EVIL, action="x", subject="")
        )
    workbooks = {
        "template": write_workbook(),
        "filled template": write_workbook(a_return("lai_chau", prepared_by=EVIL, notes="@x")),
        "upload report": report_xlsx(report),
        "comparison": workbook_of(plain_bundle(sample_url)),
        "comparison (en)": workbook_of(plain_bundle(sample_url, "en")),
        "comparison with comments and provenance": workbook_of(hostile_bundle(sample_url)),
    }
    csvs = {
        "upload report": (report_csv(report), ","),
        "comparison": (csv_for_tools(plain_bundle(sample_url)), ","),
        "comparison for Excel in Vietnamese": (csv_for_excel(hostile_bundle(sample_url)), ";"),
        "audit trail": (audit_csv(audit_trail(store)), ","),
    }

    assert {k: the_template_totals(v) + links(v) for k, v in workbooks.items()} == {k: [] for k in workbooks}
    for produced, delimiter in csvs.values():
        rows = csv_fields(produced, delimiter)
        assert len(rows[0]) > 3  # split by the right delimiter
        assert_no_text_field_starts_a_formula(rows)
