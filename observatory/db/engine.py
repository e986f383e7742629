"""The engine factory and transaction scope: nothing else creates engines."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url


def make_engine(url: str, **kwargs: object) -> Engine:
    """Create an engine for `url`; SQLite gets real transactions, foreign keys and WAL."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database
        # A `file:` URI (`?uri=true`, e.g. `mode=ro`) names no folder to create.
        if database and database != ":memory:" and not parsed.query.get("uri"):
            Path(database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, **kwargs)
        _register_sqlite_date_adapter()
        _make_sqlite_transactional(engine)
        return engine
    return create_engine(url, pool_pre_ping=True, **kwargs)


def _register_sqlite_date_adapter() -> None:
    # SQLAlchemy stores a Date in SQLite as ISO text; raw bulk inserts of the ETL write dates
    # through this adapter so both paths store the same text (Python 3.12 deprecates the
    # implicit default adapter, so it is registered explicitly).
    sqlite3.register_adapter(dt.date, dt.date.isoformat)


def _make_sqlite_transactional(engine: Engine) -> None:
    # pysqlite delays BEGIN until the first write, so a file's load would not be one
    # transaction; SQLAlchemy's documented recipe takes BEGIN over.
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA cache_size=-65536")  # 64 MiB: bulk loads update three indexes
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        conn.exec_driver_sql("BEGIN")


def is_sqlite(engine_or_conn: Engine | Connection) -> bool:
    """True when the database is SQLite (the embedded default)."""
    return engine_or_conn.dialect.name == "sqlite"


@contextmanager
def transaction(engine: Engine) -> Iterator[Connection]:
    """One transaction: committed when the block ends, rolled back if it raises."""
    with engine.begin() as conn:
        yield conn
