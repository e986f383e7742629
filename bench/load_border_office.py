"""Benchmark: load N messy border_office rows with the real command line; print rows/s, memory.

python -m bench.load_border_office            # 1,000,000 rows into a fresh SQLite file
python -m bench.load_border_office --rows 200000 --database postgresql+psycopg://...
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from bench.cli_load import machine_line, print_timing, run_load
from bench.messy_rows import write_messy_csv


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--database", help="SQLAlchemy URL (default: a new SQLite file)")
    args = parser.parse_args()
    print(machine_line())
    with tempfile.TemporaryDirectory() as folder:
        csv_path = Path(folder) / "registros_bench.csv"
        started = time.perf_counter()
        write_messy_csv(csv_path, args.rows)
        size_mb = csv_path.stat().st_size / 1e6
        print(
            f"wrote {args.rows:,} rows ({size_mb:.0f} MB) in {time.perf_counter() - started:.1f} s"
        )
        url = args.database or f"sqlite:///{Path(folder) / 'bench.db'}"
        timing = run_load(url, "border_office", csv_path)
        print_timing(f"border_office into {url.split(':')[0]}", args.rows, timing)


if __name__ == "__main__":
    main()
