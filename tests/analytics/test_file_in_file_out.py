"""File in, file out: the sample workbooks of 2023–2025 imported, compared, exported, and the command line on the same path.

The properties checked here hold for any correct data, not only for the seeded sample.
"""

from __future__ import annotations

import io
import itertools
import json
import subprocess
import sys
from typing import NamedTuple

import openpyxl
import pandas as pd
import pytest

from analytics.cli import main
from analytics.compute.comparison import SCORECARD, compare
from analytics.compute.indicators import CLUSTER, INDICATOR_BY_KEY
from analytics.compute.targets import STATUSES, default_targets
from analytics.domain import cluster_courts
from analytics.ingest.layout import SHEET_ACTIVITY, SHEET_CASES, SHEET_INSTRUCTIONS, SHEET_META
from analytics.store.storage import Store
from analytics.upload import Outcome
from tests.analytics.builders import a_return, account, case_cell, imported, sample_files, with_cell, workbook
from tests.analytics.corpus import FREE, csv_text
from tests.conftest import ROOT

COURTS = [court.key for court in cluster_courts(2023)]
PERIODS = ["3", "6", "9", "12"]


class Imported(NamedTuple):
    store: Store
    outcomes: list[Outcome]


@pytest.fixture(scope="module")
def sample_import(tmp_path_factory):
    """A database holding the sample returns of three years and the shipped targets, imported once for this module."""
    store = Store(f"sqlite:///{tmp_path_factory.mktemp('sample') / 'cum2.sqlite'}")
    store.put_targets(default_targets(), account(store, "thu.ky"))
    outcomes = [imported(store, path.name, path.read_bytes(), account(store, "tester")) for path in sample_files()]
    yield Imported(store, outcomes)
    store.dispose()


@pytest.fixture(scope="module")
def sample_store(sample_import) -> Store:
    return sample_import.store


def comparison_of(store, period: str = "12"):
    return compare(store.figures(year=2023), store.targets(2023), store.returns(), 2023, period)


def test_the_sample_files_of_three_years_are_all_stored_for_each_years_members(sample_import):
    statuses = [outcome.status for outcome in sample_import.outcomes]

    assert statuses == ["stored"] * (7 * 4 + 7 * 4 + 6 * 4)
    stored = sample_import.store.returns()
    expected = [
        (year, court.key, period) for year in (2023, 2024, 2025) for court in cluster_courts(year) for period in PERIODS
    ]
    assert sorted(zip(stored["year"], stored["court"], stored["period"], strict=True)) == sorted(expected)
    assert stored["version"].eq(1).all()
    assert stored["synthetic"].all()


@pytest.mark.parametrize("period", PERIODS)
def test_every_court_and_the_cluster_have_a_status_for_every_scorecard_indicator(sample_store, period):
    scorecard = comparison_of(sample_store, period).scorecard()

    assert list(zip(scorecard["court"], scorecard["indicator"], strict=True)) == list(
        itertools.product([*COURTS, CLUSTER], SCORECARD)
    )
    assert scorecard["status"].isin(STATUSES).all()


@pytest.mark.parametrize("period", PERIODS)
def test_the_cluster_numerator_and_denominator_are_the_sums_of_the_seven_courts(sample_store, period):
    rows = comparison_of(sample_store, period).rows
    rate = rows[rows["indicator"] == "resolution_rate.all"].set_index("court")

    courts = rate.drop(index=CLUSTER)
    assert sorted(courts.index) == sorted(COURTS)
    assert rate.at[CLUSTER, "numerator"] == courts["numerator"].sum()
    assert rate.at[CLUSTER, "denominator"] == courts["denominator"].sum()


def test_the_cluster_resolution_rate_is_total_resolved_over_total_accepted_of_the_stored_figures(sample_store):
    figures = sample_store.figures(year=2023)
    cases = figures[(figures["period"] == "12") & (figures["scope"] != "court")]
    resolved = cases.loc[cases["measure"] == "resolved", "value"].sum()
    accepted = cases.loc[cases["measure"] == "accepted", "value"].sum()

    cluster = comparison_of(sample_store).cluster()

    assert cluster.at["resolution_rate.all", "value"] == pytest.approx(resolved / accepted)
    assert (cluster.at["resolution_rate.all", "numerator"], cluster.at["resolution_rate.all", "denominator"]) == (
        resolved,
        accepted,
    )


def test_a_court_rate_is_its_own_resolved_over_accepted(sample_store):
    figures = sample_store.figures(year=2023, court="lao_cai")
    criminal = figures[(figures["period"] == "12") & (figures["scope"] == "criminal")].set_index("measure")["value"]

    rows = comparison_of(sample_store).rows.set_index(["court", "indicator"])

    assert rows.at[("lao_cai", "resolution_rate.criminal"), "value"] == pytest.approx(
        criminal["resolved"] / criminal["accepted"]
    )


# The files made from the comparison (workbook, CSV, PDF, chart files): tests/analytics/test_reports.py.


# --- the command line ----------------------------------------------------------------------------------


def test_the_template_command_writes_a_workbook_with_drop_down_lists_for_court_and_period(tmp_path, capsys):
    path = tmp_path / "mau.xlsx"

    code = main(["template", "--out", str(path)])

    assert code == 0
    assert str(path) in capsys.readouterr().out
    book = openpyxl.load_workbook(path)
    assert {SHEET_INSTRUCTIONS, SHEET_META, SHEET_CASES, SHEET_ACTIVITY} <= set(book.sheetnames)
    lists = {str(v.sqref): v.formula1 for v in book[SHEET_META].data_validations.dataValidation if v.type == "list"}
    assert {"B4", "B6"} <= set(lists)
    assert book[SHEET_META]["A4"].value == "Tòa án (*)"
    assert book[SHEET_META]["A6"].value == "Kỳ báo cáo (*)"


@pytest.mark.parametrize(
    ("where", "vi", "en"),
    [
        ("no-such-folder/mau.xlsx", "không có tệp hay thư mục này", "no such file or folder"),
        (".", "đây là một thư mục, không phải tệp", "a folder, not a file"),
    ],
    ids=["missing folder", "a folder"],
)
def test_the_template_command_says_in_a_sentence_where_it_could_not_write_and_why(where, vi, en, tmp_path, capsys):
    code = main(["template", "--out", str(tmp_path / where)])

    assert code == 2
    out = tmp_path / where
    assert capsys.readouterr().err == f"Lỗi: không ghi được tệp {out} ({vi}). / Cannot write {out} ({en}).\n"


def test_the_import_command_stores_good_files_and_exits_0(migrated_url, capsys):
    files = [str(path) for path in sample_files()[:2]]

    code = main(["import", *files, "--db", migrated_url, "--user", "tester"])

    assert code == 0
    out = capsys.readouterr().out
    assert out.count("ĐÃ LƯU") == 2
    assert "BỊ TỪ CHỐI" not in out


def test_the_import_command_says_which_version_a_correction_replaced_and_how_many_figures_changed(
    migrated_url, tmp_path, capsys
):
    url = migrated_url
    first, corrected = tmp_path / "dau.xlsx", tmp_path / "sua.xlsx"
    first.write_bytes(workbook(a_return()))
    corrected.write_bytes(workbook(a_return(court_figures={"experience_trials": 3, "online_hearings": 40})))
    main(["import", str(first), "--db", url, "--user", "tester"])
    capsys.readouterr()

    code = main(["import", str(corrected), "--db", url, "--user", "tester"])

    assert code == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].endswith("phiên bản 2") and lines[1].startswith("  thay thế phiên bản 1 (lưu ")
    assert lines[1].endswith("): 2 số liệu khác")


def test_the_import_command_exits_1_and_names_the_cell_when_a_file_is_rejected(migrated_url, tmp_path, capsys):
    url = migrated_url
    bad = tmp_path / "vuot.xlsx"
    bad.write_bytes(with_cell(workbook(a_return()), *case_cell("criminal", "resolved"), 101))
    good = sample_files()[0]

    code = main(["import", str(good), str(bad), "--db", url, "--user", "tester"])

    assert code == 1
    out = capsys.readouterr().out
    assert f"{good}: ĐÃ LƯU" in out
    assert f"{bad}: BỊ TỪ CHỐI" in out
    assert "Vụ việc!F5 resolved_at_most_accepted" in out


def test_the_import_command_rejects_a_file_it_cannot_open(migrated_url, tmp_path, capsys):
    missing = tmp_path / "khong_co.xlsx"

    code = main(["import", str(missing), "--db", migrated_url, "--user", "tester"])

    assert code == 1
    said = f"{missing}: BỊ TỪ CHỐI – không đọc được tệp (không có tệp hay thư mục này) / unreadable (no such file or folder)."
    assert said in capsys.readouterr().out


def test_the_import_command_prints_what_a_terminal_would_act_on_in_a_file_as_escapes(migrated_url, tmp_path, capsys):
    url = migrated_url
    rows = csv_text(FREE).split("\r\n")
    label, *figures = rows[4].split(";")  # the criminal row: its accepted-new figure set to clear the screen
    rows[4] = ";".join([label, figures[0], '"1\x1b[2J\x1b]0;bi-chiem\x07"', *figures[2:]])
    hostile = tmp_path / "bc\x1b[8m\u202e.csv"
    hostile.write_bytes("\r\n".join(rows).encode())

    main(["import", str(hostile), "--db", url, "--user", "tester"])

    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out
    assert "bc\\x1b[8m\\u202e.csv: BỊ TỪ CHỐI" in out
    assert "«1\\x1b[2J\\x1b]0;bi-chiem\\x07»" in out


def test_the_indicators_command_prints_csv_for_the_seven_courts_and_the_cluster(sample_store, capsys):
    code = main(["indicators", "--year", "2023", "--period", "12", "--format", "csv", "--db", sample_store.url])

    assert code == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == (
        "court,indicator,numerator,denominator,value,target,comparator,status,"
        "basis,last_year,projected,projected_low,projected_high,projected_status"
    )
    frame = pd.read_csv(io.StringIO(out))
    assert list(dict.fromkeys(frame["court"])) == [*COURTS, CLUSTER]
    # Every indicator of the registry, the per-case-type rates and the raw counts included.
    assert len(frame) == (len(COURTS) + 1) * len(INDICATOR_BY_KEY)
    assert {"resolution_rate.family", "online_hearings", "experience_trials"} <= set(frame["indicator"])
    assert set(frame["basis"]) == {"annual"}
    first = out.splitlines()[1].split(",")
    assert first[:2] == ["lai_chau", "resolution_rate.criminal"]
    assert first[2].isdigit() and first[3].isdigit()  # counts as 502 and 515, not 502.0


def test_the_command_line_stops_quietly_when_its_reader_goes_away(sample_store):
    command = [sys.executable, "-m", "analytics", "indicators", "--year", "2023", "--period", "12", "--db"]
    child = subprocess.Popen(
        [*command, sample_store.url], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, bufsize=0
    )
    child.stdout.close()  # like `| head -0`: the reader is gone before the first line is written
    _, errors = child.communicate(timeout=120)

    assert b"Traceback" not in errors, errors.decode()


def test_the_indicators_command_prints_json_that_parses(sample_store, capsys):
    code = main(["indicators", "--year", "2023", "--period", "6", "--format", "json", "--db", sample_store.url])

    assert code == 0
    records = json.loads(capsys.readouterr().out)
    assert len(records) == (len(COURTS) + 1) * len(INDICATOR_BY_KEY)
    first = records[0]
    assert (first["court"], first["indicator"]) == ("lai_chau", "resolution_rate.criminal")
    assert set(first) == {
        "court",
        "indicator",
        "numerator",
        "denominator",
        "value",
        "target",
        "comparator",
        "status",
        "basis",
        "last_year",
        "projected",
        "projected_low",
        "projected_high",
        "projected_status",
    }
    # 6 months of 2023: no earlier year is stored, so a seasonal rate is in progress with no projection.
    assert (first["basis"], first["status"], first["projected"]) == ("progress", "in_progress", None)


def test_the_indicators_command_narrows_to_the_chosen_indicators_and_projects_a_partial_year(sample_store, capsys):
    chosen = "resolution_rate.criminal,overdue_cases"
    code = main(["indicators", "--year", "2025", "--period", "6", "--only", chosen, "--db", sample_store.url])

    assert code == 0
    frame = pd.read_csv(io.StringIO(capsys.readouterr().out))
    assert set(frame["indicator"]) == set(chosen.split(","))
    rates = frame[frame["indicator"] == "resolution_rate.criminal"]
    assert set(rates["basis"]) == {"progress"} and set(rates["status"]) == {"in_progress"}
    assert rates["projected"].notna().all()  # 2023 and 2024 are stored to project from
    assert (rates["projected_low"] <= rates["projected"]).all() and (
        rates["projected"] <= rates["projected_high"]
    ).all()
    assert set(frame.loc[frame["indicator"] == "overdue_cases", "basis"]) == {"state"}


def test_the_indicators_command_refuses_an_unknown_indicator_in_vietnamese(sample_store, capsys):
    with pytest.raises(SystemExit):
        main(["indicators", "--year", "2023", "--period", "12", "--only", "khong_co", "--db", sample_store.url])

    assert "không có chỉ tiêu khong_co" in capsys.readouterr().err


def test_the_export_command_writes_the_workbook_and_refuses_a_period_without_data(sample_store, tmp_path, capsys):
    path = tmp_path / "so_sanh.xlsx"

    written = main(["export", "--year", "2023", "--period", "12", "--out", str(path), "--db", sample_store.url])
    refused = main(
        ["export", "--year", "2021", "--period", "12", "--out", str(tmp_path / "x.xlsx"), "--db", sample_store.url]
    )

    assert (written, refused) == (0, 1)
    assert openpyxl.load_workbook(path).sheetnames[0] == "Tổng hợp"
    assert not (tmp_path / "x.xlsx").exists()
    assert "Chưa có số liệu năm 2021, kỳ 12" in capsys.readouterr().err
