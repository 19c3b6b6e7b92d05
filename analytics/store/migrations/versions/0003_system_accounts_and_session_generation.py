"""System accounts and session generations: every writer is a row of users; a password change ends sessions.

`users.system` marks the accounts of the command line's operators and of the sample loader, which cannot log
in; `users.generation` moves on when a password changes or an account is disabled, so the sessions holding
the old one end at their next action. The sample loader's account ("hệ thống") is created here.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01
"""

import datetime as dt

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

SYSTEM_USERNAME, SYSTEM_NAME = "hệ thống", "Hệ thống"  # analytics.security.SYSTEM, as its rows already name it


def _first_release_tables() -> None:
    """A database made before migrations existed was stamped as 0001 without the account tables of 0001: they are
    made here, so that every database has the users every write is checked against."""
    present = set(sa.inspect(op.get_bind()).get_table_names())
    if "audit" not in present:
        op.create_table(
            "audit",
            sa.Column("id", sa.Integer(), nullable=False),
            sa.Column("at", sa.DateTime(timezone=True), nullable=False),
            sa.Column("actor", sa.String(length=64), nullable=False),
            sa.Column("action", sa.String(length=32), nullable=False),
            sa.Column("subject", sa.String(length=255), nullable=False),
            sa.Column("before", sa.Text(), nullable=True),
            sa.Column("after", sa.Text(), nullable=True),
            sa.PrimaryKeyConstraint("id"),
        )
    if "login_failures" not in present:
        op.create_table(
            "login_failures",
            sa.Column("id", sa.Integer(), nullable=False),
            sa.Column("client", sa.String(length=128), nullable=False),
            sa.Column("username", sa.String(length=64), nullable=False),
            sa.Column("at", sa.DateTime(timezone=True), nullable=False),
            sa.PrimaryKeyConstraint("id"),
        )
        with op.batch_alter_table("login_failures", schema=None) as batch_op:
            batch_op.create_index(batch_op.f("ix_login_failures_client"), ["client"], unique=False)
    if "users" not in present:
        op.create_table(
            "users",
            sa.Column("username", sa.String(length=64), nullable=False),
            sa.Column("display_name", sa.String(length=255), nullable=False),
            sa.Column("email", sa.String(length=255), nullable=True),
            sa.Column("password_hash", sa.String(length=255), nullable=True),
            sa.Column("role", sa.String(length=16), nullable=False),
            sa.Column("court", sa.String(length=32), nullable=True),
            sa.Column("active", sa.Boolean(), nullable=False),
            sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
            sa.Column("failed_logins", sa.Integer(), nullable=False),
            sa.Column("locked_until", sa.DateTime(timezone=True), nullable=True),
            sa.PrimaryKeyConstraint("username"),
            sa.UniqueConstraint("email"),
        )


def upgrade() -> None:
    _first_release_tables()
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("system", sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column("generation", sa.Integer(), nullable=False, server_default="0"))
    users = sa.table(
        "users",
        sa.column("username", sa.String),
        sa.column("display_name", sa.String),
        sa.column("email", sa.String),
        sa.column("password_hash", sa.String),
        sa.column("role", sa.String),
        sa.column("court", sa.String),
        sa.column("active", sa.Boolean),
        sa.column("created_at", sa.DateTime(timezone=True)),
        sa.column("failed_logins", sa.Integer),
        sa.column("system", sa.Boolean),
        sa.column("generation", sa.Integer),
    )
    op.bulk_insert(
        users,
        [
            {
                "username": SYSTEM_USERNAME,
                "display_name": SYSTEM_NAME,
                "email": None,
                "password_hash": None,
                "role": "admin",
                "court": None,
                "active": True,
                "created_at": dt.datetime.now(dt.UTC),
                "failed_logins": 0,
                "system": True,
                "generation": 0,
            }
        ],
    )


def downgrade() -> None:
    op.execute(sa.text("DELETE FROM users WHERE system"))
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("generation")
        batch_op.drop_column("system")
