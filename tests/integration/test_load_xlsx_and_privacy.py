"""XLSX exports (title rows, date cells, serial dates) and privacy: no ID or name stored."""

from __future__ import annotations

import datetime as dt

from openpyxl import Workbook

from etl.pseudonymize import Pseudonymizer
from tests.conftest import TEST_PSEUDONYM_KEY
from tests.etl_helpers import counts, every_text_in_database, load, table_rows

# Written by hand: a title row, a blank row, then the header (physical row 3).
XLSX_ROWS = [
    ["Oficina de Movilidad Laboral El Carmen - registro mensual"],
    [],
    [
        "FOLIO",
        "OFICINA",
        "FECHA REGISTRO",
        "DPI",
        "PASAPORTE",
        "NOMBRES",
        "APELLIDOS",
        "SEXO",
        "FECHA NACIMIENTO",
        "DEPARTAMENTO ORIGEN",
        "ESTADO DESTINO",
        "RAMA",
        "IDIOMA",
    ],
    [
        "EC-101",
        "El Carmen",
        dt.datetime(2024, 3, 4),
        1234567890101,
        None,
        "Lucía",
        "Tzunún",
        "Mujer",
        dt.datetime(1999, 7, 1),
        "San Marcos",
        "Chiapas",
        "Café",
        "Mam",
    ],
    [
        "EC-102",
        "El Carmen",
        45352,
        None,
        "P1234567",
        "Ramón",
        "Cifuentes",
        "Hombre",
        "01/01/1980",
        "Huehuetenango",
        "Chiapas",
        "Banano",
        "K'iche'",
    ],
    [
        "EC-103",
        "El Carmen",
        "04/03/2024",
        "2222 33333 0101",
        "P7654321",
        "Teresa",
        "Ajú",
        "M",
        None,
        "San Marcos",
        "Chiapas",
        "Comercio",
        "Kaqchikel",
    ],
]
IDENTIFIERS = ["1234567890101", "P1234567", "2222 33333 0101", "2222333330101", "P7654321"]
NAMES = ["Lucía", "Tzunún", "Ramón", "Cifuentes", "Teresa", "Ajú"]


def write_workbook(path):
    workbook = Workbook()
    sheet = workbook.active
    for row in XLSX_ROWS:
        sheet.append(row)
    workbook.save(path)


def test_xlsx_with_title_rows_and_date_cells(engine, corridor, tmp_path):
    path = tmp_path / "el_carmen_marzo.xlsx"
    write_workbook(path)
    report = load(engine, corridor, path)
    # EC-103 has no birth date and no age column: quarantined; the other two load.
    assert counts(report) == (3, 2, 0, 0, 1)
    assert report.header_row == 3
    rows = {r["registration_id"]: r for r in table_rows(engine, "registration")}
    assert str(rows["EC-101"]["registered_on"]) == "2024-03-04"
    assert str(rows["EC-102"]["registered_on"]) == "2024-03-01"  # serial 45352
    assert rows["EC-101"]["age_years"] == 24  # born 1 July 1999, registered 4 March 2024
    assert (rows["EC-101"]["sex"], rows["EC-102"]["sex"]) == ("F", "M")
    assert (rows["EC-101"]["language"], rows["EC-102"]["language"]) == ("mam", "quc")
    # DPI first, passport when the DPI is empty: EC-102's worker is keyed by the passport.
    pseudonyms = Pseudonymizer(TEST_PSEUDONYM_KEY)
    workers = {w["id"]: w["person_key"] for w in table_rows(engine, "worker")}
    assert workers[rows["EC-102"]["worker_id"]] == pseudonyms.key_of("P1234567")
    assert workers[rows["EC-101"]["worker_id"]] == pseudonyms.key_of("1234567890101")
    assert {w["birth_year"] for w in table_rows(engine, "worker")} == {1999, 1980}


def test_no_identifier_or_name_anywhere_in_the_database(engine, corridor, tmp_path):
    path = tmp_path / "el_carmen_marzo.xlsx"
    write_workbook(path)
    load(engine, corridor, path)
    load(engine, corridor, "registros_tecun_uman_2024T1.csv")
    everything = every_text_in_database(engine)
    tecun_ids = [
        "2456 78901 0101",
        "2456789010101",
        "1987-65432-0901",
        "1987654320901",
        "3009 99999 1301",
        "3009999991301",
    ]  # the last one is in a quarantined row
    tecun_names = ["Juan Pérez López", "María Gómez Ruiz", "Tomás Jiménez", "Sin Documento"]
    for secret in IDENTIFIERS + NAMES + tecun_ids + tecun_names:
        assert secret not in everything, secret
