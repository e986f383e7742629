"""`python -m observatory export` as a scheduled job runs it: a subprocess on a SQLite file."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from etl.load import load_file
from observatory.filters import Filter
from observatory.services import Observatory
from tests.conftest import FIXTURES, TEST_PSEUDONYM_KEY

ROOT = Path(__file__).resolve().parents[2]
Q1 = FIXTURES / "indicators" / "border_office_q1.csv"
# El Carmen's flows in border_office_q1.csv (hand count in tests/integration/test_api.py):
# A published (7 registrations, 6 workers), B and D hidden.
EXPECTED = [
    ("GT-09", "el_carmen", "MX-TAB", 7, 6, False),
    ("GT-12", "el_carmen", "MX-CHP", None, None, True),
    ("GT-13", "el_carmen", "MX-CHP", None, None, True),
]


def run_export(url: str, tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "OBSERVATORY_INSTANCE_DIR": str(tmp_path / "instance"),
        "CACHE_TYPE": "NullCache",
        "PYTHONPATH": str(ROOT),
    }
    return subprocess.run(
        [sys.executable, "-m", "observatory", "export", *args],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def database(sqlite_engine, corridor, tmp_path) -> tuple[str, Observatory]:
    report = load_file(sqlite_engine, Q1, "border_office", corridor, TEST_PSEUDONYM_KEY)
    assert report.status == "loaded", report.message
    return str(sqlite_engine.url), Observatory(sqlite_engine, corridor)


def test_csv_json_and_xlsx_files_equal_the_service(database, tmp_path):
    url, observatory = database
    table = observatory.indicator("flows", Filter(border_point=("el_carmen",))).table
    service = [tuple(None if v is pd.NA else v for v in r) for r in table.astype(object).values]
    assert service == EXPECTED

    for fmt in ("csv", "json", "xlsx"):
        out = tmp_path / f"flows.{fmt}"
        done = run_export(url, tmp_path, "flows", "--filter", "border=el_carmen",
                          "--format", fmt, "--out", str(out), "--lang", "en")  # fmt: skip
        assert done.returncode == 0, done.stderr
        assert "3 row(s), 4 hidden cell(s)" in done.stderr

    lines = list(csv.reader(io.StringIO((tmp_path / "flows.csv").read_text("utf-8-sig"))))
    assert lines[1:] == [
        ["GT-09", "el_carmen", "MX-TAB", "7", "6", "false"],
        ["GT-12", "el_carmen", "MX-CHP", "", "", "true"],  # hidden: empty, never 0
        ["GT-13", "el_carmen", "MX-CHP", "", "", "true"],
    ]
    body = json.loads((tmp_path / "flows.json").read_text("utf-8"))
    assert [tuple(r.values()) for r in body["rows"]] == EXPECTED
    book = openpyxl.load_workbook(tmp_path / "flows.xlsx")
    assert list(book["data"].iter_rows(min_row=2, values_only=True)) == EXPECTED
    assert book.sheetnames == ["data", "metadata"]


def test_unknown_indicator_lists_the_known_ones(database, tmp_path):
    done = run_export(database[0], tmp_path, "flowz", "--out", str(tmp_path / "x.csv"))
    assert done.returncode == 2
    assert "unknown indicator 'flowz'" in done.stderr and "flows" in done.stderr
    assert not (tmp_path / "x.csv").exists()


def test_bad_filter_and_format_are_refused(database, tmp_path):
    done = run_export(database[0], tmp_path, "flows", "--filter", "sex=X", "--out", "x.csv")
    assert (done.returncode, done.stderr.strip()) == (
        2,
        "error: bad --filter: sex: unknown code: 'X'",
    )
    done = run_export(database[0], tmp_path, "flows", "--format", "pdf", "--out", "x.pdf")
    assert done.returncode == 2 and "invalid choice: 'pdf'" in done.stderr
