"""Meeting mode in headless chromium at 1920x1080: an agenda of three views is prepared from
the pages (create, add from meeting mode), reordered and renamed, then presented; the arrow
keys and a clicker's Page Up / Page Down move between its slides, each with its headline;
body text is at least 24 px and chart text at least 20 px; screenshots are written to
tests/browser/artifacts/. The headlines' numbers are worked out in
tests/integration/test_meeting.py from the same fixtures."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser import a11y
from tests.browser.a11y import TIMEOUT_MS, settle
from tests.browser.test_accessibility import (
    FAILING_IMPACTS,
    SMALLEST_TEXT_JS,
    readable,
    run_axe,
)

pytestmark = pytest.mark.browser
full_app = a11y.full_app  # registrations, registry, compliance and contracts; threshold 1
axe_source = a11y.axe_source

AGENDA = "Binational working group"
SLIDES = (  # (meeting-mode path, view, headline in English)
    (
        "/reunion/panorama/trend",
        "?to=2024-12&destination=MX-CHP&lang=en",
        "Registrations to Chiapas rose 200% in Q4 2024 against Q4 2023 (6 against 2).",
    ),
    (
        "/reunion/flujos/map",
        "?sex=F&lang=en",
        "Chiapas is the main destination: 12 of 14 registrations (86%).",
    ),
    (
        "/reunion/reclutadores/compliance",
        "?lang=en",
        "32% of the registrations through a recruiter used a licence that was active on the "
        "day (7 registrations).",
    ),
)
# Every text outside the charts, with its computed size (visible elements only).
PAGE_TEXT_JS = """() => {
    const out = [];
    for (const el of document.querySelectorAll('.obs-meeting *')) {
        if (el.closest('svg, .dash-graph')) continue;
        const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
        const box = el.getBoundingClientRect();
        if (!own || box.width === 0 || box.height === 0) continue;
        out.push({px: parseFloat(getComputedStyle(el).fontSize), text: el.textContent.trim()});
    }
    out.sort((a, b) => a.px - b.px);
    return out;
}"""


FOCUS_IN_SLIDE_JS = """() => document.querySelector('.obs-meeting')
    .contains(document.activeElement)"""


def slide_is(page, number: int, headline: str) -> None:
    expect(page.locator(".obs-meeting-counter")).to_have_text(
        f"Slide {number} of 3", timeout=TIMEOUT_MS
    )
    expect(page.locator("#meeting-headline")).to_have_text(headline, timeout=TIMEOUT_MS)
    settle(page)


def check_sizes(page) -> None:
    assert page.evaluate("() => document.body.classList.contains('obs-contrast')")
    assert page.evaluate("() => parseFloat(getComputedStyle(document.body).fontSize)") >= 24
    texts = page.evaluate(PAGE_TEXT_JS)
    assert texts, "no text on the slide"
    assert texts[0]["px"] >= 24, texts[:3]
    for chart in page.evaluate(SMALLEST_TEXT_JS):
        assert chart["count"] > 0, chart
        assert chart["smallest"]["px"] >= 20, chart
    # nothing of the shell on the wall: header, navigation, filter panel, footer
    for selector in (".obs-header", ".obs-nav", "#filter-column", ".obs-footer"):
        expect(page.locator(selector)).to_be_hidden()


def test_an_agenda_of_three_views_moves_with_the_keys(full_app, open_page, artifacts):
    page = open_page(f"{full_app}/agendas?lang=en", width=1920, height=1080)
    settle(page)
    page.fill("#agenda-new-name", "Working group")
    page.click("#agenda-create")
    expect(page.locator(".obs-agenda h3")).to_have_text("Working group", timeout=TIMEOUT_MS)

    # Prepared from the pages: each view opened in meeting mode and added to the agenda.
    for number, (path, search, headline) in enumerate(SLIDES, start=1):
        page.goto(f"{full_app}{path}{search}")
        expect(page.locator("#meeting-headline")).to_have_text(headline, timeout=TIMEOUT_MS)
        settle(page)
        page.click(".obs-meeting-add summary")
        page.click("#meeting-add-button")
        expect(page.locator("#meeting-add-msg")).to_have_text(
            f"Added to 'Working group' (slide {number}).", timeout=TIMEOUT_MS
        )

    # Renamed and reordered on the agendas page (the compliance slide up, then back down).
    page.goto(f"{full_app}/agendas?lang=en")
    settle(page)
    slides = page.locator(".obs-agenda-slide")
    expect(slides).to_have_count(3, timeout=TIMEOUT_MS)
    page.locator(".obs-agenda input[type=text]").fill(AGENDA)
    page.get_by_role("button", name="Rename").click()
    expect(page.locator(".obs-agenda h3")).to_have_text(AGENDA, timeout=TIMEOUT_MS)
    slides.nth(2).get_by_role("button", name=re.compile("^Move up")).click()
    expect(slides.nth(1)).to_contain_text("Recruiters", timeout=TIMEOUT_MS)
    slides.nth(1).get_by_role("button", name=re.compile("^Move down")).press("Enter")
    expect(slides.nth(2)).to_contain_text("Recruiters", timeout=TIMEOUT_MS)
    expect(page.locator(".obs-agenda-link")).to_contain_text("/reunion/agenda-")
    page.screenshot(path=artifacts / "agendas-en-1920x1080.png")

    # Presented: slide 1, then the keys of a keyboard and of a clicker.
    page.click(".obs-agenda-present")
    slide_is(page, 1, SLIDES[0][2])
    check_sizes(page)
    page.screenshot(path=artifacts / "meeting-agenda-1-1920x1080.png")
    page.keyboard.press("ArrowRight")
    slide_is(page, 2, SLIDES[1][2])
    check_sizes(page)
    # the focus went to the new slide (the link pressed is gone); Shift+Tab reaches its bar
    assert page.evaluate(FOCUS_IN_SLIDE_JS)
    page.keyboard.press("Shift+Tab")
    expect(page.locator("#meeting-exit")).to_be_focused()
    page.screenshot(path=artifacts / "meeting-agenda-2-1920x1080.png")
    page.keyboard.press("PageDown")
    slide_is(page, 3, SLIDES[2][2])
    check_sizes(page)
    page.screenshot(path=artifacts / "meeting-agenda-3-1920x1080.png")
    page.keyboard.press("ArrowRight")  # the last slide: nothing after it
    slide_is(page, 3, SLIDES[2][2])
    page.keyboard.press("ArrowLeft")
    slide_is(page, 2, SLIDES[1][2])
    page.keyboard.press("PageUp")
    slide_is(page, 1, SLIDES[0][2])
    page.keyboard.press("Escape")
    expect(page).to_have_url(re.compile(r"/agendas\?lang=en$"), timeout=TIMEOUT_MS)
    expect(page.locator("body")).not_to_have_class(re.compile("obs-contrast"))


def test_a_page_enters_meeting_mode_and_escape_leaves_it(full_app, open_page, artifacts):
    page = open_page(f"{full_app}/flujos?sex=F&lang=es", width=1920, height=1080)
    settle(page)
    enter = page.locator(".obs-meeting-link")
    expect(enter).to_have_attribute("href", "/reunion/flujos/map?sex=F&lang=es")
    expect(page.locator(".obs-agendas-link")).to_have_attribute("href", "/agendas?sex=F&lang=es")
    enter.click()
    expect(page.locator("#meeting-headline")).to_have_text(
        "Chiapas es el destino principal: 12 de 14 registros (86\u00a0%).", timeout=TIMEOUT_MS
    )
    settle(page)
    expect(page.locator(".obs-meeting-counter")).to_have_text("Diapositiva 1 de 6")
    expect(page.locator(".obs-meeting-caption")).to_have_text("Filtros: Sexo: mujeres")
    check_sizes(page)
    page.screenshot(path=artifacts / "meeting-flujos-es-1920x1080.png")
    page.keyboard.press("ArrowRight")
    expect(page.locator(".obs-meeting-counter")).to_have_text(
        "Diapositiva 2 de 6", timeout=TIMEOUT_MS
    )
    settle(page)
    page.keyboard.press("Escape")
    expect(page).to_have_url(re.compile(r"/flujos\?sex=F&lang=es$"), timeout=TIMEOUT_MS)


@pytest.mark.parametrize(
    "path", ["/reunion/panorama/trend?lang=es", "/reunion/sectores/destination?lang=en"]
)
def test_a_slide_passes_axe(full_app, open_page, axe_source, path):
    page = open_page(f"{full_app}{path}", width=1920, height=1080)
    expect(page.locator("#meeting-headline")).to_be_visible(timeout=TIMEOUT_MS)
    settle(page)
    failing = [v for v in run_axe(page, axe_source) if v["impact"] in FAILING_IMPACTS]
    assert not failing, readable(failing)


def test_the_agendas_page_passes_axe_and_is_reached_by_keyboard(full_app, open_page, axe_source):
    page = open_page(f"{full_app}/agendas?lang=es", width=1366, height=768)
    settle(page)
    page.fill("#agenda-new-name", "Revisión de accesibilidad")
    page.locator("#agenda-new-name").press("Tab")
    expect(page.locator("#agenda-create")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator(".obs-agenda h3").first).to_have_text(
        "Revisión de accesibilidad", timeout=TIMEOUT_MS
    )
    settle(page)
    failing = [v for v in run_axe(page, axe_source) if v["impact"] in FAILING_IMPACTS]
    assert not failing, readable(failing)
