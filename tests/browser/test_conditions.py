"""The working-conditions page in a real browser: hand-counted figures, a filter, both languages,
a shared link, desktop and phone.

The database holds tests/fixtures/contracts/contratos_2024.csv (7 contracts; the numbers are
worked out in tests/integration/test_conditions.py) and the app publishes cells of 1 worker
(min_cell=1), so that 7 contracts show figures: below the minimum 3 of 6 comparable wages,
50.0 %; SDG 10.7.1 (0 + 1500/7600 + 1500/3040 + 0) / 4 = 17.3 %; paid a fee 2 of 5, 40.0 %;
written contract 5 of 7, 71.4 %. Chiapas only: C-001, C-002 comparable, none below, 0.0 %.
SDG 10.7.1 and the fee share are now over workers: one contract per worker here, so the same.
Wage bands (minimum 248.93): 75-100 % C-003, C-005, C-007 (3); 100-125 % C-001, C-002 (2);
125-150 % C-006 (1). The file records no sex: no wage gap ("–").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import running_app
from tests.browser.test_overview import pick

pytestmark = pytest.mark.browser

TIMEOUT_MS = 20_000
BELOW = "[data-kpi=share_below_minimum_pct]"
BARS = "#conditions-wage-chart .barlayer .point"
BANDS = "#conditions-bands-chart .barlayer .point"


@pytest.fixture(scope="module")
def app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app (min_cell=1) on a fresh SQLite file holding the contracts fixture."""
    loads = [("contracts/contratos_2024.csv", "contracts", {}, "loaded")]  # 7 contracts
    with running_app(tmp_path_factory.mktemp("web_conditions"), loads, min_cell=1) as url:
        yield url


def expect_page(page) -> None:
    expect(page.locator(BELOW)).to_have_text("50,0\u00a0%", timeout=TIMEOUT_MS)
    expect(page.locator("[data-kpi=sdg_10_7_1_mean_pct]")).to_have_text("17,3\u00a0%")
    expect(page.locator("[data-kpi=share_paid_fee_pct]")).to_have_text("40,0\u00a0%")
    expect(page.locator("[data-kpi=share_written_contract_pct]")).to_have_text("71,4\u00a0%")
    expect(page.locator(BARS)).to_have_count(5, timeout=TIMEOUT_MS)
    expect(page.locator(BANDS)).to_have_count(6, timeout=TIMEOUT_MS)
    expect(page.locator("[data-kpi=wage_gap_pct]")).to_have_text("–")


def test_page_shows_the_hand_counted_figures(app_url, open_page, artifacts):
    page = open_page(app_url + "/condiciones?lang=es")
    expect_page(page)
    expect(page.locator("#conditions-wage-title")).to_contain_text("todos los contratos cargados")
    expect(page.locator("#conditions-wage-chart")).to_contain_text("100,0\u00a0%")
    expect(page.locator("#conditions-table-data")).to_contain_text("Construcción")
    expect(page.locator("#conditions-fees-table")).to_contain_text("Chiapas")
    expect(page.locator("#conditions-wage-note")).to_contain_text("destajo")
    bands = page.locator("#conditions-bands-chart")
    expect(bands).to_contain_text("Salario mínimo (100 %)")
    expect(bands.locator(".bartext")).to_have_text(["0", "0", "3", "2", "1", "0"])
    expect(page.locator("#conditions-fees-table")).to_contain_text("GT-REC-0003")  # by recruiter
    page.wait_for_load_state("networkidle")
    page.screenshot(path=artifacts / "conditions-es-1920x1080.png", full_page=True)
    phone = open_page(app_url + "/condiciones?lang=es", width=390, height=844)
    expect_page(phone)
    phone.wait_for_load_state("networkidle")
    phone.screenshot(path=artifacts / "conditions-es-390x844.png", full_page=True)
    phone.locator("#conditions-wage-chart").screenshot(
        path=artifacts / "conditions-chart-390x844.png"
    )
    expect(page.locator("#conditions-fees-table")).not_to_contain_text("suprimido")  # min_cell=1


def test_a_filter_changes_the_figure_and_the_link_reopens_it(app_url, open_page):
    page = open_page(app_url + "/condiciones?lang=es")
    expect_page(page)
    pick(page, "filter-destination", "Chiapas")
    expect(page).to_have_url(re.compile(r"destination=MX-CHP"))
    expect(page.locator(BELOW)).to_have_text("0,0\u00a0%", timeout=TIMEOUT_MS)
    expect(page.locator(BARS)).to_have_count(2, timeout=TIMEOUT_MS)  # coffee, construction
    expect(page.locator("#conditions-wage-title")).to_contain_text("Chiapas")
    other = open_page(page.url)  # a new browser context: nothing shared but the link
    expect(other.locator(BELOW)).to_have_text("0,0\u00a0%", timeout=TIMEOUT_MS)
    expect(other.locator(BARS)).to_have_count(2, timeout=TIMEOUT_MS)


def test_language_switch_changes_the_labels(app_url, open_page, artifacts):
    page = open_page(app_url + "/condiciones?lang=es")
    expect_page(page)
    page.click("#language label:has-text('English')")
    expect(page).to_have_url(re.compile(r"lang=en"))
    expect(page.locator(".obs-page-title")).to_have_text("Working conditions")
    expect(page.locator(BELOW)).to_have_text("50.0%", timeout=TIMEOUT_MS)
    expect(page.locator("#conditions-table-data")).to_contain_text("Written contract")
    expect(page.locator("#conditions-wage-title")).to_contain_text("below the minimum wage")
    expect(page.locator("#conditions-bands-chart")).to_contain_text("Minimum wage (100%)")
    expect(page.locator("#conditions-fees-table")).to_contain_text("Direct hire (no licence)")
    page.wait_for_load_state("networkidle")
    page.screenshot(path=artifacts / "conditions-en-1920x1080.png", full_page=True)
