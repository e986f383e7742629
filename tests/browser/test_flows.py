"""The flows page in a real browser: hand-counted figures, a filter, both languages, a shared
link, desktop and phone.

The database holds tests/fixtures/flows/registros_flujos_2022_2025.csv (32 registrations of
23 workers; every number is worked out in tests/integration/test_flows_indicators.py) and the
app publishes cells of 2 workers or more (min_cell=2), so that this small file shows figures
and still hides some:
- paths: P3 (papaya, 1 worker) is hidden, and with it Q (banana, 5 workers: the first of the
  smallest others). Published: San Marcos -> Tecún Umán -> Chiapas -> coffee 15, San Marcos ->
  El Carmen -> Chiapas -> construction 6, Chiapas -> Tecún Umán -> San Marcos -> commerce 5
  (reverse). Nodes: origin San Marcos 15 + 6 = 21, Tecún Umán 15 + 5 = 20, coffee 15.
- seasonality: 2022-11, 2024-09, 2025-02 hold 1 worker (hidden); per year, 2024-06 (5 < 6)
  and 2025-05 (first of the 5s) are hidden as complements: 5 cells "oculto*". Published:
  2023-11 2, 2024-11 6, 2025-03 6, 2025-11 5.
- circularity: 18, 3, 1, 1 workers in 1, 2, 3, 4+ years; share circular 5 / 23 = 21.7 %.
  Exits only: W05's return year drops, 4 / 23 = 17.4 %.
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
SHARE = "#flows-circular-share .kpi-value"
SANKEY_NODES = "#flows-sankey .sankey-node"
HEAT_LABELS = ".heatmaplayer text"  # the cell labels, not the colour bar


@pytest.fixture(scope="module")
def app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app (min_cell=2) on a fresh SQLite file holding the flows fixture."""
    loads = [("flows/registros_flujos_2022_2025.csv", "border_office", {}, "loaded")]
    with running_app(tmp_path_factory.mktemp("web_flows"), loads, min_cell=2) as url:
        yield url


def expect_page_es(page) -> None:
    expect(page.locator(SHARE)).to_have_text("21,7\u00a0%", timeout=TIMEOUT_MS)
    expect(page.locator("#flows-circular-share")).to_contain_text("5 de 23")
    expect(page.locator(SANKEY_NODES)).to_have_count(9, timeout=TIMEOUT_MS)
    sankey = page.locator("#flows-sankey")
    for label in ("San Marcos · 21", "Café · 15", "Construcción · 6", "Comercio · 5"):
        expect(sankey).to_contain_text(label)
    expect(sankey).to_contain_text("Ciudad Hidalgo · 20")  # Tecún Umán, wrapped on two lines
    expect(page.locator("#flows-sankey-note")).to_contain_text("2 de 5")
    expect(page.locator("#flows-sankey-note")).to_contain_text("5 registros")  # reverse
    heat = page.locator("#flows-seasonality")
    expect(heat.locator(HEAT_LABELS, has_text=re.compile(r"^oculto\*$"))).to_have_count(
        5, timeout=TIMEOUT_MS
    )
    expect(heat.locator(HEAT_LABELS, has_text=re.compile(r"^6$"))).to_have_count(
        2
    )  # 2024-11, 2025-03
    expect(page.locator("#flows-circularity")).to_contain_text("18")
    expect(page.locator("#flows-map .choroplethmap, #flows-map canvas").first).to_be_attached(
        timeout=TIMEOUT_MS
    )
    expect(page.locator("#flows-map-title")).to_contain_text("nov 2022")


def test_page_shows_the_hand_counted_figures(app_url, open_page, artifacts):
    page = open_page(app_url + "/flujos?lang=es")
    expect_page_es(page)
    expect(page.locator("#flows-pyramid")).to_contain_text("suprimido*")
    expect(page.locator("#flows-exits-returns-title")).to_contain_text("Salidas y retornos")
    expect(page.locator("#flows-circularity-title")).to_contain_text("nov 2022 – nov 2025")
    page.wait_for_load_state("networkidle")
    page.screenshot(path=artifacts / "flows-es-1920x1080.png", full_page=True)
    phone = open_page(app_url + "/flujos?lang=es", width=390, height=844)
    expect_page_es(phone)
    phone.wait_for_load_state("networkidle")
    phone.screenshot(path=artifacts / "flows-es-390x844.png", full_page=True)


def test_a_filter_changes_the_figures_and_the_link_reopens_them(app_url, open_page):
    page = open_page(app_url + "/flujos?lang=es")
    expect_page_es(page)
    pick(page, "filter-direction", "Salida")
    expect(page).to_have_url(re.compile(r"direction=exit"))
    expect(page.locator(SHARE)).to_have_text("17,4\u00a0%", timeout=TIMEOUT_MS)
    expect(page.locator("#flows-exits-returns-note")).to_contain_text("solo se muestra salida")
    # Exits only: no return left anywhere, so the exits/returns chart has one bar trace.
    expect(page.locator("#flows-exits-returns .barlayer .trace")).to_have_count(1)
    other = open_page(page.url.replace("lang=es", "lang=en"))  # a new context: only the link
    expect(other.locator(SHARE)).to_have_text("17.4%", timeout=TIMEOUT_MS)
    expect(other.locator("#flows-circular-share")).to_contain_text("4 of 23")
    expect(other.locator("#flows-exits-returns-note")).to_contain_text("only exit shown")


def test_language_switch_changes_the_labels(app_url, open_page, artifacts):
    page = open_page(app_url + "/flujos?lang=es")
    expect_page_es(page)
    page.click("#language label:has-text('English')")
    expect(page).to_have_url(re.compile(r"lang=en"))
    expect(page.locator(".obs-page-title")).to_have_text("Flows of the corridor")
    expect(page.locator(SHARE)).to_have_text("21.7%", timeout=TIMEOUT_MS)
    expect(page.locator("#flows-sankey")).to_contain_text("Coffee · 15", timeout=TIMEOUT_MS)
    expect(page.locator("#flows-seasonality")).to_contain_text("hidden*")
    expect(page.locator("#flows-pyramid")).to_contain_text("Women")
    expect(page.locator("#flows-sankey-title")).to_contain_text("Paths: origin")
    page.wait_for_load_state("networkidle")
    page.screenshot(path=artifacts / "flows-en-1920x1080.png", full_page=True)
