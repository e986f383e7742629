"""Flows-page indicators against numbers counted by hand from a messy file, on both databases."""

from __future__ import annotations

import pandas as pd
import pytest
from sqlalchemy import Engine

from etl.load import load_file
from observatory.filters import Filter
from observatory.services import Observatory
from tests.conftest import FIXTURES, TEST_PSEUDONYM_KEY

# tests/fixtures/flows/registros_flujos_2022_2025.csv, by hand. 33 data rows; TU-0506 (age 7)
# is quarantined; 32 registrations of 23 workers W01..W23 remain (a worker is one CUI,
# however it is spaced or hyphenated; the reverse-direction workers have passports MXP...).
#   Paths (origin, office, destination, sector): registrations / workers
#     P1 San Marcos GT-12, Tecún Umán, Chiapas MX-CHP, coffee:      15 / 7
#        W02 2022-11, 2023-11, 2024-11, 2025-11 (4 years); W01 2023-11, 2024-11, 2025-11
#        (3 years); W03, W04 2024-11 and 2025-11; W05 2024-11 exit and 2025-02 return;
#        W06 (16 years old) 2024-11; W07 2025-11.
#     P2 San Marcos GT-12, El Carmen, Chiapas MX-CHP, construction:  6 / 5
#        W08..W12 2024-06 (EC-0105 written "Malacatán"); W08 returns 2024-09 ("Ingreso").
#     Q  Quetzaltenango GT-09, El Carmen, Tabasco MX-TAB, banana:    5 / 5  (W13..W17, 2025-03)
#     P3 Quetzaltenango GT-09, El Carmen, Tabasco MX-TAB, papaya:    1 / 1  (W18, 2025-03)
#     P4 Chiapas MX-CHP, Tecún Umán, San Marcos GT-12, commerce:     5 / 5  (W19..W23, 2025-05;
#        the reverse direction, Mexico -> Guatemala)
#   Returns: TU-0307 (W05, 2025-02) and EC-0106 (W08, 2024-09); the other 30 are exits.
FILE = FIXTURES / "flows" / "registros_flujos_2022_2025.csv"
P1 = ("GT-12", "tecun_uman", "MX-CHP", "coffee")
P2 = ("GT-12", "el_carmen", "MX-CHP", "construction")
Q = ("GT-09", "el_carmen", "MX-TAB", "banana")
P3 = ("GT-09", "el_carmen", "MX-TAB", "papaya")
P4 = ("MX-CHP", "tecun_uman", "GT-12", "commerce")


@pytest.fixture
def engine_loaded(engine: Engine, corridor) -> Engine:
    report = load_file(engine, FILE, "border_office", corridor, TEST_PSEUDONYM_KEY)
    assert (report.status, report.rows_read, report.rows_loaded, report.rows_quarantined) == (
        "loaded",
        33,
        32,
        1,
    ), report.message
    return engine


@pytest.fixture
def raw(engine_loaded: Engine, corridor) -> Observatory:
    """min_cell=1: nothing is small, every hand count is published."""
    return Observatory(engine_loaded, corridor, min_cell=1)


@pytest.fixture
def safe(engine_loaded: Engine, corridor) -> Observatory:
    """The default threshold of 5 workers."""
    return Observatory(engine_loaded, corridor)


def rows(result) -> list[tuple]:
    return [
        tuple(None if v is pd.NA else v for v in row)
        for row in result.table.astype(object).itertuples(index=False)
    ]


def test_flow_paths_counted_by_hand(raw: Observatory) -> None:
    # Sorted by origin, office, destination, sector.
    assert rows(raw.indicator("flow_paths", Filter())) == [
        (*Q, 5, 5, False),
        (*P3, 1, 1, False),
        (*P2, 6, 5, False),
        (*P1, 15, 7, False),
        (*P4, 5, 5, False),
    ]


def test_flow_paths_hide_the_small_path_and_its_complement(safe: Observatory) -> None:
    result = safe.indicator("flow_paths", Filter())
    # P3 has 1 worker: hidden. In the grand total it would be 32 - the rest, so the smallest
    # other non-zero path goes too: Q, P2 and P4 have 5 workers each, Q comes first. Every
    # other margin then holds 0 or 2 hidden paths (P3 and Q differ only by their sector, and
    # banana and papaya have no other path), so nothing more is hidden.
    assert rows(result) == [
        (*Q, None, None, True),
        (*P3, None, None, True),
        (*P2, 6, 5, False),
        (*P1, 15, 7, False),
        (*P4, 5, 5, False),
    ]
    assert result.suppressed_cells == 4  # 2 paths x 2 counts


def test_seasonality_counted_by_hand(raw: Observatory) -> None:
    table = {(r[0], r[1]): r[2:] for r in rows(raw.indicator("seasonality", Filter()))}
    # The data cover 2022-11 .. 2025-11: 37 months, the empty ones as true zeros.
    assert len(table) == 37 and min(table) == (2022, 11) and max(table) == (2025, 11)
    nonzero = {k: v for k, v in table.items() if v != (0, 0, False)}
    assert nonzero == {
        (2022, 11): (1, 1, False),  # W02
        (2023, 11): (2, 2, False),  # W01, W02
        (2024, 6): (5, 5, False),  # P2 exits
        (2024, 9): (1, 1, False),  # W08 returns
        (2024, 11): (6, 6, False),  # W01..W06
        (2025, 2): (1, 1, False),  # W05 returns
        (2025, 3): (6, 6, False),  # Q and P3
        (2025, 5): (5, 5, False),  # P4
        (2025, 11): (5, 5, False),  # W01..W04, W07
    }


def test_seasonality_suppression_per_year(safe: Observatory) -> None:
    result = safe.indicator("seasonality", Filter())
    table = {(r[0], r[1]): r[2:] for r in rows(result)}
    # Small: 2022-11 (1), 2023-11 (2), 2024-09 (1), 2025-02 (1). Grand total: 4 hidden, no
    # complement needed. Year 2022 and 2023: the only non-zero month, nothing to add.
    # Year 2024: 2024-09 alone, so the smallest other month goes, 2024-06 (5 < 6).
    # Year 2025: 2025-02 alone; 2025-05 and 2025-11 have 5 each, the first (05) goes.
    hidden = sorted(k for k, v in table.items() if v[2])
    assert hidden == [(2022, 11), (2023, 11), (2024, 6), (2024, 9), (2025, 2), (2025, 5)]
    assert all(table[k][:2] == (None, None) for k in hidden)  # never shown as 0
    assert table[(2024, 11)] == (6, 6, False)
    assert table[(2025, 3)] == (6, 6, False)
    assert table[(2025, 11)] == (5, 5, False)
    assert table[(2024, 7)] == (0, 0, False)  # a true zero stays published
    assert result.suppressed_cells == 12


def test_age_sex_pyramid_counted_by_hand(raw: Observatory) -> None:
    table = {(r[0], r[1]): r[2:4] for r in rows(raw.indicator("age_sex_pyramid", Filter()))}
    assert len(table) == 14  # 7 age groups x 2 sexes, zeros included
    # (registrations, workers). Women: W03 20/21 and W18 21 (18-24); W04 26/27, W10 29 and
    # W21 25 (25-34); W15 38 (35-44). Men: W06 16 (15-17); W05 19 twice, W07, W11, W13, W17,
    # W22 (18-24); W01 30/31/32, W14, W16, W19 (25-34); W02 40..43, W08 twice, W20 (35-44);
    # W09, W23 (45-54); W12 56 (55+).
    assert {k: v for k, v in table.items() if v != (0, 0)} == {
        ("18-24", "F"): (3, 2),
        ("25-34", "F"): (4, 3),
        ("35-44", "F"): (1, 1),
        ("15-17", "M"): (1, 1),
        ("18-24", "M"): (7, 6),
        ("25-34", "M"): (6, 4),
        ("35-44", "M"): (7, 3),
        ("45-54", "M"): (2, 2),
        ("55+", "M"): (1, 1),
    }


def test_age_sex_pyramid_suppression(safe: Observatory) -> None:
    result = safe.indicator("age_sex_pyramid", Filter())
    # Every non-zero cell but men 18-24 (6 workers) is under 5. Per age group 18-24, women
    # (2) would be that group's total minus men's 6: men 18-24 are hidden as the complement.
    table = {(r[0], r[1]): r[2:] for r in rows(result)}
    assert table[("18-24", "M")] == (None, None, True)
    assert table[("lt15", "F")] == (0, 0, False)
    assert sum(v[2] for v in table.values()) == 9  # the 9 non-zero cells
    assert result.suppressed_cells == 18


def test_exits_returns_counted_by_hand(raw: Observatory) -> None:
    table = {(r[0], r[1]): r[2:4] for r in rows(raw.indicator("exits_returns", Filter()))}
    assert len(table) == 74  # 37 months x 2 directions
    assert table[("2024-09", "return")] == (1, 1)
    assert table[("2025-02", "return")] == (1, 1)
    assert sum(v[0] for (_, d), v in table.items() if d == "return") == 2
    assert sum(v[0] for (_, d), v in table.items() if d == "exit") == 30
    assert table[("2024-11", "exit")] == (6, 6)


def test_exits_returns_with_the_direction_filter(safe: Observatory) -> None:
    result = safe.indicator("exits_returns", Filter(direction=("return",)))
    # Only returns: both months hold 1 worker (hidden); every other month is a true zero.
    table = {(r[0], r[1]): r[2:] for r in rows(result)}
    assert {d for _, d in table} == {"return"}
    assert table[("2024-09", "return")] == (None, None, True)
    assert table[("2025-02", "return")] == (None, None, True)
    assert table[("2024-10", "return")] == (0, 0, False)


def test_circularity_counted_by_hand(raw: Observatory) -> None:
    # 4+ years: W02 (4 rows); 3: W01 (3); 2: W03, W04, W05 (2 rows each); the other 18
    # workers one year each (W08 twice in 2024, so 19 rows).
    assert rows(raw.indicator("circularity", Filter())) == [
        (1, 19, 18, False),
        (2, 6, 3, False),
        (3, 3, 1, False),
        (4, 4, 1, False),
    ]
    # Circular share: (3 + 1 + 1) / 23 = 21.74 %.
    share = rows(raw.indicator("circular_share", Filter()))
    assert share[0][:2] == (23, 5) and share[0][2] == pytest.approx(100 * 5 / 23)


def test_circularity_direction_filter_drops_the_return_year(raw: Observatory) -> None:
    # Exits only: W05's return in 2025 no longer counts, so W05 moves from 2 years to 1.
    assert rows(raw.indicator("circularity", Filter(direction=("exit",)))) == [
        (1, 19, 19, False),  # 18 + W05; registrations 19 - 1 (W08's return) + 1 (W05's exit)
        (2, 4, 2, False),
        (3, 3, 1, False),
        (4, 4, 1, False),
    ]
    share = rows(raw.indicator("circular_share", Filter(direction=("exit",))))
    assert share[0][:2] == (23, 4) and share[0][2] == pytest.approx(100 * 4 / 23)


def test_circularity_suppression(safe: Observatory) -> None:
    result = safe.indicator("circularity", Filter())
    # 3, 1 and 1 workers are small; three hidden cells need no complement.
    assert rows(result) == [
        (1, 19, 18, False),
        (2, None, None, True),
        (3, None, None, True),
        (4, None, None, True),
    ]
    # The share: denominator 23, numerator 5 and complement 18 all reach 5: published.
    share = rows(safe.indicator("circular_share", Filter()))
    assert share[0][:2] == (23, 5) and share[0][3] is False
    # Women only (6 workers, W03 and W04 circular: 2 and 4): 2 is small, so is the share.
    women = rows(safe.indicator("circular_share", Filter(sex=("F",))))
    assert women[0] == (6, None, None, True)
