"""The data-quality page per office in a real browser: hand-counted rows, both languages, a
shared link, and the filters that do not apply to load statistics.

The database holds registros_tecun_uman_2024T1.csv (20 new rows, 8 quarantined), its
correction (1 new, 1 updated) and el_carmen_2024_english.tsv (4 new): worked out in
tests/integration/test_office_quality.py.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import running_app

pytestmark = pytest.mark.browser

TIMEOUT_MS = 20_000
TABLE = "#quality-offices-table"
LOADS = (
    ("border_office/registros_tecun_uman_2024T1.csv", "border_office", {}, "loaded"),
    ("border_office/correccion_tecun_uman_2024.csv", "border_office", {}, "loaded"),
    ("border_office/el_carmen_2024_english.tsv", "border_office", {}, "loaded"),
)


@pytest.fixture(scope="module")
def app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with running_app(tmp_path_factory.mktemp("web_quality"), LOADS) as url:
        yield url


def office_row(page, name: str):
    return page.locator(f"{TABLE} tr", has_text=name)


def test_each_office_shows_its_loads_and_rows(app_url, open_page, artifacts):
    page = open_page(app_url + "/calidad-datos?lang=es")
    tecun = office_row(page, "Tecún Umán")
    # Loads 2, new rows 21, updated 1, quarantined 8, last load today (0 days), 21 held.
    expect(tecun).to_contain_text("21", timeout=TIMEOUT_MS)
    cells = tecun.locator("td")
    expect(cells.nth(1)).to_have_text("2")
    expect(cells.nth(2)).to_have_text("21")
    expect(cells.nth(3)).to_have_text("1")
    expect(cells.nth(4)).to_have_text("8")
    expect(cells.nth(6)).to_have_text("0")
    expect(office_row(page, "El Carmen").locator("td").nth(2)).to_have_text("4")
    expect(office_row(page, "La Mesilla").locator("td").nth(6)).to_have_text("–")
    expect(page.locator("#quality-offices")).to_contain_text("Cómo se calcula")
    page.wait_for_load_state("networkidle")
    page.screenshot(path=artifacts / "quality-offices-es-1920x1080.png", full_page=True)
    phone = open_page(app_url + "/calidad-datos?lang=es", width=390, height=844)
    expect(office_row(phone, "Tecún Umán")).to_contain_text("21", timeout=TIMEOUT_MS)
    phone.screenshot(path=artifacts / "quality-offices-es-390x844.png", full_page=True)


def test_language_switch_and_a_shared_link(app_url, open_page):
    page = open_page(app_url + "/calidad-datos?lang=es")
    expect(page.locator("#quality-offices h3")).to_contain_text("Por oficina", timeout=TIMEOUT_MS)
    page.get_by_text("English", exact=True).click()
    expect(page.locator("#quality-offices h3")).to_contain_text("By labour-mobility office")
    expect(page.locator(TABLE)).to_contain_text("New rows")
    assert "lang=en" in page.url
    again = open_page(page.url)  # someone else opens the copied link
    expect(again.locator("#quality-offices h3")).to_contain_text(
        "By labour-mobility office", timeout=TIMEOUT_MS
    )
    expect(office_row(again, "Tecún Umán").locator("td").nth(4)).to_have_text("8")


def test_a_registration_filter_does_not_change_load_statistics(app_url, open_page):
    page = open_page(app_url + "/calidad-datos?lang=en&sex=F&origin=GT-12")
    expect(office_row(page, "Tecún Umán").locator("td").nth(2)).to_have_text(
        "21", timeout=TIMEOUT_MS
    )
    expect(page.locator(".alert-info")).to_contain_text("filter")


def test_the_panel_shows_only_the_filters_that_apply(app_url, open_page):
    page = open_page(app_url + "/calidad-datos?lang=es")
    expect(page.locator("#quality-offices h3")).to_be_visible(timeout=TIMEOUT_MS)
    expect(page.locator("#filter-column")).to_be_hidden()  # no filter changes load statistics
    page.get_by_role("link", name="Condiciones de trabajo").click()
    expect(page.locator("#filter-column")).to_be_visible(timeout=TIMEOUT_MS)
    for shown in ("from", "to", "sex", "sector", "destination", "recruiter"):
        expect(page.locator(f"#filter-{shown}-field")).to_be_visible()
    for hidden in ("age", "origin", "border", "direction"):  # contracts do not record them
        expect(page.locator(f"#filter-{hidden}-field")).to_be_hidden()
    page.get_by_role("link", name="Panorama").click()
    expect(page.locator("#filter-origin-field")).to_be_visible(timeout=TIMEOUT_MS)
