"""Writing a chunk: bulk inserts (COPY on PostgreSQL), upserts by natural key, history."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sqlalchemy import ColumnElement, Connection, Table, any_, bindparam, func, select, update
from sqlalchemy.dialects import postgresql

from observatory.db.schema import record_change_table, worker_table

_IN_BATCH = 5_000  # bound parameters per IN list: well under SQLite's and PostgreSQL's limits


def bulk_insert(
    conn: Connection, table: Table, columns: Sequence[str], rows: Sequence[tuple]
) -> None:
    """Insert many rows fast: COPY on PostgreSQL, executemany of plain tuples on SQLite."""
    if not rows:
        return
    names = ", ".join(columns)
    if conn.dialect.name == "postgresql":
        cursor = conn.connection.driver_connection.cursor()
        with cursor.copy(f"COPY {table.name} ({names}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        return
    marks = ", ".join("?" * len(columns))
    sql = f"INSERT INTO {table.name} ({names}) VALUES ({marks})"  # noqa: S608
    # The driver's own executemany takes lists as they are (SQLAlchemy's wants tuples); dates
    # go through the ISO adapter registered by observatory.db.engine. Same transaction.
    conn.connection.driver_connection.executemany(sql, rows)


def _json_value(value: object) -> object:
    return value.isoformat() if isinstance(value, dt.date) else value


@dataclass
class WriteCounts:
    loaded: int = 0
    updated: int = 0
    unchanged: int = 0


class KeyedTable:
    """A table written by natural key: new rows inserted, changed rows updated with history.

    The key's columns come first in `columns`. An empty value (None) in an incoming row
    leaves the stored value as it is (DATA_SPEC: empty cells and missing columns in a later
    file change nothing).
    """

    def __init__(
        self,
        table: Table,
        key: tuple[str, ...],
        columns: Sequence[str],
        defaults: dict[str, object],
        refresh: Callable[[tuple], tuple] | None = None,
    ) -> None:
        self.table = table
        # Recomputes the derived values of a merged row (an update that changes only part)
        self._refresh = refresh
        self.key = key
        self.columns = tuple(columns)
        if self.columns[: len(key)] != key:
            raise ValueError(f"{table.name}: the key {key} must lead the columns")
        self._width = len(key)
        self._defaults = tuple((self.columns.index(c), v) for c, v in defaults.items())
        self._empty_at_start: dict[tuple, bool] = {}
        # The key's last column is looked up by list; the others (an office) by equality.
        partition = [table.c[name] == bindparam(f"p{i}") for i, name in enumerate(key[:-1])]
        self._lookups = {
            dialect: select(table.c.id, *(table.c[c] for c in self.columns)).where(
                *partition, _in_list(table.c[key[-1]], "keys", dialect)
            )
            for dialect in ("sqlite", "postgresql")
        }

    def write(self, conn: Connection, rows: Sequence[tuple], batch_id: int) -> WriteCounts:
        """Upsert `rows` (tuples in `columns` order, keys unique within the call)."""
        counts = WriteCounts()
        existing = self._existing(conn, rows)
        width = self._width
        new_rows: list[list] = []
        changed: list[dict[str, object]] = []
        history: list[tuple] = []
        for row in rows:
            found = existing.get(tuple(row[:width]))
            if found is None:
                filled = [*row, batch_id, batch_id]
                for index, default in self._defaults:
                    if filled[index] is None:
                        filled[index] = default
                new_rows.append(filled)
                continue
            record_id, old = found
            merged = tuple(o if n is None else n for n, o in zip(row, old, strict=True))
            if self._refresh is not None:
                merged = self._refresh(merged)
            if merged == old:
                counts.unchanged += 1
                continue
            counts.updated += 1
            changed.append(
                {
                    "_id": record_id,
                    "v_last_batch_id": batch_id,
                    **{f"v_{c}": v for c, v in zip(self.columns, merged, strict=True)},
                }
            )
            diff = {
                c: [_json_value(o), _json_value(m)]
                for c, o, m in zip(self.columns, old, merged, strict=True)
                if o != m
            }
            history.append(
                (self.table.name, record_id, batch_id, json.dumps(diff, ensure_ascii=False))
            )
        bulk_insert(conn, self.table, (*self.columns, "first_batch_id", "last_batch_id"), new_rows)
        counts.loaded = len(new_rows)
        if changed:
            # bind names differ from column names: SQLAlchemy reserves those for SET
            values = {c: bindparam(f"v_{c}") for c in (*self.columns, "last_batch_id")}
            statement = update(self.table).where(self.table.c.id == bindparam("_id")).values(values)
            conn.execute(statement, changed)
            bulk_insert(
                conn,
                record_change_table,
                ("table_name", "record_id", "batch_id", "changes"),
                history,
            )
        return counts

    def _existing(self, conn: Connection, rows: Sequence[tuple]) -> dict[tuple, tuple[int, tuple]]:
        """Stored rows with the same keys: {key: (id, values in `columns` order)}."""
        width = self._width
        by_partition: dict[tuple, list[object]] = {}
        for row in rows:
            by_partition.setdefault(tuple(row[: width - 1]), []).append(row[width - 1])
        found: dict[tuple, tuple[int, tuple]] = {}
        statement = self._lookups[conn.dialect.name]
        for partition, keys in by_partition.items():
            if self._was_empty(conn, partition):
                continue  # nothing stored before this load, and the file's keys are unique
            fixed = {f"p{i}": value for i, value in enumerate(partition)}
            for start in range(0, len(keys), _IN_BATCH):
                params = {**fixed, "keys": keys[start : start + _IN_BATCH]}
                for record_id, *values in conn.execute(statement, params):
                    found[tuple(values[:width])] = (record_id, tuple(values))
        return found

    def _was_empty(self, conn: Connection, partition: tuple) -> bool:
        """Whether no row had this key prefix (an office; or none at all) when first met.

        Asked before the load writes any such row; an initial load of an office's history
        then skips a lookup per chunk that could only come back empty.
        """
        if partition not in self._empty_at_start:
            conditions = [self.table.c[n] == v for n, v in zip(self.key, partition, strict=False)]
            statement = select(self.table.c.id).where(*conditions).limit(1)
            self._empty_at_start[partition] = conn.execute(statement).first() is None
        return self._empty_at_start[partition]


def _in_list(column: ColumnElement, name: str, dialect: str) -> ColumnElement[bool]:
    """`column IN (...)` for a list bound at execution, compiled once for any length.

    PostgreSQL gets `= ANY(array)`: one parameter, where an expanding IN renders and parses
    thousands of placeholders on every lookup.
    """
    if dialect == "postgresql":
        return column == any_(bindparam(name, type_=postgresql.ARRAY(column.type)))
    return column.in_(bindparam(name, expanding=True))


_WORKERS_BY_KEY = {
    dialect: select(worker_table.c.id, worker_table.c.person_key).where(
        _in_list(worker_table.c.person_key, "keys", dialect)
    )
    for dialect in ("sqlite", "postgresql")
}


class WorkerIndex:
    """Pseudonymous workers of one load: {person_key: worker id}, created when first seen."""

    def __init__(self) -> None:
        # keyed by the pseudonym's first 128 bits as an int: a third of the memory of the
        # 64-character text, for the millions of workers a large file may name
        self._ids: dict[int, int] = {}
        self._table_was_empty: bool | None = None

    def ids(
        self, conn: Connection, people: Sequence[tuple[str, str | None, int | None]], batch_id: int
    ) -> list[int]:
        """Worker ids for (person_key, sex, birth_year) triples, inserting unknown workers."""
        ids = self._ids
        shorts = [_short(key) for key, _, _ in people]
        unknown: dict[str, tuple] = {}
        for (key, sex, year), short in zip(people, shorts, strict=True):
            if short not in ids and key not in unknown:
                unknown[key] = (sex, year)
        if self._table_was_empty is None:  # asked once, before this load adds any worker
            self._table_was_empty = conn.execute(select(worker_table.c.id).limit(1)).first() is None
        if unknown:
            if not self._table_was_empty:  # else every worker not yet seen here is new
                self._fetch(conn, list(unknown))
            missing = [(k, s, y, batch_id) for k, (s, y) in unknown.items() if _short(k) not in ids]
            self._insert(conn, missing)
        return [ids[short] for short in shorts]

    def _insert(self, conn: Connection, missing: list[tuple]) -> None:
        """Insert new workers and learn their ids."""
        if not missing:
            return
        columns = ("person_key", "sex", "birth_year", "first_batch_id")
        if conn.dialect.name != "sqlite":
            bulk_insert(conn, worker_table, columns, missing)
            self._fetch(conn, [key for key, *_ in missing])
            return
        # This transaction holds SQLite's only write lock, so the new rows take the ids after
        # the largest, in order: no need to read them back (checked, else read back).
        largest = select(func.max(worker_table.c.id))
        first = (conn.execute(largest).scalar_one() or 0) + 1
        bulk_insert(conn, worker_table, columns, missing)
        if conn.execute(largest).scalar_one() == first + len(missing) - 1:
            self._ids.update((_short(key), first + n) for n, (key, *_) in enumerate(missing))
        else:
            self._fetch(conn, [key for key, *_ in missing])

    def _fetch(self, conn: Connection, keys: list[str]) -> None:
        for start in range(0, len(keys), _IN_BATCH):
            batch = {"keys": keys[start : start + _IN_BATCH]}
            found = conn.execute(_WORKERS_BY_KEY[conn.dialect.name], batch)
            self._ids.update((_short(key), worker_id) for worker_id, key in found)


def _short(person_key: str) -> int:
    """The first 128 bits of a pseudonym (64 hex characters), as an int."""
    return int(person_key[:32], 16)
