"""Page callbacks are built once per view and data version, on files and on Redis; a failure
is never kept; a new load is seen at once."""

from __future__ import annotations

import pytest
import redis

from etl.load import load_file
from observatory.config import Settings
from observatory.filters import Filter
from observatory.services import Observatory
from observatory.web import create_app
from observatory.web.memo import view_callback
from observatory.web.state import View
from tests.conftest import FIXTURES, TEST_PSEUDONYM_KEY
from tests.services import REDIS_URL, require_service

# tests/fixtures/web/border_office_small.csv: 26 registrations (tests/fixtures/web/README.md);
# tests/fixtures/indicators/border_office_may.csv adds 3 registrations in May 2024.
SMALL = FIXTURES / "web" / "border_office_small.csv"
MAY = FIXTURES / "indicators" / "border_office_may.csv"


def _registrations(view_data) -> int:
    """A stand-in page callback: the registrations of the view, and a call counter."""
    from observatory.web import context

    _registrations.calls += 1
    result = context.compute("registrations", View(Filter(), "es").filter, "es")
    return int(result.table["registrations_count"].iloc[0])


def _app(engine, tmp_path, **settings):
    base = Settings(
        database_url=str(engine.url), cache_type="FileSystemCache", instance_dir=tmp_path
    )
    return create_app(base.with_(analytics="sql", **settings))


@pytest.fixture
def loaded(sqlite_engine, corridor):
    report = load_file(sqlite_engine, SMALL, "border_office", corridor, TEST_PSEUDONYM_KEY)
    assert report.rows_loaded == 26
    return sqlite_engine


def test_a_view_is_built_once_and_rebuilt_after_a_load(loaded, corridor, tmp_path):
    app = _app(loaded, tmp_path)
    callback = view_callback(_registrations)
    _registrations.calls = 0
    view = View(Filter(), "es").store()
    with app.server.test_request_context():
        assert callback(view) == 26
        assert callback(view) == 26
        assert _registrations.calls == 1  # the second answer came from the cache
        assert callback(View(Filter(), "en").store()) == 26
        assert _registrations.calls == 2  # another view (language) is another entry
        report = load_file(loaded, MAY, "border_office", corridor, TEST_PSEUDONYM_KEY)
        assert callback(view) == 26 + report.rows_loaded  # the data version moved
        assert _registrations.calls == 3


class _FailsOnce(Observatory):
    failures = 1

    def indicator(self, indicator_id, flt):
        if _FailsOnce.failures:
            _FailsOnce.failures -= 1
            raise RuntimeError("database briefly away")
        return super().indicator(indicator_id, flt)


def _counting_failures(view_data):
    from observatory.web import context

    result = context.compute("registrations", Filter(), "es")
    return "error" if isinstance(result, context.Failure) else "ok"


def test_a_failed_view_is_not_kept(loaded, corridor, tmp_path):
    settings = Settings(
        database_url=str(loaded.url), cache_type="FileSystemCache", instance_dir=tmp_path
    )
    app = create_app(settings, observatory=_FailsOnce(loaded, corridor))
    callback = view_callback(_counting_failures)
    view = View(Filter(), "es").store()
    with app.server.test_request_context():
        assert callback(view) == "error"
        assert callback(view) == "ok"  # computed again, not served from the cache


@pytest.mark.redis
def test_page_outputs_are_kept_in_redis(loaded, tmp_path):
    require_service("Redis", "127.0.0.1", 6379)
    client = redis.Redis.from_url(REDIS_URL)
    pattern = "observatory:gt_mx:view|*"
    before = set(client.keys(pattern))
    app = _app(loaded, tmp_path, cache_type="RedisCache", cache_redis_url=REDIS_URL)
    from observatory.web.pages import overview

    callback = view_callback(overview.update_map)
    try:
        with app.server.test_request_context():
            first = callback(View(Filter(), "en").store())
            assert set(client.keys(pattern)) - before, "nothing was written to Redis"
            second = callback(View(Filter(), "en").store())  # unpickled figure and texts
        assert second == first
        assert second[1]["layout"]["map"]["style"] == "white-bg"  # the figure, as Dash sends it
    finally:
        for key in set(client.keys(pattern)) - before:
            client.delete(key)
