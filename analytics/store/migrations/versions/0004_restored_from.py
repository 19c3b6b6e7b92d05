"""A restored version says which version it restores: `returns.restored_from`.

A restore copies an earlier version as the newest; its row keeps the upload it was first stored from (its bytes), so
the upload history took the uploader and time of that upload for the restore. The history now reads who stored each
version and when from the version itself, and marks a restore with the version it restores. Restores made before
this revision are found in the audit trail ("return.restore", whose `after` holds the new version and `from`).

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02
"""

import json

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("returns", schema=None) as batch_op:
        batch_op.add_column(sa.Column("restored_from", sa.Integer(), nullable=True))
    conn = op.get_bind()
    returns = sa.table(
        "returns",
        sa.column("court", sa.String),
        sa.column("year", sa.Integer),
        sa.column("period", sa.String),
        sa.column("version", sa.Integer),
        sa.column("restored_from", sa.Integer),
    )
    audit = sa.table("audit", sa.column("action", sa.String), sa.column("subject", sa.String), sa.column("after"))
    lines = conn.execute(sa.select(audit.c.subject, audit.c.after).where(audit.c.action == "return.restore")).all()
    for subject, after in lines:
        try:
            court, year, period = subject.split(" ")
            made = json.loads(after)
            version, source = int(made["version"]), int(made["from"])
        except (ValueError, TypeError, KeyError):
            continue  # not a line this release wrote: that version stays unmarked
        conn.execute(
            returns.update()
            .where(
                returns.c.court == court,
                returns.c.year == int(year),
                returns.c.period == period,
                returns.c.version == version,
            )
            .values(restored_from=source)
        )


def downgrade() -> None:
    with op.batch_alter_table("returns", schema=None) as batch_op:
        batch_op.drop_column("restored_from")
