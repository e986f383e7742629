"""Shared pieces of the accessibility, responsive and resilience browser tests: an app holding
data for every page, waiting until a page has drawn, and axe-core from npm (pinned in
tests/browser/axe/package-lock.json, installed there on first use, never committed)."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from observatory.web.pages import PAGES
from tests.browser.conftest import RECRUITER_PAGE_LOADS, running_app
from tests.services import in_ci

AXE_DIR = Path(__file__).parent / "axe"
AXE_JS = AXE_DIR / "node_modules" / "axe-core" / "axe.min.js"
TIMEOUT_MS = 30_000
LANGUAGES = ("es", "en")
PAGE_PATHS = tuple(page.path for page in PAGES)

# Registrations (flows), the registry snapshots, compliance, contracts and one refused file:
# every page has charts, tables and messages to check, not empty states only.
LOADS = (
    ("flows/registros_flujos_2022_2025.csv", "border_office", {}, "loaded"),
    *RECRUITER_PAGE_LOADS,
)

# Settled: the network is quiet and no Dash component is waiting for a callback.
SETTLED_JS = """() => document.querySelector('#_dash-app-content, #react-entry-point') !== null
    && document.querySelectorAll('[data-dash-is-loading="true"]').length === 0
    && document.querySelectorAll('.dash-graph').length ===
       document.querySelectorAll('.dash-graph .js-plotly-plot').length"""


@pytest.fixture(scope="module")
def full_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app (threshold 1: every cell shown) on a SQLite file with data for every page."""
    with running_app(tmp_path_factory.mktemp("web_a11y"), LOADS, min_cell=1) as url:
        yield url


def settle(page) -> None:
    """Wait until the page's callbacks have answered and its charts are drawn."""
    page.wait_for_load_state("networkidle", timeout=TIMEOUT_MS)
    page.wait_for_function(SETTLED_JS, timeout=TIMEOUT_MS)
    page.wait_for_load_state("networkidle", timeout=TIMEOUT_MS)


def page_name(path: str) -> str:
    """A file-name-safe name of a page path ("/" is the overview)."""
    return path.strip("/") or "overview"


def _missing(message: str) -> None:
    if in_ci():
        pytest.fail(f"{message}; CI must run the accessibility checks")
    pytest.skip(message)


@pytest.fixture(scope="session")
def axe_source() -> str:
    """axe.min.js, installed from the lock file with npm on first use."""
    if not AXE_JS.exists():
        npm = shutil.which("npm")
        if npm is None:
            _missing("npm is not installed (axe-core comes from npm)")
        command = [npm, "ci", "--no-audit", "--no-fund", "--prefix", str(AXE_DIR)]
        done = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)
        if done.returncode != 0 or not AXE_JS.exists():
            _missing(f"npm ci in {AXE_DIR} failed: {done.stderr.strip()[-500:]}")
    return AXE_JS.read_text(encoding="utf-8")
