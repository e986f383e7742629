"""Contracts: wages and fees normalised by hand-checked arithmetic, links, x marks, history.

2024 reference data (observatory/corridor/data/gt_mx): Mexico's general minimum wage is
248.93 MXN a day; 18.3254 MXN and 7.77 GTQ buy one USD. Conventions (DATA_SPEC): a week
is 7 days, a fortnight 15, a month 30.4, an hour 1/8 of a day; a piece rate is not converted.
"""

from __future__ import annotations

import json

import pytest

from etl.load import load_file
from tests.conftest import FIXTURES, TEST_PSEUDONYM_KEY
from tests.etl_helpers import counts, load, table_rows

CONTRACTS = FIXTURES / "contracts"


def load_contracts(engine, corridor, name):
    return load_file(engine, CONTRACTS / name, "contracts", corridor, TEST_PSEUDONYM_KEY)


def by_id(engine):
    return {r["contract_id"]: r for r in table_rows(engine, "contract")}


def test_counts_and_quarantine(engine, corridor):
    report = load_contracts(engine, corridor, "contratos_2024.csv")
    # 12 rows: C-008 ends before it starts, C-009 has a negative wage, C-010 a yearly wage
    # (not a period DATA_SPEC knows), C-011 a two-digit year; the last row repeats C-001.
    assert counts(report) == (12, 7, 0, 1, 4)
    faults = sorted((q["row_number"], q["field"]) for q in table_rows(engine, "quarantined_row"))
    assert faults == [(9, "end_date"), (10, "wage_amount"), (11, "wage_period"), (12, "start_date")]
    assert report.name_columns_dropped == 1 and report.ignored_columns == ["Observaciones"]


@pytest.mark.parametrize(
    ("contract", "daily", "monthly", "below"),
    [
        ("C-001", 300.0, 9120.0, False),  # 300 a day; 300 x 30.4
        ("C-002", 250.0, 7600.0, False),  # "1.750" a week = 1,750 / 7; 250 >= 248.93
        ("C-003", 6500 / 30.4, 6500.0, True),  # 6,500 a month = 213.82 a day < 248.93
        ("C-004", None, None, None),  # piece rate: not converted, not compared
        ("C-005", 100 * 18.3254 / 7.77, 100 * 18.3254 / 7.77 * 30.4, True),  # 235.85 MXN
        ("C-006", 320.0, 9728.0, False),  # 40 an hour x 8 hours
        ("C-007", 200.0, 6080.0, True),  # 3,000 a fortnight / 15
    ],
)
def test_wages_in_daily_and_monthly_pesos(engine, corridor, contract, daily, monthly, below):
    load_contracts(engine, corridor, "contratos_2024.csv")
    row = by_id(engine)[contract]
    assert row["wage_daily_dest"] == (pytest.approx(daily) if daily is not None else None)
    assert row["wage_monthly_dest"] == (pytest.approx(monthly) if monthly is not None else None)
    assert (None if row["below_minimum_wage"] is None else bool(row["below_minimum_wage"])) is below
    if daily is not None:
        assert row["minimum_wage_daily_dest"] == pytest.approx(248.93)


@pytest.mark.parametrize(
    ("contract", "fee", "ratio"),
    [
        ("C-001", 0.0, 0.0),  # paid nothing: counts as 0 in the SDG mean
        ("C-002", 1500.0, 1500 / 7600),  # "1,500" MXN over 250 x 30.4
        ("C-003", None, None),  # not reported
        ("C-004", 0.0, None),  # piece rate: no monthly earnings to divide by
        ("C-005", 1500 * 18.3254 / 7.77, 1500 / (100 * 30.4)),  # Q 1,500 over Q 100 x 30.4
    ],
)
def test_recruitment_cost_sdg_10_7_1(engine, corridor, contract, fee, ratio):
    load_contracts(engine, corridor, "contratos_2024.csv")
    row = by_id(engine)[contract]
    assert row["fee_dest"] == (pytest.approx(fee) if fee is not None else None)
    assert row["recruitment_cost_ratio"] == (pytest.approx(ratio) if ratio is not None else None)


def test_links_to_workers_employers_and_recruiters(engine, corridor):
    load(engine, corridor, "registros_tecun_uman_2024T1.csv")
    report = load_contracts(engine, corridor, "contratos_2024.csv")
    # With no registry loaded, every cited licence is unregistered: C-001, C-002, C-004
    # and C-005 cite one (C-001 twice, but its repeat is not a new row).
    assert report.findings == {"rows_citing_unregistered_recruiters": 4}
    registrations = {r["registration_id"]: r for r in table_rows(engine, "registration")}
    contracts = by_id(engine)
    # The same CUI written two ways is the same worker as in the border-office file.
    assert contracts["C-001"]["worker_id"] == registrations["TU-0001"]["worker_id"]
    assert contracts["C-002"]["worker_id"] == registrations["TU-0002"]["worker_id"]
    employers = {e["employer_id"]: e["name"] for e in table_rows(engine, "employer")}
    assert employers["CON020202XY2"] == "Constructora del Sur"  # RFC without hyphens
    assert set(employers) == {"ABC010101AB1", "CON020202XY2", "BAN030303ZZ9", "HOT040404HH4"}
    # GT-REC-9999 is in no registry: loaded, and found as unregistered by a join.
    assert contracts["C-005"]["recruiter_licence"] == "GT-REC-9999"
    assert table_rows(engine, "recruiter") == []


def test_x_marks_mean_no_when_empty(engine, corridor):
    report = load_contracts(engine, corridor, "contratos_marcas_x.csv")
    assert counts(report) == (3, 3, 0, 0, 0)
    rows = by_id(engine)
    written = [rows[k]["written_contract"] for k in ("X-001", "X-002", "X-003")]
    assert [bool(v) for v in written] == [True, False, True]  # only x and empty: empty = no
    housing = [rows[k]["housing_provided"] for k in ("X-001", "X-002", "X-003")]
    assert [None if v is None else bool(v) for v in housing] == [True, None, False]  # unknown
    assert rows["X-002"]["worksite_admin1"] == "MX-CHP"
    assert rows["X-003"]["wage_daily_dest"] == pytest.approx(280.0)  # 1,960 a week / 7


def test_a_correction_recomputes_the_derived_amounts_and_keeps_history(engine, corridor):
    load_contracts(engine, corridor, "contratos_2024.csv")
    report = load_contracts(engine, corridor, "correccion_contratos_2024.csv")
    assert counts(report) == (2, 0, 1, 1, 0)  # C-002's wage changed; C-006 as before
    row = by_id(engine)["C-002"]
    assert row["wage_daily_dest"] == pytest.approx(300.0)  # 2,100 / 7
    assert row["recruitment_cost_ratio"] == pytest.approx(1500 / 9120)  # fee kept: 1,500
    assert row["fee_paid_by_worker"] == 1500 and bool(row["written_contract"]) is True
    (change,) = table_rows(engine, "record_change")
    diff = json.loads(change["changes"])
    assert diff["wage_amount"] == [1750, 2100]
    assert diff["wage_daily_dest"] == [pytest.approx(250.0), pytest.approx(300.0)]
