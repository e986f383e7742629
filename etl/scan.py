"""Scanning a table's rows: the header, blank rows, numbering, chunks, the first pass."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass

from etl.errors import FileRefused
from etl.headers import HeaderMatch, find_header
from etl.parse import as_text, is_blank, row_is_blank
from etl.read import RawTable
from etl.sources import SourceSpec
from etl.validate import Row

CHUNK_ROWS = 20_000
_FAST_SCAN_FROM_BYTES = 8 * 1024 * 1024  # about 50,000 rows of an office export


@dataclass(frozen=True)
class FileShape:
    """What the first pass learnt: where the header is and how many rows follow."""

    match: HeaderMatch
    total_rows: int
    # distinct values of the per-file coded columns (sex, yes/no), by field
    column_values: dict[str, frozenset[str]]


def profile(table: RawTable, spec: SourceSpec) -> FileShape:
    """First pass: the header, the number of data rows, and the coded columns' values.

    Coded values are decided per file after reading the whole column (DATA_SPEC), so this
    pass comes before any row is read for good.
    """
    match = find_header(itertools.islice(table.rows(), 30), spec, table.path.name)
    coded = [name for name in spec.fields_of_type("sex", "yes_no") if name in match.columns]
    columns = tuple(sorted({i for name in coded for i in match.columns[name]}))
    if table.format == "csv" and table.size_bytes > _FAST_SCAN_FROM_BYTES:
        total, cells = _scan_csv_fast(table, match, columns)
    else:
        total, cells = _scan(table, match, columns)
    if total == 0:
        raise FileRefused(f"{table.path.name}: the header is there but no data rows follow it")
    values = {
        name: frozenset(
            as_text(v) for i in match.columns[name] for v in cells.get(i, ()) if not is_blank(v)
        )
        for name in coded
    }
    return FileShape(match, total, values)


def _scan(
    table: RawTable, match: HeaderMatch, columns: tuple[int, ...]
) -> tuple[int, dict[int, set]]:
    """Non-blank rows below the header, and the distinct values of each of `columns`."""
    total, cells = 0, {i: set() for i in columns}
    rows = _below_header(table, match)
    while raw := list(itertools.islice(rows, CHUNK_ROWS)):
        kept = [values for _, values in raw if _not_blank(values)]
        total += len(kept)
        for i in columns:
            cells[i].update({values[i] for values in kept if len(values) > i})
    return total, cells


def _scan_csv_fast(
    table: RawTable, match: HeaderMatch, columns: tuple[int, ...]
) -> tuple[int, dict[int, set]]:
    """The same as `_scan` for a large CSV, with pandas' C parser reading only `columns`.

    The first pass then costs a fifth of the csv module's; the count includes rows whose
    cells are all empty, which only the progress bar uses (the load counts exactly).
    Ragged rows are read too (only the `columns` are kept); a line pandas cannot read at
    all is skipped here and refused by the row-by-row pass that follows.
    """
    import pandas as pd

    total, cells = 0, {i: set() for i in columns}
    chunks = pd.read_csv(
        table.path,
        sep=table.delimiter,
        encoding=table.encoding,
        header=None,
        usecols=list(columns) or [0],
        # Start at the header row: pandas sizes rows on its first line, and the header is as
        # wide as the table (a short first data row would make wider rows look bad).
        skiprows=match.row_number - 1,
        dtype=str,
        keep_default_na=False,
        na_filter=False,
        engine="c",
        on_bad_lines="skip",
        chunksize=200_000,
    )
    for number, frame in enumerate(chunks):
        if number == 0:
            frame = frame.iloc[1:]  # the header row itself
        total += len(frame)
        for i in columns:
            cells[i].update(frame[i].unique())
    return total, cells


def data_chunks(table: RawTable, match: HeaderMatch) -> Iterator[list[Row]]:
    """Chunks of non-blank rows, numbered from the header (1 = the header row)."""
    rows = _below_header(table, match)
    offset = match.row_number - 1
    while raw := list(itertools.islice(rows, CHUNK_ROWS)):
        chunk = [(number - offset, values) for number, values in raw if _not_blank(values)]
        if chunk:
            yield chunk


def _below_header(table: RawTable, match: HeaderMatch) -> Iterator[Row]:
    """The rows after the header row (physical numbering, blank rows included)."""
    return itertools.islice(table.rows(), match.row_number, None)


def _not_blank(values: list[object]) -> bool:
    first = values[0] if values else None
    # most rows start with a value: the full blank check is only for the others
    return bool(first.__class__ is str and first.strip()) or not row_is_blank(values)
