"""Awkward files: XLSX formulas, merged cells and sheets; ragged CSV rows; large files.

Row numbers count from the header row (1), as DATA_SPEC asks. Expected values were worked
out by hand from the rows written in each test.
"""

from __future__ import annotations

import inspect
import itertools
import json
import os
import re
import subprocess
import sys
import tracemalloc
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from bench.messy_rows import write_messy_csv
from etl.load import load_file
from etl.read import open_table
from tests.conftest import TEST_PSEUDONYM_KEY
from tests.etl_helpers import counts, table_rows

ROOT = Path(__file__).resolve().parents[2]
HEADER = [
    "Folio contrato",
    "CUI",
    "Actividad",
    "Estado trabajo",
    "Municipio trabajo",
    "Fecha inicio",
    "Salario",
    "Periodicidad",
    "Moneda",
    "Horas semana",
]


def contract(number: str, cui: int, **changes: object) -> list[object]:
    """One hand-written contract row in HEADER order (a 300-peso day in Tapachula)."""
    row = {
        "Folio contrato": number,
        "CUI": str(cui),
        "Actividad": "Café",
        "Estado trabajo": "Chiapas",
        "Municipio trabajo": "Tapachula",
        "Fecha inicio": "01/02/2024",
        "Salario": 300,
        "Periodicidad": "diario",
        "Moneda": "MXN",
        "Horas semana": 48,
    }
    row.update({key.replace("_", " "): value for key, value in changes.items()})
    return [row[name] for name in HEADER]


def load_contracts(engine, corridor, path: Path, **options):
    return load_file(engine, path, "contracts", corridor, TEST_PSEUDONYM_KEY, **options)


def by_id(engine) -> dict[str, dict]:
    return {r["contract_id"]: r for r in table_rows(engine, "contract")}


def faults(engine) -> list[tuple[int, str]]:
    return sorted((q["row_number"], q["field"]) for q in table_rows(engine, "quarantined_row"))


# --- XLSX: formulas ------------------------------------------------------------------------


def write_formula_workbook(path: Path) -> None:
    """A wage and the weekly hours written as formulas, as a script using openpyxl does."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Contratos"
    sheet.append(HEADER)
    sheet.append(contract("F-1", 4100000000101))
    sheet.append(contract("F-2", 4100000000102, Salario="=250+50", Horas_semana="=6*8"))
    sheet.append(contract("F-3", 4100000000103, Horas_semana="=SUM(J2:J3)"))
    workbook.save(path)


def save_results_as_excel_would(path: Path, results: dict[str, str]) -> None:
    """Give formula cells the result Excel or LibreOffice would have saved with them."""
    member = "xl/worksheets/sheet1.xml"
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    xml = parts[member].decode("utf-8")
    for cell, value in results.items():
        xml, found = re.subn(
            rf'(<c r="{cell}"[^>]*>)<f>([^<]*)</f><v\s*/>', rf"\1<f>\2</f><v>{value}</v>", xml
        )
        assert found == 1, cell
    parts[member] = xml.encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


def test_xlsx_formulas_without_saved_results_refuse_the_file(engine, corridor, tmp_path):
    """openpyxl saves formulas without computing them: nothing to read, so the file is
    refused whole, with the cells named, rather than read as empty cells (a required wage
    "missing", an optional weekly hours silently unknown)."""
    path = tmp_path / "contratos_formulas.xlsx"
    write_formula_workbook(path)
    report = load_contracts(engine, corridor, path)
    assert report.status == "refused"
    assert report.message.startswith("contratos_formulas.xlsx: 3 formula cell(s)")
    assert "without a saved result (G3, J3, J4)" in report.message
    assert "save it again" in report.message
    assert table_rows(engine, "contract") == [] and table_rows(engine, "worker") == []
    (batch,) = table_rows(engine, "load_batch")
    assert batch["status"] == "refused" and "formula" in batch["message"]


def test_xlsx_formulas_with_saved_results_read_as_those_results(engine, corridor, tmp_path):
    path = tmp_path / "contratos_guardados.xlsx"
    write_formula_workbook(path)
    save_results_as_excel_would(path, {"G3": "300", "J3": "48", "J4": "96"})
    report = load_contracts(engine, corridor, path)
    assert report.status == "loaded" and counts(report) == (3, 3, 0, 0, 0)
    rows = by_id(engine)
    assert (rows["F-2"]["wage_amount"], rows["F-2"]["hours_per_week"]) == (300, 48)
    assert rows["F-3"]["hours_per_week"] == 96


# --- XLSX: merged cells --------------------------------------------------------------------


def test_xlsx_merged_cells_hold_their_value_in_the_top_left_cell_only(engine, corridor, tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Contratos 2024 - Finca Santa Rita"])  # a title merged over the table
    sheet.merge_cells("A1:J1")
    sheet.append(HEADER)  # physical row 2: the header (row 1 of the file's numbering)
    # Every row is whole before merging; merging keeps only the top-left value (as Excel
    # and LibreOffice do) and the file stores nothing in the other cells.
    sheet.append(contract("M-1", 4200000000101))  # physical row 3, row 2
    sheet.append(contract("M-2", 4200000000102))  # row 3
    sheet.merge_cells("C3:C4")  # Actividad merged down: M-2's sector is gone
    sheet.append(contract("M-3", 4200000000103, Municipio_trabajo="Huixtla"))  # row 4
    sheet.append(contract("M-4", 4200000000104))  # row 5
    sheet.merge_cells("E5:E6")  # municipality (optional) merged down: M-4's is gone
    sheet.append(contract("M-5", 4200000000105, Moneda="GTQ"))  # row 6
    sheet.merge_cells("I7:J7")  # currency and hours merged across: M-5's hours are gone
    path = tmp_path / "contratos_combinadas.xlsx"
    workbook.save(path)
    report = load_contracts(engine, corridor, path)
    assert report.header_row == 2
    assert counts(report) == (5, 4, 0, 0, 1)
    assert faults(engine) == [(3, "sector")]  # M-2: the merged sector reads as empty
    (reason,) = [q["reason"] for q in table_rows(engine, "quarantined_row")]
    assert reason == "required value missing"
    rows = by_id(engine)
    assert rows["M-1"]["sector"] == "coffee"
    assert rows["M-3"]["worksite_admin2"] == "huixtla"
    assert rows["M-4"]["worksite_admin2"] is None  # under the merge: empty, so unknown
    assert (rows["M-5"]["currency"], rows["M-5"]["hours_per_week"]) == ("GTQ", None)


# --- XLSX: several sheets ------------------------------------------------------------------


def write_three_sheets(path: Path) -> None:
    workbook = Workbook()
    first = workbook.active
    first.title = "Contratos 2024"
    first.append(HEADER)
    first.append(contract("S24-1", 4300000000101))
    first.append(contract("S24-2", 4300000000102))
    older = workbook.create_sheet("Contratos 2023")
    older.append(HEADER)
    for n in range(1, 4):
        older.append(contract(f"S23-{n}", 4300000000200 + n, Fecha_inicio=f"0{n}/03/2023"))
    summary = workbook.create_sheet("Resumen")
    summary.append(["Contratos", "=COUNTA('Contratos 2024'!A2:A100)"])
    workbook.save(path)


def test_xlsx_first_sheet_by_default(engine, corridor, tmp_path):
    path = tmp_path / "contratos_hojas.xlsx"
    write_three_sheets(path)
    report = load_contracts(engine, corridor, path)  # the formulas of "Resumen" are not read
    assert report.status == "loaded" and counts(report) == (2, 2, 0, 0, 0)
    assert sorted(by_id(engine)) == ["S24-1", "S24-2"]


def test_xlsx_sheet_named_and_unknown_sheet(engine, corridor, tmp_path):
    path = tmp_path / "contratos_hojas.xlsx"
    write_three_sheets(path)
    report = load_contracts(engine, corridor, path, sheet="Contratos 2023")
    assert report.status == "loaded" and counts(report) == (3, 3, 0, 0, 0)
    assert sorted(by_id(engine)) == ["S23-1", "S23-2", "S23-3"]
    assert str(by_id(engine)["S23-2"]["start_date"]) == "2023-03-02"

    unknown = load_contracts(engine, corridor, path, sheet="Hoja1")
    assert unknown.status == "refused"
    assert unknown.message == (
        "contratos_hojas.xlsx: no sheet named 'Hoja1' "
        "(sheets: Contratos 2024, Contratos 2023, Resumen)"
    )
    summary = load_contracts(engine, corridor, path, sheet="Resumen")
    assert summary.status == "refused" and "1 formula cell(s)" in summary.message
    assert "(B1)" in summary.message
    assert len(table_rows(engine, "contract")) == 3  # only the named sheet's rows


# --- CSV: ragged rows ----------------------------------------------------------------------

RAGGED = "\n".join(
    [
        ";".join(HEADER),
        "R-1;4400000000101;Café;Chiapas;Tapachula;01/02/2024;300;diario;MXN;48",
        # two values under no header: the row is refused, not shifted or cut
        "R-2;4400000000102;Café;Chiapas;Tapachula;01/02/2024;300;diario;MXN;48;x;Juan",
        # extra separators with nothing after them: the row is whole
        "R-3;4400000000103;Café;Chiapas;Tapachula;01/02/2024;300;diario;MXN;48;;;",
        # stops after the wage period: currency by default, hours unknown
        "R-4;4400000000104;Banano;Tabasco;Centro;01/02/2024;1.750;semanal",
        # stops before the wage: each missing required field is a fault of its own
        "R-5;4400000000105;Café;Chiapas;Tapachula;01/02/2024",
        "R-6",
    ]
)


def test_csv_ragged_contract_rows(engine, corridor, tmp_path):
    path = tmp_path / "contratos_disparejos.csv"
    path.write_text(RAGGED + "\n", encoding="utf-8")
    report = load_contracts(engine, corridor, path)
    assert counts(report) == (6, 3, 0, 0, 3)
    assert faults(engine) == [
        (3, "(row)"),
        (6, "wage_amount"),
        (6, "wage_period"),
        (7, "person_id"),  # only its number
        (7, "sector"),
        (7, "start_date"),
        (7, "wage_amount"),
        (7, "wage_period"),
        (7, "worksite_admin1"),
    ]
    quarantine = {(q["row_number"], q["field"]): q for q in table_rows(engine, "quarantined_row")}
    assert quarantine[(3, "(row)")]["reason"] == (
        "the row has 12 values but the header has 10 columns"
    )
    assert quarantine[(6, "wage_amount")]["reason"] == "required value missing"
    shown = json.loads(quarantine[(6, "wage_amount")]["raw_values"])
    assert shown["Folio contrato"] == "R-5" and shown["Salario"] is None
    assert "CUI" not in shown  # the worker's ID never reaches the quarantine
    rows = by_id(engine)
    assert sorted(rows) == ["R-1", "R-3", "R-4"]
    same = ("sector", "worksite_admin2", "wage_amount", "currency", "hours_per_week")
    assert [rows["R-3"][k] for k in same] == [rows["R-1"][k] for k in same]
    assert (rows["R-4"]["currency"], rows["R-4"]["hours_per_week"]) == ("MXN", None)
    assert rows["R-4"]["wage_daily_dest"] == pytest.approx(250.0)  # 1,750 a week / 7


def test_values_no_column_could_hold_are_quarantined_not_a_crash(engine, corridor, tmp_path):
    """A 23-digit wage overflowed SQLite's integers, a 150-letter municipality PostgreSQL's
    column: the whole file failed. Each is now a faulty field of its own row."""
    path = tmp_path / "contratos_desmedidos.csv"
    start = "Café;Chiapas"
    lines = [
        ";".join(HEADER),
        f"D-1;4500000000101;{start};Tapachula;01/02/2024;300;diario;MXN;48",
        f"D-2;4500000000102;{start};Tapachula;01/02/2024;99999999999999999999999;diario;;",
        f"D-3;4500000000103;{start};San {'A' * 146};01/02/2024;300;diario;MXN;48",
        f"D-4;4500000000104;{start};Tapachula;01/02/2024;{'9.999' + '.999' * 6};diario;;",
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = load_contracts(engine, corridor, path)
    assert report.status == "loaded" and counts(report) == (4, 1, 0, 0, 3)
    reasons = {
        (q["row_number"], q["field"]): q["reason"] for q in table_rows(engine, "quarantined_row")
    }
    assert reasons[(3, "wage_amount")] == "'99999999999999999999999' is too large a number"
    assert reasons[(4, "worksite_admin2")] == "longer than 120 characters"
    assert reasons[(5, "wage_amount")] == "'9.999.999.999.999.999.999.999' is too large a number"

    # A placeholder `-` in a later file is an empty cell: the stored municipality stays.
    correction = tmp_path / "correccion.csv"
    correction.write_text(
        ";".join(HEADER) + "\nD-1;4500000000101;Café;Chiapas;-;01/02/2024;320;diario;MXN;48\n",
        encoding="utf-8",
    )
    assert counts(load_contracts(engine, corridor, correction)) == (1, 0, 1, 0, 0)
    row = by_id(engine)["D-1"]
    assert (row["worksite_admin2"], row["wage_amount"]) == ("tapachula", 320)


# --- large files ---------------------------------------------------------------------------


def write_csv_of_size(path: Path, megabytes: int) -> int:
    """A contracts CSV of about `megabytes` MB, written a block at a time; its row count."""
    block_rows = 10_000
    block = "".join(
        f"B-{n:07d};4600000{n:06d};Café;Chiapas;Tapachula;01/02/2024;300;diario;MXN;48\n"
        for n in range(block_rows)
    )
    repeats = max(1, megabytes * 1_000_000 // len(block))
    with path.open("w", encoding="utf-8") as handle:
        handle.write(";".join(HEADER) + "\n")
        for _ in range(repeats):
            handle.write(block)
    return repeats * block_rows


def test_reading_is_lazy_the_first_rows_of_a_50_mb_file_cost_little_memory(tmp_path):
    """Opening a file hashes it and checks its encoding a 1 MB block at a time, and rows()
    is a generator: the first ten rows of a 50 MB file are read without holding the file
    (the whole file as Python rows would take about 500 MB)."""
    path = tmp_path / "grande.csv"
    write_csv_of_size(path, 50)
    assert path.stat().st_size > 45_000_000
    tracemalloc.start()
    try:
        table = open_table(path)
        _, opening_peak = tracemalloc.get_traced_memory()  # measured here: about 4.5 MB
        tracemalloc.reset_peak()
        rows = table.rows()
        assert inspect.isgenerator(rows)
        first = list(itertools.islice(rows, 10))
        _, reading_peak = tracemalloc.get_traced_memory()  # measured here: about 0.04 MB
    finally:
        tracemalloc.stop()
    rows.close()
    assert [number for number, _ in first] == list(range(1, 11))
    assert first[1][1][0] == "B-0000000"
    assert opening_peak < 8_000_000, f"{opening_peak / 1e6:.1f} MB to open the file"
    assert reading_peak < 5_000_000, f"{reading_peak / 1e6:.1f} MB to read ten rows"


MEMORY_PROBE = """
import json, os, sys
from pathlib import Path
import pandas  # imported by the first pass of a large CSV: code, not data, so before the baseline
from etl.load import load_file
from observatory.corridor import load_corridor
from observatory.db.engine import make_engine

def rss_mb():
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20

engine, corridor = make_engine(os.environ["DATABASE_URL"]), load_corridor("gt_mx")
before = rss_mb()
report = load_file(engine, Path(sys.argv[1]), "border_office", corridor, b"k" * 16)
# VmHWM, the high-water mark of this process image: getrusage's ru_maxrss survives execve,
# so it would report the pytest process that forked this one once that grew larger.
with open("/proc/self/status") as status:
    peak = next(int(l.split()[1]) for l in status if l.startswith("VmHWM:")) / 1024
print(json.dumps({"status": report.status, "rows_read": report.rows_read,
                  "rows_loaded": report.rows_loaded, "before_mb": before, "peak_mb": peak}))
"""
ROWS_FOR_MEMORY = 200_000
# Peak growth of the loader's resident memory over its size before the load. Measured on
# 200,000 messy rows (30 MB): about 200 MB on SQLite (64 MiB of it SQLite's page cache) and
# 145 MB on PostgreSQL. What grows with the file is the index of keys seen in it (repeats
# and conflicts) and of its workers, ~150 bytes a row; the rows themselves stream, a chunk
# of 20,000 at a time. Holding this file's rows at once would add ~225 MB by itself (the csv
# module's lists of strings, measured), which this bound does not leave room for.
MEMORY_BOUND_MB = 300


@pytest.fixture(scope="module")
def messy_200k(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("big") / "registros_200k.csv"
    write_messy_csv(path, ROWS_FOR_MEMORY)  # the benchmark's rows: cp1252, faults, repeats
    return path


@pytest.mark.slow
def test_a_200000_row_load_keeps_memory_bounded(engine, messy_200k):
    env = {
        **os.environ,
        "DATABASE_URL": engine.url.render_as_string(hide_password=False),
        "PYTHONPATH": str(ROOT),
    }
    result = subprocess.run(
        [sys.executable, "-c", MEMORY_PROBE, str(messy_200k)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert result.returncode == 0, result.stderr
    figures = json.loads(result.stdout.splitlines()[-1])
    assert figures["status"] == "loaded" and figures["rows_read"] == ROWS_FOR_MEMORY
    assert figures["rows_loaded"] == 199_000  # one row in 200 has a fault
    growth = figures["peak_mb"] - figures["before_mb"]
    print(f"{engine.dialect.name}: peak {figures['peak_mb']:.0f} MB, +{growth:.0f} MB")
    assert growth < MEMORY_BOUND_MB, f"peak {figures['peak_mb']:.0f} MB, +{growth:.0f} MB"
