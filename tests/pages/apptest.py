"""Runs one page under Streamlit's AppTest against a given database."""

from __future__ import annotations

import datetime as dt

import pytest
from streamlit.testing.v1 import AppTest

from analytics.security import Account
from tests.conftest import ROOT
from ui import state

TIMEOUT = 60  # seconds for one script run on a busy 2-core CI machine; a run takes well under one


def open_page(
    page: str, url: str, monkeypatch: pytest.MonkeyPatch, *, account: Account | None = None, **query: str
) -> AppTest:
    """The page after its first run, as a user who opened it (with these URL query parameters) sees it;
    with an account, as that account signed in a moment ago."""
    monkeypatch.setenv("DATABASE_URL", url)
    app = AppTest.from_file(str(ROOT / "pages" / page), default_timeout=TIMEOUT)
    for key, value in query.items():
        app.query_params[key] = value
    if account is not None:
        now = dt.datetime.now(dt.UTC)
        app.session_state[state.ACCOUNT] = account
        app.session_state[state.SIGNED_IN_AT] = app.session_state[state.SEEN_AT] = now
    return app.run()


def texts(app: AppTest) -> str:
    """Everything the page says in markdown, captions, notices and titles, as one string to search."""
    parts = []
    for kind in ("title", "subheader", "markdown", "caption", "info", "warning", "error", "success"):
        parts += [str(element.value) for element in app.get(kind)]
    return "\n".join(parts)


def no_failure(app: AppTest) -> None:
    assert not app.exception, [e.value for e in app.exception]
