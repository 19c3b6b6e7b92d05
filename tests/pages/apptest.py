"""Runs one page under Streamlit's AppTest against a given database."""

from __future__ import annotations

import datetime as dt
import json
import re

import pandas as pd
import pytest
from streamlit import dataframe_util
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import Dataframe, Table

from analytics.security import Account
from analytics.store.storage import Store
from tests.analytics.builders import enrol
from tests.conftest import ROOT
from ui import state

TIMEOUT = 60  # seconds for one script run on a busy 2-core CI machine; a run takes well under one


def open_page(
    page: str, url: str, monkeypatch: pytest.MonkeyPatch, *, account: Account | None = None, **query: str
) -> AppTest:
    """The page after its first run, as a user who opened it (with these URL query parameters) sees it;
    with an account, as that account signed in a moment ago (an account of the database: added when missing)."""
    monkeypatch.setenv("DATABASE_URL", url)
    app = AppTest.from_file(str(ROOT / "pages" / page), default_timeout=TIMEOUT)
    for key, value in query.items():
        app.query_params[key] = value
    if account is not None:
        now = dt.datetime.now(dt.UTC)
        store = Store(url)
        app.session_state[state.ACCOUNT] = enrol(store, account)
        store.dispose()
        app.session_state[state.SIGNED_IN_AT] = app.session_state[state.SEEN_AT] = now
    return app.run()


def open_compare_tab(app: AppTest, label: str) -> AppTest:
    """The compare page after a click on its tab of that label (only the open tab is made: the click runs it again)."""
    app.session_state[state.COMPARE_TAB] = label
    return app.run()


_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")  # a backslash before ASCII punctuation: the character itself


def texts(app: AppTest) -> str:
    """Everything the page says in markdown, captions, notices and titles, as one string to search: the markdown
    source with its backslash escapes read as the characters they stand for (`ui.safe.plain` escapes user text)."""
    parts = []
    for kind in ("title", "subheader", "markdown", "caption", "info", "warning", "error", "success", "text"):
        parts += [str(element.value) for element in app.get(kind)]
    return _unescaped("\n".join(parts))


def _unescaped(text: object) -> str:
    """Markdown as it reads: its backslash escapes as the characters they stand for, without plain()'s invisible word
    joiners."""
    return _ESCAPED.sub(r"\1", str(text)).replace("\u2060", "")


def no_failure(app: AppTest) -> None:
    assert not app.exception, [e.value for e in app.exception]


def _config(table: Dataframe) -> dict[str, dict]:
    return {k: c for k, c in json.loads(table.proto.columns or "{}").items() if isinstance(c, dict)}


def headers(table: Dataframe) -> dict[str, str]:
    """Column → the header the user reads (the app names columns by key and gives headers through column_config)."""
    return {column: c["label"] for column, c in _config(table).items() if "label" in c}


def _as_read(table: Dataframe, frame: pd.DataFrame) -> pd.DataFrame:
    hidden = [column for column, c in _config(table).items() if c.get("hidden") and column in frame.columns]
    return frame.drop(columns=hidden).rename(columns=headers(table))


def values(table: Dataframe) -> pd.DataFrame:
    """The table's values (numbers stay numbers underneath) under the headers the user reads, without the columns
    hidden from them."""
    return _as_read(table, table.value)


def shown(table: Dataframe) -> pd.DataFrame:
    """The table as the user reads it: under its headers, the display text a pandas Styler gave each cell
    ("✓ 98,6 %"), where `.value` holds the numbers underneath; a table without a Styler as it is."""
    styler = table.proto.arrow_data.styler
    if not styler.display_values:
        return values(table)
    return _as_read(table, dataframe_util.convert_arrow_bytes_to_pandas_df(styler.display_values))


def written(table: Table) -> pd.DataFrame:
    """A static table (st.table) as the browser writes it: its cells and headers are markdown, their backslash
    escapes read as the characters they stand for."""
    frame = table.value.map(_unescaped)
    frame.columns = [_unescaped(c) for c in frame.columns]
    frame.index = [_unescaped(label) for label in frame.index]
    return frame
