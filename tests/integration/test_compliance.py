"""Recruiter compliance on the date of each registration, against counts made by hand.

tests/fixtures/compliance/border_office_compliance.csv (27 rows, 26 workers W01..W26,
CUI 2402 000NN 0101), read with the registry fixtures (GT-REC-0001 active from 2019-03-15,
suspended from 2024-12-31; GT-REC-0002 valid until 2024-06-30; GT-REC-0003 suspended from
2023-09-15, revoked from 2024-03-01; GT-REC-9999 in no register):

    active        A-001..A-007  GT-REC-0001, Jan-Mar 2024, W01-W06 (W01 twice)  7 / 6
    suspended     S-007..S-011  GT-REC-0001, Jan 2025, W07-W11                  5 / 5
    revoked       R-012..R-016  GT-REC-0003, Apr 2024, W12-W16                  5 / 5
    expired       E-017, E-018  GT-REC-0002, Jul 2024, W17-W18                  2 / 2 (< 5)
    unregistered  U-019..U-021  GT-REC-9999, May 2024, W19-W21                  3 / 3 (< 5)
    direct hire   D-022..D-026  no licence, Feb 2024, W22-W26                   5 / 5
    pending       none                                                          0 / 0

Registrations placed by a recruiter: 7 + 5 + 5 + 2 + 3 = 22 (21 workers).
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from etl.load import load_file
from observatory.filters import Filter
from observatory.services import Observatory
from tests.conftest import FIXTURES, TEST_PSEUDONYM_KEY

REGISTRY = FIXTURES / "recruiter_registry"
COMPLIANCE = FIXTURES / "compliance" / "border_office_compliance.csv"


def rows(result) -> list[tuple]:
    return [
        tuple(None if v is pd.NA or v != v else v for v in row)  # <NA>, NaN: None
        for row in result.table.astype(object).itertuples(index=False)
    ]


@pytest.fixture
def loaded(engine, corridor) -> Observatory:
    def load(path, kind, **options):
        report = load_file(engine, path, kind, corridor, TEST_PSEUDONYM_KEY, **options)
        assert report.status == "loaded", report.message
        return report

    load(REGISTRY / "registro_gt_2023-12-31.csv", "recruiter_registry")
    load(
        REGISTRY / "registro_gt_2024_sin_fecha.csv",
        "recruiter_registry",
        as_of=dt.date(2024, 12, 31),
    )
    load(REGISTRY / "registro_mx_2024-06-30.tsv", "recruiter_registry")
    assert load(COMPLIANCE, "border_office").rows_loaded == 27
    return Observatory(engine, corridor)


def test_compliance_by_category(loaded):
    result = loaded.indicator("recruiter_compliance", Filter())
    assert rows(result) == [
        # category, registrations, workers, share of the 22 recruiter registrations
        ("active", 7, 6, pytest.approx(100 * 7 / 22), False),  # 31.8 %
        ("pending", 0, 0, 0.0, False),  # a zero discloses nobody
        ("suspended", 5, 5, pytest.approx(100 * 5 / 22), False),
        ("revoked", 5, 5, pytest.approx(100 * 5 / 22), False),
        ("expired", None, None, None, True),  # 2 workers: suppressed
        ("unregistered", None, None, None, True),  # 3 workers: suppressed
        ("direct_hire", 5, 5, None, False),  # counted apart: no share
    ]
    # Two rows of two counts each, plus the two shares that go with them.
    assert result.suppressed_cells == 6


def test_a_filter_changes_the_figure(loaded):
    # Women: only W01-W06, all placed by GT-REC-0001 while active: 7 of 7 registrations.
    women = rows(loaded.indicator("recruiter_compliance", Filter(sex=("F",))))
    assert women[0] == ("active", 7, 6, 100.0, False)
    assert all(r[1] == 0 for r in women[1:])
    # From April 2024: no active placement any more; suspended 5, revoked 5, expired 2,
    # unregistered 3 = 15 recruiter registrations, 5 direct hires are in February.
    later = rows(loaded.indicator("recruiter_compliance", Filter(period_start=dt.date(2024, 4, 1))))
    assert later[0] == ("active", 0, 0, 0.0, False)
    assert later[2] == ("suspended", 5, 5, pytest.approx(100 * 5 / 15), False)
    assert later[6] == ("direct_hire", 0, 0, None, False)


def test_alerts(loaded):
    result = loaded.indicator("recruiter_alerts", Filter())
    assert rows(result) == [
        ("GT-REC-0001", "Agencia Los Altos, S.A.", "suspended", 5, 5, False),
        ("GT-REC-0003", "Juan Tzul (contratista)", "revoked", 5, 5, False),
        ("GT-REC-9999", None, "unregistered", None, None, True),  # 3 registrations
        ("GT-REC-0002", "Servicios Laborales del Sur", "expired", None, None, True),  # 2
    ]


def test_registry_table_keeps_names_as_text(loaded):
    table = loaded.indicator("recruiter_registry", Filter()).table
    by_licence = table.set_index("licence_no")
    # 9 licences: GT-REC-0001..0005, 0007 (quarantined once, kept the second time), 0008;
    # MX-REC-0001, MX-REC-0002; GT-REC-0006 had an unknown status and was never stored.
    assert list(table["licence_no"]) == [
        "GT-REC-0001",
        "GT-REC-0002",
        "GT-REC-0003",
        "GT-REC-0004",
        "GT-REC-0005",
        "GT-REC-0007",
        "GT-REC-0008",
        "MX-REC-0001",
        "MX-REC-0002",
    ]
    assert by_licence.loc["GT-REC-0007", "name"] == "<script>alert(1)</script>"
    assert by_licence.loc["GT-REC-0001", "status"] == "suspended"
    assert bool(by_licence.loc["GT-REC-0005", "missing_from_register"]) is True
    assert by_licence.loc["MX-REC-0002", "complaints"] == 7


def test_the_recruiter_filter_selects_its_registrations(loaded):
    # GT-REC-0003 placed R-012..R-016 (W12-W16) in April 2024, revoked since 2024-03-01: 5 of 5.
    result = rows(loaded.indicator("recruiter_compliance", Filter(recruiter=("GT-REC-0003",))))
    assert result[3] == ("revoked", 5, 5, 100.0, False)
    assert [r[1] for r in result] == [0, 0, 0, 5, 0, 0, 0]
    # Both GT-REC-0001 (7 active + 5 suspended) and GT-REC-0003 (5 revoked): 17 registrations.
    both = rows(
        loaded.indicator("recruiter_compliance", Filter(recruiter=("GT-REC-0001", "GT-REC-0003")))
    )
    assert both[0] == ("active", 7, 6, pytest.approx(100 * 7 / 17), False)  # 41.2 %
    # The registrations indicator follows the same filter: 7 + 5 = 12 by GT-REC-0001.
    total = loaded.indicator("registrations", Filter(recruiter=("GT-REC-0001",)))
    assert int(total.table["registrations_count"].iloc[0]) == 12
