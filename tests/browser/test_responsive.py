"""Every page on a 390×844 phone and a 1366×768 laptop: nothing overflows sideways, the filters
collapse behind a button on the phone, charts stack; screenshots of each page are written to
tests/browser/artifacts/ (phone-*.png, laptop-*.png)."""

from __future__ import annotations

import itertools

import pytest
from playwright.sync_api import expect

from tests.browser import a11y
from tests.browser.a11y import PAGE_PATHS, TIMEOUT_MS, page_name, settle

pytestmark = pytest.mark.browser
full_app = a11y.full_app

PHONE = (390, 844)
LAPTOP = (1366, 768)
# The page is no wider than the window, and which elements stick out if it is.
OVERFLOW_JS = """() => {
    const width = document.documentElement.clientWidth;
    const wide = [...document.querySelectorAll('body *')].filter(el => {
        const box = el.getBoundingClientRect();
        if (box.width === 0 || box.right <= width + 1) { return false; }
        // inside a box that scrolls sideways on purpose (wide charts, tables): fine
        for (let p = el.parentElement; p; p = p.parentElement) {
            const s = getComputedStyle(p);
            if (['auto', 'scroll', 'hidden'].includes(s.overflowX)) { return false; }
        }
        return true;
    }).slice(0, 5).map(el => el.tagName + '#' + el.id + '.' + String(el.className).slice(0, 60));
    return {scroll: document.documentElement.scrollWidth, inner: window.innerWidth, wide};
}"""
# The chart cards' boxes, to tell side by side from stacked.
CARDS_JS = """() => [...document.querySelectorAll('.dash-graph')].map(g => {
    const card = g.closest('.card') || g;
    const box = card.getBoundingClientRect();
    return {id: g.id, left: box.left, right: box.right, top: box.top, bottom: box.bottom};
})"""


def assert_no_sideways_scroll(page, where: str) -> None:
    overflow = page.evaluate(OVERFLOW_JS)
    assert overflow["scroll"] <= overflow["inner"], f"{where}: {overflow}"


@pytest.mark.parametrize("path", PAGE_PATHS, ids=page_name)
def test_phone_stacks_the_page_and_hides_the_filters_behind_a_button(
    full_app, open_page, artifacts, path
):
    page = open_page(f"{full_app}{path}?lang=es", *PHONE)
    settle(page)
    assert_no_sideways_scroll(page, f"{path} at 390 px")
    panel = page.locator("#filter-collapse")
    toggle = page.locator("#filter-toggle")
    if page.locator("#filter-column").is_visible():  # pages without filters have no panel
        expect(panel).to_be_hidden()
        expect(toggle).to_be_visible()
    cards = page.evaluate(CARDS_JS)
    for card in cards:
        assert card["right"] <= PHONE[0] + 1, card
    tops = sorted(cards, key=lambda c: c["top"])
    for above, below in itertools.pairwise(tops):
        assert below["top"] >= above["bottom"] - 1, f"side by side on a phone: {above} {below}"
    page.screenshot(path=artifacts / f"phone-{page_name(path)}-es-390x844.png", full_page=True)


def test_phone_filters_open_and_close_without_overflow(full_app, open_page, artifacts):
    page = open_page(f"{full_app}/flujos?lang=en", *PHONE)
    settle(page)
    page.click("#filter-toggle")
    expect(page.locator("#filter-collapse")).to_be_visible(timeout=TIMEOUT_MS)
    expect(page.locator("#filter-sex")).to_be_visible()
    assert_no_sideways_scroll(page, "filters open at 390 px")
    page.screenshot(path=artifacts / "phone-flujos-en-390x844-filters-open.png")
    page.click("#filter-toggle")
    expect(page.locator("#filter-collapse")).to_be_hidden(timeout=TIMEOUT_MS)


@pytest.mark.parametrize("path", PAGE_PATHS, ids=page_name)
def test_laptop_shows_the_panel_beside_the_page_without_overflow(
    full_app, open_page, artifacts, path
):
    page = open_page(f"{full_app}{path}?lang=en", *LAPTOP)
    settle(page)
    assert_no_sideways_scroll(page, f"{path} at 1366 px")
    if page.locator("#filter-column").is_visible():
        expect(page.locator("#filter-collapse")).to_be_visible()
        expect(page.locator("#filter-toggle")).to_be_hidden()
    page.screenshot(path=artifacts / f"laptop-{page_name(path)}-en-1366x768.png", full_page=True)
