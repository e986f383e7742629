"""Alembic environment: target_metadata is the one schema; batch mode for SQLite."""

from __future__ import annotations

from alembic import context

from observatory.config import Settings
from observatory.db.engine import make_engine
from observatory.db.schema import Base

config = context.config
target_metadata = Base.metadata


def _run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:  # called from observatory.db.migrate with an open connection
        _run(connection)
        return
    engine = make_engine(Settings.from_env().database_url)
    with engine.connect() as conn:
        _run(conn)
    engine.dispose()


if context.is_offline_mode():
    raise SystemExit("offline (SQL script) migrations are not supported; run against a database")
run_migrations_online()
