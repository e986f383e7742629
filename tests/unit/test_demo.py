"""Sanity checks of the demo generator: same seed same bytes, messy formats, calibrated volumes."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pytest
from openpyxl import load_workbook

from etl.demo import DemoFile, write_demo_files
from observatory.corridor import load_corridor
from observatory.text import fold

# Volume follows the months generated, so a quarter is enough for format checks and one
# full year for the calibration checks.
QUARTER = {"first_year": 2025, "last_month": dt.date(2025, 3, 1)}
FULL_YEAR = {"first_year": 2025, "last_month": dt.date(2025, 12, 1)}
EXITS_PER_YEAR, EXITS_TOLERANCE = 35_000, 0.15  # ILO SSTC figure, and how far a demo may drift
CHIAPAS_SHARE, CHIAPAS_TOLERANCE = 0.90, 0.03

# Just enough of DATA_SPEC's aliases to read the generator's files back without the loader.
CONNECTING_WORDS = {"de", "del", "la", "los", "las", "of", "the"}
DIRECTION_HEADERS = {"direction", "tipo movimiento", "movimiento"}
DESTINATION_HEADERS = {"destination admin1", "estado destino", "entidad destino", "estado"}
ID_HEADERS = {"registration id", "id registro", "no registro", "folio"}
EXIT_WORDS, RETURN_WORDS = {"exit", "salida"}, {"return", "retorno", "ingreso"}


def header_key(text: object) -> str:
    return " ".join(w for w in fold(str(text or "")).split() if w not in CONNECTING_WORDS)


def read_rows(path: Path) -> list[list[object]]:
    """All rows of a CSV (encoding and delimiter detected plainly) or of an XLSX's first sheet."""
    if path.suffix == ".xlsx":
        workbook = load_workbook(path, read_only=True)
        try:
            return [list(row) for row in workbook.worksheets[0].iter_rows(values_only=True)]
        finally:
            workbook.close()
    text = decode(path.read_bytes())
    delimiter = csv.Sniffer().sniff(text.splitlines()[0], delimiters=",;\t|").delimiter
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))


def decode(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return data.decode("utf-8-sig")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252")


def encoding_of(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return "cp1252"
    return "utf-8"


def table(path: Path) -> tuple[dict[str, int], list[list[object]]]:
    """Header columns by key, and the data rows below the header (title rows skipped)."""
    rows = read_rows(path)
    for index, row in enumerate(rows):
        keys = [header_key(value) for value in row]
        if set(keys) & ID_HEADERS and set(keys) & DESTINATION_HEADERS:
            data = [r for r in rows[index + 1 :] if any(v not in (None, "") for v in r)]
            return {k: i for i, k in enumerate(keys) if k}, data
    raise AssertionError(f"{path.name}: no header row")


def column(header: dict[str, int], names: set[str]) -> int:
    return next(index for key, index in header.items() if key in names)


def regular(files: list[DemoFile]) -> list[DemoFile]:
    """The office exports, without the corrections file and the duplicate copy."""
    return [f for f in files if "correcciones" not in f.path.name and "copia" not in f.path.name]


def border_office(files: list[DemoFile]) -> list[DemoFile]:
    return [f for f in files if f.source_kind == "border_office"]


@pytest.fixture(scope="module")
def corridor():
    return load_corridor("gt_mx")


@pytest.fixture(scope="module")
def quarter(tmp_path_factory, corridor) -> list[DemoFile]:
    return border_office(write_demo_files(tmp_path_factory.mktemp("quarter"), corridor, **QUARTER))


@pytest.fixture(scope="module")
def year(tmp_path_factory, corridor) -> list[DemoFile]:
    return border_office(write_demo_files(tmp_path_factory.mktemp("year"), corridor, **FULL_YEAR))


def test_same_seed_gives_the_same_bytes(tmp_path, corridor, quarter):
    again = border_office(write_demo_files(tmp_path / "again", corridor, **QUARTER))
    assert [f.path.name for f in again] == [f.path.name for f in quarter]
    for first, second in zip(quarter, again, strict=True):
        assert first.path.read_bytes() == second.path.read_bytes(), first.path.name
    other = write_demo_files(tmp_path / "other", corridor, seed=7, **QUARTER)
    assert any(
        a.path.read_bytes() != b.path.read_bytes() for a, b in zip(quarter, other, strict=False)
    )


def test_files_are_border_office_exports_in_varied_formats(quarter, year):
    files = quarter + year
    assert all(f.source_kind == "border_office" and f.path.stat().st_size > 0 for f in files)
    csvs = [f.path for f in files if f.path.suffix == ".csv"]
    xlsxs = [f.path for f in files if f.path.suffix == ".xlsx"]
    assert {encoding_of(p.read_bytes()) for p in csvs} == {"utf-8", "utf-8-sig", "cp1252"}
    delimiters = set()
    for path in csvs:
        first_line = decode(path.read_bytes()).splitlines()[0]
        delimiter = csv.Sniffer().sniff(first_line, delimiters=",;\t|").delimiter
        assert len(first_line.split(delimiter)) >= 10, path.name
        delimiters.add(delimiter)
    assert len(delimiters) >= 3
    assert xlsxs
    titled = 0
    for path in xlsxs:
        rows = read_rows(path)
        if len([v for v in rows[0] if v is not None]) == 1:  # a letterhead, then a blank row
            titled += 1
            assert all(v is None for v in rows[1])
        assert any(isinstance(v, dt.datetime) for row in rows[:50] for v in row), path.name
    assert titled >= 1


def test_a_year_has_about_35000_exits_and_90_percent_go_to_chiapas(year, corridor):
    exits = chiapas = 0
    for demo_file in regular(year):
        header, rows = table(demo_file.path)
        direction = column(header, DIRECTION_HEADERS)
        destination = column(header, DESTINATION_HEADERS)
        for row in rows:
            if fold(str(row[direction])) not in EXIT_WORDS:
                assert fold(str(row[direction])) in RETURN_WORDS
                continue
            unit = corridor.admin1_unit(str(row[destination]), corridor.destination.iso2)
            if unit is None:  # a deliberately faulty row
                continue
            exits += 1
            chiapas += unit.name == "Chiapas"
    assert abs(exits - EXITS_PER_YEAR) <= EXITS_TOLERANCE * EXITS_PER_YEAR, exits
    assert abs(chiapas / exits - CHIAPAS_SHARE) <= CHIAPAS_TOLERANCE, chiapas / exits


def test_corrections_resend_earlier_registrations_and_a_duplicate_ends_the_corpus(year):
    corrections = [f.path for f in year if "correcciones" in f.path.name]
    assert len(corrections) == 1
    position = [f.path for f in year].index(corrections[0])
    earlier = set()
    for demo_file in year[:position]:
        header, rows = table(demo_file.path)
        earlier |= {str(row[column(header, ID_HEADERS)]) for row in rows}
    header, rows = table(corrections[0])
    assert 40 <= len(rows) <= 60
    assert {str(row[column(header, ID_HEADERS)]) for row in rows} <= earlier
    *others, duplicate = [f.path for f in year]
    assert duplicate.name not in {p.name for p in others}
    assert any(p.read_bytes() == duplicate.read_bytes() for p in others)
