"""Sector-concentration indicators against numbers worked out by hand, on SQLite and PostgreSQL.

tests/fixtures/sectors/border_office_sectores.csv, by hand (W01..W30 are CUIs 2401 111xx):
  32 data rows (and a blank line); X-001 (age 7) is quarantined: 31 registrations remain,
  29 distinct workers (W01, CUI 2401 11111 0101, appears three times, differently written:
  Chiapas coffee exit and return in 2024, exit in 2025). min_cell is 5.

  state, year, sector        workers                              employer (RFC)
  Chiapas 2024 coffee        6: S-001..S-006 (W01 twice: 7 regs)  FES.. x5, FPR.. x1 (S-006)
  Chiapas 2024 construction  5: C-001..C-005                      CSU.. x5
  Chiapas 2025 coffee        3: W01, S-102, S-103                 FES.. x2, FPR.. x1 (S-103)
  Chiapas 2025 domestic      2: D-001 (F, 16), D-002 (F)          one household RFC each
  Tabasco 2024 banana        6: B-001..B-006                      BTA.. x6
  Tabasco 2025 construction  5: C-101..C-105, all women           CSU.. x3, CTA.. x2
  Tabasco 2025 domestic      3: D-101 (F, 17), D-102, D-103 (F)   one household RFC each
  Women: S-002, S-004 (coffee), C-101..C-105, the 5 domestic workers. Minors: S-005 (16,
  coffee), D-001 (16), D-101 (17).
"""

from __future__ import annotations

import pandas as pd
import pytest
from sqlalchemy import Engine

from etl.load import load_file
from observatory.filters import Filter
from observatory.services import Observatory
from tests.conftest import FIXTURES, TEST_PSEUDONYM_KEY

SECTORS_CSV = FIXTURES / "sectors" / "border_office_sectores.csv"
CHP, TAB = "MX-CHP", "MX-TAB"


@pytest.fixture
def loaded(engine: Engine, corridor) -> Observatory:
    """The sectors fixture loaded through the ETL; an Observatory (min_cell 5) without a cache."""
    report = load_file(engine, SECTORS_CSV, "border_office", corridor, TEST_PSEUDONYM_KEY)
    assert (report.status, report.rows_read, report.rows_loaded, report.rows_quarantined) == (
        "loaded",
        32,
        31,
        1,
    ), report.message
    return Observatory(engine, corridor)


def rows(result) -> list[tuple]:
    """The table as tuples, <NA> as None, floats rounded to 2 places."""
    return [
        tuple(None if v is pd.NA else round(v, 2) if isinstance(v, float) else v for v in row)
        for row in result.table.astype(object).itertuples(index=False)
    ]


def test_sector_by_destination_hides_the_small_cell_and_its_complement(loaded) -> None:
    result = loaded.indicator("sector_by_destination", Filter())
    assert rows(result) == [
        # Chiapas: 15 workers (W01..W11, S-102, S-103, D-001, D-002).
        (CHP, "coffee", 10, 8, 53.33, False),  # 7 + 3 regs; 6 + 3 - W01 = 8; 8 / 15 = 53.33 %
        # Complement: the smallest other cell of Chiapas (5 < 8), so that the state total
        # (published by registrations_by_destination) does not give domestic work back.
        (CHP, "construction", None, None, None, True),
        (CHP, "domestic_work", None, None, None, True),  # 2 workers: primary
        # Tabasco: 14 workers; banana 6 / 14 = 42.86 %.
        (TAB, "banana", 6, 6, 42.86, False),
        (TAB, "construction", None, None, None, True),  # complement of domestic (5 < 6)
        (TAB, "domestic_work", None, None, None, True),  # 3 workers: primary
    ]
    # Per sector, construction and domestic work each have two hidden cells: stable.
    assert result.suppressed_cells == 12  # 4 rows x (2 counts + 1 share)


def test_sector_by_destination_follows_the_filter(loaded) -> None:
    result = loaded.indicator("sector_by_destination", Filter(sector=("coffee",)))
    assert rows(result) == [(CHP, "coffee", 10, 8, 100.0, False)]  # 8 / 8


def test_sector_by_year(loaded) -> None:
    result = loaded.indicator("sector_by_year", Filter())
    assert rows(result) == [
        ("2024", "banana", 6, 6, 35.29, False),  # 2024: 6 + 6 + 5 = 17 workers; 6 / 17
        # 2025 coffee (3) is small; its complement in 2025 is construction (5, the first of
        # the two 5s); then coffee and construction each have a lone hidden cell in their
        # sector total, so 2024 coffee and 2024 construction go too.
        ("2024", "coffee", None, None, None, True),
        ("2024", "construction", None, None, None, True),
        ("2025", "coffee", None, None, None, True),
        ("2025", "construction", None, None, None, True),
        ("2025", "domestic_work", 5, 5, 38.46, False),  # 2025: 3 + 5 + 5 = 13; 5 / 13
    ]


def test_sector_hhi(loaded) -> None:
    result = loaded.indicator("sector_hhi", Filter())
    assert rows(result) == [
        # Chiapas 2024: coffee 6, construction 5 of 11, none hidden:
        # (600/11)² + (500/11)² = 2,975.21 + 2,066.12 = 5,041.32
        (CHP, "2024", 11, 2, 0, 5041.32, False),
        # Chiapas 2025: coffee 3, domestic 2 of 5, both hidden in 2025's table. The exact
        # HHI, 60² + 40² = 5,200, would reveal 3 and 2 (their sum 5 is published); spread
        # evenly: 2 x 50² = 5,000.
        (CHP, "2025", 5, 2, 2, 5000.0, False),
        (TAB, "2024", 6, 1, 0, 10000.0, False),  # banana alone: 100² = 10,000
        # Tabasco 2025: construction 5 (complement) and domestic 3 (primary) of 8, both
        # hidden: exact 62.5² + 37.5² = 5,312.5 is not published; 2 x 50² = 5,000.
        (TAB, "2025", 8, 2, 2, 5000.0, False),
    ]
    assert result.suppressed_cells == 0


def test_sector_hhi_hides_a_small_state_year(loaded) -> None:
    # Domestic work only: Chiapas 2025 has 2 workers (hidden, with its HHI), Tabasco 2025
    # has 3: both small, so nothing is published.
    result = loaded.indicator("sector_hhi", Filter(sector=("domestic_work",)))
    assert rows(result) == [
        (CHP, "2025", None, None, None, None, True),
        (TAB, "2025", None, None, None, None, True),
    ]
    assert result.suppressed_cells == 8  # 2 rows x (workers + 3 HHI values)


def test_top_employers_share(loaded) -> None:
    result = loaded.indicator("top_employers_share", Filter())
    assert rows(result) == [
        # Employers by workers: CSU 8 (5 + 3), BTA 6, FES 6 (W01..W05, S-102), CTA 2,
        # FPR 2, five households 1 each: 29 workers, 10 employers. Top 5 = 8 + 6 + 6 + 2 + 2
        # = 24; 24 / 29 = 82.76 %; the rest is 5, not small. Named: those with >= 5 workers.
        (
            "all",
            "all",
            29,
            10,
            82.76,
            "Constructora del Sur; Bananera de Tabasco; Finca La Esperanza",
            False,
        ),
        ("sector", "banana", 6, 1, 100.0, "Bananera de Tabasco", False),
        ("sector", "coffee", 8, 2, 100.0, "Finca La Esperanza", False),  # FPR: 2, unnamed
        ("sector", "construction", 10, 2, 100.0, "Constructora del Sur", False),
        ("sector", "domestic_work", 5, 5, 100.0, "", False),  # 5 households of 1: none named
    ]


def test_top_employers_share_hides_a_small_remainder(loaded) -> None:
    result = loaded.indicator("top_employers_share", Filter(destination=(TAB,)))
    assert rows(result) == [
        # Tabasco: BTA 6, CSU 3, CTA 2, three households 1 each: 14 workers, 6 employers;
        # top 5 = 6 + 3 + 2 + 1 + 1 = 13, remainder 1 (small): the share is hidden.
        ("all", "all", 14, 6, None, "", False),
        ("sector", "banana", 6, 1, 100.0, "Bananera de Tabasco", False),
        # domestic work (3 workers) is small; its complement among the sectors is the
        # smallest other, construction (5 < 6).
        ("sector", "construction", None, None, None, "", True),
        ("sector", "domestic_work", None, None, None, "", True),
    ]


def test_women_minors_by_sector(loaded) -> None:
    result = loaded.indicator("women_minors_by_sector", Filter())
    assert rows(result) == [
        ("banana", 6, 0, 0, 0.0, 0.0, False),  # no women, no minors: zeros are published
        # Coffee: 2 women (S-002, S-004) and 1 minor (S-005) of 8: small, primary.
        ("coffee", 8, None, None, None, None, True),
        # Construction: 5 women of 10 would be 50 %, but coffee's women would then be the
        # published total of women (12) minus the others: the smallest other non-zero
        # women count, construction (5, before domestic work's 5), is hidden too.
        ("construction", 10, None, 0, None, 0.0, True),
        # Domestic work: 5 of 5 women (100 %, the rest 0 is published); 2 minors hidden
        # (with coffee's, two hidden minors counts: no complement needed).
        ("domestic_work", 5, 5, None, 100.0, None, True),
    ]
    assert result.suppressed_cells == 8  # 4 hidden counts x (count + share)
