"""No worker is identifiable: IDs and names of the fixtures appear in no table, cache or log."""

from __future__ import annotations

import logging
from pathlib import Path

import duckdb

from observatory.config import Settings
from observatory.filters import Filter
from observatory.web import create_app
from tests.etl_helpers import BORDER, every_text_in_database, run_etl
from tests.integration.test_load_xlsx_and_privacy import IDENTIFIERS, NAMES, write_workbook

ROOT = Path(__file__).resolve().parents[2]
# From registros_tecun_uman_2024T1.csv: IDs as written and as normalised, names, including
# rows that end in quarantine (row 13: Tomás Jiménez; row 17: no ID, "Sin Documento").
TECUN_SECRETS = [
    "2456 78901 0101",
    "2456789010101",
    "1987-65432-0901",
    "1987654320901",
    "3009 99999 1301",
    "3009999991301",
    "3013 14141 1301",
    "3013141411301",
    "Juan Pérez López",
    "María Gómez Ruiz",
    "Tomás Jiménez",
    "Sin Documento",
    "Gloria Méndez",
]
SECRETS = TECUN_SECRETS + IDENTIFIERS + NAMES


def every_text_in_duckdb(path: Path) -> str:
    """Every value of every table of a DuckDB file, as one string."""
    with duckdb.connect(str(path), read_only=True) as duck:
        tables = [name for (name,) in duck.execute("SHOW TABLES").fetchall()]
        assert "registration" in tables and "worker" in tables
        return "\n".join(
            str(value)
            for table in tables
            for row in duck.execute(f'SELECT * FROM "{table}"').fetchall()
            for value in row
        )


def test_no_identity_in_tables_cache_or_logs(sqlite_engine, tmp_path, caplog):
    url = sqlite_engine.url.render_as_string(hide_password=False)
    xlsx = tmp_path / "el_carmen_marzo.xlsx"
    write_workbook(xlsx)
    logs = []
    for args in (
        ["load", "border_office", str(BORDER / "registros_tecun_uman_2024T1.csv"), str(xlsx)],
        ["load", "border_office", str(BORDER / "registros_tecun_uman_2024T1.csv")],
        ["quarantine"],
        ["batches"],
    ):
        done = run_etl(url, *args, tmp_path=tmp_path)
        logs += [done.stdout, done.stderr]

    # The dashboard's service, with its file cache, computes every indicator.
    settings = Settings(
        database_url=url, instance_dir=tmp_path / "instance", cache_type="FileSystemCache"
    )
    caplog.set_level(logging.DEBUG)
    app = create_app(settings)
    observatory = app.server.extensions["observatory"]
    for spec in observatory.specs():
        for flt in (Filter(), Filter(sex=("F",)), Filter(origin=("GT-12",))):
            observatory.indicator(spec.id, flt)
    # The DuckDB analytics replica is one more copy of the data: it is searched too.
    replica_file = observatory.replica.wait(timeout=120)
    assert replica_file is not None and replica_file.exists()
    observatory.replica.close()  # DuckDB opens a file once per process, with one configuration
    cache_files = list((tmp_path / "instance" / "cache").iterdir())
    assert cache_files, "the indicators were not cached: the test would prove nothing"
    cached = "\n".join(p.read_bytes().decode("latin-1") for p in cache_files)
    logs.append(caplog.text)

    everything = {
        "database": every_text_in_database(sqlite_engine),
        "analytics replica": every_text_in_duckdb(replica_file),
        "cache": cached,
        "logs": "\n".join(logs),
    }
    leaks = [
        (where, secret)
        for where, text in everything.items()
        for secret in SECRETS
        if secret in text
    ]
    assert leaks == []
