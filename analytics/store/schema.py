"""The schema, declared once with SQLAlchemy Core: every table the migrations build, and the column lists the
queries return. The migrations (store/migrations/) create and change it; this is what the code reads and writes."""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

settings = sa.Table(
    "settings",
    metadata,
    sa.Column("key", sa.String(64), primary_key=True),
    sa.Column("value", sa.BigInteger, nullable=False),
)

uploads = sa.Table(
    "uploads",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("sha256", sa.String(64), nullable=False, unique=True),
    sa.Column("filename", sa.String(255), nullable=False),
    sa.Column("size", sa.Integer, nullable=False),
    sa.Column("content", sa.LargeBinary, nullable=False),
    sa.Column("uploaded_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("uploaded_by", sa.String(128), nullable=False),
)

returns = sa.Table(
    "returns",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("court", sa.String(32), nullable=False),
    sa.Column("year", sa.Integer, nullable=False),
    sa.Column("period", sa.String(4), nullable=False),
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("upload_id", sa.ForeignKey("uploads.id"), nullable=False),
    sa.Column("stored_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("stored_by", sa.String(128), nullable=False),
    sa.Column("prepared_by", sa.String(255), nullable=False, default=""),
    sa.Column("prepared_on", sa.Date, nullable=True),
    sa.Column("notes", sa.Text, nullable=False, default=""),
    sa.Column("synthetic", sa.Boolean, nullable=False, default=False),
    # A restored version: the version it copies (its upload_id is that version's file). None: stored from an upload.
    sa.Column("restored_from", sa.Integer, nullable=True),
    sa.UniqueConstraint("court", "year", "period", "version"),
)

figures = sa.Table(
    "figures",
    metadata,
    sa.Column("return_id", sa.ForeignKey("returns.id"), primary_key=True),
    sa.Column("scope", sa.String(32), primary_key=True),  # a case type, or "court" for court-level figures
    sa.Column("measure", sa.String(32), primary_key=True),
    sa.Column("value", sa.BigInteger, nullable=False),
)

problems = sa.Table(
    "problems",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("return_id", sa.ForeignKey("returns.id"), nullable=False),
    sa.Column("severity", sa.String(16), nullable=False),
    sa.Column("rule", sa.String(64), nullable=False),
    sa.Column("file", sa.String(255), nullable=False),
    sa.Column("sheet", sa.String(64), nullable=False),
    sa.Column("cell", sa.String(16), nullable=False),
    sa.Column("value", sa.String(255), nullable=False),
    sa.Column("message", sa.Text, nullable=False),
    sa.Column("message_en", sa.Text, nullable=False),
)

targets = sa.Table(
    "targets",
    metadata,
    sa.Column("year", sa.Integer, primary_key=True),
    sa.Column("indicator", sa.String(64), primary_key=True),
    sa.Column("layer", sa.String(32), primary_key=True),
    sa.Column("comparator", sa.String(2), nullable=False),
    sa.Column("value", sa.Float, nullable=False),
    sa.Column("source", sa.Text, nullable=False),
    sa.Column("confidence", sa.String(16), nullable=False),
)

comments = sa.Table(
    "comments",  # "ghi chú" beside a court's figures of a period; never edited or deleted, newest shown first
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("court", sa.String(32), nullable=False),
    sa.Column("year", sa.Integer, nullable=False),
    sa.Column("period", sa.String(4), nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("author", sa.String(128), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Index("ix_comments_court_year", "court", "year"),
)

ranking_weights = sa.Table(
    "ranking_weights",  # the secretariat's weights of the indicative emulation ranking, per year
    metadata,
    sa.Column("year", sa.Integer, primary_key=True),
    sa.Column("indicator", sa.String(64), primary_key=True),
    sa.Column("weight", sa.Float, nullable=False),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("updated_by", sa.String(128), nullable=False),
)

COMMENT_MAX_CHARS = 2000  # the comment box's own limit

COMMENT_COLUMNS = ["id", "court", "year", "period", "text", "author", "created_at"]

WEIGHT_COLUMNS = ["year", "indicator", "weight", "updated_at", "updated_by"]

users = sa.Table(
    "users",
    metadata,
    sa.Column("username", sa.String(64), primary_key=True),
    sa.Column("display_name", sa.String(255), nullable=False, default=""),
    sa.Column("email", sa.String(255), nullable=True, unique=True),
    sa.Column("password_hash", sa.String(255), nullable=True),  # None: single sign-on only
    sa.Column("role", sa.String(16), nullable=False),
    sa.Column("court", sa.String(32), nullable=True),
    sa.Column("active", sa.Boolean, nullable=False, default=True),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("failed_logins", sa.Integer, nullable=False, default=0),
    sa.Column("locked_until", sa.DateTime(timezone=True), nullable=True),
    # The command line's operators and the sample loader: accounts every write checks like any other, which
    # cannot log in (no password, no e-mail) and cannot be given a password or disabled.
    sa.Column("system", sa.Boolean, nullable=False, default=False),
    # Moves on when the password changes or the account is disabled: sessions holding an older one end.
    sa.Column("generation", sa.Integer, nullable=False, default=0),
)

login_failures = sa.Table(
    "login_failures",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("client", sa.String(128), nullable=False, index=True),
    sa.Column("username", sa.String(64), nullable=False),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
)

audit = sa.Table(
    "audit",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("actor", sa.String(64), nullable=False),
    sa.Column("action", sa.String(32), nullable=False),
    sa.Column("subject", sa.String(255), nullable=False),  # what was changed, e.g. "lai_chau 2023 12"
    sa.Column("before", sa.Text, nullable=True),  # JSON
    sa.Column("after", sa.Text, nullable=True),  # JSON
)

DATA_VERSION = "data_version"
