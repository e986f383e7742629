"""A loader killed mid-file leaves the database exactly as before that file."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import text

from tests.conftest import TEST_PSEUDONYM_KEY
from tests.etl_helpers import load, table_rows

ROOT = Path(__file__).resolve().parents[2]
HEADER = (
    "No. Registro;Oficina;Fecha de Registro;CUI;Sexo;Edad;"
    "Departamento origen;Estado destino;Actividad\n"
)


def write_big_file(path: Path, rows: int) -> None:
    """One hand-written registration repeated with new numbers: enough to be caught mid-load."""
    with path.open("w", encoding="utf-8") as handle:
        handle.write(HEADER)
        for n in range(rows):
            cui = 9000000000000 + n
            handle.write(f"K-{n:07d};Tecún Umán;15/01/2024;{cui};H;30;San Marcos;Chiapas;Café\n")


def database_url(engine) -> str:
    return engine.url.render_as_string(hide_password=False)


@pytest.mark.slow
def test_sigkill_mid_file_leaves_no_trace(engine, corridor, tmp_path):
    load(engine, corridor, "el_carmen_2024_english.tsv")  # some data that must survive
    before = {
        t: table_rows(engine, t)
        for t in ("registration", "worker", "quarantined_row", "record_change")
    }
    big = tmp_path / "grande.csv"
    write_big_file(big, 400_000)
    env = {
        **os.environ,
        "DATABASE_URL": database_url(engine),
        "OBSERVATORY_PSEUDONYM_KEY": TEST_PSEUDONYM_KEY.decode(),
        "PYTHONPATH": str(ROOT),
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "etl", "load", "border_office", str(big), "--json"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:  # wait until the file's own transaction has begun writing
        with engine.connect() as conn:
            running = conn.execute(
                text("SELECT count(*) FROM load_batch WHERE status = 'running'")
            ).scalar()
        if running:
            break
        assert process.poll() is None, process.stderr.read().decode()
        time.sleep(0.05)
    time.sleep(1.5)  # well inside the load of 400,000 rows
    assert process.poll() is None, (
        "the load finished before it could be killed: make the file bigger"
    )
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)

    after = {t: table_rows(engine, t) for t in before}
    assert after == before
    # The next command marks the killed load as failed in the load log.
    report = load(engine, corridor, "correccion_tecun_uman_2024.csv")
    assert report.status == "loaded"
    statuses = [(b["file_name"], b["status"]) for b in table_rows(engine, "load_batch")]
    assert ("grande.csv", "failed") in statuses
    failed = next(b for b in table_rows(engine, "load_batch") if b["file_name"] == "grande.csv")
    assert "interrupted" in failed["message"]
