"""Lineage of a published number: the loaded batches of the sources an indicator reads."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Connection, select

from observatory.db.schema import load_batch_table as batches


def loaded_batches(conn: Connection, source_kinds: Sequence[str]) -> list[dict]:
    """The batches of `source_kinds` whose load succeeded ('loaded'), oldest first.

    Refused, failed and dry-run batches left nothing in the tables, so they are not
    sources of any number. Each row: id, source_kind, file_name, sha256, started_at,
    finished_at, rows_loaded, rows_updated.
    """
    stmt = (
        select(
            batches.c.id,
            batches.c.source_kind,
            batches.c.file_name,
            batches.c.sha256,
            batches.c.started_at,
            batches.c.finished_at,
            batches.c.rows_loaded,
            batches.c.rows_updated,
        )
        .where(batches.c.status == "loaded", batches.c.source_kind.in_(list(source_kinds)))
        .order_by(batches.c.id)
    )
    return [dict(row) for row in conn.execute(stmt).mappings()]
