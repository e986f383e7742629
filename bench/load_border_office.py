"""Benchmark: load N messy border_office rows with the real command line; print rows/s, memory.

python -m bench.load_border_office            # 1,000,000 rows into a fresh SQLite file
python -m bench.load_border_office --rows 200000 --database postgresql+psycopg://...
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.messy_rows import write_messy_csv

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--database", help="SQLAlchemy URL (default: a new SQLite file)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        csv_path = Path(folder) / "registros_bench.csv"
        started = time.perf_counter()
        write_messy_csv(csv_path, args.rows)
        size_mb = csv_path.stat().st_size / 1e6
        print(
            f"wrote {args.rows:,} rows ({size_mb:.0f} MB) in {time.perf_counter() - started:.1f} s"
        )
        url = args.database or f"sqlite:///{Path(folder) / 'bench.db'}"
        env = {
            **os.environ,
            "DATABASE_URL": url,
            "OBSERVATORY_PSEUDONYM_KEY": "bench-key-0123456789abcdef",
            "PYTHONPATH": str(ROOT),
        }
        subprocess.run(
            [sys.executable, "-m", "etl", "migrate"],
            env=env,
            cwd=ROOT,
            check=True,
            capture_output=True,
        )
        started = time.perf_counter()
        result = subprocess.run(
            [sys.executable, "-m", "etl", "load", "border_office", str(csv_path), "--json"],
            env=env,
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
        seconds = time.perf_counter() - started
    if result.returncode != 0:
        sys.exit(f"load failed ({result.returncode}): {result.stderr}")
    report = json.loads(result.stdout.splitlines()[-1])
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    print(f"database: {url.split(':')[0]}")
    print(
        f"rows read {report['rows_read']:,}: loaded {report['rows_loaded']:,}, "
        f"quarantined {report['rows_quarantined']:,}, unchanged {report['rows_unchanged']:,}"
    )
    print(f"end to end: {seconds:.1f} s, {args.rows / seconds:,.0f} rows/s (target >= 50,000)")
    print(f"peak memory of the loader: {peak_mb:,.0f} MB")


if __name__ == "__main__":
    main()
