"""The rows of one file: read in chunks, checked, and written with their quarantine."""

from __future__ import annotations

import gc
import itertools
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from sqlalchemy import Connection

from etl.errors import FileRefused
from etl.fields import decide_codings
from etl.headers import HeaderMatch, find_header
from etl.parse import as_text, is_blank, row_is_blank
from etl.pseudonymize import Pseudonymizer
from etl.read import RawTable
from etl.sources import SourceSpec, border_office
from etl.store import KeyedTable, WorkerIndex, bulk_insert
from etl.validate import Chunk, ChunkReader, Row
from observatory.corridor import Corridor
from observatory.db.schema import quarantined_row_table

CHUNK_ROWS = 20_000
Progress = Callable[[int, int], None]  # (rows done, rows in the file)
# Fields whose values never leave the loader (the quarantine keeps the rest of the row).
IDENTIFIER_FIELDS = ("person_id",)
_HASH_MASK = (1 << 64) - 1


@dataclass
class RowCounts:
    """How the rows of a file ended; the four outcomes add up to `read`."""

    read: int = 0
    loaded: int = 0
    updated: int = 0
    unchanged: int = 0
    quarantined: int = 0


@dataclass(frozen=True)
class FileShape:
    """What the first pass learnt: where the header is and how many rows follow."""

    match: HeaderMatch
    total_rows: int
    sex_values: frozenset[str]


def profile(table: RawTable, spec: SourceSpec) -> FileShape:
    """First pass: the header, the number of data rows, and the whole sex column's values.

    Coded values are decided per file after reading the whole column (DATA_SPEC), so this
    pass comes before any row is read for good.
    """
    match = find_header(itertools.islice(table.rows(), 30), spec, table.path.name)
    sex_columns = match.columns.get("sex", ())
    total, cells = 0, set()
    rows = _below_header(table, match)
    while raw := list(itertools.islice(rows, CHUNK_ROWS)):
        kept = [values for _, values in raw if _not_blank(values)]
        total += len(kept)
        for i in sex_columns:
            cells.update({values[i] for values in kept if len(values) > i})
    if total == 0:
        raise FileRefused(f"{table.path.name}: the header is there but no data rows follow it")
    return FileShape(match, total, frozenset(as_text(v) for v in cells if not is_blank(v)))


def load_rows(
    conn: Connection,
    table: RawTable,
    shape: FileShape,
    spec: SourceSpec,
    corridor: Corridor,
    pseudonymizer: Pseudonymizer,
    sex_coding: str | None,
    batch_id: int,
    progress: Progress | None = None,
) -> RowCounts:
    """Read, check and write every row of the file inside the caller's transaction.

    The cyclic garbage collector is paused meanwhile: a load allocates millions of small
    tuples and no reference cycles, and the collector's passes over them cost a third of
    the time of a large load. (Writing in a second thread was tried and was slower:
    sqlite3 releases the GIL once per row, and the two threads queue for it.)
    """
    codings = decide_codings(set(shape.sex_values), sex_coding)
    reader = ChunkReader(spec, shape.match, corridor, codings, pseudonymizer)
    writer = _ChunkWriter(conn, border_office.keyed_table(corridor), shape.match, batch_id)
    counts = RowCounts()
    # natural key -> row number << 64 | 64-bit hash of the row's values, in one int
    seen: dict[tuple, int] = {}
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        for rows in _data_chunks(table, shape.match):
            chunk = reader.read(rows)
            border_office.derive(chunk)
            repeats, records, people = _records(chunk, seen)
            _add(counts, writer.write(chunk, rows, records, people))
            counts.read += len(chunk)
            counts.unchanged += repeats
            counts.quarantined += len(chunk.faults)
            if progress:
                progress(counts.read, shape.total_rows)
    finally:
        if gc_was_enabled:
            gc.enable()
    return counts


def _add(counts: RowCounts, written: tuple[int, int, int]) -> None:
    loaded, updated, unchanged = written
    counts.loaded += loaded
    counts.updated += updated
    counts.unchanged += unchanged


class _ChunkWriter:
    """Writes checked chunks: workers, registrations, quarantine."""

    def __init__(self, conn: Connection, keyed: KeyedTable, match: HeaderMatch, batch_id: int):
        self.conn = conn
        self.keyed = keyed
        self.match = match
        self.batch_id = batch_id
        self.workers = WorkerIndex()
        self.hidden = match.identifier_columns(IDENTIFIER_FIELDS)
        self.worker_at = keyed.columns.index("worker_id")

    def write(
        self, chunk: Chunk, rows: list[Row], records: list[tuple], people: list[tuple]
    ) -> tuple[int, int, int]:
        worker_ids = self.workers.ids(self.conn, people, self.batch_id)
        at = self.worker_at
        records = [(*r[:at], w, *r[at + 1 :]) for r, w in zip(records, worker_ids, strict=True)]
        written = self.keyed.write(self.conn, records, self.batch_id)
        self._quarantine(chunk, rows)
        return written.loaded, written.updated, written.unchanged

    def _quarantine(self, chunk: Chunk, rows: list[Row]) -> None:
        """One quarantine record per faulty field, with the row minus identifiers and names."""
        entries = []
        for index, faults in chunk.faults.items():
            raw = _visible_values(rows[index][1], self.match, self.hidden)
            for field_name, reason in faults:
                entries.append((self.batch_id, chunk.row_numbers[index], field_name, reason, raw))
        columns = ("batch_id", "row_number", "field", "reason", "raw_values")
        bulk_insert(self.conn, quarantined_row_table, columns, entries)


def _visible_values(values: list[object], match: HeaderMatch, hidden: frozenset[int]) -> str:
    shown = {}
    for i, header in enumerate(match.headers):
        if i in hidden or not header:
            continue
        value = values[i] if i < len(values) else None
        shown[header] = None if is_blank(value) else as_text(value)
    return json.dumps(shown, ensure_ascii=False)


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


def _records(chunk: Chunk, seen: dict[tuple, int]) -> tuple[int, list[tuple], list[tuple]]:
    """Identical repeats, valid rows as table tuples (worker still a pseudonym), their workers.

    A key repeated in the file with identical values counts as unchanged; with different
    values the later row is quarantined as a conflict naming the first.
    """
    columns = [chunk.columns[source] for _, source in border_office.COLUMNS]
    rows = list(zip(*columns, strict=True))
    sexes, years = chunk.columns["sex"], chunk.columns["birth_year"]
    records, people, repeats = [], [], 0
    for i in [i for i in range(len(chunk)) if i not in chunk.faults]:
        row = rows[i]
        key = row[:2]  # the natural key comes first
        fingerprint = hash(row) & _HASH_MASK
        earlier = seen.get(key)
        if earlier is None:
            seen[key] = chunk.row_numbers[i] << 64 | fingerprint
        elif earlier & _HASH_MASK == fingerprint:
            repeats += 1
            continue
        else:
            chunk.add_fault(
                i,
                "registration_id",
                f"registration {key[1]!r} at {key[0]} is "
                f"repeated in this file with different values (first at row "
                f"{earlier >> 64})",
            )
            continue
        records.append(row)
        people.append((row[2], sexes[i], years[i]))
    return repeats, records, people
