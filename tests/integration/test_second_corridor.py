"""Another country pair is data, not code: a fixture corridor loads a file through the ETL."""

from __future__ import annotations

from etl.load import load_file
from observatory.corridor import load_corridor
from tests.conftest import FIXTURES, TEST_PSEUDONYM_KEY
from tests.etl_helpers import counts, table_rows


def test_fixture_corridor_from_data_files_alone(sqlite_engine):
    corridor = load_corridor(FIXTURES / "corridors" / "aa_bb")
    assert (corridor.origin.iso2, corridor.destination.iso2) == ("AA", "BB")
    report = load_file(
        sqlite_engine,
        FIXTURES / "border_office_aa_bb" / "puente_uno_2025.csv",
        "border_office",
        corridor,
        TEST_PSEUDONYM_KEY,
    )
    # P1-003's sector (café) and P1-004's department (Chiapas) belong to another corridor.
    assert counts(report) == (4, 2, 0, 0, 2)
    rows = {r["registration_id"]: r for r in table_rows(sqlite_engine, "registration")}
    assert rows["P1-001"]["office_code"] == rows["P1-002"]["office_code"] == "puente_uno"
    assert (rows["P1-002"]["origin_admin1"], rows["P1-002"]["destination_admin1"]) == (
        "AA-02",
        "BB-NO",
    )
    assert (rows["P1-001"]["origin_country"], rows["P1-001"]["destination_country"]) == ("AA", "BB")
    assert rows["P1-001"]["sector"] == "fishing"
    reasons = sorted(
        (q["row_number"], q["field"]) for q in table_rows(sqlite_engine, "quarantined_row")
    )
    assert reasons == [(4, "sector"), (5, "origin_admin1")]
    (batch,) = table_rows(sqlite_engine, "load_batch")
    assert batch["corridor"] == "AA-BB"
