"""Targets (per year, indicator and layer) and the ranking's weights (per year): changed by administrators only,
each change audited."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import sqlalchemy as sa

from analytics.security import Account, require_admin
from analytics.store.database import Database, record
from analytics.store.schema import WEIGHT_COLUMNS, ranking_weights, targets


class TargetsAndWeights(Database):
    """Targets and ranking weights, read and replaced."""

    def targets(self, year: int | None = None) -> pd.DataFrame:
        query = sa.select(targets)
        if year is not None:
            query = query.where(targets.c.year == year)
        with self.engine.connect() as conn:
            return pd.read_sql(query.order_by(targets.c.year, targets.c.indicator, targets.c.layer), conn)

    def put_targets(self, frame: pd.DataFrame, actor: Account, now: dt.datetime | None = None) -> int:
        """Inserts or replaces the given targets (by year, indicator, layer); admins only; audited.

        Every row is checked first (known indicator and layer, a comparator of the list, a finite value, a year of
        the cluster): one bad row is an InvalidInput naming it, and nothing is stored.
        """
        from analytics.compute.targets import (
            checked_targets,  # targets imports the indicators; storage stays below them
        )

        now = now or dt.datetime.now(dt.UTC)
        rows = checked_targets(frame).to_dict("records")
        with self.writing(actor) as (conn, who):
            require_admin(who)
            for row in rows:
                key = sa.and_(
                    targets.c.year == row["year"],
                    targets.c.indicator == row["indicator"],
                    targets.c.layer == row["layer"],
                )
                before = conn.execute(sa.select(targets).where(key)).mappings().first()
                conn.execute(targets.delete().where(key))
                conn.execute(targets.insert().values(**row))
                subject = f"{row['year']} {row['indicator']} {row['layer']}"
                record(conn, who, "targets", subject, dict(before) if before else None, row, now)
            self.bump(conn)
        return len(rows)

    def has_targets(self) -> bool:
        return bool(self.target_years())

    def target_years(self) -> set[int]:
        """The years the targets table holds any target of."""
        with self.engine.connect() as conn:
            return {int(y) for y in conn.execute(sa.select(targets.c.year).distinct()).scalars()}

    def ranking_weights(self, year: int) -> pd.DataFrame:
        """The stored weights of a year (empty when the secretariat has not set any)."""
        query = sa.select(*[ranking_weights.c[c] for c in WEIGHT_COLUMNS]).where(ranking_weights.c.year == year)
        with self.engine.connect() as conn:
            frame = pd.read_sql(query.order_by(ranking_weights.c.indicator), conn)
        return frame if not frame.empty else pd.DataFrame(columns=WEIGHT_COLUMNS)

    def put_ranking_weights(
        self, year: int, weights: dict[str, float], actor: Account, *, now: dt.datetime | None = None
    ) -> None:
        """Replaces the year's weights with these (indicator → a finite weight ≥ 0); admins only; audited."""
        from analytics.compute.ranking import checked_weights
        from analytics.domain import check_year

        check_year(year)
        chosen = checked_weights(weights)
        when = now or dt.datetime.now(dt.UTC)
        with self.writing(actor) as (conn, who):
            require_admin(who)
            rows = [
                {"year": year, "indicator": k, "weight": w, "updated_at": when, "updated_by": who.username}
                for k, w in chosen.items()
            ]
            before = conn.execute(
                sa.select(ranking_weights.c.indicator, ranking_weights.c.weight).where(ranking_weights.c.year == year)
            ).all()
            conn.execute(ranking_weights.delete().where(ranking_weights.c.year == year))
            if rows:
                conn.execute(ranking_weights.insert(), rows)
            record(conn, who, "weights", str(year), dict(before) or None, chosen, when)
            self.bump(conn)
