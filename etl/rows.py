"""Writing a file's checked rows: workers, registrations and quarantine, with their counts."""

from __future__ import annotations

import gc
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import Connection

from etl.checking import CheckedChunk, CheckPlan, checked_chunks
from etl.errors import FileRefused
from etl.fields import decide_codings
from etl.links import DeriveContext
from etl.read import RawTable
from etl.scan import CHUNK_ROWS, FileShape
from etl.sources import SourceSpec, source_rules
from etl.store import WorkerIndex, bulk_insert
from observatory.corridor import Corridor
from observatory.db.schema import quarantined_row_table

# From this many rows a second process checks chunks while this one writes; below it,
# starting that process (about 0.3 s) costs more than it saves.
PARALLEL_FROM_ROWS = 3 * CHUNK_ROWS
Progress = Callable[[int, int], None]  # (rows done, rows in the file)
_QUARANTINE_COLUMNS = ("batch_id", "row_number", "field", "reason", "raw_values")


@dataclass
class RowCounts:
    """How the rows of a file ended; the four outcomes add up to `read`."""

    read: int = 0
    loaded: int = 0
    updated: int = 0
    unchanged: int = 0
    quarantined: int = 0
    findings: dict[str, int] = field(default_factory=dict)  # e.g. unregistered recruiters


def load_rows(
    conn: Connection,
    table: RawTable,
    shape: FileShape,
    spec: SourceSpec,
    corridor: Corridor,
    pseudonym_key: bytes,
    sex_coding: str | None,
    batch_id: int,
    context: DeriveContext,
    progress: Progress | None = None,
    parallel: bool = False,
) -> RowCounts:
    """Check and write every row of the file inside the caller's transaction.

    With `parallel`, a large file is checked by a second process (see etl.checking).

    The cyclic garbage collector is paused meanwhile: a load allocates millions of small
    tuples and no reference cycles, and the collector's passes over them cost a third of
    the time of a large load.
    """
    codings = decide_codings(shape.column_values, sex_coding, spec.fields_of_type("yes_no"))
    plan = CheckPlan(table, spec.kind, shape.match, context, codings, pseudonym_key)
    rules = source_rules(spec.kind)
    keyed = rules.keyed_table(corridor)
    person = getattr(rules, "PERSON_COLUMN", None)
    worker_at = keyed.columns.index(person) if person else None
    workers = WorkerIndex()
    counts = RowCounts()
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        use_second_process = parallel and shape.total_rows > PARALLEL_FROM_ROWS
        for checked in checked_chunks(plan, use_second_process):
            records = checked.records
            if worker_at is not None:  # the pseudonym becomes the worker's id
                ids = workers.ids(conn, checked.people, batch_id)
                records = [
                    (*r[:worker_at], w, *r[worker_at + 1 :])
                    for r, w in zip(records, ids, strict=True)
                ]
            written = keyed.write(conn, records, batch_id)
            if checked.side:
                rules.write_side(conn, checked.side, batch_id)
            bulk_insert(
                conn,
                quarantined_row_table,
                _QUARANTINE_COLUMNS,
                [(batch_id, *entry) for entry in checked.quarantine],
            )
            _count(counts, checked, written.loaded, written.updated, written.unchanged)
            if progress:
                progress(counts.read, shape.total_rows)
    finally:
        if gc_was_enabled:
            gc.enable()
    if counts.read == 0:
        raise FileRefused(f"{table.path.name}: the header is there but no data rows follow it")
    if hasattr(rules, "after_load"):
        counts.findings = rules.after_load(conn, batch_id, corridor) or {}
    return counts


def _count(
    counts: RowCounts, checked: CheckedChunk, loaded: int, updated: int, unchanged: int
) -> None:
    counts.read += checked.rows_read
    counts.loaded += loaded
    counts.updated += updated
    counts.unchanged += unchanged + checked.repeats
    counts.quarantined += checked.quarantined_rows
