"""Downloads in a real browser: the links follow the view (filters, language), a click gives
the file with the page's numbers, and hostile names are shown as text on the page.

The database holds tests/fixtures/sectors/border_office_sectores.csv (Chiapas coffee 8 of 15
workers, 53.33 %; see tests/integration/test_sector_indicators.py) and the hostile recruiter
register tests/fixtures/exports/registro_nombres_peligrosos_2024-06-30.csv.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import running_app

pytestmark = pytest.mark.browser

TIMEOUT_MS = 20_000
HOSTILE = ('=HYPERLINK("http://x","y")', "<script>alert(1)</script>", "@SUM(A1)")


@pytest.fixture(scope="module")
def app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    loads = [
        ("sectors/border_office_sectores.csv", "border_office", {}, "loaded"),
        ("exports/registro_nombres_peligrosos_2024-06-30.csv", "recruiter_registry", {}, "loaded"),
    ]
    with running_app(tmp_path_factory.mktemp("web_downloads"), loads) as url:
        yield url


def test_links_follow_the_view_and_give_the_pages_numbers(app_url, open_page, tmp_path: Path):
    page = open_page(f"{app_url}/sectores?destination=MX-CHP&lang=en")
    table = page.locator("#sectors-destination-table")
    expect(table).to_contain_text("53.3%", timeout=TIMEOUT_MS)  # en: no space
    csv_link = page.locator(
        'a.obs-download-link[href*="/export/table/sectores/sector_by_destination.csv"]'
    )
    expect(csv_link.first).to_have_attribute(
        "href",
        "/export/table/sectores/sector_by_destination.csv?destination=MX-CHP&lang=en",
        timeout=TIMEOUT_MS,
    )
    expect(page.locator(".obs-download-label").first).to_have_text("Download:")

    with page.expect_download() as download_info:
        csv_link.first.click()
    download = download_info.value
    assert download.suggested_filename.startswith("gt-mx_sector_by_destination_v")
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    rows = {r["sector"]: r for r in csv.DictReader(io.StringIO(path.read_text("utf-8-sig")))}
    # Chiapas coffee: 10 registrations, 8 of the state's 15 workers; domestic work hidden
    assert (rows["coffee"]["registrations_count"], rows["coffee"]["workers_count"]) == ("10", "8")
    assert rows["domestic_work"]["workers_count"] == ""

    # Another language and filter: every link on the page follows, texts too.
    page.click("#language label:has-text('Español')")
    brief = page.locator("a.obs-download-brief")
    expect(brief).to_have_text("Paquete para informe (ZIP)", timeout=TIMEOUT_MS)
    hrefs = page.eval_on_selector_all(
        "a.obs-download-link", "els => els.map(e => e.getAttribute('href'))"
    )
    assert len(hrefs) >= 5 * 4 + 1  # 5 charts x (PNG, SVG, CSV, XLSX) and the brief pack
    for href in hrefs:
        query = parse_qs(urlparse(href).query)
        assert query == {"destination": ["MX-CHP"], "lang": ["es"]}, href


def test_hostile_recruiter_names_are_shown_as_text(app_url, open_page):
    page = open_page(f"{app_url}/reclutadores?lang=es")
    register = page.locator("#registry-table")
    for name in HOSTILE:
        expect(register.get_by_text(name, exact=True)).to_be_visible(timeout=TIMEOUT_MS)
    # nothing from the data became markup: no script element and no link in the table
    assert register.locator("script").count() == 0
    assert register.locator("a").count() == 0
    assert page.evaluate("typeof window.__hostile_ran") == "undefined"
