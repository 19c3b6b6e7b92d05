"""Storage: versioned returns, the original bytes, the problems kept with a return, the data version."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
import sqlalchemy as sa

from analytics.compute.targets import default_targets
from analytics.records import Problem
from analytics.store import returns as returns_module
from analytics.store import schema
from analytics.store.database import StoreUnavailable, sha256
from analytics.store.storage import Store
from tests.analytics.builders import (
    YEAR,
    a_return,
    account,
    activity_cell,
    case_cell,
    check_one,
    checked_parts,
    database_state,
    imported,
    stored_all,
    stored_one,
    total_cell,
    with_cell,
    workbook,
)
from tests.analytics.corpus import per_court_workbook


def resolved_of(store, court: str = "lai_chau", case_type: str = "criminal") -> int:
    figures = store.figures(court=court)
    [value] = figures[(figures["scope"] == case_type) & (figures["measure"] == "resolved")]["value"]
    return int(value)


def test_a_new_store_is_empty_at_data_version_zero(store):

    assert store.data_version() == 0
    assert store.returns().empty
    assert store.uploads().empty
    assert store.figures().empty


def test_storing_a_return_creates_version_1_with_its_figures(store):

    outcome = imported(store, "lai_chau_12.xlsx", workbook(a_return("lai_chau", "12")), account(store, "thu.ky"))

    assert outcome.status == "stored"
    assert (outcome.saved.court, outcome.saved.year, outcome.saved.period, outcome.saved.version) == (
        "lai_chau",
        2023,
        "12",
        1,
    )
    [row] = store.returns().to_dict("records")
    assert (row["court"], row["year"], row["period"], row["version"], row["stored_by"], row["filename"]) == (
        "lai_chau",
        2023,
        "12",
        1,
        "thu.ky",
        "lai_chau_12.xlsx",
    )
    assert resolved_of(store) == 80
    # 8 case types × 11 measures, mediation in 5 of them, defendants in criminal, and 8 court figures.
    assert len(store.figures()) == 8 * 11 + 5 * 2 + 2 + 8
    assert set(store.figures()["scope"]) == {
        "criminal",
        "civil",
        "family",
        "commercial",
        "labour",
        "administrative",
        "bankruptcy",
        "admin_measures",
        "court",
    }


def test_a_different_file_for_the_same_court_and_period_is_version_2_and_the_one_shown(store):
    imported(store, "first.xlsx", workbook(a_return()), account(store, "tester"))
    corrected = a_return(cases={"criminal": {"resolved": 85}})

    outcome = imported(store, "corrected.xlsx", workbook(corrected), account(store, "tester"))

    assert (outcome.status, outcome.saved.version) == ("stored", 2)
    assert store.returns()[["version", "filename"]].values.tolist() == [[2, "corrected.xlsx"]]
    assert store.returns(current_only=False)[["version", "filename"]].values.tolist() == [
        [1, "first.xlsx"],
        [2, "corrected.xlsx"],
    ]
    assert resolved_of(store) == 85
    assert set(store.figures()["version"]) == {2}


def test_versions_are_counted_per_court_year_and_period(store):
    imported(store, "a.xlsx", workbook(a_return("lai_chau", "6")), account(store, "tester"))
    imported(store, "b.xlsx", workbook(a_return("lai_chau", "6", prepared_by="B")), account(store, "tester"))

    outcome = imported(store, "c.xlsx", workbook(a_return("son_la", "6")), account(store, "tester"))

    assert outcome.saved.version == 1
    assert store.returns()[["court", "version"]].values.tolist() == [["lai_chau", 2], ["son_la", 1]]


def test_the_figures_of_several_courts_and_years_are_those_of_each_read_alone(store):
    who = account(store, "tester")
    for court, year in (("lai_chau", 2023), ("son_la", 2023), ("lai_chau", 2024), ("lao_cai", 2023)):
        imported(store, f"{court}_{year}.xlsx", workbook(a_return(court, "12", year=year)), who)
    key = ["court", "year", "period", "scope", "measure"]

    together = store.figures(year=[2023, 2024], court=["lai_chau", "son_la"]).sort_values(key, ignore_index=True)
    alone = [store.figures(year=y, court=c) for c in ("lai_chau", "son_la") for y in (2023, 2024)]

    pd.testing.assert_frame_equal(together, pd.concat(alone).sort_values(key, ignore_index=True))
    assert sorted({(c, y) for c, y in zip(together["court"], together["year"], strict=True)}) == [
        ("lai_chau", 2023),
        ("lai_chau", 2024),
        ("son_la", 2023),
    ]
    assert together.dtypes.astype(str).to_dict() == {
        "court": "str", "year": "int64", "period": "str", "version": "int64", "scope": "str", "measure": "str",
        "value": "int64",
    }  # fmt: skip
    assert store.figures(year=[], court=None).empty and list(store.figures(court=[]).columns) == list(together)


def test_figures_read_since_an_earlier_read_are_those_a_whole_read_gives(store):
    who = account(store, "tester")
    imported(store, "a.xlsx", workbook(a_return("lai_chau", "6")), who)
    imported(store, "b.xlsx", workbook(a_return("son_la", "6")), who)
    first = store.figures_since()
    pd.testing.assert_frame_equal(first.figures, store.figures())
    imported(store, "c.xlsx", workbook(a_return("lai_chau", "6", prepared_by="B")), who)  # version 2 replaces 1
    imported(store, "d.xlsx", workbook(a_return("lao_cai", "9")), who)
    store.restore("son_la", YEAR, "6", 1, who)

    later = store.figures_since(first)

    pd.testing.assert_frame_equal(later.frame, store.figures_since().frame)
    pd.testing.assert_frame_equal(later.figures, store.figures())
    versions = later.figures.groupby(["court", "period"])["version"].unique().map(list).to_dict()
    assert versions == {("lai_chau", "6"): [2], ("lao_cai", "9"): [1], ("son_la", "6"): [2]}
    assert store.figures_since(later) is later  # nothing stored since: nothing read again


def test_many_returns_stored_since_are_read_with_everything_else_again(store, monkeypatch):
    who = account(store, "tester")
    imported(store, "a.xlsx", workbook(a_return("lai_chau", "6")), who)
    first = store.figures_since()
    imported(store, "b.xlsx", workbook(a_return("son_la", "6")), who)
    monkeypatch.setattr(returns_module, "NEW_RETURNS_READ_BY_ID", 0)  # one new return is "many" now

    later = store.figures_since(first)

    pd.testing.assert_frame_equal(later.frame, store.figures_since().frame)
    assert later.of_year(YEAR)["court"].unique().tolist() == ["lai_chau", "son_la"]
    pd.testing.assert_frame_equal(later.of_year(YEAR), store.figures(year=YEAR))
    assert later.of_year(YEAR + 1).empty


def test_a_current_return_without_figures_is_not_read_again_and_again(store):
    who = account(store, "tester")
    imported(store, "a.xlsx", workbook(a_return("lai_chau", "6")), who)
    with store.engine.begin() as conn:  # a version that holds no figure row (none is stored so today)
        row = conn.execute(sa.select(schema.returns)).mappings().one()
        conn.execute(schema.returns.insert().values({k: v for k, v in row.items() if k != "id"} | {"version": 2}))
    held = store.figures_since()

    assert held.figures.empty and store.figures_since(held) is held


def test_figures_held_of_another_database_under_the_same_ids_are_read_again(store, tmp_path):
    who = account(store, "tester")
    imported(store, "a.xlsx", workbook(a_return("lai_chau", "6")), who)
    held = store.figures_since()
    other = Store(f"sqlite:///{tmp_path / 'restored.sqlite'}")  # the same id, another return: a backup restored
    imported(other, "b.xlsx", workbook(a_return("son_la", "6")), account(other, "tester"))

    again = other.figures_since(held)

    pd.testing.assert_frame_equal(again.frame, other.figures_since().frame)
    assert again.figures["court"].unique().tolist() == ["son_la"]
    other.dispose()


def test_figures_are_read_from_one_state_of_the_database_whatever_is_stored_meanwhile(store, monkeypatch):
    who = account(store, "tester")
    imported(store, "a.xlsx", workbook(a_return("lai_chau", "6")), who)
    before = store.figures()
    read, stored = returns_module.typed_frame, []

    def with_a_version_stored_after_the_first_query(conn, query, types):
        frame = read(conn, query, types)
        if not stored:  # the returns are read; a new version, other figures, committed before their figures are
            stored.append(store.restore("lai_chau", YEAR, "6", 1, who))
            with store.engine.begin() as other:
                newest = sa.select(sa.func.max(schema.returns.c.id)).scalar_subquery()
                other.execute(
                    schema.figures.update()
                    .where(schema.figures.c.return_id == newest)
                    .values(value=schema.figures.c.value + 1)
                )
        return frame

    monkeypatch.setattr(returns_module, "typed_frame", with_a_version_stored_after_the_first_query)
    during = store.figures()
    monkeypatch.undo()

    pd.testing.assert_frame_equal(during, before)
    after = store.figures()
    assert stored and after["version"].unique().tolist() == [2]
    assert (after["value"] == before["value"] + 1).all()


def test_the_same_bytes_again_are_unchanged_and_write_nothing(store):
    content = workbook(a_return())
    imported(store, "first.xlsx", content, account(store, "tester"))
    before = database_state(store)

    outcome = imported(store, "again.xlsx", content, account(store, "nguoi_khac"))

    assert outcome.status == "unchanged"
    assert (outcome.saved.version, outcome.saved.filename) == (1, "first.xlsx")
    after = database_state(store)
    assert after[0] == before[0] == 1
    pd.testing.assert_frame_equal(after[1], before[1])
    pd.testing.assert_frame_equal(after[2], before[2])


def test_the_same_bytes_stored_through_the_checked_path_are_unchanged_too(store):
    content = workbook(a_return())
    stored_one(store, check_one("first.xlsx", content, store), account(store, "tester"))

    outcome = stored_one(store, check_one("again.xlsx", content, store), account(store, "tester"))

    assert outcome.status == "unchanged"
    assert len(store.returns(current_only=False)) == 1
    assert store.data_version() == 1


def test_the_bytes_of_an_earlier_version_sent_again_become_the_current_version(store):
    first, correction = workbook(a_return()), workbook(a_return(cases={"criminal": {"resolved": 70}}))
    imported(store, "dau.xlsx", first, account(store, "tester"))
    imported(store, "sua.xlsx", correction, account(store, "tester"))
    preview = check_one("dau_lai.xlsx", first, store)

    outcome = imported(store, "dau_lai.xlsx", first, account(store, "nguoi_khac"))
    again = imported(store, "dau_lai.xlsx", first, account(store, "nguoi_khac"))

    assert (preview.becomes.status, preview.becomes.version) == ("stored", 3)  # said before storing
    assert (outcome.status, outcome.saved.version) == ("stored", 3)
    assert resolved_of(store) == 80  # the first file's figure is current again
    assert (again.status, again.saved.version) == ("unchanged", 3)  # now it is the current version's bytes
    assert len(store.returns(current_only=False)) == 3
    with store.engine.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(schema.uploads)).scalar() == 2  # kept once


def test_every_write_bumps_the_data_version_once(store):
    versions = [store.data_version()]

    imported(store, "a.xlsx", workbook(a_return(period="6")), account(store, "tester"))
    versions.append(store.data_version())
    imported(store, "b.xlsx", workbook(a_return(period="12")), account(store, "tester"))
    versions.append(store.data_version())
    store.put_targets(default_targets(), account(store, "thu.ky"))
    versions.append(store.data_version())
    imported(store, "b.xlsx", workbook(a_return(period="12")), account(store, "tester"))  # unchanged: no write
    versions.append(store.data_version())

    assert versions == [0, 1, 2, 3, 3]


def test_the_original_bytes_and_their_sha256_are_kept(store):
    content = workbook(a_return())

    imported(store, "lai_chau_12.xlsx", content, account(store, "tester"))

    [upload] = store.uploads().to_dict("records")
    assert upload["sha256"] == sha256(content) == store.returns()["sha256"].item()
    assert upload["size"] == len(content)
    assert store.upload_content(sha256(content)) == content
    assert store.upload_content(sha256(b"never stored")) is None


def test_warnings_and_notes_are_stored_with_the_return(store):
    content = with_cell(
        with_cell(workbook(a_return()), *total_cell("resolved"), 639), *activity_cell("online_hearings"), None
    )

    imported(store, "lai_chau_12.xlsx", content, account(store, "tester"))

    return_id = int(store.returns()["id"].item())
    kept = store.problems(return_id)
    assert kept[["severity", "rule", "sheet", "cell"]].values.tolist() == [
        ["warning", "totals_row_matches_rows", "Vụ việc", "F13"],
        ["warning", "activity_missing", "Hoạt động", "B4"],
    ]
    assert kept["file"].tolist() == ["lai_chau_12.xlsx"] * 2
    assert kept["message"].str.startswith("Sheet «").all()


def test_a_rejected_file_writes_nothing(store):
    imported(store, "good.xlsx", workbook(a_return()), account(store, "tester"))
    before = database_state(store)
    bad = with_cell(workbook(a_return(period="6")), *case_cell("criminal", "resolved"), 101)

    outcome = imported(store, "bad.xlsx", bad, account(store, "tester"))

    assert outcome.status == "rejected"
    after = database_state(store)
    assert after[0] == before[0]
    pd.testing.assert_frame_equal(after[1], before[1])
    pd.testing.assert_frame_equal(after[2], before[2])
    assert store.upload_content(sha256(bad)) is None
    assert set(store.figures()["period"]) == {"12"}


def test_who_prepared_the_return_is_stored_with_it(store):
    ret = a_return(prepared_by="Lò Thị Hương", prepared_on=dt.date(2023, 10, 5), notes="Số liệu chính thức")

    imported(store, "lai_chau_12.xlsx", workbook(ret), account(store, "tester"))

    [row] = store.returns().to_dict("records")
    assert (row["prepared_by"], pd.Timestamp(row["prepared_on"]).date(), row["notes"], bool(row["synthetic"])) == (
        "Lò Thị Hương",
        dt.date(2023, 10, 5),
        "Số liệu chính thức",
        False,
    )


def test_text_longer_than_its_column_is_stored_cut_and_a_nul_is_left_out_on_every_backend(store):
    name = "bao_cao_thong_ke_" + "toa_an_nhan_dan_tinh_lai_chau_" * 10 + ".csv"  # 317 characters; a column holds 255
    warning = Problem(
        "warning",
        "columns_unread",
        "Sheet «…»: cột\x00 không nhận ra",
        "Sheet '…'",
        name,
        "Sheet " * 20,
        "B5",
        "x" * 300,
    )
    ret = a_return(prepared_by="Lò Thị Hương, " * 30, notes="Số liệu\x00 chính thức")

    store.save_return(ret, [warning], filename=name, content=b"bytes", actor=account(store, "tester"))
    store.add_comment("lai_chau", YEAR, "12", "Đã rà soát\x00", account(store, "tester"))

    [row] = store.returns().to_dict("records")
    assert (len(row["prepared_by"]), row["prepared_by"][-1], row["notes"]) == (255, "…", "Số liệu chính thức")
    [upload] = store.uploads().to_dict("records")
    assert (len(upload["filename"]), upload["filename"][-1]) == (255, "…")
    [kept] = store.problems(int(row["id"])).to_dict("records")
    assert [len(kept[c]) for c in ("file", "sheet", "value")] == [255, 64, 255]
    assert kept["message"] == "Sheet «…»: cột không nhận ra"
    assert store.comments()["text"].tolist() == ["Đã rà soát"]


def test_targets_are_replaced_by_year_indicator_and_layer(store):
    store.put_targets(default_targets(), account(store, "thu.ky"))
    changed = default_targets().query("year == 2023 and indicator == 'online_hearings_per_unit'").assign(value=4.0)

    store.put_targets(changed, account(store, "thu.ky"))

    stored = store.targets(2023)
    assert len(stored) == len(default_targets().query("year == 2023"))
    assert stored.set_index(["indicator", "layer"]).at[("online_hearings_per_unit", "tandtc"), "value"] == 4.0


def test_a_compiled_workbook_that_fails_while_being_stored_leaves_nothing_behind(store, monkeypatch):
    content, _ = per_court_workbook("sheets")
    parts = checked_parts("cum.xlsx", content, store)
    before = database_state(store)
    calls = []

    def fail_after_the_returns_rows(self, conn):  # the returns' rows are written, their figures are next
        calls.append(conn.execute(sa.select(sa.func.count()).select_from(schema.returns)).scalar())
        raise OSError("the disk is full")

    monkeypatch.setattr(returns_module._Rows, "write", fail_after_the_returns_rows)
    with pytest.raises(OSError):
        stored_all(store, parts, account(store, "tester"))

    after = database_state(store)
    assert calls == [7] and store.returns().empty and store.uploads().empty
    assert after[0] == before[0] and after[1].equals(before[1]) and after[2].equals(before[2])


def test_a_database_that_cannot_take_the_write_is_a_clear_message_and_nothing_half_written(store, monkeypatch):
    checked = check_one("lc.xlsx", workbook(a_return("lai_chau")), store)
    before = database_state(store)

    def locked(*args, **kwargs):
        raise sa.exc.OperationalError("INSERT …", {}, Exception("database is locked"))

    monkeypatch.setattr(Store, "_insert_returns", locked)
    with pytest.raises(StoreUnavailable) as refused:
        stored_one(store, checked, account(store, "tester"))

    assert "Chưa lưu được «lc.xlsx»: cơ sở dữ liệu đang bận" in refused.value.message
    after = database_state(store)
    assert after[0] == before[0] and after[1].equals(before[1]) and after[2].equals(before[2])


@pytest.mark.parametrize(
    "server_url",
    [
        "postgresql+psycopg://cum2@/postgres?host=/tmp/pgsock&port=5433",  # the private server: a socket in the query
        "postgresql+psycopg://user:pass@localhost/postgres",  # TEST_POSTGRES_URL as its comment shows it: no query
    ],
)
def test_each_postgresql_spec_gets_a_database_of_its_own_on_either_server(server_url):
    from tests.postgres import database_on

    url = sa.make_url(database_on(server_url, "t_1"))

    assert url.database == "t_1"
    assert url.set(database="postgres") == sa.make_url(server_url)  # the same server, user and password


def test_after_the_postgresql_server_ends_its_connections_the_next_read_still_answers(postgres):
    from tests.postgres import database_name, drop_database, fresh_database

    url = fresh_database(postgres)
    store = Store(url)
    version = store.data_version()  # a connection now waits in the pool
    server = sa.create_engine(sa.make_url(url).set(database="postgres"), isolation_level="AUTOCOMMIT")
    with server.connect() as conn:  # what a restart of the server does to the pool's connections
        ended = conn.execute(
            sa.text("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = :name"),
            {"name": database_name(url)},
        ).scalar_one()
    server.dispose()

    assert ended >= 1
    assert store.data_version() == version  # not "terminating connection due to administrator command"
    store.dispose()
    drop_database(url)
