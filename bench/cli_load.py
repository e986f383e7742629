"""Timing the real command line on one file: the shared part of the load benchmarks."""

from __future__ import annotations

import json
import os
import platform
import resource
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH_KEY = "bench-key-0123456789abcdef"


@dataclass(frozen=True)
class Timing:
    seconds: float
    report: dict
    peak_mb: float  # the largest resident set of any process the CLI started so far


def machine_line() -> str:
    return (
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )


def run_load(url: str, source: str, path: Path, *extra: str) -> Timing:
    """`python -m etl load SOURCE PATH --json` against `url`, timed from outside.

    The file-size limit is lifted: the benchmarks measure what any size costs.
    """
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "OBSERVATORY_PSEUDONYM_KEY": BENCH_KEY,
        "PYTHONPATH": str(ROOT),
        "OBSERVATORY_MAX_FILE_MB": "100000",
    }
    subprocess.run(
        [sys.executable, "-m", "etl", "migrate"], env=env, cwd=ROOT, check=True, capture_output=True
    )
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "etl", "load", source, str(path), "--json", *extra],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        sys.exit(f"load failed ({result.returncode}): {result.stderr}")
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return Timing(seconds, json.loads(result.stdout.splitlines()[-1]), peak_mb)


def print_timing(label: str, rows: int, timing: Timing) -> None:
    """One line of figures. Rows per second include starting Python (about 0.5 s), so they
    mean little for a small file such as a 5,000-row registry snapshot; the peak memory is
    the largest of any process started so far."""
    report = timing.report
    print(
        f"{label}: {report['rows_read']:,} rows read, {report['rows_loaded']:,} loaded, "
        f"{report['rows_quarantined']:,} quarantined; {timing.seconds:.1f} s, "
        f"{rows / timing.seconds:,.0f} rows/s (target >= 50,000); "
        f"peak memory {timing.peak_mb:,.0f} MB (target < 1,024)"
    )
