"""Benchmark: one very large messy CSV (1 GB by default) loaded with the real command line.

python -m bench.big_file                                   # 1 GB of contracts into SQLite
python -m bench.big_file --gigabytes 0.3 --source border_office
python -m bench.big_file --database postgresql             # a scratch schema, dropped after

Prints the file's size and rows, end-to-end rows/s and MB/s, and the peak resident memory
of the largest process the load started (the loader or its checking process). Reading
streams, so memory does not follow the file's size; what does grow is the index of the
keys and workers seen in the file (about 100 bytes per distinct key). The observatory
refuses files over OBSERVATORY_MAX_FILE_MB (512 by default); this benchmark lifts the
limit to measure what a larger file would cost.
"""

from __future__ import annotations

import argparse
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import text

from bench.cli_load import machine_line, run_load
from bench.messy_contracts import write_contracts
from bench.messy_rows import write_messy_csv
from observatory.db.engine import make_engine

POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
LICENCES = 5_000  # recruiters the contracts cite (none registered here: all "unregistered")
_SAMPLE_ROWS = 20_000  # written first to learn the bytes per row of the generator


def writer(source: str) -> Callable[[Path, int], None]:
    """The messy-row generator of a source: (path, rows) -> writes the file."""
    if source == "contracts":
        return lambda path, rows: write_contracts(path, rows, LICENCES)
    return write_messy_csv


def rows_for(source: str, gigabytes: float, folder: Path) -> int:
    """How many rows make about `gigabytes` GB with this source's generator."""
    sample = folder / "sample.csv"
    writer(source)(sample, _SAMPLE_ROWS)
    bytes_per_row = sample.stat().st_size / _SAMPLE_ROWS
    sample.unlink()
    return max(1, int(gigabytes * 1e9 / bytes_per_row))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--gigabytes", type=float, default=1.0, help="size of the CSV (GB)")
    parser.add_argument("--source", choices=("contracts", "border_office"), default="contracts")
    parser.add_argument("--database", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--postgres", default=POSTGRES, help="server for --database postgresql")
    parser.add_argument("--folder", type=Path, help="where to write the CSV (default: a temp dir)")
    args = parser.parse_args()
    print(machine_line())
    with tempfile.TemporaryDirectory(dir=args.folder) as scratch:
        folder = Path(scratch)
        rows = rows_for(args.source, args.gigabytes, folder)
        path = folder / f"{args.source}_{args.gigabytes:g}gb.csv"
        started = time.perf_counter()
        writer(args.source)(path, rows)
        size_mb = path.stat().st_size / 1e6
        print(
            f"wrote {rows:,} {args.source} rows, {size_mb:,.0f} MB, "
            f"in {time.perf_counter() - started:.0f} s"
        )
        if args.database == "sqlite":
            timing = run_load(f"sqlite:///{folder / 'bench.db'}", args.source, path)
        else:
            schema = f"bench_{uuid.uuid4().hex[:8]}"
            admin = make_engine(args.postgres)
            with admin.begin() as conn:
                conn.execute(text(f'CREATE SCHEMA "{schema}"'))
            try:
                url = f"{args.postgres}?options=-csearch_path%3D{schema}"
                timing = run_load(url, args.source, path)
            finally:
                with admin.begin() as conn:
                    conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
                admin.dispose()
    report = timing.report
    print(
        f"{args.source} into {args.database}: {report['rows_read']:,} rows read, "
        f"{report['rows_loaded']:,} loaded, {report['rows_unchanged']:,} unchanged, "
        f"{report['rows_quarantined']:,} quarantined"
    )
    print(
        f"end to end: {timing.seconds:,.0f} s, {rows / timing.seconds:,.0f} rows/s, "
        f"{size_mb / timing.seconds:,.1f} MB/s"
    )
    print(
        f"peak memory (largest process of the load): {timing.peak_mb:,.0f} MB "
        f"for a {size_mb:,.0f} MB file"
    )


if __name__ == "__main__":
    main()
