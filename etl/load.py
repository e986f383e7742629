"""Loading one file: one transaction, natural-key upserts, quarantine, lineage, counts."""

from __future__ import annotations

import gc
import itertools
import json
import logging
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

from sqlalchemy import Connection, Engine
from sqlalchemy.exc import SQLAlchemyError

from etl import batches
from etl.errors import FileRefused
from etl.fields import decide_codings
from etl.headers import HeaderMatch, find_header
from etl.parse import as_text, is_blank, row_is_blank
from etl.pseudonymize import Pseudonymizer
from etl.read import RawTable, open_table
from etl.sources import SourceSpec, border_office, source_spec
from etl.store import WorkerIndex, bulk_insert
from etl.validate import Chunk, ChunkReader, Row
from observatory.corridor import Corridor
from observatory.db.schema import quarantined_row_table

log = logging.getLogger(__name__)
CHUNK_ROWS = 20_000
Progress = Callable[[int, int], None]  # (rows done, rows in the file)
# Fields whose values never leave the loader (the quarantine keeps the rest of the row).
IDENTIFIER_FIELDS = ("person_id",)


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
) -> LoadReport:
    """Load one source file in one transaction; a refused or failed file writes no data."""
    path = Path(path)
    started = time.perf_counter()
    spec = source_spec(source_kind)
    report = LoadReport(file=path.name, source_kind=source_kind, batch_id=None, status="running")
    batches.mark_interrupted(engine)
    options = batches.options_json({"sex_coding": sex_coding, "sheet": sheet})
    base = {
        "source_kind": source_kind,
        "corridor": corridor.code,
        "file_name": path.name,
        "options": options,
    }
    try:
        table = open_table(path, sheet)
    except FileRefused as refused:
        return _refused(engine, report, base, None, refused, dry_run, started)
    report.sha256 = table.sha256
    base |= {"sha256": table.sha256, "size_bytes": table.size_bytes}
    with engine.connect() as conn:
        prior = batches.loaded_batch_with(conn, table.sha256, source_kind)
    if prior is not None:
        return _duplicate(engine, report, base, prior, dry_run, started)
    batch_id = None
    if not dry_run:  # committed first, so that even a killed load leaves its trace
        with engine.begin() as conn:
            batch_id = batches.insert_batch(conn, {**base, "status": "running"})
    try:
        with engine.connect() as conn:
            transaction = conn.begin()
            if dry_run:
                batch_id = batches.insert_batch(conn, {**base, "status": "running"})
            report.batch_id = batch_id
            _load_rows(
                conn,
                table,
                spec,
                corridor,
                Pseudonymizer(pseudonym_key),
                sex_coding,
                batch_id,
                report,
                progress,
            )
            report.status = "dry_run" if dry_run else "loaded"
            batches.finish_batch(conn, batch_id, "loaded", **_counts(report))
            batches.advance_data_version(conn)
            if dry_run:
                transaction.rollback()
                report.batch_id = None
            else:
                transaction.commit()
    except FileRefused as refused:
        return _refused(engine, report, base, batch_id, refused, dry_run, started)
    except (SQLAlchemyError, OSError) as error:
        log.exception("load of %s failed", path.name)
        report.status, report.message = (
            "failed",
            f"{path.name}: the load failed and was rolled back: {error}",
        )
        if not dry_run:
            _record_safely(engine, batch_id, {"status": "failed", "message": report.message})
        _reset_counts(report)
    report.seconds = round(time.perf_counter() - started, 3)
    return report


def _load_rows(*args: object) -> None:
    """Read, validate and write every row; the cyclic GC is paused meanwhile.

    A load allocates millions of small tuples and no reference cycles; the collector's
    passes over them took a third of the time of a large load.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        _read_and_write_rows(*args)  # type: ignore[arg-type]
    finally:
        if enabled:
            gc.enable()


def _read_and_write_rows(
    conn: Connection,
    table: RawTable,
    spec: SourceSpec,
    corridor: Corridor,
    pseudonymizer: Pseudonymizer,
    sex_coding: str | None,
    batch_id: int,
    report: LoadReport,
    progress: Progress | None,
) -> None:
    match, total_rows, sex_values = _profile(table, spec)
    report.header_row = match.row_number
    report.ignored_columns = list(match.ignored)
    report.name_columns_dropped = len(match.name_columns)
    reader = ChunkReader(
        spec, match, corridor, decide_codings(sex_values, sex_coding), pseudonymizer
    )
    keyed = border_office.keyed_table(corridor)
    workers = WorkerIndex()
    seen: dict[tuple, tuple[int, int]] = {}  # natural key -> (row number, hash of its values)
    hidden = match.identifier_columns(IDENTIFIER_FIELDS)
    for rows in _data_chunks(table, match):
        chunk = reader.read(rows)
        border_office.derive(chunk)
        repeats, records, people = _records(chunk, seen)
        worker_ids = workers.ids(conn, people, batch_id)
        worker_at = keyed.columns.index("worker_id")
        records = [
            (*r[:worker_at], w, *r[worker_at + 1 :])
            for r, w in zip(records, worker_ids, strict=True)
        ]
        counts = keyed.write(conn, records, batch_id)
        report.rows_read += len(chunk)
        report.rows_loaded += counts.loaded
        report.rows_updated += counts.updated
        report.rows_unchanged += counts.unchanged + repeats
        report.rows_quarantined += _quarantine(conn, chunk, rows, match, hidden, batch_id)
        if progress:
            progress(report.rows_read, total_rows)


def _profile(table: RawTable, spec: SourceSpec) -> tuple[HeaderMatch, int, set[str]]:
    """First pass: the header, the number of data rows, and the whole sex column's values."""
    rows = table.rows()
    match = find_header(itertools.islice(rows, 30), spec, table.path.name)
    sex_columns = match.columns.get("sex", ())
    total, cells = 0, set()
    rows = _below_header(table, match)
    while raw := list(itertools.islice(rows, CHUNK_ROWS)):
        kept = [values for _, values in raw if _not_blank(values)]
        total += len(kept)
        for i in sex_columns:
            cells.update({values[i] for values in kept if len(values) > i})
    sex_values = {as_text(v) for v in cells if not is_blank(v)}
    if total == 0:
        raise FileRefused(f"{table.path.name}: the header is there but no data rows follow it")
    return match, total, sex_values


def _below_header(table: RawTable, match: HeaderMatch) -> Iterator[Row]:
    """The rows after the header row (physical numbering, blank rows included)."""
    return itertools.islice(table.rows(), match.row_number, None)


def _not_blank(values: list[object]) -> bool:
    first = values[0] if values else None
    # most rows start with a value: the full blank check is only for the others
    return bool(first.__class__ is str and first.strip()) or not row_is_blank(values)


def _data_chunks(table: RawTable, match: HeaderMatch) -> Iterator[list[Row]]:
    """Chunks of non-blank rows, numbered from the header (1 = the header row)."""
    rows = _below_header(table, match)
    offset = match.row_number - 1
    while raw := list(itertools.islice(rows, CHUNK_ROWS)):
        chunk = [(number - offset, values) for number, values in raw if _not_blank(values)]
        if chunk:
            yield chunk


def _records(chunk: Chunk, seen: dict[tuple, tuple[int, int]]):
    """Identical repeats, valid rows as table tuples (worker still a pseudonym), their workers.

    A key repeated in the file with identical values counts as unchanged; with different
    values the later row is quarantined as a conflict.
    """
    columns = [chunk.columns[source] for _, source in border_office.COLUMNS]
    rows = list(zip(*columns, strict=True))
    valid = [i for i in range(len(chunk)) if i not in chunk.faults]
    records, people, repeats = [], [], 0
    sexes, years = chunk.columns["sex"], chunk.columns["birth_year"]
    for i in valid:
        row = rows[i]
        key = row[:2]  # the natural key comes first
        fingerprint = hash(row)
        earlier = seen.get(key)
        if earlier is None:
            seen[key] = (chunk.row_numbers[i], fingerprint)
        elif earlier[1] == fingerprint:
            repeats += 1
            continue
        else:
            chunk.add_fault(
                i,
                "registration_id",
                f"registration {key[1]!r} at {key[0]} is repeated "
                f"in this file with different values (first at row {earlier[0]})",
            )
            continue
        records.append(row)
        people.append((row[2], sexes[i], years[i]))
    return repeats, records, people


def _quarantine(
    conn: Connection,
    chunk: Chunk,
    rows: list[Row],
    match: HeaderMatch,
    hidden: frozenset[int],
    batch_id: int,
) -> int:
    """One quarantine record per faulty field, with the row minus identifiers and names."""
    entries = []
    for index, faults in chunk.faults.items():
        raw = _visible_values(rows[index][1], match, hidden)
        for field_name, reason in faults:
            entries.append((batch_id, chunk.row_numbers[index], field_name, reason, raw))
    bulk_insert(
        conn,
        quarantined_row_table,
        ("batch_id", "row_number", "field", "reason", "raw_values"),
        entries,
    )
    return len(chunk.faults)


def _visible_values(values: list[object], match: HeaderMatch, hidden: frozenset[int]) -> str:
    shown = {}
    for i, header in enumerate(match.headers):
        if i in hidden or not header:
            continue
        value = values[i] if i < len(values) else None
        shown[header] = None if is_blank(value) else as_text(value)
    return json.dumps(shown, ensure_ascii=False)


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
    except SQLAlchemyError:
        log.exception("could not record the outcome of batch %s", batch_id)
        return batch_id
