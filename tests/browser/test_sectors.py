"""The sector-concentration page in a real browser: hand-counted figures, a filter, both
languages, a shared link, desktop and phone.

The database holds tests/fixtures/sectors/border_office_sectores.csv (the numbers are worked
out in tests/integration/test_sector_indicators.py) with the default threshold of 5 workers:
Chiapas coffee 8 of 15 workers, 53.3 %; Tabasco banana 6 of 14, 42.9 %; HHI Chiapas 2024
(600/11)² + (500/11)² = 5,041, Tabasco 2024 10,000, both 2025s at least 5,000 (cells hidden);
5 largest employers 24 of 29, 82.8 %; domestic work 5 women of 5, 100 %.
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
DESTINATION = "#sectors-destination-table"
HHI = "#sectors-hhi-table"


@pytest.fixture(scope="module")
def app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app (min_cell 5) on a fresh SQLite file holding the sectors fixture."""
    loads = [("sectors/border_office_sectores.csv", "border_office", {}, "loaded")]
    with running_app(tmp_path_factory.mktemp("web_sectors"), loads) as url:
        yield url


def expect_page_es(page) -> None:
    expect(page.locator(DESTINATION)).to_contain_text("53,3\u00a0%", timeout=TIMEOUT_MS)
    expect(page.locator(DESTINATION)).to_contain_text("42,9\u00a0%")
    expect(page.locator(DESTINATION)).to_contain_text("suprimido*")
    expect(page.locator(HHI)).to_contain_text("5.041", timeout=TIMEOUT_MS)
    expect(page.locator(HHI)).to_contain_text("10.000")
    expect(page.locator(HHI)).to_contain_text("≥\u00a05.000")
    expect(page.locator("#sectors-top-table")).to_contain_text("82,8\u00a0%", timeout=TIMEOUT_MS)
    expect(page.locator("#sectors-women-table")).to_contain_text("100,0\u00a0%", timeout=TIMEOUT_MS)
    expect(page.locator("#sectors-year-table")).to_contain_text("35,3\u00a0%", timeout=TIMEOUT_MS)


def test_page_shows_the_hand_counted_figures(app_url, open_page, artifacts):
    page = open_page(app_url + "/sectores?lang=es")
    expect_page_es(page)
    expect(page.locator("#sectors-destination-title")).to_contain_text("todo el corredor")
    expect(page.locator("#sectors-destination-chart")).to_contain_text("Chiapas")
    expect(page.locator("#sectors-hhi-details")).to_contain_text("Horizontal Merger Guidelines")
    expect(page.locator("#sectors-top-table")).to_contain_text("Constructora del Sur")
    expect(page.locator("#sectors-top-table")).not_to_contain_text("CSU000512KL3")  # no RFC
    page.wait_for_load_state("networkidle")
    page.screenshot(path=artifacts / "sectors-es-1920x1080.png", full_page=True)
    phone = open_page(app_url + "/sectores?lang=es", width=390, height=844)
    expect_page_es(phone)
    phone.wait_for_load_state("networkidle")
    phone.screenshot(path=artifacts / "sectors-es-390x844.png", full_page=True)
    for name in ("destination", "year", "hhi", "top", "women"):
        card = phone.locator(f"#sectors-{name}-card")
        card.screenshot(path=artifacts / f"sectors-{name}-390x844.png")


def test_a_filter_changes_the_figure_and_the_link_reopens_it(app_url, open_page):
    page = open_page(app_url + "/sectores?lang=es")
    expect_page_es(page)
    pick(page, "filter-destination", "Tabasco")
    expect(page).to_have_url(re.compile(r"destination=MX-TAB"))
    chart = page.locator("#sectors-destination-chart")
    expect(chart).not_to_contain_text("Chiapas", timeout=TIMEOUT_MS)
    expect(chart).to_contain_text("Tabasco")
    expect(page.locator(DESTINATION)).not_to_contain_text("53,3\u00a0%")
    expect(page.locator(HHI)).not_to_contain_text("5.041")
    expect(page.locator("#sectors-hhi-title")).to_contain_text("Tabasco")
    page.click("#language label:has-text('English')")
    expect(page).to_have_url(re.compile(r"lang=en"))
    expect(page.locator(DESTINATION)).to_contain_text("42.9%", timeout=TIMEOUT_MS)
    other = open_page(page.url)  # a new browser context: nothing shared but the link
    expect(other.locator(".obs-page-title")).to_have_text("Sector concentration")
    expect(other.locator(DESTINATION)).to_contain_text("42.9%", timeout=TIMEOUT_MS)
    expect(other.locator(DESTINATION)).not_to_contain_text("Chiapas")
    expect(other.locator("#sectors-hhi-title")).to_contain_text("Tabasco")


def test_language_switch_changes_the_labels(app_url, open_page, artifacts):
    page = open_page(app_url + "/sectores?lang=es")
    expect_page_es(page)
    page.click("#language label:has-text('English')")
    expect(page).to_have_url(re.compile(r"lang=en"))
    expect(page.locator(".obs-page-title")).to_have_text("Sector concentration")
    expect(page.locator(DESTINATION)).to_contain_text("53.3%", timeout=TIMEOUT_MS)
    expect(page.locator(DESTINATION)).to_contain_text("State of destination")
    expect(page.locator(HHI)).to_contain_text("5,041")
    expect(page.locator("#sectors-women-chart")).to_contain_text("Minors (under 18)")
    expect(page.locator("#sectors-destination-chart")).to_contain_text("Coffee")
    expect(page.locator("#sectors-top-title")).to_contain_text("5 largest employers")
    page.wait_for_load_state("networkidle")
    page.screenshot(path=artifacts / "sectors-en-1920x1080.png", full_page=True)
