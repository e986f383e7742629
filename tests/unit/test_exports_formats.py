"""CSV, XLSX and JSON renderings of a hand-made protected result (no database)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import openpyxl
import pandas as pd
import pytest

from observatory.exports.formats import column_type, render, to_csv
from observatory.exports.metadata import ExportContext, filter_in_words, source_kinds
from observatory.filters import Filter
from observatory.indicators.registry import IndicatorResult, lookup

# A flows-shaped table: one published row, one suppressed (both counts hidden), and a
# share column with a negative value and a long fraction to check numbers stay numbers.
TABLE = pd.DataFrame(
    {
        "origin_admin1": pd.array(["GT-09", "=1+1"], dtype="str"),
        "registrations_count": pd.array([7, None], dtype="Int64"),
        "gap_pct": pd.array([-12.5, 1 / 3], dtype="Float64"),
        "suppressed": [False, True],
    }
)
FLT = Filter(sex=("F",), period_start=dt.date(2024, 1, 1))
NOW = dt.datetime(2026, 3, 1, 12, 30, tzinfo=dt.UTC)


@pytest.fixture
def result():
    spec, _ = lookup("flows")
    return IndicatorResult(spec, TABLE, 2, 7, FLT)


@pytest.fixture
def context(corridor):
    batch = {
        "id": 3,
        "source_kind": "border_office",
        "file_name": "=evil.csv",
        "sha256": "ab",
        "started_at": dt.datetime(2026, 2, 1, 8, 0),
        "finished_at": dt.datetime(2026, 2, 1, 8, 1),
        "rows_loaded": 10,
        "rows_updated": 0,
    }
    return ExportContext(corridor, 5, "en", (batch,), NOW)


def test_csv_keeps_numbers_marks_suppression_and_neutralises_text(result):
    rows = list(csv.reader(io.StringIO(to_csv(result).decode("utf-8-sig"))))
    assert rows == [
        ["origin_admin1", "registrations_count", "gap_pct", "suppressed"],
        ["GT-09", "7", "-12.5", "false"],  # a negative number stays a number
        ["'=1+1", "", "0.3333333333333333", "true"],  # hidden: empty; every digit kept
    ]


def test_xlsx_cells_are_typed_and_never_formulas(result, context):
    book = openpyxl.load_workbook(io.BytesIO(render(result, "xlsx", context)))
    assert book.sheetnames == ["data", "metadata"]
    rows = list(book["data"].iter_rows(values_only=True))
    assert rows[1] == ("GT-09", 7, -12.5, False)
    assert rows[2] == ("'=1+1", None, pytest.approx(1 / 3), True)
    formulas = [
        c for row in book.worksheets for r in row.iter_rows() for c in r if c.data_type == "f"
    ]
    assert formulas == []
    meta = {r[0]: r[1] for r in book["metadata"].iter_rows(values_only=True) if r and r[0]}
    assert meta["Hidden cells"] == 2 and meta["Threshold (workers per cell)"] == 5
    assert meta["Filters (URL parameters)"] == "from=2024-01-01&sex=F"
    assert meta["Extracted (UTC)"] == "2026-03-01T12:30:00+00:00"
    assert 3 in meta  # the batch row: id 3 ...
    assert "'=evil.csv" in next(
        r for r in book["metadata"].iter_rows(values_only=True) if r[0] == 3
    )


def test_json_has_nulls_types_metadata_and_no_raw_markup(result, context):
    raw = render(result, "json", context)
    body = json.loads(raw)
    assert body["rows"][1] == {"origin_admin1": "=1+1", "registrations_count": None,
                               "gap_pct": 1 / 3, "suppressed": True}  # fmt: skip
    assert [c["type"] for c in body["columns"]] == ["string", "integer", "number", "boolean"]
    assert body["metadata"]["batches"][0]["started_at"] == "2026-02-01T08:00:00"
    assert body["metadata"]["suppressed_cells"] == 2 and body["metadata"]["min_cell"] == 5


def test_filter_in_words_names_the_codes(corridor):
    flt = Filter(sex=("F",), sector=("coffee",), origin=("GT-12",))
    assert filter_in_words(flt, corridor, "en") == (
        "Sex: women; Sector: Coffee; Origin: San Marcos (GT-12)"
    )
    assert filter_in_words(Filter(), corridor, "es") == "Sin filtro: todos los registros"


def test_source_kinds_follow_the_spec_source():
    assert source_kinds("registration (border_office loads)") == ("border_office",)
    assert source_kinds("load_batch (the load log)") == (
        "border_office",
        "recruiter_registry",
        "contracts",
    )
    assert [column_type(t) for t in ("Int64", "Float64", "bool", "boolean", "str")] == [
        "integer",
        "number",
        "boolean",
        "boolean",
        "string",
    ]
