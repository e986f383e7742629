"""Loading border_office files: counts, quarantine, idempotency, corrections, refusals.

Expected numbers were worked out by reading the fixture files by hand; row numbers count
from the header row (1), as DATA_SPEC asks. See tests/fixtures/border_office/README.md.
"""

from __future__ import annotations

import json

import pytest

from tests.etl_helpers import counts, load, table_rows

TECUN = "registros_tecun_uman_2024T1.csv"


def test_messy_latin1_file_loads_with_the_right_counts(engine, corridor):
    report = load(engine, corridor, TECUN)
    assert report.status == "loaded"
    # 30 data rows below the header, one blank: 29 read. 8 quarantined (rows 13, 14, 15,
    # 16, 17, 20, 21, 27), 1 identical repeat (row 19 = TU-0003), 20 new registrations.
    assert counts(report) == (29, 20, 0, 1, 8)
    assert report.header_row == 4  # two title lines and a blank line above it
    assert report.ignored_columns == ["Observaciones"]
    assert report.name_columns_dropped == 1  # "Nombre completo"


def test_quarantine_keeps_one_record_per_faulty_field_with_reasons(engine, corridor):
    report = load(engine, corridor, TECUN)
    records = sorted((q["row_number"], q["field"]) for q in table_rows(engine, "quarantined_row"))
    assert records == [
        (13, "age"),  # age 7
        (14, "registered_on"),  # 31/02/2024
        (15, "registered_on"),  # 15/03/24, two-digit year
        (16, "origin_admin1"),  # Narnia
        (16, "sector"),  # Astronomía
        (17, "person_id"),  # no CUI
        (20, "registration_id"),  # TU-0005 again, with another sector: a conflict
        (21, "accompanying_family"),  # -1
        (27, "age"),  # 95
    ]
    reasons = {
        (q["row_number"], q["field"]): q["reason"] for q in table_rows(engine, "quarantined_row")
    }
    assert "two-digit year" in reasons[(15, "registered_on")]
    assert "Narnia" in reasons[(16, "origin_admin1")]
    assert reasons[(17, "person_id")] == "required value missing"
    assert "first at row 6" in reasons[(20, "registration_id")]
    assert all(q["batch_id"] == report.batch_id for q in table_rows(engine, "quarantined_row"))


def test_values_are_read_as_the_spec_says(engine, corridor):
    load(engine, corridor, TECUN)
    rows = {r["registration_id"]: r for r in table_rows(engine, "registration")}
    assert {r["office_code"] for r in rows.values()} == {"tecun_uman"}  # 4 spellings, one office
    # This file uses H for men, so M means mujer.
    assert rows["TU-0002"]["sex"] == "F" and rows["TU-0001"]["sex"] == "M"
    # Born 03/04/1990, registered 15/01/2024: 33 years old.
    assert rows["TU-0002"]["age_years"] == 33
    assert rows["TU-0026"]["age_years"] == 13 and rows["TU-0026"]["age_group"] == "lt15"
    assert str(rows["TU-0004"]["registered_on"]) == "2024-01-16"  # 16/1/2024, unpadded
    assert str(rows["TU-0006"]["registered_on"]) == "2024-01-18"  # ISO
    assert rows["TU-0008"]["origin_admin1"] == "GT-09"  # Quezaltenango
    assert (
        rows["TU-0018"]["origin_admin1"] == "GT-12"
        and rows["TU-0018"]["destination_admin1"] == "MX-CHP"
    )
    assert rows["TU-0019"]["origin_admin1"] == "GT-13"  # INE 13, read against Guatemala
    assert rows["TU-0019"]["destination_admin1"] == "MX-CHP"  # INEGI 7, read against Mexico
    assert rows["TU-0007"]["sector"] == "sugar_cane"
    assert rows["TU-0011"]["direction"] == "return"
    assert rows["TU-0004"]["accompanying_family"] is None  # empty cell: unknown
    assert rows["TU-0001"]["recruiter_licence"] == "GT-REC-0012"
    assert rows["TU-0001"]["period_month"] == "2024-01"
    # TU-0011 is TU-0001's worker coming back; TU-0027 is TU-0002's.
    assert rows["TU-0011"]["worker_id"] == rows["TU-0001"]["worker_id"]
    assert rows["TU-0027"]["worker_id"] == rows["TU-0002"]["worker_id"]
    assert len({r["worker_id"] for r in rows.values()}) == 18


def test_loading_the_same_file_twice_adds_nothing(engine, corridor):
    first = load(engine, corridor, TECUN)
    before = {t: table_rows(engine, t) for t in ("registration", "worker", "quarantined_row")}
    second = load(engine, corridor, TECUN)
    assert second.status == "duplicate"
    assert counts(second) == (29, 0, 0, 21, 8)  # unchanged = read - quarantined
    assert {t: table_rows(engine, t) for t in before} == before
    batches = table_rows(engine, "load_batch")
    assert [b["status"] for b in batches] == ["loaded", "duplicate"]
    assert batches[1]["sha256"] == batches[0]["sha256"] and first.batch_id == batches[0]["id"]


def test_a_correction_file_updates_records_and_keeps_history(engine, corridor):
    load(engine, corridor, TECUN)
    report = load(engine, corridor, "correccion_tecun_uman_2024.csv")
    # TU-0005 moves from Tabasco to Chiapas; TU-0010 (empty direction) and TU-0004 (M read as
    # mujer, since the file also uses H) are as stored; TU-0028 is new.
    assert counts(report) == (4, 1, 1, 2, 0)
    rows = {r["registration_id"]: r for r in table_rows(engine, "registration")}
    assert rows["TU-0005"]["destination_admin1"] == "MX-CHP"
    assert rows["TU-0005"]["destination_admin2"] == "centro"  # missing column: unchanged
    assert rows["TU-0010"]["direction"] == "exit"
    assert rows["TU-0005"]["last_batch_id"] == report.batch_id
    (change,) = table_rows(engine, "record_change")
    assert change["record_id"] == rows["TU-0005"]["id"] and change["batch_id"] == report.batch_id
    assert json.loads(change["changes"]) == {"destination_admin1": ["MX-TAB", "MX-CHP"]}
    # The ID written with hyphens is the same worker.
    assert len({r["worker_id"] for r in rows.values()}) == 19


def test_english_tab_file_with_m_for_male(engine, corridor):
    report = load(engine, corridor, "el_carmen_2024_english.tsv")
    assert counts(report) == (4, 4, 0, 0, 0)
    rows = {r["registration_id"]: r for r in table_rows(engine, "registration")}
    assert {r["office_code"] for r in rows.values()} == {"el_carmen"}  # Malacatán, Talismán too
    assert [rows[k]["sex"] for k in sorted(rows)] == ["M", "F", "M", "M"]
    assert (
        rows["EC-002"]["origin_admin1"] == "GT-12"
        and rows["EC-002"]["destination_admin1"] == "MX-CHP"
    )
    assert str(rows["EC-003"]["registered_on"]) == "2024-02-11"  # "2024-02-11 00:00:00"
    assert (rows["EC-001"]["document_type"], rows["EC-001"]["language"]) == ("TVTF", "mam")


def test_sex_coding_can_be_forced(engine, corridor):
    load(engine, corridor, "el_carmen_2024_english.tsv", sex_coding="es")
    sexes = sorted(r["sex"] for r in table_rows(engine, "registration"))
    assert sexes == ["F", "F", "F", "F"]  # M read as mujer, F as femenino


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("sin_columna_sector.csv", "required column(s) missing for border_office: sector"),
        ("vacio.csv", "the file is empty"),
        ("imagen_renombrada.csv", "binary content, not a CSV or XLSX table"),
        ("solo_encabezado.csv", "no data rows"),
    ],
)
def test_refused_files_write_nothing_and_are_logged(engine, corridor, name, message):
    report = load(engine, corridor, name)
    assert report.status == "refused"
    assert message in report.message and name in report.message
    assert table_rows(engine, "registration") == [] and table_rows(engine, "worker") == []
    (batch,) = table_rows(engine, "load_batch")
    assert batch["status"] == "refused" and message in batch["message"]


def test_dry_run_reports_exactly_and_writes_nothing(engine, corridor):
    report = load(engine, corridor, TECUN, dry_run=True)
    assert report.status == "dry_run" and counts(report) == (29, 20, 0, 1, 8)
    for table in ("registration", "worker", "quarantined_row", "load_batch"):
        assert table_rows(engine, table) == []


def test_pipes_prefixes_and_ragged_rows(engine, corridor):
    report = load(engine, corridor, "la_mesilla_2024_pipes.csv")
    # LM-01..03 and LM-06 load; LM-04 names Mexico but a Guatemalan state code; LM-05 has
    # a 14th value under no header; LM-07 stops after the department (no state, no sector).
    assert counts(report) == (7, 4, 0, 0, 3)
    rows = {r["registration_id"]: r for r in table_rows(engine, "registration")}
    assert {r["office_code"] for r in rows.values()} == {"la_mesilla"}
    # No destination country in the row: "GT-12" carries Guatemala's prefix and is read so.
    assert (rows["LM-03"]["destination_country"], rows["LM-03"]["destination_admin1"]) == (
        "GT",
        "GT-12",
    )
    assert (rows["LM-01"]["destination_country"], rows["LM-01"]["destination_admin1"]) == (
        "MX",
        "MX-CHP",
    )
    assert rows["LM-02"]["sex"] == "F" and rows["LM-02"]["origin_admin1"] == "GT-13"
    assert rows["LM-06"]["language"] is None and rows["LM-06"]["document_type"] is None
    faults = sorted((q["row_number"], q["field"]) for q in table_rows(engine, "quarantined_row"))
    assert faults == [
        (5, "destination_admin1"),  # LM-04: GT-12 is not in México, which the row states
        (6, "(row)"),  # LM-05: 14 values, 13 headers
        (8, "destination_admin1"),  # LM-07: missing
        (8, "sector"),  # LM-07: missing
    ]


def test_a_file_over_the_size_limit_is_refused_with_advice(engine, corridor):
    report = load(engine, corridor, TECUN, max_bytes=1024)  # the fixture has 4,213 bytes
    assert report.status == "refused"
    assert "OBSERVATORY_MAX_FILE_MB" in report.message and "split it" in report.message
    assert table_rows(engine, "registration") == []
