"""The court registry: the cluster's file by default, another file when CUM2_COURTS_FILE names one."""

from __future__ import annotations

import errno
import os
import subprocess
import sys

import pytest

from analytics import domain
from analytics.ingest.identity import clues_from_text
from analytics.text import os_reason
from tests.conftest import ROOT


@pytest.fixture
def registry_with_a_unit(tmp_path, monkeypatch):
    path = tmp_path / "courts.csv"
    text = (domain.DATA_DIR / "courts.csv").read_text(encoding="utf-8")
    path.write_text(
        text.rstrip("\n") + "\nunit_001,Tòa án nhân dân Đơn vị 001,People's Court of Unit 001,Đơn vị 001,101,2020,\n",
        encoding="utf-8",
    )
    monkeypatch.setenv(domain.COURTS_FILE_VARIABLE, str(path))
    domain.courts.cache_clear()
    yield
    monkeypatch.delenv(domain.COURTS_FILE_VARIABLE)
    domain.courts.cache_clear()


def test_the_default_registry_is_the_seven_courts_of_the_cluster():
    assert [c.short_vi for c in domain.cluster_courts(2023)] == [
        "Lai Châu",
        "Lào Cai",
        "Điện Biên",
        "Sơn La",
        "Yên Bái",
        "Phú Thọ",
        "Hòa Bình",
    ]
    assert domain.match_court("Đơn vị 001") is None


def test_another_registry_file_is_used_for_names_members_and_titles(registry_with_a_unit):
    assert domain.court_by_key("unit_001").short_vi == "Đơn vị 001"
    assert len(domain.cluster_courts(2023)) == 8
    assert domain.match_court("TAND Đơn vị 001").key == "unit_001"
    [court] = [
        c for c in clues_from_text("TÒA ÁN NHÂN DÂN ĐƠN VỊ 001 – BÁO CÁO 6 THÁNG", "S", "A1") if c.field == "court"
    ]
    assert court.value == "unit_001"


def refusal(path, monkeypatch) -> domain.RegistryUnusable:
    """What reading the court registry at `path` is refused with (the shipped registry is back afterwards)."""
    monkeypatch.setenv(domain.COURTS_FILE_VARIABLE, str(path))
    domain.courts.cache_clear()
    try:
        with pytest.raises(domain.RegistryUnusable) as refused:
            domain.courts()
    finally:
        monkeypatch.delenv(domain.COURTS_FILE_VARIABLE)
        domain.courts.cache_clear()
    return refused.value


@pytest.mark.parametrize(
    "text, why",
    [
        (None, ": không có tệp hay thư mục này. Hãy sửa tệp"),
        ("key,name_vi\nlai_chau,Tòa án nhân dân tỉnh Lai Châu\n", "thiếu cột «name_en»"),
        ("key,name_vi,name_en,short_vi,province_code,member_from,member_to\n", "không có Tòa án nào"),
        ("key,name_vi,name_en,short_vi,province_code,member_from,member_to\nx,X,X,X,12,năm 2023,\n", "năm 2023"),
    ],
    ids=["missing", "a column missing", "no court", "a year in words"],
)
def test_a_registry_file_that_cannot_be_read_is_refused_naming_the_file_and_what_is_wrong(
    text, why, tmp_path, monkeypatch
):
    path = tmp_path / "courts.csv"
    if text is not None:
        path.write_text(text, encoding="utf-8")

    refused = refusal(path, monkeypatch)

    assert refused.message.startswith(f"Không đọc được danh sách Tòa án {path} (CUM2_COURTS_FILE): ")
    assert why in refused.message


def test_a_registry_path_that_is_a_folder_is_refused_in_words_and_any_other_system_error_as_the_system_says_it(
    tmp_path, monkeypatch
):
    refused = refusal(tmp_path, monkeypatch)

    assert ": đây là một thư mục, không phải tệp. Hãy sửa tệp" in refused.message
    assert refused.message_en.endswith("cannot be read: a folder, not a file.")
    assert os_reason(OSError(errno.EIO, "Input/output error")) == (
        "lỗi hệ thống: Input/output error",
        "Input/output error",
    )


def test_the_command_line_with_a_registry_file_that_is_not_there_says_so_in_one_sentence(tmp_path):
    environment = os.environ | {
        domain.COURTS_FILE_VARIABLE: str(tmp_path / "khong-co.csv"),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'c.sqlite'}",
    }

    done = subprocess.run(
        [sys.executable, "-m", "analytics", "users", "list"], env=environment, capture_output=True, text=True, cwd=ROOT
    )

    assert done.returncode == 2
    assert done.stderr.startswith("Lỗi: Không đọc được danh sách Tòa án ") and "Traceback" not in done.stderr
    # Vietnamese first, English second, as the command line says every other refusal
    assert f" / The court registry {tmp_path / 'khong-co.csv'} (CUM2_COURTS_FILE) cannot be read: " in done.stderr


@pytest.mark.parametrize(
    ("key", "vi", "en"),
    [
        ("3", "3 tháng (01/10–31/12)", "3 months (1 Oct–31 Dec)"),
        ("12", "12 tháng, cả năm (01/10–30/09)", "Full year (1 Oct–30 Sep)"),
        ("Q2", "Riêng quý II (01/01–31/03)", "Quarter II alone (1 Jan–31 Mar)"),
        ("Q4", "Riêng quý IV (01/07–30/09)", "Quarter IV alone (1 Jul–30 Sep)"),
    ],
)
def test_a_period_chosen_in_the_sidebar_reads_as_its_label_with_its_dates_written_tight(key, vi, en):
    period = domain.PERIOD_BY_KEY[key]

    assert (period.choice("vi"), period.choice("en")) == (vi, en)
    assert domain.period_from_label(period.choice("vi")) == period  # still read back as the same period
