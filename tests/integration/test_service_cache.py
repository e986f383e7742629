"""Observatory memoization: no cache, NullCache, and the real Redis with invalidation by load."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import pandas as pd
import pytest
import redis
from flask import Flask
from flask_caching import Cache
from sqlalchemy import Engine, event

from etl.load import load_file
from observatory.filters import Filter
from observatory.services import Observatory
from tests.conftest import FIXTURES, TEST_PSEUDONYM_KEY
from tests.services import REDIS_URL, require_service

Q1 = FIXTURES / "indicators" / "border_office_q1.csv"  # 28 registrations (see test_indicators)
# 3 more registrations in May 2024, 3 new workers from Huehuetenango (by hand: 3 rows).
MAY = FIXTURES / "indicators" / "border_office_may.csv"
BY_ORIGIN = "registrations_by_origin"


def load(engine: Engine, corridor, path) -> int:
    report = load_file(engine, path, "border_office", corridor, TEST_PSEUDONYM_KEY)
    assert report.status == "loaded", report.message
    return report.batch_id


@contextmanager
def statements(engine: Engine) -> Iterator[list[str]]:
    """Collect the SELECT statements the engine runs inside the block (not BEGIN/COMMIT)."""
    seen: list[str] = []

    def record(conn, cursor, statement, parameters, context, executemany):
        if statement.lstrip().upper().startswith("SELECT"):
            seen.append(statement)

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", record)


def make_cache(config: dict) -> Cache:
    return Cache(Flask(__name__), config={"CACHE_NO_NULL_WARNING": True, **config})


@pytest.mark.parametrize("cache_config", [None, {"CACHE_TYPE": "NullCache"}], ids=["none", "null"])
def test_without_a_real_cache_every_call_computes(
    sqlite_engine: Engine, corridor, cache_config
) -> None:
    load(sqlite_engine, corridor, Q1)
    cache = make_cache(cache_config) if cache_config else None
    obs = Observatory(sqlite_engine, corridor, cache=cache)
    first = obs.indicator(BY_ORIGIN, Filter())
    with statements(sqlite_engine) as seen:
        second = obs.indicator(BY_ORIGIN, Filter())
    assert len(seen) > 2  # the version, the aggregates, the version again
    pd.testing.assert_frame_equal(first.table, second.table)


def test_cached_result_is_identical(sqlite_engine: Engine, corridor) -> None:
    load(sqlite_engine, corridor, Q1)
    obs = Observatory(sqlite_engine, corridor, cache=make_cache({"CACHE_TYPE": "SimpleCache"}))
    for indicator_id in [spec.id for spec in obs.specs()]:
        computed = obs.indicator(indicator_id, Filter(sex=("M",)))
        cached = obs.indicator(indicator_id, Filter(sex=("M",)))
        # <NA>, nullable dtypes and the suppressed flag survive the plain-value payload
        pd.testing.assert_frame_equal(computed.table, cached.table)
        assert cached.suppressed_cells == computed.suppressed_cells
        assert cached.spec is computed.spec


def test_cache_key_is_plain_text(sqlite_engine: Engine, corridor) -> None:
    obs = Observatory(sqlite_engine, corridor, min_cell=5)
    flt = Filter.from_query({"sex": "M,F", "border": "el_carmen"})
    key = obs.cache_key("flows", flt, 7, dt.date(2026, 11, 24))
    assert key == "flows|border=el_carmen&sex=F,M|7|5|2026-11-24"


@pytest.fixture
def redis_cache() -> Iterator[Cache]:
    """A RedisCache on database 15 under a key prefix of its own, removed afterwards."""
    require_service("Redis", "127.0.0.1", 6379)
    prefix = f"test_indicators_{uuid.uuid4().hex[:8]}_"
    cache = make_cache(
        {"CACHE_TYPE": "RedisCache", "CACHE_REDIS_URL": REDIS_URL, "CACHE_KEY_PREFIX": prefix}
    )
    yield cache
    client = redis.Redis.from_url(REDIS_URL)
    keys = list(client.scan_iter(match=f"{prefix}*"))  # only this test's keys, never FLUSHDB
    if keys:
        client.delete(*keys)
    client.close()


@pytest.mark.redis
def test_redis_serves_repeats_and_a_load_invalidates(
    engine: Engine, corridor, redis_cache: Cache
) -> None:
    load(engine, corridor, Q1)
    first_version = 1  # one successful load
    obs = Observatory(engine, corridor, cache=redis_cache)
    flt = Filter(origin=("GT-13",))

    with statements(engine) as seen:
        computed = obs.indicator("registrations", Filter())
    assert len(seen) >= 3  # data version, totals, data version again
    with statements(engine) as seen:
        cached = obs.indicator("registrations", Filter())
    assert len(seen) == 1 and "data_state" in seen[0]  # only the data version was read
    assert cached.table["registrations_count"].tolist() == [28]
    assert cached.data_version == computed.data_version == first_version
    assert redis_cache.get(obs.cache_key("registrations", Filter(), first_version)) is not None

    # Huehuetenango: 3 workers, hidden; the same call is then served from Redis.
    assert obs.indicator("registrations", flt).table["suppressed"].tolist() == [True]

    load(engine, corridor, MAY)
    second_version = 2
    assert obs.data_version() == second_version
    with statements(engine) as seen:
        fresh = obs.indicator("registrations", Filter())
    assert len(seen) >= 3  # the new version is a new key: computed again
    assert fresh.table["registrations_count"].tolist() == [31]  # 28 + 3 May rows
    assert fresh.data_version == second_version
    # Huehuetenango now counts 3 + 3 = 6 workers and 6 registrations: published.
    assert obs.indicator("registrations", flt).table["registrations_count"].tolist() == [6]
