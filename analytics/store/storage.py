"""The store the app and the command line open: one object with the database's parts.

Each part lives in its own module: database.py (engine, migrations, the write transaction, settings),
returns.py, comments.py, targets.py; schema.py declares the tables."""

from __future__ import annotations

from analytics.store.comments import Comments
from analytics.store.returns import Returns
from analytics.store.targets import TargetsAndWeights


class Store(Returns, Comments, TargetsAndWeights):
    """The database behind the app and the command line."""
