"""The web app without a browser: the factory, the callbacks on a loaded fixture (SQLite and
PostgreSQL), error messages, the boundaries endpoint, and the cache on Redis."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
import redis

from etl.load import load_file
from observatory.config import Settings
from observatory.filters import Filter
from observatory.services import Observatory
from observatory.web import create_app
from observatory.web.cache import cache_config
from observatory.web.pages import overview
from observatory.web.state import View
from tests.conftest import FIXTURES, TEST_PSEUDONYM_KEY
from tests.services import REDIS_URL, require_service

# 26 registrations of 20 workers, Jan-Mar 2024: worked out in tests/fixtures/web/README.md.
FIXTURE = FIXTURES / "web" / "border_office_small.csv"
UNREACHABLE_DB = "postgresql+psycopg://nobody@127.0.0.1:9/nowhere"


def _settings(tmp_path: Path, **changes: object) -> Settings:
    defaults = {"database_url": UNREACHABLE_DB, "cache_type": "NullCache", "instance_dir": tmp_path}
    return Settings(**{**defaults, **changes})


def _kpi_texts(component) -> dict[str, str]:
    """{data-kpi: text} of the cards in a callback's returned component tree."""
    found: dict[str, str] = {}

    def walk(node) -> None:
        if node is None or isinstance(node, str):
            return
        if isinstance(node, (list, tuple)):
            for child in node:
                walk(child)
            return
        props = getattr(node, "__dict__", {})
        if "data-kpi" in props:
            found[props["data-kpi"]] = node.children
        walk(getattr(node, "children", None))

    walk(component)
    return found


def test_create_app_never_touches_the_database(tmp_path):
    app = create_app(_settings(tmp_path))  # the database does not even exist
    client = app.server.test_client()
    for path in ("/", "/_dash-layout", "/_dash-dependencies"):
        assert client.get(path).status_code == 200, path
    assert app.server.extensions["observatory"].engine.url.port == 9


def test_boundaries_are_served_small_and_revalidated(tmp_path, corridor):
    client = create_app(_settings(tmp_path)).server.test_client()
    response = client.get("/_observatory/boundaries.geojson")
    assert response.status_code == 200
    ids = {feature["id"] for feature in response.get_json()["features"]}
    assert ids == {unit.code for unit in corridor.admin1}
    assert len(response.data) < 250_000  # simplified for the browser
    again = client.get(
        "/_observatory/boundaries.geojson", headers={"If-None-Match": response.headers["ETag"]}
    )
    assert again.status_code == 304


def test_cache_follows_the_settings(tmp_path):
    files = cache_config(_settings(tmp_path, cache_type="FileSystemCache"))
    assert files["CACHE_DIR"] == str(tmp_path / "cache")
    on_redis = cache_config(
        _settings(tmp_path, cache_type="RedisCache", cache_redis_url="redis://example:6379/3")
    )
    assert on_redis["CACHE_REDIS_URL"] == "redis://example:6379/3"
    with pytest.raises(ValueError, match="Memcached"):
        cache_config(_settings(tmp_path, cache_type="Memcached"))


def test_page_layout_accepts_unknown_query_parameters():
    assert overview.layout(lang="en", utm_source="mail", sex="F") is not None
    assert overview.layout() is not None


def _load_fixture(engine, corridor) -> None:
    report = load_file(engine, FIXTURE, "border_office", corridor, TEST_PSEUDONYM_KEY)
    assert (report.status, report.rows_loaded) == ("loaded", 26)


def test_callbacks_compute_the_fixture(engine, corridor, tmp_path):
    _load_fixture(engine, corridor)
    app = create_app(_settings(tmp_path), observatory=Observatory(engine, corridor))
    with app.server.test_request_context():
        kpis = _kpi_texts(overview.update_kpis(View(Filter(), "en").store()))
        assert kpis == {
            "registrations_count": "26",
            "workers_count": "20",
            "share_women_pct": "40.0%",
            "share_minors_pct": "25.0%",
        }
        women = _kpi_texts(overview.update_kpis(View(Filter(sex=("F",)), "es").store()))
        assert women["registrations_count"] == "10"  # 8 women + 2 returns
        title, figure, note = overview.update_trend(View(Filter(), "es").store())
        assert "ene 2024 – mar 2024" in title
        assert list(figure.data[0].y) == [10, 9, 7]  # Jan, Feb, Mar registrations
        assert note.startswith("Fuente: registros de las oficinas de movilidad laboral")
        title, figure, _ = overview.update_map(View(Filter(), "en").store())
        origin = next(
            t
            for t in figure.data
            if t.type == "choroplethmap" and t.showscale is not False and "Origin" in t.name
        )
        assert dict(zip(origin.locations, origin.z, strict=True)) == {"GT-12": 20, "GT-13": 6}


class _Broken(Observatory):
    def indicator(self, indicator_id, flt):
        raise RuntimeError("database on fire")


def test_a_failing_indicator_shows_a_message_and_logs_the_traceback(
    sqlite_engine, corridor, tmp_path, caplog
):
    app = create_app(_settings(tmp_path), observatory=_Broken(sqlite_engine, corridor))
    with app.server.test_request_context(), caplog.at_level(logging.ERROR):
        alert = overview.update_kpis(View(Filter(), "es").store())
        assert alert.children.startswith("No se pudo calcular «")
        assert "database on fire" not in alert.children
        _, _, message = overview.update_trend(View(Filter(), "en").store())
        assert message.children.startswith("Could not compute “")
    assert "database on fire" in caplog.text


@pytest.mark.redis
def test_the_apps_cache_runs_on_redis(sqlite_engine, corridor, tmp_path):
    require_service("Redis", "127.0.0.1", 6379)
    client = redis.Redis.from_url(REDIS_URL)
    pattern = "observatory:gt_mx:overview_kpis|*"  # the app's prefix, then the service's key
    before = set(client.keys(pattern))
    _load_fixture(sqlite_engine, corridor)
    # The app builds its own engine, cache and service from the settings, as in production.
    settings = _settings(
        tmp_path,
        database_url=str(sqlite_engine.url),
        cache_type="RedisCache",
        cache_redis_url=REDIS_URL,
    )
    app = create_app(settings)
    try:
        with app.server.test_request_context():
            first = _kpi_texts(overview.update_kpis(View(Filter(), "en").store()))
            written = set(client.keys(pattern)) - before
            assert written, "nothing was written to Redis"
            second = _kpi_texts(overview.update_kpis(View(Filter(), "en").store()))
        assert first == second
    finally:
        for key in set(client.keys(pattern)) - before:
            client.delete(key)


def test_an_empty_database_shows_zeros_and_no_data_not_errors(sqlite_engine, corridor, tmp_path):
    app = create_app(_settings(tmp_path), observatory=Observatory(sqlite_engine, corridor))
    with app.server.test_request_context():
        kpis = _kpi_texts(overview.update_kpis(View(Filter(), "es").store()))
        assert kpis == {
            "registrations_count": "0",
            "workers_count": "0",
            "share_women_pct": "sin datos",
            "share_minors_pct": "sin datos",
        }
        title, figure, note = overview.update_trend(View(Filter(), "en").store())
        assert "no registrations" in title
        assert "nothing loaded yet" in note
        _, figure, _ = overview.update_map(View(Filter(), "en").store())
        assert figure.layout.map.style == "white-bg"
