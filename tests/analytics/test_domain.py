"""The court registry: the cluster's file by default, another file when CUM2_COURTS_FILE names one."""

from __future__ import annotations

import pytest

from analytics import domain
from analytics.ingest.identity import clues_from_text


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
