"""The one home of caching: the store as a resource, and every read cached by the data version."""

from __future__ import annotations

import datetime as dt
import logging
import os
import threading
from collections.abc import Callable, Hashable
from typing import TYPE_CHECKING, TypeVar

import streamlit as st

from analytics import formatting
from analytics.compute.comparison import Comparison, compare, latest_period, previous_period
from analytics.compute.comparison import cluster_values as compare_cluster_values
from analytics.compute.ranking import rank, weights
from analytics.compute.submissions import submissions
from analytics.domain import RETURN_DEADLINE
from analytics.ingest import worker
from analytics.ingest.identity import Choice
from analytics.store import accounts, bootstrap
from analytics.store.database import DATABASE_FAILURES, database_url, log_failure
from analytics.store.returns import HeldFigures
from analytics.store.storage import Store
from analytics.upload import CheckedFile, check

if TYPE_CHECKING:
    import pandas as pd

CACHE_ENTRIES = 32  # a handful of years × periods per data version; old versions age out
SHARED_ENTRIES = 512  # drawings and tables: a few per page × indicators × filters in use; old versions age out
T = TypeVar("T")


@st.cache_resource(show_spinner=False)
def _store(url: str) -> Store:
    store = Store(url)
    bootstrap.prepare(store)  # the targets shipped with the app, on a new database
    worker.pool().warm_in_background()  # the file readers start now, not with the first upload
    return store


def store() -> Store:
    """The store for $DATABASE_URL (or the SQLite file under data/), created on the first call."""
    return _store(database_url())


def version() -> int:
    """The data version: it changes on every write, so it is the key of every cached read."""
    return store().data_version()


@st.cache_data(max_entries=CACHE_ENTRIES, show_spinner=False)
def returns(url: str, data_version: int) -> pd.DataFrame:
    return _store(url).returns()


@st.cache_data(max_entries=CACHE_ENTRIES, show_spinner=False)
def comparison(url: str, data_version: int, year: int, period: str) -> Comparison:
    source = _store(url)
    everything = figures(url, data_version)  # the same period a year before and the projection need other years
    return compare(everything, source.targets(year), source.returns(year=year), year, period)


def chosen(url: str, data_version: int, year: int, period: str, courts: tuple[str, ...]) -> Comparison:
    """The comparison of a year and period showing the chosen courts (none: all; the cluster row stays the whole
    cluster's)."""
    return comparison(url, data_version, year, period).only(courts)


@st.cache_data(max_entries=CACHE_ENTRIES, show_spinner=False)
def targets(url: str, data_version: int, year: int) -> pd.DataFrame:
    return _store(url).targets(year)


@st.cache_data(max_entries=CACHE_ENTRIES, show_spinner=False)
def uploads(url: str, data_version: int) -> pd.DataFrame:
    return _store(url).uploads()


@st.cache_data(max_entries=CACHE_ENTRIES, show_spinner=False)
def checked(url: str, data_version: int, filename: str, content: bytes, choice: Choice | None = None) -> CheckedFile:
    """A file with every return it holds (seven for a compiled workbook), read and validated against the stored
    returns, with the user's answer about court, year and period; reruns of the upload page reuse it."""
    return check([(filename, content)], _store(url), choice)[0]


@st.cache_data(max_entries=CACHE_ENTRIES, show_spinner=False)
def figures(url: str, data_version: int, year: int | None = None) -> pd.DataFrame:
    """Current figures of a year (or of every year): the comparison, trends and the court profile read them. Each
    data version reads only the figures of the returns stored since the last read (`Returns.figures_since`)."""
    return _held(url).read(_store(url), data_version, year)


class _Held:
    """The figures last read, for the next data version's read: one per database, shared by every reader."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.figures: HeldFigures | None = None
        self.version: int | None = None  # the data version they were read for: its other years read nothing again

    def read(self, source: Store, data_version: int, year: int | None = None) -> pd.DataFrame:
        with self.lock:
            if self.figures is None or self.version != data_version:
                self.figures, self.version = source.figures_since(self.figures), data_version
            return self.figures.of_year(year)


@st.cache_resource(show_spinner=False)
def _held(url: str) -> _Held:
    return _Held()


def forget_figures() -> None:
    """The figures held for every database forgotten: the next read reads them all (a benchmark's cold case)."""
    _held.clear()


@st.cache_data(max_entries=CACHE_ENTRIES, show_spinner=False)
def all_targets(url: str, data_version: int) -> pd.DataFrame:
    return _store(url).targets()


@st.cache_data(max_entries=CACHE_ENTRIES, show_spinner=False)
def all_versions(url: str, data_version: int) -> pd.DataFrame:
    """Every stored version of every return (the data-status strip and the profile's returns)."""
    return _store(url).returns(current_only=False)


@st.cache_data(max_entries=CACHE_ENTRIES, show_spinner=False)
def comments(url: str, data_version: int) -> pd.DataFrame:
    return _store(url).comments()


@st.cache_data(max_entries=CACHE_ENTRIES, show_spinner=False)
def people(url: str, data_version: int) -> pd.DataFrame:
    """User name, name, role and court of every account (account changes bump the data version too)."""
    return accounts.people(_store(url))


@st.cache_data(max_entries=CACHE_ENTRIES, show_spinner=False)
def ranking_weights(url: str, data_version: int, year: int) -> pd.DataFrame:
    return _store(url).ranking_weights(year)


@st.cache_data(max_entries=CACHE_ENTRIES, show_spinner=False)
def cluster_values(url: str, data_version: int, year: int, period: str) -> pd.Series:
    """The cluster's indicator values of another period (the previous one): the overview's changes. The same period a
    year before comes with the period's comparison (`Comparison.cluster_in`)."""
    return compare_cluster_values(figures(url, data_version), year, period)


@st.cache_data(max_entries=CACHE_ENTRIES, show_spinner=False)
def ranking(url: str, data_version: int, year: int, period: str) -> pd.DataFrame:
    """The indicative ranking of a period with the stored weights (the scorecard and the ranking page)."""
    chosen = weights(ranking_weights(url, data_version, year))
    return rank(comparison(url, data_version, year, period).ranking_rows(), chosen)


@st.cache_data(max_entries=CACHE_ENTRIES, show_spinner=False)
def deadline_days(url: str, data_version: int) -> int:
    """Days after a period's end a return is due: the secretariat's setting, or the assumed 15."""
    return _store(url).setting(RETURN_DEADLINE.key)


@st.cache_data(max_entries=CACHE_ENTRIES, show_spinner=False)
def received(url: str, data_version: int, year: int, today: dt.date) -> pd.DataFrame:
    """Returns received of a year as of today (the data-status strip)."""
    return submissions(all_versions(url, data_version), year, today, deadline_days(url, data_version))


def shared(make: Callable[..., T], *key: Hashable) -> T:
    """What `make(*key)` returns, made once for every reader and kept while it is asked for: the pages' charts and
    tables, which cost far more to build than to draw. `make` reads nothing but its key (the data version, the
    filters, the language, the titles written out), so nothing stale is shown. Shared, not copied: never changed by
    the caller."""
    return _shared(f"{make.__module__}.{make.__qualname__}", key, make)


@st.cache_resource(max_entries=SHARED_ENTRIES, show_spinner=False)
def _shared(name: str, key: tuple, _make: Callable[..., T]) -> T:
    return _make(*key)


WARM_AFTER_WRITES_VARIABLE = "CUM2_WARM_AFTER_WRITES"  # "1": serve.py sets it; an environment variable outlives
# Streamlit's reloading of the app's modules when their files change
_WARMING = threading.Lock()  # held by the warm-up running
_WAITING = threading.Lock()  # held by the one warm-up waiting its turn: it warms whatever version is newest then


def written(url: str | None = None) -> threading.Thread | None:
    """After a write through this server (an upload stored, a version restored; targets, weights, a comment, an
    account or a setting saved): `warm_up` again in a thread of its own, so that the next reader of the new data
    version finds the latest period read, compared and ranked instead of waiting for it. A reader who comes meanwhile
    waits for what the warm-up is making (Streamlit locks each cached value while it is made) instead of making it
    twice. At most one warm-up runs and one waits: a burst of writes warms the newest version once more. Off unless
    serve.py turned it on (AppTest drives writes without a server). Returns the thread started, if any."""
    if os.environ.get(WARM_AFTER_WRITES_VARIABLE) != "1" or not _WAITING.acquire(blocking=False):
        return None
    thread = threading.Thread(target=_warm_after_write, args=(url or database_url(),), name="cum2-warm", daemon=True)
    try:
        thread.start()
    except RuntimeError:  # no thread to be had: the write is done all the same, the next reader computes
        _WAITING.release()
        logging.getLogger(__name__).exception("no warm-up after a write")
        return None
    return thread


def _warm_after_write(url: str) -> None:
    with _WARMING:
        _WAITING.release()
        try:
            warm_up(url)
        except DATABASE_FAILURES as error:  # the next reader computes instead, and sees the page's one sentence
            log_failure(
                logging.getLogger(__name__), error, " khi tính sẵn sau một lần ghi; người xem kế tiếp sẽ tự tính", url
            )
        except Exception:  # a bug: its traceback, for whoever fixes it
            logging.getLogger(__name__).exception("warm-up after a write failed")


def warm_up(url: str | None = None) -> tuple[int, str] | None:
    """What the first reader after a start would otherwise wait for, done before the server answers (serve.py): the
    store opened and the reading workers started, the returns and figures read, and the latest period's comparison,
    ranking, received returns and the cluster's values the overview compares with. Cached by the data version as
    for any reader. Returns the period warmed (None for an empty store)."""
    url = url or database_url()
    version = _store(url).data_version()
    held = latest_period(returns(url, version))
    if held is None:
        return None
    year, period = held
    comparison(url, version, year, period)
    ranking(url, version, year, period)
    cluster_values(url, version, *previous_period(year, period))
    received(url, version, year, formatting.today())
    return held
