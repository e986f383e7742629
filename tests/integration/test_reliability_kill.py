"""A contracts load killed mid-file (SIGKILL) leaves every table as it was before that file.

tests/integration/test_load_interrupted.py does this for border_office. Contracts write
more tables per chunk (workers, contracts, quarantine; employers at the end) and are
checked by a second process for a large file, which must not outlive the killed loader.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import Engine, MetaData, select, text

from etl.load import load_file
from tests.conftest import FIXTURES, TEST_PSEUDONYM_KEY
from tests.etl_helpers import table_rows

ROOT = Path(__file__).resolve().parents[2]
CONTRACTS = FIXTURES / "contracts"
ROWS = 150_000  # about 23 MB: several chunks, checked by a second process, ~7 s to load
HEADER = (
    "Folio contrato;CUI;Nombre;Actividad;Estado trabajo;Municipio trabajo;Fecha inicio;"
    "Fecha término;Salario;Periodicidad;Moneda;Horas semana;Contrato escrito;"
    "Cuota reclutamiento;Vivienda;IMSS;RFC empleador;Empleador;Licencia reclutador\n"
)


def write_big_contracts(path: Path, rows: int) -> None:
    """One hand-written contract repeated with new numbers; one row in 500 has a bad wage."""
    with path.open("w", encoding="utf-8") as handle:
        handle.write(HEADER)
        for n in range(rows):
            wage = "-5" if n % 500 == 499 else f"{250 + n % 200}"
            handle.write(
                f"K-{n:07d};{7000000000000 + n};Trabajador {n};Café;Chiapas;Tapachula;"
                f"01/02/2024;30/04/2024;{wage};diario;MXN;48;sí;{n % 1500};sí;no;"
                f"KIL{n % 997:06d}XY1;Finca {n % 997};GT-REC-{n % 300:04d}\n"
            )


def snapshot(engine: Engine) -> dict[str, list[tuple]]:
    """Every row of every table (the Alembic version and the data version included)."""
    metadata = MetaData()
    metadata.reflect(engine)
    with engine.connect() as conn:
        return {
            name: sorted((tuple(row) for row in conn.execute(select(table))), key=repr)
            for name, table in metadata.tables.items()
        }


def columns_of(engine: Engine, table: str) -> list[str]:
    metadata = MetaData()
    metadata.reflect(engine, only=[table])
    return list(metadata.tables[table].columns.keys())


def writing_started(engine: Engine) -> bool:
    """Whether another connection's transaction has begun writing rows of the file.

    SQLite: a writer holds the database's write lock (an immediate transaction cannot
    start). PostgreSQL: another backend holds a row-exclusive lock on the contract table.
    Asked only once the file's batch is committed as running, so the lock is the load's.
    """
    if engine.dialect.name == "sqlite":
        probe = sqlite3.connect(engine.url.database, timeout=0, isolation_level=None)
        try:
            probe.execute("BEGIN IMMEDIATE")
            probe.execute("ROLLBACK")
            return False
        except sqlite3.OperationalError as error:
            if "locked" in str(error) or "busy" in str(error):
                return True
            raise
        finally:
            probe.close()
    with engine.connect() as conn:
        return bool(
            conn.execute(
                text(
                    "SELECT count(*) FROM pg_locks WHERE relation = to_regclass('contract') "
                    "AND mode = 'RowExclusiveLock' AND pid <> pg_backend_pid()"
                )
            ).scalar()
        )


def children_of(pid: int) -> list[int]:
    """Direct children of a process (Linux /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def alive(pid: int) -> bool:
    """Running (a zombie waiting for a parent that does not reap it counts as gone)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def cli_env(engine: Engine) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": engine.url.render_as_string(hide_password=False),
        "OBSERVATORY_PSEUDONYM_KEY": TEST_PSEUDONYM_KEY.decode(),
        "PYTHONPATH": str(ROOT),
    }


@pytest.mark.slow
def test_sigkill_mid_contracts_file_leaves_every_table_as_before(engine, corridor, tmp_path):
    # Data that must survive: contracts, a correction with its history, quarantine, workers,
    # employers, earlier batches, the data version.
    for name in ("contratos_2024.csv", "correccion_contratos_2024.csv"):
        report = load_file(engine, CONTRACTS / name, "contracts", corridor, TEST_PSEUDONYM_KEY)
        assert report.status == "loaded"
    before = snapshot(engine)
    assert before["contract"] and before["record_change"] and before["quarantined_row"]
    assert before["employer"] and before["worker"]
    big = tmp_path / "contratos_grande.csv"
    write_big_contracts(big, ROWS)

    process = subprocess.Popen(
        [sys.executable, "-m", "etl", "load", "contracts", str(big), "--json"],
        cwd=ROOT,
        env=cli_env(engine),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    checkers: list[int] = []
    try:
        deadline = time.monotonic() + 60
        while True:
            assert time.monotonic() < deadline, "the load never began writing"
            assert process.poll() is None, process.stderr.read().decode()
            with engine.connect() as conn:
                running = conn.execute(
                    text("SELECT count(*) FROM load_batch WHERE status = 'running'")
                ).scalar()
            if running and writing_started(engine):
                break
            time.sleep(0.05)
        time.sleep(0.5)  # a few chunks into the file's transaction
        checkers = children_of(process.pid)  # the second process checking chunks
        if (os.cpu_count() or 1) >= 2:  # with one core the loader checks rows itself
            assert checkers, "a file this large is checked by a second process"
        assert process.poll() is None, "the load finished before it could be killed"
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        process.stdout.close()
        process.stderr.close()

    # The checking process notices its loader is gone and stops on its own.
    deadline = time.monotonic() + 15
    while any(alive(pid) for pid in checkers) and time.monotonic() < deadline:
        time.sleep(0.1)
    left = [pid for pid in checkers if alive(pid)]
    for pid in left:  # only processes this test started
        os.kill(pid, signal.SIGKILL)
    assert not left, "the checking process outlived the killed loader"

    after = snapshot(engine)
    # The one trace of the killed load: its batch, committed as running before any row.
    new_batches = sorted(set(after["load_batch"]) - set(before["load_batch"]), key=repr)
    assert len(new_batches) == 1
    killed = dict(zip(columns_of(engine, "load_batch"), new_batches[0], strict=True))
    assert (killed["file_name"], killed["status"]) == ("contratos_grande.csv", "running")
    assert {name: rows for name, rows in after.items() if name != "load_batch"} == {
        name: rows for name, rows in before.items() if name != "load_batch"
    }
    assert set(before["load_batch"]) <= set(after["load_batch"])

    # The next command marks the killed load as failed in the load log.
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "etl",
            "load",
            "contracts",
            str(CONTRACTS / "contratos_marcas_x.csv"),
            "--json",
        ],
        cwd=ROOT,
        env=cli_env(engine),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    batches = {b["file_name"]: b for b in table_rows(engine, "load_batch")}
    assert batches["contratos_grande.csv"]["status"] == "failed"
    assert "interrupted" in batches["contratos_grande.csv"]["message"]
    assert batches["contratos_grande.csv"]["process"] is None
    assert batches["contratos_marcas_x.csv"]["status"] == "loaded"
