"""Indicators against numbers counted by hand from a messy border-office file, on both databases."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from sqlalchemy import Engine

from etl.load import load_file
from observatory.filters import Filter
from observatory.services import Observatory, UnknownIndicator
from tests.conftest import FIXTURES, TEST_PSEUDONYM_KEY

# tests/fixtures/indicators/border_office_q1.csv, by hand (W01..W24 are its 24 workers):
#   30 data rows (and a blank line); 2 quarantined: EC-0017 (age 7), TU-0013 (department
#   "Atlantis"); 28 registrations remain, 24 distinct CUIs (W02 1964..., W01 2587...,
#   W11 3120..., W16 2864... appear twice, with differently spaced or hyphenated CUIs).
#   Flows (origin, office, destination): registrations / workers
#     A  Quetzaltenango GT-09, El Carmen,   Tabasco MX-TAB:  7 / 6  (W16 twice)
#     B  San Marcos GT-12,     El Carmen,   Chiapas MX-CHP:  6 / 5  (W11 twice)
#     C  San Marcos GT-12,     Tecún Umán,  Chiapas MX-CHP: 12 / 10 (W01, W02 twice)
#     D  Huehuetenango GT-13,  El Carmen,   Chiapas MX-CHP:  3 / 3  (two of them minors)
#   Women (F, Femenino): TU-0005, TU-0006, EC-0002, EC-0008, EC-0009, EC-0014 = 6 workers.
#   Minors: EC-0015 (16), EC-0016 (15) = 2 workers.
#   Months: January 9 rows of 9 workers, February 9 / 9, March none, April 10 / 10.
#   Returns (Retorno): TU-0012 (W01), EC-0013 (W16) = 2 rows, 2 workers.
Q1 = FIXTURES / "indicators" / "border_office_q1.csv"
TECUN, CARMEN = "tecun_uman", "el_carmen"


@pytest.fixture
def loaded(engine: Engine, corridor) -> Observatory:
    """The Q1 fixture loaded through the ETL; an Observatory without a cache on it."""
    report = load_file(engine, Q1, "border_office", corridor, TEST_PSEUDONYM_KEY)
    # The expected numbers below assume exactly this outcome of the load.
    assert (report.status, report.rows_read, report.rows_loaded, report.rows_quarantined) == (
        "loaded",
        30,
        28,
        2,
    ), report.message
    return Observatory(engine, corridor)


def rows(result) -> list[tuple]:
    """The table as tuples, <NA> as None (so literals compare plainly)."""
    return [
        tuple(None if v is pd.NA else v for v in row)
        for row in result.table.astype(object).itertuples(index=False)
    ]


def test_totals(loaded: Observatory) -> None:
    assert rows(loaded.indicator("registrations", Filter())) == [(28, False)]
    assert rows(loaded.indicator("distinct_workers", Filter())) == [(24, False)]


def test_overview_kpis(loaded: Observatory) -> None:
    result = loaded.indicator("overview_kpis", Filter())
    row = result.table.iloc[0]
    assert (row.registrations_count, row.workers_count, row.women_count) == (28, 24, 6)
    assert row.share_women_pct == pytest.approx(25.0)  # 6 / 24
    # 2 minors: below 5, so the count and its share are hidden
    assert row.minors_count is pd.NA and row.share_minors_pct is pd.NA
    assert bool(row.suppressed) and result.suppressed_cells == 2
    assert str(result.table.share_women_pct.dtype) == "Float64"


def test_overview_kpis_for_women(loaded: Observatory) -> None:
    # The 6 women, one registration each: every worker a woman (100 %, complement 0 is
    # published), no minor among them (0 is published).
    result = loaded.indicator("overview_kpis", Filter(sex=("F",)))
    assert rows(result) == [(6, 6, 6, 100.0, 0, 0.0, False)]
    assert result.suppressed_cells == 0


def test_monthly_registrations(loaded: Observatory) -> None:
    result = loaded.indicator("monthly_registrations", Filter())
    assert rows(result) == [
        ("2024-01", 9, 9, False),
        ("2024-02", 9, 9, False),
        ("2024-03", 0, 0, False),  # a true zero: published, not suppressed
        ("2024-04", 10, 10, False),
    ]


def test_monthly_clamps_to_the_data(loaded: Observatory) -> None:
    # The period starts before the first registration (8 January): December is unknown,
    # so it is not listed; March is inside the data and is a zero.
    flt = Filter(period_start=dt.date(2023, 12, 1), period_end=dt.date(2024, 3, 31))
    months = [r[0] for r in rows(loaded.indicator("monthly_registrations", flt))]
    assert months == ["2024-01", "2024-02", "2024-03"]


def test_by_origin_suppresses_the_department_with_three_workers(loaded: Observatory) -> None:
    result = loaded.indicator("registrations_by_origin", Filter())
    table = {r[0]: r[1:] for r in rows(result)}
    assert table["GT-12"] == (18, 15, False)  # B + C: 6 + 12 rows, 5 + 10 workers
    assert table["GT-13"] == (None, None, True)  # 3 workers: primary suppression
    # With the total (28) published, GT-13 = 28 - GT-12 - GT-09: the next-smallest
    # non-zero department, Quetzaltenango (6 workers), is hidden too.
    assert table["GT-09"] == (None, None, True)
    others = {code: v for code, v in table.items() if code not in ("GT-09", "GT-12", "GT-13")}
    assert len(others) == 19 and set(others.values()) == {(0, 0, False)}  # 22 departments
    assert result.suppressed_cells == 4  # 2 rows x 2 counts


def test_by_destination(loaded: Observatory) -> None:
    table = {r[0]: r[1:] for r in rows(loaded.indicator("registrations_by_destination", Filter()))}
    assert table["MX-CHP"] == (21, 18, False)  # B + C + D: 6 + 12 + 3 rows, 5 + 10 + 3 workers
    assert table["MX-TAB"] == (7, 6, False)  # A
    assert len(table) == 32 and sum(v[0] for v in table.values()) == 28


def test_flows(loaded: Observatory) -> None:
    result = loaded.indicator("flows", Filter())
    # D (3 workers) is small. Grand total: the smallest other, B (5), goes too. Per
    # origin GT-12, B is then alone hidden beside C, so C goes too. A stays published.
    assert rows(result) == [
        ("GT-09", CARMEN, "MX-TAB", 7, 6, False),
        ("GT-12", CARMEN, "MX-CHP", None, None, True),
        ("GT-12", TECUN, "MX-CHP", None, None, True),
        ("GT-13", CARMEN, "MX-CHP", None, None, True),
    ]
    assert result.suppressed_cells == 6


FILTERED = [
    (Filter(direction=("return",)), [(None, True)]),  # 2 returns, 2 workers: hidden
    (Filter(period_start=dt.date(2024, 2, 1), period_end=dt.date(2024, 2, 29)), [(9, False)]),
    (Filter(origin=("GT-12",), border_point=(TECUN,)), [(12, False)]),  # flow C
    (Filter(sector=("banana",)), [(7, False)]),  # flow A is all Banano
    (Filter(destination=("MX-CHP",), age_group=("15-17",)), [(None, True)]),  # 2 minors
    (Filter(period_start=dt.date(2024, 3, 1), period_end=dt.date(2024, 3, 31)), [(0, False)]),
]


@pytest.mark.parametrize(("flt", "expected"), FILTERED)
def test_filtered_registrations(loaded: Observatory, flt: Filter, expected: list) -> None:
    assert rows(loaded.indicator("registrations", flt)) == expected


def test_min_cell_is_configurable(loaded: Observatory) -> None:
    # With a threshold of 3, Huehuetenango's 3 workers are published, so nothing is hidden.
    obs = Observatory(loaded.engine, loaded.corridor, min_cell=3)
    table = {r[0]: r[1:] for r in rows(obs.indicator("registrations_by_origin", Filter()))}
    assert (table["GT-09"], table["GT-13"]) == ((7, 6, False), (3, 3, False))


def test_metadata(loaded: Observatory, engine: Engine) -> None:
    assert loaded.period_bounds() == (dt.date(2024, 1, 8), dt.date(2024, 4, 29))
    assert isinstance(loaded.last_load(), dt.datetime)
    version = loaded.data_version()
    assert version > 0
    assert loaded.indicator("registrations", Filter()).data_version == version
    ids = [spec.id for spec in loaded.specs()]
    assert len(ids) == len(set(ids))
    # The ids the pages and the API rely on (more may be added, none renamed).
    assert set(ids) >= {
        "registrations",
        "distinct_workers",
        "overview_kpis",
        "monthly_registrations",
        "flows",
        "registrations_by_origin",
        "registrations_by_destination",
        "loads_by_month",
        "recent_loads",
        "quarantine_reasons",
        "field_completeness",
        "days_since_last_load",
        "recruiter_registry",
        "recruiter_compliance",
        "recruiter_alerts",
        "wage_below_minimum_share",
        "recruitment_cost_sdg_10_7_1",
        "contract_conditions",
        "office_quality",
    }
    with pytest.raises(UnknownIndicator):
        loaded.indicator("nope", Filter())
    with pytest.raises(KeyError):
        loaded.indicator("nope", Filter())


def test_empty_database(engine: Engine, corridor) -> None:
    obs = Observatory(engine, corridor)
    assert obs.data_version() == 0 and obs.last_load() is None
    assert obs.period_bounds() == (None, None)
    assert rows(obs.indicator("overview_kpis", Filter())) == [(0, 0, 0, None, 0, None, False)]
    assert rows(obs.indicator("monthly_registrations", Filter())) == []
    assert rows(obs.indicator("registrations_by_origin", Filter())) == []
    assert list(obs.indicator("flows", Filter()).table.columns) == [
        "origin_admin1",
        "border_point",
        "destination_admin1",
        "registrations_count",
        "workers_count",
        "suppressed",
    ]
