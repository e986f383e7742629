"""The account pages and the account menu are accessible: axe-core finds no serious or
critical violation on sign-in, account, uploads, users and audit (es and en), and the
shell's skip link stays the first Tab stop with the menu in the dashboard."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from observatory.accounts import Accounts
from observatory.db.engine import make_engine
from observatory.db.migrate import upgrade
from tests.browser.a11y import axe_source, settle
from tests.browser.conftest import FIXTURE_CSV, running_app
from tests.browser.test_accessibility import FAILING_IMPACTS, readable, run_axe
from tests.conftest import FIXTURES

pytestmark = pytest.mark.browser
PASSWORD = "correct horse battery staple"
__all__ = ["axe_source"]  # a fixture of tests/browser/a11y.py, used below


@pytest.fixture(scope="module")
def accounts_url(tmp_path_factory):
    folder = tmp_path_factory.mktemp("accounts_a11y")
    engine = make_engine(f"sqlite:///{folder / 'observatory.db'}")
    upgrade(engine)
    accounts = Accounts(engine)
    accounts.create("boss", PASSWORD, "admin")
    engine.dispose()
    loads = [(str(FIXTURE_CSV.relative_to(FIXTURES)), "border_office", {}, "loaded")]
    with running_app(folder, loads, auth="on", secret_key="d" * 40) as url:
        yield url


def sign_in(page, username: str = "boss") -> None:
    page.fill("#username", username)
    page.fill("#password", PASSWORD)
    page.click("#login-submit")


@pytest.mark.parametrize("lang", ["es", "en"])
def test_the_account_pages_pass_axe(open_page, accounts_url, axe_source, lang):
    page = open_page(f"{accounts_url}/cuenta/entrar?lang={lang}")
    failing = {}
    failing["login"] = [v for v in run_axe(page, axe_source) if v["impact"] in FAILING_IMPACTS]
    sign_in(page)
    for path in ("cuenta", "cuenta/cargas", "cuenta/usuarios", "cuenta/auditoria"):
        page.goto(f"{accounts_url}/{path}?lang={lang}")
        expect(page.locator("h1")).to_be_visible()
        found = run_axe(page, axe_source)
        failing[path] = [v for v in found if v["impact"] in FAILING_IMPACTS]
    assert {k: readable(v) for k, v in failing.items() if v} == {}


def test_the_dashboard_with_the_account_menu_passes_axe_and_keeps_the_skip_link_first(
    open_page, accounts_url, axe_source
):
    page = open_page(f"{accounts_url}/cuenta/entrar?lang=en&next=/%3Flang%3Den")
    sign_in(page)
    settle(page)
    expect(page.locator("#account-menu")).to_contain_text("Sign out")
    failing = [v for v in run_axe(page, axe_source) if v["impact"] in FAILING_IMPACTS]
    assert failing == [], readable(failing)
    page.keyboard.press("Tab")
    first = page.evaluate("() => document.activeElement.className")
    assert "obs-skip" in first
    page.keyboard.press("Tab")
    second = page.evaluate("() => document.activeElement.closest('#account-menu') !== null")
    assert second
