"""Working conditions from tests/fixtures/contracts/contratos_2024.csv, against sums done by hand.

7 contracts load (C-001..C-007, 7 distinct workers; see test_load_contracts.py for the wages):

    id     sector         state daily MXN below fee     ratio      written IMSS hours housing transp
    C-001  coffee         CHP   300.00    no    0       0          yes     no   48    yes     no
    C-002  construction   CHP   250.00    no    1,500   1500/7600  yes     yes  56    no      yes
    C-003  domestic_work  ROO   213.82    yes   -       -          no      no   60    yes     no
    C-004  coffee         CHP   piece     -     0       - (piece)  no      no   -     yes     yes
    C-005  banana         TAB   235.85    yes   Q 1,500 1500/3040  yes     no   48    no      no
    C-006  hospitality    ROO   320.00    no    0       0          yes     yes  40    no      no
    C-007  construction   YUC   200.00    yes   -       -          yes     yes  48    no      no

The arithmetic tests use min_cell=1 (7 contracts would otherwise all fall under 5 workers);
one test keeps the default 5 and shows the suppression.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from etl.load import load_file
from observatory.filters import Filter
from observatory.services import Observatory
from tests.conftest import FIXTURES, TEST_PSEUDONYM_KEY

CONTRACTS = FIXTURES / "contracts" / "contratos_2024.csv"


def rows(result) -> list[tuple]:
    return [
        tuple(None if v is pd.NA or v != v else v for v in row)  # <NA>, NaN: None
        for row in result.table.astype(object).itertuples(index=False)
    ]


@pytest.fixture
def loaded(engine, corridor):
    report = load_file(engine, CONTRACTS, "contracts", corridor, TEST_PSEUDONYM_KEY)
    assert (report.status, report.rows_loaded) == ("loaded", 7)
    return lambda min_cell=1: Observatory(engine, corridor, min_cell=min_cell)


def test_wage_below_minimum_share(loaded):
    result = loaded().indicator("wage_below_minimum_share", Filter())
    assert rows(result) == [
        # breakdown, key, contracts, workers, comparable, % below (contracts), % below (workers)
        ("all", "all", 7, 7, 6, 50.0, 50.0, False),  # C-003, C-005, C-007 of 6: 3 / 6
        ("sector", "banana", 1, 1, 1, 100.0, 100.0, False),  # C-005: 1 / 1
        ("sector", "coffee", 2, 2, 1, 0.0, 0.0, False),  # C-001 (C-004 piece rate): 0 / 1
        ("sector", "construction", 2, 2, 2, 50.0, 50.0, False),  # C-007 of C-002, C-007: 1 / 2
        ("sector", "domestic_work", 1, 1, 1, 100.0, 100.0, False),  # C-003: 1 / 1
        ("sector", "hospitality", 1, 1, 1, 0.0, 0.0, False),  # C-006: 0 / 1
        # By destination (added with the recruiter breakdown; the overall row is unchanged).
        ("destination", "MX-CHP", 3, 3, 2, 0.0, 0.0, False),  # C-001, C-002 (C-004 piece): 0 / 2
        ("destination", "MX-ROO", 2, 2, 2, 50.0, 50.0, False),  # C-003 below, C-006 not: 1 / 2
        ("destination", "MX-TAB", 1, 1, 1, 100.0, 100.0, False),  # C-005: 1 / 1
        ("destination", "MX-YUC", 1, 1, 1, 100.0, 100.0, False),  # C-007: 1 / 1
        # By recruiter licence, direct hire (no licence) last.
        ("recruiter", "GT-REC-0001", 2, 2, 1, 0.0, 0.0, False),  # C-001 (C-004 piece): 0 / 1
        ("recruiter", "GT-REC-0003", 1, 1, 1, 0.0, 0.0, False),  # C-002 250 >= 248.93: 0 / 1
        ("recruiter", "GT-REC-9999", 1, 1, 1, 100.0, 100.0, False),  # C-005: 1 / 1
        # C-003, C-006, C-007: C-003 and C-007 below: 2 / 3
        (
            "recruiter",
            "direct_hire",
            3,
            3,
            3,
            pytest.approx(200 / 3),
            pytest.approx(200 / 3),
            False,
        ),
    ]
    assert result.suppressed_cells == 0


def test_recruitment_cost_sdg_10_7_1(loaded):
    result = loaded().indicator("recruitment_cost_sdg_10_7_1", Filter())
    sdg_all = 100 * (0 + 1500 / 7600 + 1500 / 3040 + 0) / 4  # C-001, C-002, C-005, C-006: 17.27
    assert rows(result) == [
        # breakdown, key, contracts, workers, SDG mean %, ratios, % paying a fee
        # fee reported: C-001, C-002, C-004, C-005, C-006; paid > 0: C-002, C-005: 2 / 5
        ("all", "all", 7, 7, pytest.approx(sdg_all), 4, 40.0, False),
        ("sector", "banana", 1, 1, pytest.approx(100 * 1500 / 3040), 1, 100.0, False),  # 49.34
        ("sector", "coffee", 2, 2, 0.0, 1, 0.0, False),  # C-001 0 (C-004 has no ratio); 0 / 2
        ("sector", "construction", 2, 2, pytest.approx(100 * 1500 / 7600), 1, 100.0, False),
        ("sector", "domestic_work", 1, 1, None, None, None, False),  # C-003 reports no fee
        ("sector", "hospitality", 1, 1, 0.0, 1, 0.0, False),  # C-006: 0 / 9,728
        # Chiapas: C-001 0 and C-002 1500/7600 -> 9.87 %; fees C-001, C-002, C-004: 1 / 3 paid
        ("destination", "MX-CHP", 3, 3, pytest.approx(100 * (1500 / 7600) / 2), 2, 100 / 3, False),
        ("destination", "MX-ROO", 2, 2, 0.0, 1, 0.0, False),  # C-006 0 (C-003 no fee)
        ("destination", "MX-TAB", 1, 1, pytest.approx(100 * 1500 / 3040), 1, 100.0, False),
        ("destination", "MX-YUC", 1, 1, None, None, None, False),  # C-007 reports no fee
        # By recruiter (added): C-001 0 (C-004 piece, no ratio); fees C-001, C-004 both 0: 0 / 2
        ("recruiter", "GT-REC-0001", 2, 2, 0.0, 1, 0.0, False),
        ("recruiter", "GT-REC-0003", 1, 1, pytest.approx(100 * 1500 / 7600), 1, 100.0, False),
        ("recruiter", "GT-REC-9999", 1, 1, pytest.approx(100 * 1500 / 3040), 1, 100.0, False),
        ("recruiter", "direct_hire", 3, 3, 0.0, 1, 0.0, False),  # only C-006 reports a fee: 0
    ]
    assert sdg_all == pytest.approx(17.2697368)


def test_contract_conditions(loaded):
    result = loaded().indicator("contract_conditions", Filter())
    assert rows(result)[0] == (
        "all",
        "all",
        7,
        7,
        pytest.approx(100 * 5 / 7),  # written: C-001, 002, 005, 006, 007 = 71.43
        pytest.approx(100 * 3 / 7),  # IMSS: C-002, 006, 007 = 42.86
        pytest.approx(100 * 2 / 6),  # > 48 h: C-002 (56), C-003 (60) of 6 known (C-004 blank)
        pytest.approx(100 * 3 / 7),  # housing: C-001, 003, 004
        pytest.approx(100 * 2 / 7),  # transport: C-002, 004
        False,
    )
    by_sector = {r[1]: r[4:9] for r in rows(result)[1:]}
    assert by_sector["coffee"] == (50.0, 0.0, 0.0, 100.0, 50.0)  # C-001, C-004 (hours: C-001)
    assert by_sector["construction"] == (100.0, 100.0, 50.0, 0.0, 50.0)  # C-002, C-007
    assert by_sector["domestic_work"] == (0.0, 0.0, 100.0, 100.0, 0.0)  # C-003
    # Quintana Roo: C-003 (no, no, 60 h, housing, no) and C-006 (yes, yes, 40 h, no, no).
    assert by_sector["MX-ROO"] == (50.0, 50.0, 50.0, 50.0, 0.0)
    # Direct hire: C-003, C-006, C-007 (written: no yes yes; IMSS: no yes yes; > 48 h: 60 only;
    # housing: C-003 only; transport: none).
    third, two_thirds = pytest.approx(100 / 3), pytest.approx(200 / 3)
    assert by_sector["direct_hire"] == (two_thirds, two_thirds, third, third, 0.0)


def test_filters_that_apply_and_those_that_do_not(loaded):
    obs = loaded()
    # Chiapas only: C-001, C-002 comparable (C-004 piece), neither below: 0 / 2.
    chiapas = rows(obs.indicator("wage_below_minimum_share", Filter(destination=("MX-CHP",))))
    assert chiapas[0] == ("all", "all", 3, 3, 2, 0.0, 0.0, False)
    # Started from April 2024: C-003 (Apr), C-006 (May), C-007 (Jun): below C-003, C-007: 2 / 3.
    later = rows(
        obs.indicator("wage_below_minimum_share", Filter(period_start=dt.date(2024, 4, 1)))
    )
    assert later[0] == (
        "all",
        "all",
        3,
        3,
        3,
        pytest.approx(100 * 2 / 3),
        pytest.approx(66.67, abs=0.01),
        False,
    )
    # Construction: C-002, C-007.
    sector = rows(obs.indicator("contract_conditions", Filter(sector=("construction",))))
    assert sector[0][:5] == ("all", "all", 2, 2, 100.0)
    # The contracts file records no sex: women select nothing (a true zero, nothing to share).
    women = rows(obs.indicator("recruitment_cost_sdg_10_7_1", Filter(sex=("F",))))
    assert women == [("all", "all", 0, 0, None, None, None, False)]
    # Origin and border point describe registrations: they leave contracts as they are.
    origin = obs.indicator("contract_conditions", Filter(origin=("GT-12",), border_point=("x",)))
    assert rows(origin) == rows(obs.indicator("contract_conditions", Filter()))


def test_default_threshold_suppresses_small_cells(loaded):
    obs = loaded(min_cell=5)
    wage = obs.indicator("wage_below_minimum_share", Filter())
    # 7 workers in all: the total is published; its 3-of-6 share is not (3 and 3 < 5).
    assert rows(wage)[0] == ("all", "all", 7, 7, None, None, None, False)
    # Every sector has 1 or 2 workers: counts and shares hidden.
    assert all(r[2:] == (None,) * 5 + (True,) for r in rows(wage)[1:])
    # Hidden: 13 rows of 2 counts (5 sectors, 4 states, 4 recruiters: 1 to 3 workers each), and
    # the 2 shares of each of the 14 rows with a comparable wage (the overall 3 of 6 too).
    assert wage.suppressed_cells == 13 * 2 + 14 * 2
    sdg = obs.indicator("recruitment_cost_sdg_10_7_1", Filter())
    assert rows(sdg)[0] == ("all", "all", 7, 7, None, None, None, False)  # 4 ratios < 5 workers
    conditions = obs.indicator("contract_conditions", Filter())
    assert rows(conditions)[0][4:9] == (None,) * 5


def test_the_recruiter_filter_selects_its_contracts(loaded):
    obs = loaded()
    # GT-REC-0001: C-001 (300 pesos, not below) and C-004 (piece rate, not comparable): 0 / 1.
    wage = rows(obs.indicator("wage_below_minimum_share", Filter(recruiter=("GT-REC-0001",))))
    assert wage[0] == ("all", "all", 2, 2, 1, 0.0, 0.0, False)
    # GT-REC-9999 (not in any register, still a licence): C-005, fee Q 1,500 -> 1500/3040.
    fee = rows(obs.indicator("recruitment_cost_sdg_10_7_1", Filter(recruiter=("GT-REC-9999",))))
    assert fee[0] == ("all", "all", 1, 1, pytest.approx(100 * 1500 / 3040), 1, 100.0, False)
