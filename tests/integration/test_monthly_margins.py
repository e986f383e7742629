"""The monthly trend is protected against each year's total, not only the grand total.

tests/fixtures/flows/registros_flujos_2022_2025.csv, workers per month by hand (see
tests/integration/test_flows_indicators.py for who is who):
  2022-11: 1   2023-11: 2   2024-06: 5   2024-09: 1   2024-11: 6
  2025-02: 1   2025-03: 6   2025-05: 5   2025-11: 5   (every other month: 0)
With the threshold 5, 2022-11, 2023-11, 2024-09 and 2025-02 are hidden for their own sake.
A year total is published (the KPIs with a one-year period, the seasonality view): in 2024
the lone hidden September would be the year's total minus June and November, so the
smallest other month, June (5), is hidden too; in 2025, of May (5) and November (5), the
first, May. 2022 and 2023 have no other non-zero month (their totals, 1 and 2, are hidden).
"""

from __future__ import annotations

from etl.load import load_file
from observatory.filters import Filter
from observatory.services import Observatory
from tests.conftest import FIXTURES, TEST_PSEUDONYM_KEY

FILE = FIXTURES / "flows" / "registros_flujos_2022_2025.csv"


def test_each_year_is_a_margin_of_the_monthly_trend(engine, corridor):
    report = load_file(engine, FILE, "border_office", corridor, TEST_PSEUDONYM_KEY)
    assert report.rows_loaded == 32
    table = Observatory(engine, corridor).indicator("monthly_registrations", Filter()).table
    hidden = sorted(table.loc[table["suppressed"], "month"])
    assert hidden == ["2022-11", "2023-11", "2024-06", "2024-09", "2025-02", "2025-05"]
    shown = dict(zip(table["month"], table["workers_count"], strict=True))
    assert (shown["2024-11"], shown["2025-03"], shown["2025-11"], shown["2024-01"]) == (6, 6, 5, 0)
    assert list(table.columns) == ["month", "registrations_count", "workers_count", "suppressed"]
