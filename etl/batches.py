"""The load log: one row per attempt, written so a killed load is still seen as failed."""

from __future__ import annotations

import datetime as dt
import json
import os
import socket
from collections.abc import Mapping

from sqlalchemy import Connection, Engine, func, insert, select, update

from observatory.db.schema import data_state_table
from observatory.db.schema import load_batch_table as batches

_THIS_HOST = socket.gethostname()
INTERRUPTED = "interrupted: the loading process stopped before the end; nothing was written"


def now() -> dt.datetime:
    """Timestamps of the load log, in UTC without tzinfo (portable across databases)."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)


def insert_batch(conn: Connection, values: Mapping[str, object]) -> int:
    """Add a batch row and return its id."""
    row = {"process": f"{_THIS_HOST}:{os.getpid()}", "started_at": now(), **values}
    return conn.execute(insert(batches).values(row).returning(batches.c.id)).scalar_one()


def finish_batch(conn: Connection, batch_id: int, status: str, **values: object) -> None:
    """Close a batch with its final status and counts."""
    statement = update(batches).where(batches.c.id == batch_id)
    conn.execute(statement.values(status=status, finished_at=now(), process=None, **values))


def advance_data_version(conn: Connection) -> None:
    """Bump the data version inside the load's own transaction (caches key on it)."""
    statement = update(data_state_table).where(data_state_table.c.id == 1)
    conn.execute(statement.values(version=data_state_table.c.version + 1, changed_at=now()))


def record_outcome(engine: Engine, batch_id: int | None, values: Mapping[str, object]) -> int:
    """In its own transaction: close `batch_id`, or add a closed batch when there is none.

    The data version advances too: the load log is data the stewards' page shows, and a
    cached view of it must not miss a refused or failed load.
    """
    with engine.begin() as conn:
        advance_data_version(conn)
        if batch_id is None:
            return insert_batch(conn, {**values, "finished_at": now(), "process": None})
        finish_batch(conn, batch_id, **values)
        return batch_id


def loaded_batch_with(
    conn: Connection, sha256: str, source_kind: str
) -> Mapping[str, object] | None:
    """The earlier successful load of the same bytes as the same source, if any."""
    statement = (
        select(batches)
        .where(
            batches.c.sha256 == sha256,
            batches.c.source_kind == source_kind,
            batches.c.status == "loaded",
        )
        .order_by(batches.c.id)
        .limit(1)
    )
    row = conn.execute(statement).mappings().first()
    return dict(row) if row else None


def first_seen(conn: Connection, sha256: str) -> dt.date | None:
    """The day a file with these bytes first reached the loader (None if never)."""
    statement = select(func.min(batches.c.started_at)).where(batches.c.sha256 == sha256)
    first = conn.execute(statement).scalar_one_or_none()
    return first.date() if first else None


def mark_interrupted(engine: Engine) -> int:
    """Batches left `running` by a process of this host that no longer exists become `failed`.

    A killed loader cannot write its own ending; its data transaction was rolled back by the
    database, and this makes the load log say so.
    """
    with engine.begin() as conn:
        running = conn.execute(
            select(batches.c.id, batches.c.process).where(batches.c.status == "running")
        ).all()
        dead = [batch_id for batch_id, process in running if _process_gone(process)]
        if dead:
            advance_data_version(conn)
            conn.execute(
                update(batches)
                .where(batches.c.id.in_(dead))
                .values(
                    status="failed",
                    finished_at=now(),
                    process=None,
                    message=INTERRUPTED,
                )
            )
    return len(dead)


def _process_gone(process: str | None) -> bool:
    host, _, pid = (process or "").rpartition(":")
    if host != _THIS_HOST or not pid.isdigit():
        return False  # another machine's load: it knows best
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


def options_json(options: Mapping[str, object]) -> str:
    """Load options as stored in the log."""
    return json.dumps({k: v for k, v in options.items() if v is not None}, sort_keys=True)
