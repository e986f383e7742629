"""Sector-page builders on small hand-made tables: styles, marks, HHI texts, table rows; and
the HHI bound."""

from __future__ import annotations

import pandas as pd
import pytest

from observatory.corridor import load_corridor
from observatory.indicators.sector_indicators import hhi_lower_bound
from observatory.web.components import sector_figures as sf
from observatory.web.pages import sectors as page

CORRIDOR = load_corridor("gt_mx")
NA = pd.NA


def shares_table() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "destination_admin1": pd.array(["MX-CHP", "MX-CHP", "MX-TAB"], dtype="str"),
            "sector": pd.array(["coffee", "domestic_work", "banana"], dtype="str"),
            "registrations_count": pd.array([10, NA, 6], dtype="Int64"),
            "workers_count": pd.array([8, NA, 6], dtype="Int64"),
            "share_pct": pd.array([53.33, NA, 100.0], dtype="Float64"),
            "suppressed": [False, True, False],
        }
    )


def test_every_sector_has_its_own_style_and_other_is_grey():
    styles = [sf.sector_style(CORRIDOR, s.code) for s in CORRIDOR.sectors]
    assert len(set(styles)) == len(styles) == 11
    assert sf.sector_style(CORRIDOR, "other") == (sf.GREY, "")
    assert sf.sector_style(CORRIDOR, "coffee") == (sf.OKABE_ITO[0], "")
    assert sf.sector_style(CORRIDOR, "commerce")[1] == "/"  # 8th sector: a hue again, hatched


def test_stacked_shares_mark_the_state_with_hidden_cells():
    figure = sf.stacked_shares(shares_table(), CORRIDOR, "es", "destination_admin1", True)
    names = [trace.name for trace in figure.data]
    assert names == ["Café", "Banano", "Trabajo doméstico"]  # the corridor's order
    coffee = figure.data[0]
    assert list(coffee.y) == ["Chiapas*", "Tabasco"] and list(coffee.x) == [53.33, None]
    assert list(coffee.text) == ["53\u00a0%", ""]
    assert list(figure.data[2].x) == [None, None]  # hidden: nothing drawn


def test_share_rows_say_suppressed():
    rows = page.shares_rows(shares_table(), CORRIDOR, "en", "destination_admin1")
    assert rows[0] == {
        "group": "Chiapas",
        "sector": "Coffee",
        "registrations": "10",
        "workers": "8",
        "share": "53.3%",
    }
    assert rows[1]["workers"] == "suppressed*" and rows[1]["share"] == "–"


def test_hhi_texts():
    assert sf.hhi_text(5041.32, 0, "es") == "5.041"
    assert sf.hhi_text(5000.0, 2, "en") == "≥\u00a05,000"
    assert sf.hhi_text(NA, NA, "es") == "suprimido*"


def test_hhi_figure_is_states_by_years():
    table = pd.DataFrame(
        {
            "destination_admin1": pd.array(["MX-CHP", "MX-CHP", "MX-TAB"], dtype="str"),
            "year": pd.array(["2024", "2025", "2024"], dtype="str"),
            "workers_count": pd.array([11, 5, NA], dtype="Int64"),
            "sectors_count": pd.array([2, 2, NA], dtype="Int64"),
            "hidden_sectors_count": pd.array([0, 2, NA], dtype="Int64"),
            "hhi": pd.array([5041.32, 5000.0, NA], dtype="Float64"),
            "suppressed": [False, False, True],
        }
    )
    heat = sf.hhi_figure(table, CORRIDOR, "en").data[0]
    assert list(heat.x) == ["2024", "2025"] and list(heat.y) == ["Chiapas", "Tabasco"]
    assert [list(r) for r in heat.text] == [["5,041", "≥\u00a05,000"], ["suppressed*", ""]]


def test_each_section_has_its_own_ids_and_cache_name():
    names = [page._updater(s).__qualname__ for s in page.SECTIONS]
    assert len(set(names)) == len(names)
    ids = [i for s in page.SECTIONS for i in (s.title_id, s.chart_id, s.details_id, s.table_id)]
    assert len(set(ids)) == len(ids) and all(i.startswith("sectors-") for i in ids)


@pytest.mark.parametrize(
    ("workers", "hidden", "expected"),
    [
        ([3, 2], [False, False], 5200.0),  # 60² + 40²
        ([3, 2], [True, True], 5000.0),  # 2 x 50²: the exact value would give 3 and 2 away
        ([4, 2, 4], [False, True, True], 3400.0),  # 40² + 60² / 2 = 1,600 + 1,800
        ([7], [False], 10000.0),
    ],
)
def test_hhi_lower_bound(workers, hidden, expected):
    assert hhi_lower_bound(workers, hidden) == pytest.approx(expected)
    assert hhi_lower_bound(workers, hidden) <= hhi_lower_bound(workers, [False] * len(workers))


def test_hhi_lower_bound_of_nothing():
    assert hhi_lower_bound([], []) is None
