"""The one home of caching: the store as a resource, and every read cached by the data version."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analytics import bootstrap
from analytics.comparison import Comparison, compare
from analytics.identity import Choice
from analytics.importing import Checked, check_many
from analytics.storage import Store, database_url

CACHE_ENTRIES = 32  # a handful of years × periods per data version; old versions age out


@st.cache_resource(show_spinner=False)
def _store(url: str) -> Store:
    store = Store(url)
    bootstrap.prepare(store)  # the targets shipped with the app, on a new database
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
    return compare(source.figures(year=year), source.targets(year), source.returns(year=year), year, period)


@st.cache_data(max_entries=CACHE_ENTRIES, show_spinner=False)
def targets(url: str, data_version: int, year: int) -> pd.DataFrame:
    return _store(url).targets(year)


@st.cache_data(max_entries=CACHE_ENTRIES, show_spinner=False)
def uploads(url: str, data_version: int) -> pd.DataFrame:
    return _store(url).uploads()


@st.cache_data(max_entries=CACHE_ENTRIES, show_spinner=False)
def checked(url: str, data_version: int, filename: str, content: bytes, choice: Choice | None = None) -> list[Checked]:
    """Every return of a file (seven for a compiled workbook), read and validated against the stored
    returns, with the user's answer about court, year and period; reruns of the upload page reuse it."""
    return check_many(filename, content, _store(url), choice)
