"""Recruitment alerts beyond the licence: fees charged to workers and minors placed.

tests/fixtures/recruiters_profile (see test_recruiter_profile.py), by hand:
- GT-REC-0101 is suspended from 2024-05-01: its five June returns (P01, P02, P07, P08, P09)
  are placements while suspended: 5 registrations, 5 workers.
- Fees above 0: K-01 (300), K-02 (500), K-04 (760) cite GT-REC-0101: 3 contracts of 3
  workers; K-05 and K-12 (1,000 each) cite GT-REC-0102: 2 of 2. K-03 and K-07..K-11 paid 0.
- Every registered worker is 30: no minors placed.
"""

from __future__ import annotations

from etl.load import load_file
from observatory.filters import Filter
from observatory.services import Observatory
from tests.conftest import FIXTURES, TEST_PSEUDONYM_KEY
from tests.integration.profile_fixtures import loaded, rows  # noqa: F401 (a fixture)

AGENCY = "Agencia Sololá Unida, S.A."
PEDRO = "Pedro Ajú (contratista)"


def test_fees_and_suspension_are_alerts(loaded):  # noqa: F811
    result = rows(loaded(1).indicator("recruiter_alerts", Filter()))
    assert result == [
        ("GT-REC-0101", AGENCY, "suspended", 5, 5, False),
        ("GT-REC-0101", AGENCY, "fees_charged", 3, 3, False),
        ("GT-REC-0102", PEDRO, "fees_charged", 2, 2, False),
    ]


def test_small_fee_alerts_are_suppressed(loaded):  # noqa: F811
    result = rows(loaded(5).indicator("recruiter_alerts", Filter()))
    # 5 workers is publishable; 3 and 2 are not (the names stay: the register is public).
    assert result == [
        ("GT-REC-0101", AGENCY, "suspended", 5, 5, False),
        ("GT-REC-0101", AGENCY, "fees_charged", None, None, True),
        ("GT-REC-0102", PEDRO, "fees_charged", None, None, True),
    ]


def test_fee_alerts_ignore_the_age_filter(loaded):  # noqa: F811
    # Contracts record no age: the age filter leaves fee alerts as they are, and nobody in
    # the fixture's registrations is 15-17, so no placement alert is left.
    minors = Filter(age_group=("15-17",))
    assert [r[2] for r in rows(loaded(1).indicator("recruiter_alerts", minors))] == [
        "fees_charged",
        "fees_charged",
    ]


# tests/fixtures/alerts/registros_menores_2024.csv, by hand; no register is loaded, so every
# licence is unregistered on every date:
#   GT-REC-0201: minors M-01..M-05 (15-17 years; M-06 is M-01's return) = 6 registrations of
#     5 workers, adults A-01..A-04: in all 10 registrations of 9 workers.
#   GT-REC-0202: minors N-01, N-02 = 2 of 2, adults A-05..A-09: in all 7 of 7.
#   D-01 (16) has no licence: a direct hire, not a recruiter's alert.
MINORS = FIXTURES / "alerts" / "registros_menores_2024.csv"


def test_minors_placed_by_a_recruiter(engine, corridor):
    report = load_file(engine, MINORS, "border_office", corridor, TEST_PSEUDONYM_KEY)
    assert (report.status, report.rows_loaded) == ("loaded", 18)
    published = rows(
        Observatory(engine, corridor, min_cell=1).indicator("recruiter_alerts", Filter())
    )
    assert published == [
        ("GT-REC-0201", None, "unregistered", 10, 9, False),
        ("GT-REC-0202", None, "unregistered", 7, 7, False),
        ("GT-REC-0201", None, "minors_placed", 6, 5, False),
        ("GT-REC-0202", None, "minors_placed", 2, 2, False),
    ]
    # Threshold 5: GT-REC-0202's 2 minors are hidden, and with them GT-REC-0201's 5 (the
    # smallest other cell of the category, whose total would give the 2 away).
    protected = rows(Observatory(engine, corridor).indicator("recruiter_alerts", Filter()))
    assert protected[2:] == [
        ("GT-REC-0201", None, "minors_placed", None, None, True),
        ("GT-REC-0202", None, "minors_placed", None, None, True),
    ]
