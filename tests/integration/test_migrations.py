"""The Alembic chain builds the one schema on SQLite and PostgreSQL, and never drifts from it."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from observatory.db.migrate import downgrade, upgrade
from observatory.db.schema import Base


def test_migrations_match_the_models(engine):
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []


def test_down_to_nothing_and_up_again(engine):
    downgrade(engine, "base")
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    upgrade(engine)
    assert set(Base.metadata.tables) <= set(inspect(engine).get_table_names())


def test_data_version_starts_at_zero(engine):
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT version FROM data_state WHERE id = 1").scalar() == 0
