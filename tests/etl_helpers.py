"""Helpers for ETL tests: load a fixture file, read tables back as plain values."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from sqlalchemy import Engine, MetaData, select, text

from etl.load import LoadReport, load_file
from tests.conftest import FIXTURES, TEST_PSEUDONYM_KEY

BORDER = FIXTURES / "border_office"
ROOT = Path(__file__).resolve().parents[1]


def load(engine: Engine, corridor, name: str | Path, **options) -> LoadReport:
    """Load a fixture file (a name under tests/fixtures/border_office, or a path)."""
    path = name if isinstance(name, Path) else BORDER / name
    return load_file(engine, path, "border_office", corridor, TEST_PSEUDONYM_KEY, **options)


def counts(report: LoadReport) -> tuple[int, int, int, int, int]:
    return (
        report.rows_read,
        report.rows_loaded,
        report.rows_updated,
        report.rows_unchanged,
        report.rows_quarantined,
    )


def table_rows(engine: Engine, table: str) -> list[dict]:
    with engine.connect() as conn:
        return [dict(r) for r in conn.execute(text(f"SELECT * FROM {table}")).mappings()]


def every_text_in_database(engine: Engine) -> str:
    """Every value of every table, as one string to search for leaks."""
    metadata = MetaData()
    metadata.reflect(engine)
    parts = []
    with engine.connect() as conn:
        for table in metadata.sorted_tables:
            for row in conn.execute(select(table)):
                parts.extend(str(v) for v in row)
    return "\n".join(parts)


def run_etl(url: str, *args: str, tmp_path: Path) -> subprocess.CompletedProcess:
    """`python -m etl ARGS` as a steward runs it, against `url`, with the test key."""
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "OBSERVATORY_PSEUDONYM_KEY": TEST_PSEUDONYM_KEY.decode(),
        "OBSERVATORY_INSTANCE_DIR": str(tmp_path / "instance"),
        "PYTHONPATH": str(ROOT),
    }
    return subprocess.run(
        [sys.executable, "-m", "etl", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
