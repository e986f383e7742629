"""The hand-written fixtures of tests/fixtures/recruiters_profile, loaded through the ETL: two
registry snapshots, 23 border registrations of 18 workers, and 19 contracts."""

from __future__ import annotations

import pandas as pd
import pytest

from etl.load import load_file
from observatory.services import Observatory
from tests.conftest import FIXTURES, TEST_PSEUDONYM_KEY

PROFILE = FIXTURES / "recruiters_profile"
LOADS = (
    ("registro_perfil_2023-12-31.csv", "recruiter_registry"),
    ("registro_perfil_2024-06-30.csv", "recruiter_registry"),
    ("registros_perfil_2024.csv", "border_office"),  # first: the workers' sex comes from here
    ("contratos_perfil_2024.csv", "contracts"),
)


def table_rows(table: pd.DataFrame) -> list[tuple]:
    """A table as tuples, <NA> and NaN as None (so literals compare plainly)."""
    return [
        tuple(None if v is pd.NA or v != v else v for v in row)
        for row in table.astype(object).itertuples(index=False)
    ]


def rows(result) -> list[tuple]:
    return table_rows(result.table)


@pytest.fixture
def loaded(engine, corridor):
    for name, kind in LOADS:
        report = load_file(engine, PROFILE / name, kind, corridor, TEST_PSEUDONYM_KEY)
        assert report.status == "loaded", report.message
        assert report.rows_quarantined == 0
    return lambda min_cell=5: Observatory(engine, corridor, min_cell=min_cell)
