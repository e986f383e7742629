"""Loading one file: its lineage in the load log, one transaction, the report of what happened."""

from __future__ import annotations

import datetime as dt
import json
import logging
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from sqlalchemy import Connection, Engine
from sqlalchemy.exc import SQLAlchemyError

from etl import batches, rows, scan
from etl.errors import FileRefused, LoadFailed
from etl.links import DeriveContext
from etl.read import open_table
from etl.rows import Progress
from etl.sources import source_spec
from observatory.corridor import Corridor

log = logging.getLogger(__name__)


@dataclass
class LoadReport:
    """What happened to one file; the four row counts add up to rows_read."""

    file: str
    source_kind: str
    batch_id: int | None
    status: str  # loaded | duplicate | refused | failed | dry_run
    rows_read: int = 0
    rows_loaded: int = 0
    rows_updated: int = 0
    rows_unchanged: int = 0
    rows_quarantined: int = 0
    message: str | None = None
    sha256: str | None = None
    header_row: int | None = None
    ignored_columns: list[str] = field(default_factory=list)
    name_columns_dropped: int = 0
    findings: dict[str, int] = field(default_factory=dict)  # what the data shows, not faults
    seconds: float = 0.0

    def to_json(self) -> str:
        """One line of JSON (the `--json` output)."""
        return json.dumps(asdict(self), ensure_ascii=False)

    @property
    def ok(self) -> bool:
        return self.status in ("loaded", "duplicate", "dry_run")


def load_file(
    engine: Engine,
    path: Path | str,
    source_kind: str,
    corridor: Corridor,
    pseudonym_key: bytes,
    *,
    sex_coding: str | None = None,
    dry_run: bool = False,
    sheet: str | None = None,
    progress: Progress | None = None,
    parallel: bool = False,
    as_of: dt.date | None = None,
    max_bytes: int | None = None,
    inspect_dry_run: Callable[[Connection, int], object] | None = None,
) -> LoadReport:
    """Load one source file in one transaction; a refused or failed file writes no data.

    `parallel` lets a large file be checked by a second, spawned process while this one
    writes. Only a program whose main module is import-safe (`if __name__ == "__main__"`)
    may ask for it, as `python -m etl` does: the spawned process imports that module.
    `as_of` is the snapshot date of a registry file that does not carry one; a file larger
    than `max_bytes` is refused. `inspect_dry_run(conn, batch_id)` sees a dry run's
    writes (its quarantine, say) just before they are rolled back.
    """
    path = Path(path)
    started = time.perf_counter()
    spec = source_spec(source_kind)
    report = LoadReport(file=path.name, source_kind=source_kind, batch_id=None, status="running")
    batches.mark_interrupted(engine)
    options = batches.options_json(
        {"sex_coding": sex_coding, "sheet": sheet, "as_of": as_of.isoformat() if as_of else None}
    )
    base = {
        "source_kind": source_kind,
        "corridor": corridor.code,
        "file_name": path.name,
        "options": options,
    }
    try:
        table = open_table(path, sheet, max_bytes)
    except FileRefused as refused:
        return _refused(engine, report, base, None, refused, dry_run, started)
    report.sha256 = table.sha256
    base |= {"sha256": table.sha256, "size_bytes": table.size_bytes}
    with engine.connect() as conn:
        prior = batches.loaded_batch_with(conn, table.sha256, source_kind)
        # DATA_SPEC: a registry file without a snapshot date is dated by --as-of, or else by
        # the day the same bytes were first seen, so a reload never changes history.
        first_seen = batches.first_seen(conn, table.sha256) or dt.datetime.now(dt.UTC).date()
    context = DeriveContext(corridor.path, default_snapshot_date=as_of or first_seen)
    if prior is not None:
        return _duplicate(engine, report, base, prior, dry_run, started)
    batch_id = None
    if not dry_run:  # committed first, so that even a killed load leaves its trace
        with engine.begin() as conn:
            batch_id = batches.insert_batch(conn, {**base, "status": "running"})
    try:
        with engine.connect() as conn:
            transaction = conn.begin()
            if conn.dialect.name == "postgresql":
                # The tables grow within this transaction; a generic plan made when they were
                # small (psycopg prepares repeated statements) would scan them whole.
                conn.exec_driver_sql("SET LOCAL plan_cache_mode = force_custom_plan")
            if dry_run:
                batch_id = batches.insert_batch(conn, {**base, "status": "running"})
            report.batch_id = batch_id
            shape = scan.profile(table, spec)
            report.header_row = shape.match.row_number
            report.ignored_columns = list(shape.match.ignored)
            report.name_columns_dropped = len(shape.match.name_columns)
            counts = rows.load_rows(
                conn,
                table,
                shape,
                spec,
                corridor,
                pseudonym_key,
                sex_coding,
                batch_id,
                context,
                progress,
                parallel,
            )
            report.rows_read, report.rows_loaded = counts.read, counts.loaded
            report.rows_updated, report.rows_unchanged = counts.updated, counts.unchanged
            report.rows_quarantined = counts.quarantined
            report.findings = counts.findings
            report.status = "dry_run" if dry_run else "loaded"
            batches.finish_batch(conn, batch_id, "loaded", **_counts(report))
            batches.advance_data_version(conn)
            if dry_run:
                if inspect_dry_run is not None:
                    inspect_dry_run(conn, batch_id)
                transaction.rollback()
                report.batch_id = None
            else:
                transaction.commit()
    except FileRefused as refused:
        return _refused(engine, report, base, batch_id, refused, dry_run, started)
    except (SQLAlchemyError, engine.dialect.loaded_dbapi.Error, OSError, LoadFailed) as error:
        # Bulk inserts use the driver's own cursor (COPY, executemany): its errors are the
        # driver's, not SQLAlchemy's. The steward gets one line (the CLI prints it); the
        # traceback and an SQL error's statement and parameters are for developers (DEBUG).
        log.debug("load of %s failed", path.name, exc_info=True)
        report.status, report.message = (
            "failed",
            f"{path.name}: the load failed and was rolled back: {_first_line(error)}",
        )
        if not dry_run:
            _record_safely(engine, batch_id, {"status": "failed", "message": report.message})
        _reset_counts(report)
    report.seconds = round(time.perf_counter() - started, 3)
    return report


def _counts(report: LoadReport) -> dict[str, object]:
    return {
        "rows_read": report.rows_read,
        "rows_loaded": report.rows_loaded,
        "rows_updated": report.rows_updated,
        "rows_unchanged": report.rows_unchanged,
        "rows_quarantined": report.rows_quarantined,
        "header_row": report.header_row,
        "ignored_columns": json.dumps(report.ignored_columns, ensure_ascii=False),
    }


def _reset_counts(report: LoadReport) -> None:
    report.rows_loaded = report.rows_updated = report.rows_unchanged = report.rows_quarantined = 0


def _refused(
    engine: Engine,
    report: LoadReport,
    base: dict,
    batch_id: int | None,
    refused: FileRefused,
    dry_run: bool,
    started: float,
) -> LoadReport:
    report.status, report.message = "refused", refused.message
    _reset_counts(report)
    report.rows_read = 0
    if not dry_run:
        report.batch_id = _record_safely(
            engine,
            batch_id,
            {
                **base,
                "sha256": base.get("sha256", ""),
                "status": "refused",
                "message": refused.message,
            },
        )
    report.seconds = round(time.perf_counter() - started, 3)
    return report


def _duplicate(
    engine: Engine, report: LoadReport, base: dict, prior: dict, dry_run: bool, started: float
) -> LoadReport:
    report.status = "duplicate"
    report.rows_read = int(prior["rows_read"])
    report.rows_quarantined = int(prior["rows_quarantined"])
    report.rows_unchanged = report.rows_read - report.rows_quarantined
    report.message = (
        f"{report.file}: already loaded as batch {prior['id']} (same SHA-256); nothing written"
    )
    if not dry_run:
        report.batch_id = batches.record_outcome(
            engine,
            None,
            {**base, "status": "duplicate", "message": report.message, **_counts(report)},
        )
    report.seconds = round(time.perf_counter() - started, 3)
    return report


def _record_safely(engine: Engine, batch_id: int | None, values: dict) -> int | None:
    """Write a refusal or failure to the load log; if the database itself is gone, say so."""
    if batch_id is not None:
        values = {k: v for k, v in values.items() if k in ("status", "message")}
    try:
        return batches.record_outcome(engine, batch_id, values)
    except SQLAlchemyError as error:
        log.warning("could not record the outcome of batch %s: %s", batch_id, _first_line(error))
        log.debug("recording batch %s", batch_id, exc_info=True)
        return batch_id


def _first_line(error: Exception) -> str:
    """An error's first line: SQLAlchemy appends the statement and its parameters."""
    lines = str(error).strip().splitlines()
    return lines[0] if lines else type(error).__name__
