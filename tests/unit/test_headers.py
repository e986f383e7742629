"""Header matching: case, accents, separators and connecting words do not count."""

from __future__ import annotations

import pytest

from etl.errors import FileRefused
from etl.headers import find_header, header_key, match_headers
from etl.sources import source_spec


@pytest.mark.parametrize(
    "text",
    [
        "Fecha de Registro",
        "FECHA_REGISTRO",
        "fecha-registro",
        " fecha  de  la registro ",
        "Fecha.Registro",
    ],
)
def test_same_header_whatever_the_spelling(text):
    assert header_key(text) == "fecha registro"


def test_no_registro_variants():
    assert header_key("No. Registro") == header_key("no_registro") == "no registro"


def test_aliases_map_to_fields_in_alias_order():
    spec = source_spec("border_office")
    headers = ["Pasaporte", "Folio", "CUI", "Nombres", "Apellidos", "Observaciones", "Sexo"]
    match = match_headers(headers, spec, row_number=1)
    assert match.columns["person_id"] == (2, 0)  # cui comes before pasaporte in the alias list
    assert match.columns["registration_id"] == (1,)
    assert match.name_columns == (3, 4)
    assert match.ignored == ("Observaciones",)


def test_header_found_below_title_rows():
    spec = source_spec("border_office")
    rows = [
        (1, ["Ministerio de Trabajo", None]),
        (2, [None, None]),
        (3, ["Folio", "Oficina", "Fecha", "DPI", "Sexo", "Edad", "Departamento", "Estado", "Rama"]),
    ]
    assert find_header(iter(rows), spec, "f.csv").row_number == 3


def test_missing_required_columns_are_named():
    spec = source_spec("border_office")
    rows = [(1, ["Folio", "Oficina", "Fecha", "Sexo", "Departamento", "Estado", "Rama"])]
    with pytest.raises(FileRefused) as refused:
        find_header(iter(rows), spec, "f.csv")
    assert "person_id (cui, dpi, documento, no_documento, pasaporte)" in refused.value.message
    assert "birth_date (fecha_nacimiento) or age (edad)" in refused.value.message
