"""The REST API on a loaded fixture: the same numbers as the service in JSON, CSV and XLSX,
suppressed cells empty in all of them, JSON errors, ETags (SQLite and PostgreSQL)."""

from __future__ import annotations

import csv
import gzip
import io
import json
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from etl.load import load_file
from observatory.config import Settings
from observatory.db.engine import make_engine
from observatory.filters import Filter
from observatory.services import Observatory
from observatory.web import create_app
from tests.conftest import FIXTURES, TEST_PSEUDONYM_KEY

Q1 = FIXTURES / "indicators" / "border_office_q1.csv"
REQUIRED = (
    "registrations",
    "distinct_workers",
    "flows",
    "monthly_registrations",
    "wage_below_minimum_share",
    "recruitment_cost_sdg_10_7_1",
    "sector_hhi",
    "recruiter_compliance",
)
# The fixed filter of the parity tests: the El Carmen office. From tests/integration/
# test_indicators.py's hand count of border_office_q1.csv, El Carmen has flows A (GT-09 ->
# MX-TAB, 7 registrations of 6 workers), B (GT-12 -> MX-CHP, 6 of 5) and D (GT-13 ->
# MX-CHP, 3 of 3). D is below 5 workers (primary); with the total published, the smallest
# other, B, goes too (secondary): 2 rows x 2 counts = 4 hidden cells; A stays.
QUERY = "border=el_carmen"
EXPECTED = [
    ("GT-09", "el_carmen", "MX-TAB", 7, 6, False),
    ("GT-12", "el_carmen", "MX-CHP", None, None, True),
    ("GT-13", "el_carmen", "MX-CHP", None, None, True),
]


def service_rows(observatory: Observatory, indicator: str, flt: Filter) -> list[tuple]:
    """The service's table as tuples, <NA> as None."""
    table = observatory.indicator(indicator, flt).table.astype(object)
    return [tuple(None if v is pd.NA else v for v in row) for row in table.itertuples(index=False)]


@pytest.fixture
def observatory(engine, corridor) -> Observatory:
    report = load_file(engine, Q1, "border_office", corridor, TEST_PSEUDONYM_KEY)
    assert (report.status, report.rows_loaded) == ("loaded", 28), report.message
    return Observatory(engine, corridor)


@pytest.fixture
def client(observatory, tmp_path: Path):
    settings = Settings(cache_type="NullCache", instance_dir=tmp_path, analytics="sql")
    return create_app(settings, observatory=observatory).server.test_client()


def test_the_service_gives_the_hand_counted_table(observatory):
    assert service_rows(observatory, "flows", Filter(border_point=("el_carmen",))) == EXPECTED
    assert observatory.indicator("flows", Filter(border_point=("el_carmen",))).suppressed_cells == 4


def test_json_csv_and_xlsx_equal_the_service(client, observatory):
    expected = service_rows(observatory, "flows", Filter.from_query({"border": "el_carmen"}))
    assert expected == EXPECTED

    body = client.get(f"/api/v1/indicators/flows?{QUERY}").get_json()
    names = [c["name"] for c in body["columns"]]
    assert [tuple(row[n] for n in names) for row in body["rows"]] == expected
    assert (body["suppressed_cells"], body["filter"]) == (4, {"border": "el_carmen"})

    raw = client.get(f"/api/v1/indicators/flows?{QUERY}&format=csv").data
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM: Excel reads UTF-8
    header, *lines = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert header == names
    assert lines == [
        ["GT-09", "el_carmen", "MX-TAB", "7", "6", "false"],
        ["GT-12", "el_carmen", "MX-CHP", "", "", "true"],  # hidden: empty, never 0
        ["GT-13", "el_carmen", "MX-CHP", "", "", "true"],
    ]

    xlsx = client.get(f"/api/v1/indicators/flows?{QUERY}&format=xlsx&lang=en").data
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx))["data"]
    cells = list(sheet.iter_rows(values_only=True))
    assert cells[0] == ("Origin", "Border point", "Destination", "Registrations", "Workers",
                        "Suppressed (disclosure control)")  # fmt: skip
    assert cells[1:] == expected
    assert isinstance(cells[1][3], int)  # a typed number, not text


@pytest.mark.parametrize("indicator", REQUIRED)
def test_the_required_indicators_are_served(client, observatory, indicator):
    listed = {i["id"] for i in client.get("/api/v1/indicators").get_json()["indicators"]}
    assert indicator in listed
    response = client.get(f"/api/v1/indicators/{indicator}?from=2024-01&to=2024-04")
    assert response.status_code == 200
    body = response.get_json()
    flt = Filter.from_query({"from": "2024-01", "to": "2024-04"})
    names = [c["name"] for c in body["columns"]]
    assert [tuple(r[n] for n in names) for r in body["rows"]] == service_rows(
        observatory, indicator, flt
    )


def test_the_list_has_titles_definitions_units_and_sources(client):
    flows = next(
        i for i in client.get("/api/v1/indicators").get_json()["indicators"] if i["id"] == "flows"
    )
    assert set(flows) >= {"id", "title", "unit", "definition", "source"}
    assert flows["title"]["en"] and flows["definition"]["es"] and flows["unit"] == "registrations"


@pytest.mark.parametrize(
    ("url", "status", "expected"),
    [
        ("/api/v1/indicators/no_such", 404, {"error": "unknown_indicator"}),
        ("/api/v1/indicators/flows?sex=X", 400, {"param": "sex", "value": "X"}),
        ("/api/v1/indicators/flows?origin=GT-99", 400, {"param": "origin", "value": "GT-99"}),
        ("/api/v1/indicators/flows?from=2024-02-30", 400, {"param": "from", "value": "2024-02-30"}),
        ("/api/v1/indicators/flows?from=2024-05&to=2024-01", 400, {"param": "from"}),
        ("/api/v1/indicators/flows?format=pdf", 400, {"param": "format", "value": "pdf"}),
        ("/api/v1/indicators/flows?lang=fr", 400, {"param": "lang", "value": "fr"}),
        ("/api/v1/nothing/here", 404, {"error": "not_found"}),
    ],
)
def test_bad_requests_get_a_json_error_naming_the_fault(client, url, status, expected):
    response = client.get(url)
    assert (response.status_code, response.mimetype) == (status, "application/json")
    body = response.get_json()
    assert body["detail"] and body.items() >= expected.items()


def test_a_wrong_method_is_a_json_405_and_other_paths_keep_dash(client):
    response = client.post("/api/v1/indicators")
    assert (response.status_code, response.mimetype) == (405, "application/json")
    assert client.get("/flujos").mimetype == "text/html"  # the dashboard still serves pages


def test_etag_gives_304_until_a_load_changes_the_data(client, observatory, corridor):
    first = client.get(f"/api/v1/indicators/flows?{QUERY}")
    assert first.headers["Cache-Control"] == "no-cache" and first.headers["ETag"]
    again = client.get(
        f"/api/v1/indicators/flows?{QUERY}", headers={"If-None-Match": first.headers["ETag"]}
    )
    assert (again.status_code, again.data) == (304, b"")
    other = FIXTURES / "indicators" / "border_office_may.csv"
    load_file(observatory.engine, other, "border_office", corridor, TEST_PSEUDONYM_KEY)
    after = client.get(
        f"/api/v1/indicators/flows?{QUERY}", headers={"If-None-Match": first.headers["ETag"]}
    )
    assert after.status_code == 200 and after.headers["ETag"] != first.headers["ETag"]


def test_json_is_compressed_like_the_rest(client):
    response = client.get("/api/v1/indicators", headers={"Accept-Encoding": "gzip"})
    assert response.headers["Content-Encoding"] == "gzip"
    assert json.loads(gzip.decompress(response.data))["indicators"]


def test_openapi_document_lists_every_endpoint_and_indicator(client):
    document = client.get("/api/v1/openapi.json").get_json()
    assert document["openapi"].startswith("3.1")
    assert set(document["paths"]) == {
        "/api/v1",
        "/api/v1/indicators",
        "/api/v1/indicators/{name}",
        "/api/v1/openapi.json",
    }
    params = {
        p["name"]: p for p in document["paths"]["/api/v1/indicators/{name}"]["get"]["parameters"]
    }
    assert set(REQUIRED) <= set(params["name"]["schema"]["enum"])
    assert params["sex"]["schema"]["items"]["enum"] == ["F", "M"]
    assert "tecun_uman" in params["border"]["schema"]["items"]["enum"]
    assert set(params) >= {"from", "to", "age", "sector", "origin", "destination", "direction",
                           "recruiter", "format", "lang"}  # fmt: skip


def test_an_unreachable_database_is_a_json_503(corridor, tmp_path):
    engine = make_engine("postgresql+psycopg://nobody@127.0.0.1:9/nowhere")
    settings = Settings(cache_type="NullCache", instance_dir=tmp_path, analytics="sql")
    app = create_app(settings, observatory=Observatory(engine, corridor))
    response = app.server.test_client().get("/api/v1/indicators/flows")
    assert (response.status_code, response.mimetype) == (503, "application/json")
    assert response.get_json()["error"] == "database_unavailable"


def test_errors_quoting_the_request_carry_no_markup(client):
    response = client.get("/api/v1/indicators/%3Cscript%3Ealert(1)")
    assert response.status_code == 404 and b"<script>" not in response.data
    assert response.get_json()["indicator"] == "<script>alert(1)"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
