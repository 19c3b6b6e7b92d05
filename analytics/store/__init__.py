"""The database: schema and queries, accounts, migrations, and what a new database is given. The only package that touches it."""
