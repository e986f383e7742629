"""Browser-test harness: the app on a fresh SQLite database in a thread, Debian chromium via
Playwright, every off-host request aborted and recorded, every console error collected."""

from __future__ import annotations

import datetime as dt
import shutil
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import pytest
from werkzeug.serving import make_server

from etl.load import load_file
from observatory.config import Settings
from observatory.corridor import load_corridor
from observatory.db.engine import make_engine
from observatory.db.migrate import upgrade
from observatory.web import create_app
from tests.conftest import FIXTURES, TEST_PSEUDONYM_KEY
from tests.services import in_ci

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]
ARTIFACTS = Path(__file__).parent / "artifacts"
FIXTURE_CSV = FIXTURES / "web" / "border_office_small.csv"
ALLOWED_HOST = "127.0.0.1"


# (fixture path under tests/fixtures, source kind, load_file options, expected status)
Load = tuple[str, str, dict, str]


# Registry snapshots (one without a date), compliance registrations, contracts and one
# refused file: what the recruiters and data-quality pages need to show more than empty
# states (their browser test and the accessibility scan load them).
RECRUITER_PAGE_LOADS: tuple[Load, ...] = (
    ("recruiter_registry/registro_gt_2023-12-31.csv", "recruiter_registry", {}, "loaded"),
    (
        "recruiter_registry/registro_gt_2024_sin_fecha.csv",
        "recruiter_registry",
        {"as_of": dt.date(2024, 12, 31)},
        "loaded",
    ),
    ("recruiter_registry/registro_mx_2024-06-30.tsv", "recruiter_registry", {}, "loaded"),
    ("compliance/border_office_compliance.csv", "border_office", {}, "loaded"),
    ("contracts/contratos_2024.csv", "contracts", {}, "loaded"),
    ("border_office/vacio.csv", "border_office", {}, "refused"),
)


@contextmanager
def running_app(
    folder: Path, loads: Iterable[Load], *, loader: object | None = None, **settings: object
) -> Iterator[str]:
    """The app in a thread on a fresh SQLite file holding `loads`, loaded by the ETL.

    `settings` changes the app's Settings (e.g. `min_cell=1` to see every cell); `loader`
    is the uploads' loader that app.py passes to create_app.
    """
    url = f"sqlite:///{folder / 'observatory.db'}"
    engine = make_engine(url)
    upgrade(engine)
    corridor = load_corridor("gt_mx")
    for name, kind, options, status in loads:
        report = load_file(engine, FIXTURES / name, kind, corridor, TEST_PSEUDONYM_KEY, **options)
        assert report.status == status, (name, report.message)
    engine.dispose()
    app_settings = Settings(database_url=url, cache_type="NullCache", instance_dir=folder)
    app = create_app(app_settings.with_(**settings), loader=loader)
    server = make_server(ALLOWED_HOST, 0, app.server, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{ALLOWED_HOST}:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app holding the hand-written overview fixture (26 registrations, none faulty)."""
    loads = [(str(FIXTURE_CSV.relative_to(FIXTURES)), "border_office", {}, "loaded")]
    with running_app(tmp_path_factory.mktemp("web"), loads) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium, headless (never a downloaded browser)."""
    if not Path(CHROMIUM).exists():
        message = f"{CHROMIUM} is not installed (apt-get install chromium chromium-driver)"
        if in_ci():
            pytest.fail(f"{message}; CI must run the browser tests (see .ci/run)")
        pytest.skip(message)
    from playwright import sync_api as playwright_api

    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@dataclass
class Watch:
    """What a page did that a test must fail on: off-host requests and console errors."""

    off_host: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)


@pytest.fixture
def open_page(browser) -> Iterator[Callable[..., object]]:
    """Open a URL in a fresh browser context (a different user), watched for leaks and errors."""
    contexts, watches = [], []

    def _open(url: str, width: int = 1920, height: int = 1080):
        context = browser.new_context(viewport={"width": width, "height": height})
        contexts.append(context)
        watch = Watch()
        watches.append(watch)

        def route(route_):
            if urlparse(route_.request.url).hostname == ALLOWED_HOST:
                route_.continue_()
            else:  # tiles, glyphs, CDNs: the observatory must work without internet
                watch.off_host.append(route_.request.url)
                route_.abort()

        context.route("**/*", route)
        page = context.new_page()
        page.on(
            "console", lambda m: watch.console_errors.append(m.text) if m.type == "error" else None
        )
        page.on("pageerror", lambda e: watch.console_errors.append(f"page error: {e}"))
        page.goto(url)
        return page

    yield _open
    for context in contexts:
        context.close()
    off_host = [u for w in watches for u in w.off_host]
    errors = [e for w in watches for e in w.console_errors]
    assert not off_host, f"requests left {ALLOWED_HOST}: {off_host}"
    assert not errors, f"console errors: {errors}"


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """The (git-ignored) folder for screenshots and measurements, emptied once per run."""
    shutil.rmtree(ARTIFACTS, ignore_errors=True)
    ARTIFACTS.mkdir(parents=True)
    return ARTIFACTS
