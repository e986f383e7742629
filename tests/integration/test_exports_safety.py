"""Hostile recruiter names come out inert in CSV, XLSX and JSON; every column has a header;
the XLSX metadata sheet states filters, batches, threshold and hidden cells."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import openpyxl
import pytest

from etl.load import load_file
from observatory.config import Settings
from observatory.exports.metadata import column_label, labelled_columns
from observatory.filters import Filter
from observatory.services import Observatory
from observatory.web import create_app
from tests.conftest import FIXTURES, TEST_PSEUDONYM_KEY

# Six licences, all kept by the load (see the file): their names, as stored.
REGISTRY = FIXTURES / "exports" / "registro_nombres_peligrosos_2024-06-30.csv"
NAMES = {
    "MX-REC-0101": '=HYPERLINK("http://x","y")',
    "MX-REC-0102": "+1",
    "MX-REC-0103": "@SUM(A1)",
    "MX-REC-0104": "<script>alert(1)</script>",
    "MX-REC-0105": "-2+3 Servicios",
    "MX-REC-0106": "Enganches Peñasco & Hijos",
}
Q1 = FIXTURES / "indicators" / "border_office_q1.csv"


@pytest.fixture
def client(sqlite_engine, corridor, tmp_path: Path):
    report = load_file(sqlite_engine, REGISTRY, "recruiter_registry", corridor, TEST_PSEUDONYM_KEY)
    assert (report.status, report.rows_loaded) == ("loaded", 6), report.message
    report = load_file(sqlite_engine, Q1, "border_office", corridor, TEST_PSEUDONYM_KEY)
    assert report.status == "loaded", report.message
    settings = Settings(cache_type="NullCache", instance_dir=tmp_path, analytics="sql")
    app = create_app(settings, observatory=Observatory(sqlite_engine, corridor))
    return app.server.test_client()


def test_csv_names_cannot_run_as_formulas(client):
    raw = client.get("/api/v1/indicators/recruiter_registry?format=csv").data.decode("utf-8-sig")
    rows = {r["licence_no"]: r for r in csv.DictReader(io.StringIO(raw))}
    assert {k: rows[k]["name"] for k in NAMES} == {
        "MX-REC-0101": "'" + NAMES["MX-REC-0101"],
        "MX-REC-0102": "'+1",
        "MX-REC-0103": "'@SUM(A1)",
        "MX-REC-0104": "<script>alert(1)</script>",  # not a formula; CSV is never HTML
        "MX-REC-0105": "'-2+3 Servicios",
        "MX-REC-0106": "Enganches Peñasco & Hijos",
    }
    assert rows["MX-REC-0102"]["complaints"] == "1"  # numbers are not prefixed


def test_xlsx_names_are_text_cells(client):
    data = client.get("/api/v1/indicators/recruiter_registry?format=xlsx").data
    book = openpyxl.load_workbook(io.BytesIO(data))
    sheet = book["datos"]
    cells = [c for row in sheet.iter_rows(min_row=2) for c in row]
    assert [c for c in cells if c.data_type == "f"] == []  # no formula anywhere
    names = {row[0].value: row[1] for row in sheet.iter_rows(min_row=2)}
    assert names["MX-REC-0101"].value == "'" + NAMES["MX-REC-0101"]
    assert names["MX-REC-0101"].data_type == "s"
    assert names["MX-REC-0104"].value == NAMES["MX-REC-0104"]
    assert isinstance(next(sheet.iter_rows(min_row=3, values_only=True))[6], int)  # complaints


def test_json_keeps_the_true_names_with_markup_escaped(client):
    response = client.get("/api/v1/indicators/recruiter_registry")
    assert b"<script>" not in response.data and b"\\u003cscript\\u003e" in response.data
    rows = {r["licence_no"]: r["name"] for r in json.loads(response.data)["rows"]}
    assert rows == NAMES  # JSON values are data: exact, and never evaluated


def test_xlsx_metadata_sheet_states_filters_batches_threshold_and_hidden_cells(client):
    data = client.get("/api/v1/indicators/flows?border=el_carmen&format=xlsx").data
    sheet = openpyxl.load_workbook(io.BytesIO(data))["metadatos"]
    rows = [r for r in sheet.iter_rows(values_only=True) if any(v is not None for v in r)]
    meta = {r[0]: r[1] for r in rows}
    assert meta["Indicador"] == "flows"
    assert meta["Filtros"] == "Punto fronterizo: El Carmen (Malacatán)"
    assert meta["Filtros (parámetros de URL)"] == "border=el_carmen"
    assert meta["Umbral (trabajadores por celda)"] == 5
    assert meta["Celdas ocultas"] == 4  # as in tests/integration/test_api.py
    assert meta["Versión del observatorio"]
    # flows reads border_office loads only: the Q1 file, not the recruiter register
    batch_rows = [r for r in rows if isinstance(r[0], int)]
    assert [(r[1], r[2]) for r in batch_rows] == [("border_office", "border_office_q1.csv")]


def test_every_column_of_every_indicator_has_a_readable_header(sqlite_engine, corridor):
    observatory = Observatory(sqlite_engine, corridor)
    columns = {c for s in observatory.specs() for c in observatory.indicator(s.id, Filter()).table}
    assert columns - labelled_columns("es") == set()
    assert columns - labelled_columns("en") == set()
    assert column_label("workers_count", "en") == "Workers"
