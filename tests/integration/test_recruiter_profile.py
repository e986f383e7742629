"""A recruiter's profile from the hand-written fixtures in tests/fixtures/recruiters_profile.

Register (two snapshots): GT-REC-0101 "Agencia Sololá Unida, S.A." registered 2022-01-10,
active in the 2023-12-31 snapshot, suspended from 2024-05-01 in the 2024-06-30 one, valid
until 2025-06-30, 3 complaints to the registry. GT-REC-0102 "Pedro Ajú (contratista)",
registered 2023-03-01, active in both snapshots but valid only until 2024-03-31, 1 complaint.

Border registrations with GT-REC-0101: exits of P01, P02, P07, P08, P09 (January 2024), P03,
P04, P10, P11 (February), returns of P01, P02, P07, P08, P09 (June): 14 registrations of 9
workers. GT-REC-0102: P05, P06, P12 (March): 3 of 3. Direct hires P13-P18 (April): 6 of 6.
Contracts: GT-REC-0101 K-01..K-04, K-07..K-11, K-19 (10 contracts, 9 workers, no complaint);
GT-REC-0102 K-05, K-06, K-12 (3 of 3; complaints filed on K-05 and K-12: 2 workers).
"""

from __future__ import annotations

import datetime as dt

from observatory.filters import Filter
from tests.integration.profile_fixtures import loaded, rows, table_rows  # noqa: F401

ONE = Filter(recruiter=("GT-REC-0101",))
REGISTER_0101 = (
    "GT-REC-0101",
    "Agencia Sololá Unida, S.A.",
    "GT",
    "agency",
    "suspended",  # the latest snapshot's word
    "2022-01-10",
    "2025-06-30",
    "coffee",
    3,
    False,
)


def test_profile_of_one_licence(loaded):  # noqa: F811
    result = loaded().indicator("recruiter_profile", ONE)
    # 14 registrations of 9 workers; 10 contracts of 9 workers; 0 of 9 filed a complaint.
    assert rows(result) == [(*REGISTER_0101, 14, 9, 10, 9, 0, False)]
    assert result.suppressed_cells == 0
    # Without the recruiter filter there is no profile to show.
    assert loaded().indicator("recruiter_profile", Filter()).table.empty


def test_profile_protects_a_small_licence_and_its_complement(loaded):  # noqa: F811
    both = Filter(recruiter=("GT-REC-0101", "GT-REC-0102"))
    result = rows(loaded().indicator("recruiter_profile", both))
    # GT-REC-0102 placed 3 workers: hidden; with the total of the selection published by the
    # other indicators, GT-REC-0101's 14 / 9 would give it away: hidden too. Contracts likewise
    # (10 / 9 and 3 / 3). GT-REC-0102's 2 complaint workers go with its hidden total.
    assert result[0] == (*REGISTER_0101, None, None, None, None, None, True)
    assert result[1][:10] == (
        "GT-REC-0102",
        "Pedro Ajú (contratista)",
        "GT",
        "individual",
        "active",
        "2023-03-01",
        "2024-03-31",
        "coffee",
        1,
        False,
    )
    assert result[1][10:] == (None, None, None, None, None, True)
    # Threshold 1: everything shows; complaints 2 of 3 contract workers (P05, P12).
    shown = rows(loaded(min_cell=1).indicator("recruiter_profile", both))
    assert shown[1][10:] == (3, 3, 3, 3, 2, False)


def test_unregistered_licence_has_no_register_entry(loaded):  # noqa: F811
    result = rows(loaded().indicator("recruiter_profile", Filter(recruiter=("GT-REC-9999",))))
    assert result == [("GT-REC-9999", *(None,) * 9, 0, 0, 0, 0, 0, False)]


def test_status_timeline_cut_at_the_expiry(loaded):  # noqa: F811
    both = Filter(recruiter=("GT-REC-0101", "GT-REC-0102"))
    result = loaded().indicator("recruiter_status_timeline", both)
    assert rows(result) == [
        # Active from registration to the suspension's status date; suspended until the day
        # after valid_until (2025-06-30 + 1); expired since.
        ("GT-REC-0101", "active", "2022-01-10", "2024-05-01", False),
        ("GT-REC-0101", "suspended", "2024-05-01", "2025-07-01", False),
        ("GT-REC-0101", "expired", "2025-07-01", None, False),
        # "Active" in the 2024-06-30 snapshot, but valid only until 2024-03-31.
        ("GT-REC-0102", "active", "2023-03-01", "2024-04-01", False),
        ("GT-REC-0102", "expired", "2024-04-01", None, False),
    ]
    assert result.suppressed_cells == 0  # public register data
    assert loaded().indicator("recruiter_status_timeline", Filter()).table.empty


def test_a_validity_still_running_is_not_an_expiry(loaded, engine, corridor):  # noqa: F811
    from observatory.indicators.recruiter_profile import recruiter_status_timeline

    both = Filter(recruiter=("GT-REC-0101", "GT-REC-0102"))
    with engine.connect() as conn:
        # Seen on 2025-01-01: GT-REC-0101's validity (until 2025-06-30) still runs, so its
        # suspension stays open; GT-REC-0102's (until 2024-03-31) has ended.
        table, _ = recruiter_status_timeline(conn, both, corridor, 5, today=dt.date(2025, 1, 1))
    assert table_rows(table) == [
        ("GT-REC-0101", "active", "2022-01-10", "2024-05-01", False),
        ("GT-REC-0101", "suspended", "2024-05-01", None, False),
        ("GT-REC-0102", "active", "2023-03-01", "2024-04-01", False),
        ("GT-REC-0102", "expired", "2024-04-01", None, False),
    ]


def test_placements_over_time_and_by_sector(loaded):  # noqa: F811
    months = rows(loaded().indicator("monthly_registrations", ONE))
    # Jan 5 / 5, Feb 4 / 4 (small), Jun 5 / 5; Feb's lone suppression takes the smallest
    # other month with it: January (5, first of the tie with June).
    assert months == [
        ("2024-01", None, None, True),
        ("2024-02", None, None, True),
        ("2024-03", 0, 0, False),
        ("2024-04", 0, 0, False),
        ("2024-05", 0, 0, False),
        ("2024-06", 5, 5, False),
    ]
    assert rows(loaded().indicator("placements_by_sector", ONE)) == [("coffee", 14, 9, False)]
    # All licences and direct hires: coffee 14 + 3 = 17 registrations of 12 workers.
    assert rows(loaded().indicator("placements_by_sector", Filter())) == [
        ("coffee", 17, 12, False),
        ("construction", 6, 6, False),
    ]


def test_conditions_of_its_workers_under_the_filter(loaded):  # noqa: F811
    # GT-REC-0101's contracts: below the minimum K-01, K-02, K-03, K-19 (P01, P02, P03): 3 of 9
    # workers is a small numerator at 5; at 1: 4 of 10 contracts = 40 %, 3 of 9 workers.
    wage = rows(loaded(min_cell=1).indicator("wage_below_minimum_share", ONE))
    assert wage[0] == ("all", "all", 10, 9, 10, 40.0, 100 * 3 / 9, False)
