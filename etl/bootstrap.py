"""First run of the embedded observatory: build the schema, load the demo corridor if empty."""

from __future__ import annotations

import logging
import secrets
from pathlib import Path

from sqlalchemy import Engine

from etl.load import LoadReport, load_file
from observatory.accounts import Accounts
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
    create_first_admin(engine, settings)
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


FIRST_ADMIN = "admin"


def create_first_admin(engine: Engine, settings: Settings) -> str | None:
    """With accounts on and none yet, create `admin` with a random password, printed once.

    Returns the password (None when nothing was created). Only its argon2 hash is stored;
    a lost one is reset with `python -m observatory users reset-password --username admin`.
    """
    if settings.auth == "off":
        return None
    corridor = load_corridor(settings.corridor)
    accounts = Accounts(engine, countries=tuple(c.iso2 for c in corridor.countries()))
    if accounts.count() > 0:
        return None
    password = secrets.token_urlsafe(15)
    accounts.create(FIRST_ADMIN, password, "admin", actor="setup")
    bar = "=" * 72
    print(
        f"{bar}\nNo accounts yet: created the administrator\n\n"
        f"    user:     {FIRST_ADMIN}\n    password: {password}\n\n"
        "This password is shown once. Sign in, then create the other accounts on the Users\n"
        f"page or with `python -m observatory users create`.\n{bar}",
        flush=True,
    )
    return password
