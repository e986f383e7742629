"""Shared fixtures: a fresh, migrated database per test on SQLite and PostgreSQL."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, text

from observatory.corridor import load_corridor
from observatory.db.engine import make_engine
from observatory.db.migrate import upgrade
from tests.services import POSTGRES_URL, require_service

FIXTURES = Path(__file__).parent / "fixtures"
# A fixed test key: pseudonyms in tests are reproducible, and never the production key.
TEST_PSEUDONYM_KEY = b"test-key-not-for-production"


@pytest.fixture(scope="session")
def corridor():
    """The Guatemala -> Mexico corridor shipped with the project."""
    return load_corridor("gt_mx")


@pytest.fixture
def sqlite_engine(tmp_path: Path) -> Iterator[Engine]:
    """An empty SQLite file, migrated to head."""
    engine = make_engine(f"sqlite:///{tmp_path / 'observatory.db'}")
    upgrade(engine)
    yield engine
    engine.dispose()


def postgres_schema_url() -> tuple[str, str]:
    """A PostgreSQL URL whose search_path is a new, empty schema (one per test)."""
    schema = f"t_{uuid.uuid4().hex[:12]}"
    separator = "&" if "?" in POSTGRES_URL else "?"
    return f"{POSTGRES_URL}{separator}options=-csearch_path%3D{schema}", schema


@pytest.fixture
def postgres_engine() -> Iterator[Engine]:
    """A fresh schema in the machine's PostgreSQL `test` database, migrated to head."""
    require_service("PostgreSQL", "127.0.0.1", 5432)
    url, schema = postgres_schema_url()
    admin = make_engine(POSTGRES_URL)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    engine = make_engine(url)
    try:
        upgrade(engine)
        yield engine
    finally:
        engine.dispose()
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def engine(request: pytest.FixtureRequest) -> Engine:
    """The same test on both databases the observatory supports."""
    name = "sqlite_engine" if request.param == "sqlite" else "postgres_engine"
    return request.getfixturevalue(name)
