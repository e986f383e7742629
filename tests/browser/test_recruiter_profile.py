"""A recruiter's profile in a real browser: opened by a link, by a click in the register and by
the searchable recruiter filter; hand-counted figures, a filter, both languages, desktop and
phone.

The database holds tests/fixtures/recruiters_profile (counted by hand in
tests/integration/test_recruiter_profile.py and test_wages.py), default threshold 5.
GT-REC-0101 "Agencia Sololá Unida, S.A.": 14 registrations of 9 workers, 10 contracts,
0 workers with a complaint, 3 complaints to the registry; active 10 Jan 2022 – 30 Apr 2024,
suspended 1 May 2024 – 30 Jun 2025, expired since 1 Jul 2025. SDG 10.7.1 over its 9 workers:
(300/6080 + 500/6688/2 + 760/7904) / 9 = 2.0 %. Women only: 6 registrations of 4 workers
(P01-P04): suppressed. GT-REC-0102 "Pedro Ajú (contratista)": 3 workers, suppressed; expired
since 1 Apr 2024.
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
PROFILE = "#recruiter-profile"
LINK = "/reclutadores?recruiter=GT-REC-0101&lang=es"
P = "recruiters_profile/"
LOADS = (
    (P + "registro_perfil_2023-12-31.csv", "recruiter_registry", {}, "loaded"),
    (P + "registro_perfil_2024-06-30.csv", "recruiter_registry", {}, "loaded"),
    (P + "registros_perfil_2024.csv", "border_office", {}, "loaded"),
    (P + "contratos_perfil_2024.csv", "contracts", {}, "loaded"),
)


@pytest.fixture(scope="module")
def app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app (threshold 5) on a fresh SQLite file holding the profile fixtures."""
    with running_app(tmp_path_factory.mktemp("web_profile"), LOADS) as url:
        yield url


def fact(page, label: str):
    """The value next to a label of the register card."""
    return page.locator(f"{PROFILE} dt:text-is('{label}') + dd")


def expect_profile_es(page) -> None:
    card = page.locator(f"{PROFILE} [data-licence=GT-REC-0101]")
    expect(card).to_contain_text("Agencia Sololá Unida, S.A.", timeout=TIMEOUT_MS)
    expect(fact(page, "Registros fronterizos con esta licencia")).to_have_text("14")
    expect(fact(page, "Trabajadores colocados (distintos)")).to_have_text("9")
    expect(fact(page, "Contratos con esta licencia")).to_have_text("10")
    expect(fact(page, "Trabajadores con una queja en su contrato")).to_have_text("0")
    expect(fact(page, "Quejas recibidas por el registro")).to_have_text("3")
    timeline = page.locator("#profile-timeline-table")
    expect(timeline).to_contain_text("1 de mayo de 2024 – 30 de junio de 2025")
    expect(timeline).to_contain_text("desde 1 de julio de 2025")
    expect(page.locator("#profile-timeline .barlayer .point")).to_have_count(3)
    expect(page.locator("#profile-kpis [data-kpi=sdg_10_7_1_mean_pct]")).to_have_text("2,0\u00a0%")
    expect(page.locator("#profile-sectors .bartext")).to_have_text(["9"])


def test_a_link_opens_the_profile(app_url, open_page, artifacts):
    page = open_page(app_url + LINK)
    expect_profile_es(page)
    expect(page.locator("#filter-recruiter")).to_contain_text("GT-REC-0101 — Agencia Sololá")
    page.wait_for_load_state("networkidle")
    page.screenshot(path=artifacts / "profile-es-1920x1080.png", full_page=True)
    phone = open_page(app_url + LINK, width=390, height=844)
    expect_profile_es(phone)
    phone.wait_for_load_state("networkidle")
    phone.screenshot(path=artifacts / "profile-es-390x844.png", full_page=True)
    phone.locator(PROFILE).screenshot(path=artifacts / "profile-card-390x844.png")


def test_a_click_in_the_register_opens_the_profile(app_url, open_page):
    page = open_page(app_url + "/reclutadores?lang=es")
    expect(page.locator(PROFILE)).to_contain_text("elija su licencia", timeout=TIMEOUT_MS)
    cell = page.locator("#registry-table td[data-dash-column=licence_no]:has-text('GT-REC-0102')")
    cell.click()
    expect(page).to_have_url(re.compile(r"recruiter=GT-REC-0102"), timeout=TIMEOUT_MS)
    card = page.locator(f"{PROFILE} [data-licence=GT-REC-0102]")
    expect(card).to_contain_text("Pedro Ajú (contratista)", timeout=TIMEOUT_MS)
    # 3 workers: hidden, and marked so; the register entry is public and shown.
    expect(fact(page, "Trabajadores colocados (distintos)")).to_have_text("suprimido*")
    expect(fact(page, "Estado hoy")).to_have_text("vencida")
    expect(page.locator("#profile-timeline-table")).to_contain_text("desde 1 de abril de 2024")


def test_the_recruiter_control_searches_the_register(app_url, open_page):
    page = open_page(app_url + "/reclutadores?lang=es")
    expect(page.locator(PROFILE)).to_contain_text("elija su licencia", timeout=TIMEOUT_MS)
    page.click("#filter-recruiter")
    # Only the matches of what is typed reach the browser, never the whole register.
    page.locator("input.dash-dropdown-search").fill("sololá")
    option = page.locator(".dash-dropdown-option:has-text('GT-REC-0101 — Agencia Sololá')")
    expect(option).to_have_count(1, timeout=TIMEOUT_MS)
    option.click()
    page.keyboard.press("Escape")
    expect(page).to_have_url(re.compile(r"recruiter=GT-REC-0101"), timeout=TIMEOUT_MS)
    expect_profile_es(page)


def test_a_filter_changes_the_profile(app_url, open_page):
    page = open_page(app_url + LINK)
    expect_profile_es(page)
    pick(page, "filter-sex", "Mujeres")
    expect(page).to_have_url(re.compile(r"sex=F"))
    # Women only: P01-P04, 4 workers: the counts and the sector bar are suppressed.
    expect(fact(page, "Trabajadores colocados (distintos)")).to_have_text(
        "suprimido*", timeout=TIMEOUT_MS
    )
    expect(page.locator("#profile-sectors .bartext")).to_have_text(["suprimido*"])
    expect(page.locator(PROFILE)).to_contain_text("mujeres")


def test_language_switch_and_a_copied_link(app_url, open_page, artifacts):
    page = open_page(app_url + LINK)
    expect_profile_es(page)
    page.click("#language label:has-text('English')")
    expect(page).to_have_url(re.compile(r"lang=en"))
    expect(page.locator(PROFILE)).to_contain_text("Recruiter profile", timeout=TIMEOUT_MS)
    expect(fact(page, "Workers placed (distinct)")).to_have_text("9")
    expect(page.locator("#profile-timeline-table")).to_contain_text("since 1 July 2025")
    expect(page.locator("#profile-kpis [data-kpi=sdg_10_7_1_mean_pct]")).to_have_text("2.0%")
    page.wait_for_load_state("networkidle")
    page.screenshot(path=artifacts / "profile-en-1920x1080.png", full_page=True)
    assert "recruiter=GT-REC-0101" in page.url and "lang=en" in page.url
    other = open_page(page.url)  # a new browser context: nothing shared but the link
    expect(fact(other, "Workers placed (distinct)")).to_have_text("9", timeout=TIMEOUT_MS)
    expect(other.locator(PROFILE)).to_contain_text("Status timeline of the licence")
    expect(other.locator(PROFILE)).to_contain_text("Agencia Sololá Unida, S.A.")
