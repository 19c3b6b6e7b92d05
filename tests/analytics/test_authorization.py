"""Who may change what, checked by the write functions themselves; every write leaves an audit line."""

from __future__ import annotations

import datetime as dt
import json

import pandas as pd
import pytest

from analytics.compute.targets import default_targets
from analytics.compute.versions import side_by_side
from analytics.security import ADMIN, COURT_STAFF, VIEWER, Account, PermissionDenied
from analytics.store.accounts import audit_trail
from tests.analytics.builders import (
    a_return,
    account,
    check_one,
    checked_parts,
    database_state,
    enrol,
    imported,
    stored_all,
    stored_one,
    workbook,
)
from tests.analytics.corpus import per_court_workbook

LAI_CHAU_STAFF = Account("lan", COURT_STAFF, "lai_chau")
SON_LA_STAFF = Account("hoa", COURT_STAFF, "son_la")
LEADER = Account("chanh_an", VIEWER)


@pytest.fixture(autouse=True)
def the_accounts_exist(store):
    """Every write reads its account from the users table: these people have accounts there."""
    for who in (LAI_CHAU_STAFF, SON_LA_STAFF, LEADER):
        enrol(store, who)


def test_court_staff_may_store_their_own_courts_return(store):
    outcome = imported(store, "lc.xlsx", workbook(a_return("lai_chau")), LAI_CHAU_STAFF)

    assert outcome.status == "stored"
    assert store.returns().iloc[0]["stored_by"] == "lan"


@pytest.mark.parametrize("actor", [SON_LA_STAFF, LEADER], ids=["staff of another court", "viewer"])
def test_nobody_else_may_store_a_courts_return_even_by_calling_the_store_directly(store, actor):
    checked = check_one("lc.xlsx", workbook(a_return("lai_chau")), store)
    before = database_state(store)

    with pytest.raises(PermissionDenied) as refused:
        stored_one(store, checked, actor)
    with pytest.raises(PermissionDenied):
        store.save_return(checked.ret, [], filename="lc.xlsx", content=checked.content, actor=actor)

    assert refused.value.message.endswith("không được ghi số liệu của Tòa án nhân dân tỉnh Lai Châu.")
    assert refused.value.message_en.endswith("may not write figures of the People's Court of Lai Chau Province.")
    after = database_state(store)
    assert after[0] == before[0] and after[1].equals(before[1]) and after[2].equals(before[2])


@pytest.mark.parametrize("actor", [LAI_CHAU_STAFF, LEADER])
def test_only_an_admin_may_change_targets(store, actor):
    with pytest.raises(PermissionDenied):
        store.put_targets(default_targets(), actor)

    assert store.targets().empty


def test_storing_a_return_is_audited_with_who_when_and_the_version(store):
    imported(store, "lc.xlsx", workbook(a_return("lai_chau")), LAI_CHAU_STAFF)
    imported(store, "lc2.xlsx", workbook(a_return("lai_chau", notes="sửa")), LAI_CHAU_STAFF)

    trail = audit_trail(store, action="return.store")
    latest = trail.iloc[0]
    assert list(trail["actor"]) == ["lan", "lan"]
    assert latest["subject"] == "lai_chau 2023 12"
    assert json.loads(latest["before"]) == {"version": 1}
    assert json.loads(latest["after"])["version"] == 2
    assert json.loads(latest["after"])["file"] == "lc2.xlsx"


def test_a_target_change_is_audited_with_before_and_after(store):
    admin = account(store, "thu_ky", ADMIN)
    store.put_targets(default_targets(), admin)
    changed = (
        default_targets()
        .query("year == 2023 and indicator == 'resolution_rate.criminal' and layer == 'tandtc'")
        .assign(value=0.92)
    )

    store.put_targets(changed, admin)

    line = audit_trail(store, action="targets").iloc[0]
    assert line["subject"] == "2023 resolution_rate.criminal tandtc"
    assert json.loads(line["before"])["value"] == 0.9
    assert json.loads(line["after"])["value"] == 0.92


def test_restoring_an_earlier_version_copies_it_as_the_newest_and_deletes_nothing(store):
    imported(store, "v1.xlsx", workbook(a_return("lai_chau", cases={"civil": {"resolved": 70}})), LAI_CHAU_STAFF)
    imported(store, "v2.xlsx", workbook(a_return("lai_chau", cases={"civil": {"resolved": 85}})), LAI_CHAU_STAFF)

    restored = store.restore("lai_chau", 2023, "12", 1, LAI_CHAU_STAFF)

    assert restored.version == 3
    history = store.returns(current_only=False)
    assert list(history["version"]) == [1, 2, 3]
    assert "Khôi phục từ phiên bản 1" in history.iloc[-1]["notes"]
    figures = store.figures(court="lai_chau")
    civil = figures[(figures["scope"] == "civil") & (figures["measure"] == "resolved")]
    assert civil["value"].item() == 70 and civil["version"].item() == 3
    assert store.version_figures("lai_chau", 2023, "12", 1).equals(store.version_figures("lai_chau", 2023, "12", 3))
    assert json.loads(audit_trail(store, action="return.restore").iloc[0]["after"]) == {"version": 3, "from": 1}


def test_a_restore_is_in_the_upload_history_by_the_restorer_at_its_time_newest_first_and_marked(store):
    imported(store, "v1.xlsx", workbook(a_return("lai_chau", cases={"civil": {"resolved": 70}})), LAI_CHAU_STAFF)
    imported(store, "v2.xlsx", workbook(a_return("lai_chau", cases={"civil": {"resolved": 85}})), LAI_CHAU_STAFF)
    secretariat = account(store, "thu_ky", ADMIN)
    when = dt.datetime(2030, 1, 2, 3, 4, tzinfo=dt.UTC)  # after both uploads

    store.restore("lai_chau", 2023, "12", 1, secretariat, now=when)

    history = store.uploads()
    assert list(history["version"]) == [3, 2, 1]
    restored = history.iloc[0]
    assert restored["stored_by"] == "thu_ky" and restored["filename"] == "v1.xlsx"
    assert in_utc(restored["stored_at"]) == when
    assert history["restored_from"].fillna(0).tolist() == [1, 0, 0]
    assert list(history["stored_by"][1:]) == ["lan", "lan"]


def in_utc(stored: object) -> pd.Timestamp:
    """A stored time as UTC (SQLite gives it back without its zone, PostgreSQL in the session's)."""
    stamp = pd.Timestamp(stored)
    return stamp.tz_localize("UTC") if stamp.tzinfo is None else stamp.tz_convert("UTC")


def test_staff_of_another_court_cannot_restore(store):
    imported(store, "v1.xlsx", workbook(a_return("lai_chau")), LAI_CHAU_STAFF)

    with pytest.raises(PermissionDenied):
        store.restore("lai_chau", 2023, "12", 1, SON_LA_STAFF)

    assert len(store.returns(current_only=False)) == 1


def test_two_versions_side_by_side_show_what_changed(store):
    imported(store, "v1.xlsx", workbook(a_return("lai_chau", cases={"civil": {"resolved": 70}})), LAI_CHAU_STAFF)
    imported(store, "v2.xlsx", workbook(a_return("lai_chau", cases={"civil": {"resolved": 85}})), LAI_CHAU_STAFF)

    table = side_by_side(
        store.version_figures("lai_chau", 2023, "12", 1), store.version_figures("lai_chau", 2023, "12", 2)
    )

    changed = table[table["changed"]].set_index(["scope", "measure"])
    assert set(changed.index) == {("civil", "resolved"), ("civil", "pending")}
    assert changed.loc[("civil", "resolved"), "difference"] == 15
    assert changed.loc[("civil", "pending"), "scope_label"] == "Dân sự"
    assert not table[~table["changed"]].empty


def test_court_staff_cannot_store_a_compiled_workbook_holding_other_courts(store):
    content, _ = per_court_workbook("sheets")
    parts = checked_parts("cum.xlsx", content, store)
    before = database_state(store)

    with pytest.raises(PermissionDenied):
        stored_all(store, parts, LAI_CHAU_STAFF)

    after = database_state(store)
    assert after[0] == before[0] and after[1].equals(before[1]) and after[2].equals(before[2])
    assert store.returns().empty
