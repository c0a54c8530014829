"""Alembic environment: the app passes its connection; the alembic CLI uses DATABASE_URL."""

from __future__ import annotations

import os

from alembic import context
from sqlalchemy import Connection

from bot.config import DEFAULT_DATABASE_URL
from bot.db import include_name, make_engine, schema_metadata

config = context.config
target_metadata = schema_metadata()


def run_migrations(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        # SQLite alters tables by copying them; batch mode does that for us.
        render_as_batch=True,
        compare_type=True,
        include_name=include_name,  # the search index is the migrations' own (0010), not a model's
    )
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        run_migrations(connection)
        return
    url = config.get_main_option("sqlalchemy.url") or os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL
    engine = make_engine(url)
    with engine.connect() as connection:
        run_migrations(connection)
        connection.commit()
    engine.dispose()


if context.is_offline_mode():
    raise SystemExit("Offline (--sql) migrations are not supported; run against a database.")
run_online()
