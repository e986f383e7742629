"""Signing in, in headless chromium: a guarded page sends an anonymous visitor to the login
page and back; the Dash callbacks then run (the renderer sends the CSRF cookie back); a
wrong password and a too-low role get a clear page, and nothing leaves 127.0.0.1."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect

from observatory.accounts import Accounts
from observatory.db.engine import make_engine
from observatory.db.migrate import upgrade
from tests.browser.conftest import ALLOWED_HOST, FIXTURE_CSV, running_app
from tests.conftest import FIXTURES

pytestmark = pytest.mark.browser

PASSWORD = "correct horse battery staple"
TIMEOUT_MS = 20_000
# Chromium reports a document's refusal status on the console; those are the answers these
# tests ask for (a wrong password, a too-low role), not errors of the page.
EXPECTED_REFUSALS = {
    "Failed to load resource: the server responded with a status of 401 (UNAUTHORIZED)",
    "Failed to load resource: the server responded with a status of 403 (FORBIDDEN)",
}


@pytest.fixture
def open_secured(browser):
    """Like `open_page`, but a 401/403 document is expected: other console errors and any
    request leaving 127.0.0.1 still fail the test."""
    contexts, off_host, errors = [], [], []

    def _open(url: str):
        context = browser.new_context()
        contexts.append(context)

        def route(route_):
            if urlparse(route_.request.url).hostname == ALLOWED_HOST:
                route_.continue_()
            else:
                off_host.append(route_.request.url)
                route_.abort()

        context.route("**/*", route)
        page = context.new_page()
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(f"page error: {e}"))
        page.goto(url)
        return page

    yield _open
    for context in contexts:
        context.close()
    assert not off_host, off_host
    assert [e for e in errors if e not in EXPECTED_REFUSALS] == []


@pytest.fixture(scope="module")
def secured_url(tmp_path_factory):
    folder = tmp_path_factory.mktemp("secured")
    engine = make_engine(f"sqlite:///{folder / 'observatory.db'}")
    upgrade(engine)
    accounts = Accounts(engine)
    accounts.create("vera", PASSWORD, "viewer")
    accounts.create("ana", PASSWORD, "analyst")
    engine.dispose()
    loads = [(str(FIXTURE_CSV.relative_to(FIXTURES)), "border_office", {}, "loaded")]
    with running_app(folder, loads, auth="on", secret_key="b" * 40) as url:
        yield url


def sign_in(page, username: str, password: str = PASSWORD) -> None:
    page.fill("#username", username)
    page.fill("#password", password)
    page.click("#login-submit")


def test_a_guarded_page_asks_to_sign_in_then_shows_its_data(open_page, secured_url):
    page = open_page(f"{secured_url}/?lang=en")
    expect(page).to_have_url(f"{secured_url}/cuenta/entrar?next=/?lang%3Den")
    expect(page.locator("h1")).to_have_text("Entrar")
    sign_in(page, "vera")
    expect(page).to_have_url(f"{secured_url}/?lang=en")
    # The callbacks ran: the overview's KPI cards hold the fixture's numbers.
    expect(page.locator("[data-kpi=registrations_count]")).to_have_text("26", timeout=TIMEOUT_MS)


def test_a_wrong_password_says_so_and_a_low_role_is_refused(open_secured, secured_url):
    page = open_secured(f"{secured_url}/cuenta/entrar?lang=en")
    sign_in(page, "ana", "not the password")
    expect(page.locator("#login-message")).to_have_text("Wrong username or password.")
    sign_in(page, "vera")
    page.goto(f"{secured_url}/cuenta/usuarios?lang=en")
    expect(page.locator("h1")).to_have_text("Access not allowed")


@pytest.fixture(scope="module")
def steward_url(tmp_path_factory):
    """The app with a Guatemalan steward, and the ETL's loader for browser uploads."""
    from etl.intake import UploadLoader
    from observatory.corridor import load_corridor
    from tests.conftest import TEST_PSEUDONYM_KEY

    folder = tmp_path_factory.mktemp("steward")
    engine = make_engine(f"sqlite:///{folder / 'observatory.db'}")
    upgrade(engine)
    Accounts(engine).create("guate", PASSWORD, "steward", "GT")
    loader = UploadLoader(engine, load_corridor("gt_mx"), TEST_PSEUDONYM_KEY)
    with running_app(folder, [], auth="on", secret_key="c" * 40, loader=loader) as url:
        yield url


def test_a_steward_loads_a_file_from_the_browser(open_secured, steward_url):
    page = open_secured(f"{steward_url}/cuenta/cargas?lang=en")
    sign_in(page, "guate")
    expect(page.locator("h1")).to_have_text("Load files")
    page.select_option("#source_kind", "border_office")
    page.set_input_files(
        "#file", str(FIXTURES / "border_office" / "registros_tecun_uman_2024T1.csv")
    )
    page.click("#upload-form button[type=submit]")
    # The dry run's report (the page refreshes itself while the check runs).
    expect(page.locator("#job-status")).to_have_text("ready to load", timeout=TIMEOUT_MS)
    expect(page.locator("#job-report")).to_contain_text("29")
    # 8 quarantined rows, one line per faulty field: one row has two.
    expect(page.locator("#job-quarantine tbody tr")).to_have_count(9, timeout=TIMEOUT_MS)
    page.click("#job-commit")
    expect(page.locator("#job-status")).to_have_text("loaded", timeout=TIMEOUT_MS)
    expect(page.locator("#quarantine-download")).to_be_visible()
    page.goto(f"{steward_url}/?lang=en")
    expect(page.locator("[data-kpi=registrations_count]")).to_have_text("20", timeout=TIMEOUT_MS)
