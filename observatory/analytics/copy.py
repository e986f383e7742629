"""Copy the database into a DuckDB file, in a process of its own.

python -m observatory.analytics.copy TARGET   (the database URL on standard input)

Tables travel as Arrow through ADBC drivers (SQLite: one batch, so each column's type is
inferred from all its values, not from a first batch of NULLs; PostgreSQL: binary COPY) and
are cast to the schema's types. The copy runs in a child process because the ADBC SQLite
driver brings its own SQLite library: two SQLite libraries in one process break each other's
file locks (SQLite documentation, "How To Corrupt An SQLite Database File", 2.2.1).

The copy is consistent: the data version is read before and after, and every load advances
it in its own transaction, so equal versions mean that no load committed in between;
otherwise the file is removed and the exit status is 3.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from sqlalchemy import Boolean, Date, DateTime, Float, Integer, Table
from sqlalchemy.engine import make_url

from observatory.db.schema import Base, record_change_table, registration_table

OUTDATED_EXIT = 3
# Corrections history is never aggregated; every other table is copied whole.
_SKIPPED = {record_change_table.name}
# Registrations sorted by date: DuckDB skips whole row groups outside a filter's period.
_ORDER = {registration_table.name: "registered_on, id"}


class ReplicaOutdated(RuntimeError):
    """A load committed while the copy was made; the copy was discarded."""


def replica_tables() -> list[Table]:
    """The tables copied into a replica, parents first."""
    return [t for t in Base.metadata.sorted_tables if t.name not in _SKIPPED]


def duckdb_type(column_type: object) -> str:
    """The DuckDB type of a schema column type."""
    if isinstance(column_type, DateTime):
        return "TIMESTAMP"
    if isinstance(column_type, Date):
        return "DATE"
    if isinstance(column_type, Boolean):
        return "BOOLEAN"
    if isinstance(column_type, Integer):
        return "BIGINT"
    if isinstance(column_type, Float):
        return "DOUBLE"
    return "VARCHAR"


class _Reader:
    """Reads whole tables of the primary database as Arrow tables (ADBC)."""

    def __init__(self, url: str) -> None:
        parsed = make_url(url)
        self.backend = parsed.get_backend_name()
        if self.backend == "sqlite":
            import adbc_driver_sqlite.dbapi as driver

            self.connection = driver.connect(parsed.database)
        else:
            import adbc_driver_postgresql.dbapi as driver

            uri = parsed.set(drivername="postgresql").render_as_string(hide_password=False)
            self.connection = driver.connect(uri)

    def query(self, sql: str):  # -> pyarrow.Table
        cursor = self.connection.cursor()
        if self.backend == "sqlite":
            cursor.adbc_statement.set_options(**{"adbc.sqlite.query.batch_rows": "2000000000"})
        try:
            cursor.execute(sql)
            return cursor.fetch_arrow_table()
        finally:
            cursor.close()

    def data_version(self) -> int:
        values = self.query("SELECT version FROM data_state WHERE id = 1").column(0).to_pylist()
        return int(values[0] or 0) if values else 0

    def close(self) -> None:
        self.connection.close()


def copy_into(url: str, target: Path) -> int:
    """Copy the database at `url` into a new DuckDB file `target`; return its data version."""
    import duckdb

    target.unlink(missing_ok=True)
    reader = _Reader(url)
    duck = duckdb.connect(str(target))
    try:
        version = reader.data_version()
        for table in replica_tables():
            types = {c.name: duckdb_type(c.type) for c in table.columns}
            duck.execute(
                f'CREATE TABLE "{table.name}" ('
                + ", ".join(f'"{name}" {kind}' for name, kind in types.items())
                + ")"
            )
            # Names come from the schema's metadata, never from input.
            names = ", ".join(f'"{name}"' for name in types)
            arrow = reader.query(f'SELECT {names} FROM "{table.name}"')  # noqa: S608, F841
            casts = ", ".join(f'CAST("{name}" AS {kind})' for name, kind in types.items())
            order = f" ORDER BY {_ORDER[table.name]}" if table.name in _ORDER else ""
            duck.execute(f'INSERT INTO "{table.name}" SELECT {casts} FROM arrow{order}')  # noqa: S608
        duck.execute("CHECKPOINT")
        moved = reader.data_version()
    finally:
        duck.close()
        reader.close()
    if moved != version:
        target.unlink(missing_ok=True)
        raise ReplicaOutdated(f"data version moved from {version} to {moved} during the copy")
    return version


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    # The URL (it may hold a password) comes on stdin: argv is visible to every local user.
    url = sys.stdin.readline().strip()
    try:
        version = copy_into(url, Path(args[0]))
    except ReplicaOutdated as outdated:
        print(json.dumps({"outdated": str(outdated)}))
        return OUTDATED_EXIT
    print(json.dumps({"version": version}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
