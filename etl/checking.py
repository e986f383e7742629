"""Checking a file's rows, in this process or, for a large file, in a second one."""

from __future__ import annotations

import gc
import json
import multiprocessing
import os
import queue
from collections.abc import Iterator
from dataclasses import dataclass
from types import ModuleType

from etl.errors import FileRefused, LoadFailed
from etl.fields import FileCodings
from etl.headers import HeaderMatch
from etl.links import DeriveContext
from etl.parse import as_text, is_blank
from etl.pseudonymize import Pseudonymizer
from etl.read import RawTable
from etl.scan import data_chunks
from etl.sources import source_rules, source_spec
from etl.validate import Chunk, ChunkReader, Row

# Fields whose values never leave the loader (the quarantine keeps the rest of the row).
IDENTIFIER_FIELDS = ("person_id",)
_HASH_MASK = (1 << 64) - 1
_SALT = "natural-key"
_AHEAD = 2  # checked chunks waiting for the writer: keeps both busy, bounds memory
_POLL_SECONDS = 1.0


@dataclass(frozen=True)
class CheckPlan:
    """Everything a checker needs, in plain values a second process can receive."""

    table: RawTable
    source_kind: str
    match: HeaderMatch
    context: DeriveContext
    codings: FileCodings
    pseudonym_key: bytes


@dataclass
class CheckedChunk:
    """A chunk ready to write: its records, the workers they name, its quarantine."""

    rows_read: int
    repeats: int  # identical repeats of a key earlier in the file: unchanged
    records: list[tuple]  # table tuples, the worker still as a pseudonym
    people: list[tuple]  # (pseudonym, sex, birth year), one per record
    quarantine: list[tuple]  # (row number, field, reason, the row's values as JSON)
    quarantined_rows: int
    side: list[tuple]  # rows for a source's second table (registry observations), if any


def check_file(plan: CheckPlan) -> Iterator[CheckedChunk]:
    """Read and check the file chunk by chunk, in file order."""
    rules = source_rules(plan.source_kind)
    reader = ChunkReader(
        source_spec(plan.source_kind),
        plan.match,
        plan.context.corridor,
        plan.codings,
        Pseudonymizer(plan.pseudonym_key),
    )
    hidden = plan.match.identifier_columns(IDENTIFIER_FIELDS)
    # 128-bit digest of a natural key -> row number << 64 | 64-bit hash of the row's values:
    # two ints per key keep a file of millions of rows within a few hundred MB
    seen: dict[int, int] = {}
    for rows in data_chunks(plan.table, plan.match):
        chunk = reader.read(rows)
        rules.derive(chunk, plan.context)
        repeats, kept, records = _records(chunk, seen, rules)
        people = _people(chunk, kept, records, rules)
        side = rules.side_rows(chunk, kept) if hasattr(rules, "side_rows") else []
        yield CheckedChunk(
            len(chunk),
            repeats,
            records,
            people,
            _quarantine(chunk, rows, plan.match, hidden),
            len(chunk.faults),
            side,
        )


def checked_chunks(plan: CheckPlan, parallel: bool) -> Iterator[CheckedChunk]:
    """The checked chunks of the file; with `parallel`, checked by a second process.

    Checking is pure Python and writing is mostly the database's own work, so while this
    process writes one chunk a second process reads and checks the next ones: both cores
    of a small server are busy. (A second thread was tried and was slower: sqlite3
    releases the GIL once per row, and the threads queue for it.)
    """
    if not parallel or (os.cpu_count() or 1) < 2:
        yield from check_file(plan)
        return
    # spawn, not fork: this process holds an open database transaction that a forked
    # child must not inherit.
    context = multiprocessing.get_context("spawn")
    results = context.Queue(maxsize=_AHEAD)
    checker = context.Process(
        target=_run_checker, args=(plan, results, os.getpid()), name="etl-checker", daemon=True
    )
    checker.start()
    try:
        while True:
            try:
                kind, payload = results.get(timeout=_POLL_SECONDS)
            except queue.Empty:
                if not checker.is_alive():
                    raise LoadFailed("the checking process stopped unexpectedly") from None
                continue
            if kind == "chunk":
                yield payload
            elif kind == "done":
                return
            elif kind == "refused":
                raise FileRefused(payload)
            else:
                raise LoadFailed(f"the checking process failed: {payload}")
    finally:
        if checker.is_alive():
            checker.terminate()
        checker.join()


def _run_checker(plan: CheckPlan, results: multiprocessing.Queue, parent_pid: int) -> None:
    """The second process: check every chunk and hand it over, then say it is done."""
    gc.disable()  # millions of small tuples, no reference cycles
    try:
        for checked in check_file(plan):
            _hand_over(results, ("chunk", checked), parent_pid)
        _hand_over(results, ("done", None), parent_pid)
    except FileRefused as refused:
        _hand_over(results, ("refused", refused.message), parent_pid)
    except Exception as error:  # noqa: BLE001 - any failure is reported to the loader
        _hand_over(results, ("error", f"{type(error).__name__}: {error}"), parent_pid)


def _hand_over(results: multiprocessing.Queue, item: tuple, parent_pid: int) -> None:
    # A loader killed mid-file leaves this process behind: stop when the parent is gone.
    while True:
        try:
            results.put(item, timeout=_POLL_SECONDS)
            return
        except queue.Full:
            if os.getppid() != parent_pid:
                os._exit(1)


def _records(
    chunk: Chunk, seen: dict[int, int], rules: ModuleType
) -> tuple[int, list[int], list[tuple]]:
    """Identical repeats, the rows kept, and those rows as table tuples (worker: a pseudonym).

    A key repeated in the file with identical values counts as unchanged; with different
    values the later row is quarantined as a conflict naming the first.
    """
    columns = [chunk.columns[source] for _, source in rules.COLUMNS]
    rows = list(zip(*columns, strict=True))
    width = len(rules.NATURAL_KEY)
    key_field = rules.COLUMNS[width - 1][1]
    kept, records, repeats = [], [], 0
    for i in [i for i in range(len(chunk)) if i not in chunk.faults]:
        row = rows[i]
        key = row[:width]  # the natural key comes first
        fingerprint = hash(row) & _HASH_MASK
        digest = _key_digest(key)
        earlier = seen.get(digest)
        if earlier is None:
            seen[digest] = chunk.row_numbers[i] << 64 | fingerprint
        elif earlier & _HASH_MASK == fingerprint:
            repeats += 1
            continue
        else:
            shown = " at ".join(str(part) for part in reversed(key))
            chunk.add_fault(
                i,
                key_field,
                f"{shown!r} is repeated in this file with different "
                f"values (first at row {earlier >> 64})",
            )
            continue
        kept.append(i)
        records.append(row)
    return repeats, kept, records


def _key_digest(key: tuple) -> int:
    """128 bits standing for a natural key: two independent 64-bit hashes of it.

    Two different keys share a digest with a chance of about n^2 / 2^129 (1e-25 for ten
    million keys); the key itself would take three times the memory.
    """
    return (hash(key) & _HASH_MASK) << 64 | (hash((key, _SALT)) & _HASH_MASK)


def _people(chunk: Chunk, kept: list[int], records: list[tuple], rules: ModuleType) -> list[tuple]:
    """(pseudonym, sex, birth year) of each kept row's worker, for sources that name one."""
    person = getattr(rules, "PERSON_COLUMN", None)
    if person is None:
        return []
    at = [column for column, _ in rules.COLUMNS].index(person)
    sexes = chunk.columns.get("sex") or [None] * len(chunk)
    years = chunk.columns.get("birth_year") or [None] * len(chunk)
    return [(record[at], sexes[i], years[i]) for i, record in zip(kept, records, strict=True)]


def _quarantine(
    chunk: Chunk, rows: list[Row], match: HeaderMatch, hidden: frozenset[int]
) -> list[tuple]:
    """One entry per faulty field, with the row's values minus identifiers and names."""
    entries = []
    for index, faults in chunk.faults.items():
        shown = {}
        for i, header in enumerate(match.headers):
            if i in hidden or not header:
                continue
            values = rows[index][1]
            value = values[i] if i < len(values) else None
            shown[header] = None if is_blank(value) else as_text(value)
        raw = json.dumps(shown, ensure_ascii=False)
        entries.extend((chunk.row_numbers[index], field, reason, raw) for field, reason in faults)
    return entries
