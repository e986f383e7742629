"""First run of the embedded observatory: build the schema, load the demo corridor if empty."""

from __future__ import annotations

import logging
from pathlib import Path

from sqlalchemy import Engine

from etl.load import LoadReport, load_file
from observatory.config import Settings
from observatory.corridor import load_corridor
from observatory.db import migrate
from observatory.db.engine import make_engine
from observatory.db.queries_etl import registrations_count

log = logging.getLogger(__name__)


def load_demo(engine: Engine, settings: Settings, out_dir: Path | None = None) -> list[LoadReport]:
    """Write the synthetic corridor as source files and load them through the real ETL."""
    from etl.demo import write_demo_files

    corridor = load_corridor(settings.corridor)
    out_dir = out_dir or settings.instance_dir / "demo"
    key = settings.resolved_pseudonym_key()
    reports = []
    for demo_file in write_demo_files(out_dir, corridor):
        report = load_file(
            engine, demo_file.path, demo_file.source_kind, corridor, key, as_of=demo_file.as_of
        )
        log.info("demo %s: %s, %s rows", demo_file.path.name, report.status, report.rows_read)
        reports.append(report)
    return reports


def prepare_database(settings: Settings) -> Engine:
    """Migrate the database; load the demo corpus when it holds no data and the demo is on."""
    engine = make_engine(settings.database_url)
    migrate.upgrade(engine)
    if settings.load_demo and registrations_count(engine) == 0:
        print(
            "The database is empty: writing the demo corridor as files and loading it "
            "through the ETL (about a minute the first time)...",
            flush=True,
        )
        reports = load_demo(engine, settings)
        loaded: dict[str, int] = {}
        for report in reports:
            loaded[report.source_kind] = loaded.get(report.source_kind, 0) + report.rows_loaded
        summary = ", ".join(f"{kind} {rows:,} rows" for kind, rows in loaded.items())
        print(f"Demo loaded from {len(reports)} files: {summary}.", flush=True)
    return engine
