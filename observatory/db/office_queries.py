"""SELECTs of the per-office view of data quality: which office each border_office load served."""

from __future__ import annotations

from sqlalchemy import Connection, func, select

from observatory.db.schema import load_batch_table as batch
from observatory.db.schema import registration_table as reg

BATCH_COLUMNS = ("id", "finished_at", "rows_loaded", "rows_updated", "rows_quarantined")


def batch_offices(conn: Connection) -> list[tuple[int, str]]:
    """(batch id, office code) for every office whose rows a batch created or last changed."""
    created = select(reg.c.first_batch_id.label("batch_id"), reg.c.office_code)
    changed = select(reg.c.last_batch_id.label("batch_id"), reg.c.office_code).where(
        reg.c.last_batch_id != reg.c.first_batch_id
    )
    both = created.union(changed).subquery()
    stmt = select(both.c.batch_id, both.c.office_code).order_by(both.c.batch_id)
    return [(int(b), str(o)) for b, o in conn.execute(stmt)]


def office_loads(conn: Connection) -> list[dict]:
    """The completed border_office loads: id, finish time and their row counts."""
    stmt = (
        select(*(batch.c[name] for name in BATCH_COLUMNS))
        .where(batch.c.source_kind == "border_office", batch.c.status == "loaded")
        .order_by(batch.c.id)
    )
    return [dict(row) for row in conn.execute(stmt).mappings()]


def office_registrations(conn: Connection) -> list[tuple[str, int, object]]:
    """(office code, registrations held, newest registration date) per office."""
    stmt = (
        select(reg.c.office_code, func.count(), func.max(reg.c.registered_on))
        .group_by(reg.c.office_code)
        .order_by(reg.c.office_code)
    )
    return [(str(o), int(n), last) for o, n, last in conn.execute(stmt)]
