"""The command line as a steward runs it: JSON reports, exit codes, listings, exports."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from tests.etl_helpers import BORDER, run_etl

ROOT = Path(__file__).resolve().parents[2]
REPORT_KEYS = {
    "file",
    "batch_id",
    "status",
    "rows_read",
    "rows_loaded",
    "rows_updated",
    "rows_unchanged",
    "rows_quarantined",
}


@pytest.fixture
def url(engine) -> str:
    return engine.url.render_as_string(hide_password=False)


def test_json_report_per_file_and_exit_code_2_for_a_refused_file(url, tmp_path):
    result = run_etl(
        url,
        "load",
        "border_office",
        str(BORDER / "registros_tecun_uman_2024T1.csv"),
        str(BORDER / "sin_columna_sector.csv"),
        "--json",
        tmp_path=tmp_path,
    )
    assert result.returncode == 2
    good, refused = (json.loads(line) for line in result.stdout.splitlines())
    assert REPORT_KEYS <= good.keys() and REPORT_KEYS <= refused.keys()
    assert (good["status"], good["rows_read"], good["rows_loaded"]) == ("loaded", 29, 20)
    assert (
        good["rows_loaded"]
        + good["rows_updated"]
        + good["rows_unchanged"]
        + good["rows_quarantined"]
        == good["rows_read"]
    )
    assert refused["status"] == "refused"
    assert "sin_columna_sector.csv" in result.stderr and "sector" in result.stderr
    assert "Traceback" not in result.stderr


def test_human_summary_and_steward_listings(url, tmp_path):
    result = run_etl(
        url,
        "load",
        "border_office",
        str(BORDER / "registros_tecun_uman_2024T1.csv"),
        tmp_path=tmp_path,
    )
    assert result.returncode == 0
    assert "rows read 29: 20 new, 0 updated, 1 unchanged, 8 quarantined" in result.stdout
    assert "header found on row 4" in result.stdout
    assert "columns ignored: Observaciones" in result.stdout
    listing = run_etl(url, "batches", tmp_path=tmp_path)
    assert "registros_tecun_uman_2024T1.csv" in listing.stdout and "loaded" in listing.stdout
    out = tmp_path / "cuarentena.csv"
    export = run_etl(url, "quarantine", "--csv", str(out), tmp_path=tmp_path)
    assert export.returncode == 0
    with out.open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 9  # one per faulty field (row 16 has two)
    assert {r["row"] for r in rows} == {"13", "14", "15", "16", "17", "20", "21", "27"}
    text = out.read_text(encoding="utf-8-sig")
    assert "3009 99999 1301" not in text and "Tomás" not in text  # quarantined row 13's ID, name


def test_dry_run_from_the_command_line_writes_nothing(url, tmp_path):
    result = run_etl(
        url,
        "load",
        "border_office",
        str(BORDER / "el_carmen_2024_english.tsv"),
        "--dry-run",
        "--json",
        tmp_path=tmp_path,
    )
    assert result.returncode == 0
    assert json.loads(result.stdout)["status"] == "dry_run"
    assert run_etl(url, "batches", "--json", tmp_path=tmp_path).stdout == ""  # not even a log row


def test_unreachable_database_is_a_clear_message(tmp_path):
    result = run_etl(
        "postgresql+psycopg://nobody@127.0.0.1:9/none",
        "load",
        "border_office",
        str(BORDER / "el_carmen_2024_english.tsv"),
        tmp_path=tmp_path,
    )
    assert result.returncode == 2
    assert result.stderr.startswith(
        "error: the database at postgresql+psycopg://nobody@127.0.0.1:9/none"
    )
    assert "Traceback" not in result.stderr
