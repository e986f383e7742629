"""The first pass over a file: the fast CSV scan agrees with the row-by-row one."""

from __future__ import annotations

import pytest

from etl.read import open_table
from etl.scan import _scan, _scan_csv_fast, profile
from etl.sources import source_spec
from tests.etl_helpers import BORDER


@pytest.mark.parametrize(
    "name",
    [
        "registros_tecun_uman_2024T1.csv",
        "correccion_tecun_uman_2024.csv",
        "el_carmen_2024_english.tsv",
    ],
)
def test_fast_scan_counts_rows_and_sex_values_like_the_slow_one(name):
    table = open_table(BORDER / name)
    shape = profile(table, source_spec("border_office"))
    columns = shape.match.columns["sex"]
    assert _scan_csv_fast(table, shape.match, columns) == _scan(table, shape.match, columns)


def test_fast_scan_reads_ragged_rows_too():
    table = open_table(BORDER / "la_mesilla_2024_pipes.csv")
    match = profile(table, source_spec("border_office")).match
    columns = match.columns["sex"]
    slow_total, slow_values = _scan(table, match, columns)
    fast_total, fast_values = _scan_csv_fast(table, match, columns)
    # LM-05 has 14 values for 13 headers, LM-07 only 8: both still count here
    assert (slow_total, fast_total) == (7, 7)
    assert fast_values == slow_values
    assert {v for values in slow_values.values() for v in values} == {"hombre", "mujer"}
