"""The overview page in a real browser: fixture numbers, map and trend, languages, shared links,
suppression marks, phone layout; nothing may leave 127.0.0.1 and the console must stay clean.

Expected numbers are worked out by hand in tests/fixtures/web/README.md.
"""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

KPI_NAMES = ("registrations_count", "workers_count", "share_women_pct", "share_minors_pct")
TIMEOUT_MS = 20_000
MAP_IDLE_JS = """() => {
    const map = document.querySelector('#overview-map .js-plotly-plot')
        ?._fullLayout?.map?._subplot?.map;
    return !!map && map.loaded() && map.areTilesLoaded();
}"""  # the first load compiles plotly.js; generous on a 2-core runner


def expect_kpis(page, *texts: str) -> None:
    """The four KPI values, in card order (auto-waits while the callbacks run)."""
    for name, text in zip(KPI_NAMES, texts, strict=True):
        expect(page.locator(f"[data-kpi={name}]")).to_have_text(text, timeout=TIMEOUT_MS)


def expect_drawn(page) -> None:
    """The trend has its two lines and the map its maplibre canvas and traces."""
    expect(page.locator("#overview-trend .scatterlayer .trace")).to_have_count(
        2, timeout=TIMEOUT_MS
    )
    expect(page.locator("#overview-map .maplibregl-canvas")).to_have_count(1, timeout=TIMEOUT_MS)
    trace_types = page.evaluate(
        "() => document.querySelector('#overview-map .js-plotly-plot').data.map(t => t.type)"
    )
    assert trace_types.count("choroplethmap") >= 3, trace_types  # base, origin, destination
    assert "scattermap" in trace_types, trace_types  # border points
    # maplibre draws after fetching the boundaries: wait until its sources and tiles are in.
    page.wait_for_function(MAP_IDLE_JS, timeout=TIMEOUT_MS)


def pick(page, control_id: str, option: str) -> None:
    """Choose one option of a (Dash 4) multi-select dropdown, then close it."""
    page.click(f"#{control_id}")
    page.click(f".dash-dropdown-option:has-text('{option}')")
    page.keyboard.press("Escape")


def transferred_bytes(page) -> dict[str, int]:
    """Bytes over the wire since navigation (compressed), by kind, from the Resource Timing API."""
    entries = page.evaluate(
        """() => performance.getEntriesByType('navigation').concat(
               performance.getEntriesByType('resource')).map(
               e => ({name: e.name, size: e.transferSize, body: e.decodedBodySize}))"""
    )
    totals = {"js": 0, "json": 0, "css": 0, "html": 0, "other": 0, "decoded": 0}
    for entry in entries:
        path = entry["name"].split("?")[0]
        kind = (
            "js"
            if path.endswith(".js")
            else "css"
            if path.endswith(".css")
            else "json"
            if "/_dash-" in path or path.endswith(".geojson")
            else "html"
            if path.rstrip("/").count("/") <= 2
            else "other"
        )
        totals[kind] += entry["size"]
        totals["decoded"] += entry["body"]
    totals["total"] = sum(totals[k] for k in ("js", "json", "css", "html", "other"))
    return totals


def test_overview_shows_the_fixture_offline(app_url, open_page, artifacts):
    page = open_page(app_url + "/")
    # 26 registrations of 20 workers; women 8/20; minors 5/20 (Spanish formats by default).
    expect_kpis(page, "26", "20", "40,0\u00a0%", "25,0\u00a0%")
    expect_drawn(page)
    expect(page.locator("#overview-trend-title")).to_contain_text("ene 2024 – mar 2024")
    expect(page.locator("#overview-trend-note")).to_contain_text("Fuente: registros de las")
    page.wait_for_load_state("networkidle")
    payload = transferred_bytes(page)
    (artifacts / "payload-first-load.json").write_text(json.dumps(payload, indent=1))
    # plotly.js dominates; everything together stays well under 3 MB on the wire.
    assert payload["total"] < 3_000_000, payload
    page.screenshot(path=artifacts / "overview-es-1920x1080.png", full_page=True)


def test_language_switch_changes_every_label(app_url, open_page, artifacts):
    page = open_page(app_url + "/")
    expect_kpis(page, "26", "20", "40,0\u00a0%", "25,0\u00a0%")
    page.click("#language label:has-text('English')")
    expect(page).to_have_url(re.compile(r"lang=en"))
    expect(page.locator("#header-title")).to_have_text(
        "Binational labour mobility observatory Guatemala – Mexico"
    )
    expect_kpis(page, "26", "20", "40.0%", "25.0%")
    expect(page.locator(".kpi-label").first).to_have_text("Registrations")
    expect(page.locator("label[for=filter-sex]")).to_have_text("Sex")
    expect(page.locator("#filter-sex-value")).to_have_text("All")
    expect(page.locator("#overview-trend-title")).to_contain_text("Jan 2024 – Mar 2024")
    expect(page.locator("#overview-trend-note")).to_contain_text("Source: labour mobility")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect_drawn(page)
    page.screenshot(path=artifacts / "overview-en-1920x1080.png", full_page=True)


def test_a_copied_link_reopens_the_same_view_for_someone_else(app_url, open_page):
    page = open_page(app_url + "/")
    expect_kpis(page, "26", "20", "40,0\u00a0%", "25,0\u00a0%")
    pick(page, "filter-sex", "Mujeres")
    expect(page).to_have_url(re.compile(r"sex=F"))
    # Women only: 10 registrations of 8 workers; 8/8 women; 0/8 minors.
    expect_kpis(page, "10", "8", "100,0\u00a0%", "0,0\u00a0%")
    link = page.url
    other = open_page(link)  # a new browser context: nothing shared but the link
    expect(other.locator("#filter-sex-value")).to_have_text("Mujeres", timeout=TIMEOUT_MS)
    expect_kpis(other, "10", "8", "100,0\u00a0%", "0,0\u00a0%")
    in_english = open_page(link.replace("lang=es", "lang=en"))
    expect(in_english.locator("#filter-sex-value")).to_have_text("Women", timeout=TIMEOUT_MS)
    expect_kpis(in_english, "10", "8", "100.0%", "0.0%")


def test_suppressed_values_are_marked_and_explained(app_url, open_page):
    # Domestic work: 3 workers, below the threshold of 5: nothing may be published.
    page = open_page(app_url + "/?sector=domestic_work&lang=es")
    for name in KPI_NAMES:
        value = page.locator(f"[data-kpi={name}]")
        expect(value).to_have_attribute("data-state", "suppressed", timeout=TIMEOUT_MS)
        expect(value).to_have_text("suprimido*")
    expect(page.locator(".kpi-footnote")).to_contain_text("menos de 5 trabajadores")
    expect(page.locator("#filter-sector-value")).to_have_text("Trabajo doméstico")


def test_an_invalid_link_parameter_is_explained_in_the_users_language(app_url, open_page):
    page = open_page(app_url + "/?sex=X&lang=en")
    expect(page.locator("#url-message")).to_contain_text(
        "The link’s “sex” parameter was ignored: “X” is not a valid value.", timeout=TIMEOUT_MS
    )
    expect_kpis(page, "26", "20", "40.0%", "25.0%")  # the rest of the view still opens


def test_phone_layout_collapses_the_filters(app_url, open_page, artifacts):
    page = open_page(app_url + "/?lang=es", width=390, height=844)
    expect_kpis(page, "26", "20", "40,0\u00a0%", "25,0\u00a0%")
    expect_drawn(page)
    panel = page.locator("#filter-collapse")
    expect(panel).to_be_hidden()
    page.screenshot(path=artifacts / "overview-es-390x844.png", full_page=True)
    page.click("#filter-toggle")
    expect(panel).to_be_visible()
    pick(page, "filter-sex", "Mujeres")
    expect_kpis(page, "10", "8", "100,0\u00a0%", "0,0\u00a0%")
    expect(page.locator("#filter-summary")).to_have_text("(1 activo)")
    page.screenshot(path=artifacts / "overview-es-390x844-filters-open.png")


def test_back_button_and_reset_restore_the_view(app_url, open_page):
    page = open_page(app_url + "/")
    expect_kpis(page, "26", "20", "40,0\u00a0%", "25,0\u00a0%")
    pick(page, "filter-sex", "Mujeres")
    expect_kpis(page, "10", "8", "100,0\u00a0%", "0,0\u00a0%")
    page.go_back()  # the URL is the state: history navigates between views
    expect(page.locator("#filter-sex-value")).to_have_text("Todos", timeout=TIMEOUT_MS)
    expect_kpis(page, "26", "20", "40,0\u00a0%", "25,0\u00a0%")
    page.go_forward()
    expect(page.locator("#filter-sex-value")).to_have_text("Mujeres", timeout=TIMEOUT_MS)
    expect_kpis(page, "10", "8", "100,0\u00a0%", "0,0\u00a0%")
    page.click("#filter-reset")
    expect(page).to_have_url(re.compile(r"/\?lang=es$"))
    expect_kpis(page, "26", "20", "40,0\u00a0%", "25,0\u00a0%")
