"""Slow and broken connections in headless chromium: a callback that fails and a server that
cannot be reached for a while both show a notice, the rest of the page keeps working, and the
page recovers by itself without a reload (assets/observatory-connection.js)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from observatory.web.pages import overview
from tests.browser import a11y
from tests.browser.a11y import TIMEOUT_MS, settle

pytestmark = pytest.mark.browser
full_app = a11y.full_app

NOTICE = "#obs-connection"
CALLBACKS = "**/_dash-update-component*"
# Set before the trouble; still there after it: the page was never reloaded.
MARK_JS = "() => { window.__observatoryNotReloaded = true; }"
MARKED_JS = "() => window.__observatoryNotReloaded === true"


@pytest.fixture
def page(browser, full_app):
    """The overview in its own context (this test provokes console errors on purpose)."""
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    page = context.new_page()
    page.goto(f"{full_app}/?lang=es")
    settle(page)
    page.evaluate(MARK_JS)
    yield page
    context.close()


def switch_language(page, label: str) -> None:
    page.click(f".obs-language label:has-text('{label}')")


def test_a_failing_callback_shows_a_notice_and_the_rest_keeps_working(page, monkeypatch):
    def broken(*_args, **_kwargs):
        raise RuntimeError("a bug in the KPI cards")

    monkeypatch.setattr(overview, "kpi_cards", broken)
    switch_language(page, "English")
    notice = page.locator(NOTICE)
    expect(notice).to_be_visible(timeout=TIMEOUT_MS)
    expect(notice).to_have_attribute("data-state", "failed")
    expect(notice).to_have_attribute("role", "status")
    expect(notice).to_contain_text("Part of the page could not be updated")
    # everything else followed the switch: the shell and the charts' titles are in English
    expect(page.locator("#nav")).to_contain_text("Working conditions", timeout=TIMEOUT_MS)
    expect(page.locator("#overview-trend-title")).to_contain_text("Registrations")

    monkeypatch.undo()  # the bug is fixed; the next update of the cards succeeds
    switch_language(page, "Español")
    expect(notice).to_be_hidden(timeout=TIMEOUT_MS)
    expect(page.locator("[data-kpi=registrations_count]")).to_be_visible(timeout=TIMEOUT_MS)
    assert page.evaluate(MARKED_JS)


def test_an_unreachable_server_shows_a_notice_and_the_page_recovers_without_reload(page):
    page.route(CALLBACKS, lambda route: route.abort("connectionrefused"))
    switch_language(page, "English")
    notice = page.locator(NOTICE)
    expect(notice).to_be_visible(timeout=TIMEOUT_MS)
    expect(notice).to_have_attribute("data-state", "offline")
    page.wait_for_timeout(2500)  # still down after a couple of retries
    expect(notice).to_be_visible()
    assert "Condiciones de trabajo" in page.locator("#nav").inner_text()  # what was there stays

    page.unroute(CALLBACKS)  # the server is back
    expect(notice).to_be_hidden(timeout=TIMEOUT_MS)
    expect(page.locator("#nav")).to_contain_text("Working conditions", timeout=TIMEOUT_MS)
    expect(page.locator("#overview-trend-title")).to_contain_text("Registrations")
    expect(page.locator("[data-kpi=registrations_count]")).to_be_visible()
    assert page.evaluate(MARKED_JS)
