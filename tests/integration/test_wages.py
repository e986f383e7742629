"""Wage bands, the wage gap between women and men, and fees counted over workers, from the
hand-written fixtures in tests/fixtures/recruiters_profile, against arithmetic done by hand.

18 workers P01..P18 (CUI 1701 000NN 0101); sex from the border registrations (contracts carry
none): women P01-P06, P13-P15, men P07-P12, P16-P18. 19 contracts, daily wages in pesos, all
2024 (minimum 248.93 everywhere: Chiapas and Tabasco are in the general zone):

    contract worker sex sector/state  licence      wage  % of min  band     fee
    K-01     P01    F   coffee CHP    GT-REC-0101  200   80.3      75-100   300
    K-02     P02    F   coffee CHP    GT-REC-0101  220   88.4      75-100   500
    K-03     P03    F   coffee CHP    GT-REC-0101  240   96.4      75-100   0
    K-04     P04    F   coffee CHP    GT-REC-0101  260   104.4     100-125  760
    K-05     P05    F   coffee CHP    GT-REC-0102  280   112.5     100-125  1,000
    K-06     P06    F   coffee CHP    GT-REC-0102  300   120.5     100-125  -
    K-07..11 P07-11 M   coffee CHP    GT-REC-0101  250, 270, 290, 310, 330  (100-125 x4, 330:
                                                   132.6 in 125-150)        0
    K-12     P12    M   coffee CHP    GT-REC-0102  350   140.6     125-150  1,000
    K-13..15 P13-15 F   constr. TAB   (none)       400, 120, 250 (160.7, 48.2, 100.4)   0
    K-16..18 P16-18 M   constr. TAB   (none)       400, 450, 300 (160.7, 180.8, 120.5)  0
    K-19     P02    F   coffee CHP    GT-REC-0101  220   88.4      75-100   0

A month of earnings is daily wage x 30.4 (K-01: 6,080; K-02 and K-19: 6,688; K-04: 7,904;
K-05: 8,512; K-12: 10,640).
"""

from __future__ import annotations

import pytest

from observatory.filters import Filter
from tests.integration.profile_fixtures import loaded, rows  # noqa: F401 (a fixture)

# Recruitment-cost ratios by hand: fee / (daily wage x 30.4).
R01, R02, R04, R05, R12 = 300 / 6080, 500 / 6688, 760 / 7904, 1000 / 8512, 1000 / 10640


def test_wage_distribution_in_bands_of_the_minimum(loaded):  # noqa: F811
    result = loaded(min_cell=1).indicator("wage_distribution", Filter())
    assert rows(result) == [
        # band, lower %, upper %, contracts, workers, share of the 19 comparable contracts
        ("lt_50", None, 50.0, 1, 1, pytest.approx(100 / 19), False),  # K-14
        ("50_75", 50.0, 75.0, 0, 0, 0.0, False),
        # K-01, K-02, K-03, K-19: 4 contracts of 3 workers (P02 twice)
        ("75_100", 75.0, 100.0, 4, 3, pytest.approx(400 / 19), False),
        # K-04..K-10 (K-05, K-06 included), K-15, K-18
        ("100_125", 100.0, 125.0, 9, 9, pytest.approx(900 / 19), False),
        ("125_150", 125.0, 150.0, 2, 2, pytest.approx(200 / 19), False),  # K-11, K-12
        ("ge_150", 150.0, None, 3, 3, pytest.approx(300 / 19), False),  # K-13, K-16, K-17
    ]
    assert result.suppressed_cells == 0


def test_wage_distribution_suppresses_a_small_band_and_its_complement(loaded):  # noqa: F811
    # Threshold 2: only "under 50 %" (1 worker) is small; alone in the total it would be the
    # total minus the others, so the smallest other band, 125-150 % (2 workers), goes too.
    result = loaded(min_cell=2).indicator("wage_distribution", Filter())
    table = rows(result)
    assert table[0] == ("lt_50", None, 50.0, None, None, None, True)
    assert table[4] == ("125_150", 125.0, 150.0, None, None, None, True)
    assert table[5] == ("ge_150", 150.0, None, 3, 3, pytest.approx(300 / 19), False)
    assert result.suppressed_cells == 2 * 2 + 2  # two rows of two counts, and their shares
    # Default threshold 5: only 100-125 % (9 workers) and the empty 50-75 % are published.
    default = rows(loaded().indicator("wage_distribution", Filter()))
    assert [r[3] for r in default] == [None, 0, None, 9, None, None]
    assert default[3][5] == pytest.approx(900 / 19)


def test_wage_gap_between_women_and_men(loaded):  # noqa: F811
    result = loaded().indicator("wage_gap_sex", Filter())
    table = {(r[0], r[1]): r[2:] for r in rows(result)}
    # Women: 10 contracts (P02 twice) summing 2,490 -> 249.00; men: 9 summing 2,950 -> 327.78.
    # Gap (2950/9 - 249) / (2950/9) = 1 - 2241/2950 = 709/2950 = 24.03 %.
    assert table[("all", "all")] == (
        9,
        9,
        249.0,
        pytest.approx(2950 / 9),
        pytest.approx(100 * 709 / 2950),
        False,
    )
    # Coffee: women 7 contracts summing 1,720 (245.71), men 1,800 / 6 = 300: gap 380/2100.
    # Its counts (6 and 6) are hidden all the same: construction's 3 and 3 are small, and the
    # sector counts add up to the published 9 and 9 (complementary suppression).
    assert table[("sector", "coffee")] == (
        None,
        None,
        pytest.approx(1720 / 7),
        300.0,
        pytest.approx(100 * 380 / 2100),  # 18.10 %
        True,
    )
    assert table[("sector", "construction")] == (None,) * 5 + (True,)
    assert table[("destination", "MX-CHP")] == table[("sector", "coffee")]
    # GT-REC-0101: 4 women (hidden, no mean), 5 men: (250+270+290+310+330) / 5 = 290.
    assert table[("recruiter", "GT-REC-0101")] == (None, None, None, 290.0, None, True)
    assert table[("recruiter", "GT-REC-0102")] == (None,) * 5 + (True,)  # 2 women, 1 man
    assert table[("recruiter", "direct_hire")] == (None,) * 5 + (True,)  # 3 and 3
    # Counted by hand: 2 hidden counts in each of the 7 breakdown rows = 14; 9 hidden means
    # (construction 2, MX-TAB 2, GT-REC-0101 women 1, GT-REC-0102 2, direct hire 2); 5 gaps
    # (construction, MX-TAB, GT-REC-0101, GT-REC-0102, direct hire).
    assert result.suppressed_cells == 14 + 9 + 5


def test_wage_gap_under_a_recruiter_filter(loaded):  # noqa: F811
    # min_cell 1: GT-REC-0101, women K-01, K-02, K-03, K-04, K-19 = 1,140 / 5 = 228; men 290;
    # gap (290 - 228) / 290 = 62 / 290 = 21.38 %.
    result = loaded(min_cell=1).indicator("wage_gap_sex", Filter(recruiter=("GT-REC-0101",)))
    assert rows(result)[0] == (
        "all",
        "all",
        4,
        5,
        228.0,
        290.0,
        pytest.approx(100 * 62 / 290),
        False,
    )


def test_fees_counted_over_workers(loaded):  # noqa: F811
    result = loaded(min_cell=1).indicator("recruitment_fee_workers", Filter())
    table = {(r[0], r[1]): r[2:] for r in rows(result)}
    # 17 workers report a fee (P06 does not); P02's mean is (R02 + 0) / 2 (K-02 and K-19).
    # 5 of the 17 paid any: P01, P02, P04, P05, P12 = 29.41 % (over contracts: 5 of 18).
    sdg = 100 * (R01 + R02 / 2 + R04 + R05 + R12) / 17
    assert table[("all", "all")] == (19, 18, pytest.approx(sdg), 17, pytest.approx(500 / 17), False)
    assert table[("sector", "construction")] == (6, 6, 0.0, 6, 0.0, False)
    # GT-REC-0102: P05 (R05) and P12 (R12) report a fee, P06 does not; both paid.
    assert table[("recruiter", "GT-REC-0102")] == (
        3,
        3,
        pytest.approx(100 * (R05 + R12) / 2),
        2,
        100.0,
        False,
    )
    contracts = rows(loaded(min_cell=1).indicator("recruitment_cost_sdg_10_7_1", Filter()))
    assert contracts[0][6] == pytest.approx(100 * 5 / 18)  # the contract share, labelled so


def test_fees_over_workers_protected(loaded):  # noqa: F811
    result = loaded().indicator("recruitment_fee_workers", Filter())
    table = {(r[0], r[1]): r[2:] for r in rows(result)}
    sdg = 100 * (R01 + R02 / 2 + R04 + R05 + R12) / 17
    # 5 paid and 12 did not: both at least 5, published.
    assert table[("all", "all")] == (19, 18, pytest.approx(sdg), 17, pytest.approx(500 / 17), False)
    # GT-REC-0101: 9 workers, 9 ratios (P01, P02, P03, P04, P07-P11); 3 paid (P01, P02, P04):
    # a small numerator, the share is hidden; the mean over 9 workers is published.
    assert table[("recruiter", "GT-REC-0101")] == (
        10,
        9,
        pytest.approx(100 * (R01 + R02 / 2 + R04) / 9),
        9,
        None,
        False,
    )
    # GT-REC-0102: 3 workers, suppressed; direct hire (6 workers) goes with it (complement).
    assert table[("recruiter", "GT-REC-0102")] == (None,) * 5 + (True,)
    assert table[("recruiter", "direct_hire")] == (None,) * 5 + (True,)


def test_existing_indicators_gain_the_recruiter_breakdown(loaded):  # noqa: F811
    wage = {
        (r[0], r[1]): r[2:] for r in rows(loaded().indicator("wage_below_minimum_share", Filter()))
    }
    # GT-REC-0101: 10 contracts, 9 workers; below: K-01, K-02, K-03, K-19 = 4 of 10 contracts;
    # workers P01, P02, P03 = 3 of 9 (small numerator): both shares hidden.
    assert wage[("recruiter", "GT-REC-0101")] == (10, 9, None, None, None, False)
    assert wage[("recruiter", "GT-REC-0102")] == (None,) * 5 + (True,)  # 3 workers
    assert wage[("recruiter", "direct_hire")] == (None,) * 5 + (True,)  # its complement
    conditions = {
        (r[0], r[1]): r[2:] for r in rows(loaded().indicator("contract_conditions", Filter()))
    }
    # GT-REC-0101 written contracts: all but K-03: 9 of 10 contracts; but only 1 worker (P03)
    # without one: hidden. Housing and transport: 10 of 10 = 100 % (no complement to hide).
    assert conditions[("recruiter", "GT-REC-0101")][:3] == (10, 9, None)
    assert conditions[("recruiter", "GT-REC-0101")][5:7] == (100.0, 100.0)
