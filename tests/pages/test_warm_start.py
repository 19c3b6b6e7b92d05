"""The server's warm start (serve.py → ui.data.warm_up): before the first reader comes, the latest period is read,
compared and ranked, and kept in the caches every reader uses."""

from __future__ import annotations

import asyncio
import logging
import re
import threading
import time
from pathlib import Path

import pytest

import serve
from analytics import cli, domain
from analytics.compute.comparison import latest_period, previous_period
from analytics.security import InvalidInput, PermissionDenied
from analytics.store.storage import Store
from ui import auth, data


def made_again(*_args, **_kwargs):
    raise AssertionError("computed again: the warm-up did not fill this cache")


def assert_warm(url: str, store: Store, held: tuple[int, str], monkeypatch) -> None:
    """The latest period's comparison, ranking and cluster values are read from the caches, not computed."""
    monkeypatch.setattr(data, "compare", made_again)
    monkeypatch.setattr(data, "rank", made_again)
    monkeypatch.setattr(data, "compare_cluster_values", made_again)
    version = store.data_version()
    assert data.comparison(url, version, *held).period == held[1]
    assert not data.ranking(url, version, *held).empty
    assert not data.cluster_values(url, version, *previous_period(*held)).empty


def test_the_warm_up_compares_and_ranks_the_latest_period_so_the_first_reader_does_not(sample_url, monkeypatch):
    held = data.warm_up(sample_url)

    store = Store(sample_url)
    assert held == latest_period(store.returns())
    assert_warm(sample_url, store, held, monkeypatch)
    store.dispose()


def test_an_upload_after_the_warm_up_is_compared_afresh(sample_url, monkeypatch):
    held = data.warm_up(sample_url)
    store = Store(sample_url)
    with store.engine.begin() as conn:
        store.bump(conn)  # what storing a return does
    monkeypatch.setattr(data, "compare", made_again)

    with pytest.raises(AssertionError, match="computed again"):
        data.comparison(sample_url, store.data_version(), *held)
    store.dispose()


def test_an_empty_database_has_nothing_to_warm(tmp_path):
    assert data.warm_up(f"sqlite:///{tmp_path / 'empty.sqlite'}") is None


def test_the_server_serves_the_router_with_the_warm_up_at_its_start():
    assert Path(serve.app.script_path).name == "app.py"


def test_a_warm_up_that_hangs_holds_the_server_back_only_so_long(monkeypatch):
    monkeypatch.setattr(serve, "_warm", lambda: time.sleep(1.5))  # a database host that does not answer
    monkeypatch.setattr(serve, "WARM_UP_SECONDS", 0.2)

    async def start() -> float:
        began = time.perf_counter()
        async with serve._warm_start(serve.app):
            return time.perf_counter() - began

    assert asyncio.run(start()) < 1.0


def test_a_write_through_the_server_warms_the_next_readers_caches_behind_it(sample_url, monkeypatch):
    monkeypatch.setenv(data.WARM_AFTER_WRITES_VARIABLE, "1")  # as serve.py sets it
    held = data.warm_up(sample_url)
    store = Store(sample_url)
    with store.engine.begin() as conn:
        store.bump(conn)  # what storing a return does

    warming = data.written(sample_url)
    warming.join(timeout=120)

    assert not warming.is_alive()
    assert_warm(sample_url, store, held, monkeypatch)
    store.dispose()


def test_writes_warm_nothing_outside_the_server(sample_url, monkeypatch):
    monkeypatch.delenv(data.WARM_AFTER_WRITES_VARIABLE, raising=False)

    assert data.written(sample_url) is None


def test_a_burst_of_writes_warms_once_more_not_once_per_write(sample_url, monkeypatch):
    monkeypatch.setenv(data.WARM_AFTER_WRITES_VARIABLE, "1")
    started, release = threading.Event(), threading.Event()
    warmed = []

    def slow_warm_up(url):
        started.set()
        release.wait(30)
        warmed.append(url)

    monkeypatch.setattr(data, "warm_up", slow_warm_up)
    running = data.written(sample_url)
    started.wait(30)
    waiting = data.written(sample_url)  # behind the one running: warms the newest version then
    more = [data.written(sample_url) for _ in range(5)]
    release.set()
    for thread in (running, waiting):
        thread.join(30)

    assert more == [None] * 5 and warmed == [sample_url, sample_url]


@pytest.mark.parametrize("refusal", [PermissionDenied("vi", "en"), InvalidInput("vi", "en")])
def test_a_write_done_is_followed_by_the_warm_up_and_a_refused_one_is_not(refusal, monkeypatch):
    warmed = []
    monkeypatch.setattr(data, "written", lambda *args: warmed.append(args))

    def refused():
        raise refusal

    assert auth.attempt(lambda: "stored") == "stored" and len(warmed) == 1
    assert auth.attempt(refused) is None and len(warmed) == 1


def test_a_database_down_at_the_start_is_one_log_line_with_its_reason_and_no_traceback(monkeypatch, caplog):
    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg://cum2:mat-khau-bi-mat@127.0.0.1:1/cum2")  # refused

    serve._warm()

    (line,) = [r for r in caplog.records if r.name == "serve"]
    assert line.exc_info is None  # no traceback: the operator reads which database and why
    assert line.getMessage().startswith("Không dùng được cơ sở dữ liệu postgresql+psycopg://cum2:***@127.0.0.1:1/")
    assert "Connection refused" in line.getMessage() and "mat-khau-bi-mat" not in caplog.text


def test_the_server_log_and_the_command_line_tell_a_database_that_failed_in_one_sentence(monkeypatch, caplog, capsys):
    url = "postgresql+psycopg://cum2:mat-khau-bi-mat@127.0.0.1:1/cum2"  # refused
    monkeypatch.setenv("DATABASE_URL", url)

    serve._warm()
    cli.main(["users", "list", "--db", url])

    (line,) = [r.getMessage() for r in caplog.records if r.name == "serve"]
    sentence = "Không dùng được cơ sở dữ liệu postgresql+psycopg://cum2:***@127.0.0.1:1/cum2 (máy chủ không trả lời, "
    assert line.startswith(sentence) and capsys.readouterr().err.startswith(sentence)


def test_the_servers_log_lines_say_when_they_were_written(monkeypatch, capsys):
    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg://cum2:mat-khau-bi-mat@127.0.0.1:1/cum2")  # refused

    async def served() -> None:
        async with serve._warm_start(serve.app):
            pass

    asyncio.run(served())

    (line,) = [line for line in capsys.readouterr().err.splitlines() if "cơ sở dữ liệu" in line]
    # the moment first, as Streamlit writes its own lines (logger.messageFormat); the message itself unchanged
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} Không dùng được cơ sở dữ liệu postgresql\S+ \(.*", line)
    assert not any(isinstance(handler, serve.Timed) for handler in logging.getLogger().handlers)  # gone with the server


def test_a_database_down_after_a_write_is_one_log_line_too(monkeypatch, caplog):
    monkeypatch.setenv(data.WARM_AFTER_WRITES_VARIABLE, "1")
    url = "postgresql+psycopg://cum2:mat-khau-bi-mat@127.0.0.1:1/cum2"  # refused

    data.written(url).join(30)

    (line,) = [r for r in caplog.records if r.name == "ui.data"]
    assert line.exc_info is None and "khi tính sẵn sau một lần ghi" in line.getMessage()
    assert "Connection refused" in line.getMessage() and "mat-khau-bi-mat" not in caplog.text


def test_a_database_url_no_server_could_serve_is_logged_at_the_start_as_what_to_mend_not_as_a_lost_connection(
    monkeypatch, caplog
):
    monkeypatch.setenv("DATABASE_URL", "postgres://cum2:mat-khau-bi-mat@localhost/cum2")  # SQLAlchemy's «postgresql»

    serve._warm()

    (line,) = [r for r in caplog.records if r.name == "serve"]
    assert line.exc_info is None
    assert line.getMessage().startswith("Không mở được cơ sở dữ liệu postgres://cum2:***@localhost/cum2: ")
    assert "Hãy sửa DATABASE_URL" in line.getMessage() and " / The database cannot be opened: " in line.getMessage()
    assert "Không dùng được" not in line.getMessage() and "mat-khau-bi-mat" not in caplog.text


def test_a_court_registry_that_cannot_be_read_is_named_at_the_start_in_one_line_not_a_traceback(
    sample_url, tmp_path, monkeypatch, caplog
):
    monkeypatch.setenv("DATABASE_URL", sample_url)
    monkeypatch.setenv(domain.COURTS_FILE_VARIABLE, str(tmp_path / "khong-co.csv"))
    domain.courts.cache_clear()

    try:
        serve._warm()
    finally:
        monkeypatch.delenv(domain.COURTS_FILE_VARIABLE)
        domain.courts.cache_clear()

    (line,) = [r for r in caplog.records if r.name == "serve"]
    assert line.exc_info is None  # a misconfiguration, not a bug: no «the first page will do the work» either
    assert line.getMessage().startswith(f"Không đọc được danh sách Tòa án {tmp_path / 'khong-co.csv'}")
