"""Read-only queries of the load log and the quarantine, for stewards' tools."""

from __future__ import annotations

from sqlalchemy import Engine, func, select

from observatory.db.schema import load_batch_table as batches
from observatory.db.schema import quarantined_row_table as quarantine
from observatory.db.schema import registration_table


def list_batches(engine: Engine) -> list[dict]:
    """Every load attempt, oldest first."""
    with engine.connect() as conn:
        return [dict(r) for r in conn.execute(select(batches).order_by(batches.c.id)).mappings()]


def list_quarantine(engine: Engine, batch_id: int | None = None) -> list[dict]:
    """Quarantined fields with their batch's file name; personal identifiers were never kept."""
    statement = (
        select(
            quarantine.c.batch_id,
            batches.c.file_name,
            quarantine.c.row_number,
            quarantine.c.field,
            quarantine.c.reason,
            quarantine.c.raw_values,
        )
        .join(batches, batches.c.id == quarantine.c.batch_id)
        .order_by(quarantine.c.batch_id, quarantine.c.row_number, quarantine.c.id)
    )
    if batch_id is not None:
        statement = statement.where(quarantine.c.batch_id == batch_id)
    with engine.connect() as conn:
        return [dict(r) for r in conn.execute(statement).mappings()]


def registrations_count(engine: Engine) -> int:
    """How many registrations are stored (0 for an empty observatory)."""
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(registration_table)).scalar_one()


def recent_batches(engine: Engine, source_kinds: tuple[str, ...], limit: int = 50) -> list[dict]:
    """The newest load attempts of `source_kinds`, newest first (a steward's own sources)."""
    statement = (
        select(batches)
        .where(batches.c.source_kind.in_(source_kinds))
        .order_by(batches.c.id.desc())
        .limit(limit)
    )
    with engine.connect() as conn:
        return [dict(r) for r in conn.execute(statement).mappings()]


def batch(engine: Engine, batch_id: int) -> dict | None:
    """One load attempt, or None."""
    with engine.connect() as conn:
        row = conn.execute(select(batches).where(batches.c.id == batch_id)).mappings().first()
    return None if row is None else dict(row)
