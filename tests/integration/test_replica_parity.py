"""The DuckDB analytics replica gives every indicator exactly the result of the database.

Every indicator of the registry (new ones join automatically) is computed under several
filters twice, on the primary (SQLite and PostgreSQL) and on its replica, and the protected
tables must be equal value for value and type for type. Also: a replica is a consistent
copy of one data version, it is rebuilt after a load, and the service uses it.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy import Engine, func, select

from etl.load import load_file
from observatory.analytics import AnalyticsReplica, copy_database, replica_tables
from observatory.db import queries
from observatory.filters import Filter
from observatory.indicators.registry import INDICATORS
from observatory.services import Observatory
from tests.conftest import FIXTURES, TEST_PSEUDONYM_KEY

LOADS = (
    ("recruiter_registry/registro_gt_2023-12-31.csv", "recruiter_registry", {}),
    ("recruiter_registry/registro_mx_2024-06-30.tsv", "recruiter_registry", {}),
    ("indicators/border_office_q1.csv", "border_office", {}),
    ("compliance/border_office_compliance.csv", "border_office", {}),
    ("contracts/contratos_2024.csv", "contracts", {}),
)
FILTERS = (
    Filter(),
    Filter(period_start=dt.date(2024, 2, 1), period_end=dt.date(2024, 4, 30)),
    Filter(sex=("F",)),
    Filter(sector=("coffee",), destination=("MX-CHP",)),
    Filter(direction=("return",), origin=("GT-12",)),
    Filter(age_group=("15-17",)),
)


@pytest.fixture
def loaded(engine: Engine, corridor) -> Engine:
    for name, kind, options in LOADS:
        report = load_file(engine, FIXTURES / name, kind, corridor, TEST_PSEUDONYM_KEY, **options)
        assert report.status == "loaded", (name, report.message)
    return engine


@pytest.fixture
def replica(loaded: Engine, tmp_path: Path):
    replica = AnalyticsReplica(loaded, tmp_path / "analytics", background=False)
    yield replica
    replica.close()


def _same(primary: pd.DataFrame, copy: pd.DataFrame, what: str) -> None:
    pd.testing.assert_frame_equal(
        primary.reset_index(drop=True), copy.reset_index(drop=True), rtol=1e-9, obj=what
    )


@pytest.mark.parametrize("min_cell", [1, 5])
def test_every_indicator_is_identical_on_the_replica(loaded, replica, corridor, min_cell):
    with loaded.connect() as conn:
        version = queries.data_version(conn)
    duck = replica.engine(version)
    assert duck is not None and duck.dialect.name == "duckdb"
    with loaded.connect() as conn, duck.connect() as copy:
        for spec, computation in INDICATORS:
            for flt in FILTERS:
                what = f"{spec.id} under {flt.cache_key()!r}"
                expected, expected_hidden = computation(conn, flt, corridor, min_cell)
                got, got_hidden = computation(copy, flt, corridor, min_cell)
                _same(expected, got, what)
                assert got_hidden == expected_hidden, what


def test_the_copy_holds_every_row(loaded, tmp_path):
    target = tmp_path / "copy.duckdb"
    version = copy_database(loaded, target)
    from sqlalchemy import create_engine

    duck = create_engine(f"duckdb:///{target}", connect_args={"read_only": True})
    try:
        with loaded.connect() as conn, duck.connect() as copy:
            assert queries.data_version(copy) == version
            for table in replica_tables():
                count = select(func.count()).select_from(table)
                assert copy.execute(count).scalar_one() == conn.execute(count).scalar_one()
    finally:
        duck.dispose()


def test_a_load_makes_a_new_replica_and_the_service_uses_it(loaded, replica, corridor):
    service = Observatory(loaded, corridor, replica=replica)
    before = service.indicator("registrations", Filter()).table["registrations_count"].iloc[0]
    first = service.data_version()
    assert replica.path(first).exists()
    report = load_file(
        loaded,
        FIXTURES / "indicators" / "border_office_may.csv",
        "border_office",
        corridor,
        TEST_PSEUDONYM_KEY,
    )
    assert report.status == "loaded"
    after = service.indicator("registrations", Filter()).table["registrations_count"].iloc[0]
    assert after == before + report.rows_loaded
    assert replica.path(service.data_version()).exists()
    assert not replica.path(first).exists()  # older copies are removed


def test_a_background_replica_serves_from_sql_until_ready(loaded, corridor, tmp_path):
    replica = AnalyticsReplica(loaded, tmp_path / "bg", background=True)
    service = Observatory(loaded, corridor, replica=replica)
    try:
        # The first request does not wait for the copy; it is answered from the database.
        assert service.indicator("distinct_workers", Filter()).table["workers_count"].iloc[0] > 0
        assert replica.wait(timeout=60) == replica.path(service.data_version())
        assert replica.engine(service.data_version()) is not None
    finally:
        replica.close()


def test_a_failed_copy_is_logged_and_not_retried_at_once(tmp_path, caplog, monkeypatch):
    from observatory.db.engine import make_engine

    monkeypatch.chdir(tmp_path)  # the copy must not depend on the server's working folder
    never_migrated = make_engine(f"sqlite:///{tmp_path / 'empty.db'}")
    replica = AnalyticsReplica(never_migrated, tmp_path / "analytics", background=True)
    try:
        assert replica.engine(0) is None
        first = replica._building
        first.join(timeout=60)
        assert "could not be built" in caplog.text  # no data_state table to copy
        assert replica.engine(0) is None
        assert replica._building is first  # no second attempt during the rest period
    finally:
        replica.close()
        never_migrated.dispose()


def test_the_copy_runs_from_any_working_folder(loaded, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert copy_database(loaded, tmp_path / "elsewhere.duckdb") >= 1
