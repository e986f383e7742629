"""The data-quality and recruiters pages in a real browser: hand-counted figures, a filter,
both languages, shared links, a hostile recruiter name shown as text, desktop and phone.

The database holds the three registry fixtures, tests/fixtures/compliance (counted by hand in
tests/integration/test_compliance.py: 7 of the 22 recruiter registrations were placed by an
active recruiter, 31.8 %; women only: 7 of 7, 100.0 %), the contracts fixture (4 rows
quarantined) and an empty file (refused).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import RECRUITER_PAGE_LOADS, running_app
from tests.browser.test_overview import pick

pytestmark = pytest.mark.browser

TIMEOUT_MS = 20_000
KPI = "[data-kpi=share_compliant_pct]"
LOADS = RECRUITER_PAGE_LOADS


@pytest.fixture(scope="module")
def app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app on a fresh SQLite file holding the registry, compliance and contract fixtures."""
    with running_app(tmp_path_factory.mktemp("web_recruiters"), LOADS) as url:
        yield url


def expect_quality_page(page) -> None:
    recent = page.locator("#quality-recent-table")
    expect(recent).to_contain_text("vacio.csv", timeout=TIMEOUT_MS)
    expect(recent).to_contain_text("contratos_2024.csv")
    expect(page.locator("#quality-loads .barlayer .trace")).to_have_count(4, timeout=TIMEOUT_MS)
    expect(page.locator("#quality-reasons-table")).to_contain_text("wage_amount")
    expect(page.locator("#quality-completeness-table")).to_contain_text("recruiter_licence")


def test_quality_page_marks_the_refused_load(app_url, open_page, artifacts):
    page = open_page(app_url + "/calidad-datos?lang=es")
    expect_quality_page(page)
    expect(page.locator("#quality-recent-table")).to_contain_text("⚠ rechazado")
    expect(page.locator("[data-source=border_office]")).to_have_text("0 días")
    expect(page.locator("#quality-loads-title")).to_contain_text("por fuente y mes de carga")
    expect(page.locator("#quality-reasons")).to_contain_text("Cómo se calcula")
    page.wait_for_load_state("networkidle")
    page.screenshot(path=artifacts / "quality-es-1920x1080.png", full_page=True)
    phone = open_page(app_url + "/calidad-datos?lang=es", width=390, height=844)
    expect_quality_page(phone)
    phone.screenshot(path=artifacts / "quality-es-390x844.png", full_page=True)
    phone.locator("#quality-loads").screenshot(path=artifacts / "quality-loads-390x844.png")


def test_recruiters_page_shows_compliance_and_the_register(app_url, open_page, artifacts):
    page = open_page(app_url + "/reclutadores?lang=es")
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    expect(page.locator(KPI)).to_have_text("31,8\u00a0%", timeout=TIMEOUT_MS)
    expect(page.locator("#compliance-chart .barlayer .point")).to_have_count(7, timeout=TIMEOUT_MS)
    expect(page.locator("#compliance-table-data")).to_contain_text("suprimido*")
    expect(page.locator("#alerts-table")).to_contain_text("GT-REC-0003")
    registry = page.locator("#registry-table")
    # The hostile name is a literal string in a cell, never markup.
    expect(registry.get_by_text("<script>alert(1)</script>", exact=True)).to_have_count(1)
    assert page.locator("#registry-table script").count() == 0
    page.wait_for_load_state("networkidle")
    page.screenshot(path=artifacts / "recruiters-es-1920x1080.png", full_page=True)
    # Native search: type in the name column's filter cell.
    page.locator("#registry-table th.dash-filter[data-dash-column=name] input[type=text]").fill(
        "Tzul"
    )
    page.keyboard.press("Enter")
    expect(registry.locator("td[data-dash-column=licence_no]")).to_have_count(1)
    expect(registry.locator("td[data-dash-column=licence_no]")).to_have_text("GT-REC-0003")
    assert dialogs == []
    phone = open_page(app_url + "/reclutadores?lang=es", width=390, height=844)
    expect(phone.locator(KPI)).to_have_text("31,8\u00a0%", timeout=TIMEOUT_MS)
    phone.wait_for_load_state("networkidle")
    expect(phone.locator("#compliance-chart .barlayer .point")).to_have_count(7, timeout=TIMEOUT_MS)
    phone.screenshot(path=artifacts / "recruiters-es-390x844.png", full_page=True)
    phone.locator("#compliance-chart").screenshot(path=artifacts / "compliance-390x844.png")


def test_a_filter_changes_compliance_and_the_link_reopens_it(app_url, open_page):
    page = open_page(app_url + "/reclutadores?lang=es")
    expect(page.locator(KPI)).to_have_text("31,8\u00a0%", timeout=TIMEOUT_MS)
    pick(page, "filter-sex", "Mujeres")
    expect(page).to_have_url(re.compile(r"sex=F"))
    expect(page.locator(KPI)).to_have_text("100,0\u00a0%", timeout=TIMEOUT_MS)
    expect(page.locator("#compliance-title")).to_contain_text("mujeres")
    other = open_page(page.url)  # a new browser context: nothing shared but the link
    expect(other.locator(KPI)).to_have_text("100,0\u00a0%", timeout=TIMEOUT_MS)
    expect(other.locator("#filter-sex-value")).to_have_text("Mujeres")


def test_language_switch_changes_the_labels(app_url, open_page, artifacts):
    page = open_page(app_url + "/reclutadores?lang=es")
    expect(page.locator(KPI)).to_have_text("31,8\u00a0%", timeout=TIMEOUT_MS)
    page.click("#language label:has-text('English')")
    expect(page).to_have_url(re.compile(r"lang=en"))
    expect(page.locator(".obs-page-title")).to_have_text("Recruiters and compliance")
    expect(page.locator(KPI)).to_have_text("31.8%", timeout=TIMEOUT_MS)
    expect(page.locator("#registry-table")).to_contain_text("Current status", timeout=TIMEOUT_MS)
    expect(page.locator("#compliance-table-data")).to_contain_text("Direct hire")
    page.screenshot(path=artifacts / "recruiters-en-1920x1080.png", full_page=True)
    page.click("a.nav-link:has-text('Data quality')")
    expect(page).to_have_url(re.compile(r"/calidad-datos\?lang=en"))
    expect(page.locator("#quality-recent-table")).to_contain_text("⚠ refused", timeout=TIMEOUT_MS)
    expect(page.locator(".obs-page-title")).to_have_text("Quality of the loaded data")
