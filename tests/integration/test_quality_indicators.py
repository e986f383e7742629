"""Data-quality indicators against the load log of hand-written fixtures, on both databases.

Loaded, in order: the Tecún Umán file (tests/fixtures/border_office/registros_tecun_uman_2024T1.csv,
29 data rows: 20 loaded, TU-0003 repeated unchanged, 8 rows quarantined with 9 faults),
the contracts file (12 rows: 7 loaded, 1 unchanged, 4 quarantined), and an empty file
(refused). The faults, by hand:
  TU-0005 again with another sector  registration_id repeated with different values
  TU-0012 age 7                      age below the minimum of 10
  TU-0013 31/02/2024                 registered_on not a calendar date
  TU-0014 15/03/24                   registered_on two-digit year
  TU-0015 Narnia / Astronomía        origin_admin1 unknown unit; sector unknown
  TU-0016 no CUI                     person_id required value missing
  TU-0017 -1 companions              accompanying_family below the minimum of 0
  TU-0023 age 95                     age above the maximum of 90
  contracts: C-008 end_date, C-009 wage_amount, C-010 wage_period, C-011 start_date.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from etl.load import load_file
from observatory.db.queries_etl import list_batches
from observatory.filters import Filter
from observatory.indicators import quality
from observatory.services import Observatory
from tests.conftest import FIXTURES, TEST_PSEUDONYM_KEY


def rows(result) -> list[tuple]:
    return [
        tuple(None if v is pd.NA or v != v else v for v in row)  # <NA>, NaN: None
        for row in result.table.astype(object).itertuples(index=False)
    ]


@pytest.fixture
def loaded(engine, corridor) -> Observatory:
    statuses = [
        load_file(engine, path, kind, corridor, TEST_PSEUDONYM_KEY).status
        for path, kind in (
            (FIXTURES / "border_office" / "registros_tecun_uman_2024T1.csv", "border_office"),
            (FIXTURES / "contracts" / "contratos_2024.csv", "contracts"),
            (FIXTURES / "border_office" / "vacio.csv", "border_office"),
        )
    ]
    assert statuses == ["loaded", "loaded", "refused"]
    return Observatory(engine, corridor)


def test_loads_by_month(loaded):
    month = str(list_batches(loaded.engine)[0]["started_at"])[:7]  # the month of this run
    assert rows(loaded.indicator("loads_by_month", Filter())) == [
        # source, month, batches, loaded, updated, unchanged, quarantined (refused: not a load)
        ("border_office", month, 1, 20, 0, 1, 8, False),
        ("contracts", month, 1, 7, 0, 1, 4, False),
    ]


def test_recent_loads_show_the_refused_file_first(loaded):
    table = loaded.indicator("recent_loads", Filter()).table
    assert list(table["file_name"]) == [
        "vacio.csv",
        "contratos_2024.csv",
        "registros_tecun_uman_2024T1.csv",
    ]
    assert list(table["status"]) == ["refused", "loaded", "loaded"]
    assert "empty" in table["message"].iloc[0]
    assert list(table["rows_read"]) == [0, 12, 29]


def test_quarantine_reasons_are_grouped_without_values(loaded):
    found = {
        (r[0], r[1], r[2]): r[3] for r in rows(loaded.indicator("quarantine_reasons", Filter()))
    }
    assert sum(found.values()) == 9 + 4
    assert found[("border_office", "registered_on", "… is not a calendar date")] == 1
    assert found[("border_office", "age", "… is above the maximum of 90")] == 1
    assert found[("border_office", "age", "… is below the minimum of 10")] == 1
    assert found[("border_office", "sector", "unknown sector …")] == 1
    assert found[("contracts", "wage_amount", "… must be above 0")] == 1
    assert not any("Narnia" in reason or "31/02" in reason for _, _, reason in found)


def test_reason_pattern_groups_like_reasons():
    assert quality.reason_pattern("'31/02/2024' is not a calendar date") == (
        quality.reason_pattern("'2024-02-30' is not a calendar date")
    )
    assert quality.reason_pattern("95 is above the maximum of 90") == "… is above the maximum of 90"


def test_field_completeness(loaded):
    table = loaded.indicator("field_completeness", Filter()).table
    share = {(r.table_name, r.column_name): r.complete_pct for r in table.itertuples()}
    counts = {
        (r.table_name, r.column_name): (r.filled_count, r.rows_count) for r in table.itertuples()
    }
    # 20 registrations; licences on TU-0001, 0003, 0005, 0008, 0011 = 5 of 20.
    assert counts[("registration", "recruiter_licence")] == (5, 20)
    assert share[("registration", "recruiter_licence")] == pytest.approx(25.0)
    assert share[("registration", "registered_on")] == 100.0
    # 7 contracts; C-001..C-007: an end date on 3 of them (by hand from contratos_2024.csv).
    assert counts[("contract", "end_date")] == (3, 7)
    assert ("registration", "worker_id") not in counts  # keys are not measured


def test_days_since_last_load(loaded):
    with loaded.engine.connect() as conn:
        table, hidden = quality.days_since_last_load(conn, Filter(), loaded.corridor, 5)
    last = dt.date.fromisoformat(table["last_load_on"].iloc[0])
    with loaded.engine.connect() as conn:
        later, _ = quality.days_since_last_load(
            conn, Filter(), loaded.corridor, 5, today=last + dt.timedelta(days=3)
        )
    assert list(later["source_kind"]) == ["border_office", "recruiter_registry", "contracts"]
    assert list(later["days_since_last_load"].astype(object)) == [3, pd.NA, 3]
    assert hidden == 0
